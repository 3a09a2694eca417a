"""Two adjacent characters swapped in a fixed term or idiom (O103): 实事是求 for 实事求是."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.document import Document, Paragraph
from checker.lexicon import cached_trie, derived, fixed_freq, fixed_terms, is_known, known_freq, pos_tag
from checker.textutil import CJK_CLASS
from rules._ocr_names import soft_boundaries

_RUN = re.compile(f"[{CJK_CLASS}]{{3,}}")
#: term length -> minimum jieba frequency of a fixed term that is no idiom
MIN_FREQ = {3: 300, 4: 30, 5: 20, 6: 20}
#: jieba tags of compositional phrases (numerals, measure words, time words)
_PHRASE_TAGS = frozenset({"m", "mq", "q", "t", "f", "r"})


@dataclass(frozen=True)
class Swap:
    start: int
    end: int
    text: str
    term: str


def _is_fixed(term: str) -> bool:
    """Idioms (four characters), set phrases and frequent proper terms."""
    f = fixed_freq(term)
    if not f:
        return False
    tag = pos_tag(term)
    if tag == "i" and len(term) == 4:
        return True
    if tag in ("i", "l"):
        return f >= 20
    return tag not in _PHRASE_TAGS and f >= MIN_FREQ.get(len(term), 20)


def _reads_as_words(window: str, term: str) -> bool:
    """True when a rare idiom's swap reads as two common words (正在接连, not 正在连接)."""
    if fixed_freq(term) >= 20:
        return False
    return any(known_freq(window[:k]) >= 100 and known_freq(window[k:]) >= 100 for k in range(2, len(window) - 1))


def _swap_records() -> list[tuple[str, tuple[int]]]:
    """Every fixed term's forms with two neighbouring characters swapped, each with the
    position of the swap (the term is the form swapped back)."""
    out: dict[str, int] = {}
    for term, _f in fixed_terms():
        if not 3 <= len(term) <= 6 or not _is_fixed(term):
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
    return cached_trie("ocr-swaps-v4", "<B", _swap_records)


@functools.cache
def _heads() -> frozenset[str]:
    """The first two characters of the swapped forms (a cheap first test per position)."""
    return derived("ocr-swap-heads", 1, lambda: frozenset(w[:2] for w in swap_index().iterkeys()))


#: window lengths, longer first: 4-character idioms before 3-character terms inside them
_LENGTHS = (4, 5, 6, 3)


def swaps(doc: Document, para: Paragraph) -> Iterator[Swap]:
    """Windows of a paragraph that read as a fixed term once two neighbours swap."""
    index, heads = swap_index(), _heads()
    bounds: set[int] | None = None
    for m in _RUN.finditer(para.text):
        run, base = m.group(), para.start + m.start()
        taken = -1
        for s in range(len(run) - 2):
            if base + s < taken or run[s : s + 2] not in heads:
                continue
            for length in _LENGTHS:
                w = run[s : s + length]
                found = index.get(w) if len(w) == length else None
                if not found:
                    continue
                term = _swap(w, found[0][0])
                if is_known(w) or _reads_as_words(w, term):
                    continue
                if bounds is None:
                    bounds = soft_boundaries(doc, para)
                if base + s not in bounds or base + s + length not in bounds:
                    continue
                taken = base + s + length
                yield Swap(base + s, base + s + length, w, term)
                break
