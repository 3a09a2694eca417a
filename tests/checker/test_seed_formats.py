"""The sample articles as Markdown, HTML and Word give the plain text's findings, at the
same places (tools/seed_formats.py builds the documents and compares)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from zhcheck.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def _tool():
    spec = importlib.util.spec_from_file_location("seed_formats", ROOT / "tools" / "seed_formats.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _tool()


@pytest.fixture(scope="module")
def engine():
    return Engine()


def test_seeds_as_markdown_give_the_same_findings(tmp_path: Path, tool):
    totals = tool.compare(str(ROOT / "corpus" / "seeds"), str(tmp_path))
    assert totals["plain"] > 400
    # the seeds have no markup that a finding touches: every finding is the same, none is new
    assert totals["markdown"] == totals["same"] == totals["plain"]
    assert totals["only_markdown"] == 0
    assert totals["html_same"] == totals["html_seed"] == totals["html_page"]
    assert totals["docx_same"] == totals["docx_seed"] == totals["docx_docx"]


def test_markdown_conversion_maps_back_to_the_plain_text(tool):
    text = "标题一行\n第一段。\n\n第二段。\n"
    md, starts = tool.to_markdown(text)
    assert md == "# 标题一行\n\n第一段。\n\n第二段。\n"
    assert tool._to_plain(md.index("第二段"), starts) == text.index("第二段")


@pytest.mark.parametrize("seed", SEEDS[:1], ids=lambda p: p.name)
def test_html_page_from_a_seed_has_the_seed_lines(seed: Path, tool, engine):
    text = seed.read_text(encoding="utf-8")
    page = tool.to_html(text)
    from zhcheck.formats import from_text

    doc = from_text(page, "seed.html", "html")
    assert doc.text.rstrip("\n") == text.rstrip("\n")
    plain = engine.check_document(from_text(text, "seed.txt")).findings
    found = engine.check_document(doc).findings
    assert [(f.rule, f.line) for f in found] == [(f.rule, f.line) for f in plain]
    for f, g in zip(found, plain, strict=True):
        assert doc.source_text[f.start : f.end].replace("&amp;", "&").endswith(g.text[-1:])
