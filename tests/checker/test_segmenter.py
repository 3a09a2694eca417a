"""The memory-mapped segmenter reproduces jieba.lcut exactly from its shipped index (jieba: test only)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from tests.conftest import CLEAN, SEEDS
from zhcheck.rules.lang import lexicon
from zhcheck.segmenter import load, save_index


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


def test_shipped_index_is_jiebas_dictionary() -> None:
    """Every line of jieba's dict.txt is in the shipped index (and the tags file), nothing else."""
    from jieba.finalseg import prob_emit, prob_start, prob_trans

    from zhcheck.rules.lang.resources import jieba_tags

    seg = load()
    path = Path(jieba.get_dict_file().name)
    lines = [line.split() for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(w, tag) for w, _f, tag in lines] == list(jieba_tags())
    words = {w: int(f) for w, f, _tag in lines}
    assert len(seg.trie) == len(words) and seg.total == sum(int(f) for _w, f, _tag in lines)
    assert dict(seg.dictionary()) == words
    assert seg.max_len == max(map(len, words))
    assert (seg.start_p, seg.trans_p, seg.emit_p) == (prob_start.P, prob_trans.P, prob_emit.P)


def test_loads_without_jieba_and_builds_nothing(tmp_path) -> None:
    """The index ships with the engine: no jieba import, nothing built into the cache directory
    (the compiled code of regular expressions is all it holds, zhcheck.lazyre)."""
    code = (
        "import sys; sys.modules['jieba'] = None\n"
        "from zhcheck.segmenter import segment\n"
        "print('|'.join(segment('平顶山市郏县红牛产业园开工，滍阳镇全力抗旱保秋。')))"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), ZHCHECK_PURE_SEGMENTER="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "|".join(jieba.lcut("平顶山市郏县红牛产业园开工，滍阳镇全力抗旱保秋。"))
    assert [p.name[:3] for p in tmp_path.rglob("*") if p.is_file()] in ([], ["re-"])


def test_index_round_trip(tmp_path) -> None:
    """`save_index` writes what `load` reads (the build script's path, on a toy dictionary)."""
    hmm = ({"B": -0.26, "E": -3.14e100, "M": -3.14e100, "S": -1.47}, {}, {"B": {"平": -5.5}, "S": {"的": -3.0}})
    save_index({"平顶山": 40, "平": 20, "的": 100}, 161, hmm, tmp_path, "toy")
    seg = load(tmp_path)
    assert seg.word_freq("平顶山") == 40 and seg.total == 161 and seg.max_len == 3
    assert seg.emit_p == {"B": {"平": -5.5}, "M": {}, "E": {}, "S": {"的": -3.0}}
    assert seg.lcut("平顶山的", hmm=False) == ["平顶山", "的"]


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
    from zhcheck.engine import Engine

    words = tmp_path / "words.txt"
    words.write_text("滍阳镇\n", encoding="utf-8")
    Engine({"words": [str(words)]})
    assert lexicon.word_freq("滍阳镇") > 0
    Engine({})
    assert lexicon.word_freq("滍阳镇") == 0


# the compiled path (rjieba) against the Python algorithm ----------------------------------

_MIXED = (
    "2021-2025年，平顶山市GDP增长5.5%，2.9L排量、COVID-19、C++、AT&T和20240929090704.jpg；"
    "䶮字与鿖字，哈哈哈，研究研究，一件一件落实。\r\n郏县红牛、鹰城1957和工业记忆剧场。\udc80\x00"
)


def test_compiled_and_python_cut_the_same(monkeypatch) -> None:
    from zhcheck import segmenter

    seg = load()
    assert seg.lcut("平顶山市") and seg._rjieba is None  # a short run is cut in Python
    seg.warm()
    assert seg._compiled(), "rjieba is a dependency: the fast path must be in use"
    python_cut = seg.cut
    monkeypatch.setattr(seg, "cut", lambda *a: pytest.fail("cut in Python"))
    assert seg.lcut("2021-2025年，平顶山市GDP增长5.5%") == list(python_cut("2021-2025年，平顶山市GDP增长5.5%"))
    monkeypatch.undo()
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CLEAN.glob("*.txt"))[:60]
    texts = [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()] + [_MIXED]
    for text in texts:
        assert seg.lcut(text) == list(seg.cut(text)), text
        assert seg.lcut(text, hmm=False) == list(seg.cut(text, hmm=False)), text
    # the cases jieba-rs cuts differently on its own are put right
    assert seg.lcut("2021-2025年")[:3] == ["2021", "-", "2025"]
    assert seg._compiled().cut("2021-2025年")[0] == "2021-2025"
    monkeypatch.setattr(segmenter, "USE_RJIEBA", False)
    assert seg.lcut(_MIXED) == list(seg.cut(_MIXED))


def test_user_words_on_both_paths(monkeypatch) -> None:
    from zhcheck import segmenter

    seg = load()
    seg.warm()
    text = "滍阳镇全力抗旱保秋，郏县红牛产业园开工。"
    plain = seg.lcut(text)
    seg.set_user_words({"滍阳镇": 300, "郏县红牛": 400})
    fast = seg.lcut(text)
    monkeypatch.setattr(segmenter, "USE_RJIEBA", False)
    slow = seg.lcut(text)
    monkeypatch.setattr(segmenter, "USE_RJIEBA", True)
    assert fast == slow and fast[0] == "滍阳镇" and "郏县红牛" in fast
    assert "滍阳镇" not in plain
    seg.set_user_words({})  # replaced, not added to: the compiled instance follows
    assert seg.lcut(text) == plain


def test_compiled_instance_shared_with_rjieba_unless_user_terms() -> None:
    """Without user terms the compiled path is the instance importing rjieba built (its
    dictionary is not loaded twice); user terms go to an instance of their own, and the
    shared one never learns them."""
    import rjieba

    seg = load()
    seg.warm()
    assert seg._compiled() is rjieba._DEFAULT_JIEBA
    seg.set_user_words({"滍阳镇": 300})
    assert seg._compiled() is not rjieba._DEFAULT_JIEBA
    assert seg.lcut("滍阳镇全力抗旱")[0] == "滍阳镇"
    assert rjieba.cut("滍阳镇全力抗旱")[0] != "滍阳镇"
    seg.set_user_words({})
    assert seg._compiled() is rjieba._DEFAULT_JIEBA


def test_route_log_prob_on_both_paths() -> None:
    """Scoring rjieba's dictionary-only cut gives the score of jieba's best route."""
    import random

    seg = load()
    seg.warm()
    rng = random.Random(7)
    runs = [r for p in sorted(SEEDS.glob("*.txt")) for r in re.findall("[\u4e00-\u9fd5]{2,}", p.read_text("utf-8"))]
    windows = []
    for run in runs:
        i = rng.randrange(len(run))
        window = run[i : i + rng.randint(1, 14)]
        windows += [window, window[::-1]]
    windows += ["平顶山市政府", "郏县红牛", "鿖字", "GDP增长", "中国，人民"]  # the last three: in Python
    for window in windows:
        assert abs(seg.log_prob(window) - seg._best(window)[0][0]) < 1e-9, window
    plain = seg.log_prob("郏县红牛产业园")
    seg.set_user_words({"郏县红牛": 400})
    try:
        assert abs(seg.log_prob("郏县红牛产业园") - seg._best("郏县红牛产业园")[0][0]) < 1e-9
        assert seg.log_prob("郏县红牛产业园") > plain  # the user term is one word of the route
    finally:
        seg.set_user_words({})
