#!/usr/bin/env python3
"""D202 recall on one-character words typed twice, injected into held-out clean articles.

Takes the *check* half of clean controls (team convention: sha1 of the file name odd),
doubles up to N one-character Han words of jieba's cut per article (在 -> 在在, 他 -> 他他;
a word whose doubling is itself a dictionary word, 天天, is skipped: that is no slip) and
runs `zhcheck check --format json --select D202` as a whole process over the damaged
copies. Prints the share of injected doublings a D202 finding overlaps, split into the
grammatical words D202 judges with the character model (prepositions, particles, adverbs,
pronouns, 是/要/能) and the rest, and how many D202 findings fall elsewhere.

    python benchmarks/stutter_injection.py corpus/clean corpus/controls/news --articles 200
    python benchmarks/stutter_injection.py corpus/clean --python ../base/.venv/bin/python  # a baseline
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _common import check_half_files, check_json


def _one_character_words(text: str) -> list[int]:
    """Offsets of the one-character Han words of jieba's cut whose doubling is no word."""
    from zhcheck.rules.lang.lexicon import word_freq
    from zhcheck.segmenter import segment

    out, pos = [], 0
    for w in segment(text):
        if len(w) == 1 and "\u4e00" <= w <= "\u9fff" and word_freq(w + w) == 0:
            out.append(pos)
        pos += len(w)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--per-article", type=int, default=2)
    ap.add_argument("--seed", type=int, default=202)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose zhcheck checks (a baseline's venv)")
    args = ap.parse_args()
    from zhcheck.rules.duplicate.stutter import grammatical_chars

    rng = random.Random(args.seed)
    files = check_half_files(args.dirs)
    files = rng.sample(files, k=min(args.articles, len(files)))
    injected: dict[str, list[tuple[int, bool]]] = {}
    chars = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(files):
            text = path.read_text(encoding="utf-8")
            chars += len(text)
            spots = _one_character_words(text)
            picked = sorted(rng.sample(spots, k=min(args.per_article, len(spots))), reverse=True)
            marks = []
            for i in picked:  # from the end, so earlier offsets stay valid
                text = text[: i + 1] + text[i] + text[i + 1 :]
                marks = [(s + 1, g) for s, g in marks]
                marks.append((i, text[i] in grammatical_chars()))
            out = Path(tmp) / f"{n:04d}_{path.name}"
            out.write_text(text, encoding="utf-8")
            injected[str(out)] = marks
        report = check_json(tmp, "D202", args.python)
    found = {True: 0, False: 0}
    total = {True: 0, False: 0}
    elsewhere = 0
    for marks in injected.values():
        for _, g in marks:
            total[g] += 1
    for f in report["files"]:
        marks = injected.get(f["path"], [])
        hit = set()
        for x in f["findings"]:
            overlaps = [k for k, (s, _) in enumerate(marks) if x["start"] < s + 2 and s < x["end"]]
            hit.update(overlaps)
            elsewhere += not overlaps
        for k in hit:
            found[marks[k][1]] += 1
    print(f"{len(files)} articles (check half), {sum(total.values())} one-character words doubled")
    for g, label in ((True, "grammatical words"), (False, "other words")):
        print(f"D202 recall, {label}: {found[g]}/{total[g]} = {found[g] / max(1, total[g]):.3f}")
    print(f"D202 findings elsewhere: {elsewhere} ({elsewhere * 10000 / max(1, chars):.2f} per 10,000 chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
