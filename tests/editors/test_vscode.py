"""The VS Code extension (editors/vscode/): a thin client of `zhcheck server`.

Building the .vsix needs npm and the network: `bash editors/vscode/build.sh` (not run here).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

import zhcheck
from tests.conftest import ROOT

EXTENSION = ROOT / "editors" / "vscode"
MANIFEST = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))


def test_manifest_starts_the_server_for_text_and_markdown() -> None:
    assert MANIFEST["version"] == zhcheck.__version__
    assert (EXTENSION / MANIFEST["main"]).is_file()
    assert set(MANIFEST["activationEvents"]) == {"onLanguage:plaintext", "onLanguage:markdown"}
    assert MANIFEST["contributes"]["configuration"]["properties"]["zhcheck.path"]["default"] == "zhcheck"
    source = (EXTENSION / "extension.js").read_text(encoding="utf-8")
    assert 'args: ["server"]' in source and "TransportKind.stdio" in source
    lock = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["dependencies"] == MANIFEST["dependencies"]


def test_the_server_command_exists(runner) -> None:
    from zhcheck.app.cli import main

    res = runner.invoke(main, ["server", "--help"])
    assert res.exit_code == 0 and "--stdio" in res.output


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_extension_script_parses() -> None:
    subprocess.run(["node", "--check", str(EXTENSION / "extension.js")], check=True, timeout=30)
