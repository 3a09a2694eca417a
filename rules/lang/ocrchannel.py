"""The OCR channel: how likely a real OCR engine prints character `c` for an intended `x`.

Evidence, combined at build time by `tools/build_ocr_channel.py merge` into
`rules/data/ocr_channel.npz` (the file this module reads):

- the mined counts (`ocr_channel.tsv`): clean text rendered as degraded print in many
  fonts and read back with PP-OCR (and Tesseract); per intended character how often it
  was read, per (intended, printed) pair how often it was substituted;
- the visual neighbours of every character at scan resolution (`tools/build_ocr_visual.py`:
  glyphs of the mining fonts shrunk to 12-16 px, ranked by similarity), which give the
  pairs mining never saw a prior that falls with the rank, `RANK_RATE * rank**-RANK_DECAY`
  (the curve the mined substitutions follow).

    P(c | x) = (n(x->c) + REVERSE * n(c->x) + PRIOR * rate(rank of x among c's neighbours))
               / (read(x) + PRIOR)

where n counts PP-OCR substitutions plus W_TESS times Tesseract's. Traditional characters
are never intended ones (the text is simplified Chinese).

`Channel` holds the candidates per printed character as flat arrays (CSR by code point) to
score whole documents with numpy; `candidates(c)` lists them for one character, most
likely first. Loaded lazily, once per process.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path

import numpy as np

from zhcheck.rules.lang.arraycache import cached_arrays
from zhcheck.rules.lang.resources import rules_data

COUNTS_FILE = "ocr_channel.tsv"
FILE = "ocr_channel.npz"
W_TESS = 0.25  # Tesseract's errors count a quarter: the engine users meet is mostly PP-OCR-like
REVERSE = 0.5  # a pair seen the other way round (x printed for c) counts half: confusions are mostly mutual
PRIOR = 100.0  # pseudo-reads of the visual prior: how many reads of a character it is worth
RANK_RATE = 3.3e-3  # substitution rate of a character's most similar neighbour (mined: 3.3e-3) ...
RANK_DECAY = 0.9  # ... falling as rank**-0.9 (mined: ~0.9 from rank 1 to 800)
MAX_RANK = 256  # visual neighbours kept per character
QSCALE = 8.0  # stored log-probabilities: uint8 value / QSCALE = -log p
BMP = 0x10000


class Channel:
    """Candidates per printed character in CSR form: `ptr[cp]:ptr[cp + 1]` indexes `intended`
    (code points) and `logp` (log P(printed | intended)), most likely first."""

    def __init__(self, ptr: np.ndarray, intended: np.ndarray, logp: np.ndarray) -> None:
        self.ptr = ptr
        self.intended = intended
        self.logp = logp

    def expand(self, cps: np.ndarray, limit: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For printed code points `cps` (one per position): (position index, intended code
        point, log P(printed | intended)) of every candidate (the `limit` most likely ones per
        position when given), grouped by position."""
        c = np.minimum(cps, BMP - 1).astype(np.int64)
        lo, hi = self.ptr[c], self.ptr[c + 1]
        if limit is not None:
            hi = np.minimum(hi, lo + limit)
        n = hi - lo
        owner = np.repeat(np.arange(len(cps)), n)
        if not len(owner):
            return owner, np.zeros(0, np.uint32), np.zeros(0, np.float32)
        start = np.repeat(lo - np.concatenate(([0], np.cumsum(n)[:-1])), n)
        idx = start + np.arange(len(owner))
        return owner, self.intended[idx], self.logp[idx]

    def dense(self, cps: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The `k` most likely candidates of each printed code point as a block: (intended code
        points [len(cps), k], log-probabilities [len(cps), k]), rows padded with -inf."""
        c = np.minimum(cps, BMP - 1).astype(np.int64)
        lo = self.ptr[c]
        idx = lo[:, None] + np.arange(k)
        valid = idx < np.minimum(self.ptr[c + 1], lo + k)[:, None]
        if not len(self.intended):
            return np.zeros(valid.shape, np.uint32), np.full(valid.shape, -np.inf, np.float32)
        idx = np.where(valid, idx, 0)
        return self.intended[idx], np.where(valid, self.logp[idx], np.float32(-np.inf))


def read_counts(path: Path | None = None) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """(reads per intended char, (intended, printed) -> weighted substitution count) of the mined table."""
    read: dict[str, float] = {}
    subs: dict[tuple[str, str], float] = {}
    path = path or rules_data(COUNTS_FILE)
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
            elif x != c and n:
                subs[(x, c)] = n
    return read, subs


def compose(
    read: dict[str, float],
    subs: dict[tuple[str, str], float],
    visual_chars: np.ndarray,
    visual_neighbours: np.ndarray,
    excluded: set[str] | frozenset[str] = frozenset(),
    prior: float = PRIOR,
    rank_rate: float = RANK_RATE,
    rank_decay: float = RANK_DECAY,
    max_rank: int = MAX_RANK,
) -> Channel:
    """The channel from mined counts and visual neighbours (see the module docstring);
    characters in `excluded` are never intended ones."""
    k = min(max_rank, visual_neighbours.shape[1])
    rows = len(visual_chars)
    printed = [np.repeat(visual_chars.astype(np.int64), k)]
    intended = [visual_chars[visual_neighbours[:, :k]].astype(np.int64).ravel()]
    rate = rank_rate * np.arange(1, k + 1, dtype=np.float64) ** -rank_decay
    pseudo = [np.tile(prior * rate, rows)]
    counts = [np.zeros(rows * k)]
    mined = defaultdict(float)
    for (x, c), n in subs.items():
        if ord(x) < BMP and ord(c) < BMP:
            mined[(ord(c), ord(x))] += n
            mined[(ord(x), ord(c))] += REVERSE * n
    if mined:
        keys = np.array(list(mined), dtype=np.int64)
        printed.append(keys[:, 0])
        intended.append(keys[:, 1])
        pseudo.append(np.zeros(len(keys)))
        counts.append(np.array(list(mined.values())))
    p, x = np.concatenate(printed), np.concatenate(intended)
    key = p * BMP + x
    uniq, inv = np.unique(key, return_inverse=True)
    num = np.bincount(inv, np.concatenate(counts) + np.concatenate(pseudo), minlength=len(uniq))
    p, x = uniq // BMP, uniq % BMP
    reads = np.zeros(BMP)
    for ch, n in read.items():
        if ord(ch) < BMP:
            reads[ord(ch)] = n
    logp = np.log(num / (reads[x] + prior))
    bad = np.zeros(BMP, dtype=bool)
    bad[[ord(ch) for ch in excluded if ord(ch) < BMP]] = True
    keep = (p != x) & ~bad[x] & (num > 0)
    p, x, logp = p[keep], x[keep], logp[keep]
    order = np.lexsort((-logp, p))
    p, x, logp = p[order], x[order], logp[order]
    ptr = np.zeros(BMP + 1, dtype=np.int64)
    np.add.at(ptr, p + 1, 1)
    return Channel(np.cumsum(ptr), x.astype(np.uint32), logp.astype(np.float32))


def save(chan: Channel, path: Path) -> None:
    """Store the channel compactly: intended characters as indices into a character list,
    log-probabilities quantised to 1/QSCALE nat."""
    chars, idx = np.unique(chan.intended, return_inverse=True)
    q = np.clip(np.round(-chan.logp * QSCALE), 0, 255).astype(np.uint8)
    counts = np.diff(chan.ptr)
    printed = np.flatnonzero(counts).astype(np.uint32)
    np.savez_compressed(
        path,
        printed=printed,
        counts=counts[printed].astype(np.uint16),
        chars=chars.astype(np.uint32),
        intended=idx.astype(np.uint16),
        logq=q,
    )


def load_file(path: Path) -> Channel:
    with np.load(path) as d:
        ptr = np.zeros(BMP + 1, dtype=np.int64)
        ptr[d["printed"].astype(np.int64) + 1] = d["counts"]
        intended = d["chars"][d["intended"]]
        logp = d["logq"].astype(np.float32) / -QSCALE
    return Channel(np.cumsum(ptr), intended, logp)


@functools.cache
def channel() -> Channel:
    """The shipped channel as arrays (see `Channel`)."""
    path = rules_data(FILE)
    if not path.exists():
        empty = np.zeros(BMP + 1, dtype=np.int64)
        return Channel(empty, np.zeros(0, np.uint32), np.zeros(0, np.float32))
    chan = cached_arrays("ocr-channel-v1", path, ("ptr", "intended", "logp"), lambda: _as_arrays(load_file(path)))
    return Channel(*chan)


def _as_arrays(chan: Channel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return chan.ptr, chan.intended, chan.logp


def candidates(printed: str, limit: int | None = None) -> list[tuple[str, float]]:
    """The intended characters OCR may have misread as `printed`, with log P(printed | intended),
    most likely first."""
    if ord(printed) >= BMP:
        return []
    _, x, lp = channel().expand(np.array([ord(printed)], dtype=np.uint32), limit)
    return [(chr(c), float(v)) for c, v in zip(x.tolist(), lp.tolist(), strict=True)]
