"""Print the score distributions behind the thresholds of G301's model-based tests.

    python tools/calibrate_salad.py [--seed 5]
    python tools/calibrate_salad.py --count corpus/clean corpus/clean_extra DIR

corpus/clean is split into half A (even file index, used to set the thresholds) and
half B (odd, held out); seed 002 (a clean government report) is a third set. For each
it prints

* the `deletion_gain` of every repeated-word intrusion candidate (rules/garbled/salad.py);
* the `order_gain` per junction of every sentence of SENTENCE_MIN_WORDS+ words and every
  paragraph of PASSAGE_MIN_WORDS+ words, as written and with the words of each clause
  randomly reordered (a fixed random seed);
* G301's findings per 10,000 characters on the text as written, and how many of the
  reordered paragraphs (all sentences reordered) and reordered single sentences (the
  longest sentence of a paragraph reordered, the rest intact) G301 finds end to end,
  pre-checks included.

The gold `incoherent` clauses of corpus/gold are scored too. With `--count DIR ...` it only
counts G301's findings per reason on other clean text (the reduplication patterns spared by
the odd-token test and the broken-frame tests of rules/garbled/frames.py were checked this
way on the 948 People's Daily 1998 articles). Nothing here is used at run time.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from zhcheck.document import Document  # noqa: E402
from zhcheck.rules.garbled import salad as gs  # noqa: E402
from zhcheck.rules.lang import langmodel as lm  # noqa: E402
from zhcheck.segmenter import segment  # noqa: E402


def words_of(text: str) -> list[tuple[str, int, int]]:
    out, pos = [], 0
    for w in segment(text):
        out.append((w, pos, pos + len(w)))
        pos += len(w)
    return out


def intrusion_gains(text: str) -> list[tuple[float, str]]:
    model = lm.load()
    out = []
    for clause in gs._clauses(words_of(text)):
        toks = [w for w, _, _ in clause]
        for i, w in enumerate(toks):
            for j in (i + 1, i + 2):
                if len(w) >= 2 and j < len(toks) and len(toks[j]) > len(w) and toks[j].startswith(w):
                    out.append((model.deletion_gain(toks, i), "/".join(toks[max(0, i - 1) : j + 2])))
                    break
    return out


def order_gain(clauses: list[list[str]]) -> float:
    model = lm.load()
    scores = [model.order_gain(c) for c in clauses]
    return sum(g for g, _ in scores) / sum(k for _, k in scores)


def reorder(text: str, rng: random.Random, only_longest: bool = False) -> str:
    """The text with the words of each clause (of the longest sentence only) randomly reordered."""
    toks = segment(text)
    keep = None
    if only_longest:
        sents: list[list[int]] = [[]]
        for k, w in enumerate(toks):
            sents[-1].append(k)
            if gs._SENTENCE_END.search(w):
                sents.append([])
        keep = set(max(sents, key=len))
    return "".join(lm.reorder_clauses(toks, rng, keep))


def quantiles(xs: list[float]) -> str:
    if not xs:
        return "(none)"
    xs = sorted(xs)
    at = [xs[0]] + [xs[min(len(xs) - 1, int(q * len(xs)))] for q in (0.01, 0.1, 0.5, 0.9)] + [xs[-1]]
    return "min {:.2f}  1% {:.2f}  10% {:.2f}  median {:.2f}  90% {:.2f}  max {:.2f}".format(*at)


def report(name: str, paragraphs: list[str], rng: random.Random) -> None:
    print(f"\n== {name}: {len(paragraphs)} paragraphs, {sum(map(len, paragraphs)):,} characters")
    gains = sorted((g for p in paragraphs for g in intrusion_gains(p)), reverse=True)
    top = ", ".join(f"{g:.2f} {s}" for g, s in gains[:3])
    print(f"  intrusion candidates: {len(gains)}; highest deletion gains: {top}")
    for label, minimum, unit in (("sentence", gs.SENTENCE_MIN_WORDS, "s"), ("paragraph", gs.PASSAGE_MIN_WORDS, "p")):
        real, shuffled = [], []
        for p in paragraphs:
            units = gs._sentences(words_of(p)) if unit == "s" else [gs._clauses(words_of(p))]
            shuf_units = gs._sentences(words_of(reorder(p, random.Random(len(p))))) if unit == "s" else None
            for u in units:
                cl = [[w for w, _, _ in c] for c in u]
                if sum(map(len, cl)) >= minimum:
                    real.append(order_gain(cl))
            if unit == "p" and units and sum(map(len, units[0])) >= minimum:
                shuffled.append(order_gain([[w for w, _, _ in c] for c in gs._clauses(words_of(reorder(p, rng)))]))
            for u in shuf_units or []:
                cl = [[w for w, _, _ in c] for c in u]
                if sum(map(len, cl)) >= minimum:
                    shuffled.append(order_gain(cl))
        print(f"  {label} order gain, as written ({len(real)}): {quantiles(real)}")
        print(f"  {label} order gain, reordered ({len(shuffled)}): {quantiles(shuffled)}")
    chars = sum(map(len, paragraphs))
    found = [(p, f) for p in paragraphs for f in gs.word_salad(Document(p))]
    print(f"  G301 findings as written: {len(found)} ({len(found) * 10000 / chars:.2f} per 10,000 characters)")
    for p, f in found[:8]:
        print(f"    {f.reason}: {p[f.start : f.end]}")
    long_paras = [p for p in paragraphs if len(segment(p)) >= gs.PASSAGE_MIN_WORDS * 1.2]
    hit_all = sum(1 for p in long_paras if gs.word_salad(Document(reorder(p, random.Random(len(p))))))
    hit_one = sum(1 for p in long_paras if gs.word_salad(Document(reorder(p, random.Random(len(p)), True))))
    print(
        f"  G301 on {len(long_paras)} long paragraphs reordered: whole paragraph found in {hit_all} "
        f"({hit_all / max(len(long_paras), 1):.0%}), longest sentence only found in {hit_one} "
        f"({hit_one / max(len(long_paras), 1):.0%})"
    )


def count_findings(dirs: list[Path]) -> None:
    """G301 findings per reason (and per 10,000 characters) on every file of `dirs`."""
    from collections import Counter

    reasons: Counter[str] = Counter()
    chars = 0
    for d in dirs:
        for path in sorted(p for p in d.iterdir() if p.suffix in (".txt", ".md")):
            doc = Document(path.read_text(encoding="utf-8"))
            chars += len(doc.text)
            for f in gs.word_salad(doc):
                reasons[f.reason] += 1
                print(f"  {path.name}\t{f.reason}\t{doc.text[f.start : f.end]}")
    total = sum(reasons.values())
    print(f"{total} findings in {chars:,} characters ({total * 10000 / max(chars, 1):.3f} per 10,000): {dict(reasons)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument(
        "--count",
        nargs="+",
        metavar="DIR",
        help="only count G301 findings per reason on the files of DIRs (e.g. the 948 People's Daily "
        "articles of `tools/build_clean_extra.py --all DIR`), list them, and exit",
    )
    args = ap.parse_args()
    if args.count:
        count_findings([Path(d) for d in args.count])
        return
    rng = random.Random(args.seed)
    clean = sorted((ROOT / "corpus" / "clean").glob("*.txt"))

    def paras(paths: list[Path]) -> list[str]:
        return [ln.strip() for p in paths for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]

    print(
        f"thresholds: intrusion {gs.INTRUSION_GAIN}; sentence {gs.SENTENCE_GAIN} ({gs.SENTENCE_MIN_WORDS}+ words); "
        f"paragraph {gs.PASSAGE_GAIN} ({gs.PASSAGE_MIN_WORDS}+ words); "
        f"pre-checks PMI {gs.SENTENCE_PMI} / {gs.PASSAGE_PMI}"
    )
    report("clean A (tuning half)", paras(clean[0::2]), rng)
    report("clean B (held out)", paras(clean[1::2]), rng)
    report("seed 002", paras(list((ROOT / "corpus" / "seeds").glob("002_*.txt"))), rng)
    gold = [
        r["text"]
        for path in sorted((ROOT / "corpus" / "gold").glob("*.jsonl"))
        for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if r["type"] == "incoherent" and r["category"] == "garbled"
    ]
    print("\n== gold word salad (clause alone)")
    for text in gold:
        cl = [[w for w, _, _ in c] for c in gs._clauses(words_of(text))]
        gains = [f"{g:.2f}" for g, _ in intrusion_gains(text)]
        print(f"  {text}: order gain {order_gain(cl):.2f}" + (f", deletion gain {', '.join(gains)}" if gains else ""))


if __name__ == "__main__":
    main()
