"""HTML: the page's visible text, with every character mapped back to the source.

Python's HTML tokenizer (`html.parser`, with character references left to us)
reports each tag, text run, reference and comment with its position, so the
text the rules read can be built piece by piece beside a map to the source.
What a browser shows is kept, page furniture included (navigation, breadcrumbs,
footers: the web-debris rules look for them): block elements end a line, `<br>`
breaks one, table cells are paragraphs of their own, white space collapses as
CSS does (a line break between two Chinese characters disappears), entities are
decoded. A private-use character or two that make the whole text of an element are
an icon font's glyph (`<i class="iconfont">&#xe62c;</i>`): a picture, left out like
hidden text (a line of icons is no paragraph). Never shown, never checked: the head, scripts, styles, templates,
`hidden` elements and comments; code (`<code>`, `<pre>`, `<kbd>`, `<samp>`) is
shown but is markup.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from html.parser import HTMLParser

from zhcheck.formats.layout import Block, Layout, SourceMap, merge_regions
from zhcheck.lazyre import lazy

_HIDDEN = frozenset(
    ("head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "select", "textarea")
)
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)
_BLOCK_KIND = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "heading"),
    **dict.fromkeys(("li", "dt", "dd"), "list_item"),
    **dict.fromkeys(("td", "th"), "table_cell"),
    "blockquote": "blockquote",
    "figcaption": "caption",
    "caption": "caption",
}
_BLOCKS = frozenset(
    (
        *_BLOCK_KIND,
        "address", "article", "aside", "body", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figure", "footer", "form", "header", "hgroup", "hr", "html", "legend", "main", "menu", "nav", "ol",
        "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "option",
    )
)  # fmt: skip
_CODE = frozenset(("code", "pre", "kbd", "samp"))
_DIRECTIVE = lazy(r"^\s*zhcheck-")
_DISPLAY_NONE = lazy(r"display\s*:\s*none", re.IGNORECASE)
#: what HTML collapses as white space
_SPACE = " \t\n\r\f"
_WS = lazy(f"[{_SPACE}]+")
#: longest run of private-use characters taken for an icon font's glyphs
_ICON_MAX = 3
_TAG_AFTER = lazy(f"[{_SPACE}]*<")


def _wide(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in "WF"


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._nl = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.length = 0
        self.map = SourceMap(source)
        self.hidden: list[str] = []  # open elements whose content is not shown
        self.open_blocks: list[str] = ["paragraph"]
        self.code_depth = 0
        self.markup: list[tuple[int, int]] = []
        self.blocks: list[Block] = []
        self.line_start = 0  # checked offset where the current line starts
        self.line_kind = "paragraph"
        self.pending_ws: tuple[int, int, bool] | None = None  # source span, contains a line break
        self.directives: list[tuple[int, int]] = []
        self.directive_texts: list[str] = []

    # positions ------------------------------------------------------------------
    def _here(self) -> int:
        line, col = self.getpos()
        return self._nl[line - 1] + col

    def _emit(self, text: str, s: int, m: int) -> None:
        if not text:
            return
        if self.length == self.line_start:
            self.line_kind = self.open_blocks[-1]
        self.map.add(self.length, len(text), s, m)
        if self.code_depth:
            self.markup.append((self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def _last_char(self) -> str:
        return self.parts[-1][-1] if self.parts and self.length > self.line_start else ""

    def _text(self, text: str, s: int, m: int) -> None:
        """Visible text (already decoded) standing for source[s:s+m]."""
        if self._icon(text, s, m):
            return  # an icon font's glyph (<span class="iconfont">&#xe62c;</span>): a picture, no text
        if self.pending_ws is not None:
            ws_start, ws_end, newline = self.pending_ws
            self.pending_ws = None
            if self.length > self.line_start and not (newline and _wide(self._last_char()) and _wide(text[0])):
                exact = self.source[ws_start:ws_end] == " "
                self._emit(" ", ws_start, 1 if exact else ws_end - ws_start)
        self._emit(text, s, m)

    def _icon(self, text: str, s: int, m: int) -> bool:
        """Is `text` (source[s:s+m]) an icon font's glyph: a private-use character or two, the
        whole text of its element? One between words (开馆当天&#xe003;读者, a blank on either
        side) or a line of them is mojibake."""
        if not text or len(text) > _ICON_MAX or any(unicodedata.category(c) != "Co" for c in text):
            return False
        before = s - 1
        while before >= 0 and self.source[before] in _SPACE:
            before -= 1
        return before >= 0 and self.source[before] == ">" and _TAG_AFTER.match(self.source, s + m) is not None

    def _break(self, pos: int, force: bool = False) -> None:
        """End the current line (a block boundary, or a <br> when `force`)."""
        self.pending_ws = None
        if self.length > self.line_start or force:
            if self.length > self.line_start:
                self.blocks.append(Block(self.line_start, self.length, self.line_kind))
            self.map.add(self.length, 1, pos, 0)
            self.parts.append("\n")
            self.length += 1
            self.line_start = self.length

    # tokenizer events -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._here()
        hidden = tag in _HIDDEN or any(
            k == "hidden" or (k == "style" and v and _DISPLAY_NONE.search(v)) or (k == "aria-hidden" and v == "true")
            for k, v in attrs
        )
        if tag == "body" and self.hidden and self.hidden[0] == "head":
            self.hidden.clear()  # a head without its end tag ends where the body starts
        if self.hidden:
            if tag not in _VOID:
                self.hidden.append(tag)
            return
        if hidden and tag not in _VOID:
            self.hidden.append(tag)
            return
        if tag == "br":
            self._break(pos, force=True)
        elif tag in _BLOCKS:
            self._break(pos)
            if tag not in _VOID:
                self.open_blocks.append(_BLOCK_KIND.get(tag, self.open_blocks[-1] if tag != "p" else "paragraph"))
        if tag in _CODE:
            self.code_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.hidden and tag in ("br", "hr", "p", "div"):
            self._break(self._here(), force=tag == "br")

    def handle_endtag(self, tag: str) -> None:
        pos = self._here()
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
            return
        if tag in _CODE and self.code_depth:
            self.code_depth -= 1
        if tag in _BLOCKS and tag not in _VOID:
            self._break(pos)
            if len(self.open_blocks) > 1:
                self.open_blocks.pop()

    def handle_data(self, data: str) -> None:
        if self.hidden or not data:
            return
        pos = self._here()
        i = 0
        for m in _WS.finditer(data):
            if m.start() > i:
                self._text(data[i : m.start()], pos + i, m.start() - i)
            ws = m.group(0)
            if self.pending_ws is None:
                self.pending_ws = (pos + m.start(), pos + m.end(), "\n" in ws or "\r" in ws)
            else:
                a, _, nl = self.pending_ws
                self.pending_ws = (a, pos + m.end(), nl or "\n" in ws or "\r" in ws)
            i = m.end()
        if i < len(data):
            self._text(data[i:], pos + i, len(data) - i)

    def _reference(self, raw_name: str, numeric: bool) -> None:
        if self.hidden:
            return
        pos = self._here()
        raw = ("&#" if numeric else "&") + raw_name
        if self.source.startswith(raw + ";", pos):
            raw += ";"
        text = html.unescape(raw)
        if text.isspace() and text not in ("\u00a0", "\u3000"):
            self.handle_data(" ")
            return
        self._text(text, pos, len(raw))

    def handle_entityref(self, name: str) -> None:
        self._reference(name, numeric=False)

    def handle_charref(self, name: str) -> None:
        self._reference(name, numeric=True)

    def handle_comment(self, data: str) -> None:
        if self.hidden or not _DIRECTIVE.match(data):
            return
        at = self.length - 1 if self.length == self.line_start and self.length else self.length
        self.directives.append((at, at))
        self.directive_texts.append(f"<!--{data}-->")

    def finish(self) -> tuple[str, Layout]:
        self.close()
        self._break(len(self.source))
        text = "".join(self.parts)
        layout = Layout(
            fmt="html",
            markup=merge_regions(self.markup),
            blocks=self.blocks,
            directives=self.directives,
            directive_texts=self.directive_texts,
            source=self.map,
        )
        return text, layout


def parse(source: str) -> tuple[str, Layout]:
    """The visible text of an HTML page and its layout (with the map back to `source`)."""
    ex = _Extractor(source)
    ex.feed(source)
    return ex.finish()


def line_of(source: str, offset: int) -> int:
    """1-based line of `offset` in `source` (for tests and messages)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", source)]
    return bisect.bisect_right(starts, offset)
