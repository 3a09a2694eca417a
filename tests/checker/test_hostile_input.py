"""Reliability of `check` on hostile input and output (issue 15): only regular files are
read, within the size limit; every error is one line and exit 2 (file names that are not
UTF-8, a full disk, a closed pipe, hostile config and baselines); no file zhcheck writes
goes through a planted link; a corrupt cache entry is a miss and is rewritten."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from contextlib import contextmanager

import pytest

from tests.conftest import ROOT, seed
from zhcheck.app.cli import main
from zhcheck.errors import InputError
from zhcheck.files import read_regular

HALF = "报告中提到,经济增长5.5%左右,在实际工作中努力争取更好结果。\n"
BAD_NAME = os.fsdecode(b"bad-\xff\xfe.txt")  # not UTF-8: Python keeps the bytes as lone surrogates
FORMATS = ["text", "json", "sarif", "github", "html"]


@contextmanager
def alarm(seconds: int = 30):
    """Fail instead of hanging forever (a FIFO read would block)."""

    def hung(*_args):
        raise TimeoutError("hung")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("zhcheck: error")]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


# --- only regular files ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_fifo_is_refused_when_named_and_skipped_in_a_walk(runner, tmp_path, command: str) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    with alarm():
        res = runner.invoke(main, [command, "--select", "T101", str(fifo)])
        assert res.exit_code == 2
        assert one_error_line(res.output) == f"zhcheck: error: {fifo}: not a regular file (FIFO)"
        res = runner.invoke(main, [command, "--select", "T101", str(tmp_path)])
    assert f"zhcheck: warning: {fifo}: not a regular file (FIFO), skipped" in res.output
    assert res.exit_code in (0, 1), res.output  # a warning, not an error: the walk goes on
    assert "T101" in res.output or "fixed" in res.output


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_until_memory_runs_out(runner) -> None:
    with alarm():
        res = runner.invoke(main, ["check", "--fail-on", "info", "/dev/zero"])
    assert res.exit_code == 2
    assert one_error_line(res.output) == "zhcheck: error: /dev/zero: not a regular file (character device)"


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs Linux /proc")
def test_the_size_limit_is_enforced_while_reading() -> None:
    # /proc files are regular files that report size 0 and have content
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(InputError, match="file too large"):
        read_regular("/proc/self/maps", max_bytes=10)


# --- every error: one line, exit 2 -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_that_are_not_utf8_in_every_format(runner, tmp_path, fmt: str) -> None:
    (tmp_path / BAD_NAME).write_text(HALF, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    out.write_text("previous report", encoding="utf-8")
    res = runner.invoke(
        main, ["check", "--fail-on", "info", "--no-cache", "--format", fmt, "-o", str(out), str(tmp_path)]
    )
    assert res.exit_code == 1, res.output
    report = out.read_text(encoding="utf-8")
    shown = "bad-%5Cxff%5Cxfe.txt" if fmt == "sarif" else "bad-\\xff\\xfe.txt"  # SARIF: a URI
    assert shown in report.replace("\\\\", "\\")
    if fmt in ("json", "sarif"):
        json.loads(report)
    res = runner.invoke(main, ["check", "--fail-on", "info", "--no-cache", "--format", fmt, str(tmp_path)])
    assert res.exit_code == 1 and "bad-" in res.output


def test_baseline_and_fix_with_a_file_name_that_is_not_utf8(runner, tmp_path) -> None:
    (tmp_path / BAD_NAME).write_text(HALF, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    res = runner.invoke(
        main, ["check", "--fail-on", "info", "--no-cache", "--write-baseline", str(baseline), str(tmp_path)]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    res = runner.invoke(main, ["check", "--fail-on", "info", "--no-cache", "--baseline", str(baseline), str(tmp_path)])
    assert res.exit_code == 0 and "No findings" in res.output, res.output
    res = runner.invoke(main, ["fix", "--diff", str(tmp_path)])
    assert res.exit_code == 1 and "+++ b/" in res.output and "bad-\\xff\\xfe.txt" in res.output


def _zhcheck(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from zhcheck.app.cli import main; main()", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        **kwargs,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_one_line(tmp_path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-c", "from zhcheck.app.cli import main; main()", "check", "--no-cache", str(seed("001"))],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.strip() == "zhcheck: error: cannot write the output (No space left on device)"


def test_a_closed_pipe_is_one_line(tmp_path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from zhcheck.app.cli import main; main()", "rules"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 2
    assert err.strip() == "zhcheck: error: cannot write the output (Broken pipe)"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('select = ["T"]\n# 注释\n'.encode("gbk"), "not UTF-8 text"),
        (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "invalid TOML"),
        (b"a = " + b"{b = " * 5000 + b"1" + b"}" * 5000 + b"\n", "invalid TOML"),
        (b"select = [\n", "invalid TOML"),
    ],
)
def test_hostile_config_is_one_line(runner, tmp_path, content: bytes, reason: str) -> None:
    cfg = tmp_path / "zhcheck.toml"
    cfg.write_bytes(content)
    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    res = runner.invoke(main, ["check", "--fail-on", "info", "--config", str(cfg), str(tmp_path / "a.txt")])
    assert res.exit_code == 2
    line = one_error_line(res.output)
    assert line.startswith(f"zhcheck: error: {cfg}:") and reason in line


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b'{"version": 1, "findings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        ('{"version": 1, "findings": []}'.encode("utf-16"), "not UTF-8 text"),
        (b'{"version": 1, "findings": [', "invalid JSON"),
    ],
)
def test_hostile_baseline_is_one_line(runner, tmp_path, content: bytes, reason: str) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_bytes(content)
    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    res = runner.invoke(main, ["check", "--fail-on", "info", "--baseline", str(baseline), str(tmp_path / "a.txt")])
    assert res.exit_code == 2
    assert reason in one_error_line(res.output)


# --- no write through a planted link ------------------------------------------------------------------


def test_baseline_and_report_are_not_written_through_planted_links(runner, tmp_path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    for planted in ("b.json.tmp", ".b.json.tmp", "report.json.tmp"):
        (tmp_path / planted).symlink_to(victim)
    report, baseline = str(tmp_path / "report.json"), str(tmp_path / "b.json")
    args = ["check", "--fail-on", "info", "--no-cache", "--format", "json", "-o", report, "--write-baseline", baseline]
    res = runner.invoke(main, [*args, str(tmp_path / "a.txt")])
    assert res.exit_code == 0, res.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"]
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["files"]
    assert not (tmp_path / "b.json").is_symlink()


def test_a_failed_report_write_leaves_the_previous_report(runner, tmp_path, monkeypatch) -> None:
    import errno

    from zhcheck import files

    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    report = tmp_path / "report.html"
    report.write_text("previous report", encoding="utf-8")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_write_all", full)
    res = runner.invoke(
        main,
        ["check", "--fail-on", "info", "--no-cache", "--format", "html", "-o", str(report), str(tmp_path / "a.txt")],
    )
    assert res.exit_code == 2
    assert one_error_line(res.output) == f"zhcheck: error: --output: cannot write {report} (No space left on device)"
    assert report.read_text(encoding="utf-8") == "previous report"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "report.html"]


def test_the_cache_is_not_written_through_planted_links(runner, tmp_path, monkeypatch) -> None:
    victim_dir = tmp_path / "elsewhere"
    victim_dir.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    work = tmp_path / "work"
    cache = work / ".zhcheck_cache"
    cache.mkdir(parents=True)
    (cache / "CACHEDIR.TAG").symlink_to(victim)
    from zhcheck.run import cache as cache_mod

    (cache / f"v{cache_mod.FORMAT}").symlink_to(victim_dir, target_is_directory=True)
    (work / "a.txt").write_text(HALF, encoding="utf-8")
    monkeypatch.chdir(work)
    res = runner.invoke(main, ["check", "--fail-on", "info", "a.txt"])
    assert res.exit_code == 1, res.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert os.listdir(victim_dir) == []


# --- the cache --------------------------------------------------------------------------------------------


def test_a_flipped_bit_in_any_cache_entry_is_a_miss_then_rewritten(runner, tmp_path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(HALF + "\n" + HALF.replace("报告", "文件"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("会议指出,要坚持稳中求进。\n\n" + HALF, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(main, ["check", "--fail-on", "info", "--format", "json", "."])
    assert '"suggestion": "，"' in first.output  # what a flipped bit once turned into "ｌ"
    entries = sorted(p for p in (tmp_path / ".zhcheck_cache").rglob("*") if p.is_file() and p.parent.name != ".")
    entries = [p for p in entries if p.name not in ("CACHEDIR.TAG", ".gitignore")]
    assert len(entries) >= 3  # two files and the corpus rules' run
    good = {p: p.read_bytes() for p in entries}
    for p, data in good.items():
        flipped = bytearray(data)
        flipped[len(data) * 2 // 3] ^= 0x04  # a bit in the payload (a finding's text, a suggestion)
        p.write_bytes(bytes(flipped))
    second = runner.invoke(main, ["check", "--fail-on", "info", "--format", "json", "."])
    assert second.output == first.output and "error" not in second.output.split("\n", 1)[0]
    for p, data in good.items():
        assert p.read_bytes() == data  # rewritten (the same bytes: pickles are deterministic here)
    for p in entries:
        p.write_bytes(p.read_bytes()[:10])  # torn
    assert runner.invoke(main, ["check", "--fail-on", "info", "--format", "json", "."]).output == first.output
