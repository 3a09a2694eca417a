"""Build the clean controls of official, legal and news text in `corpus/controls/`.

Every text here is a document of a state organ, which article 5 of the Copyright Law of the
People's Republic of China excludes from copyright (laws and regulations, resolutions,
decisions and orders of state organs and their other legislative, administrative and
judicial documents); `corpus/controls/README.md` names each source, its licence and why the
text may be redistributed. The sources are public GitHub repositories, read from local
clones (no network at build time):

* `statute/` — national laws (中华人民共和国宪法, 民法典, 刑法, ...) from
  zitzhen/Chinese-law (`law/*/README.md`; the statute text is public domain, the
  repository's AGPL covers its site code, none of which is used). Markdown heading marks and
  the leading full-width indentation are dropped; everything else (table of contents,
  article numbers with their ideographic space) is kept as printed.
* `official/` — State Council and General Office documents (国发/国办发/国办函, mostly
  2018-2019; the text of gov.cn pages in `db/ge_policy_raw20190217.sql` of
  ZhouYNF/platform-1): the `<p>` paragraphs of each page's content cell.

(The State Council's work reports and the CPC congress reports of
aldohemsn/chinese-political-corpora would fit here, but issue 16 trains its language model
on them, so they are not controls: see /work/coord/sources.md.)

Usage::

    python tools/build_clean_controls.py --laws DIR --policy DIR [--out corpus/controls]

where each DIR is a checkout (work tree) of the repository named above. Files are named
by source and a stable key (document number, or a hash of a law's title),
so the tuning/check split (`zhcheck.app.evaluation.half_of`) never moves a file.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path


def statute_text(markdown: str) -> str:
    """A law's Markdown as plain text: one paragraph a line, no heading marks or indentation."""
    lines = []
    for raw in markdown.splitlines():
        line = raw.strip().strip("\u3000").strip()
        line = re.sub(r"^#+\s*", "", line)
        line = re.sub(r"^\*+(.*?)\*+$", r"\1", line)
        if line:
            lines.append(line)
    return "\n".join(lines)


def statutes(repo: Path) -> Iterator[tuple[str, str]]:
    for readme in sorted((repo / "law").glob("*/README.md")):
        text = statute_text(readme.read_text(encoding="utf-8"))
        title = text.split("\n", 1)[0]
        if not title.startswith("中华人民共和国") or len(text) < 2000:
            continue
        key = hashlib.sha1(title.encode()).hexdigest()[:8]
        yield f"statute_{key}.txt", text


_SQL_ROW = re.compile(
    r"insert into ge_policy_raw \(.*?\) values \((\d+), '[^']*', '[^']*', '[^']*', '([^']*)', '[^']*', '([^']*)'"
)
_DOC_NUMBER = re.compile(r"^(国发|国办发|国函|国办函)〔(\d{4})〕(\d+)号$")
#: an HTML line break inside a title leaves a space between two Chinese characters
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff“”、])[ ]+(?=[\u4e00-\u9fff“”])")
_DOC_SLUG = {"国发": "guofa", "国办发": "guobanfa", "国函": "guohan", "国办函": "guobanhan"}


def policy_documents(repo: Path) -> Iterator[tuple[str, str]]:
    """State Council documents: the `<p>` paragraphs of each page's content cell."""
    sql = (repo / "db" / "ge_policy_raw20190217.sql").read_text(encoding="utf-8")
    seen = set()
    for row in sql.split("insert into ge_policy_raw")[1:]:
        m = _SQL_ROW.match("insert into ge_policy_raw" + row)
        num = _DOC_NUMBER.match(m.group(3)) if m else None
        if num is None or "<tbody>" not in row:
            continue
        name = f"stc_{_DOC_SLUG[num.group(1)]}_{num.group(2)}_{int(num.group(3)):03d}.txt"
        if name in seen:
            continue
        seen.add(name)
        cell = row.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        paras = []
        for p in re.findall(r"<p[^>]*>(.*?)</p>", cell, re.S):
            text = html.unescape(re.sub(r"<br\s*/?>", "", re.sub(r"<(?!br)[^>]+>", "", p)))
            text = re.sub(r"[ \t\r\n]+", " ", text).strip().strip("\u3000").strip()
            text = _CJK_GAP.sub("", text)
            if text:
                paras.append(text)
        if paras:
            yield name, "\n".join(paras)


def write(out: Path, source: str, docs: Iterator[tuple[str, str]]) -> tuple[int, int]:
    folder = out / source
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    files = chars = 0
    for name, text in docs:
        (folder / name).write_text(text + "\n", encoding="utf-8")
        files += 1
        chars += len(text) + 1
    return files, chars


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--laws", type=Path, required=True, help="checkout of zitzhen/Chinese-law")
    ap.add_argument("--policy", type=Path, required=True, help="checkout of ZhouYNF/platform-1")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "corpus" / "controls")
    args = ap.parse_args(argv)
    plan = {"statute": statutes(args.laws), "official": policy_documents(args.policy)}
    for source, docs in plan.items():
        files, chars = write(args.out, source, docs)
        print(f"{source}: {files} files, {chars:,} chars", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
