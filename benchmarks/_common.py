"""Shared helpers of the benchmark scripts: repository paths and a machine description."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
CLEAN = ROOT / "corpus" / "clean"

if str(ROOT) not in sys.path:  # run as `python benchmarks/bench_x.py` from anywhere
    sys.path.insert(0, str(ROOT))


def read_articles(directory: Path) -> list[tuple[str, str]]:
    """(name, text) of the *.txt articles in a directory, sorted by name."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.txt"))]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def machine() -> str:
    """One line naming the machine the figures come from."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"machine: nproc {os.cpu_count()}, CPU {cpu_model()}, {memory_gib():.1f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, load avg {load:.2f}"
    )


def median(values: list[float]) -> float:
    return statistics.median(values)


def zhcheck_command() -> tuple[list[str], str]:
    """The `zhcheck` console script of this checkout, or the same entry point run by python.

    Returns (argv prefix, label). Run it with `zhcheck_env()` and cwd ROOT.
    """
    script = Path(sys.executable).with_name("zhcheck")
    if script.exists():
        probe = subprocess.run(
            [sys.executable, "-c", "import zhcheck, sys; sys.stdout.write(zhcheck.__file__)"],
            capture_output=True,
            text=True,
            cwd=tempfile.gettempdir(),
        )
        if probe.stdout.startswith(str(ROOT)):
            return [str(script)], str(script)
    entry = "import sys; from zhcheck.app.cli import main; sys.exit(main())"
    label = "python -c 'from zhcheck.app.cli import main; main()' (no console script of this checkout installed)"
    return [sys.executable, "-c", entry], label


def zhcheck_env(**extra: str) -> dict[str, str]:
    """The environment for `zhcheck_command()`: this checkout first on PYTHONPATH."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, PYTHONPATH=path, **extra)


def run_timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run a process to its end: (wall seconds, peak RSS in MB, CPU seconds of it and its reaped children)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"zhcheck failed ({proc.returncode}): {err.strip()[-500:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss: KiB on Linux


def check_half_files(dirs: list[Path]) -> list[Path]:
    """The *.txt files of clean-control directories in their check half (team convention)."""
    return half_files(dirs, "check")


def half_files(dirs: list[Path], half: str) -> list[Path]:
    """The *.txt files (recursively) of clean-control directories in one half, "check" or
    "tuning" (team convention: `zhcheck.app.evaluation.half_of`), in a stable order."""
    from zhcheck.app.evaluation import half_of

    return [p for d in dirs for p in sorted(d.rglob("*.txt")) if half_of(p) == half]


def check_json(path: str, select: str | None, python: str = sys.executable) -> dict:
    """`zhcheck check --format json --select SELECT` of `path` as a whole process (no cache,
    never failing on findings), run by `python`'s zhcheck; the parsed report. `select`
    None: the default rules."""
    import json

    argv = [python, "-m", "zhcheck", "check", "--format", "json", "--no-cache", "--fail-on", "never"]
    chosen = ["--select", select] if select else []
    run = subprocess.run([*argv, *chosen, path], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)
