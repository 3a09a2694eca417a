"""Configuration: `[tool.zhcheck]` in pyproject.toml or a `zhcheck.toml`.

The file is searched from the working directory upwards; the first
`zhcheck.toml`/`.zhcheck.toml`, or `pyproject.toml` with a `[tool.zhcheck]`
table, wins. Unknown keys and bad values raise ConfigError naming the key.
Relative paths in the file are relative to the file's directory.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from zhcheck.errors import ConfigError, InputError
from zhcheck.finding import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
#: the report formats (zhcheck.report.FORMATS implements each)
FORMAT_CHOICES = ("text", "json", "sarif", "github", "html", "rdjson", "gitlab")
#: what directory walks pick up by default: plain text, Markdown, HTML, Word
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.docx")
#: the largest config or word-list file read
MAX_CONFIG_BYTES = 64 * 1024 * 1024
TYPOGRAPHY_CHOICES = ("file", "paragraph", "full")


@dataclass
class Config:
    """Effective settings for one run (file values overridden by CLI options)."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    min_severity: Severity = Severity.INFO
    fail_on: str = "warning"
    format: str = "text"
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    #: directory walks skip what the `.gitignore` files ignore
    respect_gitignore: bool = True
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    max_file_size: int = 20  # MiB
    color: bool | None = None
    #: typography findings in the text and GitHub reports: folded per "file" or "paragraph", or "full"
    typography: str = "file"
    #: worker processes for `check` (None: all cores)
    jobs: int | None = None
    #: use the result cache
    cache: bool = True
    #: where the result cache lives (relative to `root`, or an fsspec URL a cluster's workers share)
    cache_dir: str = ".zhcheck_cache"
    #: the file name standard input stands for (its suffix gives the format)
    stdin_filename: str | None = None
    #: Dask scheduler to run `check` on ("tcp://host:8786", or "local" for a LocalCluster; None: no cluster)
    scheduler: str | None = None
    #: where a cluster run keeps its intermediate files (a URL all workers reach; None: see cluster_scratch)
    scratch: str | None = None
    #: files per task of a cluster run, and its join tasks (zhcheck.run.cluster: size them to the archive)
    cluster_partition_files: int = 200
    cluster_join_tasks: int = 16
    #: where the settings came from (None: defaults only)
    source: str | None = None
    #: directory that relative paths (words, exclude, per-file-ignores) refer to
    root: str = field(default_factory=os.getcwd)
    _user_words: frozenset[str] | None = field(default=None, repr=False, compare=False)

    # derived -------------------------------------------------------------
    @property
    def cache_path(self) -> str:
        """The cache directory, resolved against the config file's directory (a URL as it is)."""
        if os.path.isabs(self.cache_dir) or "://" in self.cache_dir:
            return self.cache_dir
        return os.path.join(self.root, self.cache_dir)

    @property
    def cluster_scratch(self) -> str | None:
        """Where a cluster run keeps intermediate files: `scratch`, else under a shared (URL)
        cache, else None (a temporary directory: enough for a LocalCluster or a shared disk)."""
        if self.scratch:
            return (
                self.scratch
                if "://" in self.scratch or os.path.isabs(self.scratch)
                else os.path.join(self.root, self.scratch)
            )
        if "://" in self.cache_dir:
            return self.cache_dir.rstrip("/") + "/scratch"
        return None

    @property
    def max_bytes(self) -> int:
        return self.max_file_size * 1024 * 1024

    def user_words(self) -> frozenset[str]:
        """Terms from the `words` files (loaded once; `#` starts a comment)."""
        if self._user_words is None:
            terms: set[str] = set()
            for p in self.words:
                path = Path(p) if os.path.isabs(p) else Path(self.root) / p
                where = f"{self.source}: " if self.source else ""
                try:
                    text = _read_text(path)
                except InputError as exc:
                    raise ConfigError(f"{where}words: cannot read word list {str(path)!r} ({exc})") from None
                except UnicodeDecodeError:
                    raise ConfigError(f"{where}words: word list {str(path)!r} is not UTF-8 text") from None
                for line in text.splitlines():
                    term = line.split("#", 1)[0].strip()
                    if term:
                        terms.add(term.split()[0])
            self._user_words = frozenset(terms)
        return self._user_words

    def replace(self, **changes: Any) -> Config:
        """A copy with some settings changed (None values are ignored)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if v is not None})
        values["_user_words"] = None
        return Config(**values)


# --- validation ------------------------------------------------------------------


def _str_list(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected a list of strings, got {value!r}")
    return list(value)


def _selectors(key: str, value: Any) -> list[str]:
    from zhcheck.registry import known_selector

    out = _str_list(key, value)
    for s in out:
        if not known_selector(s):
            raise ConfigError(f"{key}: unknown rule selector {s!r} (see `zhcheck rules`)")
    return out


def _severity(key: str, value: Any) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a string, got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{key}: {exc}") from None


def _choice(choices: tuple[str, ...]) -> Callable[[str, Any], str]:
    def check(key: str, value: Any) -> str:
        if not isinstance(value, str) or value.lower() not in choices:
            raise ConfigError(f"{key}: expected one of {', '.join(choices)}, got {value!r}")
        return value.lower()

    return check


def _positive_int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{key}: expected a positive integer, got {value!r}")
    return value


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key}: expected a non-empty string, got {value!r}")
    return value


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key}: expected true or false, got {value!r}")
    return value


def _per_file_ignores(key: str, value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table of glob = [codes], got {value!r}")
    return {str(g): _selectors(f"{key}.{g}", v) for g, v in value.items()}


def _severity_overrides(key: str, value: Any) -> dict[str, Severity]:
    from zhcheck.registry import get_rule

    if not isinstance(value, dict):
        raise ConfigError(f'{key}: expected a table of CODE = "error|warning|info", got {value!r}')
    out: dict[str, Severity] = {}
    for code, level in value.items():
        r = get_rule(str(code))
        if r is None:
            raise ConfigError(f"{key}.{code}: unknown rule")
        out[r.code] = _severity(f"{key}.{code}", level)
    return out


#: file key -> (Config attribute, validator). Other modules may add keys with `register_key`.
_KEYS: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
    "select": ("select", _selectors),
    "extend-select": ("extend_select", _selectors),
    "ignore": ("ignore", _selectors),
    "min-severity": ("min_severity", _severity),
    "fail-on": ("fail_on", _choice(FAIL_ON_CHOICES)),
    "format": ("format", lambda k, v: _choice(FORMAT_CHOICES)(k, v)),
    "include": ("include", _str_list),
    "exclude": ("exclude", _str_list),
    "respect-gitignore": ("respect_gitignore", _bool),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "severity": ("severity", _severity_overrides),
    "words": ("words", _str_list),
    "max-file-size": ("max_file_size", _positive_int),
    "color": ("color", _bool),
    "typography": ("typography", _choice(TYPOGRAPHY_CHOICES)),
    "jobs": ("jobs", _positive_int),
    "cache": ("cache", _bool),
    "cache-dir": ("cache_dir", _string),
    "scheduler": ("scheduler", _string),
    "scratch": ("scratch", _string),
    "cluster-partition-files": ("cluster_partition_files", _positive_int),
    "cluster-join-tasks": ("cluster_join_tasks", _positive_int),
}


def register_format(name: str) -> None:
    """Allow another output format name in `format` (reporters call this)."""
    global FORMAT_CHOICES
    if name not in FORMAT_CHOICES:
        FORMAT_CHOICES = (*FORMAT_CHOICES, name)


def from_mapping(data: dict[str, Any], source: str | None = None, root: str | None = None) -> Config:
    """Build a Config from a `[tool.zhcheck]`-style mapping, validating every key."""
    where = f"{source}: " if source else ""
    values: dict[str, Any] = {}
    for key, raw in data.items():
        norm = key.replace("_", "-")
        if norm not in _KEYS:
            close = difflib.get_close_matches(norm, _KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}unknown key {key!r}{hint}")
        attr, validate = _KEYS[norm]
        try:
            values[attr] = validate(norm, raw)
        except ConfigError as exc:
            raise ConfigError(f"{where}{exc}") from None
    cfg = Config(source=source, root=root or os.getcwd(), **values)
    if source:
        cfg.user_words()  # fail early on unreadable word lists
    return cfg


def find_config(start: str | None = None) -> Path | None:
    """The nearest config file from `start` (default: cwd) upwards, or None."""
    here = Path(start or os.getcwd()).resolve()
    for d in (here, *here.parents):
        for name in ("zhcheck.toml", ".zhcheck.toml"):
            if (d / name).is_file():
                return d / name
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                if "zhcheck" in _read_toml(py).get("tool", {}):
                    return py
            except ConfigError:
                raise
    return None


def _read_text(path: Path) -> str:
    """A config or word-list file's text (a regular file, at most MAX_CONFIG_BYTES).

    Raises InputError (with the reason) or UnicodeDecodeError (not UTF-8; a BOM is allowed).
    """
    from zhcheck.files import read_regular

    data, _ = read_regular(str(path), MAX_CONFIG_BYTES)
    return data.decode("utf-8-sig")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(path))
    except InputError as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML (nested too deeply)") from None


def load_config(path: str | os.PathLike[str] | None = None, *, discover: bool = True) -> Config:
    """Load the given config file, or the discovered one, or defaults."""
    if path is None:
        found = find_config() if discover else None
        if found is None:
            return Config()
        path = found
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: config file not found")
    data = _read_toml(p)
    if p.name == "pyproject.toml":
        section = data.get("tool", {}).get("zhcheck")
        if section is None:
            raise ConfigError(f"{p}: no [tool.zhcheck] table")
        data = section
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a table")
    return from_mapping(data, source=str(p), root=str(p.parent.resolve()))


def coerce(config: Config | dict[str, Any] | None) -> Config:
    """Accept a Config, a mapping of config keys, or None (defaults)."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, dict):
        return from_mapping(config)
    raise TypeError(f"config must be a Config or a dict, not {type(config).__name__}")


def path_matches(path: str, patterns: Iterable[str], root: str) -> bool:
    """Glob match a path (relative to `root` when possible) against patterns."""
    from fnmatch import fnmatch

    rel = os.path.relpath(os.path.abspath(path), root) if root else path
    rel = rel.replace(os.sep, "/")
    name = os.path.basename(path)
    for pat in patterns:
        if fnmatch(rel, pat) or fnmatch(name, pat) or fnmatch(rel, pat.rstrip("/") + "/*"):
            return True
        if any(fnmatch(part, pat) for part in rel.split("/")[:-1]):
            return True
    return False
