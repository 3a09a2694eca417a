"""Text evidence for the layout rules: how a paragraph ends and starts, and
whether two pieces of text read as one when joined.

Everything here looks at a few characters on either side of a break; the
dictionary work (jieba, dictionary-only) runs on windows of at most eight
characters.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from enum import Enum

from zhcheck.lazyre import lazy
from zhcheck.rules.lang.lexicon import route_log_prob, segment_dict, surname_before_title
from zhcheck.rules.lang.vocab import ARTICLE_OPENER, BRACKETS, DATELINE, FINAL_MARKS, TRAILING_ATTRIBUTES
from zhcheck.segmenter import segment
from zhcheck.textutil import CJK_CLASS, is_cjk


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


@functools.lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Dictionary-only segmentation of a short window (cached: windows repeat)."""
    return tuple(segment_dict(text))


#: Marks that end a sentence (a paragraph ending in one of them is complete).
FINAL = FINAL_MARKS
#: Closing marks that may follow the final mark: 。” ！） ……》
TRAILING_CLOSERS = "”’」』）)》〉】\"'*_ "
#: Pairs that must balance inside one sentence.
PAIRS = {**{o: BRACKETS[o] for o in "“‘（《「『【〈"}, "(": ")"}
CLOSING = {v: k for k, v in PAIRS.items()}

#: A paragraph ending with one of these is certainly unfinished.
OPEN_END_MARKS = frozenset("，,、“‘（(《〈【「『")
#: Last words that need something after them (prepositions, conjunctions,
#: determiners, the possessive particle, negation).
_NEEDS_MORE = _set(
    "的 和 与 及 或 并 而 且 把 被 对 向 从 为 以 将 在 于 由 让 使 给 跟 同 自 比 是 不 没 很 更 最 各 每 该 这 那 其 "
    "各类 各种 各项 一个 一批 一些 这些 那些 以及 或者 并且 而且 但是 因为 由于 通过 按照 根据 围绕 关于 对于 以便 "
    "为了 以及"
)
#: Of those, the ones no heading ends with either.
_NEVER_LAST = _set(
    "的 和 与 及 或 把 被 对 向 从 关于 对于 按照 根据 通过 围绕 以及 或者 一批 一些 各类 各种 各项 这些 那些 "
    "每 各 该 这 那 其 一个 由于 因为 为了 并且 而且 但是"
)
#: A reporting verb and a comma: `习近平指出，` starts running text, never a heading.
_REPORTING = lazy(r"^[^，。！？：,]{1,20}?(?:指出|表示|强调|认为|说|介绍|称|提出|要求|透露|坦言|告诉记者)[，：:,]")
#: Measure words: a number followed by one of these needs a noun after it.
_CLASSIFIERS = _set("个 条 家 项 名 位 种 类 批 件 套 台 座 所 处 只 头 张 份 户 支 层 片 块 组 笔 股 幅 篇 部")
_NUMBER_END = lazy(r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)$")
_NUMBER_NEAR_END = lazy(r"(?:\d|[〇一二两三四五六七八九十百千万亿])[^\d，。、；：！？,.;:!?]{0,3}$")
_NUMERAL = lazy(r"^(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿几数]+)$")

#: Units and magnitudes that cannot open a sentence without a number before them.
_UNIT = (
    r"(?:[万亿]|余万|余)?"
    r"(?:美元|欧元|日元|港元|英镑|元|吨|公斤|千克|亩|公顷|公里|千米|平方米|平方公里|立方米|千瓦时|千瓦|兆瓦|"
    r"人次|人|户|家|个|项|件|套|台|辆|头|只|册|次|倍|岁|余|[%％‰])"
)
#: first characters of the units above (a cheap test before segmenting)
_UNIT_FIRST = frozenset("万亿千百余美欧日港英元吨公亩平立兆人户家个项件套台辆头只册次倍岁")
_CURRENCIES = _set("美元 欧元 日元 港元 英镑 卢布 韩元")
#: (a magnitude is 万, 亿 or 万亿: 亿万 is "countless", 亿万人民, and opens sentences)
_UNIT_WORD = lazy(rf"^(?:(?:万亿|万|亿)(?:{_UNIT})?|余{_UNIT}|[%％‰]|{_UNIT})$")
_UNIT_AGAINST = "后段的单位前面不是数字"
_DATE_START = lazy(r"^(?:\d{4}年|\d{1,2}月\d{1,2}日|\d{1,2}[:：]\d{2})")
_UNIT_AFTER_NUMBER = lazy(rf"^(?:[万亿]|{_UNIT}|[年月日时分秒]|小时|分钟|个月)")

#: Particles that attach to what precedes them and cannot open a sentence.
#: (过 is left out: at the start of a paragraph it is the verb, 过了一会儿, 过好节日.)
_PARTICLES = _set("的 地 得 了 着 们 吗 呢 吧 么 啊 呀 嘛 者")
#: ... except these, which open a sentence as interjections when a mark follows: 啊，祖国！
_INTERJECTIONS = _set("啊 呀")
#: Single-character words that often open a sentence (prepositions, pronouns, conjunctions, modals).
_SENTENCE_OPENING_CHARS = frozenset(
    "在从为对据由将把让使向以因而但并又也还就都我你他她它这那该此其每各有是要会能可当于自"
)
#: a dash printed as a dash: two em dashes, two horizontal bars or two box-drawing lines (as
#: GBK-era pages print it)
PRINTED_DASHES = ("——", "――", "──")
#: a dash: one printed as a dash, or two hyphens
DASHES = (*PRINTED_DASHES, "--")
#: Punctuation that cannot open a paragraph.
_BAD_FIRST_CHARS = frozenset("，,、。．；;：:！？!?）)》」』”’〉】")

#: Structural openers: a new paragraph certainly starts here.
_STRUCTURAL_OPENER = lazy(
    r"^(?:#|\*\*|__|——|――|--|【|[►▶●■□◆◇△▲※]|[-*+•·]\s"
    r"|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）](?!\d)|[①-⑳]"
    r"|[^，。；！？“”、,;!?\s]{1,24}[：:])"
)
#: Ordinary openers: a paragraph that starts like this reads as a new start.
_SOFT_OPENER = lazy(
    r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十\d]+[，,、是条章节部]|首先|其次|再次|最后|此外|另外|同时|总之|"
    r"下一步|目前|当前|近年来|近期|近日|今年|去年|明年|本报讯|据|新华社|"
    r"\d{4}年|\d{1,2}月\d{1,2}日|[一二三四五六七八九十〇○]{4}年)"
)
#: Sentence subjects that point back to something said before: a line
#: starting like this is running text, never a heading.
_ANAPHORIC_START = lazy(r"^(?:该[\u4e00-\u9fff]|我们|他们|她们|它们|因此|所以|但是|然而|同时|此外|另外|并且|而且|从而)")
#: Ordinal list markers (a list item may legitimately end without punctuation).
LIST_MARKER = lazy(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）](?!\d)|[①-⑳]|[-*•·]\s"
    r"|[●◆■▲►▶※])"
)


class End(str, Enum):
    """How a paragraph ends."""

    CLOSED = "closed"  # sentence-final punctuation
    COLON = "colon"  # introduces what follows (各位代表：)
    HARD = "hard"  # certainly unfinished: comma, open bracket, preposition, number + measure word
    SOFT = "soft"  # no final punctuation, last word could end a heading


_CJK_HEAD = lazy(f"[{CJK_CLASS}]+")
_CJK_TAIL = lazy(f"[{CJK_CLASS}]+$")


def strip_trailing(text: str) -> str:
    """Text without trailing closing marks and emphasis markers."""
    return text.rstrip(TRAILING_CLOSERS)


def end_state(text: str) -> End:
    """Classify how `text` (a paragraph) ends (a leftover {#anchor} after it left out)."""
    if text.endswith("}"):
        text = TRAILING_ATTRIBUTES.sub("", text)
    unquoted = text.rstrip(_QUOTE_CLOSERS)  # 『…site！（我真的喜欢你们这个站点）』: the note is inside the quote
    core = _strip_end_note(strip_trailing(text) if not unquoted.endswith(("）", ")", "】")) else unquoted)
    if not core:
        return End.CLOSED
    last = core[-1]
    if last in FINAL or (last in ".．" and not core[-2:-1].isdigit()):  # ．: a full stop of older typesetting
        return End.CLOSED
    if last in "：:" or core.endswith(DASHES):
        return End.COLON
    if last in OPEN_END_MARKS or unclosed(text):
        return End.HARD
    ws = words(core[-8:])
    if not ws:
        return End.SOFT
    if ws[-1] in _NEEDS_MORE:
        return End.HARD
    if ws[-1] in _CLASSIFIERS and len(ws) > 1 and _NUMERAL.match(ws[-2]):
        return End.HARD
    return End.SOFT


#: a note after the last sentence: 图片均为资料图片, or the organs responsible for a task, listed;
#: or the source in square brackets: 【某某报社供稿】, 【某某学院（某某中心）宣】
_END_NOTE = lazy(r"[（(][^（）()]{1,100}[）)]\s*$|【[^【】]{1,100}】\s*$")
#: a signature after the last sentence: `……。——编者`, its name also spaced out as pages
#: pad a two-character name (`——编 者`)
_END_SIGNATURE = lazy(
    "(?:" + "|".join(DASHES) + r")\s*[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){0,7}\s*$|[^。！？!?]{1,12}摄\s*$"
)
#: a wire report's dateline printed after its last sentence, before the reporters' names in
#: brackets: `……。新华社北京9月10日电 （某某、某某）`
_END_DATELINE = lazy(rf"(?:{DATELINE})[ \u3000]*$")
_QUOTE_CLOSERS = "”’」』\"' *_"


def _strip_end_note(text: str) -> str:
    """Drop parenthetical notes and a signature after the last sentence: `…贡献。（图片均为
    资料图片）`, `……。”（本报某地1月1日电）`, `……。（某某摄）（新华社稿）`, `……。——编者`,
    `……。某某摄`, `……。【某某供稿】`, `……。新华社某地某日电（某某）`."""
    t = text
    while True:
        m = _end_note_or_signature(t)
        if not m or m.start() == 0:
            return strip_trailing(text)
        head = t[: m.start()]
        core = head.rstrip("”’」』\"' \u3000")
        if m.re.pattern == _END_NOTE.pattern:
            dateline = _END_DATELINE.search(core)
            if dateline is not None and dateline.start() > 0:
                core = core[: dateline.start()].rstrip("”’」』\"' \u3000")
        if core and core[-1] in FINAL:
            return core
        if m.re.pattern == _END_NOTE.pattern and _END_NOTE.search(head):  # several notes in a row
            t = head
            continue
        return strip_trailing(text)


def _end_note_or_signature(t: str) -> re.Match[str] | None:
    """`_END_NOTE.search(t) or _END_SIGNATURE.search(t)`, searched only when the last
    non-space character can end one (a bracket; 摄 or a Han character after a dash)."""
    last = t.rstrip()[-1:]  # (str.rstrip strips what the patterns' \s*$ matches)
    if last in ("）", ")", "】"):
        return _END_NOTE.search(t)
    if last == "摄" or ("\u4e00" <= last <= "\u9fff" and any(d in t for d in DASHES)):
        return _END_SIGNATURE.search(t)
    return None


#: any opening or closing mark of PAIRS (the balance scans look at these only)
_PAIR_MARK = lazy("[" + re.escape("".join(PAIRS) + "".join(CLOSING)) + "]")


@functools.lru_cache(maxsize=4096)
def unclosed(text: str) -> tuple[str, ...]:
    """Opening marks left open at the end of `text`, innermost last."""
    stack: list[str] = []
    for m in _PAIR_MARK.finditer(text):
        c = m.group()
        if c in PAIRS:
            stack.append(c)
        elif stack and stack[-1] == CLOSING[c]:
            stack.pop()
    return tuple(stack)


@functools.lru_cache(maxsize=4096)
def dangling_closers(text: str) -> tuple[str, ...]:
    """Closing quotes/brackets in `text` whose opening mark is not in `text`."""
    depth: dict[str, int] = {}
    out = []
    for m in _PAIR_MARK.finditer(text):
        c = m.group()
        if c == "’" and text[m.end() : m.end() + 1].isdigit():
            continue  # the apostrophe of a year: ’97
        if c in PAIRS:
            depth[c] = depth.get(c, 0) + 1
        else:
            o = CLOSING[c]
            if depth.get(o, 0):
                depth[o] -= 1
            else:
                out.append(c)
    return tuple(out)


def ends_with_number(text: str) -> bool:
    """True when `text` ends with a number (digits or Chinese numerals) and no unit; Chinese
    numerals count when the dictionary reads them as a number, not as the end of a word
    (统一, 之一)."""
    core = strip_trailing(text)
    m = _NUMBER_END.search(core)
    if m is None:
        return False
    if core[-1:].isdigit():
        return True
    last = words(core[-8:])
    return bool(last) and _NUMERAL.match(last[-1].removeprefix("第")) is not None


def starts_with_unit(text: str) -> bool:
    """True when `text` starts with a unit or magnitude that needs a number before it (万美元, %).

    The first dictionary word decides, so idioms stay whole (万里长江, 万家灯火).
    """
    if text[:1] in "%％‰":
        return True
    if text[:1] not in _UNIT_FIRST:
        return False
    head = cjk_head(text, 6)
    if not head:
        return False
    first = words(head)[0]
    if first in _CURRENCIES and is_cjk(text[len(first) : len(first) + 1] or "，"):
        return False  # 美元如此坚挺: the currency as the subject of a sentence
    if text[len(first) : len(first) + 1] == "级":
        return False  # 万亿级市场: an order of magnitude, no amount
    return bool(_UNIT_WORD.match(first)) and (len(first) > 1 or len(text) == 1 or not is_cjk(text[1]))


def cjk_tail(text: str, n: int = 4) -> str:
    """The last `n` (or fewer) Han characters of `text`, stopping at anything else."""
    m = _CJK_TAIL.search(text[-n:])
    return m.group() if m else ""


def cjk_head(text: str, n: int = 4) -> str:
    """The first `n` (or fewer) Han characters of `text`, stopping at anything else."""
    m = _CJK_HEAD.match(text[:n])
    return m.group() if m else ""


@dataclass(frozen=True)
class CrossWord:
    """A dictionary word formed across a break: `tail` + `head` = `word`."""

    word: str
    tail: str
    head: str
    gain: float  # log-probability gained by reading across the break
    #: the lone side reads as a word of its own when its half is segmented alone
    #: (`山` in 山|市政府), rather than as part of a longer word (`线` of 线上线下)
    alone: bool = True

    @property
    def bound_fragment(self) -> bool:
        """One side of the break is a lone character left over from a split word.

        A lone character after the break that commonly opens a sentence (在, 我,
        这) does not count: a heading followed by `在……` is no split word.
        """
        if not self.alone:
            return False
        if len(self.head) == 1:
            return self.head not in _SENTENCE_OPENING_CHARS
        return len(self.tail) == 1


#: log-probability a cross-break word must gain over reading the halves apart
MIN_GAIN = 3.0
#: ... or, when one side is a lone character, this much
MIN_GAIN_FRAGMENT = 2.5


def cross_word(before: str, after: str) -> CrossWord | None:
    """The dictionary word that spans the break between `before` and `after`, if any."""
    return _cross_word(cjk_tail(before), cjk_head(after))


@functools.lru_cache(maxsize=16384)
def _cross_word(t: str, h: str) -> CrossWord | None:
    if not t or not h:
        return None
    pos = 0
    for w in words(t + h):
        if pos < len(t) < pos + len(w):
            gain = route_log_prob(t + h) - route_log_prob(t) - route_log_prob(h)
            tail, head = t[pos:], w[len(t) - pos :]
            alone = words(h)[0] == head if len(head) == 1 else words(t)[-1] == tail
            cw = CrossWord(w, tail, head, gain, alone)
            return cw if gain >= (MIN_GAIN_FRAGMENT if cw.bound_fragment else MIN_GAIN) else None
        pos += len(w)
    return None


def bad_opener(text: str) -> str | None:
    """Why `text` cannot open a sentence (a particle, a comma, a bare unit), or None."""
    if not text:
        return None
    if text[0] in _BAD_FIRST_CHARS and not (text[0] == "’" and text[1:2].isdigit()):  # ’97: a year
        return f"以标点 {text[0]} 开头"
    if starts_with_unit(text):
        return "以缺少数字的单位开头"
    head = cjk_head(text, 6)
    if head and head[0] in _PARTICLES:
        first = words(head)[0]
        interjection = first in _INTERJECTIONS and not is_cjk(text[len(first) : len(first) + 1] or "，")
        # a character before an alternative in brackets is a word of its own: 地（市）级人民政府
        alternative = len(head) == 1 and text[1:2] in "（("
        if first in _PARTICLES and not interjection and not alternative:
            return f"以助词“{first}”开头"
    return None


#: A first token this bound (ln of how much more often the character sits inside a
#: longer word than stands alone, `tools/build_layout_chars.py`) is the second
#: half of a cut word. Measured on paragraph starts: at 2.0 none of 2,485 CCTV
#: paragraphs and 1 of 12,049 People's Daily 1998 paragraphs, and 12-14 % of
#: paragraphs cut at a random point inside a sentence; at 1.5 literary openings
#: such as 家是最小国 and 庆端午 fire.
BOUND_START = 2.0
#: ... unless the language model finds that it reads on into the next word (PMI
#: of the pair at least this much: 现|发布, 告|读者, 部|党委)
FRAGMENT_MAX_PMI = 3.0
#: a particle or suffix opens a paragraph only if the language model has it open
#: clauses at least this often (PMI with the clause start: 过 -1.1, 等 -2.6; 了, 着, 们 below -5)
CLITIC_MAX_START_PMI = -3.0
#: ... and a measure word without its number (点, 条, 项 below -3.5; 家 -2.8, 个 -2.6)
MEASURE_MAX_START_PMI = -3.5
#: first-token parts of speech (People's Daily / jieba tags) that attach to what
#: precedes them: particles, suffixes, modal particles, interjections
_CLITIC_TAGS = frozenset(["u", "k", "y", "e"])
#: parts of speech of single characters that open sentences whatever their boundness
#: (prepositions, pronouns, conjunctions, surnames, numerals)
_OPENING_TAGS = frozenset(["p", "r", "c", "nr", "m"])
_CLAUSE_COMMA = frozenset("，,、。；;")
#: a localizer of one character (上，右，外，) makes no clause of its own before a comma at a
#: paragraph start: it is the end of a word or phrase cut off (左右，, 基础上，, 此外，). A noun
#: or time word alone there is a feature's topic as often (路，修到了家门口; 夜，深了; 妈，您别
#: 担心; 春，来得早), which no part of speech tells from the end of 水稻 or 入冬: not reported.
#: A character set apart before the copula is a topic, whatever its part of speech
#: (左，是新建的图书馆; 学，是为了更好地做).
#: Measured on the tuning halves and the two tuning-only dev sets (84,000 lines): no such
#: paragraph start (the two with a comma after one character are verbs: 接，还是不接)
_LOCALIZER_TAGS = frozenset(["f"])
_LONE_CLAUSE_COMMA = frozenset("，,")
_COPULA_AFTER_TOPIC = ("是", "就是", "正是", "才是", "也是", "乃", "即")
#: ... of which these never end a word cut before them (pronouns, surnames, numerals)
_NAMING_TAGS = frozenset(["r", "nr", "m"])


@functools.cache
def _boundness() -> dict[str, float]:
    from zhcheck.rules.lang.resources import rules_data

    return json.loads(rules_data("layout_chars.json").read_text(encoding="utf-8"))["boundness"]


def fragment_opener(text: str) -> str | None:
    """Why `text` starts with a word fragment or a clitic (`展经济`, `们的`), or None.

    The first token of jieba's segmentation is a single Han character that is
    a particle, suffix or bare measure word the language model rarely sees open
    a clause, or that is almost always the second half of a longer word
    (`_boundness`) and does not read on into the next word (language model
    PMI of the pair). Quotes, numbers and Latin starts are left alone.
    """
    c = text[:1]
    if len(text) < 2 or not is_cjk(c) or not (text[1].isalnum() or text[1] in _CLAUSE_COMMA):
        return None
    if text[1] == "、" and text[3:4] == "、":
        return None  # 理、工、农院校: a list of one-character items (abbreviations) opens the sentence
    if text[1] in _LONE_CLAUSE_COMMA and text[2:].startswith(_COPULA_AFTER_TOPIC):
        return None  # 学，是为了更好地做: a topic set apart before the copula
    if not (_may_open_as_fragment(c) or (text[1] in _LONE_CLAUSE_COMMA and _localizer(c))):
        return None
    return _fragment_reason(text[:12])


@functools.lru_cache(maxsize=4096)
def _localizer(c: str) -> bool:
    from zhcheck.rules.lang import langmodel

    return langmodel.load().tag(c) in _LOCALIZER_TAGS


@functools.lru_cache(maxsize=8192)
def _may_open_as_fragment(c: str) -> bool:
    """Is the Han character `c` bound enough, or a clitic or measure word, to be tested further?"""
    from zhcheck.rules.lang import langmodel

    return _boundness().get(c, 0.0) >= BOUND_START or langmodel.load().tag(c) in _CLITIC_TAGS | {"q"}


@functools.lru_cache(maxsize=4096)
def _fragment_reason(head: str) -> str | None:
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.lexicon import word_freq

    toks = segment(head)
    c = toks[0]
    if len(c) != 1 or len(toks) < 2 or word_freq(head[:2]) > 0:  # 线|上线下: jieba split a word
        return None
    lm = langmodel.load()
    tag = lm.tag(c)
    if tag in _OPENING_TAGS or surname_before_title(c, toks[1]):
        return None
    if tag in _CLITIC_TAGS or tag == "q":
        # 过了一会儿: a particle that is also a verb opens clauses often enough
        limit = MEASURE_MAX_START_PMI if tag == "q" else CLITIC_MAX_START_PMI
        return f"以附着成分“{c}”开头" if lm.pmi(langmodel.BOS, c) < limit else None
    if _boundness().get(c, 0.0) < BOUND_START:
        if toks[1] in _LONE_CLAUSE_COMMA and tag in _LOCALIZER_TAGS:
            return f"以单独的“{c}”加逗号开头，这个方位词不能独立成句，前面的词语被切掉了"
        return None
    nxt = toks[1]
    if nxt not in _CLAUSE_COMMA and lm.pmi(c, nxt) >= FRAGMENT_MAX_PMI:
        return None
    return f"以“{c}”开头，这个字通常是词语的后半，前半被切掉了"


@functools.lru_cache(maxsize=4096)
def lone_char_start(text: str) -> str | None:
    """The first character of `text` when jieba's dictionary makes it a word of its
    own and it is no pronoun, surname or numeral: the possible second half of a
    word cut at the paragraph break (`区|今天`, `比|增长`)."""
    if len(text) < 2 or not is_cjk(text[0]) or not (text[1].isalnum() or text[1] in _CLAUSE_COMMA):
        return None
    if naming_char(text[0]):  # (the cheaper test first)
        return None
    return text[0] if len(words(text[:8])[0]) == 1 else None


@functools.lru_cache(maxsize=8192)
def naming_char(c: str) -> bool:
    """Is `c` a pronoun, surname or numeral (never the end of a word cut before it)?"""
    from zhcheck.rules.lang import langmodel

    return langmodel.load().tag(c) in _NAMING_TAGS


def structural_opener(text: str) -> bool:
    """True when `text` starts like a new structural unit (list marker, speaker label, bold, dash)."""
    return bool(_STRUCTURAL_OPENER.match(text))


def soft_opener(text: str) -> bool:
    """True when `text` starts like a new paragraph usually does (ordinal, time, discourse word, quote).

    A quote counts when it quotes a sentence (`“……。”他说`), not when it marks a
    term inside one (`“千村示范、万村整治”工程经验`).
    """
    if text[:1] in "“‘":
        close = text.find("”" if text[0] == "“" else "’")
        return close < 0 or close > 40 or text[close - 1] in FINAL
    return bool(_SOFT_OPENER.match(text))


def anaphoric_start(text: str) -> bool:
    """True when `text` starts like running text: a word pointing back (该区, 我们, 此外) or reported speech."""
    return bool(_ANAPHORIC_START.match(text) or _REPORTING.match(text))


def ends_on_function_word(text: str) -> bool:
    """True when the last word of `text` is one no sentence or heading ends with (的, 关于, 一批)."""
    last = words(strip_trailing(text)[-8:])
    return bool(last) and last[-1] in _NEVER_LAST


def unit_after_number(after: str) -> bool:
    """True when `after` starts with a unit, magnitude or date word that may follow a number,
    and the dictionary does not read the start as a longer word of its own (a name or term
    opening with such a character: 人民网, 个人所得税)."""
    if not _UNIT_AFTER_NUMBER.match(after):
        return False
    head = cjk_head(after, 6)
    first = words(head)[0] if head else ""
    return len(first) < _TERM_MIN or bool(_UNIT_WORD.match(first))


#: a dictionary word this long that starts with a unit character is a term, not a unit
_TERM_MIN = 3


@dataclass
class JoinEvidence:
    """Why the text before a break continues in the text after it."""

    strong: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    word: CrossWord | None = None
    #: the halves fit each other (a quote closes, a number meets its unit, a word forms),
    #: not merely the second one cannot open a sentence
    fit: bool = False

    @property
    def score(self) -> float:
        return 3.0 * len(self.strong) - 3.0 * len(self.against)


_ROW = lazy(r"^\d+[^\d]+.*\d$")


def _table_rows(before: str, after: str) -> bool:
    """Two short lines that each start with a number and end with one (1华东电脑24.82 /
    2工益股份24.53): rows of a flattened table, not a number split in two."""
    tail = before.rsplit("\n", 1)[-1]
    return len(tail) <= _ROW_MAX and len(after) <= _ROW_MAX and bool(_ROW.match(tail)) and bool(_ROW.match(after))


_ROW_MAX = 40


def word_across(before: str, after: str) -> CrossWord | None:
    """The dictionary word `join_evidence` reads across the break between paragraph texts
    `before` and `after`; no word runs on across a closing quote or bracket (经济界（119人）/
    马永伟、…)."""
    if before.rstrip(" *_")[-1:] in CLOSING:
        return None
    return cross_word(strip_trailing(before) if not unclosed(before) else before, after)


def join_evidence(before: str, after: str) -> JoinEvidence:
    """Evidence that paragraph text `before` is continued by paragraph text `after`.

    Strong: a dictionary word across the break, a number meeting its unit, an
    open quote or bracket closed after the break, a start that cannot open a
    sentence. Against: a unit after something that is not a number, a closing
    quote nothing opened, a number running into another number.
    """
    ev = JoinEvidence()
    core = strip_trailing(before) if not unclosed(before) else before
    opened = unclosed(before)
    closers = dangling_closers(after)
    if opened and closers and PAIRS[opened[-1]] == closers[0]:
        ev.strong.append(f"前段未闭合的 {opened[-1]} 在后段闭合")
    # a number in quotes or brackets is a term (“七一”): no unit runs on across the closer
    number_end = ends_with_number(core) and before.rstrip(" *_")[-1:] not in CLOSING
    if starts_with_unit(after):
        if number_end:
            ev.strong.append("数字与单位被拆开")
        elif not _NUMBER_NEAR_END.search(core):  # 2万人|次 and 925万载重|吨 are compound units
            ev.against.append(_UNIT_AGAINST)
    elif number_end and _DATE_START.match(after):
        ev.against.append("数字后面接着日期")
    elif number_end and after[:1].isdigit() and _table_rows(core, after):
        ev.against.append("前后两行都以数字开头和结尾，是表格的行")
    elif number_end and after[:1].isdigit():
        ev.strong.append("一个数字被拆开")
    elif number_end and unit_after_number(after):
        ev.strong.append("数字与单位被拆开")
    cw = word_across(before, after)
    if cw is not None:
        if _UNIT_AGAINST in ev.against:
            ev.against.remove(_UNIT_AGAINST)  # no bare unit: the word across takes it (平|台)
        ev.word = cw
        ev.strong.append(f"“{cw.tail}”与“{cw.head}”组成词语“{cw.word}”")
    ev.fit = bool(ev.strong)
    reason = bad_opener(after) or (fragment_opener(after) if cw is None else None)
    if reason and not starts_with_unit(after):
        ev.strong.append(f"后段{reason}，不能独立成句")
    return ev


# --- lines that are structure, not running text ------------------------------------

#: a news dateline, an editor's note or a letter's salutation opens an article's body:
#: the lines without final punctuation right before it are the article's headline
#: a table's caption: 表1：…, 表二 …
_TABLE_CAPTION = lazy(r"^[表图]\s*[0-9０-９一二三四五六七八九十]+\s*[：:．.\s]")
_TABLE_NUMBER = lazy(r"\d+(?:\.\d+)?")
_CLAUSE_PUNCT = lazy(r"[，,。；;：:！？!?]")
_PARENTHETICAL = lazy(r"[（(][^（）()]*[）)]")
#: a photo caption's own note at its end: ……（图片）, （资料照片）
_PHOTO_NOTE = lazy(r"[（(][^（）()]{0,6}(?:图片|照片)[）)]\s*$")
#: a section number on a line of its own: 三, （二）
#: a bare section number or list enumerator printed on a line of its own, above its item:
#: 三, （二）, 四、, 第四，, 第一章, 12., （3）, ⑤
_SECTION_NUMBER = lazy(
    r"^(?:[（(]?[一二三四五六七八九十]{1,3}[）)]?[、.．，,]?"
    r"|第[一二三四五六七八九十百零〇]{1,4}(?:[编章节条]|部分)?[、，,]?"
    r"|[（(]?\d{1,3}[）)]?[、.．]?|[①-⑳])$"
)
#: items of a list of names or terms (王立平（满族）、王佐书、…): at least this many, this
#: short on average, none longer than a transliterated name (阿嘉·洛桑图旦·久美嘉措)
_LIST_ITEMS = 4
_LIST_ITEM_MEAN = 6
_LIST_ITEM_MAX = 16


#: an official document's number on a line of its own, under its title: 国办发〔2018〕71号
_DOCUMENT_NUMBER = lazy(r"^[\u4e00-\u9fff]{1,10}[〔［\[]\d{4}[〕］\]]\d{1,4}号$")


def document_number(text: str) -> bool:
    """Is `text` an official document's number line (国发〔2019〕5号, 法释〔2020〕17号)?"""
    return _DOCUMENT_NUMBER.match(text.strip()) is not None


def article_opener(text: str) -> bool:
    """Does `text` open an article's body (a dateline 本报北京1月15日讯, 新华社…电, 编者按)?"""
    return ARTICLE_OPENER.match(text) is not None


#: cells a tab sets apart on one line: a table row
TAB_CELLS = 3


def table_line(text: str) -> bool:
    """A table's caption (表3：…), a row of a flattened table (山东0.8－1.4 0.5…: at least
    three numbers and no clause punctuation) or a row whose cells a tab sets apart (at least
    TAB_CELLS of them, as a table copied out of a page or a spreadsheet prints)."""
    if _TABLE_CAPTION.match(text) or len([c for c in text.split("\t") if c.strip()]) >= TAB_CELLS:
        return True
    return len(_TABLE_NUMBER.findall(text)) >= 3 and _CLAUSE_PUNCT.search(text) is None


def enumeration(text: str) -> bool:
    """A list of short items separated by 、 and nothing else (a list of names or terms)."""
    bare = _PARENTHETICAL.sub("", text)
    if _CLAUSE_PUNCT.search(bare):
        return False
    items = bare.split("、")
    if len(items) < _LIST_ITEMS or max(len(i) for i in items) > _LIST_ITEM_MAX:
        return False
    return sum(len(i) for i in items) <= _LIST_ITEM_MEAN * len(items)


def quoted_line(text: str) -> bool:
    """Is the whole line one quotation (a quoted subheading: “……，……”)?"""
    t = text.rstrip()
    opener = t[:1]
    if opener not in PAIRS or len(t) < 3 or t[-1] != PAIRS[opener]:
        return False
    depth = 0
    for k, c in enumerate(t):
        if c == opener:
            depth += 1
        elif c == PAIRS[opener]:
            depth -= 1
            if depth == 0:
                return k == len(t) - 1
    return False


def photo_note(text: str) -> bool:
    """Does `text` end with a photo caption's note (（图片）)?"""
    return _PHOTO_NOTE.search(text) is not None


def section_number(text: str) -> bool:
    """Is `text` a bare section number or list enumerator (三, （二）, 四、, 第四，, 第一章)?

    Official documents and statutes print a list item's or a heading's number on a line
    of its own above its text: list structure, not a paragraph broken after its number."""
    return _SECTION_NUMBER.match(text.strip(" \t\u3000")) is not None


def name_line(text: str) -> bool:
    """Is `text` a byline of one or two bare personal names (汪大昭, 孟西安黄大刚)?

    Each name is two to four Han characters, starts with a common surname that
    does not start a dictionary word there, and is no dictionary word itself."""
    if not 2 <= len(text) - text.count(" ") - text.count("\u3000") <= 8:
        return False
    t = text.replace(" ", "").replace("\u3000", "")
    if not all(is_cjk(c) for c in t):
        return False
    if len(t) <= 4 and _personal_name(t):
        return True
    return any(_personal_name(t[:k]) and _personal_name(t[k:]) for k in range(2, 5) if 2 <= len(t) - k <= 4)


def _personal_name(t: str) -> bool:
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.lexicon import surnames, word_freq

    if not 2 <= len(t) <= 4 or t[0] not in surnames():
        return False
    if langmodel.jieba_tag(t) == "nr":  # a name the dictionary knows (罗雪村)
        return True
    first = words(t)[0]
    # the surname alone, or a surname-led name the dictionary has (吴子|长), starts the line
    return (first == t[0] or (len(first) < len(t) and langmodel.jieba_tag(first) == "nr")) and word_freq(t) == 0


def ends_inside_word(text: str) -> bool:
    """Does `text` stop inside a word or number: on a digit, or on a single character
    that the dictionary does not join with what precedes it (产业营) and that is no
    modal particle?"""
    core = strip_trailing(text)
    if core[-1:].isdigit():
        return True
    ws = words(core[-8:])
    if not ws or len(ws[-1]) != 1 or not is_cjk(ws[-1]):
        return False
    from zhcheck.rules.lang import langmodel

    return langmodel.load().tag(ws[-1]) != "y"  # a modal particle ends a sentence: 吃饭吧


#: a break where a sentence ending and a new sentence starting are this much (natural log)
#: more probable than the two words running on is a paragraph end, not a cut (扶贫济困 /
#: 谈到…: 1.1; 衣服 / 我: 3.3). Random cuts between two words of running text (CCTV
#: transcripts) reach it in 2.5 % of the cases.
BOUNDARY_MIN = 1.0


def boundary_gain(before: str, after: str) -> float:
    """How much more probable the language model finds a sentence boundary between
    `before` and `after` than the last word of one running on into the first of the other."""
    from zhcheck.rules.lang import langmodel

    tail, head = words(strip_trailing(before)[-8:]), words(after[:8])
    if not tail or not head:
        return 0.0
    lm = langmodel.load()
    w1, w2 = langmodel.word_class(tail[-1]), langmodel.word_class(head[0])
    split = lm.word_bigram_logprob(w1, langmodel.EOS) + lm.word_bigram_logprob(langmodel.BOS, w2)
    return split - lm.word_bigram_logprob(w1, w2)
