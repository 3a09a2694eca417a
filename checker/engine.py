"""The engine: finds files, runs the enabled rules over each document, then the
corpus rules over all of them, and returns findings sorted and de-duplicated.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from zhcheck.config import Config, coerce, path_matches
from zhcheck.document import Document, read_file_bytes
from zhcheck.errors import InputError
from zhcheck.finding import Category, Finding, Severity, Span
from zhcheck.formats import load
from zhcheck.formats.layout import edits_allowed
from zhcheck.registry import CorpusHit, Hit, Rule, RuleContext, iter_enabled, match_selector
from zhcheck.suppress import Suppression, is_suppressed, parse_suppressions

STDIN = "-"

#: whether an Engine of this process installed user terms in the shared segmenter
_USER_WORDS_SET = [False]

#: the collector's young-generation threshold while a document is checked. The rules make
#: many short-lived tuples and strings that reference counting frees at once; at CPython's
#: default (700 allocations) the cyclic collector ran some 200 times per 280,000 characters
#: and took about a tenth of the time (benchmarks/README.md)
GC_YOUNG_THRESHOLD = 20_000


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's young-generation threshold to GC_YOUNG_THRESHOLD for a while."""
    saved = gc.get_threshold()
    if 0 < saved[0] < GC_YOUNG_THRESHOLD:
        gc.set_threshold(GC_YOUNG_THRESHOLD, *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)


#: categories in which a user's word list silences a finding on that word
_WORD_LIST_CATEGORIES = (Category.OCR, Category.GARBLED)


@dataclass
class FileResult:
    """The outcome of checking one file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    encoding: str | None = None
    chars: int = 0
    error: str | None = None
    #: True when the file was named on the command line (errors then fail the run)
    explicit: bool = True
    suppressions: list[Suppression] = field(default_factory=list)
    #: per corpus-rule collected values (code -> value)
    collected: dict[str, Any] = field(default_factory=dict)
    document: Document | None = field(default=None, repr=False, compare=False)


@dataclass
class RunResult:
    """All file results of a run, in input order."""

    files: list[FileResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.files if r.error]

    def use_printable_paths(self) -> None:
        """Give files whose names are not valid UTF-8 a printable name (`\\xNN` for the bad
        bytes) in their results and findings, so every report format and baseline can hold it."""
        from dataclasses import replace

        from zhcheck.files import printable

        for fr in self.files:
            shown = printable(fr.path)
            if shown == fr.path and all(
                s.path is None or printable(s.path) == s.path for f in fr.findings for s in f.related
            ):
                continue
            fr.path = shown
            if fr.document is not None:
                fr.document.path = shown
            fr.findings = [
                replace(
                    f,
                    path=printable(f.path),
                    related=tuple(replace(s, path=printable(s.path)) if s.path else s for s in f.related),
                )
                for f in fr.findings
            ]


# --- file discovery -------------------------------------------------------------


def discover(paths: Iterable[str], config: Config) -> Iterator[tuple[str, bool]]:
    """Yield (path, explicit) for the files to check.

    Directories are walked recursively for files matching `include` and not
    `exclude` nor ignored by git (`respect-gitignore`); hidden directories are
    skipped. Missing paths are yielded as explicit so that the run reports them.
    """
    for p in paths:
        if p == STDIN:
            yield p, True
        elif os.path.isdir(p):
            found = []
            git = None
            if config.respect_gitignore:
                from zhcheck.gitignore import GitIgnore

                git = GitIgnore(p)
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".")
                    and not path_matches(os.path.join(root, d), config.exclude, config.root)
                    and not (git and git.ignored(os.path.join(root, d), is_dir=True))
                )
                for name in files:
                    fp = os.path.join(root, name)
                    if (
                        path_matches(fp, config.include, config.root)
                        and not path_matches(fp, config.exclude, config.root)
                        and not (git and git.ignored(fp, is_dir=False))
                    ):
                        found.append(fp)
            yield from ((fp, False) for fp in sorted(found))
        else:
            yield p, True


# --- the engine -------------------------------------------------------------------


class Engine:
    """Runs the rules enabled by a Config over documents."""

    def __init__(self, config: Config | dict[str, Any] | None = None) -> None:
        self.config = coerce(config)
        select = self.config.select
        extend = self.config.extend_select
        if extend:
            select = [*(select if select is not None else _default_selectors()), *extend]
        self.rules: list[Rule] = list(iter_enabled(select, self.config.ignore))
        self.context = RuleContext(user_words=self.config.user_words())
        if self.context.user_words or _USER_WORDS_SET[0]:
            # the segmenter is process-wide: install this run's terms, dropping an earlier run's
            from zhcheck.segmenter import set_user_words

            set_user_words(self.context.user_words)
            _USER_WORDS_SET[0] = bool(self.context.user_words)

    # per document -------------------------------------------------------------
    def rules_for(self, path: str) -> list[Rule]:
        """Enabled rules minus the per-file ignores matching `path`."""
        ignored = [
            sel
            for glob, sels in self.config.per_file_ignores.items()
            if path_matches(path, [glob], self.config.root)
            for sel in sels
        ]
        if not ignored:
            return self.rules
        return [r for r in self.rules if not any(match_selector(s, r) for s in ignored)]

    def check_document(self, doc: Document) -> FileResult:
        """Run the document rules (and corpus `collect`) over one document."""
        result = FileResult(doc.path, encoding=doc.encoding, chars=len(doc.text), document=doc)
        result.suppressions = [
            Suppression(*doc.to_source(x.start, x.end), x.selectors)
            for x in parse_suppressions(doc.text, _comments(doc))
        ]
        findings: list[Finding] = []
        rules = self.rules_for(doc.path)
        last_of_family = {r.module: i for i, r in enumerate(rules)}
        with fewer_collections():
            for i, r in enumerate(rules):
                try:
                    if r.check is not None:
                        for hit in r.check(doc, self.context):
                            if doc.markup and doc.markup.cuts(hit.start, hit.end):
                                continue  # a finding on markup (a URL, code, a tag) is no finding
                            findings.append(self._finding(r, hit, doc))
                    elif r.corpus is not None:
                        result.collected[r.code] = r.corpus().collect(doc, self.context)
                except Exception:  # a buggy rule must not take the run down
                    _internal_error(r, doc.path)
                if last_of_family[r.module] == i:
                    doc.forget_family(r.module)  # its analyses: no later rule reads them
            result.findings = drop_claimed(self._filter(findings, doc, result.suppressions), self.rules)
            doc.forget_analyses()  # before the collector runs again: it need not scan the analyses
        return result

    def check_file(self, path: str, explicit: bool = True) -> FileResult:
        """Read, decode and check one file (or stdin for "-")."""
        try:
            if path == STDIN:
                from zhcheck.files import read_stream

                data = read_stream(sys.stdin.buffer, self.config.max_bytes)
                name = self.config.stdin_filename
                doc = load(data, name or "<stdin>", None if name else "text")
            else:
                doc = load(read_file_bytes(path, self.config.max_bytes), path)
        except InputError as exc:
            where = (self.config.stdin_filename or "<stdin>") if path == STDIN else path
            return FileResult(where, error=str(exc), explicit=explicit)
        result = self.check_document(doc)
        result.explicit = explicit
        return result

    def run(self, paths: Iterable[str]) -> RunResult:
        """Check every file under `paths`, then run the corpus rules."""
        results = [self.check_file(p, explicit) for p, explicit in discover(paths, self.config)]
        self.finalize(results)
        return RunResult(results)

    # corpus rules ------------------------------------------------------------------
    def finalize(self, results: list[FileResult]) -> None:
        """Run corpus rules over the collected values and attach their findings."""
        by_path = {r.path: r for r in results}
        for r in self.rules:
            if r.corpus is None:
                continue
            collected = [(fr.path, fr.collected[r.code]) for fr in results if r.code in fr.collected]
            if not collected:
                continue
            try:
                hits = list(r.corpus().finalize(collected, self.context))
            except Exception:
                _internal_error(r, "<corpus>")
                continue
            for hit in hits:
                fr = by_path.get(hit.path)
                if fr is not None:
                    fr.findings.extend(self.corpus_findings(r, [hit], fr, by_path))
        if any(r.corpus is not None for r in self.rules):
            for fr in results:
                fr.findings = drop_claimed(sorted(fr.findings, key=lambda f: f.sort_key), self.rules)

    def corpus_findings(
        self, r: Rule, hits: Iterable[CorpusHit], fr: FileResult, by_path: dict[str, FileResult] | None = None
    ) -> list[Finding]:
        """The findings a corpus rule's hits in the file of `fr` give (per-file ignores,
        minimum severity, suppressions and word lists applied), unsorted. With the run's
        results by path, related spans in other files are given in those files' coordinates."""
        if r not in self.rules_for(fr.path):
            return []
        out = []
        for hit in hits:
            f = self._corpus_finding(r, hit, fr.document)
            if by_path and any(s.path in by_path for s in f.related):
                f.related = tuple(_elsewhere(s, by_path) for s in f.related)
            if self._keep(f, fr.document, fr.suppressions):
                out.append(f)
        return out

    # helpers -------------------------------------------------------------------------
    def _severity(self, r: Rule, hit: Hit) -> Severity:
        return self.config.severity.get(r.code) or hit.severity or r.severity

    def _finding(self, r: Rule, hit: Hit, doc: Document) -> Finding:
        if not 0 <= hit.start <= hit.end <= len(doc.text):
            raise ValueError(f"{r.code} produced an out-of-range span {hit.start}:{hit.end}")
        return self._build(r, hit, doc, doc.path)

    def _corpus_finding(self, r: Rule, hit: CorpusHit, doc: Document | None = None) -> Finding:
        return self._build(r, hit, doc, hit.path)

    def _build(self, r: Rule, hit: Hit, doc: Document | None, path: str) -> Finding:
        """The Finding of a hit, in the file's coordinates (the rules speak in `doc.text`'s)."""
        start, end = hit.start, hit.end
        related = tuple(hit.related)
        fix = hit.fix
        if doc is None:  # a corpus hit whose document is gone: it carries its own location
            assert isinstance(hit, CorpusHit)
            where = (hit.line, hit.column, hit.end_line, hit.end_column)
            text = hit.text
        else:
            start, end = doc.to_source(start, end)
            where = (*doc.source_position(start), *doc.source_position(end))
            text = doc.source_text[start:end]
            related = tuple(_in_source(s, doc) if s.path is None else s for s in related)
            if fix is not None and (
                doc.source_map is not None
                or not edits_allowed(doc.text, doc.markup, [(e.start, e.end, e.replacement) for e in fix.edits])
            ):
                fix = None  # it would edit markup (or the page's HTML): report, do not offer it
        line, column, end_line, end_column = where
        return Finding(
            rule=r.code,
            name=r.name,
            category=r.category,
            severity=self._severity(r, hit),
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            message=hit.message,
            text=text,
            path=path,
            suggestion=hit.suggestion,
            related=related,
            fix=fix,
            data=dict(hit.data),
        )

    def _keep(self, f: Finding, doc: Document | None, suppressions: list[Suppression]) -> bool:
        if f.severity.rank < self.config.min_severity.rank:
            return False
        if suppressions:
            rule = next(r for r in self.rules if r.code == f.rule)
            if is_suppressed(suppressions, f.start, lambda s: match_selector(s, rule)):
                return False
        return not (
            doc is not None
            and self.context.user_words
            and f.category in _WORD_LIST_CATEGORIES
            and _covered_by_user_word(doc.source_text, f.start, f.end, self.context.user_words)
        )

    def _filter(self, findings: list[Finding], doc: Document, suppressions: list[Suppression]) -> list[Finding]:
        seen: set[tuple[str, int, int]] = set()
        out = []
        for f in sorted(findings, key=lambda f: f.sort_key):
            key = (f.rule, f.start, f.end)
            if key in seen or not self._keep(f, doc, suppressions):
                continue
            seen.add(key)
            out.append(f)
        return out


def _in_source(span: Span, doc: Document) -> Span:
    """A related span of `doc.text` in the file's coordinates."""
    if doc.source_map is None:
        return span
    s, e = doc.to_source(span.start, span.end)
    return Span(s, e, *doc.source_position(s), *doc.source_position(e), None, doc.source_text[s:e])


def _elsewhere(span: Span, by_path: dict[str, FileResult]) -> Span:
    """A related span in another file of the run, in that file's coordinates."""
    fr = by_path.get(span.path or "")
    if fr is None or fr.document is None or fr.document.source_map is None:
        return span
    mapped = _in_source(span, fr.document)
    return Span(mapped.start, mapped.end, mapped.line, mapped.column, mapped.end_line, mapped.end_column, span.path)


def _comments(doc: Document) -> list[tuple[int, int, str]] | None:
    """The suppression comments a format's parser found (None: look for them in the text)."""
    layout = doc.layout
    if layout is None:
        return None
    if layout.directive_texts:
        return [(s, e, c) for (s, e), c in zip(layout.directives, layout.directive_texts, strict=True)]
    return [(s, e, doc.text[s:e]) for s, e in layout.directives]


def drop_claimed(findings: list[Finding], rules: Iterable[Rule]) -> list[Finding]:
    """Drop the findings that lie inside a span claimed by a finding of a rule of higher priority.

    A rule declared with `claims=True` says its findings account for everything in their
    span (a block of page debris is one finding, not a "broken bold" and an "unmatched
    bracket" inside it); findings of rules with a lower `priority` wholly inside such a
    span are dropped, overlapping ones are kept. Only findings that survived suppression
    and the severity filter claim anything.
    """
    by_code = {r.code: r for r in rules}
    claiming = {code for code, r in by_code.items() if r.claims}
    claims = [(f.start, f.end, by_code[f.rule].priority) for f in findings if f.rule in claiming]
    if not claims:
        return findings

    def claimed(f: Finding) -> bool:
        r = by_code.get(f.rule)
        prio = r.priority if r is not None else 0
        return any(s <= f.start and f.end <= e and prio < p for s, e, p in claims)

    return [f for f in findings if not claimed(f)]


def _default_selectors() -> list[str]:
    from zhcheck.registry import load_rules

    return [r.code for r in load_rules().values() if r.default_enabled]


def _covered_by_user_word(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    lo = max(0, start - 20)
    window = text[lo : end + 20]
    for w in words:
        i = window.find(w)
        while i >= 0:
            if lo + i < end and lo + i + len(w) > start:
                return True
            i = window.find(w, i + 1)
    return False


def _internal_error(r: Rule, path: str) -> None:
    detail = traceback.format_exc(limit=-3).strip().splitlines()
    print(f"zhcheck: internal error in rule {r.code} on {path}: {detail[-1]}", file=sys.stderr)
    if os.environ.get("ZHCHECK_DEBUG"):
        traceback.print_exc()


# --- the Python API -------------------------------------------------------------


def check_text(text: str, config: Config | dict[str, Any] | None = None, path: str = "<text>") -> list[Finding]:
    """Check a string; return its findings sorted by position."""
    engine = Engine(config)
    result = engine.check_document(Document(text, path=path))
    engine.finalize([result])
    return result.findings


def check_paths(paths: Iterable[str] | str, config: Config | dict[str, Any] | None = None) -> list[Finding]:
    """Check files and directories; return all findings.

    Unreadable inputs raise InputError naming the file.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [os.fspath(paths)]
    result = Engine(config).run([os.fspath(p) for p in paths])
    for fr in result.files:
        if fr.error and fr.explicit:
            raise InputError(f"{fr.path}: {fr.error}")
    return result.findings
