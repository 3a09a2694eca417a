"""Where a cluster run's files come from: local paths, fsspec URLs, file lists.

`iter_inputs` yields (path, explicit) like `engine.discover`, lazily, so a driver
can start an archive of millions of files without holding its listing: local
paths and directories as `discover` finds them, URLs of any filesystem fsspec
knows (`s3://`, `gs://`, `hdfs://`, `file://`; a prefix is walked for the
`include`/`exclude` patterns, matched against the path below it), and the lines
of a file list (`--files-from`; `-` is standard input). `read_bytes` reads one
input, local or remote, within the size limit; it runs in the workers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from zhcheck.config import Config, path_matches
from zhcheck.document import read_file_bytes
from zhcheck.engine import discover
from zhcheck.errors import InputError, ZhcheckError


def is_url(path: str) -> bool:
    """True for `protocol://...` (fsspec) inputs."""
    return "://" in path


def _filesystem(url: str) -> tuple[Any, str]:
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # an unknown protocol or its package missing
        raise ZhcheckError(f"{url}: {exc}") from None


def check_exists(path: str) -> None:
    """Raise a one-line error when a named input does not exist."""
    if is_url(path):
        fs, root = _filesystem(path)
        try:
            found = fs.exists(root)
        except Exception as exc:  # network, credentials: say so in one line
            raise ZhcheckError(f"{path}: cannot reach ({type(exc).__name__}: {exc})") from None
        if not found:
            raise ZhcheckError(f"{path}: no such file or directory")
    elif path != "-" and not os.path.exists(path):
        raise ZhcheckError(f"{path}: no such file or directory")


def iter_inputs(paths: Iterable[str], config: Config, files_from: str | None = None) -> Iterator[tuple[str, bool]]:
    """(path, explicit) of every file to check, in a deterministic order."""
    for p in paths:
        if is_url(p):
            yield from _walk_url(p, config)
        else:
            yield from discover([p], config)
    if files_from is not None:
        yield from _listed(files_from)


def _walk_url(url: str, config: Config) -> Iterator[tuple[str, bool]]:
    fs, root = _filesystem(url)
    if not fs.isdir(root):
        yield url, True
        return
    root = root.rstrip("/")
    for directory, dirs, files in fs.walk(root):
        rel_dir = directory[len(root) :].strip("/")
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not path_matches(f"{rel_dir}/{d}".strip("/"), config.exclude, "")
        )
        for name in sorted(files):
            rel = f"{rel_dir}/{name}".strip("/")
            if path_matches(rel, config.include, "") and not path_matches(rel, config.exclude, ""):
                yield fs.unstrip_protocol(f"{directory.rstrip('/')}/{name}"), False


def _listed(files_from: str) -> Iterator[tuple[str, bool]]:
    """The paths of a file list, one a line (blank lines and `#` comments skipped)."""
    try:
        fh = sys.stdin if files_from == "-" else open(files_from, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise ZhcheckError(f"--files-from: cannot read {files_from} ({exc.strerror})") from None
    try:
        for line in fh:
            path = line.strip()
            if path and not path.startswith("#"):
                yield path, True
    except UnicodeDecodeError:
        raise ZhcheckError(f"--files-from: {files_from} is not UTF-8 text") from None
    finally:
        if fh is not sys.stdin:
            fh.close()


def read_bytes(path: str, max_bytes: int) -> bytes:
    """A local file's or a URL's content; InputError with a one-line reason."""
    if not is_url(path):
        return read_file_bytes(path, max_bytes)
    try:
        fs, target = _filesystem(path)
        size = fs.size(target)
        if size is not None and size > max_bytes:
            raise InputError(
                f"file too large ({size / 1048576:.1f} MiB > {max_bytes / 1048576:.0f} MiB limit; "
                "raise max-file-size in the config)"
            )
        with fs.open(target, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except Exception as exc:  # network errors, permissions: one line for the report
        raise InputError(f"cannot read ({type(exc).__name__}: {exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"file too large (> {max_bytes / 1048576:.0f} MiB limit; raise max-file-size in the config)")
    return data
