"""L106 and the layout flow across a printed page's furniture (page numbers, running heads)."""

from __future__ import annotations

import pytest

from zhcheck.app.fixer import fix_text
from zhcheck.engine import Engine, check_text
from zhcheck.finding import Applicability
from zhcheck.rules.layout.page import PageMark, page_marks, page_number

LAYOUT = {"select": ["L"]}

NOTICE = (
    "关于做好冬季供暖保障工作的通知\n\n"
    "各区人民政府，市政府各委、办、局：\n\n"
    "入冬以来，全市供暖运行总体平稳，但部分老旧小区管网漏损、末端温度偏低等问题仍较突出，群众反映集中的\n\n"
    "— 2 —\n\n"
    "问题还没有得到根本解决。为切实保障群众温暖过冬，现就有关事项通知如下。\n\n"
    "一、加强运行调度。各供热单位要科学制定运行方案，根据天气变化及时调整供热参数。\n"
)


def rules_of(found: list) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in found]


def test_page_number_inside_a_paragraph_is_reported_and_the_halves_joined() -> None:
    found = check_text(NOTICE, LAYOUT)
    assert rules_of(found) == [("L101", 5), ("L106", 7)]
    join, mark = found
    assert "隔着页码或页眉" in join.message
    assert join.suggestion == "群众反映集中的问题还没有得到根本解决…"
    assert "第 5 行的段落在此跨页断开" in mark.message
    assert (mark.start, mark.end) == (NOTICE.index("— 2 —"), NOTICE.index("— 2 —") + 5)
    assert mark.fix is not None and mark.fix.applicability is Applicability.SAFE


def test_fix_deletes_the_page_number_then_unsafe_joins_the_halves() -> None:
    safe = fix_text(NOTICE, Engine(LAYOUT)).fixed
    assert "— 2 —" not in safe
    assert "群众反映集中的\n\n问题还没有" in safe  # the join itself needs --unsafe (weak evidence)
    joined = fix_text(NOTICE, Engine(LAYOUT), unsafe=True).fixed
    assert "群众反映集中的问题还没有得到根本解决。" in joined
    assert joined.count("\n") == NOTICE.count("\n") - 4


def test_page_number_between_finished_paragraphs_is_reported_alone() -> None:
    text = NOTICE.replace("群众反映集中的\n\n— 2 —\n\n问题", "群众反映集中的问题还没有得到根本解决。\n\n- 3 -\n\n问题")
    found = check_text(text, LAYOUT)
    assert rules_of(found) == [("L106", 7)]
    assert "跨页" not in found[0].message


def test_running_head_and_page_number_between_the_halves() -> None:
    head = "某某市人民政府公报　　2023年第5期"
    text = NOTICE.replace("— 2 —", f"{head}\n\n第 8 页")
    found = check_text(text, LAYOUT)
    assert rules_of(found) == [("L101", 5), ("L106", 7), ("L106", 9)]
    assert "页眉" in found[1].message and found[1].fix.applicability is Applicability.UNSAFE
    assert "页码" in found[2].message and found[2].fix.applicability is Applicability.SAFE


def test_bare_number_splitting_running_text_across_a_word() -> None:
    text = (
        "近年来，当地坚持把农民增收作为工作的重中之重，大力发展特色种养业和乡村旅游，带动周边农户走上致\n"
        "17\n"
        "富路，村集体经济收入连续三年保持两位数增长。\n"
    )
    found = check_text(text, LAYOUT)
    assert rules_of(found) == [("L101", 1), ("L106", 2)]
    assert found[0].suggestion.endswith("走上致富路…")
    assert found[1].fix.applicability is Applicability.UNSAFE
    assert found[1].message.startswith("印刷页的页码残留在正文中")  # a number, not a running head
    assert found[1].fix.description == "delete the page number"


def test_word_across_the_break_outweighs_a_bare_unit() -> None:
    # 台 opens the next line as a measure word would, but 平|台 is the word cut in two
    text = "会议要求，狠抓各项任务落地实施，对具有支撑性引领性的重大平\n\n台、重大项目、重大政策要整合资源协力推动。\n"
    assert rules_of(check_text(text, LAYOUT)) == [("L101", 1)]


@pytest.mark.parametrize(
    "text",
    [
        # a chronology: years on lines of their own, each entry finished
        "大事记\n\n2019\n\n新厂房建成投产，年产能达到十万吨。\n\n2020\n\n企业入选国家级专精特新“小巨人”名单。\n",
        # a numbered list whose numbers stand alone above their items
        "主要任务如下：\n\n1\n\n加快推进城乡供水一体化建设。\n\n2\n\n健全农村供水工程管护机制。\n",
        # a dateline with the weekday under a newspaper's headline, printed once
        "春耕备耕正当时\n\n2024年3月5日　星期二\n\n连日来，各地抢抓农时，组织农民开展春耕生产。\n",
        # a subheading the document prints twice, between finished paragraphs
        "相关链接\n\n该项目总投资12亿元，预计明年建成。\n\n相关链接\n\n该园区已入驻企业86家。\n",
        # page counts inside sentences
        "报告共有第3页至第5页涉及财务数据，请重点审阅。附件共12页，请一并报送。\n",
        # a heading at the foot of a page is still a heading
        "各单位要高度重视，认真抓好落实。\n\n二、主要任务\n\n— 4 —\n\n各地要加快推进项目建设。\n",
    ],
)
def test_legitimate_text_is_not_taken_for_page_furniture(text: str) -> None:
    found = check_text(text, LAYOUT)
    assert [f.rule for f in found if f.rule != "L106"] == []
    assert all(page_number(text[f.start : f.end]) for f in found)  # only a page number by its form


@pytest.mark.parametrize("line", ["— 12 —", "- 3 -", "—3—", "第 3 页", "第3页/共10页", "第 2 页 共 9 页"])
def test_page_number_forms(line: str) -> None:
    assert page_number(line)


@pytest.mark.parametrize("line", ["3", "——", "— 引自《人民日报》", "第三页", "3-2", "2024-03-05", "第3页至第5页"])
def test_not_page_numbers(line: str) -> None:
    assert not page_number(line)


def test_page_marks_certain_and_possible() -> None:
    head = "某某县政府公报　2023年第2期"
    lines = ["正文第一段没有写完", head, "4", "接着写完。", "另一段。", "12", "再一段。", head]
    assert page_marks(lines) == {
        1: PageMark.CERTAIN,  # printed again, names an issue, next to a bare number
        2: PageMark.CERTAIN,
        5: PageMark.POSSIBLE,
        7: PageMark.POSSIBLE,
    }


#: a feature story whose parts are numbered between dashes, as magazines and social media set them
FEATURE = (
    "山里的冬天\n\n"
    "{a}\n\n"
    "入冬以后，志愿服务队的队员们走进山区，为学校送去了过冬的衣物和一批新书。\n\n"
    "{b}\n\n"
    "三年前，这所学校只有两间教室，冬天漏风，孩子们上课时手都冻得通红。\n\n"
    "{c}\n\n"
    "李老师在这里教书已经二十年了，她说只要孩子们愿意学，她就一直教下去。\n"
)


@pytest.mark.parametrize(
    "numbers", [("— 01 —", "— 02 —", "— 03 —"), ("-1-", "-2-", "-3-"), ("— 1 —", "— 2 —", "— 3 —")]
)
def test_section_numbers_between_dashes_are_no_page_numbers(numbers: tuple[str, str, str]) -> None:
    text = FEATURE.format(a=numbers[0], b=numbers[1], c=numbers[2])
    assert check_text(text, LAYOUT) == []
    assert fix_text(text, Engine(LAYOUT)).fixed == text


def test_page_one_after_a_page_of_text_is_a_page_number() -> None:
    # the same form after a printed page's worth of text, splitting a paragraph: page 1's foot
    page = "各单位要坚持问题导向，聚焦群众反映强烈的突出问题，逐项梳理，建立台账，明确责任单位和完成时限。" * 4
    rest = "隐患要立即整改，不能立即整改的要落实防范措施。"
    text = f"关于开展冬季安全生产大检查的通知\n\n{page}对检查中发现的\n\n— 1 —\n\n{rest}\n"
    found = check_text(text, LAYOUT)
    assert [(f.rule, f.line) for f in found] == [("L101", 3), ("L106", 5)]
    assert "— 1 —" not in fix_text(text, Engine(LAYOUT)).fixed


def test_word_deletes_the_page_number_paragraph_and_keeps_the_others() -> None:
    # in a Word document the page number is a paragraph of its own: deleted whole (a tracked
    # deletion); joining the halves is left to the editor
    text = NOTICE.replace("\n\n", "\n")
    fixed = fix_text(text, Engine(LAYOUT), fmt="docx").fixed
    assert fixed == text.replace("— 2 —\n", "")
    assert fixed.count("\n") == text.count("\n") - 1
