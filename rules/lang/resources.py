"""Where the language kit's data lives: `rules/data/`.

Data derived from other packages is built into `rules/data/` by the scripts in `tools/`;
at run time the rules read only these copies (jieba's and pycorrector's among them).
`pycorrector_source` locates the files of an installed pycorrector (the build extra
`lexdata`) for those scripts; no rule calls it.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

#: the data files shipped with the rules
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: the folder of data copied from pycorrector (tools/build_pycorrector_data.py writes these files)
PYCORRECTOR_DIR = "pycorrector"
COMMON_CHARS = "common_char_set.txt"
PERSON_NAMES = "person_name.txt.gz"
PLACE_NAMES = "place_name.txt.gz"
#: the lines of pycorrector's word_freq.txt whose word jieba's dictionary lacks
WORD_FREQ = "word_freq_extra.txt"
#: jieba's part-of-speech tags: `word tag` for every line of its dict.txt, in its order
#: (tools/build_jieba_data.py; the frequencies are the segmenter's)
JIEBA_TAGS = "jieba/pos_tags.txt.gz"
#: standard characters (2013 table) that OpenCC's t2s table converts (tools/build_standard_chars.py)
STANDARD_CONVERTED = "standard_converted.txt"


def rules_data(name: str) -> Path:
    """Path of a data file shipped in `rules/data/`."""
    return DATA_DIR / name


def pycorrector_copy(name: str) -> Path:
    """Path of a file copied from pycorrector's data, e.g. `person_name.txt.gz`."""
    return DATA_DIR / PYCORRECTOR_DIR / name


def jieba_tags() -> Iterator[tuple[str, str]]:
    """(word, part-of-speech tag) of every line of jieba's dictionary, in its order."""
    fields = iter(gzip.decompress(rules_data(JIEBA_TAGS).read_bytes()).decode("utf-8").split())
    return zip(fields, fields, strict=True)


def open_text(path: Path) -> TextIO:
    """A UTF-8 data file opened for reading as text (gunzipped when its name ends in `.gz`)."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def pycorrector_source(name: str) -> Path:
    """Path of one data file of the installed pycorrector, e.g. `same_stroke.txt` (build time only)."""
    spec = importlib.util.find_spec("pycorrector")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pycorrector is not installed: pip install -e '.[lexdata]' (a build-only extra)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / name
    if not path.exists():
        raise RuntimeError(f"pycorrector data file missing: {path}")
    return path
