"""G301 incoherent (word salad) and the dictionary bigram statistics behind it."""

from __future__ import annotations

import pytest
from conftest import CLEAN, seed

from checker import charstats
from checker.engine import check_text


def g301(text: str):
    return [f for f in check_text(text, {"select": ["G301"]}) if f.rule == "G301"]


def test_bigram_table() -> None:
    assert charstats.bigram_log2("发", "展") > 10  # 发展 is among the most frequent words
    assert charstats.seen("草", "地")
    assert not charstats.seen("环", "打")
    assert charstats.unseen_pairs("环打红草地") >= 2


def test_word_salad_in_seed_000() -> None:
    found = g301(seed("000").read_text(encoding="utf-8"))
    assert [f.text for f in found] == ["拉近近远", "二二磨", "网红红绿"]
    assert all("语句不通" in f.message for f in found)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("打造更多网红打卡地，推出更多蓝天天白歌。", "蓝天天白歌"),
        ("我们要拉近近远的创新生态。", "拉近近远"),
    ],
)
def test_word_salad(text: str, span: str) -> None:
    (f,) = g301(text)
    assert f.text == span


@pytest.mark.parametrize(
    "text",
    [
        "天天向上，人人参与，家家户户都行动起来。",
        "全国人大常委会副委员长沈跃跃出席会议。",  # a name with a doubled given name
        "典角村村委会组织村民开展义务劳动。",  # village name + 村委会
        "以跃新装备为代表的智能装备制造园区，跃新新能源智能制造产业园加速建设。",
        "周周有戏，月月有节，群众文化生活丰富多彩。",
        "推动降碳、减污、扩绿、增长，打造强市强省。",  # coinages alone are not salad
    ],
)
def test_not_word_salad(text: str) -> None:
    assert g301(text) == []


def test_no_word_salad_on_clean_corpus() -> None:
    for path in sorted(CLEAN.glob("*.txt")):
        assert g301(path.read_text(encoding="utf-8")) == [], path.name
