"""The OCR channel: how likely a real OCR engine prints character `c` for an intended `x`.

Evidence (both in `rules/data/`, rebuilt by the scripts in `tools/`):

- `ocr_channel.tsv`, mined by `tools/build_ocr_channel.py`: clean text rendered as degraded
  print in many fonts and read back with PP-OCR (and Tesseract); per intended character how
  often it was read and per (intended, printed) pair how often it was substituted;
- the glyph-shape neighbours of `zhcheck.rules.lang.glyphs` (`glyph_neighbours.tsv`), which
  add candidates the mining never saw, at a small smoothed rate.

    P(c | x) = (n(x->c) + REVERSE * n(c->x) + PRIOR * shape(x, c)) / (read(x) + SMOOTH)

where n counts PP-OCR substitutions plus W_TESS times Tesseract's.

`candidates(c)` lists the intended characters for a printed one, most likely first;
`Channel` holds the same as flat arrays indexed by the printed character's code point, for
scoring whole documents with numpy. Loaded lazily, once per process.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict

import numpy as np

from zhcheck.rules.lang.resources import rules_data

FILE = "ocr_channel.tsv"
W_TESS = 0.25  # Tesseract's errors count a quarter: the engine users meet is mostly PP-OCR-like
PRIOR = 0.6  # pseudo-count of a shape neighbour at shape score 1.0
MIN_SHAPE = 0.45  # shape neighbours below this score are no candidates
REVERSE = 0.5  # a pair seen the other way round (x printed for c) counts half: confusions are mostly mutual
SMOOTH = 20.0  # added to the times a character was read
MAX_CANDIDATES = 40  # per printed character, the most likely intended ones
BMP = 0x10000


class Channel:
    """Candidates per printed character in CSR form: `ptr[cp]:ptr[cp + 1]` indexes `intended`
    (code points) and `logp` (log P(printed | intended))."""

    def __init__(self, table: dict[str, list[tuple[str, float]]]) -> None:
        ptr = np.zeros(BMP + 1, dtype=np.int64)
        intended: list[int] = []
        logp: list[float] = []
        for c in sorted(table, key=ord):
            if ord(c) >= BMP:
                continue
            ptr[ord(c) + 1] = len(table[c])
        np.cumsum(ptr, out=ptr)
        for c in sorted(table, key=ord):
            if ord(c) >= BMP:
                continue
            for x, lp in table[c]:
                intended.append(ord(x))
                logp.append(lp)
        self.ptr = ptr
        self.intended = np.array(intended, dtype=np.uint32)
        self.logp = np.array(logp, dtype=np.float32)

    def expand(self, cps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For printed code points `cps` (one per position): (position index, intended code
        point, log P(printed | intended)) of every candidate, grouped by position."""
        c = np.minimum(cps, BMP - 1).astype(np.int64)
        lo, hi = self.ptr[c], self.ptr[c + 1]
        n = hi - lo
        owner = np.repeat(np.arange(len(cps)), n)
        if not len(owner):
            return owner, np.zeros(0, np.uint32), np.zeros(0, np.float32)
        start = np.repeat(lo - np.concatenate(([0], np.cumsum(n)[:-1])), n)
        idx = start + np.arange(len(owner))
        return owner, self.intended[idx], self.logp[idx]


def _read_counts() -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """(read count per intended char, printed -> intended -> weighted substitution count)."""
    read: dict[str, float] = {}
    subs: dict[str, dict[str, float]] = defaultdict(dict)
    path = rules_data(FILE)
    if not path.exists():
        return read, subs
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            x, c, nr, nt = line.rstrip("\n").split("\t")
            n = int(nr) + W_TESS * int(nt)
            if c == "*":
                read[x] = n
            elif x != c:
                subs[c][x] = n
    return read, subs


@functools.cache
def table() -> dict[str, list[tuple[str, float]]]:
    """printed char -> [(intended char, log P(printed | intended))], most likely first."""
    from zhcheck.rules.lang import glyphs
    from zhcheck.rules.lang.lexicon import t2s_table

    traditional = t2s_table()  # intended characters are simplified: a traditional one is never suggested
    read, subs = _read_counts()
    reverse: dict[str, dict[str, float]] = defaultdict(dict)  # intended -> printed -> count
    for c, row in subs.items():
        for x, n in row.items():
            reverse[x][c] = n
    printed = set(subs) | set(reverse)
    printed.update(glyphs._neighbour_lines())
    out: dict[str, list[tuple[str, float]]] = {}
    for c in printed:
        cand: dict[str, float] = dict(subs.get(c, {}))
        for x, n in reverse.get(c, {}).items():
            cand[x] = cand.get(x, 0.0) + REVERSE * n
        for x, score in glyphs._shape_neighbours(c):
            if score >= MIN_SHAPE and x != c:
                cand[x] = cand.get(x, 0.0) + PRIOR * score
        ranked = sorted(
            ((x, math.log(n / (read.get(x, 0.0) + SMOOTH))) for x, n in cand.items() if n > 0 and x not in traditional),
            key=lambda t: -t[1],
        )
        if ranked:
            out[c] = ranked[:MAX_CANDIDATES]
    return out


@functools.cache
def channel() -> Channel:
    """The channel as arrays (see `Channel`)."""
    return Channel(table())


def candidates(printed: str) -> list[tuple[str, float]]:
    """The intended characters OCR may have misread as `printed`, with log P(printed | intended)."""
    return table().get(printed, [])
