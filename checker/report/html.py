"""HTML review report: one self-contained page (inline CSS and JS, no network).

The findings and the article texts are embedded as one JSON document in a
`<script type="application/json">` element (with `<`, `>` and `&` escaped, so
no article can close the element); the page's scripts render the overview and,
on demand, one document at a time with every finding highlighted in place, and
let an editor accept or reject findings (`review.js`): the corrected text, a
patch and the decisions file (`zhcheck.app.decisions`) are downloaded from the
page. Article text only ever reaches the page as text nodes.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import os
from collections import Counter
from importlib import resources
from typing import Any

from zhcheck import __version__
from zhcheck.app.baseline import fingerprint
from zhcheck.app.decisions import text_hash
from zhcheck.document import Document, Kind
from zhcheck.engine import FileResult, RunResult
from zhcheck.finding import Category, Finding, Span
from zhcheck.registry import Rule, load_rules
from zhcheck.report import ReportOptions
from zhcheck.report.markdown_view import view as markdown_view
from zhcheck.textutil import SENTENCE_END

_SPAN_TEXT = 200  # characters of a related span's text kept (it may be in another file)
_EXCERPT = 60  # characters of a first copy shown around the text the duplicate repeats
_HEADLINE = 40  # a first paragraph up to this long without a sentence end is a headline
#: the page's scripts, in order: the viewer, then the review tools that plug into it
_SCRIPTS = ("report.js", "review.js")


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


def _matching_excerpt(d: dict[str, Any], f: Finding, span: Span, texts: dict[str, str]) -> None:
    """Point a duplicate's related span at the text the duplicate repeats: `ms`/`me` (offsets
    in its file), and an excerpt around it (`text`) with that part at `hl` [start, end)."""
    other = texts.get(span.path or f.path)
    if other is None or span.end <= span.start:
        return
    first = other[span.start : span.end]
    m = difflib.SequenceMatcher(None, f.text, first, autojunk=False).find_longest_match(0, len(f.text), 0, len(first))
    if m.size < 2:
        return
    start = span.start + m.b
    d["ms"], d["me"] = start, start + m.size
    lo = max(span.start, start - 6)
    hi = min(span.end, max(start + m.size, lo + _EXCERPT), lo + _EXCERPT)
    d["text"] = ("…" if lo > span.start else "") + other[lo:hi] + ("…" if hi < span.end else "")
    shift = 1 if lo > span.start else 0
    d["hl"] = [start - lo + shift, min(start + m.size, hi) - lo + shift]


def _finding(f: Finding, rules: dict[str, Rule], text: str | None, texts: dict[str, str]) -> dict[str, Any]:
    d: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity.value,
        "s": f.start,
        "e": f.end,
        "line": f.line,
        "col": f.column,
        "msg": f.message,
        "sug": f.suggestion,
        "fp": fingerprint(f, text),
    }
    if f.related:
        d["rel"] = [_span(s) for s in f.related]
        if f.category is Category.DUPLICATE:
            for rd, s in zip(d["rel"], f.related, strict=True):
                _matching_excerpt(rd, f, s, texts)
    if f.fix is not None:
        d["fix"] = {
            "applicability": f.fix.applicability.value,
            # the rule's Chinese label for its fix (JSON and SARIF keep the English description)
            "desc": rules[f.rule].fix_label(f.fix.description) if f.rule in rules else f.fix.description,
            "edits": [[e.start, e.end, e.replacement] for e in f.fix.edits],
        }
    return d


def _plain(text: str) -> str:
    """A heading's words without its Markdown: `## **标题**` -> `标题`."""
    return text.lstrip("#").strip().replace("**", "").replace("__", "").strip()


def headline(fr: FileResult) -> str:
    """The article's headline: its first heading, or its first paragraph when that is short
    and has no sentence end, skipping web debris above it; else the start of its first paragraph."""
    doc: Document | None = fr.document
    if doc is None:
        return ""
    debris = [(f.start, f.end) for f in fr.findings if f.category is Category.GARBLED]
    skip = (Kind.DIRECTIVE, Kind.SEPARATOR, Kind.BYLINE, Kind.CAPTION)
    for para in doc.paragraphs[:8]:
        start, end = doc.to_source(para.start, para.end)  # findings count in the file's own text
        if para.kind in skip or any(s <= start and end <= e for s, e in debris):
            continue
        text = _plain(para.text)
        if not text:
            continue
        if para.kind is Kind.HEADING or (len(text) <= _HEADLINE and text[-1] not in SENTENCE_END + "。…"):
            return text
        return text[:24] + "…"
    return ""


def _file(fr: FileResult, rules: dict[str, Rule], texts: dict[str, str]) -> dict[str, Any]:
    # the file's own text (an HTML page's source): what the findings' offsets count in
    text = fr.document.source_text if fr.document is not None else None
    d: dict[str, Any] = {
        "path": fr.path,
        "encoding": fr.encoding,
        "chars": fr.chars,
        "text": text or "",
        "sha1": text_hash(text or ""),
        "title": headline(fr),
        "findings": [_finding(f, rules, text, texts) for f in fr.findings],
    }
    doc = fr.document
    if doc is not None and doc.format != "text":
        d["format"] = doc.format
        if doc.format == "docx":  # a Word document's lines are its paragraphs
            d["unit"] = "段"
            if len(doc.line_starts) != doc.text.count("\n") + 1:
                d["lines"] = doc.line_starts
    if text and doc is not None and doc.format == "markdown":
        d["md"] = markdown_view(text)
    if fr.error:
        d["error"] = fr.error
    return d


def report_id(files: list[dict[str, Any]]) -> str:
    """What the page keys its saved decisions by: the files, their texts and their findings."""
    h = hashlib.sha1(__version__.encode())
    for f in files:
        h.update(json.dumps([f["path"], f["sha1"], [x["fp"] for x in f["findings"]]]).encode())
    return h.hexdigest()[:16]


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
    texts = {fr.path: fr.document.source_text for fr in result.files if fr.document is not None}
    files = [_file(fr, registered, texts) for fr in result.files]
    return {
        "tool": {"name": "zhcheck", "version": __version__},
        "report": report_id(files),
        # decisions name files as the report does: relative to where `zhcheck check` ran
        "base": os.getcwd(),
        "rules": rules,
        "files": files,
    }


def render(result: RunResult, options: ReportOptions) -> str:
    from jinja2 import Environment, select_autoescape
    from markupsafe import Markup

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(_asset("report.html"))
    return template.render(
        version=__version__,
        n_files=len(result.files),
        n_findings=len(result.findings),
        css=Markup(_asset("report.css")),
        js=Markup("\n".join(_asset(name) for name in _SCRIPTS)),
        data=Markup(script_json(to_data(result))),
    )
