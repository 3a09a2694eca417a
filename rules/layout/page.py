"""The furniture of a printed page left in the text: page numbers and running heads.

Text read from print (OCR, or copied out of a PDF) keeps what stood at the foot and the
head of every page: the page number (`— 2 —`, as GB/T 9704 sets an official document's
page numbers between one-em dashes; `- 12 -`, `第 3 页`, `第3页/共10页`) and the running
head or foot (the issuing body and the issue, `某某公报　2024年第3期`, or a newspaper's
name, date and page). Where a paragraph runs over a page break, they stand between its
halves.

`page_marks` tells the lines apart into *certain* marks (a page number by its form; a
short line next to one that the document prints again or that names an issue or a date)
and *possible* ones (a bare number, a short line printed again, a line naming an issue or
a date): the layout flow skips a possible mark only between the halves of a paragraph it
can join across it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from enum import Enum

from zhcheck.lazyre import lazy
from zhcheck.textutil import CJK_RE

_SP = r"[\s\u3000]*"
_DASH = "[—－–―─-]"
#: a page number by its form, on a line of its own
_PAGE_NUMBER = lazy(
    rf"^{_SP}(?:{_DASH}{{1,2}}{_SP}\d{{1,4}}{_SP}{_DASH}{{1,2}}"
    rf"|第{_SP}\d{{1,4}}{_SP}页(?:{_SP}[/／，,]?{_SP}共{_SP}\d{{1,4}}{_SP}页)?){_SP}$"
)
#: a number alone on a line: a page number only where it splits a paragraph
_BARE_NUMBER = lazy(rf"^{_SP}\d{{1,4}}{_SP}$")
#: what a running head names: an issue (第3期, 2024年第3号, 第4版) or a date with its weekday
_HEAD_MARK = lazy(r"第\s*\d{1,4}\s*[期号版卷]|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|星期[一二三四五六日天]")
#: a running head is short and never a sentence or a clause
_HEAD_MAX = 40
_CLAUSE_MARKS = lazy("[。！？!?，,；;：:“”‘’《》、]")
_DIGITS = lazy(r"\d+")
#: a time of day or a date in figures with slashes or dashes: a web page's post or comment
#: stamp (发布时间 2005/07/07 19:30), not a printed page's head
_WEB_STAMP = lazy(r"\d{1,2}:\d{2}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
#: a printed page holds more Han characters than this: a "page 1" after fewer opens a section
_PAGE_MIN_HAN = 150


class PageMark(str, Enum):
    """How sure a line is page furniture."""

    CERTAIN = "certain"
    POSSIBLE = "possible"


def page_number(text: str) -> bool:
    """Is `text` a printed page's number by its form (— 2 —, - 12 -, 第 3 页)?"""
    return _PAGE_NUMBER.match(text) is not None


def bare_number(text: str) -> bool:
    """Is `text` a number alone on a line (a page number where it splits a paragraph)?"""
    return _BARE_NUMBER.match(text) is not None


def _section_numbers(lines: Sequence[str], numbers: list[int]) -> bool:
    """Are the lines at `numbers` (page numbers by form) a document's section numbers (— 01 —,
    -1-: a feature's or a story's parts) rather than pages' feet? Print numbers its pages
    without a leading zero, and page 1's number stands after a page of text; a section's
    number stands before its section, the first one near the document's start."""
    figures = [_DIGITS.search(lines[i]).group() for i in numbers]
    if any(len(f) > 1 and f.startswith("0") for f in figures):
        return True
    first = numbers[0]
    han_before = sum(len(CJK_RE.findall(t)) for t in lines[:first])
    return int(figures[0]) == 1 and han_before < _PAGE_MIN_HAN and first < len(lines) - 1


def _head_shaped(text: str) -> bool:
    t = text.strip(" \t\u3000")
    return (
        2 <= len(t) <= _HEAD_MAX
        and _CLAUSE_MARKS.search(t) is None
        and _WEB_STAMP.search(t) is None
        and len(CJK_RE.findall(t)) >= 2  # words, not a rule of dashes
    )


def _key(text: str) -> str:
    """A running head with its page or issue numbers blanked (they change from page to page)."""
    return _DIGITS.sub("0", text.strip(" \t\u3000"))


def page_marks(lines: Sequence[str]) -> dict[int, PageMark]:
    """Which of a document's paragraphs (their texts, in order) may be page furniture.

    Certain: a page number by its form; a running head (a short line the document prints
    again, or one naming an issue or a date) next to one; a running head that does both
    next to a bare number, and that number. Possible: any other bare number or running head.
    """
    marks: dict[int, PageMark] = {}
    numbered = [page_number(t) for t in lines]
    numbers = [i for i, n in enumerate(numbered) if n]
    if numbers and _section_numbers(lines, numbers):
        numbered = [False] * len(lines)  # (not a page's foot: neither a mark nor next to one)
    shaped = [_head_shaped(t) for t in lines]
    repeated = Counter(_key(t) for t, s in zip(lines, shaped, strict=True) if s)
    bare = [bare_number(t) for t in lines]

    def near(i: int, test: Sequence[bool] | None = None) -> bool:
        return any(0 <= j < len(lines) and (test or numbered)[j] for j in (i - 1, i + 1))

    for i, text in enumerate(lines):
        if numbered[i]:
            marks[i] = PageMark.CERTAIN
        elif bare[i]:
            marks.setdefault(i, PageMark.POSSIBLE)  # (certain when a running head came before)
        elif shaped[i]:
            again, named = repeated[_key(text)] >= 2, _HEAD_MARK.search(text) is not None
            if not (again or named):
                continue
            certain = near(i) or (again and named and near(i, bare))
            marks[i] = PageMark.CERTAIN if certain else PageMark.POSSIBLE
            if certain:
                for j in (i - 1, i + 1):
                    if 0 <= j < len(lines) and bare[j]:
                        marks[j] = PageMark.CERTAIN
    return marks
