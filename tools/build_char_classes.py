"""Rebuild `rules/data/char_classes.json` (character classes of `rules/lang/vocab.py`) from jieba's dictionary.

    python tools/build_char_classes.py

Two character sets are derived from the part-of-speech tags of jieba's
`dict.txt` (the installed jieba package is the source):

* `function_chars`: frequent (jieba frequency >= 1000) single-character words
  that are numerals, measure words, time words, prepositions, particles,
  interjections or onomatopoeia. Doubling them is ordinary grammar: distributive
  reduplication (年年, 座座) or a word ending in the character followed by the
  character as a word of its own (可以|以此, 即将|将其, 目的|的). Pronouns,
  adverbs, conjunctions and suffixes are not included: doubled, they are
  stutters (我我们, 就就是, 人们们).
* `name_suffix_chars`: characters that end at least 100 place or organisation
  names (县, 市, 港, 湖 ...). A name ending in one of them may legitimately be
  followed by the same character as a common noun (贵港港 "the port of Guigang").
* `measure_chars`: characters that jieba's dictionary has as a numeral-measure
  word with 一 (一棵, 一趟, 一群 ...), whose own tag is no surname, place or verb.
  Reduplicated they mean "every" (棵棵茁壮, 趟趟爆满).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from build_jieba_data import dict_entries  # noqa: E402

FUNCTION_TAGS = {"m", "mq", "q", "t", "tg", "p", "u", "uj", "ul", "uv", "uz", "ud", "ug", "y", "e", "o"}
MIN_FUNCTION_FREQ = 1000
NAME_TAGS = {"ns", "nt"}
MIN_NAMES = 100
MEASURE_TAGS = {"m", "mq"}
NOT_MEASURE_TAGS = {"nr", "nrt", "nrfg", "ns", "v", "vg"}


def build() -> dict[str, object]:
    import jieba

    function_chars: set[str] = set()
    suffixes: Counter[str] = Counter()
    tags: dict[str, str] = {}
    one_measure: set[str] = set()
    for word, freq, tag in dict_entries():
        if len(word) == 1:
            tags[word] = tag
        if len(word) == 1 and tag in FUNCTION_TAGS and freq >= MIN_FUNCTION_FREQ:
            function_chars.add(word)
        elif len(word) >= 2 and tag in NAME_TAGS:
            suffixes[word[-1]] += 1
        if len(word) == 2 and word[0] == "一" and tag in MEASURE_TAGS:
            one_measure.add(word[1])
    measure = {c for c in one_measure if tags.get(c) not in NOT_MEASURE_TAGS}
    return {
        "source": f"jieba {jieba.__version__} dict.txt",
        "function_chars": "".join(sorted(function_chars)),
        "name_suffix_chars": "".join(sorted(c for c, n in suffixes.items() if n >= MIN_NAMES)),
        "measure_chars": "".join(sorted(measure)),
    }


if __name__ == "__main__":
    out = ROOT / "rules" / "data" / "char_classes.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
