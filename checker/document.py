"""Documents: bytes -> text (encoding detection), lines, paragraphs, sentences.

All offsets are 0-based code-point offsets into `Document.text`, which is the
decoded file content kept verbatim (no newline normalisation; a byte-order
mark is not part of the text).
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from itertools import accumulate, pairwise
from typing import Any, TypeVar

from zhcheck.errors import InputError
from zhcheck.finding import Span
from zhcheck.formats.layout import STRUCTURAL, Layout, Regions
from zhcheck.lazyre import lazy
from zhcheck.textindex import TextIndex
from zhcheck.textutil import CLOSERS, SENTENCE_END, SPACE_CHARS

T = TypeVar("T")

#: Files larger than this are refused unless the limit is raised in the config.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Encodings we accept from the detector, mapped to the codec we decode with.
# GB2312 and GBK are subsets of GB18030, so decoding with GB18030 is lossless.
_CHINESE_CODECS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "big5",
    "hz": "hz",
    "iso2022_jp": "iso2022_jp",
    "euc_jp": "euc_jp",
    "shift_jis": "shift_jis",
    "cp932": "shift_jis",
    "euc_kr": "euc_kr",
    "cp949": "euc_kr",
}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file content; return (text, encoding name).

    Order: byte-order marks (UTF-8/16/32), UTF-16 without one (data with NUL
    bytes that decodes to Chinese/ASCII text), strict UTF-8, then detection among
    GB18030/GBK/Big5 and other encodings with charset-normalizer. Raises
    InputError for binary data or undecodable content.
    """
    if not data:
        return "", "utf-8"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {codec} data after byte-order mark ({exc.reason})") from None
            return text, codec
    if b"\x00" in data:
        return _decode_utf16_without_bom(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect_legacy(data)


#: What Chinese text in UTF-16 decodes to: ASCII, Latin-1, general punctuation,
#: CJK symbols, enclosed numbers and shapes, CJK ideographs, full-width forms.
#: UTF-16 read in the wrong byte order gives mostly characters outside it.
_TEXTLIKE = lazy(
    "[\t\n\r\f\x20-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e\u2460-\u24ff\u25a0-\u26ff"
    "\u3000-\u303f\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]+"
)
#: The share of characters that must be text-like to decode BOM-less UTF-16.
_UTF16_CONFIDENCE = 0.9
_HINT_SAMPLE = 10_000  # characters looked at for the "looks like UTF-16" hint


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str]:
    """Decode data with NUL bytes as BOM-less UTF-16 LE or BE, or refuse it as binary.

    Text in UTF-16 has a NUL byte in every ASCII character (line breaks, digits,
    Latin letters), so plain UTF-8 text never gets here. The byte order whose
    decoding is the more text-like wins, if at least 90% of its characters are
    ASCII, Chinese or common punctuation. Binary data rarely decodes as UTF-16
    at all (lone surrogates), and when it does, into characters from all over
    Unicode.
    """
    best: tuple[float, str, str] | None = None
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            score = 1 - len(_TEXTLIKE.sub("", text)) / len(text)
            if best is None or score > best[0]:
                best = (score, text, codec)
    if best is not None and best[0] >= _UTF16_CONFIDENCE and _control_ratio(best[1]) <= 0.01:
        return best[1], best[2]
    if best is not None and _looks_like_text(best[1][:_HINT_SAMPLE]):
        raise InputError(
            f"binary file (contains NUL bytes); if it is text, it looks like {best[2].upper()} "
            "without a byte-order mark: re-save it as UTF-8"
        )
    raise InputError("binary file (contains NUL bytes)")


def _looks_like_text(text: str) -> bool:
    """Letters, digits, punctuation, symbols and spaces of any script (no controls, no private use)."""
    import unicodedata

    ok = sum(1 for c in text if c in "\t\n\r" or unicodedata.category(c)[0] in "LNPSZ")
    return bool(text) and ok >= 0.95 * len(text)


def _detect_legacy(data: bytes) -> tuple[str, str]:
    # Chinese text in a legacy encoding: try the common strict candidates and
    # let charset-normalizer arbitrate when more than one decodes cleanly.
    candidates: list[str] = []
    for codec in ("gb18030", "big5"):
        try:
            data.decode(codec)
            candidates.append(codec)
        except UnicodeDecodeError:
            pass
    if len(candidates) == 1:
        return data.decode(candidates[0]), candidates[0]
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates or None).best()
    if best is None:
        raise InputError("cannot determine the text encoding (binary or corrupt file?)")
    name = best.encoding.lower().replace("-", "_")
    codec = _CHINESE_CODECS.get(name, name)
    text = str(best) if codec == name else data.decode(codec, errors="replace")
    if _control_ratio(text) > 0.05:
        raise InputError("binary file (mostly control characters)")
    return text, codecs.lookup(codec).name  # one spelling per codec (iso8859_7 -> iso8859-7)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return bad / len(text)


class Kind(str, Enum):
    """What a paragraph is, structurally. Layout rules refine this guess."""

    HEADING = "heading"
    BYLINE = "byline"
    CAPTION = "caption"
    SEPARATOR = "separator"
    DIRECTIVE = "directive"
    BODY = "body"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Paragraph:
    """A non-blank line of the document (leading/trailing spaces excluded).

    Both blank-line separated articles and one-paragraph-per-line articles map
    to one Paragraph per non-blank line. `blank_before` counts blank lines
    between this paragraph and the previous one.
    """

    index: int
    start: int
    end: int
    line: int
    text: str
    kind: Kind
    blank_before: int
    #: the block the markup declares it to be (heading, list_item, table_cell, blockquote,
    #: paragraph, markup); None in plain text, where a paragraph is a line
    block: str | None = None
    _sentences: list[Sentence] | None = field(default=None, repr=False)

    @property
    def is_body(self) -> bool:
        return self.kind is Kind.BODY

    @property
    def structural(self) -> bool:
        """Its boundaries are declared by markup (a heading, list item, table cell or a
        line of markup): it is never a broken or displaced piece of running text."""
        return self.block in STRUCTURAL

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences split on 。！？；!?; keeping closing quotes with their sentence."""
        if self._sentences is None:
            self._sentences = list(split_sentences(self.text, self.start))
        return self._sentences


_SENT_RE = lazy(f"[^{re.escape(SENTENCE_END)}]*(?:[{re.escape(SENTENCE_END)}]+[{re.escape(CLOSERS)}]*|$)")


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split `text` into sentences; offsets are shifted by `offset`."""
    out: list[Sentence] = []
    for m in _SENT_RE.finditer(text):
        s, e = m.span()
        if s == e:
            continue
        # absorb a closing quote that starts the next chunk: 他说：“好。”然后…
        out.append(Sentence(offset + s, offset + e, text[s:e]))
    return out


# --- paragraph kinds -------------------------------------------------------

_MD_HEADING = lazy(r"^#{1,6}\s")
_DIRECTIVE = lazy(r"^<!--.*-->$")
_SEPARATOR = lazy(r"^[\W_]+$")


def classify(text: str) -> Kind:
    """Guess a paragraph's kind from its own text: markup the engine knows (comment
    directives, Markdown headings, separator lines), else what the plugins' paragraph
    classifiers say (bylines, captions, headlines of their language), else body text."""
    if _DIRECTIVE.match(text):
        return Kind.DIRECTIVE
    if _MD_HEADING.match(text):
        return Kind.HEADING
    if _SEPARATOR.match(text):
        return Kind.SEPARATOR
    from zhcheck.registry import paragraph_classifiers

    for guess in paragraph_classifiers():
        kind = guess(text)
        if kind is not None:
            return kind
    return Kind.BODY


# --- the document ------------------------------------------------------------

_LINE_BREAK = lazy(r"\r\n|\n|\r")


class Document:
    """A decoded article with line index, paragraphs and a per-document memo.

    `text` is what the rules read. For plain text, Markdown and Word it is the file's
    text (a Word document's paragraphs, one per line); for HTML it is the page's
    visible text, and `source_text` is the HTML. `markup` holds the regions of `text`
    that are markup (never reported, never edited); `position()` and `line_text()`
    speak in the file's own lines (Word: paragraphs).
    """

    def __init__(self, text: str, path: str = "<text>", encoding: str = "utf-8", layout: Layout | None = None) -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        self.layout = layout
        self.format = layout.fmt if layout is not None else "text"
        self.markup = Regions(layout.markup if layout is not None else ())
        self.source_map = layout.source if layout is not None else None
        self.source_text = self.source_map.source if self.source_map is not None else text
        if layout is not None and layout.line_starts is not None:
            self._line_starts = list(layout.line_starts)
        else:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.source_text)]
        self._paragraphs: list[Paragraph] | None = None
        self._para_starts: list[int] | None = None
        self._memo: dict[Any, Any] = {}
        self._family_keys: dict[str, list[Any]] = {}

    # construction -----------------------------------------------------------
    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>") -> Document:
        """Decode plain text (`zhcheck.formats.load` reads a file in the format its name gives)."""
        text, encoding = decode_bytes(data)
        return cls(text, path=path, encoding=encoding)

    @classmethod
    def from_path(cls, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
        """Read and decode a plain-text file; raises InputError with a one-line reason."""
        return cls.from_bytes(read_file_bytes(path, max_bytes), path=path)

    def in_markup(self, offset: int, length: int = 1) -> bool:
        """Is the character at `offset` markup (length 0: is `offset` strictly inside markup)?"""
        return bool(self.markup) and self.markup.cuts(offset, offset + length)

    # the file's coordinates ---------------------------------------------------
    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """A span of `text` as offsets into `source_text` (the same for all but HTML)."""
        if self.source_map is None:
            return start, end
        return self.source_map.span(start, end)

    def source_position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset into `source_text`, both 1-based."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """Offsets of the line of `text` around `offset`, without its line break."""
        text = self.text
        lf = text.rfind("\n", 0, offset)
        start = max(lf, text.rfind("\r", lf + 1, offset)) + 1  # (a "\r" searched for in this line only)
        end = offset
        while end < len(text) and text[end] not in "\r\n":
            end += 1
        return start, end

    # lines ------------------------------------------------------------------
    @property
    def newline(self) -> str:
        """The dominant newline sequence ("\\n", "\\r\\n" or "\\r")."""
        text = self.source_text
        crlf = text.count("\r\n")
        lf = text.count("\n") - crlf
        cr = text.count("\r") - crlf
        best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))
        return best[1] if best[0] else "\n"

    @property
    def line_starts(self) -> list[int]:
        """Where each of the file's lines starts in `source_text` (Word: each paragraph)."""
        return self._line_starts

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line number (of the file) containing `offset` (into `text`)."""
        return self.position(offset)[0]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of an offset into `text`, both 1-based; column
        counts code points. For Word documents the line is the paragraph's number."""
        if self.source_map is not None:
            offset = self.source_map.start(offset)
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of the file's line `line` (1-based) in `source_text`, without its line break."""
        text = self.source_text
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        s, e = self.line_span(line)
        return self.source_text[s:e]

    def span(self, start: int, end: int) -> Span:
        """A Span with line/column filled in (for `related` locations)."""
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(start, end, line, col, end_line, end_col, None, self.text[start:end])

    # paragraphs ----------------------------------------------------------------
    @property
    def paragraphs(self) -> list[Paragraph]:
        if self._paragraphs is None:
            self._paragraphs = self._split_paragraphs()
        return self._paragraphs

    def _split_paragraphs(self) -> list[Paragraph]:
        if self.layout is not None:
            return self._layout_paragraphs(self.layout)
        paras: list[Paragraph] = []
        blanks = 0
        doc_text = self.text
        starts = [*self._line_starts, len(doc_text)]
        for line in range(1, len(starts)):
            s = starts[line - 1]
            raw = doc_text[s : starts[line]].rstrip("\r\n")  # the line without its line break (as line_span)
            text = raw.strip(SPACE_CHARS)
            if not text:
                blanks += 1
                continue
            s += len(raw) - len(raw.lstrip(SPACE_CHARS))
            paras.append(Paragraph(len(paras), s, s + len(text), line, text, classify(text), blanks if paras else 0))
            blanks = 0
        return paras

    def _layout_paragraphs(self, layout: Layout) -> list[Paragraph]:
        """Paragraphs from the parser's blocks: one per line of a block (a table cell, a
        heading, each line of a paragraph); a line with markup but no prose is a
        DIRECTIVE paragraph (a frame the layout rules do not read through)."""
        text = self.text
        lines = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        spans: list[tuple[int, int, str]] = []
        for b in layout.blocks:
            pos = b.start
            while pos < b.end:
                brk = _LINE_BREAK.search(text, pos, b.end)
                end = brk.start() if brk else b.end
                spans.append((pos, end, b.kind))
                pos = brk.end() if brk else b.end
        covered = {bisect.bisect_right(lines, s) for s, _, _ in spans}
        for a, b in self.markup:
            for line in range(bisect.bisect_right(lines, a), bisect.bisect_right(lines, max(a, b - 1)) + 1):
                if line not in covered:
                    covered.add(line)
                    ls = lines[line - 1]
                    le = lines[line] if line < len(lines) else len(text)
                    spans.append((ls, le, "markup"))
        paras: list[Paragraph] = []
        prev_line = 0
        for s, e, kind in sorted(spans):
            while s < e and text[s] in SPACE_CHARS + "\r\n":
                s += 1
            while e > s and text[e - 1] in SPACE_CHARS + "\r\n":
                e -= 1
            if s >= e:
                continue
            body = text[s:e]
            if kind != "markup" and self.markup.covers(text, s, e):
                kind = "markup"
            text_line = bisect.bisect_right(lines, s)
            blanks = max(0, text_line - prev_line - 1) if paras else 0
            prev_line = text_line
            if kind == "markup":
                para_kind = Kind.DIRECTIVE
            elif kind == "heading":
                para_kind = Kind.HEADING
            elif kind == "caption":
                para_kind = Kind.CAPTION
            else:
                para_kind = classify(body)
            paras.append(Paragraph(len(paras), s, e, self.position(s)[0], body, para_kind, blanks, kind))
        return paras

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing `offset`, if any."""
        paras = self.paragraphs
        if self._para_starts is None:
            self._para_starts = [p.start for p in paras]
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i >= 0 and paras[i].start <= offset < paras[i].end:
            return paras[i]
        return None

    # shared analysis ---------------------------------------------------------------
    def memo(self, key: Any, compute: Callable[[], T], family: str | None = None) -> T:
        """Compute once per document; lets several rules share an analysis.

        `family` names the package of the only rules that read the analysis (`__package__`
        of the family's modules): the engine drops it once the last of them has run
        (`forget_family`), so a long document does not hold every family's analyses at once."""
        if key not in self._memo:
            self._memo[key] = compute()
            if family is not None:
                self._family_keys.setdefault(family, []).append(key)
        return self._memo[key]

    def forget_family(self, family: str) -> None:
        """Drop the analyses memoised for `family` (see `memo`); they are computed again if asked for."""
        for key in self._family_keys.pop(family, ()):
            self._memo.pop(key, None)

    def forget_analyses(self) -> None:
        """Drop what the rules computed (memo, sentence splits); text, lines and paragraphs stay.

        The engine calls this once the rules are done, so a run over many files does not
        keep every document's segmentation alive until the report is written.
        """
        self._memo.clear()
        self._family_keys.clear()
        for para in self._paragraphs or ():
            para._sentences = None

    def count(self, sub: str) -> int:
        """How often `text` prints `sub` (exactly `text.count(sub)`), from a per-document index."""
        return self.text_index().count(sub)

    def text_index(self) -> TextIndex:
        """The occurrence index of `text` (dropped with the other analyses)."""
        return self.memo("doc.text_index", lambda: TextIndex(self.text))

    def words(self, para: Paragraph) -> list[tuple[str, int, int]]:
        """jieba segmentation of a paragraph as (word, start, end) with document offsets.

        A long document (COMPACT_WORDS_CHARS) keeps each paragraph's words as their lengths,
        a byte a word instead of ~100, and builds the tuples again for a paragraph that is
        not among the last _WORD_LISTS_KEPT asked for."""
        if len(self.text) < COMPACT_WORDS_CHARS:
            return self.memo(("words", para.index), lambda: _word_tuples(self._cut(para), para.start))
        built: OrderedDict[int, list[tuple[str, int, int]]] = self.memo("doc.word_lists", OrderedDict)
        found = built.get(para.index)
        if found is not None:
            built.move_to_end(para.index)
            return found
        cut = self.memo(("words.cut", para.index), lambda: self._compact_cut(para))
        words = _words_of(para.text, cut) if isinstance(cut, bytes) else cut
        found = _word_tuples(words, para.start)
        built[para.index] = found
        if len(built) > _WORD_LISTS_KEPT:
            built.popitem(last=False)
        return found

    def _cut(self, para: Paragraph) -> list[str]:
        from zhcheck.segmenter import segment

        pool = self.memo("doc.word_pool", dict)  # one string per distinct word: a long
        return [pool.setdefault(w, w) for w in segment(para.text)]  # text repeats its words

    def _compact_cut(self, para: Paragraph) -> bytes | list[str]:
        """A paragraph's segmentation as the length of each word, a byte a word, when the
        words are the paragraph's text cut into pieces shorter than 256 characters (they
        always are, but the words are kept when not)."""
        from zhcheck.segmenter import segment

        words = segment(para.text)
        if "".join(words) == para.text and all(len(w) < 256 for w in words):
            return bytes(map(len, words))
        pool = self.memo("doc.word_pool", dict)
        return [pool.setdefault(w, w) for w in words]

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars, {self.encoding})"


#: documents of at least this many characters keep their words compact (Document.words)
COMPACT_WORDS_CHARS = 500_000
#: paragraphs whose word tuples a long document keeps built (the rules ask paragraph by paragraph)
_WORD_LISTS_KEPT = 256


def _words_of(text: str, lengths: bytes) -> list[str]:
    """`text` cut into pieces of the given lengths."""
    ends = list(accumulate(lengths, initial=0))
    return [text[s:e] for s, e in pairwise(ends)]


def _word_tuples(words: list[str], start: int) -> list[tuple[str, int, int]]:
    ends = list(accumulate(map(len, words), initial=start))
    return list(zip(words, ends, ends[1:], strict=False))


def read_file_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's raw content, at most `max_bytes` (counted while reading); raises
    InputError with a one-line reason (missing, a directory, FIFO or device, too large)."""
    from zhcheck.files import read_regular

    return read_regular(path, max_bytes)[0]
