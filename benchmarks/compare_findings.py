"""Compare two `zhcheck check --format json` reports finding by finding.

    zhcheck check --format json --no-cache --fail-on never PATHS -o before.json
    ... change the code ...
    zhcheck check --format json --no-cache --fail-on never PATHS -o after.json
    python benchmarks/compare_findings.py before.json after.json [--show 20]

A finding is compared by rule, span, message, suggestion, fix, related spans and severity.
Prints the findings only one report has, per file, and exits 1 when the reports differ.
"""

from __future__ import annotations

import argparse
import json
import sys


def _key(f: dict) -> tuple:
    return (
        f["rule"],
        f["start"],
        f["end"],
        f["message"],
        f.get("suggestion"),
        json.dumps(f.get("fix"), sort_keys=True, ensure_ascii=False),
        json.dumps(f.get("related"), sort_keys=True, ensure_ascii=False),
        f["severity"],
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--show", type=int, default=20, help="findings to print per side (default 20)")
    args = ap.parse_args(argv)
    with open(args.before, encoding="utf-8") as fa, open(args.after, encoding="utf-8") as fb:
        before = {f["path"]: f for f in json.load(fa)["files"]}
        after = {f["path"]: f for f in json.load(fb)["files"]}
    gone: list[tuple[str, tuple]] = []
    new: list[tuple[str, tuple]] = []
    for path in sorted(before.keys() | after.keys()):
        a = {_key(f) for f in before.get(path, {}).get("findings", [])}
        b = {_key(f) for f in after.get(path, {}).get("findings", [])}
        gone += [(path, k) for k in sorted(a - b)]
        new += [(path, k) for k in sorted(b - a)]
    for sign, rows in (("-", gone), ("+", new)):
        for path, k in rows[: args.show]:
            print(f"{sign} {path} {k[0]} {k[1]}:{k[2]} {k[3]} -> {k[4]!r}")
    files = len({p for p, _ in gone + new})
    print(f"{len(gone)} findings only before, {len(new)} only after, in {files} files")
    return 1 if gone or new else 0


if __name__ == "__main__":
    sys.exit(main())
