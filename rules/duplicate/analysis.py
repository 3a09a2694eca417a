"""The per-document duplicate analysis shared by the D1 and D2 rules (computed once)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from zhcheck.document import Document
from zhcheck.rules.duplicate.paragraphs import Copy, find_exact_copies
from zhcheck.rules.duplicate.passages import Passage, find_shared_text
from zhcheck.rules.lang.outline import in_appendix, in_articles, in_different_units, inside_article
from zhcheck.rules.lang.vocab import CLAUSE_MARKS, FINAL_MARKS

#: a passage a document prints in this many paragraphs or more is one of its formulas
#: (a legal proviso, a guiding-thought sentence), not a passage pasted by mistake
FORMULA_PARAGRAPHS = 3
#: a near copy inside a statute's articles this much of whose text is shared is a
#: paragraph pasted again, not a rule restated for another party (the regulations of the
#: State Council restate at 85-90%)
ARTICLE_PASTE_COVERAGE = 0.95
#: closing marks that may follow a paragraph's final mark (。” ！）)
TRAILING_CLOSERS = "”’」』）)》〉】\"' "


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
    """A copy in another unit of the document's outline than its original (parallel structure),
    or a near copy among the paragraphs (款) of a statute's articles: drafting states the rule
    for each party in the same words (申请人经书面通知……可以视为撤回仲裁申请 / 被申请人经书面
    通知……可以缺席裁决)."""
    if all(in_different_units(doc, c.first, o) for o in c.origin) or in_appendix(doc, c.first):
        return True
    drafted = c.rule == "D102" and c.containment < ARTICLE_PASTE_COVERAGE
    return drafted and all(in_articles(doc, c.first, o) for o in c.origin)


def _formulaic(doc: Document, p: Passage) -> bool:
    """A passage repeated as parallel structure, printed as one of the document's formulas,
    or restated inside a sentence of its own."""
    if (
        in_different_units(doc, p.para, p.origin_para)
        or in_articles(doc, p.para, p.origin_para)
        or in_appendix(doc, p.para)
    ):
        return True
    text = doc.text[p.start : p.end]
    if _paragraphs_printing(doc, text, FORMULA_PARAGRAPHS) >= FORMULA_PARAGRAPHS:
        return True
    return _restated(doc, p) or _repunctuated(doc, p) or _punctuated_anew(doc, p) or _reprinted_document(doc, p)


def _paragraphs_printing(doc: Document, text: str, enough: int) -> int:
    """In how many paragraphs `text` occurs (counting stops at `enough`), from the
    document's occurrence index: asking every paragraph made long documents quadratic."""
    if not text:
        return len(doc.paragraphs)
    found: set[int] = set()
    for pos in doc.text_index().positions(text):
        para = doc.paragraph_at(pos)
        if para is not None and pos + len(text) <= para.end:
            found.add(para.index)
            if len(found) >= enough:
                break
    return len(found)


def _mid_clause(text: str, i: int) -> bool:
    """Is position `i` of `text` inside a clause (a letter or Han character on both sides)?"""
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def _restated(doc: Document, p: Passage) -> bool:
    """A passage the later paragraph restates in a sentence of its own words: the shared text
    begins or ends inside a clause, where the two wordings part (…采取进一步防治措施 /
    …采取进一步防灾措施), and the paragraph goes on to a complete end. A paste by mistake
    carries whole clauses, or leaves its paragraph cut off where the pasted text stops."""
    if p.summary:
        return False
    para = doc.paragraphs[p.para]
    text = para.text
    s, e = p.start - para.start, p.end - para.start
    complete = text.rstrip(TRAILING_CLOSERS)[-1:] in FINAL_MARKS
    if not complete or e >= len(text.rstrip()):
        return False
    if _mid_clause(text, s) or _mid_clause(text, e):
        return True
    # ... or where the original's wording parts: the lead named the place in full (山东临沂)
    origin = doc.paragraphs[p.origin_para]
    o_text = origin.text
    return _mid_clause(o_text, p.origin_start - origin.start) or _mid_clause(o_text, p.origin_end - origin.start)


#: marks inside a sentence, after a clause
_CLAUSE_MARKS = frozenset(CLAUSE_MARKS)


def _repunctuated(doc: Document, p: Passage) -> bool:
    """A point printed as a paragraph of its own (…的历史使命。) that a later sentence restates
    as a clause (…的历史使命，圆满完成…): the passage is the whole of its original paragraph
    but its final mark, and stops before another mark in the restating sentence. The writer
    punctuated the words anew; a paste by mistake carries its mark along (the shared text runs
    on over it), and a passage taken from inside a longer paragraph is judged as before."""
    if p.summary:
        return False
    origin = doc.paragraphs[p.origin_para]
    body = origin.text.rstrip().rstrip(TRAILING_CLOSERS)
    whole = origin.start + len(origin.text) - len(origin.text.lstrip())
    if p.origin_start != whole or p.origin_end != origin.start + len(body) - 1 or body[-1:] not in FINAL_MARKS:
        return False
    after = doc.text[p.end : p.end + 1]
    return after in _CLAUSE_MARKS and after != body[-1]


#: clause and sentence marks
_MARKS = _CLAUSE_MARKS | FINAL_MARKS


def _punctuated_anew(doc: Document, p: Passage) -> bool:
    """Words a later sentence restates with marks of its own at both ends: the shared stretch
    begins and ends on a word, and different marks set it off in each place (；实现区域良性互动
    ……加强区域优势互补； / ，实现区域良性互动……加强区域优势互补，): one item of a list, now of
    another list. The writer punctuated the words anew; a paste by mistake carries its marks
    along (the shared stretch runs on over them), or runs into the words it was pasted
    between."""
    text = doc.text
    if p.summary or not (text[p.start : p.start + 1].isalnum() and text[p.end - 1 : p.end].isalnum()):
        return False
    before, o_before = text[p.start - 1 : p.start], text[p.origin_start - 1 : p.origin_start]
    after, o_after = text[p.end : p.end + 1], text[p.origin_end : p.origin_end + 1]
    marks = {before, o_before, after, o_after} <= _MARKS
    return marks and before != o_before and after != o_after


def _reprinted_document(doc: Document, p: Passage) -> bool:
    """A report followed by the document it reports on (a regulation printed after its news
    item): the later occurrence stands in the document's articles (第一条　为了……), the earlier
    in the report before them, which took its words from the document."""
    return inside_article(doc, p.para) and not inside_article(doc, p.origin_para)


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
    return doc.memo("dup.analysis", lambda: _analyse(doc), __package__)
