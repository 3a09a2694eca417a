"""Findings: the plain data every rule produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How serious a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Category(str, Enum):
    """The five defect families."""

    DUPLICATE = "duplicate"
    GARBLED = "garbled"
    OCR = "ocr"
    LAYOUT = "layout"
    TYPOGRAPHY = "typography"


class Applicability(str, Enum):
    """Whether a fix may be applied without review (`zhcheck fix`) or only with `--unsafe`."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `replacement` (offsets into the decoded text)."""

    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits that together repair one finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: str = ""

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability.value,
            "description": self.description,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True)
class Location:
    """Where a span lies, without its text: what a corpus rule keeps of a document
    between `collect` and `finalize`. Line and column are 1-based."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def span(self, path: str | None = None) -> Span:
        """This location as a `related` Span (in the file `path`)."""
        return Span(self.start, self.end, self.line, self.column, self.end_line, self.end_column, path)


@dataclass(frozen=True)
class Span:
    """A region of a document, e.g. the first copy of a duplicated paragraph.

    `path` is set when the span lies in another file (cross-file findings).
    Line and column are 1-based; column counts code points.
    """

    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    path: str | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }
        if self.path is not None:
            d["path"] = self.path
        if self.text:
            d["text"] = self.text
        return d


@dataclass(slots=True)
class Finding:
    """One reported defect (slots: a run over many files holds many of them).

    `start`/`end` are 0-based code-point offsets into the decoded text (end
    exclusive) into the file's text (`Document.source_text`); `text` is exactly that text[start:end].
    """

    rule: str
    name: str
    category: Category
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    text: str
    path: str = "<text>"
    suggestion: str | None = None
    related: tuple[Span, ...] = ()
    fix: Fix | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.rule)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-report form of this finding (documented in the README)."""
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "related": [s.to_dict() for s in self.related],
            "fix": self.fix.to_dict() if self.fix else None,
        }
