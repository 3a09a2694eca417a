"""Rebuild what zhcheck reads of jieba's data, so that jieba is no run-time dependency.

    python tools/build_jieba_data.py [--check]

The source is the installed jieba package (PyPI `jieba` 0.42.1, MIT, by Sun Junyi; the
build extras and `dev` install it): its dictionary `dict.txt` (349,046 lines of word,
frequency, part-of-speech tag) and the HMM tables of `jieba.finalseg`. Two folders are
written, each with the licence and a README:

* `checker/data/segmenter/` (the engine's): the segmenter's index as
  `zhcheck.segmenter.save_index` writes it (marisa trie of the words, frequency and
  log-probability arrays, HMM tables; `zhcheck.segmenter.load` maps it);
* `rules/data/jieba/pos_tags.txt.gz` (the language kit's): `word tag` for every line of
  `dict.txt`, in its order (gzip without a timestamp); the frequencies are the segmenter's.

`--check` rebuilds into a temporary directory and compares with the shipped files (exit 1
when one differs). The other data builders read jieba's dictionary through `dict_entries`.
"""

from __future__ import annotations

import argparse
import filecmp
import gzip
import importlib.metadata
import importlib.util
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE_DIR = ROOT / "checker" / "data" / "segmenter"
RULES_DIR = ROOT / "rules" / "data" / "jieba"
TAGS_FILE = "pos_tags.txt.gz"

# jieba's licence (github.com/fxsjy/jieba, LICENSE; the PyPI package carries only "License: MIT")
LICENSE = """\
The MIT License (MIT)

Copyright (c) 2013 Sun Junyi

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

ENGINE_README = """\
# The segmenter's dictionary index (from jieba)

Built from {source} (https://github.com/fxsjy/jieba, by Sun Junyi, MIT licence:
`LICENSE` in this folder) by `python tools/build_jieba_data.py`: its dictionary `dict.txt`
({lines:,} lines, {words:,} words, total frequency {total:,}) and the HMM tables of
`jieba.finalseg`. `zhcheck.segmenter` runs jieba's algorithm over them; jieba itself is
not needed at run time.

| file | what |
|---|---|
| `words.marisa` | marisa-trie `Trie` of the words (word -> id) |
| `freq.u32` | frequency per word id (little-endian uint32) |
| `logp.f64` | log(frequency) - log(total) per word id (little-endian float64) |
| `emit.f64` | HMM emission log-probabilities of the states B, M, E, S (little-endian float64) |
| `meta.json` | format, source, total, longest word, word count, HMM start and transition \
log-probabilities, the characters of each state's emission table |
"""

RULES_README = """\
# jieba's part-of-speech tags

`pos_tags.txt.gz`: one line `word tag` for each of the {lines:,} lines of the dictionary
`dict.txt` of {source} (https://github.com/fxsjy/jieba, by Sun Junyi, MIT licence: `LICENSE`
in this folder), in its order; gzip without a timestamp. Rebuilt by
`python tools/build_jieba_data.py`. The language kit reads it for part-of-speech tags
(`zhcheck.rules.lang.lexicon`, `langmodel`) and for the dictionary's words in order; their
frequencies are the segmenter's (`checker/data/segmenter/`, from the same file).
"""


def dict_path() -> Path:
    """The installed jieba package's `dict.txt` (build time only)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jieba is not installed: pip install -e '.[dev]' (or a build extra, see tools/README.md)")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def dict_entries(path: Path | None = None) -> Iterator[tuple[str, int, str]]:
    """(word, frequency, part-of-speech tag) of every line of jieba's dictionary."""
    with open(path or dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                yield parts[0], int(parts[1]), parts[2]


def hmm_tables() -> tuple[dict, dict, dict]:
    """Start, transition and emission log-probabilities of jieba's HMM for unknown words."""
    from jieba.finalseg import prob_emit, prob_start, prob_trans

    return (
        dict(prob_start.P),
        {k: dict(v) for k, v in prob_trans.P.items()},
        {k: dict(v) for k, v in prob_emit.P.items()},
    )


def source() -> str:
    return f"jieba {importlib.metadata.version('jieba')}"


def build(engine_dir: Path, rules_dir: Path) -> None:
    """Write both folders from the installed jieba."""
    from zhcheck.segmenter import save_index

    entries = list(dict_entries())
    with open(dict_path(), encoding="utf-8") as fh:
        lines = sum(1 for _ in fh)
    if len(entries) != lines:
        raise SystemExit(f"dict.txt has {lines - len(entries)} lines that are not `word freq tag`")
    words: dict[str, int] = {}
    total = 0  # like jieba: every line counts, a repeated word keeps its last frequency
    for w, f, _tag in entries:
        words[w] = f
        total += f
    engine_dir.mkdir(parents=True, exist_ok=True)
    save_index(words, total, hmm_tables(), engine_dir, source())
    (engine_dir / "LICENSE").write_text(LICENSE, encoding="utf-8")
    readme = ENGINE_README.format(source=source(), lines=lines, words=len(words), total=total)
    (engine_dir / "README.md").write_text(readme, encoding="utf-8")

    rules_dir.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{w} {tag}\n" for w, _f, tag in entries)
    with (
        open(rules_dir / TAGS_FILE, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(text.encode("utf-8"))
    (rules_dir / "LICENSE").write_text(LICENSE, encoding="utf-8")
    (rules_dir / "README.md").write_text(RULES_README.format(source=source(), lines=lines), encoding="utf-8")


def check() -> int:
    """Rebuild into a temporary directory and compare with the shipped files."""
    with tempfile.TemporaryDirectory() as tmp:
        engine, rules = Path(tmp) / "engine", Path(tmp) / "rules"
        build(engine, rules)
        bad = []
        for new, old in ((engine, ENGINE_DIR), (rules, RULES_DIR)):
            names = sorted(p.name for p in new.iterdir())
            if names != sorted(p.name for p in old.iterdir()):
                bad.append(f"{old}: files differ")
            _match, mismatch, errors = filecmp.cmpfiles(new, old, names, shallow=False)
            bad += [f"{old / name} differs" for name in mismatch + errors]
    for line in bad:
        print(line)
    print("shipped jieba data: " + ("DIFFERS from a rebuild" if bad else "identical to a rebuild"))
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare a rebuild with the shipped files")
    args = ap.parse_args()
    if args.check:
        return check()
    build(ENGINE_DIR, RULES_DIR)
    for d in (ENGINE_DIR, RULES_DIR):
        size = sum(p.stat().st_size for p in d.iterdir())
        print(f"{d.relative_to(ROOT)}: {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
