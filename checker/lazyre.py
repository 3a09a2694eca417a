"""Regular expressions compiled on their first use instead of at import.

Compiling is the largest part of importing the rules: `re` builds a character class
code point by code point in Python, and the Han class alone (`CJK_CLASS`, some 28,000
code points of the Basic Multilingual Plane) costs about a millisecond each time a
pattern holds it. Most modules keep their patterns at module level, and a run on one
short file uses only some of them. `lazy(pattern, flags)` stands in for
`re.compile(pattern, flags)` there: it compiles on the first use of a method or of an
attribute of the compiled pattern, and from then on its methods are the compiled
pattern's own bound methods, stored on the instance (no Python call between the
caller and the matcher). `.pattern` is there at once, for patterns built from others.
A match's `.re` is the compiled pattern, not the stand-in: compare `.pattern`s.
"""

from __future__ import annotations

import re
from typing import Any, cast

#: what a compiled pattern offers, copied onto the stand-in when it compiles
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """A `re.Pattern` compiled when it is first used (see the module docstring)."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # only attributes not set yet come here: the first use compiles and sets them all
        if name.startswith("__") or "pattern" not in self.__dict__:
            raise AttributeError(name)  # copy/pickle probing an instance without its state
        compiled = self.compiled()
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = re.compile(self.pattern, self._flags)
            self.__dict__.update({name: getattr(compiled, name) for name in _ATTRIBUTES}, _compiled=compiled)
        return compiled

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return lazy, (self.pattern, int(self._flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {int(self._flags)})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done on the pattern's first use."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
