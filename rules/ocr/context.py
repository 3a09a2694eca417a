"""Context evidence shared by the ocr rules: how much better a corrected clause reads."""

from __future__ import annotations

from zhcheck.segmenter import segment


def lm_gain(before: str, after: str) -> float:
    """How much more probable (natural log) `after` reads than `before` under the People's
    Daily word bigram model of `zhcheck.rules.lang.langmodel` (each segmented on its own)."""
    from zhcheck.rules.lang.langmodel import load

    lm = load()

    def logprob(text: str) -> float:
        return sum(t.logprob for t in lm.score(segment(text), bos=False, eos=False))

    return logprob(after) - logprob(before)


#: the longest quotation that counts as a marked term (a coinage; slogans are longer)
QUOTED_MAX = 3


def quoted_term(text: str, i: int) -> bool:
    """Is position i inside a quotation of at most QUOTED_MAX characters (“卡脖旱”, “入家”老人)?
    The writer marks such a term as a coinage of their own."""
    a = text.rfind("“", max(0, i - QUOTED_MAX), i)
    if a < 0 or "”" in text[a:i]:
        return False
    b = text.find("”", i + 1, a + QUOTED_MAX + 2)
    return b >= 0
