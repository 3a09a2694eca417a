"""G101 also reports invisible format characters (zero-width space and friends)."""

from __future__ import annotations

import pytest

from zhcheck.app.fixer import fix_text
from zhcheck.engine import Engine, check_text
from zhcheck.finding import Severity


def g101(text: str):
    return check_text(text, {"select": ["G101"]})


def test_zero_width_space_is_a_warning_with_a_safe_delete() -> None:
    text = "国务院新闻办公室\u200b今天举行发布会，介绍\u200b\u200b有关情况。\n"
    found = g101(text)
    assert [(f.start, f.end, f.severity) for f in found] == [(8, 9, Severity.WARNING), (19, 21, Severity.WARNING)]
    assert found[0].message.startswith("看不见的字符（零宽空格 U+200B）")
    assert all(f.fix.is_safe and f.suggestion == "" for f in found)
    assert fix_text(text, Engine({"select": ["G101"]})).fixed == text.replace("\u200b", "")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("第一篇文章结束。\ufeff第二篇文章开始。", "零宽不换行空格"),
        ("全面推进乡村\u00ad振兴。", "软连字符"),
        ("全面推进乡村\u2060振兴。", "零宽连接符"),
        ("全面推进乡村\u200d振兴。", "零宽连字"),
    ],
)
def test_other_invisible_characters(text: str, name: str) -> None:
    (f,) = g101(text)
    assert name in f.message and len(f.text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "家庭表情👨\u200d👩\u200d👧在聊天中很常见。",  # an emoji sequence needs its joiners
        "波斯语单词 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 意为“我想要”。",  # Persian uses ZWNJ
        "梵文 \u0915\u094d\u200d\u0937 的写法。",
    ],
)
def test_joiners_that_a_script_needs_are_left_alone(text: str) -> None:
    assert g101(text) == []
