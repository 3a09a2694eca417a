"""How often a string occurs in a text, answered without rescanning the text each time.

Rules ask how often a document prints a term (a name, its swapped form) once per
candidate; `str.count` over the whole text each time makes a long document quadratic
(a 15 M-character file asked thousands of times). `TextIndex.count` gives exactly
`text.count(sub)` (non-overlapping occurrences, left to right): from `str.count` with a
memo for a short text, and for a long one from a character index built once (the text's
code points sorted stably, so each character's positions are one ascending slice): the
positions of the term's rarest character are the only places it can start, and numpy
compares the term's other characters there.
"""

from __future__ import annotations

import bisect
from typing import Any

#: texts shorter than this are simply scanned (memoised): an index would cost more
INDEX_MIN_CHARS = 200_000


class TextIndex:
    """Substring counts of one text (`text.count(sub)` semantics)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[str, int] = {}
        self._index: tuple[Any, Any, Any, Any] | None = None

    def count(self, sub: str) -> int:
        """The number of non-overlapping occurrences of `sub` (as `str.count`)."""
        n = self._memo.get(sub)
        if n is None:
            short = len(self.text) < INDEX_MIN_CHARS or not sub
            n = self.text.count(sub) if short else self._indexed_count(sub)
            self._memo[sub] = n
        return n

    def slice(self, start: int, end: int) -> str:
        """`text[start:end]` (as `PatchedIndex.slice`)."""
        return self.text[start:end]

    def positions(self, sub: str, limit: int | None = None) -> list[int]:
        """Every offset where `sub` starts (overlapping occurrences too), ascending; only the
        first `limit` of them when given (a caller asking "more than n times?" stops there)."""
        if not sub:
            return list(range(len(self.text) + 1))[:limit]
        if len(self.text) < INDEX_MIN_CHARS:
            out, i = [], self.text.find(sub)
            while i >= 0 and len(out) != limit:
                out.append(i)
                i = self.text.find(sub, i + 1)
            return out
        return self._starts(sub)[:limit].tolist()

    def _arrays(self) -> tuple[Any, Any, Any, Any]:
        """(code points, positions in code-point order, the distinct code points, where each
        one's positions start in that order): 6 bytes a character (8 with characters beyond
        the Basic Multilingual Plane)."""
        if self._index is None:
            import numpy as np

            # UTF-16 units are the code points when the text has none beyond the Basic Plane
            # (a stable sort of 16-bit keys is a radix sort, too)
            codes = np.frombuffer(self.text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
            if len(codes) != len(self.text):
                codes = np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            order = np.argsort(codes, kind="stable").astype(np.int32)
            ordered = codes[order]
            cuts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
            values = ordered[np.concatenate(([0], cuts))] if len(codes) else ordered
            self._index = (codes, order, values, np.concatenate(([0], cuts, [len(codes)])))
        return self._index

    def _indexed_count(self, sub: str) -> int:
        import numpy as np

        starts = self._starts(sub)
        n_sub = len(sub)
        if len(starts) < 2 or n_sub == 1 or np.diff(starts).min() >= n_sub:
            return len(starts)
        n, end = 0, -1  # overlapping matches (哈哈 in 哈哈哈): count left to right, as str.count
        for s in starts.tolist():
            if s >= end:
                n += 1
                end = s + n_sub
        return n

    def _starts(self, sub: str) -> Any:
        """numpy array of every offset where `sub` starts (overlapping too), ascending."""
        import numpy as np

        codes, order, values, bounds = self._arrays()
        want = np.frombuffer(sub.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        # the rarest character of `sub` fixes where it can start
        best = None
        for k, c in enumerate(want):  # numpy scalars: a Python int would cast the whole array
            v = int(values.searchsorted(c))
            if v == len(values) or values[v] != c:
                return np.zeros(0, dtype=np.int64)
            lo, hi = int(bounds[v]), int(bounds[v + 1])
            if best is None or hi - lo < best[1] - best[0]:
                best = (lo, hi, k)
        assert best is not None
        lo, hi, k = best
        starts = order[lo:hi].astype(np.int64) - k
        starts = starts[(starts >= 0) & (starts <= len(codes) - len(want))]
        for j, c in enumerate(want):
            if j != k and len(starts):
                starts = starts[codes[starts + j] == c]
        return starts


class PatchedIndex:
    """Substring counts and slices of a text that is an indexed text with a few characters
    replaced (same length), without a second copy or index of the whole text: the base's
    occurrences that touch no replaced position, plus the windows through a replaced position
    that match. A 15 M-character document with a hundred variant characters normalised
    would otherwise hold a second text and a second index (8 bytes a character)."""

    def __init__(self, base: TextIndex, patch: dict[int, str]) -> None:
        self.base = base
        self.patch = patch
        self._keys = sorted(patch)
        self._by_char: dict[str, list[int]] = {}
        for pos in self._keys:
            self._by_char.setdefault(patch[pos], []).append(pos)
        self._memo: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.base.text)

    def slice(self, start: int, end: int) -> str:
        """`patched_text[start:end]` for 0 <= start."""
        piece = self.base.text[start:end]
        lo = bisect.bisect_left(self._keys, start)
        hi = bisect.bisect_left(self._keys, start + len(piece))
        if lo == hi:
            return piece
        chars = list(piece)
        for pos in self._keys[lo:hi]:
            chars[pos - start] = self.patch[pos]
        return "".join(chars)

    def _touches(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._keys, start)
        return i < len(self._keys) and self._keys[i] < end

    def positions(self, sub: str) -> list[int]:
        """Every offset where `sub` starts in the patched text (overlapping too), ascending."""
        if not self.patch or not sub:
            return self.base.positions(sub)
        m, last = len(sub), len(self) - len(sub)
        found = {s for s in self.base.positions(sub) if not self._touches(s, s + m)}
        for j, c in enumerate(sub):
            for pos in self._by_char.get(c, ()):
                k = pos - j
                if 0 <= k <= last and k not in found and self.slice(k, k + m) == sub:
                    found.add(k)
        return sorted(found)

    def count(self, sub: str) -> int:
        """The number of non-overlapping occurrences of `sub` (as `str.count`)."""
        n = self._memo.get(sub)
        if n is None:
            if not sub:
                n = len(self) + 1
            else:
                n, end = 0, -1
                for s in self.positions(sub):
                    if s >= end:
                        n += 1
                        end = s + len(sub)
            self._memo[sub] = n
        return n
