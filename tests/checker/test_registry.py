"""Every rule is documented, and its own examples prove it: bad fires, good does not."""

from __future__ import annotations

import dataclasses
import re

import pytest

from zhcheck.engine import check_text
from zhcheck.finding import Category
from zhcheck.registry import get_rule, load_rules, match_selector

RULES = list(load_rules().values())
DOC_RULES = [r for r in RULES if not r.is_corpus]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_is_documented(r) -> None:
    assert r.summary and len(r.description) > 40, "needs a summary and a paragraph of description"
    assert r.bad and r.good and r.bad != r.good
    assert (
        r.code[0] == {"duplicate": "D", "garbled": "G", "ocr": "O", "layout": "L", "typography": "T"}[r.category.value]
    )
    assert r.module.startswith("zhcheck.rules."), "rules live in rules/, never in checker/"
    # `zhcheck rules` and `explain` show whether a rule is on by default; the summary must not repeat it
    assert not re.search(r"opt-in|off by default", r.summary, re.I), r.summary


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_has_a_chinese_title(r) -> None:
    assert re.search("[\u4e00-\u9fff]", r.title_zh), f"{r.code} needs a Chinese title (title_zh)"
    assert r.display_title == r.title_zh and "\n" not in r.title_zh and len(r.title_zh) <= 30


def test_a_rule_without_a_chinese_title_shows_its_summary() -> None:
    r = dataclasses.replace(get_rule("D101"), title_zh="")
    assert r.display_title == r.summary == "A paragraph or line that repeats an earlier one exactly"
    assert get_rule("D101").display_title == "重复段落"


@pytest.mark.parametrize("r", DOC_RULES, ids=lambda r: r.code)
def test_examples(r) -> None:
    cfg = {"select": [r.code]}
    assert any(f.rule == r.code for f in check_text(r.bad, cfg)), f"{r.code} misses its bad example"
    assert not [f for f in check_text(r.good, cfg) if f.rule == r.code], f"{r.code} fires on its good example"


def test_lookup_and_selectors() -> None:
    t101 = get_rule("T101")
    assert get_rule("halfwidth-punctuation") is t101 and get_rule("t101") is t101
    assert match_selector("T1", t101) and match_selector("typography", t101) and match_selector("ALL", t101)
    assert not match_selector("T2", t101) and not match_selector("garbled", t101)
    assert {r.category for r in RULES} <= set(Category)


def test_engine_relaxes_the_collector_only_while_checking() -> None:
    import gc

    from zhcheck.document import Document
    from zhcheck.engine import GC_YOUNG_THRESHOLD, Engine, fewer_collections

    before = gc.get_threshold()
    seen = []
    with fewer_collections():
        seen.append(gc.get_threshold()[0])
    assert seen == [max(before[0], GC_YOUNG_THRESHOLD)] and gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError
    assert gc.get_threshold() == before
    Engine().check_document(Document("他们今天来了。"))
    assert gc.get_threshold() == before


def test_entry_points_are_cached_until_an_installation_changes(tmp_path, monkeypatch) -> None:
    import importlib.metadata
    import sys

    from zhcheck import registry

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert registry._entry_points() == [("builtin", "zhcheck.rules")]  # asked importlib.metadata, saved

    def no_scan(**_kw: object) -> object:
        raise AssertionError("the installed distributions were scanned again")

    monkeypatch.setattr(importlib.metadata, "entry_points", no_scan)
    assert registry._entry_points() == [("builtin", "zhcheck.rules")]  # from the cache
    monkeypatch.undo()

    # a plugin installed into a directory of sys.path: its directory changes, the cache is not used
    site = tmp_path / "site"
    info = site / "zhcheck_demo_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zhcheck-demo-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[zhcheck.rules]\ndemo = zhcheck_demo_plugin:rules\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    assert registry._entry_points() == [("builtin", "zhcheck.rules"), ("demo", "zhcheck_demo_plugin:rules")]
    assert registry._load_entry_point("zhcheck.registry:Rule.__name__") == "Rule"
