"""The distribution: package list, the built wheel's contents, run-time dependencies."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import zhcheck

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: packages that must never be run-time dependencies (an ML stack, or only a test's reference or a data source)
BUILD_ONLY = {"pycorrector", "datasketch", "jieba", "torch", "transformers", "datasets", "pandas", "pyarrow", "scipy"}


def _source_folders() -> dict[str, Path]:
    """Every import package the source tree holds: name -> folder (folders with `__init__.py`)."""
    out = {}
    for name, folder in PYPROJECT["tool"]["setuptools"]["package-dir"].items():
        base = ROOT / folder
        for init in base.rglob("__init__.py"):
            out[".".join([name, *init.parent.relative_to(base).parts])] = init.parent
    return out


def test_package_list_matches_the_folders() -> None:
    setuptools_cfg = PYPROJECT["tool"]["setuptools"]
    assert setuptools_cfg["package-dir"] == {"zhcheck": "checker", "zhcheck.rules": "rules"}
    assert sorted(setuptools_cfg["packages"]) == sorted(_source_folders())


def _requirement_name(req: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", req, maxsplit=1)[0].lower().replace("_", "-")


def test_run_time_dependencies_hold_no_build_only_package() -> None:
    runtime = {_requirement_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert not runtime & BUILD_ONLY
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert "pycorrector" in {_requirement_name(r) for r in extras["lexdata"]}
    assert {"datasketch", "jieba"} <= {_requirement_name(r) for r in extras["dev"]}
    assert "jieba" in {_requirement_name(r) for r in extras["jiebadata"]}


def test_nothing_at_run_time_imports_jieba() -> None:
    """jieba is the source of the segmenter's index and the tags (tools/build_jieba_data.py) and
    the tests' reference: the engine and the rules read the copies in their data folders."""
    uses = re.compile(r"^\s*(import jieba|from jieba\b)|find_spec\(\"jieba\"\)", re.M)
    found = [
        py.relative_to(ROOT).as_posix()
        for folder in ("checker", "rules")
        for py in (ROOT / folder).rglob("*.py")
        if uses.search(py.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_rule_reads_an_installed_pycorrector() -> None:
    """Only the build code (resources.pycorrector_source and charstats.build, run by tools/) may
    locate pycorrector's files; the rules read the copies in rules/data/pycorrector/."""
    callers = set()
    for folder in ("checker", "rules"):
        for py in (ROOT / folder).rglob("*.py"):
            if "pycorrector_source(" in py.read_text(encoding="utf-8"):
                callers.add(py.relative_to(ROOT).as_posix())
    assert callers <= {"rules/lang/resources.py", "rules/lang/charstats.py"}
    source = (ROOT / "rules/lang/charstats.py").read_text(encoding="utf-8")
    reader = source[source.index("def _table") :]
    assert "pycorrector" not in reader


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a clean copy of the sources (no stale build/ folder can leak in)."""
    pytest.importorskip("build")
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for folder in ("checker", "rules"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (path,) = out.glob("*.whl")
    return path


def test_wheel_installs_only_under_zhcheck(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names}
    assert top == {"zhcheck", f"zhcheck-{zhcheck.__version__}.dist-info"}
    assert "zhcheck/rules/__init__.py" in names and "zhcheck/app/cli.py" in names
    assert not any(n.startswith(("checker/", "rules/")) for n in names)


def test_wheel_carries_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for folder, prefix in (
        ("rules/data", "zhcheck/rules/data"),
        ("checker/data", "zhcheck/data"),
        ("checker/report/templates", "zhcheck/report/templates"),
    ):
        for f in (ROOT / folder).rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                expected.add(f"{prefix}/{f.relative_to(ROOT / folder).as_posix()}")
    assert "zhcheck/rules/data/pycorrector/LICENSE" in expected
    assert {"zhcheck/data/segmenter/LICENSE", "zhcheck/rules/data/jieba/LICENSE"} <= expected
    assert expected <= names, sorted(expected - names)


def test_wheel_metadata(wheel: Path) -> None:
    z = zipfile.ZipFile(wheel)
    dist_info = f"zhcheck-{zhcheck.__version__}.dist-info"
    meta = Parser().parsestr(z.read(f"{dist_info}/METADATA").decode())
    assert meta["Version"] == zhcheck.__version__  # one source: zhcheck.__version__
    unconditional = {_requirement_name(r) for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r}
    assert {"marisa-trie", "rjieba", "opencc", "pygls", "pathspec"} <= unconditional
    assert not unconditional & BUILD_ONLY
    entry_points = z.read(f"{dist_info}/entry_points.txt").decode()
    assert "zhcheck = zhcheck.app.cli:main" in entry_points
    assert "builtin = zhcheck.rules" in entry_points
