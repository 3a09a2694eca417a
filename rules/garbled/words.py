"""Stray English words inside Chinese sentences (rule G204)."""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass

from zhcheck.document import Document, Kind
from zhcheck.lazyre import compile_cached, lazy
from zhcheck.rules.lang.vocab import CLOSING_MARKS, OPENING_MARKS
from zhcheck.textutil import CJK_CLASS, cjk_count, is_cjk

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# A run of Latin words separated by single spaces (apostrophes and hyphens inside words).
_RUN = lazy(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*(?: [A-Za-z]+(?:['’\-][A-Za-z]+)*)*")
# What may touch a run without making it part of a code, number, URL or e-mail.
_GLUE = set("0123456789０１２３４５６７８９.@/\\:_-&#%+=~*$|^<>[]{}")
_CN_PUNCT = "，。、；：？！…—·"
_OPEN_QUOTES = OPENING_MARKS + "(\"'"
_CLOSE_QUOTES = CLOSING_MARKS + ")\"'"
_CJK_RE = lazy(f"[{CJK_CLASS}]")


@dataclass(frozen=True)
class Lexicon:
    function_words: dict[str, str]
    allowed: frozenset[str]
    english: frozenset[str]
    pinyin: frozenset[str]


@functools.cache
def lexicon() -> Lexicon:
    """Word lists from rules/data/ (latin_words.toml, english_words.txt, pinyin_syllables.txt)."""
    from zhcheck.rules.lang.resources import rules_data

    with open(rules_data("latin_words.toml"), "rb") as fh:
        cfg = tomllib.load(fh)
    allowed = frozenset(w.lower() for ws in cfg.get("allowed", {}).values() for w in ws)

    def words(name: str) -> frozenset[str]:
        with open(rules_data(name), encoding="utf-8") as fh:
            return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))

    return Lexicon(
        dict(cfg.get("function_words", {})), allowed, words("english_words.txt"), words("pinyin_syllables.txt")
    )


@functools.cache
def _pinyin_re() -> re.Pattern[str]:
    syl = sorted(lexicon().pinyin, key=len, reverse=True)
    return compile_cached(f"(?:{'|'.join(syl)})+")


def is_pinyin(word: str) -> bool:
    """True when `word` is one or more toneless pinyin syllables (zhang, beijing)."""
    return bool(_pinyin_re().fullmatch(word))


@dataclass(frozen=True)
class ForeignWord:
    start: int
    end: int
    words: tuple[str, ...]
    suggestion: str | None
    # span to replace (with surrounding spaces) when a translation is known
    edit_start: int
    edit_end: int


def _neighbour(text: str, i: int, step: int) -> tuple[str, int]:
    """The nearest character from i in direction step, skipping one space; ('', i) at the edge."""
    j = i
    if 0 <= j < len(text) and text[j] in " \u3000\u00a0":
        j += step
    if 0 <= j < len(text):
        return text[j], j
    return "", j


def _inside_brackets(text: str, pos: int) -> bool:
    """Is `pos` inside an unclosed （…）/(…)/《…》/“…” opened earlier in the paragraph?"""
    depth = {"（": 0, "《": 0, "“": 0, "【": 0}
    pairs = {"（": "（", "(": "（", "）": "（", ")": "（", "《": "《", "》": "《"}
    pairs.update({"“": "“", "”": "“", "【": "【", "】": "【"})
    for c in text[:pos]:
        k = pairs.get(c)
        if k is None:
            continue
        if c in "（(《“【":
            depth[k] += 1
        elif depth[k]:
            depth[k] -= 1
    return any(depth.values())


def foreign_words(doc: Document) -> list[ForeignWord]:
    """Lower-case English words inside Chinese sentences."""
    out: list[ForeignWord] = []
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE or not _mostly_chinese_with_latin(para.text):
            continue
        text = para.text
        for m in _RUN.finditer(text):
            words = tuple(m.group().split(" "))
            if len(words) > 3 or any(not w.islower() for w in words):
                continue  # a quotation/title, an acronym, a brand or a name
            s, e = m.start(), m.end()
            before, bi = _neighbour(text, s - 1, -1)
            after, ai = _neighbour(text, e, 1)
            if not _embedded_in_chinese(text, s, e, before, after):
                continue
            found = _reportable(words)
            if found is None:
                continue
            suggestion = None
            es, ee = para.start + s, para.start + e
            if found:  # a function word with a Chinese equivalent: replace the spaces around it too
                suggestion = found
                es = para.start + (bi + 1 if before else s)  # 经济 and 社会 -> 经济和社会
                ee = para.start + (ai if after else e)
            out.append(ForeignWord(para.start + s, para.start + e, words, suggestion, es, ee))
    return out


def _mostly_chinese_with_latin(text: str) -> bool:
    """A paragraph with lower-case Latin letters that is not English, code or URLs."""
    return bool(re.search("[a-z]", text)) and len(re.findall("[A-Za-z]+", text)) <= cjk_count(text) / 2


def _embedded_in_chinese(text: str, s: int, e: int, before: str, after: str) -> bool:
    """The run text[s:e] stands between Chinese characters or punctuation, unquoted, outside
    brackets, and is no part of a code, number, URL, e-mail or unit (5 km, 3 kg)."""
    if (s and text[s - 1] in _GLUE) or (e < len(text) and text[e] in _GLUE):
        return False
    if before in _GLUE or after in _GLUE or before.isdigit() or after.isdigit():
        return False
    cn_before = bool(before) and (is_cjk(before) or before in _CN_PUNCT)
    cn_after = bool(after) and (is_cjk(after) or after in _CN_PUNCT)
    if not (cn_before and cn_after):
        return False
    return not (before in _OPEN_QUOTES or after in _CLOSE_QUOTES or _inside_brackets(text, s))


def _reportable(words: tuple[str, ...]) -> str | None:
    """None when the words may stand in Chinese text (allowed terms, pinyin, unknown words);
    else the Chinese for a lone function word, or "" when there is none to suggest."""
    lex = lexicon()
    if all(w.lower() in lex.allowed for w in words):
        return None
    func = [w for w in words if w in lex.function_words]
    content = [w for w in words if w not in lex.allowed and len(w) >= 3 and w in lex.english and not is_pinyin(w)]
    if not func and not content:
        return None
    return lex.function_words[words[0]] or "" if len(words) == 1 and func else ""
