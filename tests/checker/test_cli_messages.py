"""What a newcomer reads: `explain` output, one-line error messages that name the
option or config file, and summaries that count what was actually checked."""

from __future__ import annotations

import json

from zhcheck.app.cli import main

HALF = "报告中提到,经济增长5.5%左右,在实际工作中努力争取更好结果。\n"


def test_explain_opt_in_rule_says_how_to_enable_it(runner) -> None:
    res = runner.invoke(main, ["explain", "T105"])
    assert res.exit_code == 0
    first = res.output.splitlines()[0]
    assert "--extend-select T105" in first and "--select T105" not in first


def test_explain_indents_multi_paragraph_examples(runner) -> None:
    lines = runner.invoke(main, ["explain", "D101"]).output.splitlines()
    bad = lines.index("Bad:")
    good = lines.index("Good:")
    example = [line for line in lines[bad + 1 : good] if line]
    assert len(example) == 3 and all(line.startswith("    ") for line in example)
    assert example[0] == "    我市召开安全生产工作会议，部署下一阶段重点任务。"


def test_unknown_selector_names_the_option(runner, tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(HALF, encoding="utf-8")
    for option in ("--select", "--ignore", "--extend-select"):
        res = runner.invoke(main, ["check", option, "X999", str(p)])
        assert res.exit_code == 2
        assert res.output.strip() == f"zhcheck: error: {option}: unknown rule selector 'X999' (see `zhcheck rules`)"


def test_missing_word_list_names_config_file_and_reason(runner, tmp_path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    cfg = tmp_path / "zhcheck.toml"
    cfg.write_text('words = ["terms.txt"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(main, ["check", "a.txt"])
    assert res.exit_code == 2
    assert res.output.strip() == (
        f"zhcheck: error: {cfg}: words: cannot read word list '{tmp_path / 'terms.txt'}' (no such file)"
    )
    (tmp_path / "terms.txt").write_bytes("安全生产".encode("gbk"))
    res = runner.invoke(main, ["check", "a.txt"])
    assert res.exit_code == 2 and "is not UTF-8 text" in res.output and "Error)" not in res.output


def test_summary_counts_only_files_that_were_checked(runner, tmp_path) -> None:
    (tmp_path / "good.txt").write_text("他说，好。\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    res = runner.invoke(main, ["check", "--no-cache", "--no-color", str(tmp_path)])
    assert res.exit_code == 0
    assert "No findings in 1 file." in res.stdout and "1 file could not be checked." in res.stdout


def test_baseline_errors_say_what_is_wrong(runner, tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(HALF, encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    res = runner.invoke(main, ["check", "--baseline", str(bad), str(p)])
    assert res.exit_code == 2
    assert res.output.strip().endswith("not a zhcheck baseline (invalid JSON at line 1, column 2)")
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"version": 99, "findings": []}), encoding="utf-8")
    res = runner.invoke(main, ["check", "--baseline", str(old), str(p)])
    assert res.exit_code == 2 and "version 99" in res.output and "--write-baseline" in res.output


def test_unwritable_output_fails_before_checking(runner, tmp_path, monkeypatch) -> None:
    p = tmp_path / "a.txt"
    p.write_text(HALF, encoding="utf-8")
    import zhcheck.run.parallel

    def boom(*args, **kwargs):
        raise AssertionError("the files were checked before the output path was")

    monkeypatch.setattr(zhcheck.run.parallel, "discover", boom)
    for option in ("-o", "--write-baseline"):
        target = tmp_path / "no-such-dir" / "out.txt"
        res = runner.invoke(main, ["check", option, str(target), str(p)])
        assert res.exit_code == 2, res.output
        assert res.output.strip() == (
            f"zhcheck: error: {option if option != '-o' else '--output'}: cannot write {target} "
            f"(no such directory: {tmp_path / 'no-such-dir'})"
        )
    res = runner.invoke(main, ["check", "--baseline", str(tmp_path / "none.json"), str(p)])
    assert res.exit_code == 2 and "no such file (create it with --write-baseline)" in res.output
