"""Decisions files (exported by the HTML report): `fix --decisions` applies exactly the
accepted fixes, `check --baseline` silences the rejected findings.

The files here are written as the report's script writes them (from the report's own
data); test_html_browser.py downloads one from the page itself."""

from __future__ import annotations

import json
import os

import pytest

from zhcheck.app.cli import main
from zhcheck.app.decisions import choose_fixes
from zhcheck.engine import Engine
from zhcheck.finding import Edit
from zhcheck.report.html import to_data

ARTICLE = "他说,今天的会议:很重要!\n\n首页 > 新闻 > 正文\n\n她说:明天继续。\n"


def decisions_for(paths: list[str], choose) -> dict:
    """A decisions file for the report over `paths`: `choose(finding) -> "accept" | "reject" | None`."""
    data = to_data(Engine(None).run(paths))
    rows, used = [], []
    for f in data["files"]:
        picked = []
        for x in f["findings"]:
            d = choose(x)
            if d:
                row = {"path": f["path"], "rule": x["rule"], "fingerprint": x["fp"], "decision": d, "start": x["s"]}
                row |= {"end": x["e"], "text": f["text"][x["s"] : x["e"]]}
                if d == "accept" and x.get("fix"):
                    row["edits"] = x["fix"]["edits"]
                picked.append(row)
        if picked:
            used.append({"path": f["path"], "sha1": f["sha1"]})
            rows += picked
    return {"version": 1, "tool": "zhcheck", "kind": "decisions", "report": data["report"], "base": data["base"]} | {
        "files": used,
        "decisions": rows,
    }


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path / "a.txt"


def _write(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_fix_applies_exactly_the_accepted_fixes(runner, article, tmp_path) -> None:
    # accept the first two marks and the debris line; leave the last mark alone
    accept = {(1, 3), (1, 9), (3, 1)}
    data = decisions_for(["a.txt"], lambda x: "accept" if (x["line"], x["col"]) in accept else None)
    assert [d["rule"] for d in data["decisions"]] == ["T101", "T101", "G202"]
    path = _write(tmp_path / "decisions.json", data)
    res = runner.invoke(main, ["fix", "--decisions", path, "--diff"])
    assert res.exit_code == 1 and "+他说，今天的会议：很重要!" in res.stdout
    assert article.read_text(encoding="utf-8") == ARTICLE, "--diff writes nothing"
    res = runner.invoke(main, ["fix", "--decisions", path])
    assert res.exit_code == 0 and "applied 3 accepted fixes in 1 file" in res.stderr
    assert article.read_text(encoding="utf-8") == "他说，今天的会议：很重要!\n\n\n她说:明天继续。\n"
    # run again: the file is no longer the reviewed text, and its accepted findings are gone
    res = runner.invoke(main, ["fix", "--decisions", path])
    assert "changed since the review" in res.stderr and "3 accepted fixes not applied" in res.stderr
    assert article.read_text(encoding="utf-8") == "他说，今天的会议：很重要!\n\n\n她说:明天继续。\n"


def test_a_file_edited_since_the_review_gets_its_fixes_found_again(runner, article, tmp_path) -> None:
    data = decisions_for(["a.txt"], lambda x: "accept" if x["line"] == 5 else None)
    path = _write(tmp_path / "decisions.json", data)
    article.write_text("新加的导语。\n\n" + ARTICLE, encoding="utf-8")  # every offset moves
    res = runner.invoke(main, ["fix", "--decisions", path])
    assert res.exit_code == 0 and "changed since the review" in res.stderr
    assert article.read_text(encoding="utf-8") == "新加的导语。\n\n" + ARTICLE.replace("她说:", "她说：")


def test_rejected_findings_stay_silent_as_a_baseline(runner, article, tmp_path) -> None:
    data = decisions_for(["a.txt"], lambda x: "reject" if x["rule"] == "G202" or x["col"] == 3 else "accept")
    path = _write(tmp_path / "decisions.json", data)
    res = runner.invoke(main, ["check", "--format", "json", "--typography", "full", "--baseline", path, "a.txt"])
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(res.stdout)["files"][0]["findings"]]
    assert found == [("T101", 1, 9), ("T101", 1, 13)], "rejected: the debris and both marks at column 3"
    assert res.exit_code == 0


def test_paths_resolve_against_the_directory_the_review_ran_in(runner, article, tmp_path, monkeypatch) -> None:
    data = decisions_for(["a.txt"], lambda x: "accept")
    path = _write(tmp_path / "decisions.json", data)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    res = runner.invoke(main, ["fix", "--decisions", path])
    assert res.exit_code == 0, res.output
    assert article.read_text(encoding="utf-8") == "他说，今天的会议：很重要！\n\n\n她说：明天继续。\n"
    # a recorded base that does not exist on this machine: paths are taken from the working directory
    data["base"] = "/nonexistent/review"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _write(tmp_path / "decisions.json", data)
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["fix", "--decisions", path]).exit_code == 0
    assert article.read_text(encoding="utf-8").startswith("他说，")


def test_only_the_named_paths_are_fixed(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    path = _write(tmp_path / "d.json", decisions_for(["a.txt", "b.txt"], lambda x: "accept"))
    assert runner.invoke(main, ["fix", "--decisions", path, "b.txt"]).exit_code == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ARTICLE
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") != ARTICLE
    assert runner.invoke(main, ["fix", "--decisions", path, "."]).exit_code == 0, "a directory holds both"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") != ARTICLE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops", "not a zhcheck decisions file (invalid JSON"),
        ('{"kind": "decisions", "version": 7}', "decisions format version 7"),
        ('{"kind": "decisions", "version": 1, "base": "rel"}', 'no absolute "base"'),
        (
            '{"kind": "decisions", "version": 1, "base": "/x", "decisions": [{"path": "a.txt", "rule": "T101", '
            '"fingerprint": "f", "decision": "accept", "edits": [[5, 2, "x"]]}]}',
            "a malformed edits",
        ),
        ('{"kind": "baseline"}', 'no "kind": "decisions"'),
    ],
)
def test_a_bad_decisions_file_is_one_line(runner, article, tmp_path, content, message) -> None:
    (tmp_path / "d.json").write_text(content, encoding="utf-8")
    res = runner.invoke(main, ["fix", "--decisions", str(tmp_path / "d.json")])
    assert res.exit_code == 2 and message in res.stderr and "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1


def test_decisions_refuse_other_selections_and_stdin(runner, article, tmp_path) -> None:
    path = _write(tmp_path / "d.json", decisions_for(["a.txt"], lambda x: "accept"))
    assert runner.invoke(main, ["fix", "--decisions", path, "--unsafe"]).exit_code == 2
    res = runner.invoke(main, ["fix", "--decisions", path, "-"], input="他说,好。")
    assert res.exit_code == 2 and "standard input" in res.stderr


def test_choose_fixes_takes_position_then_rule_and_skips_collisions() -> None:
    fixes = [
        ("T101", 4, 5, (Edit(4, 5, "，"),)),
        ("L101", 5, 6, (Edit(5, 6, ""),)),  # touches nothing taken before it
        ("D101", 0, 9, (Edit(0, 9, ""),)),  # first by position: taken, so the others collide
        ("T102", 2, 2, (Edit(2, 2, " "),)),
        ("G101", 8, 8, ()),  # no edits: never taken
    ]
    assert choose_fixes(fixes) == [2]
    assert choose_fixes(fixes[:2] + fixes[3:]) == [2, 0, 1]
    assert choose_fixes([("A101", 0, 1, (Edit(0, 2, "x"), Edit(1, 3, "y")))]) == [], "incoherent: overlaps itself"


def test_the_report_data_carries_what_decisions_need(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    data = to_data(Engine(None).run(["a.txt"]))
    (f,) = data["files"]
    assert data["base"] == os.getcwd() and len(data["report"]) == 16
    assert len(f["sha1"]) == 40 and all(len(x["fp"]) == 20 for x in f["findings"])
    assert len({x["fp"] for x in f["findings"]}) == len(f["findings"])


def test_a_word_document_gets_the_accepted_fixes_as_tracked_changes(runner, tmp_path, monkeypatch) -> None:
    """The report shows a .docx as its paragraphs; `fix --decisions` never rewrites it but writes
    the accepted fixes, as Word tracked changes, into NAME.zhcheck.docx (as `zhcheck fix` does)."""
    docx = pytest.importorskip("docx")
    from zhcheck.formats import load
    from zhcheck.formats.docx import W

    monkeypatch.chdir(tmp_path)
    d = docx.Document()
    d.add_paragraph("记者 王明 报道,新馆位于社区服务中心三楼,面积扩大了一倍。")
    d.add_paragraph("馆内新增儿童阅览区,可以容纳四十名小读者!")
    d.save("news.docx")
    original = (tmp_path / "news.docx").read_bytes()
    # accept the findings of the first paragraph only (its commas and the spaces in the byline)
    path = _write(tmp_path / "d.json", decisions_for(["news.docx"], lambda x: "accept" if x["line"] == 1 else None))
    res = runner.invoke(main, ["fix", "--decisions", path])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "news.docx").read_bytes() == original
    body = docx.Document("news.zhcheck.docx").element.body
    assert ["".join(t.text for t in el.iter(f"{{{W}}}t")) for el in body.iter(f"{{{W}}}ins")] == ["，", "，"]
    fixed = load((tmp_path / "news.zhcheck.docx").read_bytes(), "news.zhcheck.docx").text
    assert fixed == "记者王明报道，新馆位于社区服务中心三楼，面积扩大了一倍。\n馆内新增儿童阅览区,可以容纳四十名小读者!"


def test_an_html_page_is_refused(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text("<html><body><p>他说,好。</p></body></html>", encoding="utf-8")
    path = _write(tmp_path / "d.json", decisions_for(["page.html"], lambda x: "accept"))
    res = runner.invoke(main, ["fix", "--decisions", path])
    assert res.exit_code == 2 and "HTML is checked only" in res.stderr
