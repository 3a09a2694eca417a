"""Text shared between paragraphs: near copies (D102) and repeated passages (D104).

One linear scan does both. Each paragraph's normalised text is anchored at
its clause marks: the WINDOW characters after every mark and before it (and
at the paragraph's start) go into a dictionary of anchors seen in earlier
paragraphs. The anchors of a later paragraph are looked up there, and a hit is
extended character by character along its diagonal to the maximal common
stretch. Any shared stretch that contains a clause mark with WINDOW
characters on one side of it is found, which covers every passage the rules
care about (several clauses, 30+ characters); the work is a few dictionary
operations per clause instead of per character.

A paragraph mostly covered by stretches shared with one earlier paragraph is
a near copy; otherwise each long enough stretch is a repeated passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhcheck.document import Document, Kind
from zhcheck.lazyre import lazy
from zhcheck.rules.duplicate.paragraphs import Copy, ExactCopies, is_titleish
from zhcheck.rules.duplicate.text import Normalized, clause_marks_inside, content_length, normalise, quoted_mask
from zhcheck.rules.lang.vocab import CLAUSE_MARKS, STOPS

WINDOW = 8
#: earlier occurrences kept per anchor (the longest extension wins)
MAX_POSTINGS = 4
_MARK = lazy("[,;!?:。]")
#: near copy: share of a paragraph covered by text shared with one earlier paragraph.
#: Measured on 400 clean CCTV transcripts (titles and news leads left out as
#: originals): at most 0.41 for paragraphs of 30+ characters (0.75 for a
#: 26-character one); the seeds' near copies reach 0.96-1.0.
NEAR_COVERAGE = 0.8
#: share of the news lead a near copy of it must cover (its restatement by a body
#: sentence covers less: 36 of 110 characters in the one case among the transcripts)
LEAD_COVERAGE = 0.6
#: content characters a paragraph needs to be judged a near copy
NEAR_MIN_CHARS = 30
#: a passage needs this many content characters and clause marks inside it.
#: Measured on the clean transcripts, leaving out titles and news leads: the
#: longest shared passages have 24 characters and no clause mark inside, or
#: 23 characters and one; the copied passages in the seeds have 43+ characters
#: and one or more. One clause mark (rather than two) finds a quarter more of the
#: passages pasted by benchmarks/synthetic_damage.py and adds 2 findings on the
#: 1.9 M characters of People's Daily 1998 (formulaic political phrases; legal
#: clauses already counted).
MIN_CHARS = 30
MIN_CLAUSES = 1
#: passages without a clause mark inside need this many characters
VERY_LONG_CHARS = 80

_SKIP_KINDS = (Kind.DIRECTIVE, Kind.SEPARATOR, Kind.CAPTION, Kind.BYLINE)
#: clause and sentence marks a shared stretch may take along at its ends
_EDGE_MARKS = frozenset(CLAUSE_MARKS + STOPS + " ")


@dataclass(frozen=True)
class Passage:
    """Text at document offsets start..end repeats origin_start..origin_end."""

    para: int
    start: int
    end: int
    origin_para: int
    origin_start: int
    origin_end: int
    #: the origin is in the summary block above the title (reported there, as info)
    summary: bool = False


@dataclass(frozen=True)
class _Match:
    origin: int
    s0: int
    s1: int
    o0: int
    o1: int


def _long_enough(text: str) -> bool:
    n = content_length(text)
    clauses = clause_marks_inside(text)
    return (n >= MIN_CHARS and clauses >= MIN_CLAUSES) or n >= VERY_LONG_CHARS


def _anchors(text: str) -> list[int]:
    """Start positions of the anchor windows of a normalised paragraph."""
    last = len(text) - WINDOW
    if last < 0:
        return []
    points = {0, last}
    for m in _MARK.finditer(text):
        i = m.start()
        if i + 1 <= last:
            points.add(i + 1)
        if i >= WINDOW:
            points.add(i - WINDOW)
    return sorted(points)


class _Scanner:
    """Holds the anchor dictionary and the normalised paragraphs seen so far."""

    def __init__(self, doc: Document, exact: ExactCopies) -> None:
        self.doc = doc
        self.exact = exact
        self.norms: dict[int, Normalized] = {}
        #: hash of an anchor window -> where it occurs: paragraph index << 32 | offset, one int
        #: for a window seen once (most are), a list of up to MAX_POSTINGS of them otherwise.
        #: A long document holds millions of windows: ints instead of the window strings, tuples
        #: and one-element lists take half the memory. A posting is checked against the window
        #: it stands for (two windows of one 64-bit hash would share a list).
        self.seen: dict[int, int | list[int]] = {}
        self.near: list[Copy] = []
        self.passages: list[Passage] = []

    def run(self) -> None:
        keys = self.exact.keys
        for p in self.doc.paragraphs:
            if p.kind in _SKIP_KINDS or p.block == "table_cell" or p.index in self.exact.exact:
                continue
            norm = normalise(p.text, p.start, keys[p.index])
            self.norms[p.index] = norm
            text, seen = norm.text, self.seen
            anchors = _anchors(text)
            windows = [text[i : i + WINDOW] for i in anchors]
            if seen:
                self._judge(p.index, norm, self._matches(text, anchors, windows))
            for i, w in zip(anchors, windows, strict=True):
                h = hash(w)
                posting = seen.get(h)
                if posting is None:
                    seen[h] = p.index << 32 | i
                elif type(posting) is int:
                    seen[h] = [posting, p.index << 32 | i]
                elif len(posting) < MAX_POSTINGS:
                    posting.append(p.index << 32 | i)

    def _matches(self, text: str, anchors: list[int], windows: list[str]) -> list[_Match]:
        seen, norms = self.seen, self.norms
        out: list[_Match] = []
        n = len(text)
        done = 0  # text before this position is already matched
        for i, w in zip(anchors, windows, strict=True):
            if i < done:
                continue
            best: _Match | None = None
            found = seen.get(hash(w), ())
            for packed in (found,) if type(found) is int else found:
                q, j = packed >> 32, packed & 0xFFFFFFFF
                other = norms[q].text
                if other[j : j + WINDOW] != w:
                    continue  # another window of the same hash
                b = 0
                while i - b > done and j - b > 0 and text[i - b - 1] == other[j - b - 1]:
                    b += 1
                e = WINDOW
                while i + e < n and j + e < len(other) and text[i + e] == other[j + e]:
                    e += 1
                if best is None or e + b > best.s1 - best.s0:
                    best = _Match(q, i - b, i + e, j - b, j + e)
            if best is not None:
                out.append(best)
                done = best.s1
        return out

    def _usable_origin(self, q: int) -> bool:
        return q != self.exact.news_lead and q not in self.exact.deck and not is_titleish(self.doc.paragraphs[q])

    def _judge(self, para: int, norm: Normalized, matches: list[_Match]) -> None:
        if not matches:
            return
        zone = self.exact.summary_zone
        cover: dict[int, int] = {}
        for m in matches:
            cover[m.origin] = cover.get(m.origin, 0) + m.s1 - m.s0
        q, covered = max(cover.items(), key=lambda kv: (kv[1], -kv[0]))
        share = covered / len(norm.text)
        # a news lead is an original too when most of it is copied (a sentence of it
        # restated in the body is not a copy of the paragraph)
        if q == self.exact.news_lead:
            near_origin = covered / len(self.norms[q].text) >= LEAD_COVERAGE
        else:
            near_origin = not is_titleish(self.doc.paragraphs[q])
        if q in self.exact.deck and para not in self.exact.deck:
            near_origin = False
        if share >= NEAR_COVERAGE and content_length(norm.text) >= NEAR_MIN_CHARS and near_origin:
            summary = q in zone and para not in zone
            self.near.append(Copy("D102", para, para, (q,), containment=share, summary=summary))
            return
        for m in matches:
            passage = norm.text[m.s0 : m.s1]
            if not _long_enough(passage) or not self._usable_origin(m.origin):
                continue
            start, end = norm.span(m.s0, m.s1)
            ostart, oend = self.norms[m.origin].span(m.o0, m.o1)
            if self._all_quoted(para, start, end) or self._all_quoted(m.origin, ostart, oend):
                continue
            summary = m.origin in zone and para not in zone
            self.passages.append(Passage(para, start, end, m.origin, ostart, oend, summary))

    def _all_quoted(self, para_index: int, start: int, end: int) -> bool:
        """Is the passage a quotation: all inside quotation marks or a 《title》, but for the
        clause marks the shared stretch runs on over at its ends (“……”，: the quotation
        followed by the same comma in both places)?"""
        p = self.doc.paragraphs[para_index]
        mask = self.doc.memo(("dup.quoted", para_index), lambda: quoted_mask(p.text), __package__)
        lo, hi = start - p.start, end - p.start
        text = p.text
        while lo < hi and text[lo] in _EDGE_MARKS:
            lo += 1
        while hi > lo and text[hi - 1] in _EDGE_MARKS:
            hi -= 1
        return all(mask[lo:hi])


def find_shared_text(doc: Document, exact: ExactCopies) -> tuple[list[Copy], list[Passage]]:
    """Near copies and repeated passages of a document (exact copies excluded)."""
    scanner = _Scanner(doc, exact)
    scanner.run()
    return scanner.near, scanner.passages
