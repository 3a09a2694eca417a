"""Lookups in a paragraph's segmentation by offset, in O(log n).

Rules ask "which token holds this character?" for each candidate they find; a scan of
`doc.words(para)` per question is quadratic in the length of a paragraph (one long
line is one paragraph). The token starts are bisected instead (memoised per paragraph, as
an array of 32-bit offsets: 4 bytes a word instead of a Python int's 36 in a list).
"""

from __future__ import annotations

import bisect
from array import array

from zhcheck.document import Document, Paragraph


def _starts(doc: Document, para: Paragraph) -> array[int]:
    return doc.memo(("token-starts", para.index), lambda: array(_OFFSET, [s for _w, s, _e in doc.words(para)]))


#: array code of a document offset: unsigned 32-bit (a text of 4 G characters is far beyond
#: what a document can hold in memory)
_OFFSET = "I"


def token_containing(doc: Document, para: Paragraph, offset: int) -> tuple[str, int, int] | None:
    """The token (word, start, end) whose document span holds `offset`, if any."""
    j = bisect.bisect_right(_starts(doc, para), offset) - 1
    if j < 0:
        return None
    token = doc.words(para)[j]
    return token if token[1] <= offset < token[2] else None


def token_starting(doc: Document, para: Paragraph, offset: int) -> tuple[str, int, int] | None:
    """The token (word, start, end) that starts at document offset `offset`, if any."""
    starts = _starts(doc, para)
    j = bisect.bisect_left(starts, offset)
    return doc.words(para)[j] if j < len(starts) and starts[j] == offset else None
