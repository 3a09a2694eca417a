"""What a markup parser tells the engine about a document: prose blocks, markup regions,
and (for formats whose checked text is not the file's text) where each character came from.

Offsets in a Layout are offsets into the text the rules read (`Document.text`). For
Markdown and Word that text is the file's own text; for HTML it is the page's visible
text, and `source` maps it back to the HTML file.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: block kinds whose boundaries the markup declares; never joined with a neighbour
#: ("wrapped": a line of a paragraph that goes on over several source lines)
STRUCTURAL = frozenset(("heading", "list_item", "table_cell", "markup", "wrapped"))


@dataclass(frozen=True)
class Block:
    """A run of prose the markup declares as one unit: `kind` is paragraph, heading,
    list_item, blockquote, table_cell, caption, wrapped (a paragraph over several
    lines), or markup (a line with no prose)."""

    start: int
    end: int
    kind: str


@dataclass
class SourceMap:
    """Checked text -> source text, as runs: checked[c:c+n] stands for source[s:s+m].

    Runs with n == m (`exact`) map character by character; others (an entity, collapsed
    white space, a block break) map as a whole.
    """

    source: str
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)  # (c, n, s, m)
    _starts: list[int] = field(default_factory=list, repr=False)

    def add(self, c: int, n: int, s: int, m: int) -> None:
        self.runs.append((c, n, s, m))
        self._starts.append(c)

    def _run(self, c: int) -> tuple[int, int, int, int] | None:
        i = bisect.bisect_right(self._starts, c) - 1
        return self.runs[i] if i >= 0 else None

    def start(self, c: int) -> int:
        """Source offset of the checked character at `c` (a span's start)."""
        run = self._run(c)
        if run is None:
            return 0
        rc, n, s, m = run
        if c >= rc + n:
            return s + m
        return s + (c - rc) if n == m else s

    def end(self, c: int) -> int:
        """Source offset just after the checked character before `c` (a span's end)."""
        if c <= 0:
            return self.start(0)
        rc, n, s, m = self._run(c - 1) or (0, 0, 0, 0)
        if c > rc + n:
            return s + m
        return s + (c - rc) if n == m else s + m

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start == end:
            p = self.end(start)
            return p, p
        return self.start(start), max(self.start(start), self.end(end))


@dataclass
class Layout:
    """A parsed document: `fmt` (markdown, html, docx), prose blocks, markup regions
    (sorted, disjoint), suppression directives (start, end of each comment in the
    checked text, or where it stood), and for HTML the source map."""

    fmt: str
    markup: list[tuple[int, int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    directives: list[tuple[int, int]] = field(default_factory=list)
    directive_texts: list[str] = field(default_factory=list)
    source: SourceMap | None = None
    #: offsets where the user's "lines" start (Word: paragraphs); None: the text's lines
    line_starts: list[int] | None = None


def merge_regions(regions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint regions (overlapping and touching ones merged, empty ones dropped)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(r for r in regions if r[0] < r[1]):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


class Regions:
    """Sorted disjoint regions with the questions the engine and the fixer ask."""

    def __init__(self, regions: Sequence[tuple[int, int]] = ()) -> None:
        self.regions = list(regions)
        self._starts = [a for a, _ in self.regions]

    def __bool__(self) -> bool:
        return bool(self.regions)

    def __iter__(self):
        return iter(self.regions)

    def at(self, pos: int) -> tuple[int, int] | None:
        """The region whose characters include `pos`."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.regions[i][0] <= pos < self.regions[i][1]:
            return self.regions[i]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Regions sharing a character with [start, end), or strictly around an empty span."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        out = []
        while i < len(self.regions) and self.regions[i][0] < max(end, start + 1):
            a, b = self.regions[i]
            if (a < end and start < b) if start < end else (a < start < b):
                out.append((a, b))
            i += 1
        return out

    def covers(self, text: str, start: int, end: int) -> bool:
        """Every character of text[start:end] but white space is markup."""
        pos = start
        for a, b in self.overlapping(start, end):
            if a > pos and text[pos:a].strip():
                return False
            pos = max(pos, b)
        return pos >= end or not text[pos:end].strip()

    def cuts(self, start: int, end: int) -> bool:
        """A span that starts or ends strictly inside a region, or lies within one."""
        if start == end:
            r = self.at(start)
            return r is not None and r[0] < start
        first, last = self.at(start), self.at(end - 1)
        if first is not None and (first[0] < start or end <= first[1]):
            return True
        return last is not None and end < last[1]


def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether the region [start, end) is all there is on its lines (blanks aside)."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return not text[first:start].strip() and not text[end : len(text) if last < 0 else last].strip()


def _at_line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in "\r\n"


def _at_line_end(text: str, pos: int) -> bool:
    return pos == len(text) or text[pos] in "\r\n"


def edits_allowed(text: str, markup: Regions, edits: Sequence[tuple[int, int, str]]) -> bool:
    """May these edits (one fix's: start, end, replacement) be applied without damaging markup?

    An edit must not touch markup, unless every markup region it touches lies wholly
    inside what it deletes and is either moved (the fix inserts the region's text
    again) or deleted with whole lines (a duplicate paragraph and its link go together).
    A line that is markup alone (a line of a fenced code block, an HTML block, a table's
    rule) holds no prose: no fix deletes it. An insertion strictly inside markup is refused.
    """
    if not markup:
        return True
    inserted = "".join(r for _, _, r in edits)
    for start, end, _ in edits:
        for a, b in markup.overlapping(start, end):
            if not (start <= a and b <= end):
                return False
            if text[a:b] in inserted:
                continue
            if _whole_line(text, a, b):
                return False  # a line of markup alone (a code block's, an HTML block's) holds no prose
            whole = (_at_line_start(text, start) and _at_line_start(text, end)) or (
                _at_line_end(text, start) and _at_line_end(text, end)
            )
            if not whole:
                return False
    return True
