"""Configuration files: discovery, validation, overrides, word lists."""

from __future__ import annotations

import json

import pytest

from zhcheck.app.cli import main
from zhcheck.config import Config, find_config, from_mapping, load_config
from zhcheck.engine import check_text
from zhcheck.errors import ConfigError
from zhcheck.finding import Severity

HALF = "报告中提到,经济增长5.5%左右。\n"


def test_discovery_walks_upwards(tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.zhcheck]\nselect = ["T"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_config() == tmp_path / "pyproject.toml"
    assert load_config().select == ["T"]
    (tmp_path / "a" / "zhcheck.toml").write_text('ignore = ["G"]\n', encoding="utf-8")
    cfg = load_config()
    assert cfg.ignore == ["G"] and cfg.select is None


def test_pyproject_without_table_is_skipped(tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert find_config() is None or find_config().parent != tmp_path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"selct": ["T"]}, "unknown key 'selct' (did you mean 'select'?)"),
        ({"select": "Q1"}, "select: unknown rule selector 'Q1'"),
        ({"fail-on": "sometimes"}, "fail-on: expected one of error, warning, info, never"),
        ({"min-severity": 3}, "min-severity: expected a string"),
        ({"severity": {"T101": "fatal"}}, "severity.T101: unknown severity 'fatal'"),
        ({"severity": {"T999": "info"}}, "severity.T999: unknown rule"),
        ({"per-file-ignores": ["x"]}, "per-file-ignores: expected a table"),
        ({"max-file-size": 0}, "max-file-size: expected a positive integer"),
    ],
)
def test_bad_values_name_the_key(data, message) -> None:
    with pytest.raises(ConfigError) as exc:
        from_mapping(data)
    assert message in str(exc.value)


def test_broken_config_file_exits_2(runner, tmp_path) -> None:
    bad = tmp_path / "zhcheck.toml"
    bad.write_text("select = [\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(HALF, encoding="utf-8")
    res = runner.invoke(main, ["check", "--config", str(bad), str(art)])
    assert res.exit_code == 2 and "invalid TOML" in res.output and "Traceback" not in res.output
    bad.write_text("colour = true\n", encoding="utf-8")
    res = runner.invoke(main, ["check", "--config", str(bad), str(art)])
    assert res.exit_code == 2 and "unknown key 'colour' (did you mean 'color'?)" in res.output
    res = runner.invoke(main, ["check", "--config", str(tmp_path / "none.toml"), str(art)])
    assert res.exit_code == 2 and "config file not found" in res.output


def test_severity_override_and_per_file_ignores(runner, tmp_path) -> None:
    cfg = tmp_path / "zhcheck.toml"
    cfg.write_text('[severity]\nT101 = "error"\n[per-file-ignores]\n"legacy/*" = ["T"]\n', encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.txt").write_text(HALF, encoding="utf-8")
    (tmp_path / "new.txt").write_text(HALF, encoding="utf-8")
    res = runner.invoke(main, ["check", "--config", str(cfg), "--format", "json", str(tmp_path)])
    files = {f["path"].rsplit("/", 1)[-1]: f["findings"] for f in json.loads(res.output)["files"]}
    assert files["old.txt"] == []
    assert [f["severity"] for f in files["new.txt"]] == ["error"]


def test_word_lists(tmp_path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# house terms\n乱码\ufffd出现 n\n", encoding="utf-8")
    cfg = from_mapping({"words": [str(words)]})
    assert cfg.user_words() == frozenset({"乱码\ufffd出现"})
    assert [f.rule for f in check_text("乱码\ufffd出现。", Config())] == ["G101"]
    assert check_text("乱码\ufffd出现。", cfg) == []
    with pytest.raises(ConfigError, match="words: cannot read"):
        load_cfg = tmp_path / "zhcheck.toml"
        load_cfg.write_text('words = ["missing.txt"]\n', encoding="utf-8")
        load_config(load_cfg)


def test_api_accepts_mapping() -> None:
    findings = check_text(HALF, {"select": ["T101"], "severity": {"T101": "info"}})
    assert [(f.rule, f.severity) for f in findings] == [("T101", Severity.INFO)]
