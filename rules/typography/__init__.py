"""Typography (GB/T 15834): punctuation width and spacing in Chinese text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from itertools import accumulate

from zhcheck.document import Document, Kind, Paragraph
from zhcheck.finding import Applicability, Category, Edit, Fix, Severity
from zhcheck.lazyre import lazy
from zhcheck.registry import Hit, RuleContext, rule
from zhcheck.rules.lang.outline import ARTICLE_LEVEL, enumerator
from zhcheck.rules.lang.vocab import CLOSING_MARKS, FULLWIDTH_OF, OPENING_MARKS
from zhcheck.textutil import CJK_CLASS, cjk_count

FULLWIDTH = FULLWIDTH_OF

# A half-width mark with Chinese on at least one side. Chinese closing marks
# count as Chinese on the left, opening marks on the right. A colon between
# two digits (10:30, 3:1) is a time or a score, not punctuation.
_CN_LEFT = f"[{CJK_CLASS}”’）》」』】…]"
_CN_RIGHT = f"[{CJK_CLASS}“‘（《「『【]"
# (Each pattern starts with a lookahead for the one character it can match, so the
# scan skips other characters without trying the Chinese-character classes.)
_HALFWIDTH = lazy(f"(?=[,:;!?])(?:(?<={_CN_LEFT})[,:;!?]|[,:;!?](?={_CN_RIGHT})|(?<={_CN_LEFT})[,:;!?](?=\\d))")
# A full stop written as "." right after Chinese, ending the paragraph or
# followed by Chinese or a space (not "..." and not a decimal point).
_HALFWIDTH_STOP = lazy(f"(?=\\.)(?<={_CN_LEFT})\\.(?=$|[{CJK_CLASS}“‘（《]|\\s)")
_CJK = lazy(f"[{CJK_CLASS}]")
_LATIN_LETTER = lazy("[A-Za-z]")
_PAREN = lazy("[()]")

#: Chinese punctuation (full-width) a space must not touch, and the half-width
#: marks T101 turns into it when they follow Chinese.
_CN_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—"
_SPACES = " \u3000\u00a0"
_SPACE_RUN = lazy(f"[{_SPACES}]+")
_OPENERS = OPENING_MARKS
_CLOSERS = CLOSING_MARKS


def _paren_pairs(text: str) -> list[tuple[int, int]]:
    """Matched half-width parentheses enclosing or touching Chinese text."""
    if "(" not in text:
        return []
    stack: list[int] = []
    pairs = []
    chinese: bool | None = None  # worked out when a pair needs it
    for m in _PAREN.finditer(text):
        i, c = m.start(), m.group()
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            o = stack.pop()
            inner = text[o + 1 : i]
            before = text[o - 1] if o > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if _chinese_side(before, False) or _chinese_side(after, True):
                pairs.append((o, i))
            elif _CJK.search(inner):
                if chinese is None:
                    chinese = mostly_chinese(text)
                if chinese:
                    pairs.append((o, i))
    return pairs


def mostly_chinese(text: str) -> bool:
    """More Chinese characters than Latin letters (an English sentence quoting Chinese is not)."""
    return cjk_count(text) > len(_LATIN_LETTER.findall(text))


#: an entry of a list of references (GB/T 7714 separates its parts with Western marks:
#: 作者. 题名[M]. 北京: 出版者, 2018: 12.): a document-type code closing the title (a full
#: stop or // after it: 附件[A], 图[D]中 in running text are no code), or a URL with the date read
_REFERENCE_TYPE = lazy(r"\[(?:[MCNJDRSPGZA]|EB|DB|CP)(?:/(?:OL|MT|DK|CD))?\](?:\.|//)")
_CITED_DATE = lazy(r"\\?\[(?:19|20)\d\d-\d\d(?:-\d\d)?\\?\]")
_URL = lazy(r"https?://|www\.", re.IGNORECASE)


def reference_entry(text: str) -> bool:
    """Is `text` an entry of a list of references, whose marks follow GB/T 7714, not GB/T 15834?"""
    if "[" not in text or "." not in text:
        return False
    return _REFERENCE_TYPE.search(text) is not None or (
        _URL.search(text) is not None and _CITED_DATE.search(text) is not None
    )


def halfwidth_marks(text: str) -> list[tuple[int, str]]:
    """(offset, mark) of every half-width mark in `text` that should be full-width."""
    marks = [(m.start(), m.group()) for m in _HALFWIDTH.finditer(text)]
    marks += [(m.start(), ".") for m in _HALFWIDTH_STOP.finditer(text)]
    for o, c in _paren_pairs(text):
        marks += [(o, "("), (c, ")")]
    return sorted(marks)


@rule(
    "T101",
    "halfwidth-punctuation",
    Category.TYPOGRAPHY,
    Severity.INFO,
    title_zh="中文中使用半角标点",
    summary="Half-width , : ; ! ? ( ) . in Chinese text",
    bad="报告中提到,经济增长5.5%左右!",
    good="报告中提到，经济增长5.5%左右！",
    fix_labels={
        "convert half-width punctuation to full-width": "半角标点改为全角",
    },
    baseline_v1_span="paragraph",  # one finding per paragraph in format-1 baselines
)
def halfwidth_punctuation(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """GB/T 15834 requires full-width punctuation in Chinese running text.

    Half-width `, : ; ! ?` next to Chinese characters usually come from a
    Western keyboard layout or a conversion step; so do `( )` around or next to
    Chinese text and a `.` ending a Chinese sentence. Each mark is one finding
    with a safe fix to its full-width form, so an editor (or `zhcheck fix
    --decisions`) can take or leave each one; the text report folds them into
    one line per file. Marks between digits (10:30, 3.5), inside Latin text and
    in `...` are left alone (an ellipsis is T103's business), and so is an entry of a
    list of references (`作者. 题名[M]. 北京: 出版者, 2018.`), whose marks GB/T 7714
    sets.
    """
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE or reference_entry(para.text):
            continue
        for i, c in halfwidth_marks(para.text):
            at = para.start + i
            if doc.in_markup(at):
                continue
            full = FULLWIDTH[c]
            yield Hit(
                at,
                at + 1,
                f"半角{_MARK_NAMES[c]}“{c}”，中文文本应使用全角“{full}”",
                suggestion=full,
                fix=Fix((Edit(at, at + 1, full),), Applicability.SAFE, "convert half-width punctuation to full-width"),
            )


_MARK_NAMES = {
    ",": "逗号",
    ":": "冒号",
    ";": "分号",
    "!": "叹号",
    "?": "问号",
    "(": "左括号",
    ")": "右括号",
    ".": "句号",
}


#: a corrected span up to this long is the whole suggestion; a longer one is cut to windows
_SUGGESTION_MAX = 24
_WINDOW = 4  # characters shown on each side of a mark in a window
_MAX_WINDOWS = 3  # the first two and the last; the message gives the total


def _suggestion(para: Paragraph, edits: Iterable[Edit], first: int | None = None, end: int | None = None) -> str:
    """The paragraph's text from `first` to `end` (paragraph offsets) with the fix's edits
    applied: one-character replacements and insertions before a character.

    The span defaults to the first to the last edited character. A long span
    (changes spread over the paragraph) is shown as short windows around the
    changes instead, the first two and the last, joined by " … ".
    """
    text = para.text
    fixed = {
        e.start - para.start: e.replacement + ("" if e.end > e.start else text[e.start - para.start]) for e in edits
    }
    offsets = sorted(fixed)
    first = offsets[0] if first is None else first
    end = offsets[-1] + 1 if end is None else end
    windows: list[tuple[int, int]] = [(first, end)]
    if end - first > _SUGGESTION_MAX:
        windows = []
        last = first
        for i in offsets:
            if windows and i < windows[-1][1]:
                continue  # shown (and converted) in the previous window
            windows.append((max(i - _WINDOW, windows[-1][1] if windows else first), min(end, i + _WINDOW + 1)))
            last = i
        if len(windows) > _MAX_WINDOWS:
            # the last window takes back the context a dropped window had cut off
            kept = windows[: _MAX_WINDOWS - 1]
            windows = [*kept, (max(last - _WINDOW, kept[-1][1]), windows[-1][1])]
    out = []
    for n, (s, e) in enumerate(windows):
        if n and s > windows[n - 1][1]:
            out.append(" … ")
        out.extend(fixed.get(j, text[j]) for j in range(s, e))
    return "".join(out)


# --- T102 stray spaces -------------------------------------------------------------

_BYLINE_IN_PARENS = lazy(r"[（(][^（）()]*(?:记者|通讯员|实习生|摄|编辑|报道)[^（）()]*[）)]")


def _chinese_side(c: str, after: bool) -> bool:
    """Is `c` Chinese text or Chinese punctuation (half-width ,:;!? count after Chinese)?"""
    if not c:
        return False
    return bool(_CJK.match(c)) or c in _CN_PUNCT or (not after and c in ",:;!?")


def _running_text(para: Paragraph) -> bool:
    """Body text, where spaces are not used to separate parts (headlines, bylines, credits).

    A long line without a comma or full stop is a headline even when it is too
    long to be classified as one.
    """
    return para.kind is Kind.BODY and any(c in para.text for c in "，。,")


#: a short quoted title or slogan: 《稳经济 促发展》 “春暖花开 我要旅游”
_QUOTED_TITLE = lazy(r"《[^《》]{1,40}》|“[^“”]{1,30}”|【[^【】]{1,30}】")


def _unit_label_end(text: str) -> int:
    """Where the number of a statute's unit (第一条, 第三章, 第二节, 第一编) that opens `text`
    ends, or -1. Statutes print a space after it: a drafting convention, not a stray space."""
    found = enumerator(text)
    if found is None or found[0] > ARTICLE_LEVEL:
        return -1
    end = text.find(found[1]) + len(found[1])
    return end + len(text[end:]) - len(text[end:].lstrip("*_"))  # **第一条**


def stray_spaces(para: Paragraph) -> list[tuple[int, int]]:
    """(start, end) of space runs in `para` between Chinese characters or next to Chinese punctuation.

    Spaces just inside brackets and quotes count in any paragraph; others only in
    running text, outside bracketed bylines (`（记者 张三）`).
    """
    text = para.text
    if reference_entry(text):
        return []  # 作者. 题名[M]. 北京: 出版者: GB/T 7714 spaces its parts
    shielded: _Spans | None = None  # found when a space needs them
    running: bool | None = None
    out = []
    unit = _unit_label_end(text)
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        if s == unit:
            continue  # 第一条　为了……: a statute sets its unit numbers off with a space
        left = text[s - 1] if s > 0 else ""
        right = text[e] if e < len(text) else ""
        inside_brackets = left in _OPENERS or right in _CLOSERS
        if inside_brackets and (left or right):
            out.append((s, e))
            continue
        if running is None:
            running = _running_text(para)
        if not (running and _chinese_side(left, False) and _chinese_side(right, True)):
            continue
        if left in _CLOSERS and right in _OPENERS:  # 】 【 between bracketed items
            continue
        if shielded is None:
            shielded = _Spans(q.span() for r in (_BYLINE_IN_PARENS, _QUOTED_TITLE) for q in r.finditer(text))
        if shielded.cover(s, e):
            continue
        out.append((s, e))
    return out


class _Spans:
    """Spans, asked whether one of them covers [s, e) in O(log n) (a long line has many)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _b in ordered]
        self._reach = list(accumulate((b for _a, b in ordered), max))  # furthest end among spans so far

    def cover(self, s: int, e: int) -> bool:
        j = bisect.bisect_right(self._starts, s) - 1
        return j >= 0 and self._reach[j] >= e


@rule(
    "T102",
    "stray-space",
    Category.TYPOGRAPHY,
    Severity.INFO,
    title_zh="中文之间或中文标点旁的多余空格",
    summary="Space between Chinese characters or next to Chinese punctuation",
    bad="今年以来，全县新建安置房项目23个！ 完成棚户区改造1200户。",
    good="服务有温度 办事有速度 监督有力度\n\n今年以来，全县新建安置房项目23个！完成棚户区改造1200户。",
    fix_labels={
        "delete the space": "删除多余的空格",
    },
)
def stray_space(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Chinese running text has no spaces between words or around its punctuation.

    A space between two Chinese characters or next to a Chinese punctuation
    mark in a body paragraph is left over from a line break, a column join or
    a conversion; so is a space just inside brackets (`【编辑：某某 】`).
    Headlines, bylines and photo credits use spaces as separators and are left
    alone, as are spaces next to Latin letters and digits (see T105) and the
    space statutes print after a unit number (`第一条　为了……`). The safe
    fix deletes the space.
    """
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE:
            continue
        for s, e in stray_spaces(para):
            yield Hit(
                para.start + s,
                para.start + e,
                "中文之间或中文标点旁有多余的空格",
                suggestion="",
                fix=Fix((Edit(para.start + s, para.start + e, ""),), Applicability.SAFE, "delete the space"),
            )


# --- T103 doubled punctuation ------------------------------------------------------

#: strength of the marks when two different ones meet (the stronger one stays)
_RANK = {"。": 5, "？": 4, "！": 4, "；": 3, "：": 2, "，": 1, "、": 0}
_DOUBLED = lazy(r"([，。、；：])\1+")
_MIXED = lazy(r"[，。、；：]{2,}")
_ELLIPSIS_LIKE = lazy(r"(?=[.。·…])(?:\.{3,}|。{3,}|·{3,}|…+)")
_CN_BEFORE = lazy(_CN_LEFT)
#: a quotation that ends its own sentence inside the marks, then a full stop outside
#: them (他说：“好的。”。): GB/T 15834 puts the quotation's end mark inside and nothing after
_AFTER_QUOTED_END = lazy("(?<=[。？！][”’])。")
#: a dash typed as two or three hyphens between Chinese text (强调--要): GB/T 15834's 破折号 is ——
#: hyphens repeated this close are connectors of a chain of terms (院系--年级--班级), not a dash
_CHAIN_REACH = 8
_HYPHEN_DASH = lazy(f"(?<=[{CJK_CLASS}，。；：？！”’）》])(?:-{{2,3}}|－{{2,3}})(?=[{CJK_CLASS}“‘（《])")

#: jieba's tags of the words a range runs between (places, times, numbers): hyphens between
#: two of them are GB/T 15834's connector (北京—上海, 一月—三月), not a dash
_RANGE_END_TAGS = frozenset({"ns", "t", "m"})


def _joins_range_ends(doc: Document, start: int, end: int) -> bool:
    """Do the words on both sides of the hyphens at doc.text[start:end] name the ends of a
    range (places, times, numbers)?"""
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.tokens import token_containing

    para = doc.paragraph_at(start)
    if para is None:
        return False
    lm = langmodel.load()
    words = (token_containing(doc, para, start - 1), token_containing(doc, para, end))
    return all(w is not None and lm.tag(w[0]) in _RANGE_END_TAGS for w in words)


@rule(
    "T103",
    "doubled-punctuation",
    Category.TYPOGRAPHY,
    Severity.INFO,
    title_zh="标点重复连用或省略号写法不当",
    summary="Doubled or mixed punctuation (。。 ，。) and ... for ……",
    bad="全年粮食产量稳定在600亿斤以上，，为保障供给提供了支撑。。他说...",
    good="全年粮食产量稳定在600亿斤以上，为保障供给提供了支撑……他说：“好？！”",
    fix_labels={
        "drop the repeated mark": "删除重复的标点",
        "keep the stronger mark": "只保留其中较强的标点",
        "write the ellipsis as ……": "省略号改为……",
        "drop the mark after the quotation": "删除引号后多余的标点",
        "write the dash as ——": "破折号改为——",
    },
)
def doubled_punctuation(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A punctuation mark typed twice, two different marks in a row, or a wrong ellipsis.

    `，，` and `。。` become one mark (safe fix); two different marks in a row
    (`，。`) keep the stronger one (unsafe fix: the writer may have meant the
    other). An ellipsis written `...`, `。。。`, `···` or as a single `…` after
    Chinese text becomes `……` (safe). A quotation that ends its own sentence
    inside the marks takes no second mark after them (`他说：“好的。”。`, safe:
    the mark is dropped), and a dash typed as hyphens between Chinese text
    (`会议强调--要`) becomes `——` (safe). `？！`, `！！` and `……` are legitimate.
    """
    text = doc.text
    for m in _AFTER_QUOTED_END.finditer(text):
        s, e = m.span()
        yield Hit(
            s,
            e,
            f"引文已在引号内以“{text[s - 2]}”结束，引号后的“{m.group()}”多余",
            suggestion="",
            fix=Fix((Edit(s, e, ""),), Applicability.SAFE, "drop the mark after the quotation"),
        )
    for m in _HYPHEN_DASH.finditer(text):
        s, e = m.span()
        if m.group() in text[max(0, s - _CHAIN_REACH) : s] or m.group() in text[e : e + _CHAIN_REACH]:
            continue  # 院系--年级--班级: a chain of linked terms, where the mark is a connector
        if _joins_range_ends(doc, s, e):
            continue  # 北京--上海, 一月--三月: the ends of a range, joined by a connector (连接号 —)
        yield Hit(
            s,
            e,
            f"破折号应写作“——”，不是“{m.group()}”",
            suggestion="——",
            fix=Fix((Edit(s, e, "——"),), Applicability.SAFE, "write the dash as ——"),
        )
    for m in _DOUBLED.finditer(text):
        s, e = m.span()
        if m.group(1) == "。" and e - s >= 3:
            continue  # 。。。 is an ellipsis, reported below
        yield Hit(
            s,
            e,
            f"标点“{m.group(1)}”重复",
            suggestion=m.group(1),
            fix=Fix((Edit(s, e, m.group(1)),), Applicability.SAFE, "drop the repeated mark"),
        )
    for m in _MIXED.finditer(text):
        run = m.group()
        if len(set(run)) == 1:
            continue
        keep = max(run, key=lambda c: _RANK[c])
        s, e = m.span()
        yield Hit(
            s,
            e,
            f"标点“{run}”连用，只应保留一个",
            suggestion=keep,
            fix=Fix((Edit(s, e, keep),), Applicability.UNSAFE, "keep the stronger mark"),
        )
    for m in _ELLIPSIS_LIKE.finditer(text):
        s, e = m.span()
        if m.group()[0] == "…":
            if e - s != 1:
                continue  # …… (or longer) is right
        elif s == 0 or not _CN_BEFORE.match(text[s - 1]):
            continue  # ... after Latin text or a number
        yield Hit(
            s,
            e,
            f"省略号应写作“……”，不是“{m.group()}”",
            suggestion="……",
            fix=Fix((Edit(s, e, "……"),), Applicability.SAFE, "write the ellipsis as ……"),
        )


# --- T104 straight quotes ----------------------------------------------------------

_STRAIGHT = lazy("[\"']")


def _straight_quotes(text: str) -> list[int]:
    """Offsets of straight quotes in `text` that sit next to Chinese (not apostrophes)."""
    out = []
    for m in _STRAIGHT.finditer(text):
        i = m.start()
        left = text[i - 1] if i > 0 else ""
        right = text[i + 1] if i + 1 < len(text) else ""
        if m.group() == "'" and left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            continue  # China's
        if _chinese_side(left, False) or _chinese_side(right, True):
            out.append(i)
    return out


@rule(
    "T104",
    "straight-quotes",
    Category.TYPOGRAPHY,
    Severity.INFO,
    title_zh="中文中使用直引号",
    summary="Straight quotes \" ' in Chinese text",
    bad='坚持"企业至上"理念，推动审批事项快办理。',
    good='坚持“企业至上”理念，推动审批事项快办理。代码写作 print("hi")。',
    fix_labels={
        "use curly quotes": "直引号改为弯引号",
    },
)
def straight_quotes(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Chinese text uses curly quotes “ ” and ‘ ’, not typewriter quotes.

    Straight quotes next to Chinese characters are reported once per
    paragraph. When the paragraph's straight double (and single) quotes pair
    up, the safe fix turns them into opening and closing quotes in turn (the
    suggestion shows them in a few characters of context, as T101's does);
    otherwise the finding has no fix.
    """
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE:
            continue
        idx = [i for i in _straight_quotes(para.text) if not doc.in_markup(para.start + i)]
        if not idx or not mostly_chinese(para.text):
            continue
        start, end = para.start + idx[0], para.start + idx[-1] + 1
        # pair every straight quote of each kind in the paragraph, in order
        edits = []
        balanced = True
        for q, (o, c) in (('"', ("“", "”")), ("'", ("‘", "’"))):
            same = [i for i in idx if para.text[i] == q]
            if len(same) % 2:
                balanced = False
            edits += [Edit(para.start + i, para.start + i + 1, o if k % 2 == 0 else c) for k, i in enumerate(same)]
        edits.sort(key=lambda e: e.start)
        yield Hit(
            start,
            end,
            f"中文文本中有 {len(idx)} 个直引号，应使用弯引号“”‘’",
            suggestion=_suggestion(para, edits) if balanced else None,
            fix=Fix(tuple(edits), Applicability.SAFE, "use curly quotes") if balanced else None,
        )


# --- T105 CJK-Latin spacing ----------------------------------------------------------

_CJK_LATIN = lazy(f"(?<=[{CJK_CLASS}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])(?=[{CJK_CLASS}])")


@rule(
    "T105",
    "cjk-latin-spacing",
    Category.TYPOGRAPHY,
    Severity.INFO,
    title_zh="中文与英文字母或数字之间缺少空格",
    summary="No space between Chinese and Latin letters or digits",
    bad="使用Python编写，支持5G网络。",
    good="使用 Python 编写，支持 5G 网络。",
    default_enabled=False,
    fix_labels={
        "insert spaces between Chinese and Latin text": "在中文与英文、数字之间加空格",
    },
)
def cjk_latin_spacing(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Technical documents put a space between Chinese and Latin letters or digits.

    Off by default: newspapers and government reports do not space (GB/T 15834
    leaves it to house style). Enable it (`--extend-select T105`) for manuals
    and technical writing that follow the spacing convention. One finding per
    paragraph; the safe fix inserts the spaces (the suggestion shows them in a
    few characters of context, as T101's does). Headings are included; bylines,
    captions and directives are not.
    """
    for para in doc.paragraphs:
        if para.kind not in (Kind.BODY, Kind.HEADING):
            continue
        spots = [m.start() for m in _CJK_LATIN.finditer(para.text) if not doc.in_markup(para.start + m.start(), 0)]
        if not spots:
            continue
        first, last = max(0, spots[0] - 1), min(len(para.text), spots[-1] + 1)
        start, end = para.start + first, para.start + last
        edits = tuple(Edit(para.start + i, para.start + i, " ") for i in spots)
        yield Hit(
            start,
            end,
            f"中文与英文字母或数字之间缺少空格（{len(spots)} 处）",
            suggestion=_suggestion(para, edits, first, last),
            fix=Fix(edits, Applicability.SAFE, "insert spaces between Chinese and Latin text"),
        )
