"""Terminal report: `path:line:col: CODE [category] message`, the line with the
span marked, the suggestion, and a summary by category."""

from __future__ import annotations

from collections import Counter

import click

from zhcheck.engine import FileResult, RunResult
from zhcheck.finding import Finding, Severity
from zhcheck.report import ReportOptions
from zhcheck.textutil import display_width

_SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_CONTEXT = 24  # code points shown before a span
_MAX_SPAN = 40  # code points of a span shown before eliding


def render(result: RunResult, options: ReportOptions) -> str:
    out: list[str] = []
    for fr in result.files:
        for f in fr.findings:
            out.extend(_finding_lines(f, fr, options))
    if not options.quiet:
        out.append(_summary(result, options))
    return "\n".join(out) + ("\n" if out else "")


def _style(text: str, options: ReportOptions, **kw: object) -> str:
    return click.style(text, **kw) if options.color else text  # type: ignore[arg-type]


def _finding_lines(f: Finding, fr: FileResult, options: ReportOptions) -> list[str]:
    head = (
        f"{_style(f.path, options, bold=True)}:{f.line}:{f.column}: "
        f"{_style(f.rule, options, fg=_SEVERITY_COLOR[f.severity], bold=True)} "
        f"[{f.category.value}] {f.message}"
    )
    lines = [head]
    if options.quiet:
        return lines
    if options.show_source and fr.document is not None:
        lines.extend(_excerpt(f, fr, options))
    if f.suggestion is not None:
        shown = f.suggestion if len(f.suggestion) <= 80 else f.suggestion[:78] + "…"
        lines.append(f"     = {_style('suggestion', options, fg='green')}: {shown}")
    if f.related:
        r = f.related[0]
        where = f"{r.path}:" if r.path else ""
        more = f" (+{len(f.related) - 1} more)" if len(f.related) > 1 else ""
        lines.append(f"     = see {where}{r.line}:{r.column}{more}")
    return lines


def _excerpt(f: Finding, fr: FileResult, options: ReportOptions) -> list[str]:
    doc = fr.document
    assert doc is not None
    line_text = doc.line_text(f.line)
    col0 = f.column - 1
    col1 = f.end_column - 1 if f.end_line == f.line else len(line_text)
    col1 = max(col1, col0 + 1) if col0 < len(line_text) else col0
    left = max(0, col0 - _CONTEXT)
    span_end = min(col1, col0 + _MAX_SPAN)
    right = min(len(line_text), span_end + _CONTEXT)
    prefix = ("…" if left > 0 else "") + line_text[left:col0]
    marked = line_text[col0:span_end]
    # a long span shows its beginning only
    tail = line_text[span_end:right] + ("…" if right < len(line_text) else "")
    suffix = "…" if span_end < col1 else tail
    gutter = f"{f.line:>5} | "
    shown = prefix + _style(marked, options, fg=_SEVERITY_COLOR[f.severity], underline=True) + suffix
    caret = " " * display_width(prefix) + "^" * max(1, display_width(marked))
    return [
        gutter + shown.replace("\t", " "),
        " " * (len(gutter) - 2) + "| " + _style(caret, options, fg=_SEVERITY_COLOR[f.severity]),
    ]


def _summary(result: RunResult, options: ReportOptions) -> str:
    findings = result.findings
    n_files = len(result.files) - len(result.errors)  # files actually checked
    if not findings:
        msg = f"No findings in {n_files} file{'s' if n_files != 1 else ''}."
    else:
        sev = Counter(f.severity for f in findings)
        parts = [f"{sev[s]} {s.value}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if sev[s]]
        msg = (
            f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} in "
            f"{n_files} file{'s' if n_files != 1 else ''} ({', '.join(parts)})."
        )
        cats = Counter(f.category.value for f in findings)
        rules = Counter(f.rule for f in findings)
        width = max(len(c) for c in cats)
        for cat, n in sorted(cats.items(), key=lambda kv: (-kv[1], kv[0])):
            codes = ", ".join(f"{c} {k}" for c, k in sorted(rules.items()) if _cat_of(findings, c) == cat)
            msg += f"\n  {cat:<{width}}  {n:>5}   {codes}"
    if result.errors:
        msg += f"\n{len(result.errors)} file{'s' if len(result.errors) != 1 else ''} could not be checked."
    return _style(msg, options, bold=True) if options.color else msg


def _cat_of(findings: list[Finding], code: str) -> str:
    return next(f.category.value for f in findings if f.rule == code)
