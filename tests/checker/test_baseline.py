"""Baselines: recorded findings stay silent after edits elsewhere; new ones are reported."""

from __future__ import annotations

import json
import shutil

from tests.conftest import ROOT, seed
from zhcheck.app.baseline import apply_baseline, fingerprint, write_baseline
from zhcheck.app.cli import main
from zhcheck.engine import Engine


def _json(res) -> dict:
    return json.loads(res.stdout)


def test_round_trip_survives_a_paragraph_inserted_at_the_top(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    art = tmp_path / "a.txt"
    shutil.copy(seed("001"), art)
    write = runner.invoke(main, ["check", "--select", "T101", "--write-baseline", "base.json", "a.txt"])
    recorded = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"]
    assert len(recorded) > 20 and "recorded" in write.stderr
    assert write.exit_code == 0 and write.stdout.startswith("No findings"), "what was just recorded is not new"
    assert {r["path"] for r in recorded} == {"a.txt"} and all(r["rule"] == "T101" for r in recorded)

    # a clean paragraph on top shifts every line and offset: still nothing new
    text = art.read_text(encoding="utf-8")
    art.write_text("编者按：本文根据发布会实录整理。\n\n" + text, encoding="utf-8")
    res = runner.invoke(main, ["check", "--select", "T101", "--format", "json", "--baseline", "base.json", "a.txt"])
    assert res.exit_code == 0, res.output
    assert _json(res)["summary"]["findings"] == 0

    # a new defect on top is the only finding reported
    art.write_text("编者按:本文根据发布会实录整理。\n\n" + text, encoding="utf-8")
    res = runner.invoke(main, ["check", "--select", "T101", "--format", "json", "--baseline", "base.json", "a.txt"])
    assert res.exit_code == 0, "T101 is info: it does not fail the run by default"
    (f,) = _json(res)["files"][0]["findings"]
    assert (f["rule"], f["line"], f["text"]) == ("T101", 1, ":")


def test_repeated_defect_is_counted(tmp_path) -> None:
    art = tmp_path / "b.txt"
    line = "他表示,将继续推进改革。\n"
    art.write_text(line * 2, encoding="utf-8")
    cfg = {"select": ["T101"]}
    assert write_baseline(Engine(cfg).run([str(art)]), tmp_path / "base.json") == 2
    art.write_text(line * 3, encoding="utf-8")
    result = Engine(cfg).run([str(art)])
    assert apply_baseline(result, tmp_path / "base.json").dropped == 2
    assert [f.text for f in result.findings] == [","]


def test_fingerprint_uses_text_and_context_not_position(tmp_path) -> None:
    engine = Engine({"select": ["T101"]})
    path = tmp_path / "x.txt"
    path.write_text("甲方认为,合作顺利。\n乙方认为,合作顺利。\n", encoding="utf-8")
    r = engine.run([str(path)])
    a, b = r.findings
    assert fingerprint(a, r.files[0].document.text) != fingerprint(b, r.files[0].document.text)
    path.write_text("新的导语。\n\n乙方认为,合作顺利。\n", encoding="utf-8")
    moved = engine.run([str(path)])
    (c,) = moved.findings
    assert (c.line, c.start) != (b.line, b.start)
    assert fingerprint(c, moved.files[0].document.text) == fingerprint(b, r.files[0].document.text)


def test_paths_are_relative_to_the_baseline_file(runner, tmp_path, monkeypatch) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "c.txt").write_text("他说,好。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner.invoke(main, ["check", "--select", "T101", "--write-baseline", "base.json", "docs"])
    assert json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"][0]["path"] == "docs/c.txt"
    monkeypatch.chdir(tmp_path / "docs")
    res = runner.invoke(main, ["check", "--select", "T101", "--baseline", "../base.json", "c.txt"])
    assert res.exit_code == 0, res.output


def test_bad_baseline_is_one_line_error(runner, tmp_path) -> None:
    (tmp_path / "c.txt").write_text("他说,好。\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    res = runner.invoke(main, ["check", "--baseline", str(tmp_path / "bad.json"), str(tmp_path / "c.txt")])
    assert res.exit_code == 2 and "not a zhcheck baseline" in res.output and "Traceback" not in res.output
    res = runner.invoke(main, ["check", "--baseline", str(tmp_path / "none.json"), str(tmp_path / "c.txt")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_a_format_1_baseline_still_silences_every_finding(runner, tmp_path, monkeypatch) -> None:
    """tests/data/baseline_v1_seed001.json was written before T101 reported each mark:
    its one entry per paragraph still absorbs every mark of that paragraph, and says so."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(seed("001"), tmp_path / "a.txt")
    shutil.copy(ROOT / "tests" / "data" / "baseline_v1_seed001.json", tmp_path / "base.json")
    old = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert old["version"] == 1 and sum(r["rule"] == "T101" for r in old["findings"]) == 63
    res = runner.invoke(main, ["check", "--no-cache", "--format", "json", "--baseline", "base.json", "a.txt"])
    assert res.exit_code == 0, res.output
    assert _json(res)["summary"]["findings"] == 0
    assert (
        "format-1 baseline" in res.stderr and "(T101)" in res.stderr and "326 matched" in res.stderr
    )  # 335 marks, 9 alone in their paragraph

    # one more half-width mark in a paragraph: that paragraph's marks are new (its recorded span changed)
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    i = text.index("近年来")
    (tmp_path / "a.txt").write_text(text[:i] + "近年来," + text[i + 3 :], encoding="utf-8")
    res = runner.invoke(main, ["check", "--no-cache", "--format", "json", "--baseline", "base.json", "a.txt"])
    found = _json(res)["files"][0]["findings"]
    assert {f["rule"] for f in found} == {"T101"} and len({f["line"] for f in found}) == 1
    assert text[i:].startswith("近年来") and any(f["start"] == i + 3 for f in found)

    # --write-baseline writes format 2
    runner.invoke(main, ["check", "--no-cache", "--write-baseline", "new.json", "a.txt"])
    assert json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["version"] == 2
