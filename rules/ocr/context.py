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


#: characters of context on each side of a replaced span that the character model reads
#: (its 4-grams then see the neighbouring words, not the whole clause)
CHAR_CONTEXT = 6


def char_lm_gain(before: str, after: str) -> float:
    """How much more probable `after` reads than `before` under the character 4-gram model
    (`zhcheck.rules.lang.charlm`, trained on modern official and news text)."""
    from zhcheck.rules.lang import charlm

    return float(charlm.logprobs(after).sum() - charlm.logprobs(before).sum())


def char_lm_gain_at(text: str, start: int, end: int, replacement: str) -> float:
    """`char_lm_gain` of putting `replacement` at text[start:end], read with CHAR_CONTEXT
    characters of `text` on each side."""
    lo, hi = max(0, start - CHAR_CONTEXT), min(len(text), end + CHAR_CONTEXT)
    return char_lm_gain(text[lo:hi], text[lo:start] + replacement + text[end:hi])


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
