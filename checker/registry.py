"""The rule registry: rules declare themselves here; the engine looks them up.

A document rule is a function decorated with `@rule(...)`. It receives the
Document and a RuleContext and yields `Hit`s; the engine turns hits into
Findings (adding rule metadata, line/column and the flagged text). Its
docstring is the rule's long description (`zhcheck explain CODE`).

A corpus rule (`@corpus_rule(...)` on a CorpusCheck subclass) sees every
document of a run: `collect` runs per document (in worker processes, results
cacheable and picklable), `finalize` runs once over all collected values, or,
declared as a keyed join (`keys`/`reduce`/`assemble`), the same steps run on a
cluster without gathering the collected values anywhere.

`checker` never imports a specific rule: `load_rules()` loads the plugins named
by the `zhcheck.rules` entry point group (as flake8 finds its plugins); the
built-in families are one such plugin, `rules`, whose modules register
themselves on import. A plugin module may name, in `DATA_PACKAGES`, installed
packages whose data changes its findings (the result cache keys on them).
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from zhcheck.finding import Category, Fix, Severity, Span
from zhcheck.lazyre import lazy

if TYPE_CHECKING:
    from zhcheck.document import Document, Kind


@dataclass(frozen=True)
class Hit:
    """What a rule reports: a span plus explanation; the engine adds the rest."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    related: tuple[Span, ...] = ()
    fix: Fix | None = None
    severity: Severity | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CorpusHit(Hit):
    """A hit produced by a corpus rule: it names its file and carries its location."""

    path: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    text: str = ""
    #: the file's position in the run (the `ref` of `CorpusCheck.keys`), when the rule knows
    #: it: a cluster run routes the hit to its file by it (else by path)
    ref: int = -1


@dataclass
class RuleContext:
    """What a rule may know besides the document: the run's configuration."""

    user_words: frozenset[str] = frozenset()
    options: dict[str, Any] = field(default_factory=dict)

    def is_user_word(self, text: str) -> bool:
        """True when `text` is, or contains, a term from the user's word lists."""
        if text in self.user_words:
            return True
        return any(w in text for w in self.user_words if len(w) <= len(text))


CheckFn = Callable[["Document", RuleContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation plus its check."""

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    description: str
    bad: str
    good: str
    check: CheckFn | None = None
    corpus: type[CorpusCheck] | None = None
    default_enabled: bool = True
    module: str = ""
    title_zh: str = ""  # a one-line Chinese title for editors (the HTML report); "" = use `summary`
    #: the rule's fixes, English description (Fix.description) -> Chinese label for editors
    fix_labels: Mapping[str, str] = field(default_factory=dict, hash=False)
    #: how baseline format 1 recorded the rule's findings: "" as they are now; "paragraph":
    #: one entry per paragraph, spanning its first finding to its last (baselines match both)
    baseline_v1_span: str = ""
    #: a finding of a claiming rule claims its span: the engine drops the findings of rules of
    #: lower `priority` that lie inside it (one finding for a block of page debris, not ten)
    claims: bool = False
    priority: int = 0

    @property
    def fixable(self) -> bool:
        """True when the rule's findings can carry a fix (it declares their labels)."""
        return bool(self.fix_labels)

    def fix_label(self, description: str) -> str:
        """The Chinese label of one of this rule's fixes (the description itself if it has none)."""
        return self.fix_labels.get(description, description)

    @property
    def is_corpus(self) -> bool:
        return self.corpus is not None

    @property
    def display_title(self) -> str:
        """The Chinese title, or the English summary for a rule without one."""
        return self.title_zh or self.summary

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "summary": self.summary,
            "description": self.description,
            "bad": self.bad,
            "good": self.good,
            "default_enabled": self.default_enabled,
            "fixable": self.fixable,
            "title_zh": self.title_zh,
        }


class CorpusCheck:
    """Base class for corpus (cross-document) rules.

    `collect` runs per document; the run-wide step is either `finalize` alone (all
    collected values in one process) or, for rules that must scale past one machine,
    a keyed join declared by four methods the engine runs in the same order locally
    (`finalize`'s default) and on a cluster (`zhcheck.run.cluster`):

    1. `keys(ref, path, value, ctx)`: per file, (key, item) pairs (a map; `ref` is
       the file's position in the run, so items can be ordered by input order);
    2. `combine(key, items)`: optional, merges one partition's items of a key early
       (the cluster applies it before the shuffle; the result must be a valid input
       of `reduce` as well);
    3. `reduce(key, items, ctx)`: per key, over its items in input order: small
       results (candidate edges, partial matches), in workers;
    4. `assemble(results, ctx)`: every result of every key, in the driver: the
       findings (in any order; the engine sorts them).

    Only `reduce`'s results reach the driver, so they must stay small (proportional
    to what is found, not to the corpus). Keys and items must be picklable; keys
    are bytes, str, int or tuples of them (they are partitioned by a stable hash).
    """

    def collect(self, doc: Document, ctx: RuleContext) -> Any:
        """Per-document summary (must be picklable); runs in worker processes."""
        raise NotImplementedError

    def finalize(self, collected: list[tuple[str, Any]], ctx: RuleContext) -> Iterable[CorpusHit]:
        """Findings over all (path, collected value) pairs of the run: by default the
        keyed join (`keys`, `combine`, `reduce`, `assemble`) run in this process."""
        if not self.is_keyed():
            raise NotImplementedError
        groups: dict[Any, list[Any]] = {}
        for ref, (path, value) in enumerate(collected):
            for key, item in self.keys(ref, path, value, ctx):
                bucket = groups.get(key)
                if bucket is None:
                    groups[key] = [item]
                else:
                    bucket.append(item)
        results = (r for key, items in groups.items() for r in self.reduce(key, self.combine(key, items), ctx))
        return self.assemble(results, ctx)

    @classmethod
    def is_keyed(cls) -> bool:
        """True when the rule declares its run-wide step as a keyed join (it can run on a cluster)."""
        return cls.keys is not CorpusCheck.keys

    def keys(self, ref: int, path: str, value: Any, ctx: RuleContext) -> Iterable[tuple[Any, Any]]:
        """The (key, item) pairs of one file's collected value."""
        raise NotImplementedError

    def combine(self, key: Any, items: list[Any]) -> list[Any]:
        """Merge items of one key early (default: keep them as they are)."""
        return items

    def reduce(self, key: Any, items: list[Any], ctx: RuleContext) -> Iterable[Any]:
        """Small results from the items of one key (in input order)."""
        raise NotImplementedError

    def assemble(self, results: Iterable[Any], ctx: RuleContext) -> Iterable[CorpusHit]:
        """The findings, from every key's results."""
        raise NotImplementedError


_CODE_RE = lazy(r"^[A-Z][0-9]{3}$")
_NAME_RE = lazy(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_REGISTRY: dict[str, Rule] = {}
#: the entry point group plugins register under (pyproject: [project.entry-points."zhcheck.rules"])
ENTRY_POINT_GROUP = "zhcheck.rules"
_PLUGINS: list[ModuleType] = []
_LOADED = False


def _register(r: Rule) -> None:
    if not _CODE_RE.match(r.code):
        raise ValueError(f"rule code {r.code!r} must look like D101")
    if not _NAME_RE.match(r.name):
        raise ValueError(f"rule name {r.name!r} must be kebab-case")
    if r.code in _REGISTRY and _REGISTRY[r.code].module != r.module:
        raise ValueError(f"rule code {r.code} registered twice")
    if r.claims and r.priority <= 0:
        raise ValueError(f"rule {r.code} claims its spans: give it a priority above 0")
    for other in _REGISTRY.values():
        if other.name == r.name and other.code != r.code:
            raise ValueError(f"rule name {r.name} used by {other.code} and {r.code}")
    _REGISTRY[r.code] = r


def _described(target: Any, code: str, name: str, category: Category, severity: Severity, **fields: Any) -> Rule:
    """The Rule for a registered function or class: its docstring is the description."""
    description = inspect.cleandoc(target.__doc__ or "").strip()
    return Rule(code, name, category, severity, description=description, module=target.__module__, **fields)


def rule(
    code: str,
    name: str,
    category: Category,
    severity: Severity,
    *,
    summary: str,
    bad: str,
    good: str,
    default_enabled: bool = True,
    title_zh: str = "",
    fix_labels: Mapping[str, str] | None = None,
    baseline_v1_span: str = "",
    claims: bool = False,
    priority: int = 0,
) -> Callable[[CheckFn], CheckFn]:
    """Register a document rule. The function's docstring is its description; `fix_labels`
    maps each fix description the rule uses to its Chinese label (a rule with one is fixable);
    `baseline_v1_span="paragraph"` says that format-1 baselines recorded its findings one per
    paragraph (they still match). With `claims`, each finding claims its span: findings of
    rules of lower `priority` inside it are dropped (see `zhcheck.engine.drop_claimed`)."""

    def deco(fn: CheckFn) -> CheckFn:
        meta = dict(
            summary=summary,
            bad=bad,
            good=good,
            default_enabled=default_enabled,
            title_zh=title_zh,
            fix_labels=dict(fix_labels or {}),
            baseline_v1_span=baseline_v1_span,
            claims=claims,
            priority=priority,
        )
        _register(_described(fn, code, name, category, severity, check=fn, **meta))
        return fn

    return deco


def corpus_rule(
    code: str,
    name: str,
    category: Category,
    severity: Severity,
    *,
    summary: str,
    bad: str,
    good: str,
    default_enabled: bool = True,
    title_zh: str = "",
    fix_labels: Mapping[str, str] | None = None,
    baseline_v1_span: str = "",
    claims: bool = False,
    priority: int = 0,
) -> Callable[[type[CorpusCheck]], type[CorpusCheck]]:
    """Register a corpus rule (a CorpusCheck subclass). Its docstring is its description."""

    def deco(cls: type[CorpusCheck]) -> type[CorpusCheck]:
        meta = dict(
            summary=summary,
            bad=bad,
            good=good,
            default_enabled=default_enabled,
            title_zh=title_zh,
            fix_labels=dict(fix_labels or {}),
            baseline_v1_span=baseline_v1_span,
            claims=claims,
            priority=priority,
        )
        _register(_described(cls, code, name, category, severity, corpus=cls, **meta))
        return cls

    return deco


#: paragraph classifiers plugins registered (text -> Kind, or None when they do not know)
_CLASSIFIERS: list[Callable[[str], Kind | None]] = []


def paragraph_classifier(fn: Callable[[str], Kind | None]) -> Callable[[str], Kind | None]:
    """Register a paragraph classifier: the engine asks it what a paragraph is (byline,
    caption, heading, ...) after its own structural tests (Markdown headings, comments)."""
    if fn not in _CLASSIFIERS:
        _CLASSIFIERS.append(fn)
    return fn


def paragraph_classifiers() -> list[Callable[[str], Kind | None]]:
    """The registered paragraph classifiers (loading the plugins first)."""
    plugins()
    return _CLASSIFIERS


def plugins() -> list[ModuleType]:
    """The plugin modules of the `zhcheck.rules` entry point group, imported once (in name order)."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        for _name, value in _entry_points():
            module = _load_entry_point(value)
            if isinstance(module, ModuleType) and module not in _PLUGINS:
                _PLUGINS.append(module)
    return _PLUGINS


#: interpreters and environments whose entry points the cache file remembers
_ENTRY_POINT_KEYS = 16


def _entry_points() -> list[tuple[str, str]]:
    """(name, value) of the `zhcheck.rules` entry points, in name order.

    Importing `importlib.metadata` (email, zipfile, csv, ...) and scanning the installed
    distributions took ~25 ms of every start: the answer is kept in the dictionary cache,
    keyed by the directories of `sys.path` and their modification times (installing,
    upgrading or removing a distribution rewrites its directory there)."""
    import hashlib
    import json
    import os
    import sys

    stamps = []
    for entry in sys.path:
        try:
            stamps.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            stamps.append(f"{entry}:-")
    key = hashlib.blake2b("\n".join([ENTRY_POINT_GROUP, *stamps]).encode(), digest_size=12).hexdigest()
    from zhcheck.diskcache import cache_dir

    try:
        path = cache_dir() / "entry-points.json"  # key -> answer, for the last few keys seen
    except OSError:
        path = None
    table: dict[str, list[list[str]]] = {}
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(path.read_text(encoding="utf-8"))
            table = loaded if isinstance(loaded, dict) else {}
        with contextlib.suppress(TypeError, ValueError):
            if key in table:
                return [(str(name), str(value)) for name, value in table[key]]
    from importlib.metadata import entry_points

    found = sorted(((ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP)), key=lambda nv: nv[0])
    if path is not None:
        from zhcheck.files import write_atomic

        kept = dict(list(table.items())[-(_ENTRY_POINT_KEYS - 1) :])  # the oldest keys go
        kept[key] = [list(nv) for nv in found]
        with contextlib.suppress(OSError):
            write_atomic(path, json.dumps(kept).encode())
    return found


def _load_entry_point(value: str) -> Any:
    """What an entry point's value (`module` or `module:attr.attr`) names, as `EntryPoint.load`."""
    import importlib

    module_name, _, attrs = value.partition(":")
    obj: Any = importlib.import_module(module_name.strip())
    for attr in filter(None, attrs.strip().split(".")):
        obj = getattr(obj, attr)
    return obj


def load_rules() -> dict[str, Rule]:
    """Load the plugins (once) and return all rules by code."""
    plugins()
    return dict(sorted(_REGISTRY.items()))


def get_rule(code_or_name: str) -> Rule | None:
    """Look a rule up by code (case-insensitive) or kebab-case name."""
    rules = load_rules()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for r in rules.values():
        if r.name == key.lower():
            return r
    return None


def match_selector(selector: str, r: Rule) -> bool:
    """Does `selector` (code, code prefix, rule name, category or ALL) cover rule `r`?"""
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == r.category.value or s.lower() == r.name:
        return True
    return r.code.startswith(s.upper())


def is_exact_selector(selector: str, r: Rule) -> bool:
    """True when `selector` names exactly this rule (needed to enable an opt-in rule)."""
    s = selector.strip()
    return s.upper() == r.code or s.lower() == r.name or s.upper() == "ALL"


def known_selector(selector: str) -> bool:
    """True when `selector` matches at least one registered rule."""
    return any(match_selector(selector, r) for r in load_rules().values())


def iter_enabled(select: Iterable[str] | None, ignore: Iterable[str]) -> Iterator[Rule]:
    """Rules enabled by a select/ignore pair (select None = the default set)."""
    ignore = list(ignore)
    for r in load_rules().values():
        if select is None:
            on = r.default_enabled
        else:
            sel = list(select)
            on = any(is_exact_selector(s, r) for s in sel) or (
                r.default_enabled and any(match_selector(s, r) for s in sel)
            )
        if on and not any(match_selector(s, r) for s in ignore):
            yield r
