"""Parallel runs and the result cache on copies of the seed articles.

The five seeds are copied `--copies` times each into a temporary directory
(default 40: 200 files, 6.5 M characters), then `zhcheck check -q` (the console
entry point, in a subprocess, output discarded) runs:

1. `--no-cache --jobs 1` and `--no-cache --jobs 2`: wall time and CPU time
   (this process's children), speed-up of 2 jobs over 1 (target >= 1.6x);
2. with the cache (default jobs): a first run into an empty cache, then reruns
   over the unchanged files: speed-up of a rerun over the first run (target >= 5x).

Each timing is the minimum of `--repeat` runs (default 3; --jobs 1 and 2 interleaved);
the machine line shows the load average, which matters on a shared machine.

    python benchmarks/bench_parallel.py [--copies 40] [--repeat 3] [--format text]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import SEEDS, machine, zhcheck_command, zhcheck_env


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; exit status 0 or 1 expected."""
    cpu0, t0 = children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=zhcheck_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"zhcheck failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=40, help="copies of each seed (default 40: 200 files)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--format", default="text", help="report format of the timed runs (default text, -q)")
    args = ap.parse_args()
    print(machine())
    prefix, label = zhcheck_command()
    print(f"zhcheck: {label}")
    work = Path(tempfile.mkdtemp(prefix="zhcheck-bench-"))
    try:
        corpus = work / "articles"
        corpus.mkdir()
        chars = 0
        for k in range(args.copies):
            for p in sorted(SEEDS.glob("*.txt")):
                shutil.copy(p, corpus / f"{k:04d}_{p.name}")
                chars += len(p.read_text(encoding="utf-8"))
        n = len(list(corpus.iterdir()))
        print(f"files: {n} ({args.copies} copies of {n // args.copies} seeds), {chars:,} characters")
        base = [*prefix, "check", "-q", "--format", args.format, "articles"]

        one, two = [], []
        for _ in range(args.repeat):  # interleaved, so a change of load hits both alike
            one.append(timed([*base, "--no-cache", "--jobs", "1"], work))
            two.append(timed([*base, "--no-cache", "--jobs", "2"], work))
        (t1, c1), (t2, c2) = min(one), min(two)
        print(f"--jobs 1: {t1:6.2f} s wall, {c1:6.2f} s CPU   ({chars / t1:,.0f} chars/s)")
        print(f"--jobs 2: {t2:6.2f} s wall, {c2:6.2f} s CPU   ({chars / t2:,.0f} chars/s)")
        print(f"speed-up --jobs 2 over --jobs 1: {t1 / t2:.2f}x (target >= 1.6x)")

        firsts, reruns = [], []
        for _ in range(args.repeat):
            shutil.rmtree(work / ".zhcheck_cache", ignore_errors=True)
            firsts.append(timed(base, work))
            reruns.append(min(timed(base, work) for _ in range(2)))
        (tf, cf), (tr, cr) = min(firsts), min(reruns)
        print(f"cache, first run: {tf:6.2f} s wall, {cf:6.2f} s CPU")
        print(f"cache, rerun:     {tr:6.2f} s wall, {cr:6.2f} s CPU")
        print(f"speed-up of the cached rerun: {tf / tr:.1f}x (target >= 5x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
