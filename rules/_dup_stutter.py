"""Character stutters: a Han character typed, scanned or transcribed twice.

A doubled character is a stutter when the doubled form is no word, is no
legal reduplication (天天, 家家户户, 一串串, 年年, 2022年年底, 轰轰烈烈), and one
copy is left over as an orphan single-character token in the segmentation
while dropping it makes the clause clearly more probable under jieba's
dictionary frequencies. A copy that belongs to a word on each side
(工作作风, 发展展览馆, 会议议程) is two words meeting, not a stutter, and so is
an office followed by the title of its head (农村司司长); an adjective doubled
before 的/地 (贵贵的), a verb doubled before a pronoun or at a clause end
(暖暖他们, 瞅瞅) and a verb after a noun ending in it (工作作了部署) are
grammar; a doubled pair the article uses in different contexts is a name.
A doubled form that is a dictionary word is a word only where jieba reads it
as one (看看书) or it ends the clause or precedes 的/地 (锣鼓声声, 浓浓的);
elsewhere (活|活动, 满|满足) it is judged like any other pair.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.document import Document, Paragraph
from checker.textutil import CJK_CLASS

#: a doubled Han character
_DOUBLE = re.compile(f"([{CJK_CLASS}])\\1")
#: the Han run (clause) a candidate is scored in
_HAN_RUN = re.compile(f"[{CJK_CLASS}]+")
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟")

#: log-probability gain (natural log) that dropping the copy must bring.
#: Measured on 400 clean CCTV transcripts and the seeds: stutters gain
#: 6.9-11.3; legal pairs that survive the other filters gain at most 7.8
#: (水水中转, an orphan before a word) and 6.3 (月月, both orphans).
GAIN_AFTER_WORD = 6.5  # 集群|群: the orphan repeats the end of the word before it
GAIN_BEFORE_WORD = 8.0  # 水|水中: the orphan precedes a word starting with it
GAIN_BOTH_ORPHANS = 8.5  # 帆|帆: neither copy belongs to a word
#: a copy inside a token jieba's HMM guessed (审判|判质效 10.7, 出席|席钱 10.6) may be
#: part of a new word the dictionary lacks (网红|红绿 8.3): the gain must be larger
GAIN_GUESSED_TOKEN = 10.0
#: dictionary frequency of the verb-object word of a legal AAB form (喝茶, 串门)
VERB_OBJECT_MIN_FREQ = 50
#: a doubled pair is a word (天天, 声声, 卡卡) when jieba's dictionary has it at least
#: this often; the entries of frequency 3 (扭扭, 省省, 门门, 振振) are noise
WORD_MIN_FREQ = 10
#: quotations up to this length are slogans or titles, where wordplay is at home
_SHORT_QUOTE = 20


@dataclass(frozen=True)
class Stutter:
    """Document offsets of the doubled pair and the gain of dropping one copy."""

    start: int
    char: str
    gain: float
    #: the words around the pair, as an editor would quote them (集群群)
    context: str

    @property
    def end(self) -> int:
        return self.start + 2


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    from checker.lexicon import rules_data

    data = json.loads(rules_data("dup_lexicon.json").read_text(encoding="utf-8"))
    return frozenset(data["function_chars"]), frozenset(data["name_suffix_chars"])


def _covered_by_longer_word(run: str, i: int) -> bool:
    """Is run[i:i+2] inside a dictionary word of three or more characters?"""
    from checker.lexicon import word_freq

    for a in range(max(0, i - 3), i + 1):
        for b in range(i + 2, min(len(run), a + 6) + 1):
            if b - a >= 3 and word_freq(run[a:b]) > 0:
                return True
    return False


def _short_quoted(text: str, i: int) -> bool:
    """Is text[i] inside a balanced “quotation” or 《title》 of at most _SHORT_QUOTE chars?"""
    lo = max(0, i - _SHORT_QUOTE)
    for opener, closer in (("“", "”"), ("《", "》"), ("「", "」"), ("‘", "’")):
        o = text.rfind(opener, lo, i + 1)
        if o < 0 or text.find(closer, o, i) >= 0:
            continue
        c = text.find(closer, i, o + _SHORT_QUOTE + 2)
        if c >= 0:
            return True
    return False


def _legal_context(text: str, i: int, function_chars: frozenset[str]) -> bool:
    """Reduplication patterns that are grammar, decided from the characters alone."""
    x = text[i]
    before = text[i - 1] if i > 0 else ""
    after = text[i + 2] if i + 2 < len(text) else ""
    if x in _NUMERALS or x in function_chars:
        return True
    if before == x or after == x:  # 哈哈哈: a run of three is not a stutter
        return True
    if before == "一" or before.isdigit() or before in _NUMERALS:  # 一串串, 36个个人, 十五五
        return True
    if after == "、" and text[i + 4 : i + 5] == "、":  # 全省省、市、县: single-character items follow
        return True
    if i + 3 < len(text) and after == text[i + 3]:  # AABB: 轰轰烈烈
        return True
    return i >= 2 and text[i - 2] == before  # BBAA


def find_stutters(doc: Document, para: Paragraph) -> Iterator[Stutter]:
    """Doubled characters in one paragraph that read as stutters."""
    from checker.lexicon import route_log_prob, word_freq

    text = para.text
    function_chars, name_suffixes = _lexicon()
    for m in _DOUBLE.finditer(text):
        i = m.start()
        x = m.group(1)
        if _legal_context(text, i, function_chars) or _short_quoted(text, i):
            continue
        if _verb_object_aab(x, text[i + 2 : i + 3]):
            continue
        doubled_freq = word_freq(x + x)
        run = next(r for r in _HAN_RUN.finditer(text, max(0, i - 30)) if r.start() <= i < r.end())
        r0 = max(run.start(), i - 20)
        clause = text[r0 : min(run.end(), i + 22)]
        k = i - r0
        if _covered_by_longer_word(clause, k):
            continue
        first, second = _tokens_at(doc, para, para.start + i)
        if first is None or second is None:
            continue
        if first == second and (doubled_freq >= WORD_MIN_FREQ or first[1] - first[0] > 2):
            continue  # a reduplicated word (天天, 看看) or inside a longer unknown word or name (李晶晶)
        if doubled_freq >= WORD_MIN_FREQ and (
            text[i + 2 : i + 3] in ("的", "地") or not _HAN_RUN.match(text[i + 2 : i + 3])
        ):
            continue  # 锣鼓声声，春意浓浓，蓊郁郁的林带: a descriptive doubled word (ABB)
        if _is_name(x + x) or _is_name(doc.text[second[0] : second[1]]):
            continue  # 卡卡, 卡|卡尔: a transliterated name
        # jieba's HMM glues two orphans into one unknown token, and an orphan into an
        # unknown token after it (审判|判质效): treat them as orphans
        guessed = first != second and (_unknown(doc, first) or _unknown(doc, second))
        orphan1 = first == second or first[1] - first[0] == 1 or _unknown(doc, first)
        orphan2 = first == second or second[1] - second[0] == 1 or _unknown(doc, second)
        after = text[i + 2 : i + 3]
        if orphan1 and orphan2:
            if after in ("的", "地"):
                continue  # 贵贵的, 慢慢地: an adjective reduplicated before 的/地
            if _is_verb(x) and (not after or after in _PRONOUN_STARTS or not _HAN_RUN.match(after)):
                continue  # 瞅瞅。 暖暖他们的心: a verb reduplicated (try it, a little)
            need = GAIN_BOTH_ORPHANS
        elif orphan2:
            if x in name_suffixes:
                continue  # 贵港|港, 全市|市: a name followed by its generic noun
            if after in _ASPECT and _is_verb(x):
                continue  # 工作|作了部署: the verb after a noun ending in the same character
            need = GAIN_AFTER_WORD
        elif orphan1:
            word_after = doc.text[second[0] : second[1]]
            if x in name_suffixes or word_after in (x + "长", x + "主任"):
                continue  # 农村司|司长, 民工队|队长, 班|班主任: an office and the title of its head

            need = GAIN_BEFORE_WORD
        else:
            continue  # 工作|作风: two words meeting
        if _recurs_in_other_contexts(doc.text, x, text[i - 1 : i]):
            continue  # 童童 … 的童童: a name or term the article uses, not a slip
        if guessed:
            need = max(need, GAIN_GUESSED_TOKEN)
        gain = route_log_prob(clause[:k] + clause[k + 1 :]) - route_log_prob(clause)
        if gain >= need:
            lo, hi = first[0], second[1]
            if hi - lo <= 2:  # both copies are orphans: quote the next word too
                hi = next((e for _w, s, e in doc.words(para) if s == hi and _HAN_RUN.match(_w)), hi)
            yield Stutter(para.start + i, x, gain, doc.text[lo:hi])


#: characters that start a personal pronoun (the object of a reduplicated verb)
_PRONOUN_STARTS = frozenset("我你他她它咱您")
#: aspect particles that follow a verb
_ASPECT = frozenset("了着过")


def _is_verb(ch: str) -> bool:
    from checker.lexicon import words_tagged

    return ch in words_tagged(frozenset({"v"}))


def _is_name(word: str) -> bool:
    from checker import langmodel

    return langmodel.jieba_tag(word) == "nr"


def _verb_object_aab(x: str, b: str) -> bool:
    """喝喝茶, 串串门, 度度假: a verb-object word `x` + `b` (a verb by the language
    model's tag, `b` a noun or measure word by jieba's) with its verb reduplicated,
    as speech does; 品品质 (品质 is a noun) is no such form."""
    from checker import langmodel
    from checker.lexicon import word_freq

    if not b or langmodel.jieba_tag(b) not in ("n", "q") or word_freq(x + b) < VERB_OBJECT_MIN_FREQ:
        return False
    return langmodel.load().tag(x + b) in ("v", "vn")


def _recurs_in_other_contexts(text: str, ch: str, before: str) -> bool:
    """Does the doubled pair occur again after a different character (a name, a term)?

    A slip repeats only where a passage was copied whole, with the same context."""
    pair = ch + ch
    k = text.find(pair)
    while k >= 0:
        if (text[k - 1] if k else "") != before:
            return True
        k = text.find(pair, k + 2)
    return False


def _unknown(doc: Document, span: tuple[int, int]) -> bool:
    """Is the token at `span` of two or more characters unknown to the dictionary (made by jieba's HMM)?"""
    from checker.lexicon import word_freq

    return span[1] - span[0] > 1 and word_freq(doc.text[span[0] : span[1]]) == 0


def _tokens_at(doc: Document, para: Paragraph, offset: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(start, end) of the tokens containing `offset` and `offset + 1`."""
    first = second = None
    for _w, s, e in doc.words(para):
        if s <= offset < e:
            first = (s, e)
        if s <= offset + 1 < e:
            second = (s, e)
            break
    return first, second
