"""Traditional and variant characters in simplified text (O102).

OpenCC's t2s conversion decides, in context, which characters are not
simplified-standard (乾隆 and 乾坤 keep 乾; 後來 becomes 后来). An article (or a
paragraph: a quoted passage) written mostly in traditional characters is left
alone. When the character sits in a place name, the suggestion is the whole
name: the plain conversion when the gazetteer knows it (鄧州市 -> 邓州市), else a
real division of the article's region that differs in that one character.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from zhcheck.document import Document, Paragraph
from zhcheck.lazyre import compile_cached
from zhcheck.rules.lang.glyphs import similarity
from zhcheck.rules.lang.lexicon import gazetteer, is_word, known_freq, surnames, t2s_table
from zhcheck.rules.lang.resources import STANDARD_CONVERTED, rules_data
from zhcheck.rules.lang.tokens import token_containing
from zhcheck.rules.lang.vocab import ADMIN_SUFFIX_CHARS
from zhcheck.rules.ocr.locale import infer_locale
from zhcheck.segmenter import UNSTORABLE
from zhcheck.textutil import cjk_count

#: standard characters (通用规范汉字表) that OpenCC still converts: 於 (surname),
#: 噁 (二噁英), 夥 (“many”)
_STANDARD = frozenset("於噁夥")
#: standard characters in personal names that OpenCC converts elsewhere (乾 qián: 萧乾, 李乾光)
_NAME_STANDARD = frozenset("乾")
#: above these shares of converted characters the text is traditional Chinese
DOC_RATIO = 0.03
PARA_RATIO = 0.15
#: division suffixes after which a local spelling is looked for (every province is in the gazetteer)
_ADMIN = ("街道", *ADMIN_SUFFIX_CHARS.replace("省", ""))


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


_SKIP = object()


@dataclass(frozen=True)
class Variant:
    start: int  # document offsets of the flagged span (word or name)
    end: int
    chars: str  # the non-standard characters in it
    suggestion: str
    plain: str  # the plain conversion of the span
    kind: str  # "name" (gazetteer name), "local" (a local name chosen over the conversion), "word"


def converted(para: Paragraph) -> str:
    """The paragraph converted to simplified characters, aligned character by character."""
    # OpenCC takes neither NUL (a C string) nor lone surrogates (UTF-8): convert U+FFFD in their place
    out = _converter().convert(UNSTORABLE.sub("\ufffd", para.text))
    if len(out) != len(para.text):  # a phrase changed length: fall back to characters
        table = t2s_table()
        out = "".join(table.get(c, c) for c in para.text)
    return out


def _flagged(text: str, conv: str) -> list[int]:
    table = t2s_table()
    return [i for i, (a, b) in enumerate(zip(text, conv, strict=False)) if a != b and a in table and a not in _STANDARD]


@functools.cache
def variant_chars() -> re.Pattern[str]:
    """A character class of the traditional/variant characters (a scan in C, not per character)."""
    return compile_cached("[" + "".join(sorted(re.escape(c) for c in t2s_table())) + "]")


def is_traditional(doc: Document) -> bool:
    """True when the article as a whole is written in traditional characters."""

    def compute() -> bool:
        n = len(variant_chars().findall(doc.text))
        return n >= 10 and n >= DOC_RATIO * max(1, cjk_count(doc.text))

    return doc.memo("ocr.traditional", compute)


def variants(doc: Document, para: Paragraph) -> Iterator[Variant]:
    """Non-standard characters of one paragraph, grouped into words or names."""
    if not variant_chars().search(para.text):
        return
    conv = converted(para)
    idx = _flagged(para.text, conv)
    if not idx or len(idx) >= max(3, PARA_RATIO * cjk_count(para.text)):
        return
    covered = -1
    for i in idx:
        if i < covered or _in_personal_name(para.text, conv, i):
            continue
        v = _as_name(doc, para, conv, i)
        if v is _SKIP:
            continue
        v = v or _as_word(doc, para, conv, i, idx)
        covered = v.end - para.start
        if any(m.start < v.end and v.start < m.end for m in _mojibake(doc)):
            continue  # UTF-8 read as GBK looks traditional (鍙戝睍): G101's business
        if v.kind == "word" and known_freq(doc.text[v.start : v.end]) * 5 >= max(1, known_freq(v.suggestion)):
            continue  # a spelling the dictionary knows about as well as the conversion (菜薹)
        if v.kind == "word" and _chosen_standard(doc, para, v, idx):
            continue
        yield v


#: ... unless the conversion makes the character half of a word at least this frequent in
#: jieba's dictionary: then it is a leftover of a conversion (乾燥 for 干燥 1,286, 祕密 for
#: 秘密 3,833, 特徵 for 特征 5,767, 什麽 for 什么), not a name (昇腾 -> 升腾 258, 东昇 -> 东升 553)
CONVERTED_COMMON_WORD = 1000


def _chosen_standard(doc: Document, para: Paragraph, v: Variant, idx: list[int]) -> bool:
    """A standard character that OpenCC converts (昇 of a brand or a name), written the same
    way at least twice in the article and never in the converted form, in a paragraph
    without other non-standard characters, and not converted into a frequent word: the
    writer's choice, not a traditional source."""
    standard = standard_converted()
    if any(para.text[i] not in standard for i in idx):
        return False
    for at in range(v.start, v.end):
        if doc.text[at] in standard:
            around = converted_text(doc.text[max(para.start, at - 1) : min(para.end, at + 2)])
            k = at - max(para.start, at - 1)
            if (
                max(known_freq(around[k - 1 : k + 1]) if k else 0, known_freq(around[k : k + 2]))
                >= CONVERTED_COMMON_WORD
            ):
                return False
    end = max(v.end, min(v.start + 2, para.end))
    printed = doc.text[v.start : end]
    return doc.count(printed) >= 2 and doc.count(converted_text(printed)) == 0


@functools.cache
def standard_converted() -> frozenset[str]:
    """Characters of the 2013 standard table that OpenCC's t2s table converts
    (`rules/data/standard_converted.txt`, tools/build_standard_chars.py)."""
    lines = rules_data(STANDARD_CONVERTED).read_text("utf-8").splitlines()
    return frozenset("".join(line for line in lines if not line.startswith("#")))


def converted_text(text: str) -> str:
    """`text` converted character by character with OpenCC's t2s table."""
    table = t2s_table()
    return "".join(table.get(c, c) for c in text)


def _mojibake(doc: Document) -> list:
    """Mojibake stretches of the document (computed once, only when a paragraph has
    traditional-looking characters)."""
    from zhcheck.rules.lang.mojibake import find_mojibake

    return doc.memo("ocr.mojibake", lambda: find_mojibake(doc.text))


def _in_personal_name(text: str, conv: str, i: int) -> bool:
    """True for a character standard in names right after a surname (萧乾, 李乾光, 韩德乾),
    unless its conversion starts a word (乾净 -> 干净)."""
    if text[i] not in _NAME_STANDARD:
        return False
    names = surnames()
    after_surname = (i >= 1 and text[i - 1] in names) or (i >= 2 and text[i - 2] in names)
    return after_surname and not is_word(conv[i : i + 2])


def _as_name(doc: Document, para: Paragraph, conv: str, i: int) -> Variant | object | None:
    gaz = gazetteer()
    text = para.text
    for s in range(max(0, i - 5), i + 1):
        for e in range(i + 1, min(len(text), s + 10) + 1):
            if e - s >= 2 and text[s:e] in gaz.full:
                return _SKIP  # the gazetteer spells it this way (乾安县, 深水埗区)
    best: tuple[int, int] | None = None
    for s in range(max(0, i - 5), i + 1):
        for e in range(min(len(text), s + 10), i, -1):
            if e - s >= 2 and conv[s:e] in gaz.full and (best is None or e - s > best[1] - best[0]):
                best = (s, e)
                break
    if best:
        s, e = best
        return _variant(para, s, e, conv, conv[s:e], "name")
    # a division name whose plain conversion does not exist: look for a local one
    for k in range(1, 5):
        j = i + k
        suffix = next((x for x in _ADMIN if conv.startswith(x, j)), None)
        if suffix is None:
            continue
        e = j + len(suffix)
        for s in range(i, max(-1, i - 4), -1):
            local = _local_name(doc, conv[s:e], i - s, text[i])
            if local:
                return _variant(para, s, e, conv, local, "local")
        if conv[i:e] not in gaz.full:
            return _variant(para, i, e, conv, conv[i:e], "word")
        break
    return None


def _local_name(doc: Document, name: str, pos: int, original: str) -> str | None:
    """A division of the article's region spelled like `name` but for the character at `pos`."""
    if len(name) < 3:
        return None
    locale = infer_locale(doc)
    regions = locale.regions() or ([locale.province] if locale.province else [])
    best, best_score = None, 0.0
    for region in regions:
        for code, full, _short in gazetteer().in_region(region):
            if len(full) != len(name) or full[pos] == name[pos]:
                continue
            if full[:pos] != name[:pos] or full[pos + 1 :] != name[pos + 1 :]:
                continue
            score = locale.bonus(code) + max(similarity(original, full[pos]), similarity(name[pos], full[pos]))
            if score > best_score:
                best, best_score = full, score
    return best if best_score >= 0.35 else None


def _as_word(doc: Document, para: Paragraph, conv: str, i: int, idx: list[int]) -> Variant:
    token = token_containing(doc, para, para.start + i)
    if token is not None:
        s, e = token[1] - para.start, token[2] - para.start
    else:
        s, e = i, i + 1
    # keep neighbouring flagged characters in one finding
    while e < len(para.text) and e in idx:
        e += 1
    return _variant(para, s, e, conv, conv[s:e], "word")


def _variant(para: Paragraph, s: int, e: int, conv: str, suggestion: str, kind: str) -> Variant:
    text = para.text
    chars = "".join(c for c, d in zip(text[s:e], conv[s:e], strict=False) if c != d)
    return Variant(para.start + s, para.start + e, chars, suggestion, conv[s:e], kind)
