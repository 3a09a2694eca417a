"""Cold start of `zhcheck check` on one file, and its peak memory.

Runs the console script in a fresh process several times (`--no-cache`, so the result
cache cannot skip the work) and reports the wall time (min / median) and the peak
resident set size of the process. The first run uses empty dictionary caches
(XDG_CACHE_HOME and TMPDIR pointed at a new directory, so zhcheck's and jieba's caches
are rebuilt); the others are ordinary cold starts with those caches in place.
Targets: <= 1.5 s, <= 600 MB.

When no `zhcheck` console script of this checkout is installed, the same entry point
runs as `python -c "from checker.cli import main; main()"` with this checkout on
PYTHONPATH (what the installed script does).

    python benchmarks/bench_startup.py [--runs 7] [FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import ROOT, SEEDS, machine, median, zhcheck_command, zhcheck_env

TARGET_SECONDS = 1.5
TARGET_MB = 600


def timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"zhcheck failed ({proc.returncode}): {err.strip()}")
    rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    return wall, rss_mb, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", help="article to check (default: the largest seed)")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    file = Path(args.file) if args.file else max(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)

    base, label = zhcheck_command()
    argv = [*base, "check", "--no-cache", "--no-color", "--fail-on", "never", str(file)]
    env = zhcheck_env()
    print(machine())
    print(f"command: {label} check --no-cache {file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}")
    print(f"file: {len(file.read_text(encoding='utf-8')):,} chars")

    fresh = tempfile.mkdtemp(prefix="zhcheck-bench-")
    try:
        first_env = zhcheck_env(XDG_CACHE_HOME=fresh, TMPDIR=fresh)
        wall, rss, _ = timed_run(argv, first_env)
        print(f"first run, empty dictionary caches: {wall:.2f} s, peak RSS {rss:.0f} MB")
        runs = [timed_run(argv, first_env) for _ in range(args.runs)]
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    walls = [w for w, _, _ in runs]
    peak = max(r for _, r, _ in runs)
    ok_t = "meets" if median(walls) <= TARGET_SECONDS else "MISSES"
    ok_m = "meets" if peak <= TARGET_MB else "MISSES"
    print(
        f"cold start x {args.runs}: min {min(walls):.2f} s, median {median(walls):.2f} s ({ok_t} <= {TARGET_SECONDS} s)"
    )
    print(f"peak RSS: {peak:.0f} MB ({ok_m} <= {TARGET_MB} MB)")
    help_walls = [timed_run([*base, "--version"], env)[0] for _ in range(3)]
    print(f"for reference, `zhcheck --version`: min {min(help_walls):.2f} s (interpreter + CLI import)")


if __name__ == "__main__":
    main()
