"""Dictionaries, loaded lazily and once per process.

One place answers "is this a known word, how frequent is it". Sources so far:
jieba's dictionary (word frequencies, through `checker.segmenter`, which runs
jieba's algorithm over a memory-mapped copy of its dictionary) and the location of pycorrector's data
files (found without importing pycorrector, which needs torch).
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.segmenter import Segmenter

@functools.cache
def segmenter() -> Segmenter:
    """The process-wide jieba-compatible segmenter (memory-mapped dictionary)."""
    from checker.segmenter import load

    return load()


def segment(text: str) -> list[str]:
    """Segment `text` exactly as `jieba.lcut(text)` does (dictionary + HMM)."""
    return segmenter().lcut(text)


def segment_dict(text: str) -> list[str]:
    """Segment `text` with jieba's dictionary only, as `jieba.lcut(text, HMM=False)` does."""
    return segmenter().lcut(text, hmm=False)


def route_log_prob(text: str) -> float:
    """Natural-log probability of jieba's best dictionary segmentation of `text`."""
    return segmenter().log_prob(text)


def word_freq(word: str) -> int:
    """jieba dictionary frequency of `word` (0 if unknown)."""
    return segmenter().word_freq(word)


def is_word(word: str) -> bool:
    """True when `word` is an entry of jieba's dictionary (or a user term)."""
    return segmenter().word_freq(word) > 0


def total_freq() -> int:
    """Sum of all jieba dictionary frequencies (for probabilities)."""
    return segmenter().total


def add_user_words(words: frozenset[str]) -> None:
    """Teach the segmenter the user's terms so they stay whole."""
    seg = segmenter()
    for w in sorted(words):
        if seg.word_freq(w) == 0:
            seg.add_word(w, freq=max(10, len(w) * 100))


@functools.cache
def pycorrector_data_dir() -> Path:
    """Directory of pycorrector's bundled data files (without importing it)."""
    spec = importlib.util.find_spec("pycorrector")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pycorrector is not installed (pip install pycorrector)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def pycorrector_data(name: str) -> Path:
    """Path of one pycorrector data file, e.g. `same_stroke.txt`."""
    path = pycorrector_data_dir() / name
    if not path.exists():
        raise RuntimeError(f"pycorrector data file missing: {path}")
    return path


def rules_data(name: str) -> Path:
    """Path of a data file shipped in `rules/data/`."""
    spec = importlib.util.find_spec("rules")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def cache_dir() -> Path:
    """Per-user cache directory for derived dictionary indexes."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "zhcheck"
    path.mkdir(parents=True, exist_ok=True)
    return path


@functools.cache
def words_tagged(tags: frozenset[str]) -> frozenset[str]:
    """Words jieba's dictionary tags with one of `tags` (part of speech, e.g. {"v", "p"}).

    Parsing the tags out of the dictionary takes a second, so the set is
    cached as a pickle under `cache_dir()`, keyed by the tags and the
    dictionary file's size and modification time.
    """
    import hashlib
    import pickle

    from checker.segmenter import jieba_dict_path

    src = jieba_dict_path()
    st = src.stat()
    key = hashlib.sha1(f"{src}|{st.st_size}|{st.st_mtime_ns}|{sorted(tags)}".encode()).hexdigest()[:16]
    cached = cache_dir() / f"jieba-tags-{key}.pickle"
    try:
        with open(cached, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    out = set()
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] in tags:
                out.add(parts[0])
    words = frozenset(out)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(words, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
    except OSError:
        pass
    return words
