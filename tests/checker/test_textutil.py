"""Character-class helpers: counts on long texts equal those on short ones."""

from __future__ import annotations

from zhcheck import textutil
from zhcheck.textutil import cjk_count


def test_cjk_count_of_a_long_text_goes_slice_by_slice_and_counts_the_same(monkeypatch) -> None:
    text = "全市经济稳中向好，GDP增长5.2%。𠀀\n各地推进重点项目建設。" * 40  # astral and traditional too
    expected = sum(
        "\u3400" <= c <= "\u4dbf"
        or "\u4e00" <= c <= "\u9fff"
        or "\uf900" <= c <= "\ufaff"
        or "\U00020000" <= c <= "\U0002ebef"
        or "\U00030000" <= c <= "\U0003134f"
        for c in text
    )
    assert cjk_count(text) == expected
    monkeypatch.setattr(textutil, "_COUNT_SLICE", 7)  # slices end inside words and at an astral character
    assert cjk_count(text) == expected and cjk_count("") == 0 and cjk_count("abc") == 0
