"""Train the scrambled-clause classifier of G302 and G301 (`rules/data/salad_model.json`).

    python tools/train_salad_model.py --political tools/.cache/political [--rounds 3]

Training text: government work reports the character model was NOT trained on. The
language models rate their own training text far more fluent than any other text (on the
People's Daily 1998 articles they were built from, a clean clause beats random orders of
its words by 3.5 nats per junction under the word model, on the clean controls by 1.0), so
a classifier trained on that text learns a border that clean unseen text crosses. So the
models' features are computed out of fold: a third of the State Council government work
reports since 1978 (`held_out`: by the SHA-1 of the title) are held out, a character
model is built without them (`tools/build_charlm.py --out`, into tools/.cache/salad_fold;
the word model never saw these reports), and the classifier learns from the held-out
reports scored with that model. The reports are public-domain texts of state organs
(aldohemsn/chinese-political-corpora, `--political DIR` as for build_charlm.py), never a
clean control, an evaluation set or a seed.

Consecutive paragraphs are grouped into articles of `--paragraphs`; in `--rounds` copies of
each article a few clauses are damaged the ways word salad arises (`damage`): the words of
a clause shuffled, one word or a pair moved elsewhere in the clause, two words exchanged, a
few characters shuffled inside a window, the words of two neighbouring clauses mixed.
Positives are the clauses of the damaged copies that overlap a damaged span by half their
length or more; negatives are the clauses of the article unchanged. Features:
`zhcheck.rules.garbled.scramble.features`. Model: L2-regularised logistic regression
(Newton's method in numpy).

Thresholds, with the shipped models: the clean controls' *tuning* halves (corpus/clean,
corpus/controls/official and news, plus corpus/clean_extra; never corpus/controls/statute,
which is measurement-only) are scored clause by clause; G302's `threshold` lets
`--fa-per-10k` false alarms per 10,000 characters of them through, G301's stricter
`g301_threshold` `--g301-fa-per-10k`. The script prints the highest clean clauses and the
recall at both thresholds on held-out damaged reports and on clauses whose words were
shuffled in the tuning halves of corpus/clean, official and news (what
`benchmarks/salad_injection.py` measures on the check halves).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from text_sources import CACHE, is_han  # noqa: E402

from zhcheck.app.evaluation import TUNING, half_of  # noqa: E402
from zhcheck.rules.garbled import scramble  # noqa: E402
from zhcheck.rules.lang import charlm  # noqa: E402
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
    return half_of(path) == TUNING


#: the clean controls whose tuning halves set the thresholds (statute/ is measurement-only)
CONTROLS = ("corpus/clean", "corpus/controls/official", "corpus/controls/news", "corpus/clean_extra")
#: where the out-of-fold character model is built
FOLD = CACHE / "salad_fold"
REPORTS = "government_work_reports.jsonl"


def held_out(record: dict) -> bool:
    """A government work report since 1978 the out-of-fold character model does not see."""
    year = int(record.get("year") or 0)
    return year >= 1978 and int(hashlib.sha1(record["title"].encode()).hexdigest(), 16) % 3 == 0


def fold_model(political: Path) -> Path:
    """The character model built without the held-out reports (built once, then reused)."""
    lm_dir, text_dir = FOLD / "lm", FOLD / "political"
    if (lm_dir / charlm.FILE).exists():
        return lm_dir / charlm.FILE
    text_dir.mkdir(parents=True, exist_ok=True)
    for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
        lines = (political / name).read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if name != REPORTS or not held_out(json.loads(line))]
        (text_dir / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    build = [
        sys.executable,
        str(ROOT / "tools" / "build_charlm.py"),
        "--political",
        str(text_dir),
        "--out",
        str(lm_dir),
    ]
    subprocess.run(build, check=True)
    return lm_dir / charlm.FILE


def held_out_articles(political: Path, paragraphs: int) -> list[str]:
    """The held-out reports cut into articles of `paragraphs` paragraphs."""
    out = []
    for line in (political / REPORTS).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not held_out(record):
            continue
        paras = [p.strip() for p in (record.get("content") or "").splitlines() if sum(map(is_han, p)) >= 10]
        out += ["\n".join(paras[i : i + paragraphs]) for i in range(0, len(paras), paragraphs)]
    return out


_SHIPPED_CHARLM = charlm.load


def use_charlm(path: Path | None) -> None:
    """Score with the character model at `path` (None: the shipped one) from now on."""
    if path is None:
        charlm.load = _SHIPPED_CHARLM  # type: ignore[method-assign]
        return
    charlm.load = functools.cache(lambda: charlm.read(path))  # type: ignore[method-assign]


def control_files() -> Iterator[tuple[Path, str]]:
    """The tuning halves of the clean controls: (path, text)."""
    for d in CONTROLS:
        for p in sorted((ROOT / d).glob("*.txt")):
            if tuning_half(p):
                yield p, p.read_text(encoding="utf-8")


def clean_features() -> tuple[list[tuple[str, str]], np.ndarray, int]:
    """(file, clause) and features of every clause of the tuning halves, and their characters."""
    names, xs, chars = [], [], 0
    for p, text in control_files():
        chars += len(text)
        found, x = article_features(text)
        names += [(p.name, text[c.start : c.end]) for c in found]
        xs.append(x)
    return names, np.vstack(xs), chars


def shuffled_features(rng: random.Random, per_article: int = 2, min_words: int = 6) -> np.ndarray:
    """Features of clauses of >= `min_words` words whose words were shuffled, `per_article`
    in each file of the tuning halves of corpus/clean, official and news."""
    out = []
    for p, text in control_files():
        if p.parent.name == "clean_extra":
            continue
        found = scramble.clauses(words_of(text), min_words=min_words)
        spans = []
        for c in rng.sample(found, k=min(per_article, len(found))):
            toks = c.tokens
            new = toks[:]
            for _ in range(10):
                rng.shuffle(new)
                if new != toks:
                    break
            text = text[: c.start] + "".join(new) + text[c.end :]
            spans.append((c.start, c.end))
        x, y = labelled(text, spans)
        out.append(x[y == 1])
    return np.vstack(out)


def threshold_at(scores: np.ndarray, allowed: int) -> float:
    """The lowest threshold that lets at most `allowed` of the clean `scores` through."""
    ranked = np.sort(scores)[::-1]
    return float(ranked[allowed]) + 0.01 if allowed < len(ranked) else float(ranked[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--political", type=Path, required=True, help="directory of the political-corpora jsonl files")
    ap.add_argument("--paragraphs", type=int, default=6)
    ap.add_argument("--per-article", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3, help="damaged copies of each article")
    ap.add_argument("--fa-per-10k", type=float, default=0.1, help="G302's false alarms on the tuning halves")
    ap.add_argument("--g301-fa-per-10k", type=float, default=0.0, help="G301's false alarms there (default-on: none)")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    arts = held_out_articles(args.political, args.paragraphs)
    use_charlm(fold_model(args.political))
    xs, ys, held = [], [], []
    for n, art in enumerate(arts):
        _, x0 = article_features(art)
        pos = []
        for _ in range(args.rounds):
            damaged, spans = damage(art, rng, args.per_article)
            x1, y1 = labelled(damaged, spans)
            pos.append(x1[y1 == 1])
        if n % 5 == 4:
            held.append((x0, np.vstack(pos)))
            continue
        xs += [x0, *pos]
        ys += [np.zeros(len(x0)), *(np.ones(len(x)) for x in pos)]
        if n % 50 == 49:
            print(f"{n + 1}/{len(arts)} articles", file=sys.stderr)
    use_charlm(None)  # thresholds and the shuffled-clause check with the shipped model
    x, y = np.vstack(xs), np.concatenate(ys)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w, b = fit((x - mean) / scale, y, args.l2)
    model = scramble.Model(mean, scale, w, b, 0.0)
    names, cx, chars = clean_features()
    clean = model.scores(cx)
    allowed = int(args.fa_per_10k * chars / 10_000)
    strict = int(args.g301_fa_per_10k * chars / 10_000)
    threshold, g301 = threshold_at(clean, allowed), threshold_at(clean, strict)
    model = scramble.Model(mean, scale, w, b, threshold, g301)
    print(f"training: {int(y.sum())} damaged, {int(len(y) - y.sum())} clean clauses", file=sys.stderr)
    for name, wt in zip(scramble.FEATURES, w, strict=True):
        print(f"  {name:15s} {wt:+.3f}", file=sys.stderr)
    print(f"clean tuning halves: {len(clean)} clauses, {chars:,} chars, {allowed} allowed; highest:", file=sys.stderr)
    for k in np.argsort(-clean)[: allowed + 3]:
        print(f"  {clean[k]:+.2f} {names[k][0]} {names[k][1]}", file=sys.stderr)
    hx0 = np.vstack([h[0] for h in held])
    hx1 = np.vstack([h[1] for h in held])
    sx = model.scores(shuffled_features(random.Random(args.seed)))
    for label, t in (("G301", g301), ("G302", threshold)):
        r = float((model.scores(hx1) >= t).mean())
        fa = float((model.scores(hx0) >= t).mean())
        print(
            f"{label} at {t:+.2f}: held-out damaged reports recall {r:.3f} (clean clauses {fa:.4f}); "
            f"shuffled clauses of the tuning halves {float((sx >= t).mean()):.3f} of {len(sx)}",
            file=sys.stderr,
        )
    path = rules_data(scramble.MODEL_FILE)
    data = model.to_json() | {
        "built_by": "tools/train_salad_model.py",
        "training": f"held-out State Council government work reports, {len(arts)} articles, out-of-fold "
        f"character model, {args.rounds} damaged copies, seed {args.seed}",
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
