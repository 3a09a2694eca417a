"""Peak memory of a run over many files: the parent process, and the wall time.

Writes --files articles (default 10,200) made from corpus/clean (or corpus/seeds: full
of findings, and of copies across files): each article of the collection in turn, its
paragraphs' sentences rotated by a different amount per copy (so copies are not verbatim
repeats). Then runs `zhcheck check --no-cache --format json -o /dev/null` over them and
prints the peak RSS of the parent process (getrusage SELF, read at exit). `--format html`
keeps every text in the report. `--python` runs another checkout's interpreter (e.g.
main's virtualenv) on the same files, side by side.

    python benchmarks/bench_memory.py [--files 10200] [--jobs 2] [--source seeds] [--paragraphs 12]
        [--python OTHER/.venv/bin/python]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import CLEAN, SEEDS, machine, read_articles

_SENTENCE = re.compile(r"[^。！？]*[。！？]+”?|[^。！？]+$")
_WRAPPER = (
    "import atexit, resource, sys\n"
    "peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "atexit.register(lambda: print(f'parent peak RSS {peak():.0f} MB', file=sys.stderr))\n"
    "from zhcheck.app.cli import main\n"
    "main()\n"
)


def rotate(text: str, k: int) -> str:
    out = []
    for line in text.splitlines():
        sentences = _SENTENCE.findall(line) or [line]
        j = k % len(sentences)
        out.append("".join(sentences[j:] + sentences[:j]))
    return "\n".join(out) + "\n"


def write_files(directory: Path, n: int, source: Path, paragraphs: int = 0) -> int:
    """n files from the articles of `source`; with `paragraphs`, each file is a window of
    that many lines of its article (starting further on for each copy)."""
    articles = read_articles(source)
    size = 0
    for i in range(n):
        name, text = articles[i % len(articles)]
        text = rotate(text, i // len(articles))
        if paragraphs:
            lines = text.splitlines()
            start = (i // len(articles)) * 7 % max(1, len(lines) - paragraphs)
            text = "\n".join(lines[start : start + paragraphs]) + "\n"
        sub = directory / f"d{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"{i:05d}_{name}"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
    return size


def run(python: str, directory: Path, jobs: int, fmt: str) -> None:
    argv = ["check", "--no-cache", "--format", fmt, "-o", "/dev/null", "-j", str(jobs), "--fail-on", "never"]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [python, "-c", _WRAPPER, *argv, str(directory)],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    wall = time.perf_counter() - t0
    peak = [line for line in proc.stderr.splitlines() if line.startswith("parent peak RSS")]
    status = f"exit {proc.returncode}" if proc.returncode else "ok"
    print(f"  {python}: {peak[-1] if peak else proc.stderr[-300:]}, {wall:.0f} s wall, {status}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=10_200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--python", action="append", default=[], help="also run this interpreter's zhcheck")
    ap.add_argument("--source", choices=["clean", "seeds"], default="clean", help="articles to copy")
    ap.add_argument("--format", default="json", help="report format (html keeps every text in the report)")
    ap.add_argument("--paragraphs", type=int, default=0, help="lines per file (a window of its article; 0: all)")
    args = ap.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        size = write_files(Path(tmp), args.files, CLEAN if args.source == "clean" else SEEDS, args.paragraphs)
        print(f"{args.files:,} files from corpus/{args.source}, {size / 1e6:.0f} MB, -j {args.jobs}, {args.format}:")
        for python in [sys.executable, *args.python]:
            run(python, Path(tmp), args.jobs, args.format)


if __name__ == "__main__":
    main()
