"""`zhcheck server`: a language server (LSP over stdio, pygls) for editors.

- Diagnostics when a document is opened, changed or saved, for the plain-text and Markdown
  files a directory walk would check (`include`/`exclude`: `*.txt`, `*.md`, ...) and for
  unsaved documents in plain text or Markdown: the findings of `zhcheck check` (Markdown
  read as the command line reads it: nothing reported on markup), with the same rule
  codes and messages (the suggestion appended as in the SARIF and GitHub reports),
  severity, the rule name, and the first copy of a duplicate as related information.
- Code actions: a quick fix for each finding that carries a fix (safe fixes preferred), and
  `source.fixAll.zhcheck`, which applies the safe fixes as `zhcheck fix` does.
- Configuration: the nearest `zhcheck.toml` / `.zhcheck.toml` / `pyproject.toml` with
  `[tool.zhcheck]` above the document (else the workspace folder's), as for the command
  line; it is re-read when it changes. A bad file is reported once and the defaults apply.

Positions are converted to the encoding negotiated with the client (UTF-16 by default).
A code action never applies offsets computed for an older version of the text: the
document is rechecked first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from zhcheck import __version__
from zhcheck.config import Config, find_config, load_config, path_matches
from zhcheck.document import Document
from zhcheck.engine import Engine
from zhcheck.errors import ZhcheckError
from zhcheck.finding import Finding, Severity
from zhcheck.formats import format_of, from_text

SOURCE = "zhcheck"
FIX_ALL = f"{lsp.CodeActionKind.SourceFixAll.value}.zhcheck"
#: editor language id -> zhcheck format (HTML and Word are not edited as text here)
_LANGUAGES = {"plaintext": "text", "markdown": "markdown"}
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


def uri_to_path(uri: str) -> str | None:
    """The local path of a `file:` URI (None for `untitled:` and other schemes)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


@dataclass
class Checked:
    """The findings of one version of a document."""

    text: str
    doc: Document
    findings: list[Finding]


class Positions:
    """Code-point offsets of one text as LSP positions in the negotiated encoding."""

    def __init__(self, doc: Document, encoding: str) -> None:
        self.doc = doc
        self.encoding = encoding

    def units(self, text: str) -> int:
        """The length of `text` in the client's position units."""
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8", "surrogatepass"))
        if self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(text)
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> lsp.Position:
        line, column = self.doc.position(offset)
        return lsp.Position(line=line - 1, character=self.units(self.doc.text[offset - column + 1 : offset]))

    def offset(self, pos: lsp.Position) -> int:
        """The code-point offset of an LSP position (clamped to its line and to the text)."""
        if pos.line >= self.doc.line_count:
            return len(self.doc.text)
        start, end = self.doc.line_span(pos.line + 1)
        seen = 0
        for i in range(start, end):
            if seen >= pos.character:
                return i
            seen += self.units(self.doc.text[i])
        return end

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))


class ZhcheckServer(LanguageServer):
    """The server: one engine per configuration file, the last findings per document."""

    def __init__(self) -> None:
        super().__init__("zhcheck", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.checked: dict[str, Checked] = {}
        self._engines: dict[tuple[str | None, int], tuple[Config, Engine]] = {}
        self._reported: set[str] = set()

    # configuration --------------------------------------------------------------
    def _folder_of(self, path: str | None) -> str:
        folders = [uri_to_path(f.uri) for f in self.workspace.folders.values()]
        folders = [f for f in folders if f]
        if path:
            inside = [f for f in folders if path.startswith(f.rstrip(os.sep) + os.sep)]
            if inside:
                return max(inside, key=len)
            return os.path.dirname(path)
        return folders[0] if folders else os.getcwd()

    def engine_for(self, path: str | None) -> tuple[Config, Engine]:
        """The engine of the configuration that applies to `path` (built once per file version)."""
        folder = self._folder_of(path)
        try:
            found = find_config(os.path.dirname(path) if path else folder)
            stamp = os.stat(found).st_mtime_ns if found else 0
        except (ZhcheckError, OSError) as exc:
            self._report(str(exc))
            found, stamp = None, -1
        key = (str(found) if found else folder, stamp)
        if key not in self._engines:
            cfg = Config(root=folder)
            if found and stamp >= 0:
                try:
                    cfg = load_config(found)
                    cfg.user_words()
                except ZhcheckError as exc:
                    self._report(str(exc))
                    cfg = Config(root=folder)
            for stale in [k for k in self._engines if k[0] == key[0]]:  # an older version of the file
                del self._engines[stale]
            self._engines[key] = (cfg, Engine(cfg))
        return self._engines[key]

    def _report(self, message: str) -> None:
        if message not in self._reported:  # once per distinct problem, not on every keystroke
            self._reported.add(message)
            self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"zhcheck: {message}"))

    # checking -----------------------------------------------------------------
    def wanted(self, uri: str, language: str | None) -> bool:
        path = uri_to_path(uri)
        if path is None:
            return language in _LANGUAGES
        if format_of(path) not in _LANGUAGES.values():
            return False
        cfg, _ = self.engine_for(path)
        return path_matches(path, cfg.include, cfg.root) and not path_matches(path, cfg.exclude, cfg.root)

    def format_of(self, uri: str) -> str:
        path = uri_to_path(uri)
        if path is not None:
            return format_of(path)
        return _LANGUAGES.get(self.workspace.get_text_document(uri).language_id or "", "text")

    def check(self, uri: str) -> Checked:
        """Check the current text of `uri` (reusing the last result for the same text)."""
        text = self.workspace.get_text_document(uri).source
        last = self.checked.get(uri)
        if last is not None and last.text == text:
            return last
        path = uri_to_path(uri)
        _, engine = self.engine_for(path)
        doc = from_text(text, path or uri, self.format_of(uri))
        result = engine.check_document(doc)
        engine.finalize([result])
        self.checked[uri] = Checked(text, doc, result.findings)
        return self.checked[uri]

    def positions(self, doc: Document) -> Positions:
        return Positions(doc, str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16))

    def diagnostic(self, f: Finding, checked: Checked, uri: str) -> lsp.Diagnostic:
        from zhcheck.report.sarif import message_text

        where = self.positions(checked.doc)
        related = [
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=uri, range=where.range(s.start, s.end)), message="首次出现处"
            )
            for s in f.related
            if not s.path and s.end <= len(checked.text)
        ]
        return lsp.Diagnostic(
            range=where.range(f.start, f.end),
            message=message_text(f),
            severity=_SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Information),
            code=f.rule,
            source=SOURCE,
            related_information=related or None,
            data={"name": f.name, "fixable": f.fix is not None},
        )

    def publish(self, uri: str, language: str | None = None) -> None:
        if not self.wanted(uri, language):
            return
        checked = self.check(uri)
        diagnostics = [self.diagnostic(f, checked, uri) for f in checked.findings]
        version = self.workspace.get_text_document(uri).version
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # code actions -------------------------------------------------------------
    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        if uri not in self.checked:
            return []
        checked = self.check(uri)  # the current text: never offsets of an older version
        where = self.positions(checked.doc)
        only = params.context.only
        actions: list[lsp.CodeAction] = []
        if not only or any(k.startswith(lsp.CodeActionKind.QuickFix) for k in only):
            lo, hi = where.offset(params.range.start), where.offset(params.range.end)
            for f in checked.findings:
                if f.fix is None or not f.fix.edits or not _overlaps(f, lo, hi):
                    continue
                edits = [lsp.TextEdit(range=where.range(e.start, e.end), new_text=e.replacement) for e in f.fix.edits]
                label = f.fix.description or "fix"
                actions.append(
                    lsp.CodeAction(
                        title=f"{f.rule}: {label}" + ("" if f.fix.is_safe else " (unsafe: review)"),
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[self.diagnostic(f, checked, uri)],
                        edit=lsp.WorkspaceEdit(changes={uri: edits}),
                        is_preferred=f.fix.is_safe,
                    )
                )
        if (not only or any(FIX_ALL.startswith(k) for k in only)) and any(
            f.fix is not None and f.fix.is_safe for f in checked.findings
        ):
            actions.append(self._fix_all(uri, checked, where))
        return actions

    def _fix_all(self, uri: str, checked: Checked, where: Positions) -> lsp.CodeAction:
        from zhcheck.app.fixer import fix_text

        _, engine = self.engine_for(uri_to_path(uri))
        fixed = fix_text(checked.text, engine, path=checked.doc.path, fmt=self.format_of(uri)).fixed
        whole = where.range(0, len(checked.text))
        return lsp.CodeAction(
            title="zhcheck: apply all safe fixes",
            kind=FIX_ALL,
            edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=whole, new_text=fixed)]}),
        )


def _overlaps(f: Finding, lo: int, hi: int) -> bool:
    return f.start <= hi and lo <= max(f.end, f.start)


def build_server() -> ZhcheckServer:
    server = ZhcheckServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ZhcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, params.text_document.language_id)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ZhcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.publish(uri, ls.workspace.get_text_document(uri).language_id)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ZhcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.checked.pop(uri, None)  # the configuration may have changed meanwhile
        ls.publish(uri, ls.workspace.get_text_document(uri).language_id)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ZhcheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: ZhcheckServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params)

    return server


def serve(**_: Any) -> None:
    """Run the server on standard input and output until the client says exit."""
    build_server().start_io()
