"""OCR-like character errors: names one glyph off, variant characters, swapped
characters, look-alike characters in common words, digit/letter confusion."""

from __future__ import annotations

from collections.abc import Iterator

from checker.document import Document
from checker.finding import Applicability, Category, Edit, Fix, Severity
from checker.registry import Hit, RuleContext, rule
from rules import _ocr_names as names


@rule(
    "O101",
    "confusable-name",
    Category.OCR,
    Severity.WARNING,
    summary="A place or organisation name one look-alike character away from a real one",
    bad="平顶山市辖新华区、湛河区、叶县、鲁山县和都县，郏县的红牛很有名。",
    good="平顶山市辖新华区、湛河区、叶县、鲁山县和郏县，郏县的红牛很有名。",
)
def confusable_name(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A name that no dictionary or gazetteer knows, but that becomes a real
    name when one character is replaced by a look-alike (都县 -> 郏县).

    Candidates are runs of Han characters ending in a name suffix (县, 区, 镇,
    乡, 街道, 河, 湖, 山, 水库, 实验室, 集团, 大道, …) at word boundaries.
    Targets are real names of the same shape from the administrative-division
    gazetteer (down to townships) and the place names of the dictionaries.
    They are ranked by glyph similarity, by the article's region (inferred from
    the places it names: a county of the same prefecture is far more likely
    than one across the country) and by whether the article prints the target
    name elsewhere. Only confident matches are reported; terms in the user's
    word list never are.
    """
    for para in names.body_paragraphs(doc):
        for cand in names.candidates(doc, para):
            if ctx.is_user_word(cand.text):
                continue
            ranked = names.rank(doc, cand)
            if not ranked:
                continue
            best = ranked[0]
            yield Hit(
                cand.start,
                cand.end,
                names.describe(best),
                suggestion=best.target,
                fix=Fix((Edit(cand.start, cand.end, best.target),), Applicability.UNSAFE, "replace the name"),
                data={"score": best.score, "alternatives": [m.target for m in ranked[1:4]]},
            )
