"""The memory-mapped segmenter reproduces jieba.lcut exactly and loads fast."""

from __future__ import annotations

import logging

import jieba

from checker import lexicon
from checker.segmenter import load
from tests.conftest import CLEAN, SEEDS


def test_identical_to_jieba_on_corpus() -> None:
    jieba.setLogLevel(logging.WARNING)
    seg = lexicon.segmenter()
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CLEAN.glob("*.txt"))[:80]
    extra = "GDP增长5.5%，iPhone 15售价7999元；“十四五”规划\r\n郏县红牛、鹰城1957和工业记忆剧场。"
    for text in [p.read_text(encoding="utf-8") for p in paths] + [extra]:
        assert seg.lcut(text) == jieba.lcut(text)


def test_frequencies_match_jieba_dictionary() -> None:
    jieba.initialize()
    for w in ("平顶山", "示范区", "的", "蒸蒸日上", "不存在的词语"):
        assert lexicon.word_freq(w) == (jieba.dt.FREQ.get(w) or 0)
    assert lexicon.total_freq() == jieba.dt.total
    assert lexicon.is_word("天天") and not lexicon.is_word("起起")


def test_second_load_maps_the_cached_index(monkeypatch) -> None:
    load()  # built or cached
    from checker import segmenter

    def no_build(*args: object) -> None:
        raise AssertionError("the index was rebuilt although it is cached")

    monkeypatch.setattr(segmenter, "build_index", no_build)
    assert load().word_freq("平顶山") == lexicon.word_freq("平顶山")


def test_user_words_stay_whole() -> None:
    seg = load()
    text = "滍阳镇全力抗旱保秋"
    before = seg.lcut(text)
    seg.add_word("滍阳镇", 300)
    after = seg.lcut(text)
    assert "滍阳镇" not in before and after[0] == "滍阳镇"
    assert "".join(after) == text


def test_dictionary_only_cut_and_route_match_jieba() -> None:
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    seg = lexicon.segmenter()
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CLEAN.glob("*.txt"))[:40]
    extra = "GDP增长5.5%，iPhone 15售价7999元；平顶\n山市政府、推进实验室"
    for text in [p.read_text(encoding="utf-8") for p in paths] + [extra]:
        assert seg.lcut(text, hmm=False) == jieba.lcut(text, HMM=False)
    for window in ("平顶山市政府", "推进实验室", "中国", "郏县红牛"):
        route: dict = {}
        jieba.dt.calc(window, jieba.dt.get_DAG(window), route)
        assert abs(lexicon.route_log_prob(window) - route[0][0]) < 1e-9


def test_user_words_do_not_leak_between_engines(tmp_path) -> None:
    from checker.engine import Engine

    words = tmp_path / "words.txt"
    words.write_text("滍阳镇\n", encoding="utf-8")
    Engine({"words": [str(words)]})
    assert lexicon.word_freq("滍阳镇") > 0
    Engine({})
    assert lexicon.word_freq("滍阳镇") == 0
