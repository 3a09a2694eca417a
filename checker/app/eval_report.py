"""Text rendering of an Evaluation (`zhcheck eval --format text`)."""

from __future__ import annotations

from zhcheck.app.evaluation import Evaluation, FileEval, Score, per_10k
from zhcheck.finding import Category, Finding

_SNIPPET = 40  # code points of a span shown in listings


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _snippet(text: str) -> str:
    text = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """Columns padded to width; the first `left` columns left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        cells = [c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    return [fmt(header), *(fmt(r) for r in rows)]


def _score_cells(s: Score) -> list[str]:
    return [
        str(s.gold),
        str(s.found),
        _pct(s.recall),
        str(s.findings),
        str(s.tp),
        str(s.false),
        str(s.neutral),
        _pct(s.precision),
        _pct(s.f1),
    ]


def _pages_section(ev: Evaluation) -> list[str]:
    """Scraped pages: furniture and body lines inside reported page-furniture blocks."""
    rows = []
    for half, s in ev.page_scores().items():
        per_block = "—" if s.findings_per_block is None else f"{s.findings_per_block:.2f}"
        rows.append(
            [
                half,
                str(s.pages),
                f"{s.furniture_covered}/{s.furniture_lines}",
                _pct(s.furniture_rate),
                f"{s.body_covered}/{s.body_lines}",
                _pct(s.body_rate),
                str(s.blocks),
                str(s.findings),
                per_block,
                str(s.split_blocks),
            ]
        )
    header = ["pages", "n", "furniture in blocks", "", "body in blocks", "", "gold blocks", "findings", "per block"]
    return [
        "Scraped pages (page-furniture lines inside reported blocks; check half = odd sha1 of the file name):",
        *("  " + line for line in _table([*header, "split blocks"], rows)),
    ]


def render_text(ev: Evaluation, show_misses: bool = False, show_false: bool = False) -> str:
    """The evaluation tables, optionally followed by the missed gold defects and false findings."""
    out: list[str] = []
    clean_chars = ev.clean.chars
    n_gold = sum(not r.is_neutral for fe in ev.files for r in fe.gold)
    n_neutral = sum(r.is_neutral for fe in ev.files for r in fe.gold)
    out.append(
        f"Gold: {len(ev.files)} article{'s' if len(ev.files) != 1 else ''}, {ev.chars:,} chars, "
        f"{n_gold} defects ({n_neutral} neutral records). "
        f"Clean: {len(ev.clean.files)} file{'s' if len(ev.clean.files) != 1 else ''}, {clean_chars:,} chars."
    )
    if ev.without_gold:
        out.append(f"Not scored (no gold file): {', '.join(ev.without_gold)}")
    out.append("")

    # per category --------------------------------------------------------------------
    cats = ev.by_category()
    clean_cats = ev.clean.by_category()
    total = sum(cats.values(), Score())
    rows = []
    for c, s in cats.items():
        rows.append([c, *_score_cells(s), str(clean_cats[c]), f"{per_10k(clean_cats[c], clean_chars):.2f}"])
    n_clean = sum(clean_cats.values())
    rows.append(["all", *_score_cells(total), str(n_clean), f"{per_10k(n_clean, clean_chars):.2f}"])
    header = ["category", "gold", "found", "recall", "findings", "TP", "false", "neutral", "precision", "F1"]
    out.extend(_table([*header, "clean", "clean/10k"], rows))
    out.append("")

    # per gold type -------------------------------------------------------------------
    out.append("Recall by gold type:")
    rows = [[c, t, str(s.gold), str(s.found), _pct(s.recall)] for (c, t), s in ev.by_type().items()]
    out.extend("  " + line for line in _table(["category", "type", "gold", "found", "recall"], rows, left=2))
    out.append("")

    # per rule ------------------------------------------------------------------------
    rules = ev.by_rule()
    clean_rules = ev.clean.by_rule()
    if rules or clean_rules:
        out.append("Precision by rule (on the gold articles) and false alarms on clean files:")
        rows = []
        for code in sorted(set(rules) | set(clean_rules)):
            s = rules.get(code, Score())
            n = clean_rules.get(code, 0)
            rows.append(
                [
                    code,
                    ev.rule_names.get(code, ""),
                    str(s.findings),
                    str(s.tp),
                    str(s.false),
                    str(s.neutral),
                    _pct(s.precision),
                    str(n),
                    f"{per_10k(n, clean_chars):.2f}",
                ]
            )
        header = ["rule", "name", "findings", "TP", "false", "neutral", "precision", "clean", "clean/10k"]
        out.extend("  " + line for line in _table(header, rows, left=2))
        out.append("")

    # per clean source and half ------------------------------------------------------------
    sources = ev.clean.by_source_half()
    if sources:
        out.append(
            "False alarms per clean source and half (outside typography, every severity; "
            "tune on tuning halves, report check halves):"
        )
        rows = [
            [
                r.source,
                r.half,
                str(r.files),
                f"{r.chars:,}",
                str(r.non_typography),
                f"{per_10k(r.non_typography, r.chars):.2f}",
                str(r.findings),
                ", ".join(f"{code} {n}" for code, n in r.by_rule.most_common()),
            ]
            for r in sources
        ]
        header = ["source", "half", "files", "chars", "non-typo", "non-typo/10k", "all", "rules"]
        out.extend("  " + line for line in _table(header, rows, left=2))
        out.append("")

    # per article ---------------------------------------------------------------------
    out.append("Per article (outside typography: the findings a clean article must not have):")
    rows = []
    for fe in ev.files:
        s = fe.outside_typography()
        rows.append(
            [
                fe.path,
                f"{fe.chars:,}",
                str(s.gold),
                str(s.found),
                str(s.findings),
                str(s.tp),
                str(s.false),
                str(s.neutral),
                f"{per_10k(s.false, fe.chars):.2f}",
            ]
        )
    header = ["article", "chars", "gold", "found", "findings", "TP", "false", "neutral", "false/10k"]
    out.extend("  " + line for line in _table(header, rows))
    for fe in ev.files:
        if fe.is_control:
            out.append("")
            out.extend(_control_section(fe))
    out.append("")
    if ev.pages:
        out.extend(_pages_section(ev))
        out.append("")

    if show_misses:
        misses = ev.misses()
        out.append(f"Missed gold defects ({len(misses)}):")
        for fe, rec in misses:
            line, col = fe.position(rec.start)
            note = f" — {rec.note}" if rec.note else ""
            out.append(f"  {fe.path}:{line}:{col}: [{rec.category}/{rec.type}] «{_snippet(rec.text)}»{note}")
        out.append("")
    if show_false:
        false = ev.false_findings()
        out.append(f"False findings on gold articles ({len(false)}):")
        out.extend("  " + _finding_line(f) for _, f in false)
        out.append("")
        clean = ev.clean.findings
        out.append(f"Findings on clean files ({len(clean)}), all false alarms:")
        out.extend("  " + _finding_line(f) for f in clean)
        out.append("")
    return "\n".join(out)


def _finding_line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.category.value}] «{_snippet(f.text)}» — {f.message}"


def _control_section(fe: FileEval) -> list[str]:
    found = [(f, v) for f, v in zip(fe.findings, fe.verdicts, strict=True) if f.category is not Category.TYPOGRAPHY]
    lines = [
        f"Control article {fe.path} (clean apart from typography): "
        f"{len(found)} finding{'s' if len(found) != 1 else ''} outside typography"
    ]
    lines.extend(f"  {v:<7} {_finding_line(f)}" for f, v in found)
    return lines
