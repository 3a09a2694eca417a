"""Character stutters: a Han character typed, scanned or transcribed twice.

A doubled character is a stutter when the doubled form is no word, is no
legal reduplication (天天, 家家户户, 一串串, 年年, 2022年年底, 轰轰烈烈), and one
copy is left over as an orphan single-character token in the segmentation
while dropping it makes the clause clearly more probable under jieba's
dictionary frequencies. A copy that belongs to a word on each side
(工作作风, 发展展览馆, 会议议程) is two words meeting, not a stutter, and so is
an office followed by the title of its head (农村司司长); an adjective doubled
before 的/地 (贵贵的), a verb doubled before a pronoun or at a clause end
(暖暖他们, 瞅瞅), a verb after a noun ending in it (工作作了部署) and a light
verb with its object after one (工作作发言) are grammar; a doubled pair the
article uses in different contexts is a name.
A doubled form that is a dictionary word is a word only where jieba reads it
as one (看看书) or it ends the clause or precedes 的/地 (锣鼓声声, 浓浓的);
elsewhere (活|活动, 满|满足) it is judged like any other pair.
Reduplication is grammar too where neither copy belongs to a word and the
character is a measure word (棵棵茁壮), a noun before a verb (校校讲), a verb or
adjective before its object (润润嗓子), a bound morpheme (萋萋) or a given
name (芳芳吗); before 然 (浩浩然); as an AAB verb-object form (踩踩水, 享享清福), also one of
a series of them (打打牌，遛遛弯);
where a verb ending a word recurs with its complement (暖流|流进), a surname
before a title (班主任|任老师), the BB of an ABB adjective (硬板|板的), an adjective
before the noun it modifies (技术创新|新产品), a verb before its pronoun object
(旁听|听什么), a place before a localizer (客运站|站前); a copy that starts a word across
a bracketed alternative (扩建|建（构）筑物); a noun derived
with a productive suffix (供应|率 = 供应率) before a word starting with it (率先); and in
transliterated names (塞莱莱·…) and brands (盼盼集团).
A frequent one-character grammatical word (在, 的, 和, 就, 我, 是) doubled with both
copies words of their own is a slip when the character 4-gram model reads the text
clearly better without one copy (dropping a frequent word hardly changes the route
probability, so that measure cannot tell).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from zhcheck.document import Document, Paragraph
from zhcheck.lazyre import lazy
from zhcheck.rules.lang import charlm, vocab
from zhcheck.rules.lang.tokens import token_containing, token_starting
from zhcheck.rules.lang.vocab import ALL_NUMERAL_CHARS, ASPECT_PARTICLES, LIGHT_VERBS
from zhcheck.textutil import CJK_CLASS

#: a doubled Han character
_DOUBLE = lazy(f"([{CJK_CLASS}])\\1")
#: the Han run (clause) a candidate is scored in
_HAN_RUN = lazy(f"[{CJK_CLASS}]+")
_HAN_TAIL = lazy(f"[{CJK_CLASS}]+$")

#: log-probability gain (natural log) that dropping the copy must bring.
#: Measured on 400 clean CCTV transcripts and the seeds: stutters gain
#: 6.9-11.3; legal pairs that survive the other filters gain at most 7.8
#: (水水中转, an orphan before a word) and 6.3 (月月, both orphans).
GAIN_AFTER_WORD = 6.5  # 集群|群: the orphan repeats the end of the word before it
GAIN_BEFORE_WORD = 8.0  # 水|水中: the orphan precedes a word starting with it
#: ... unless the orphan joins nothing on its left either (，各|各地, 和开|开发, 已过九成。今|今年:
#: no dictionary word with the character before it, and no localizer, conjunction,
#: preposition or particle, which stand alone after a word: 报告中|中国, 战争和|和平) and the
#: character 4-gram model confirms (LONE_CHARLM_GAIN). Measured on the tuning halves of the
#: clean controls and the two tuning-only dev sets (6.5 M chars): the one such clean pair
#: above 7.0 (自住|住房 7.6) has a word on its left; below it 对其|其他 6.7 and 旗帜高|高举 7.0
#: (character model -1.2); such stutters in benchmarks/synthetic_damage.py --seed 2 gain
#: 7.2-7.9 (two thirds of the misses of this kind) with the character model at 6.2-14.5
GAIN_LONE_BEFORE_WORD = 7.0
LONE_CHARLM_GAIN = 6.0
#: parts of speech of a character that stands alone after a word (localizers, conjunctions,
#: prepositions, particles)
_STANDS_AFTER_WORD_TAGS = frozenset({"f", "c", "p", "u", "uj", "ul", "uz", "ug", "ud", "uv"})
#: ... and of a measure word, which doubles before a word starting with it by grammar
#: (分分钟 "in no time", 个个都, 天天向上): no lone orphan
_MEASURE_TAGS = frozenset({"q"})
GAIN_BOTH_ORPHANS = 8.5  # 帆|帆: neither copy belongs to a word
#: a copy inside a token jieba's HMM guessed (审判|判质效 10.7, 出席|席钱 10.6) may be
#: part of a new word the dictionary lacks (网红|红绿 8.3): the gain must be larger
GAIN_GUESSED_TOKEN = 10.0
#: dictionary frequency of the verb-object word of a legal AAB form (喝茶, 串门)
VERB_OBJECT_MIN_FREQ = 50
#: a doubled pair is a word (天天, 声声, 卡卡) when jieba's dictionary has it at least
#: this often; the entries of frequency 3 (扭扭, 省省, 门门, 振振) are noise
WORD_MIN_FREQ = 10
#: jieba's tags of the one-character grammatical words: prepositions, conjunctions,
#: particles, adverbs, pronouns. Their reduplications that are grammar are dictionary words
#: jieba reads as one (常常, 等等, 的的确确); two of them in a row, each a word of its own
#: (在|在, 的|的, 我|我), is a slip of the keyboard or the transcriber
GRAMMATICAL_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "d", "r"})
#: the copula and the modal verbs, grammatical words jieba tags as verbs
COPULA_AND_MODALS = frozenset("是要能")
#: a grammatical word at least this frequent in jieba's dictionary stands alone (rarer
#: ones live in set phrases)
GRAMMATICAL_MIN_FREQ = 1000
#: the gain (natural log) in the character 4-gram model's reading of the context that
#: dropping one copy of a doubled grammatical word must bring. The route probability
#: undervalues these slips: a frequent word costs little to keep twice. Measured on the
#: tuning halves of the clean controls and two tuning-only dev sets (6.5 M chars): three
#: doubled grammatical words left as two words by jieba, two slips (8.4) and one word
#: the dictionary lacks ending in the particle before the particle (7.9); one such word
#: doubled in 300 tuning-half articles gains 7.0 or more in 95% of them (7.4-20)
GAIN_GRAMMATICAL_WORD = 7.0
#: quotations up to this length are slogans or titles, where wordplay is at home
_SHORT_QUOTE = 20


#: a token of jieba's cut as (start, end) document offsets
Token = tuple[int, int]


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


def _covered_by_longer_word(run: str, i: int) -> bool:
    """Is run[i:i+2] inside a dictionary word of three or more characters?"""
    from zhcheck.rules.lang.lexicon import word_freq

    for a in range(max(0, i - 3), i + 1):
        for b in range(i + 2, min(len(run), a + 6) + 1):
            if b - a >= 3 and word_freq(run[a:b]) > 0:
                return True
    return False


#: a short alternative in brackets inside a term: 建（构）筑物 = 建筑物 or 构筑物
_BRACKETED_ALTERNATIVE = lazy(f"[（(][{CJK_CLASS}]{{1,2}}[）)]([{CJK_CLASS}]{{1,3}})")


def _word_across_alternative(text: str, i: int) -> bool:
    """Does the second copy of the pair at text[i] start a dictionary word whose next
    characters follow a short alternative in brackets (扩建|建（构）筑物: 建筑物)? Then the
    copy belongs to a word, and the pair is two words meeting."""
    from zhcheck.rules.lang.lexicon import word_freq

    m = _BRACKETED_ALTERNATIVE.match(text, i + 2)
    if m is None:
        return False
    rest = m.group(1)
    return any(word_freq(text[i + 1] + rest[:k]) > 0 for k in range(1, len(rest) + 1))


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


def _legal_context(text: str, i: int) -> bool:
    """Reduplication patterns that are grammar, decided from the characters alone."""
    x = text[i]
    before = text[i - 1] if i > 0 else ""
    after = text[i + 2] if i + 2 < len(text) else ""
    if x in ALL_NUMERAL_CHARS or x in _exempt_chars():
        return True
    if before == x or after == x:  # 哈哈哈: a run of three is not a stutter
        return True
    if before == "一" or before.isdigit() or before in ALL_NUMERAL_CHARS:  # 一串串, 36个个人, 十五五
        return True
    if after == "、" and text[i + 4 : i + 5] == "、":  # 全省省、市、县: single-character items follow
        return True
    if i + 3 < len(text) and after == text[i + 3]:  # AABB: 轰轰烈烈
        return True
    return i >= 2 and text[i - 2] == before  # BBAA


def find_stutters(doc: Document, para: Paragraph) -> Iterator[Stutter]:
    """Doubled characters in one paragraph that read as stutters.

    Phases per doubled character: legal in its surface context (grammar, quotes, names),
    inside a longer dictionary word, a doubled word or a name by jieba's cut, then the gain
    the clause must make in route probability without one copy (by how the copies sit
    among the words), and finally that gain.
    """
    from zhcheck.rules.lang.lexicon import route_log_prob

    text = para.text
    function_chars = vocab.function_chars()
    for m in _DOUBLE.finditer(text):
        i, x = m.start(), m.group(1)
        if _legal_on_the_surface(text, i, x):
            continue
        run = next(r for r in _HAN_RUN.finditer(text, max(0, i - 30)) if r.start() <= i < r.end())
        r0 = max(run.start(), i - 20)
        clause = text[r0 : min(run.end(), i + 22)]
        k = i - r0
        if _covered_by_longer_word(clause, k) or _word_across_alternative(text, i):
            continue
        first, second = _tokens_at(doc, para, para.start + i)
        if first is None or second is None or _doubled_word_or_name(doc, text, i, x, first, second):
            continue
        need = None if x in function_chars else _gain_needed(doc, para, i, x, first, second)
        gain = 0.0 if need is None else route_log_prob(clause[:k] + clause[k + 1 :]) - route_log_prob(clause)
        word_after = doc.text[second[0] : second[1]]
        if need == GAIN_BEFORE_WORD and gain < need and _lone_orphan_before_word(text, i, word_after, gain):
            need = GAIN_LONE_BEFORE_WORD
        if (need is None or gain < need) and _doubled_grammatical_word(doc, para, i, first, second):
            need, gain = GAIN_GRAMMATICAL_WORD, charlm.gain_at(text, i, i + 1, "")
        if need is not None and gain >= need:
            lo, hi = first[0], second[1]
            if hi - lo <= 2:  # both copies are orphans: quote the next word too
                token = token_starting(doc, para, hi)
                hi = token[2] if token is not None and _HAN_RUN.match(token[0]) else hi
            yield Stutter(para.start + i, x, gain, doc.text[lo:hi])


def _lone_orphan_before_word(text: str, i: int, word_after: str, gain: float) -> bool:
    """Does the first copy of the pair at text[i], an orphan before `word_after` starting with
    the character, join nothing on its left (no word with the character before it, no
    character that stands alone after a word) while dropping it gains GAIN_LONE_BEFORE_WORD
    in route probability and LONE_CHARLM_GAIN in the character model (和开|开发企业)? A verb
    before a verb-object word whose object is a word (打|打零工: 零工) is the verb reduplicated
    before its object (AAB), as speech does."""
    from zhcheck.rules.lang.lexicon import word_freq

    x = text[i]
    if gain < GAIN_LONE_BEFORE_WORD or (i > 0 and word_freq(text[i - 1 : i + 1]) > 0):
        return False
    if _tag(x) in _STANDS_AFTER_WORD_TAGS | _MEASURE_TAGS:
        return False
    if _is_verb(x) and len(word_after) > 2 and word_freq(word_after[1:]) > 0:
        return False
    return charlm.gain_at(text, i, i + 1, "") >= LONE_CHARLM_GAIN


@functools.cache
def grammatical_chars() -> frozenset[str]:
    """The frequent one-character grammatical words (在, 的, 和, 就, 我, 是): jieba's
    GRAMMATICAL_TAGS or COPULA_AND_MODALS, at least GRAMMATICAL_MIN_FREQ, no numeral or
    measure word."""
    import hashlib

    from zhcheck.rules.lang.lexicon import derived, word_freq, words_tagged

    excluded = set(ALL_NUMERAL_CHARS) | vocab.measure_chars()

    def build() -> frozenset[str]:
        words = words_tagged(GRAMMATICAL_TAGS) | COPULA_AND_MODALS
        return frozenset(w for w in words if len(w) == 1 and w not in excluded and word_freq(w) >= GRAMMATICAL_MIN_FREQ)

    # derived once into the dictionary cache (the tag set took 5-15 ms to unpickle a start),
    # named by everything it is made of besides the dictionary
    inputs = repr((sorted(GRAMMATICAL_TAGS), sorted(COPULA_AND_MODALS), sorted(excluded), GRAMMATICAL_MIN_FREQ))
    return derived(f"stutter-grammatical-{hashlib.blake2b(inputs.encode(), digest_size=8).hexdigest()}", 1, build)


@functools.cache
def _exempt_chars() -> frozenset[str]:
    """Function characters whose doubling is grammar (年年, 座座, 可以以此): all but the
    grammatical words, whose doubling `_doubled_grammatical_word` judges."""
    return vocab.function_chars() - grammatical_chars()


def _doubled_grammatical_word(doc: Document, para: Paragraph, i: int, first: Token, second: Token) -> bool:
    """Is para.text[i] a grammatical word and are both copies words of their own in jieba's
    cut (or one token its HMM glued from them), with neither copy forming a dictionary word
    with the character beside it (为了|了解 cut wrongly would be two words meeting)?"""
    from zhcheck.rules.lang.lexicon import word_freq

    text = para.text
    if text[i] not in grammatical_chars():
        return False
    glued = first == second and first[1] - first[0] == 2
    if not glued and (first[1] - first[0] != 1 or second[1] - second[0] != 1):
        return False
    before = text[i - 1 : i] if i > 0 else ""
    pairs = (before + text[i] if before else "", text[i + 1 : i + 3])
    meets = any(len(w) == 2 and word_freq(w) >= WORD_MIN_FREQ for w in pairs)
    return not meets and not _recurs_in_other_contexts(doc, text[i], before)


def _legal_on_the_surface(text: str, i: int, x: str) -> bool:
    """Doubling that the characters around it make legal, before any segmentation."""
    if _legal_context(text, i) or _short_quoted(text, i):
        return True
    if _verb_object_aab(x, text[i + 2 : i + 3]) or _in_series_of_reduplicated_verbs(text, i):
        return True
    return text[i + 2 : i + 3] == "然" or _in_foreign_or_firm_name(text, i)  # 浩浩然; 塞莱莱·…, 盼盼集团


#: the parallel reduplicated verb stands this many characters away at most
_SERIES_REACH = 12
_SENTENCE_STOP = lazy("[。！？!?；;]")


def _in_series_of_reduplicated_verbs(text: str, i: int) -> bool:
    """Is the doubled verb at text[i] one of a series of reduplicated verbs with their
    objects in one sentence (打打牌，遛遛弯; 填填表、签签字): another verb doubled before a
    character of its own nearby, a style of speech, where a stutter is a single slip?"""
    x = text[i]
    if not _is_verb(x):
        return False
    lo, hi = max(0, i - _SERIES_REACH), min(len(text), i + 2 + _SERIES_REACH)
    for m in _DOUBLE.finditer(text, lo, hi):
        j, y = m.start(), m.group(1)
        if abs(j - i) < 3 or y == x or not _is_verb(y):
            continue
        between = text[min(i, j) : max(i, j)]
        after = text[j + 2 : j + 3]
        if not _SENTENCE_STOP.search(between) and _HAN_RUN.match(after) and after != y:
            return True
    return False


def _doubled_word_or_name(doc: Document, text: str, i: int, x: str, first: Token, second: Token) -> bool:
    """jieba's cut shows a reduplicated or descriptive word, or a personal name."""
    from zhcheck.rules.lang.lexicon import word_freq

    doubled_freq = word_freq(x + x)
    if first == second and (doubled_freq >= WORD_MIN_FREQ or first[1] - first[0] > 2):
        return True  # a reduplicated word (天天, 看看) or inside a longer unknown word or name (李晶晶)
    if doubled_freq >= WORD_MIN_FREQ and (
        text[i + 2 : i + 3] in ("的", "地") or not _HAN_RUN.match(text[i + 2 : i + 3])
    ):
        return True  # 锣鼓声声，春意浓浓，蓊郁郁的林带: a descriptive doubled word (ABB)
    return (
        _is_name(x + x)
        or _is_name(doc.text[second[0] : second[1]])
        or (first[1] - first[0] == 2 and _tag(doc.text[first[0] : first[1]]) == "nr")
    )  # 卡卡, 卡|卡尔, 温妮|妮: a personal or transliterated name


def _gain_needed(doc: Document, para: Paragraph, i: int, x: str, first: Token, second: Token) -> float | None:
    """The route-probability gain a stutter must make, by how the two copies sit among the
    words (both orphans, orphan after a word, orphan before one); None when the doubling is legal."""
    from zhcheck.rules.lang.lexicon import word_freq

    text = para.text
    name_suffixes = vocab.name_suffix_chars()
    # jieba's HMM glues two orphans into one unknown token, and an orphan into an
    # unknown token after it (审判|判质效): treat them as orphans
    guessed = first != second and (_unknown(doc, first) or _unknown(doc, second))
    if guessed and _words_meeting(doc, para, first, second):
        return None  # 出库|库点, 产业链|链主: a word and a two-character coinage share a character
    orphan1 = first == second or first[1] - first[0] == 1 or _unknown(doc, first)
    orphan2 = first == second or second[1] - second[0] == 1 or _unknown(doc, second)
    after = text[i + 2 : i + 3]
    next_word = _word_at(doc, para, second[1])
    if orphan1 and orphan2:
        if after in ("的", "地") or _both_orphans_legal(x, text[i - 1 : i], after, next_word):
            return None  # 贵贵的, 慢慢地: an adjective reduplicated before 的/地
        need = GAIN_BOTH_ORPHANS
    elif orphan2:
        if x in name_suffixes:
            return None  # 贵港|港, 全市|市: a name followed by its generic noun
        if after in ASPECT_PARTICLES and _is_verb(x):
            return None  # 工作|作了部署: the verb after a noun ending in the same character
        if _tag(x) == "u" and word_freq(x + after) > 0:
            return None  # 看守所|所需: an auxiliary opening its construction after a noun ending in it
        if x in LIGHT_VERBS and _verbal_object(next_word):
            return None  # 工作|作|发言: a light verb with its object after a noun ending in it
        if _second_copy_starts_phrase(x, doc.text[first[0] : first[1]], after, next_word):
            return None
        tool = _tag(doc.text[first[0] : first[1]]) == "n" and doc.text[first[0] - 1 : first[0]] in _INSTRUMENTAL
        if tool and _is_verb(x):
            return None  # 用手铐|铐, 用锯|锯开: the tool, then the verb it names
        need = GAIN_AFTER_WORD
    elif orphan1:
        word_after = doc.text[second[0] : second[1]]
        if x in name_suffixes or word_after in (x + "长", x + "员", x + "主任"):
            return None  # 农村司|司长, 民工队|队长, 班|班主任, 本船|船员: a body, its head or member
        if _verb_object_aab(x, word_after[1:], min_freq=1) or _verb_idiom(x, word_after):
            return None  # 踩|踩水, 享|享清福: a verb reduplicated before its object (AAB)
        if _derived_noun_before(doc, para, first, x):
            return None  # 供应|率|率先: a noun the writer derived (供应率), then a word
        need = GAIN_BEFORE_WORD
    else:
        return None  # 工作|作风: two words meeting
    if _recurs_in_other_contexts(doc, x, text[i - 1 : i]):
        return None  # 童童 … 的童童: a name or term the article uses, not a slip
    if _second_copy_starts_a_term(doc, para, i):
        return None  # 学习|习某某: a word ending in the name the article keeps naming
    return max(need, GAIN_GUESSED_TOKEN) if guessed else need


#: prepositions that introduce the tool a verb works with (用绳子|子…, 拿锁|锁上)
_INSTRUMENTAL = frozenset("用拿")

#: characters that start a personal pronoun (the object of a reduplicated verb)
_PRONOUN_STARTS = frozenset("我你他她它咱您")


def _is_verb(ch: str) -> bool:
    from zhcheck.rules.lang.lexicon import has_tag

    return has_tag(ch, frozenset({"v"}))


def _is_adjective(ch: str) -> bool:
    from zhcheck.rules.lang.lexicon import has_tag

    return has_tag(ch, frozenset({"a"}))


#: a single character this rare in jieba's dictionary is a bound morpheme that
#: lives in reduplications (芳草萋萋, 寒风冽冽, 邈邈青山), not a word that could stand alone twice
BOUND_MAX_FREQ = 50
#: characters that do not take a reduplicated measure word after them (这件, not 这件件)
_SINGLE_MEASURE_BEFORE = frozenset("这那每哪某该几")
#: directional complements: a verb ending a word may recur as a verb with its complement (暖流|流进)
_DIRECTIONS = frozenset("进出入上下来去回过起开到")
#: the heads of firm names: a doubled character right before one of them is a brand (某某集团)
_FIRM = lazy("集团|公司|商店|酒店|饭店|宾馆|超市|商场")
#: the parts of a transliterated name (塞莱莱) are set apart by a middle dot
_NAME_DOTS = frozenset("·•")
_FOREIGN_PART_MAX = 5


def _word_at(doc: Document, para: Paragraph, offset: int) -> str:
    """The token of the paragraph's segmentation that starts at `offset` ('' if none)."""
    token = token_starting(doc, para, offset)
    return token[0] if token is not None else ""


def _tag(word: str) -> str:
    from zhcheck.rules.lang import langmodel

    return langmodel.load().tag(word) if word else ""


def _in_foreign_or_firm_name(text: str, i: int) -> bool:
    """Is the pair at text[i] part of a transliterated name (塞莱莱·…) or a firm's name (盼盼集团)?"""
    head = _HAN_TAIL.search(text, max(0, i - _FOREIGN_PART_MAX), i)
    lo = i - len(head.group()) if head else i
    hi = _HAN_RUN.match(text, i).end()  # type: ignore[union-attr]
    dotted = text[lo - 1 : lo] in _NAME_DOTS or text[hi : hi + 1] in _NAME_DOTS
    return (dotted and hi - lo <= _FOREIGN_PART_MAX) or _FIRM.match(text, i + 2) is not None


def _both_orphans_legal(x: str, before: str, after: str, next_word: str) -> bool:
    """Reduplications where neither copy belongs to a word: a measure word
    (棵棵茁壮, 趟趟爆满: every one), a noun before a verb (校校讲: every school), a
    verb or adjective before its object (润润嗓子, 暖暖他们), a bound morpheme
    (萋萋, 冽冽), a given name (芳芳)."""
    from zhcheck.rules.lang.lexicon import word_freq

    if x in vocab.measure_chars() and before not in _SINGLE_MEASURE_BEFORE:
        return True
    if word_freq(x) < BOUND_MAX_FREQ:
        return True
    if _tag(x) == "nr" and _tag(next_word) not in ("n", "ns", "nr", "nt", "nz"):
        return True  # 记得芳芳吗 (but 辛庄|庄|村: a place, then its generic noun)
    verb = _is_verb(x) or _is_adjective(x)
    if verb and (not after or after in _PRONOUN_STARTS or not _HAN_RUN.match(after)):
        return True  # 瞅瞅。 暖暖他们的心: try it, a little
    if not next_word or not _HAN_RUN.match(next_word):
        return False
    nxt = _tag(next_word)
    if _tag(x) == "n" and nxt in ("v", "vn"):
        return True
    return verb and nxt == "n" and len(next_word) >= 2


def _second_copy_starts_phrase(x: str, word_before: str, after: str, next_word: str) -> bool:
    """The first copy ends a word and the second starts a phrase of its own: a verb
    with its complement (暖流|流进), a surname before a title (班主任|任老师), the
    BB of an ABB adjective (硬板|板的)."""
    if (_is_verb(x) or _tag(x) == "v") and after in _DIRECTIONS and next_word == after:
        return True
    from zhcheck.rules.lang.lexicon import personal_title, surname_before_title

    if personal_title(next_word):
        # (after a full name, 某某平|平同志, the title is that name's: the copy is a slip)
        return surname_before_title(x, next_word) and not (_is_name(word_before) or _tag(word_before) == "nr")
    if after in ("的", "地") and len(word_before) == 2 and _is_adjective(word_before[0]):
        return True
    return _copy_heads_its_own_phrase(x, word_before, after, next_word)


#: jieba tags of a word that names a place or a thing (西站, 广场)
_NOUN_TAGS = frozenset({"n", "ns", "nt", "nz"})


def _copy_heads_its_own_phrase(x: str, word_before: str, after: str, next_word: str) -> bool:
    """A word ending in the character, then a phrase the second copy heads: an adjective
    modifying the noun after it (技术创新|新产品, 扩大|大市场); after a verb, the verb again
    with a pronoun object (旁听|听什么); after a place, the place again before a localizer
    (客运站|站前广场)."""
    before_tag, next_tag = _tag(word_before), _tag(next_word)
    if len(word_before) >= 2 and _is_adjective(x) and next_tag == "n" and len(next_word) >= 2:
        return True
    if before_tag in ("v", "vn") and len(word_before) >= 2 and _is_verb(x) and next_tag == "r":
        return True
    return before_tag in _NOUN_TAGS and next_word == after and next_tag == "f"


#: jieba tags of the words a productive suffix derives nouns from (供应率, 巡察组, 生产期)
_DERIVING_TAGS = frozenset({"v", "vn"})


def _derived_noun_before(doc: Document, para: Paragraph, first: Token, x: str) -> bool:
    """Does the orphan first copy end a noun derived from the verb before it with a productive
    suffix (供应|率 = 供应率, 巡察|组 = 巡察组), the second copy starting a word of its own (率先,
    组织)? The dictionary lacks most such coinages, so jieba's cut leaves the suffix an orphan;
    the verb must be one the dictionary derives nouns from (供应商, 巡察办), not 抢抓|机, and the
    suffix one that derives many (率, 组, 期), not 表 of 代表|表示."""
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.lexicon import noun_bases, productive_suffix_chars

    if x not in productive_suffix_chars():
        return False
    token = token_containing(doc, para, first[0] - 1) if first[0] > para.start else None
    if token is None or token[2] != first[0] or token[0] not in noun_bases():
        return False
    return langmodel.jieba_tag(token[0]) in _DERIVING_TAGS


def _verbal_object(word: str) -> bool:
    """Is `word` a dictionary word of two or more characters a light verb takes (发言, 具体安排)?"""
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.lexicon import word_freq

    if len(word) < 2 or not _HAN_RUN.fullmatch(word) or word_freq(word) == 0:
        return False
    return langmodel.jieba_tag(word) in ("v", "vn", "n")


def _verb_idiom(x: str, word: str) -> bool:
    """Is `word` a set verb phrase (享清福) starting with the verb `x`?"""
    from zhcheck.rules.lang import langmodel

    return len(word) == 3 and _is_verb(x) and langmodel.jieba_tag(word) in ("l", "i")


def _is_name(word: str) -> bool:
    from zhcheck.rules.lang import langmodel

    return langmodel.jieba_tag(word) == "nr"


def _verb_object_aab(x: str, b: str, min_freq: int = VERB_OBJECT_MIN_FREQ) -> bool:
    """喝喝茶, 串串门, 度度假, 开开玩笑: a verb-object word `x` + `b` (a verb by the language
    model's tag, `b` a noun or measure word by jieba's, or a noun word by either) with its verb reduplicated,
    as speech does; 品品质 (品质 is a noun) is no such form."""
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.lexicon import word_freq

    if not b or word_freq(x + b) < min_freq:
        return False
    lm = langmodel.load()
    # a word object by either tagger (太阳 is a place to jieba); a one-character object
    # only by jieba's tag, as the model tags the bound halves of many verbs nouns (举|行)
    noun = langmodel.jieba_tag(b) in ("n", "q") or (len(b) > 1 and lm.tag(b) in ("n", "q"))
    return noun and lm.tag(x + b) in ("v", "vn")


#: a term the article uses elsewhere at least this often
TERM_RECURRENCES = 2
_HAN3 = lazy(f"[{CJK_CLASS}]{{3}}")


def _second_copy_starts_a_term(doc: Document, para: Paragraph, i: int) -> bool:
    """Does the second copy start a three-character term (a name) the article prints
    TERM_RECURRENCES times elsewhere, while the text without the doubling (the word before
    run into the term) occurs nowhere? A slip's undoubled wording (进一步|步加强: 一步加强)
    is the article's own phrase wherever the rest of it recurs."""
    text = para.text
    term = text[i + 1 : i + 4]
    if i < 1 or not _HAN3.fullmatch(term):
        return False
    index = doc.text_index()
    here = para.start + i + 1
    elsewhere = [p for p in index.positions(term) if p != here]
    return len(elsewhere) >= TERM_RECURRENCES and not index.positions(text[i - 1] + term)


def _recurs_in_other_contexts(doc: Document, ch: str, before: str) -> bool:
    """Does the doubled pair occur again after a different character (a name, a term), or
    after the same one but followed by NAME_CONTEXTS different characters (沈某某和, 沈某某，,
    沈某某此刻: a given name the article keeps using)?

    A slip repeats only where a passage was copied whole, with the same context."""
    contexts = _pair_contexts(doc).get(ch, ())
    if any(b != before for b, _ in contexts):
        return True
    return len({a for b, a in contexts if b == before}) >= NAME_CONTEXTS


#: a doubled pair followed by this many different characters (after the same one) is a name
NAME_CONTEXTS = 3


def _pair_contexts(doc: Document) -> dict[str, set[tuple[str, str]]]:
    """char -> the characters before and after each of its doubled pairs in the document
    ('' at either end), the pairs taken left to right without overlap (XXXX: two pairs). One
    pass, so that the test is not a scan of the whole text per candidate."""

    def compute() -> dict[str, set[tuple[str, str]]]:
        text = doc.text
        out: dict[str, set[tuple[str, str]]] = {}
        for m in _RUN_OF_SAME.finditer(text):
            p, ch = m.start(), m.group(1)
            contexts = out.setdefault(ch, set())
            contexts.add((text[p - 1] if p else "", text[p + 2 : p + 3]))
            if m.end() - p >= 4:
                contexts.add((ch, text[p + 4 : p + 5]))
        return out

    return doc.memo("stutter-pair-contexts", compute, __package__)


#: a character repeated two or more times
_RUN_OF_SAME = lazy(r"(.)\1+", re.DOTALL)


#: jieba tags of single characters that link words: conjunctions, prepositions, particles
_LINK_TAGS = frozenset({"c", "p", "u", "uj", "ul", "ud", "uz", "ug", "uv", "y"})


def _words_meeting(doc: Document, para: Paragraph, first: Token, second: Token) -> bool:
    """jieba's cut reads two words meeting in the doubled character: a dictionary word and a
    two-character coinage of its HMM in its own order (库点, 链主), with a word, a linking
    particle or the clause's end on either side of the pair. A stutter the HMM glued leaves
    a longer coinage (审判|判质效) or a stray character beside the pair."""
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.lexicon import word_freq

    coined = second if _unknown(doc, second) else first
    known = first if coined == second else second
    if coined[1] - coined[0] != 2 or _unknown(doc, known) or known[1] - known[0] < 2:
        return False
    if word_freq(doc.text[coined[0] : coined[1]][::-1]):
        return False  # a reversed word (近远 for 远近) is scrambled text
    words = doc.words(para)
    starts = [s for _w, s, _e in words]
    k = starts.index(first[0]) if first[0] in starts else -1
    if k < 0 or k + 1 >= len(words) or words[k + 1][1] != second[0]:
        return False
    for j in (k - 1, k + 2):
        if 0 <= j < len(words):
            w = words[j][0]
            if len(w) == 1 and _HAN_RUN.match(w) and langmodel.jieba_tag(w) not in _LINK_TAGS:
                return False
    return True


def _unknown(doc: Document, span: tuple[int, int]) -> bool:
    """Is the token at `span` of two or more characters unknown to the dictionary (made by jieba's HMM)?"""
    from zhcheck.rules.lang.lexicon import word_freq

    return span[1] - span[0] > 1 and word_freq(doc.text[span[0] : span[1]]) == 0


def _tokens_at(doc: Document, para: Paragraph, offset: int) -> tuple[Token | None, Token | None]:
    """(start, end) of the tokens containing `offset` and `offset + 1`."""
    first, second = token_containing(doc, para, offset), token_containing(doc, para, offset + 1)
    return (first[1:] if first else None), (second[1:] if second else None)
