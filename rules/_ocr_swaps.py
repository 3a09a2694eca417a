"""Two adjacent characters swapped in a fixed term or idiom (O103): 实事是求 for 实事求是."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.document import Document, Paragraph
from checker.lexicon import fixed_terms, is_known, known_freq, pos_tag
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


def swaps(doc: Document, para: Paragraph) -> Iterator[Swap]:
    """Windows of a paragraph that read as a fixed term once two neighbours swap."""
    bounds: set[int] | None = None
    for m in _RUN.finditer(para.text):
        run, base = m.group(), para.start + m.start()
        taken = -1
        for s in range(len(run)):
            if base + s < taken:
                continue
            for length in (4, 5, 6, 3):
                w = run[s : s + length]
                if len(w) < length:
                    continue
                term = next(
                    (t for j in range(length - 1) if (t := w[:j] + w[j + 1] + w[j] + w[j + 2 :]) != w and _is_fixed(t)),
                    None,
                )
                if term is None or is_known(w) or _reads_as_words(w, term):
                    continue
                if bounds is None:
                    bounds = soft_boundaries(doc, para)
                if base + s not in bounds or base + s + length not in bounds:
                    continue
                taken = base + s + length
                yield Swap(base + s, base + s + length, w, term)
                break
