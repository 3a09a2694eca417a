"""SARIF 2.1.0: valid against the official schema, with what GitHub code scanning reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from tests.conftest import ROOT, SEEDS
from tests.fake_rules import corpus_rule  # noqa: F401 - a fixture
from zhcheck.app.cli import main
from zhcheck.registry import load_rules

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def sarif_run(runner, tmp_path, monkeypatch, corpus_rule):  # noqa: F811 - the imported fixture
    """SARIF over the seeds, a copy of seed 000 under a Chinese name, and a binary file."""
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "稿件"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], d / "副本 1.txt")
    (d / "图片.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    res = runner.invoke(main, ["check", "--format", "sarif", "--select", "T101,G101,D999", "--no-cache", "稿件"])
    assert res.exit_code == 1, res.output
    return json.loads(res.stdout)


def test_validates_against_the_2_1_0_schema(sarif_run) -> None:
    jsonschema.validate(sarif_run, SCHEMA)
    assert sarif_run["version"] == "2.1.0"


def test_rules_carry_what_code_scanning_shows(sarif_run) -> None:
    driver = sarif_run["runs"][0]["tool"]["driver"]
    assert driver["name"] == "zhcheck"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == list(load_rules())
    t101 = driver["rules"][ids.index("T101")]
    assert t101["name"] == "halfwidth-punctuation"
    assert t101["shortDescription"]["text"] and t101["help"]["text"] and "Bad:" in t101["help"]["text"]
    assert t101["defaultConfiguration"]["level"] == "note"  # typography is style: info


def test_results_locate_the_flagged_text(sarif_run) -> None:
    run = sarif_run["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) > 100
    rules = run["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
        loc = r["locations"][0]["physicalLocation"]
        region = loc["region"]
        uri = run["artifacts"][loc["artifactLocation"]["index"]]["location"]["uri"]
        assert uri == loc["artifactLocation"]["uri"]
        text = Path(unquote(uri)).read_text(encoding="utf-8")
        flagged = text[region["charOffset"] : region["charOffset"] + region["charLength"]]
        assert flagged == region["snippet"]["text"]
        line = text.split("\n")[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 :].startswith(flagged.split("\n")[0])
        assert set(region) >= {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength"}


def test_uris_fixes_related_and_unreadable_files(sarif_run) -> None:
    run = sarif_run["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert "%E7%A8%BF%E4%BB%B6/%E5%89%AF%E6%9C%AC%201.txt" in uris  # 稿件/副本 1.txt, percent-encoded
    copy = [r for r in run["results"] if r["ruleId"] == "D999"]
    assert len(copy) == 1
    related = copy[0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert related.endswith("000_f6cb8ddde45fba85.txt")
    fixed = next(r for r in run["results"] if r["ruleId"] == "T101")
    edit = fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert edit["insertedContent"]["text"] and edit["deletedRegion"]["charLength"] >= 0
    assert all(len(r["partialFingerprints"]["zhcheck/v1"]) == 20 for r in run["results"])
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and "图片.txt" in note["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is True
