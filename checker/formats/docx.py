"""Word documents (.docx): the body's paragraphs as text, and fixes written back as
tracked changes.

The text the rules read is the body's paragraphs in order (table cells included),
one per line; a line break inside a paragraph (`w:br`) is a line break too and a tab
is a tab. Text another reviewer deleted in a tracked change is not read; text they
inserted is. A finding's line is its paragraph's number (1-based, every paragraph
of the body counted, empty ones too) and its column the position inside it.

`write_tracked` turns edits of that text into `w:del`/`w:ins` revisions by
"zhcheck" in a copy of the package: the editor accepts or rejects each one in Word.
"""

from __future__ import annotations

import copy
import datetime
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zhcheck.errors import InputError
from zhcheck.formats.layout import Block, Layout

if TYPE_CHECKING:
    from zhcheck.document import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_DOCUMENT = "word/document.xml"
_STYLES = "word/styles.xml"
AUTHOR = "zhcheck"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


#: elements whose content is not part of the text as it now reads
_SKIPPED = frozenset(map(_w, ("del", "moveFrom", "instrText", "delText", "txbxContent", "pPr", "rPr")))


@dataclass
class _Char:
    """Where one character of a paragraph's text comes from: a run's content element
    (w:t: `index` into its text; w:tab or w:br: the element itself)."""

    run: Any
    element: Any
    index: int


def _parse_xml(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(data, parser)


def _read_package(data: bytes) -> tuple[zipfile.ZipFile, Any]:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        xml = package.read(_DOCUMENT)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(f"not a Word document ({exc.__class__.__name__}: no {_DOCUMENT} in a zip package)") from None
    try:
        return package, _parse_xml(xml)
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends
        raise InputError(f"damaged Word document ({_DOCUMENT}: {exc})") from None


def paragraphs(root: Any) -> list[Any]:
    """The body's w:p elements in document order (not those in text boxes)."""
    body = root.find(_w("body"))
    if body is None:
        return []
    return [p for p in body.iter(_w("p")) if not any(a.tag == _w("txbxContent") for a in p.iterancestors())]


def _chars(p: Any) -> Iterator[_Char]:
    """The characters of a paragraph's current text, in order."""

    def walk(el: Any, run: Any) -> Iterator[_Char]:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED or tag == _w("p"):
                continue
            if tag == _w("r"):
                yield from walk(child, child)
            elif tag == _w("t") and run is not None:
                for i in range(len(child.text or "")):
                    yield _Char(run, child, i)
            elif tag in (_w("tab"), _w("br"), _w("cr")) and run is not None:
                yield _Char(run, child, 0)
            else:
                yield from walk(child, run)

    yield from walk(p, None)


def _char_text(c: _Char) -> str:
    if c.element.tag == _w("t"):
        return c.element.text[c.index]
    return "\t" if c.element.tag == _w("tab") else "\n"


def _style_names(package: zipfile.ZipFile) -> dict[str, tuple[str, bool]]:
    """style id -> (lower-case name, has an outline level)."""
    try:
        root = _parse_xml(package.read(_STYLES))
    except Exception:
        return {}
    out = {}
    for st in root.iter(_w("style")):
        sid = st.get(_w("styleId")) or ""
        name = st.find(_w("name"))
        outline = st.find(f"{_w('pPr')}/{_w('outlineLvl')}") is not None
        out[sid] = ((name.get(_w("val")) if name is not None else sid).lower(), outline)
    return out


def _kind(p: Any, styles: dict[str, tuple[str, bool]]) -> str:
    if any(a.tag == _w("tc") for a in p.iterancestors()):
        return "table_cell"
    ppr = p.find(_w("pPr"))
    if ppr is not None:
        if ppr.find(_w("outlineLvl")) is not None:
            return "heading"
        style = ppr.find(_w("pStyle"))
        name, outline = styles.get(style.get(_w("val")) if style is not None else "", ("", False))
        if outline or name.startswith(("heading", "title", "标题")):
            return "heading"
        if ppr.find(_w("numPr")) is not None or name.startswith("list"):
            return "list_item"
        if name.startswith("caption"):
            return "caption"
    return "paragraph"


def load(data: bytes, path: str) -> Document:
    """A Word document as a Document: paragraphs as lines, lines numbered by paragraph."""
    from zhcheck.document import Document

    package, root = _read_package(data)
    styles = _style_names(package)
    texts, blocks, starts = [], [], []
    pos = 0
    for p in paragraphs(root):
        text = "".join(_char_text(c) for c in _chars(p))
        starts.append(pos)
        if text.strip():
            blocks.append(Block(pos, pos + len(text), _kind(p, styles)))
        texts.append(text)
        pos += len(text) + 1
    layout = Layout(fmt="docx", blocks=blocks, line_starts=starts or [0])
    return Document("\n".join(texts), path, "docx", layout=layout)


# --- tracked changes ------------------------------------------------------------------


class _Revisions:
    """Makes w:ins / w:del elements with fresh ids."""

    def __init__(self, root: Any) -> None:
        ids = [int(v) for el in root.iter() for k, v in el.attrib.items() if k == _w("id") and v.isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def make(self, tag: str) -> Any:
        from lxml import etree

        el = etree.Element(_w(tag))
        el.set(_w("id"), str(self.next_id))
        el.set(_w("author"), AUTHOR)
        el.set(_w("date"), self.date)
        self.next_id += 1
        return el


def _content(run: Any) -> list[Any]:
    return [c for c in run if isinstance(c.tag, str) and c.tag != _w("rPr")]


def _explode(p: Any) -> None:
    """Give every run of the paragraph one content element and every w:t one character,
    so that any span of the text is a sequence of whole runs."""
    for run in list(p.iter(_w("r"))):
        if any(a.tag in _SKIPPED for a in run.iterancestors()):
            continue
        parts = _content(run)
        pieces = []
        for el in parts:
            if el.tag == _w("t") and len(el.text or "") > 1:
                for ch in el.text:
                    t = copy.deepcopy(el)
                    t.text = ch
                    t.set(XML_SPACE, "preserve")
                    pieces.append(t)
            else:
                pieces.append(el)
        if len(pieces) <= 1:
            continue
        rpr = run.find(_w("rPr"))
        parent = run.getparent()
        at = parent.index(run)
        for k, el in enumerate(pieces):
            new = _new_run(rpr)
            new.append(el)
            parent.insert(at + k, new)
        parent.remove(run)


def _new_run(rpr: Any) -> Any:
    from lxml import etree

    run = etree.Element(_w("r"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    return run


def _merge_runs(p: Any) -> None:
    """Undo `_explode` where it changed nothing: neighbouring plain runs with the same
    formatting and a w:t each become one run again (keeps the XML small)."""
    for parent in [p, *p.iter()]:
        children = list(parent)
        k = 0
        while k < len(children) - 1:
            a, b = children[k], children[k + 1]
            if _plain_text_run(a) and _plain_text_run(b) and _same_format(a, b):
                ta, tb = a.find(_w("t")), b.find(_w("t"))
                ta.text = (ta.text or "") + (tb.text or "")
                ta.set(XML_SPACE, "preserve")
                parent.remove(b)
                children.pop(k + 1)
            else:
                k += 1


def _plain_text_run(el: Any) -> bool:
    return el.tag == _w("r") and [c.tag for c in _content(el)] == [_w("t")] and len(el.attrib) == 0


def _same_format(a: Any, b: Any) -> bool:
    from lxml import etree

    ra, rb = a.find(_w("rPr")), b.find(_w("rPr"))
    if ra is None or rb is None:
        return ra is None and rb is None
    return etree.tostring(ra) == etree.tostring(rb)


def _delete_run(run: Any, revs: _Revisions) -> None:
    for t in run.findall(_w("t")):
        t.tag = _w("delText")
        t.set(XML_SPACE, "preserve")
    wrapper = revs.make("del")
    run.addprevious(wrapper)
    wrapper.append(run)


def _insert_run(text: str, rpr: Any, revs: _Revisions) -> Any:
    from lxml import etree

    wrapper = revs.make("ins")
    run = _new_run(rpr)
    for i, piece in enumerate(text.split("\t")):
        if i:
            etree.SubElement(run, _w("tab"))
        if piece:
            t = etree.SubElement(run, _w("t"))
            t.text = piece
            t.set(XML_SPACE, "preserve")
    wrapper.append(run)
    return wrapper


def _edit_paragraph(p: Any, edits: Sequence[tuple[int, int, str]], revs: _Revisions) -> None:
    """Tracked edits (start, end, replacement) inside one paragraph, offsets into its text."""
    _explode(p)
    chars = list(_chars(p))
    for start, end, replacement in sorted(edits, reverse=True):
        runs = [c.run for c in chars[start:end]]
        anchor_rpr = None
        if runs:
            anchor_rpr = runs[0].find(_w("rPr"))
        elif start > 0:
            anchor_rpr = chars[start - 1].run.find(_w("rPr"))
        elif chars:
            anchor_rpr = chars[0].run.find(_w("rPr"))
        for run in runs:
            _delete_run(run, revs)
        if not replacement:
            continue
        ins = _insert_run(replacement, anchor_rpr, revs)
        if runs:
            runs[-1].getparent().addnext(ins)
        elif start < len(chars):
            chars[start].run.addprevious(ins)
        elif chars:
            chars[-1].run.addnext(ins)
        else:
            p.append(ins)
    _merge_runs(p)


def _delete_paragraph(p: Any, revs: _Revisions) -> None:
    """Delete a whole paragraph: its runs and its paragraph mark."""
    from lxml import etree

    for c in {id(c.run): c for c in _chars(p)}.values():
        _delete_run(c.run, revs)
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, _w("rPr"))
    rpr.append(revs.make("del"))


def write_tracked(data: bytes, edits: Sequence[tuple[int, int, str]]) -> bytes:
    """The package `data` with `edits` of its text (as `load` reads it) as tracked changes.

    An edit either stays inside one paragraph or deletes whole paragraphs (with one
    line break each); anything else raises InputError.
    """
    package, root = _read_package(data)
    paras = paragraphs(root)
    lengths = [len(list(_chars(p))) for p in paras]
    starts, pos = [], 0
    for n in lengths:
        starts.append(pos)
        pos += n + 1
    revs = _Revisions(root)
    local: dict[int, list[tuple[int, int, str]]] = {}
    deleted: list[int] = []
    for start, end, replacement in edits:
        i = _paragraph_at(starts, start)
        if end <= starts[i] + lengths[i]:
            local.setdefault(i, []).append((start - starts[i], end - starts[i], replacement))
            continue
        whole = [k for k, s in enumerate(starts) if start <= s and s + lengths[k] <= end]
        chars_in_whole = sum(lengths[k] + 1 for k in whole)
        if replacement or not whole or chars_in_whole != end - start:
            raise InputError("a fix joins or moves Word paragraphs; not written as a tracked change")
        deleted += whole
    for i, ed in local.items():
        _edit_paragraph(paras[i], ed, revs)
    for i in deleted:
        _delete_paragraph(paras[i], revs)
    return _repack(package, root)


def _paragraph_at(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


def _repack(package: zipfile.ZipFile, root: Any) -> bytes:
    from lxml import etree

    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in package.infolist():
            z.writestr(info, xml if info.filename == _DOCUMENT else package.read(info.filename))
    return out.getvalue()


def tracked_path(path: str) -> str:
    """Where `zhcheck fix` writes the fixed copy of a Word document: NAME.zhcheck.docx."""
    stem = path[: -len(".docx")] if path.lower().endswith(".docx") else path
    return f"{stem}.zhcheck.docx"


def diff_edits(before: str, after: str) -> list[tuple[int, int, str]]:
    """Edits of `before` that give `after`, paragraph by paragraph (lines are paragraphs):
    changed paragraphs character by character, deleted ones whole. Paragraphs added,
    split or joined raise InputError (they are not written as tracked changes)."""
    from difflib import SequenceMatcher

    a, b = before.split("\n"), after.split("\n")
    starts, pos = [], 0
    for line in a:
        starts.append(pos)
        pos += len(line) + 1
    edits: list[tuple[int, int, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if j2 - j1 > i2 - i1:
            raise InputError("the fixes add or split Word paragraphs; not written as tracked changes")
        pairs = _align(a[i1:i2], b[j1:j2])
        matched = {i for i, _ in pairs}
        for i, j in pairs:
            old, new, base = a[i1 + i], b[j1 + j], starts[i1 + i]
            for cop, x1, x2, y1, y2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
                if cop != "equal":
                    edits.append((base + x1, base + x2, new[y1:y2]))
        for i in range(i2 - i1):
            if i in matched:
                continue
            k = i1 + i
            if k > 0:
                edits.append((starts[k] - 1, starts[k] + len(a[k]), ""))
            else:
                edits.append((0, starts[1] if len(a) > 1 else len(a[0]), ""))
    return _merge_deletions(edits)


def _align(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pair every new paragraph with an old one, in order, most alike first (the old
    paragraphs left over were deleted)."""
    from difflib import SequenceMatcher

    n, m = len(old), len(new)
    if n == m:
        return [(k, k) for k in range(n)]
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        best[i][0] = 0.0
        for j in range(1, min(i, m) + 1):
            pair = best[i - 1][j - 1] + SequenceMatcher(None, old[i - 1], new[j - 1], autojunk=False).ratio()
            best[i][j] = max(best[i - 1][j], pair)
    pairs, i, j = [], n, m
    while j > 0:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _merge_deletions(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Adjacent whole-paragraph deletions as one edit; everything sorted."""
    out: list[tuple[int, int, str]] = []
    for e in sorted(edits):
        if out and not e[2] and not out[-1][2] and out[-1][1] == e[0]:
            out[-1] = (out[-1][0], e[1], "")
        else:
            out.append(e)
    return out


def from_text(text: str, path: str, like: Document) -> Document:
    """A Word document's text after edits, laid out like `like` (the document it was
    made from): each paragraph keeps the kind (heading, table cell, ...) it had."""
    from difflib import SequenceMatcher

    from zhcheck.document import Document

    old_lines = like.text.split("\n")
    kinds: dict[int, str] = {}
    starts = like._line_starts
    for b in like.layout.blocks if like.layout is not None else ():
        kinds[_paragraph_at(starts, b.start)] = b.kind
    new_lines = text.split("\n")
    carried: dict[int, str] = {}
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                if i1 + k in kinds:
                    carried[j1 + k] = kinds[i1 + k]
    blocks, line_starts, pos = [], [], 0
    for j, line in enumerate(new_lines):
        line_starts.append(pos)
        if line.strip():
            blocks.append(Block(pos, pos + len(line), carried.get(j, "paragraph")))
        pos += len(line) + 1
    return Document(text, path, "docx", layout=Layout(fmt="docx", blocks=blocks, line_starts=line_starts))
