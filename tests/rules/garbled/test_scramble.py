"""G302 scrambled-clause: word-order features, the shipped model,
pruning, clean text."""

from __future__ import annotations

import json

import numpy as np
import pytest

from zhcheck.engine import check_text
from zhcheck.rules.garbled import scramble
from zhcheck.rules.lang.resources import rules_data
from zhcheck.segmenter import segment

CLEAN = (
    "近年来，全市加大农村公路建设投入力度，今年新建改建农村公路三百公里，完成危桥改造二十座。"
    "市交通运输局有关负责人介绍，农村公路连通了沿线的产业园区和旅游景点，带动了特色农产品销售，"
    "群众出行更加便捷，乡村面貌明显改善。下一步，全市将建立健全农村公路养护长效机制，做到有路必养、养必到位。"
)
#: the same paragraph with the words of a clause shuffled: far beyond G302's threshold,
#: so G301 reports it
SCRAMBLED = CLEAN.replace("今年新建改建农村公路三百公里", "公路农村全市改建新建今年公里")
#: a milder shuffle: above G302's threshold, below G301's
MILD = CLEAN.replace("今年新建改建农村公路三百公里", "农村公路今年三百公里新建改建")


def _words(text: str) -> list[tuple[str, int, int]]:
    out, pos = [], 0
    for w in segment(text):
        out.append((w, pos, pos + len(w)))
        pos += len(w)
    return out


def test_clauses_are_runs_of_chinese_words_between_punctuation() -> None:
    found = scramble.clauses(_words("据介绍，今年新建改建农村公路三百公里，2023年完成危桥改造二十座。"))
    texts = ["".join(c.tokens) for c in found]
    assert "今年新建改建农村公路三百公里" in texts
    assert all("据介绍" not in t and "2023" not in t for t in texts)  # too short / a number ends a clause


def test_word_features_rate_the_written_order_above_a_shuffle() -> None:
    fluent, _ = scramble.word_features(["今年", "新建", "改建", "农村", "公路"])
    shuffled, best = scramble.word_features(["公路", "农村", "改建", "今年", "新建"])
    assert fluent[1] > shuffled[1]  # w_rand: the written order against random orders
    assert fluent[0] < shuffled[0]  # w_gap: how far the best order is from the written one
    assert sorted(best) == sorted(["公路", "农村", "改建", "今年", "新建"])


def test_a_shuffled_clause_is_reported_once_and_the_clean_paragraph_is_not() -> None:
    both = {"select": ["G301", "G302"]}
    found = check_text(SCRAMBLED, both)
    assert [(f.rule, SCRAMBLED[f.start : f.end], f.data.get("reason")) for f in found] == [
        ("G302", "公路农村全市改建新建今年公里", None)
    ]
    found = check_text(MILD, both)
    assert [(f.rule, MILD[f.start : f.end]) for f in found] == [("G302", "农村公路今年三百公里新建改建")]
    model = scramble.load()
    assert model.threshold <= found[0].data["score"]
    assert check_text(CLEAN, both) == []


def test_g302_is_opt_in() -> None:
    assert not [f for f in check_text(MILD) if f.rule in ("G301", "G302")]
    assert [f for f in check_text(MILD, {"extend_select": ["G302"]}) if f.rule == "G302"]


def test_a_clause_printed_twice_is_the_documents_wording() -> None:
    twice = SCRAMBLED + "\n" + SCRAMBLED
    assert not scramble.scrambled_clauses(twice, _words(twice))


def test_pruning_gives_the_scores_of_the_full_computation() -> None:
    """The runtime skips the character search where the word features keep a clause below
    the threshold; what it reports must be exactly what the full features give."""
    text = SCRAMBLED + "\n" + CLEAN.replace("带动了特色农产品销售", "销售带动了农产品特色")
    words = _words(text)
    found = scramble.clauses(words)
    model = scramble.load()
    full = model.scores(scramble.features(text, found))
    expected = [(c.start, round(float(s), 6)) for c, s in zip(found, full, strict=True) if s >= model.threshold]
    got = [(c.start, round(s, 6)) for c, s in scramble.scrambled_clauses(text, words)]
    assert got == expected and got


def test_the_shipped_model_matches_the_code() -> None:
    data = json.loads(rules_data(scramble.MODEL_FILE).read_text(encoding="utf-8"))
    assert tuple(data["features"]) == scramble.FEATURES
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(scramble.FEATURES)
    model = scramble.load()
    assert np.all(model.scale > 0) and 0 < model.threshold < model.g301_threshold


@pytest.mark.parametrize("name", ["genre_essay.txt", "genre_court.txt", "genre_interview.txt"])
def test_clean_articles_of_other_genres_draw_nothing(name) -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "corpus" / "clean_extra" / name
    if not path.exists():
        pytest.skip(f"{name} not in corpus/clean_extra")
    assert check_text(path.read_text(encoding="utf-8"), {"select": ["G302"]}) == []


def test_a_run_without_punctuation_longer_than_a_clause_is_not_searched() -> None:
    """The search grows with the square of a clause's length: a run of more than MAX_WORDS
    words (no clause of prose) is skipped, so a hostile input stays linear."""
    run = "公路农村全市改建新建今年" * 40
    assert scramble.clauses(_words(run)) == []
    assert scramble.clauses(_words("今年新建改建农村公路三百公里")) != []


def test_quotation_marks_do_not_end_a_clause() -> None:
    text = "我们要对“十四五”规划的部署进行认真学习，2023年完成危桥改造二十座。"
    found = scramble.clauses(_words(text))
    spans = [text[c.start : c.end] for c in found]
    assert spans == ["我们要对“十四五”规划的部署进行认真学习", "年完成危桥改造二十座"]
    assert found[0].tokens[3] == "十四五"  # the marks are no words of the clause


@pytest.mark.parametrize(
    ("tags", "opens", "closes", "expected"),
    [
        (["n", "v", "n"], True, True, 0),
        (["u", "v", "n"], True, True, 1),  # 的 opening a clause
        (["u", "v", "n"], False, True, 0),  # after a number or a quotation mark: 5G的发展
        (["n", "v", "p"], True, True, 1),  # a clause ending on a preposition
        (["n", "v", "p"], True, False, 0),  # 在2020年: the clause goes on after the number
        (["m", "q", "n", "q"], True, True, 1),  # 三项工作: fine; a measure word after a noun: not
        (["r", "q", "n"], True, True, 0),  # 这项工作
    ],
)
def test_function_words_out_of_place(tags, opens, closes, expected) -> None:
    assert scramble.misplaced(tags, opens, closes) == expected


def test_edges_are_clause_marks_not_quotation_marks_or_numbers() -> None:
    text = "今年，“十四五”规划的部署2023年完成"
    words = _words(text)
    found = scramble.clauses(words, min_words=2)
    assert [(text[c.start : c.end], scramble._edges(text, c)) for c in found] == [
        ("十四五”规划的部署", (False, False)),
        ("年完成", (False, True)),
    ]
