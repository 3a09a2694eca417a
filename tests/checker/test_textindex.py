"""The occurrence index answers exactly what str.count answers."""

from __future__ import annotations

import random

import pytest

from zhcheck import textindex
from zhcheck.document import Document
from zhcheck.textindex import PatchedIndex, TextIndex


@pytest.fixture
def always_indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "INDEX_MIN_CHARS", 0)


def test_counts_equal_str_count_on_random_text(always_indexed: None) -> None:
    rng = random.Random(21)
    for trial in range(120):
        # few distinct characters: many overlapping matches; astral and lone surrogates too
        alphabet = "哈哈啊a\ud800𠀀" if trial % 3 == 0 else "甲乙丙丁戊己庚"
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        index = TextIndex(text)
        for _ in range(25):
            if text and rng.random() < 0.4:
                i = rng.randrange(len(text))
                sub = text[i : i + rng.randint(1, 4)]
            else:
                sub = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
            assert index.count(sub) == text.count(sub), (text, sub)


def test_a_text_of_the_basic_plane_keeps_16_bit_codes_and_finds_no_astral_character(always_indexed: None) -> None:
    text = "甲乙丙" * 5 + "\uffff"
    index = TextIndex(text)
    assert index._arrays()[0].dtype.itemsize == 2
    assert index.count("乙丙") == 5 and index.count("\uffff") == 1
    assert index.count("𠀀") == 0 and index.count("甲𠀀") == 0 and index.positions("𠀀") == []
    assert TextIndex("甲𠀀乙𠀀").count("𠀀") == 2  # an astral character keeps 32-bit codes


def test_overlapping_matches_count_left_to_right(always_indexed: None) -> None:
    text = "他哈哈哈地笑，哈哈哈哈。"
    index = TextIndex(text)
    assert index.count("哈哈") == text.count("哈哈") == 3
    assert index.count("哈哈哈") == 2
    assert index.count("笑声") == 0


def test_real_names_in_a_long_text() -> None:
    para = "河南省平顶山市郏县的冢头镇和湖南省长沙市岳麓区都在推进乡村振兴。"
    text = "\n".join(f"{k}、{para}" for k in range(8000))  # over INDEX_MIN_CHARS: indexed
    assert len(text) >= textindex.INDEX_MIN_CHARS
    doc = Document(text)
    for term in ("郏县", "岳麓区", "乡村振兴", "。\n1", "冢头镇和湖南", "不存在的名字", "1"):
        assert doc.count(term) == text.count(term)


@pytest.mark.parametrize("indexed", [False, True])
def test_a_patched_index_answers_as_the_patched_text(monkeypatch: pytest.MonkeyPatch, indexed: bool) -> None:
    if indexed:
        monkeypatch.setattr(textindex, "INDEX_MIN_CHARS", 0)
    rng = random.Random(4)
    alphabet = "藥药哈a"
    for _ in range(150):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        patched = text.replace("藥", "药")
        index = PatchedIndex(TextIndex(text), {i: "药" for i, c in enumerate(text) if c == "藥"})
        for _ in range(12):
            sub = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
            assert index.count(sub) == patched.count(sub), (text, sub)
            assert index.positions(sub) == [i for i in range(len(patched)) if patched.startswith(sub, i)]
            start, end = rng.randint(0, len(text)), rng.randint(0, len(text) + 3)
            assert index.slice(start, end) == patched[start:end]


def test_a_patched_index_finds_a_name_only_once_normalised() -> None:
    text = "中藥材产业园在安國市，安国市的中药材市场。"
    index = PatchedIndex(TextIndex(text), {1: "药", 8: "国"})
    assert index.count("安国市") == 2 and index.positions("中药材") == [0, 15]
    assert index.count("安國市") == 0 and index.slice(7, 10) == "安国市"


@pytest.mark.parametrize("indexed", [False, True])
def test_positions_up_to_a_limit_are_the_first_ones(monkeypatch: pytest.MonkeyPatch, indexed: bool) -> None:
    if indexed:
        monkeypatch.setattr(textindex, "INDEX_MIN_CHARS", 0)
    text = "南阳市的西峡县、南阳市的内乡县，南南阳市" * 3
    index = TextIndex(text)
    every = index.positions("南阳市")
    assert len(every) == 9 and every == sorted(every)
    assert index.positions("南阳市", limit=3) == every[:3]
    assert index.positions("南阳市", limit=20) == every
    assert index.positions("南阳市", limit=0) == []
    assert index.positions("北京市", limit=3) == []
