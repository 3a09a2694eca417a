"""Document model: decoding, offsets, line/column, paragraphs, kinds, sentences."""

from __future__ import annotations

import random

import pytest

from zhcheck.document import Document, Kind, decode_bytes, split_sentences
from zhcheck.errors import InputError

TEXT = "平顶山市政府工作报告。\n\n示范区坚持产业兴区，把打好“链条经济攻坚战”作为最强战略支持。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_decode_keeps_text_verbatim(data: bytes, encoding: str) -> None:
    text, enc = decode_bytes(data)
    assert text == TEXT
    assert enc == encoding


def test_decode_big5() -> None:
    trad = "臺灣的報紙經常報導這個問題，讀者也很關心這件事情。" * 3
    text, enc = decode_bytes(trad.encode("big5"))
    assert text == trad
    assert enc in ("big5", "big5hkscs")


def test_decode_binary_and_empty() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert decode_bytes(b"") == ("", "utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "一二三四五六七八九十，一月一日。",  # no ASCII at all: the only NULs are in 一 (U+4E00)
        "2023年GDP增长5.5%，CPI上涨0.2%。\nAI与5G应用（见表1）。\n",
    ],
)
def test_decode_utf16_without_bom(codec: str, text: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, codec)


def test_binary_with_nul_bytes_is_still_binary() -> None:
    rng = random.Random(15834)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.getrandbits(8) for _ in range(4096))
    for data in (png, png[:-1], bytes(range(256)) * 8):
        with pytest.raises(InputError, match=r"^binary file \(contains NUL bytes\)$"):
            decode_bytes(data)


def test_utf16_of_another_script_gets_a_hint() -> None:
    with pytest.raises(InputError, match="looks like UTF-16-BE without a byte-order mark: re-save it as UTF-8"):
        decode_bytes("Привет, мир.\nВторая строка.\n".encode("utf-16-be"))


def test_positions_are_code_points_and_one_based() -> None:
    doc = Document("第一行\r\n第二行，有𠀀字\n")
    assert doc.position(0) == (1, 1)
    i = doc.text.index("有")
    assert doc.position(i) == (2, 5)
    assert doc.line_text(2) == "第二行，有𠀀字"
    assert doc.newline == "\r\n" or doc.newline == "\n"


def test_paragraphs_blank_line_and_single_newline() -> None:
    blank = Document("## 标题\n\n第一段正文内容很长，说明了情况。\n\n\n第二段。")
    assert [p.text for p in blank.paragraphs] == ["## 标题", "第一段正文内容很长，说明了情况。", "第二段。"]
    assert [p.blank_before for p in blank.paragraphs] == [0, 1, 2]
    single = Document("第一段，内容。\n　　第二段，内容。\n")
    assert [p.text for p in single.paragraphs] == ["第一段，内容。", "第二段，内容。"]
    p = single.paragraphs[1]
    assert single.text[p.start : p.end] == p.text
    assert p.line == 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("## 聚焦群众健康", Kind.HEADING),
        ("抓园区开发，打造高质量发展新平台", Kind.HEADING),
        ("（本报记者 张亚丹）", Kind.BYLINE),
        ("□本报评论员", Kind.BYLINE),
        ("► 贾法泉 张晓锋 晁春宇", Kind.BYLINE),
        ("编辑 朱丙强 视觉编辑 李永伟 校对 崔蕊", Kind.BYLINE),
        ("记者在坦洋村采访时还发现，家庭作坊式制茶在村里也比较普遍。", Kind.BODY),
        ("田正/摄 中原电气城", Kind.CAPTION),
        ("2月7日上午，市人民代表大会开幕。 记者 牛智广 摄", Kind.CAPTION),
        ("△图为智能工厂的生产线。", Kind.CAPTION),
        ("……", Kind.SEPARATOR),
        ("<!-- zhcheck-disable D101 -->", Kind.DIRECTIVE),
        ("经过20年的发展，示范区从起步阶段的开发区成长为城市新区。", Kind.BODY),
    ],
)
def test_paragraph_kinds(text: str, kind: Kind) -> None:
    assert Document(text).paragraphs[0].kind is kind


def test_sentences_keep_closing_quotes() -> None:
    text = "他说：“我们要干。”大家都同意！还有问题吗？没有"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["他说：“我们要干。”", "大家都同意！", "还有问题吗？", "没有"]
    doc = Document("前言。\n" + text)
    para = doc.paragraphs[1]
    assert all(doc.text[s.start : s.end] == s.text for s in para.sentences)


def test_paragraph_at_and_span() -> None:
    doc = Document("甲乙丙。\n\n丁戊己。")
    i = doc.text.index("戊")
    assert doc.paragraph_at(i).index == 1
    assert doc.paragraph_at(doc.text.index("\n")) is None
    span = doc.span(i, i + 1)
    assert (span.line, span.column, span.text) == (3, 2, "戊")


def test_from_path_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        Document.from_path(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="directory"):
        Document.from_path(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="too large"):
        Document.from_path(str(big), max_bytes=1024)


def test_engine_forgets_rule_analyses_once_a_document_is_checked() -> None:
    from zhcheck.engine import Engine

    doc = Document("今年以来，全市经济稳中向好，主要指标好于预期。\n各地持续推进重点项目建设。\n")
    doc.memo("probe", lambda: 1)
    assert doc.paragraphs[0].sentences and doc.words(doc.paragraphs[0])
    result = Engine().check_document(doc)
    assert result.document is doc and not doc._memo  # a run over many files keeps no segmentation alive
    assert doc.paragraphs[0]._sentences is None and doc.paragraphs[1].text == "各地持续推进重点项目建设。"
    assert doc.position(doc.text.index("各")) == (2, 1)  # reporters still have text and lines


def test_a_family_analysis_is_dropped_once_the_last_rule_of_its_family_has_run() -> None:
    from zhcheck.engine import Engine
    from zhcheck.registry import Rule

    doc = Document("今年以来，全市经济稳中向好。\n")
    seen: list[tuple[str, bool, bool]] = []

    def probe(family: str, code: str):
        def check(d: Document, ctx) -> list:
            d.memo(("probe", family), lambda: code, family)
            d.memo("shared", lambda: code)
            seen.append((code, ("probe", "fam.a") in d._memo, "shared" in d._memo))
            return []

        return check

    engine = Engine({"select": ["T101"]})
    base = engine.rules[0]
    engine.rules = [
        Rule("X1", "a1", base.category, base.severity, "", "", "", "", check=probe("fam.a", "X1"), module="fam.a"),
        Rule("X2", "b1", base.category, base.severity, "", "", "", "", check=probe("fam.b", "X2"), module="fam.b"),
        Rule("X3", "a2", base.category, base.severity, "", "", "", "", check=probe("fam.a", "X3"), module="fam.a"),
        Rule("X4", "b2", base.category, base.severity, "", "", "", "", check=probe("fam.c", "X4"), module="fam.c"),
    ]
    original = doc._memo
    engine.check_document(doc)
    # fam.a's analysis lives from X1 to X3 (X2 of another family between them); the shared one to the end
    assert seen == [("X1", True, True), ("X2", True, True), ("X3", True, True), ("X4", False, True)]
    assert original is doc._memo and not doc._memo
    # outside the engine nothing is dropped, and a dropped analysis is computed again when asked for
    assert doc.memo(("probe", "fam.a"), lambda: 1, "fam.a") == 1
    doc.forget_family("fam.a")
    assert doc.memo(("probe", "fam.a"), lambda: 2, "fam.a") == 2 and doc.memo("other", lambda: 3) == 3
    doc.forget_family("fam.a")
    assert ("probe", "fam.a") not in doc._memo and doc._memo["other"] == 3


def test_long_documents_keep_words_compact_and_give_the_same_words(monkeypatch) -> None:
    from zhcheck import document as document_mod

    text = "\n".join(f"第{k}段：河南省郏县的农民在田里收割小麦，丰收在望。" for k in range(600))
    plain = Document(text)
    expected = [plain.words(p) for p in plain.paragraphs]
    monkeypatch.setattr(document_mod, "COMPACT_WORDS_CHARS", 0)
    compact = Document(text)
    for _ in range(2):  # more paragraphs than are kept built: tuples are built again, equal
        assert [compact.words(p) for p in compact.paragraphs] == expected
    assert expected[3][:4] == [("第", 78, 79), ("3", 79, 80), ("段", 80, 81), ("：", 81, 82)]
    words = compact.words(compact.paragraphs[5])
    assert compact.words(compact.paragraphs[5]) is words, "a paragraph asked again is not cut again"
    assert compact._memo[("words.cut", 5)] == bytes(len(w) for w, _s, _e in words), "a byte a word is kept"


@pytest.mark.parametrize("text", ["甲\n乙丙\r\n丁戊\r己庚", "x\r\ry", "\n\n一", "无换行", "\r\n"])
def test_line_bounds_with_every_kind_of_line_break(text: str) -> None:
    # the line around each offset, whichever break ends the line before it (only this line is
    # searched for a "\r": in an LF file a search of the whole prefix made each call linear)
    doc = Document(text)
    for offset in range(len(doc.text) + 1):
        start = max(doc.text.rfind("\n", 0, offset), doc.text.rfind("\r", 0, offset)) + 1
        end = min([i for i in (doc.text.find("\n", offset), doc.text.find("\r", offset)) if i >= 0] or [len(doc.text)])
        assert doc.line_bounds(offset) == (start, end)
