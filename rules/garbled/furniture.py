"""Page furniture as blocks (rule G206): where the article sits in a scraped web page.

A scraper that saves a page as text keeps the page around the article: navigation bars,
breadcrumbs, toolbars (字号 大 中 小 | 打印 | 关闭), source and time rows, related-link
lists, comment forms, footers. Judged line by line (G202) most of it is invisible: a line
"体育" or "0" means nothing alone. Judged as a page it is plain: the article is the run of
prose (long lines with sentence punctuation) in the middle, and what surrounds it is short
lines without sentence punctuation, navigation symbols, dates, UI words, URLs.

The analysis:

1. every non-blank line gets *evidence* of furniture (`_evidence`: the G202 patterns, a
   line made of UI words of `rules/data/page_furniture.toml`, a metadata label, navigation
   symbols, dates and times, URLs, phone numbers and hashes, bare numbers, a copy of the
   headline or the opening) and is *prose* or not;
2. the article body is the stretch of lines with the largest sum of weights (prose counts
   by its length, furniture against it; Kadane's maximum-sum run);
   Structures of several lines add evidence: a calendar (day numbers counting on, weekday
   names), a comment thread (rows of one shape with a user and a time, `_mark_threads`,
   and the comments between them), a list of headline-like lines, a copy of the headline;
3. before the body, the headline (and subtitle, byline) is the last plain lines -- unless
   they are a long list below a headline and its source/time row already seen above (a
   list of links, not a subtitle); what precedes the headline, and the metadata rows
   between it and the body, are blocks; after the body, everything from the first line
   with evidence to the end is one block; a region splits into blocks only where lines of
   prose (or the article's own numbered items) follow each other, and the blocks at the
   top and bottom of the page reach its first and last line (the top one not over a
   headline printed above the page's furniture); inside the body, only runs
   whose every line has evidence count;
4. a block is reported when it has enough evidence (`MIN_LINES` lines with evidence, a sum
   of at least `MIN_EVIDENCE` and a density of at least `MIN_DENSITY` per line).

The thresholds were set on the tuning half of corpus/scraped and corpus/clean.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import sys
from dataclasses import dataclass

from zhcheck.document import Document, Kind, Paragraph
from zhcheck.lazyre import compile_cached, lazy
from zhcheck.rules.garbled.debris import boilerplate
from zhcheck.textutil import cjk_count

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: a block needs this many lines with evidence of at least 1 ...
MIN_LINES = 2
#: ... this much evidence in all ...
MIN_EVIDENCE = 3.0
#: ... and this much per non-blank line
MIN_DENSITY = 0.5
#: ... of which this much from the page's own UI (not only dates, phone numbers, labels)
MIN_UI = 2.0
#: the reasons that are the page's own UI (a notice's date or phone number is not)
UI_REASONS = frozenset(
    {
        "tools",
        "navigation",
        "breadcrumb",
        "copyright",
        "form",
        "qrcode",
        "list",
        "copy",
        "credits",
        "contact",
        "calendar",
        "comments",
    }
)
#: a single line at the head or tail: this much evidence of the page's UI
SINGLE_MIN_UI = 3.0
#: a single metadata row between the headline and the body: this much evidence
META_MIN_EVIDENCE = 2.0
#: a block inside the article body: every line has evidence >= 1 and there are this many
INNER_MIN_LINES = 3
#: the fix deletes a block without review when it lies at the head or tail of the page and
#: its evidence per line is at least this (and no line of it reads as prose)
SAFE_DENSITY = 1.5
SAFE_MIN_LINES = 3
#: prose: a line of at least this many CJK characters with sentence punctuation
PROSE_MIN_CJK = 16
#: a headline or byline line: at most this many characters
HEADLINE_MAX = 60
#: a plain line with this many Han characters above the page's furniture is a headline (site
#: names are shorter: 中央政府门户网站)
HEADLINE_MIN_CJK = 10
HEADLINE_LINES = 5
#: a list of links outside the body: items of this many characters, this many in a row
#: (or two after a list header)
LIST_ITEM_MIN = 8
LIST_ITEM_MAX = 40
LIST_MIN_ITEMS = 4
#: a menu bar: this many short items between separators
MENU_MIN_ITEMS = 5
#: this many lines of prose in a row without evidence split a region into blocks (short
#: lines without evidence between furniture lines do not: a list's plain items)
GAP_LINES = 3
#: a line of prose for the gaps: sentence punctuation, or at least this many CJK characters
GAP_MIN_CJK = 30
#: a comment thread: rows of one shape (user name, time, reply/like counts) at least this
#: often after the body, and at most this many lines of comment text between two of them
TEMPLATE_MIN_ROWS = 2
TEMPLATE_MAX_GAP = 8
#: a calendar: this many date-grid cells (day numbers, weekday names) in a row
CALENDAR_MIN_CELLS = 7
#: a bulleted line of at least this many CJK characters may be a report's deck of highlights
DECK_MIN_CJK = 12
#: a menu of space-separated items: this many items of at most MENU_ITEM_MAX characters
SPACE_MENU_MIN_ITEMS = 4
MENU_ITEM_MAX = 6

_SEPARATORS = r"\s|｜·•・、/／>＞»›→\-—_=~～\[\]【】()（）:：*＊#"
_SPLIT = lazy(f"[{_SEPARATORS}]+")
_NAV = lazy(
    r"\s[>＞»›→|｜]\s|[>＞»›]{2}|^[>＞»›→|｜]|[>＞»›→|｜]$|[^\s<]\s*[>＞»›]\s*[^\s>]{1,8}\s*[>＞»›]"
    r"|■|□|▪|◆|◇|●|○|▶|►|^\s*[·•]|\[[^\]]{1,4}\](?!\()|【[^】]{1,4}】|&gt;"
)
_DATE = lazy(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?|\d{1,2}月\d{1,2}日|\b\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\b"
)
_URL = lazy(
    r"https?://|www\.|\b[\w-]+\.(?:com|cn|net|org|gov|edu)\b|[\w.-]+@[\w-]+\.[\w.]+|ICP|备案号|安备\s*\d"
    r"|powered by|produced by"
    r"|\b400-?\d{3}-?\d{3,4}\b|\(?0\d{2,3}\)?[-\s]?\d{7,8}|\b[0-9a-f]{16,}\b",
    re.I,
)
_MENU_SEP = lazy(r" [-|｜·/] |\|")
_RULE_LINE = lazy(r"^[-=_*~—─━·.]{6,}$")
_MD_LINK = lazy(r"^\s*(?:[-*+]\s+|\d+\.\s+)?\[[^\]]+\]\([^)]*\)\s*$")
_TABLE_ROW = lazy(r"^\|.*\|$")
_SOCIAL = lazy(r"#[^#\s]{2,20}#|@[\w\u4e00-\u9fff]{2,20}")
_SHORT_TOKEN = lazy(r"^[\dA-Za-z\s.,:;%+\-()（）]{1,8}$")
_STOPS = lazy("[。！？；!?;]")
#: a heading over the article's own list of sources (参考文献, 主要参考信源, 资料来源):
#: the links under it are the article's, not the page's (参考消息 is a newspaper: a site's
#: section heading over its own links)
_SOURCES_HEADING = lazy("参考(?!消息)|文献|信源|资料来源|数据来源|引用|注释")
#: longest such heading
_SOURCES_HEADING_MAX = 16
#: a bullet at the start of a line
_BULLET = lazy(r"^\s*[■□▪◆◇●○▶►·•]")
#: a numbered item of the article's own list (1、 2. （三） 第四，)
_LIST_NUMBER = lazy(
    r"^\s*(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[，,、])"
)
#: a cell of a date grid: a day number or a weekday name (Chinese or English)
_CAL_CELL = (
    r"(?:[0-3]?\d|[日一二三四五六]|周[一二三四五六日]|星期[一二三四五六日天]"
    r"|Su|Mo|Tu|We|Th|Fr|Sa|Sun|Mon|Tue|Wed|Thu|Fri|Sat)"
)
_CALENDAR = lazy(rf"^\s*{_CAL_CELL}(?:\s+{_CAL_CELL})*\s*$")
#: a row of a comment thread or a list, its variable parts (names, numbers, times) masked
_ROW_VARIABLE = lazy(r"[A-Za-z0-9_.*\-/:@\[\]]+")
#: any punctuation that a menu of space-separated items does not have
_PUNCT = lazy(r"[，。！？；：、,.!?;:“”\"'（）()《》]")


@dataclass(frozen=True)
class Block:
    """A run of furniture lines: first and last paragraph, its evidence and where it lies."""

    first: Paragraph
    last: Paragraph
    lines: int
    evidence: float
    where: str  # "head" | "tail" | "inner"
    reasons: tuple[str, ...]
    safe: bool


@functools.cache
def _vocabulary() -> tuple[frozenset[str], re.Pattern[str]]:
    from zhcheck.rules.lang.resources import rules_data

    with open(rules_data("page_furniture.toml"), "rb") as fh:
        data = tomllib.load(fh)
    terms = frozenset(t for group in data["terms"].values() for t in group)
    labels = sorted({t for group in data["labels"].values() for t in group}, key=len, reverse=True)
    label_re = compile_cached(r"^[【\[(（]?\s*(?:" + "|".join(map(re.escape, labels)) + r")(?:\s*[:：]|\s+\S)")
    return terms, label_re


def _cjk(text: str) -> int:
    return cjk_count(text)


def _term_coverage(text: str) -> float:
    """Share of the line's characters (separators left out) covered by UI terms, matched
    longest first from left to right."""
    chars = _SPLIT.sub("", text)
    if not chars:
        return 0.0
    return sum(m.end() - m.start() for m in _terms_longest_first().finditer(chars)) / len(chars)


@functools.cache
def _terms_longest_first() -> re.Pattern[str]:
    """The UI terms as one alternation, longest first: at each position the regex takes the
    longest term that starts there, and goes on after it (or one character on)."""
    terms = sorted(_vocabulary()[0], key=lambda t: (-len(t), t))
    return compile_cached("|".join(map(re.escape, terms)))


def _is_prose(text: str) -> bool:
    n = _cjk(text)
    return n >= PROSE_MIN_CJK and (_STOPS.search(text) is not None or ("，" in text and n >= 30))


def _evidence(text: str, pattern_kind: str | None, prose: bool) -> tuple[float, str]:
    """How much a line looks like page furniture, and the main reason. A line of prose
    (`_is_prose`: a sentence that merely cites a URL, a phone number or a date) has none."""
    terms, label_re = _vocabulary()
    if pattern_kind is not None:
        return 3.0, pattern_kind
    if prose:
        return 0.0, ""
    if _TABLE_ROW.match(text) or _MD_LINK.match(text):
        return 0.0, ""  # a Markdown table row or a table of contents, not a menu
    if _RULE_LINE.match(text):
        return 1.0, "navigation"  # a divider of dashes or stars
    score, reason = 0.0, ""
    covered = _term_coverage(text)
    tokens = [t for t in _SPLIT.split(text) if t]
    if (covered >= 0.6 and len(text) <= 120) or (
        len(tokens) >= 4 and sum(t in terms for t in tokens) >= len(tokens) / 2
    ):
        score, reason = 2.0, "tools"
    elif covered >= 0.5 and len(text) <= 20:
        score, reason = 1.0, "tools"
    menu = len(tokens) >= MENU_MIN_ITEMS and _MENU_SEP.search(text) and not _STOPS.search(text)
    if menu and sum(len(t) <= 6 for t in tokens) >= 0.8 * len(tokens):
        score, reason = max(score, 2.0), reason or "navigation"
    elif _space_menu(text):
        score, reason = max(score, 1.0), reason or "navigation"
    if label_re.match(text) and (len(text) <= 30 or not _STOPS.search(text)):
        score, reason = max(score, 2.0), "meta"
    if _URL.search(text):
        score, reason = score + 2.0, reason or "link"
    if _NAV.search(text) and len(text) <= 80:
        # a bullet before a whole sentence of highlight (a news report's deck) is weaker
        deck = _BULLET.match(text) and _cjk(text) >= DECK_MIN_CJK and not _NAV.search(text[2:])
        score, reason = score + (0.5 if deck else 1.0), reason or "navigation"
    dates = _DATE.findall(text)
    if dates and len(text) <= 60:
        score, reason = score + 1.0, reason or "meta"
    if _SOCIAL.search(text) and len(text) <= 40:
        score, reason = score + 1.0, reason or "navigation"
    if not score and _SHORT_TOKEN.match(text):
        score, reason = 0.5, "navigation"  # a bare number or code: a menu's, a calendar's or a table's
    if not score and len(text) <= 6 and not _STOPS.search(text):
        score, reason = 0.5, "navigation"
    return score, reason


def _space_menu(text: str) -> bool:
    """Items of a menu or tag cloud separated by spaces only: 首页 组织机构 工作动态 …"""
    items = text.split()
    return (
        len(items) >= SPACE_MENU_MIN_ITEMS
        and all(len(t) <= MENU_ITEM_MAX for t in items)
        and not _PUNCT.search(text)
        and _cjk(text) >= len(items)
    )


@dataclass(frozen=True)
class _Line:
    para: Paragraph
    evidence: float
    reason: str
    prose: bool
    #: a line G202 reports by itself (a known boilerplate pattern)
    known: bool = False

    @property
    def weight(self) -> float:
        if self.prose and self.evidence < 2:
            return min(_cjk(self.para.text), 120) / 15
        if self.evidence:
            return -(0.5 + self.evidence)
        return -0.2

    @property
    def bodylike(self) -> bool:
        """A line that may be the article's (for the gaps that split blocks)."""
        text = self.para.text
        sentence = text.rstrip()[-1:] in "。！？；" or _LIST_NUMBER.match(text) is not None
        return not self.evidence and (self.prose or sentence or _cjk(text) >= GAP_MIN_CJK)

    def more(self, evidence: float, reason: str) -> _Line:
        """The line with `evidence` more (and `reason` if it had none); no longer prose."""
        return _Line(self.para, self.evidence + evidence, self.reason or reason, False, self.known)

    @property
    def plain(self) -> bool:
        """No evidence and not prose: a headline, subtitle or byline candidate."""
        return not self.evidence and not self.prose and 4 <= len(self.para.text) <= HEADLINE_MAX


def _lines(doc: Document) -> list[_Line]:
    kinds = {id(p): pat.kind for p, pat in boilerplate(doc)}
    out = []
    for p in doc.paragraphs:
        if p.kind is Kind.DIRECTIVE:
            continue
        prose = _is_prose(p.text)
        ev, reason = _evidence(p.text, kinds.get(id(p)), prose)
        out.append(_Line(p, ev, reason, prose, id(p) in kinds))
    return out


def _mark_copies(lines: list[_Line], first: int) -> None:
    """A line after the body that repeats the headline or the opening of the first paragraph
    (shown again in a list of links, often cut short) is furniture, unless it is the text
    printed again (`_printed_again`)."""
    lo = max(0, first - HEADLINE_LINES)
    texts = [re.sub(r"\s+", "", ln.para.text) for ln in lines]
    heads = texts[lo : first + 1]
    for k in range(first + 1, len(lines)):
        ln, t = lines[k], texts[k]
        linked = len(t) >= 8 and any(h.startswith(t[: max(8, len(t) - 3)]) for h in heads)
        if linked and not _printed_again(lines, texts, k, range(lo, first + 1)):
            lines[k] = _Line(ln.para, ln.evidence + 2.0, ln.reason or "copy", False, ln.known)


def _printed_again(lines: list[_Line], texts: list[str], k: int, heads: range) -> bool:
    """Is line k the article's own text printed again rather than a link to it: a full copy
    of the lead paragraph (a link list cuts the opening short), or of the headline followed
    by a full copy of the line after it (the headline with its lead, the block repeated)?
    Duplicated text, for the duplicate rules (D101, D103), not page furniture."""
    for j in heads:
        if texts[j] != texts[k]:
            continue
        if lines[j].prose:
            return True
        if k + 1 < len(texts) and j + 1 != k and texts[j + 1] == texts[k + 1] and lines[j + 1].prose:
            return True
    return False


def _bare_date(text: str) -> bool:
    """A line that is only a date (a notice's or a letter's), not a page's time row."""
    return len(_DATE.sub("", text).strip()) <= 2


def _headline_like(ln: _Line) -> bool:
    t = ln.para.text
    return (
        LIST_ITEM_MIN <= len(t) <= LIST_ITEM_MAX
        and t[-1] not in "。；;"
        and ln.evidence < 1
        and not t.startswith("#")  # a Markdown heading
    )


def _article_headline(ln: _Line) -> bool:
    """A line above the page's furniture that reads as the article's headline, not a site's
    name (中央政府门户网站) or a phone number: the block at the top of the page stops short
    of it, as deleting a headline loses the user's text."""
    return ln.plain and _cjk(ln.para.text) >= HEADLINE_MIN_CJK and _headline_like(ln)


def _mark_lists(lines: list[_Line], a: int, z: int) -> None:
    """Lists of links outside the body: headline-like lines after a list header (相关新闻,
    热门推荐: a line with evidence of 2 or more), or LIST_MIN_ITEMS of them in a row."""
    i = a
    while i <= z:
        j = i
        while j <= z and _headline_like(lines[j]):
            j += 1
        headed = i > a and lines[i - 1].evidence >= 2 and lines[i - 1].reason in UI_REASONS
        if j - i >= LIST_MIN_ITEMS or (headed and j - i >= 2):
            extra = 1.0 if headed else 0.5  # an unheaded run of short lines may be a poem
            for k in range(i, j):
                ln = lines[k]
                lines[k] = _Line(ln.para, ln.evidence + extra, ln.reason or "list", False, ln.known)
        i = j + 1


def _body(lines: list[_Line]) -> tuple[int, int]:
    """Index of the first and last line of the maximum-weight run (Kadane)."""
    best, best_span = 0.0, (0, -1)
    cur, start = 0.0, 0
    for i, ln in enumerate(lines):
        if cur <= 0:
            cur, start = 0.0, i
        cur += ln.weight
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def page_blocks(doc: Document) -> list[Block]:
    """The blocks of page furniture of the document (memoised)."""
    return doc.memo(("garbled", "furniture"), lambda: _page_blocks(doc), __package__)


def _is_date_grid(cells: list[str]) -> bool:
    """Cells of a calendar: CALENDAR_MIN_CELLS day numbers that count on by one (28 29 30 1
    2 …), or the weekday names. (A table column of small numbers does not count on.)"""
    days = [int(c) for c in cells if c.isdigit()]
    steps = sum(b == a + 1 or (b == 1 and a >= 28) for a, b in itertools.pairwise(days))
    weekdays = len(cells) - len(days)
    return steps + 1 >= CALENDAR_MIN_CELLS or weekdays >= CALENDAR_MIN_CELLS - 2


def _mark_calendars(lines: list[_Line]) -> None:
    """A date grid (a blog's or a portal's calendar): cells one a line (26 27 28 … Su Mo …)
    or several on a line, `_is_date_grid`."""
    i = 0
    while i < len(lines):
        j, cells = i, []
        while j < len(lines) and _CALENDAR.match(lines[j].para.text):
            cells += lines[j].para.text.split()
            j += 1
        if _is_date_grid(cells):
            for k in range(i, j):
                ln = lines[k]
                lines[k] = _Line(ln.para, max(ln.evidence, 1.0), "calendar", False, ln.known)
        i = j + 1


def _row_shape(text: str) -> str:
    """A row with its variable parts (user names, IP addresses, counts, times) masked."""
    return " ".join(_ROW_VARIABLE.sub("x", text).split())


def _mark_threads(lines: list[_Line], a: int, z: int) -> None:
    """A comment thread in lines[a..z]: rows of one shape with a date or time and words of
    their own (user, time, 引用 回复 支持 (2)) at least TEMPLATE_MIN_ROWS times, and the
    comment text between two of them. (A chronology's 3月5日 headings have no words of
    their own once the date is masked.)"""
    shapes: dict[str, list[int]] = {}
    for i in range(a, z + 1):
        text = lines[i].para.text
        if len(text) <= 80 and not lines[i].prose and _DATE.search(text):
            shape = _row_shape(text)
            if _cjk(re.sub("[年月日]", "", shape)) >= 2:
                shapes.setdefault(shape, []).append(i)
    rows = sorted(i for found in shapes.values() if len(found) >= TEMPLATE_MIN_ROWS for i in found)
    for n, i in enumerate(rows):
        lines[i] = lines[i].more(1.0, "comments")
        nxt = rows[n + 1] if n + 1 < len(rows) else None
        if nxt is not None and nxt - i <= TEMPLATE_MAX_GAP:
            for k in range(i + 1, nxt):
                lines[k] = lines[k].more(0.5, "comments")


def _titled(lines: list[_Line], end: int) -> bool:
    """A headline above `end`: a plain line directly above a source/time row."""
    return any(
        lines[i].plain and len(lines[i].para.text) >= 8 and lines[i + 1].reason in ("meta", "link") for i in range(end)
    )


def _broken_title(lines: list[_Line], i: int) -> bool:
    """Lines i and i+1 are one headline broken over two lines: joined, they occur in a line
    above (the page's index table or its first headline)."""
    one, two = (re.sub(r"\s+", "", lines[k].para.text) for k in (i, i + 1))
    joined = one + two[:4]
    return any(joined in re.sub(r"\s+", "", ln.para.text) for ln in lines[:i])


def _page_blocks(doc: Document) -> list[Block]:
    lines = _lines(doc)
    if len(lines) < 3:
        return []
    _mark_calendars(lines)
    first, last = _body(lines)
    if last < first:
        return []
    _mark_copies(lines, first)
    _mark_threads(lines, 0, len(lines) - 1)
    first, last = _body(lines)
    candidates: list[tuple[int, int, str]] = []
    # head: [0, first); the headline is the plain lines nearest the body, metadata rows between
    k = first - 1
    while k >= 0 and lines[k].evidence >= 0.5:
        k -= 1
    if k < first - 1:
        candidates.append((k + 1, first - 1, "meta"))
    run = 0
    while k - run >= 0 and lines[k - run].plain:
        run += 1
    # a long run of plain lines below a headline and its source/time row is a list of links
    # (unless it is a headline printed over several lines, which the page shows above too)
    if not (run >= LIST_MIN_ITEMS and _titled(lines, k - run) and not _broken_title(lines, k - run + 1)):
        k -= min(run, HEADLINE_LINES)
    _mark_lists(lines, 0, k)
    _mark_lists(lines, last + 1, len(lines) - 1)
    # a headline further up, directly above a source/time row, splits the head
    titles = [i for i in range(k) if lines[i].plain and len(lines[i].para.text) >= 8 and lines[i + 1].reason == "meta"]
    for a, z in zip([0, *(t + 1 for t in titles)], [*(t - 1 for t in titles), k], strict=True):
        candidates += [(s, e, "head") for s, e in _segments(lines, a, z, from_start=a == 0)]
    # tail: from the first line with evidence after the body to the end
    k = last + 1
    while k < len(lines) and (lines[k].evidence < 1 or _bare_date(lines[k].para.text)):
        k += 1
    if k < len(lines):
        candidates += [(a, z, "tail") for a, z in _segments(lines, k, len(lines) - 1, to_end=True)]
    # inside the body: runs whose every line has evidence
    run_lines: list[int] = []
    for i in range(first, last + 2):
        if i <= last and lines[i].evidence >= 1 and not lines[i].prose:
            run_lines.append(i)
            continue
        if len(run_lines) >= INNER_MIN_LINES:
            candidates.append((run_lines[0], run_lines[-1], "inner"))
        run_lines = []
    markup = [p.index for p in doc.paragraphs if p.kind is Kind.DIRECTIVE]
    return [
        b
        for a, z, where in candidates
        if not _holds_markup(markup, lines[a].para.index, lines[z].para.index)
        and not _under_sources_heading(doc, lines[a].para)
        and (b := _block(lines, a, z, where)) is not None
    ]


def _under_sources_heading(doc: Document, first: Paragraph) -> bool:
    """Whether the paragraph above `first` (markup lines skipped) heads a list of sources."""
    i = first.index - 1
    while i >= 0 and doc.paragraphs[i].kind is Kind.DIRECTIVE:
        i -= 1
    if i < 0:
        return False
    head = doc.paragraphs[i]
    text = head.text.lstrip("#").strip()
    # a heading names the list and stops (参考资料, 参考文献：); a credit line gives its
    # sources after a colon or in brackets (（资料来源：某报、某网）): the page's, no heading
    if any(c in text.rstrip("：:") for c in "：:（(【["):
        return False
    return (
        (head.kind is Kind.HEADING or len(text) <= _SOURCES_HEADING_MAX)
        and not _STOPS.search(text)
        and _SOURCES_HEADING.search(text) is not None
    )


def _holds_markup(markup: list[int], first: int, last: int) -> bool:
    """Whether a paragraph that is markup alone (a Markdown code block's or HTML block's line)
    lies between paragraphs `first` and `last`: the author's content, no page furniture."""
    i = bisect.bisect_left(markup, first)
    return i < len(markup) and markup[i] <= last


def _segments(
    lines: list[_Line], a: int, z: int, from_start: bool = False, to_end: bool = False
) -> list[tuple[int, int]]:
    """Split lines[a..z] where GAP_LINES or more lines of prose in a row have no evidence
    (another stretch of text); short lines without evidence between furniture lines stay
    in (a list's plain items). Segments start and end with evidence, except that the first
    takes the plain lines before it when `from_start` (the top of the page) and the last
    those after it when `to_end` (the bottom of the page)."""
    out: list[tuple[int, int]] = []
    start, gap, end = None, 0, a
    for i in range(a, z + 1):
        if lines[i].evidence >= 0.5:
            if start is None:
                start = i
            elif gap >= GAP_LINES:
                out.append((start, end))
                start = i
            gap, end = 0, i
        elif start is not None and lines[i].bodylike:
            gap += 1
    if start is not None:
        out.append((start, end))
    if not to_end:  # above the headline: a segment ends with a line of clear evidence, not a short word
        out = [(s, e) for s, e in ((s, _last_strong(lines, s, e)) for s, e in out) if e >= s]
    if out and from_start and not any(ln.bodylike or _article_headline(ln) for ln in lines[a : out[0][0]]):
        out[0] = (a, out[0][1])
    if out and to_end and not any(ln.bodylike for ln in lines[out[-1][1] + 1 : z + 1]):
        out[-1] = (out[-1][0], z)
    return out


def _last_strong(lines: list[_Line], a: int, z: int) -> int:
    """The last line of lines[a..z] with evidence of 1 or more (a - 1 if none)."""
    while z >= a and lines[z].evidence < 1:
        z -= 1
    return z


def _block(lines: list[_Line], a: int, z: int, where: str) -> Block | None:
    part = lines[a : z + 1]
    strong = [ln for ln in part if ln.evidence >= 1]
    total = sum(ln.evidence for ln in part)
    ui = sum(ln.evidence for ln in part if ln.reason in UI_REASONS)
    single = len(part) == 1 and total >= META_MIN_EVIDENCE
    if where == "meta":  # the rows between the headline and the body: one clear source/time row is enough
        where = "head"
        row = single and part[0].reason in ("meta", "link") and not part[0].known
        row = row and not _STOPS.search(part[0].para.text)  # a sentence is not a source/time row
        # the page's own UI, or two labelled rows (来源：…, 微信号 …), not dates alone (a statute's record)
        clear = any(ln.reason in UI_REASONS for ln in strong) or sum(ln.evidence >= 2 for ln in part) >= 2
        if not row and (len(strong) < MIN_LINES or not clear):
            return None
    elif single and ui >= SINGLE_MIN_UI and not part[0].known:
        pass  # one line of clear page UI at the head or tail that G202 does not know line by line
    elif len(strong) < MIN_LINES or total < MIN_EVIDENCE or total / len(part) < MIN_DENSITY or ui < MIN_UI:
        return None
    reasons = tuple(dict.fromkeys(ln.reason for ln in sorted(part, key=lambda x: -x.evidence) if ln.reason))[:3]
    safe = (
        where != "inner"
        and len(part) >= SAFE_MIN_LINES
        and total / len(part) >= SAFE_DENSITY
        and not any(ln.prose for ln in part)
    )
    return Block(part[0].para, part[-1].para, len(part), total, where, reasons, safe)
