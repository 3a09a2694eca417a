"""The per-document duplicate analysis shared by the D1 and D2 rules (computed once)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from zhcheck.document import Document
from zhcheck.rules.duplicate.paragraphs import Copy, find_exact_copies
from zhcheck.rules.duplicate.passages import Passage, find_shared_text
from zhcheck.rules.lang.outline import in_articles, in_different_units

#: a passage a document prints in this many paragraphs or more is one of its formulas
#: (a legal proviso, a guiding-thought sentence), not a passage pasted by mistake
FORMULA_PARAGRAPHS = 3


@dataclass(frozen=True)
class DuplicateAnalysis:
    #: exact copies (D101/D103) and near copies (D102), in document order
    copies: tuple[Copy, ...]
    passages: tuple[Passage, ...]
    #: starts of the spans reported as later copies (sorted) and the furthest
    #: end reached by any of them up to each index
    covered_starts: tuple[int, ...]
    covered_ends: tuple[int, ...]

    def covers(self, start: int, end: int) -> bool:
        """Is start..end inside text reported as a later copy (paragraph or passage)?"""
        i = bisect.bisect_right(self.covered_starts, start) - 1
        return i >= 0 and self.covered_ends[i] >= end


def _parallel_copy(doc: Document, c: Copy) -> bool:
    """A copy in another unit of the document's outline than its original (parallel structure)."""
    return all(in_different_units(doc, c.first, o) for o in c.origin)


def _formulaic(doc: Document, p: Passage) -> bool:
    """A passage repeated as parallel structure or printed as one of the document's formulas."""
    if in_different_units(doc, p.para, p.origin_para) or in_articles(doc, p.para, p.origin_para):
        return True
    text = doc.text[p.start : p.end]
    return sum(text in q.text for q in doc.paragraphs) >= FORMULA_PARAGRAPHS


def _analyse(doc: Document) -> DuplicateAnalysis:
    exact = find_exact_copies(doc)
    near, passages = find_shared_text(doc, exact)
    copies = tuple(sorted((c for c in (*exact.copies, *near) if not _parallel_copy(doc, c)), key=lambda c: c.first))
    passages = [p for p in passages if not _formulaic(doc, p)]
    paras = doc.paragraphs
    spans = [(paras[c.first].start, paras[c.last].end) for c in copies if not c.summary]
    spans += [(p.start, p.end) for p in passages if not p.summary]
    spans.sort()
    reach, running = [], -1  # running maximum of the ends: spans may nest
    for _, e in spans:
        running = max(running, e)
        reach.append(running)
    return DuplicateAnalysis(copies, tuple(passages), tuple(s for s, _ in spans), tuple(reach))


def analyse(doc: Document) -> DuplicateAnalysis:
    """The duplicate analysis of `doc`, memoised on the document."""
    return doc.memo("dup.analysis", lambda: _analyse(doc))
