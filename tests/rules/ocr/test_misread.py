"""O106/O107: the noisy-channel detector of real OCR misreadings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from zhcheck.document import Document
from zhcheck.engine import check_text
from zhcheck.rules.lang import charlm, ocrchannel
from zhcheck.rules.ocr import misread


def check(text: str, select: str = "O106") -> list:
    return check_text(text, {"select": [select]})


def test_hypothesis_gains_equal_rescoring_the_edited_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(misread, "APPLY_GAIN", float("inf"))  # no cluster rescoring here
    text = "经过多年努力，这项技术己经成熟。\n今年小麦又获得了一个好收戍，农民笑逐颜开。"
    lm = charlm.load()
    full = lm.logprobs(lm.encode(text)).sum()
    pos, xcp, gain = misread.best_hypotheses(text, prefilter=100.0)
    assert {text.index("己"), text.index("戍")} <= set(pos.tolist()) and len(pos) >= 6
    for i, x, g in zip(pos.tolist(), xcp.tolist(), gain.tolist(), strict=True):
        edited = text[:i] + chr(x) + text[i + 1 :]
        chan = dict(ocrchannel.candidates(text[i], misread.MAX_CANDIDATES))[chr(x)]
        want = lm.logprobs(lm.encode(edited)).sum() - full + misread.CHANNEL_WEIGHT * chan
        assert g == pytest.approx(want, abs=1e-4)


def test_neighbouring_misreadings_are_rescored_with_each_other_corrected() -> None:
    # two misread characters side by side spoil each other's context (国内生产总值 -> 国肉生产总植)
    text = "今年前三季度，全省国肉生产总植同比增长百分之五点二。"
    lm = charlm.load()
    pos, xcp, gain = misread.best_hypotheses(text)
    found = {text[i] + chr(x): g for i, x, g in zip(pos.tolist(), xcp.tolist(), gain.tolist(), strict=True)}
    assert "肉内" in found and "植值" in found
    # each gain is measured in the text where the other correction is already made
    fixed = text.replace("国肉", "国内").replace("总植", "总值")
    for printed, intended in (("肉", "内"), ("植", "值")):
        other = fixed.replace(intended, printed, 1)
        i = text.index(printed)
        chan = dict(ocrchannel.candidates(printed, misread.MAX_CANDIDATES))[intended]
        diff = lm.logprobs(lm.encode(fixed)).sum() - lm.logprobs(lm.encode(other)).sum()
        assert found[printed + intended] == pytest.approx(diff + misread.CHANNEL_WEIGHT * chan, abs=1e-4), i


def test_the_screen_passes_only_a_few_positions_of_clean_text() -> None:
    text = "今年以来，全省上下坚持稳中求进工作总基调，经济运行持续恢复向好，粮食生产再获丰收。" * 3
    pos, _, _ = misread.best_hypotheses(text)
    assert len(pos) <= len(text) * 0.1


#: clean sentences with person names, transliterations, an institution, rare but right words
_CLEAN = [
    "记者从市气象局获悉，受冷空气影响，预计本周末全市将出现明显降温天气。",
    "俄罗斯总统普京会见了来访的哈萨克斯坦总统托卡耶夫，双方就双边关系交换了意见。",
    "中国科学院院士、清华大学教授薛其坤获得本年度国家最高科学技术奖。",
    "他们在鄱阳湖畔观察越冬候鸟，白鹤、东方白鹳和小天鹅陆续飞抵。",
]


@pytest.mark.parametrize("text", [*_CLEAN, "该公司推出的新能源汽车续航里程突破一千公里，搭载了自主研发的固态电池。"])
def test_clean_text_gets_no_finding(text: str) -> None:
    assert check(text) == []


def test_a_string_the_article_prints_twice_is_left_alone() -> None:
    base = "这家合作社种植的蓝莓名为“优瑞卡”，今年优瑞卡的亩产比去年提高了两成。"
    assert check(base) == []


def test_misreads_are_memoised_per_document_and_filtered_by_gain() -> None:
    doc = Document("经过多年努力，这项技术己经成熟。")
    first = misread.misreads(doc, min_gain=-100)
    assert misread.misreads(doc, min_gain=-100) == first
    assert all(m.gain >= misread.MIN_GAIN for m in misread.misreads(doc))
    assert np.all(np.diff([m.start for m in first]) > 0)


def test_long_text_scored_in_windows_gives_the_same_hypotheses(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text is scored window by window (bounded memory); the arrays are the same."""
    seeds = Path(__file__).resolve().parents[3] / "corpus" / "seeds"
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))[:2])
    allowed = np.ones(len(text), dtype=bool)
    allowed[::37] = False
    whole = misread.best_hypotheses(text, allowed)
    assert len(whole[0]) > 50
    monkeypatch.setattr(misread, "_WINDOW", 1000)
    windowed = misread._windowed_hypotheses(text, allowed)
    for a, b in zip(whole, windowed, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    # with a floor: the same arrays less the hypotheses below it, in the window and outside it
    floor = float(np.median(whole[2]))
    keep = whole[2] >= floor
    assert 0 < keep.sum() < len(keep)
    for size in (1000, 10**9):
        monkeypatch.setattr(misread, "_WINDOW", size)
        floored = misread._windowed_hypotheses(text, allowed, floor)
        for a, b in zip(whole, floored, strict=True):
            assert a.dtype == b.dtype and np.array_equal(a[keep], b)


def test_a_printed_character_inside_a_dictionary_word_costs_the_real_word_penalty() -> None:
    real = "公司今年的产量再创新高。"  # 产 is part of 产量: a misreading would be a real-word error
    i = real.index("产")
    s, e = misread._clause(real, i)
    assert misread._word_through(real, s, e, i) > 0
    assert misread._real_word_cost(real, s, e, i) == misread.REAL_WORD_PENALTY > 0
    non_word = "经过多年努力，这项技术己经成熟。"  # 己 makes no word with its neighbours
    j = non_word.index("己")
    s, e = misread._clause(non_word, j)
    assert misread._real_word_cost(non_word, s, e, j) == 0.0
    assert [(m.text, m.suggestion) for m in misread.misreads(Document(non_word))] == [("己经", "已经")]


def test_a_name_o101_reports_is_not_reported_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhcheck.rules.ocr import names

    text = "经过多年努力，这项技术己经成熟。"
    assert [(h.start, h.suggestion) for h in check(text)] == [(text.index("己"), "已经")]
    i = text.index("己")
    cand = names.Candidate(i - 1, i + 2, text[i - 1 : i + 2], text[i - 1 : i + 2], "", "test")
    match = names.Match(cand, "技术已", 1, 0.9, 1.0, (), 0)
    monkeypatch.setattr(names, "find_names", lambda doc: [match])
    assert check(text) == []


def test_a_document_with_other_likely_misreadings_raises_each_gain() -> None:
    one = "经过多年努力，这项技术己经成熟。"
    other = "这几年，衣村的面貌发生了很大变化。"

    def gains(text: str) -> dict[str, float]:
        return {m.suggestion: m.gain for m in misread.misreads(Document(text), min_gain=misread.DOC_LIKELY)}

    alone = {**gains(one), **gains(other)}
    assert set(alone) == {"已经", "农村"}
    together = gains(one + "\n" + other)
    assert together == pytest.approx({k: v + misread.DOC_BONUS for k, v in alone.items()})
    # diluted in a long clean document (fewer than DOC_DENSITY per 1,000 characters): no bonus
    filler = "\n" + "今年以来，全省上下坚持稳中求进工作总基调，经济运行持续恢复向好。" * 40
    assert gains(one + "\n" + other + filler) == pytest.approx(alone)


@pytest.mark.parametrize(
    "text",
    [
        # a coinage the writer marks with quotation marks
        "今年夏天遇上了“卡脖旱”，玉米减产。",
        # a character between two copies of one character: the parallel pattern XaXb
        "集中力量查办大案重案要案。",
    ],
)
def test_the_writers_marks_and_patterns_raise_the_bar(text: str) -> None:
    assert check(text) == []
    assert check(text, "O107") != []  # still offered to whoever proofreads OCR output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a slogan is longer than a marked coinage: a misreading in it is still found
        ("要坚持“稳中求迸”工作总基调。", ("稳中求迸", "稳中求进")),
        # a misreading inside an XaXb pattern that reads far better corrected
        ("我们要坚持强农息农富农政策。", ("强农息农", "强农惠农")),
    ],
)
def test_misreadings_in_quotations_and_patterns_still_found(text: str, expected: tuple[str, str]) -> None:
    assert [(h.text, h.suggestion) for h in check(text)] == [expected]


def test_the_pattern_cost_marks_short_quotations_and_xaxb_only() -> None:
    text = "今年遇上“卡脖旱”，要坚持“稳中求迸”，推动互融互通，“卡脖旱，"

    def cost(ch: str, nth: int = 0) -> float:
        i = -1
        for _ in range(nth + 1):
            i = text.index(ch, i + 1)
        return misread._pattern_cost(text, i)

    assert cost("脖") == misread.QUOTED_PENALTY  # a coinage of QUOTED_MAX characters
    assert cost("求") == 0.0  # four characters: a slogan, not a marked coinage
    assert cost("脖", 1) == 0.0  # a quotation that does not close
    assert cost("融") == misread.PARALLEL_PENALTY  # between two copies of 互
    assert cost("通") == 0.0


# a county's drought report as OCR might read it back (written for these tests): three
# misreadings O106 finds (灌概, 资全, 面枳), one only O107 finds (肥科: 科 and the next character read
# too likely for O106's screen, not for O107's looser one) and one (田问) neither tier finds
_DAMAGED = (
    "今年入夏以来，全县气温偏高，降水偏少，部分乡镇旱情露头。县农业农村局组织技术人员深入田问地头，"
    "指导农户科学灌概，及时追施肥科，确保秋粮稳产增收。截至目前，全县已累计投入抗旱资全八百余万元，"
    "新打机井一百二十眼，有效灌溉面枳达到十二万亩。"
)


def test_o107_finds_a_misreading_o106_leaves_in_a_page_ocr_read_badly() -> None:
    o106 = [(h.text, h.suggestion) for h in check(_DAMAGED)]
    assert o106 == [("灌概", "灌溉"), ("资全", "资金"), ("灌溉面枳", "灌溉面积")]
    o107 = check(_DAMAGED, "O107")
    assert [(h.start, h.text, h.suggestion) for h in o107] == [(_DAMAGED.index("施肥科"), "施肥科", "施肥料")]
    # the default tier's scoring gives it no gain worth a finding, even at its floor
    assert all(m.printed != "科" for m in misread.misreads(Document(_DAMAGED), -1e9))


def test_o107_lowers_its_bar_only_where_the_page_reads_badly() -> None:
    alone = "县农业农村局组织技术人员指导农户及时追施肥科，确保秋粮稳产增收。"
    found = misread.misreads(Document(alone), -1e9, misread.INFO)
    assert [(m.text, m.suggestion) for m in found] == [("施肥科", "施肥料")]
    assert found[0].gain < misread.MIN_GAIN_INFO  # no other misreading: no document bonus
    assert check(alone, "O107") == []


def test_o107_takes_the_same_misreading_twice_for_ocr_only_on_a_damaged_page() -> None:
    again = "下一步，各乡镇将继续追施肥科，加强田间管理。"
    assert [h.text for h in check(_DAMAGED + again, "O107")] == ["施肥科", "施肥科"]
    # in a page with no other misreading the repeated string stays the writer's
    clean = "县农业农村局组织技术人员指导农户及时追施肥科，确保秋粮稳产增收。" + again
    assert misread.misreads(Document(clean), -1e9, misread.INFO) == []


@pytest.mark.parametrize(
    "text",
    [
        *_CLEAN,
        "省政府召开常务会议，研究部署防汛抗旱和地质灾害防治工作，要求各地压紧压实责任，做好人员转移避险准备。",
        "入冬以来，村里的老人们围坐在火塘边，用竹篾编织箩筐，年轻人则忙着在网上直播带货，把山里的腊肉、笋干卖到全国各地。",
        "这批出土的青铜器纹饰精美，其中一件鼎的腹部铸有铭文，专家初步判断其年代为西周晚期。",
    ],
)
def test_o107_leaves_clean_text_alone(text: str) -> None:
    assert misread.misreads(Document(text), -1e9, misread.INFO) == []
    assert check(text, "O107") == []


def test_o106_keeps_the_default_settings() -> None:
    """O107's settings are its own: the default tier scores with the module's constants."""
    d = misread.DEFAULT
    assert (d.channel_weight, d.prefilter, d.shortlist, d.finalists) == (
        misread.CHANNEL_WEIGHT,
        misread.PREFILTER,
        misread.SHORTLIST,
        misread.FINALISTS,
    )
    assert (d.floor, d.doc_bonus, d.common_screen, d.default_evidence, d.need_word) == (
        misread.FLOOR,
        misread.DOC_BONUS,
        True,
        False,
        False,
    )
    assert d.repeat_guard and d.repeat_guard_damaged


def test_the_candidate_rows_kept_per_process_equal_the_channels_own() -> None:
    """The rows derived once per character (batches that mix new and kept characters, ones
    without candidates, one outside the BMP) are the channel's dense rows with special tokens at -inf."""
    lm, chan = charlm.load(), ocrchannel.channel()
    rows = misread._CandidateRows(misread.MAX_CANDIDATES)
    batches = ["推维护", "护a，推", "𠀀护鼎x", "鼎𠀀口"]
    for batch in batches:
        cps = np.array(sorted({ord(ch) for ch in batch}), dtype=np.uint32)
        xcp, xtok, logp = rows.of(cps)
        want_xcp, want_lp = chan.dense(cps, misread.MAX_CANDIDATES)
        want_tok = lm._table[np.minimum(want_xcp, 0xFFFF)]
        assert np.array_equal(xcp, want_xcp) and xcp.dtype == want_xcp.dtype
        assert np.array_equal(xtok, want_tok)
        assert np.array_equal(logp, np.where(want_tok >= len(charlm.SPECIALS), want_lp, -np.inf))
        assert logp.dtype == np.float32
    assert np.isfinite(rows.of(np.array([ord("推")], dtype=np.uint32))[2]).sum() > 8
    # a text's printed characters, repeated and unsorted: one row each, the same row for the same character
    text = np.array([ord(ch) for ch in "护推维护新推"], dtype=np.uint32)
    at = rows.rows(text)
    assert at[0] == at[3] and at[1] == at[5] and len(set(at.tolist())) == 4
    assert np.array_equal(rows.xtok[at], rows.of(text)[1])
    assert rows.size < len(set("".join(batches)))  # the characters without candidates share a row
