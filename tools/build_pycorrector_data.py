"""Copy the pycorrector data the rules read at run time into rules/data/pycorrector/.

    pip install -e '.[lexdata]'   # pycorrector: the source, never a run-time dependency
    python tools/build_pycorrector_data.py [--check]

pycorrector (https://github.com/shibing624/pycorrector, Apache-2.0, by XuMing) ships word
and name lists in its `data/` folder. zhcheck reads four of them; installing pycorrector
itself pulls in an ML stack (transformers, datasets, pandas, pyarrow), so this script
copies what is read into the rules' own data, compactly:

  common_char_set.txt    verbatim (3,500 common characters, one a line)
  person_name.txt.gz     verbatim, gzip (name TAB frequency)
  place_name.txt.gz      verbatim, gzip (name TAB frequency)
  word_freq_extra.txt    the lines of word_freq.txt (word frequency tag) whose word is
                         in simplified characters and jieba's dictionary lacks it (the
                         lexicon uses only those: 8.5 MB -> a few kB); the lexicon applies
                         the same filter again at run time

with README.md (provenance, versions, what each file is) and pycorrector's LICENSE. Gzip
files are written without a timestamp, so a rebuild from the same versions is
byte-identical; `--check` rebuilds into a temporary folder and compares.
"""

from __future__ import annotations

import argparse
import filecmp
import gzip
import importlib.metadata
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhcheck.rules.lang.resources import (  # noqa: E402
    COMMON_CHARS,
    PERSON_NAMES,
    PLACE_NAMES,
    PYCORRECTOR_DIR,
    WORD_FREQ,
    pycorrector_source,
    rules_data,
)

OUT = rules_data(PYCORRECTOR_DIR)

README = """\
# Data from pycorrector

Copied from the `data/` folder of pycorrector {version}
(https://github.com/shibing624/pycorrector, by XuMing), licensed under the Apache License,
Version 2.0 (`LICENSE` in this folder). pycorrector asks users to credit it with a link
and its licence, which this file does. Rebuilt by `python tools/build_pycorrector_data.py`
(extra `lexdata`); the rules never import pycorrector.

| file | what | changes |
|---|---|---|
| `common_char_set.txt` | the 3,500 common Chinese characters (`zhcheck.rules.lang.mojibake`) | none |
| `person_name.txt.gz` | personal names with frequencies (lexicon, surnames) | gzip |
| `place_name.txt.gz` | place names with frequencies (lexicon) | gzip |
| `word_freq_extra.txt` | `word_freq.txt` lines whose word jieba {jieba} lacks, in simplified characters \
(OpenCC {opencc} t2s; lexicon) | {kept:,} of {total:,} lines kept |
"""


def _jieba_words() -> set[str]:
    """Words of jieba's dictionary with a non-zero frequency (what the lexicon calls in_jieba)."""
    from build_jieba_data import dict_entries

    return {w for w, f, _tag in dict_entries() if f}


def _extra_lines() -> tuple[list[str], int]:
    """The word_freq.txt lines the lexicon can use: a parseable frequency, a word jieba lacks,
    written in simplified characters (OpenCC t2s changes none of them)."""
    from zhcheck.rules.lang.lexicon import t2s_table

    in_jieba = _jieba_words()
    t2s = t2s_table()
    kept, total = [], 0
    with open(pycorrector_source("word_freq.txt"), encoding="utf-8") as fh:
        for line in fh:
            total += 1
            parts = line.split()
            if len(parts) < 2 or parts[0].strip() in in_jieba or any(c in t2s for c in parts[0].strip()):
                continue
            try:
                int(parts[1])
            except ValueError:
                continue
            kept.append(line if line.endswith("\n") else line + "\n")
    return kept, total


def _gzip(src: Path, dest: Path) -> None:
    with open(dest, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(src.read_bytes())


def build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pycorrector_source(COMMON_CHARS), out / COMMON_CHARS)
    for name in (PERSON_NAMES, PLACE_NAMES):
        _gzip(pycorrector_source(name.removesuffix(".gz")), out / name)
    kept, total = _extra_lines()
    (out / WORD_FREQ).write_text("".join(kept), encoding="utf-8")
    dist = importlib.metadata.distribution("pycorrector")
    licence = next(f for f in dist.files or () if f.name == "LICENSE")
    shutil.copyfile(Path(dist.locate_file(licence)), out / "LICENSE")
    readme = README.format(
        version=dist.version,
        jieba=importlib.metadata.version("jieba"),
        opencc=importlib.metadata.version("opencc"),
        kept=len(kept),
        total=total,
    )
    (out / "README.md").write_text(readme, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="rebuild into a temporary folder and compare")
    args = ap.parse_args()
    if not args.check:
        build(OUT)
        for p in sorted(OUT.iterdir()):
            print(f"{p.relative_to(ROOT)}: {p.stat().st_size:,} bytes")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        names = sorted(p.name for p in Path(tmp).iterdir())
        _, mismatch, errors = filecmp.cmpfiles(tmp, OUT, names, shallow=False)
    for name in mismatch + errors:
        print(f"differs: {name}")
    return 1 if mismatch or errors else 0


if __name__ == "__main__":
    sys.exit(main())
