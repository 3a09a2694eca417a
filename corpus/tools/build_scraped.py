#!/usr/bin/env python3
"""Build corpus/scraped/: real web pages saved as text, with their page furniture annotated.

Source: the Chinese Web Content Extraction Dataset (GitHub immortal-autumn/
Chinese-Web-Content-Extraction-Dataset, MIT licence): cached pages (`original/*.html`) and,
for each, the article content copied out by hand (`cleaned/*.txt`).

Each page is turned into text the way a simple scraper keeps it: the visible text of the
page, one line per block element (scripts, styles and form selects dropped, whitespace
collapsed; Python's html.parser only). A line belongs to the article body when its text
(whitespace removed) occurs in the hand-copied content; the body runs from the first to
the last such line of at least ANCHOR characters. Everything before and after it is page
furniture, one `page-furniture` record (category garbled) per run of consecutive lines;
the headline (a line of the page's <title>) and lines that the review table
`scraped_spec.py` marks are `neutral`. Lines inside the body that the content does not
contain are neutral unless the review says otherwise. Blank lines are never records.

Usage:
    python corpus/tools/build_scraped.py DATASET_DIR         # (re)write corpus/scraped/
    python corpus/tools/build_scraped.py DATASET_DIR --show ID   # the labelled lines of one page
"""

from __future__ import annotations

import argparse
import html.parser
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "scraped"
sys.path.insert(0, str(HERE))
import scraped_spec  # noqa: E402

#: a body anchor: a line of at least this many characters found in the hand-copied content
ANCHOR = 10
#: more than this many lines in a row outside the content split the body
GAP = 4
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article", "header", "footer"}
    | {"nav", "aside", "dd", "dt", "dl", "form", "option", "title", "blockquote", "pre", "hr", "center"}
    | {"caption", "figcaption", "main", "h1", "h2", "h3", "h4", "h5", "h6"}
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "select", "textarea", "iframe", "svg", "template", "head"})
_SPACE = re.compile(r"[ \t\r\n\xa0\u3000]+")


class _Text(html.parser.HTMLParser):
    """Visible text, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._skip = 0
        self._run: list[str] = []

    def _flush(self) -> None:
        line = _SPACE.sub(" ", "".join(self._run)).strip()
        if line:
            self.lines.append(line)
        self._run = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._run.append(data)


def decode(data: bytes) -> str:
    """The page's text in the charset its <meta> names (GBK read as GB18030), else UTF-8 or GB18030."""
    m = re.search(rb"charset=[\"']?([\w-]+)", data[:4000])
    names = [m.group(1).decode().lower()] if m else []
    names = ["gb18030" if n in ("gb2312", "gbk", "x-gbk") else n for n in names] + ["utf-8", "gb18030"]
    for name in names:
        try:
            return data.decode(name).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def page_lines(data: bytes) -> tuple[list[str], str]:
    """The page's text lines and its <title>."""
    page = decode(data)
    m = re.search(r"<title[^>]*>(.*?)</title>", page, re.I | re.S)
    title = _SPACE.sub("", html.unescape(m.group(1))) if m else ""
    parser = _Text()
    parser.feed(page)
    parser.close()
    parser._flush()
    return [ln for ln in parser.lines if ln.strip("\ufeff ")], title


def _norm(s: str) -> str:
    return _SPACE.sub("", s)


def label(lines: list[str], content: str, title: str, review: dict[int, str]) -> list[str]:
    """Per line: "body", "furniture" or "neutral" (review: 1-based line -> label)."""
    content = _norm(content)
    found = [bool(_norm(ln)) and _norm(ln) in content for ln in lines]
    anchors = [i for i, ln in enumerate(lines) if found[i] and len(_norm(ln)) >= ANCHOR]
    first, last = _main_run(anchors, lines, found)
    out = []
    for i, ln in enumerate(lines):
        n = _norm(ln)
        if first <= i <= last:
            out.append("body" if found[i] else "neutral")
        elif len(n) >= 4 and title and n in title:
            out.append("neutral")  # the headline
        else:
            out.append("furniture")
    for n, lab in review.items():
        out[n - 1] = lab
    return out


def _main_run(anchors: list[int], lines: list[str], found: list[bool]) -> tuple[int, int]:
    """First and last line of the run of anchors holding the most content characters; runs are
    split where more than GAP lines in a row are not in the content."""
    if not anchors:
        return len(lines), -1
    runs = [[anchors[0]]]
    for i in anchors[1:]:
        missing = sum(1 for k in range(runs[-1][-1] + 1, i) if not found[k])
        if missing > GAP:
            runs.append([])
        runs[-1].append(i)
    best = max(runs, key=lambda r: sum(len(lines[i]) for i in r))
    return best[0], best[-1]


def records(text: str, labels: list[str]) -> list[dict]:
    """One record per run of consecutive lines of the same non-body label."""
    starts = [0]
    for ln in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    recs: list[dict] = []
    i = 0
    while i < len(labels):
        lab = labels[i]
        j = i
        while j + 1 < len(labels) and labels[j + 1] == lab:
            j += 1
        if lab != "body":
            start, end = starts[i], starts[j] + len(text.split("\n")[j])
            recs.append(
                {
                    "category": "garbled" if lab == "furniture" else "neutral",
                    "type": "page-furniture",
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "note": f"lines {i + 1}-{j + 1}: "
                    + ("web-page furniture around the article" if lab == "furniture" else "headline or doubtful"),
                }
            )
        i = j + 1
    return recs


def build(dataset: Path, only: str | None = None) -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "gold").mkdir(exist_ok=True)
    for page_id, review in scraped_spec.PAGES.items():
        if only and not page_id.startswith(only):
            continue
        lines, title = page_lines((dataset / "original" / f"{page_id}.html").read_bytes())
        content = (dataset / "cleaned" / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")
        labels = label(lines, content, title, review)
        text = "\n".join(lines) + "\n"
        if only:
            for n, (ln, lab) in enumerate(zip(lines, labels, strict=True), 1):
                print(f"{n:4} {lab[0].upper()} {ln[:100]}")
            continue
        stem = "page_" + page_id[:8]
        (OUT / f"{stem}.txt").write_text(text, encoding="utf-8")
        with open(OUT / "gold" / f"{stem}.jsonl", "w", encoding="utf-8") as fh:
            for rec in records(text, labels):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", type=Path, help="a checkout of Chinese-Web-Content-Extraction-Dataset")
    ap.add_argument("--show", metavar="ID", help="print the labelled lines of one page instead of writing")
    args = ap.parse_args()
    build(args.dataset, args.show)


if __name__ == "__main__":
    main()
