"""Cold start of `zhcheck check` on one file, and its peak memory.

Runs the console script in a fresh process several times (`--no-cache`, so the result
cache cannot skip the work) and reports the wall time (min / median), the CPU time
(user + system: what the wall time would be on an idle machine, as the run is
single-threaded) and the peak resident set size of the process. The first run uses empty dictionary caches
(XDG_CACHE_HOME and TMPDIR pointed at a new directory, so zhcheck's and jieba's caches
are rebuilt) and compiles the bytecode (into a temporary PYTHONPYCACHEPREFIX, as an
installed package has it); the others are ordinary cold starts with both in place.
Then the phases of a start, measured inside one process: importing the CLI,
registering the rules, the first check (lazy dictionary loading + checking) and a
second check of the same text (checking alone).
Targets: <= 0.5 s wall with warm dictionary caches (issue 21; on a shared machine the
CPU time is what the wall time would be when idle), <= 600 MB.

When no `zhcheck` console script of this checkout is installed, the same entry point
runs as `python -c "from zhcheck.app.cli import main; main()"` with this checkout on
PYTHONPATH (what the installed script does).

    python benchmarks/bench_startup.py [--runs 7] [FILE]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import ROOT, SEEDS, machine, median, run_timed, zhcheck_command, zhcheck_env

TARGET_SECONDS = 0.5
TARGET_MB = 600


_PHASES = """
import sys, time
t0 = time.perf_counter()
import zhcheck.app.cli
t1 = time.perf_counter()
from zhcheck.registry import load_rules
load_rules()
t2 = time.perf_counter()
from zhcheck.engine import Engine
from zhcheck.document import Document
engine = Engine()
text = open(sys.argv[1], encoding="utf-8").read()
engine.check_document(Document(text, path=sys.argv[1]))
t3 = time.perf_counter()
engine.check_document(Document(text, path=sys.argv[1]))
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def phases(env: dict[str, str], file: Path, runs: int = 3) -> None:
    """Where a cold start goes: imports, rule registration, first check (with lazy loading), warm check."""
    rows = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _PHASES, str(file)], capture_output=True, text=True, env=env, cwd=ROOT, check=True
        )
        rows.append([float(x) for x in out.stdout.split()])
    imp, reg, first, warm = (min(col) for col in zip(*rows, strict=True))
    print(f"phases (min of {runs}, in one process): import zhcheck.app.cli {imp:.2f} s, load rules {reg:.2f} s,")
    print(f"  first check {first:.2f} s = dictionary loading ~{first - warm:.2f} s + checking {warm:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", help="article to check (default: the largest seed)")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    file = Path(args.file) if args.file else max(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)

    base, label = zhcheck_command()
    argv = [*base, "check", "--no-cache", "--no-color", "--fail-on", "never", str(file)]
    pycache = tempfile.mkdtemp(prefix="zhcheck-pycache-")
    # like an installed package: bytecode compiled once (kept out of the checkout), even when
    # PYTHONDONTWRITEBYTECODE is set in this shell
    env = {k: v for k, v in zhcheck_env(PYTHONPYCACHEPREFIX=pycache).items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(machine())
    print(f"command: {label} check --no-cache {file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}")
    print(f"file: {len(file.read_text(encoding='utf-8')):,} chars")

    fresh = tempfile.mkdtemp(prefix="zhcheck-bench-")
    try:
        env = dict(env, XDG_CACHE_HOME=fresh, TMPDIR=fresh)
        wall, rss, cpu = run_timed(argv, env)
        print(f"first run, empty dictionary caches: {wall:.2f} s (CPU {cpu:.2f} s), peak RSS {rss:.0f} MB")
        runs = [run_timed(argv, env) for _ in range(args.runs)]
        walls = [w for w, _, _ in runs]
        cpus = [c for _, _, c in runs]
        peak = max(r for _, r, _ in runs)
        ok_t = "meets" if median(walls) <= TARGET_SECONDS else "MISSES"
        ok_m = "meets" if peak <= TARGET_MB else "MISSES"
        print(
            f"cold start x {args.runs}: min {min(walls):.2f} s, median {median(walls):.2f} s "
            f"({ok_t} <= {TARGET_SECONDS} s)"
        )
        print(f"  CPU time: min {min(cpus):.2f} s, median {median(cpus):.2f} s")
        print(f"peak RSS: {peak:.0f} MB ({ok_m} <= {TARGET_MB} MB)")
        version = min(run_timed([*base, "--version"], env)[0] for _ in range(3))
        print(f"for reference, `zhcheck --version`: min {version:.2f} s (interpreter + CLI import)")
        phases(env, file)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(pycache, ignore_errors=True)


if __name__ == "__main__":
    main()
