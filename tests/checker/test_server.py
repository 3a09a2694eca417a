"""`zhcheck server`: a real process driven over stdio with JSON-RPC, as an editor drives it."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

TIMEOUT = 60  # the first check loads the dictionaries
ARTICLE = "第一段文字。\n他说,今天天气很好。\n"


class Client:
    """A minimal LSP client: Content-Length framing, requests with ids, a queue of notifications."""

    def __init__(self, cwd: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "zhcheck", "server", "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        #: the uris of every publishDiagnostics notification seen, in order
        self.published: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, match, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next message `match` accepts (requests from the server are answered with null)."""
        while True:
            try:
                msg = self.inbox.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no answer from the server (exit status {self.proc.poll()})") from None
            if "method" in msg and "id" in msg:  # e.g. window/workDoneProgress/create
                self.send({"id": msg["id"], "result": None})
            if msg.get("method") == "textDocument/publishDiagnostics":
                self.published.append(msg["params"]["uri"])
            if match(msg):
                return msg

    def diagnostics(self, uri: str) -> dict[str, Any]:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)

    def close(self) -> int:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            return self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    return tmp_path


@pytest.fixture
def client(workspace: Path):
    c = Client(workspace)
    init = c.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": workspace.as_uri(),
            "workspaceFolders": [{"uri": workspace.as_uri(), "name": "ws"}],
            "capabilities": {
                "textDocument": {
                    "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}}}
                }
            },
        },
    )
    c.capabilities = init["capabilities"]
    c.notify("initialized", {})
    yield c
    assert c.close() == 0


def _open(client: Client, path: Path, text: str, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}
    )
    return uri


def test_diagnostics_and_quick_fix(client: Client, workspace: Path) -> None:
    caps = client.capabilities
    assert caps["textDocumentSync"]["openClose"] and caps["codeActionProvider"]["codeActionKinds"]
    uri = _open(client, workspace / "articles" / "a.txt", ARTICLE)
    (d,) = client.diagnostics(uri)["params"]["diagnostics"]
    assert d["code"] == "T101" and d["source"] == "zhcheck" and d["severity"] == 3  # Information: typography is style
    assert d["message"].startswith("半角逗号“,”，中文文本应使用全角“，”") and "建议：，" in d["message"]
    # line 1 (0-based), the comma after two Chinese characters: UTF-16 units 2..3
    assert d["range"] == {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 3}}

    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}},
    )
    quick = [a for a in actions if a["kind"] == "quickfix"]
    assert len(quick) == 1 and quick[0]["title"].startswith("T101") and quick[0]["isPreferred"]
    assert quick[0]["edit"]["changes"][uri] == [{"range": d["range"], "newText": "，"}]
    fix_all = [a for a in actions if a["kind"] == "source.fixAll.zhcheck"]
    assert fix_all and fix_all[0]["edit"]["changes"][uri][0]["newText"] == "第一段文字。\n他说，今天天气很好。\n"

    # the editor applies the fix: the finding goes
    fixed = "第一段文字。\n他说，今天天气很好。\n"
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]},
    )
    assert client.diagnostics(uri)["params"]["diagnostics"] == []
    nothing = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": []}},
    )
    assert nothing == []
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri)["params"]["diagnostics"] == []


def test_same_findings_as_the_command_line(client: Client, workspace: Path) -> None:
    from zhcheck.engine import check_text

    seed = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    uri = _open(client, workspace / "articles" / seed.name, text)
    diagnostics = client.diagnostics(uri)["params"]["diagnostics"]
    expected = check_text(text, path=str(workspace / "articles" / seed.name))
    assert len(diagnostics) == len(expected) > 10
    assert [d["code"] for d in diagnostics] == [f.rule for f in expected]
    assert all(d["message"].startswith(f.message) for d, f in zip(diagnostics, expected, strict=True))


def test_workspace_configuration_and_file_kinds(client: Client, workspace: Path) -> None:
    (workspace / "zhcheck.toml").write_text('ignore = ["T101"]\n', encoding="utf-8")
    text = ARTICLE + "图片来源:新华社\n"
    uri = _open(client, workspace / "articles" / "b.md", text, "markdown")
    codes = {d["code"] for d in client.diagnostics(uri)["params"]["diagnostics"]}
    assert "T101" not in codes
    # the configuration is read again when it changes (here: on the next save)
    (workspace / "zhcheck.toml").write_text('select = ["T"]\n', encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert {d["code"] for d in client.diagnostics(uri)["params"]["diagnostics"]} == {"T101"}
    # a file a directory walk would not check gets no diagnostics; an unsaved plain-text buffer does
    py = _open(client, workspace / "notes.py", ARTICLE, "python")
    untitled = "untitled:Untitled-1"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": untitled, "languageId": "plaintext", "version": 1, "text": ARTICLE}},
    )
    published = client.diagnostics(untitled)
    assert [d["code"] for d in published["params"]["diagnostics"]] == ["T101"]
    assert py not in client.published


def test_markdown_is_read_as_the_command_line_reads_it(client: Client, workspace: Path) -> None:
    text = "```\n代码里,不算。\n```\n\n他说,今天天气很好。\n"
    as_text = _open(client, workspace / "articles" / "c.txt", text)
    as_markdown = _open(client, workspace / "articles" / "c.md", text, "markdown")
    lines_text = [d["range"]["start"]["line"] for d in client.diagnostics(as_text)["params"]["diagnostics"]]
    lines_md = [d["range"]["start"]["line"] for d in client.diagnostics(as_markdown)["params"]["diagnostics"]]
    assert 1 in lines_text and 4 in lines_text  # plain text: both commas
    assert lines_md == [4]  # Markdown: the fenced code is markup, never reported
