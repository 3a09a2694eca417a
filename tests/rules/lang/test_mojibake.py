"""G101 mojibake: generated from clean text with .encode()/.decode(), found with exact spans."""

from __future__ import annotations

import re

import pytest

from tests.conftest import CLEAN, seed
from zhcheck.engine import check_text


def g101(text: str):
    return [f for f in check_text(text, {"select": ["G101"]}) if f.rule == "G101"]


def _clean_clauses(codec: str, n: int = 60) -> list[str]:
    """Clauses of the clean corpus whose UTF-8 bytes decode strictly with `codec`."""
    import ftfy.bad_codecs  # noqa: F401

    out = []
    for path in sorted(CLEAN.glob("*.txt")):
        for clause in re.split("[。！？\n]", path.read_text(encoding="utf-8")):
            if 6 <= len(clause) <= 40 and " " not in clause:
                try:
                    clause.encode().decode(codec)
                except UnicodeDecodeError:
                    continue
                out.append(clause)
                break
        if len(out) >= n:
            break
    return out


@pytest.mark.parametrize("codec", ["gbk", "latin-1", "sloppy-windows-1252"])
def test_exact_round_trip_is_found_and_repaired(codec: str) -> None:
    clauses = _clean_clauses(codec)
    assert len(clauses) >= 20
    exact = 0
    for clean in clauses:
        garbage = clean.encode("utf-8").decode(codec)
        text = f"据报道，{garbage}\n下一段正文。"
        (f,) = g101(text)
        lead = len("据报道，")
        assert lead <= f.start and f.end <= lead + len(garbage)
        # only ASCII (digits, Latin letters) may stay outside the span: it was never damaged
        assert garbage.startswith(text[lead : f.start]) and text[lead : f.start].isascii()
        assert text[f.end : lead + len(garbage)].isascii()
        if f.text == garbage:
            assert f.suggestion == clean
            assert f.fix is not None and f.fix.edits[0].replacement == clean
            exact += 1
        else:
            assert f.suggestion is None or f.suggestion in clean
    assert exact >= 0.8 * len(clauses)


def test_gbk_mojibake_inside_clean_text() -> None:
    assert "政府工作报告".encode().decode("gbk") == "鏀垮簻宸ヤ綔鎶ュ憡"
    text = "2月12日，" + "政府工作报告".encode().decode("gbk") + "全文发布。"
    (f,) = g101(text)
    assert f.text == "鏀垮簻宸ヤ綔鎶ュ憡"
    assert f.suggestion == "政府工作报告"
    assert "GBK" in f.message


def test_cp1252_quotes() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252: cp1252 as browsers decode it)

    clean = "“示范区建设成绩斐然。”"
    garbage = clean.encode().decode("sloppy-windows-1252")
    assert garbage.startswith("â€œ")
    text = "他说：" + garbage + "随后离开。"
    (f,) = g101(text)
    assert f.text == garbage
    assert f.suggestion == clean


def test_lossy_decoding_is_one_finding_without_suggestion() -> None:
    clean = "中国发展报告：经济增长5.5%左右。"
    garbage = clean.encode().decode("gbk", errors="replace")
    text = "正文：" + garbage + "\n"
    (f,) = g101(text)
    assert f.start == 3 and f.end == 3 + len(garbage)
    assert f.suggestion is None
    assert "经济增" in f.message


def test_replacement_pairs_read_as_gbk() -> None:
    (f,) = g101("平顶山市锟斤拷锟斤拷政府工作报告")
    assert f.text == "锟斤拷锟斤拷"
    assert "丢失" in f.message


def test_gbk_read_as_latin1() -> None:
    text = "标题：" + "政府工作报告".encode("gbk").decode("latin-1") + "。"
    (f,) = g101(text)
    assert f.suggestion == "政府工作报告"


def test_control_and_private_use_characters_still_reported() -> None:
    found = g101("平顶山市\x07政府\ue000工作\ufffd报告")
    assert [f.text for f in found] == ["\x07", "\ue000", "\ufffd"]


@pytest.mark.parametrize(
    "text",
    [
        "“推进”，×·° 摄氏度",
        "温度为25°C，误差±0.5，面积约3×4米。",
        "Café Müller 在北京开业",  # real accented Latin is not mojibake
        "鹤壁、濮阳、漯河、驻马店、郏县、舞钢、汝州、鄢陵、滎阳、硃砂湾",
        "龍芯中科、鴻蒙系統、臺灣同胞",
    ],
)
def test_legitimate_text_is_not_mojibake(text: str) -> None:
    assert g101(text) == []


def test_clean_corpus_and_seeds_have_no_mojibake() -> None:
    paths = sorted(CLEAN.glob("*.txt")) + [seed(p) for p in ("000", "001", "002", "003", "004")]
    for p in paths:
        assert g101(p.read_text(encoding="utf-8")) == [], p.name


def test_byte_walk_keeps_ascii_inside_a_stretch_and_stops_at_other_text() -> None:
    from zhcheck.rules.lang.mojibake import _cn_char, _gbk_bytes, _scan

    bad = "发展12%和进步".encode().decode("gbk", errors="replace")  # the last byte is lost
    groups = _scan("年" + bad + "。" + bad, _gbk_bytes, _cn_char)
    assert [(g.cs, g.ce, g.decoded) for g in groups] == [(1, 10, "发展12%和进"), (13, 22, "发展12%和进")]
