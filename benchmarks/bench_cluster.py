"""Cluster scaling: `zhcheck check --scheduler` on 10k, 50k, 200k generated small articles.

The script starts one LocalCluster (2 single-threaded worker processes by default) and
runs the `zhcheck` driver against it in a subprocess per size, so the driver's peak RSS
(`wait4`) is the driver's alone. Per size: wall time per file, the workers' CPU time per
file (from the workers' own rusage), the driver's peak RSS, and the corpus findings
(D301 on the copied paragraphs). The machine's load average is printed before and after
each size: on a shared machine the wall time follows it.

Articles are generated (fixed seed) from the clauses of the sentences of corpus/clean and
the seeds: a title and 3-5 paragraphs of 2-3 sentences of 2-4 random clauses (about 500
characters); every 20th copies a paragraph of an earlier article. Sentences are new
combinations, so paragraphs do not repeat by chance and the copies (one per 20 articles)
are what the cross-file rule finds, at every size.

    nice -n 10 python benchmarks/bench_cluster.py [--sizes 10000,50000,200000] [--workers 2] [--keep DIR]
        [--select D,T,O301]   # a lighter rule set (both cross-file rules) when the machine is busy
    python benchmarks/bench_cluster.py --sizes 10000 --rerun   # + the shared cache: rerun, 10 files changed
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

from _common import machine, run_timed, zhcheck_command, zhcheck_env
from bench_scaling import sentence_pool


def clause_pool(pool: list[str]) -> list[str]:
    """The clauses of the pool's sentences (cut at commas and semicolons, marks dropped)."""
    return sorted({c for s in pool for c in re.split(r"[，；。！？”]", s) if len(c) >= 4})


def sentence(rng: random.Random, clauses: list[str]) -> str:
    """A sentence of 2-4 clauses drawn at random: new every time (the pool has no repeats to collide)."""
    return "，".join(rng.sample(clauses, rng.randint(2, 4))) + "。"


def generate(directory: Path, n: int, rng: random.Random, clauses: list[str]) -> int:
    """Write n small articles into directory/NNN/ (1,000 per subdirectory); their total characters."""
    paragraphs: list[str] = []
    total = 0
    for i in range(n):
        paras = ["".join(sentence(rng, clauses) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(3, 5))]
        if i % 20 == 19 and paragraphs:
            paras.insert(rng.randrange(len(paras)), rng.choice(paragraphs))
        if i % 7 == 0:
            paragraphs.append(paras[0])
        title = rng.choice(clauses)[:18]
        sub = directory / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = title + "\n" + "\n".join(paras) + "\n"
        total += len(text)
        (sub / f"article{i:06d}.txt").write_text(text, encoding="utf-8")
    return total


def _worker_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench(
    client, address: str, directory: Path, n: int, chars: int, out: Path, cache: Path | None = None, select: str = ""
) -> dict:
    base, _ = zhcheck_command()
    argv = [*base, "check", "--scheduler", address, "--fail-on", "never", "-q", "-o", str(out), str(directory)]
    argv += ["--select", select] if select else []
    argv += ["--config", str(cache)] if cache else ["--no-cache"]
    load0 = os.getloadavg()
    cpu0 = sum(client.run(_worker_cpu).values())
    wall, rss, driver_cpu = run_timed(argv, zhcheck_env())
    cpu1 = sum(client.run(_worker_cpu).values())
    load1 = os.getloadavg()
    records = d301 = 0
    with open(out, encoding="utf-8") as fh:
        for line in fh:
            records += 1
            d301 += sum(f["rule"] == "D301" for f in json.loads(line)["findings"])
    row = {
        "files": n,
        "select": select or "default",
        "chars": chars,
        "wall_s": wall,
        "ms_per_file": 1000 * wall / n,
        "worker_cpu_ms_per_file": 1000 * (cpu1 - cpu0) / n,
        "driver_cpu_s": driver_cpu,
        "driver_peak_rss_mb": rss,
        "records": records,
        "d301": d301,
        "load_before": round(load0[0], 2),
        "load_after_1min": round(load1[0], 2),
        "load_after_15min": round(load1[2], 2),
    }
    print(
        f"  {n:>8,} files {chars / n:5.0f} chars/file: {wall:8.1f} s wall = {row['ms_per_file']:6.2f} ms/file; "
        f"workers {row['worker_cpu_ms_per_file']:6.2f} CPU ms/file; driver {driver_cpu:6.1f} CPU s, "
        f"peak RSS {rss:6.0f} MB; {records:,} records, {d301:,} D301; "
        f"load {row['load_before']} -> {row['load_after_1min']} (15 min {row['load_after_15min']})",
        flush=True,
    )
    if records != n:
        raise SystemExit(f"expected {n} records, got {records}")
    return row


def rerun(client, address: str, directory: Path, n: int, chars: int, work: Path, select: str) -> None:
    """The shared cache: a first run fills it, an unchanged rerun and one with 10 changed files use it."""
    config = work / "zhcheck.toml"
    config.write_text(f'cache-dir = "{(work / "cache").as_uri()}"\n', encoding="utf-8")
    print(f"shared cache ({(work / 'cache').as_uri()}), {n:,} files:")
    for label in ("first run (fills the cache)", "rerun, nothing changed", "rerun, 10 files changed"):
        if label.startswith("rerun, 10"):
            for p in sorted(directory.rglob("*.txt"))[:: max(1, n // 10)][:10]:
                p.write_text(p.read_text(encoding="utf-8") + "补记一段新的文字，说明本文已更新。\n", encoding="utf-8")
        print(f" {label}:")
        bench(client, address, directory, n, chars, work / "rerun.jsonl", cache=config, select=select)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,200000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep the files")
    ap.add_argument("--rerun", action="store_true", help="also time reruns with a shared (file://) cache")
    ap.add_argument("--json", metavar="FILE", help="write the rows as JSON")
    ap.add_argument("--select", default="", help="rules to run (zhcheck --select; default: the default set)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import logging

    from distributed import Client, LocalCluster

    print(machine())
    clauses = clause_pool(sentence_pool())
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="zhcheck-cluster-"))
    rows = []
    cluster = LocalCluster(
        n_workers=args.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as client:
            address = cluster.scheduler_address
            print(f"LocalCluster {address}: {args.workers} workers x 1 thread")
            for n in sizes:
                directory = work / f"articles-{n}"
                t0 = time.perf_counter()
                if directory.exists():
                    chars = sum(len(p.read_text(encoding="utf-8")) for p in directory.rglob("*.txt"))
                else:
                    chars = generate(directory, n, random.Random(n), clauses)
                print(f"{n:,} articles ({chars:,} chars) ready in {time.perf_counter() - t0:.1f} s", flush=True)
                rows.append(bench(client, address, directory, n, chars, work / f"out-{n}.jsonl", select=args.select))
                (work / f"out-{n}.jsonl").unlink()
                if args.rerun and n == sizes[0]:
                    rerun(client, address, directory, n, chars, work, args.select)
    finally:
        cluster.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if len(rows) > 1:
        first = rows[0]
        for r in rows[1:]:
            print(
                f"{r['files']:,} vs {first['files']:,}: wall per file {r['ms_per_file'] / first['ms_per_file']:.2f}x, "
                f"worker CPU per file {r['worker_cpu_ms_per_file'] / first['worker_cpu_ms_per_file']:.2f}x"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
