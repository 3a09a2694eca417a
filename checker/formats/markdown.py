"""Markdown: which characters of the source are prose and which are markup.

The text the rules read is the source itself (offsets, lines and columns are the
file's); markdown-it-py (CommonMark plus GFM tables and strikethrough) tells what
is markup. Block tokens carry only line numbers, so each inline token's content
is located on its source lines, and the inline parser's rules are wrapped to
record the positions they consume (code spans, link and image syntax, autolinks,
inline HTML, entities, escapes, emphasis delimiters that did pair up). Anything
on a line that is not inside a located inline content (code blocks, HTML blocks,
front matter, container markers, heading marks, table pipes and delimiter rows,
link reference definitions) is markup too: whatever the parser did not call
prose is never checked as prose and never edited.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from zhcheck.formats.layout import Block, Layout, merge_regions
from zhcheck.lazyre import lazy
from zhcheck.textutil import ATTRIBUTE_LIST

#: front matter: YAML (--- ... --- or ...) or TOML (+++ ... +++) at the very start
_FRONT_MATTER = lazy(r"\A(?:---|\+\+\+)[ \t]*(?:\r\n|\n|\r)")
_LINE = lazy(r"[^\r\n]*(?:\r\n|\n|\r|$)")
#: bare URLs in prose (CommonMark needs <...>; GFM and most renderers link them anyway)
_BARE_URL = lazy(r"(?:https?://|ftp://|www\.)[^\s<>\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", re.IGNORECASE)
_URL_TRAILING = ".,:;!?'\")]"
#: link or image syntax CommonMark rejects because the destination holds a space
#: (`![图](http://a/b (1).png)`): renderers and editors still read it as markup
#: the rest of a target up to its ")" (one level of parentheses inside, bounded: linear)
_TARGET_REST = r"(?:[^()\n]|\([^()\n]{0,80}\)){0,400}?\)"
_LOOSE_TARGET = lazy(rf"\]\((?:https?://|ftp://|www\.|/|\.\.?/){_TARGET_REST}")
#: an image's syntax whatever its target (`![图](images/图 1.png)`: `![` leaves no doubt)
_LOOSE_IMAGE = lazy(rf"!\[[^\[\]\n]{{0,300}}\]\({_TARGET_REST}")
#: longest link text or image alt text looked back over for its [
_LABEL_MAX = 300
#: an attribute list closing a heading or paragraph, or right after a link or emphasis
#: (Pandoc, kramdown, markdown-it-attrs): {#anchor}, {.class key=value}, {: #anchor}
#: or on a line of its own inside a quotation or list item (`> {#quote-1}`, kramdown's block
#: attributes); the blanks before it are taken from the first one on (a run of blanks is read once)
_ATTRIBUTES = lazy(
    rf"(?<=[)\]}}*_`]){ATTRIBUTE_LIST}|(?<![ \t])[ \t]*{ATTRIBUTE_LIST}[ \t]*$|(?<=[ \t]){ATTRIBUTE_LIST}[ \t]*$",
    re.MULTILINE,
)
#: suppression comments (zhcheck.suppress reads what they say)
_DIRECTIVE = lazy(r"<!--\s*zhcheck-[^>]*?-->")
#: inline rules whose whole match is markup (the text between link brackets is not)
_MARKUP_RULES = ("backticks", "autolink", "html_inline", "entity", "escape", "image")
_DELIMITER_RULES = ("emphasis", "strikethrough")
#: the block a paragraph belongs to, innermost container first
_BLOCK_OF = (
    ("th_open", "table_cell"),
    ("td_open", "table_cell"),
    ("heading_open", "heading"),
    ("list_item_open", "list_item"),
    ("blockquote_open", "blockquote"),
)


@dataclass
class _Records:
    """Positions (in one inline content) that the wrapped inline rules consumed."""

    src: str = ""
    markup: list[tuple[int, int]] = field(default_factory=list)
    code: list[tuple[int, int]] = field(default_factory=list)


def _wrap(name: str, fn: Any) -> Any:
    def rule(state: Any, silent: bool) -> bool:
        rec: _Records | None = state.env.get("zhcheck")
        if silent or rec is None or state.src is not rec.src:
            return fn(state, silent)
        start, n_tokens, pending = state.pos, len(state.tokens), bool(state.pending)
        ok = fn(state, silent)
        if not ok:
            return ok
        if name in _MARKUP_RULES:
            rec.markup.append((start, state.pos))
            if name == "backticks":
                rec.code.append((start, state.pos))
        elif name == "link":
            rec.markup.append((start, start + 1))  # [
            label_end = _label_end(state, start)
            if label_end is not None:
                rec.markup.append((label_end, state.pos))  # ](target) or ][ref]
        elif name in _DELIMITER_RULES:
            new = state.tokens[n_tokens:]
            if pending and new and new[0].type == "text" and new[0].meta.get("zh") is None:
                new = new[1:]  # the pending text the push flushed
            pos = start
            for tok in new:
                tok.meta = {**(tok.meta or {}), "zh": (pos, pos + len(tok.content))}
                pos += len(tok.content)
        return ok

    return rule


def _label_end(state: Any, start: int) -> int | None:
    saved = state.pos
    try:
        end = state.md.helpers.parseLinkLabel(state, start, True)
    finally:
        state.pos = saved
    return end if end >= 0 else None


def _paired_delimiters(state: Any) -> None:
    """After emphasis pairing: delimiters that became tags are markup, the rest stay text."""
    rec: _Records | None = state.env.get("zhcheck")
    if rec is None or state.src is not rec.src:
        return
    for tok in state.tokens:
        where = (tok.meta or {}).get("zh")
        if where is not None and (tok.type != "text" or tok.content == ""):
            rec.markup.append(where)


@functools.cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.disable("inline")  # core rule: inline content is parsed here, with positions recorded
    for r in md.inline.ruler.__rules__:
        if r.name != "text":
            r.fn = _wrap(r.name, r.fn)
    md.inline.ruler.__cache__ = None
    md.inline.ruler2.after("emphasis", "zhcheck_delimiters", _paired_delimiters)
    return md


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end without the line break) of every line."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and out:
            break
        line = m.group(0)
        out.append((m.start(), m.start() + len(line.rstrip("\r\n"))))
    return out


def _front_matter(text: str, lines: list[tuple[int, int]]) -> int:
    """Lines of front matter at the start (0 when there is none)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return 0
    fence = text[: m.end()].strip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    for i in range(1, len(lines)):
        s, e = lines[i]
        if text[s:e].rstrip() in closers:
            return i + 1
    return 0


def _locate(line: str, content: str, heading: bool) -> int | None:
    """Where `content` (one line of an inline token) starts in the source `line`."""
    body = line.rstrip()
    want = content.rstrip()
    if heading:
        body = re.sub(r"(?:[ \t]+#+)?[ \t]*$", "", body) if not body.endswith("\\#") else body
    if want and body.endswith(want):
        return len(body) - len(want)
    if not want:
        return len(body)
    i = line.rfind(want)
    return i if i >= 0 else None


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's text in a table row, split at unescaped pipes."""
    bounds = [i for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\")]
    stripped = line.strip()
    edges = [-1, *bounds, len(line)]
    out = []
    for a, b in itertools.pairwise(edges):
        s, e = a + 1, b
        while s < e and line[s] in " \t":
            s += 1
        while e > s and line[e - 1] in " \t":
            e -= 1
        out.append((s, e))
    if stripped.startswith("|"):
        out = out[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        out = out[:-1]
    return out


def parse(text: str) -> Layout:
    """The Markdown document's prose blocks and markup regions (offsets into `text`)."""
    lines = _lines(text)
    front = _front_matter(text, lines)
    body = text
    if front:
        cut = lines[front - 1][1]
        body = re.sub(r"[^\r\n]", " ", text[:cut]) + text[cut:]
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    blocks: list[Block] = []
    markup: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    stack: list[str] = []
    row_cursor: dict[int, int] = {}
    firsts: set[int] = set()  # where each paragraph's first line starts (after its blanks)
    for tok in tokens:
        if tok.nesting == 1:
            stack.append(tok.type)
        elif tok.nesting == -1 and stack:
            stack.pop()
        if tok.type in ("fence", "code_block") and tok.map:
            a, b = lines[tok.map[0]][0], lines[tok.map[1] - 1][1]
            code.append((a, b))
        if tok.type != "inline" or tok.map is None:
            continue
        block = next((name for opener, name in _BLOCK_OF if opener in stack), "paragraph")
        located = _located_lines(text, lines, tok, block, row_cursor)
        if located is None:
            continue  # could not place it exactly: the lines stay markup
        rec = _Records(src=tok.content)
        env["zhcheck"] = rec
        md.inline.parse(tok.content, md, env, [])
        env.pop("zhcheck", None)
        to_source = _offset_map(located)
        for a, b in rec.markup:
            markup.append((to_source(a), to_source(b, end=True)))
        for a, b in rec.code:
            code.append((to_source(a), to_source(b, end=True)))
        if len(located) > 1 and block in ("paragraph", "blockquote"):
            block = "wrapped"  # lines of one paragraph: a soft line break is no broken paragraph
        for k, (s, c) in enumerate(located):
            n = len(c.rstrip()) if k == len(located) - 1 else len(c)
            blocks.append(Block(s, s + n, block))
        first_start, first_line = located[0]
        firsts.add(first_start + len(first_line) - len(first_line.lstrip(" \t\u3000")))
    prose = merge_regions([(b.start, b.end) for b in blocks])
    markup += _uncovered(text, lines, prose)
    markup += _loose_links(text, prose, merge_regions(markup))
    attributes = _attributes(text, prose)
    markup += attributes
    markup += _bare_urls(text, prose, merge_regions(markup))
    code = merge_regions(code)
    directives = [(m.start(), m.end()) for m in _DIRECTIVE.finditer(text) if not _inside(m.start(), code)]
    markup = merge_regions(markup)
    return Layout(
        fmt="markdown",
        markup=markup,
        blocks=_captions(text, _trim(text, _cut(blocks, attributes)), markup, firsts),
        directives=directives,
    )


def _located_lines(
    text: str, lines: list[tuple[int, int]], tok: Any, block: str, row_cursor: dict[int, int]
) -> list[tuple[int, str]] | None:
    """[(source offset, content line)] of an inline token, or None when it cannot be placed."""
    first = tok.map[0]
    parts = tok.content.split("\n")
    if block == "table_cell":
        s, e = lines[first]
        line = text[s:e]
        for a, b in _cells(line):
            if a < row_cursor.get(first, 0):
                continue
            if line[a:b] == tok.content:
                row_cursor[first] = b
                return [(s + a, tok.content)]
            if line[a:b].strip() == "" and tok.content == "":
                row_cursor[first] = b + 1
                return None
        return None
    if first + len(parts) > len(lines):
        return None
    out = []
    for k, part in enumerate(parts):
        s, e = lines[first + k]
        at = _locate(text[s:e], part, block == "heading")
        if at is None or text[s + at : s + at + len(part)] != part:
            return None
        out.append((s + at, part))
    return out


def _offset_map(located: list[tuple[int, str]]) -> Any:
    """Content offset -> source offset (content lines are joined with one "\\n")."""
    starts = []
    pos = 0
    for s, part in located:
        starts.append((pos, s, len(part)))
        pos += len(part) + 1

    def to_source(c: int, end: bool = False) -> int:
        for cpos, s, n in reversed(starts):
            if c > cpos or (c == cpos and not end):
                return s + min(c - cpos, n)
        return starts[0][1]

    return to_source


def _uncovered(text: str, lines: list[tuple[int, int]], prose: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-blank text outside every prose block: markup."""
    out = []
    i = 0
    for s, e in lines:
        pos = s
        while i < len(prose) and prose[i][1] <= s:
            i += 1
        j = i
        while pos < e:
            nxt = prose[j] if j < len(prose) and prose[j][0] < e else None
            gap_end = nxt[0] if nxt is not None else e
            a, b = pos, gap_end
            while a < b and text[a] in " \t":
                a += 1
            while b > a and text[b - 1] in " \t":
                b -= 1
            if a < b:
                out.append((a, b))
            if nxt is None:
                break
            pos = max(pos, nxt[1])
            j += 1
    return out


def _loose_links(text: str, prose: list[tuple[int, int]], markup: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Link and image syntax left as text by the parser: the brackets and target (an
    image's alt text too) are markup, a link's words stay prose."""
    out = []
    for a, b in prose:
        since = a  # a bracket before the previous target is that one's (a "]" lies between)
        for m in _LOOSE_TARGET.finditer(text, a, b):
            opening = text.rfind("[", max(since, m.start() - _LABEL_MAX), m.start())
            since = m.end()
            if _inside(m.start(), markup) or opening < 0 or "]" in text[opening + 1 : m.start()]:
                continue
            if opening > a and text[opening - 1] == "!":
                out.append((opening - 1, m.end()))
            else:
                out += [(opening, opening + 1), (m.start(), m.end())]
        out += [m.span() for m in _LOOSE_IMAGE.finditer(text, a, b) if not _inside(m.start(), markup)]
    return out


def _attributes(text: str, prose: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in prose:
        out += [m.span() for m in _ATTRIBUTES.finditer(text, a, b)]
    return out


def _cut(blocks: list[Block], tails: list[tuple[int, int]]) -> list[Block]:
    """Blocks without the markup (`tails`) that ends them."""
    ends = {b: a for a, b in tails}
    return [Block(b.start, max(b.start, ends[b.end]), b.kind) if b.end in ends else b for b in blocks]


def _bare_urls(text: str, prose: list[tuple[int, int]], markup: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in prose:
        for m in _BARE_URL.finditer(text, a, b):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in _URL_TRAILING:
                e -= 1
            if not _inside(s, markup):
                out.append((s, e))
    return out


#: longest run of words after an image read as its caption (a photo's caption is a short
#: sentence or two): longer, the image may open a body paragraph (a converter that keeps an
#: image inside its <p>) and the paragraph classifier gives the kind (a declared caption
#: would hide a duplicated paragraph from the duplicate rules)
_CAPTION_MAX = 60


def _captions(text: str, blocks: list[Block], markup: list[tuple[int, int]], firsts: set[int]) -> list[Block]:
    """A paragraph that opens with an image and goes on in a few words on the same line:
    the words are its caption. `firsts` are the starts of paragraphs' first lines (an image
    inside a wrapped paragraph opens no caption)."""
    image_ends = {a: b for a, b in markup if text.startswith("![", a)}
    out = []
    for b in blocks:
        rest = image_ends.get(b.start)
        if b.kind in ("paragraph", "wrapped") and b.start in firsts and rest is not None and rest < b.end:
            words = text[rest : b.end].strip()
            if words and len(words) <= _CAPTION_MAX:
                b = Block(b.start, b.end, "caption")
        out.append(b)
    return out


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    """Is `pos` inside one of `regions` (sorted, disjoint: merge_regions' output)?"""
    i = bisect.bisect_right(regions, (pos, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= pos < regions[i][1]


def _trim(text: str, blocks: list[Block]) -> list[Block]:
    out = []
    for b in blocks:
        s, e = b.start, b.end
        while s < e and text[s] in " \t\u3000":
            s += 1
        while e > s and text[e - 1] in " \t\u3000":
            e -= 1
        if s < e:
            out.append(Block(s, e, b.kind))
    return out
