"""Recall / false-alarm curve of the OCR misreading detector (O106/O107) and the channel's
candidate coverage.

    python tools/calibrate_misread.py [--ocr corpus/ocr_real] [--half tuning|check|both] [--grid 5,6,...]
        [--family]

- recall: share of the gold substitutions (`ocr` records of `<ocr>/gold/*.jsonl`) that a
  finding covers at a gain threshold; `suggested`: share of those hits whose suggestion
  puts the intended character at the misread position;
- false alarms: findings per 10,000 characters on one half of the clean controls
  (corpus/clean and corpus/clean_extra; the team's sha1 split: tune on `tuning`, report
  `check`; `both` prints the two side by side);
- `--family` adds the findings of the other default ocr rules (O101-O105, one `zhcheck check`
  process per half), so the last columns are what a user sees of the ocr family with O106 at
  that gain;
- coverage: share of gold substitutions whose intended character is among the channel's
  candidates for the printed one (the ceiling of recall);
- `--ceiling`: where recall is lost, stage by stage (coverage, the screen, the detector's
  choice among candidates, and the gain the model gives the right correction);
- `--tier info`: the opt-in tier O107 with its own settings (`misread.INFO`, changed with
  `--set name=value ...`, several settings separated by `--next`): recall of O106 and O107
  together (what a user who enables O107 sees), the suggestion accuracy of those hits, the
  false findings on the OCR set, and O107's findings per 10,000 characters on each clean
  control, per half, at each gain of the grid.

Runs the detector directly (no engine), one process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from zhcheck.app.evaluation import half_of  # noqa: E402
from zhcheck.document import Document  # noqa: E402
from zhcheck.rules.lang import charlm, ocrchannel  # noqa: E402
from zhcheck.rules.ocr import misread, names  # noqa: E402

CONTROLS = [
    ROOT / "corpus" / "clean",
    ROOT / "corpus" / "clean_extra",
    *sorted((ROOT / "corpus" / "controls").glob("*/")),
]


def half(path: Path) -> str:
    return half_of(path)


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


#: the default tier's settings as calibrated (main() lowers the floor to the grid's lowest gain)
SETTINGS = misread.DEFAULT


def findings(text: str) -> list[misread.Misread]:
    """O106's misreadings at any gain, minus those inside a name O101 reports (as the rule does)."""
    doc = Document(text)
    named = [(b.candidate.start, b.candidate.end) for b in names.find_names(doc)]
    return [m for m in misread.misreads(doc, -1e9, SETTINGS) if not any(s <= m.pos < e for s, e in named)]


def tier_findings(doc: Document, settings: misread.Settings) -> tuple[list[misread.Misread], list[misread.Misread]]:
    """(O106's findings, O107's at any gain with `settings`), as the rules report them: outside
    the names O101 reports, O107's outside O106's spans."""
    named = [(b.candidate.start, b.candidate.end) for b in names.find_names(doc)]
    o106 = [m for m in misread.misreads(doc, misread.MIN_GAIN) if not any(s <= m.pos < e for s, e in named)]
    spans = [(m.start, m.end) for m in misread.misreads(doc, misread.MIN_GAIN)]
    o107 = [
        m
        for m in misread.misreads(doc, -1e9, settings)
        if not any(s <= m.pos < e for s, e in named) and not any(m.start < e and s < m.end for s, e in spans)
    ]
    return o106, o107


def _setting(spec: str) -> tuple[str, object]:
    name, _, value = spec.partition("=")
    kind = {f.name: f.type for f in dataclasses.fields(misread.Settings)}[name]
    return name, (
        value in ("1", "true", "True") if kind in (bool, "bool") else type(getattr(misread.INFO, name))(value)
    )


def info_curve(args, grid: list[float]) -> None:
    """The O107 curve of each setting (`--set`, `--next`) on the OCR sets and the clean controls."""
    ocr = [a for d in args.ocr for a in load_ocr_set(d)]
    halves = ["tuning", "check"] if args.half == "both" else [args.half]
    controls = {
        h: [] if args.no_clean else [(p.parent.name, p) for p in control_files(h, args.controls)] for h in halves
    }
    for spec in args.settings:
        settings = dataclasses.replace(misread.INFO, **dict(map(_setting, spec)))
        print(f"O107 settings {dataclasses.asdict(settings)} (each gain of the grid: the rule at that MIN_GAIN_INFO)")
        t0 = time.perf_counter()
        gold_n = chars = 0
        hits, right, false = (dict.fromkeys(grid, 0) for _ in range(3))
        for text, recs in ocr:
            o106, o107 = tier_findings(Document(text), settings)
            gold = [r for r in recs if r["category"] == "ocr"]
            marked = gold + [r for r in recs if r["category"] == "neutral"]
            gold_n += len(gold)
            chars += len(text)
            for t in grid:
                live = o106 + [m for m in o107 if m.gain >= t]
                for r in gold:
                    m = next((m for m in live if m.start <= r["start"] < m.end), None)
                    hits[t] += m is not None
                    right[t] += m is not None and m.pos == r["start"] and m.intended == r["suggestion"]
                false[t] += sum(not any(m.start < r["end"] and r["start"] < m.end for r in marked) for m in live)
        ocr_s = time.perf_counter() - t0
        counts: dict[tuple[str, str], list[int]] = {}
        clean_chars = 0
        t0 = time.perf_counter()
        for h in halves:
            for src, p in controls[h]:
                text = p.read_text(encoding="utf-8")
                clean_chars += len(text)
                row = counts.setdefault((src, h), [0] * (len(grid) + 1))
                row[-1] += len(text)
                for m in tier_findings(Document(text), settings)[1]:
                    for k, t in enumerate(grid):
                        row[k] += m.gain >= t
        clean_s = time.perf_counter() - t0
        print(f"OCR sets: {chars} chars, {gold_n} substitutions ({ocr_s:.1f} s); ", end="")
        print(f"clean: {clean_chars} chars ({clean_s:.1f} s)")
        cols = sorted(counts)
        print(
            "| O107 min gain | recall O106+O107 | suggestion right | false on OCR sets | "
            + " | ".join(f"{s} {h} /10k" for s, h in cols)
            + " |"
        )
        print("|---" * (4 + len(cols)) + "|")
        for k, t in enumerate(grid):
            cells = " | ".join(f"{counts[c][k] * 1e4 / max(counts[c][-1], 1):.2f} ({counts[c][k]})" for c in cols)
            rec, sug = hits[t] / max(gold_n, 1), right[t] / max(hits[t], 1)
            print(f"| {t:g} | {rec:.3f} ({hits[t]}) | {sug:.1%} | {false[t]} | {cells} |")


def family_counts(files: list[Path]) -> int:
    """Findings of the other default ocr rules (O101-O105) on `files`, by a `zhcheck check` process."""
    if not files:
        return 0
    cmd = [sys.executable, "-m", "zhcheck", "check", "--select", "O101,O102,O103,O104,O105", "--format", "json"]
    cmd += ["--no-cache", "--fail-on", "never", *map(str, files)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return sum(len(f["findings"]) for f in json.loads(out)["files"])


def reachable(text: str, recs: list[dict]) -> int:
    """Gold substitutions whose position passes the prefilter (the screen's recall)."""
    pos, _, _ = misread.best_hypotheses(text, settings=SETTINGS)
    got = set(pos.tolist())
    return sum(r["start"] in got for r in recs if r["category"] == "ocr")


def _oracle_gains(text: str, gold: list[dict]) -> list[tuple[float, float]]:
    """(language-model gain, channel log-probability) of putting each gold substitution's intended
    character back, with the other gold substitutions of the article corrected (no detector
    choices involved: what the model says about the right answer)."""
    lm = charlm.load()
    ids = lm.encode(text)
    out = []
    for r in gold:
        fixed = ids.copy()
        for o in gold:
            tok = lm.token_id(o["suggestion"])
            if o is not r and tok >= len(charlm.SPECIALS):
                fixed[o["start"]] = tok
        ctx = lm.context_lengths(fixed)
        base, have = np.zeros(len(fixed)), np.zeros(len(fixed), dtype=bool)
        pos = np.array([r["start"]])
        misread._fill_base(lm, fixed, ctx, base, have, pos)
        gain = float(misread._lm_gain(lm, fixed, ctx, base, pos, np.array([lm.token_id(r["suggestion"])]))[0])
        chan = dict(ocrchannel.candidates(r["text"], misread.MAX_CANDIDATES)).get(r["suggestion"], -np.inf)
        out.append((gain, chan))
    return out


def ceiling(ocr: list[tuple[str, list[dict]]]) -> None:
    """Where the recall is lost, stage by stage, for the single-character gold substitutions."""
    n = cov = screened = best_right = real_word = lm_prefers = 0
    oracle = dict.fromkeys((0.0, misread.FLOOR, misread.MIN_GAIN), 0)
    lm_alone = dict.fromkeys(oracle, 0)
    for text, recs in ocr:
        gold = [r for r in recs if r["category"] == "ocr" and len(r["text"]) == len(r.get("suggestion", "")) == 1]
        pos, xcp, _ = misread.best_hypotheses(text)
        best = dict(zip(pos.tolist(), xcp.tolist(), strict=True))
        for r, (gain, chan) in zip(gold, _oracle_gains(text, gold), strict=True):
            n += 1
            i = r["start"]
            s, e = misread._clause(text, i)
            real_word += misread._word_through(text, s, e, i) > 0
            if not np.isfinite(chan):
                continue
            cov += 1
            screened += i in best
            best_right += best.get(i) == ord(r["suggestion"])
            lm_prefers += gain > 0
            for t in oracle:
                oracle[t] += gain + misread.CHANNEL_WEIGHT * chan >= t
                lm_alone[t] += gain >= t
    print(f"single-character substitutions: {n}; the printed character makes a dictionary word: {real_word}")
    print(f"  intended character among the channel's candidates: {cov}")
    print(f"  ... and the position passes the screen: {screened}")
    print(f"  ... and the detector's best hypothesis there is the intended character: {best_right}")
    print(f"  of the covered ones, the language model prefers the correction: {lm_prefers}")
    for t in oracle:
        print(
            f"  of the covered ones, gain of the right correction >= {t:g}: LM + channel {oracle[t]}, "
            f"LM alone {lm_alone[t]}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr", type=Path, action="append", help="OCR set directories (default corpus/ocr_real)")
    ap.add_argument("--half", choices=("tuning", "check", "both"), default="tuning")
    ap.add_argument("--family", action="store_true", help="add the other default ocr rules' findings (O101-O105)")
    ap.add_argument("--grid", default="6,7,8,9,10,11,12,13,14,16")
    ap.add_argument("--list", action="store_true", help="list the clean-control findings at the lowest threshold")
    ap.add_argument("--prefilter", type=float, help="override misread.PREFILTER")
    ap.add_argument("--no-clean", action="store_true", help="skip the clean controls")
    ap.add_argument("--ceiling", action="store_true", help="where the OCR set's recall is lost, stage by stage")
    ap.add_argument("--controls", type=Path, action="append", help="more clean-control directories")
    ap.add_argument("--tier", choices=("default", "info"), default="default", help="O106 (default) or O107 (info)")
    ap.add_argument("--set", nargs="*", default=[], help="info tier: override misread.INFO (name=value ...)")
    ap.add_argument(
        "--next", nargs="*", action="append", default=[], help="info tier: another setting (name=value ...)"
    )
    args = ap.parse_args()
    global SETTINGS
    if args.prefilter is not None:
        SETTINGS = dataclasses.replace(SETTINGS, prefilter=args.prefilter)
    grid = [float(x) for x in args.grid.split(",")]
    args.ocr = args.ocr or [ROOT / "corpus" / "ocr_real"]
    if args.tier == "info":
        args.settings = [args.set, *args.next]
        info_curve(args, grid)
        return
    SETTINGS = dataclasses.replace(SETTINGS, floor=min(SETTINGS.floor, min(grid)))  # down to the lowest threshold
    t0 = time.perf_counter()
    ocr = [a for d in args.ocr for a in load_ocr_set(d)]
    if args.ceiling:
        ceiling(ocr)
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
    halves = ["tuning", "check"] if args.half == "both" else [args.half]
    clean_chars = {h: 0 for h in halves}
    clean_counts = {h: {t: 0 for t in grid} for h in halves}
    others = dict.fromkeys(halves, 0)
    listed = []
    by_source: dict[tuple[str, str], list[int]] = {}
    for h in [] if args.no_clean else halves:
        files = control_files(h, args.controls)
        if args.family:
            others[h] = family_counts(files)
        for p in files:
            text = p.read_text(encoding="utf-8")
            clean_chars[h] += len(text)
            src = by_source.setdefault((p.parent.name, h), [0] * (len(grid) + 1))
            src[-1] += len(text)
            for m in findings(text):
                for k, t in enumerate(grid):
                    clean_counts[h][t] += m.gain >= t
                    src[k] += m.gain >= t
                if m.gain >= grid[0] and h == halves[0]:
                    listed.append((m.gain, p.name, m))
    print(
        f"OCR set {', '.join(map(str, args.ocr))}: {len(ocr)} articles, {ocr_chars} chars, {gold_total} substitutions"
    )
    print(f"candidate coverage: {covered}/{gold_total} = {covered / max(gold_total, 1):.1%}")
    print(f"positions passing the prefilter {SETTINGS.prefilter}: {screened}/{gold_total}")
    for h in halves:
        extra = f", O101-O105 findings {others[h]}" if args.family else ""
        print(f"clean controls, {h} half: {clean_chars[h]} chars{extra}")
    head = "| min gain | recall | suggestion right | false on OCR set |"
    rule = "|---|---|---|---|"
    for h in halves:
        head += f" {h}: O106 | per 10k |" + (" ocr family per 10k |" if args.family else "")
        rule += "---|---|" + ("---|" if args.family else "")
    print(head)
    print(rule)
    for t in grid:
        rec = hits[t] / max(gold_total, 1)
        sug = right[t] / max(hits[t], 1)
        row = f"| {t:g} | {rec:.3f} ({hits[t]}) | {sug:.1%} | {ocr_false[t]} |"
        for h in halves:
            n = clean_counts[h][t]
            row += f" {n} | {n * 1e4 / max(clean_chars[h], 1):.2f} |"
            if args.family:
                row += f" {(n + others[h]) * 1e4 / max(clean_chars[h], 1):.2f} |"
        print(row)
    print("O106 findings per source and half (per 10k) at each min gain:")
    for (src, h), counts in sorted(by_source.items()):
        cells = " ".join(f"{t:g}:{n}({n * 1e4 / max(counts[-1], 1):.2f})" for t, n in zip(grid, counts, strict=False))
        print(f"  {src} {h} ({counts[-1]} chars): {cells}")
    if args.list:
        for g, name, m in sorted(listed, key=lambda x: -x[0]):
            print(f"{g:6.2f} {name} {m.text} -> {m.suggestion}")
    print(f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
