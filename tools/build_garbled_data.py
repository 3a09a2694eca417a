"""Rebuild the garbled family's derived data files in rules/data/ from their public sources.

    python tools/build_garbled_data.py            # all
    python tools/build_garbled_data.py english    # one of: english, pinyin, charstats

Sources (all installed packages, nothing is downloaded):
  english_words.txt    pycorrector's data/en.json.gz (English word frequencies): words with
                       frequency >= 1000, lower case, letters only, most frequent first
  pinyin_syllables.txt pypinyin (dev only): every toneless syllable of the CJK Unified block
  charstats.bin        see rules/lang/charstats.py (jieba's dict.txt + pycorrector's word_freq.txt)
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rules" / "data"


def build_english() -> None:
    from zhcheck.rules.lang.resources import pycorrector_source

    with gzip.open(pycorrector_source("en.json.gz"), "rt", encoding="utf-8") as fh:
        freq = json.load(fh)
    words = sorted((w for w, f in freq.items() if f >= 1000 and re.fullmatch("[a-z]{2,}", w)), key=lambda w: -freq[w])
    header = "# English words (frequency >= 1000 in pycorrector's en.json.gz), most frequent first.\n"
    (DATA / "english_words.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"english_words.txt: {len(words)} words")


def build_pinyin() -> None:
    from pypinyin import Style, pinyin

    syllables: set[str] = set()
    for cp in range(0x4E00, 0xA000):
        for reading in pinyin(chr(cp), style=Style.NORMAL, heteronym=True, errors="ignore")[0:1]:
            for s in reading:
                s = s.replace("ü", "v")
                if re.fullmatch("[a-z]+", s):
                    syllables.add(s)
    header = "# Toneless Hanyu Pinyin syllables (ü written v), from pypinyin.\n"
    (DATA / "pinyin_syllables.txt").write_text(header + "\n".join(sorted(syllables)) + "\n", encoding="utf-8")
    print(f"pinyin_syllables.txt: {len(syllables)} syllables")


def build_charstats() -> None:
    from zhcheck.rules.lang import charstats

    path = charstats.build()
    print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    targets = sys.argv[1:] or ["english", "pinyin", "charstats"]
    for t in targets:
        {"english": build_english, "pinyin": build_pinyin, "charstats": build_charstats}[t]()
