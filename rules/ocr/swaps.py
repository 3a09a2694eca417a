"""Two adjacent characters swapped (O103): 实事是求 for 实事求是, 深化革改 for 深化改革.

Three kinds of candidates:

- a window that is a fixed term (idiom, set phrase, frequent word of three or more
  characters) with two neighbouring characters swapped (循序进渐 -> 循序渐进);
- two neighbouring characters that form no word, but a frequent two-character word
  when swapped, inside a longer context (键关时期 -> 关键时期);
- two neighbours swapped across a word boundary (生环态境 -> 生态环境: neither pair is a
  word): found by a whole-document pass of the character model (`across_words`), which
  must read the swap far better, as must the dictionary route.

In each case the swap must make its context read far better under the dictionary's
word model (a pair with a smaller gain also under the People's Daily bigram model of
`zhcheck.rules.lang.langmodel`): the best segmentation of the swapped context must be much more probable
than the original's (the swapped-back term is far more frequent than its scattered
parts explain). Legitimate look-alikes are left alone: strings that segment into
ordinary words (真实|情感, 枝叶|繁茂, 互相|之间), reduplication (热闹热闹),
interleaved coordination (南流北淌: 南北 + 流淌), numerals (十五四), swapped
coordinate abbreviations (众参两院), the given names of people (张持坚), forms the
document prints twice or more, which are its own terms (`document_term`), and, unless
the term is an idiom or set phrase, forms a character model of modern text reads about as
well as the swapped-back term (terms coined on a pattern: 生师比 beside 生均经费). The
corrected text must also read the restored pair inside one word (以|用人|为本 stays), and a
parallel phrase (大|风浪|大|考验), a real-word variant of a less common idiom (遍地|花开) and
a quantity after a number (1|分半钟) are left alone. A swap across a word boundary restores
no word of two characters by definition: there a swap that looks like interleaved
coordination or whose printed pair is a word or half of one must read ACROSS_STRICTER better
on both models instead, and a character whose place in a phrase moves (了, 不, 得: 落不到) or
a list of one-character abbreviations (滇桂黔) is left alone.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from zhcheck.document import Document, Paragraph
from zhcheck.lazyre import lazy
from zhcheck.rules.lang import charlm, ngrams
from zhcheck.rules.lang.langmodel import jieba_tag
from zhcheck.rules.lang.lexicon import (
    cached_trie,
    derived,
    fixed_freq,
    fixed_terms,
    frequent_words,
    gazetteer,
    is_known,
    pos_tag,
    route_log_prob,
    segment_dict,
    surnames,
    total_freq,
    word_freq,
    words_tagged,
)
from zhcheck.rules.lang.tokens import token_containing
from zhcheck.rules.lang.vocab import ALL_NUMERAL_CHARS
from zhcheck.rules.ocr.context import lm_gain
from zhcheck.rules.ocr.names import Offsets, soft_boundaries
from zhcheck.textutil import CJK_CLASS, is_cjk

_RUN = lazy(f"[{CJK_CLASS}]{{2,}}")
#: jieba tags of compositional phrases (measure words, time words, directions, pronouns)
_PHRASE_TAGS = frozenset({"mq", "q", "f", "r"})
#: the swapped-back two-character word must be at least this frequent (jieba)
MIN_PAIR_FREQ = 300
#: how much more probable (natural log) the context must read after the swap
MIN_GAIN_TERM = 9.0
MIN_GAIN_PAIR = 10.0
#: a window that segments into ordinary words needs this much
MIN_GAIN_ORDINARY = 12.0
#: the pair's own gain (without context) below which it is not scored in context
#: from this gain on, a pair counts when the language model agrees by MIN_LM_GAIN
MIN_GAIN_PAIR_LM = 6.0
MIN_LM_GAIN = 12.0
#: from this gain on, a fixed term counts when the language model agrees by MIN_LM_GAIN
MIN_GAIN_TERM_LM = 5.0
_QUICK_PAIR = MIN_GAIN_PAIR_LM - 4.0
#: characters of context on each side for the comparison
_CONTEXT = 4
#: a word this frequent is ordinary (a string of such words is no misprint)
_ORDINARY = 20
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
#: a personal name printed elsewhere in the article needs only this much
MIN_GAIN_NAME = 3.0


@dataclass(frozen=True)
class Swap:
    start: int
    end: int
    text: str
    term: str
    gain: float = 0.0


#: a swap (O103) must read better to the character 4-gram model of modern text by this
#: much (natural log): terms coined on a pattern of the text (一站式、一窗口、一单制; 生师比
#: beside 生均经费) read about as well either way (4.6-6.3 on the tuning halves of the
#: controls), swapped terms of the synthetic damage do not (7.4 and more). (O104 has its own
#: floor, `zhcheck.rules.ocr.chars.MIN_LOOKALIKE_LM_GAIN`.)
MIN_SWAP_LM_GAIN = 7.0


def _is_fixed(term: str) -> bool:
    """Idioms, set phrases and proper terms (no compositional phrases)."""
    return bool(fixed_freq(term)) and pos_tag(term) not in _PHRASE_TAGS


def _swap_records() -> list[tuple[str, tuple[int]]]:
    """Every fixed term's forms with two neighbouring characters swapped, each with the
    position of the swap (the term is the form swapped back)."""
    out: dict[str, int] = {}
    names = {w for w in words_tagged(_PERSON_TAGS) if len(w) == 3}
    for term in [*(t for t, _f in fixed_terms()), *sorted(names)]:
        if not 3 <= len(term) <= 6 or not (_is_fixed(term) or term in names):
            continue
        for k in range(len(term) - 1):
            w = _swap(term, k)
            if w != term and w not in out:
                out[w] = k
    return [(w, (k,)) for w, k in out.items()]


def _swap(s: str, k: int) -> str:
    return s[:k] + s[k + 1] + s[k] + s[k + 2 :]


@functools.cache
def swap_index() -> Any:
    """marisa trie: swapped form -> (position of the swap,)."""
    return cached_trie("ocr-swaps-v7", "<B", _swap_records)


#: the cache name of `_heads` (part of `_first_test`'s too: a new version rebuilds both)
_HEADS_CACHE = "ocr-swap-heads-v7"


@functools.cache
def _heads() -> frozenset[str]:
    """The first three characters of the swapped forms (a cheap first test per position)."""
    return derived(_HEADS_CACHE, 2, lambda: frozenset(w[:3] for w in swap_index().iterkeys()))


#: window lengths, longer first: 4-character idioms before 3-character terms inside them
_LENGTHS = (4, 5, 6, 3)
_LENGTHS_MAX = max(_LENGTHS)


def _ordinary(window: str) -> bool:
    """True when the window's dictionary segmentation is made of ordinary words of two or
    more characters (真实|情感, 枝叶|繁茂): a phrase, not a misprint."""
    parts = segment_dict(window)
    return len(parts) > 1 and all(len(p) >= 2 and word_freq(p) >= _ORDINARY for p in parts)


def _reduplicated(window: str) -> bool:
    """ABAB and AABB forms (热闹热闹, 热热闹闹), and any window repeating a character pair."""
    return len(window) == 4 and (window[:2] == window[2:] or (window[0] == window[1] and window[2] == window[3]))


def _interleaved(run: str, i: int) -> bool:
    """The pair run[i:i+2] sits in an interleaved coordination (南流北淌 = 南北 + 流淌,
    大事小情): swapping it would break a legitimate pattern."""
    if i < 1 or i + 2 >= len(run):
        return False
    return is_known(run[i - 1] + run[i + 1]) and is_known(run[i] + run[i + 2])


def _gain(run: str, s: int, e: int, swapped: str) -> float:
    """How much more probable the context of run[s:e] reads with `swapped` in its place."""
    lo, hi = max(0, s - _CONTEXT), min(len(run), e + _CONTEXT)
    before = run[lo:hi]
    after = run[lo:s] + swapped + run[e:hi]
    return route_log_prob(after) - route_log_prob(before)


def _lm_gain_at(run: str, s: int, e: int, swapped: str) -> float:
    lo, hi = max(0, s - _CONTEXT), min(len(run), e + _CONTEXT)
    return lm_gain(run[lo:hi], run[lo:s] + swapped + run[e:hi])


#: jieba tags of set phrases: idioms, fixed expressions, technical names (a swap always breaks them)
_SET_PHRASE_TAGS = frozenset({"i", "l", "nz"})


def _reads_better(run: str, ws: int, we: int, term: str) -> bool:
    """A term other than a set phrase (an abbreviation, a coined 一X制 form) is restored only
    when the character model also reads its context better (MIN_SWAP_LM_GAIN)."""
    if jieba_tag(term) in _SET_PHRASE_TAGS:
        return True
    return charlm.gain_at(run, ws, we, term) >= MIN_SWAP_LM_GAIN


def _parallel_items(run: str, ws: int, we: int, term: str, k: int) -> bool:
    """Does the window start a parallel phrase that a term of the form XaXb only seems to be
    swapped in (大|风浪|大|考验 is no 大风大浪)? The term repeats its first character, the
    window prints it before a word and again before the next word of the text: the
    dictionary cut of the text after the window starts with a word of two or more characters
    (大风浪大|中|经受 is the idiom swapped, although 中经 is a dictionary entry)."""
    if len(term) != 4 or term[0] != term[2] or k != 2 or not is_known(run[ws + 1 : ws + 3]):
        return False
    following = segment_dict(run[we : we + charlm.CONTEXT])
    return bool(following) and len(following[0]) >= 2


def restored_as_word(run: str, i: int, pair: str) -> bool:
    """Does the dictionary cut of the corrected context read the restored pair (`pair` put at
    run[i:i+2]) inside one word? When the restored characters fall into two words, the printed
    order belongs to a longer expression the swap would break (以|用人|为本 is not 用以人为本:
    the corrected text cuts as 用|以人为本)."""
    lo, hi = max(0, i - charlm.CONTEXT), min(len(run), i + 2 + charlm.CONTEXT)
    at = i - lo
    pos = 0
    for w in segment_dict(run[lo:i] + pair + run[i + 2 : hi]):
        if pos <= at and at + 2 <= pos + len(w):
            return True
        pos += len(w)
        if pos > at:
            return False
    return False


#: an idiom or set phrase rarer than this (jieba) has variants in common use (遍地花开 beside
#: 遍地开花)
_VARIANT_FREQ = 500
#: jieba's tags of idioms (i) and set phrases (l)
_IDIOM_TAGS = frozenset({"i", "l"})


def _real_word_variant(doc: Document, window: str, term: str, k: int) -> bool:
    """Is the printed window a reading of real words that varies a less common idiom or set
    phrase (遍地|花开 for 遍地开花)? The swapped pair is a word in both
    orders and the rest of the window is words of two or more characters. A compound term
    (会社|主义 for 社会主义), a frequent idiom, or one the article prints elsewhere, is still
    restored."""
    pair, rest = window[k : k + 2], (window[:k], window[k + 2 :])
    if jieba_tag(term) not in _IDIOM_TAGS or not (is_known(pair) and is_known(pair[::-1])):
        return False
    if not all(not r or (len(r) >= 2 and is_known(r)) for r in rest):
        return False
    return word_freq(term) < _VARIANT_FREQ and not doc.count(term)


def _quantity(doc: Document, start: int, term: str) -> bool:
    """A numeral term (jieba's tag m, or one holding a numeral character) right after a number
    is part of a quantity (1|分半钟 is a minute and a half, not 半分钟); so is a unit the
    number takes when the rest of the window is a word (2026年|量产 is no 年产量)."""
    if not (start > 0 and doc.text[start - 1].isdigit()):
        return False
    if pos_tag(term) == "m" or any(c in ALL_NUMERAL_CHARS for c in term):
        return True
    printed = doc.text[start : start + len(term)]
    return len(printed) > 2 and pos_tag(printed[0]) in ("m", "q") and is_known(printed[1:])


def _in_name(doc: Document, para: Paragraph, start: int) -> bool:
    """True when the characters at `start`, `start + 1` may be the given name of a person:
    they follow a common surname that jieba's model joined with them into a word no
    dictionary knows (张持|坚, 杨序|顺, 张荣国)."""
    token = token_containing(doc, para, start - 1)
    if token is None:
        return False
    w, _s, e = token
    return doc.text[start - 1] in surnames() and e > start and not word_freq(w)


def _is_person_term(term: str) -> bool:
    """A personal name (jieba tags it nr) that is no place: swapped, it is another name."""
    return jieba_tag(term) == "nr" and not gazetteer().is_name(term)


def _term_candidates(run: str, s: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, fixed term) for windows starting at `s` that are a swapped fixed term."""
    index = swap_index()
    found = {len(w): w for w in index.prefixes(run[s : s + _LENGTHS_MAX])}
    for length in _LENGTHS:
        w = found.get(length)
        if w is not None:
            yield s, s + length, _swap(w, index[w][0][0])


@functools.cache
def _pair_words() -> frozenset[str]:
    """Two-character words frequent enough to be the swapped-back form of a pair."""

    return derived("ocr-swap-pairs", 1, lambda: frequent_words(2, MIN_PAIR_FREQ))


@functools.cache
def _reversed_pair_words() -> frozenset[str]:
    return frozenset(w[::-1] for w in _pair_words())


@functools.cache
def _first_test() -> tuple[ngrams.GramSet, ngrams.GramSet]:
    """`_heads` and `_reversed_pair_words` as n-gram sets that test a whole text at once."""
    name = f"ocr-swap-first-test-{_HEADS_CACHE}-pairs{MIN_PAIR_FREQ}"
    return derived(name, 1, lambda: (ngrams.GramSet(_heads(), 3), ngrams.GramSet(_reversed_pair_words(), 2)))


def _candidate_starts(doc: Document) -> tuple[Any, Any]:
    """Document offsets where a swapped term's head or a reversed pair starts (a few percent;
    an ascending int64 array), and for each of them whether a head starts there (a boolean
    array; the set of heads itself is never loaded: 0.1 s)."""

    def compute() -> tuple[Any, Any]:
        anywhere, at_head, _pairs = ngrams.starts_arrays(doc.text, *_first_test())
        head = np.zeros(len(anywhere), dtype=bool)
        head[anywhere.searchsorted(at_head)] = True  # every head start is among `anywhere`
        return anywhere, head

    return doc.memo("ocr.swap_starts", compute)


def swaps(doc: Document, para: Paragraph) -> Iterator[Swap]:
    """Windows of a paragraph that read far better once two neighbours swap."""
    pairs, reversed_pairs = _pair_words(), _reversed_pair_words()
    bounds: Offsets | None = None
    anywhere, at_head = _candidate_starts(doc)
    # the positions that pass the first test of a term or of a pair, in the paragraph (most
    # paragraphs hold none, most runs of a paragraph that holds some hold none either)
    lo, hi = anywhere.searchsorted((para.start, para.end))
    if lo == hi:
        return
    para_starts, para_heads = anywhere[lo:hi].tolist(), at_head[lo:hi].tolist()
    first, last = 0, len(para_starts)
    for m in _RUN.finditer(para.text):
        base = para.start + m.start()
        end = para.start + m.end() - 1  # a head is 3 characters, a pair 2: none starts at a run's end
        while first < last and para_starts[first] < base:
            first += 1
        if first == last:
            break
        if para_starts[first] >= end:
            continue
        after = first
        while after < last and para_starts[after] < end:
            after += 1
        run = m.group()
        taken = -1
        head_end = len(run) - 3
        starts = [
            (s - base, head)
            for s, head in zip(para_starts[first:after], para_heads[first:after], strict=True)
            if (s - base <= head_end and head) or run[s - base : s - base + 2] in reversed_pairs
        ]
        for s, head in starts:
            if base + s < taken:
                continue
            best: Swap | None = None
            if s <= head_end and head:
                for ws, we, term in _term_candidates(run, s):
                    w = run[ws:we]
                    k = next(j for j in range(len(w)) if w[j] != term[j])
                    if not _plausible(run, ws, we, term, k):
                        continue
                    if bounds is None:
                        bounds = soft_boundaries(doc, para)
                    if base + ws not in bounds or base + we not in bounds:
                        continue
                    gain = _gain(run, ws, we, term)
                    if _is_person_term(term):
                        # names are arbitrary: only the article's own spelling counts
                        # (printed at least twice, the swapped form once: 张荣国 and 张国荣
                        # may be two people in a list of names)
                        ok = doc.count(term) >= 2 and doc.count(w) == 1 and gain >= MIN_GAIN_NAME
                    else:
                        ok = gain >= MIN_GAIN_ORDINARY or (
                            not _ordinary(w)
                            and (
                                gain >= MIN_GAIN_TERM
                                or (gain >= MIN_GAIN_TERM_LM and _lm_gain_at(run, ws, we, term) >= MIN_LM_GAIN)
                            )
                        )
                    if (
                        ok
                        and not document_term(doc, w)
                        and _reads_better(run, ws, we, term)
                        and not _parallel_items(run, ws, we, term, k)
                        and restored_as_word(run, ws + k, run[ws + k + 1] + run[ws + k])
                        and not _real_word_variant(doc, w, term, k)
                        and not _quantity(doc, base + ws, term)
                    ):
                        best = Swap(base + ws, base + we, w, term, round(gain, 2))
                        break
            if best is None and run[s + 1] + run[s] in pairs:
                best = _pair(doc, para, run, base, s)
            if best is not None:
                taken = best.end
                yield best


#: a swap across a word boundary (neither the printed pair nor the swapped one is a word:
#: 经发济展 for 经济发展) must read this much better (natural log) to the character model
#: (each side CONTEXT characters) and to the dictionary route (_CONTEXT characters); on the
#: tuning halves of corpus/clean, clean_extra, controls/official and controls/news and on
#: 80 regulations of the dev set (1.02 M characters) and on the whole news dev set (2.73 M)
#: no clean text reaches both with the guards below; of 240 swaps injected into the news dev
#: set O103 finds 65 without this path, 69 with it (the threshold was raised from 11 to 12
#: after two findings on corpus/ — a word jieba lacks, a separable verb — one of them on a
#: check half)
MIN_ACROSS_LM_GAIN = 12.0
MIN_ACROSS_ROUTE_GAIN = 6.0
#: positions tried: the three bigrams through the pair read this much better swapped (an
#: unseen bigram counts ACROSS_UNSEEN_BIGRAM): 1.5% of positions, 93% of the swaps the
#: character model reads 12 better (injected into the news dev set)
ACROSS_BIGRAM_GAIN = 2.0
ACROSS_UNSEEN_BIGRAM = -12.0
#: characters screened at a time (the screen's arrays hold a few bytes per character of it)
ACROSS_CHUNK = 1 << 16
#: ... and this much more on both when the swap looks like interleaved coordination or the
#: printed pair is a word (below)
ACROSS_STRICTER = 6.0
#: characters whose place in a phrase grammar moves (落不到实处 / 不落到, 靠得住, and the
#: aspect particles inside a separable verb: 洗了澡, 见过面): a swap holding one is left alone
_MOBILE = frozenset("不没得了着过")
#: Han characters read on each side of a swap across words
_RUN_SPAN = 8


def _across_starts(doc: Document) -> list[tuple[int, float]]:
    """(offset, character-model gain) of every pair of Han neighbours whose swap reads
    MIN_ACROSS_LM_GAIN better: a screen on bigrams, then one batched look-up of the 4-grams
    the swap changes, ACROSS_CHUNK characters at a time (the arrays stay small on a long text)."""

    def compute() -> list[tuple[int, float]]:
        text = doc.text
        n = len(text)
        if n < 2:
            return []
        lm = charlm.load()
        out: list[tuple[int, float]] = []
        margin = 2 * lm.order  # context on each side of a chunk
        for lo in range(0, n - 1, ACROSS_CHUNK):
            hi = min(n - 1, lo + ACROSS_CHUNK)  # pairs starting at lo .. hi - 1
            start, end = max(0, lo - margin), min(n, hi + margin)
            found = _across_chunk(lm, text[start:end], lo - start, hi - start, start == 0, end == n)
            out += [(start + k, gain) for k, gain in found]
        return out

    return doc.memo("ocr.swap_across", compute)


def _across_chunk(
    lm: charlm.CharLM, text: str, lo: int, hi: int, at_start: bool, at_end: bool
) -> list[tuple[int, float]]:
    """`_across_starts` of the pairs starting at lo .. hi - 1 of `text` (a slice of the
    document with context around them); offsets in the slice."""
    ids = lm.encode(text)
    i = _screened_pairs(lm, text, ids, lo, hi, at_start, at_end)
    if not len(i):
        return []
    gains = _swap_gains(lm, ids, i)
    good = gains >= MIN_ACROSS_LM_GAIN
    return list(zip(i[good].tolist(), gains[good].tolist(), strict=True))


def _screened_pairs(lm: charlm.CharLM, text: str, ids: Any, lo: int, hi: int, at_start: bool, at_end: bool) -> Any:
    """The pairs of Han neighbours starting at lo .. hi - 1 whose swap passes the bigram
    screen: the three bigrams through the pair are of classes (unseen, stored, common) at
    least as good swapped (a dense table: a quarter of the positions), then read
    ACROSS_BIGRAM_GAIN better swapped (1.5% of positions); the document's start and end
    count as <s>, as a paragraph break does (its first and last pair are screened too)."""
    n = len(text)
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = (cps >= 0x4E00) & (cps <= 0x9FFF)
    i = np.flatnonzero(han[:-1] & han[1:] & (ids[:-1] != ids[1:]))
    i = i[(i >= lo) & (i < hi) & ((i >= 1) | at_start) & ((i + 2 < n) | at_end)]
    if not len(i):
        return i
    pairs = charlm.pairs()
    padded = np.concatenate(([charlm.BOS], ids, [charlm.BOS])).astype(ids.dtype)
    # the pair at p (a b between x and y) reads x a, a b, b y printed (padded[p + 1 .. p + 3])
    # and x b, b a, a y swapped: x b and a y are skip-one bigrams of the text (padded[p],
    # padded[p + 2]) at p and p + 1, shared by neighbouring pairs, as the printed ones are
    printed = pairs.classes(padded[:-1], padded[1:])  # (padded[p], padded[p + 1])
    skipped = pairs.classes(padded[:-2], padded[2:])  # (padded[p], padded[p + 2])
    ba = pairs.classes(padded[i + 2], padded[i + 1])
    classes = skipped.astype(np.int8)[i] + ba + skipped[i + 1]
    classes -= printed.astype(np.int8)[i] + printed[i + 1] + printed[i + 2]
    keep = classes >= 0
    i, ba = i[keep], ba[keep]
    # the bigrams through the kept pairs are read once each
    through = np.zeros(len(printed), dtype=bool)
    through[i] = through[i + 1] = through[i + 2] = True
    over = np.zeros(len(skipped), dtype=bool)
    over[i] = over[i + 1] = True
    at, jumps = np.flatnonzero(through), np.flatnonzero(over)
    ba_lp, text_lp, skip_lp = _bigrams(
        lm,
        [
            (padded[i + 2], padded[i + 1], ba),
            (padded[at], padded[at + 1], printed[at]),
            (padded[jumps], padded[jumps + 2], skipped[jumps]),
        ],
    )
    read, skip = np.zeros(len(printed)), np.zeros(len(skipped))
    read[at], skip[jumps] = text_lp, skip_lp
    gain = (skip[i] + ba_lp + skip[i + 1]) - (read[i] + read[i + 1] + read[i + 2])
    return i[gain >= ACROSS_BIGRAM_GAIN]


def _swap_gains(lm: charlm.CharLM, ids: Any, i: Any) -> Any:
    """How much better the character model reads the text with the pairs at `i` swapped. A
    swap at k changes the model's reading of k .. k + order - 1 only: those positions are
    scored with and without the swap, each with its context in the text (one batched
    look-up of both readings)."""
    n = len(ids)
    width = lm.order - 1
    offsets = np.arange(-width, 2 + width)
    at = i[:, None] + offsets[None, :]
    printed = ids[np.clip(at, 0, n - 1)]  # a window per pair (clipped: never read as context)
    swapped = printed.copy()
    swapped[:, width], swapped[:, width + 1] = ids[i + 1], ids[i]
    rows, cols = np.nonzero(at[:, width:] < n)
    cols = cols + width
    query = rows * len(offsets) + cols
    contexts = lm.context_lengths(ids)[at[rows, cols]]  # right from the slice's margin on: only those are read
    flat = np.concatenate((swapped.ravel(), printed.ravel()))
    queries = np.concatenate((query, query + swapped.size))
    lp = lm.logprob_of(flat, queries - 1, flat[queries], np.concatenate((contexts, contexts)))
    after, before = np.zeros(len(i)), np.zeros(len(i))
    np.add.at(after, rows, lp[: len(query)])
    np.add.at(before, rows, lp[len(query) :])
    return after - before


def _bigrams(lm: charlm.CharLM, batches: list[tuple[Any, Any, Any]]) -> list[Any]:
    """Per batch of (first tokens, second tokens, their classes in `charlm.pairs`): the bigram
    log-probability of each pair as `CharLM.bigram_logprobs` reads it (0.0 when either token
    is <s>, ACROSS_UNSEEN_BIGRAM when the model does not store the pair), from one look-up
    of the stored pairs only (the classes table is derived from the model's own look-ups)."""
    outs, firsts, seconds, wheres = [], [], [], []
    for first, second, classes in batches:
        bos = (first == charlm.BOS) | (second == charlm.BOS)
        out = np.where(bos, 0.0, ACROSS_UNSEEN_BIGRAM)
        where = np.flatnonzero((classes > 0) & ~bos)
        outs.append(out)
        firsts.append(first[where])
        seconds.append(second[where])
        wheres.append(where)
    count = sum(len(w) for w in wheres)
    if count:
        # each pair as first, second, <s>: the separator keeps the look-up to the pairs themselves
        triples = np.full((count, 3), charlm.BOS, dtype=firsts[0].dtype)
        triples[:, 0], triples[:, 1] = np.concatenate(firsts), np.concatenate(seconds)
        lp = lm.bigram_logprobs(triples.ravel(), ACROSS_UNSEEN_BIGRAM)[1::3]
        pos = 0
        for out, where in zip(outs, wheres, strict=True):
            out[where] = lp[pos : pos + len(where)]
            pos += len(where)
    return outs


def across_words(doc: Document, para: Paragraph) -> Iterator[Swap]:
    """Two neighbours swapped across a word boundary (经发济展 for 经济发展, 生环态境 for
    生态环境): neither pair is a word, so `swaps` does not see them; the character model and
    the dictionary route must both read the swap far better (more where the pair looks like
    interleaved coordination or the printed pair is a word or half of one), and the guards
    of the pairs hold (numerals, names, reduplication, the document's own terms, a quantity)."""
    starts = _across_starts(doc)
    lo = bisect.bisect_left(starts, (para.start, -math.inf))
    text = doc.text
    for k, lm_gain_value in starts[lo:]:
        if k + 2 > para.end:
            break
        a, b = text[k], text[k + 1]
        if a in _MOBILE or b in _MOBILE:
            continue
        if sum(pos_tag(c) == "j" for c in text[max(para.start, k - 1) : k + 3]) >= 2:
            continue  # a list of one-character abbreviations (滇桂黔, 苏鲁晋皖) reads in any order
        base, end = k, k + 2  # the run of Han characters around the pair, up to _RUN_SPAN a side
        while base > para.start and k - base < _RUN_SPAN and is_cjk(text[base - 1]):
            base -= 1
        while end < para.end and end - k - 2 < _RUN_SPAN and is_cjk(text[end]):
            end += 1
        run = text[base:end]
        i = k - base
        if (a in ALL_NUMERAL_CHARS and b in ALL_NUMERAL_CHARS) or _reduplicated(run[max(0, i - 2) : i + 4]):
            continue
        if _quantity(doc, k, b + a) or _in_name(doc, para, k) or document_term(doc, a + b):
            continue
        if a in run[max(0, i - 2) : i] + run[i + 2 : i + 4] or b in run[max(0, i - 2) : i] + run[i + 2 : i + 4]:
            continue  # a parallel pattern repeats a character of the pair (互促互进, 边整改边落实)
        # a swap across two words always looks like interleaved coordination (经发济展 is
        # 经济 + 发展 interleaved, as 遵规守约 is 遵守 + 规约), and a printed pair that is a word
        # or half of one (以|用人|为本, 服好务), may be right: there both models
        # must agree more
        stricter = _interleaved(run, i) or is_known(a + b) or _in_printed_word(run, i)
        extra = ACROSS_STRICTER if stricter else 0.0
        if lm_gain_value < MIN_ACROSS_LM_GAIN + extra:
            continue
        gain = _gain(run, i, i + 2, b + a)
        if gain >= MIN_ACROSS_ROUTE_GAIN + extra:
            s, e = _restored_words(run, i, b + a)
            fixed = run[s:i] + b + a + run[i + 2 : e]
            if _is_fixed(fixed):
                continue  # a swapped fixed term is the term path's, with its guards (众参两院)
            yield Swap(base + s, base + e, run[s:e], fixed, round(min(gain, lm_gain_value), 2))


def _in_printed_word(run: str, i: int) -> bool:
    """Does the dictionary cut of the printed run put one character of the pair run[i:i+2]
    inside a longer word without the other (以|用人|为本)?"""
    pos = 0
    for word in segment_dict(run):
        end = pos + len(word)
        if len(word) >= 2 and (pos <= i < end or pos <= i + 1 < end) and not (pos <= i and i + 2 <= end):
            return True
        pos = end
    return False


def _restored_words(run: str, i: int, swapped: str) -> tuple[int, int]:
    """The span of run the words of the corrected text over run[i:i+2] cover (生环态境 ->
    生态|环境), so that the suggestion reads as words."""
    pos, s, e = 0, i, i + 2
    for word in segment_dict(run[:i] + swapped + run[i + 2 :]):
        end = pos + len(word)
        if pos < i + 2 and i < end:
            s, e = min(s, pos), max(e, end)
        pos = end
    return s, e


#: a swapped-looking form the document prints this often is its own term (从严治政, 洋土结合):
#: a slip of the keyboard or the scanner does not recur letter for letter
TERM_REPEATS = 2


def document_term(doc: Document, form: str) -> bool:
    """Does the document print `form` (a candidate swap) TERM_REPEATS times or more?"""
    return doc.count(form) >= TERM_REPEATS


def _plausible(run: str, s: int, e: int, term: str, k: int) -> bool:
    """Cheap tests that rule out legitimate strings before any scoring."""
    w = run[s:e]
    a, b = w[k], w[k + 1]
    if a in ALL_NUMERAL_CHARS and b in ALL_NUMERAL_CHARS:
        return False
    if is_known(w) or _reduplicated(w):
        return False
    # coordinate abbreviations read in either order (参众两院, 众参两院)
    return not (pos_tag(term) == "j" and k == 0)


def _pair(doc: Document, para: Paragraph, run: str, base: int, i: int) -> Swap | None:
    """Two characters that are no word but a frequent word when swapped (键关 in 键关时期)."""
    a, b = run[i], run[i + 1]
    if a == b or b + a not in _pair_words():
        return None
    f = word_freq(b + a)
    # the pair's own gain bounds what its context can show (a cheap first test)
    if f < MIN_PAIR_FREQ or math.log(f * total_freq() / (word_freq(a) or 1) / (word_freq(b) or 1)) < _QUICK_PAIR:
        return None
    if is_known(a + b):
        return None
    if not _plausible(run, i, i + 2, b + a, 0) or _interleaved(run, i) or _quantity(doc, base + i, b + a):
        return None
    gain = _gain(run, i, i + 2, b + a)
    if gain < MIN_GAIN_PAIR_LM or _in_name(doc, para, base + i) or document_term(doc, a + b):
        return None
    if gain < MIN_GAIN_PAIR and _lm_gain_at(run, i, i + 2, b + a) < MIN_LM_GAIN:
        return None  # a smaller gain needs the language model's agreement
    if charlm.gain_at(run, i, i + 2, b + a) < MIN_SWAP_LM_GAIN or not restored_as_word(run, i, b + a):
        return None
    return Swap(base + i, base + i + 2, a + b, b + a, round(gain, 2))
