"""How the HTML report dresses a Markdown document: styles over the source text.

The report shows every document as its source, character for character, so
that each finding's offsets stay valid; for Markdown it adds styles on top:
line styles from the block structure (headings, quotes, list items, code,
tables; parsed with markdown-it-py) and inline styles (emphasis, code spans,
links), with the syntax characters (`#`, `**`, `](url)`) muted. The result is
plain data: `{"lines": {line: class}, "spans": [[start, end, class], ...]}`
(1-based lines, code-point offsets).
"""

from __future__ import annotations

import re
from typing import Any

from zhcheck.lazyre import lazy

_FRONT_MATTER = lazy(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
_LINE_BREAK = lazy(r"\r\n|\n|\r")
#: block tokens -> line style of the lines they map to
_BLOCKS = {
    "blockquote_open": "md-quote",
    "fence": "md-code",
    "code_block": "md-code",
    "hr": "md-hr",
    "table_open": "md-table",
    "html_block": "md-html",
}
#: markers at the start of a line: heading hashes, quote marks, list bullets
_LINE_MARKERS = lazy(r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}(?=[ \t]|$)[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_CLOSING_HASHES = lazy(r"[ \t]+#+[ \t]*$")
_INLINE: list[tuple[re.Pattern[str], str]] = [
    (lazy(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)"), "md-code"),
    (lazy(r"(!?\[)([^\]\n]*)(\]\([^)\n]*\))"), "md-link"),
    (lazy(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), "md-strong"),
    (lazy(r"(?<![*A-Za-z0-9])(\*)(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"), "md-em"),
    (lazy(r"()(</?[A-Za-z][^<>\n]*>)()"), "md-tag"),
]


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def view(text: str) -> dict[str, Any]:
    """The styles of a Markdown document's source text."""
    from markdown_it import MarkdownIt

    starts = _line_starts(text)
    lines: dict[int, str] = {}
    spans: list[list[Any]] = []
    skip: set[int] = set()  # lines not scanned for inline markup (code, HTML, front matter)
    source = text
    front = _FRONT_MATTER.match(text)
    if front:
        n = len(_line_starts(front.group()))  # its lines (the match stops before the last line break)
        for line in range(1, n + 1):
            lines[line] = "md-front"
            skip.add(line)
        # blank the front matter out (same number of lines) so the parser does not read it
        source = "\n" * (n - 1) + text[front.end() :]
    tokens = MarkdownIt("commonmark").enable("table").parse(_LINE_BREAK.sub("\n", source))
    for tok in tokens:
        if tok.map is None:
            continue
        first, last = tok.map[0] + 1, tok.map[1]  # 1-based, inclusive
        if tok.type == "heading_open":
            lines[first] = f"md-{tok.tag}"
        elif tok.type == "list_item_open":
            lines.setdefault(first, "md-li")
        elif tok.type in _BLOCKS:
            for line in range(first, last + 1):
                if tok.type in ("fence", "code_block", "html_block"):
                    skip.add(line)
                if line not in lines or tok.type != "blockquote_open":
                    lines[line] = _BLOCKS[tok.type]
    for line in range(1, len(starts) + 1):
        if line in skip or (line not in lines and not _has_markup(text, starts, line)):
            continue
        spans.extend(_inline(text, starts, line))
    return {"lines": {str(k): v for k, v in sorted(lines.items())}, "spans": spans}


def _line(text: str, starts: list[int], line: int) -> tuple[int, str]:
    s = starts[line - 1]
    e = starts[line] if line < len(starts) else len(text)
    return s, text[s:e].rstrip("\r\n")


def _has_markup(text: str, starts: list[int], line: int) -> bool:
    _, body = _line(text, starts, line)
    return any(c in body for c in "*_`[<")


def _inline(text: str, starts: list[int], line: int) -> list[list[Any]]:
    s, body = _line(text, starts, line)
    out: list[list[Any]] = []
    m = _LINE_MARKERS.match(body)
    lead = m.end() if m and m.end() else 0
    if lead:
        out.append([s, s + lead, "md-mark"])
    close = _CLOSING_HASHES.search(body) if body.lstrip().startswith("#") else None
    if close:
        out.append([s + close.start(), s + close.end(), "md-mark"])
    taken: list[tuple[int, int]] = []
    for pattern, cls in _INLINE:
        for im in pattern.finditer(body, lead):
            if any(a < im.end() and im.start() < b for a, b in taken):
                continue  # inside a code span or a link already styled
            taken.append(im.span())
            opener, inner = im.span(1), im.span(2)
            closer = im.span(3) if pattern.groups >= 3 else (inner[1], im.end())
            if opener[1] > opener[0]:
                out.append([s + opener[0], s + opener[1], "md-mark"])
            out.append([s + inner[0], s + inner[1], cls])
            if closer[1] > closer[0]:
                out.append([s + closer[0], s + closer[1], "md-url" if cls == "md-link" else "md-mark"])
    return sorted(out)
