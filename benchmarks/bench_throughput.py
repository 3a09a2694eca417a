"""Throughput of the full default rule set against `jieba.lcut` on the same text.

The seed articles are repeated to about 1 M characters, each copy a separate document
(articles keep their real size). After a warm-up (dictionaries loaded), the engine
(document construction, every default rule, corpus rules' collect and finalize) and
`jieba.lcut` run over the same texts in the same process, interleaved `--repeat` times;
the best CPU time of each is compared (wall time is shown too: on a busy machine it
measures the other jobs as much as this one). Repeated text can be flattered by caches
keyed on text, so the same comparison on corpus/clean (400 different articles) follows.
Then the CPU time per rule (`doc.words` is computed up front; any other shared analysis
is charged to the first rule that asks for it) and a cProfile summary of the functions
that take the time. Target: zhcheck >= 0.5x jieba.lcut.

    python benchmarks/bench_throughput.py [--chars 1000000] [--repeat 3] [--no-profile]
"""

from __future__ import annotations

import argparse
import logging
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from _common import CLEAN, ROOT, SEEDS, machine, read_articles

TARGET = 0.5


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call; CPU time is what a shared machine cannot inflate."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def run_engine(engine, texts: list[tuple[str, str]]) -> None:
    from zhcheck.document import Document

    results = [engine.check_document(Document(text, path=name)) for name, text in texts]
    engine.finalize(results)


def run_jieba(texts: list[tuple[str, str]]) -> None:
    import jieba

    for _, text in texts:
        jieba.lcut(text)


def compare(engine, label: str, texts: list[tuple[str, str]], repeat: int) -> float:
    """Best of `repeat` interleaved runs of jieba.lcut and zhcheck; ratio of their CPU times."""
    chars = sum(len(t) for _, t in texts)
    jieba_runs, zh_runs = [], []
    for _ in range(repeat):
        jieba_runs.append(timed(lambda: run_jieba(texts)))
        zh_runs.append(timed(lambda: run_engine(engine, texts)))
    print(f"{label}: {len(texts)} documents, {chars:,} chars (best of {repeat}, CPU time; wall in brackets)")
    for name, runs in (("jieba.lcut", jieba_runs), ("zhcheck", zh_runs)):
        wall = min(w for w, _ in runs)
        cpu = min(c for _, c in runs)
        print(
            f"  {name:<10} : {cpu:7.2f} s  {chars / cpu:>10,.0f} chars/s   [{wall:.2f} s, {chars / wall:,.0f} chars/s]"
        )
    ratio = min(c for _, c in jieba_runs) / min(c for _, c in zh_runs)
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(f"  ratio zhcheck / jieba.lcut: {ratio:.2f}x ({verdict} the target >= {TARGET}x)")
    return ratio


def profile_rules(engine, texts: list[tuple[str, str]]) -> None:
    """Time each rule separately (one pass, in engine order)."""
    from zhcheck.document import Document

    per_rule: dict[str, float] = defaultdict(float)
    collected: dict[str, list] = defaultdict(list)
    t_all = time.process_time()
    for name, text in texts:
        t0 = time.process_time()
        doc = Document(text, path=name)
        _ = doc.paragraphs
        per_rule["(document: lines, paragraphs)"] += time.process_time() - t0
        t0 = time.process_time()
        for para in doc.paragraphs:
            doc.words(para)
        per_rule["(doc.words: every paragraph)"] += time.process_time() - t0
        for r in engine.rules:
            t0 = time.process_time()
            if r.check is not None:
                list(r.check(doc, engine.context))
            elif r.corpus is not None:
                collected[r.code].append((name, r.corpus().collect(doc, engine.context)))
            per_rule[r.code] += time.process_time() - t0
    for r in engine.rules:
        if r.corpus is not None:
            t0 = time.process_time()
            list(r.corpus().finalize(collected[r.code], engine.context))
            per_rule[r.code + " finalize"] += time.process_time() - t0
    total = time.process_time() - t_all
    chars = sum(len(t) for _, t in texts)
    print(f"CPU time per rule ({chars:,} chars, one pass, {total:.2f} s in all; the segmentation of every")
    print("paragraph (doc.words) is done up front, any other shared analysis is charged to the first rule")
    print("that asks for it):")
    for code, t in sorted(per_rule.items(), key=lambda kv: -kv[1]):
        print(f"  {code:<32} {t:7.3f} s  {100 * t / total:5.1f}%  {chars / t if t else float('inf'):>14,.0f} chars/s")


def profile_functions(engine, texts: list[tuple[str, str]], top: int) -> None:
    """cProfile of one engine pass: the functions of zhcheck that take the most time."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.runcall(run_engine, engine, texts)
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_, calls, own, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        rel = Path(file).resolve()
        if file != "~" and rel.is_relative_to(ROOT) and "benchmarks" not in rel.parts:
            rows.append((cum, own, calls, f"{rel.relative_to(ROOT)}:{line}({func})"))
    total = max(cum for cum, *_ in rows) if rows else 0.0
    print(f"where the time goes (cProfile, one pass, {total:.2f} s under the profiler; top {top} by own time):")
    print(f"  {'own s':>7} {'cum s':>7} {'calls':>9}  function")
    for cum, own, calls, where in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {own:7.2f} {cum:7.2f} {calls:>9,}  {where}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000, help="size of the repeated seed text")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (the best is kept)")
    ap.add_argument("--no-profile", action="store_true", help="skip the per-rule timing and the cProfile summary")
    ap.add_argument("--top", type=int, default=15, help="functions listed in the cProfile summary")
    args = ap.parse_args()

    from zhcheck.engine import Engine

    print(machine())
    engine = Engine()
    print(f"default rule set: {len(engine.rules)} rules ({', '.join(r.code for r in engine.rules)})")
    seeds = read_articles(SEEDS)
    seed_chars = sum(len(t) for _, t in seeds)
    copies = max(1, round(args.chars / seed_chars))
    texts = [(f"copy{i:03d}/{name}", text) for i in range(copies) for name, text in seeds]

    import jieba

    jieba.setLogLevel(logging.WARNING)
    t0 = time.process_time()
    run_engine(engine, seeds)  # warm-up: loads every dictionary the rules use
    run_jieba(seeds)
    print(f"warm-up (dictionary loading, one pass over the seeds): {time.process_time() - t0:.2f} s CPU")
    print()
    compare(engine, f"seed articles x {copies}", texts, args.repeat)
    print()
    compare(engine, "corpus/clean", read_articles(CLEAN), args.repeat)
    if not args.no_profile:
        print()
        profile_rules(engine, texts)
        print()
        profile_functions(engine, texts, args.top)


if __name__ == "__main__":
    main()
