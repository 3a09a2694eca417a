"""The text report: typography folded by default, a summary that leads with what needs an
editor, carets that line up after invisible characters."""

from __future__ import annotations

from tests.conftest import SEEDS
from zhcheck.app.cli import main
from zhcheck.textutil import display_width

ARTICLE = "他说,今天的会议:很重要!\n\n首页 > 新闻 > 正文\n\n她说:明天继续。\n"


def _check(runner, tmp_path, *args: str):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return runner.invoke(main, ["check", "--no-cache", "--no-color", *args, str(p)]), str(p)


def test_typography_folds_into_one_line_per_file_after_the_findings(runner, tmp_path) -> None:
    res, p = _check(runner, tmp_path)
    assert res.exit_code == 1, "the web debris (an error) fails the run; punctuation (info) alone would not"
    lines = res.stdout.splitlines()
    assert lines[0].startswith(f"{p}:3:1: G202 [garbled]")
    (fold,) = [line for line in lines if "[typography]" in line]
    assert fold == (
        f"{p}:1:3: T101 [typography] 2 段（第 1–5 行）中有 4 处标点排版问题：T101 中文中使用半角标点 4；"
        "全部可由 zhcheck fix 自动修改"
    )
    assert lines[-2:] == [
        "  garbled      1 (1 error)    G202 1",
        "Typography: 4 findings (T101 4); 4 fixed by `zhcheck fix`; folded into one line per file "
        "(--typography full lists each).",
    ]
    assert lines[-3] == "Found 1 finding that needs an editor in 1 file (1 error):"


def test_paragraph_and_full_modes(runner, tmp_path) -> None:
    res, p = _check(runner, tmp_path, "--typography", "paragraph", "-q")
    assert [line.split(": ", 1)[1] for line in res.stdout.splitlines() if "[typography]" in line] == [
        "T101 [typography] 本段有 3 处标点排版问题：T101 中文中使用半角标点 3；全部可由 zhcheck fix 自动修改",
        "T101 [typography] 本段有 1 处标点排版问题：T101 中文中使用半角标点 1；全部可由 zhcheck fix 自动修改",
    ]
    res, p = _check(runner, tmp_path, "--typography", "full", "-q")
    marks = [line for line in res.stdout.splitlines() if "[typography]" in line]
    assert [m.split(": ")[0] for m in marks] == [f"{p}:1:3", f"{p}:1:9", f"{p}:1:13", f"{p}:5:3"]
    (tmp_path / "zhcheck.toml").write_text('typography = "full"\n', encoding="utf-8")
    res = runner.invoke(main, ["check", "--no-cache", "-q", "--config", str(tmp_path / "zhcheck.toml"), p])
    assert sum("[typography]" in line for line in res.stdout.splitlines()) == 4


def test_only_typography_is_not_an_editor_finding(runner, tmp_path) -> None:
    p = tmp_path / "b.txt"
    p.write_text("他说,好。\n", encoding="utf-8")
    res = runner.invoke(main, ["check", "--no-cache", str(p)])
    assert res.exit_code == 0
    assert res.stdout.splitlines()[1] == "No findings that need an editor in 1 file."


def test_carets_line_up_after_a_zero_width_space(runner, tmp_path) -> None:
    p = tmp_path / "c.txt"
    p.write_text("国务院新闻办\u200b今天举行发布会,介绍有关情况。\n", encoding="utf-8")
    res = runner.invoke(main, ["check", "--no-cache", "--no-color", "--typography", "full", str(p)])
    lines = res.stdout.splitlines()
    zw = lines.index(next(line for line in lines if " G101 " in line))
    assert lines[zw + 1].endswith("| 国务院新闻办<U+200B>今天举行发布会,介绍有关情况。")
    t = lines.index(next(line for line in lines if " T101 " in line))
    shown, caret = lines[t + 1], lines[t + 2]
    text = shown.split("| ", 1)[1]
    comma = display_width(text[: text.index(",")])
    assert caret.split("| ", 1)[1] == " " * comma + "^"
    zw_caret = lines[zw + 2].split("| ", 1)[1]
    assert zw_caret == " " * display_width("国务院新闻办") + "^" * len("<U+200B>")


def test_seed_report_is_under_a_third_of_the_lines_with_every_editor_finding_in_full(runner) -> None:
    """Issue 17: 1,793 lines before typography was folded; each non-typography finding keeps its
    head line, its excerpt and its suggestion."""
    import json

    res = runner.invoke(main, ["check", "--no-color", str(SEEDS)])
    lines = res.stdout.splitlines()
    assert len(lines) <= 1793 // 3
    report = json.loads(runner.invoke(main, ["check", "--format", "json", str(SEEDS)]).stdout)
    editor = [(e["path"], f) for e in report["files"] for f in e["findings"] if f["category"] != "typography"]
    assert len(editor) > 90
    heads = {line for line in lines if " [typography] " not in line}
    for path, f in editor:
        head = f"{path}:{f['line']}:{f['column']}: {f['rule']} [{f['category']}] {f['message']}"
        assert head in heads
