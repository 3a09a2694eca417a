"""The long fuzz: every built-in rule and `fix` on --examples random strings (default
100,000), the property of tests/rules/test_total.py (tests/fuzzing.py) without CI's
time limit. Prints the number of inputs run and every failure (minimised by hypothesis).

    python tools/fuzz_rules.py [--examples 100000] [--seed 0]

Runs in one process; about 2-4 ms per input on one core (niced: it takes a while).
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
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    from hypothesis import HealthCheck, Phase, given, seed, settings

    from tests.fuzzing import check_total, texts

    count = 0
    lengths = 0
    t0 = time.perf_counter()

    @seed(args.seed)
    @settings(
        max_examples=args.examples,
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
        if count % 10_000 == 0:
            print(f"  {count:,} inputs, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        check_total(text)

    failed = False
    try:
        run()
    except Exception as exc:  # hypothesis re-raises the minimal failing example
        failed = True
        print(f"FAILURE: {type(exc).__name__}: {exc}")
    elapsed = time.perf_counter() - t0
    print(
        f"{count:,} inputs (mean {lengths / max(count, 1):.0f} characters) through every rule and fix "
        f"in {elapsed:.0f} s: {'FAILED' if failed else '0 failures'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
