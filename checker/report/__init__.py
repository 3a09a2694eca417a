"""Reporters: one module per output format, each with `render(result, options) -> str`.

A new format is one module here plus one line in `FORMATS`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from zhcheck.engine import RunResult

#: format name -> module implementing it
FORMATS: dict[str, str] = {
    "text": "zhcheck.report.text",
    "json": "zhcheck.report.json_report",
    "sarif": "zhcheck.report.sarif",
    "github": "zhcheck.report.github",
    "html": "zhcheck.report.html",
    "rdjson": "zhcheck.report.rdjson",
    "gitlab": "zhcheck.report.gitlab",
}


@dataclass(frozen=True)
class ReportOptions:
    """Presentation settings shared by all reporters."""

    color: bool = False
    quiet: bool = False
    show_source: bool = True
    #: typography findings in the text and GitHub reports: one line per "file", per "paragraph", or "full"
    typography: str = "file"


def render(result: RunResult, fmt: str, options: ReportOptions | None = None) -> str:
    """Render a run in format `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(FORMATS[fmt])
    return module.render(result, options or ReportOptions())
