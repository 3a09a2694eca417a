"""The character 4-gram model: encoding, exact back-off look-ups, hypothesis scoring, and a
Kneser-Ney estimate that is a probability distribution."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from zhcheck.rules.lang import charlm

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def lm() -> charlm.CharLM:
    return charlm.load()


def test_encoding_maps_classes_one_token_per_character(lm: charlm.CharLM) -> None:
    ids = lm.encode("2024年GDP增长5%\n下一段")
    assert len(ids) == len("2024年GDP增长5%\n下一段")
    assert list(ids[:4]) == [charlm.NUM] * 4
    assert list(ids[5:8]) == [charlm.LAT] * 3
    assert ids[12] == charlm.BOS  # the line break starts a new context
    assert ids[4] >= len(charlm.SPECIALS)


def test_fluent_text_is_more_probable_than_the_same_characters_shuffled(lm: charlm.CharLM) -> None:
    text = "今年以来，全省粮食生产形势总体稳定，农民收入持续增长，乡村振兴取得新进展。"
    rng = np.random.default_rng(0)
    chars = list(text)
    rng.shuffle(chars)
    assert charlm.logprobs(text).sum() > charlm.logprobs("".join(chars)).sum() + 40


def test_a_misread_character_is_far_less_probable_than_the_right_one(lm: charlm.CharLM) -> None:
    right = charlm.logprobs("经过多年努力，这项技术已经成熟。")
    wrong = charlm.logprobs("经过多年努力，这项技术己经成熟。")
    assert right[11:15].sum() > wrong[11:15].sum() + 8  # 已经成熟 vs 己经成熟: the character and the three after it


def test_scores_at_positions_and_of_hypotheses_agree_with_scoring_the_edited_text(lm: charlm.CharLM) -> None:
    text = "今年小麦又获得了一个好收戍，\n农民笑逐颜开。"
    ids = lm.encode(text)
    full = lm.logprobs(ids)
    assert np.allclose(lm.logprobs_at(ids, np.arange(len(ids))), full)
    assert full[text.index("\n")] == 0.0
    # P(成 | 好收) scored in place of 戍, without building the edited text
    i = text.index("戍")
    got = lm.logprob_of(ids, np.array([i - 1]), np.array([lm.token_id("成")]), lm.context_lengths(ids)[[i]])
    edited = lm.logprobs(lm.encode(text.replace("戍", "成")))
    assert got[0] == pytest.approx(edited[i])


def test_the_bigram_screen_marks_unseen_pairs(lm: charlm.CharLM) -> None:
    big = lm.bigram_logprobs(lm.encode("技术己经成熟"), unseen=-99.0)
    assert big[0] == 0.0 and -10 < big[1] < 0  # 技术: a stored bigram
    assert big[2] == -99.0 or big[3] == -99.0  # 术己 / 己经: at least one unseen


def test_kneser_ney_estimate_sums_to_one_over_the_vocabulary(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import build_charlm as b

    paras = ["今天天气很好，我们去公园散步。", "今天我们去学校上课。", "天气很好的时候公园里人很多。"]
    chars = b.build_vocab(paras, [("公园", 2)], 1)
    enc = b._encoder(chars)
    ids, weights = b.encode_corpus(enc, paras, [("公园", 2)])
    raw = b.count_ngrams(ids, weights)
    logp, gammas, unk = b.estimate(raw)
    arrays = b.assemble(raw, logp, gammas, {})
    bits = int(arrays.pop("bits")[0])
    arrays["chars"] = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32)
    path = tmp_path / "m.bin"
    charlm.write(path, {"order": b.ORDER, "bucket_bits": bits, "unk_logprob": unk}, arrays)
    lm = charlm.read(path)
    vocab = [lm.token_id(c) for c in chars]
    for ctx_text in ("今天", "我们去", "很好，我", "园"):
        ctx_ids = lm.encode(ctx_text)
        n = len(ctx_ids)
        flat = np.concatenate([ctx_ids] * len(vocab))
        ends = np.arange(len(vocab)) * n + n - 1
        lps = lm.logprob_of(flat, ends, np.array(vocab), np.full(len(vocab), min(n, 3)))
        total = math.fsum(math.exp(x) for x in lps) + math.exp(unk)
        assert total == pytest.approx(1.0, abs=0.03), ctx_text


def test_no_bucket_of_the_shipped_table_holds_a_fingerprint_twice(lm: charlm.CharLM) -> None:
    # a look-up reads the one slot of its bucket that matches (the build refuses a table with two;
    # another model file read with one in a bucket takes the last slot that matches, as before)
    assert charlm.duplicate_fingerprints(lm.fp) == 0 and lm.one_match
    doubled = np.array(lm.fp)
    b = int(np.flatnonzero((doubled != 0).all(axis=1))[0])  # a full bucket
    row = doubled[b].copy()
    doubled[b, 6] = row[2]  # its slot 6 holds the fingerprint of its slot 2 as well
    assert charlm.duplicate_fingerprints(doubled) == 1
    chars = np.frombuffer(lm.chars.encode("utf-32-le"), dtype=np.uint32)
    other = charlm.CharLM(lm.meta, {"fp": doubled.ravel(), "lp": lm.lp, "bo": lm.bo, "chars": chars})
    other.one_match = False
    bucket = np.array([b, b, b])
    fps = np.array([row[2], row[0], 1 if 1 not in row else 3], dtype=np.uint32)
    assert list(other._slot(bucket, fps)) == [b * 8 + 6, b * 8, -1]
    assert list(lm._slot(bucket, fps)) == [b * 8 + 2, b * 8, -1]


def test_the_pair_bitsets_agree_with_the_table_and_change_no_score(lm: charlm.CharLM) -> None:
    text = "经过多年努力，这项技术己经成熟。今年小麦又获得了一个好收戍，农民笑逐颜开。"
    ids = lm.encode(text)
    a, b = ids[:-1], ids[1:]
    at = lm._find(charlm.ngram_keys(ids, np.arange(1, len(ids)), 2))
    pairs = charlm.pairs()
    assert (pairs.seen(a, b) == (at >= 0)).all()
    common = pairs.common(a, b)
    lp = np.where(at >= 0, lm.lp[np.maximum(at, 0)] / -charlm.QSCALE, -99.0)
    assert (common == (lp >= charlm.COMMON_BIGRAM)).all() and common.any() and not common.all()
    # the two bits of each pair in one look-up, also for a block of pairs (the O106 shortlist)
    assert (pairs.classes(a, b) == pairs.seen(a, b).astype(int) + common).all()
    block = pairs.classes(a[:, None], b[None, :])
    seen_ab, common_ab = pairs.seen(a[:, None], b[None, :]), pairs.common(a[:, None], b[None, :])
    assert block.shape == (len(a), len(b)) and (block == seen_ab.astype(int) + common_ab).all()
    assert (block == 2).any() and (block == 0).any()
    with_pairs = lm.logprobs(ids)
    saved, lm.pairs = lm.pairs, None
    try:
        assert np.array_equal(lm.logprobs(ids), with_pairs)  # the short cut skips only absent n-grams
    finally:
        lm.pairs = saved


def test_the_class_table_packs_both_bitsets_pair_by_pair() -> None:
    rng = np.random.default_rng(7)
    vocab = 37
    seen = rng.random(vocab * vocab) < 0.3
    common = seen & (rng.random(vocab * vocab) < 0.5)
    pad = (-len(seen)) % 8  # np.packbits pads the last byte
    table = charlm.pair_classes(np.packbits(seen), np.packbits(common), chunk=5)  # in slices too
    assert len(table) == (len(seen) + pad) // 4
    pairs = charlm.Pairs(table, vocab)
    a, b = np.divmod(np.arange(vocab * vocab), vocab)
    assert (pairs.classes(a, b) == seen.astype(np.uint8) + common).all()
    assert (pairs.seen(a, b) == seen).all() and (pairs.common(a, b) == common).all()


@pytest.mark.parametrize("vocab", [37, 40])  # pairs straddling bytes and rows, or not
def test_the_table_by_second_token_holds_each_pairs_class_swapped(vocab: int) -> None:
    rng = np.random.default_rng(vocab)
    seen = rng.random(vocab * vocab) < 0.3
    common = seen & (rng.random(vocab * vocab) < 0.5)
    pairs = charlm.Pairs(charlm.pair_classes(np.packbits(seen), np.packbits(common)), vocab)
    swapped = charlm.Pairs(charlm.transpose_classes(pairs._classes, vocab, chunk=12), vocab)  # in slices too
    a, b = np.divmod(np.arange(vocab * vocab), vocab)
    assert (swapped.classes(b, a) == seen.astype(np.uint8) + common).all()
    assert len(np.unique(swapped.classes(a, b))) == 3


def test_the_shipped_table_by_second_token_agrees_with_the_table(lm: charlm.CharLM) -> None:
    rng = np.random.default_rng(2)
    v = lm.pairs.vocab
    a, b = rng.integers(0, v, 200_000), rng.integers(0, v, 200_000)
    a[:1000] = lm.encode("经过多年努力，这项技术已经成熟。今年各地粮食喜获丰收，农民笑逐颜开。" * 30)[:1000]
    b[:1000] = np.roll(a[:1000], -1)  # text bigrams: many stored, common ones among them
    assert np.array_equal(charlm.pairs_by_second().classes(b, a), lm.pairs.classes(a, b))
    assert (lm.pairs.classes(a[:1000], b[:1000]) == 2).sum() > 500


def test_few_queries_looked_up_in_one_pass_score_as_the_order_by_order_walk(
    lm: charlm.CharLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "经过多年努力，这项技术己经成熟。\n今年各地粮食喜获丰收戍，农民笑逐颜开。Ｗ3号线路于2023年开通"
    ids = lm.encode(text)
    rng = np.random.default_rng(3)
    ends = rng.integers(0, len(ids), 400)
    tokens = np.concatenate((ids[rng.integers(0, len(ids), 300)], rng.integers(0, len(lm.chars), 100)))
    ctx = np.minimum(lm.context_lengths(ids)[ends] + 1, 3)
    monkeypatch.setattr(charlm, "ONE_PASS_QUERIES", 0)
    walked = lm.logprob_of(ids, ends, tokens, ctx)
    monkeypatch.setattr(charlm, "ONE_PASS_QUERIES", 10_000)
    one_pass = lm.logprob_of(ids, ends, tokens, ctx)
    assert np.array_equal(walked, one_pass)
    assert len(np.unique(walked)) > 50  # every order answers some queries: not a constant


@pytest.mark.parametrize("one_pass", [0, 10_000])
def test_the_class_table_skips_only_absent_ngrams_and_contexts_of_hypotheses(
    lm: charlm.CharLM, monkeypatch: pytest.MonkeyPatch, one_pass: int
) -> None:
    # O106's queries: a text with one character replaced by arbitrary ones, so that many
    # n-grams and contexts hold a bigram the model does not store (skipped: never looked up),
    # scored with and without the class table, by both walks
    text = "经过多年努力，这项技术己经成熟。\n今年各地粮食喜获丰收戍，农民笑逐颜开。Ｗ3号线路于2023年开通"
    ids = lm.encode(text)
    rng = np.random.default_rng(11)
    pos = rng.integers(3, len(ids) - 4, 600)
    windows = np.stack([ids[p - 3 : p + 4] for p in pos])
    windows[:, 3] = rng.integers(len(charlm.SPECIALS), len(charlm.SPECIALS) + len(lm.chars), len(pos))
    flat = windows.ravel()
    ends = np.repeat(np.arange(len(pos)) * 7, 4) + np.tile(np.arange(2, 6), len(pos))
    tokens = flat[ends + 1]
    ctx = np.full(len(ends), 3)
    monkeypatch.setattr(charlm, "ONE_PASS_QUERIES", one_pass)
    with_table = lm.logprob_of(flat, ends, tokens, ctx)
    saved, lm.pairs = lm.pairs, None
    try:
        without = lm.logprob_of(flat, ends, tokens, ctx)
    finally:
        lm.pairs = saved
    assert np.array_equal(with_table, without)
    assert (~lm.pairs.seen(flat[ends], tokens)).sum() > 200  # most replacements make an unstored bigram
    assert len(np.unique(with_table)) > 100


def test_texts_scored_in_one_batch_score_as_each_alone(lm: charlm.CharLM) -> None:
    texts = ("今年各地粮食喜获丰收", "", "\n农民笑逐颜开", "成熟", "2023年Ｗ3号线")
    batched = lm.logprobs_of_texts(texts)
    for text, got in zip(texts, batched, strict=True):
        alone = lm.logprobs(lm.encode(text))
        assert np.array_equal(got, alone) and got.sum() == alone.sum(), text
    # no context crosses from one text into the next: "熟" after "成" reads better than alone
    assert lm.logprobs_of_texts(("成", "熟"))[1][0] < lm.logprobs(lm.encode("成熟"))[1]


@pytest.mark.parametrize("with_text_pairs", [True, False])
def test_replacements_score_as_the_edited_text_and_as_the_queries_of_their_windows(
    lm: charlm.CharLM, with_text_pairs: bool
) -> None:
    # several hypotheses per position (the n-grams without the replacement are looked up for the
    # first of a run only), positions at both edges of the text and next to line breaks and digits
    text = "经过多年努力，这项技术己经成熟。\n今年各地粮食喜获丰收戍，农民笑逐颜开。Ｗ3号线路于2023年开通"
    ids = lm.encode(text)
    ctx = lm.context_lengths(ids)
    text_pairs = lm.pairs.seen(ids[:-1], ids[1:]) if with_text_pairs else None
    rng = np.random.default_rng(5)
    pos = np.repeat(np.arange(len(ids)), rng.integers(1, 5, len(ids)))
    tokens = rng.integers(len(charlm.SPECIALS), len(charlm.SPECIALS) + len(lm.chars), len(pos)).astype(np.int32)
    tokens[::5] = ids[pos[::5]]  # the printed character itself: a text-like hypothesis
    for offsets in ((0, 1, 2, 3), (0, 1), (2, 3)):
        got, scored = lm.logprobs_replaced(ids, ctx, pos, tokens, offsets, text_pairs)
        # the same queries through `logprob_of` over each hypothesis' window
        w = ids[np.clip(pos[:, None] + np.arange(-3, 4), 0, len(ids) - 1)]
        w[:, 3] = tokens
        d = np.array(offsets)
        at = pos[:, None] + d
        want = (
            (at < len(ids))
            & (ctx[np.minimum(at, len(ids) - 1)] >= d)
            & (ids[np.minimum(at, len(ids) - 1)] != charlm.BOS)
        )
        assert np.array_equal(scored.T, want)
        h, col = np.nonzero(want)
        ends = h * 7 + 2 + d[col]
        expected = lm.logprob_of(w.ravel(), ends, w.ravel()[ends + 1], ctx[at[want]])
        assert np.array_equal(got.T[want], expected)
        # every 4-gram looked up (a model that may keep a 4-gram without its 3-grams): the same values
        lm.keeps_parts = False
        try:
            assert np.array_equal(lm.logprobs_replaced(ids, ctx, pos, tokens, offsets, text_pairs)[0], got)
        finally:
            lm.keeps_parts = True
    # one hypothesis against the edited text: 成 for 戍 changes the four positions from it on
    i = text.index("戍")
    got, scored = lm.logprobs_replaced(ids, ctx, np.array([i]), np.array([lm.token_id("成")]))
    edited = lm.logprobs(lm.encode(text.replace("戍", "成")))
    assert scored.all() and np.array_equal(got[:, 0], edited[i : i + 4])
