"""Every rule and `fix` are total: any Unicode string (NUL, lone surrogates, controls,
private use, exotic line breaks) is checked and fixed without an exception, with every
span and edit inside the text. A fast property test; tools/fuzz_rules.py runs the same
property over 100,000+ inputs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import check_total, texts

#: examples per CI run (the long run is tools/fuzz_rules.py)
EXAMPLES = 150


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_every_rule_and_fix_accept_any_string(text: str) -> None:
    check_total(text)


@pytest.mark.parametrize(
    "text",
    [
        "中华人民共和国成立了\x00，北京是首都。",  # NUL: marisa-trie lookups failed with struct.error
        "北京\x00市人民政府召开会议，研究部署\x00工作。",
        "\ud800中华人民共和国\udfff成立，国务院\udcff总理。",  # lone surrogates
        "国国务院\x00\x00\x00办公厅，，，\r\r\n\u2028省省、市、县\ufeff",
        "",
        "\x00",
    ],
)
def test_known_hostile_strings(text: str) -> None:
    check_total(text)


def test_nul_in_a_real_article_keeps_every_rule_running() -> None:
    """O104 and O301 failed with struct.error on NUL (all their findings for the file dropped)."""
    from tests.conftest import seed
    from tests.fuzzing import rule_errors_raise
    from zhcheck.engine import check_text

    text = seed("000").read_text(encoding="utf-8")
    with_nul = text[:300] + "\x00" + text[300:600] + "\x00\x00" + text[600:]
    check_total(with_nul)
    with rule_errors_raise():
        found = {f.rule for f in check_text(with_nul)}
        clean = {f.rule for f in check_text(text)}
    assert found == clean | {"G101"}  # the NULs are control characters (G101); every other rule still reports
