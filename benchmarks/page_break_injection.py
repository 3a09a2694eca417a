#!/usr/bin/env python3
"""L106/L101 recall on print pages: clean articles set as pages, their furniture left in.

Takes held-out clean articles (the *check* half of the given directories by the team
convention, or `--half tuning`), cuts each into pages of `--page` characters (500-900 by
default, past the headline) and leaves at every page break what text copied out of a PDF
or read back by OCR keeps: the page number in one of several styles (`— 3 —` as official
documents print it, `- 3 -`, `第 3 页`, `第3页 共9页`, a bare number), alone or with a
running head (an issuing body and the issue, or a date and weekday), one style per article,
as print does. A break inside a paragraph splits it (most do: pages end anywhere); the
continuation follows the furniture after a blank line or a line break.

Runs `zhcheck check --select L` as a whole process over the damaged copies and prints:
the share of furniture lines an L106 finding covers, the share of split paragraphs L101
joins across the furniture (a finding at the cut), and the L findings elsewhere per 10,000
characters next to the same count on the undamaged articles.

    python benchmarks/page_break_injection.py corpus/controls/official corpus/controls/news corpus/clean
    python benchmarks/page_break_injection.py corpus/clean --python ../base/.venv/bin/python  # a baseline
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _common import check_json, half_files

#: a line may not start with these (Chinese typesetting keeps them off a line's head) ...
_NO_LINE_START = set("，。、；：！？）》」』”’…—,.;:!?)")
#: ... nor end with these
_NO_LINE_END = set("（《「『“‘(")
_SENTENCE_END = set("。！？!?…；;：:")


def _sentence_end(before: str) -> bool:
    """Does `before` end a sentence (a final mark, also inside a closing quote)?"""
    return before.rstrip("”’」』）)")[-1:] in _SENTENCE_END


_BODIES = ("市人民政府", "省发展改革委", "县委办公室", "区教育局", "市场监管局", "省统计局")
_PLACES = ("东山", "南湖", "西岭", "北川", "清河", "青山")
_WEEKDAYS = "一二三四五六日"


def _style(rng: random.Random, pages: int):
    """One article's page furniture: a function of the page number giving its lines."""
    body = rng.choice(_PLACES) + rng.choice(_BODIES)
    year, issue = rng.randint(2015, 2026), rng.randint(1, 24)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    weekday = _WEEKDAYS[rng.randrange(7)]
    numbers = [
        lambda n: f"— {n} —",
        lambda n: f"- {n} -",
        lambda n: f"第 {n} 页",
        lambda n: f"第{n}页 共{pages}页",
        lambda n: f"{n}",
    ]
    heads = [
        lambda n: f"{body}公报　　{year}年第{issue}期",
        lambda n: f"{year}年{month}月{day}日　星期{weekday}",
    ]
    number = rng.choice(numbers)
    kind = rng.choice(("number", "number", "head+number", "number+head"))
    head = rng.choice(heads)
    if kind == "number":
        return lambda n: [number(n)]
    if kind == "head+number":
        return lambda n: [head(n), number(n)]
    return lambda n: [number(n), head(n)]


def _break_points(rng: random.Random, text: str, page: tuple[int, int]) -> list[int]:
    """Offsets where a page ends: every 500-900 characters, never inside the first line,
    never before a mark that may not open a line or after one that may not end it."""
    first_line = text.find("\n")
    pos = max(first_line, 0) + rng.randint(*page)
    out = []
    while pos < len(text) - 40:
        k = pos
        while k < len(text) - 40 and (
            text[k] in _NO_LINE_START or text[k - 1] in _NO_LINE_END or text[k] in "\n" or text[k - 1] in " \u3000"
        ):
            k += 1
        if k < len(text) - 40:
            out.append(k)
        pos = k + rng.randint(*page)
    return out


def paginate(rng: random.Random, text: str, page: tuple[int, int]) -> tuple[str, list[tuple[int, int]], list[int]]:
    """`text` with page furniture at its page breaks: the new text, the furniture lines'
    spans, and the offsets (in the new text) where a paragraph was split."""
    cuts = _break_points(rng, text, page)
    furniture = _style(rng, len(cuts) + 1)
    out, spans, splits = [], [], []
    pos = length = 0
    for n, cut in enumerate(cuts, start=1):
        piece = text[pos:cut]
        out.append(piece)
        length += len(piece)
        inside = text[cut - 1] != "\n"
        if inside and not _sentence_end(text[:cut]):
            splits.append(length)  # cut mid-sentence (a split after a full stop reads as two paragraphs)
        sep = rng.choice(("\n", "\n\n")) if inside else ""
        block = sep
        for line in furniture(n):
            spans.append((length + len(block), length + len(block) + len(line)))
            block += line + ("\n\n" if sep == "\n\n" or not inside else "\n")
        out.append(block)
        length += len(block)
        pos = cut
    out.append(text[pos:])
    return "".join(out), spans, splits


def _covers(f: dict, span: tuple[int, int]) -> bool:
    return f["start"] < span[1] and span[0] < f["end"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--half", choices=("check", "tuning"), default="check")
    ap.add_argument("--page", type=int, nargs=2, default=(500, 900), metavar=("MIN", "MAX"))
    ap.add_argument("--seed", type=int, default=106)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose zhcheck checks (a baseline's venv)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = half_files(args.dirs, args.half)
    files = rng.sample(files, k=min(args.articles, len(files)))
    truth: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
    chars = 0
    with tempfile.TemporaryDirectory() as tmp:
        damaged, clean = Path(tmp, "damaged"), Path(tmp, "clean")
        damaged.mkdir()
        clean.mkdir()
        for n, path in enumerate(files):
            text = path.read_text(encoding="utf-8")
            chars += len(text)
            new, spans, splits = paginate(rng, text, tuple(args.page))
            out = damaged / f"{n:04d}_{path.name}"
            out.write_text(new, encoding="utf-8")
            (clean / out.name).write_text(text, encoding="utf-8")
            truth[out.name] = (spans, splits)
        report = check_json(str(damaged), "L", args.python)
        before = check_json(str(clean), "L", args.python)
    lines = sum(len(s) for s, _ in truth.values())
    splits = sum(len(c) for _, c in truth.values())
    covered = joined = elsewhere = 0
    for f in report["files"]:
        spans, cuts = truth[Path(f["path"]).name]
        found = f["findings"]
        covered += sum(any(x["rule"] == "L106" and _covers(x, s) for x in found) for s in spans)
        joined += sum(any(x["rule"] == "L101" and x["end"] == c for x in found) for c in cuts)
        for x in found:
            at_cut = any(x["end"] == c or x["start"] == c for c in cuts)
            on_line = any(_covers(x, s) for s in spans)
            elsewhere += not (at_cut or on_line)
    clean_l = sum(len(f["findings"]) for f in before["files"])
    print(f"{len(files)} articles ({args.half} half), {chars} chars, {lines} furniture lines, ", end="")
    print(f"{splits} paragraphs split mid-sentence")
    print(f"furniture lines reported (L106): {covered}/{lines} = {covered / max(1, lines):.3f}")
    print(f"split paragraphs joined across (L101): {joined}/{splits} = {joined / max(1, splits):.3f}")
    print(
        f"L findings elsewhere: {elsewhere} ({elsewhere * 10000 / max(1, chars):.2f} per 10,000 chars); "
        f"on the undamaged articles: {clean_l} ({clean_l * 10000 / max(1, chars):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
