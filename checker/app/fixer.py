"""Applying fixes: `zhcheck fix`.

The fix loop (as in ruff): check the text, take every applicable fix whose
edits do not collide with a fix already taken (in order of position, then rule
code, so the outcome is deterministic), apply them all, and check again; stop
when nothing applies or after `MAX_PASSES` passes. A fix skipped because of a
collision is reconsidered on the next pass, against the new text.

Files are rewritten atomically (temporary file in the same directory, then
rename), in their own encoding (with the byte-order mark they had) and with
their newline style untouched; a file whose bytes would not survive the round
trip is left alone.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from zhcheck.app.decisions import Decisions, choose_fixes, load_decisions, text_hash
from zhcheck.document import Document, decode_bytes
from zhcheck.engine import STDIN, Engine
from zhcheck.errors import InputError
from zhcheck.files import Snapshot
from zhcheck.finding import Edit, Finding
from zhcheck.formats import format_of, from_text
from zhcheck.formats.layout import edits_allowed

#: why `zhcheck fix` leaves HTML alone
HTML_REFUSED = "HTML is checked only: `zhcheck fix` does not rewrite web pages (fix the source they were made from)"

#: the largest file `fix --decisions` re-reads before replacing it (it was read within the limit)
MAX_REREAD = 1 << 30
#: upper bound of check-and-apply rounds per file
MAX_PASSES = 10

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class FixResult:
    """The outcome of fixing one file (or text)."""

    path: str
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    #: fixable findings left in the fixed text (unsafe ones without --unsafe, or unresolved)
    remaining: list[Finding] = field(default_factory=list)
    error: str | None = None
    written: bool = False
    #: where the fixed copy went when it is not the file itself (Word: NAME.zhcheck.docx)
    output: str | None = None

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """Unified diff from the original to the fixed text."""
        from zhcheck.files import printable

        path = printable(self.path)
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path}",
            )
        )


# --- choosing and applying edits -------------------------------------------------------


def select_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings whose fixes can be applied together, chosen deterministically.

    Candidates are taken in order of their first edit's position, then rule
    code; a fix colliding with one already taken is skipped (for the next pass).
    """
    candidates = [f for f in findings if f.fix and f.fix.edits and (f.fix.is_safe or unsafe)]
    chosen = choose_fixes((f.rule, f.start, f.end, f.fix.edits) for f in candidates)  # type: ignore[union-attr]
    return [candidates[i] for i in chosen]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with non-overlapping edits applied (offsets refer to `text`)."""
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if not pos <= e.start <= e.end <= len(text):
            raise ValueError(f"edit {e.start}:{e.end} out of order or out of range")
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_text(
    text: str,
    engine: Engine,
    path: str = "<text>",
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
    fmt: str | None = None,
    document: Document | None = None,
) -> FixResult:
    """Apply fixes to `text` until nothing more applies (or `max_passes` rounds).

    `fmt` (default: by the suffix of `path`) is the text's format: in Markdown no fix
    may change markup (see `_apply`); Word text keeps its paragraphs (see
    `_keeps_paragraphs`). `document` is `text` already read (a Word document's).
    """
    fmt = fmt or format_of(path)
    result = FixResult(path, text, text)
    if fmt == "html":
        result.error = HTML_REFUSED
        return result
    current = text
    doc = document if document is not None else _document(current, path, fmt)
    original = doc
    findings: list[Finding] = []
    for _ in range(max_passes):
        findings = engine.check_document(doc).findings
        findings = [f for f in findings if not f.fix or all(e.end <= len(current) for e in f.fix.edits)]
        candidates = [f for f in findings if _applicable(f, doc, fmt)]
        chosen = select_fixes(candidates, unsafe)
        if not chosen:
            break
        current, doc, chosen = _apply(doc, chosen, path, fmt, original)
        if not chosen:
            break
        result.applied.extend(chosen)
    else:
        findings = engine.check_document(doc).findings
    result.fixed = current
    result.remaining = [f for f in findings if f.fix and f.fix.edits]
    return result


def _document(text: str, path: str, fmt: str, original: Document | None = None) -> Document:
    if fmt == "docx" and original is not None and original.format == "docx":
        from zhcheck.formats import docx

        return docx.from_text(text, path, original)
    return from_text(text, path, "text" if fmt == "docx" else fmt)


def _applicable(f: Finding, doc: Document, fmt: str) -> bool:
    """A fix that may be applied to this document at all."""
    if not f.fix or not f.fix.edits:
        return False
    edits = [(e.start, e.end, e.replacement) for e in f.fix.edits]
    if not edits_allowed(doc.text, doc.markup, edits):
        return False
    return fmt != "docx" or _keeps_paragraphs(doc.text, edits)


def _keeps_paragraphs(text: str, edits: list[tuple[int, int, str]]) -> bool:
    """Word: an edit stays inside one paragraph, or deletes whole paragraphs (tracked
    changes then delete them); joining or moving paragraphs is left to the editor."""
    for start, end, replacement in edits:
        if "\n" not in text[start:end] and "\n" not in replacement:
            continue
        whole = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
        whole = whole or ((start == len(text) or text[start] == "\n") and (end == len(text) or text[end] == "\n"))
        if replacement or not whole:
            return False
    return True


def _apply(
    doc: Document, chosen: list[Finding], path: str, fmt: str, original: Document
) -> tuple[str, Document, list[Finding]]:
    """Apply the chosen fixes; in a document with markup, check that every markup region
    the fixes do not delete or move is still there, unchanged, and that no new markup
    appeared (a deleted space can end an emphasis, a new bracket start a link): if not,
    apply the fixes one at a time and keep those that pass."""
    new = apply_edits(doc.text, [e for f in chosen for e in f.fix.edits])
    new_doc = _document(new, path, fmt, original)
    if not doc.markup or _markup_intact(doc, new_doc, chosen):
        return new, new_doc, chosen
    kept: list[Finding] = []
    for f in chosen:
        trial = apply_edits(doc.text, [e for g in (*kept, f) for e in g.fix.edits])
        trial_doc = _document(trial, path, fmt, original)
        if _markup_intact(doc, trial_doc, [*kept, f]):
            kept.append(f)
            new, new_doc = trial, trial_doc
    if not kept:
        return doc.text, doc, []
    return new, new_doc, kept


def _markup_intact(before: Document, after: Document, fixes: list[Finding]) -> bool:
    from collections import Counter

    edits = [(e.start, e.end) for f in fixes for e in f.fix.edits]
    old = Counter(before.text[a:b] for a, b in before.markup)
    new = Counter(after.text[a:b] for a, b in after.markup)
    untouched = Counter(
        before.text[a:b] for a, b in before.markup if not any((s < b and a < e) or a < s < b for s, e in edits)
    )
    return not (new - old) and not (untouched - new)


# --- files ------------------------------------------------------------------------------


def _codec(data: bytes, encoding: str) -> tuple[bytes, str]:
    """(byte-order mark, codec) to write `data`'s text back the way it was read."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    return b"", encoding


def encode_like(data: bytes, text: str, encoding: str) -> bytes:
    """Encode `text` as the original `data` was encoded (same codec, same byte-order mark)."""
    bom, codec = _codec(data, encoding)
    return bom + text.encode(codec)


def encode_for_rewrite(data: bytes, text: str, encoding: str) -> bytes:
    """`text` encoded like `data`, such that the next run decodes it to the same text.

    UTF-16 without a byte-order mark is recognised by the NUL bytes of its ASCII
    characters; a fixed text without any would be read back in another encoding, so it
    gets the byte-order mark. Raises InputError when the bytes would not read back the
    same (UnicodeEncodeError when the text has no encoding in the codec).
    """
    out = encode_like(data, text, encoding)
    if _reads_back(out, text):
        return out
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codecs.lookup(encoding).name)
    if bom is not None and not out.startswith(bom) and _reads_back(bom + out, text):
        return bom + out
    raise InputError(f"the fixed text would not be read back as {encoding}; not rewriting it")


def _reads_back(data: bytes, text: str) -> bool:
    try:
        return decode_bytes(data)[0] == text
    except InputError:
        return False


def write_atomic(path: str, data: bytes) -> None:
    """Write a new file (-o, a tracked-changes copy) whole or not at all, never through a
    link planted at a temporary name (see zhcheck.files.write_output)."""
    from zhcheck.files import write_output

    write_output(path, data)


def fix_file(
    path: str,
    engine: Engine,
    unsafe: bool = False,
    write: bool = True,
    output: str | None = None,
    force: bool = False,
    root: str | None = None,
) -> FixResult:
    """Fix one file in place, or into `output` (or only compute the fix when `write` is
    false). A Word document is never rewritten: the fixes go, as tracked changes, into
    `output` or NAME.zhcheck.docx beside it.

    The file must be a regular file; found in a walk of `root`, it is reached without
    leaving the root. It is rewritten in place only if it is still what was read
    (identity, size, mtime, content), keeping owner, group and mode; read-only and
    hard-linked files are left alone unless `force`.
    """
    from zhcheck.files import PinnedFile

    fmt = format_of(path)
    if fmt == "html":
        return FixResult(path, "", "", error=HTML_REFUSED)
    try:
        with PinnedFile(path, root) as pinned:
            data = pinned.read(engine.config.max_bytes)
            if fmt == "docx":
                return _fix_docx(path, data, engine, unsafe, write, output)
            text, encoding = decode_bytes(data)
            if encode_like(data, text, encoding) != data:
                raise InputError(f"decoding as {encoding} does not round-trip; not rewriting it")
            result = fix_text(text, engine, path=path, unsafe=unsafe)
            if write and output:
                _write_copy(result, data, encoding, output, path)
            elif write and result.changed:
                _rewrite(pinned, data, result, encoding, force)
    except InputError as exc:
        return FixResult(path, "", "", error=str(exc))
    return result


def _write_copy(result: FixResult, data: bytes, encoding: str, output: str, model: str) -> None:
    """Write the fixed text to `output` (-o); errors go into `result.error`."""

    def save() -> None:
        _create_like(output, model)
        write_atomic(output, encode_for_rewrite(data, result.fixed, encoding))

    _write_reporting(result, save, encoding, f"cannot write {output}")


def _rewrite(pinned, data: bytes, result: FixResult, encoding: str, force: bool) -> None:
    """Replace the pinned file with the fixed text; errors go into `result.error`."""
    why_not = pinned.why_not_writable()
    if why_not and not force:
        result.error = f"{why_not}; not rewritten (--force rewrites it)"
        return
    _write_reporting(
        result, lambda: pinned.replace(encode_for_rewrite(data, result.fixed, encoding)), encoding, "cannot write"
    )


def _write_reporting(result: FixResult, save: Callable[[], None], encoding: str, cannot: str) -> None:
    """Run `save`; set `result.written`, or `result.error` to one line saying why not."""
    try:
        save()
    except UnicodeEncodeError as exc:
        result.error = f"the fixed text cannot be written as {encoding} ({exc.reason})"
    except InputError as exc:
        result.error = str(exc)
    except OSError as exc:
        result.error = f"{cannot} ({exc.strerror or exc})"
    else:
        result.written = True


def _fix_docx(path: str, data: bytes, engine: Engine, unsafe: bool, write: bool, output: str | None) -> FixResult:
    from zhcheck.formats import docx

    doc = docx.load(data, path)
    result = fix_text(doc.text, engine, path=path, unsafe=unsafe, fmt="docx", document=doc)
    if write and result.changed:
        target = output or docx.tracked_path(path)

        def save() -> None:
            tracked = docx.write_tracked(data, docx.diff_edits(result.original, result.fixed))
            _create_like(target, path)
            write_atomic(target, tracked)

        _write_reporting(result, save, "UTF-8", f"cannot write {target}")
        if result.written:
            result.output = target
    return result


def _create_like(target: str, model: str) -> None:
    """Create `target` (if missing) with `model`'s permission bits, for write_atomic to replace."""
    if os.path.exists(target):
        return
    mode = stat.S_IMODE(os.stat(model).st_mode) & 0o666
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    os.close(fd)


def fix_stdin(data: bytes, engine: Engine, unsafe: bool = False, name: str | None = None) -> tuple[FixResult, bytes]:
    """Fix text read from standard input (in the format `name`'s suffix gives); return
    the result and the bytes to print (for a Word document: the tracked-changes copy)."""
    fmt = format_of(name or "")
    path = name or "<stdin>"
    if fmt == "html":
        return FixResult(path, "", "", error=HTML_REFUSED), b""
    if fmt == "docx":
        from zhcheck.formats import docx

        doc = docx.load(data, path)
        result = fix_text(doc.text, engine, path=path, unsafe=unsafe, fmt="docx", document=doc)
        if not result.changed:
            return result, data
        return result, docx.write_tracked(data, docx.diff_edits(result.original, result.fixed))
    text, encoding = decode_bytes(data)
    result = fix_text(text, engine, path=path, unsafe=unsafe, fmt=fmt)
    return result, encode_for_rewrite(data, result.fixed, encoding)


def fix_paths(
    paths: Iterable[str],
    engine: Engine,
    unsafe: bool = False,
    write: bool = True,
    output: str | None = None,
    force: bool = False,
) -> list[FixResult]:
    """Fix every file under `paths` (files and directories, as `check` walks them).

    A walk passes over HTML pages (check only) and the tracked-changes copies
    (NAME.zhcheck.docx) that earlier runs wrote. A symbolic link found in a directory
    is not followed: its target is fixed when the walk reaches it, and a link leading
    out of the directory is skipped with a message."""
    from zhcheck.engine import discover

    out = []
    for given in paths:
        if given == STDIN:
            continue
        walked = list(discover([given], engine.config))
        inside = {os.path.realpath(p) for p, _explicit in walked if not os.path.islink(p)}
        for path, explicit in walked:
            if not explicit and (format_of(path) == "html" or path.lower().endswith(".zhcheck.docx")):
                continue
            root = None if explicit else given
            if root is not None and os.path.islink(path):
                target = os.path.realpath(path)
                if target in inside:
                    continue  # fixed as itself
                within = target.startswith(os.path.join(os.path.realpath(given), ""))
                where = "a file this walk does not fix" if within else f"a file outside {given}"
                out.append(FixResult(path, "", "", error=f"symbolic link to {where}, skipped"))
                continue
            result = fix_file(path, engine, unsafe=unsafe, write=write, output=output, force=force, root=root)
            if result.error and not explicit and not result.changed:  # unreadable: as `check` skips it
                result.error = f"{result.error}, skipped"
            out.append(result)
    return out


def _read_for_fix(path: str, max_bytes: int) -> tuple[bytes, str, str, Snapshot | None]:
    """(bytes, text, encoding, what the file was) of a file `fix --decisions` may rewrite (a
    Word document's text is its paragraphs, encoding "docx"); InputError when it may not
    (an HTML page, not a regular file)."""
    from zhcheck.files import PinnedFile

    fmt = format_of(path)
    if fmt == "html":
        raise InputError(HTML_REFUSED)
    with PinnedFile(path) as pinned:
        data = pinned.read(max_bytes)
        snapshot = pinned.snapshot
    if fmt == "docx":
        from zhcheck.formats import docx

        return data, docx.load(data, path).source_text, "docx", snapshot
    text, encoding = decode_bytes(data)
    if encode_like(data, text, encoding) != data:
        raise InputError(f"decoding as {encoding} does not round-trip; not rewriting it")
    return data, text, encoding, snapshot


def _write_fixed(result: FixResult, data: bytes, encoding: str, snapshot: Snapshot | None, force: bool) -> None:
    """Write the fixed text back (only over the file that was read: see `_rewrite`); a Word
    document's fixes as tracked changes into NAME.zhcheck.docx."""
    from zhcheck.files import PinnedFile

    target = result.path
    if encoding != "docx":
        try:
            with PinnedFile(target) as pinned:
                pinned.read(MAX_REREAD)
                if pinned.snapshot != snapshot:
                    raise InputError("changed on disk while it was being fixed; left as it is now (run fix again)")
                _rewrite(pinned, data, result, encoding, force)
        except InputError as exc:
            result.error = str(exc)
        return
    try:
        if encoding == "docx":
            from zhcheck.formats import docx

            target = docx.tracked_path(result.path)
            tracked = docx.write_tracked(data, docx.diff_edits(result.original, result.fixed))
            _create_like(target, result.path)
            write_atomic(target, tracked)
            result.output = target
    except UnicodeEncodeError as exc:
        result.error = f"the fixed text cannot be written as {encoding} ({exc.reason})"
    except InputError as exc:
        result.error = str(exc)
    except OSError as exc:
        result.error = f"cannot write {target} ({exc.strerror or exc})"
    else:
        result.written = True


# --- an editor's decisions ----------------------------------------------------------------


@dataclass
class DecidedFix(FixResult):
    """The outcome of applying the accepted fixes of a decisions file to one file."""

    #: accepted fixes applied
    taken: int = 0
    #: accepted fixes not applied: their finding is gone (the file changed) or they collide
    missed: int = 0
    #: the file is no longer the text that was reviewed (fixes were found again by fingerprint)
    changed_since: bool = False


def fix_decided(
    decisions: Decisions, config, paths: Iterable[str] | None = None, write: bool = True, force: bool = False
) -> list[DecidedFix]:
    """Apply exactly the accepted fixes of `decisions` (to the files among `paths`, if given).

    A file that is still the reviewed text gets the recorded edits, chosen as the
    report chose them (so it becomes the corrected text the report offered); a file
    edited since is checked again and gets the fixes of the findings that carry the
    accepted fingerprints.
    """
    from zhcheck.app.records import relative_path

    wanted = None if paths is None else [relative_path(p, decisions.base).rstrip("/") for p in paths]
    out: list[DecidedFix] = []
    stale: dict[str, tuple[DecidedFix, bytes, str, Snapshot | None]] = {}
    for rel in decisions.paths():
        inside = wanted is None or any(w in (rel, ".") or rel.startswith(w + "/") for w in wanted)
        if rel.startswith("<") or not inside:
            continue  # not among PATHS (a file, or a directory holding it)
        path = str(decisions.base / rel)
        result = DecidedFix(os.path.relpath(path) if not os.path.isabs(rel) else rel, "", "")
        out.append(result)
        try:
            data, text, encoding, snapshot = _read_for_fix(path, config.max_bytes)
        except InputError as exc:
            result.error = str(exc)
            continue
        result.original = result.fixed = text
        accepted = [d for d in decisions.accepted(rel) if d.edits]
        if decisions.texts.get(rel) != text_hash(text):
            result.changed_since = True
            stale[path] = (result, data, encoding, snapshot)
            continue
        fixes = [(d.rule, d.start, d.end, d.edits) for d in accepted if all(e.end <= len(text) for e in d.edits)]
        chosen = choose_fixes(fixes)
        result.fixed = apply_edits(text, [e for i in chosen for e in fixes[i][3]])
        result.taken, result.missed = len(chosen), len(accepted) - len(chosen)
        if write and result.changed:
            _write_fixed(result, data, encoding, snapshot, force)
    if stale:
        _fix_stale(decisions, config, stale, write, force)
    return out


def _fix_stale(
    decisions: Decisions,
    config,
    stale: dict[str, tuple[DecidedFix, bytes, str, Snapshot | None]],
    write: bool,
    force: bool = False,
) -> None:
    """Find the accepted findings again (by fingerprint) in files edited since the review; apply their fixes."""
    from collections import Counter

    from zhcheck.app.baseline import fingerprint
    from zhcheck.app.records import relative_path

    rules = sorted({d.rule for d in decisions.entries if d.decision == "accept"})
    engine = Engine(config.replace(select=rules, extend_select=[], ignore=[]))
    run = engine.run(list(stale))
    for fr in run.files:
        result, data, encoding, snapshot = stale[fr.path]
        if fr.error or fr.document is None:
            result.error = fr.error or "cannot be checked"
            continue
        rel = relative_path(fr.path, decisions.base)
        accepted = [d for d in decisions.accepted(rel) if d.edits]
        wanted = Counter(d.fingerprint for d in accepted)
        found = []
        for f in fr.findings:
            fp = fingerprint(f, fr.document.source_text)
            if f.fix and f.fix.edits and wanted[fp] > 0:
                wanted[fp] -= 1
                found.append(f)
        chosen = choose_fixes((f.rule, f.start, f.end, f.fix.edits) for f in found)  # type: ignore[union-attr]
        result.fixed = apply_edits(result.original, [e for i in chosen for e in found[i].fix.edits])  # type: ignore[union-attr]
        result.taken, result.missed = len(chosen), len(accepted) - len(chosen)
        if write and result.changed:
            _write_fixed(result, data, encoding, snapshot, force)


def report_decided(decisions_path: str, paths: list[str], config, diff: bool = False, force: bool = False) -> int:
    """`zhcheck fix --decisions FILE`: apply (or diff) the accepted fixes; report on stderr; the exit status."""
    import click

    decisions = load_decisions(decisions_path)
    if STDIN in paths:
        click.echo("zhcheck: error: --decisions fixes the reviewed files, not standard input", err=True)
        return 2
    for p in paths:
        if not os.path.exists(p):
            click.echo(f"zhcheck: error: {p}: no such file or directory", err=True)
            return 2
    results = fix_decided(decisions, config, paths or None, write=not diff, force=force)
    status = 0
    for r in results:
        if r.error:
            click.echo(f"zhcheck: error: {r.path}: {r.error}", err=True)
            status = 2
            continue
        if r.changed_since:
            click.echo(
                f"zhcheck: note: {r.path} changed since the review: accepted fixes found again by their text", err=True
            )
        if r.missed:
            click.echo(
                f"zhcheck: warning: {r.path}: {_fixes(r.missed)} not applied (no longer found, or overlapping another)",
                err=True,
            )
        if diff and r.changed:
            click.echo(r.diff(), nl=False)
    changed = [r for r in results if r.changed and not r.error]
    verb = "would apply" if diff else "applied"
    fixes = sum(r.taken for r in changed)
    click.echo(f"zhcheck: {verb} {_fixes(fixes)} in {_count(len(changed), 'file')}", err=True)
    if status:
        return status
    return 1 if diff and changed else 0


def report_fixes(
    paths: list[str], config, diff: bool = False, unsafe: bool = False, output: str | None = None, force: bool = False
) -> int:
    """The `zhcheck fix` command: fix (or diff) `paths`, report on stderr; return the exit status."""
    import sys

    import click

    engine = Engine(config)
    if paths == [STDIN]:
        from zhcheck.files import read_stream

        data = read_stream(sys.stdin.buffer, config.max_bytes)
        result, fixed = fix_stdin(data, engine, unsafe=unsafe, name=config.stdin_filename)
        if result.error:
            click.echo(f"zhcheck: error: {result.path}: {result.error}", err=True)
            return 2
        if diff:
            click.echo(result.diff(), nl=False)
            return 1 if result.changed else 0
        sys.stdout.buffer.write(fixed)
        return 0
    for p in paths:
        if p != STDIN and not os.path.exists(p):
            click.echo(f"zhcheck: error: {p}: no such file or directory", err=True)
            return 2
    if output and (len(paths) != 1 or os.path.isdir(paths[0])):
        click.echo("zhcheck: error: -o/--output needs exactly one input file", err=True)
        return 2
    results = fix_paths(
        [p for p in paths if p != STDIN], engine, unsafe=unsafe, write=not diff, output=output, force=force
    )
    status = 0
    for r in results:
        if r.error:
            skipped = r.error.endswith("skipped")
            click.echo(f"zhcheck: {'warning' if skipped else 'error'}: {r.path}: {r.error}", err=True)
            status = status if skipped else 2
        elif diff and r.changed:
            click.echo(r.diff(), nl=False)
        elif r.written and r.output:
            click.echo(f"zhcheck: {r.path}: fixes written as tracked changes to {r.output}", err=True)
    changed = [r for r in results if r.changed and not r.error]
    fixes = sum(len(r.applied) for r in changed)
    left = sum(1 for r in results for f in r.remaining if not f.fix.is_safe)
    verb = "would fix" if diff else "fixed"
    summary = f"zhcheck: {verb} {_count(fixes, 'finding')} in {_count(len(changed), 'file')}"
    if left and not unsafe:
        summary += f"; {left} more with --unsafe"
    click.echo(summary, err=True)
    if status:
        return status
    return 1 if diff and changed else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _fixes(n: int) -> str:
    return f"{n} accepted fix{'' if n == 1 else 'es'}"
