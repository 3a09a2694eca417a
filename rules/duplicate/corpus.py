"""Cross-file duplicates: paragraphs shared by several files of one run.

`signatures` runs per document (possibly in a worker process) and returns a
small picklable record per long paragraph: its location, a hash of its
normalised text and a one-permutation MinHash of its character shingles (64
uint32 values). Datasketch, whose import costs over a second, is imported only
when two or more files have to be compared.
Across files the records meet in a bucket join (datasketch's `MinHashLSH` banding,
in a few lines of pure Python, so neither numpy nor datasketch is imported): each
signature goes to one bucket per band (`band_keys`), each bucket proves edges
between its members (`bucket_edges`: exact copies by hash, near copies by sketch,
a bounded number of comparisons per member), and groups are the connected
components of the edges (`groups_from_edges`). Buckets are independent, so the
join runs in one process (`clusters`) or as a shuffle on a cluster, and the work
stays linear in the number of paragraphs.
"""

from __future__ import annotations

import array
import hashlib
import zlib
from collections.abc import Iterable, Iterator
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
#: representatives a paragraph is compared with in one LSH bucket (a boilerplate paragraph may have thousands)
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


#: bits of a paragraph's uid that number it within its file (the rest number the file)
_PARA_BITS = 24


def uid(ref: int, k: int) -> int:
    """A paragraph's number in the run: its file's position `ref`, then its own `k`; ordering
    uids is ordering paragraphs by input order."""
    return (ref << _PARA_BITS) | k


def file_ref(u: int) -> int:
    """The position `ref` of the paragraph's file in the run."""
    return u >> _PARA_BITS


def para_index(u: int) -> int:
    """The paragraph's position `k` within its file."""
    return u & ((1 << _PARA_BITS) - 1)


def band_keys(sig: ParagraphSignature) -> list[bytes]:
    """The signature's LSH bucket keys: the band's number, then the band's bytes (datasketch's
    `MinHashLSH` bucket key within that band's table)."""
    width = 4 * LSH_ROWS
    mh = sig.minhash
    return [bytes((b,)) + mh[b * width : (b + 1) * width] for b in range(LSH_BANDS)]


def _similar(a: array.array, b: array.array) -> bool:
    return sum(map(int.__eq__, a, b)) / NUM_PERM >= THRESHOLD


def bucket_edges(key: bytes, members: list[tuple[int, ParagraphSignature]]) -> Iterator[tuple[int, int]]:
    """The edges one LSH bucket proves, as pairs of uids, from its members (uid, signature).

    Exact copies (the same digest) join the first member with that digest, once, in the
    first band's bucket (they share every bucket); the first member of each digest (its
    representative) is compared with the representatives before it in the bucket, at most
    MAX_CANDIDATES of them (a boilerplate paragraph may have thousands), and joined with
    those whose sketches agree in at least THRESHOLD of their bins. Below that limit every
    pair that shares a bucket is checked, as with datasketch's `MinHashLSH` queries (a
    pair sharing several bands is proved in each: the groups do not change).
    """
    if len(members) < 2:
        return
    members = sorted(members, key=lambda m: m[0])
    first_band = key[0] == 0
    reps: dict[bytes, int] = {}
    order: list[tuple[int, ParagraphSignature]] = []
    for u, sig in members:
        rep = reps.setdefault(sig.digest, u)
        if rep == u:
            order.append((u, sig))
        elif first_band:
            yield rep, u
    if len(order) < 2:
        return
    values = [array.array("I", sig.minhash) for _, sig in order]
    for k in range(1, len(order)):
        vk = values[k]
        for j in range(max(0, k - MAX_CANDIDATES), k):
            if _similar(values[j], vk):
                yield order[j][0], order[k][0]


def groups_from_edges(edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected groups of uids (each sorted, so its first member comes first in the run)."""
    parent: dict[int, int] = {}

    def find(a: int) -> int:
        root = a
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[a] != root:  # path compression
            parent[a], a = root, parent[a]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for u in parent:
        groups.setdefault(find(u), []).append(u)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def clusters(items: list[ParagraphSignature]) -> list[list[int]]:
    """Groups (indices into `items`, in input order) of the same or nearly the same text:
    the bucket join of `bucket_edges` over every band, in one process."""
    buckets: dict[bytes, list[tuple[int, ParagraphSignature]]] = {}
    for i, sig in enumerate(items):
        for key in band_keys(sig):
            buckets.setdefault(key, []).append((i, sig))
    return groups_from_edges(e for key, members in buckets.items() for e in bucket_edges(key, members))
