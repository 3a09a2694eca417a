"""HTML review report: one self-contained page (inline CSS and JS, no network).

The findings and the article texts are embedded as one JSON document in a
`<script type="application/json">` element (with `<`, `>` and `&` escaped, so
no article can close the element); the page's script renders the overview and,
on demand, one document at a time with every finding highlighted in place.
Article text only ever reaches the page as text nodes.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from importlib import resources
from typing import Any

from zhcheck import __version__
from zhcheck.engine import FileResult, RunResult
from zhcheck.finding import Finding, Span
from zhcheck.registry import Rule, load_rules
from zhcheck.report import ReportOptions

_SPAN_TEXT = 200  # characters of a related span's text kept (it may be in another file)


@functools.cache
def _asset(name: str) -> str:
    return resources.files("zhcheck.report").joinpath("templates", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element (cannot end it or open a comment)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, esc)
    return text


def _span(s: Span) -> dict[str, Any]:
    d: dict[str, Any] = {"s": s.start, "e": s.end, "line": s.line, "col": s.column}
    if s.path is not None:
        d["path"] = s.path
    if s.text:
        d["text"] = s.text[:_SPAN_TEXT]
    return d


def _finding(f: Finding, rules: dict[str, Rule]) -> dict[str, Any]:
    d: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity.value,
        "s": f.start,
        "e": f.end,
        "line": f.line,
        "col": f.column,
        "msg": f.message,
        "sug": f.suggestion,
    }
    if f.related:
        d["rel"] = [_span(s) for s in f.related]
    if f.fix is not None:
        d["fix"] = {
            "applicability": f.fix.applicability.value,
            # the rule's Chinese label for its fix (JSON and SARIF keep the English description)
            "desc": rules[f.rule].fix_label(f.fix.description) if f.rule in rules else f.fix.description,
            "edits": [[e.start, e.end, e.replacement] for e in f.fix.edits],
        }
    return d


def _file(fr: FileResult, rules: dict[str, Rule]) -> dict[str, Any]:
    d: dict[str, Any] = {
        "path": fr.path,
        "encoding": fr.encoding,
        "chars": fr.chars,
        "text": fr.document.source_text if fr.document is not None else "",
        "findings": [_finding(f, rules) for f in fr.findings],
    }
    doc = fr.document
    if doc is not None and doc.format != "text":
        d["format"] = doc.format
        if doc.format == "docx":  # a Word document's lines are its paragraphs
            d["unit"] = "段"
            if len(doc.line_starts) != doc.text.count("\n") + 1:
                d["lines"] = doc.line_starts
    if fr.error:
        d["error"] = fr.error
    return d


def to_data(result: RunResult) -> dict[str, Any]:
    """What the page's script needs: rules, files with their text, findings."""
    used = Counter(f.rule for f in result.findings)
    registered = load_rules()
    rules = {
        code: {"name": r.name, "category": r.category.value, "severity": r.severity.value, "title": r.display_title}
        for code, r in registered.items()
        if code in used or r.default_enabled
    }
    for f in result.findings:  # rules registered outside `rules/` (tests, plugins)
        rules.setdefault(f.rule, {"name": f.name, "category": f.category.value, "severity": "", "title": ""})
    return {
        "tool": {"name": "zhcheck", "version": __version__},
        "rules": rules,
        "files": [_file(fr, registered) for fr in result.files],
    }


def render(result: RunResult, options: ReportOptions) -> str:
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(_asset("report.html"))
    from markupsafe import Markup

    return template.render(
        version=__version__,
        n_files=len(result.files),
        n_findings=len(result.findings),
        css=Markup(_asset("report.css")),
        js=Markup(_asset("report.js")),
        data=Markup(script_json(to_data(result))),
    )
