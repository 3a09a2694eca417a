"""Baselines: record today's findings so a run reports only new ones.

A finding's fingerprint is its rule, the flagged text and a few characters of
context on the same line, hashed: not its line or offset, so the baseline still
matches after paragraphs are added, removed or moved elsewhere in the file. A
fingerprint that occurs several times in a file is recorded as many times;
each recorded occurrence absorbs one finding.

File format (JSON, sorted, one finding per entry so diffs review well)::

    {"version": 2, "tool": "zhcheck",
     "findings": [{"path": "articles/a.txt", "rule": "T101",
                   "fingerprint": "3f…", "text": ","}]}

Paths are stored relative to the baseline file's directory, with `/`.

Format 1 differs only in the rules declared with `baseline_v1_span="paragraph"`
(T101): it recorded their findings one per paragraph, from the first to the
last. Such an entry still matches: it absorbs every finding of that rule in a
paragraph whose first-to-last span has the recorded fingerprint.

A decisions file written by the HTML report (`zhcheck.app.decisions`) also
works as a baseline: its rejected findings (false alarms) stay silent.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zhcheck.app.records import read_json, relative_path
from zhcheck.engine import FileResult, RunResult
from zhcheck.errors import ZhcheckError
from zhcheck.finding import Finding

VERSION = 2
#: the baseline formats this zhcheck reads
READS = (1, 2)
#: characters of context on each side that go into a fingerprint
CONTEXT = 8
_SHOWN = 60


def span_fingerprint(rule: str, text: str | None, start: int, end: int, flagged: str) -> str:
    """The fingerprint of `flagged` = text[start:end] reported by `rule`."""
    before = after = ""
    if text is not None:
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        before = before.rsplit("\n", 1)[-1].replace("\r", "")
        after = after.split("\n", 1)[0].replace("\r", "")
    key = "\0".join((rule, before, flagged.replace("\r\n", "\n"), after))
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def fingerprint(finding: Finding, text: str | None) -> str:
    """A stable identity for `finding` in a document whose text is `text`."""
    return span_fingerprint(finding.rule, text, finding.start, finding.end, finding.text)


def _texts(result: RunResult) -> dict[str, str]:
    return {fr.path: fr.document.source_text for fr in result.files if fr.document is not None}


def _entries(result: RunResult, base: Path) -> Iterable[tuple[str, str, str, Finding]]:
    texts = _texts(result)
    for f in result.findings:
        yield relative_path(f.path, base), f.rule, fingerprint(f, texts.get(f.path)), f


def write_baseline(result: RunResult, path: str | os.PathLike[str]) -> int:
    """Record every finding of `result` in the baseline file; return how many."""
    target = Path(path)
    base = target.resolve().parent
    rows = sorted(
        (
            {"path": p, "rule": rule, "fingerprint": fp, "text": f.text[:_SHOWN]}
            for p, rule, fp, f in _entries(result, base)
        ),
        key=lambda r: (r["path"], r["rule"], r["fingerprint"]),
    )
    data = {"version": VERSION, "tool": "zhcheck", "findings": rows}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    from zhcheck.files import write_output

    try:
        write_output(str(target), text.encode("utf-8"))
    except OSError as exc:
        raise ZhcheckError(f"--write-baseline: cannot write {path} ({exc.strerror})") from None
    return len(rows)


@dataclass
class Known:
    """What a baseline (or a decisions file) records as known."""

    #: (path relative to `base`, fingerprint) -> recorded occurrences
    counts: Counter[tuple[str, str]]
    #: the directory the recorded paths are relative to
    base: Path
    version: int = VERSION
    #: "baseline", or "decisions" (the rejected findings of an HTML review)
    kind: str = "baseline"


def load_baseline(path: str | os.PathLike[str]) -> Known:
    """Read a baseline (formats 1 and 2) or a decisions file (its rejected findings)."""
    if not os.path.exists(path):
        raise ZhcheckError(f"--baseline: {path}: no such file (create it with --write-baseline)")
    data = read_json(path, "--baseline", "baseline")
    if isinstance(data, dict) and data.get("kind") == "decisions":
        from zhcheck.app.decisions import parse_decisions

        decisions = parse_decisions(data, path, "--baseline")
        counts = Counter((d.path, d.fingerprint) for d in decisions.entries if d.decision == "reject")
        return Known(counts, decisions.base, kind="decisions")
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ZhcheckError(f"--baseline: {path}: not a zhcheck baseline (write one with --write-baseline)")
    if data.get("version") not in READS:
        raise ZhcheckError(
            f"--baseline: {path}: baseline format version {data.get('version')!r}, this zhcheck reads versions "
            f"{', '.join(map(str, READS))} (rewrite it with --write-baseline)"
        )
    counts: Counter[tuple[str, str]] = Counter()
    for row in data["findings"]:
        if isinstance(row, dict) and isinstance(row.get("path"), str) and isinstance(row.get("fingerprint"), str):
            counts[(row["path"], row["fingerprint"])] += 1
    return Known(counts, Path(path).resolve().parent, version=data["version"])


@dataclass
class Applied:
    """What applying a baseline did."""

    dropped: int = 0
    #: findings absorbed by format-1 entries of paragraph-wide rules
    legacy: int = 0
    version: int = VERSION
    kind: str = "baseline"
    #: the rules whose format-1 entries are paragraph-wide
    legacy_rules: tuple[str, ...] = ()


def apply_baseline(result: RunResult, path: str | os.PathLike[str]) -> Applied:
    """Drop the findings recorded in the baseline from `result`."""
    known = load_baseline(path)
    legacy_rules = _legacy_paragraph_rules() if known.version == 1 else set()
    out = Applied(version=known.version, kind=known.kind, legacy_rules=tuple(sorted(legacy_rules)))
    for fr in result.files:
        counts = known.counts
        text = fr.document.source_text if fr.document is not None else None
        rel = relative_path(fr.path, known.base)
        kept = []
        for f in fr.findings:
            key = (rel, fingerprint(f, text))
            if counts[key] > 0:
                counts[key] -= 1
                out.dropped += 1
            else:
                kept.append(f)
        if legacy_rules and fr.document is not None:
            before = len(kept)
            kept = _drop_legacy_groups(fr, kept, rel, counts, legacy_rules)
            out.legacy += before - len(kept)
            out.dropped += before - len(kept)
        fr.findings = kept
    return out


def _legacy_paragraph_rules() -> set[str]:
    from zhcheck.registry import load_rules

    return {code for code, r in load_rules().items() if r.baseline_v1_span == "paragraph"}


def _drop_legacy_groups(
    fr: FileResult, findings: list[Finding], rel: str, counts: Counter[tuple[str, str]], rules: set[str]
) -> list[Finding]:
    """`findings` minus the paragraph groups a format-1 entry records (one entry, one group).

    Format 1 predates documents other than plain text and Markdown, where a paragraph
    is a line: the findings of a line form its group."""
    doc = fr.document
    assert doc is not None
    text = doc.source_text
    groups: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.rule in rules:
            groups[(f.rule, f.line)].append(f)
    gone: set[int] = set()
    for (rule, _), group in groups.items():
        start, end = min(f.start for f in group), max(f.end for f in group)
        key = (rel, span_fingerprint(rule, text, start, end, text[start:end]))
        if counts[key] > 0:
            counts[key] -= 1
            gone.update(id(f) for f in group)
    return [f for f in findings if id(f) not in gone]
