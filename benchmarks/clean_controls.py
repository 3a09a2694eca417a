"""False alarms of the default rule set on clean control articles, per rule and per source.

    python benchmarks/clean_controls.py [DIR ...] [--list] [--typography]

DIRs default to `corpus/clean_extra` (see `tools/build_clean_extra.py` for a full
build). A file's source is the part of its name before the first `_` (`rmrb1998`,
`sighan2015`, `genre`, `xwlb`). Prints findings per 10,000 characters per rule and source
(typography left out unless `--typography`); `--list` prints every finding (rule, file,
line, flagged text and message) for review.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import ROOT
from zhcheck.engine import Engine


def source_of(path: str) -> str:
    return Path(path).name.split("_", 1)[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", default=[str(ROOT / "corpus" / "clean_extra")])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--typography", action="store_true")
    args = ap.parse_args(argv)
    engine = Engine({"cache": False, "jobs": 1})
    files = [str(p) for d in args.dirs for p in sorted(Path(d).glob("*")) if p.suffix in (".txt", ".md")]
    chars: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for path in files:
        res = engine.check_file(path)
        src = source_of(path)
        chars[src] += res.chars
        for f in res.findings:
            if f.category.value == "typography" and not args.typography:
                continue
            counts[src][f.rule] += 1
            if args.list:
                print(f"{f.rule} {Path(path).name}:{f.line}:{f.column} {f.text!r} | {f.message}")
    sources = sorted(chars)
    rules = sorted({r for c in counts.values() for r in c})
    print("\nchars: " + ", ".join(f"{s} {chars[s]:,}" for s in sources))
    print("| rule | " + " | ".join(sources) + " | all |")
    print("|---" * (len(sources) + 2) + "|")
    total = sum(chars.values())
    for r in rules:
        cells = [f"{counts[s][r]} ({counts[s][r] * 1e4 / chars[s]:.2f})" if chars[s] else "-" for s in sources]
        n = sum(counts[s][r] for s in sources)
        print(f"| {r} | " + " | ".join(cells) + f" | {n} ({n * 1e4 / total:.2f}) |")
    n_all = sum(sum(c.values()) for c in counts.values())
    print(
        "| all | "
        + " | ".join(f"{sum(counts[s].values())} ({sum(counts[s].values()) * 1e4 / chars[s]:.2f})" for s in sources)
        + f" | {n_all} ({n_all * 1e4 / max(total, 1):.2f}) |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
