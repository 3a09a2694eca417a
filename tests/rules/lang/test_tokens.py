"""Token look-ups by offset (`zhcheck.rules.lang.tokens`) against a scan of the segmentation."""

from __future__ import annotations

from zhcheck.document import Document
from zhcheck.rules.lang import tokens

TEXT = "近年来，全市新建改建农村公路三百公里，群众出行更加便捷。\n\n2024年，县里又修通了3条产业路。"


def test_token_lookups_match_a_scan_of_the_words() -> None:
    doc = Document(TEXT)
    for para in doc.paragraphs:
        words = doc.words(para)
        for offset in range(para.start - 1, para.end + 1):
            holding = [w for w in words if w[1] <= offset < w[2]]
            starting = [w for w in words if w[1] == offset]
            assert tokens.token_containing(doc, para, offset) == (holding[0] if holding else None)
            assert tokens.token_starting(doc, para, offset) == (starting[0] if starting else None)


def test_token_starts_are_kept_as_a_compact_array() -> None:
    doc = Document(TEXT)
    para = doc.paragraphs[1]
    starts = tokens._starts(doc, para)
    assert starts.itemsize == 4 and list(starts) == [s for _w, s, _e in doc.words(para)]
    assert starts[0] == para.start
