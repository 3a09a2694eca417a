"""zhcheck.rules.lang.langmodel: the People's Daily 1998 language model and its build script."""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import math
import random
from pathlib import Path

import pytest

from tests.conftest import ROOT
from zhcheck.rules.lang import langmodel as lm
from zhcheck.rules.lang.resources import rules_data
from zhcheck.segmenter import segment


@pytest.fixture(scope="module")
def model() -> lm.LanguageModel:
    return lm.load()


def test_reads_the_shipped_model() -> None:
    # load time is measured by benchmarks/bench_startup.py, not asserted here
    assert lm.read(rules_data(lm.FILE)).count("发展") > 1000


def test_vocabulary_and_tags(model: lm.LanguageModel) -> None:
    assert model.count("发展") > 1000
    assert model.tag("发展") in ("v", "vn")
    assert model.tag("我们") == "r"
    assert model.tag("2025") == lm.NUM and model.tag("GDP") == lm.LAT
    # unknown to 1998, known to jieba's dictionary: its dictionary tag
    assert model.word_id("护眼灯") is None and model.tag("护眼灯") == "n"
    # unknown to both: a tag by shape, and finite probabilities
    assert model.tag("新质生产力") == "x"
    assert math.isfinite(model.word_bigram_logprob("加快", "新质生产力"))
    assert math.isfinite(model.word_bigram_logprob("新质生产力", "。"))
    for bad in ("\ud800", "\x00", "\x00的", ""):  # bad input: no exception, unknown word
        assert model.word_id(bad) is None and lm.jieba_tag(bad) is None
        assert math.isfinite(model.word_bigram_logprob(bad, "发展"))


def test_word_bigrams(model: lm.LanguageModel) -> None:
    assert model.bigram_count("进一步", "加强") > 20
    assert model.word_bigram_logprob("进一步", "加强") > model.word_bigram_logprob("加强", "进一步") + 3
    assert model.pmi("进一步", "加强") > 2 > model.pmi("加强", "进一步")
    # probabilities of all continuations of a word stay below one
    assert math.exp(model.word_bigram_logprob("进一步", "加强")) < 1


def test_junction_pmis_match_pmi(model: lm.LanguageModel) -> None:
    words = segment("我们要进一步加强生态环境保护工作")
    seq = [lm.BOS, *words, lm.EOS]
    expected = [model.pmi(a, b) for a, b in itertools.pairwise(seq)]
    assert model.junction_pmis(words) == pytest.approx(expected)


FLUENT = [
    "我们要进一步加强生态环境保护工作",
    "国务院总理主持召开常务会议研究部署经济工作",
    "全市上下要坚定信心扎实推进各项重点任务",
]


@pytest.mark.parametrize("sentence", FLUENT)
def test_fluent_beats_scrambled(model: lm.LanguageModel, sentence: str) -> None:
    words = segment(sentence)
    scrambled = list(reversed(words))
    assert model.sentence_surprisal(words) < model.sentence_surprisal(scrambled) - 1
    gain, junctions = model.order_gain(words)
    assert junctions == len(words) + 1
    assert gain / junctions > 1.0
    assert model.order_gain(scrambled)[0] < 0


def test_order_gain_of_random_orders_is_about_zero(model: lm.LanguageModel) -> None:
    words = segment(FLUENT[1])
    rng = random.Random(1)
    gains = []
    for _ in range(200):
        w = list(words)
        rng.shuffle(w)
        gains.append(model.order_gain(w)[0])
    assert abs(sum(gains) / len(gains)) < 0.5  # the expectation is exact: only sampling noise is left


def test_deletion_gain(model: lm.LanguageModel) -> None:
    words = segment("攻克了高端轴承等关键一大批关键技术")
    k = words.index("关键")
    assert model.deletion_gain(words, k) > 3
    fluent = segment("攻克了高端轴承等一大批关键技术")
    assert max(model.deletion_gain(fluent, i) for i in range(len(fluent))) < 3


def test_tag_model(model: lm.LanguageModel) -> None:
    assert model.tag_bigram_logprob("v", "n") > model.tag_bigram_logprob("u", lm.EOS)
    assert model.tag_surprisal(["r", "v", "n"]) < model.tag_surprisal(["u", "u", "p"])


def test_characters(model: lm.LanguageModel) -> None:
    assert model.char_count("的") > 10000
    assert model.char_logprob("中华人民共和国") > model.char_logprob("国和共民人华中") + 10
    assert lm.char_logprob("") == 0.0


def test_reorder_clauses_keeps_punctuation() -> None:
    toks = segment("他说：“我们要进一步加强生态环境保护，推动高质量发展。”")
    out = lm.reorder_clauses(toks, random.Random(3))
    assert sorted(out) == sorted(toks)
    assert [t for t in out if lm.is_boundary(t) or lm.is_transparent(t)] == [
        t for t in toks if lm.is_boundary(t) or lm.is_transparent(t)
    ]
    assert out != toks


def test_clauses() -> None:
    assert lm.clauses(["我们", "“", "强市", "”", "，", "发展", "。"]) == [["我们", "强市"], ["发展"]]


def test_build_script_on_a_small_corpus(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_langmodel", ROOT / "tools" / "build_langmodel.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.halfwidth("１９９８年ＡＢ") == "1998年AB"
    assert build.parse_line("国家/n  主席/n  江/nr  泽民/nr  发表/v  讲话/n") == [
        ("国家", "n"), ("主席", "n"), ("江泽民", "nr"), ("发表", "v"), ("讲话", "n"),
    ]  # fmt: skip
    first = "我们/r  要/v  进一步/d  加强/v  经济/n  建设/vn  。/w"
    second = "经济/n  建设/vn  取得/v  新/a  成就/n  。/w"
    corpus = "\n".join([first] * 3 + [second] * 2)
    args = argparse.Namespace(segmented_cache=None, min_count=2, min_bigram=1, min_char_bigram=1)
    meta, sections = build.build(corpus, args)
    out = tmp_path / "m.bin"
    lm.write(out, meta, sections)
    small = lm.read(out)
    assert small.count("经济") == 5 and small.count("成就") == 2
    assert small.bigram_count("经济", "建设") == 5
    assert small.bigram_count(lm.BOS, "我们") == 3
    assert small.tag("进一步") == "d"
    assert small.word_bigram_logprob("进一步", "加强") > small.word_bigram_logprob("加强", "进一步")
    assert small.char_bigram_count("经", "济") == 5
