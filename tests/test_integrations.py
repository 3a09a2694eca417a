"""The GitHub Action (action.yml), the pre-commit hooks and the README's workflow that uses them.

The action's shell steps are run here with bash as the runner would run them (inputs as
environment variables, `$GITHUB_OUTPUT` a file), with the installed `zhcheck`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEEDS

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
BIN = str(Path(sys.executable).parent)


def _step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def _run_step(name: str, cwd: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run one `run:` step with bash, its `env:` filled from `inputs` (as `${{ inputs.x }}` would be)."""
    step = _step(name)
    out = cwd / "github_output"
    out.write_text("", encoding="utf-8")
    env = dict(os.environ, GITHUB_OUTPUT=str(out), PATH=BIN + os.pathsep + os.environ["PATH"])
    for key, value in step.get("env", {}).items():
        ref = re.fullmatch(r"\$\{\{ (inputs|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))? \}\}", value)
        assert ref, value
        name_ = ref.group(2) if ref.group(1) == "inputs" else ref.group(3)
        env[key] = inputs.get(name_, ACTION["inputs"].get(name_, {}).get("default", ""))
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)
    outputs = dict(line.split("=", 1) for line in out.read_text(encoding="utf-8").splitlines() if "=" in line)
    return done, outputs


def test_action_declares_every_input_its_steps_use() -> None:
    assert ACTION["runs"]["using"] == "composite"
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == set(ACTION["inputs"])
    assert all("shell" in s for s in ACTION["runs"]["steps"] if "run" in s)
    assert ACTION["inputs"]["format"]["default"] == "github"
    # the script never splices an input into the shell text (only through the environment)
    assert not any("${{" in s.get("run", "") for s in ACTION["runs"]["steps"])


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:1]:
        shutil.copy(p, d / p.name)
    (tmp_path / "clean.txt").write_text("今天天气很好。\n", encoding="utf-8")
    return tmp_path


def test_action_check_step_annotates_and_records_the_status(articles: Path) -> None:
    done, outputs = _run_step("Check", articles, paths="articles clean.txt", args="--no-cache")
    assert done.returncode == 0, done.stderr  # the step itself goes on: the Result step fails the job
    assert outputs == {"exit-code": "1"}
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any("file=articles/" in line for line in lines)

    done, outputs = _run_step("Check", articles, paths="clean.txt", args="--no-cache")
    assert outputs == {"exit-code": "0"} and done.stdout == ""
    done, outputs = _run_step(
        "Check", articles, paths="articles", args="--no-cache --select T101", **{"fail-on": "never"}
    )
    assert outputs == {"exit-code": "0"} and "title=T101" in done.stdout


def test_action_sarif_and_result_steps(articles: Path) -> None:
    done, outputs = _run_step("Write SARIF", articles, paths="articles", args="--no-cache")
    assert done.returncode == 0, done.stderr
    assert outputs == {"file": "zhcheck.sarif"} and '"version": "2.1.0"' in (articles / "zhcheck.sarif").read_text()
    assert _step("Upload SARIF")["uses"].startswith("github/codeql-action/upload-sarif@")
    result = _step("Result")
    for status, expected in (("0", 0), ("1", 1), ("2", 2)):
        env = dict(os.environ, STATUS=status)
        assert subprocess.run(["bash", "-c", result["run"]], env=env, capture_output=True).returncode == expected


def test_readme_workflow_uses_the_action_with_its_inputs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    workflow = next(yaml.safe_load(b) for b in blocks if "runs-on" in b)
    steps = workflow["jobs"]["zhcheck"]["steps"]
    ours = [s for s in steps if "/zhcheck@" in s.get("uses", "")]
    assert len(ours) == 1 and set(ours[0]["with"]) <= set(ACTION["inputs"])
    assert not any("pip install" in s.get("run", "") for s in steps)  # no source checkout of zhcheck


def test_zhcheck_fix_hook_repairs_the_files_it_is_given(tmp_path: Path) -> None:
    hook = HOOKS["zhcheck-fix"]
    assert re.search(hook["files"], "a.md") and not re.search(hook["files"], "a.py")
    staged = tmp_path / "a.txt"
    staged.write_text("他说,今天天气很好。\n", encoding="utf-8")
    untouched = tmp_path / "b.txt"
    untouched.write_text("他说,明天下雨。\n", encoding="utf-8")
    argv = [*shlex.split(hook["entry"]), *hook.get("args", []), str(staged)]  # pre-commit appends the file names
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ["PATH"])
    done = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert staged.read_text(encoding="utf-8") == "他说，今天天气很好。\n"
    assert untouched.read_text(encoding="utf-8") == "他说,明天下雨。\n"
    again = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 0 and staged.read_text(encoding="utf-8") == "他说，今天天气很好。\n"
