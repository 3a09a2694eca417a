"""Markdown, HTML and Word files through the whole runner: worker processes and the result
cache give the same report as one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.checker.test_formats_docx import _make
from tests.checker.test_formats_html import PAGE
from zhcheck.app.cli import main

MARKDOWN = Path(__file__).parent.parent / "data" / "markdown"


def test_workers_and_cache_give_the_same_report(tmp_path: Path, monkeypatch):
    for p in MARKDOWN.glob("*.md"):
        shutil.copy(p, tmp_path / p.name)
    shared = "<p>新馆开放后的第一个周末，前来参观和借阅的读者超过两千人次，工作人员延长了开放时间，并增加了志愿者。</p>"
    (tmp_path / "page.html").write_text(PAGE.replace("</body>", shared + "</body>"), encoding="utf-8")
    (tmp_path / "page_copy.htm").write_text(PAGE.replace("</body>", "\n\n" + shared + "</body>"), encoding="utf-8")
    _make(tmp_path / "news.docx")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["check", "--format", "json", "--fail-on", "never", "."]
    one = runner.invoke(main, [*args, "--no-cache", "-j", "1"]).output
    two = runner.invoke(main, [*args, "--no-cache", "-j", "2"]).output
    cold = runner.invoke(main, [*args, "-j", "2"]).output
    warm = runner.invoke(main, [*args, "-j", "2"]).output
    assert one == two == cold == warm
    assert '"path": "./news.docx"' in one and '"path": "./page.html"' in one and '"path": "./code.md"' in one
    # the two pages share a paragraph: a cross-file duplicate, located in both HTML sources
    files = {f["path"]: f for f in json.loads(one)["files"]}
    (dup,) = [x for f in files.values() for x in f["findings"] if x["rule"] == "D301"]
    (rel,) = dup["related"]
    source = (tmp_path / rel["path"]).read_text(encoding="utf-8")
    assert source[rel["start"] : rel["end"]] == shared[3:-4]
    assert source.count("\n", 0, rel["start"]) + 1 == rel["line"]
