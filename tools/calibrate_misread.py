"""Recall / false-alarm curve of the OCR misreading detector (O106/O107) and the channel's
candidate coverage.

    python tools/calibrate_misread.py [--ocr corpus/ocr_real] [--half tuning|check] [--grid 5,6,...]

- recall: share of the gold substitutions (`ocr` records of `<ocr>/gold/*.jsonl`) that a
  finding covers at a gain threshold; `suggested`: share of those hits whose suggestion
  puts the intended character at the misread position;
- false alarms: findings per 10,000 characters on one half of the clean controls
  (corpus/clean and corpus/clean_extra; the team's sha1 split: tune on `tuning`, report
  `check`);
- coverage: share of gold substitutions whose intended character is among the channel's
  candidates for the printed one (the ceiling of recall).

Runs the detector directly (no engine), one process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from zhcheck.document import Document  # noqa: E402
from zhcheck.rules.lang import ocrchannel  # noqa: E402
from zhcheck.rules.ocr import misread  # noqa: E402

CONTROLS = [
    ROOT / "corpus" / "clean",
    ROOT / "corpus" / "clean_extra",
    *sorted((ROOT / "corpus" / "controls").glob("*/")),
]


def half(path: Path) -> str:
    return "check" if int(hashlib.sha1(path.name.encode()).hexdigest(), 16) % 2 == 1 else "tuning"


def control_files(which: str, extra: list[Path] | None = None) -> list[Path]:
    """One half of the clean controls (and of the `extra` control directories); a `statute`
    directory is measurement-only: never in the tuning half (the team's rule), only in the check half."""
    dirs = [d for d in CONTROLS + (extra or []) if which == "check" or d.name != "statute"]
    return [p for d in dirs for p in sorted(d.glob("*")) if p.suffix in (".txt", ".md") and half(p) == which]


def load_ocr_set(directory: Path) -> list[tuple[str, list[dict]]]:
    out = []
    for art in sorted((directory / "articles").glob("*.txt")):
        gold = directory / "gold" / f"{art.stem}.jsonl"
        recs = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
        out.append((art.read_text(encoding="utf-8"), recs))
    return out


def findings(text: str) -> list[misread.Misread]:
    doc = Document(text)
    return misread.misreads(doc, min_gain=-1e9)


def reachable(text: str, recs: list[dict]) -> int:
    """Gold substitutions whose position passes the prefilter (the screen's recall)."""
    pos, _, _ = misread.best_hypotheses(text, prefilter=misread.PREFILTER)
    got = set(pos.tolist())
    return sum(r["start"] in got for r in recs if r["category"] == "ocr")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr", type=Path, action="append", help="OCR set directories (default corpus/ocr_real)")
    ap.add_argument("--half", choices=("tuning", "check"), default="tuning")
    ap.add_argument("--grid", default="6,7,8,9,10,11,12,13,14,16")
    ap.add_argument("--list", action="store_true", help="list the clean-control findings at the lowest threshold")
    ap.add_argument("--prefilter", type=float, help="override misread.PREFILTER")
    ap.add_argument("--no-clean", action="store_true", help="skip the clean controls")
    ap.add_argument("--controls", type=Path, action="append", help="more clean-control directories")
    args = ap.parse_args()
    if args.prefilter is not None:
        misread.PREFILTER = args.prefilter
    grid = [float(x) for x in args.grid.split(",")]
    misread.MIN_GAIN_INFO = min(misread.MIN_GAIN_INFO, min(grid))  # compute down to the lowest threshold
    t0 = time.perf_counter()
    args.ocr = args.ocr or [ROOT / "corpus" / "ocr_real"]
    ocr = [a for d in args.ocr for a in load_ocr_set(d)]
    gold_total = covered = 0
    hits = {t: 0 for t in grid}
    right = {t: 0 for t in grid}
    ocr_false = {t: 0 for t in grid}
    ocr_chars = screened = 0
    for text, recs in ocr:
        ocr_chars += len(text)
        screened += reachable(text, recs)
        found = findings(text)
        gold = [r for r in recs if r["category"] == "ocr"]
        neutral = [r for r in recs if r["category"] == "neutral"]
        gold_total += len(gold)
        for r in gold:
            cands = ocrchannel.candidates(r["text"], misread.MAX_CANDIDATES)
            covered += any(x == r["suggestion"] for x, _ in cands)
        for t in grid:
            live = [m for m in found if m.gain >= t]
            for r in gold:
                m = next((m for m in live if m.start <= r["start"] < m.end), None)
                if m is not None:
                    hits[t] += 1
                    right[t] += m.pos == r["start"] and m.intended == r["suggestion"]
            for m in live:
                if not any(m.start < r["end"] and r["start"] < m.end for r in gold + neutral):
                    ocr_false[t] += 1
    clean_chars = 0
    clean_counts = {t: 0 for t in grid}
    listed = []
    for p in [] if args.no_clean else control_files(args.half, args.controls):
        text = p.read_text(encoding="utf-8")
        clean_chars += len(text)
        for m in findings(text):
            for t in grid:
                clean_counts[t] += m.gain >= t
            if m.gain >= grid[0]:
                listed.append((m.gain, p.name, m))
    print(
        f"OCR set {', '.join(map(str, args.ocr))}: {len(ocr)} articles, {ocr_chars} chars, {gold_total} substitutions"
    )
    print(f"candidate coverage: {covered}/{gold_total} = {covered / max(gold_total, 1):.1%}")
    print(f"positions passing the prefilter {misread.PREFILTER}: {screened}/{gold_total}")
    print(f"clean controls, {args.half} half: {clean_chars} chars")
    print("| min gain | recall | suggestion right | false on OCR set | clean findings | clean per 10k |")
    print("|---|---|---|---|---|---|")
    for t in grid:
        rec = hits[t] / max(gold_total, 1)
        sug = right[t] / max(hits[t], 1)
        print(
            f"| {t:g} | {rec:.3f} ({hits[t]}) | {sug:.1%} | {ocr_false[t]} | {clean_counts[t]} | "
            f"{clean_counts[t] * 1e4 / max(clean_chars, 1):.2f} |"
        )
    if args.list:
        for g, name, m in sorted(listed, key=lambda x: -x[0]):
            print(f"{g:6.2f} {name} {m.text} -> {m.suggestion}")
    print(f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
