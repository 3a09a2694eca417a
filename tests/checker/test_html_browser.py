"""The HTML report in a real browser (headless Chromium over the DevTools pipe):
it loads without console errors, every highlight covers exactly its finding's
text, overlapping findings render, markup in an article stays text, links reach
the first copy, and the filters and keys work.

Chromium comes from Debian (`apt-get install chromium`); when it is missing and
this runs as root the fixture installs it; the tests skip only when that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable

import pytest

from tests.cdp import Browser, find_chromium
from tests.conftest import ROOT
from tests.fake_rules import corpus_rule  # noqa: F401 - a fixture
from zhcheck import registry
from zhcheck.app.cli import main
from zhcheck.finding import Category, Edit, Fix, Severity
from zhcheck.registry import Hit, Rule

HOSTILE = (
    "关于<script>window.pwned = 1;</script>的说明,见下文。\n\n"
    '<img src=x onerror="window.pwned = 2">图片说明\x07。\n\n'
    "第三段&amp;结束。\n\n"
    "这是一个被硬换行\n断开的句子。\n"
)


def layout(doc, ctx) -> Iterable[Hit]:
    """Test rule: a hard wrap to join (a deleted line break) and a line to delete."""
    i = doc.text.find("硬换行\n")
    if i >= 0:
        nl = i + 3
        yield Hit(nl, nl + 1, "测试：段落被硬换行断开。", fix=Fix((Edit(nl, nl + 1, ""),), description="接排"))
    j = doc.text.find("第三段")
    if j >= 0:
        end = doc.text.index("\n", j) + 1
        yield Hit(j, end, "测试：多余的一行。", suggestion="", fix=Fix((Edit(j, end, ""),), description="删除"))


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None and os.geteuid() == 0 and shutil.which("apt-get") and not os.environ.get("ZHCHECK_NO_APT"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=300)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=600)
        path = find_chromium()
    if path is None:
        pytest.skip("chromium is not installed and cannot be installed here")
    return path


def overlapping(doc, ctx) -> Iterable[Hit]:
    """Test rule: around 见下文, an outer span, a span nested in it and one that overlaps its end."""
    i = doc.text.find("见下文")
    if i >= 0:
        yield Hit(i - 2, i + 3, "测试：外层。", suggestion="甲")
        yield Hit(i, i + 1, "测试：内层。", suggestion="乙")
        yield Hit(i + 1, i + 4, "测试：跨越外层末尾。", suggestion="")


@pytest.fixture(scope="module")
def report(tmp_path_factory, chromium) -> str:
    """An HTML report over corpus/ plus articles with markup, overlaps and a cross-file copy."""
    tmp = tmp_path_factory.mktemp("html")
    extra = tmp / "extra"
    extra.mkdir()
    (extra / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "seeds" / "001_28e5f8ebddb19075.txt", extra / "copy-of-001.txt")
    mp = pytest.MonkeyPatch()
    mp.setitem(
        registry._REGISTRY,
        "O999",
        Rule("O999", "test-overlap", Category.OCR, Severity.ERROR, "test", "test", "a", "b", check=overlapping),
    )
    mp.setitem(
        registry._REGISTRY,
        "L999",
        Rule("L999", "test-layout", Category.LAYOUT, Severity.WARNING, "test", "test", "a", "b", check=layout),
    )
    out = tmp / "report.html"
    from click.testing import CliRunner

    from tests.fake_rules import FirstLines

    mp.setitem(
        registry._REGISTRY,
        "D999",
        Rule("D999", "test-first-line", Category.DUPLICATE, Severity.WARNING, "t", "t", "a", "b", corpus=FirstLines),
    )
    res = CliRunner().invoke(
        main,
        [
            "check",
            "--no-cache",
            "--extend-select",
            "O999,D999",
            "--format",
            "html",
            "-o",
            str(out),
            str(ROOT / "corpus"),
            str(extra),
        ],
    )
    mp.undo()
    assert res.exit_code == 1, res.output
    return out.as_uri()


@pytest.fixture(scope="module")
def browser(chromium):
    with Browser(chromium) as b:
        yield b


def _open(browser, report, path_part: str) -> int:
    browser.load(report)
    fi = browser.evaluate(f"zhcheckReport.files.findIndex(f => f.path.endsWith({path_part!r}))")
    assert fi >= 0
    browser.load(f"{report}#file={fi}")
    browser.wait_for(f"zhcheckReport.state.file === {fi}")
    return fi


HIGHLIGHTS = """(() => {
  const R = zhcheckReport, f = R.files[R.state.file], text = f.text, bad = [];
  let checked = 0;
  for (const x of f.findings) {
    const els = [...document.querySelectorAll('#doc [data-f~="' + x.id + '"]')];
    const got = els.filter(e => e.tagName === 'MARK').map(e => e.textContent).join('');
    const want = text.slice(x.s, x.e).replace(/\\r?\\n/g, '').replace(/\\r/g, '');
    const first = els.length ? +els[0].getAttribute('data-s') : -1;
    if (got !== want || (x.e > x.s && first !== x.s) || !els.length) bad.push([x.rule, x.s, got, want, first]);
    checked++;
  }
  return {checked, bad: bad.slice(0, 5)};
})()"""


def test_loads_without_console_errors(browser, report) -> None:
    browser.load(report)
    assert browser.evaluate("window.zhcheckReport && window.zhcheckReport.ready") is True
    n_files = browser.evaluate("zhcheckReport.files.length")
    assert n_files > 400
    assert browser.evaluate("document.querySelectorAll('#files tbody tr').length") == n_files
    assert browser.evaluate("document.querySelectorAll('#chart svg rect').length") == 5
    assert browser.errors() == []


def test_highlights_cover_exactly_their_text(browser, report) -> None:
    checked = 0
    for name in ("000_f6cb8ddde45fba85.txt", "002_fa673bd64aa01c91.txt", "hostile.txt", "copy-of-001.txt"):
        _open(browser, report, name)
        res = browser.evaluate(HIGHLIGHTS)
        assert res["bad"] == [], name
        checked += res["checked"]
    assert checked > 150
    assert browser.errors() == []


def test_overlapping_findings_all_render(browser, report) -> None:
    _open(browser, report, "hostile.txt")
    pieces = browser.evaluate(
        """[...document.querySelectorAll('#doc mark[data-f]')].map(m => [m.textContent,
             m.getAttribute('data-f').split(' ').map(i => zhcheckReport.findings[+i].msg).sort()])
           .filter(p => p[1].some(m => m.startsWith('测试')))"""
    )
    outer, inner, tail = "测试：外层。", "测试：内层。", "测试：跨越外层末尾。"
    ours = (outer, inner, tail)
    got = {ch: sorted(m for m in msgs if m in ours) for text, msgs in pieces for ch in text if set(msgs) & set(ours)}
    assert got == {
        "明": [outer],
        ",": [outer],
        "见": sorted([inner, outer]),
        "下": sorted([tail, outer]),
        "文": sorted([tail, outer]),
        "。": [tail],
    }
    # the innermost finding gives the colour; the others show as stacked underlines
    shadows = browser.evaluate(
        "[...document.querySelectorAll('#doc mark[data-f]')].find(m => m.textContent === '见').style.boxShadow"
    )
    assert shadows.count("inset") == 2


def test_markup_in_an_article_stays_text(browser, report) -> None:
    _open(browser, report, "hostile.txt")
    assert browser.evaluate("window.pwned === undefined")
    assert browser.evaluate("document.querySelectorAll('#doc script, #doc img').length") == 0
    line1 = browser.evaluate("document.querySelector('#doc .ln[data-line=\"1\"] .tx').textContent")
    assert line1.startswith("关于<script>window.pwned = 1;</script>的说明")
    assert "<img src=x onerror=" in browser.evaluate("document.getElementById('doc').textContent")
    assert browser.errors() == []


def test_click_shows_details_and_duplicate_links_to_first_copy(browser, report) -> None:
    _open(browser, report, "copy-of-001.txt")
    fid = browser.evaluate(
        "zhcheckReport.findings.find(x => x.rule === 'D999' && x.file === zhcheckReport.state.file).id"
    )
    click = "new MouseEvent('click', {bubbles: true})"
    browser.evaluate(f"document.querySelector('#doc mark[data-f~=\"{fid}\"]').dispatchEvent({click})")
    detail = browser.evaluate("document.getElementById('detail').textContent")
    assert "D999" in detail and "test-first-line" in detail and "首次出现" in detail
    browser.evaluate("document.querySelector('#detail a.goto').click()")
    assert browser.evaluate("zhcheckReport.files[zhcheckReport.state.file].path").endswith("001_28e5f8ebddb19075.txt")
    assert browser.evaluate("document.querySelectorAll('#doc mark.flash').length") > 0
    assert browser.errors() == []


def test_details_and_rule_menu_name_the_rule_in_chinese(browser, report) -> None:
    _open(browser, report, "000_f6cb8ddde45fba85.txt")
    fid = browser.evaluate(
        "zhcheckReport.findings.find(x => x.rule === 'T101' && x.file === zhcheckReport.state.file).id"
    )
    browser.evaluate(f"zhcheckReport.select({fid}, true)")
    detail = browser.evaluate("document.getElementById('detail').textContent")
    assert "规则：中文中使用半角标点" in detail and "Half-width" not in detail
    menu = "document.querySelector('#f-rule input[data-filter=\"T101\"]').parentElement.title"
    assert browser.evaluate(menu) == "中文中使用半角标点"
    assert browser.errors() == []


def test_filters_hide_and_restore_highlights(browser, report) -> None:
    _open(browser, report, "hostile.txt")
    count = "document.querySelectorAll('#doc mark[data-f]').length"
    rules_shown = (
        "[...new Set([...document.querySelectorAll('#doc [data-f]')]"
        ".flatMap(m => m.getAttribute('data-f').split(' ').map(i => zhcheckReport.findings[+i].rule)))].sort()"
    )
    initial = browser.evaluate(rules_shown)
    assert {"G101", "O999", "T101"} <= set(initial)
    browser.evaluate("document.querySelector('#f-cat input[data-filter=\"typography\"]').click()")
    assert browser.evaluate(rules_shown) == [r for r in initial if not r.startswith("T")]
    browser.evaluate("document.querySelector('#f-sev input[data-filter=\"error\"]').click()")
    assert "O999" not in browser.evaluate(rules_shown), "O999 is an error"
    browser.evaluate("document.querySelector('#f-sev input[data-filter=\"error\"]').click()")
    browser.evaluate("document.querySelector('#f-rule input[data-filter=\"O999\"]').click()")
    assert "O999" not in browser.evaluate(rules_shown)
    browser.evaluate("document.querySelector('#f-rule input[data-filter=\"O999\"]').click()")
    browser.evaluate("document.querySelector('#f-cat input[data-filter=\"typography\"]').click()")
    assert browser.evaluate(rules_shown) == initial
    assert browser.evaluate(count) > 3
    # the overview follows the filters too
    browser.evaluate("document.querySelector('#f-cat input[data-filter=\"typography\"]').click()")
    assert browser.evaluate("document.querySelectorAll('#chart svg g.cat-typography text')[1].textContent") == "0"
    browser.evaluate("document.querySelector('#f-cat input[data-filter=\"typography\"]').click()")
    assert browser.errors() == []


def test_keys_step_through_findings(browser, report) -> None:
    fi = _open(browser, report, "000_f6cb8ddde45fba85.txt")
    press = "document.dispatchEvent(new KeyboardEvent('keydown', {key: %r, bubbles: true}))"
    browser.evaluate(press % "j")
    first = browser.evaluate("zhcheckReport.state.sel")
    browser.evaluate(press % "n")
    second = browser.evaluate("zhcheckReport.state.sel")
    browser.evaluate(press % "k")
    assert browser.evaluate("zhcheckReport.state.sel") == first
    # what needs an editor first (in order), then typography only when its group is open
    ids = browser.evaluate(f"zhcheckReport.files[{fi}].findings.filter(x => x.cat !== 'typography').map(x => x.id)")
    assert [first, second] == ids[:2]
    assert browser.evaluate("document.querySelectorAll('#doc mark.sel').length") > 0
    assert browser.evaluate("location.hash") == f"#file={fi}&f={first}"
    assert browser.errors() == []


def test_a_thousand_files_stay_usable(browser, tmp_path) -> None:
    from zhcheck.engine import Engine
    from zhcheck.report import ReportOptions
    from zhcheck.report.html import render

    d = tmp_path / "many"
    d.mkdir()
    sources = sorted((ROOT / "corpus" / "clean").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    for i in range(1000):
        shutil.copy(sources[i % len(sources)], d / f"{i:04d}.txt")
    out = tmp_path / "many.html"
    out.write_text(render(Engine(None).run([str(d)]), ReportOptions()), encoding="utf-8")
    browser.load(out.as_uri())
    assert browser.evaluate("zhcheckReport.ready && document.querySelectorAll('#files tbody tr').length") == 1000
    browser.evaluate("document.querySelector('#files th[data-key=\"total\"]').click()")  # sort by count
    browser.evaluate("document.querySelector('#files tbody tr').click()")  # the file with most findings
    assert browser.evaluate("document.querySelectorAll('#doc .ln').length") > 10
    assert browser.errors() == []


def test_fixes_show_joins_and_deletions(browser, report) -> None:
    _open(browser, report, "hostile.txt")
    ids = browser.evaluate(
        "zhcheckReport.files[zhcheckReport.state.file].findings.filter(x => x.rule === 'L999').map(x => x.id)"
    )
    delete_line, join = ids  # in document order
    browser.evaluate(f"zhcheckReport.select({join}, true)")
    assert browser.evaluate("[...document.querySelectorAll('#doc .nl.seldel')].map(e => e.className)") == [
        "nl c-layout join sel seldel"
    ]
    assert "与下一段接排" in browser.evaluate("document.getElementById('detail').textContent")
    browser.evaluate(f"zhcheckReport.select({delete_line}, true)")
    struck = browser.evaluate("[...document.querySelectorAll('#doc mark.seldel')].map(e => e.textContent).join('')")
    assert struck == "第三段&amp;结束。"
    assert browser.evaluate("document.querySelectorAll('#doc .nl.seldel.join').length") == 0
    assert browser.evaluate("document.querySelectorAll('#doc .nl.seldel').length") == 1
    assert browser.errors() == []


def test_narrow_window_keeps_table_chart_and_panel_usable(chromium, report) -> None:
    """At 760 px: the chart fits its box, file names do not wrap one letter per line,
    the table's sticky head sits under the (taller) page header, and the finding
    panel stays in view at the bottom of the window with the selected text above it."""
    with Browser(chromium, width=760, height=700) as b:
        b.load(report)
        b.wait_for("window.zhcheckReport && zhcheckReport.ready")
        assert b.evaluate(
            "(() => { const c = document.getElementById('chart').getBoundingClientRect(),"
            " s = document.querySelector('#chart svg').getBoundingClientRect(); return s.right <= c.right; })()"
        )
        assert b.evaluate("document.querySelector('#files tbody td').getBoundingClientRect().width") > 150
        b.evaluate("window.scrollTo(0, 600)")
        head, th = b.evaluate(
            "[document.getElementById('top').getBoundingClientRect().bottom,"
            " document.querySelector('#files th').getBoundingClientRect().top]"
        )
        assert abs(head - th) <= 1.5
        fi = b.evaluate("zhcheckReport.files.findIndex(f => f.path.endsWith('000_f6cb8ddde45fba85.txt'))")
        b.load(f"{report}#file={fi}")
        b.wait_for(f"zhcheckReport.state.file === {fi}")
        target = b.evaluate(f"zhcheckReport.files[{fi}].findings[12].id")
        b.evaluate(f"zhcheckReport.select({target}, true)")
        side_top, sel_bottom, height = b.evaluate(
            "[document.getElementById('side').getBoundingClientRect().top,"
            " document.querySelector('#doc mark.sel').getBoundingClientRect().bottom, window.innerHeight]"
        )
        assert sel_bottom <= side_top < height
        assert "detail" in b.evaluate("document.getElementById('detail').firstChild ? 'detail' : ''")
        assert b.errors() == []
