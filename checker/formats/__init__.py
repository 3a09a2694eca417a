"""Input formats: plain text, Markdown, HTML and Word (.docx).

`format_of(name)` tells the format from a file name; `load(data, path)` decodes a
file into a Document whose `layout` says which of its text is prose and which is
markup. Plain text has no layout.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from zhcheck.errors import InputError

if TYPE_CHECKING:
    from zhcheck.document import Document

FORMATS = ("text", "markdown", "html", "docx")
_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}


def format_of(name: str) -> str:
    """The format a file name's suffix names (text for anything else)."""
    return _SUFFIXES.get(os.path.splitext(name)[1].lower(), "text")


def load(data: bytes, path: str, fmt: str | None = None) -> Document:
    """Decode a file's bytes as `fmt` (default: by the suffix of `path`)."""
    fmt = fmt or format_of(path)
    if fmt == "docx":
        from zhcheck.formats import docx

        return docx.load(data, path)
    from zhcheck.document import decode_bytes

    text, encoding = decode_bytes(data)
    return from_text(text, path, fmt, encoding)


def from_text(text: str, path: str, fmt: str = "text", encoding: str = "utf-8") -> Document:
    """A Document of already decoded text in format `fmt` (not docx, which is binary)."""
    from zhcheck.document import Document

    if fmt == "docx":
        raise InputError("a Word document cannot be read as text")
    if fmt not in ("markdown", "html"):
        return Document(text, path, encoding)
    try:
        if fmt == "markdown":
            from zhcheck.formats import markdown

            return Document(text, path, encoding, layout=markdown.parse(text))
        from zhcheck.formats import html

        checked, layout = html.parse(text)
        return Document(checked, path, encoding, layout=layout)
    except RecursionError:
        raise InputError(f"cannot read it as {fmt} (nested too deeply)") from None
    except Exception as exc:  # a parser's bug must not pass markup off as prose
        raise InputError(f"cannot read it as {fmt} ({exc.__class__.__name__}: {exc})") from None
