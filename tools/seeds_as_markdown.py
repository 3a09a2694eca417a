"""Write the sample articles as Markdown and compare their findings with the plain text's.

    python tools/seeds_as_markdown.py [--out DIR] [SEEDS_DIR]

Each seed becomes Markdown the way an editor's CMS would hold it: paragraphs separated
by a blank line, the title as a `#` heading (when it has no sentence punctuation),
`##` subheadings and bold speaker names kept as the seed has them. Every finding on the
Markdown is mapped back to the plain text (the conversion only adds characters at line
starts and blank lines) and the two sets are compared: the Markdown run should find
the same, minus findings on markup. Prints one line per seed and the totals.
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
        print(name, json.dumps(row), *sorted(only_plain - on_markup), *sorted(md - plain), sep="\n  ")
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
    out = args.out or tempfile.mkdtemp(prefix="zhcheck-md-seeds-")
    os.makedirs(out, exist_ok=True)
    totals = compare(args.seeds, out)
    print("total", json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
