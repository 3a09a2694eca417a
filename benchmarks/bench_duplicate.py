"""Benchmark of the duplicate family (numbers, not pass/fail).

    python benchmarks/bench_duplicate.py [--quick]

1. Within one document: articles of growing length, built from the clean
   corpus's paragraphs with copies, blocks and passages mixed in, checked with
   the D1/D2 rules. Throughput (characters per second) staying flat as the
   article grows shows the detection is linear in its length.
2. Across files (D301): thousands of generated files, a tenth of them sharing
   syndicated paragraphs; time of `collect` (signatures) and `finalize`
   (MinHash LSH clustering) per file staying flat shows it is near-linear.

Times are CPU seconds of this process (`time.process_time`), so that other
work on the machine does not distort them.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhcheck.document import Document  # noqa: E402
from zhcheck.engine import Engine  # noqa: E402
from zhcheck.registry import RuleContext, load_rules  # noqa: E402
from zhcheck.segmenter import segment  # noqa: E402


def clean_paragraphs() -> list[str]:
    paras = []
    for path in sorted((ROOT / "corpus" / "clean").glob("*.txt")):
        paras += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return paras


def fresh(paras: list[str], rng: random.Random) -> str:
    """A paragraph nobody wrote before: three random stretches of random paragraphs."""
    pieces = []
    for _ in range(3):
        p = rng.choice(paras)
        n = rng.randint(25, 50)
        i = rng.randrange(max(1, len(p) - n))
        pieces.append(p[i : i + n])
    return "，".join(pieces) + "。"


class Pieces:
    """Non-overlapping stretches of the corpus, each handed out once (then reshuffled).

    Articles of growing length must not repeat text by accident (the corpus has
    a few thousand paragraphs), or the amount of duplication, and so the work,
    would grow faster than the length instead of with the injected copies alone.
    """

    def __init__(self, paras: list[str], rng: random.Random) -> None:
        # without their punctuation, a stretch handed out twice is too short a repeat to report
        flat = [re.sub(r"[，。；：！？、“”,;:!?]", "", p) for p in paras]
        self.all = [p[i : i + 40] for p in flat for i in range(0, len(p) - 39, 40)]
        self.rng = rng
        self.left: list[str] = []

    def paragraph(self) -> str:
        out = []
        for _ in range(3):
            if not self.left:
                self.left = self.all[:]
                self.rng.shuffle(self.left)
            out.append(self.left.pop())
        return "，".join(out) + "。"


def article(pieces: Pieces, chars: int, rng: random.Random) -> str:
    """About `chars` characters of paragraphs; one in ten is a copy, a block or a pasted passage."""
    out: list[str] = []
    size = 0
    while size < chars:
        roll = rng.random()
        if out and roll < 0.04:
            p = rng.choice(out)  # exact copy
        elif len(out) > 3 and roll < 0.06:
            k = rng.randint(2, 3)
            i = rng.randrange(len(out) - k)
            out.extend(out[i : i + k])  # block printed again
            continue
        elif out and roll < 0.10:
            src = rng.choice(out)
            cut = src[len(src) // 3 :]
            p = pieces.paragraph()[:40] + cut  # passage pasted into another paragraph
        else:
            p = pieces.paragraph()
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out)


def bench_document(paras: list[str], sizes: list[int], engine: Engine) -> None:
    print("within one document (D1 + D2 rules)")
    print(f"{'chars':>9} {'findings':>9} {'seconds':>8} {'chars/s':>10} {'jieba chars/s':>14}")
    rng = random.Random(1)
    pieces = Pieces(paras, rng)
    for size in sizes:
        pieces.left = []  # every article starts from a fresh shuffle
        text = article(pieces, size, rng)
        dt = dj = float("inf")
        for _ in range(3):  # best of three
            doc = Document(text)
            _ = doc.paragraphs  # split and classify outside the timing: that is the engine's work
            t = time.process_time()
            result = engine.check_document(doc)
            dt = min(dt, time.process_time() - t)
            t = time.process_time()
            segment(text)
            dj = min(dj, time.process_time() - t)
        print(f"{len(text):>9} {len(result.findings):>9} {dt:>8.3f} {len(text) / dt:>10.0f} {len(text) / dj:>14.0f}")


def bench_corpus(paras: list[str], counts: list[int]) -> None:
    rule = load_rules()["D301"]
    assert rule.corpus is not None
    check = rule.corpus()
    ctx = RuleContext()
    print("\nacross files (D301)")
    print(f"{'files':>7} {'paragraphs':>10} {'collect s':>9} {'finalize s':>10} {'ms/file':>8} {'findings':>9}")
    for n in counts:
        rng = random.Random(n)
        syndicated = [rng.choice(paras) + rng.choice(paras) for _ in range(max(1, n // 50))]
        docs = []
        for i in range(n):
            body = [fresh(paras, rng) for _ in range(8)]
            if i % 10 == 0:
                body.insert(rng.randrange(len(body)), rng.choice(syndicated))
            docs.append(Document("\n\n".join(body), path=f"gen/{i:06d}.txt"))
        for d in docs:
            _ = d.paragraphs
        t = time.process_time()
        collected = [(d.path, check.collect(d, ctx)) for d in docs]
        t1 = time.process_time()
        hits = list(check.finalize(collected, ctx))
        t2 = time.process_time()
        npara = sum(len(c) for _, c in collected)
        per_file = (t2 - t) / n * 1000
        print(f"{n:>7} {npara:>10} {t1 - t:>9.2f} {t2 - t1:>10.2f} {per_file:>8.2f} {len(hits):>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args()
    paras = clean_paragraphs()
    engine = Engine({"select": ["D1", "D2"]})
    segment("预热分词词典。")  # load jieba outside the timings
    sizes = [10_000, 20_000, 40_000, 80_000] if args.quick else [10_000, 20_000, 40_000, 80_000, 160_000, 320_000]
    bench_document(paras, sizes, engine)
    counts = [500, 1000, 2000] if args.quick else [1000, 2000, 4000, 8000, 16000]

    bench_corpus(paras, counts)


if __name__ == "__main__":
    main()
