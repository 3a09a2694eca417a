"""Text printed line by line: paragraphs hard-wrapped at the width of a print column.

OCR engines read a page one printed line at a time, and text copied out of a PDF keeps
the lines of its columns: every paragraph arrives broken into lines of (almost) the same
width, wherever the column ended -- inside a word, a number, a name. Reported break by
break that is a "broken paragraph" on every line; this module recognises the column
instead, from the document as a whole:

- the column's width: the display width (a Han character or full-width mark two cells, a
  digit or Latin letter one) that most lines of prose reach, give or take a cell or two
  (a half-width character, a punctuation mark hung in the margin or squeezed);
- a *full* line (that width, prose: mostly Han, no tabs or spaced-out cells), or a
  paragraph's first line an indent short of it where the indent was lost (OCR drops it),
  goes on in the next line unless the next line starts a paragraph: it is indented (in a document
  that indents its paragraphs) or opens a list item or a section, or the full line ends
  a sentence in a document that does not indent (a paragraph may end flush with the
  margin);
- the evidence must hold for the document: at least `_MIN_FULL` full lines and 40% of
  the lines, hardly any line wider than the column, and at least half of the full lines
  ending inside a word or clause (no punctuation mark: wrapped text ends its lines
  anywhere; verse, lists and tables end theirs on a mark or are short).

Two columns read across by an OCR engine that takes a page row by row alternate, a line
of one and a line of the other: then a word runs across from a line to the line two down,
not to the next (`_run_on`); nothing is joined and L108 reports the lines. Where
the two counts are close, nothing is reported.

`columns` gives the runs of joined lines, for L107 to report once and for the flow to take
as joined before it looks for broken paragraphs elsewhere, or the interleaved lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from zhcheck.document import Document, Kind, Paragraph
from zhcheck.lazyre import lazy
from zhcheck.rules.lang.outline import ARTICLE_LEVEL, enumerator
from zhcheck.rules.layout.page import page_number
from zhcheck.rules.layout.text import (
    FINAL,
    LIST_MARKER,
    article_opener,
    join_evidence,
    section_number,
    word_across,
)
from zhcheck.textutil import CJK_CLASS, CJK_RE

#: characters printed two cells wide: CJK ideographs, kana, hangul, full-width forms and
#: the marks Chinese print sets full width (—‘’“”… ·)
_WIDE = lazy(
    "[\u00b7\u2014-\u2026\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003ffff]"
)
#: cells (or runs of spaces) of a table or form, not prose
_CELLS = lazy(r"\t| {2,}|\u3000{2,}")
#: a short item followed by a space: names or terms listed one after another (王小明　李华)
_SPACED_ITEMS = lazy(f"[{CJK_CLASS}]{{1,5}}[ \u3000]")
_SPACED_ITEMS_MAX = 3
#: an indented line: a tab, a full-width space or at least two spaces before its text
_INDENT = lazy(r"[ \t]*\t|[ \t]{2,}|\u3000")
_CLAUSE = lazy("[，,。；;！？!?]")
#: what a paragraph may end on: a sentence's end, or a colon before a list or a letter's body
_PARAGRAPH_END = frozenset(FINAL) | frozenset("：:")
#: the headline of an article stands in its first lines
_HEADLINE_LINES = 3
_MARKS = frozenset("，,、。．；;：:！？!?…”’）)》」』】—―")
#: a line narrower than this (8 Han characters) says nothing about a column
_MIN_WIDTH = 16
#: at least this many full lines in the document
_MIN_FULL = 4
#: at least this share of the full lines end inside a word or clause
_MIN_INSIDE = 0.5
#: at least this share of the lines of some width are full (a paragraph's lines but its
#: last are), and at most this share run past the column
_MIN_FULL_SHARE = 0.4
_MAX_OVER_SHARE = 0.1
#: a full line is this many cells short of the column at most (a half-width character, a
#: squeezed mark), or this many past it (a closing mark hung in the margin)
_SLACK = 3
_HANG = 2
#: a document indents its paragraphs when this share of its lines (and two at least) are
#: indented: a paragraph of 2-20 lines each, half their indents lost to OCR at worst
_MIN_INDENT_SHARE = 0.02
#: a paragraph's indent: two full-width spaces
_INDENT_CELLS = 4
#: a run reports at least this many joined breaks (a single one is L101's)
_MIN_JOINS = 2
#: lines of a list open alike: at least this many, and a third of a run's
_LIST_SAME_START = 3
#: two columns read across: a word runs two lines down at least this often (and twice as
#: often as into the next line), among at most this many full lines
_MIN_INTERLEAVE = 5
#: ... and one column's lines go on into the next line at least twice as often as two down
#: (once two-down words are this many)
_AMBIGUOUS = 3
_INTERLEAVE_SAMPLE = 300
#: a column breaks its lines anywhere, a third of them or more where the text plainly reads
#: on (inside a word, a number and its unit, a quote); lines of a song, of verse without
#: marks or of a list end on a whole phrase, hardly ever so (at most this share of the full lines)
_MIN_READ_ON = 0.1
#: joins at most this many lines apart belong to one run
_RUN_GAP = 3


@dataclass(frozen=True, slots=True)
class WrappedRun:
    """Lines printed one column line at a time: paragraphs first..last (indices)."""

    first: int
    last: int
    #: the column's width in cells
    width: int
    #: the paragraphs whose line goes on in the next one
    joins: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Columns:
    """What the document's line widths show: runs of a column's lines to join, or two
    columns read across, line by line (paragraphs first..last)."""

    runs: list[WrappedRun]
    #: the lines of two columns read across (a run with nothing to join)
    interleaved: WrappedRun | None = None


def columns(doc: Document) -> Columns:
    """The document's print columns, worked out once."""
    return doc.memo("layout.wrap", lambda: _columns(doc), __package__)


def wrapped_runs(doc: Document) -> list[WrappedRun]:
    """The document's runs of hard-wrapped lines."""
    return columns(doc).runs


def display_width(text: str) -> int:
    """Cells the text takes in print: two for a wide character, one for the others."""
    return len(text) + len(_WIDE.findall(text))


def _prose(text: str) -> bool:
    """Mostly Han, no cells of a table, not a list of names or terms set apart by spaces."""
    return (
        _CELLS.search(text) is None
        and 2 * len(CJK_RE.findall(text)) >= len(text)
        and len(_SPACED_ITEMS.findall(text)) < _SPACED_ITEMS_MAX
    )


def _column(widths: list[int]) -> int:
    """The width most lines reach (allowing a few cells less, or a mark hung past it)."""
    counts = Counter(w for w in widths if w >= _MIN_WIDTH)
    best, best_key = 0, (0, 0)
    for w, c in counts.most_common(5):
        key = (sum(k for x, k in counts.items() if w - _SLACK <= x <= w + _HANG), c)
        if key > best_key:
            best, best_key = w, key
    return best


def _indented(doc: Document, line_start: int, p: Paragraph) -> bool:
    """Does `p` start indented, as a paragraph (a table's row may start with a tab cell)?"""
    return _INDENT.match(doc.text, line_start, p.start) is not None and _CELLS.search(p.text) is None


def _opens_paragraph(text: str) -> bool:
    """A list item, a section's or an article's number (第五条), a dateline or an editor's
    note opens a paragraph of its own."""
    unit = enumerator(text)
    return (
        LIST_MARKER.match(text) is not None
        or (unit is not None and unit[0] <= ARTICLE_LEVEL)
        or section_number(text)
        or article_opener(text)
    )


def _headline_area(paras: list[Paragraph], i: int) -> bool:
    """A line among the document's first lines before any sentence ends, without a clause
    mark: a line of the headline, whatever its width."""
    return i < _HEADLINE_LINES and all(_CLAUSE.search(p.text) is None for p in paras[: i + 1])


def _list_items(paras: list[Paragraph], joins: list[int]) -> bool:
    """Do the lines after the full ones open alike (根据…, 根据…): items of a list, each
    on a line of its own, not a column's lines, which start anywhere in a sentence?"""
    starts = Counter(paras[i + 1].text[:2] for i in joins)
    most = starts.most_common(1)[0][1]
    return most >= _LIST_SAME_START and most * 3 >= len(joins)


def _indent_lost(i: int, widths: list[int], width: int, ends: list[bool], paras: list[Paragraph]) -> bool:
    """Is line i a paragraph's first line whose indent (two full-width spaces) was lost, as
    OCR loses it: the column's width less an indent, after a line that ended a paragraph,
    itself ending inside a word or clause?"""
    indented = width - _INDENT_CELLS
    return (
        indented - _SLACK <= widths[i] <= indented + 1
        and (i == 0 or ends[i - 1])
        and paras[i].text[-1] not in _MARKS
        and _prose(paras[i].text)
    )


def _sample(full: list[bool]) -> list[int]:
    """The full lines (at most `_INTERLEAVE_SAMPLE`) with two lines after them."""
    return [i for i, f in enumerate(full) if f and i + 2 < len(full)][:_INTERLEAVE_SAMPLE]


@dataclass(frozen=True, slots=True)
class _RunOn:
    """How the sampled full lines go on (`_INTERLEAVE_SAMPLE` at most)."""

    sampled: int
    #: a word runs on into the next line; into the line two down. A column's lines go on in
    #: the next line; two columns read across, a line of one and a line of the other, two down
    next_line: int
    two_down: int
    #: the next line reads on on strong evidence (a word, a number and its unit, a quote
    #: closed, a start that cannot open a sentence)
    read_on: int


def _run_on(paras: list[Paragraph], full: list[bool]) -> _RunOn:
    lines = _sample(full)
    evidence = [join_evidence(paras[i].text, paras[i + 1].text) for i in lines]
    return _RunOn(
        len(lines),
        sum(ev.word is not None for ev in evidence),  # (the word join_evidence reads across)
        sum(word_across(paras[i].text, paras[i + 2].text) is not None for i in lines),
        sum(bool(ev.strong) for ev in evidence),
    )


_NONE = Columns([])


def _columns(doc: Document) -> Columns:
    if doc.format not in ("text", "docx"):
        return _NONE  # Markdown and HTML join a paragraph's lines themselves
    paras = doc.paragraphs
    if len(paras) < _MIN_FULL:
        return _NONE
    starts = [doc.line_bounds(p.start)[0] for p in paras]
    widths = [display_width(doc.text[s : p.end]) for s, p in zip(starts, paras, strict=True)]  # indent included
    width = _column(widths)
    if not width:
        return _NONE
    full = [width - _SLACK <= w <= width + _HANG and _prose(p.text) for w, p in zip(widths, paras, strict=True)]
    n_full = sum(full)
    wide = [w for w in widths if w >= _MIN_WIDTH]
    over = sum(w > width + _HANG + _SLACK for w in wide)
    if n_full < max(_MIN_FULL, _MIN_FULL_SHARE * len(wide)) or over > _MAX_OVER_SHARE * len(wide):
        return _NONE  # lines of every length: paragraphs, not a column
    inside = sum(1 for p, f in zip(paras, full, strict=True) if f and p.text[-1] not in _MARKS)
    if inside < _MIN_INSIDE * n_full:
        return _NONE
    on = _run_on(paras, full)
    if on.two_down >= max(_MIN_INTERLEAVE, 2 * on.next_line):
        fulls = [i for i, f in enumerate(full) if f]
        return Columns([], WrappedRun(fulls[0], min(fulls[-1] + 1, len(paras) - 1), width, ()))
    if on.two_down >= _AMBIGUOUS and on.next_line < 2 * on.two_down:
        return _NONE  # neither one column nor two read across: join nothing
    if on.read_on < max(1, _MIN_READ_ON * on.sampled):
        return _NONE  # every line a whole phrase: lyrics, verse or a list set line by line
    indented = [_indented(doc, s, p) for s, p in zip(starts, paras, strict=True)]
    indenting = sum(indented) >= max(2, _MIN_INDENT_SHARE * len(paras))  # (not a few stray indents)
    joins = []
    ends = [p.text.rstrip("”’」』）)")[-1:] in _PARAGRAPH_END for p in paras]
    for i in range(len(paras) - 1):
        if not (full[i] or (not indenting and _indent_lost(i, widths, width, ends, paras))):
            continue
        nxt = paras[i + 1]
        if nxt.blank_before or _opens_paragraph(nxt.text) or nxt.structural or _headline_area(paras, i):
            continue
        if CJK_RE.search(nxt.text) is None or page_number(nxt.text):
            continue  # a page number: what goes on after it is the flow's to find (L101, L106)
        if paras[i].kind is Kind.CAPTION:
            continue  # a photo's caption and credit, as wide as the column by chance
        if indenting and indented[i + 1]:
            continue  # an indented line starts a paragraph
        if not indenting and ends[i]:
            continue  # flush with the margin at a sentence's end: maybe the paragraph's end
        joins.append(i)
    runs: list[WrappedRun] = []
    group: list[int] = []
    for i in [*joins, None]:
        if group and (i is None or i - group[-1] > _RUN_GAP):
            if len(group) >= _MIN_JOINS and not _list_items(paras, group):
                runs.append(WrappedRun(group[0], group[-1] + 1, width, tuple(group)))
            group = []
        if i is not None:
            group.append(i)
    return Columns(runs)
