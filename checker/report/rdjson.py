"""reviewdog's Diagnostic Format, rdjson: one `DiagnosticResult` object.

    zhcheck check --format rdjson articles/ | reviewdog -f=rdjson -reporter=github-pr-review

Each finding is a `Diagnostic`: message (with the suggestion), location (path and range),
severity (ERROR / WARNING / INFO), code (the rule) and, when the finding carries a fix, one
`Suggestion` per edit. reviewdog counts columns in UTF-8 bytes (1-based; a Chinese character
is 3 bytes), unlike zhcheck's code points, so columns are converted with the document's
text; ranges are end-exclusive, as in reviewdog. Unreadable files become diagnostics
without a range. Fields follow reviewdog's `proto/rdf/reviewdog.proto`; the test validates
the output against a JSON schema written from it (tests/data/README.md).
"""

from __future__ import annotations

import json
from typing import Any

from zhcheck.document import Document
from zhcheck.engine import RunResult
from zhcheck.finding import Finding, Severity
from zhcheck.report import ReportOptions
from zhcheck.report.sarif import message_text

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SOURCE = {"name": "zhcheck"}


def position(doc: Document | None, offset: int, line: int, column: int) -> dict[str, int]:
    """A reviewdog Position for a code-point `offset`: 1-based line, 1-based UTF-8 byte column."""
    if doc is None:  # no text to measure: code points are the best guess
        return {"line": max(1, line), "column": max(1, column)}
    line, column = doc.position(offset)
    start = offset - (column - 1)
    width = len(doc.text[start:offset].encode("utf-8", "surrogatepass"))
    return {"line": line, "column": width + 1}


def _range(doc: Document | None, start: int, end: int, where: tuple[int, int, int, int]) -> dict[str, Any]:
    line, column, end_line, end_column = where
    return {"start": position(doc, start, line, column), "end": position(doc, end, end_line, end_column)}


def diagnostic(f: Finding, doc: Document | None) -> dict[str, Any]:
    """The Diagnostic for one finding (`doc`: the document it is in, for byte columns)."""
    out: dict[str, Any] = {
        "message": f"{f.name}: {message_text(f)}",
        "location": {
            "path": f.path,
            "range": _range(doc, f.start, f.end, (f.line, f.column, f.end_line, f.end_column)),
        },
        "severity": _SEVERITY.get(f.severity, "UNKNOWN_SEVERITY"),
        "source": SOURCE,
        "code": {"value": f.rule},
    }
    if f.fix is not None and f.fix.edits and doc is not None:  # edits need the text to be placed
        out["suggestions"] = [
            {"range": _range(doc, e.start, e.end, (0, 0, 0, 0)), "text": e.replacement} for e in f.fix.edits
        ]
    return out


def to_dict(result: RunResult) -> dict[str, Any]:
    diagnostics = []
    for fr in result.files:
        diagnostics += [diagnostic(f, fr.document) for f in fr.findings]
        if fr.error:
            diagnostics.append(
                {
                    "message": fr.error if fr.explicit else f"{fr.error} (skipped)",
                    "location": {"path": fr.path},
                    "severity": "ERROR" if fr.explicit else "WARNING",
                    "source": SOURCE,
                }
            )
    return {"source": SOURCE, "diagnostics": diagnostics}


def render(result: RunResult, options: ReportOptions) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
