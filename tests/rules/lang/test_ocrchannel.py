"""The OCR channel: candidates for a printed character, as a list and as arrays."""

from __future__ import annotations

import numpy as np

from zhcheck.rules.lang import ocrchannel
from zhcheck.rules.lang.lexicon import t2s_table


def test_a_printed_character_lists_the_characters_it_is_misread_for() -> None:
    cands = dict(ocrchannel.candidates("己"))
    assert "已" in cands and cands["已"] < 0
    ranked = [lp for _, lp in ocrchannel.candidates("己")]
    assert ranked == sorted(ranked, reverse=True)
    assert len(ranked) <= ocrchannel.MAX_CANDIDATES


def test_no_traditional_character_is_ever_an_intended_one() -> None:
    trad = t2s_table()
    for printed in "经己末戍车国长说":
        assert not [x for x, _ in ocrchannel.candidates(printed) if x in trad], printed


def test_arrays_hold_the_same_candidates_grouped_by_position() -> None:
    chan = ocrchannel.channel()
    text = "己经a末来"
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    owner, intended, logp = chan.expand(cps)
    for k, ch in enumerate(text):
        got = [(chr(x), round(float(lp), 4)) for o, x, lp in zip(owner, intended, logp, strict=True) if o == k]
        assert got == [(x, round(lp, 4)) for x, lp in ocrchannel.candidates(ch)], ch
    assert list(owner) == sorted(owner)
