"""GitHub Actions workflow commands: one annotation per finding.

    ::warning file=a.txt,line=3,col=5,endLine=3,endColumn=6,title=T101::半角逗号…

error -> `::error`, warning -> `::warning`, info -> `::notice`. Values are
escaped as the Actions toolkit does (`%`, CR, LF; in properties also `:` and `,`).
Typography findings are folded into one annotation per file (or paragraph) as in
the text report (`--typography`), so they do not use up the few annotations GitHub shows.
"""

from __future__ import annotations

from zhcheck.engine import RunResult
from zhcheck.finding import Finding, Severity
from zhcheck.report import ReportOptions
from zhcheck.report.fold import Fold, folds, is_folded, rule_titles
from zhcheck.report.sarif import message_text

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """The workflow command for one finding."""
    props = {
        "file": f.path,
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f.rule,
    }
    text = message_text(f)
    if f.related:
        r = f.related[0]
        text += f"（见 {r.path + ':' if r.path else ''}{r.line}:{r.column}）"
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{_COMMAND[f.severity]} {head}::{escape_data(f'{f.name}: {text}')}"


def fold_annotation(fold: Fold, titles: dict[str, str], per_paragraph: bool) -> str:
    """The workflow command for a fold of typography findings (positioned at its first)."""
    f = fold.first
    props = {"file": f.path, "line": f.line, "col": f.column, "title": fold.codes}
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{_COMMAND[fold.severity]} {head}::{escape_data(fold.message(titles, per_paragraph))}"


def render(result: RunResult, options: ReportOptions) -> str:
    titles = rule_titles() if options.typography != "full" else {}
    lines = []
    for fr in result.files:
        lines += [annotation(f) for f in fr.findings if not is_folded(f, options.typography)]
        lines += [
            fold_annotation(fold, titles, options.typography == "paragraph") for fold in folds(fr, options.typography)
        ]
    for fr in result.errors:
        lines.append(
            f"::{'error' if fr.explicit else 'warning'} file={escape_property(fr.path)}::{escape_data(fr.error or '')}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
