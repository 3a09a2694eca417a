"""`.gitignore` files on directory walks, with git's semantics (pathspec's `GitIgnoreSpec`).

A walk below a git work tree (a folder with `.git` above or at the walked directory)
honours every `.gitignore` from the work tree's top down to each file; outside a work
tree, the `.gitignore` files inside the walked directory. As in git, a deeper file
overrides a shallower one, `!pattern` re-includes, and the contents of an ignored
directory are never visited. `.git/info/exclude` and the global excludes file are not
read. Files named on the command line are always checked.
"""

from __future__ import annotations

import os

from pathspec import GitIgnoreSpec


def work_tree_top(directory: str) -> str | None:
    """The nearest folder at or above `directory` that holds `.git` (None outside a work tree)."""
    here = os.path.abspath(directory)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


class GitIgnore:
    """Answers "does git ignore this path?" for the paths below one walked directory."""

    def __init__(self, walked: str) -> None:
        self.walked = os.path.abspath(walked)
        self.top = work_tree_top(self.walked) or self.walked
        self._specs: dict[str, GitIgnoreSpec | None] = {}

    def _spec(self, directory: str) -> GitIgnoreSpec | None:
        if directory not in self._specs:
            try:
                with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace") as fh:
                    self._specs[directory] = GitIgnoreSpec.from_lines(fh)
            except OSError:
                self._specs[directory] = None
        return self._specs[directory]

    def _folders(self, path: str) -> list[str]:
        """The folders from the top down to the one holding `path` (absolute)."""
        chain = []
        folder = os.path.dirname(path)
        while True:
            chain.append(folder)
            if folder == self.top or len(folder) <= len(self.top):
                break
            folder = os.path.dirname(folder)
        return chain[::-1]

    def ignored(self, path: str, is_dir: bool) -> bool:
        """True when the `.gitignore` files above `path` ignore it (the deepest decision wins)."""
        path = os.path.abspath(path)
        if not path.startswith(self.top + os.sep):
            return False
        decision = False
        for folder in self._folders(path):
            spec = self._spec(folder)
            if spec is None:
                continue
            rel = os.path.relpath(path, folder).replace(os.sep, "/") + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                decision = result.include
        return decision
