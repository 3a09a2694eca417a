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
  ZhouYNF/platform-1): the `<p>` paragraphs of each page's content cell (`stc_*`); and the
  2020 documents of the CPC Central Committee, the State Council and their General Offices
  as cpcnews.cn printed them (`data/cpcnews_zywj.csv` of x13-caesar/FMPRC_NLP; `cpc_*`), a
  document printed twice under two headlines kept once.
* `news/` — 2020 news reports of official activities and local news (Xinhua, People's
  Daily and provincial party papers as reprinted by cpcnews.cn: `cpcnews_ldhd.csv`,
  `cpcnews_gcdt.csv`, `cpcnews_gddt.csv`, the reports of academic meetings in
  `cpcnews_xsdt.csv`, and the dated news reports (本报…电, 新华社…电) among the articles
  of `cpcnews_zyjs.csv` and `cpcnews_jdsqdj.csv`, of the same repository), and the Ministry of Foreign Affairs' own
  news releases saved by boan-anbo/fmprccrawler (`frhd/`, `zyxw/`: the `<p>` paragraphs of
  each page's `News_Body_Txt_A` cell). Reports of facts
  (art. 5(2)); `--no-news` leaves the folder out.

The cpcnews.cn pages went through a GBK round trip that lost every character outside GBK:
`〇` in written-out years (二〇三五) is restored (a lost character between two Chinese
numerals can only be `〇`); an article still holding a lost character (a rare character of
a name, 蹚, ...) is dropped whole rather than guessed at. Those losses are real damage of the
source, not of the documents, and a control must be clean.

(The State Council's work reports and the CPC congress reports of
aldohemsn/chinese-political-corpora would fit here, but issue 16 trains its language model
on them, so they are not controls: see /work/coord/sources.md.)

Usage::

    python tools/build_clean_controls.py --laws DIR --policy DIR --cpcnews DIR --mfa DIR
        [--no-news]
        [--out corpus/controls]

where each DIR is a checkout (work tree) of the repository named above. Files are named
by source and a stable key (document number, or a hash of a law's title),
so the tuning/check split (`zhcheck.app.evaluation.half_of`) never moves a file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import re
import sys
from collections.abc import Iterator
from itertools import chain
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


#: a line broken in the middle of a sentence: long, ending on a character or a comma, and the
#: next line not a new article, heading, item or note
_MID_SENTENCE_BREAK = re.compile(
    r"^.{25,}[\u4e00-\u9fff，、]\n(?!第[一二三四五六七八九十百零]+[条章节编]|（[一二三四五六七八九十]+）|[(\[])", re.M
)


def hard_wrapped(text: str) -> bool:
    """Whether a law's text is a PDF conversion with hard line breaks inside its sentences
    (more than 5% of its lines), which would be real layout damage in a clean control."""
    lines = text.count("\n") + 1
    return len(_MID_SENTENCE_BREAK.findall(text)) > 0.05 * lines


def statutes(repo: Path) -> Iterator[tuple[str, str]]:
    for readme in sorted((repo / "law").glob("*/README.md")):
        text = statute_text(readme.read_text(encoding="utf-8"))
        title = text.split("\n", 1)[0]
        if not title.startswith("中华人民共和国") or len(text) < 2000 or hard_wrapped(text):
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


#: between two cells of a table row (a tab in the control text)
_CELL_GAP = "\x1f"
_INNER_TABLE = re.compile(r"<table[^>]*>((?:(?!<table).)*?)</table>", re.S)


def _row_line(row: str) -> str:
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
    cells = [re.sub(r"[ \t\r\n\u3000\xa0]+", "", html.unescape(c)) for c in cells]
    return _CELL_GAP.join(c for c in cells if c)


def _flatten_tables(cell: str) -> str:
    """A table inside the content cell as one paragraph per row, its cells set apart by a tab.

    The pages print small tables (quotas per province, lists of organs) whose every cell
    would otherwise become a paragraph of its own, and whose `</tbody>` ended the content
    cell early, cutting the document after the table."""
    while True:
        flat = _INNER_TABLE.sub(
            lambda m: "".join(
                f"<p>{line}</p>" for r in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S) if (line := _row_line(r))
            ),
            cell,
        )
        if flat == cell:
            return flat
        cell = flat


_NOTE_ONLY = re.compile(r"[（(][^（）()]+[）)]")


def _rejoin_notes(paras: list[str]) -> list[str]:
    """The note on the organs responsible for a task, which the pages split into `<p>`s of
    their own: a paragraph left inside an open bracket after a punctuation mark (（生态环境部
    牵头，) goes on in the next one, and a paragraph that is only such a note ends the one
    before it. (A note printed over two lines and cut between words, as an adoption note
    under a title is, stays as printed.)"""
    out: list[str] = []
    for para in paras:
        prev = out[-1] if out else ""
        left_open = prev.count("（") + prev.count("(") > prev.count("）") + prev.count(")")
        if (left_open and prev[-1:] in "，、；。") or (prev[-1:] in "。；" and _NOTE_ONLY.fullmatch(para)):
            out[-1] += para
        else:
            out.append(para)
    return out


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
        cell = _flatten_tables(row.split("<tbody>", 1)[1]).split("</tbody>", 1)[0]
        paras = []
        for p in re.findall(r"<p[^>]*>(.*?)</p>", cell, re.S):
            text = html.unescape(re.sub(r"<br\s*/?>", "", re.sub(r"<(?!br)[^>]+>", "", p)))
            text = re.sub(r"[ \t\r\n]+", " ", text).strip().strip("\u3000").strip()
            text = _CJK_GAP.sub("", text).replace(_CELL_GAP, "\t")
            if text:
                paras.append(text)
        if paras and name not in KNOWN_DAMAGED:
            yield name, "\n".join(_rejoin_notes(paras))


#: articles whose text the source damaged (checked finding by finding, see
#: corpus/controls/README.md): left out rather than guessed at
KNOWN_DAMAGED = {
    "stc_guohan_2006_132.txt": "coordinate tables with a letter O typed for a zero (4O00)",
    "news_gcdt_20201201_b7f6ec70.txt": "a sentence cut after a comma, the report goes on with the next one",
    "news_gcdt_20201203_a3e5d84b.txt": "a sentence cut after a comma",
    "news_gcdt_20201204_6fe930ff.txt": "a sentence cut after a comma",
    "news_gcdt_20201201_e6fc07ce.txt": "the signatures of a joint communique run together on one line",
    "news_gddt_20200921_659fe308.txt": "a paragraph opens with a stray full stop",
    "news_gddt_20200811_85292ad0.txt": "two paragraphs printed twice (a pull quote flattened into the text and "
    "the same quotation again with its attribution)",
    "news_gddt_20201112_776e6de9.txt": "a quotation never closed",
    "news_xsdt_20181230_bfac9767.txt": "a garbled clause (高校党委要党委书记、校长要)",
    "news_xsdt_20190729_523c0209.txt": "a name cut off after a title",
    "news_xsdt_20191105_7ecfb260.txt": "the last sentence cut off",
    "news_xsdt_20191108_51fb5a59.txt": "a sentence cut after a comma",
    "news_xsdt_20191231_cf0f4ff2.txt": "a list of speakers cut off",
    "news_xsdt_20200110_0db08a45.txt": "a paragraph opens with a stray colon",
    "news_xsdt_20200313_b44b96d4.txt": "two sentences cut off, a quotation never closed",
    "news_xsdt_20200928_740a82c7.txt": "a list cut off after 、",
    "news_mfa_frhd_1722968.txt": "a swapped idiom (乐好善施 for 乐善好施)",
}

_NUMERALS = "〇零一二三四五六七八九十"
#: a character GBK could not hold, lost between two numerals of a written-out year
_LOST_ZERO = re.compile(rf"(?<=[{_NUMERALS}])\ufffd{{1,2}}(?=[{_NUMERALS}年])")
#: what is left of a lost character once the zeros are restored (or of a mis-decoded run)
_STILL_DAMAGED = re.compile("[\ufffd\u3040-\u30ff\u3100-\u312f]")


def cpcnews_text(body: str) -> str | None:
    """A cpcnews.cn article body as plain text, one paragraph a line; None if still damaged."""
    lines = []
    for raw in body.splitlines():
        line = raw.strip().strip("\u3000").strip()
        if line:
            lines.append(_LOST_ZERO.sub("〇", line))
    text = "\n".join(lines)
    if not text or _STILL_DAMAGED.search(text):
        return None
    return text


def _shingles(text: str, n: int = 8) -> set[str]:
    flat = re.sub(r"\s+", "", text)
    return {flat[i : i + n] for i in range(max(len(flat) - n + 1, 0))}


#: the dateline that opens a news report (本报北京12月7日电, 新华社北京…电, 本报讯)
_DATELINE = re.compile(
    r"^(?:本报|新华社|人民网|中新社|中新网|央视网|光明日报|经济日报|法制日报|工人日报)[^，。]{0,30}(?:电|讯)"
)


def cpcnews(repo: Path, category: str, prefix: str, reports_only: bool = False) -> Iterator[tuple[str, str]]:
    """The articles of one cpcnews.cn category (headline, then body), each printed once (the
    longer copy of a pair)."""
    csv.field_size_limit(1 << 30)
    path = repo / "data" / f"cpcnews_{category}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    kept: list[tuple[str, str, set[str]]] = []
    for row in rows:
        text = cpcnews_text(row["body"])
        title = _LOST_ZERO.sub("〇", re.sub(r"\s+", " ", row["title"]).strip())
        if text is None or len(text) < 200 or _STILL_DAMAGED.search(title):
            continue
        if reports_only and not any(_DATELINE.match(line) for line in text.splitlines()[:3]):
            continue  # a feature or commentary, not a report
        text = f"{title}\n{text}"  # the headline, then the article as printed
        grams = _shingles(text)
        twin = next((i for i, (_, _, g) in enumerate(kept) if len(grams & g) > 0.6 * min(len(grams), len(g))), None)
        key = hashlib.sha1((row["title"].strip() + row["date"]).encode()).hexdigest()[:8]
        name = f"{prefix}_{row['date'].replace('-', '')}_{key}.txt"
        if twin is None:
            kept.append((name, text, grams))
        elif len(text) > len(kept[twin][1]):
            kept[twin] = (kept[twin][0], text, grams)
    for name, text, _ in kept:
        if name not in KNOWN_DAMAGED:
            yield name, text


#: a paragraph this long printed in two reports is the same story reprinted
_STORY_PARAGRAPH = 50


def one_story_each(docs: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Reports in order, leaving out one that reprints a long paragraph of an earlier one
    (the same first _STORY_PARAGRAPH letters: two outlets' versions of one story): the
    control is a set of independent articles."""
    seen: set[str] = set()
    for name, text in docs:
        flat = (re.sub(r"[\W_]+", "", line) for line in text.splitlines()[1:])
        heads = {para[:_STORY_PARAGRAPH] for para in flat if len(para) >= _STORY_PARAGRAPH}
        if heads & seen:
            continue
        seen |= heads
        yield name, text


def mfa_pages(repo: Path) -> Iterator[tuple[str, str]]:
    """The Ministry of Foreign Affairs' news pages: the paragraphs of each page's body cell."""
    for page in sorted(repo.glob("*/*.html")):
        cell = re.search(r'<div[^>]*id="News_Body_Txt_A"[^>]*>(.*?)</div>', page.read_text(encoding="utf-8"), re.S)
        if cell is None:
            continue
        paras = []
        for p in re.findall(r"<p[^>]*>(.*?)</p>", cell.group(1), re.S):
            text = html.unescape(re.sub(r"<[^>]+>", "", p))
            text = re.sub(r"[ \t\r\n]+", " ", text).strip().strip("\u3000").strip()
            if text:
                paras.append(text)
        number = page.name.split(" - ")[1] if page.name.count(" - ") >= 2 else page.stem
        name = f"news_mfa_{page.parent.name}_{number}.txt"
        if paras and name not in KNOWN_DAMAGED:
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
    ap.add_argument("--cpcnews", type=Path, required=True, help="checkout of x13-caesar/FMPRC_NLP")
    ap.add_argument("--mfa", type=Path, required=True, help="checkout of boan-anbo/fmprccrawler")
    ap.add_argument("--no-news", action="store_true", help="leave out news/ (see corpus/controls/README.md)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "corpus" / "controls")
    args = ap.parse_args(argv)
    official = chain(policy_documents(args.policy), cpcnews(args.cpcnews, "zywj", "cpc"))
    plan = {"statute": statutes(args.laws), "official": official}
    if not args.no_news:
        reports = [cpcnews(args.cpcnews, c, f"news_{c}") for c in ("ldhd", "gcdt", "gddt", "xsdt")]
        reports += [cpcnews(args.cpcnews, c, f"news_{c}", reports_only=True) for c in ("zyjs", "jdsqdj")]
        plan["news"] = one_story_each(chain(*reports, mfa_pages(args.mfa)))
    for source, docs in plan.items():
        files, chars = write(args.out, source, docs)
        print(f"{source}: {files} files, {chars:,} chars", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
