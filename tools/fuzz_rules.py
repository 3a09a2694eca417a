"""The long fuzz: every built-in rule and `fix` on --examples random strings (default
100,000), the property of tests/rules/test_total.py (tests/fuzzing.py) without CI's
time limit. Prints the number of inputs run and every failure (minimised by hypothesis).

    python tools/fuzz_rules.py [--examples 100000] [--seed 0] [--batch 5000] [--minutes M]

Runs in one process, in batches of --batch inputs (one hypothesis run each, seeded
seed + k), printing the count after each; about 6 ms of CPU per input.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0, help="seed of the first batch (batch k uses seed + k)")
    ap.add_argument("--batch", type=int, default=5_000, help="inputs per hypothesis run")
    ap.add_argument("--minutes", type=float, default=0, help="stop after the batch running at this time (0: no limit)")
    args = ap.parse_args()

    from hypothesis import HealthCheck, Phase, given, seed, settings

    from tests.fuzzing import check_total, texts

    count = lengths = 0
    t0 = time.perf_counter()

    def batch(k: int, n: int) -> None:
        @seed(args.seed + k)
        @settings(
            max_examples=n,
            deadline=None,
            database=None,
            phases=(Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
        )
        @given(texts())
        def run(text: str) -> None:
            nonlocal count, lengths
            count += 1
            lengths += len(text)
            check_total(text)

        run()

    failed = False
    k = 0
    while count < args.examples and not failed:
        if args.minutes and time.perf_counter() - t0 > 60 * args.minutes:
            print(f"time budget of {args.minutes:g} min reached", file=sys.stderr)
            break
        try:
            batch(k, min(args.batch, args.examples - count))
        except Exception as exc:  # hypothesis re-raises the minimal failing example
            failed = True
            print(f"FAILURE (batch seed {args.seed + k}): {type(exc).__name__}: {exc}")
        k += 1
        print(f"  {count:,} inputs, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t0
    print(
        f"{count:,} inputs (mean {lengths / max(count, 1):.0f} characters, {k} batches of hypothesis) through "
        f"every rule and fix in {elapsed:.0f} s: {'FAILED' if failed else '0 failures'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
