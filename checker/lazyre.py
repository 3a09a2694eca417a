"""Regular expressions compiled on their first use, from code kept between runs.

Compiling is the largest part of importing the rules: `re` builds a character class
code point by code point in Python, and the Han class alone (`CJK_CLASS`, some 28,000
code points of the Basic Multilingual Plane) costs about a millisecond each time a
pattern holds it; a cold start compiled ~200 patterns, 0.1-0.2 s of CPU.

`lazy(pattern, flags)` stands in for `re.compile(pattern, flags)` at module level: it
compiles on the first call of one of its methods (or a look at `flags`, `groups`,
`groupindex`), and from then on its methods are the compiled pattern's own bound
methods, stored on the instance (no Python call between the caller and the matcher).
`.pattern` is there at once, for patterns built from others. A match's `.re` is the
compiled pattern, not the stand-in: compare `.pattern`s.

`compile_cached(pattern, flags)` is `re.compile` with the compiler's output (the matcher's code
and group tables) remembered in the dictionary cache, one file per Python version and
matcher format: a later process hands the code straight to the matcher (`_sre.compile`,
which validates it) instead of parsing and compiling again. The result is the pattern
`re.compile` gives (patterns compare equal by their code; the tests check every one).
This goes through `re`'s internals (`re._parser`, `re._compiler._code`, `_sre.compile`),
so anything unexpected there (another Python, a damaged cache) falls back to
`re.compile`.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import marshal
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another implementation of `re`
    _sre = None  # type: ignore[assignment]

#: the methods of a compiled pattern, stand-ins on a LazyPattern until it compiles
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
#: bump when what a cache entry holds changes
_FORMAT = 1
#: entries kept in the cache file at most (patterns built from user data could add up)
_MAX_ENTRIES = 4096

#: (pattern, flags) -> the arguments of `_sre.compile` after the pattern
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_table: dict[tuple[str, int], Entry] | None = None
_added: dict[tuple[str, int], Entry] = {}


def compile_cached(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the code cached by an earlier run when there is some."""
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    entry = _cached().get(key)
    if entry is not None:
        with contextlib.suppress(Exception):  # not what this matcher takes: compile again
            return _sre.compile(pattern, *entry)
    try:
        entry = _compiled_args(pattern, flags)
        compiled = _sre.compile(pattern, *entry)
    except Exception:  # re.compile raises the error the caller expects (or works, differently)
        return re.compile(pattern, flags)
    if not _added:
        atexit.register(_save)
    _added[key] = entry
    return compiled


def _compiled_args(pattern: str, flags: int) -> Entry:
    """What `re._compiler.compile` hands to `_sre.compile` after the pattern (Python 3.11-3.13)."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # the opcodes are int subclasses (named constants): plain ints for marshal
    return int(flags | p.state.flags), [int(c) for c in code], int(p.state.groups - 1), groupindex, tuple(indexgroup)


def _cache_file() -> Path:
    from zhcheck.diskcache import cache_dir

    tag = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{_sre.MAXREPEAT}|{_sre.MAXGROUPS}|{_FORMAT}"
    return cache_dir() / f"re-{hashlib.blake2b(tag.encode(), digest_size=8).hexdigest()}.marshal"


def _cached() -> dict[tuple[str, int], Entry]:
    global _table
    if _table is None:
        _table = {}
        with contextlib.suppress(Exception):  # missing, torn or foreign: start empty
            table = marshal.loads(_cache_file().read_bytes())
            if isinstance(table, dict):
                _table = table
    return _table


def _save() -> None:
    """Add this run's new entries to the cache file (atomically; a failure only costs time)."""
    if not _added:
        return
    table = dict(_cached()) if len(_cached()) + len(_added) <= _MAX_ENTRIES else {}
    table.update(_added)
    with contextlib.suppress(Exception):
        from zhcheck.files import write_atomic

        write_atomic(_cache_file(), marshal.dumps(table))
    _added.clear()


class LazyPattern:
    """A `re.Pattern` compiled when it is first used (see the module docstring).

    Its methods are instance attributes from the start (stand-ins that compile, then the
    compiled pattern's bound methods): no `__getattr__` on the class, whose lookup hook
    would cost every call after the first some 60 ns (the interpreter does not specialise
    attribute loads through it)."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        for name in _METHODS:
            self.__dict__[name] = functools.partial(self._first_use, name)

    def _first_use(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.compiled(), name)(*args, **kwargs)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = compile_cached(self.pattern, self._flags)
            self.__dict__.update({name: getattr(compiled, name) for name in _METHODS}, _compiled=compiled)
        return compiled

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled().groupindex

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return lazy, (self.pattern, int(self._flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {int(self._flags)})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done on the pattern's first use."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
