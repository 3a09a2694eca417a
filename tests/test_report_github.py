"""GitHub Actions annotations: one workflow command per finding, escaped like the toolkit."""

from __future__ import annotations

from checker.cli import main
from checker.finding import Category, Finding, Severity
from checker.report.github import annotation


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
