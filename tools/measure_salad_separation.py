"""How well the language models separate word-shuffled clauses from clean ones, clause by clause.

    python tools/measure_salad_separation.py [DIR ...] [--seed 7] [--orders 32]

In every file of the *tuning* half of each clean control (default: corpus/clean,
corpus/controls/news, corpus/controls/official), the words of up to `--per-article` clauses
of at least `--min-words` jieba words are shuffled (the damage `benchmarks/salad_injection.py`
injects into the *check* halves, with another seed). Every clause of `scramble.clauses` is
then scored: positives are the clauses that half overlap a shuffled span, negatives the
clauses that touch none. For each score the script prints its AUC, how many positives score
above every clean clause, and the false alarms per 10,000 characters of clean text a
threshold would cost at recall 0.3, 0.5 and 0.8 -- the figure G301 needs to stay near 0.

Scores (higher = more likely shuffled):

* `g302`: the scrambled-clause classifier's log-odds (`rules/garbled/scramble.py`);
* `-c_rand`, `c_rank`, `-w_z`: its character-model and word-model order features alone (the
  clause as written against random orders of its words);
* `rank c+w`: the share of `--orders` random orders that the two models together (character
  4-gram log-probability plus word-bigram log-probability) rate at least as high as the
  clause as written;
* cheap screens that need no reordering: the character model's log-probability per
  character of the clause below the article's median clause (`-lp rel`), its mean
  log-probability at the word junctions (`-junction lp`), and the share of junctions whose
  character bigram the model does not rate common (`uncommon junctions`).

It also prints what limits them: how often a clean clause's own words in random order read
as well as the clause under each model. `--charlm DIR` measures another character model
(built by `tools/build_charlm.py --out DIR`; the G302 row then mixes the classifier trained
on the shipped model's features with the other model's). Nothing here is used at run time.
"""

from __future__ import annotations

import argparse
import random
import sys
import zlib
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))  # the benchmark's damage: salad_injection.shuffle_clauses

from salad_injection import shuffle_clauses  # noqa: E402

from zhcheck.app.evaluation import TUNING, half_of  # noqa: E402
from zhcheck.document import Document, Kind  # noqa: E402
from zhcheck.rules.garbled import scramble  # noqa: E402
from zhcheck.rules.lang import charlm  # noqa: E402
from zhcheck.rules.lang import langmodel as wordlm  # noqa: E402

DIRS = ("corpus/clean", "corpus/controls/news", "corpus/controls/official")
#: columns of `scramble.FEATURES` used alone
C_RAND, W_Z, C_RANK = (scramble.FEATURES.index(f) for f in ("c_rand", "w_z", "c_rank"))


def use_charlm(directory: Path) -> None:
    """Score with the character model built into `directory` (`tools/build_charlm.py --out`)."""
    lm = charlm.read(directory / charlm.FILE)
    with np.load(directory / charlm.PAIRS_FILE) as d:
        lm.pairs = charlm.Pairs(charlm.pair_classes(d["seen"], d["common"]), int(d["vocab"]))
    charlm.load = lambda: lm  # type: ignore[method-assign]


def order_rank(text: str, found: list[scramble.Clause], orders: int) -> np.ndarray:
    """Per clause: the share of `orders` random orders of its words that the character and the
    word model together rate at least as high as the order as written."""
    model = wordlm.load()
    jobs, perms = [], []
    for c in found:
        n = len(c.words)
        rng = random.Random(zlib.crc32("".join(c.tokens).encode()))
        ps = [list(range(n))]
        for _ in range(orders):
            p = list(range(n))
            rng.shuffle(p)
            ps.append(p)
        perms.append(np.array(ps))
        left = text[max(0, c.start - 3) : c.start].rsplit("\n", 1)[-1]
        jobs.append((left, text[c.end : c.end + 3].split("\n")[0], [[c.tokens[i] for i in p] for p in ps]))
    out = []
    for c, p, chars in zip(found, perms, scramble._score(jobs), strict=True):
        m = np.array(model.pair_matrix(c.tokens))
        start, end = (np.array(v) for v in model.boundary_scores(c.tokens))
        total = chars + start[p[:, 0]] + end[p[:, -1]] + m[p[:, :-1], p[:, 1:]].sum(axis=1)
        out.append(float((total[1:] >= total[0]).mean()))
    return np.array(out)


def cheap_screens(text: str, found: list[scramble.Clause]) -> np.ndarray:
    """Per clause: [-lp rel, -junction lp, uncommon junctions] (see the module docstring)."""
    lm = charlm.load()
    ids = lm.encode(text)
    lp = lm.logprobs(ids)
    per_char = np.array([lp[c.start : c.end].mean() for c in found])
    rows = []
    for c, pc in zip(found, per_char, strict=True):
        junctions = np.array([w[1] for w in c.words[1:]])
        common = lm.pairs.common(ids[junctions - 1], ids[junctions]) if lm.pairs else np.ones(len(junctions))
        rows.append([np.median(per_char) - pc, -lp[junctions].mean(), 1 - common.mean()])
    return np.array(rows)


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    ranks = np.argsort(np.argsort(np.concatenate([pos, neg]))) + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[ROOT / d for d in DIRS])
    ap.add_argument("--seed", type=int, default=7, help="not the benchmark's 19")
    ap.add_argument("--per-article", type=int, default=2)
    ap.add_argument("--min-words", type=int, default=6)
    ap.add_argument("--orders", type=int, default=32)
    ap.add_argument("--charlm", type=Path, help="a directory with another charlm.bin (and charlm_pairs.npz) to measure")
    args = ap.parse_args()
    if args.charlm:
        use_charlm(args.charlm)
    rng = random.Random(args.seed)
    classifier = scramble.load()
    cols: dict[str, list[float]] = defaultdict(list)
    labels: list[int] = []
    chars = files = 0
    for d in args.dirs:
        for path in sorted(p for p in d.glob("*.txt") if half_of(p) == TUNING):
            original = path.read_text(encoding="utf-8")
            text, spans = shuffle_clauses(original, rng, args.per_article, args.min_words)
            doc = Document(text, str(path))
            words = [w for p in doc.paragraphs if p.kind is not Kind.DIRECTIVE for w in doc.words(p)]
            found = scramble.clauses(words)
            if not found:
                continue
            files += 1
            chars += len(original)
            x = scramble.features(text, found)
            cheap = cheap_screens(text, found)
            ranks = order_rank(text, found, args.orders)
            for k, c in enumerate(found):
                cover = max((min(e, c.end) - max(s, c.start) for s, e in spans), default=0)
                if 0 < cover < 0.5 * (c.end - c.start):
                    continue  # partly shuffled: neither
                labels.append(int(cover > 0))
                cols["g302"].append(float(classifier.scores(x[k : k + 1])[0]))
                cols["-c_rand"].append(-x[k, C_RAND])
                cols["c_rank"].append(x[k, C_RANK])
                cols["-w_z"].append(-x[k, W_Z])
                cols["rank c+w"].append(ranks[k])
                for name, v in zip(("-lp rel", "-junction lp", "uncommon junctions"), cheap[k], strict=True):
                    cols[name].append(float(v))
        print(f"{d}: done", file=sys.stderr)
    report(np.array(labels), {k: np.array(v) for k, v in cols.items()}, args.dirs, files, chars)


def report(y: np.ndarray, cols: dict[str, np.ndarray], dirs: list[Path], files: int, chars: int) -> None:
    """Print the figures of the module docstring."""
    clean, shuffled = y == 0, y == 1
    lm = charlm.load()
    print(f"tuning halves of {', '.join(map(str, dirs))}: {files} files, {chars:,} chars")
    print(f"clauses: {shuffled.sum()} shuffled, {clean.sum()} clean (>= {scramble.MIN_WORDS} words)")
    print(f"character model: {lm.meta['training_chars']:,} training characters (order {lm.order})")
    third = [np.mean(cols[k][clean] >= 1 / 3) for k in ("c_rank", "rank c+w")]
    print(f"clean clauses beaten by >= 1/3 of random orders of their words: character model {third[0]:.1%}, ", end="")
    print(f"both models {third[1]:.1%}")
    z = [np.median(-cols["-w_z"][sel]) for sel in (clean, shuffled)]
    print(f"word model z (clause vs random orders of its words): median clean {z[0]:.2f}, shuffled {z[1]:.2f}")
    rare = np.mean(cols["uncommon junctions"][clean] > 0)
    print(f"clean clauses with a junction bigram the character model does not rate common: {rare:.1%}")
    print(f"\n{'score':20s} {'AUC':>6s} {'above all clean':>16s}   clean false alarms per 10k chars", end="")
    print(" at recall 0.3 / 0.5 / 0.8")
    for name, s in cols.items():
        pos, neg = s[shuffled], s[clean]
        fa = [f"{(neg >= np.quantile(pos, 1 - r)).sum() * 1e4 / chars:6.2f}" for r in (0.3, 0.5, 0.8)]
        print(f"{name:20s} {auc(pos, neg):6.3f} {np.mean(pos > neg.max()):16.1%}   {' / '.join(fa)}")
    # a prefilter for G302: of the shuffled clauses G302 scores at or above G301's cut, the
    # share a cheap screen keeps when it passes the 3% / 10% of clean clauses it rates worst
    cut = scramble.load().g301_threshold
    strict = shuffled & (cols["g302"] >= cut)
    print(f"\nshuffled clauses at or above G301's cut of the classifier ({cut}): {strict.sum() / shuffled.sum():.1%}")
    for name in ("-lp rel", "-junction lp", "uncommon junctions"):
        s = cols[name]
        kept = [np.mean(s[strict] > np.quantile(s[clean], 1 - q)) for q in (0.03, 0.10)]
        print(f"  screen {name:20s} passing 3% / 10% of clean clauses keeps {kept[0]:.0%} / {kept[1]:.0%} of them")


if __name__ == "__main__":
    main()
