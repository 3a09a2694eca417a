"""rdjson (reviewdog), gitlab (Code Quality), --statistics and --output-format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, SEEDS
from zhcheck.app.cli import main

RDJSON_SCHEMA = json.loads((ROOT / "tests" / "data" / "reviewdog-rdjson.schema.json").read_text(encoding="utf-8"))
#: the fields GitLab documents for a Code Quality report (docs: ci/testing/code_quality, "report format")
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^(/|\\./)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}, "end": {"type": "integer"}},
                    },
                },
            },
        },
    },
}
ARTICLE = "第一行。\n他说,今天天气很好。\n"


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds, one short article with a half-width comma, and a binary file."""
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "稿件"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    (d / "short.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "图片.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    return d


def _run(runner, *args: str) -> str:
    res = runner.invoke(main, ["check", "--no-cache", "--fail-on", "never", *args])
    assert res.exit_code == 0, res.output
    return res.stdout


def test_rdjson_is_a_valid_diagnostic_result_over_the_seeds(runner, articles: Path) -> None:
    out = json.loads(_run(runner, "--format", "rdjson", "稿件"))
    jsonschema.validate(out, RDJSON_SCHEMA)
    assert out["source"] == {"name": "zhcheck"}
    diagnostics = out["diagnostics"]
    assert len(diagnostics) > 300
    assert {d["code"]["value"][0] for d in diagnostics if "code" in d} == set("DGOLT")
    assert any("suggestions" in d for d in diagnostics)
    skipped = [d for d in diagnostics if d["location"]["path"].endswith("图片.txt")]
    assert len(skipped) == 1 and skipped[0]["severity"] == "WARNING" and "range" not in skipped[0]["location"]


def test_rdjson_columns_count_utf8_bytes(runner, articles: Path) -> None:
    out = json.loads(_run(runner, "--format", "rdjson", "--select", "T101", "稿件/short.txt"))
    (d,) = out["diagnostics"]
    # "他说," : the comma is the 3rd code point and starts at byte 7 (two 3-byte characters before it)
    assert d["location"] == {
        "path": "稿件/short.txt",
        "range": {"start": {"line": 2, "column": 7}, "end": {"line": 2, "column": 8}},
    }
    assert d["severity"] == "INFO" and d["code"] == {"value": "T101"}  # typography is style: info
    assert d["message"].startswith("halfwidth-punctuation: ")
    assert d["suggestions"] == [{"range": d["location"]["range"], "text": "，"}]
    # applying the suggestion at those byte columns gives the fixed line
    line = ARTICLE.splitlines()[1].encode()
    fixed = line[:6] + d["suggestions"][0]["text"].encode() + line[7:]
    assert fixed.decode() == "他说，今天天气很好。"


def test_gitlab_code_quality_fields(runner, articles: Path) -> None:
    out = json.loads(_run(runner, "--format", "gitlab", "稿件"))
    jsonschema.validate(out, GITLAB_SCHEMA)
    assert len({i["fingerprint"] for i in out}) == len(out)  # GitLab keeps one issue per fingerprint
    short = [i for i in out if i["location"]["path"] == "稿件/short.txt"]
    assert short == [
        {
            "description": short[0]["description"],
            "check_name": "T101",
            "fingerprint": short[0]["fingerprint"],
            "severity": "info",  # typography is style: info
            "location": {"path": "稿件/short.txt", "lines": {"begin": 2, "end": 2}},
        }
    ]
    assert "建议：，" in short[0]["description"]
    assert {i["severity"] for i in out} <= {"info", "minor", "major"}


def test_gitlab_fingerprint_follows_a_finding_when_lines_move(runner, articles: Path) -> None:
    before = json.loads(_run(runner, "--format", "gitlab", "--select", "T101", "稿件/short.txt"))
    (articles / "short.txt").write_text("新加的一行。\n" + ARTICLE, encoding="utf-8")
    after = json.loads(_run(runner, "--format", "gitlab", "--select", "T101", "稿件/short.txt"))
    assert after[0]["location"]["lines"]["begin"] == 3
    assert after[0]["fingerprint"] == before[0]["fingerprint"]


def test_statistics_count_per_rule(runner, articles: Path) -> None:
    full = json.loads(_run(runner, "--format", "json", "稿件"))
    stats = json.loads(_run(runner, "--statistics", "--format", "json", "稿件"))
    assert {r["code"]: r["count"] for r in stats} == full["summary"]["by_rule"]
    counts = [r["count"] for r in stats]
    assert counts == sorted(counts, reverse=True)
    t101 = next(r for r in stats if r["code"] == "T101")
    assert t101["name"] == "halfwidth-punctuation" and 0 < t101["fixable"] <= t101["count"]
    text = _run(runner, "--statistics", "稿件")
    first = text.splitlines()[0].split()
    assert first[:3] == [str(stats[0]["count"]), stats[0]["code"], "[*]" if stats[0]["fixable"] else stats[0]["name"]]
    assert text.splitlines()[-1].startswith(f"Found {sum(counts)} findings")


def test_statistics_keep_the_exit_status_and_refuse_other_formats(runner, articles: Path) -> None:
    res = runner.invoke(main, ["check", "--no-cache", "--statistics", "--fail-on", "info", "稿件/short.txt"])
    assert res.exit_code == 1 and "T101" in res.stdout
    res = runner.invoke(main, ["check", "--no-cache", "--statistics", "--format", "sarif", "稿件/short.txt"])
    assert res.exit_code == 2 and "--statistics" in res.stderr


def test_output_format_is_an_alias_of_format(runner, articles: Path) -> None:
    a = _run(runner, "--output-format", "rdjson", "稿件/short.txt")
    b = _run(runner, "--format", "rdjson", "稿件/short.txt")
    assert a == b and json.loads(a)["diagnostics"]
