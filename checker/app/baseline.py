"""Baselines: record today's findings so a run reports only new ones.

A finding's fingerprint is its rule, the flagged text and a few characters of
context on the same line, hashed: not its line or offset, so the baseline still
matches after paragraphs are added, removed or moved elsewhere in the file. A
fingerprint that occurs several times in a file is recorded as many times;
each recorded occurrence absorbs one finding.

File format (JSON, sorted, one finding per entry so diffs review well)::

    {"version": 1, "tool": "zhcheck",
     "findings": [{"path": "articles/a.txt", "rule": "T101",
                   "fingerprint": "3f…", "text": ",对于"}]}

Paths are stored relative to the baseline file's directory, with `/`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from zhcheck.engine import RunResult
from zhcheck.errors import InputError, ZhcheckError
from zhcheck.finding import Finding

VERSION = 1
#: the largest baseline file read
MAX_BYTES = 1 << 30
#: characters of context on each side that go into a fingerprint
CONTEXT = 8
_SHOWN = 60


def fingerprint(finding: Finding, text: str | None) -> str:
    """A stable identity for `finding` in a document whose text is `text`."""
    before = after = ""
    if text is not None:
        before = text[max(0, finding.start - CONTEXT) : finding.start]
        after = text[finding.end : finding.end + CONTEXT]
        before = before.rsplit("\n", 1)[-1].replace("\r", "")
        after = after.split("\n", 1)[0].replace("\r", "")
    flagged = finding.text.replace("\r\n", "\n")
    key = "\0".join((finding.rule, before, flagged, after))
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def _texts(result: RunResult) -> dict[str, str]:
    return {fr.path: fr.document.source_text for fr in result.files if fr.document is not None}


def _rel(path: str, base: Path) -> str:
    if path.startswith("<"):
        return path  # <stdin>, <text>
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def _entries(result: RunResult, base: Path) -> Iterable[tuple[str, str, str, Finding]]:
    texts = _texts(result)
    for f in result.findings:
        yield _rel(f.path, base), f.rule, fingerprint(f, texts.get(f.path)), f


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


def load_baseline(path: str | os.PathLike[str]) -> Counter[tuple[str, str]]:
    """(path, fingerprint) -> recorded occurrences."""
    from zhcheck.files import read_regular

    try:
        raw, _ = read_regular(os.fspath(path), MAX_BYTES)
    except InputError as exc:
        if str(exc) == "no such file":
            raise ZhcheckError(f"--baseline: {path}: no such file (create it with --write-baseline)") from None
        raise ZhcheckError(f"--baseline: cannot read {path} ({exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ZhcheckError(f"--baseline: {path}: not a zhcheck baseline (nested too deeply)") from None
    except UnicodeDecodeError:
        raise ZhcheckError(f"--baseline: {path}: not a zhcheck baseline (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise ZhcheckError(
            f"--baseline: {path}: not a zhcheck baseline (invalid JSON at line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ZhcheckError(f"--baseline: {path}: not a zhcheck baseline (write one with --write-baseline)")
    if data.get("version") != VERSION:
        raise ZhcheckError(
            f"--baseline: {path}: baseline format version {data.get('version')!r}, this zhcheck reads version {VERSION}"
            " (rewrite it with --write-baseline)"
        )
    counts: Counter[tuple[str, str]] = Counter()
    for row in data["findings"]:
        if isinstance(row, dict) and isinstance(row.get("path"), str) and isinstance(row.get("fingerprint"), str):
            counts[(row["path"], row["fingerprint"])] += 1
    return counts


def apply_baseline(result: RunResult, path: str | os.PathLike[str]) -> int:
    """Drop the findings recorded in the baseline from `result`; return how many were dropped."""
    known = load_baseline(path)
    base = Path(path).resolve().parent
    texts = _texts(result)
    dropped = 0
    for fr in result.files:
        kept = []
        for f in fr.findings:
            key = (_rel(f.path, base), fingerprint(f, texts.get(f.path)))
            if known[key] > 0:
                known[key] -= 1
                dropped += 1
            else:
                kept.append(f)
        fr.findings = kept
    return dropped
