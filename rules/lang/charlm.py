"""A compact character n-gram language model, scored over whole documents with numpy.

Built by `tools/build_charlm.py` (interpolated modified Kneser-Ney, order 4, count
cut-offs on the higher orders) from People's Daily 1998 (minus the clean control
articles), the State Council government work reports and CPC congress reports, and
the word lists of jieba and wordfreq (modern vocabulary); see that script and
`tools/README.md`. `rules/data/charlm.bin` holds the model in backoff form and is
memory-mapped on first use.

Text is mapped one character to one token: Chinese characters and punctuation of the
vocabulary are themselves, digits are `<num>`, Latin letters `<lat>`, other characters
`<unk>`, and whitespace (line breaks, spaces) is the boundary token `<s>` that starts a
new context. Probabilities are natural logarithms.

Main API (all over whole texts, no per-character Python loop):

* `load()` -> `CharLM`;
* `CharLM.encode(text)` -> token ids (int32, one per character);
* `CharLM.logprobs(ids)` -> log P(token_i | up to 3 previous tokens) per position
  (0.0 at boundaries);
* `CharLM.logprob_of(ids, positions, tokens)` -> the same for arbitrary (context end,
  next token) pairs, to score hypotheses without building new texts;
* `CharLM.logprobs_replaced(ids, ctx, pos, tokens)` -> the four log-probabilities a
  replaced character changes, per hypothesis (the queries of `logprob_of`, fewer look-ups);
* `logprobs(text)`: the module-level shortcut.
"""

from __future__ import annotations

import functools
import json
import mmap
import struct
from itertools import pairwise
from pathlib import Path

import numpy as np

FILE = "charlm.bin"
PAIRS_FILE = "charlm_pairs.npz"
#: a bigram is "common" when log P(b | a) >= this (class 2 of `Pairs.classes`)
COMMON_BIGRAM = -8.0
MAGIC = b"ZHCLM1\n"
BOS, UNK, NUM, LAT, WB = 0, 1, 2, 3, 4
#: `<w>` separates the entries of the word lists in the training data; it never occurs in a text
SPECIALS = ("<s>", "<unk>", "<num>", "<lat>", "<w>")
ID_BITS = 15  # token ids are below 2**15; an n-gram key packs up to 4 of them under the order
ORDER_SHIFT = 60
QSCALE = 16.0  # quantised log-probabilities: uint16 value / QSCALE = -log p
SLOTS = 8  # slots per bucket of the hash table
#: `logprob_of` looks up every order of up to this many queries at once (fewer calls)
ONE_PASS_QUERIES = 4096
_C_FP, _C_H1, _C_H2 = (np.uint64(c) for c in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9))
_U32 = np.uint64(32)
#: (1 << 8j) * this has j in its top byte: the matching slot of a row (its only one where no two keys
#: of a bucket share a fingerprint, as `tools/build_charlm.py` makes sure; `CharLM.one_match`)
_BYTE_INDEX_MAGIC = np.uint64(0x0001020304050607)
#: the one-pass look-ups' rows: n-grams of orders 4, 3, 2, contexts of orders 3 and 2 (for the
#: back-off weights of orders 4 and 3): their order tags and the context length each needs
_GRAM_TAGS = (np.arange(4, 1, -1, dtype=np.uint64) << np.uint64(ORDER_SHIFT))[:, None]
_CONTEXT_TAGS = (np.arange(3, 1, -1, dtype=np.uint64) << np.uint64(ORDER_SHIFT))[:, None]
_ONE_PASS_LEVELS = np.array([3, 2, 1, 3, 2])[:, None]
#: `logprobs_replaced`: the window of a replacement at p (p - 3 .. p + 3), the text's bigrams of
#: it that the replacement leaves (those starting at p - 3, p - 2, p + 1, p + 2) ...
_REACH = np.arange(-3, 4)
_TEXT_PAIRS = np.array([-3, -2, 1, 2])
#: ... the order tags of its 15 n-grams (4-grams ending at window tokens 3-6, 3-grams at 2-6,
#: bigrams at 1-6), the rows of them a query at offset d reads (n-grams of orders 4, 3, 2 ending
#: at its token 3 + d, contexts of orders 3 and 2 ending at 2 + d) ...
_WINDOW_TAGS = (np.repeat(np.arange(4, 1, -1, dtype=np.uint64), [4, 5, 6]) << np.uint64(ORDER_SHIFT))[:, None]
_REPLACED_ROWS = np.array([[d, 5 + d, 11 + d, 4 + d, 10 + d] for d in range(4)]).T
#: ... and those without the replacement (the same for every hypothesis at one position)
_SHARED_ROWS = np.array([4, 8, 10, 13, 14])


def fingerprints(keys: np.ndarray) -> np.ndarray:
    """A non-zero 32-bit fingerprint per key (0 marks an empty slot)."""
    return ((keys * _C_FP) >> _U32).astype(np.uint32) | np.uint32(1)


def buckets(keys: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """The two candidate buckets of each key in a table of 2**bits buckets."""
    shift = np.uint64(64 - bits)
    return ((keys * _C_H1) >> shift).astype(np.int64), ((keys * _C_H2) >> shift).astype(np.int64)


def ngram_keys(ids: np.ndarray, ends: np.ndarray, k: int) -> np.ndarray:
    """Keys of the k-grams of `ids` that end at positions `ends` (ends >= k - 1 required)."""
    key = np.full(len(ends), k, dtype=np.uint64) << np.uint64(ORDER_SHIFT)
    for j in range(k):
        key |= ids[ends - (k - 1 - j)].astype(np.uint64) << np.uint64(ID_BITS * (k - 1 - j))
    return key


def pack(tokens: list[int]) -> int:
    """The key of one n-gram (the Python form of `ngram_keys`)."""
    key = len(tokens) << ORDER_SHIFT
    for j, t in enumerate(tokens):
        key |= t << (ID_BITS * (len(tokens) - 1 - j))
    return key


class CharLM:
    """N-grams of all orders in a two-choice bucketed hash table of 32-bit fingerprints, with
    quantised log-probabilities and back-off weights per slot (the keys themselves are not stored)."""

    def __init__(self, meta: dict, arrays: dict[str, np.ndarray]) -> None:
        self.meta = meta
        self.order = int(meta["order"])
        self.bits = int(meta.get("bucket_bits", 0))
        self.fp = arrays["fp"].reshape(-1, SLOTS)  # uint32 fingerprint per slot, 0 = empty
        self.lp = arrays["lp"]  # uint16 per slot: -log p(w | h) * QSCALE
        self.bo = arrays["bo"]  # uint16 per slot: -log backoff(h) * QSCALE (0 when none)
        chars = arrays["chars"].tobytes().decode("utf-32-le")
        self.chars = chars
        table = np.full(0x10000, UNK, dtype=np.int32)
        for i, ch in enumerate(chars, start=len(SPECIALS)):
            table[ord(ch)] = i
        for lo, hi, tok in (("0", "9", NUM), ("０", "９", NUM), ("A", "Z", LAT), ("a", "z", LAT)):
            table[ord(lo) : ord(hi) + 1] = tok
        table[[ord("Ａ") + i for i in range(26)] + [ord("ａ") + i for i in range(26)]] = LAT
        for ws in " \t\n\r\u3000\u00a0\u2028\u2029\x0b\x0c":
            table[ord(ws)] = BOS
        self._table = table
        self.unk_lp = float(meta["unk_logprob"])
        #: the bigram classes (`Pairs`), when attached: they let look-ups skip n-grams that cannot be stored
        self.pairs: Pairs | None = None
        #: no bucket holds a fingerprint twice (a look-up's row matches in one slot at most)
        self.one_match = True
        #: the model keeps the 3-grams inside every 4-gram it keeps (the cut-off of 3-grams is at
        #: most that of 4-grams, and a 3-gram counts at least as often as a 4-gram holding it):
        #: a 4-gram whose 3-grams are absent is absent too
        counts = meta.get("min_counts", {})
        self.keeps_parts = int(counts.get("3", 1)) <= int(counts.get("4", 1))

    # ---------------------------------------------------------------- encoding
    def encode(self, text: str) -> np.ndarray:
        """Token id per character (int32)."""
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ids = self._table[np.minimum(cps, 0xFFFF)]
        if len(cps) and cps.max() > 0xFFFF:
            ids = np.where(cps > 0xFFFF, UNK, ids)
        return ids

    def token_id(self, ch: str) -> int:
        return int(self._table[ord(ch)]) if ord(ch) <= 0xFFFF else UNK

    # ---------------------------------------------------------------- lookup
    def _find(self, keys: np.ndarray) -> np.ndarray:
        """Slot of each key in the table, -1 when absent."""
        if not len(keys):
            return np.zeros(0, dtype=np.int64)
        fp = fingerprints(keys)
        shift = np.uint64(64 - self.bits)
        # most present keys sit in their first bucket: the second is hashed for the others only
        b = ((keys * _C_H1) >> shift).astype(np.int64)
        at = self._slot(b, fp)
        miss = np.flatnonzero(at < 0)
        if len(miss):
            b = ((keys[miss] * _C_H2) >> shift).astype(np.int64)
            at[miss] = self._slot(b, fp[miss])
        return at

    def _slot(self, bucket: np.ndarray, fp: np.ndarray) -> np.ndarray:
        """The slot of each bucket holding its fingerprint, -1 when none does."""
        # the 8 comparisons of a row as the 8 bytes of one integer: non-zero iff a slot matches,
        # and the matching slot is the index of its (only) non-zero byte (whole arrays: no compaction)
        word = (self.fp.take(bucket, axis=0) == fp[:, None]).view(np.uint64).ravel()
        slot = bucket * SLOTS
        slot += ((word * _BYTE_INDEX_MAGIC) >> np.uint64(56)).view(np.int64)  # (byte j set: j on top)
        if not self.one_match:  # a table with a fingerprint twice in a bucket: the last slot matching
            many = np.flatnonzero(word & (word - np.uint64(1)))
            slot[many] = bucket[many] * SLOTS + (np.frexp(word[many].astype(np.float64))[1] - 1) // 8
        slot[word == 0] = -1
        return slot

    def context_lengths(self, ids: np.ndarray) -> np.ndarray:
        """Per position, how many previous tokens form its context (up to order - 1; stops
        after a `<s>`, which itself belongs to the context)."""
        n = len(ids)
        pos = np.arange(n)
        last_bos = np.where(ids == BOS, pos, -1)
        last_bos = np.maximum.accumulate(last_bos) if n else last_bos
        prev_bos = np.concatenate(([-1], last_bos[:-1])) if n else last_bos
        # a position right after the text start has no context; a <s> before counts as context
        span = np.where(prev_bos >= 0, pos - prev_bos, pos)
        return np.minimum(span, self.order - 1)

    @functools.cached_property
    def _unigrams(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per token id: is its unigram stored, its -log p / QSCALE ... and its -log backoff /
        QSCALE as a one-token context (the same key): the two look-ups of the walk's lowest
        orders as array reads, derived once from the table (one look-up of the vocabulary)."""
        v = len(SPECIALS) + len(self.chars)
        at = self._find((np.uint64(1) << np.uint64(ORDER_SHIFT)) | np.arange(v, dtype=np.uint64))
        hit = at >= 0
        slot = np.where(hit, at, 0)
        return hit, self.lp[slot] / QSCALE, self.bo[slot] / QSCALE

    def _stored_pairs(self, ids: np.ndarray, ends: np.ndarray, tokens: np.ndarray, ctx: np.ndarray):
        """Per query, whether the model stores the bigrams (context token -> token), (second last,
        last context token) and (third last, second last) (True where there is no such pair or
        no class table). An n-gram is stored only if every bigram inside it is (the count
        cut-offs keep the n-grams inside a kept one: their counts are at least as high), so the
        look-ups of the others are skipped."""
        q = len(tokens)
        out = [np.ones(q, dtype=bool) for _ in range(3)]
        if self.pairs is None:
            return out
        for j, (a, b) in enumerate(((0, None), (1, 0), (2, 1))):
            has = np.flatnonzero(ctx >= j + 1)
            if j and not len(has):
                continue
            first = ids[ends[has] - a]
            second = tokens[has] if b is None else ids[ends[has] - b]
            out[j][has] = self.pairs.seen(first, second)
        return out

    def logprob_of(
        self,
        ids: np.ndarray,
        ends: np.ndarray,
        tokens: np.ndarray,
        ctx: np.ndarray,
        stored: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> np.ndarray:
        """log P(tokens[q] | the `ctx[q]` tokens of `ids` ending at `ends[q]`) for each query q.

        `ends[q]` is the position of the last context token (the token itself is not in
        `ids` at ends[q] + 1 necessarily: hypotheses are scored without editing the text).
        `stored`, when the caller knows it: `_stored_pairs` of the queries (read where a
        query's context is too short for a pair).
        """
        q = len(tokens)
        out = np.zeros(q, dtype=np.float64)
        if not q:
            return out
        tokens = tokens.astype(np.uint64)
        live = np.ones(q, dtype=bool)
        acc = np.zeros(q, dtype=np.float64)
        # n-grams and contexts with a bigram the model does not store are not stored either:
        # only the others are looked up
        last, inner, first = (
            self._stored_pairs(ids, ends, tokens, ctx) if stored is None or self.pairs is None else stored
        )
        if q <= ONE_PASS_QUERIES:
            return self._logprob_of_one_pass(ids, ends, tokens, ctx, (last, inner, first))
        may_gram = {2: last, 3: last & inner, 4: last & inner & first}
        may_ctx = {3: inner, 4: inner & first}
        uni_hit, uni_lp, uni_bo = self._unigrams
        for k in range(self.order, 0, -1):
            sel = np.flatnonzero(live & (ctx >= k - 1))
            if not len(sel):
                continue
            hk = k - 1
            if not hk:  # unigrams: array reads
                tok = tokens[sel].astype(np.intp)
                hit = uni_hit[tok]
                out[sel[hit]] = acc[sel[hit]] - uni_lp[tok[hit]]
                out[sel[~hit]] = acc[sel[~hit]] + self.unk_lp
                break
            at = np.full(len(sel), -1, dtype=np.int64)
            probe = sel[may_gram[k][sel]]
            key = ngram_keys(ids, ends[probe], hk) & ~(np.uint64(0xF) << np.uint64(ORDER_SHIFT))
            key = (key << np.uint64(ID_BITS)) | tokens[probe] | (np.uint64(k) << np.uint64(ORDER_SHIFT))
            at[may_gram[k][sel]] = self._find(key)
            hit = at >= 0
            done = sel[hit]
            out[done] = acc[done] - self.lp[at[hit]] / QSCALE
            live[done] = False
            miss = sel[~hit]
            if not len(miss):
                continue
            if hk == 1:  # a one-token context: the unigram's back-off weight
                prev = ids[ends[miss]]
                ok = uni_hit[prev]
                acc[miss[ok]] -= uni_bo[prev[ok]]
                continue
            miss = miss[may_ctx[k][miss]]
            cat = self._find(ngram_keys(ids, ends[miss], hk))
            ok = cat >= 0
            acc[miss[ok]] -= self.bo[cat[ok]] / QSCALE
        # BOS tokens are never predicted
        out[tokens == BOS] = 0.0
        return out

    def _logprob_of_one_pass(self, ids, ends, tokens, ctx, stored) -> np.ndarray:
        """`logprob_of` for a few queries: every n-gram and context of every order looked up
        in one pass (more look-ups than the order-by-order walk, which stops at the first
        order that has the n-gram, but one call instead of up to seven), then the same walk
        over the answers, as whole-array steps (the same sums in the same order: the same
        values). Unigrams and one-token contexts are array reads. `stored`: the (last, inner,
        first) bigrams of `_stored_pairs`."""
        slots = self._one_pass_slots(ids, ends, tokens, ctx, stored)
        return self._walk(slots, ids[ends].astype(np.intp), tokens.astype(np.intp), ctx)

    def _one_pass_slots(self, ids, ends, tokens, ctx, stored) -> np.ndarray:
        """[5, queries]: the slots of each query's n-grams of orders 4, 3, 2 (ending in its token)
        and of its contexts of orders 3 and 2, -1 where absent or not looked up (a context too
        short, or a bigram inside that the model does not store)."""
        q = len(tokens)
        last, inner, first = stored
        # the context tokens of every query packed once: row j holds the last j + 1 of them
        # (the keys of `ngram_keys` without the order; clipped where a context is shorter)
        body = np.empty((3, q), dtype=np.uint64)
        body[0] = ids[ends]
        for j in (1, 2):
            np.left_shift(ids[np.maximum(ends - j, 0)].astype(np.uint64), np.uint64(ID_BITS * j), out=body[j])
            body[j] |= body[j - 1]
        keys = np.empty((5, q), dtype=np.uint64)
        np.left_shift(body[::-1], np.uint64(ID_BITS), out=keys[:3])
        keys[:3] |= tokens
        keys[:3] |= _GRAM_TAGS
        np.bitwise_or(body[:0:-1], _CONTEXT_TAGS, out=keys[3:])
        need = np.empty((5, q), dtype=bool)
        need[2] = last
        np.logical_and(last, inner, out=need[1])
        np.logical_and(need[1], first, out=need[0])
        need[4] = inner
        np.logical_and(inner, first, out=need[3])
        need &= ctx >= _ONE_PASS_LEVELS
        slots = np.full((5, q), -1, dtype=np.int64)
        slots[need] = self._find(keys[need])
        return slots

    def _walk(self, slots: np.ndarray, prev: np.ndarray, tok: np.ndarray, ctx: np.ndarray) -> np.ndarray:
        """The back-off walk over the slots of `_one_pass_slots` (prev: each query's last context
        token, tok: its token), for every query at once: the back-off weights of the orders above
        the one that has the n-gram, summed from the highest order down, then its
        log-probability subtracted (0.0 is subtracted where an order has no weight: the same value)."""
        uni_hit, uni_lp, uni_bo = self._unigrams
        weights = np.where(slots[3:] >= 0, self.bo.take(slots[3:]) / QSCALE, 0.0)
        acc3 = 0.0 - weights[0]
        acc2 = acc3 - weights[1]
        acc1 = acc2 - np.where(uni_hit.take(prev) & (ctx >= 1), uni_bo.take(prev), 0.0)
        gram = self.lp.take(slots[:3]) / QSCALE
        hit = slots[:3] >= 0
        out = np.where(uni_hit.take(tok), acc1 - uni_lp.take(tok), acc1 + self.unk_lp)
        out = np.where(hit[2], acc2 - gram[2], out)
        out = np.where(hit[1], acc3 - gram[1], out)
        out = np.where(hit[0], 0.0 - gram[0], out)
        out[tok == BOS] = 0.0
        return out

    def logprobs_replaced(
        self,
        ids: np.ndarray,
        ctx: np.ndarray,
        pos: np.ndarray,
        tokens: np.ndarray,
        offsets=range(4),
        text_pairs: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """log P(the token at pos[h] + d | its context) in the text `ids` with tokens[h] put at
        pos[h] (a hypothesis h), for each d of `offsets` (0-3: the log-probabilities a replacement
        changes), as [len(offsets), hypotheses], and a mask of those scored (inside the text, a
        context that reaches the replacement, no `<s>` there; 0.0 elsewhere). `ctx`: the text's
        `context_lengths`; `text_pairs[i]`, when the caller has it: does the model store the
        bigram (ids[i], ids[i + 1]).

        The values of `logprob_of` over each hypothesis' window, with fewer look-ups: the
        contexts of an offset are the n-grams of the offset before it (looked up once), and the
        n-grams that do not hold the replacement are looked up once per run of hypotheses at
        one position."""
        n, h = len(ids), len(pos)
        d = np.asarray(offsets, dtype=np.intp)
        if not h or not len(d):
            return np.zeros((len(d), h)), np.zeros((len(d), h), dtype=bool)
        # the seven tokens around each replacement, one row per offset from p - 3 (clipped at the
        # text's edges: read only where a context reaches)
        w = ids.take(np.clip(pos + _REACH[:, None], 0, n - 1))
        w[3] = tokens
        at = np.minimum(pos + d[:, None], n - 1)
        ctx_q = ctx[at]
        scored = (pos + d[:, None] < n) & (ctx_q >= d[:, None]) & (ids[at] != BOS)
        need = self._replaced_needs(ids, w, pos, d, ctx_q, scored, text_pairs)
        slots = self._replaced_slots(w, pos, d, need)
        out = self._walk(
            slots.reshape(5, -1), w[2 + d].ravel().astype(np.intp), w[3 + d].ravel().astype(np.intp), ctx_q.ravel()
        )
        return out.reshape(len(d), h), scored

    def _replaced_needs(self, ids, w, pos, d, ctx_q, scored, text_pairs) -> np.ndarray:
        """[5, offsets, hypotheses]: which of the n-grams (orders 4, 3, 2) and contexts (orders 3,
        2) of each query of `logprobs_replaced` the walk reads, as `_one_pass_slots` decides
        (a context long enough, every bigram inside stored)."""
        n, h = len(ids), len(pos)
        # bigram j of the window (tokens j, j + 1): stored?
        stored = np.ones((6, h), dtype=bool)
        if self.pairs is not None:
            if text_pairs is not None and n > 1:
                stored[[0, 1, 4, 5]] = text_pairs.take(np.clip(pos + _TEXT_PAIRS[:, None], 0, n - 2))
                stored[2:4] = self.pairs.seen(w[2:4], w[3:5])
            else:
                stored = self.pairs.seen(w[:-1], w[1:])
        last, inner, first = stored[2 + d], stored[1 + d], stored[d]
        need = np.empty((5, len(d), h), dtype=bool)
        np.logical_and(scored, last, out=need[2])
        np.logical_and(need[2], inner, out=need[1])
        np.logical_and(need[1], first, out=need[0])
        np.logical_and(scored, inner, out=need[4])
        np.logical_and(need[4], first, out=need[3])
        need &= ctx_q >= _ONE_PASS_LEVELS[:, :, None]
        return need

    def _replaced_slots(self, w: np.ndarray, pos: np.ndarray, offsets: np.ndarray, need: np.ndarray) -> np.ndarray:
        """The slots of the queries of `logprobs_replaced` ([5, offsets, hypotheses] as `need`):
        every n-gram of the windows packed once ([15, hypotheses]: the 4-grams ending at window
        tokens 3-6, the 3-grams ending at 2-6, the bigrams ending at 1-6), each looked up where
        a query reads it, those without the replacement for the first hypothesis of a run at
        one position only, and a 4-gram only where both 3-grams inside it are stored (the
        model keeps an n-gram's parts: their counts are at least its own and the cut-offs of
        the lower orders no higher, `min_counts`; few 4-grams through a replacement are)."""
        h = len(pos)
        grams = np.empty((15, h), dtype=np.uint64)
        tok = w.astype(np.uint64)
        g2, g3, g4 = grams[9:], grams[4:9], grams[:4]
        np.left_shift(tok[:-1], np.uint64(ID_BITS), out=g2)
        g2 |= tok[1:]
        np.left_shift(g2[:-1], np.uint64(ID_BITS), out=g3)
        g3 |= tok[2:]
        np.left_shift(g3[:-1], np.uint64(ID_BITS), out=g4)
        g4 |= tok[3:]
        grams |= _WINDOW_TAGS
        # each is looked up where a query reads it (the rows of `_REPLACED_ROWS`), the 4-grams after the rest
        look = np.zeros((15, h), dtype=bool)
        for i, row in enumerate(_REPLACED_ROWS[:, offsets].T):
            look[row] |= need[:, i]
        head = np.ones(h, dtype=bool)
        head[1:] = pos[1:] != pos[:-1]
        look[_SHARED_ROWS] &= head
        look[:4] = False
        found = np.full((15, h), -1, dtype=np.int64)
        found[look] = self._find(grams[look])
        found[_SHARED_ROWS] = found[_SHARED_ROWS][:, np.maximum.accumulate(np.where(head, np.arange(h), 0))]
        # the 4-gram ending at window token 3 + d: its 3-grams end at 3 + d (rows 5 + d) and 2 + d (4 + d)
        look4 = need[0] & (found[5 + offsets] >= 0) & (found[4 + offsets] >= 0) if self.keeps_parts else need[0]
        found4 = np.full(look4.shape, -1, dtype=np.int64)
        found4[look4] = self._find(grams[offsets][look4])
        found[offsets] = found4
        slots = found[_REPLACED_ROWS[:, offsets]]
        slots[~need] = -1
        return slots

    def bigram_logprobs(self, ids: np.ndarray, unseen: float) -> np.ndarray:
        """A cheap screen: log P(token_i | token_i-1) where that bigram is stored, `unseen`
        where it is not (one look-up per position; 0.0 at `<s>` and where there is no context)."""
        n = len(ids)
        out = np.zeros(n)
        if n < 2:
            return out
        sel = np.flatnonzero((ids[1:] != BOS) & (ids[:-1] != BOS)) + 1
        key = ngram_keys(ids, sel, 2)
        at = self._find(key)
        hit = at >= 0
        out[sel] = np.where(hit, self.lp[np.where(hit, at, 0)] / -QSCALE, unseen)
        return out

    def logprobs_at(
        self,
        ids: np.ndarray,
        positions: np.ndarray,
        ctx: np.ndarray | None = None,
        text_pairs: np.ndarray | None = None,
    ) -> np.ndarray:
        """`logprobs(ids)[positions]` without scoring the other positions; `text_pairs[i]`, when
        the caller has it: does the model store the bigram (ids[i], ids[i + 1])."""
        if ctx is None:
            ctx = self.context_lengths(ids)
        ends = positions - 1
        stored = None
        if text_pairs is not None and len(text_pairs):  # read where a context reaches, clipped elsewhere
            at = np.clip(positions[:, None] - np.arange(1, 4), 0, len(text_pairs) - 1)
            stored = tuple(text_pairs[at].T)
        return self.logprob_of(ids, np.maximum(ends, 0), ids[positions], np.where(ends >= 0, ctx[positions], 0), stored)

    def logprobs_of_texts(self, texts: tuple[str, ...] | list[str]) -> list[np.ndarray]:
        """`logprobs(encode(t))` of each text, from one batched look-up (each text is read on
        its own: no context crosses from one into the next)."""
        ids = [self.encode(t) for t in texts]
        sizes = [len(x) for x in ids]
        joined = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32)
        if not len(joined):
            return [np.zeros(0) for _ in ids]
        ctx = np.concatenate([self.context_lengths(x) for x in ids])
        ends = np.arange(len(joined)) - 1
        ctx[np.cumsum([0, *sizes[:-1]])[np.asarray(sizes) > 0]] = 0  # each text's first character
        out = self.logprob_of(joined, np.maximum(ends, 0), joined, ctx)
        bounds = np.cumsum([0, *sizes])
        return [out[a:b].copy() for a, b in pairwise(bounds.tolist())]

    def logprobs(self, ids: np.ndarray) -> np.ndarray:
        """log P(token_i | context) for every position of an encoded text (0.0 at `<s>`)."""
        n = len(ids)
        if not n:
            return np.zeros(0)
        ctx = self.context_lengths(ids)
        ends = np.arange(n) - 1
        safe_ends = np.maximum(ends, 0)
        return self.logprob_of(ids, safe_ends, ids, np.where(ends >= 0, ctx, 0))


def pair_bits(lm: CharLM, chunk: int = 1 << 20) -> tuple[np.ndarray, np.ndarray]:
    """Two bitsets (packed uint8, index a * V + b, V = vocabulary size with the specials): the
    bigrams (a, b) the model stores, and those of them with log P(b | a) >= COMMON_BIGRAM.
    Every pair of the vocabulary is looked up once (a build step, `tools/build_charlm.py --pairs-only`)."""
    v = len(SPECIALS) + len(lm.chars)
    seen = np.zeros(v * v, dtype=bool)
    common = np.zeros(v * v, dtype=bool)
    for s in range(0, v * v, chunk):
        idx = np.arange(s, min(s + chunk, v * v), dtype=np.int64)
        a, b = idx // v, idx % v
        key = (
            (np.uint64(2) << np.uint64(ORDER_SHIFT)) | (a.astype(np.uint64) << np.uint64(ID_BITS)) | b.astype(np.uint64)
        )
        at = lm._find(key)
        hit = at >= 0
        seen[idx[hit]] = True
        common[idx[hit]] = lm.lp[at[hit]] / -QSCALE >= COMMON_BIGRAM
    return np.packbits(seen), np.packbits(common)


def pair_classes(seen: np.ndarray, common: np.ndarray, chunk: int = 1 << 20) -> np.ndarray:
    """The two bitsets of `pair_bits` as one table of 2-bit classes (seen + common: 0, 1 or 2),
    four pairs a byte, pair i in bits 2 * (i % 4) .. of byte i // 4: one look-up per pair
    instead of two. Built a byte of each bitset at a time (a table of the 256 x 256 byte pairs)."""
    bits = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1).astype(np.uint16)  # [byte, 8] big-endian
    cls = bits[:, None, :] + bits[None, :, :]  # [seen byte, common byte, 8 pairs]
    packed = (cls.reshape(256, 256, 2, 4) << (2 * np.arange(4, dtype=np.uint16))).sum(axis=3, dtype=np.uint16)
    lut = packed.astype(np.uint8).reshape(256 * 256, 2)  # [seen byte * 256 + common byte, 2 output bytes]
    out = np.empty((len(seen), 2), dtype=np.uint8)
    for s in range(0, len(seen), chunk):  # in slices: the index arrays of the whole set are 100 MB
        key = seen[s : s + chunk].astype(np.intp) << 8
        key |= common[s : s + chunk]
        out[s : s + chunk] = lut[key]
    return out.ravel()


class Pairs:
    """The bigram classes of `pair_classes`, tested for whole arrays of token pairs."""

    def __init__(self, classes: np.ndarray, vocab: int) -> None:
        self._classes = classes
        self.vocab = vocab

    def classes(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Per pair: 0 when the model does not store the bigram (a, b), 1 when it does but it is
        not common, 2 when it is common (a common bigram is a stored one); uint8."""
        idx = a.astype(np.intp) * self.vocab + b.astype(np.intp, copy=False)
        return self.classes_of_index(idx)

    def classes_of_index(self, idx: np.ndarray) -> np.ndarray:
        """`classes` of the pairs of index a * vocab + b (non-negative integers; `idx` is
        overwritten): the pair's two bits of its byte, shifted in uint8. (Read with `take`:
        twice as fast as indexing, with `np.intp` indices: no conversion.)"""
        shift = idx.astype(np.uint8)  # (the low byte: idx & 3 are its low two bits)
        shift &= np.uint8(3)
        shift <<= np.uint8(1)
        idx >>= 2
        out = self._classes.take(idx)
        out >>= shift
        out &= np.uint8(3)
        return out

    def common(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Is log P(b | a) >= COMMON_BIGRAM, per pair."""
        return self.classes(a, b) == 2

    def seen(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Does the model store the bigram (a, b), per pair."""
        return self.classes(a, b) != 0


@functools.cache
def pairs() -> Pairs:
    """The shipped bigram bitsets (`rules/data/charlm_pairs.npz`) as one class table, derived
    once into the dictionary cache and memory-mapped."""
    from zhcheck.rules.lang.arraycache import cached_arrays
    from zhcheck.rules.lang.resources import rules_data

    def build() -> tuple[np.ndarray, ...]:
        with np.load(rules_data(PAIRS_FILE)) as d:
            return pair_classes(d["seen"], d["common"]), np.asarray([d["vocab"]])

    classes, vocab = cached_arrays("charlm-pairs-v2", rules_data(PAIRS_FILE), ("classes", "vocab"), build)
    return Pairs(classes, int(vocab[0]))


def transpose_classes(classes: np.ndarray, vocab: int, chunk: int = 1 << 20) -> np.ndarray:
    """The class table of `pair_classes` with each pair's tokens swapped (same size and
    packing): pair (a, b) at index b * vocab + a. Built a slice at a time."""
    table = Pairs(classes, vocab)
    size = vocab * vocab
    out = np.zeros(len(classes), dtype=np.uint8)  # (the padding pairs after the last: class 0)
    for s in range(0, size, chunk):  # (chunk a multiple of 4: whole bytes)
        i = np.arange(s, min(s + chunk, size), dtype=np.int64)
        second, first = np.divmod(i, vocab)
        cls = table.classes_of_index(first * vocab + second)
        cls = np.concatenate((cls, np.zeros(-len(cls) % 4, dtype=np.uint8))).reshape(-1, 4)
        cls <<= np.arange(0, 8, 2, dtype=np.uint8)  # pair i in bits 2 * (i % 4) of byte i // 4
        out[s // 4 : s // 4 + len(cls)] = np.bitwise_or.reduce(cls, axis=1)
    return out


@functools.cache
def pairs_by_second() -> Pairs:
    """The classes of `pairs` indexed by (second, first) token: `pairs_by_second().classes(b, a)`
    is `pairs().classes(a, b)`. The classes of many first tokens before one token read one row
    of this table (a few cache lines) instead of one line each (derived once into the
    dictionary cache)."""
    from zhcheck.rules.lang.arraycache import cached_arrays
    from zhcheck.rules.lang.resources import rules_data

    table = pairs()
    (classes,) = cached_arrays(
        "charlm-pairs-by-second-v1",
        rules_data(PAIRS_FILE),
        ("classes",),
        lambda: (transpose_classes(table._classes, table.vocab),),
    )
    return Pairs(classes, table.vocab)


def duplicate_fingerprints(fp: np.ndarray) -> int:
    """How many buckets of a table hold one fingerprint twice (`tools/build_charlm.py` builds none)."""
    rows = np.sort(np.asarray(fp).reshape(-1, SLOTS), axis=1)
    return int(((rows[:, 1:] == rows[:, :-1]) & (rows[:, 1:] != 0)).any(axis=1).sum())


def read(path: Path, checked: bool = False) -> CharLM:
    """Memory-map a model file written by `write` (its buckets checked for a fingerprint held
    twice unless `checked`: the shipped model's are, by a test)."""
    with path.open("rb") as fh:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if mm[: len(MAGIC)] != MAGIC:
        raise ValueError(f"{path}: not a zhcheck character language model")
    (hlen,) = struct.unpack_from("<I", mm, len(MAGIC))
    header = json.loads(mm[len(MAGIC) + 4 : len(MAGIC) + 4 + hlen])
    arrays = {
        name: np.frombuffer(mm, dtype=np.dtype(dt), count=count, offset=off)
        for name, (dt, off, count) in header["arrays"].items()
    }
    lm = CharLM(header["meta"], arrays)
    lm.one_match = checked or not duplicate_fingerprints(lm.fp)
    return lm


def write(path: Path, meta: dict, arrays: dict[str, np.ndarray]) -> None:
    """Magic, header length (uint32 LE), JSON header, then each array 8-byte aligned (little-endian)."""
    table: dict[str, tuple[str, int, int]] = {}
    blobs = []
    names = list(arrays)
    # two passes: the header's length moves the offsets
    for _ in range(2):
        header = json.dumps({"meta": meta, "arrays": table}, ensure_ascii=False).encode()
        off = len(MAGIC) + 4 + len(header) + 64
        off = (off + 7) // 8 * 8
        base = off
        table, blobs = {}, []
        for name in names:
            a = np.ascontiguousarray(arrays[name]).astype(arrays[name].dtype.newbyteorder("<"), copy=False)
            table[name] = (a.dtype.str, off, int(a.size))
            blobs.append((off, a.tobytes()))
            off = (off + a.nbytes + 7) // 8 * 8
    header = json.dumps({"meta": meta, "arrays": table}, ensure_ascii=False).encode()
    assert len(MAGIC) + 4 + len(header) <= base
    out = bytearray(off)
    out[: len(MAGIC)] = MAGIC
    struct.pack_into("<I", out, len(MAGIC), len(header))
    out[len(MAGIC) + 4 : len(MAGIC) + 4 + len(header)] = header
    for o, b in blobs:
        out[o : o + len(b)] = b
    path.write_bytes(bytes(out))


@functools.cache
def load() -> CharLM:
    """The shipped model (`rules/data/charlm.bin`), memory-mapped once per process."""
    from zhcheck.rules.lang.resources import rules_data

    lm = read(rules_data(FILE), checked=True)
    if rules_data(PAIRS_FILE).exists():
        lm.pairs = pairs()
    return lm


def logprobs(text: str) -> np.ndarray:
    """Per-character log-probabilities of `text` under the shipped model (0.0 at whitespace)."""
    lm = load()
    return lm.logprobs(lm.encode(text))


#: characters of context on each side of a replaced span that `gain_at` reads
#: (the 4-grams then see the neighbouring words, not the whole clause)
CONTEXT = 6


def gain_at(text: str, start: int, end: int, replacement: str) -> float:
    """How much more probable (natural log) `text` reads with `replacement` at
    text[start:end], each version read with CONTEXT characters of `text` on each side."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    after, before = load().logprobs_of_texts((text[lo:start] + replacement + text[end:hi], text[lo:hi]))
    return float(after.sum() - before.sum())
