"""Word input: paragraphs are checked and located by paragraph number; `fix` writes the
fixes as tracked changes into a copy and never rewrites the original."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from zhcheck.app.cli import main
from zhcheck.engine import Engine
from zhcheck.formats import load
from zhcheck.formats.docx import W, diff_edits

DUP = "重复的段落内容在这里出现了两次，应当删除其中一次以免读者困惑。"


def _make(path: Path) -> bytes:
    d = docx.Document()
    d.add_heading("社区图书馆新馆开放", 1)
    d.add_paragraph("记者 王明 报道,新馆位于社区服务中心三楼,面积扩大了一倍。")
    p = d.add_paragraph("馆内新增")
    p.add_run("儿童阅览区,").bold = True
    p.add_run("可以容纳四十名小读者!")
    d.add_paragraph("")
    d.add_paragraph(DUP)
    d.add_paragraph(DUP)
    br = d.add_paragraph("第一行文字完整。")
    br.add_run().add_break()
    br.add_run("第二行,在同一段里。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "开放时间"
    table.cell(0, 1).text = "周一闭馆,周二开放"
    d.save(str(path))
    return path.read_bytes()


@pytest.fixture
def word(tmp_path: Path) -> Path:
    path = tmp_path / "news.docx"
    _make(path)
    return path


def test_paragraphs_are_lines(word: Path):
    doc = load(word.read_bytes(), str(word))
    assert doc.format == "docx"
    assert doc.text.split("\n")[:3] == [
        "社区图书馆新馆开放",
        "记者 王明 报道,新馆位于社区服务中心三楼,面积扩大了一倍。",
        "馆内新增儿童阅览区,可以容纳四十名小读者!",
    ]
    kinds = {p.text: p.block for p in doc.paragraphs}
    assert kinds["社区图书馆新馆开放"] == "heading" and kinds["开放时间"] == "table_cell"
    # the soft line break starts a line of text but not a paragraph
    second = doc.text.index("第二行")
    assert doc.position(second) == (7, len("第一行文字完整。") + 2)
    assert doc.position(doc.text.index("周一闭馆")) == (9, 1)


def test_findings_by_paragraph_in_every_format(word: Path):
    runner = CliRunner()
    out = runner.invoke(main, ["check", "--no-cache", "--format", "json", str(word)])
    findings = json.loads(out.output)["files"][0]["findings"]
    where = {(f["rule"], f["line"], f["column"]) for f in findings}
    assert {("T101", 2, 9), ("T101", 3, 10), ("D101", 6, 1), ("T101", 7, 13), ("T101", 9, 5)} <= where
    out = runner.invoke(main, ["check", "--no-cache", "-q", str(word)])
    assert f"{word}:6:1: D101" in out.output
    out = runner.invoke(main, ["check", "--no-cache", "--format", "github", str(word)])
    assert "line=6,col=1" in out.output
    from zhcheck.report.html import to_data

    file = to_data(Engine().run([str(word)]))["files"][0]
    assert file["unit"] == "段" and file["text"].startswith("社区图书馆新馆开放\n")
    assert len(file["lines"]) == 9  # paragraph starts: one paragraph holds a line break


def test_fix_writes_tracked_changes_to_a_copy(word: Path):
    original = word.read_bytes()
    out = CliRunner().invoke(main, ["fix", str(word)])
    assert out.exit_code == 0, out.output
    copy = word.with_name("news.zhcheck.docx")
    assert "tracked changes" in out.output and copy.exists()
    assert word.read_bytes() == original  # never rewritten
    body = docx.Document(str(copy)).element.body
    ins = ["".join(t.text for t in el.iter(f"{{{W}}}t")) for el in body.iter(f"{{{W}}}ins")]
    dels = ["".join(t.text for t in el.iter(f"{{{W}}}delText")) for el in body.iter(f"{{{W}}}del")]
    assert ins.count("，") >= 4 and "！" in ins
    assert dels.count(",") >= 4 and "!" in dels and " " in dels
    assert DUP in "".join(dels)  # the duplicate paragraph, deleted whole
    deleted_marks = [p for p in body.iter(f"{{{W}}}p") if p.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is not None]
    assert len(deleted_marks) == 1
    # formatting is kept: the comma in the bold run is replaced by a bold comma
    bold_ins = [el for el in body.iter(f"{{{W}}}ins") if el.find(f".//{{{W}}}b") is not None]
    assert ["".join(t.text for t in el.iter(f"{{{W}}}t")) for el in bold_ins] == ["，"]
    # read back (as Word shows it with the changes accepted) the copy has nothing left to fix
    fixed = load(copy.read_bytes(), str(copy))
    assert DUP in fixed.text and fixed.text.count(DUP) == 1
    assert "新馆位于社区服务中心三楼，面积扩大了一倍。" in fixed.text
    assert [f.rule for f in Engine().check_document(fixed).findings if f.fix] == []


def test_fix_output_option_and_stdin(word: Path, tmp_path: Path):
    target = tmp_path / "out" / "reviewed.docx"
    target.parent.mkdir()
    runner = CliRunner()
    assert runner.invoke(main, ["fix", "-o", str(target), str(word)]).exit_code == 0
    assert target.exists() and not word.with_name("news.zhcheck.docx").exists()
    out = runner.invoke(main, ["fix", "--stdin-filename", "x.docx", "-"], input=word.read_bytes())
    assert out.exit_code == 0
    assert b"w:ins" in _document_xml(out.stdout_bytes)
    diff = runner.invoke(main, ["fix", "--diff", str(word)])
    assert diff.exit_code == 1 and "+新馆位于" not in diff.output and "，面积扩大了一倍" in diff.output


def _document_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_not_a_word_document_is_one_line_and_exit_2(tmp_path: Path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    out = CliRunner().invoke(main, ["check", "--no-cache", str(bad)])
    assert out.exit_code == 2
    assert "not a Word document" in out.output and "Traceback" not in out.output


def test_diff_edits_character_level_and_whole_paragraphs():
    before = "第一段,好。\n第二段。\n第二段。\n第三段"
    after = "第一段，好。\n第二段。\n第三段"
    edits = diff_edits(before, after)
    assert edits[0] == (3, 4, "，") and len(edits) == 2
    start, end, replacement = edits[1]
    assert before[start:end] == "\n第二段。" and replacement == ""  # one copy, deleted whole with its break
    with pytest.raises(Exception, match="paragraphs"):
        diff_edits("一段。", "一段。\n新的一段。")
