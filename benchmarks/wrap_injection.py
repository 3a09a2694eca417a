#!/usr/bin/env python3
"""L107 on text printed line by line: held-out clean articles hard-wrapped like OCR output.

Takes held-out clean articles (the *check* half of the given directories by the team
convention, or `--half tuning`) and prints every paragraph line by line at one column width
per article (12-40 Han characters, counted in cells: a digit or Latin letter is half a
character), as print sets it: a closing mark never opens a line (it hangs in the margin),
an opening mark never ends one; paragraphs indented with two full-width spaces in 60% of
the articles (in half of those the indent is lost, as OCR loses it: a paragraph's first line
starts short), separated by a blank line in a third. Then runs the default rules as a whole
process on the wrapped copies and on the originals, and `zhcheck fix --select L` (the safe
layout fixes) on the wrapped copies, and prints:

- articles with an L107 finding, and its joins: right (a line break inside a paragraph)
  and wrong (a paragraph's end joined to the next);
- articles the fix restores exactly (every paragraph of the original, nothing else);
- findings of every rule on the wrapped text and on the original, by family.

    python benchmarks/wrap_injection.py corpus/controls/official corpus/controls/news corpus/clean
    python benchmarks/wrap_injection.py corpus/clean --python ../base/.venv/bin/python  # a baseline
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _common import check_json, half_files

_NO_LINE_START = set("，。、；：！？）》」』”’…,.;:!?)")
_NO_LINE_END = set("（《「『“‘(")


def _cells(c: str) -> int:
    return 1 if c.isascii() else 2


def wrap(para: str, width: int) -> list[str]:
    """`para` in lines of `width` cells, with the line-breaking rules of Chinese print."""
    lines, line, cells = [], "", 0
    for c in para:
        if cells + _cells(c) > width and line:
            if c in _NO_LINE_START:  # hang it in the margin
                line += c
                lines.append(line)
                line, cells = "", 0
                continue
            carry = ""
            while line and line[-1] in _NO_LINE_END:  # an opening mark goes to the next line
                carry = line[-1] + carry
                line = line[:-1]
            lines.append(line)
            line, cells = carry, sum(_cells(x) for x in carry)
        line += c
        cells += _cells(c)
    if line:
        lines.append(line)
    return lines


def print_lines(rng: random.Random, text: str) -> tuple[str, set[int]]:
    """The article wrapped at one column width; and the offsets of its line breaks inside
    paragraphs (the others end a paragraph)."""
    width = 2 * rng.randint(12, 40)
    indent = "\u3000\u3000" if rng.random() < 0.6 else ""
    lost = bool(indent) and rng.random() < 0.5  # OCR does not read the indent: the line starts short
    gap = "\n\n" if rng.random() < 0.33 else "\n"
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    body, breaks, pos = [], set(), 0
    for k, para in enumerate(paras):
        if k:
            body.append(gap)
            pos += len(gap)
        lines = wrap((indent if k else "") + para, width)
        if lost and k:
            lines[0] = lines[0].lstrip("\u3000")
        for line in lines[:-1]:
            body.append(line + "\n")
            pos += len(line)
            breaks.add(pos)
            pos += 1
        body.append(lines[-1])
        pos += len(lines[-1])
    return "".join(body) + "\n", breaks


def interleave(rng: random.Random, text: str) -> tuple[str, int]:
    """The article printed in two columns a page (20-30 lines a column) and read across the
    page row by row: a line of the left column, a line of the right, and so on; and how many
    lines of a right column it has (a short article fills one column only)."""
    width = 2 * rng.randint(12, 24)
    height = rng.randint(20, 30)
    lines = [line for p in text.split("\n") if p.strip() for line in wrap(p.strip(), width)]
    out, across = [], 0
    for k in range(0, len(lines), 2 * height):
        left, right = lines[k : k + height], lines[k + height : k + 2 * height]
        across += len(right)
        for i in range(len(left)):
            out.append(left[i])
            if i < len(right):
                out.append(right[i])
    return "\n".join(out) + "\n", across


def _interleaved(files: list[Path], rng: random.Random, python: str) -> None:
    """L108 on the articles printed in two columns and read across, and on their originals."""
    mixed: set[str] = set()  # articles with at least 10 lines of a right column
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(files):
            text, across = interleave(rng, path.read_text(encoding="utf-8"))
            Path(tmp, f"{n:04d}_{path.name}").write_text(text, encoding="utf-8")
            if across >= 10:
                mixed.add(f"{n:04d}_{path.name}")
        report = check_json(tmp, "L", python)
    there = [f["findings"] for f in report["files"] if Path(f["path"]).name in mixed]
    rules = Counter(x["rule"] for found in there for x in found)
    found = sum(any(x["rule"] == "L108" for x in f) for f in there)
    print(f"two columns read across: {len(mixed)} articles with >= 10 lines of a right column, ", end="")
    print(f"L108 in {found}; ", end="")
    print(f"layout findings there: {dict(sorted(rules.items()))}")


def _paragraphs(text: str) -> list[str]:
    return [p.strip(" \u3000") for p in text.split("\n") if p.strip(" \u3000")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--half", choices=("check", "tuning"), default="check")
    ap.add_argument("--seed", type=int, default=107)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose zhcheck checks (a baseline's venv)")
    ap.add_argument("--columns", action="store_true", help="also print the articles in two columns read across (L108)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = half_files(args.dirs, args.half)
    files = rng.sample(files, k=min(args.articles, len(files)))
    breaks: dict[str, set[int]] = {}
    originals: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        wrapped_dir, clean_dir = Path(tmp, "wrapped"), Path(tmp, "clean")
        wrapped_dir.mkdir()
        clean_dir.mkdir()
        for n, path in enumerate(files):
            text = path.read_text(encoding="utf-8")
            name = f"{n:04d}_{path.name}"
            new, breaks[name] = print_lines(rng, text)
            (wrapped_dir / name).write_text(new, encoding="utf-8")
            (clean_dir / name).write_text(text, encoding="utf-8")
            originals[name] = text
        wrapped = check_json(str(wrapped_dir), None, args.python)
        clean = check_json(str(clean_dir), None, args.python)
        fix = [args.python, "-m", "zhcheck", "fix", "--select", "L", str(wrapped_dir)]
        subprocess.run(fix, capture_output=True, text=True, check=False)
        restored = sum(
            _paragraphs((wrapped_dir / name).read_text(encoding="utf-8")) == _paragraphs(originals[name])
            for name in originals
        )
    reported = right = wrong = 0
    for f in wrapped["files"]:
        hits = [x for x in f["findings"] if x["rule"] == "L107"]
        reported += bool(hits)
        joined = [e["start"] for x in hits for e in x["fix"]["edits"]]  # the line break deleted
        right += sum(j in breaks[Path(f["path"]).name] for j in joined)
        wrong += sum(j not in breaks[Path(f["path"]).name] for j in joined)
    total = sum(len(b) for b in breaks.values())
    print(f"{len(files)} articles ({args.half} half), {total} line breaks inside paragraphs")
    print(f"articles with an L107 finding: {reported}/{len(files)}")
    print(f"breaks joined: {right}/{total} = {right / max(1, total):.3f}; paragraph ends joined (wrong): {wrong}")
    print(f"articles restored exactly by `fix --select L` (safe fixes): {restored}/{len(files)}")
    for label, report in (("wrapped", wrapped), ("original", clean)):
        rules = [x["rule"] for f in report["files"] for x in f["findings"]]
        by = Counter(r if r == "L107" else r[0] for r in rules)
        print(f"findings on the {label} articles: " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
    l108 = sum(x["rule"] == "L108" for f in wrapped["files"] for x in f["findings"])
    print(f"L108 on the wrapped (one-column) articles: {l108}")
    if args.columns:
        _interleaved(files, rng, args.python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
