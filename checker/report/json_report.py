"""JSON report (schema version 1, documented in the README)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from zhcheck import __version__
from zhcheck.engine import FileResult, RunResult
from zhcheck.report import ReportOptions

SCHEMA_VERSION = 1


def file_entry(fr: FileResult) -> dict[str, Any]:
    """One file's record (an element of `files`; a line of the cluster runner's JSON Lines)."""
    entry: dict[str, Any] = {
        "path": fr.path,
        "encoding": fr.encoding,
        "chars": fr.chars,
        "findings": [f.to_dict() for f in fr.findings],
    }
    if fr.error:
        entry["error"] = fr.error
    return entry


def _report(result: RunResult, files: list[dict[str, Any]]) -> dict[str, Any]:
    findings = result.findings
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "zhcheck", "version": __version__},
        "files": files,
        "summary": {
            "files": len(result.files),
            "files_with_errors": len(result.errors),
            "chars": sum(fr.chars for fr in result.files),
            "findings": len(findings),
            "by_category": dict(sorted(Counter(f.category.value for f in findings).items())),
            "by_severity": dict(sorted(Counter(f.severity.value for f in findings).items())),
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
        },
    }


def to_dict(result: RunResult) -> dict[str, Any]:
    """The report as plain data."""
    return _report(result, [file_entry(fr) for fr in result.files])


def render(result: RunResult, options: ReportOptions) -> str:
    """`json.dumps(to_dict(result), indent=2)`, made one file at a time: a run over many
    files never holds every finding as a dictionary at once."""
    text = json.dumps(_report(result, []), ensure_ascii=False, indent=2)
    if result.files:  # JSON text has no raw line breaks: each file's lines move 4 spaces in
        entries = ",\n    ".join(
            json.dumps(file_entry(fr), ensure_ascii=False, indent=2).replace("\n", "\n    ") for fr in result.files
        )
        text = text.replace('"files": []', '"files": [\n    ' + entries + "\n  ]", 1)
    return text + "\n"
