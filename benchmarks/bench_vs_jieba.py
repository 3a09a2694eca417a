"""zhcheck against jieba.lcut as a user runs them: whole processes on unseen text.

One side is `zhcheck check --jobs 1 --no-cache DIR` (the console script of this
checkout, text report to /dev/null), the other a process that imports jieba and runs
`jieba.lcut` over the same files (read as UTF-8, in the same order); both include their
start-up (imports, dictionary loading; both dictionary caches are warm after the
warm-up pass). They run in alternating pairs (jieba first, then zhcheck; next pair the
other way round) under the same `nice` level; per pair the throughput ratio
zhcheck / jieba is taken in wall time and in CPU time (user + system of the process:
what a shared machine cannot inflate), and the median over the pairs is the figure.
Targets (issue 21): >= 1.0x, stretch >= 2x.

The text is the unseen pool of `unseen_pool.py` (check halves of the clean controls,
plus `--extra` articles, e.g. CMRC 2018's passages), shuffled. `--variant` adds zhcheck
configurations measured in the same pairs (default: the default rule set without the
noisy-channel OCR rule O106, which issue 16 owns); `--baseline` another checkout's console
script (main's, to compare a branch with it in the same run).

    python benchmarks/bench_vs_jieba.py [--extra PATH ...] [--pairs 5] [--nice 10] [--pool DIR]
        [--baseline OTHER/.venv/bin/zhcheck] [--variant none]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import machine, zhcheck_command, zhcheck_env
from unseen_pool import pool_articles, write_pool

_JIEBA = """
import os, sys
import jieba
jieba.setLogLevel(60)
paths = []
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    paths.extend(os.path.join(root, f) for f in sorted(files))
for p in paths:
    with open(p, encoding="utf-8") as fh:
        jieba.lcut(fh.read())
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of a process run to its end."""
    import subprocess

    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{argv[:3]} failed ({code}): {err.strip()[-800:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extra", type=Path, action="append", default=[], help="more unseen articles (dir, .json, .csv)")
    ap.add_argument("--pool", type=Path, help="use this directory as it is (no pool is built)")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--nice", type=int, default=10, help="nice level of both sides (0: none)")
    ap.add_argument(
        "--variant",
        action="append",
        default=None,
        help="extra zhcheck options measured as a variant, e.g. '--ignore O106' (repeatable; 'none' for no variant)",
    )
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument(
        "--baseline",
        type=Path,
        help="another checkout's `zhcheck` console script (e.g. main's venv), measured in the same pairs",
    )
    args = ap.parse_args()
    variants = args.variant if args.variant is not None else ["--ignore O106"]
    variants = [v for v in variants if v != "none"]

    print(machine())
    tmp = None
    if args.pool is not None:
        pool = args.pool
    else:
        tmp = Path(tempfile.mkdtemp(prefix="zhcheck-unseen-"))
        pool = tmp / "pool"
        write_pool(pool, pool_articles(args.extra), args.seed)
    files = [p for p in pool.rglob("*") if p.is_file()]
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"unseen pool: {len(files):,} files, {chars:,} chars ({pool})")

    nice = ["nice", "-n", str(args.nice)] if args.nice else []
    base, label = zhcheck_command()
    env = zhcheck_env()
    zh_common = ["check", "--jobs", "1", "--no-cache", "--no-color", "--fail-on", "never", str(pool)]
    sides: dict[str, list[str]] = {"jieba.lcut": [*nice, sys.executable, "-c", _JIEBA, str(pool)]}
    sides["zhcheck"] = [*nice, *base, *zh_common]
    for v in variants:
        sides[f"zhcheck {v}"] = [*nice, *base, *zh_common, *v.split()]
    if args.baseline is not None:
        sides["baseline zhcheck"] = [*nice, str(args.baseline), *zh_common]
        print(f"baseline: {args.baseline}")
    print(f"zhcheck: {label} {' '.join(zh_common)}; nice {args.nice or 'none'}")

    # the baseline runs in the shell's own environment: nothing of this checkout on its path
    envs = {name: dict(os.environ) if name == "baseline zhcheck" else env for name in sides}
    for name, argv in sides.items():  # warm-up: dictionary caches, file cache, bytecode
        run(argv, envs[name])
    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sides}
    names = list(sides)
    for k in range(args.pairs):
        order = names if k % 2 == 0 else names[::-1]
        for name in order:
            rows[name].append(run(sides[name], envs[name]))
        load = os.getloadavg()[0]
        print(
            f"  pair {k + 1}: "
            + ", ".join(f"{n} {rows[n][-1][0]:.2f} s wall / {rows[n][-1][1]:.2f} s CPU" for n in names)
            + f" (load {load:.1f})"
        )

    jieba_rows = rows["jieba.lcut"]
    print(f"median of {args.pairs} alternating pairs ({chars:,} chars):")
    for name in names:
        r = rows[name]
        wall = statistics.median(x[0] for x in r)
        cpu = statistics.median(x[1] for x in r)
        rss = max(x[2] for x in r)
        line = (
            f"  {name:<24} wall {wall:6.2f} s ({chars / wall:>9,.0f} chars/s)  "
            f"CPU {cpu:6.2f} s ({chars / cpu:>9,.0f} chars/s)  peak RSS {rss:5.0f} MB"
        )
        if name != "jieba.lcut":
            wall_ratio = statistics.median(j[0] / z[0] for j, z in zip(jieba_rows, r, strict=True))
            cpu_ratio = statistics.median(j[1] / z[1] for j, z in zip(jieba_rows, r, strict=True))
            verdict = "meets" if cpu_ratio >= 1.0 and wall_ratio >= 1.0 else "MISSES"
            line += (
                f"\n  {'':<24} ratio vs jieba.lcut: wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x "
                f"({verdict} >= 1.0x; stretch 2x)"
            )
        print(line)
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
