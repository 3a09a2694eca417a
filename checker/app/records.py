"""The JSON files zhcheck writes and reads back (baselines, decisions): reading them with
one-line errors, and naming files relative to a directory."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from zhcheck.errors import ZhcheckError


def relative_path(path: str, base: Path) -> str:
    """`path` relative to the directory `base`, with `/` (pseudo-paths such as <stdin> as they are)."""
    if path.startswith("<"):
        return path  # <stdin>, <text>
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


#: the largest baseline or decisions file read
MAX_BYTES = 1 << 30


def read_json(path: str | os.PathLike[str], option: str, what: str) -> Any:
    """A JSON file's content (a regular file, at most MAX_BYTES), or a one-line ZhcheckError
    naming `option` (also for hostile content: not UTF-8, nested too deeply)."""
    from zhcheck.errors import InputError
    from zhcheck.files import read_regular

    try:
        raw, _ = read_regular(os.fspath(path), MAX_BYTES)
    except InputError as exc:
        if str(exc) == "no such file":
            raise ZhcheckError(f"{option}: {path}: no such file") from None
        raise ZhcheckError(f"{option}: cannot read {path} ({exc})") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ZhcheckError(f"{option}: {path}: not a zhcheck {what} (not UTF-8 text)") from None
    except RecursionError:
        raise ZhcheckError(f"{option}: {path}: not a zhcheck {what} (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise ZhcheckError(
            f"{option}: {path}: not a zhcheck {what} (invalid JSON at line {exc.lineno}, column {exc.colno})"
        ) from None
