"""Long paragraphs: does every rule take time linear in the paragraph's length?

A file that is one enormous line (a scraped page without line breaks, a transcript
pasted as one paragraph) must not take much longer than the same text in normal
paragraphs. Two measurements on text from corpus/clean (no rule is tuned on its speed):

1. per rule, in one process: the same text as ONE paragraph of n, 2n and 4n characters;
   the growth exponent log2(t(2n)/t(n)) is ~1 for a linear rule, ~2 for a quadratic one
   (flagged when > 1.4);
2. whole process (`zhcheck check --no-cache -q --fail-on never`), side by side: a file of
   --mb MB of normal paragraphs, and the same characters as one line. Target: the line
   takes <= 3x the time of the paragraphs.

The text is corpus/clean's articles in order, cycled with the sentences of every
paragraph rotated per cycle, so that copies are not verbatim repeats.

    python benchmarks/bench_long_line.py [--chars 20000] [--mb 5] [--rules-only] [--process-only]
        [--python OTHER_CHECKOUT/.venv/bin/python]
"""

from __future__ import annotations

import argparse
import math
import re
import tempfile
import time
from itertools import pairwise
from pathlib import Path

from _common import CLEAN, machine, read_articles, run_timed, zhcheck_command, zhcheck_env

_SENTENCE = re.compile(r"[^。！？]*[。！？]+”?|[^。！？]+$")


def paragraphs(min_chars: int) -> list[str]:
    """At least `min_chars` characters of paragraphs from corpus/clean, cycled with rotated sentences."""
    source = [p.strip() for _, text in read_articles(CLEAN) for p in text.splitlines() if p.strip()]
    out: list[str] = []
    total = 0
    cycle = 0
    while total < min_chars:
        for para in source:
            sentences = _SENTENCE.findall(para) or [para]
            k = cycle % len(sentences)
            out.append("".join(sentences[k:] + sentences[:k]))
            total += len(out[-1])
            if total >= min_chars:
                break
        cycle += 1
    return out


#: long lines of other shapes than running news text (n characters)
SHAPES = {
    "news": lambda n: "".join(paragraphs(n))[:n],
    "no punctuation": lambda n: re.sub(r"[^\u4e00-\u9fff]", "", "".join(paragraphs(2 * n)))[:n],
    "enumeration": lambda n: ("、".join(re.findall(r"[\u4e00-\u9fff]{2,4}", "".join(paragraphs(n)))) * 2)[:n],
    "one phrase looped": lambda n: ("加快发展、" * (n // 5 + 1))[:n],
    "one character": lambda n: "好" * n,
}


def time_rules(chars: int, shape: str = "news") -> None:
    """CPU seconds per rule on one paragraph of chars, 2x and 4x chars."""
    from zhcheck.document import Document
    from zhcheck.engine import Engine

    engine = Engine()
    text = SHAPES[shape](4 * chars)
    sizes = [chars, 2 * chars, 4 * chars]
    engine.check_document(Document(text[:20000]))  # warm-up: dictionaries, models, lazy tables
    times: dict[str, list[float]] = {}
    for n in sizes:
        doc = Document(text[:n] + "\n")
        doc.words(doc.paragraphs[0])  # the shared segmentation, charged to nobody
        for rule in engine.rules_for(doc.path):
            t0 = time.process_time()
            if rule.check is not None:
                list(rule.check(doc, engine.context))
            elif rule.corpus is not None:
                rule.corpus().collect(doc, engine.context)
            times.setdefault(rule.code, []).append(time.process_time() - t0)
    print(f"per rule, one paragraph ({shape}) of {' / '.join(f'{n:,}' for n in sizes)} characters (CPU s):")
    for code, ts in sorted(times.items(), key=lambda kv: -kv[1][-1]):
        if ts[-1] < 0.005:
            continue  # too fast to tell
        exps = [math.log2(b / a) if a > 0.002 and b > 0 else float("nan") for a, b in pairwise(ts)]
        exp = exps[-1] if not math.isnan(exps[-1]) else exps[0]
        flag = "  <-- superlinear" if exp > 1.4 and ts[-1] > 0.05 else ""
        print(f"  {code:6} {' '.join(f'{t:8.3f}' for t in ts)}   growth n^{exp:.2f}{flag}")


def time_process(mb: float, others: list[str]) -> None:
    """Whole-process wall and CPU time on --mb MB of paragraphs vs the same text as one line,
    for this checkout and for each interpreter in `others` (another checkout's virtualenv)."""
    paras = paragraphs(int(mb * 1_000_000 / 3) + 1)
    cmd, where = zhcheck_command()
    env = zhcheck_env()
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "paragraphs": Path(tmp, "paragraphs.txt"),
            "one line": Path(tmp, "line.txt"),
        }
        files["paragraphs"].write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        files["one line"].write_text("".join(paras) + "\n", encoding="utf-8")
        runs = [(where, cmd, env)]
        runs += [
            (python, [python, "-c", _ENTRY], {k: v for k, v in env.items() if k != "PYTHONPATH"}) for python in others
        ]
        for label, argv, environ in runs:
            print(f"whole process: {label}")
            results = {}
            for name, path in files.items():
                size = path.stat().st_size / 1e6
                wall, rss, cpu = run_timed(
                    [*argv, "check", "--no-cache", "-q", "--fail-on", "never", str(path)], environ
                )
                results[name] = wall
                print(f"  {name:11} {size:5.1f} MB  {wall:7.1f} s wall  {cpu:7.1f} s CPU  peak RSS {rss:6.0f} MB")
            ratio = results["one line"] / results["paragraphs"]
            print(f"  one line / paragraphs = {ratio:.2f}x (target <= 3x)")


_ENTRY = "import sys; from zhcheck.app.cli import main; sys.exit(main())"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=20_000, help="smallest paragraph of the per-rule timing")
    ap.add_argument("--mb", type=float, default=5.0, help="size of the whole-process files in MB")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--shape", choices=[*SHAPES, "all"], default="news", help="what the long line is made of")
    ap.add_argument("--process-only", action="store_true")
    ap.add_argument(
        "--python", action="append", default=[], help="also time this interpreter's zhcheck (whole process)"
    )
    args = ap.parse_args()
    print(machine())
    if not args.process_only:
        for shape in SHAPES if args.shape == "all" else [args.shape]:
            time_rules(args.chars, shape)
    if not args.rules_only:
        time_process(args.mb, args.python)


if __name__ == "__main__":
    main()
