"""Small character-class helpers shared by the engine and the rules."""

from __future__ import annotations

import unicodedata

from zhcheck.lazyre import lazy

# CJK Unified Ideographs, Extension A, compatibility ideographs and the
# supplementary-plane extensions.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
CJK_RE = lazy(f"[{CJK_CLASS}]")
_NON_CJK_RUN = lazy(f"[^{CJK_CLASS}]+")

#: Marks that end a sentence.
SENTENCE_END = "。！？!?；;"
#: Closing marks that belong to the sentence before them.
CLOSERS = "”’」』）)》〉】\"'"

#: Whitespace that may indent or pad a Chinese paragraph.
SPACE_CHARS = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"


def is_cjk(ch: str) -> bool:
    """True for a Han ideograph (any CJK block)."""
    return CJK_RE.match(ch) is not None


def cjk_count(text: str) -> int:
    """Number of Han ideographs in `text` (counted as what is left once every run of other
    characters is removed: one match per run, not per character; a list of every ideograph
    would hold one string per character, some 200 MB for a 3 M-character document). A long
    text goes in slices of _COUNT_SLICE characters: `re.sub` keeps every piece between two
    matches as a string until it joins them."""
    if len(text) <= _COUNT_SLICE:
        return len(_NON_CJK_RUN.sub("", text))
    return sum(cjk_count(text[i : i + _COUNT_SLICE]) for i in range(0, len(text), _COUNT_SLICE))


#: `cjk_count` counts a longer text slice by slice (one character per match: slicing changes no count)
_COUNT_SLICE = 1 << 16


def display_width(text: str) -> int:
    """Terminal columns `text` occupies (wide and full-width characters count 2; combining
    marks and invisible format characters such as U+200B none)."""
    return sum(
        0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


#: a Markdown attribute list (Pandoc, kramdown, markdown-it-attrs): {#anchor}, {.class key=value}, {: #anchor}
ATTRIBUTE_LIST = r"\{:?[ \t]*[#.][A-Za-z][\w\-.:]*(?:[ \t]+[#.]?[\w\-]+(?:=[^{}\s]+)?)*[ \t]*\}"
