"""Garbled passages: encoding damage, web debris, stray markup and words, word salad."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from checker.document import Document
from checker.finding import Category, Severity
from checker.registry import Hit, RuleContext, rule

# U+FFFD, C0/C1 controls other than tab/newline/carriage return/form feed,
# and private-use code points (BMP and planes 15-16).
_BAD_CHARS = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]+")


def _describe(run: str) -> str:
    c = run[0]
    if c == "\ufffd":
        return "替换字符 U+FFFD：这里的原文在解码时已经丢失"
    if "\ue000" <= c <= "\uf8ff" or ord(c) >= 0xF0000:
        return f"私用区字符 U+{ord(c):04X}：通常是字体或编码转换留下的乱码"
    name = unicodedata.name(c, "control")
    return f"控制字符 U+{ord(c):04X}（{name}）：不应出现在正文中"


@rule(
    "G101",
    "mojibake",
    Category.GARBLED,
    Severity.ERROR,
    summary="Encoding damage: replacement, control or private-use characters, mojibake",
    bad="平顶山市\ufffd\ufffd政府工作报告",
    good="平顶山市政府工作报告",
)
def mojibake(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Text damaged by a wrong decoding step.

    U+FFFD marks bytes that a decoder could not read; control characters and
    private-use code points never belong in an article. Each run of such
    characters is one finding.
    """
    for m in _BAD_CHARS.finditer(doc.text):
        yield Hit(m.start(), m.end(), _describe(m.group()))
