"""Digit/letter confusion inside numbers and dates (O105): 2O21年, l5%, 1B0万元.

Letters that OCR reads for digits (O o -> 0, l I -> 1, B -> 8, S -> 5, Z -> 2)
are reported when they sit inside a number: between two digits, or at the
edge of a digit run that is followed by a Chinese unit or a date word. Codes
such as 5G, B2B, G20 or S5 stay legal: they are not followed by a unit and
their letters do not stand between digits.
A measure word (户, 辆, 台, … from jieba's dictionary: `char_classes.json`'s
measure_chars) after the number counts as a unit too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from zhcheck.lazyre import lazy
from zhcheck.rules.lang import vocab
from zhcheck.rules.lang.vocab import NUMERAL_CHARS

LETTER_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "B": "8", "S": "5", "Z": "2"}
#: letters also trusted at the edge of a number (not only between digits)
_EDGE_LETTERS = "OolI"
_UNITS = (
    "年",
    "月",
    "日",
    "号",
    "时",
    "点",
    "分",
    "秒",
    "万",
    "亿",
    "元",
    "%",
    "％",
    "个",
    "人",
    "次",
    "家",
    "项",
    "公里",
    "千米",
    "米",
    "吨",
    "亩",
    "公顷",
    "平方",
    "立方",
    "千瓦",
    "岁",
    "名",
    "倍",
    "余",
    "多",
    "周年",
    "天",
)
#: classifiers that take Roman numerals (I类, II级, III期, IV型): an uppercase I at the edge of
#: a number before them is a numeral of its own (9.|I类), not a misread 1
_ROMAN_CLASSIFIERS = frozenset("类级期型度等档")
#: a lone lowercase l (never a word of Chinese text) before a unit: 1 misread (l月, l个)
_LONE_L = lazy(r"(?<![A-Za-z0-9.\-_/])l(?![A-Za-z0-9.\-_/])")
_TOKEN = lazy(r"(?<![A-Za-z0-9.])[0-9OolIBSZ][0-9OolIBSZ.,:]*[0-9OolIBSZ](?![A-Za-z0-9])")


@dataclass(frozen=True)
class DigitFix:
    start: int
    end: int
    text: str
    fixed: str


def digit_letters(text: str, offset: int = 0) -> Iterator[DigitFix]:
    """Tokens of `text` that are numbers with letters misread for digits."""
    for m in _TOKEN.finditer(text):
        tok = m.group()
        digits = sum(c.isdigit() for c in tok)
        letters = [i for i, c in enumerate(tok) if c in LETTER_DIGIT]
        unit = text.startswith(_UNITS, m.end()) or text[m.end() : m.end() + 1] in _measure_words()
        roman = text[m.end() : m.end() + 1] in _ROMAN_CLASSIFIERS
        if not letters or digits < (1 if unit else 2):
            continue
        ok = True
        for i in letters:
            inside = 0 < i < len(tok) - 1 and _digitish(tok[i - 1]) and _digitish(tok[i + 1])
            edge = unit and tok[i] in _EDGE_LETTERS and not (tok[i] == "I" and roman)
            if not (inside or edge):
                ok = False
                break
        if not ok:
            continue
        fixed = "".join(LETTER_DIGIT.get(c, c) for c in tok)
        yield DigitFix(offset + m.start(), offset + m.end(), tok, fixed)
    for m in _LONE_L.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if text.startswith(_UNITS, m.end()) and (not before or not before.isascii() or before in " (（"):
            yield DigitFix(offset + m.start(), offset + m.end(), "l", "1")


@functools.cache
def _measure_words() -> frozenset[str]:
    """Single-character measure words (not numerals) that may follow a count."""
    return vocab.measure_chars() - NUMERAL_CHARS


def _digitish(c: str) -> bool:
    return c.isdigit() or c in LETTER_DIGIT or c in ".,"
