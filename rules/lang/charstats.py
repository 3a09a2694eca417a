"""Dictionary-weighted character-bigram statistics.

For every Chinese word of jieba's dictionary and of pycorrector's `word_freq.txt`,
each character bigram inside the word is counted with the word's frequency. The
table answers "does this pair of characters ever occur together inside a word,
and how often": a pair that no dictionary word contains is a word boundary or
an anomaly.

The table is precomputed (`python tools/build_garbled_data.py charstats`) into
`rules/data/charstats.bin`: zlib-compressed, a little-endian uint32 count n,
n sorted uint32 keys (ord(a) << 16 | ord(b), BMP ideographs only) and n uint8
values round(log2(count + 1)). Loading takes a few milliseconds.
"""

from __future__ import annotations

import array
import bisect
import functools
import itertools
import math
import struct
import sys
import zlib
from collections import Counter
from pathlib import Path

from zhcheck.lazyre import lazy

_HAN = lazy("[\u4e00-\u9fff]+")
_FILE = "charstats.bin"


def _source_words():
    """(word, freq) of every line of jieba's dict.txt (the shipped copy: the words of
    `rules/data/jieba/`, the segmenter's frequencies) and of pycorrector's word_freq.txt."""
    from zhcheck.rules.lang.resources import jieba_tags, pycorrector_source
    from zhcheck.segmenter import segmenter

    freq = dict(segmenter().dictionary())
    for word, _tag in jieba_tags():
        yield word, freq[word]
    with open(pycorrector_source("word_freq.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                yield parts[0], int(parts[1])


def build(path: Path | None = None) -> Path:
    """Count the bigrams of both dictionaries and write the compact table."""
    from zhcheck.rules.lang.resources import rules_data

    counts: Counter[int] = Counter()
    for word, freq in _source_words():
        if len(word) < 2 or not _HAN.fullmatch(word):
            continue
        for a, b in itertools.pairwise(word):
            counts[(ord(a) << 16) | ord(b)] += freq
    keys = array.array("I", sorted(counts))
    vals = bytes(min(255, round(math.log2(counts[k] + 1))) for k in keys)
    if sys.byteorder != "little":  # pragma: no cover
        keys.byteswap()
    blob = struct.pack("<I", len(keys)) + keys.tobytes() + vals
    out = path or rules_data(_FILE)
    out.write_bytes(zlib.compress(blob, 9))
    return out


@functools.cache
def _table() -> tuple[array.array, bytes]:
    import numpy as np

    from zhcheck.rules.lang.arraycache import cached_arrays
    from zhcheck.rules.lang.resources import rules_data

    def build() -> tuple[np.ndarray, np.ndarray]:
        blob = zlib.decompress(rules_data(_FILE).read_bytes())
        (n,) = struct.unpack_from("<I", blob)
        return np.frombuffer(blob, "<u4", n, 4), np.frombuffer(blob, np.uint8, offset=4 + 4 * n)

    # decompressed once into the dictionary cache (10 ms a start otherwise)
    keys_le, vals = cached_arrays("charstats-v1", rules_data(_FILE), ("keys", "vals"), build)
    keys = array.array("I")
    keys.frombytes(keys_le.tobytes())
    if sys.byteorder != "little":  # pragma: no cover
        keys.byteswap()
    return keys, vals.tobytes()


def bigram_log2(a: str, b: str) -> int:
    """round(log2(count + 1)) of the pair `ab` inside dictionary words (0 = never)."""
    keys, vals = _table()
    k = (ord(a) << 16) | ord(b)
    i = bisect.bisect_left(keys, k)
    return vals[i] if i < len(keys) and keys[i] == k else 0


def seen(a: str, b: str) -> bool:
    """True when some dictionary word contains the pair `ab`."""
    return bigram_log2(a, b) > 0


def unseen_pairs(text: str) -> int:
    """How many adjacent character pairs of `text` no dictionary word contains."""
    return sum(1 for a, b in itertools.pairwise(text) if not seen(a, b))
