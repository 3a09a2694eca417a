"""Directory walks honour `.gitignore` (git's semantics), unless `respect-gitignore = false`."""

from __future__ import annotations

from pathlib import Path

from zhcheck.config import Config
from zhcheck.engine import discover


def _tree(root: Path) -> None:
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("drafts/\n*.bak.txt\n!keep.bak.txt\n/top-only.txt\n", encoding="utf-8")
    for rel in (
        "a.txt",
        "x.bak.txt",
        "keep.bak.txt",
        "top-only.txt",
        "drafts/b.txt",
        "sub/top-only.txt",
        "sub/c.txt",
        "sub/d.txt",
        "sub/deep/e.md",
    ):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("正文。\n", encoding="utf-8")
    (root / "sub" / ".gitignore").write_text("c.txt\ndeep/\n!a.txt\n", encoding="utf-8")


def _found(paths: list[str], root: Path, **config: object) -> list[str]:
    cfg = Config(root=str(root), **config)
    return [Path(p).relative_to(root).as_posix() for p, _ in discover(paths, cfg)]


def test_walk_skips_what_git_ignores(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert _found([str(tmp_path)], tmp_path) == ["a.txt", "keep.bak.txt", "sub/d.txt", "sub/top-only.txt"]


def test_walk_of_a_subfolder_uses_the_gitignore_files_above_it(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "sub" / "x.bak.txt").write_text("正文。\n", encoding="utf-8")
    assert _found([str(tmp_path / "sub")], tmp_path) == ["sub/d.txt", "sub/top-only.txt"]


def test_named_files_and_the_switch(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert _found([str(tmp_path / "drafts" / "b.txt")], tmp_path) == ["drafts/b.txt"]
    everything = _found([str(tmp_path)], tmp_path, respect_gitignore=False)
    assert "drafts/b.txt" in everything and "sub/deep/e.md" in everything and len(everything) == 9


def test_outside_a_work_tree_only_the_walked_folders_files_count(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.txt\n", encoding="utf-8")  # no .git: not a work tree
    inner = tmp_path / "articles"
    inner.mkdir()
    (inner / ".gitignore").write_text("old.txt\n", encoding="utf-8")
    for name in ("new.txt", "old.txt"):
        (inner / name).write_text("正文。\n", encoding="utf-8")
    assert _found([str(inner)], tmp_path) == ["articles/new.txt"]
