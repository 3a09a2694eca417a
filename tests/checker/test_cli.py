"""The `zhcheck` command line: reports, exit codes, bad input, config errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLEAN, ROOT, SEEDS, seed
from zhcheck.app.cli import main

HALF = "报告中提到,经济增长5.5%左右,在实际工作中努力争取更好结果。\n"


def test_check_seeds_reports_and_exits_1(runner) -> None:
    res = runner.invoke(main, ["check", "--no-color", str(SEEDS)])
    assert res.exit_code == 1, res.output
    assert "T101 [typography]" in res.output
    assert "Found " in res.output


def test_json_offsets_slice_flagged_text_over_whole_corpus(runner) -> None:
    res = runner.invoke(main, ["check", "--format", "json", str(SEEDS), str(CLEAN)])
    assert res.exit_code in (0, 1), res.output
    report = json.loads(res.output)
    assert report["version"] == 1 and report["tool"]["name"] == "zhcheck"
    expected = [p for d in (SEEDS, CLEAN) for p in d.iterdir() if p.suffix in (".txt", ".md")]
    assert len(report["files"]) == len(expected)
    n = 0
    for entry in report["files"]:
        text = Path(entry["path"]).read_text(encoding="utf-8")
        assert entry["chars"] == len(text)
        assert entry["encoding"] == "utf-8"
        for f in entry["findings"]:
            assert text[f["start"] : f["end"]] == f["text"], f
            assert f["line"] >= 1 and f["column"] >= 1
            n += 1
    assert n == report["summary"]["findings"] > 0


def test_missing_file_is_one_clear_line(runner) -> None:
    res = runner.invoke(main, ["check", "missing.txt"])
    assert res.exit_code == 2
    assert res.output.strip() == "zhcheck: error: missing.txt: no such file or directory"


def test_directory_without_articles_warns_and_exits_0(runner, tmp_path) -> None:
    (tmp_path / "notes.rst").write_text(HALF, encoding="utf-8")
    res = runner.invoke(main, ["check", str(tmp_path)])
    assert res.exit_code == 0
    assert "no files to check" in res.stderr and "*.txt, *.md" in res.stderr


def test_directory_with_binary_file_is_skipped_with_warning(runner, tmp_path) -> None:
    (tmp_path / "good.txt").write_text(HALF, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # not included at all
    res = runner.invoke(main, ["check", "--format", "json", "--fail-on", "info", str(tmp_path)])
    assert res.exit_code == 1
    assert "warning:" in res.stderr and "image.txt" in res.stderr and "skipped" in res.stderr
    report = json.loads(res.stdout)
    paths = [Path(f["path"]).name for f in report["files"]]
    assert paths == ["good.txt", "image.txt"]
    assert "binary" in report["files"][1]["error"]


def test_explicit_binary_file_exits_2(runner, tmp_path) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(b"\x00\x00\x01binary")
    res = runner.invoke(main, ["check", str(p)])
    assert res.exit_code == 2
    assert "binary file" in res.stderr
    assert "Traceback" not in res.output


def test_empty_file_is_clean(runner, tmp_path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    res = runner.invoke(main, ["check", str(p)])
    assert res.exit_code == 0
    assert "No findings in 1 file" in res.output


@pytest.mark.parametrize(
    ("codec", "prefix", "expected"),
    [("gbk", b"", "gb18030"), ("utf-16-le", b"\xff\xfe", "utf-16-le"), ("utf-16-le", b"", "utf-16-le")],
)
def test_legacy_encodings_are_decoded_and_recorded(runner, tmp_path, codec, prefix, expected) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(prefix + HALF.encode(codec))
    res = runner.invoke(main, ["check", "--format", "json", "--fail-on", "info", str(p)])
    assert res.exit_code == 1
    entry = json.loads(res.output)["files"][0]
    assert entry["encoding"] == expected
    assert [(f["rule"], f["start"], f["text"]) for f in entry["findings"]] == [("T101", 5, ","), ("T101", 16, ",")]


def test_stdin(runner) -> None:
    res = runner.invoke(main, ["check", "--format", "json", "--fail-on", "info", "-"], input=HALF.encode("utf-8"))
    assert res.exit_code == 1
    assert json.loads(res.output)["files"][0]["path"] == "<stdin>"


def test_select_ignore_min_severity_fail_on(runner, tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(HALF + "乱码\ufffd出现。\n", encoding="utf-8")

    def rules(*args: str) -> set[str]:
        res = runner.invoke(main, ["check", "--format", "json", *args, str(p)])
        return {f["rule"] for f in json.loads(res.output)["files"][0]["findings"]}

    assert rules() == {"T101", "G101"}
    assert rules("--select", "typography") == {"T101"}
    assert rules("--select", "G1") == {"G101"}
    assert rules("--ignore", "T101,G") == set()
    assert rules("--min-severity", "error") == {"G101"}
    assert runner.invoke(main, ["check", "--select", "T", "--fail-on", "error", str(p)]).exit_code == 0
    assert runner.invoke(main, ["check", "--fail-on", "never", str(p)]).exit_code == 0
    bad = runner.invoke(main, ["check", "--select", "X999", str(p)])
    assert bad.exit_code == 2 and "unknown rule selector 'X999'" in bad.output


def test_output_file_and_quiet(runner, tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(HALF, encoding="utf-8")
    out = tmp_path / "report.txt"
    res = runner.invoke(main, ["check", "-q", "--fail-on", "info", "-o", str(out), str(p)])
    assert res.exit_code == 1 and res.output == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{p}:1:6: T101 [typography]")
    assert "2 处标点排版问题" in lines[0]


def test_inline_suppression(runner, tmp_path) -> None:
    p = tmp_path / "a.md"
    p.write_text(f"<!-- zhcheck-disable T101 -->\n{HALF}<!-- zhcheck-enable -->\n{HALF}", encoding="utf-8")
    res = runner.invoke(main, ["check", "--format", "json", "--select", "T101", str(p)])
    assert [f["line"] for f in json.loads(res.output)["files"][0]["findings"]] == [4, 4]


@pytest.mark.parametrize(
    ("setting", "args", "coloured"), [("true", [], True), ("true", ["--no-color"], False), ("false", [], False)]
)
def test_color_config_key_applies_off_a_terminal(runner, tmp_path, setting, args, coloured) -> None:
    (tmp_path / "zhcheck.toml").write_text(f"color = {setting}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    cmd = ["check", "--no-cache", "--config", str(tmp_path / "zhcheck.toml"), *args, str(tmp_path / "a.txt")]
    res = runner.invoke(main, cmd, env={"NO_COLOR": None})
    assert res.exit_code == 0 and "T101" in res.stdout
    assert ("\x1b[" in res.stdout) is coloured


def test_rules_and_explain(runner) -> None:
    res = runner.invoke(main, ["rules"])
    assert res.exit_code == 0 and "T101  halfwidth-punctuation" in res.output
    (t105,) = [line for line in res.output.splitlines() if line.startswith("T105 ")]
    assert t105.endswith("letters or digits (off by default) [fix]")
    res = runner.invoke(main, ["explain", "t101"])
    assert res.exit_code == 0 and "GB/T 15834" in res.output and "Bad:" in res.output
    assert res.output.splitlines()[3] == "中文中使用半角标点"  # the Chinese title under the summary
    assert runner.invoke(main, ["explain", "mojibake"]).output.startswith("G101 mojibake")
    res = runner.invoke(main, ["explain", "Z999"])
    assert res.exit_code == 2 and "unknown rule" in res.output


def test_console_entry_point_runs_without_traceback(tmp_path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "zhcheck", "check", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 2
    assert res.stderr.strip() == f"zhcheck: error: {tmp_path / 'nope.txt'}: no such file or directory"
    res = subprocess.run(
        [sys.executable, "-m", "zhcheck", "check", "--no-color", str(seed("003"))],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 1 and "Traceback" not in res.stderr
