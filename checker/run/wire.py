"""Findings as plain tuples, for worker results and cache entries.

Unpickling dataclasses and enums object by object is slow (a paragraph-wide
punctuation finding carries dozens of Edits); plain tuples of str/int unpickle
about three times faster and are rebuilt into Findings here.
"""

from __future__ import annotations

from itertools import starmap
from typing import Any

from zhcheck.finding import Applicability, Category, Edit, Finding, Fix, Severity, Span

_CATEGORY = {c.value: c for c in Category}
_SEVERITY = {s.value: s for s in Severity}
_APPLICABILITY = {a.value: a for a in Applicability}


def _span(s: Span) -> tuple:
    return (s.start, s.end, s.line, s.column, s.end_line, s.end_column, s.path, s.text)


def encode(findings: list[Finding], text: str | None = None) -> list[tuple]:
    """Findings as tuples of plain values; a flagged text that is `text[start:end]`
    of the document's `text` is left out (decode restores it from the same text)."""
    out = []
    for f in findings:
        fix = f.fix
        flagged = None if text is not None and text[f.start : f.end] == f.text else f.text
        out.append(
            (
                f.rule, f.name, f.category.value, f.severity.value,
                f.start, f.end, f.line, f.column, f.end_line, f.end_column,
                f.message, flagged, f.path, f.suggestion,
                tuple(_span(s) for s in f.related),
                None if fix is None else (
                    tuple((e.start, e.end, e.replacement) for e in fix.edits), fix.applicability.value, fix.description
                ),
                f.data or None,
            )
        )  # fmt: skip
    return out


def decode(rows: list[tuple], text: str | None = None) -> list[Finding]:
    """The Findings `encode` was given (with the same document `text`)."""
    out = []
    for t in rows:
        fix: Any = t[15]
        flagged = t[11] if t[11] is not None else text[t[4] : t[5]]  # type: ignore[index]
        out.append(
            Finding(
                t[0], t[1], _CATEGORY[t[2]], _SEVERITY[t[3]], t[4], t[5], t[6], t[7], t[8], t[9], t[10], flagged, t[12],
                suggestion=t[13],
                related=tuple(starmap(Span, t[14])) if t[14] else (),
                fix=None if fix is None else Fix(tuple(starmap(Edit, fix[0])), _APPLICABILITY[fix[1]], fix[2]),
                data=dict(t[16]) if t[16] else {},
            )
        )  # fmt: skip
    return out
