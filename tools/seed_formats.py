"""Write the sample articles as Markdown, HTML and Word and compare their findings with
the plain text's.

    python tools/seed_formats.py [--out DIR] [SEEDS_DIR]

Markdown: the way an editor's CMS would hold the article: paragraphs separated by a
blank line, the title as a `#` heading (when it has no sentence punctuation), `##`
subheadings and bold speaker names kept as the seed has them. Every finding on the
Markdown is mapped back to the plain text (the conversion only adds characters at line
starts and blank lines) and the two sets are compared: the Markdown run should find
the same, minus findings on markup.

HTML: a page with one `<p>` per line (text escaped, `<br>` for a blank line), each on
the source line the seed has it on: a finding must come back with the seed's rule and
line, and the page's source at its span, read as HTML, must be the seed's flagged text.

Word: one paragraph per line (python-docx, `pip install python-docx`): a finding's line
is its paragraph's number, so rule, line, column and text must equal the seed's.

Prints one line per seed and format and the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile

_SENTENCE_MARKS = re.compile(r"[。！？；，,.!?;]")


def to_markdown(text: str) -> tuple[str, list[tuple[int, int]]]:
    """(Markdown text, [(plain line start, markdown line start)] for every line)."""
    lines = text.split("\n")
    out: list[str] = []
    starts: list[tuple[int, int]] = []
    plain = md = 0
    titled = False
    prev_blank = True
    for line in lines:
        prefix = ""
        if line.strip():
            if not prev_blank:
                out.append("")  # a blank line between paragraphs
                md += 1
            if not titled:
                titled = True
                if not line.startswith("#") and not _SENTENCE_MARKS.search(line):
                    prefix = "# "
        starts.append((plain, md + len(prefix)))
        out.append(prefix + line)
        plain += len(line) + 1
        md += len(prefix) + len(line) + 1
        prev_blank = not line.strip()
    return "\n".join(out), starts


def to_html(text: str) -> str:
    """An HTML page with the seed's line k on source line k."""
    import html

    out = []
    for k, line in enumerate(text.split("\n")):
        head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>seed</title></head><body>' if k == 0 else ""
        body = f"<p>{html.escape(line, quote=False)}</p>" if line.strip() else "<br>"
        out.append(head + body)
    if out and out[-1].endswith("<br>") and not text.split("\n")[-1]:
        out[-1] = out[-1][: -len("<br>")]  # the final line break ends the last paragraph, it adds none
    return "\n".join(out) + "</body></html>\n"


def to_docx(text: str) -> bytes:
    """A Word document with one paragraph per line of the seed (python-docx)."""
    import io

    import docx

    document = docx.Document()
    body = document.element.body
    for p in list(body.iterchildren()):
        if p.tag.endswith("}p"):
            body.remove(p)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def compare_html(text: str, page: str, path: str, engine) -> dict[str, int]:
    """Seed findings vs the page's: same rule and line, and the page's text at the span is the seed's."""
    import html as html_lib
    import re

    from zhcheck.formats import from_text
    from zhcheck.formats import load as load_doc

    seed = {(f.rule, f.line, f.text) for f in engine.check_document(load_doc(text.encode(), "seed.txt")).findings}
    found = set()
    for f in engine.check_document(from_text(page, path, "html")).findings:
        shown = html_lib.unescape(re.sub(r"<[^>]*>", "", f.text))
        found.add((f.rule, f.line, shown))
    return {"seed": len(seed), "page": len(found), "same": len(seed & found), "only_seed": len(seed - found),
            "only_page": len(found - seed)}  # fmt: skip


def compare_docx(text: str, data: bytes, path: str, engine) -> dict[str, int]:
    """Seed findings vs the Word document's: same rule, line (= paragraph), column and text."""
    from zhcheck.formats import load as load_doc

    def key(f):
        return (f.rule, f.line, f.column, f.end_line, f.end_column, f.text)

    seed = {key(f) for f in engine.check_document(load_doc(text.rstrip("\n").encode(), "seed.txt")).findings}
    found = {key(f) for f in engine.check_document(load_doc(data, path)).findings}
    return {"seed": len(seed), "docx": len(found), "same": len(seed & found), "only_seed": len(seed - found),
            "only_docx": len(found - seed)}  # fmt: skip


def _to_plain(offset: int, starts: list[tuple[int, int]]) -> int:
    best = starts[0]
    for p, m in starts:
        if m <= offset:
            best = (p, m)
        else:
            break
    return best[0] + (offset - best[1])


def compare(seeds: str, out_dir: str) -> dict[str, int]:
    from zhcheck.engine import Engine
    from zhcheck.formats import load

    engine = Engine()
    totals = {"plain": 0, "markdown": 0, "same": 0, "only_plain": 0, "only_plain_on_markup": 0, "only_markdown": 0}
    for name in sorted(os.listdir(seeds)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(seeds, name), encoding="utf-8") as fh:
            text = fh.read()
        md_text, starts = to_markdown(text)
        md_path = os.path.join(out_dir, name[:-4] + ".md")
        with open(md_path, "w", encoding="utf-8") as fh:
            fh.write(md_text)
        plain_doc = load(text.encode(), os.path.join(seeds, name))
        md_doc = load(md_text.encode(), md_path)
        plain = {(f.rule, f.start, f.end) for f in engine.check_document(plain_doc).findings}
        md = {
            (f.rule, _to_plain(f.start, starts), _to_plain(f.end, starts))
            for f in engine.check_document(md_doc).findings
        }
        only_plain = plain - md
        on_markup = {f for f in only_plain if _on_markup(f, md_doc, starts)}
        row = {
            "plain": len(plain),
            "markdown": len(md),
            "same": len(plain & md),
            "only_plain": len(only_plain),
            "only_plain_on_markup": len(on_markup),
            "only_markdown": len(md - plain),
        }
        for k, v in row.items():
            totals[k] += v
        print(name, "markdown", json.dumps(row), *sorted(only_plain - on_markup), *sorted(md - plain), sep="\n  ")
        page = to_html(text)
        html_path = os.path.join(out_dir, name[:-4] + ".html")
        with open(html_path, "w", encoding="utf-8") as fh:
            fh.write(page)
        row = compare_html(text, page, html_path, engine)
        print(name, "html", json.dumps(row))
        for k, v in row.items():
            totals[f"html_{k}"] = totals.get(f"html_{k}", 0) + v
        try:
            data = to_docx(text)
        except ImportError:
            continue
        docx_path = os.path.join(out_dir, name[:-4] + ".docx")
        with open(docx_path, "wb") as fh:
            fh.write(data)
        row = compare_docx(text, data, docx_path, engine)
        print(name, "docx", json.dumps(row))
        for k, v in row.items():
            totals[f"docx_{k}"] = totals.get(f"docx_{k}", 0) + v
    return totals


def _on_markup(f: tuple[str, int, int], md_doc, starts: list[tuple[int, int]]) -> bool:
    """Does the plain finding start or end on what the Markdown calls markup?"""
    inv = {p: m for p, m in starts}
    line_starts = sorted(inv)

    def to_md(o: int) -> int:
        base = max(p for p in line_starts if p <= o)
        return inv[base] + (o - base)

    return md_doc.markup.cuts(to_md(f[1]), to_md(f[2]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seeds", nargs="?", default="corpus/seeds")
    ap.add_argument("--out", help="directory for the Markdown files (default: a temporary one)")
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="zhcheck-seed-formats-")
    os.makedirs(out, exist_ok=True)
    totals = compare(args.seeds, out)
    print("total", json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
