"""SIGHAN-2015 sentence-level detection by the ocr family (a reference figure, no target).

SIGHAN-2015 (`sighan2015_test.tsv` in pycorrector's data: 707 lines of source TAB
reference; the few whose reference differs in length are left out) is learner spelling,
not OCR damage, so this only shows how the ocr rules behave on a public benchmark.

Each sentence is checked alone with the ocr rules (`--select ocr`). A sentence is
*erroneous* when it differs from its reference, and *flagged* when some ocr finding is
reported on it. Reported:

- detection: precision = erroneous flagged / flagged, recall = erroneous flagged / erroneous;
- location: as detection, but a flagged sentence counts only when a finding overlaps a
  character that differs from the reference (the evaluation's matching rule);
- suggestions: findings whose suggestion equals the reference text of their span.

    python benchmarks/bench_sighan.py [--select ocr] [--show N]
"""

from __future__ import annotations

import argparse
import time

from _common import machine


def load() -> tuple[list[tuple[str, str]], int]:
    """(source, reference) pairs of equal length, and how many lines were left out."""
    from zhcheck.rules.lang.resources import pycorrector_source

    pairs, skipped = [], 0
    for line in pycorrector_source("sighan2015_test.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == len(parts[1]):
            pairs.append((parts[0], parts[1]))
        elif line.strip():
            skipped += 1
    return pairs, skipped


def ratio(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "   — (0/0)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--select", default="ocr", help="rules to run (default: the ocr family)")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N false and N missed sentences")
    args = ap.parse_args()

    from zhcheck.document import Document
    from zhcheck.engine import Engine
    from zhcheck.errors import ZhcheckError

    print(machine())
    try:
        engine = Engine({"select": [s.strip() for s in args.select.split(",")]})
    except ZhcheckError as exc:
        print(f"no rules to run ({exc}); skipped")
        return
    pairs, skipped = load()
    print(
        f"SIGHAN-2015 test: {len(pairs)} sentences ({skipped} of unequal length left out), "
        f"{sum(s != t for s, t in pairs)} with errors; rules: {', '.join(r.code for r in engine.rules)}"
    )
    t0 = time.perf_counter()
    flagged = erroneous = hit = located = suggested = right = 0
    false, missed = [], []
    for i, (src, tgt) in enumerate(pairs):
        result = engine.check_document(Document(src, path=f"sighan{i}"))
        engine.finalize([result])
        findings = result.findings
        wrong = {j for j, (a, b) in enumerate(zip(src, tgt, strict=True)) if a != b}
        erroneous += bool(wrong)
        flagged += bool(findings)
        hit += bool(findings) and bool(wrong)
        located += any(any(f.start <= j < max(f.end, f.start + 1) for j in wrong) for f in findings)
        for f in findings:
            if f.suggestion is not None:
                suggested += 1
                right += f.suggestion == tgt[f.start : f.end]
        if findings and not wrong:
            false.append((src, findings))
        elif wrong and not findings:
            missed.append((src, tgt))
    elapsed = time.perf_counter() - t0
    print(f"checked in {elapsed:.2f} s")
    print(f"detection:   precision {ratio(hit, flagged)}   recall {ratio(hit, erroneous)}")
    print(f"location:    precision {ratio(located, flagged)}   recall {ratio(located, erroneous)}")
    print(f"suggestions: equal to the reference {ratio(right, suggested)}")
    for src, findings in false[: args.show]:
        print(f"  false: {src}  <- " + "; ".join(f"{f.rule} «{f.text}» {f.suggestion or ''}" for f in findings))
    for src, tgt in missed[: args.show]:
        print(f"  missed: {src}  (reference {tgt})")


if __name__ == "__main__":
    main()
