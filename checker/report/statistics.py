"""`zhcheck check --statistics`: how many findings each rule reported, most frequent first.

Text: one line per rule (count, code, `[*]` when some of its findings carry a safe fix, name)
and a total; JSON (`--format json`): an array of {code, name, count, fixable}, where
`fixable` counts the findings `zhcheck fix` would repair without `--unsafe`.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from zhcheck.engine import RunResult

#: the report formats --statistics can take the place of
FORMATS = ("text", "json")


def rows(result: RunResult) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    names: dict[str, str] = {}
    for f in result.findings:
        counts[f.rule] += 1
        fixable[f.rule] += f.fix is not None and f.fix.is_safe
        names[f.rule] = f.name
    order = sorted(counts, key=lambda code: (-counts[code], code))
    return [{"code": c, "name": names[c], "count": counts[c], "fixable": fixable[c]} for c in order]


def render(result: RunResult, fmt: str) -> str:
    table = rows(result)
    if fmt == "json":
        return json.dumps(table, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(r["count"])) for r in table), default=1)
    lines = [f"{r['count']:>{width}}  {r['code']}  {'[*]' if r['fixable'] else '   '} {r['name']}" for r in table]
    total = sum(r["count"] for r in table)
    fixable = sum(r["fixable"] for r in table)
    lines.append(f"Found {total} finding{'s' if total != 1 else ''} ({fixable} fixable with `zhcheck fix`).")
    return "\n".join(lines) + "\n"
