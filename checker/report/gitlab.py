"""GitLab Code Quality report: a JSON array of issues, as GitLab's documentation lists the fields.

    zhcheck:
      script: zhcheck check --format gitlab -o gl-code-quality-report.json --fail-on never .
      artifacts:
        reports:
          codequality: gl-code-quality-report.json

Each finding is one issue: `description` (rule name, message and suggestion),
`check_name` (the rule code), `fingerprint` (unique in the report and stable when lines
move: the baseline fingerprint of rule, text and context, with the path and the
occurrence number), `severity` (error -> major, warning -> minor, info -> info; GitLab's
scale is info, minor, major, critical, blocker) and `location` (`path` relative and
`/`-separated as GitLab expects, `lines.begin`/`lines.end`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from typing import Any

from zhcheck.app.baseline import fingerprint
from zhcheck.engine import RunResult
from zhcheck.finding import Severity
from zhcheck.report import ReportOptions
from zhcheck.report.sarif import message_text

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _path(path: str) -> str:
    """The path as GitLab matches it against the repository: relative (to the working
    directory, where CI runs), `/`-separated, without a leading `./`."""
    if os.path.isabs(path):
        with contextlib.suppress(ValueError):
            rel = os.path.relpath(path)
            path = path if rel.startswith("..") else rel
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def to_list(result: RunResult) -> list[dict[str, Any]]:
    issues = []
    for fr in result.files:
        text = fr.document.text if fr.document is not None else None
        seen: Counter[str] = Counter()
        path = _path(fr.path)
        for f in fr.findings:
            base = fingerprint(f, text)
            seen[base] += 1
            key = f"{path}\0{base}\0{seen[base]}"
            issues.append(
                {
                    "description": f"{f.name}: {message_text(f)}",
                    "check_name": f.rule,
                    "fingerprint": _digest(key),
                    "severity": _SEVERITY.get(f.severity, "info"),
                    "location": {"path": path, "lines": {"begin": max(1, f.line), "end": max(1, f.line, f.end_line)}},
                }
            )
        if fr.error:
            issues.append(
                {
                    "description": fr.error,
                    "check_name": "zhcheck-input",
                    "fingerprint": _digest(f"{path}\0error"),
                    "severity": "major" if fr.explicit else "minor",
                    "location": {"path": path, "lines": {"begin": 1}},
                }
            )
    return issues


def render(result: RunResult, options: ReportOptions) -> str:
    return json.dumps(to_list(result), ensure_ascii=False, indent=2) + "\n"
