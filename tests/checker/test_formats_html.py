"""HTML input: the page's visible text is checked, locations are the HTML file's, and
`fix` refuses HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from zhcheck.app.cli import main
from zhcheck.engine import Engine
from zhcheck.formats import from_text
from zhcheck.formats.html import parse

PAGE = """<!DOCTYPE html>
<html><head><title>新闻标题</title><style>p{color:red}</style>
<script>var a = "x,y; z!";</script></head>
<body>
<nav><a href="/">首页</a> &gt; <a href="/news">新闻</a> &gt; 正文</nav>
<h1>社区图书馆新馆开放</h1>
<p>记者&nbsp;王明 报道,新馆位于社区服务中心
三楼,面积比原来扩大了一倍。</p>
<p hidden>隐藏的文字,不应检查</p>
<!-- zhcheck-disable-next-line T101 -->
<p>这一段,不报告。</p>
<table><tr><td>开放时间</td><td><code>9:00,17:00</code></td></tr></table>
<div class="footer">版权所有 &copy; 2024 社区报社<br>地址：人民路1号</div>
</body></html>
"""


def test_visible_text_blocks_and_entities():
    text, layout = parse(PAGE)
    assert text == (
        "首页 > 新闻 > 正文\n社区图书馆新馆开放\n记者\u00a0王明 报道,新馆位于社区服务中心三楼,面积比原来扩大了一倍。\n"
        "这一段,不报告。\n开放时间\n9:00,17:00\n版权所有 © 2024 社区报社\n地址：人民路1号\n"
    )
    kinds = [(text[b.start : b.end], b.kind) for b in layout.blocks]
    assert ("社区图书馆新馆开放", "heading") in kinds and ("开放时间", "table_cell") in kinds
    assert [text[a:b] for a, b in layout.markup] == ["9:00,17:00"]  # code is shown, never checked


def test_offsets_map_back_to_the_source():
    text, layout = parse(PAGE)
    for c, ch in enumerate(text):
        s = layout.source.start(c)
        if ch == "\n":
            continue
        if ch in "\u00a0>©":
            assert PAGE[s] == "&"  # an entity
        elif PAGE[s : s + 1] != ch:
            # the line break between two Chinese characters disappeared; the rest maps 1:1
            assert ch == "三" and PAGE[s - 1] == "\n"
        # a line break inside a paragraph between two Chinese characters is dropped
    assert "\n三楼" in PAGE and "中心三楼" in text


def test_findings_are_located_in_the_html_file():
    findings = Engine().check_document(from_text(PAGE, "page.html", "html")).findings
    by_rule = {(f.rule, f.line, f.column, f.text) for f in findings}
    lines = PAGE.split("\n")
    # the half-width commas of line 7 and of line 8 (the same paragraph), each on its mark in the source
    commas = [f for f in findings if f.rule == "T101" and f.line in (7, 8)]
    assert {f.line for f in commas} == {7, 8}
    assert all(lines[f.line - 1][f.column - 1] == "," == f.text and f.end_line == f.line for f in commas)
    assert ("G202", 5, 18, PAGE.split("\n")[4][17:-6]) in by_rule  # the breadcrumb, page furniture
    assert not any(f.line == 11 for f in findings)  # silenced by the comment
    assert not any(f.line in (2, 3, 9) for f in findings)  # head, script, hidden
    assert not any(f.rule == "T101" and f.line == 12 and f.column > 30 for f in findings)  # code
    assert all(PAGE[f.start : f.end] == f.text for f in findings)


def test_directory_walk_picks_up_html_and_fix_refuses_it(tmp_path: Path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "old.htm").write_text("<p>旧页面,内容。</p>", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["check", "--no-cache", "-q", str(tmp_path)])
    assert "page.html:7:" in out.output and "old.htm:1:" in out.output
    out = runner.invoke(main, ["fix", str(tmp_path / "page.html")])
    assert out.exit_code == 2
    assert "HTML is checked only" in out.output and out.output.count("\n") == 2  # the error and the summary
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == PAGE
    out = runner.invoke(main, ["fix", str(tmp_path)])  # a walk passes over pages quietly
    assert out.exit_code == 0 and (tmp_path / "page.html").read_text(encoding="utf-8") == PAGE


def test_html_report_shows_the_page_source(tmp_path: Path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(p)])
    import json

    data = json.loads(out.output)
    assert all(PAGE[f["start"] : f["end"]] == f["text"] for f in data["files"][0]["findings"])


def test_a_head_without_its_end_tag_ends_at_the_body():
    text, _ = parse("<html><head><title>标题</title><body><p>正文,内容。</p></body>")
    assert text == "正文,内容。\n"


def test_an_icon_fonts_glyph_is_left_out_mojibake_in_prose_is_not():
    """A private-use character alone in its element is an icon font's glyph (a menu button):
    left out of the text like hidden content, so a line of icons makes no paragraph (G206
    would take one for the author's markup); one inside a sentence is mojibake, which G101
    still reports."""
    page = (
        '<html><body><div class="nav"><span class="iconfont">\ue62c</span><i class="icon">&#xe646;</i></div>'
        "<p>新馆位于社区服务中心三楼，面积比原来扩大了一倍。</p><p>开馆当天\ue003读者络绎不绝。</p></body></html>"
    )
    doc = from_text(page, "a.html", "html")
    assert "\ue62c" not in doc.text and "\ue646" not in doc.text
    assert doc.paragraphs[0].text == "新馆位于社区服务中心三楼，面积比原来扩大了一倍。"
    found = Engine({"select": ["G101"]}).check_document(doc).findings
    assert [(f.rule, f.text) for f in found] == [("G101", "\ue003")]


@pytest.mark.parametrize(
    "paragraph",
    [
        "开馆当天&#xe003;读者络绎不绝。",  # a character reference between words
        "开馆当天 \ue003 读者络绎不绝。",  # blanks on both sides: still inside the sentence
        "".join(chr(0xE000 + 7 * k) for k in range(12)),  # a line of them
    ],
)
def test_private_use_characters_in_prose_are_mojibake_not_an_icon(paragraph: str):
    """Only a glyph or two that is the whole text of its element is an icon font's."""
    page = f"<html><body><p>新馆位于社区服务中心三楼。</p><p>{paragraph}</p></body></html>"
    doc = from_text(page, "a.html", "html")
    assert [doc.text[a:b] for a, b in doc.markup] == []
    found = Engine({"select": ["G101"]}).check_document(doc).findings
    assert [f.rule for f in found] == ["G101"]
