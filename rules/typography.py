"""Typography (GB/T 15834): punctuation width and spacing in Chinese text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from checker.document import Document, Kind
from checker.finding import Applicability, Category, Edit, Fix, Severity
from checker.registry import Hit, RuleContext, rule
from checker.textutil import CJK_CLASS

FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}

# A half-width mark with Chinese on at least one side. Chinese closing marks
# count as Chinese on the left, opening marks on the right. A colon between
# two digits (10:30, 3:1) is a time or a score, not punctuation.
_CN_LEFT = f"[{CJK_CLASS}”’）》」』】…]"
_CN_RIGHT = f"[{CJK_CLASS}“‘（《「『【]"
_HALFWIDTH = re.compile(f"(?<={_CN_LEFT})[,:;!?]|[,:;!?](?={_CN_RIGHT})|(?<={_CN_LEFT})[,:;!?](?=\\d)")


@rule(
    "T101",
    "halfwidth-punctuation",
    Category.TYPOGRAPHY,
    Severity.WARNING,
    summary="Half-width , : ; ! ? in Chinese text",
    bad="报告中提到,经济增长5.5%左右!",
    good="报告中提到，经济增长5.5%左右！",
    fixable=True,
)
def halfwidth_punctuation(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """GB/T 15834 requires full-width punctuation in Chinese running text.

    Half-width `, : ; ! ?` next to Chinese characters usually come from a
    Western keyboard layout or a conversion step. The rule reports one finding
    per paragraph (spanning the first to the last such mark) with the count,
    and a safe fix that converts every mark to its full-width form. Marks
    between digits (10:30, 3:1) and inside Latin text are left alone.
    """
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE:
            continue
        marks = [(m.start(), m.group()) for m in _HALFWIDTH.finditer(para.text)]
        if not marks:
            continue
        start = para.start + marks[0][0]
        end = para.start + marks[-1][0] + 1
        counts = Counter(c for _, c in marks)
        detail = "、".join(f"{c} ×{n}" for c, n in counts.most_common())
        edits = tuple(Edit(para.start + i, para.start + i + 1, FULLWIDTH[c]) for i, c in marks)
        fixed = list(doc.text[start:end])
        for e in edits:
            fixed[e.start - start] = e.replacement
        yield Hit(
            start,
            end,
            f"段落中有 {len(marks)} 处半角标点（{detail}），中文文本应使用全角标点",
            suggestion="".join(fixed),
            fix=Fix(edits, Applicability.SAFE, "convert half-width punctuation to full-width"),
            data={"count": len(marks)},
        )
