"""Shared vocabulary: the facts about Chinese text that more than one family needs, stated once.

Punctuation classes (sentence ends, paired marks), numerals, particles, the suffixes of
division names, and three character classes derived from jieba's dictionary
(`rules/data/char_classes.json`, rebuilt by `tools/build_char_classes.py`): function
characters, name-suffix characters and measure words. A family composes what it needs
from these names instead of writing the characters out again.
"""

from __future__ import annotations

import functools
import json

from zhcheck.lazyre import lazy
from zhcheck.rules.lang.resources import rules_data
from zhcheck.textutil import ATTRIBUTE_LIST, CLOSERS, SENTENCE_END

__all__ = ["CLOSERS", "SENTENCE_END"]  # the engine's sentence classes (checker/textutil.py), shared here

# --- punctuation ------------------------------------------------------------------------

#: full-width marks that end a sentence, and their half-width forms
FULL_STOPS = "。！？"
HALF_STOPS = "!?"
#: the marks that end a sentence (SENTENCE_END adds the semicolons, which the engine splits on)
STOPS = FULL_STOPS + HALF_STOPS
SEMICOLONS = "；;"
ELLIPSIS = "…"
#: the marks between the clauses of a sentence
CLAUSE_MARKS = "，、；：,;:"
#: what may end a finished sentence or paragraph: a sentence end or an ellipsis
FINAL_MARKS = frozenset(SENTENCE_END + ELLIPSIS)
#: full-width paired marks: opener -> closer
BRACKETS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "【": "】", "「": "」", "『": "』", "〔": "〕"}
OPENING_MARKS = "".join(BRACKETS)
CLOSING_MARKS = "".join(BRACKETS.values())
#: Chinese (full-width) punctuation of running text
CN_PUNCT = "，。、；：？！" + OPENING_MARKS + CLOSING_MARKS + "…—～·"
#: half-width marks and the full-width marks Chinese text uses instead (GB/T 15834)
FULLWIDTH_OF = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}

# --- numbers ----------------------------------------------------------------------------

CN_DIGITS = "〇零一二两三四五六七八九"
CN_NUMBER_UNITS = "十百千万亿"
#: the financial (capital) numerals 壹 … 仟
CAPITAL_NUMERALS = "壹贰叁肆伍陆柒捌玖拾佰仟"
NUMERAL_CHARS = frozenset(CN_DIGITS + CN_NUMBER_UNITS)
ALL_NUMERAL_CHARS = NUMERAL_CHARS | frozenset(CAPITAL_NUMERALS)

# --- words ------------------------------------------------------------------------------

#: aspect particles that follow a verb
ASPECT_PARTICLES = frozenset("了着过")
#: a news report's dateline: 本报北京1月15日讯, 新华社北京9月10日电, or any outlet's with its
#: place and date (人民网北京3月18日电, 某某日报长沙5月2日讯)
DATELINE = (
    r"本报[^，。：:]{0,16}?[讯电]|据?新华社[^，。：:]{0,16}?电"
    r"|[\u4e00-\u9fff]{1,8}[网社报台][\u4e00-\u9fff]{1,10}\d{1,2}月\d{1,2}日[电讯](?![\u4e00-\u9fff])"
)
#: what opens a news article's body: a dateline, an editor's note
ARTICLE_OPENER = lazy(rf"^(?:{DATELINE}|中新社|编者按|编辑同志[：:]|本报记者|新华社记者)")
#: forms of address and titles that follow a surname (任老师, 计主任): the character before
#: one of them is a surname, not the end of a word
PERSONAL_TITLES = frozenset(
    ("老师", "先生", "女士", "小姐", "同志", "师傅", "大爷", "大娘", "大妈", "阿姨", "大姐", "大哥", "老汉", "教授",
     "医生", "大夫", "书记", "总书记", "主任", "校长", "厂长", "经理", "局长", "县长", "市长", "村长", "队长", "部长",
     "委员", "总理", "主席", "老板")
)  # fmt: skip


#: one-character light verbs (形式动词): they take a verbal noun as object (作发言, 做工作)
LIGHT_VERBS = frozenset("作做搞")
#: the one-character suffixes of division names (省, 市, 县, …); 街道 and 自治区 are longer
ADMIN_SUFFIX_CHARS = "省市县区镇乡旗"
#: a Markdown attribute list left at the end of a paragraph by a conversion to plain text
#: or Word ({#anchor}, {.class}, {: #anchor}): Pandoc/kramdown markup, no prose
TRAILING_ATTRIBUTES = lazy(rf"(?<![ \t])[ \t]*{ATTRIBUTE_LIST}[ \t]*$")  # a run of blanks read once
#: a direction after a place name makes the name of a station, exit or district (某某南, 某某北)
DIRECTION_CHARS = "东南西北中"


@functools.cache
def _char_classes() -> dict[str, str]:
    return json.loads(rules_data("char_classes.json").read_text(encoding="utf-8"))


@functools.cache
def function_chars() -> frozenset[str]:
    """Frequent one-character numerals, measure words, time words, prepositions and
    particles: doubling them is ordinary grammar (年年, 可以|以此)."""
    return frozenset(_char_classes()["function_chars"])


@functools.cache
def name_suffix_chars() -> frozenset[str]:
    """Characters that end at least 100 place or organisation names (县, 港, 湖, …)."""
    return frozenset(_char_classes()["name_suffix_chars"])


@functools.cache
def measure_chars() -> frozenset[str]:
    """One-character measure words (棵, 趟, 户, …) that jieba's dictionary has after 一."""
    return frozenset(_char_classes()["measure_chars"])
