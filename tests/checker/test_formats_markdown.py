"""Markdown input: prose is checked and fixed, markup never (code, links, images, URLs,
HTML, front matter, tables, container markers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.checker.markup_oracle import cuts, damaged, protected
from zhcheck.app.cli import main
from zhcheck.app.fixer import fix_text
from zhcheck.document import Kind
from zhcheck.engine import Engine
from zhcheck.formats import from_text, load
from zhcheck.formats.layout import edits_allowed

FIXTURES = sorted((Path(__file__).parent.parent / "data" / "markdown").glob("*.md"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _doc(text: str):
    return from_text(text, "a.md", "markdown")


def _markup(text: str) -> list[str]:
    doc = _doc(text)
    return [text[a:b] for a, b in doc.markup]


# --- the model ------------------------------------------------------------------------


def test_markup_regions_of_inline_constructs():
    text = (
        "请参阅[官方文档](https://example.com/a,b)，运行 `pip install a,b` 命令 "
        "<b>粗</b> &amp; 见 https://x.org/p?q=1 。"
    )
    assert _markup(text) == [
        "[",
        "](https://example.com/a,b)",
        "`pip install a,b`",
        "<b>",
        "</b>",
        "&amp;",
        "https://x.org/p?q=1",
    ]


def test_link_and_image_syntax_with_a_space_in_the_target_is_markup():
    """CommonMark rejects a destination with a space; editors and CMSs still print it as a
    link or image: its target (and an image's alt text) is markup, a link's words prose."""
    text = (
        "![图1 (2).png](http://img.example.cn/upload/图1 (2)_20251225A007.png)图：全年增长趋势\n\n"
        "详见[统计公报](https://www.example.cn/a b.htm)。\n"
    )
    assert _markup(text) == [
        "![图1 (2).png](http://img.example.cn/upload/图1 (2)_20251225A007.png)",
        "[",
        "](https://www.example.cn/a b.htm)",
    ]
    doc = _doc(text)
    assert [(p.text, p.kind) for p in doc.paragraphs][1][1] is Kind.BODY
    assert doc.paragraphs[0].kind is Kind.CAPTION  # the words after an image are its caption
    assert [f.rule for f in Engine().check_document(doc).findings if not f.rule.startswith("T")] == []


def test_an_attribute_list_closing_a_heading_or_paragraph_is_markup():
    """Pandoc/kramdown attributes ({#anchor}, {.class}) are no part of the sentence they close:
    a paragraph ending in one is no paragraph cut off after a brace."""
    paragraphs = ["二、现状分析", "全年新建改建农村公路四百余公里。", "集合{a,b}与映射{.x}不是属性。"]
    text = f"## {paragraphs[0]} {{#status}}\n\n{paragraphs[1]}{{#roads-2025}}\n\n{paragraphs[2]}\n"
    assert _markup(text) == ["##", " {#status}", "{#roads-2025}"]
    assert [p.text for p in _doc(text).paragraphs] == paragraphs


def test_an_attribute_list_on_its_own_line_in_a_quotation_or_list_item_is_markup():
    """kramdown's block attributes close a quotation or list item on a line of their own
    (`> {#quote-1}`, an indented `{#item}`): markup, not a stray brace in the prose."""
    text = (
        "> 全年新建改建农村公路四百余公里。\n> {#quote-roads}\n\n"
        "* **智能连接**：动态部署传输策略。\n\n  {#smart-link}\n* 集合 {a,b} 不是属性。\n"
    )
    markup = _markup(text)
    assert "{#quote-roads}" in markup and "{#smart-link}" in markup
    assert not any("{a,b}" in m for m in markup)
    prose = [p.text for p in _doc(text).paragraphs if p.block != "markup"]
    assert "全年新建改建农村公路四百余公里。" in prose and not any("{#" in p for p in prose)


def test_block_markup_and_paragraph_kinds():
    text = (
        "---\ntitle: a, b\n---\n\n# 标题\n\n正文第一段。\n\n```\nx, y\n```\n\n"
        "| 名称 | 数值 |\n| --- | --- |\n| 北京 | 一 |\n\n> 引文。\n\n- 列表项\n"
    )
    doc = _doc(text)
    assert [text[a:b] for a, b in doc.markup] == [
        "---", "title: a, b", "---", "#", "```", "x, y", "```", "|", "|", "|",
        "| --- | --- |", "|", "|", "|", ">", "-",
    ]  # fmt: skip
    prose = [(p.text, p.block) for p in doc.paragraphs if p.block != "markup"]
    assert prose == [
        ("标题", "heading"),
        ("正文第一段。", "paragraph"),
        ("名称", "table_cell"),
        ("数值", "table_cell"),
        ("北京", "table_cell"),
        ("一", "table_cell"),
        ("引文。", "blockquote"),
        ("列表项", "list_item"),
    ]
    # offsets and lines are the file's
    p = next(p for p in doc.paragraphs if p.text == "引文。")
    assert text[p.start : p.end] == "引文。" and p.line == 17


def test_cjk_bold_that_commonmark_does_not_parse_stays_prose():
    # CommonMark needs a right-flanking closer: `:**平` is none, so the asterisks are literal text
    assert _markup("**记者:**平顶山") == []
    assert _markup("**记者：** 平顶山") == ["**", "**"]


def test_a_suppression_comment_inside_code_does_not_count(engine):
    text = "```\n<!-- zhcheck-disable -->\n```\n\n今天,天气很好。\n"
    assert [f.rule for f in engine.check_document(_doc(text)).findings] == ["T101"]
    text = "<!-- zhcheck-disable T101 -->\n\n今天,天气很好。\n"
    assert engine.check_document(_doc(text)).findings == []


# --- the fixture suite: no finding and no fix on markup ---------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_no_finding_starts_or_ends_inside_markup(path: Path, engine: Engine):
    text = path.read_text(encoding="utf-8")
    doc = load(text.encode(), str(path))
    findings = engine.check_document(doc).findings
    assert findings, "each fixture has defects in its prose"
    spans = protected(text)
    for f in findings:
        assert not cuts(spans, f.start, f.end), (f.rule, f.text)
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fix_never_edits_markup(path: Path, unsafe: bool, engine: Engine):
    text = path.read_text(encoding="utf-8")
    result = fix_text(text, engine, path=str(path), unsafe=unsafe)
    assert result.applied, "each fixture has something to fix in its prose"
    assert damaged(text, result.fixed) == []
    # and what is left to fix touches no markup either
    again = fix_text(result.fixed, engine, path=str(path), unsafe=unsafe)
    assert again.fixed == result.fixed


def test_issue_examples_link_code_and_image(engine: Engine):
    text = (
        "请参阅[官方文档](https://example.com/guide),然后运行下面的代码:\n\n"
        '```python\nprint("a, b"); x = {"k": 1}\n```\n\n'
        "> 引文的最后一句话还没有说完,而且\n"
        "![](photo.png)\n\n"
        "图片下面的这一段是新的段落,与引文无关。\n"
    )
    fixed = fix_text(text, engine, path="a.md", unsafe=True).fixed
    assert "[官方文档](https://example.com/guide)，然后运行下面的代码：" in fixed
    assert '```python\nprint("a, b"); x = {"k": 1}\n```' in fixed
    assert "\n![](photo.png)\n\n图片下面的这一段是新的段落，与引文无关。" in fixed
    # read as plain text, the same file loses its link and its code
    plain = fix_text(text, engine, path="a.txt", unsafe=True).fixed
    assert "](https://example.com/guide)" not in plain


def test_a_fix_that_would_break_emphasis_is_refused(engine: Engine):
    # deleting the space after `**` would leave a closer CommonMark does not read as one
    text = "**记者：** 今年以来，全市新建公园十二个。\n"
    fixed = fix_text(text, engine, path="a.md").fixed
    assert _markup(fixed) == ["**", "**"]


def test_deleting_a_duplicate_paragraph_takes_its_link_along(engine: Engine):
    para = "详细的活动安排请参阅[通知](https://example.com/n)，欢迎读者踊跃参加本次活动。"
    text = f"# 通知\n\n{para}\n\n{para}\n\n活动结束后，图书馆将整理读者的意见和建议。\n"
    result = fix_text(text, engine, path="a.md")
    assert [f.rule for f in result.applied] == ["D101"]
    assert result.fixed.count(para) == 1 and damaged(text, result.fixed) == []


def test_the_oracle_counts_every_markup_span_a_deleted_line_takes_along():
    # a duplicate line holding the same inline HTML twice takes both copies with it (found by
    # the property test: the oracle had counted one per line and called the fix damage)
    line = '会议通过了<span class="a">决定</span>，会议通过了<span class="a">决定</span>。'
    text = f"{line}\n\n{line}\n"
    assert damaged(text, f"{line}\n") == []
    assert damaged(text, f"{line}\n\n{line.replace('</span>', '', 1)}\n") == ["markup lost or changed: '</span>'"]


def test_a_code_block_is_no_page_furniture_and_is_never_deleted(engine: Engine):
    # the repeated opening once read as the truncated copy of an article at the end of a page,
    # in a furniture block running over the code block, whose fix deleted the code: the code
    # block stops a block (G206), so the repeat is the duplicate paragraph it is
    line = "社区图书馆今年新增了两个阅览室，社区图书馆今年新增了两个阅览室。"
    code = '```python\nprint("a, b: c; d! e?")  # 2\nx = [1, 2]\n```'
    text = f"{line}\n\n{line}\n\n{code}\n\n社区图书馆今年新增了两个阅览室。\n\n"
    start = text.index(code)
    findings = engine.check_document(_doc(text)).findings
    assert not [f for f in findings if f.start <= start < start + len(code) <= f.end]
    assert [(f.rule, f.start) for f in findings if f.category.value == "duplicate"] == [("D101", len(line) + 2)]
    fixed = fix_text(text, engine, path="a.md", unsafe=True).fixed
    assert fixed.count(line) == 1 and code in fixed and damaged(text, fixed) == []


def test_edits_allowed_keeps_lines_of_markup_alone():
    text = "正文第一段。\n\n```\ncode\n```\n\n正文第二段。\n"
    doc = _doc(text)
    block = (text.index("```"), text.rindex("```") + 3)
    assert not edits_allowed(text, doc.markup, [(block[0], block[1] + 1, "")])
    link = "见[通知](https://example.com/n)。\n"
    doc = _doc(link)
    assert edits_allowed(link, doc.markup, [(0, len(link), "")])  # inline markup goes with its line


def test_cli_check_and_fix_markdown(tmp_path: Path):
    p = tmp_path / "a.md"
    text = "请参阅[文档](https://example.com/a,b),然后继续。\n"
    p.write_text(text, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["check", "--no-cache", "--format", "json", "--fail-on", "info", str(p)])
    assert out.exit_code == 1
    (finding,) = json.loads(out.output)["files"][0]["findings"]
    # the comma after the link, by the file's offsets
    assert (finding["rule"], finding["start"], finding["column"]) == ("T101", text.index("),") + 1, 33)
    assert runner.invoke(main, ["fix", str(p)]).exit_code == 0
    assert p.read_text(encoding="utf-8") == "请参阅[文档](https://example.com/a,b)，然后继续。\n"


def test_stdin_filename_gives_the_format(tmp_path: Path):
    text = "见 `a,b` 和[链接](http://x.org/a,b),完。\n"
    runner = CliRunner()
    out = runner.invoke(main, ["fix", "--stdin-filename", "x.md", "-"], input=text.encode())
    assert out.exit_code == 0
    assert out.stdout_bytes.decode() == "见 `a,b` 和[链接](http://x.org/a,b)，完。\n"
    out = runner.invoke(main, ["check", "--no-cache", "-q", "--stdin-filename", "notes/x.md", "-"], input=text.encode())
    assert out.output.startswith("notes/x.md:1:")


@pytest.mark.parametrize(
    "line",
    [
        "正文](/" + "a" * 200_000,  # a target that never closes
        "正文" + " " * 200_000 + "x}",  # a run of blanks before no attribute list
        "{#a" + " b" * 100_000 + "x",  # an attribute list that never closes
        "{" * 200_000,
        "( " * 100_000,
    ],
)
def test_loose_targets_and_attribute_lists_are_found_in_linear_time(line: str):
    """The patterns read a 200,000-character hostile line in one pass (a pattern that
    tried every split of a run took minutes)."""
    import time

    from zhcheck.formats.markdown import _ATTRIBUTES, _LOOSE_TARGET

    start = time.perf_counter()
    for pattern in (_LOOSE_TARGET, _ATTRIBUTES):
        assert [m.group() for m in pattern.finditer(line)] == []
    assert time.perf_counter() - start < 2.0


def test_only_a_few_words_opening_a_paragraph_after_its_image_are_a_caption(engine: Engine):
    """The words after an image that opens a paragraph are its caption when they are few and
    on the image's line; an image inside a wrapped paragraph opens no caption, and a body
    paragraph a converter glued to its image is still the duplicate rules' business."""
    wrapped = "这是第一行正文，\n![图](a.png) 图注文字在这里，\n第三行正文。\n"
    assert {p.kind for p in _doc(wrapped).paragraphs} == {Kind.BODY}
    two_images = "![图](a.png) 图注文字，并附另一幅![图](b.png)\n"
    assert _doc(two_images).paragraphs[0].kind is Kind.CAPTION
    body = (
        "据报道，今年以来全省交通运输系统扎实推进农村公路建设，全年新建改建农村公路四百余公里，"
        "完成危桥改造二十座，群众出行条件明显改善，沿线村民纷纷表示出行更方便了。"
    )
    text = f"![](http://img.example.cn/a.png){body}\n\n记者了解到相关情况。\n\n![](http://img.example.cn/a.png){body}\n"
    doc = _doc(text)
    assert [p.kind for p in doc.paragraphs] == [Kind.BODY] * 3
    assert [(f.rule, f.line) for f in engine.check_document(doc).findings if f.rule == "D101"] == [("D101", 5)]


@pytest.mark.parametrize(("unit", "regions"), [("`x`](/ )", 20_000), ("`x` http://a.cn ", 40_000), ("![a](x ", 0)])
def test_a_line_of_thousands_of_code_spans_targets_and_urls_is_read_in_linear_time(unit: str, regions: int):
    """Each loose target and bare URL asks whether it lies in markup: by bisection, not by a
    walk over every region (20,000 code spans and targets on one line took half a minute)."""
    import time

    from zhcheck.formats.markdown import parse

    start = time.perf_counter()
    layout = parse("正文" + unit * 20_000)
    assert time.perf_counter() - start < 5.0
    assert len(layout.markup) == regions  # (an image never closed is text)


def test_an_image_with_a_space_in_a_relative_target_is_markup():
    """`![` leaves no doubt: an image's target with a space is markup whatever it starts with
    (a link's needs a scheme or a path: `[说明](docs/a b.html)` may be words in brackets)."""
    text = "![图 1](images/图 1 (2).png)全年增长趋势\n\n见[说明](docs/a b.html)。\n"
    assert _markup(text) == ["![图 1](images/图 1 (2).png)"]
    assert _doc(text).paragraphs[0].kind is Kind.CAPTION
