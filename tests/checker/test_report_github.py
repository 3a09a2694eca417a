"""GitHub Actions annotations: one workflow command per finding, escaped like the toolkit."""

from __future__ import annotations

from zhcheck.app.cli import main
from zhcheck.finding import Category, Finding, Severity
from zhcheck.report.github import annotation


def test_one_annotation_per_finding_with_position_and_code(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("导语。\n他说,好。\n", encoding="utf-8")
    res = runner.invoke(main, ["check", "--format", "github", "--select", "T101", "--no-cache", "a.txt"])
    assert res.exit_code == 1
    (line,) = res.stdout.splitlines()
    head, message = line.split("::", 2)[1:]
    assert head == "warning file=a.txt,line=2,col=3,endLine=2,endColumn=4,title=T101"
    assert message.startswith("halfwidth-punctuation: ") and "建议：，" in message


def test_severity_maps_to_command(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("他说,好。\n", encoding="utf-8")
    (tmp_path / "zhcheck.toml").write_text('[severity]\nT101 = "info"\n', encoding="utf-8")
    res = runner.invoke(main, ["check", "--format", "github", "--select", "T101", "--no-cache", "a.txt"])
    assert res.stdout.startswith("::notice file=a.txt,line=1,col=3,")


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
    (tmp_path / "a.txt").write_text("他说,好。\n", encoding="utf-8")
    (tmp_path / "notes" / "b.md").write_text("干净的一句话。\n", encoding="utf-8")
    argv = shlex.split(hook["entry"])
    assert argv[0] == "zhcheck"
    res = runner.invoke(main, [*argv[1:], *files])
    assert res.exit_code == 1 and res.stdout.startswith("a.txt:1:3: T101")
    (tmp_path / "a.txt").write_text("他说，好。\n", encoding="utf-8")
    assert runner.invoke(main, [*argv[1:], *files]).exit_code == 0
    html = hooks["zhcheck-html"]
    res = runner.invoke(main, [*shlex.split(html["entry"])[1:], *files])
    assert res.exit_code == 0 and (tmp_path / "zhcheck-report.html").is_file()
