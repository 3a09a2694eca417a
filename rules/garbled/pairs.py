"""Unbalanced paired punctuation: “” 《》 （） 【】 「」 『』 〈〉 (rule G205)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhcheck.document import Document, Kind
from zhcheck.lazyre import lazy
from zhcheck.rules.lang.vocab import BRACKETS, CLAUSE_MARKS, STOPS

# opener -> pair class; closer -> pair class. Half- and full-width parentheses are one
# class: copy often mixes them (（B型) is a width slip, not a missing bracket).
OPENERS = {"“": "“", "《": "《", "（": "（", "(": "（", "【": "【", "「": "「", "『": "『", "〈": "〈"}
CLOSERS = {"”": "“", "》": "《", "）": "（", ")": "（", "】": "【", "」": "「", "』": "『", "〉": "〈"}
NAMES = {
    "“": "引号",
    "《": "书名号",
    "（": "括号",
    "【": "方括号",
    "「": "直角引号",
    "『": "双直角引号",
    "〈": "单书名号",
}

# "1）", "（2" style list markers: a closer after a short enumerator at the start of a
# paragraph or clause is not half of a pair.
_ENUM_CLOSER = lazy(r"(?:^|(?<=[。；;：:！？\s]))[0-9０-９a-zA-Z一二三四五六七八九十]{1,3}[)）]")
#: the characters `_scan` looks at: paired marks and the straight double quote
_MARK = lazy("[" + re.escape('"' + "".join(OPENERS) + "".join(CLOSERS)) + "]")
_CLAUSE_END = "，。；！？,;!?："


@dataclass(frozen=True)
class Unbalanced:
    pos: int  # document offset of the unmatched mark
    mark: str
    opener: bool
    start: int  # span to report (the mark plus its clause)
    end: int
    #: the mark `mark` should be, when the pair is there but one mark faces the wrong way
    #: (”绿色丝路” for “绿色丝路”)
    flip: str | None = None


def _scan(text: str, skip: set[int]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Unmatched (openers, closers) in one paragraph as (index, class)."""
    enum_closers: set[int] | None = None  # found when a stray closer needs them
    stacks: dict[str, list[int]] = {}
    stray: list[tuple[int, str]] = []
    straight: set[int] = set()
    for m in _MARK.finditer(text):
        i, c = m.start(), m.group()
        if i in skip:
            continue
        if c == '"':  # a straight quote (T104's slip) stands in for either curly one
            if stacks.get("“"):
                stacks["“"].pop()
            else:
                stacks.setdefault("“", []).append(i)
                straight.add(i)
        elif c in OPENERS:
            stacks.setdefault(OPENERS[c], []).append(i)
        elif c in CLOSERS:
            k = CLOSERS[c]
            if stacks.get(k):
                stacks[k].pop()
                continue
            if enum_closers is None:
                enum_closers = {e.end() - 1 for e in _ENUM_CLOSER.finditer(text)}
            if i not in enum_closers:
                stray.append((i, k))
    opened = sorted((i, k) for k, st in stacks.items() for i in st if i not in straight)
    return opened, stray


def _opener_span(text: str, i: int) -> tuple[int, int]:
    j = i + 1
    while j < len(text) and j - i < 24 and text[j] not in _CLAUSE_END:
        j += 1
    return i, max(j, i + 1)


def _closer_span(text: str, i: int) -> tuple[int, int]:
    j = i
    while j > 0 and i - j < 24 and text[j - 1] not in _CLAUSE_END:
        j -= 1
    return j, i + 1


def unbalanced_pairs(doc: Document, skip: set[int]) -> list[Unbalanced]:
    """Unmatched paired marks, excusing quotations and brackets that span paragraphs.

    `skip` holds document offsets of marks another rule already explains (a label
    broken into 《). A quotation of several paragraphs opens “ in each paragraph
    and closes only in the last: an unclosed “ is fine when the next paragraph
    opens with “ again. A paragraph broken in mid-sentence (a layout defect,
    reported by the layout rules) leaves an opener in one piece and its closer
    in the next: both are excused.
    """
    paras = [p for p in doc.paragraphs if p.kind is not Kind.DIRECTIVE]
    scans = []
    for p in paras:
        local_skip = {i - p.start for i in skip if p.start <= i < p.end} if skip else set()
        scans.append(_scan(p.text, local_skip))
    excused_closers: set[tuple[int, int]] = set()
    cut_open: set[str] = set()  # classes left open by a paragraph cut off in mid-sentence
    out: list[Unbalanced] = []
    for n, p in enumerate(paras):
        opened, stray = scans[n]
        for i, k in stray:
            if (n, i) in excused_closers:
                continue
            if k in cut_open and not any(c in STOPS for c in p.text[:i]):
                cut_open.discard(k)  # the continuation of a cut-off paragraph, printed elsewhere
                continue
            s, e = _closer_span(p.text, i)
            out.append(Unbalanced(p.start + i, p.text[i], False, p.start + s, p.start + e))
        cut_off = _ends_mid_sentence(p.text)
        for i, k in opened:
            if _continues(paras, scans, n, k, excused_closers):
                continue
            if cut_off and not any(c in STOPS for c in p.text[i:]):
                cut_open.add(k)  # the paragraph was cut off inside the quotation (a layout defect)
                continue
            s, e = _opener_span(p.text, i)
            out.append(Unbalanced(p.start + i, p.text[i], True, p.start + s, p.start + e))
    out.sort(key=lambda u: u.pos)
    return _mirrored(doc.text, out)


#: longest quotation taken for one whose mark faces the wrong way
_MIRRORED_MAX = 20
_FLIP = {"“": BRACKETS["“"], BRACKETS["“"]: "“"}


def _mirrored(text: str, found: list[Unbalanced]) -> list[Unbalanced]:
    """Two unmatched quotation marks of one kind a short phrase apart, nothing between them
    that ends a clause or quotes: one pair with a mark facing the wrong way (”绿色丝路” or
    “绿色丝路“), reported once, with the mark it should be."""
    out: list[Unbalanced] = []
    i = 0
    while i < len(found):
        u = found[i]
        v = found[i + 1] if i + 1 < len(found) else None
        if (
            v is not None
            and u.mark == v.mark
            and u.mark in _FLIP
            and 1 < v.pos - u.pos <= _MIRRORED_MAX
            and not any(c in STOPS + CLAUSE_MARKS + '“”\n\r"' for c in text[u.pos + 1 : v.pos])
        ):
            wrong = u if u.mark == "”" else v  # ”…”: the first faces the wrong way; “…“: the second
            out.append(Unbalanced(wrong.pos, wrong.mark, wrong.opener, u.pos, v.pos + 1, _FLIP[wrong.mark]))
            i += 2
            continue
        out.append(u)
        i += 1
    return out


def _continues(paras, scans, n: int, k: str, excused: set[tuple[int, int]]) -> bool:
    """Is an opener of class k left open in paragraph n legitimately continued below?"""
    for m in range(n + 1, min(n + 8, len(paras))):
        text = paras[m].text
        opened, stray = scans[m]
        closer = next((i for i, kk in stray if kk == k), None)
        if closer is not None:
            excused.add((m, closer))
            return True
        # a multi-paragraph quotation re-opens “ at the start of each paragraph and
        # closes only in the last one
        lead = len(text) - len(text.lstrip("　 "))
        if k == "“" and text[lead : lead + 1] == "“":
            if (lead, k) in opened:
                continue
            return True
        # the text runs on across a paragraph broken mid-sentence or a wedged-in caption
        if paras[m].kind in (Kind.CAPTION, Kind.BYLINE) or _ends_mid_sentence(paras[m - 1].text):
            continue
        return False
    return False


def _ends_mid_sentence(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] not in STOPS + "”’」』）)》…"
