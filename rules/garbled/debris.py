"""Web debris and leftover markup: image file names, boilerplate lines, HTML, broken labels."""

from __future__ import annotations

import functools
import html
import re
import sys
from dataclasses import dataclass

from zhcheck.document import Document, Kind, Paragraph
from zhcheck.lazyre import compile_cached, lazy
from zhcheck.rules.lang.vocab import TRAILING_ATTRIBUTES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# --- G201 image file names ----------------------------------------------------------------

_IMG_EXT = r"(?:jpe?g|png|gif|bmp|webp|tiff?|heic|svg|jfif)"
# a whole paragraph that is a file name (any characters but spaces and sentence punctuation)
_IMG_LINE = lazy(rf"^[^\s。，；！？“”]{{1,80}}\.{_IMG_EXT}$", re.IGNORECASE)
# a file name or image URL inside text: ASCII name parts plus the usual screenshot prefixes
_IMG_INLINE = lazy(
    rf"(?:https?://[^\s\"'<>，。]+?|(?:QQ截图|微信图片|屏幕截图|屏幕快照|截图|图片|照片|[A-Za-z0-9_\-~.])"
    rf"(?:[A-Za-z0-9_\-~.]|截图|图片|照片)*)\.{_IMG_EXT}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Markdown image/link syntax keeps its target on purpose
_MD_TARGET = lazy(r"\]\([^)]*$")


def image_filenames(doc: Document) -> list[tuple[int, int, bool]]:
    """(start, end, whole_paragraph) of image file names in the document."""
    out = []
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE or "." not in para.text:
            continue
        if _IMG_LINE.match(para.text):
            out.append((para.start, para.end, True))
            continue
        for m in _IMG_INLINE.finditer(para.text):
            if _MD_TARGET.search(para.text[: m.start()]):
                continue
            out.append((para.start + m.start(), para.start + m.end(), False))
    return out


# --- G202 web boilerplate -------------------------------------------------------------------


@dataclass(frozen=True)
class Boilerplate:
    kind: str
    label: str
    regex: re.Pattern[str]
    max_len: int


@functools.cache
def boilerplate_patterns() -> tuple[Boilerplate, ...]:
    """Patterns from `rules/data/boilerplate.toml` (editable without code)."""
    from zhcheck.rules.lang.resources import rules_data

    with open(rules_data("boilerplate.toml"), "rb") as fh:
        data = tomllib.load(fh)
    kinds = data.get("kinds", {})
    return tuple(
        Boilerplate(p["kind"], kinds.get(p["kind"], p["kind"]), compile_cached(p["regex"]), int(p.get("max_len", 80)))
        for p in data.get("pattern", [])
    )


def boilerplate(doc: Document) -> list[tuple[Paragraph, Boilerplate]]:
    """Paragraphs that are web-page debris, with the pattern that recognised them (found
    once per document: G202 reports them, G206 weighs them)."""
    return doc.memo(("garbled", "boilerplate"), lambda: _boilerplate(doc), __package__)


def _boilerplate(doc: Document) -> list[tuple[Paragraph, Boilerplate]]:
    patterns = boilerplate_patterns()
    out = []
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE:
            continue
        n = len(para.text)
        for p in patterns:
            if n <= p.max_len and p.regex.search(para.text):
                out.append((para, p))
                break
    return out


# --- G203 residual markup ----------------------------------------------------------------------

_TAGS = (
    "p|br|div|span|img|a|strong|b|i|em|u|s|font|table|tr|td|th|tbody|thead|tfoot|ul|ol|li|dl|dt|dd|"
    "h[1-6]|section|article|center|iframe|script|style|hr|sup|sub|blockquote|pre|code|small|big|label|"
    "input|button|form|meta|link|head|body|html|figure|figcaption|video|audio|source|nav|header|footer|"
    "strike|del|ins|mark|wbr|o:p"
)
_ATTRS = r"""(?:\s+[A-Za-z_:][\w:.\-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*"""
_HTML_TAG = lazy(rf"</?(?:{_TAGS}){_ATTRS}\s*/?>", re.IGNORECASE)
_HTML_COMMENT = lazy(r"<!--(?!\s*zhcheck-).*?-->", re.DOTALL)
_ENTITY = lazy(
    r"&(?:nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|times|divide|copy|reg|"
    r"trade|ensp|emsp|thinsp|deg|plusmn|laquo|raquo|bull|shy|zwj|zwnj);?|&#\d{2,7};|&#[xX][0-9a-fA-F]{2,6};"
)
_BOLD = lazy(r"\*\*")
# a speaker/section label whose Markdown (**…:**) was damaged into an opening 《 or 【
_BROKEN_LABEL = lazy(r"^([《【〈「])([^《》【】〈〉「」。！？；，,\n]{2,30}?)([:：])")
_CLOSER = {"《": "》", "【": "】", "〈": "〉", "「": "」"}
_MD_LABEL = lazy(r"^\*\*[^*]{2,30}[:：]\*\*")


@dataclass(frozen=True)
class Markup:
    start: int
    end: int
    what: str  # "tag" | "comment" | "entity" | "bold" | "label" | "attribute"
    suggestion: str | None


def residual_markup(doc: Document) -> list[Markup]:
    """Leftover HTML tags/comments/entities, unbalanced `**`, labels broken into 《 or 【."""
    return doc.memo(("garbled", "markup"), lambda: _residual_markup(doc), __package__)


def _residual_markup(doc: Document) -> list[Markup]:
    out: list[Markup] = []
    md_labels = sum(1 for p in doc.paragraphs if _MD_LABEL.match(p.text))
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE:
            continue
        text, base = para.text, para.start
        if "<" in text:
            for m in _HTML_COMMENT.finditer(text):
                out.append(Markup(base + m.start(), base + m.end(), "comment", ""))
            for m in _HTML_TAG.finditer(text):
                out.append(Markup(base + m.start(), base + m.end(), "tag", ""))
        if "&" in text:
            for m in _ENTITY.finditer(text):
                ent = m.group()
                fixed = html.unescape(ent if ent.endswith(";") else ent + ";")
                fixed = " " if fixed == "\xa0" else fixed
                out.append(Markup(base + m.start(), base + m.end(), "entity", fixed))
        if "**" in text:
            marks = [m.start() for m in _BOLD.finditer(text)]
            if len(marks) % 2:
                pos = _unpaired_bold(text, marks)
                out.append(Markup(base + pos, base + pos + 2, "bold", ""))
        if text.endswith("}"):
            a = TRAILING_ATTRIBUTES.search(text)
            if a:
                out.append(Markup(base + a.start(), base + a.end(), "attribute", ""))
        m = _BROKEN_LABEL.match(text)
        if m and _CLOSER[m.group(1)] not in text[: m.end() + 40]:
            label = m.group(2).strip()
            suggestion = f"**{label}{m.group(3)}**" if md_labels else f"{label}{m.group(3)}"
            out.append(Markup(base, base + m.end(), "label", suggestion))
    out.sort(key=lambda x: x.start)
    return out


def _unpaired_bold(text: str, marks: list[int]) -> int:
    """Which `**` of an odd set has no partner: a closer right after a label colon pairs leftwards."""
    # Pair greedily from the left; a `**` directly after ':' or '：' is a closer.
    stack: list[int] = []
    for pos in marks:
        prev = text[pos - 1] if pos else ""
        if stack and (prev in ":：" or pos + 2 >= len(text) or text[pos + 2] in " \t，。,"):
            stack.pop()
        else:
            stack.append(pos)
    return stack[-1] if stack else marks[-1]
