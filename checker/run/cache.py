"""The result cache: per-file outcomes keyed by content, effective config and versions.

An entry holds what checking one file produced (findings, encoding, suppressions,
and the values corpus rules collected), so an unchanged file is not checked again.
Its key hashes the file's bytes and path, every config setting that can change
findings, the zhcheck version, and a fingerprint of the rule code and data
(`rules/`, `checker/`) and of the dictionary packages. Any change to one of them
misses the cache; stale entries are simply never read again.

Entries are pickles sealed with the format version and a checksum, written
atomically (temp file + rename), so concurrent workers and interrupted runs never
leave a torn entry, and a corrupt one (a flipped bit) is a miss, then rewritten.
The directory (default `.zhcheck_cache/`) holds a CACHEDIR.TAG and a
`.gitignore` so backups and git leave it alone.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhcheck import __version__
from zhcheck.run import wire

if TYPE_CHECKING:
    from zhcheck.document import Document
    from zhcheck.engine import Engine, FileResult

DEFAULT_DIR = ".zhcheck_cache"
#: bump when the entry layout changes
FORMAT = 4
#: packages whose data changes the engine's results (decoding; rjieba's copy of the dictionary);
#: plugins name theirs. The segmenter's own index is under checker/, hashed with the code.
_ENGINE_DATA_PACKAGES = ("charset_normalizer", "rjieba")
#: Config fields left out of the key: presentation and discovery settings, and
#: those the key covers more precisely (the rules enabled for the path, the words)
_NOT_IN_KEY = {
    "per_file_ignores",
    "format",
    "color",
    "fail_on",
    "include",
    "exclude",
    "respect_gitignore",
    "source",
    "root",
    "words",
    "_user_words",
    "jobs",
    "cache",
    "cache_dir",
    "stdin_filename",
    "scheduler",
    "scratch",
    "cluster_partition_files",
    "cluster_join_tasks",
}
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by zhcheck.\n"


@functools.cache
def code_fingerprint() -> str:
    """Hash of the engine's and the rule plugins' sources and data (name, size, mtime) and of
    the versions of the packages whose data they read: changes whenever a rule could behave
    differently."""
    from zhcheck import registry

    h = hashlib.blake2b(digest_size=16)
    h.update(f"zhcheck {__version__} cache {FORMAT}\n".encode())
    packages = list(_ENGINE_DATA_PACKAGES)
    for module in [sys.modules[__name__.split(".")[0]], *registry.plugins()]:
        for base in getattr(module, "__path__", None) or [os.path.dirname(module.__file__ or "")]:
            _hash_tree(h, module.__name__, base)
        packages += getattr(module, "DATA_PACKAGES", ())
    for package in dict.fromkeys(packages):  # installed or upgraded packages rewrite their files
        h.update(f"{package}:{_installed_stamp(package)}\n".encode())
    return h.hexdigest()


def _hash_tree(h: Any, name: str, base: str) -> None:
    """Feed every file under `base` (relative name, size, mtime) into `h`."""
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for fname in sorted(files):
            if fname.endswith((".pyc", ".pyo")):
                continue
            p = os.path.join(root, fname)
            try:
                st = os.stat(p)
            except OSError:
                continue
            rel = os.path.relpath(p, base)
            h.update(f"{name}/{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())


def _installed_stamp(module: str) -> str:
    """Size and mtime of a package's entry file and of its directory (no import, no metadata scan)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return "-"
    stamps = []
    for p in (spec.origin, os.path.dirname(spec.origin)):
        try:
            st = os.stat(p)
            stamps.append(f"{st.st_size}/{st.st_mtime_ns}")
        except OSError:
            stamps.append("?")
    return f"{spec.origin}:{','.join(stamps)}"


def config_fingerprint(engine: Engine, path: str) -> str:
    """Hash of every setting that can change the findings of the file at `path`."""
    cfg = engine.config
    parts: list[str] = []
    for f in fields(cfg):
        if f.name in _NOT_IN_KEY:
            continue
        parts.append(f"{f.name}={_stable(getattr(cfg, f.name))}")
    parts.append("rules=" + ",".join(r.code for r in engine.rules_for(path)))
    parts.append("words=" + "\0".join(sorted(engine.context.user_words)))
    parts.append(f"options={_stable(engine.context.options)}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _stable(value: Any) -> str:
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
            + "}"
        )
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(v) for v in value]
        return "[" + ",".join(sorted(items) if isinstance(value, (set, frozenset)) else items) + "]"
    return repr(getattr(value, "value", value))


def entry_key(data: bytes, path: str, engine: Engine) -> str:
    """The cache key of one file's content checked at `path` by `engine`."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    h.update(b"\0")
    h.update(config_fingerprint(engine, path).encode())
    h.update(b"\0")
    # the path as given (findings carry it) and where it points (a URL points at itself)
    where = path if "://" in path else os.path.abspath(path)
    h.update(f"{path}\0{where}".encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


#: the start of every entry file: magic, format version; then a digest of the payload
_MAGIC = b"ZHCACHE"
_DIGEST = 32
#: the largest entry read (a bigger file is not one of ours)
_MAX_ENTRY = 1 << 30


def seal(payload: bytes) -> bytes:
    """An entry file's bytes: magic, format version, checksum, payload."""
    return _MAGIC + bytes([FORMAT]) + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload


def unseal(data: bytes) -> bytes | None:
    """The payload of an entry file, or None when it is torn, flipped, foreign or of another format."""
    head = len(_MAGIC) + 1
    if len(data) < head + _DIGEST or data[:head] != _MAGIC + bytes([FORMAT]):
        return None
    payload = data[head + _DIGEST :]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != data[head : head + _DIGEST]:
        return None
    return payload


class ResultCache:
    """A directory of cached file results.

    Each entry file is sealed with the format version and a checksum of its content: a
    torn, truncated or bit-flipped entry is a miss (and is rewritten by the run that
    misses it), never an error and never a changed report. Entries are written through
    descriptors of the cache's own directories, never through a symbolic link planted in it.
    """

    def __init__(self, directory: str | os.PathLike[str] = DEFAULT_DIR) -> None:
        self.directory = Path(directory)
        self._ready = False

    def _parts(self, key: str) -> tuple[str, str, str]:
        return f"v{FORMAT}", key[:2], key[2:]

    def _path(self, key: str) -> Path:
        return self.directory.joinpath(*self._parts(key))

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored entry for `key`, or None (missing, unreadable or corrupt)."""
        from zhcheck.errors import InputError
        from zhcheck.files import read_regular

        try:
            data, _ = read_regular(str(self._path(key)), _MAX_ENTRY, follow_symlinks=False)
        except InputError:
            return None
        payload = unseal(data)
        if payload is None:
            return None
        try:
            entry = pickle.loads(payload)
        except Exception:  # sealed but unreadable (an incompatible Python): a miss
            return None
        return entry if isinstance(entry, dict) and entry.get("key") == key else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store an entry atomically; failures to write (read-only disk...) are ignored."""
        from zhcheck.files import Ownership, replace_in

        *dirs, name = self._parts(key)
        try:
            self._prepare()
            payload = pickle.dumps({**entry, "key": key}, protocol=pickle.HIGHEST_PROTOCOL)
            fd = self._open_dirs(dirs)
            try:
                replace_in(fd, name, seal(payload), Ownership(0o600))
            finally:
                os.close(fd)
        except OSError:
            return

    def _open_dirs(self, parts: list[str]) -> int:
        """A descriptor of the cache's subdirectory `parts`, created as needed, no link followed."""
        from zhcheck.files import open_dir

        fd = open_dir(str(self.directory))
        try:
            for part in parts:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o777, dir_fd=fd)
                sub = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
                os.close(fd)
                fd = sub
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _prepare(self) -> None:
        if self._ready:
            return
        from zhcheck.files import create_exclusive

        self.directory.mkdir(parents=True, exist_ok=True)
        for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "# created by zhcheck\n*\n")):
            create_exclusive(str(self.directory / name), content.encode("utf-8"))
        self._ready = True


def from_entry(entry: dict[str, Any], doc: Document, explicit: bool) -> FileResult | None:
    """The result `to_entry` stored, for the same document; None for an entry of another
    layout (a miss: the file is checked again)."""
    from zhcheck.engine import FileResult

    try:
        return FileResult(
            doc.path,
            findings=wire.decode(entry["findings"], doc.source_text),
            encoding=entry["encoding"],
            chars=entry["chars"],
            explicit=explicit,
            suppressions=list(entry["suppressions"]),
            collected=dict(entry["collected"]),
            document=doc,
        )
    except Exception:  # an entry of another layout: a miss
        return None


def to_entry(result: FileResult) -> dict[str, Any]:
    """What is stored for a checked file (everything but the document)."""
    return {
        "encoding": result.encoding,
        "chars": result.chars,
        "findings": wire.encode(result.findings, result.document.source_text if result.document is not None else None),
        "suppressions": result.suppressions,
        "collected": result.collected,
    }
