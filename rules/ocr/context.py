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
