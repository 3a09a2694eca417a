"""Where the strings of a fixed set of character bigrams or trigrams occur in a text.

Several rules first test every position of a paragraph against a large set (the
first characters of gazetteer names, of swapped idioms, …) and go on only at the
few positions that pass. In Python that loop costs about half a microsecond per
character, more than the rules that follow it; here the whole text is tested with
a few numpy operations: each n-gram becomes one integer (21 bits per code point),
a bitmap of hashed keys rejects most positions, and a binary search over the
sorted keys confirms the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

_BITS = np.uint64(21)  # code points are below 0x110000
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: key * golden >> (64 - table bits)


def codepoints(text: str) -> np.ndarray:
    """The code points of `text` as an array of uint64 (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _keys(cps: np.ndarray, n: int) -> np.ndarray:
    """One integer per n-gram of the code points (len(cps) - n + 1 of them)."""
    keys = cps[: len(cps) - n + 1].copy()
    for k in range(1, n):
        keys <<= _BITS
        keys |= cps[k : len(cps) - n + 1 + k]
    return keys


class GramSet:
    """A set of strings of length `n` (2 or 3) that finds their occurrences in a text at once."""

    def __init__(self, grams: Iterable[str], n: int) -> None:
        if n not in (2, 3):
            raise ValueError("n must be 2 or 3")
        self.n = n
        unique = sorted({g for g in grams if len(g) == n})
        self._keys = _keys(codepoints("".join(unique)), n)[::n].copy() if unique else np.zeros(0, np.uint64)
        # a table of about 8 slots per key rejects ~88% of the positions that hold no key
        bits = max(10, int(len(unique) * 8).bit_length())
        self._shift = np.uint64(64 - bits)
        self._table = np.zeros(1 << bits, dtype=bool)
        self._table[(self._keys * _GOLDEN) >> self._shift] = True

    def __len__(self) -> int:
        return len(self._keys)

    def hits(self, cps: np.ndarray) -> np.ndarray:
        """For each start position of the code points `cps`, whether the n-gram there is in
        the set (a boolean array of len(cps); the last n - 1 positions are False)."""
        out = np.zeros(len(cps), dtype=bool)
        if len(cps) < self.n or not len(self._keys):
            return out
        keys = _keys(cps, self.n)
        maybe = np.flatnonzero(self._table[(keys * _GOLDEN) >> self._shift])
        if len(maybe):
            probe = keys[maybe]
            at = np.searchsorted(self._keys, probe)
            at[at == len(self._keys)] = 0
            out[maybe[self._keys[at] == probe]] = True
        return out


def starts(text: str, *sets: GramSet) -> list[int]:
    """The positions of `text` where an n-gram of any of `sets` starts, ascending."""
    return starts_each(text, *sets)[0]


def starts_each(text: str, *sets: GramSet) -> tuple[list[int], ...]:
    """`starts(text, *sets)`, followed by the positions of each set's n-grams alone."""
    return tuple(a.tolist() for a in starts_arrays(text, *sets))


def starts_arrays(text: str, *sets: GramSet) -> tuple[np.ndarray, ...]:
    """`starts_each` as int64 arrays: 8 bytes a position where a list of Python ints takes
    some 40 (a long document keeps them for all its paragraphs). A long text is tested
    _SLICE characters at a time (each slice with the next two characters, which the n-grams
    starting in it reach): the whole-text arrays take 24 bytes a character."""
    found: list[np.ndarray] = []
    each: list[list[np.ndarray]] = [[] for _ in sets]
    for a in range(0, max(len(text), 1), _SLICE):
        cps = codepoints(text[a : a + _SLICE + 2])
        size = min(_SLICE, len(cps))
        anywhere = np.zeros(size, dtype=bool)
        for gs, out in zip(sets, each, strict=True):
            hits = gs.hits(cps)[:size]
            anywhere |= hits
            out.append(np.flatnonzero(hits) + a)
        found.append(np.flatnonzero(anywhere) + a)
    return tuple(np.concatenate(parts) for parts in (found, *each))


#: `starts_arrays` tests a long text this many characters at a time
_SLICE = 1 << 18
