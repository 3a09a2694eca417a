"""Glyph similarity: true OCR confusions rank above unrelated and merely same-radical pairs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zhcheck.rules.lang import glyphs

# Pairs that OCR engines and typesetters really confuse.
CONFUSIONS = ["己已", "未末", "戊戌", "汩汨", "拔拨", "千干", "颍颖"]
# Pairs that share only a radical (or a side) and do not look alike as a whole.
SAME_RADICAL = ["河湖", "江海", "打扫", "你他", "树林", "铁钢", "颖顺", "健住", "拔打", "桔梅", "拨扣", "汩河"]
UNRELATED = ["己水", "未的", "戊国", "汩家", "拔飞", "千鱼", "颍中", "健山", "秸马", "中华", "东西"]


def score(pair: str) -> float:
    return glyphs.similarity(pair[0], pair[1])


def test_same_character_is_one_and_unknown_is_zero():
    assert glyphs.similarity("颖", "颖") == 1.0
    assert glyphs.similarity("A", "颖") == 0.0
    assert glyphs.similarity("", "") == 1.0
    assert glyphs.neighbours("A") == []


@pytest.mark.parametrize("pair", CONFUSIONS + SAME_RADICAL + UNRELATED)
def test_symmetric_and_in_range(pair):
    a, b = pair
    assert glyphs.similarity(a, b) == glyphs.similarity(b, a)
    assert 0.0 <= glyphs.similarity(a, b) < 1.0


def test_confusions_rank_above_unrelated_and_same_radical_pairs():
    worst_confusion = min(CONFUSIONS, key=score)
    best_same_radical = max(SAME_RADICAL, key=score)
    best_unrelated = max(UNRELATED, key=score)
    assert score(worst_confusion) > score(best_same_radical) + 0.1, (worst_confusion, best_same_radical)
    assert score(worst_confusion) > score(best_unrelated) + 0.3, (worst_confusion, best_unrelated)
    assert score(worst_confusion) >= 0.7


def test_shape_alone_ranks_confusions_above_unrelated_pairs():
    worst = min(glyphs.shape_similarity(*p) for p in CONFUSIONS)
    assert worst > max(glyphs.shape_similarity(*p) for p in UNRELATED) + 0.2


def test_ocr_evidence_from_the_table():
    # Pairs a real OCR engine confused when reading degraded renderings of clean text
    # (tools/build_ocr_channel.py: PP-OCR on the mining text).
    for pair in ("问间", "干于", "己已"):
        assert glyphs.ocr_confusion(*pair) > 0.3, pair
        assert glyphs.ocr_confusion(*pair) == glyphs.ocr_confusion(pair[1], pair[0])
    assert glyphs.ocr_confusion("中", "华") == 0.0
    assert glyphs.ocr_confusion("间", "间") == 0.0
    # OCR evidence lifts a pair above its shape score, never below it.
    assert glyphs.similarity("问", "间") > glyphs.shape_similarity("问", "间")
    assert glyphs.similarity("己", "已") > 0.9


def test_ocr_evidence_needs_plausible_shapes():
    # A guess of the OCR language model between unlike glyphs does not make them look alike.
    unlike = [
        (a, b)
        for a, partners in glyphs._ocr_partners().items()
        for b in partners
        if glyphs.shape_similarity(a, b) < 0.25
    ]
    assert unlike, "the OCR table has guesses between unlike glyphs"
    assert all(glyphs.similarity(a, b) < 0.5 for a, b in unlike)


def test_neighbours_best_first_and_contain_the_confusable_glyph():
    found = glyphs.neighbours("己")
    assert found[0][0] in "已巳"
    assert {c for c, _ in found} >= {"已", "巳"}
    scores = [s for _, s in found]
    assert scores == sorted(scores, reverse=True)
    assert all(s >= 0.5 for s in scores)
    assert "末" in dict(glyphs.neighbours("未"))
    assert "颍" in dict(glyphs.neighbours("颖"))
    assert "拨" in dict(glyphs.neighbours("拔"))
    assert "干" in dict(glyphs.neighbours("千"))
    assert "键" in dict(glyphs.neighbours("健"))
    assert "水" not in dict(glyphs.neighbours("己", min_score=0.0))


def test_neighbours_are_symmetric_and_agree_with_similarity():
    for ch in "己未拔颖汩戊":
        for other, s in glyphs.neighbours(ch, min_score=0.6):
            assert s == glyphs.similarity(ch, other)
            assert ch in dict(glyphs.neighbours(other, min_score=0.6))


def test_min_score_filters():
    loose = glyphs.neighbours("拔", min_score=0.4)
    strict = glyphs.neighbours("拔", min_score=0.75)
    assert len(strict) < len(loose)
    assert all(s >= 0.75 for _, s in strict)


def test_loaded_lazily():
    # nothing is read at import; the first call loads the data (timed by benchmarks/bench_ocr.py)
    code = (
        "import zhcheck.rules.lang.glyphs as g\n"
        "assert g._feature_lines.cache_info().currsize == 0\n"
        "g.neighbours('颖'); g.similarity('千', '干'); g.ocr_confusion('千', '干')\n"
        "assert g._feature_lines.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
