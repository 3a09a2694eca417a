#!/usr/bin/env python3
"""G301 recall on scrambled clauses injected into held-out clean articles.

Takes the *check* half of a clean control (team convention: sha1 of the file name odd),
scrambles the words of up to N clauses per article (clauses of at least --min-words jieba
words, whose shuffled order differs from the original) and runs `zhcheck check --format
json --select G301` as a whole process over the damaged copies. Prints how many injected
clauses a G301 finding overlaps (recall) and how many G301 findings fall elsewhere (false
alarms on the untouched text).

    python benchmarks/salad_injection.py corpus/clean --articles 100 --per-article 2
    python benchmarks/salad_injection.py corpus/clean --select G301,G302   # with the opt-in G302
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _common import check_half_files, check_json


def _clauses(text: str, min_words: int) -> list[tuple[int, int, list[str]]]:
    """(start, end, words) of the clauses of `text` with at least `min_words` CJK words."""
    from zhcheck.segmenter import segment

    out, pos, cur, start = [], 0, [], 0
    for w in segment(text):
        if all("\u4e00" <= c <= "\u9fff" for c in w):
            if not cur:
                start = pos
            cur.append(w)
        else:
            if len(cur) >= min_words:
                out.append((start, pos, cur))
            cur = []
        pos += len(w)
    return out


def shuffle_clauses(
    text: str, rng: random.Random, per_article: int, min_words: int
) -> tuple[str, list[tuple[int, int]]]:
    """`text` with the words of up to `per_article` clauses of >= `min_words` CJK words
    shuffled (same length, so offsets stay valid), and their spans: the benchmark's damage,
    also what tools/measure_salad_separation.py measures."""
    clauses = _clauses(text, min_words)
    spans = []
    for start, end, words in rng.sample(clauses, k=min(per_article, len(clauses))):
        shuffled = words[:]
        for _ in range(10):
            rng.shuffle(shuffled)
            if shuffled != words:
                break
        text = text[:start] + "".join(shuffled) + text[end:]
        spans.append((start, end))
    return text, spans


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--per-article", type=int, default=2)
    ap.add_argument("--min-words", type=int, default=6)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--select", default="G301", help="the rules that count (comma-separated)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = check_half_files(args.dirs)[: args.articles]
    injected: dict[str, list[tuple[int, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            text, spans = shuffle_clauses(path.read_text(encoding="utf-8"), rng, args.per_article, args.min_words)
            out = Path(tmp) / path.name
            out.write_text(text, encoding="utf-8")
            injected[str(out)] = spans
        report = check_json(tmp, args.select, sys.executable)
    found = false = 0
    total = sum(len(s) for s in injected.values())
    for f in report["files"]:
        spans = injected.get(f["path"], [])
        hit = set()
        for x in f["findings"]:
            overlaps = [i for i, (s, e) in enumerate(spans) if x["start"] < e and s < x["end"]]
            hit.update(overlaps)
            false += not overlaps
        found += len(hit)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"{len(files)} articles (check half), {total} scrambled clauses of >= {args.min_words} words")
    print(f"{args.select} recall: {found}/{total} = {found / max(1, total):.3f}")
    print(f"{args.select} findings elsewhere: {false} ({false * 10000 / max(1, chars):.2f} per 10,000 chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
