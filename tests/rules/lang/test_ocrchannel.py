"""The OCR channel: candidates for a printed character, as a list and as arrays; how mined
counts and visual neighbours are composed."""

from __future__ import annotations

import math

import numpy as np

from zhcheck.rules.lang import ocrchannel
from zhcheck.rules.lang.lexicon import t2s_table


def test_a_printed_character_lists_the_characters_it_is_misread_for() -> None:
    cands = dict(ocrchannel.candidates("己"))
    assert "已" in cands and cands["已"] < 0
    ranked = [lp for _, lp in ocrchannel.candidates("己")]
    assert ranked == sorted(ranked, reverse=True)
    assert len(ocrchannel.candidates("己", 5)) == 5
    # the visual neighbours reach characters that share a component, beyond the mined pairs
    assert "巳" in dict(ocrchannel.candidates("己", 20))


def test_no_traditional_character_is_ever_an_intended_one() -> None:
    trad = t2s_table()
    for printed in "经己末戍车国长说":
        assert not [x for x, _ in ocrchannel.candidates(printed) if x in trad], printed


def test_arrays_hold_the_same_candidates_grouped_by_position() -> None:
    chan = ocrchannel.channel()
    text = "己经a末来"
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    owner, intended, logp = chan.expand(cps, 30)
    for k, ch in enumerate(text):
        got = [(chr(x), round(float(lp), 4)) for o, x, lp in zip(owner, intended, logp, strict=True) if o == k]
        assert got == [(x, round(lp, 4)) for x, lp in ocrchannel.candidates(ch, 30)], ch
    assert list(owner) == sorted(owner)


def test_compose_smooths_mined_counts_with_the_rank_prior() -> None:
    # three characters; 甲's visual neighbours: 由 then 申; 由's: 甲 then 申; 申's: 甲 then 由
    chars = np.array([ord(c) for c in "甲由申"], dtype=np.uint32)
    nb = np.array([[1, 2], [0, 2], [0, 1]], dtype=np.uint16)
    read = {"甲": 1000.0, "由": 50.0}
    subs = {("由", "甲"): 20.0}  # 由 was read as 甲 20 times
    chan = ocrchannel.compose(read, subs, chars, nb, prior=100.0, rank_rate=1e-2, rank_decay=1.0)
    got = dict(
        (chr(x), float(lp)) for x, lp in zip(*chan.expand(np.array([ord("甲")], dtype=np.uint32))[1:], strict=True)
    )
    # printed 甲 for intended 由: the mined count plus the prior of rank 1
    assert math.isclose(got["由"], math.log((20 + 100 * 1e-2) / (50 + 100)), rel_tol=1e-5)
    # printed 甲 for intended 申 (never mined, rank 2): the prior alone
    assert math.isclose(got["申"], math.log(100 * 1e-2 / 2 / (0 + 100)), rel_tol=1e-5)
    # the reverse pair counts half: printed 由 for intended 甲
    back = dict(
        (chr(x), float(lp)) for x, lp in zip(*chan.expand(np.array([ord("由")], dtype=np.uint32))[1:], strict=True)
    )
    assert math.isclose(back["甲"], math.log((0.5 * 20 + 100 * 1e-2) / (1000 + 100)), rel_tol=1e-5)
    # an excluded character is never an intended one
    chan = ocrchannel.compose(read, subs, chars, nb, excluded={"申"})
    assert ord("申") not in chan.intended.tolist()


def test_save_and_load_round_trip_within_the_quantisation(tmp_path) -> None:
    chars = np.array([ord(c) for c in "甲由申"], dtype=np.uint32)
    nb = np.array([[1, 2], [0, 2], [0, 1]], dtype=np.uint16)
    chan = ocrchannel.compose({"甲": 10.0}, {("由", "甲"): 3.0}, chars, nb)
    ocrchannel.save(chan, tmp_path / "c.npz")
    back = ocrchannel.load_file(tmp_path / "c.npz")
    assert (back.ptr == chan.ptr).all() and (back.intended == chan.intended).all()
    assert np.abs(back.logp - chan.logp).max() <= 0.5 / ocrchannel.QSCALE + 1e-6


def test_the_dense_block_holds_the_same_candidates_padded() -> None:
    chan = ocrchannel.channel()
    text = "己经a末"
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    xcp, logp = chan.dense(cps, 30)
    assert xcp.shape == logp.shape == (len(text), 30)
    for k, ch in enumerate(text):
        row = [(chr(x), round(float(lp), 4)) for x, lp in zip(xcp[k], logp[k], strict=True) if np.isfinite(lp)]
        assert row == [(x, round(lp, 4)) for x, lp in ocrchannel.candidates(ch, 30)], ch
    assert not np.isfinite(logp[2]).any()  # a Latin letter has no candidates
