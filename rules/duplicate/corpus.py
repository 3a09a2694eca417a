"""Cross-file duplicates: paragraphs shared by several files of one run.

`signatures` runs per document (possibly in a worker process) and returns a
small picklable record per long paragraph: its location, a hash of its
normalised text and a one-permutation MinHash of its character shingles (64
uint32 values). Datasketch, whose import costs over a second, is imported only
when two or more files have to be compared.
`clusters` groups the records of all files: exact copies by hash, near copies
with a banded MinHash LSH index (datasketch's `MinHashLSH` scheme, in a few
lines of pure Python, so neither numpy nor datasketch is imported) over one
representative per exact group, so the work stays linear in the number of
paragraphs.
"""

from __future__ import annotations

import array
import hashlib
import zlib
from dataclasses import dataclass

from zhcheck.document import Document, Kind
from zhcheck.finding import Location
from zhcheck.rules.duplicate.text import paragraph_contents
from zhcheck.rules.lang.outline import inside_article

NUM_PERM = 64
SHINGLE = 4
#: paragraphs shorter than this (content characters) are not compared across files
MIN_CHARS = 40
#: estimated Jaccard similarity of two paragraphs to count as the same text
THRESHOLD = 0.7
#: the LSH index proposes candidates from this similarity on (they are then checked
#: against THRESHOLD): a margin for the variance of 64-bin sketches of short paragraphs
CANDIDATE_THRESHOLD = 0.6
#: long paragraphs are sketched from their head and tail only (copies agree there too)
SAMPLE_HEAD = 160
SAMPLE_TAIL = 80
#: near-copy candidates checked per LSH query (a boilerplate paragraph may have thousands)
MAX_CANDIDATES = 64
#: LSH bands and rows per band: datasketch's optimal parameters for CANDIDATE_THRESHOLD
#: and NUM_PERM with equal false-positive/false-negative weights (a test checks them)
LSH_BANDS, LSH_ROWS = 10, 6


@dataclass(frozen=True)
class ParagraphSignature(Location):
    """Where a paragraph is and what it looks like, without its text."""

    digest: bytes
    minhash: bytes


_EMPTY = 1 << 26  # a bin value is a 26-bit number; this marks an empty bin


def _sketch(text: str) -> bytes:
    """One-permutation MinHash of the SHINGLE-character windows of `text`.

    Each window is hashed once (CRC-32 of its UTF-32 code units); the low six
    bits pick one of NUM_PERM bins, the other 26 bits compete for the bin's
    minimum. Empty bins borrow the value of the next filled bin, offset by the
    distance (rotation densification), so two sets agree in a bin with
    probability close to their Jaccard similarity, as with NUM_PERM separate
    hash functions, at the cost of one hash per window. Pure Python, no numpy
    import: a single-file run pays nothing for a rule that needs two files.
    A paragraph longer than SAMPLE_HEAD + SAMPLE_TAIL characters is sketched
    from its head and tail.
    """
    if len(text) > SAMPLE_HEAD + SAMPLE_TAIL:
        text = text[:SAMPLE_HEAD] + text[-SAMPLE_TAIL:]
    data = memoryview(text.encode("utf-32-le"))
    width = 4 * SHINGLE
    bins = [_EMPTY] * NUM_PERM
    for i in range(0, max(4, len(data) - width + 4), 4):
        h = zlib.crc32(data[i : i + width])
        b, v = h & 63, h >> 6
        if v < bins[b]:
            bins[b] = v
    if _EMPTY in bins:
        _densify(bins)
    return array.array("I", bins).tobytes()


def _densify(bins: list[int]) -> None:
    """Fill each empty bin from the next filled one ahead, adding `_EMPTY` times the
    distance; bins after the last filled one wrap round to bin 0 (filled by then)."""
    k = -1  # the nearest originally filled bin ahead
    for j in range(NUM_PERM - 1, -1, -1):
        if bins[j] != _EMPTY:
            k = j
        elif k >= 0:
            bins[j] = bins[k] + (k - j) * _EMPTY
    for j in range(NUM_PERM - 1, -1, -1):
        if bins[j] != _EMPTY:
            break
        bins[j] = bins[0] + (NUM_PERM - j) * _EMPTY


def signatures(doc: Document) -> list[ParagraphSignature]:
    """One signature per paragraph long enough to be worth comparing.

    The provisions inside a statute's articles are left out: laws restate each other's
    provisions word for word by design (the same procedure, the same penalty clause)."""
    out = []
    contents = paragraph_contents(doc)
    for p in doc.paragraphs:
        if p.kind in (Kind.DIRECTIVE, Kind.SEPARATOR) or p.block == "table_cell" or inside_article(doc, p.index):
            continue
        text = contents[p.index]
        if len(text) < MIN_CHARS:
            continue
        line, col = doc.position(p.start)
        end_line, end_col = doc.position(p.end)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
        out.append(ParagraphSignature(p.start, p.end, line, col, end_line, end_col, digest, _sketch(text)))
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


def _near_pairs(items: list[ParagraphSignature], reps: list[int]) -> list[tuple[int, int]]:
    """Pairs of representatives whose sketches agree in at least THRESHOLD of their bins.

    Candidates come from a banded LSH index built as datasketch's `MinHashLSH` builds
    it (bucket key: the band's bytes; buckets and candidate sets filled one key at a
    time, in the same order), so the same candidates are checked in the same order
    under the MAX_CANDIDATES limit.
    """
    band = 4 * LSH_ROWS
    # a bucket holding one paragraph is just its index (most are: no set to allocate)
    tables: list[dict[bytes, int | set[int]]] = [{} for _ in range(LSH_BANDS)]
    rep_keys = []
    for i in reps:
        mh = items[i].minhash
        keys = [mh[o : o + band] for o in range(0, LSH_BANDS * band, band)]
        rep_keys.append(keys)
        for table, key in zip(tables, keys, strict=True):
            bucket = table.get(key)
            if bucket is None:
                table[key] = i
            elif isinstance(bucket, int):
                table[key] = {bucket, i}
            else:
                bucket.add(i)
    values: dict[int, array.array] = {}  # sketches as numbers, for the paragraphs compared

    def sketch_values(k: int) -> array.array:
        if k not in values:
            values[k] = array.array("I", items[k].minhash)
        return values[k]

    pairs = []
    for i, keys in zip(reps, rep_keys, strict=True):
        buckets = [table[key] for table, key in zip(tables, keys, strict=True)]
        if all(isinstance(b, int) for b in buckets):
            continue  # no other paragraph shares a band
        candidates: set[int] = set()
        for bucket in buckets:
            if isinstance(bucket, int):
                candidates.add(bucket)
            else:
                for j in bucket:
                    candidates.add(j)
        checked = 0
        vi = sketch_values(i)
        for j in list(candidates):
            if j == i:
                continue
            checked += 1
            if checked > MAX_CANDIDATES:
                break
            if sum(map(int.__eq__, vi, sketch_values(j))) / NUM_PERM >= THRESHOLD:
                pairs.append((i, j))
    return pairs


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
        for i, j in _near_pairs(items, reps):
            uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]
