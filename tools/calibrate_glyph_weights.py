"""Check (and suggest) the feature weights of the shape score against real OCR errors.

Positives: pairs of `rules/data/ocr_confusions.tsv` seen at least `--min-count` times.
Negatives: pairs the neighbour search of `build_glyph_data.py` considers (they share a
component, a four-corner code or most strokes) that OCR never confused: the hard cases.
Prints the ranking quality (ROC AUC) of the current shape score and of each feature, and
the weights of a logistic regression on the features, to copy into `rules/lang/glyphs.py`.

Usage: python tools/calibrate_glyph_weights.py [--min-count 3]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from build_glyph_data import candidates  # noqa: E402

from zhcheck.rules.lang import glyphs  # noqa: E402
from zhcheck.rules.lang.resources import rules_data  # noqa: E402

FEATURES = ["stroke", "corner", "comp", "leaf", "struct", "pixel", "group"]


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive outranks a random negative (ties count half)."""
    scores = np.array(pos + neg)
    ranks = scores.argsort().argsort() + 1.0
    for v in np.unique(scores):  # average ranks of ties
        mask = scores == v
        ranks[mask] = ranks[mask].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def logistic_regression(x: np.ndarray, y: np.ndarray, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Plain gradient descent on the log loss, with balanced classes and a bias column."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= lr * (x.T @ ((p - y) * weight)) / len(y)
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--negatives", type=int, default=20000)
    args = ap.parse_args()
    known = glyphs._feature_lines()
    considered = {(a, b) for a, bs in candidates(sorted(known)).items() for b in bs}  # a < b
    ocr = set()
    for line in rules_data(glyphs.OCR_FILE).read_text(encoding="utf-8").splitlines()[2:]:
        a, b, count, _ = line.split("\t")
        if int(count) >= args.min_count:
            ocr.add((min(a, b), max(a, b)))
    positives = sorted(ocr & considered)
    in_table = [p for p in sorted(ocr) if p[0] in known and p[1] in known]
    for floor in (0.4, 0.5, 0.6):
        found = sum(any(n == b and s >= floor for n, s in glyphs._shape_neighbours(a)) for a, b in in_table)
        print(f"shape neighbours >= {floor}: {found} of {len(in_table)} OCR confusions ({found / len(in_table):.0%})")
    print(f"{len(ocr)} OCR confusions (count >= {args.min_count}), {len(positives)} among the pairs considered")
    rng = random.Random(0)
    negatives = rng.sample(sorted(considered - ocr), min(args.negatives, len(considered - ocr)))

    def table(ps):
        rows = []
        for a, b in ps:
            f = glyphs.shape_features(a, b) or {}
            rows.append([f.get(k, 0.0) for k in FEATURES])
        return np.array(rows)

    xp, xn = table(positives), table(negatives)
    print(f"{len(positives)} positives vs {len(negatives)} hard negatives")
    for i, k in enumerate(FEATURES):
        print(f"  AUC {k:7s} {auc(list(xp[:, i]), list(xn[:, i])):.3f}")
    cur_p = [glyphs.shape_similarity(a, b) for a, b in positives]
    cur_n = [glyphs.shape_similarity(a, b) for a, b in negatives]
    print(f"  AUC shape score {auc(cur_p, cur_n):.3f}")
    x = np.vstack([xp, xn])
    y = np.array([1.0] * len(xp) + [0.0] * len(xn))
    w = logistic_regression(x, y)
    fitted = x @ w[:-1]
    print(f"  AUC logistic regression {auc(list(fitted[: len(xp)]), list(fitted[len(xp) :])):.3f}")
    positive = {k: max(0.0, w[i]) for i, k in enumerate(FEATURES) if k != "group"}
    total = sum(positive.values())
    print("weights:", {k: round(v / total, 2) for k, v in positive.items()}, "group:", round(w[-2], 2))


if __name__ == "__main__":
    main()
