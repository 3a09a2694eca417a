"""Terminal report: `path:line:col: CODE [category] message`, the line with the
span marked, the suggestion; typography folded into one line per file (see
`fold`); a summary that leads with what needs an editor."""

from __future__ import annotations

from collections import Counter

import click

from zhcheck.engine import FileResult, RunResult
from zhcheck.finding import Category, Finding, Severity
from zhcheck.lazyre import lazy
from zhcheck.report import ReportOptions
from zhcheck.report.fold import Fold, folds, is_folded, rule_titles
from zhcheck.textutil import display_width

_SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_CONTEXT = 24  # code points shown before a span
_MAX_SPAN = 40  # code points of a span shown before eliding
#: invisible characters an excerpt spells out (so the caret has something to point at)
_INVISIBLE = lazy("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def render(result: RunResult, options: ReportOptions) -> str:
    out: list[str] = []
    titles = rule_titles() if options.typography != "full" else {}
    for fr in result.files:
        for f in fr.findings:
            if not is_folded(f, options.typography):
                out.extend(_finding_lines(f, fr, options))
        for fold in folds(fr, options.typography):
            out.append(_fold_line(fold, fr, titles, options))
    if not options.quiet:
        out.append(_summary(result, options))
    return "\n".join(out) + ("\n" if out else "")


def _style(text: str, options: ReportOptions, **kw: object) -> str:
    return click.style(text, **kw) if options.color else text  # type: ignore[arg-type]


def _head(f: Finding, code: str, message: str, options: ReportOptions) -> str:
    return (
        f"{_style(f.path, options, bold=True)}:{f.line}:{f.column}: "
        f"{_style(code, options, fg=_SEVERITY_COLOR[f.severity], bold=True)} "
        f"[{f.category.value}] {message}"
    )


def _finding_lines(f: Finding, fr: FileResult, options: ReportOptions) -> list[str]:
    lines = [_head(f, f.rule, f.message, options)]
    if options.quiet:
        return lines
    if options.show_source and fr.document is not None:
        lines.extend(_excerpt(f, fr, options))
    if f.suggestion is not None:
        shown = f.suggestion if len(f.suggestion) <= 80 else f.suggestion[:78] + "…"
        lines.append(f"     = {_style('suggestion', options, fg='green')}: {shown if shown else '(delete)'}")
    if f.related:
        r = f.related[0]
        where = f"{r.path}:" if r.path else ""
        more = f" (+{len(f.related) - 1} more)" if len(f.related) > 1 else ""
        lines.append(f"     = see {where}{r.line}:{r.column}{more}")
    return lines


def _fold_line(fold: Fold, fr: FileResult, titles: dict[str, str], options: ReportOptions) -> str:
    per_paragraph = options.typography == "paragraph"
    return _head(fold.first, fold.codes, fold.message(titles, per_paragraph), options)


def _shown(text: str) -> str:
    """`text` as an excerpt shows it: tabs as spaces, invisible characters spelled out."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text.replace("\t", " "))


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
    prefix = ("…" if left > 0 else "") + _shown(line_text[left:col0])
    marked = _shown(line_text[col0:span_end])
    # a long span shows its beginning only
    tail = _shown(line_text[span_end:right]) + ("…" if right < len(line_text) else "")
    suffix = "…" if span_end < col1 else tail
    gutter = f"{f.line:>5} | "
    shown = prefix + _style(marked, options, fg=_SEVERITY_COLOR[f.severity], underline=True) + suffix
    caret = " " * display_width(prefix) + "^" * max(1, display_width(marked))
    return [
        gutter + shown,
        " " * (len(gutter) - 2) + "| " + _style(caret, options, fg=_SEVERITY_COLOR[f.severity]),
    ]


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' if n != 1 else ''}"


def _summary(result: RunResult, options: ReportOptions) -> str:
    findings = result.findings
    n_files = len(result.files) - len(result.errors)  # files actually checked
    editor = [f for f in findings if f.category is not Category.TYPOGRAPHY]
    typo = [f for f in findings if f.category is Category.TYPOGRAPHY]
    files = _plural(n_files, "file")
    if not findings:
        msg = f"No findings in {files}."
    elif not editor:
        msg = f"No findings that need an editor in {files}."
    else:
        sev = Counter(f.severity for f in editor)
        parts = [f"{sev[s]} {s.value}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if sev[s]]
        verb = "needs" if len(editor) == 1 else "need"
        msg = f"Found {_plural(len(editor), 'finding')} that {verb} an editor in {files} ({', '.join(parts)}):"
        msg += _by_category(editor)
    if typo:
        fixable = sum(1 for f in typo if f.fix is not None and f.fix.is_safe and f.fix.edits)
        msg += f"\nTypography: {_plural(len(typo), 'finding')}"
        msg += f" ({_by_rule(typo)}); {fixable:,} fixed by `zhcheck fix`"
        if options.typography != "full":
            msg += f"; folded into one line per {options.typography} (--typography full lists each)"
        msg += "."
    if result.errors:
        msg += f"\n{_plural(len(result.errors), 'file')} could not be checked."
    return _style(msg, options, bold=True) if options.color else msg


def _by_rule(findings: list[Finding]) -> str:
    return ", ".join(f"{code} {n:,}" for code, n in sorted(Counter(f.rule for f in findings).items()))


def _by_category(findings: list[Finding]) -> str:
    """One line per category, those with the most serious findings first."""
    cats: dict[str, list[Finding]] = {}
    for f in findings:
        cats.setdefault(f.category.value, []).append(f)
    width = max(len(c) for c in cats)

    def weight(item: tuple[str, list[Finding]]) -> tuple:
        sev = Counter(f.severity for f in item[1])
        return (-sev[Severity.ERROR], -sev[Severity.WARNING], -len(item[1]), item[0])

    out = ""
    for cat, group in sorted(cats.items(), key=weight):
        errors = sum(1 for f in group if f.severity is Severity.ERROR)
        tag = f"({errors} error)" if errors else ""
        out += f"\n  {cat:<{width}}  {len(group):>5} {tag:<11}  {_by_rule(group)}"
    return out
