"""Paragraph-level structure for the duplicate rules: exact copies and runs
of them (found by hashing a normalised key, linear in the number of
paragraphs), the summary block above a title and the news lead below it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from zhcheck.document import Document, Kind, Paragraph
from zhcheck.lazyre import lazy
from zhcheck.rules.duplicate.text import paragraph_contents, paragraph_keys
from zhcheck.rules.lang.outline import ARTICLE_LEVEL, enumerator, signature_line
from zhcheck.rules.lang.vocab import ARTICLE_OPENER, ELLIPSIS, STOPS
from zhcheck.textutil import cjk_count

#: content characters a non-adjacent exact copy needs to count (`……`, `问：` do not)
MIN_EXACT = 4
#: a short line recurring this often (not in a row) is a label or table cell, not a copy
SHORT_LINE = 8
LABEL_REPEATS = 3
#: a line without clause punctuation (a heading, a table of contents entry, a table row, a
#: list item, the refrain of a poem) repeats far from its original only as structure,
#: unless it is at least this long
LONG_LINE = 20
#: a long line of this many items set off by 、 and no clause mark is a list (the organs
#: responsible for a task in a table of an official document), structure however long
LIST_ITEMS = 3
#: a line that only cites documents (《中华人民共和国药品管理法》 《……》（国务院令第412号）): the legal
#: basis printed in a cell of every row of a table of administrative items
_CITATION = lazy(r"(?:《[^《》]+》(?:[（(][^（）()]{1,30}[）)])?[、，,\s]*)+")
#: a form of address on a line of its own (女士们、先生们！ 各位代表：): a speech opens its
#: parts with it again and again
_ADDRESS = lazy(r"[^，。；？！：,;?!:]{1,20}[！：!:]")
#: a far copy needs at least this many Han characters to read as a sentence
SENTENCE_MIN_HAN = 6
_CLAUSE_PUNCT = lazy(r"[，。；！？]|[,;!?](?!\d)")
#: at most this many short body paragraphs before the first heading form a summary block
SUMMARY_MAX_PARAS = 6
SUMMARY_MAX_CHARS = 200

_NEVER = (Kind.DIRECTIVE, Kind.SEPARATOR)
#: table cells repeat values by design; markup lines are no text
_CELLS = ("table_cell", "markup")
_CREDIT = (Kind.BYLINE, Kind.CAPTION)
_SENTENCE_END = STOPS + ELLIPSIS


@dataclass(frozen=True)
class Copy:
    """Paragraphs first..last (indices) repeat the paragraphs `origin`.

    `rule` is D101 (one exact copy), D103 (a run of exact copies) or D102 (a
    near copy, `containment` < 1). `summary` marks a copy whose original sits
    in the summary block above the title: it is reported there, as info.
    """

    rule: str
    first: int
    last: int
    origin: tuple[int, ...]
    containment: float = 1.0
    summary: bool = False


@dataclass(frozen=True)
class ExactCopies:
    copies: tuple[Copy, ...]
    #: every paragraph that is an exact copy of an earlier one
    exact: frozenset[int]
    #: the normalised text of every paragraph
    keys: tuple[str, ...]
    #: short body paragraphs above the first heading (a lead/summary block)
    summary_zone: frozenset[int]
    #: the first body paragraph after the title: a news lead that the body may restate
    news_lead: int | None
    #: a deck: the highlights a news page prints at its head, each behind a bullet (■ ● ◆),
    #: restating sentences of the report below by design (never reported)
    deck: frozenset[int] = frozenset()


def is_titleish(p: Paragraph) -> bool:
    """Headings and title lines (no sentence-ending mark anywhere in them)."""
    if p.kind is Kind.HEADING:
        return True
    text = p.text.rstrip("”’」』）)》 ")
    return not any(c in _SENTENCE_END for c in text)


def reads_as_body(text: str, size: int) -> bool:
    """Is a line body text whose far-away copy is a defect (a sentence, a Markdown heading)?

    Plain lines with no clause punctuation are structure when they recur: a law
    prints its chapter headings in the table of contents and again above each
    chapter, a flattened table repeats its row labels, the organs responsible for
    each task (a list set off by 、, however long) and the law each item rests on
    (a line citing 《titles》 only), a poem its refrain, a speech its form of address
    (女士们、先生们！). A
    Markdown heading (`## …`) names one section and is never printed twice.
    """
    if text.lstrip().startswith("#"):
        return True
    if _CITATION.fullmatch(text.strip()) or _ADDRESS.fullmatch(text.strip()):
        return False
    unit = enumerator(text)
    if unit is not None and unit[0] < ARTICLE_LEVEL and not _CLAUSE_PUNCT.search(text):
        return False  # a part, chapter or section heading (第七章　……), printed in the contents too
    clause = _CLAUSE_PUNCT.search(text) is not None
    if size >= LONG_LINE:
        return clause or text.count("、") < LIST_ITEMS - 1
    return cjk_count(text) >= SENTENCE_MIN_HAN and clause


#: the marks a deck line starts with
_DECK_BULLETS = "■□●○◆◇▲△★☆•"


#: a deck starts within this many lines of the top (under the headline and its kicker)
DECK_START_MAX = 3
#: a deck holds at most this many lines (bulleted items, some run on over a few lines)
DECK_MAX_LINES = 12
#: an item of a deck runs on over at most this many lines after its bullet
DECK_ITEM_LINES = 4


def _bulleted(p: Paragraph) -> bool:
    return p.text.lstrip()[:1] in tuple(_DECK_BULLETS)


def _deck(paras: list[Paragraph]) -> frozenset[int]:
    """The highlights near the top of a news page (its deck): the lines between the
    headline and the dateline that opens the report (本报北京…电, 新华社…电), or else the lines
    from the first bulleted one to the last, each item running on over at most
    DECK_ITEM_LINES lines, followed by the article."""
    body = [p for p in paras if p.kind is not Kind.SEPARATOR]
    opener = next((k for k, p in enumerate(body[:DECK_MAX_LINES]) if ARTICLE_OPENER.match(p.text)), None)
    if opener is not None and opener >= 2:
        return frozenset(p.index for p in body[1:opener])  # between the headline and the dateline
    first = next((k for k, p in enumerate(body[:DECK_START_MAX]) if _bulleted(p)), None)
    if first is None:
        return frozenset()
    last = first
    for k in range(first + 1, min(len(body), first + DECK_MAX_LINES)):
        if _bulleted(body[k]):
            last = k
        elif k - last > DECK_ITEM_LINES:
            break
    if last + 1 >= len(body):
        return frozenset()
    return frozenset(p.index for p in body[first : last + 1])


def _summary_zone(paras: list[Paragraph]) -> tuple[frozenset[int], int | None]:
    first_heading = next((p.index for p in paras[: SUMMARY_MAX_PARAS + 4] if p.kind is Kind.HEADING), None)
    zone: frozenset[int] = frozenset()
    if first_heading:
        body = [p for p in paras[:first_heading] if p.kind is Kind.BODY]
        if len(body) <= SUMMARY_MAX_PARAS and all(len(p.text) <= SUMMARY_MAX_CHARS for p in body):
            zone = frozenset(p.index for p in body)
    start = first_heading if first_heading is not None else 0
    lead = next(
        (p.index for p in paras[start:] if p.kind is Kind.BODY and p.index not in zone and not is_titleish(p)),
        None,
    )
    return zone, lead


def _exact_previous(doc: Document, keys: list[str], contents: list[str]) -> tuple[list[int | None], dict[str, int]]:
    """For each paragraph, the nearest earlier paragraph it copies exactly (or None).

    A copy right after its original always counts. Further away, the line must
    have MIN_EXACT letters and be no byline or credit, and a short line
    (under SHORT_LINE letters) must not recur LABEL_REPEATS times or more: a
    label printed at every section or a flattened table cell is structure.
    A line that does not read as body text (`reads_as_body`) counts only when
    it copies the document's title or sits next to a copy of its neighbour (a
    heading copied with its section). An official document's signature above its
    date repeats the issuing organ of its first line by design (`signature_line`).
    """
    paras = doc.paragraphs
    prev: list[int | None] = [None] * len(paras)
    last_seen: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    structure: dict[int, int] = {}  # structure lines that repeat an earlier one
    sizes = [len(c) for c in contents]
    counts = Counter(k for k, n in zip(keys, sizes, strict=True) if n < SHORT_LINE)
    for p in paras:
        k, n = keys[p.index], sizes[p.index]
        if p.kind in _NEVER or p.block in _CELLS or n < 2 or signature_line(doc, p.index):
            continue
        j = last_seen.get(k)
        if j is not None and (
            j == p.index - 1
            or (n >= MIN_EXACT and p.kind not in _CREDIT and (n >= SHORT_LINE or counts[k] < LABEL_REPEATS))
        ):
            if j == p.index - 1 or reads_as_body(p.text, n) or first_seen.get(k) == 0:  # 0: the title
                prev[p.index] = j
            else:
                structure[p.index] = j
        last_seen[k] = p.index
        first_seen.setdefault(k, p.index)
    for i, j in structure.items():
        if (i > 0 and prev[i - 1] == j - 1) or (i + 1 < len(prev) and prev[i + 1] == j + 1):
            prev[i] = j
    return prev, first_seen


def _runs(prev: list[int | None]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive copies whose originals are consecutive too."""
    runs = []
    i, n = 0, len(prev)
    while i < n:
        if prev[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < n and prev[j + 1] is not None and prev[j + 1] == prev[j] + 1:  # type: ignore[operator]
            j += 1
        runs.append((i, j))
        i = j + 1
    return runs


def find_exact_copies(doc: Document) -> ExactCopies:
    """Exact paragraph copies (D101/D103), the summary block and the news lead."""
    paras = doc.paragraphs
    keys = paragraph_keys(doc)
    prev, first_seen = _exact_previous(doc, keys, paragraph_contents(doc))
    zone, lead = _summary_zone(paras)
    deck = _deck(paras)
    copies: list[Copy] = []
    for a, b in _runs(prev):
        period = a - prev[a]  # type: ignore[operator]
        head = range(a, a + min(period, b - a + 1))
        origin = tuple(sorted({first_seen[keys[i]] for i in head}))
        if a not in deck and all(o in deck for o in origin):
            continue
        summary = all(o in zone for o in origin) and a not in zone
        copies.append(Copy("D101" if a == b else "D103", a, b, origin, summary=summary))
    exact = frozenset(i for i, j in enumerate(prev) if j is not None)
    return ExactCopies(tuple(copies), exact, tuple(keys), zone, lead, deck)
