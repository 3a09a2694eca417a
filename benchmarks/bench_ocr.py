"""The ocr family: lexicon load time (cold and cached) and throughput (a reference figure).

- Load: in fresh processes, the time (CPU and wall) to load the ocr family's tables —
  the merged lexicon (pycorrector word lists, jieba tags, OpenCC table), the gazetteer
  and the swapped-term index — first with an empty cache directory (built from the
  sources and pickled), then with the pickles in place (min/median of several runs).
- Throughput: chars/s of each O rule and of the whole family on corpus/seeds +
  corpus/clean, with the segmentation (`doc.words`, shared by all families) done
  beforehand and timed separately, next to `jieba.lcut` on the same texts.

    python benchmarks/bench_ocr.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from _common import CLEAN, ROOT, SEEDS, machine, read_articles

_LOAD = """
import time
c0, w0 = time.process_time(), time.perf_counter()
from zhcheck.rules.lang import lexicon
lexicon.segmenter()
c1, w1 = time.process_time(), time.perf_counter()
lexicon.t2s_table(); lexicon._words(); lexicon.gazetteer()
from zhcheck.rules.ocr.swaps import swap_index
swap_index()
lexicon.surnames()
c2, w2 = time.process_time(), time.perf_counter()
print(c1 - c0, w1 - w0, c2 - c1, w2 - w1)
"""


def load_times(cache: str) -> tuple[float, float, float, float]:
    """(segmenter cpu, wall, ocr tables cpu, wall) in a fresh process using `cache`."""
    env = dict(os.environ, XDG_CACHE_HOME=cache, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, check=True)
    a, b, c, d = map(float, out.stdout.split())
    return a, b, c, d


def throughput() -> None:
    import jieba

    from zhcheck.document import Document
    from zhcheck.engine import Engine
    from zhcheck.registry import load_rules
    from zhcheck.rules.lang import lexicon

    articles = read_articles(SEEDS) + read_articles(CLEAN)
    chars = sum(len(t) for _n, t in articles)
    lexicon.warm()
    t = time.process_time()
    for _n, text in articles:
        jieba.lcut(text)
    t_jieba = time.process_time() - t
    docs = [Document(text, name) for name, text in articles]
    t = time.process_time()
    for d in docs:
        for p in d.paragraphs:
            d.words(p)
    t_words = time.process_time() - t
    engine = Engine({"select": ["O"]})
    rules = [r for r in load_rules().values() if r.code.startswith("O")]
    total = 0.0
    print(f"\n{len(docs)} documents, {chars:,} chars (segmentation done beforehand)")
    print(f"  jieba.lcut          {t_jieba:6.2f} s CPU  {chars / t_jieba:>11,.0f} chars/s")
    print(f"  doc.words (shared)  {t_words:6.2f} s CPU  {chars / t_words:>11,.0f} chars/s")
    for r in rules:
        t = time.process_time()
        if r.corpus is not None:  # a cross-file rule: its per-document collect, then one finalize
            check = r.corpus()
            collected = [(d.path, check.collect(d, engine.context)) for d in docs]
            hits = len(list(check.finalize(collected, engine.context)))
        else:
            hits = sum(len(list(r.check(d, engine.context))) for d in docs)
        dt = time.process_time() - t
        total += dt
        print(f"  {r.code} {r.name:<16} {dt:6.2f} s CPU  {chars / dt:>11,.0f} chars/s  {hits} findings")
    speed = f"{chars / total:>11,.0f} chars/s  = {t_jieba / total:.1f}x jieba.lcut"
    print(f"  ocr family          {total:6.2f} s CPU  {speed}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as cache:
        cold = load_times(cache)
        warm = [load_times(cache) for _ in range(args.runs)]
    print("\nload (fresh process)            segmenter cpu/wall    ocr tables cpu/wall")
    print(f"  empty cache (build + pickle)   {cold[0]:5.2f} / {cold[1]:5.2f} s      {cold[2]:5.2f} / {cold[3]:5.2f} s")
    for label, f in (("min", min), ("median", statistics.median)):
        a, b, c, d = (f(w[i] for w in warm) for i in range(4))
        print(f"  cached, {label:<6}                {a:5.2f} / {b:5.2f} s      {c:5.2f} / {d:5.2f} s")
    throughput()


if __name__ == "__main__":
    main()
