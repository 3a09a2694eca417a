"""An editor's decisions from the HTML report: which findings were accepted, which rejected.

The report exports them as a JSON file (`"kind": "decisions"`)::

    {"version": 1, "tool": "zhcheck", "kind": "decisions", "report": "…",
     "base": "/where/zhcheck/check/ran",
     "files": [{"path": "articles/a.txt", "sha1": "…"}],
     "decisions": [{"path": "articles/a.txt", "rule": "T101", "fingerprint": "…",
                    "decision": "accept", "start": 12, "end": 13, "text": ",",
                    "edits": [[12, 13, "，"]]}]}

Paths are those of the report, relative to `base` (the directory `zhcheck check` ran
in); `sha1` is the hash of the text that was reviewed; `edits` are the accepted
finding's fix in code-point offsets of that text.

`zhcheck check --baseline FILE` silences the rejected findings (false alarms);
`zhcheck fix --decisions FILE` applies exactly the accepted fixes: the recorded edits
when the file is still the text that was reviewed (the same text the report offers
for download), else the fixes of the findings that still carry the accepted
fingerprints.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhcheck.app.records import read_json, relative_path
from zhcheck.errors import ZhcheckError
from zhcheck.finding import Edit

KIND = "decisions"
VERSION = 1
CHOICES = ("accept", "reject")


def text_hash(text: str) -> str:
    """The hash a decisions file records for a reviewed text (SHA-1 of its UTF-8)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Decision:
    """One finding the editor accepted or rejected."""

    path: str  # relative to Decisions.base, with "/"
    rule: str
    fingerprint: str
    decision: str  # "accept" | "reject"
    start: int = 0
    end: int = 0
    text: str = ""
    edits: tuple[Edit, ...] = ()


@dataclass
class Decisions:
    """A decisions file, read."""

    #: the directory the paths are relative to (the recorded one when it exists here, else the cwd)
    base: Path
    report: str = ""
    #: path -> hash of the reviewed text
    texts: dict[str, str] = field(default_factory=dict)
    entries: list[Decision] = field(default_factory=list)

    def accepted(self, path: str) -> list[Decision]:
        return [d for d in self.entries if d.path == path and d.decision == "accept"]

    def paths(self) -> list[str]:
        """The files with accepted decisions, in order."""
        return list(dict.fromkeys(d.path for d in self.entries if d.decision == "accept"))


def _bad(option: str, path: Any, why: str) -> ZhcheckError:
    return ZhcheckError(f"{option}: {path}: not a zhcheck decisions file ({why})")


def _clean(path: str, base: str) -> str:
    """A recorded path relative to `base`, normalised (`a/../b.txt` -> `b.txt`)."""
    if path.startswith("<"):
        return path
    return relative_path(os.path.join(base, path), Path(base))


def _edits(raw: Any) -> tuple[Edit, ...]:
    if not isinstance(raw, list):
        raise ValueError("edits")
    out = []
    for e in raw:
        if not (isinstance(e, list) and len(e) == 3 and isinstance(e[2], str)):
            raise ValueError("edits")
        s, t = e[0], e[1]
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s <= t):
            raise ValueError("edits")
        out.append(Edit(s, t, e[2]))
    return tuple(out)


def _decision(row: Any, base: str) -> Decision:
    if not isinstance(row, dict):
        raise ValueError("decision")
    path, rule, fp, choice = row.get("path"), row.get("rule"), row.get("fingerprint"), row.get("decision")
    if not (isinstance(path, str) and isinstance(rule, str) and isinstance(fp, str) and choice in CHOICES):
        raise ValueError("decision")
    start, end = row.get("start", 0), row.get("end", 0)
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValueError("decision")
    text = row.get("text", "")
    return Decision(
        _clean(path, base),
        rule,
        fp,
        choice,
        start,
        end,
        text if isinstance(text, str) else "",
        _edits(row.get("edits", [])),
    )


def parse_decisions(data: Any, source: str | os.PathLike[str], option: str) -> Decisions:
    """Validate a decisions file's JSON content."""
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise _bad(option, source, 'no "kind": "decisions"')
    if data.get("version") != VERSION:
        raise ZhcheckError(
            f"{option}: {source}: decisions format version {data.get('version')!r}, this zhcheck reads version "
            f"{VERSION} (export the decisions again from a report of this zhcheck)"
        )
    base = data.get("base")
    if not isinstance(base, str) or not os.path.isabs(base):
        raise _bad(option, source, 'no absolute "base" directory')
    rows, files = data.get("decisions"), data.get("files", [])
    if not isinstance(rows, list) or not isinstance(files, list):
        raise _bad(option, source, '"decisions" and "files" must be lists')
    try:
        entries = [_decision(row, base) for row in rows]
    except ValueError as exc:
        raise _bad(option, source, f"a malformed {exc}") from None
    texts = {
        _clean(f["path"], base): f["sha1"]
        for f in files
        if isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha1"), str)
    }
    here = Path(base) if os.path.isdir(base) else Path.cwd()
    report = data.get("report")
    return Decisions(here, report if isinstance(report, str) else "", texts, entries)


def load_decisions(path: str | os.PathLike[str], option: str = "--decisions") -> Decisions:
    return parse_decisions(read_json(path, option, "decisions file"), path, option)


# --- choosing fixes: one rule for `zhcheck fix`, `fix --decisions` and the report's script ---


def collide(a: Edit, b: Edit) -> bool:
    """Edits that overlap, or where an insertion touches the other edit (order would be ambiguous)."""
    if a.start < b.end and b.start < a.end:
        return True
    if a.start == a.end or b.start == b.end:
        return a.start in (b.start, b.end) or a.end in (b.start, b.end)
    return False


def coherent(edits: Sequence[Edit]) -> bool:
    """A fix's own edits are in range and do not collide (a rule bug must not corrupt the text)."""
    if any(e.start < 0 or e.end < e.start for e in edits):
        return False
    return not any(collide(a, b) for i, a in enumerate(edits) for b in edits[i + 1 :])


def choose_fixes(fixes: Iterable[tuple[str, int, int, Sequence[Edit]]]) -> list[int]:
    """Indexes of the fixes (rule, start, end, edits) that apply together.

    Taken in order of their first edit's position, then rule code, then span; a
    fix whose edits collide with one already taken is left out. The HTML report's
    script (`chooseFixes` in report.js) implements the same rule, so the text it
    offers for download is the text `zhcheck fix --decisions` writes.
    """
    items = [(i, f) for i, f in enumerate(fixes) if f[3] and coherent(f[3])]
    items.sort(key=lambda item: (min(e.start for e in item[1][3]), item[1][0], item[1][1], item[1][2]))
    taken: list[int] = []
    edits: list[Edit] = []
    for i, (_, _, _, fx) in items:
        if any(collide(a, b) for a in fx for b in edits):
            continue
        taken.append(i)
        edits.extend(fx)
    return taken
