"""The outline of a structured document: parts, chapters, articles and list items.

Statutes, regulations and official documents number their units: 第一编 > 第一章 >
第一节 > 第一条 > 一、 > （一） > 1. > （1）. A paragraph that starts with such an
enumerator opens a unit at that level and closes every deeper one; every paragraph
belongs to the units open at its start. Its *address* is the tuple of the open units'
labels, e.g. ("第二编", "第五章", "第四百七十条", "（一）").

An official document also closes with a signature block: the issuing organ's name on
a line of its own, then the date (国务院办公厅 / 二〇〇四年三月二日). The organ's name is
often the document's first line too, so the two lines are the same text by design
(`signature_line`).

Such documents repeat text on purpose: the same list item under two articles, the same
penalty clause in the articles of several offences, a chapter of company law restating
another for a second kind of company. Text repeated in two different units is parallel
structure (`in_different_units`); a copy inside the same unit, or in a document without
an outline, is not explained by it.
"""

from __future__ import annotations

import re

from zhcheck.document import Document
from zhcheck.lazyre import lazy
from zhcheck.rules.lang.vocab import FINAL_MARKS

_CN = "一二三四五六七八九十百千零〇两"
_NUM = f"[{_CN}\\d]+"
#: a unit's number is followed by a space (第一条　为了……), or stands on a line of its own
#: with its title or text on the next line (第一章 / 总则, 第一条 / 为了……), as web pages
#: and Markdown print statutes
_UNIT_END = "(?=[\\s\u3000]|$)"
#: ... or an article's text follows its number without a space (第一条为了……), which the
#: number of an article cited at a paragraph's start never is: it goes on as a reference
#: (第三条规定的, 第三条第二款, 第三条至第五条, 第三条、第四条, 第三条所称)
_ARTICLE_TEXT = f"(?=[\u4e00-\u9fff“《（(])(?![规的第至、和及或所中款项{_CN}])"
#: (level, pattern) of the enumerators, outermost first; each must start the paragraph
LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (level, lazy(pattern))
    for level, pattern in enumerate(
        (
            f"第{_NUM}(?:分)?编{_UNIT_END}",
            f"第{_NUM}章{_UNIT_END}",
            f"第{_NUM}节{_UNIT_END}",
            f"第{_NUM}条(?:之{_NUM})?(?:{_UNIT_END}|{_ARTICLE_TEXT})",
            f"[{_CN}]+、",
            f"[（(][{_CN}]+[）)]",
            r"\d{1,3}[.．、](?![\d.．])",
            r"[（(]\d{1,3}[）)]",
        )
    )
)
#: the level of articles (第X条): a statute's unit of meaning
ARTICLE_LEVEL = 3
#: a document needs this many enumerated paragraphs to have an outline
MIN_ENUMERATED = 3

Address = tuple[str, ...]


#: a unit's number set in bold or italics (**第一条**　……), as Markdown collections of
#: statutes print it
_EMPHASIS = lazy(r"([*_]{1,3})(第[^*_\s]{1,16}?)\1")


def enumerator(text: str) -> tuple[int, str] | None:
    """(level, label) of the enumerator that starts `text`, or None."""
    head = text.lstrip(" \t\u3000")
    emphasis = _EMPHASIS.match(head)
    if emphasis is not None:
        head = emphasis.group(2) + head[emphasis.end() :]
    for level, pattern in LEVELS:
        m = pattern.match(head)
        if m:
            return level, m.group(0)
    return None


_YEAR_DIGIT = r"[\d〇零一二三四五六七八九]"
_DAY = r"[\d〇零一二三四五六七八九十]{1,3}"
#: a date on a line of its own: 2019年2月15日, 二〇〇四年三月二日, (2019年2月15日)
_DATE_LINE = lazy(rf"[（(]?{_YEAR_DIGIT}{{4}}\s*年\s*{_DAY}\s*月\s*{_DAY}\s*日[）)]?")
#: a signature names an organ or a person: a short line without clause punctuation
SIGNATURE_MAX_CHARS = 30
_CLAUSE_MARKS = frozenset("，。；！？,;!?：:")


def date_line(text: str) -> bool:
    """Is `text` (a paragraph) only a date (成文日期)?"""
    return _DATE_LINE.fullmatch(text.strip(" \t\u3000")) is not None


def signature_line(doc: Document, index: int) -> bool:
    """Is paragraph `index` the signature of a document (发文机关署名): a short line
    without clause punctuation directly followed by a line that is only a date?"""
    paras = doc.paragraphs
    if index + 1 >= len(paras):
        return False
    text = paras[index].text.strip(" \t\u3000")
    return (
        0 < len(text) <= SIGNATURE_MAX_CHARS
        and not any(c in _CLAUSE_MARKS for c in text)
        and date_line(paras[index + 1].text)
    )


def _addresses(doc: Document) -> tuple[tuple[Address, bool], ...]:
    open_units: list[str | None] = [None] * len(LEVELS)
    out: list[tuple[Address, bool]] = []
    enumerated = 0
    for p in doc.paragraphs:
        found = enumerator(p.text)
        if found is not None:
            level, label = found
            enumerated += 1
            open_units[level] = label
            for deeper in range(level + 1, len(LEVELS)):
                open_units[deeper] = None
        address = tuple(u for u in open_units if u is not None)
        out.append((address, open_units[ARTICLE_LEVEL] is not None))
    if enumerated < MIN_ENUMERATED:
        return tuple(((), False) for _ in doc.paragraphs)
    return tuple(out)


def _outline(doc: Document) -> tuple[tuple[Address, bool], ...]:
    return doc.memo("lang.outline", lambda: _addresses(doc))


def addresses(doc: Document) -> tuple[Address, ...]:
    """The address of every paragraph (all empty when the document has no outline)."""
    return tuple(a for a, _ in _outline(doc))


def in_different_units(doc: Document, a: int, b: int) -> bool:
    """Do paragraphs `a` and `b` (indices) sit in different units of the document's outline?"""
    addr = _outline(doc)
    return bool(addr[a][0]) and bool(addr[b][0]) and addr[a][0] != addr[b][0]


def in_articles(doc: Document, a: int, b: int) -> bool:
    """Are paragraphs `a` and `b` both inside articles (第X条) of a statute's outline?

    A statute restates on purpose, also between the paragraphs (款) of one article:
    "上级人民法院对下级人民法院……" and "最高人民检察院对各级人民法院……" share most of
    their words."""
    addr = _outline(doc)
    return addr[a][1] and addr[b][1]


def inside_article(doc: Document, index: int) -> bool:
    """Is paragraph `index` inside an article (第X条) of a statute's outline?"""
    return _outline(doc)[index][1]


#: the article that puts a statute in force (本法自2021年1月1日起施行。) is its last one
_IN_FORCE = lazy(r"(?:施行|生效)[。．.]?[”’）)]?$")
#: closing marks that may follow a paragraph's final mark
_TRAILING = "”’」』）)》〉】 \t\u3000"


def _find_appendix(doc: Document) -> tuple[int, int] | None:
    paras = doc.paragraphs
    last = None
    outline = _outline(doc)
    for p in paras:  # the article's text may stand under its number (第四十条 / 本法自……施行。)
        if outline[p.index][1] and _IN_FORCE.search(p.text.strip()):
            last = p.index
    if last is None:
        return None
    start = None
    for p in paras[last + 1 :]:
        found = enumerator(p.text)
        if found is not None and found[0] <= ARTICLE_LEVEL:
            return None if start is None else (start, p.index)
        tail = p.text.rstrip(_TRAILING)[-1:]
        if start is None and tail and tail not in FINAL_MARKS:
            start = p.index
    return None if start is None else (start, len(paras))


def appendix(doc: Document) -> tuple[int, int] | None:
    """Paragraphs start..end (indices) of a statute's appendix: what follows its last
    article (the one that puts it in force), from the first line without a final mark
    (附：, 附表, a table's title) up to the next article or chapter, if any. A statute
    appends tables and forms there (等级划分标准, 税率表, signal tables), printed one cell
    or row a line: not running text, and their cells repeat on purpose."""
    return doc.memo("lang.outline.appendix", lambda: _find_appendix(doc))


def in_appendix(doc: Document, index: int) -> bool:
    """Is paragraph `index` inside a statute's appendix (`appendix`)?"""
    span = appendix(doc)
    return span is not None and span[0] <= index < span[1]


_CONTENTS_LINE = lazy("目[ \t\u3000]*录")
#: a statute's contents (目录) stands within this many lines of its start
CONTENTS_START_MAX = 30


def _find_contents(doc: Document) -> tuple[int, int] | None:
    paras = doc.paragraphs
    start = next(
        (p.index for p in paras[:CONTENTS_START_MAX] if _CONTENTS_LINE.fullmatch(p.text.strip(" \t\u3000*#"))), None
    )
    if start is None or start + 1 >= len(paras):
        return None
    first_entry = paras[start + 1].text.strip()
    for p in paras[start + 2 :]:
        found = enumerator(p.text)
        if p.text.strip() == first_entry or (found is not None and found[0] == ARTICLE_LEVEL):
            return start, p.index
    return None


def contents(doc: Document) -> tuple[int, int] | None:
    """Paragraphs start..end (indices) of a statute's table of contents: from its 目录 line
    to the heading that repeats its first entry (or the first article). Its lines are
    entries, one a line: no paragraph broken, cut off or started in the middle."""
    return doc.memo("lang.outline.contents", lambda: _find_contents(doc))


def in_contents(doc: Document, index: int) -> bool:
    """Is paragraph `index` inside a statute's table of contents (`contents`)?"""
    span = contents(doc)
    return span is not None and span[0] <= index < span[1]
