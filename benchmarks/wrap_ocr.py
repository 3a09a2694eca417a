#!/usr/bin/env python3
"""L107 on real OCR output: held-out clean articles printed as a column, read back line by line.

Sets each article (the *check* half of the given directories by the team convention, or
`--half tuning`) in one column of 16-26 Han characters with the line-breaking rules of
Chinese print (`wrap_injection.wrap`), paragraphs indented in half of the articles, 28 lines
a page, renders the pages with a Debian CJK font (AR PL SungtiL GB by default), reads them
back with `rapidocr-onnxruntime` (PP-OCR; `pip install -e '.[ocrdata]'`) and writes one line
per text box, top to bottom, as an OCR pipeline does (it drops the indents). Then runs
`zhcheck check --select L` as a whole process and prints, over the articles whose OCR gave
as many lines as were printed: the line breaks inside paragraphs L107 joins, the paragraph
ends it joins (wrong), and the layout findings.

    python benchmarks/wrap_ocr.py corpus/controls/official corpus/controls/news --articles 40
    python benchmarks/wrap_ocr.py corpus/controls/news --python ../base/.venv/bin/python  # a baseline

About 6 s an article on this machine (2 shared cores).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _common import check_json, half_files
from wrap_injection import wrap

FONT = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
SIZE = 30
PAGE_LINES = 28


def print_and_read(engine, font, rng: random.Random, text: str) -> tuple[list[str], list[bool]]:
    """The article's OCR'd lines, and for each printed line whether it ends a paragraph."""
    import numpy as np
    from PIL import Image, ImageDraw

    width = rng.randint(16, 26)
    indent = "\u3000\u3000" if rng.random() < 0.5 else ""
    lines, ends = [], []
    for k, para in enumerate(p.strip() for p in text.split("\n") if p.strip()):
        got = wrap((indent if k else "") + para, 2 * width)
        lines += got
        ends += [False] * (len(got) - 1) + [True]
    out = []
    for start in range(0, len(lines), PAGE_LINES):
        page = lines[start : start + PAGE_LINES]
        img = Image.new("L", (SIZE * (width + 3), int(SIZE * 1.6 * (len(page) + 2))), 255)
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(page):
            draw.text((SIZE, SIZE + i * SIZE * 1.6), line, font=font, fill=0)
        boxes, _ = engine(np.array(img.convert("RGB")))
        out += [b[1] for b in sorted(boxes or [], key=lambda b: (b[0][0][1], b[0][0][0]))]
    return out, ends


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--half", choices=("check", "tuning"), default="check")
    ap.add_argument("--font", default=FONT)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose zhcheck checks (a baseline's venv)")
    args = ap.parse_args()
    from PIL import ImageFont
    from rapidocr_onnxruntime import RapidOCR

    engine, font = RapidOCR(), ImageFont.truetype(args.font, SIZE)
    rng = random.Random(args.seed)
    files = rng.sample(half_files(args.dirs, args.half), k=args.articles)
    truth: dict[str, list[bool]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            lines, ends = print_and_read(engine, font, rng, path.read_text(encoding="utf-8"))
            if len(lines) == len(ends):  # one text box a printed line: the breaks can be scored
                Path(tmp, path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
                truth[path.name] = ends
        report = check_json(tmp, "L", args.python)
        inside = joined = wrong = 0
        rules: Counter[str] = Counter()
        for f in report["files"]:
            ends = truth[Path(f["path"]).name]
            rules.update(x["rule"] for x in f["findings"])
            starts = {e["start"] for x in f["findings"] if x["rule"] == "L107" for e in x["fix"]["edits"]}
            offsets, pos = [], 0  # where each line ends
            for line in Path(f["path"]).read_text(encoding="utf-8").split("\n"):
                pos += len(line)
                offsets.append(pos)
                pos += 1
            for i, end in enumerate(ends[:-1]):
                hit = offsets[i] in starts
                inside += not end
                joined += hit and not end
                wrong += hit and end
    print(f"{len(truth)} of {len(files)} articles read one box a line ({args.half} half)")
    print(f"breaks inside paragraphs joined by L107: {joined}/{inside} = {joined / max(1, inside):.3f}")
    print(f"paragraph ends joined (wrong): {wrong}")
    print(f"layout findings: {dict(sorted(rules.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
