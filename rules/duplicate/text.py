"""Text normalisation shared by the duplicate rules.

Copies of a paragraph often differ only in spacing, punctuation width (`,` vs
`，`), quote style or leftover Markdown emphasis. `normalise` folds those
differences away in one pass (characters are dropped or mapped
one to one) and remembers where the dropped characters were, so that matches
found on normalised text can be mapped back to document offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhcheck.document import Document
from zhcheck.lazyre import lazy
from zhcheck.rules.lang.vocab import BRACKETS
from zhcheck.textutil import CJK_RE, SPACE_CHARS

#: characters dropped before comparing: whitespace and Markdown emphasis/heading marks
_DROP_CHARS = SPACE_CHARS + "\r\n*#_`"
_DROP_RE = lazy(f"[{re.escape(_DROP_CHARS)}]")
_TABLE: dict[int, int | None] = {ord(c): None for c in _DROP_CHARS}
# full-width ASCII variants (，：；！？（）０-９Ａ-Ｚ…) fold to ASCII
_TABLE.update({cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)})
_TABLE.update({ord(c): ord('"') for c in "“”„「」『』"})
_TABLE.update({ord(c): ord("'") for c in "‘’"})
_TABLE[0xFF61] = ord("。")
# The table applied as deletions, then one str.replace per distinct character to map:
# faster than str.translate on Chinese text, which looks up every character while few
# of them change. (No mapped character becomes one to delete or map, so the order of the
# steps does not matter beyond deleting first: ＊ becomes a * that stays.)
_MAP = {chr(k): chr(v) for k, v in _TABLE.items() if v is not None}
_MAP_RE = lazy(f"[{re.escape(''.join(_MAP))}]")

#: marks that end a clause (after folding); not ".", which is also a decimal point
CLAUSE_MARKS = frozenset(",;!?:。")
_CLAUSE_STRIP = "".join(CLAUSE_MARKS)
#: opening -> closing marks of quotations and titles
QUOTE_PAIRS = {o: BRACKETS[o] for o in "“《「『〈‘"}
_NON_CONTENT = lazy(r"[\W_]+")


@dataclass(frozen=True)
class Normalized:
    """Normalised text of a paragraph and how to map it back to the document."""

    text: str
    #: document offset of the paragraph's first character
    base: int
    #: paragraph-relative positions of the dropped characters, ascending
    dropped: tuple[int, ...]

    def offset(self, i: int) -> int:
        """Document offset of normalised character i."""
        pos = i
        for d in self.dropped:
            if d <= pos:
                pos += 1
            else:
                break
        return self.base + pos

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Document offsets covering normalised characters i..j (j exclusive)."""
        return self.offset(i), self.offset(j - 1) + 1


def normalise(text: str, base: int = 0, folded: str | None = None) -> Normalized:
    """Fold width, quotes and spacing; `base` is the document offset of text[0].

    `folded` may pass `key(text)` when it is already known.
    """
    dropped = tuple(m.start() for m in _DROP_RE.finditer(text))
    return Normalized(key(text) if folded is None else folded, base, dropped)


def key(text: str) -> str:
    """Comparison key of a paragraph (its normalised text)."""
    if _DROP_RE.search(text):
        text = _DROP_RE.sub("", text)
    for c in set(_MAP_RE.findall(text)):
        text = text.replace(c, _MAP[c])
    return text


def paragraph_keys(doc: Document) -> list[str]:
    """`key` of every paragraph of `doc`, computed once per document (the duplicate rules share it)."""
    return doc.memo("dup.keys", lambda: [key(p.text) for p in doc.paragraphs], __package__)


def paragraph_contents(doc: Document) -> list[str]:
    """`content` of every paragraph's key, computed once per document."""
    return doc.memo("dup.contents", lambda: [content(k) for k in paragraph_keys(doc)], __package__)


def content(text: str) -> str:
    """Only the letters, digits and Han characters of `text`."""
    return _NON_CONTENT.sub("", text)


def content_length(text: str) -> int:
    """Letters, digits and Han characters in `text` (punctuation does not count)."""
    return len(content(text))


def clause_marks_inside(text: str) -> int:
    """Clause-ending marks strictly inside normalised `text` (not at its ends)."""
    inner = text.strip(_CLAUSE_STRIP)
    return sum(inner.count(c) for c in CLAUSE_MARKS)


def quoted_mask(text: str) -> list[bool]:
    """For each character of `text`: is it inside a quotation or a 《title》?

    The marks themselves count as inside. Unbalanced openers quote up to the
    end of the text, as a reader would take them.
    """
    mask = [False] * len(text)
    stack: list[str] = []
    for i, ch in enumerate(text):
        if ch in QUOTE_PAIRS:
            stack.append(QUOTE_PAIRS[ch])
            mask[i] = True
        elif stack and ch == stack[-1]:
            stack.pop()
            mask[i] = True
        elif stack:
            mask[i] = True
    return mask


def has_han(text: str) -> bool:
    """True when `text` contains a Han character."""
    return CJK_RE.search(text) is not None
