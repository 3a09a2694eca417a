"""The HTML report as a review tool, in a real browser (headless Chromium over the DevTools
pipe, as test_html_browser.py): accept and reject findings one by one, per rule and per
category; download the corrected text, a patch and the decisions file; `zhcheck fix
--decisions` writes the same text; decisions survive a reload. Also: headlines and the
per-article summary, Markdown rendered, a zero-width space shown, the side panel keeping
the selected finding's card in view."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from tests.cdp import Browser
from tests.checker.test_html_browser import HIGHLIGHTS, chromium  # noqa: F401 - a fixture
from tests.conftest import seed
from zhcheck.app.cli import main
from zhcheck.rules.typography import halfwidth_marks

MARKDOWN = (
    "# 乡村振兴的**新路子**\n\n记者 李明\n\n"
    "近年来,全县**坚持**规划引领\u200b，推进`农村`人居环境整治。详见[县政府网站](https://example.com/x)。\n\n"
    "> 引用:群众满意度明显提升。\n\n- 第一项:完善设施\n- 第二项:提升服务\n"
)


#: characters outside the BMP (two UTF-16 units in the page, one code point in zhcheck's offsets)
ASTRAL = "𠮷祥村的新变化\n\n𠮷祥村位于山区,村民🙂说:日子越过越好!\n\n𠮷祥村村民人均收入增长8%,达到2万元。\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory, chromium):  # noqa: F811 - the fixture imported above
    """Four articles and their report, made in their own directory (the decisions' base)."""
    d = tmp_path_factory.mktemp("review")
    shutil.copy(seed("001"), d / "a.txt")
    shutil.copy(seed("000"), d / "c.txt")
    (d / "b.md").write_text(MARKDOWN, encoding="utf-8")
    (d / "d.txt").write_text(ASTRAL, encoding="utf-8")
    for name in ("a.txt", "b.md", "c.txt", "d.txt"):
        shutil.copy(d / name, d / f"{name}.orig")
    mp = pytest.MonkeyPatch()
    mp.chdir(d)
    args = ["check", "--no-cache", "--format", "html", "-o", "report.html", "a.txt", "b.md", "c.txt", "d.txt"]
    res = CliRunner().invoke(main, args)
    mp.undo()
    assert res.exit_code == 1, res.output
    (d / "dl").mkdir()
    return d


@pytest.fixture(scope="module")
def page(site, chromium):  # noqa: F811
    with Browser(chromium, width=1440, height=1000) as b:
        b.allow_downloads(str(site / "dl"))
        yield b


def _fresh(page, site, hash_: str = "") -> None:
    """The report with no decisions saved, opened at `hash_`."""
    url = (site / "report.html").as_uri()
    page.load(url)
    page.wait_for("window.zhcheckReport && zhcheckReport.ready")
    page.evaluate("localStorage.clear()")
    page.load(url + "#" + hash_ if hash_ else url)
    page.wait_for("zhcheckReport.ready")
    if hash_.startswith("file="):
        page.wait_for(f"zhcheckReport.state.file === {int(hash_[5:].split('&')[0])}")


def _click(page, selector: str) -> None:
    page.evaluate(f"document.querySelector({selector!r}).click()")


def _download(page, selector: str, site) -> str:
    _click(page, selector)
    return (site / "dl" / page.wait_download()).read_text(encoding="utf-8")


def _restore(site) -> None:
    for name in ("a.txt", "b.md", "c.txt", "d.txt"):
        shutil.copy(site / f"{name}.orig", site / name)


def _cli(site, *args: str):
    mp = pytest.MonkeyPatch()
    mp.chdir(site)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        mp.undo()


def test_accept_reject_download_and_fix_give_the_same_text(page, site) -> None:
    _restore(site)
    _fresh(page, site, "file=0")
    _click(page, "#acc-typo")  # 采纳全部标点修改
    editor = page.evaluate(
        "zhcheckReport.files[0].findings.filter(x => x.cat !== 'typography').map(x => [x.id, x.rule])"
    )
    assert {r for _, r in editor} >= {"D101", "L101", "O102"}
    for fid, rule in editor:  # reject the variant-character findings, accept everything else
        page.evaluate(f"zhcheckReport.select({fid}, true)")
        _click(page, f"#detail button[data-act={'reject' if rule == 'O102' else 'accept'}]")
    n = page.evaluate("zhcheckReport.files[0].findings.length")
    rejected = sum(r == "O102" for _, r in editor)
    shown = page.evaluate("document.getElementById('progress').textContent")
    assert shown.startswith(f"已采纳 {n - rejected} · 误报 {rejected} · 未处理 0")
    overlapping = int(shown.split("（")[1].split(" ")[0]) if "重叠" in shown else 0
    assert page.evaluate("document.querySelectorAll('#flist li.rej').length") == rejected
    assert page.evaluate("document.querySelectorAll('#doc mark.rej').length") >= rejected
    assert page.evaluate("document.querySelectorAll('#doc mark.accdel').length") > 0, "accepted deletions struck"

    original = (site / "a.txt").read_text(encoding="utf-8")
    corrected = _download(page, "#dl-text", site)
    patch = _download(page, "#dl-patch", site)
    page.evaluate("location.hash = '#'")
    page.wait_for("zhcheckReport.state.file === null")
    decisions = json.loads(_download(page, "#dl-decisions", site))
    assert page.errors() == []

    # the corrected text: the half-width marks converted (but those in a caption an accepted fix moves:
    # their fixes overlap it, and the card says so), the repeated paragraph gone, rejected text kept
    unapplied = page.evaluate(
        "(() => { const f = zhcheckReport.files[0], chosen = zhcheckReport.review.corrected(f).chosen;"
        " return f.findings.filter(x => x.rule === 'T101' && !chosen.includes(x)).length; })()"
    )
    assert corrected != original and len(halfwidth_marks(corrected)) == unapplied < 10
    assert (
        original.count("创全国文明城市 建美丽宜居家园") == 2 and corrected.count("创全国文明城市 建美丽宜居家园") == 1
    )
    o102 = [d["text"] for d in decisions["decisions"] if d["rule"] == "O102"]
    assert all(d in corrected for d in o102) and {d["decision"] for d in decisions["decisions"]} == {"accept", "reject"}

    # the patch turns the original into the corrected text
    if shutil.which("patch"):
        shutil.copy(site / "a.txt", site / "patched.txt")
        (site / "a.patch").write_text(patch, encoding="utf-8")
        subprocess.run(["patch", "-s", str(site / "patched.txt"), str(site / "a.patch")], check=True)
        assert (site / "patched.txt").read_text(encoding="utf-8") == corrected

    # zhcheck fix with the decisions file writes exactly that text, and nothing to the other files
    (site / "decisions.json").write_text(json.dumps(decisions, ensure_ascii=False), encoding="utf-8")
    res = _cli(site, "fix", "--decisions", "decisions.json")
    assert res.exit_code == 0, res.output
    assert (site / "a.txt").read_text(encoding="utf-8") == corrected
    assert (f"{overlapping} accepted fixes not applied" in res.stderr) is (overlapping > 1)
    assert (site / "c.txt").read_text(encoding="utf-8") == (site / "c.txt.orig").read_text(encoding="utf-8")

    # next run over the original: the rejected false alarms stay silent, the rest is reported
    _restore(site)
    res = _cli(site, "check", "--format", "json", "--baseline", "decisions.json", "a.txt")
    rules = {f["rule"] for f in json.loads(res.stdout)["files"][0]["findings"]}
    assert "O102" not in rules and {"D101", "L101", "T101"} <= rules


def test_decisions_survive_a_reload(page, site) -> None:
    _fresh(page, site, "file=2")
    ids = page.evaluate("zhcheckReport.visitOrder(zhcheckReport.files[2]).slice(0, 3).map(x => x.id)")
    press = "document.dispatchEvent(new KeyboardEvent('keydown', {key: %r, bubbles: true}))"
    page.evaluate(f"zhcheckReport.select({ids[0]}, true)")
    page.evaluate(press % "a")  # accept and move on
    assert page.evaluate("zhcheckReport.state.sel") == ids[1]
    page.evaluate(press % "x")  # a false alarm
    state = f"[{ids[0]}, {ids[1]}, {ids[2]}].map(i => zhcheckReport.review.decision(zhcheckReport.findings[i]))"
    assert page.evaluate(state) == ["accept", "reject", None]
    key = page.evaluate("zhcheckReport.review.store")
    assert key == "zhcheck-review:" + page.evaluate("zhcheckReport.data.report")

    page.load((site / "report.html").as_uri() + "#file=2")
    page.wait_for("zhcheckReport.ready && zhcheckReport.state.file === 2")
    assert page.evaluate(state) == ["accept", "reject", None]
    assert page.evaluate(f"document.querySelector('#flist li[data-id=\"{ids[1]}\"]').classList.contains('rej')")
    page.evaluate(f"zhcheckReport.select({ids[1]}, true)")
    page.evaluate(press % "u")  # undo
    assert page.evaluate(state) == ["accept", None, None]
    assert page.errors() == []


def test_accept_and_reject_per_rule_and_per_category(page, site) -> None:
    _fresh(page, site, "file=0")
    count = (
        "zhcheckReport.files[0].findings.filter(x => x.cat === %r && zhcheckReport.review.decision(x) === %r).length"
    )
    total = "zhcheckReport.files[0].findings.filter(x => x.cat === %r).length"
    _click(page, '#bulk-doc button[data-bulk="accept"][data-cat="layout"]')
    assert page.evaluate(count % ("layout", "accept")) == page.evaluate(total % "layout") > 5
    _click(page, '#bulk-doc button[data-bulk="reject"][data-rule="L105"]')
    l105 = page.evaluate("zhcheckReport.files[0].findings.filter(x => x.rule === 'L105').length")
    assert page.evaluate(count % ("layout", "reject")) == l105 > 0
    _click(page, '#bulk-doc button[data-bulk="clear"][data-cat="layout"]')
    assert page.evaluate(count % ("layout", "accept")) == page.evaluate(count % ("layout", "reject")) == 0
    # from a card: every finding of its rule in this article
    fid = page.evaluate("zhcheckReport.files[0].findings.find(x => x.rule === 'O102').id")
    page.evaluate(f"zhcheckReport.select({fid}, true)")
    _click(page, '#detail button[data-act="reject-rule"]')
    assert page.evaluate(count % ("ocr", "reject")) == page.evaluate(
        "zhcheckReport.files[0].findings.filter(x => x.rule === 'O102').length"
    )
    # the overview: all punctuation of all articles
    page.evaluate("location.hash = '#'")
    page.wait_for("zhcheckReport.state.file === null")
    _click(page, "#acc-typo-all")
    typo = "zhcheckReport.findings.filter(x => x.cat === 'typography' && x.fix)"
    assert page.evaluate(f"{typo}.every(x => zhcheckReport.review.decision(x) === 'accept')")
    assert page.evaluate("document.querySelector('#files tbody td.rev').textContent").count("/") == 1
    assert page.errors() == []


def test_side_panel_keeps_the_selected_card_in_view(page, site) -> None:
    """Opening `#file=N&f=ID` far down the list, or pressing j, scrolls only the list: the card
    stays at the top of the panel, and the selected entry is inside the list's visible part."""
    _fresh(page, site, "file=2")
    last = page.evaluate("zhcheckReport.files[2].findings.filter(x => x.cat === 'typography').slice(-40)[0].id")
    page.load((site / "report.html").as_uri() + f"#file=2&f={last}")
    page.wait_for(f"zhcheckReport.ready && zhcheckReport.state.sel === {last}")
    check = """(() => {
      const side = document.getElementById('side').getBoundingClientRect(),
            card = document.querySelector('#detail .card').getBoundingClientRect(),
            list = document.getElementById('flist').getBoundingClientRect(),
            li = document.querySelector('#flist li.sel').getBoundingClientRect();
      return [card.top >= side.top - 1, card.bottom <= innerHeight,
              li.top >= list.top - 1, li.bottom <= list.bottom + 1];
    })()"""
    assert page.evaluate(check) == [True, True, True, True]
    press = "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}))"
    for _ in range(25):
        page.evaluate(press)
        assert page.evaluate(check) == [True, True, True, True]
    assert page.errors() == []


def test_duplicate_first_copy_excerpt_shows_the_repeated_text(page, site) -> None:
    _fresh(page, site, "file=2")
    shown = page.evaluate(
        """zhcheckReport.files[2].findings.filter(x => x.cat === 'duplicate' && x.rel).map(x => {
             zhcheckReport.select(x.id, true);
             const b = document.querySelector('#detail .rel q b.same');
             const f = zhcheckReport.files[2];
             return [x.rule, f.text.slice(x.s, x.e), b ? b.textContent : null];
           })"""
    )
    assert len(shown) >= 3
    for rule, flagged, same in shown:
        assert same and len(same) >= 8 and same in flagged, (rule, same)
    # the near-duplicate whose first copy starts with other text: the excerpt starts at the match
    near = [s for r, f, s in shown if r == "D102"]
    assert near and all(not s.startswith("下一步") for s in near)


def test_headlines_summary_markdown_and_zero_width_space(page, site) -> None:
    _fresh(page, site)
    titles = page.evaluate("[...document.querySelectorAll('#files tbody .headline')].map(a => a.textContent)")
    assert set(titles) == {"风华正茂二十载 产业强区风帆劲", "乡村振兴的新路子", "时代之间 鹰城答卷", "𠮷祥村的新变化"}
    page.load((site / "report.html").as_uri() + "#file=1")
    page.wait_for("zhcheckReport.state.file === 1")
    assert page.evaluate("document.querySelector('#dochead h2').textContent") == "乡村振兴的新路子"
    summary = page.evaluate("document.querySelector('#dochead .summary').textContent")
    assert (
        summary.startswith("需编辑处理 1 处（乱码与残留 1）") and "标点排版 4 处" in summary
    )  # none in the link target
    # Markdown: the heading is big, its markers muted, the link target muted, the quote set off
    size = "parseFloat(getComputedStyle(document.querySelector('#doc .ln[data-line=\"%d\"] .tx')).fontSize)"
    sizes = [page.evaluate(size % n) for n in (1, 3)]
    assert sizes[0] > 1.4 * sizes[1]
    marks = page.evaluate("[...document.querySelectorAll('#doc .md-mark')].map(e => e.textContent)")
    assert marks[:3] == ["# ", "**", "**"] and "> " in marks and "- " in marks
    url = "[...document.querySelectorAll('#doc .md-url')].map(e => e.textContent).join('')"
    assert page.evaluate(url) == "](https://example.com/x)"
    assert page.evaluate("document.querySelector('#doc .ln[data-line=\"7\"]').classList.contains('md-quote')")
    # the zero-width space: reported, shown as a badge, and every highlight still covers its text
    zw = page.evaluate("[...document.querySelectorAll('#doc mark .zw')].map(e => [e.textContent, e.dataset.u])")
    assert zw == [["\u200b", "U+200B"]]
    assert page.evaluate(HIGHLIGHTS)["bad"] == []
    assert page.errors() == []


def test_characters_outside_the_bmp_keep_offsets_and_the_corrected_text_right(page, site) -> None:
    _restore(site)
    _fresh(page, site, "file=3")
    assert page.evaluate(HIGHLIGHTS)["bad"] == []
    text = "zhcheckReport.files[3].text"
    marks = page.evaluate(
        f"zhcheckReport.files[3].findings.filter(x => x.rule === 'T101').map(x => {text}.slice(x.s, x.e))"
    )
    assert marks == [",", ":", "!", ","]
    _click(page, "#acc-typo")
    corrected = _download(page, "#dl-text", site)
    assert corrected == ASTRAL.replace(",", "，").replace(":", "：").replace("!", "！")
    page.evaluate("location.hash = '#'")
    page.wait_for("zhcheckReport.state.file === null")
    (site / "astral.json").write_text(_download(page, "#dl-decisions", site), encoding="utf-8")
    assert _cli(site, "fix", "--decisions", "astral.json", "d.txt").exit_code == 0
    assert (site / "d.txt").read_text(encoding="utf-8") == corrected
    assert page.errors() == []
