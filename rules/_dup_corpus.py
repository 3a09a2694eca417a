"""Cross-file duplicates: paragraphs shared by several files of one run.

`signatures` runs per document (possibly in a worker process) and returns a
small picklable record per long paragraph: its location, a hash of its
normalised text and a MinHash of its character shingles (64 uint32 values,
computed for all paragraphs of a document at once with numpy in datasketch's
"affine32" scheme, so that datasketch can index them; datasketch itself is
imported only when two or more files have to be compared).
`clusters` groups the records of all files: exact copies by hash, near copies
with datasketch's MinHash LSH over one representative per exact group, so the
work stays linear in the number of paragraphs.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from checker.document import Document, Kind
from rules._dup_text import content, key

NUM_PERM = 64
SHINGLE = 5
#: paragraphs shorter than this (content characters) are not compared across files
MIN_CHARS = 40
#: estimated Jaccard similarity of two paragraphs to count as the same text
THRESHOLD = 0.8
#: near-copy candidates checked per LSH query (a boilerplate paragraph may have thousands)
MAX_CANDIDATES = 64


@dataclass(frozen=True)
class ParagraphSignature:
    """Where a paragraph is and what it looks like, without its text."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    digest: bytes
    minhash: bytes


@functools.cache
def _permutations() -> tuple[Any, Any]:
    """Affine permutation parameters h -> a*h + b mod 2**32 (a odd), as datasketch's
    "affine32" scheme uses them; generated here so that computing signatures does
    not import datasketch (whose import pulls in scipy and costs over a second)."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint64)
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(h: Any) -> Any:
    """MurmurHash3's 32-bit finaliser, element-wise (uint32 arithmetic wraps)."""
    h = h ^ (h >> 16)
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> 13)
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> 16)


def _shingle_hashes(text: str) -> Any:
    """32-bit polynomial hashes of the SHINGLE-character windows of `text` (vectorised)."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    n = max(1, len(cps) - SHINGLE + 1)
    h = np.zeros(n, dtype=np.uint32)
    for k in range(SHINGLE):
        h = h * np.uint32(0x01000193) + cps[k : k + n]
    return h


def _minhashes(texts: list[str]) -> list[bytes]:
    """MinHash values (datasketch's affine32 scheme) of the shingle sets of `texts`."""
    a, b = _permutations()
    hashes = [_shingle_hashes(t) for t in texts]
    sizes = np.array([len(h) for h in hashes])
    hv = _fmix32(np.concatenate(hashes))
    permuted = hv[:, None] * a[None, :] + b[None, :]
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    mins = np.minimum.reduceat(permuted, starts, axis=0)
    return [row.astype("<u4").tobytes() for row in mins]


def signatures(doc: Document) -> list[ParagraphSignature]:
    """One signature per paragraph long enough to be worth comparing."""
    chosen = []
    for p in doc.paragraphs:
        if p.kind in (Kind.DIRECTIVE, Kind.SEPARATOR):
            continue
        text = content(key(p.text))
        if len(text) >= MIN_CHARS:
            chosen.append((p, text))
    if not chosen:
        return []
    out = []
    for (p, text), mh in zip(chosen, _minhashes([t for _, t in chosen]), strict=True):
        line, col = doc.position(p.start)
        end_line, end_col = doc.position(p.end)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
        out.append(ParagraphSignature(p.start, p.end, line, col, end_line, end_col, digest, mh))
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def clusters(items: list[ParagraphSignature]) -> list[list[int]]:
    """Groups (indices into `items`, in input order) of the same or nearly the same text."""
    uf = _UnionFind(len(items))
    representative: dict[bytes, int] = {}
    for i, sig in enumerate(items):
        r = representative.setdefault(sig.digest, i)
        if r != i:
            uf.union(r, i)
    reps = sorted(representative.values())
    if len(reps) > 1:
        from datasketch import LeanMinHash, MinHashLSH

        lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        sketches = {}
        with lsh.insertion_session() as session:
            for i in reps:
                values = np.frombuffer(items[i].minhash, dtype="<u4").astype(np.uint32)
                sketches[i] = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
                session.insert(i, sketches[i], check_duplication=False)
        for i in reps:
            checked = 0
            for j in lsh.query(sketches[i]):
                if j == i:
                    continue
                checked += 1
                if checked > MAX_CANDIDATES:
                    break
                if sketches[i].jaccard(sketches[j]) >= THRESHOLD:
                    uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]
