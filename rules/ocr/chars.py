"""Look-alike characters in common words (O104), conservatively.

A pair of neighbouring characters that jieba has to split into single
characters (no word) becomes one very frequent word when one of them is
replaced by a look-alike (己经 -> 已经, 末来 -> 未来). The replacement must make
the surrounding clause read markedly better under jieba's unigram model; a less
close look-alike must also make it read better under the language model of
`zhcheck.rules.lang.langmodel` (People's Daily 1998 word bigrams). The character model of
modern text must agree too (a rare real word reads as well either way to it). A word coined
on the pattern of its neighbours in an enumeration (听党话、感党恩、跟党走) is no misprint; a term in a
short quotation, which the writer marks as a coinage (“入家”老人), needs a larger gain.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from zhcheck.document import Document, Paragraph
from zhcheck.rules.lang import charlm, glyphs, ngrams
from zhcheck.rules.lang.glyphs import neighbours, ocr_confusion, similarity
from zhcheck.rules.lang.lexicon import (
    derived,
    frequent_words,
    gazetteer,
    is_known,
    route_log_prob,
    segmenter,
    total_freq,
    word_freq,
)
from zhcheck.rules.lang.resources import rules_data
from zhcheck.rules.ocr.context import lm_gain, quoted_term

#: the corrected word must be at least this frequent in jieba's dictionary
MIN_WORD_FREQ = 3000
#: look-alikes at least this similar are considered (己/已, 未/末, 戊/戌: near-identical shapes)
MIN_SIM = 0.85
#: the clause must read this much more likely (natural log) after the correction
MIN_GAIN = 6.0
#: less close look-alikes (down to this similarity) need a larger gain and the agreement
#: of the language model (zhcheck.rules.lang.langmodel) over the same context
MIN_SIM_CONTEXT = 0.65
MIN_GAIN_CONTEXT = 9.0
MIN_LM_GAIN = 8.0
#: a pair inside a short quotation (a term the writer marks: “入家”老人) needs this much more gain
#: (as O106's misreadings do, `zhcheck.rules.ocr.misread.QUOTED_PENALTY`)
QUOTED_PENALTY = 4.0
_CONTEXT = 4


@dataclass(frozen=True)
class CharFix:
    start: int
    end: int
    text: str
    word: str
    gain: float


@functools.cache
def _log_total() -> float:
    return math.log(total_freq())


@functools.lru_cache(maxsize=4096)
def _look_alikes(ch: str) -> tuple[tuple[str, float], ...]:
    return tuple((c, s) for c, s in neighbours(ch, MIN_SIM_CONTEXT) if c != ch)


@functools.cache
def _frequent_words() -> frozenset[str]:
    """Two-character words at least MIN_WORD_FREQ frequent: the only corrections considered
    (user terms never are: they are unknown to the dictionary, their frequency is low)."""
    return derived(f"ocr-char-words-{MIN_WORD_FREQ}", 1, lambda: frequent_words(2, MIN_WORD_FREQ))


@functools.cache
def _reachable() -> frozenset[str]:
    """Every pair of characters that one look-alike (of `_look_alikes`) turns into a word of
    `_frequent_words`: the only pairs worth a closer look (a few percent of a text's pairs)."""
    return derived(_REACHABLE, 1, _reachable_pairs, _glyph_files())


@functools.cache
def _reachable_grams() -> ngrams.GramSet:
    """`_reachable` as an n-gram set that finds its pairs in a whole text at once."""
    return derived(f"{_REACHABLE}-grams", 1, lambda: ngrams.GramSet(_reachable(), 2), _glyph_files())


#: the cache name of `_reachable` (and of `_reachable_grams`)
_REACHABLE = f"ocr-char-reachable-{MIN_WORD_FREQ}-{MIN_SIM_CONTEXT}"


def _glyph_files() -> tuple[Path, ...]:
    """The glyph data `_reachable` is derived from (a new version rebuilds it)."""
    files = (rules_data(name) for name in (glyphs.FEATURES_FILE, glyphs.NEIGHBOURS_FILE, glyphs.OCR_FILE))
    return tuple(p for p in files if p.exists())


def _reachable_pairs() -> frozenset[str]:
    printed_as: dict[str, list[str]] = {}  # a character -> the characters it has as a look-alike
    for ch in sorted(glyphs.characters_with_neighbours()):
        for other, _sim in _look_alikes(ch):
            printed_as.setdefault(other, []).append(ch)
    out: set[str] = set()
    for a, b in _frequent_words():
        out.update(ch + b for ch in printed_as.get(a, ()))
        out.update(a + ch for ch in printed_as.get(b, ()))
    return frozenset(out)


def _pairs(doc: Document, para: Paragraph) -> Iterator[tuple[int, str]]:
    """(start, two characters) that jieba could not read as a word: two single-character
    words in a row, or a two-character word its HMM made up (己经, 戊守)."""
    words = doc.words(para)
    freq = segmenter().word_freq
    last = len(words) - 1
    for k, (w, s, _e) in enumerate(words):
        n = len(w)
        if n == 2:
            if not freq(w):
                yield s, w
        elif n == 1 and k < last and len(words[k + 1][0]) == 1:
            yield s, w + words[k + 1][0]


def _reachable_starts(doc: Document) -> Any:
    """Document offsets where a pair of `_reachable` starts (ascending; a few percent)."""
    return doc.memo("ocr.reachable_starts", lambda: ngrams.starts_arrays(doc.text, _reachable_grams())[0], __package__)


def _reachable_unread_pairs(doc: Document, para: Paragraph) -> Iterator[tuple[int, str]]:
    """The pairs of `_pairs` among `_reachable`, from the positions of the paragraph where a
    reachable pair starts (the words tile the paragraph: the word that starts there and its
    neighbour are those characters), not from a walk over every word."""
    starts = _reachable_starts(doc)
    lo, hi = starts.searchsorted((para.start, para.end - 1))
    if lo == hi:
        return
    words = doc.words(para)
    freq = segmenter().word_freq
    k = 0
    for s in starts[lo:hi].tolist():
        k = bisect.bisect_left(words, s, k, key=_start)
        if k == len(words) or words[k][1] != s:
            continue  # no word starts there
        w = words[k][0]
        if len(w) == 2:
            if not freq(w):
                yield s, w
        elif len(w) == 1 and k + 1 < len(words) and len(words[k + 1][0]) == 1:
            yield s, w + words[k + 1][0]


_start = itemgetter(1)


def confusable_chars(doc: Document, para: Paragraph) -> Iterator[CharFix]:
    """Pairs of single-character words that a look-alike turns into a frequent word."""
    text, base = para.text, para.start
    gaz = gazetteer()
    frequent = _frequent_words()
    for s1, pair in _reachable_unread_pairs(doc, para):
        if is_known(pair):
            continue
        a, b = pair
        e2 = s1 + 2
        best: CharFix | None = None
        for pos, ch in ((0, a), (1, b)):
            for other, sim in _look_alikes(ch):
                word = other + b if pos == 0 else a + other
                if word not in frequent:
                    continue
                f = word_freq(word)
                # the unigram gain of the pair alone bounds what the context can show
                quick = math.log(f) + _log_total() - math.log(word_freq(a) or 1) - math.log(word_freq(b) or 1)
                if quick < MIN_GAIN:
                    continue
                i = s1 - base
                lo, hi = max(0, i - _CONTEXT), min(len(text), i + 2 + _CONTEXT)
                before = text[lo:hi]
                after = before[: i - lo] + word + before[i - lo + 2 :]
                gain = route_log_prob(after) - route_log_prob(before)
                gain += 2.0 * ocr_confusion(ch, other) + 2.0 * (similarity(ch, other) - MIN_SIM)
                gain -= QUOTED_PENALTY * quoted_term(text, i)
                # a less close look-alike: the word model of a real corpus must agree
                if sim < MIN_SIM and (gain < MIN_GAIN_CONTEXT or lm_gain(before, after) < MIN_LM_GAIN):
                    continue
                if gain >= MIN_GAIN and (best is None or gain > best.gain):
                    best = CharFix(s1, e2, pair, word, round(gain, 2))
        if (
            best
            and not any(
                gaz.is_name(text[j : j + n]) for j in range(max(0, s1 - base - 2), s1 - base + 1) for n in (2, 3, 4)
            )
            and not _parallel_items(text, s1 - base, best)
            and _modern_text_agrees(text, s1 - base, best)
        ):
            yield best


#: the character model of modern text must read the corrected context this much better
#: (natural log): a rare real word (具实列支, a term of accounts; 寒邪|入体) reads about as well
#: either way (0.9-2.2 on the tuning halves and dev sets), misread characters of the OCR development
#: set far better (10.4 and more); a look-alike pair the model has seen across words
#: (独持 of 单独持有, 3.75) less so
MIN_LOOKALIKE_LM_GAIN = 3.0


def _modern_text_agrees(text: str, i: int, fix: CharFix) -> bool:
    """Real-word evidence: does the character 4-gram model of modern official and news text
    read the context of the pair at text[i:i+2] markedly better with the correction? The
    dictionary and the 1998 word model miss words of today's prose that it has seen."""
    return charlm.gain_at(text, i, i + 2, fix.word) >= MIN_LOOKALIKE_LM_GAIN


#: an enumeration needs this many items of one length to show a pattern
_PATTERN_ITEMS = 3
_CLAUSE_ENDS = "，。；：！？“”（）《》\n"


def _parallel_items(text: str, i: int, fix: CharFix) -> bool:
    """Is the pair inside an item of an enumeration (、) whose items, all of one length, share
    the character the correction would change at the same place (听党话、感党恩、跟党走)?
    A word coined on the pattern of its neighbours is no misprint."""
    k = next(j for j in range(2) if fix.text[j] != fix.word[j])
    lo = max(text.rfind(c, 0, i) for c in _CLAUSE_ENDS) + 1
    hi = min((p for p in (text.find(c, i) for c in _CLAUSE_ENDS) if p >= 0), default=len(text))
    items = text[lo:hi].split("、")
    if len(items) < _PATTERN_ITEMS or len({len(it) for it in items}) != 1:
        return False
    start = lo
    for it in items:
        if start <= i < start + len(it):
            pos = i - start + k
            return pos < len(it) and all(other[pos] == it[pos] for other in items)
        start += len(it) + 1
    return False
