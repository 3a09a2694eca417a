"""SARIF 2.1.0 report, as GitHub code scanning accepts it.

Columns and character offsets count Unicode code points (`columnKind`), the
same unit as zhcheck's own offsets; `partialFingerprints` carries the baseline
fingerprint, so alerts follow a finding when lines move.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from zhcheck import __version__
from zhcheck.app.baseline import fingerprint
from zhcheck.engine import FileResult, RunResult
from zhcheck.finding import Finding, Severity, Span
from zhcheck.registry import Rule, load_rules
from zhcheck.report import ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference (`/`-separated, percent-encoded)."""
    if os.path.isabs(path):
        from pathlib import Path

        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _rule(r: Rule) -> dict[str, Any]:
    example = f"Bad: {r.bad}\nGood: {r.good}"
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.description or r.summary},
        "help": {
            "text": f"{r.description}\n\n{example}",
            "markdown": f"**{r.code} {r.name}** ({r.category.value})\n\n{r.description}\n\n"
            f"- Bad: `{r.bad}`\n- Good: `{r.good}`",
        },
        "defaultConfiguration": {"level": _LEVEL[r.severity], "enabled": r.default_enabled},
        "properties": {"tags": ["zhcheck", r.category.value], "category": r.category.value},
    }


def _region(start: int, end: int, line: int, column: int, end_line: int, end_column: int, text: str) -> dict:
    region: dict[str, Any] = {
        "startLine": max(1, line),
        "startColumn": max(1, column),
        "endLine": max(1, end_line, line),
        "endColumn": max(1, end_column),
        "charOffset": start,
        "charLength": end - start,
    }
    if text:
        region["snippet"] = {"text": text}
    return region


def _location(path: str, index: int | None, region: dict[str, Any]) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": artifact_uri(path)}
    if index is not None:
        artifact["index"] = index
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _related(i: int, span: Span, f: Finding, indexes: dict[str, int]) -> dict[str, Any]:
    path = span.path or f.path
    region = _region(span.start, span.end, span.line, span.column, span.end_line, span.end_column, span.text)
    loc = _location(path, indexes.get(path), region)
    loc["id"] = i
    loc["message"] = {"text": "相关位置（如首次出现处）"}
    return loc


def _fix(f: Finding, index: int | None) -> dict[str, Any]:
    assert f.fix is not None
    artifact: dict[str, Any] = {"uri": artifact_uri(f.path)}
    if index is not None:
        artifact["index"] = index
    return {
        "description": {"text": f.fix.description or f"{f.fix.applicability.value} fix"},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [
                    {
                        "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                        "insertedContent": {"text": e.replacement},
                    }
                    for e in f.fix.edits
                ],
            }
        ],
    }


def message_text(f: Finding) -> str:
    """The finding's message plus its suggestion, as one plain sentence or two."""
    text = f.message
    if f.suggestion is not None:
        shown = f.suggestion if len(f.suggestion) <= 200 else f.suggestion[:198] + "…"
        text += f" 建议：{shown}" if shown else " 建议：删除。"
    return text


def _result(f: Finding, fr: FileResult, rule_index: dict[str, int], indexes: dict[str, int]) -> dict[str, Any]:
    region = _region(f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.text)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _LEVEL[f.severity],
        "message": {"text": message_text(f)},
        "locations": [_location(f.path, indexes.get(f.path), region)],
        "partialFingerprints": {
            "zhcheck/v1": fingerprint(f, fr.document.source_text if fr.document is not None else None)
        },
        "properties": {"category": f.category.value, "name": f.name},
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    if f.related:
        result["relatedLocations"] = [_related(i, s, f, indexes) for i, s in enumerate(f.related, 1)]
    if f.fix is not None and f.fix.edits:
        result["fixes"] = [_fix(f, indexes.get(f.path))]
    return result


def to_sarif(result: RunResult) -> dict[str, Any]:
    """The run as a SARIF log (one run)."""
    rules = list(load_rules().values())
    rule_index = {r.code: i for i, r in enumerate(rules)}
    artifacts = []
    indexes: dict[str, int] = {}
    for fr in result.files:
        if fr.error:
            continue
        indexes[fr.path] = len(artifacts)
        entry: dict[str, Any] = {"location": {"uri": artifact_uri(fr.path)}, "length": fr.chars}
        if fr.encoding:
            entry["encoding"] = fr.encoding
        artifacts.append(entry)
    notifications = [
        {
            "level": "error" if fr.explicit else "warning",
            "message": {"text": f"{fr.path}: {fr.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(fr.path)}}}],
        }
        for fr in result.files
        if fr.error
    ]
    results = [_result(f, fr, rule_index, indexes) for fr in result.files for f in fr.findings]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "zhcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "invocations": [
                    {
                        "executionSuccessful": not any(fr.error and fr.explicit for fr in result.files),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }


def render(result: RunResult, options: ReportOptions) -> str:
    return json.dumps(to_sarif(result), ensure_ascii=False, indent=2) + "\n"


def _text(fr: FileResult) -> str | None:
    """The text findings' offsets refer to (the file's own; an HTML page's markup included)."""
    return fr.document.source_text if fr.document is not None else None
