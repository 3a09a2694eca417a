"""Two adjacent characters swapped in a fixed term or idiom (O103): 实事是求 for 实事求是."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.document import Document, Paragraph
from checker.lexicon import derived, fixed_terms, is_known, known_freq, pos_tag
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
    f = fixed_terms().get(term, 0)
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
    if fixed_terms().get(term, 0) >= 20:
        return False
    return any(known_freq(window[:k]) >= 100 and known_freq(window[k:]) >= 100 for k in range(2, len(window) - 1))


def _swap_index() -> tuple[dict[str, str], frozenset[str]]:
    """Every fixed term's forms with two neighbouring characters swapped -> the term,
    and the first two characters of such forms."""
    out: dict[str, str] = {}
    for term in fixed_terms():
        if not 3 <= len(term) <= 6 or not _is_fixed(term):
            continue
        for j in range(len(term) - 1):
            w = term[:j] + term[j + 1] + term[j] + term[j + 2 :]
            if w != term and w not in out:
                out[w] = term
    return out, frozenset(w[:2] for w in out)


def swap_index() -> tuple[dict[str, str], frozenset[str]]:
    return derived("ocr-swaps", 3, _swap_index)


#: window lengths, longer first: 4-character idioms before 3-character terms inside them
_LENGTHS = (4, 5, 6, 3)


def swaps(doc: Document, para: Paragraph) -> Iterator[Swap]:
    """Windows of a paragraph that read as a fixed term once two neighbours swap."""
    index, heads = swap_index()
    bounds: set[int] | None = None
    for m in _RUN.finditer(para.text):
        run, base = m.group(), para.start + m.start()
        taken = -1
        for s in range(len(run) - 2):
            if base + s < taken or run[s : s + 2] not in heads:
                continue
            for length in _LENGTHS:
                w = run[s : s + length]
                term = index.get(w)
                if term is None or len(w) < length or is_known(w) or _reads_as_words(w, term):
                    continue
                if bounds is None:
                    bounds = soft_boundaries(doc, para)
                if base + s not in bounds or base + s + length not in bounds:
                    continue
                taken = base + s + length
                yield Swap(base + s, base + s + length, w, term)
                break
