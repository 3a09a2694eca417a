"""The per-document duplicate analysis shared by the D1 and D2 rules (computed once)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from zhcheck.document import Document
from zhcheck.rules.duplicate.paragraphs import Copy, find_exact_copies
from zhcheck.rules.duplicate.passages import Passage, find_shared_text


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


def _analyse(doc: Document) -> DuplicateAnalysis:
    exact = find_exact_copies(doc)
    near, passages = find_shared_text(doc, exact)
    copies = tuple(sorted((*exact.copies, *near), key=lambda c: c.first))
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
