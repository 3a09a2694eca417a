"""Scrambled clauses (part of rule G301): how far a clause's word order is from the best.

One language-model threshold cannot tell a clause whose words were shuffled from a clause
of rare words (names, terms, numbers): both read badly. What separates them is the order:
the words of a fluent clause stand in (nearly) the best order the language models know
for them, the words of a scrambled clause in an order no better than a random one. So for
every clause of at least `MIN_WORDS` jieba words, both models score the clause as written,
random reorderings of its words and the best order a search finds:

* word bigrams (`zhcheck.rules.lang.langmodel`, one n x n table of pair log-probabilities
  per clause): the order as written against the exact mean over all orders (``w_rand``)
  and against the best path a beam search finds (``w_gap``), per junction;
* the character 4-gram model (`zhcheck.rules.lang.charlm`, with three characters of
  context on each side): the clause as written against `RANDOM_ORDERS` random orders
  (``c_rand``) and against the best of the word model's order and a hill-climb of local
  moves (two neighbours exchanged, a word moved to the front or the end) from the better
  of the two (``c_gap``), per junction;
* the same word-bigram comparison as a z-score (``w_z``: the order as written against the
  spread of random orders, which narrows as a clause grows), how well the first and last
  words open and close a clause against the clause's other words (``w_ends``), the share of
  junctions the corpus has seen as written against the share among all pairs of the
  clause's words (``w_seen``), and function words out of place (``misplaced``: a particle
  opening the clause, a preposition or conjunction closing it, a measure word after
  anything but a numeral or demonstrative);
* the POS-trigram surprisal of the clause's tags and the clause length;
* the share of the random orders the clause as written does not beat under the character
  model (``c_rank``).

Clauses run between clause marks; quotation and title marks inside one are skipped
(对“十四五”规划的部署 is one clause), so a quoted term does not leave a fragment that
reads badly on its own.

A logistic regression over them (`tools/train_salad_model.py`: positives are synthetic
scrambles -- shuffled words, moved words, exchanged words, characters shuffled, the words
of two clauses mixed; negatives the same text unchanged) ships as the numbers in
`rules/data/salad_model.json`. Its training text is text the models did not see
(government work reports held out of the character model, which the word model never
saw): on their own training text the models rate every clean clause far above what they
give unseen clean text, and a classifier trained there misplaces the border. Two
thresholds, both picked on the tuning halves of the clean controls: G302's (opt-in, about
0.1 false alarms per 10,000 characters) and G301's stricter one. Cost: the word features
for every clause (n^2 look-ups, a beam search of n steps); the character-model search
only for the clauses whose word features leave them a chance of reaching the threshold,
all clauses of a document in one model pass per search step. Clauses longer than
MAX_WORDS words are skipped, so the work stays linear in the length of a text.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from zhcheck.textutil import is_cjk

#: clauses of at least this many words are judged, and of at most MAX_WORDS (the search
#: grows with the square of a clause's length; a longer run without punctuation is no
#: clause of prose)
MIN_WORDS = 5
MAX_WORDS = 40
#: the feature names, in the order of the model's weights; the last two come from the
#: character model's search
FEATURES = ("w_gap", "w_rand", "tags", "log_words", "w_z", "w_ends", "w_seen", "misplaced", "c_rand", "c_gap", "c_rank")
WORD_FEATURES = 8
#: random orders per clause for `c_rand`, steps of the hill-climb, width of the beam search
RANDOM_ORDERS = 12
CLIMB_STEPS = 6
BEAM = 8
#: the character features are clipped to these ranges (nats per junction), so that their
#: most favourable values bound a clause's score before the search is run
C_RAND_RANGE = (-3.0, 8.0)
C_GAP_RANGE = (0.0, 6.0)
#: the ranges of the character features, in the order of FEATURES (c_rank is a share)
CHAR_RANGES = (C_RAND_RANGE, C_GAP_RANGE, (0.0, 1.0))
#: parts of speech that do not open a clause (particles 的/了/着, suffix 们, modal 吗/呢)
#: and that do not close one (prepositions 在/把/对, conjunctions 和/及)
_NO_OPENING = frozenset({"u", "k", "y"})
_NO_CLOSING = frozenset({"p", "c"})
#: what a measure word follows: a numeral, a demonstrative (这/每/该), another measure word
_BEFORE_MEASURE = frozenset({"m", "r", "q"})
MODEL_FILE = "salad_model.json"


@dataclass(frozen=True)
class Clause:
    """A run of CJK words between punctuation: its words with their offsets."""

    words: tuple[tuple[str, int, int], ...]

    @property
    def start(self) -> int:
        return self.words[0][1]

    @property
    def end(self) -> int:
        return self.words[-1][2]

    @property
    def tokens(self) -> list[str]:
        return [w for w, _, _ in self.words]


def _cjk_word(w: str) -> bool:
    return bool(w) and all(is_cjk(c) for c in w)


#: quotation marks and title marks inside a clause: skipped, the clause goes on (对“十四五”规划
#:的部署 is one clause; its words are judged together, as the word model reads them)
_QUOTES = frozenset("“”‘’《》「」『』")


def clauses(words: Sequence[tuple[str, int, int]], min_words: int = MIN_WORDS) -> list[Clause]:
    """Runs of adjacent all-CJK tokens (no punctuation, space, digit or Latin token inside;
    quotation marks are skipped) of at least `min_words` tokens."""
    out: list[Clause] = []
    run: list[tuple[str, int, int]] = []
    end = -1  # where the run's last word or quotation mark ends
    for w in [*words, ("", -1, -1)]:
        if run and w[0] and w[1] == end and all(ch in _QUOTES for ch in w[0]):
            end = w[2]
            continue
        if _cjk_word(w[0]) and (not run or end == w[1]):
            run.append(w)
            end = w[2]
            continue
        if min_words <= len(run) <= MAX_WORDS:
            out.append(Clause(tuple(run)))
        run = [w] if _cjk_word(w[0]) else []
        end = w[2]
    return out


def _best_path(m: np.ndarray) -> tuple[float, list[int]]:
    """The best order of the words under the pair table `m` (beam search, BEAM wide; ties
    go to the earlier beam, then the earlier word)."""
    n = len(m)
    score = np.zeros(n)
    paths = np.arange(n)[:, None]
    used = np.eye(n, dtype=bool)
    for _ in range(n - 1):
        grown = score[:, None] + m[paths[:, -1]]
        grown[used] = -np.inf
        top = np.argsort(-grown, axis=None, kind="stable")[:BEAM]
        top = top[np.isfinite(grown.ravel()[top])]
        beam, word = np.divmod(top, n)
        score = grown.ravel()[top]
        paths = np.hstack([paths[beam], word[:, None]])
        used = used[beam]
        used[np.arange(len(top)), word] = True
    return float(score[0]), paths[0].tolist()


def word_features(toks: list[str], opens: bool = True, closes: bool = True) -> tuple[list[float], list[str]]:
    """The word features of a clause (FEATURES[:WORD_FEATURES]) and the word model's best
    order. `opens` / `closes`: the clause starts / ends at a clause mark or a line's edge
    (not next to a number, a Latin word or a quotation mark), so its first / last word
    stands at a clause boundary."""
    from zhcheck.rules.lang import langmodel as lm

    model = lm.load()
    n = len(toks)
    logp, seen_pairs = model.pair_tables(toks)
    m, seen = np.array(logp), np.array(seen_pairs, dtype=float)
    mask = ~np.eye(n, dtype=bool)
    given = float(np.trace(m, offset=1))
    off = m[mask]
    expected = (n - 1) * float(off.mean())
    spread = float(off.std()) * math.sqrt(n - 1) + 1e-6
    best, order = _best_path(m)
    tags = [model.tag(w) for w in toks]
    surprisal = model.tag_surprisal(tags)
    start, end = model.boundary_scores(toks)
    ends = (start[0] - float(np.mean(start))) * opens + (end[-1] - float(np.mean(end))) * closes
    seen_gap = float(np.trace(seen, offset=1)) / (n - 1) - float(seen[mask].mean())
    row = [
        (max(best, given) - given) / (n - 1),
        (given - expected) / (n - 1),
        surprisal,
        math.log(n),
        (given - expected) / spread,
        ends,
        seen_gap,
        float(misplaced([lm.fold_tag(t) for t in tags], opens, closes)),
    ]
    return row, [toks[i] for i in order]


def misplaced(tags: Sequence[str], opens: bool = True, closes: bool = True) -> int:
    """Function words out of their place: a particle opening the clause, a preposition or
    conjunction closing it, a measure word after anything but a numeral or demonstrative."""
    out = int(opens and tags[0] in _NO_OPENING) + int(closes and tags[-1] in _NO_CLOSING)
    return out + sum(b == "q" and a not in _BEFORE_MEASURE for a, b in itertools.pairwise(tags))


#: the marks at which a clause begins or ends (quotation marks and brackets do not: 对“十四五”)
_CLAUSE_MARKS = frozenset("，。；：！？、,.;:!?\n")


def _edges(text: str, c: Clause) -> tuple[bool, bool]:
    """Whether the clause opens and closes at a clause mark or the text's edge."""
    before = text[c.start - 1] if c.start else "\n"
    after = text[c.end] if c.end < len(text) else "\n"
    return before in _CLAUSE_MARKS, after in _CLAUSE_MARKS


def _variants(toks: list[str]) -> list[list[str]]:
    """Local reorderings of a clause: two neighbours of different parts of speech exchanged
    (two of the same, such as the members of 深刻准确, may stand in either order), a word
    moved to the front or the end."""
    from zhcheck.rules.lang import langmodel as lm

    model = lm.load()
    tags = [lm.fold_tag(model.tag(w)) for w in toks]
    n = len(toks)
    out = [[*toks[:i], toks[i + 1], toks[i], *toks[i + 2 :]] for i in range(n - 1) if tags[i] != tags[i + 1]]
    out += [[toks[i], *toks[:i], *toks[i + 1 :]] for i in range(1, n)]
    out += [[*toks[:i], *toks[i + 1 :], toks[i]] for i in range(n - 1)]
    return out


def _score(jobs: list[tuple[str, str, list[list[str]]]]) -> list[np.ndarray]:
    """Character-model log-probability of each order of each job (left context, right
    context, orders), the contexts' own characters not counted; one pass for all."""
    from zhcheck.rules.lang import charlm

    model = charlm.load()
    pieces, skips = [], []
    for left, right, orders in jobs:
        for o in orders:
            pieces.append(left + "".join(o) + right)
            skips.append(len(left))
    lp = model.logprobs(model.encode("\n" + "\n".join(pieces)))
    cum = np.concatenate(([0.0], np.cumsum(lp)))
    lengths = np.array([len(p) for p in pieces])
    starts = 1 + np.concatenate(([0], np.cumsum(lengths[:-1] + 1)))
    flat = cum[starts + lengths] - cum[starts + np.array(skips)]
    out, q = [], 0
    for _, _, orders in jobs:
        out.append(flat[q : q + len(orders)])
        q += len(orders)
    return out


def char_features(
    text: str,
    found: list[Clause],
    best_orders: list[list[str]],
    climb: Callable[[np.ndarray], np.ndarray] | None = None,
    seed: int = 0,
) -> np.ndarray:
    """[c_rand, c_gap, c_rank] of each clause (clipped to CHAR_RANGES). `climb`, given
    the features after the first pass (c_gap so far a lower bound), says which clauses the
    hill-climb is worth running for (default: all); for the others c_gap stays that bound."""
    if not found:
        return np.zeros((0, len(CHAR_RANGES)))
    ctx = []
    for c in found:
        left = text[max(0, c.start - 3) : c.start].rsplit("\n", 1)[-1]
        ctx.append((left, text[c.end : c.end + 3].split("\n")[0]))
    first = []
    for c, (left, right), wbest in zip(found, ctx, best_orders, strict=True):
        # random orders seeded by the clause itself: the same clause gets the same features
        # whatever else is scored with it
        rng = random.Random(zlib.crc32("".join(c.tokens).encode()) + seed)
        shuffled = []
        for _ in range(RANDOM_ORDERS):
            o = c.tokens
            rng.shuffle(o)
            shuffled.append(o)
        first.append((left, right, [c.tokens, wbest, *shuffled]))
    scores = _score(first)
    given = np.array([s[0] for s in scores])
    rand = np.array([s[2:].mean() for s in scores])
    best = np.array([max(s[0], s[1]) for s in scores])
    junctions = np.array([len(c.words) - 1 for c in found])

    # the share of random orders the clause as written does not beat
    rank = np.array([float((s[2:] >= s[0]).mean()) for s in scores])

    def columns() -> np.ndarray:
        c_rand = np.clip((given - rand) / junctions, *C_RAND_RANGE)
        return np.stack([c_rand, np.clip((best - given) / junctions, *C_GAP_RANGE), rank], axis=1)

    todo = np.arange(len(found)) if climb is None else np.flatnonzero(climb(columns()))
    current = {k: found[k].tokens if scores[k][0] >= scores[k][1] else best_orders[k] for k in todo}
    for _ in range(CLIMB_STEPS):
        if not len(todo):
            break
        options = {k: _variants(current[k]) for k in todo}
        for k, s in zip(todo, _score([(*ctx[k], options[k]) for k in todo]), strict=True):
            j = int(np.argmax(s))
            if s[j] > best[k]:
                best[k], current[k] = s[j], options[k][j]
    return columns()


def features(text: str, found: list[Clause]) -> np.ndarray:
    """The whole feature matrix (one row per clause, columns FEATURES)."""
    if not found:
        return np.zeros((0, len(FEATURES)))
    rows, orders = zip(*(word_features(c.tokens, *_edges(text, c)) for c in found), strict=True)
    return np.hstack([np.array(rows), char_features(text, found, list(orders))])


@dataclass(frozen=True)
class Model:
    """A logistic regression: standardisation, weights, bias and the reporting thresholds
    (G302's, and G301's stricter one)."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    g301_threshold: float = math.inf

    def scores(self, x: np.ndarray) -> np.ndarray:
        """The log-odds that each row is a scrambled clause."""
        return ((x - self.mean) / self.scale) @ self.weights + self.bias

    def bound(self, x: np.ndarray, unknown: Sequence[int]) -> np.ndarray:
        """The highest score of each row whatever the values of the `unknown` columns
        (character features, within their clipping ranges)."""
        x = x.copy()
        ranges = dict(zip(range(WORD_FEATURES, len(FEATURES)), CHAR_RANGES, strict=True))
        for k in unknown:
            lo, hi = ranges[k]
            x[:, k] = hi if self.weights[k] > 0 else lo
        return self.scores(x)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "g301_threshold": round(self.g301_threshold, 4),
        }


@functools.cache
def load() -> Model:
    from zhcheck.rules.lang.resources import rules_data

    with open(rules_data(MODEL_FILE), encoding="utf-8") as fh:
        data = json.load(fh)
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE}: features {data['features']} do not match the code's")
    return Model(
        np.array(data["mean"]),
        np.array(data["scale"]),
        np.array(data["weights"]),
        float(data["bias"]),
        float(data["threshold"]),
        float(data.get("g301_threshold", math.inf)),
    )


def scrambled_clauses(
    text: str, words: Sequence[tuple[str, int, int]], threshold: float | None = None
) -> list[tuple[Clause, float]]:
    """The clauses of `text` (`words`: its tokens with offsets) scoring at least `threshold`
    (default: G302's), with their scores. The character search runs only where the word
    features leave a clause a chance."""
    found = clauses(words)
    # the same clause printed twice is the document's wording (a formula of a statute or a
    # report), not a random order
    seen = Counter(text[c.start : c.end] for c in found)
    found = [c for c in found if seen[text[c.start : c.end]] == 1]
    if not found:
        return []
    model = load()
    cut = model.threshold if threshold is None else threshold
    rows, orders = zip(*(word_features(c.tokens, *_edges(text, c)) for c in found), strict=True)
    char_cols = range(WORD_FEATURES, len(FEATURES))
    x = np.hstack([np.array(rows), np.zeros((len(found), len(char_cols)))])
    maybe = np.flatnonzero(model.bound(x, char_cols) >= cut)
    if not len(maybe):
        return []
    xm = x[maybe]

    def worth_climbing(chars: np.ndarray) -> np.ndarray:
        xm[:, WORD_FEATURES:] = chars
        return model.bound(xm, (WORD_FEATURES + 1,)) >= cut  # c_gap: a lower bound so far

    xm[:, WORD_FEATURES:] = char_features(text, [found[i] for i in maybe], [orders[i] for i in maybe], worth_climbing)
    s = model.scores(xm)
    return [(found[i], float(v)) for i, v in zip(maybe, s, strict=True) if v >= cut]
