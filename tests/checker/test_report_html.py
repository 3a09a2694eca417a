"""The HTML report as a file: self-contained, article text escaped, data complete.
(What it does in a browser is tested in test_html_browser.py.)"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CLEAN, ROOT, SEEDS
from zhcheck.app.cli import main
from zhcheck.engine import Engine
from zhcheck.registry import load_rules
from zhcheck.report import ReportOptions
from zhcheck.report.html import render, script_json
from zhcheck.report.json_report import render as render_json

HOSTILE = (
    '标题</script><script>alert(1)</script>\n\n<img src=x onerror="alert(2)">正文,继续。<!-- 注释 -->\u2028&amp;\n'
)


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="zhcheck-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def test_article_markup_cannot_escape_the_data_island(tmp_path) -> None:
    (tmp_path / "x.txt").write_text(HOSTILE, encoding="utf-8")
    page = render(Engine({"select": ["T101"]}).run([str(tmp_path / "x.txt")]), ReportOptions())
    assert "alert(" not in page.replace("\\u003c", "").split('id="zhcheck-data">', 1)[0]
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "<img" not in page and "<!-- 注释" not in page
    data = _data(page)
    assert data["files"][0]["text"] == HOSTILE
    (f,) = data["files"][0]["findings"]
    assert "," in HOSTILE[f["s"] : f["e"]] and f["rule"] == "T101"


def test_script_json_escapes_what_could_end_a_script() -> None:
    text = script_json({"t": "</script><!--\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!--\u2028&"}


def test_self_contained_no_network(runner, tmp_path) -> None:
    out = tmp_path / "r.html"
    res = runner.invoke(main, ["check", "--no-cache", "--format", "html", "-o", str(out), str(SEEDS)])
    assert res.exit_code == 1 and res.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    code = page.split('id="zhcheck-data">', 1)[0] + page.rsplit("</script>", 2)[-2]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(|fetch\(|XMLHttpRequest""", code)
    assert [u for u in re.findall(r"https?://[^\s\"'<>)]+", code) if "w3.org/2000/svg" not in u] == []
    data = _data(page)
    assert [f["path"] for f in data["files"]] == [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    t101 = data["rules"]["T101"]
    assert t101["category"] == "typography" and t101["name"] == "halfwidth-punctuation"
    f = data["files"][0]["findings"][0]
    assert {"rule", "severity", "s", "e", "line", "col", "msg", "sug"} <= set(f) and f["fix"]["edits"]


def test_a_thousand_files_render_quickly_and_lazily(tmp_path) -> None:
    d = tmp_path / "many"
    d.mkdir()
    clean = sorted(CLEAN.glob("*.txt"))
    for i in range(1000):
        shutil.copy(clean[i % len(clean)], d / f"{i:04d}.txt")
    result = Engine({"select": ["T101"]}).run([str(d)])
    page = render(result, ReportOptions())
    data = _data(page)
    assert len(data["files"]) == 1000
    # no document is rendered into the markup: the body holds empty containers only
    body = page.split('id="zhcheck-data">', 1)[0]
    assert '<article id="doc" lang="zh-CN"></article>' in body and "<tbody></tbody>" in body


def _fix_descriptions(family: Path) -> set[str]:
    """The fix descriptions written in one family package: Fix(edits, applicability, "…") and
    the descriptions handed to the helpers that build a Fix (the duplicate family's `what`)."""
    found: set[str] = set()
    passed_on = set()
    for path in sorted(family.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "Fix":
                desc = node.args[2] if len(node.args) > 2 else None
                desc = next((k.value for k in node.keywords if k.arg == "description"), desc)
                if desc is None:
                    continue
                strings = [n.value for n in ast.walk(desc) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                if strings:
                    found.update(strings)
                else:
                    passed_on.add(f"{family.name}:{ast.unparse(desc)}")
            elif node.func.id == "_delete_paragraphs":
                found.add(node.args[-1].value)
    assert passed_on <= {"duplicate:what", "duplicate:fix.description"}, "a new way to pass a description"
    return found


@pytest.mark.parametrize("family", ["duplicate", "garbled", "ocr", "layout", "typography"])
def test_every_fix_description_has_a_chinese_label_declared_with_its_rule(family: str) -> None:
    descriptions = _fix_descriptions(ROOT / "rules" / family)
    rules = [r for r in load_rules().values() if r.module.startswith(f"zhcheck.rules.{family}")]
    labels = {d: label for r in rules for d, label in r.fix_labels.items()}
    assert descriptions and sorted(descriptions - set(labels)) == []
    assert sorted(set(labels) - descriptions) == [], "labels of descriptions no rule uses"
    assert all(re.search("[\u4e00-\u9fff]", label) for label in labels.values())


def test_fix_labels_are_chinese_in_html_and_unchanged_in_json(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("报告中提到,经济增长5.5%左右。\n", encoding="utf-8")
    result = Engine({"select": ["T101"]}).run([str(tmp_path / "a.txt")])
    (f,) = _data(render(result, ReportOptions()))["files"][0]["findings"]
    assert f["fix"]["desc"] == "半角标点改为全角"
    (j,) = json.loads(render_json(result, ReportOptions()))["files"][0]["findings"]
    assert j["fix"]["description"] == "convert half-width punctuation to full-width"


def test_rule_titles_are_chinese_in_html_and_absent_from_json(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("报告中提到,经济增长5.5%左右。\n", encoding="utf-8")
    result = Engine({"select": ["T101"]}).run([str(tmp_path / "a.txt")])
    page = render(result, ReportOptions())
    assert _data(page)["rules"]["T101"]["title"] == "中文中使用半角标点"
    assert _data(page)["rules"]["D101"]["title"] == "重复段落"
    assert "Half-width , : ; ! ? ( ) . in Chinese text" not in page
    assert "中文中使用半角标点" not in render_json(result, ReportOptions())


def test_a_plugin_rule_without_a_chinese_title_falls_back_to_its_summary(tmp_path, monkeypatch) -> None:
    from zhcheck import registry
    from zhcheck.finding import Category, Severity
    from zhcheck.registry import Hit, Rule

    def first(doc, ctx):
        yield Hit(0, 1, "测试")

    rule = Rule("G998", "test-plugin", Category.GARBLED, Severity.INFO, "Plugin summary", "d", "a", "b", check=first)
    monkeypatch.setitem(registry._REGISTRY, "G998", rule)
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    page = render(Engine({"select": ["G998"]}).run([str(tmp_path / "a.txt")]), ReportOptions())
    assert _data(page)["rules"]["G998"]["title"] == "Plugin summary"
