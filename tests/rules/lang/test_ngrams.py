"""zhcheck.rules.lang.ngrams finds exactly the positions a per-character scan finds."""

from __future__ import annotations

import random

import numpy as np
import pytest

from tests.conftest import CLEAN, SEEDS
from zhcheck.rules.lang import ngrams
from zhcheck.rules.lang.lexicon import gazetteer


def _scan(text: str, grams: set[str], n: int) -> list[int]:
    return [i for i in range(len(text) - n + 1) if text[i : i + n] in grams]


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CLEAN.glob("*.txt"))[:40]
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.mark.parametrize("n", [2, 3])
def test_starts_match_a_per_character_scan(n: int) -> None:
    rng = random.Random(n)
    texts = _texts()
    corpus = "".join(texts)
    # grams that occur (sampled from the text) and grams that do not (shuffled)
    grams = {corpus[i : i + n] for i in rng.sample(range(len(corpus) - n), 3000)}
    grams |= {"".join(rng.sample(g, n)) for g in list(grams)[:500]}
    gs = ngrams.GramSet(grams, n)
    assert len(gs) == len({g for g in grams if len(g) == n})
    for text in texts:
        assert ngrams.starts(text, gs) == _scan(text, grams, n)


def test_a_long_text_is_tested_slice_by_slice_with_the_same_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    two, three = ngrams.GramSet(["中国", "𠀋𠀌", "国人"], 2), ngrams.GramSet(["国人民", "人民币", "a\udc80b"], 3)
    text = "中国人民币，在𠀋𠀌和a\udc80b中国人民。" * 7
    whole = ngrams.starts_each(text, two, three)
    assert whole[1] == _scan(text, {"中国", "𠀋𠀌", "国人"}, 2)
    assert whole[2] == _scan(text, {"国人民", "人民币", "a\udc80b"}, 3)
    for size in (1, 2, 3, 5, 16):  # n-grams that cross a slice's end, and slices shorter than them
        monkeypatch.setattr(ngrams, "_SLICE", size)
        assert ngrams.starts_each(text, two, three) == whole
        arrays = ngrams.starts_arrays(text, two, three)
        assert [a.tolist() for a in arrays] == list(whole) and arrays[0].dtype == np.int64
        assert [a.tolist() for a in ngrams.starts_arrays("", two, three)] == [[], [], []]


def test_edge_cases() -> None:
    gs = ngrams.GramSet(["中国", "𠀋𠀌", "a\udc80", "长沙", "x"], 2)  # "x" has the wrong length
    assert len(gs) == 4
    assert ngrams.starts("", gs) == []
    assert ngrams.starts("中", gs) == []
    assert ngrams.starts("中国中国", gs) == [0, 2]
    assert ngrams.starts("在𠀋𠀌和a\udc80，长沙", gs) == [1, 4, 7]
    empty = ngrams.GramSet([], 3)
    assert ngrams.starts("中国人民", empty) == []
    # several sets at once: the union of their positions, ascending
    three = ngrams.GramSet(["国人民"], 3)
    assert ngrams.starts("中国人民", gs, three) == [0, 1]
    with pytest.raises(ValueError):
        ngrams.GramSet(["中国人民"], 4)


def _mentions_by_scan(text: str, min_len: int) -> list[tuple[int, int, str]]:
    """The gazetteer's longest-match scan, position by position (the reference)."""
    gaz = gazetteer()
    out, i = [], 0
    while i < len(text):
        for ln in range(gaz.max_len, max(min_len, 2) - 1, -1):
            s = text[i : i + ln]
            if len(s) == ln and (s in gaz.full or s in gaz.major_short):
                out.append((i, i + ln, s))
                i += ln
                break
        else:
            i += 1
    return out


def test_gazetteer_mentions_match_the_scan() -> None:
    gaz = gazetteer()
    texts = [*_texts(), "湖南省长沙市岳麓区和浏阳市、宁乡", "长沙"]
    found = 0
    for text in texts:
        for min_len in (2, 3):
            got = list(gaz.mentions(text, min_len))
            assert got == _mentions_by_scan(text, min_len)
            found += len(got)
    assert found > 500
    assert list(gaz.mentions("湖南省长沙市岳麓区"))[:2] == [(0, 3, "湖南省"), (3, 6, "长沙市")]
