"""A finding of a claiming rule claims its span: lower-priority findings inside it are dropped."""

from __future__ import annotations

import pytest

from zhcheck import registry
from zhcheck.document import Document
from zhcheck.engine import Engine, check_text, drop_claimed
from zhcheck.finding import Category, Severity
from zhcheck.registry import Hit, Rule

TEXT = "首页 > 新闻\n**来源：某网\n正文第一段，讲了一件事。\n"
BLOCK = (0, TEXT.index("正文"))  # the first two lines


def _rule(code: str, name: str, hits: list[tuple[int, int]], **kw) -> Rule:
    def check(doc, ctx):
        for s, e in hits:
            yield Hit(s, e, f"{code} 测试")

    return Rule(code, name, Category.GARBLED, Severity.WARNING, "s", "d", "a", "b", check=check, **kw)


@pytest.fixture
def rules(monkeypatch):
    """G997 claims the first two lines; G996 reports inside them, across their edge and after them."""
    inner, across, after = (7, 9), (BLOCK[1] - 2, BLOCK[1] + 2), (BLOCK[1], BLOCK[1] + 2)
    claiming = _rule("G997", "test-claiming", [BLOCK], claims=True, priority=10)
    plain = _rule("G996", "test-plain", [inner, across, after])
    monkeypatch.setitem(registry._REGISTRY, "G997", claiming)
    monkeypatch.setitem(registry._REGISTRY, "G996", plain)
    return inner, across, after


def _spans(findings, code):
    return [(f.start, f.end) for f in findings if f.rule == code]


def test_findings_inside_a_claimed_span_are_dropped(rules) -> None:
    _inner, across, after = rules
    found = check_text(TEXT, {"select": ["G996", "G997"]})
    assert _spans(found, "G997") == [BLOCK]
    # inside the block: dropped; across its edge or after it: kept
    assert _spans(found, "G996") == [across, after]


def test_without_the_claiming_rule_nothing_is_dropped(rules) -> None:
    inner, across, after = rules
    found = check_text(TEXT, {"select": ["G996"]})
    assert _spans(found, "G996") == [inner, across, after]


def test_a_suppressed_claim_claims_nothing(rules) -> None:
    inner, across, after = rules
    # the claiming finding is filtered out by severity: the plain findings inside come back
    found = check_text(TEXT, {"select": ["G996", "G997"], "severity": {"G997": "info"}, "min-severity": "warning"})
    assert _spans(found, "G997") == [] and _spans(found, "G996") == [inner, across, after]


def test_equal_or_higher_priority_is_never_dropped(monkeypatch) -> None:
    claiming = _rule("G997", "test-claiming", [BLOCK], claims=True, priority=10)
    peer = _rule("G995", "test-peer", [(7, 9)], claims=True, priority=10)
    monkeypatch.setitem(registry._REGISTRY, "G997", claiming)
    monkeypatch.setitem(registry._REGISTRY, "G995", peer)
    found = check_text(TEXT, {"select": ["G995", "G997"]})
    assert _spans(found, "G995") == [(7, 9)] and _spans(found, "G997") == [BLOCK]


def test_a_claiming_rule_needs_a_priority() -> None:
    with pytest.raises(ValueError, match="priority"):
        registry._register(_rule("G994", "test-no-priority", [], claims=True))


def test_drop_claimed_is_a_no_op_without_claims() -> None:
    engine = Engine({"select": ["T101"]})
    findings = engine.check_document(Document("他说,好。")).findings
    assert [f.rule for f in findings] == ["T101"] and drop_claimed(findings, engine.rules) == findings
