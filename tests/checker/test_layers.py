"""The three layers stay apart: the engine never imports the rules, a family never imports
another family, the language kit imports no family, and no module imports itself back
(an import cycle), counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FAMILIES = ("duplicate", "garbled", "ocr", "layout", "typography")


def _module_name(path: Path) -> str:
    """The import name of a source file (checker/ installs as zhcheck, rules/ as zhcheck.rules)."""
    top, *rest = path.relative_to(ROOT).with_suffix("").parts
    parts = ["zhcheck"] + (["rules"] if top == "rules" else []) + rest
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    return {_module_name(p): p for d in ("checker", "rules") for p in sorted((ROOT / d).rglob("*.py"))}


def _imports(path: Path, name: str) -> set[str]:
    """Every module `path` imports at run time (absolute or relative, at any depth; not the
    annotations-only imports under `if TYPE_CHECKING:`), plus the module names given to
    importlib.import_module as string constants."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            out.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return out


GRAPH = {name: _imports(path, name) for name, path in _sources().items()}


def _project_imports(name: str) -> set[str]:
    return {m for m in GRAPH[name] if m in GRAPH}


def test_the_engine_never_imports_the_rules() -> None:
    offenders = {
        name: sorted(m for m in GRAPH[name] if m == "zhcheck.rules" or m.startswith("zhcheck.rules."))
        for name in GRAPH
        if not name.startswith("zhcheck.rules")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("family", FAMILIES)
def test_a_family_imports_only_the_engine_the_language_kit_and_itself(family: str) -> None:
    own = f"zhcheck.rules.{family}"
    bad = {
        name: sorted(
            m
            for m in _project_imports(name)
            if m.startswith("zhcheck.rules") and not m.startswith(("zhcheck.rules.lang", own))
        )
        for name in GRAPH
        if name == own or name.startswith(own + ".")
    }
    assert {k: v for k, v in bad.items() if v} == {}


def test_the_language_kit_imports_no_family() -> None:
    bad = {
        name: sorted(m for m in _project_imports(name) if any(m.startswith(f"zhcheck.rules.{f}") for f in FAMILIES))
        for name in GRAPH
        if name.startswith("zhcheck.rules.lang")
    }
    assert {k: v for k, v in bad.items() if v} == {}


def test_no_import_cycle() -> None:
    """Between modules (a package importing its own submodules is how it registers them)."""
    edges = {name: {m for m in _project_imports(name) if m != name and not m.startswith(name + ".")} for name in GRAPH}
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_layering_check_sees_imports() -> None:
    """The graph is not empty by accident: known edges are in it."""
    assert "zhcheck.rules.lang.lexicon" in _project_imports("zhcheck.rules.ocr.names")
    assert "zhcheck.document" in _project_imports("zhcheck.rules.typography")
    assert "zhcheck.rules.duplicate.stutter" in _project_imports("zhcheck.rules.duplicate")
