"""Rebuild `layout_chars.json` (used by L103 dangling-start) from jieba's dictionary.

    python tools/build_layout_chars.py

For every Han character, jieba's `dict.txt` (the installed jieba package is the
source) says how often it is a word of its own and how often it sits inside or at
the end of a longer word. A paragraph whose first token is a character that
lives almost only inside words (展 of 发展, 业 of 产业, 化 of 现代化: `boundness`
>= 2, i.e. e^2 ~ 7 times more often a word's second or later character than a
word) starts with the second half of a word that was cut off.

`boundness` = ln((frequency as a non-initial character of longer words + 1) /
(frequency as a one-character word + 1)). Characters below `MIN_BOUNDNESS`
or seen in under `MIN_FREQ` of dictionary frequency are left out.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from build_jieba_data import dict_entries  # noqa: E402

MIN_BOUNDNESS = 1.0
MIN_FREQ = 500


def build() -> dict[str, object]:
    import jieba

    inside: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for word, freq, _ in dict_entries():
        if len(word) == 1:
            alone[word] += freq
        else:
            for ch in word[1:]:
                inside[ch] += freq
    boundness = {}
    for ch in sorted(set(inside) | set(alone)):
        if not "\u4e00" <= ch <= "\u9fff" or inside[ch] + alone[ch] < MIN_FREQ:
            continue
        b = math.log((inside[ch] + 1) / (alone[ch] + 1))
        if b >= MIN_BOUNDNESS:
            boundness[ch] = round(b, 1)
    return {"source": f"jieba {jieba.__version__} dict.txt", "boundness": boundness}


if __name__ == "__main__":
    out = ROOT / "rules" / "data" / "layout_chars.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out}")
