"""GitHub Actions annotations: one workflow command per finding, escaped like the toolkit."""

from __future__ import annotations

from zhcheck.app.cli import main
from zhcheck.finding import Category, Finding, Severity
from zhcheck.report.github import annotation


def test_one_annotation_per_finding_with_position_and_code(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("导语。\n他说,好。\n", encoding="utf-8")
    cmd = ["check", "--format", "github", "--select", "T101", "--typography", "full", "--fail-on", "info", "a.txt"]
    res = runner.invoke(main, cmd)
    assert res.exit_code == 1
    (line,) = res.stdout.splitlines()
    head, message = line.split("::", 2)[1:]
    assert head == "notice file=a.txt,line=2,col=3,endLine=2,endColumn=4,title=T101"
    assert message.startswith("halfwidth-punctuation: ") and "建议：，" in message


def test_severity_maps_to_command(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("他说,好。\n", encoding="utf-8")
    (tmp_path / "zhcheck.toml").write_text('typography = "full"\n[severity]\nT101 = "error"\n', encoding="utf-8")
    res = runner.invoke(main, ["check", "--format", "github", "--select", "T101", "--no-cache", "a.txt"])
    assert res.stdout.startswith("::error file=a.txt,line=1,col=3,")


def test_typography_is_folded_into_one_notice_per_file(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("他说,好!\n\n首页 > 新闻 > 正文\n\n她说:行。\n", encoding="utf-8")
    res = runner.invoke(main, ["check", "--format", "github", "--no-cache", "a.txt"])
    debris, fold = res.stdout.splitlines()
    assert debris.startswith("::error file=a.txt,line=3,col=1,") and "title=G202" in debris
    assert fold == (
        "::notice file=a.txt,line=1,col=3,title=T101::2 段（第 1–5 行）中有 3 处标点排版问题："
        "T101 中文中使用半角标点 3；全部可由 zhcheck fix 自动修改"
    )
    res = runner.invoke(main, ["check", "--format", "github", "--no-cache", "--typography", "paragraph", "a.txt"])
    assert [line.split("::")[2] for line in res.stdout.splitlines()[1:]] == [
        "本段有 2 处标点排版问题：T101 中文中使用半角标点 2；全部可由 zhcheck fix 自动修改",
        "本段有 1 处标点排版问题：T101 中文中使用半角标点 1；全部可由 zhcheck fix 自动修改",
    ]


def test_values_are_escaped() -> None:
    f = Finding(
        rule="G201",
        name="web-debris",
        category=Category.GARBLED,
        severity=Severity.ERROR,
        start=0,
        end=3,
        line=1,
        column=1,
        end_line=2,
        end_column=1,
        message="100% 残留:\n第二行",
        text="x",
        path="dir,a:b.txt",
    )
    assert annotation(f) == (
        "::error file=dir%2Ca%3Ab.txt,line=1,col=1,endLine=2,endColumn=1,title=G201::web-debris: 100%25 残留:%0A第二行"
    )


def test_unreadable_file_is_an_annotation_too(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    res = runner.invoke(main, ["check", "--format", "github", "--no-cache", "d"])
    assert res.stdout.startswith("::warning file=d/img.txt::binary")


def test_pre_commit_hook_runs_as_pre_commit_would(runner, tmp_path, monkeypatch) -> None:
    """`.pre-commit-hooks.yaml`: entry + args + staged files is a working command line.
    (Checked for real with `pre-commit try-repo . zhcheck --all-files`.)"""
    import re
    import shlex

    import pytest

    from tests.conftest import ROOT

    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks["zhcheck"]
    assert hook["language"] == "python" and hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    staged = ["a.txt", "notes/b.md", "img.png", "setup.py"]
    files = [f for f in staged if pattern.search(f)]
    assert files == ["a.txt", "notes/b.md"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "a.txt").write_text("他说\ufffd,好。\n", encoding="utf-8")
    (tmp_path / "notes" / "b.md").write_text("干净的一句话。\n", encoding="utf-8")
    argv = shlex.split(hook["entry"])
    assert argv[0] == "zhcheck"
    res = runner.invoke(main, [*argv[1:], *files])
    assert res.exit_code == 1 and res.stdout.startswith("a.txt:1:3: G101")
    (tmp_path / "a.txt").write_text("他说,好。\n", encoding="utf-8")
    res = runner.invoke(main, [*argv[1:], *files])
    assert res.exit_code == 0 and res.stdout.startswith("a.txt:1:3: T101"), "typography (info) does not block"
    (tmp_path / "a.txt").write_text("他说，好。\n", encoding="utf-8")
    assert runner.invoke(main, [*argv[1:], *files]).exit_code == 0
    html = hooks["zhcheck-html"]
    res = runner.invoke(main, [*shlex.split(html["entry"])[1:], *files])
    assert res.exit_code == 0 and (tmp_path / "zhcheck-report.html").is_file()
