"""Text no rule was tuned on, for the whole-process benchmarks.

The pool is the *check* halves of the clean controls (team convention: a file belongs to
the check half iff `int(sha1(basename).hexdigest(), 16) % 2 == 1`) of `corpus/clean`,
`corpus/clean_extra`, `corpus/controls/*` and `corpus/scraped` (about 700,000 chars),
plus any extra articles given on the command line: text files, JSON lines, directories, the
squad-style JSON of CMRC 2018 (`ymcui/cmrc2018`, `squad-style-data/cmrc2018_dev.json`
and `..._trial.json`: 1,104 zh-Wikipedia passages, 566,000 chars; CC BY-SA 4.0), or CSV
files with a `body` column. The files are written into one directory under shuffled
names (zhcheck walks a directory in name order), so neither side sees them grouped by
source. `unique_paragraphs` gives every distinct paragraph of such sources once, for a
large file of unique text.

    python benchmarks/unseen_pool.py OUT_DIR [--extra PATH ...] [--seed 21]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from _common import ROOT

from zhcheck.app.evaluation import CHECK, half_of

CORPUS = ROOT / "corpus"
#: directories of clean controls (each file: one article); only their check halves are used
CONTROL_DIRS = ("clean", "clean_extra", "controls/official", "controls/statute", "scraped")
SUFFIXES = (".txt", ".md")


def in_check_half(name: str) -> bool:
    """The team's split: the check half of a clean control (never tuned on)."""
    return half_of(name) == CHECK


def check_half_articles() -> Iterator[tuple[str, str]]:
    """(label, text) of every check-half article of the clean controls."""
    for sub in CONTROL_DIRS:
        folder = CORPUS / sub
        for p in sorted(folder.iterdir()):
            if p.is_file() and p.suffix in SUFFIXES and p.name != "README.md" and in_check_half(p.name):
                yield f"{sub.replace('/', '-')}-{p.stem}{p.suffix}", p.read_text(encoding="utf-8")


def extra_articles(path: Path) -> Iterator[tuple[str, str]]:
    """(label, text) of the articles in a text file, a CMRC JSON, a CSV with a `body` column,
    JSON lines with a `content`, `text` or `body` field, or a directory of such files."""
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix in (*SUFFIXES, ".json", ".csv", ".jsonl"):
                yield from extra_articles(p)
    elif path.suffix in SUFFIXES:
        yield f"{path.parent.name}-{path.stem}{path.suffix}", path.read_text(encoding="utf-8", errors="replace")
    elif path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                row = json.loads(line)
                text = row.get("content") or row.get("text") or row.get("body") or ""
                if text.strip():
                    yield f"{path.stem}-{k:05d}.txt", text
    elif path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        for k, art in enumerate(data["data"]):
            for j, para in enumerate(art["paragraphs"]):
                title = (art.get("title") or "").strip()
                text = para["context"].strip()
                yield f"{path.stem}-{k:04d}-{j}.txt", (f"{title}\n{text}\n" if title else text + "\n")
    elif path.suffix == ".csv":
        raw = path.read_text(encoding="utf-8", errors="replace")
        csv.field_size_limit(1 << 30)
        for k, row in enumerate(csv.DictReader(io.StringIO(raw))):
            body = (row.get("body") or "").strip()
            if body:
                title = (row.get("title") or "").strip()
                yield f"{path.stem}-{k:05d}.txt", (f"{title}\n{body}\n" if title else body + "\n")
    else:
        raise SystemExit(f"{path}: not a directory, .txt, .md, .json, .jsonl or .csv")


def pool_articles(extras: Iterable[Path]) -> list[tuple[str, str]]:
    """The check halves plus the extra articles, each distinct text once."""
    seen: set[str] = set()
    out = []
    for label, text in [*check_half_articles(), *(a for p in extras for a in extra_articles(p))]:
        if text.strip() and text not in seen:
            seen.add(text)
            out.append((label, text))
    return out


def write_pool(out: Path, articles: list[tuple[str, str]], seed: int = 21) -> int:
    """Write the articles into `out` (emptied first) under shuffled names; return the chars written."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    chars = 0
    for rank, k in enumerate(order):
        label, text = articles[k]
        suffix = ".md" if label.endswith(".md") else ".txt"
        (out / f"{rank:05d}-{Path(label).stem}{suffix}").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def unique_paragraphs(articles: Iterable[tuple[str, str]]) -> Iterator[str]:
    """Every distinct non-blank line of the articles, once, in order."""
    seen: set[str] = set()
    for _, text in articles:
        for line in text.splitlines():
            line = line.strip()
            if line and line not in seen:
                seen.add(line)
                yield line


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--extra", type=Path, action="append", default=[], help="more unseen articles (dir, .json, .csv)")
    ap.add_argument("--seed", type=int, default=21)
    args = ap.parse_args()
    articles = pool_articles(args.extra)
    chars = write_pool(args.out, articles, args.seed)
    print(f"{len(articles):,} articles, {chars:,} chars -> {args.out}")


if __name__ == "__main__":
    main()
