"""Duplicate family, paragraph level: D101 duplicate-paragraph, D102 near-duplicate,
D103 repeated-block, D104 repeated-passage (seeds and realistic text)."""

from __future__ import annotations

import pytest

from tests.conftest import CLEAN, seed
from zhcheck.document import Document
from zhcheck.engine import check_paths, check_text
from zhcheck.finding import Finding, Severity
from zhcheck.rules.duplicate.text import normalise

D1 = {"select": ["D1"], "min-severity": "info"}


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    for e in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


def by_rule(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.rule == code]


@pytest.fixture(scope="module")
def seed000() -> tuple[str, list[Finding]]:
    path = seed("000")
    return path.read_text(encoding="utf-8"), check_paths([path], D1)


# --- D101 -----------------------------------------------------------------------------


def test_d101_repeated_last_line_of_seed_001() -> None:
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    (f,) = check_paths([path], D1)
    assert (f.rule, f.line, f.text) == ("D101", 157, "创全国文明城市 建美丽宜居家园")
    assert f.related[0].line == 155 and f.suggestion == "删除本段"
    assert f.fix is not None and f.fix.is_safe
    fixed = apply_fix(text, f)
    assert fixed == text[: text.rindex("\n\n创全国文明城市")]
    assert fixed.count("创全国文明城市 建美丽宜居家园") == 1


def test_d101_ignores_width_spacing_and_reports_later_copy_with_safe_fix() -> None:
    original = "示范区坚持产业兴区，全力推动产业基础高级化。"
    head = f"平顶山市政府工作报告\n\n{original}\n\n该区把项目建设作为第一动能。"
    text = f"{head}\n\n示范区坚持产业兴区, 全力推动产业基础高级化。\n\n结尾一段。\n"
    (f,) = by_rule(check_text(text, D1), "D101")
    assert f.text == "示范区坚持产业兴区, 全力推动产业基础高级化。" and f.line == 7
    assert f.related[0].line == 3 and f.message == "本段与第 3 行完全相同，是重复的副本"
    assert apply_fix(text, f) == f"{head}\n\n结尾一段。\n"


def test_d101_repeated_heading_counts_but_ellipsis_and_short_labels_do_not() -> None:
    text = "## 聚焦产业链群培育\n\n第一段正文。\n\n……\n\n问：\n\n第二段正文。\n\n……\n\n问：\n\n## 聚焦产业链群培育\n"
    (f,) = by_rule(check_text(text, D1), "D101")
    assert f.text == "## 聚焦产业链群培育" and f.line == 15


def test_d101_recurring_labels_and_table_cells_are_structure() -> None:
    rows = "\n".join(f"第{n}季度\n同比增长\n{n * 3}.5%" for n in range(1, 5))
    text = f"全市经济运行情况\n\n今年以来，全市经济运行总体平稳。\n\n{rows}\n"
    assert not by_rule(check_text(text, D1), "D101")


def test_d101_table_of_contents_and_chapter_headings_are_structure() -> None:
    text = (
        "中华人民共和国水资源保护条例\n目录\n第一章总则\n第二章用水单位的义务\n第三章法律责任\n"
        "第一章总则\n第一条为了合理开发、利用和保护水资源，制定本条例。\n"
        "第二章用水单位的义务\n第二条用水单位应当节约用水，防止污染。\n"
        "第三章法律责任\n第三条违反本条例规定的，由水行政主管部门责令改正。\n"
    )
    assert not by_rule(check_text(text, D1), "D101")


def test_d101_repeated_table_rows_list_labels_and_refrains_are_structure() -> None:
    rows = "各地物价涨幅\n成都2.1－1.5－0.6\n西安1.8 1.2 0.6\n前三季度\n成都2.1－1.5－0.6\n西安1.8 1.2 0.6\n"
    assert not by_rule(check_text(rows, D1), "D101")
    issues = "本期推荐\n《远方的村庄》作者李明\n2023年第二期\n小说写一个村庄的变迁。\n"
    issues += "《河流》作者王芳\n2023年第二期\n这是一部关于黄河的散文集。\n"
    assert not by_rule(check_text(issues, D1), "D101")
    poem = "月光照在江面上\n故乡的灯火\n一年又一年\n游子在远方\n故乡的灯火\n照亮回家的路\n"
    assert not by_rule(check_text(poem, D1), "D101")


def test_d101_far_copy_of_the_title_counts() -> None:
    text = "【乡村振兴】特色产业带动农民增收\n\n今年以来，全县发展特色种植五万亩。\n\n合作社统一收购。\n\n"
    text += "【乡村振兴】特色产业带动农民增收\n\n农民人均增收两千元。\n"
    (f,) = by_rule(check_text(text, D1), "D101")
    assert (f.line, f.related[0].line) == (7, 1)


def test_d101_signature_of_an_official_document_repeats_its_issuer_by_design() -> None:
    head = "国务院办公厅\n关于湖北省所提问题和建议办理情况的函\n国办函〔2004〕25号\n湖北省人民政府：\n"
    body = "你省提出的加强地质灾害监测问题，国土资源部已会同有关部门研究办理。\n"
    assert not by_rule(check_text(f"{head}{body}国务院办公厅\n二〇〇四年三月二日\n", D1), "D101")
    # without the date below it the line is no signature: a far copy of the title
    (f,) = by_rule(check_text(f"{head}{body}国务院办公厅\n", D1), "D101")
    assert (f.line, f.related[0].line) == (6, 1)


def test_d101_d103_cells_of_a_task_table_repeat_as_structure() -> None:
    units = "国家发展改革委、教育部、财政部、人力资源社会保障部按职责分工负责"
    text = (
        "重点任务分工表\n1\n完善职业教育和培训体系，深化产教融合。\n"
        f"{units}\n2019年底前完成\n2\n健全终身职业技能培训制度，扩大培训规模。\n{units}\n2019年底前完成\n"
    )
    assert not by_rule(check_text(text, D1), "D101") and not by_rule(check_text(text, D1), "D103")
    basis = "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）"
    items = ((1, "种子生产经营许可"), (2, "兽药经营许可"))
    rows = "".join(f"{n}\n{item}\n{basis}\n下放至省级人民政府\n" for n, item in items)
    assert not check_text(f"取消和下放的行政许可事项目录\n{rows}", D1)
    # a long title without 、 printed twice is still a copy
    title = "关于深化产教融合推动职业教育高质量发展的实施意见"
    (f,) = by_rule(check_text(f"{title}\n各地要认真落实。\n{title}\n", D1), "D101")
    assert f.line == 3


def test_d101_far_copy_of_a_sentence_counts_and_a_heading_copied_with_its_section() -> None:
    section = "加强基础设施建设\n全市新建改建农村公路一千二百公里，实现村村通硬化路。\n"
    text = f"{section}今年还将继续推进城乡供水一体化。\n{section}"
    findings = check_text(text, D1)
    assert [(f.rule, f.line) for f in findings] == [("D103", 4)]
    short = "会议要求，狠抓落实。\n各部门要加强协作。\n会议要求，狠抓落实。\n"
    (f,) = by_rule(check_text(short, D1), "D101")
    assert f.line == 3


def test_d101_bylines_repeat_under_each_story_but_not_twice_in_a_row() -> None:
    stories = (
        "第一篇报道的正文，介绍示范区的产业。\n\n（记者 张亚丹）\n\n"
        "第二篇报道的正文，介绍滨湖街道的供水。\n\n（记者 张亚丹）\n"
    )
    assert not check_text(stories, D1)
    doubled = "第一篇报道的正文，介绍示范区的产业。\n\n（记者 张亚丹）\n（记者 张亚丹）\n"
    (f,) = check_text(doubled, D1)
    assert (f.rule, f.line, f.message) == ("D101", 4, "本段与上一段完全相同，是重复的副本")
    assert apply_fix(doubled, f) == "第一篇报道的正文，介绍示范区的产业。\n\n（记者 张亚丹）\n"


def test_d101_later_copy_of_block_paragraph(seed000) -> None:
    _, findings = seed000
    (f,) = by_rule(findings, "D101")
    assert f.line == 129 and f.text.startswith("一是坚持规划引领。城市发展,规划先行。")
    assert f.related[0].line == 93  # the first copy, not the nearest one (line 99)


# --- D103 -----------------------------------------------------------------------------


def test_d103_four_copies_in_a_row_are_one_run(seed000) -> None:
    text, findings = seed000
    runs = by_rule(findings, "D103")
    assert [(f.line, f.end_line) for f in runs] == [(97, 99), (139, 143)]
    run = runs[1]
    assert run.related[0].line == 137 and run.message == "这 3 段连续重复了第 137 行的内容"
    assert run.fix is not None and run.fix.is_safe
    fixed = apply_fix(text, run)
    assert fixed.count("村头领头、新乡人、新乡人、新乡人力量") == 1
    assert "党员带动、\n\n(本报记者 孙鹏飞 王民伟 整理)" in fixed  # no gap left behind
    block = runs[0]
    assert [(s.line, s.end_line) for s in block.related] == [(91, 93)]
    assert block.message == "这 2 段连续重复了第 91、93 行的内容"
    # a copy inside a run is not reported again as D101
    assert not [f for f in by_rule(findings, "D101") if 97 <= f.line <= 143 and f.line != 129]


def test_d103_block_of_two_printed_twice_more() -> None:
    a = "一是坚持规划引领，推动中心城区、县城区和小城镇协调发展。"
    b = "二是坚持问题导向，着力解决群众急难愁盼问题。"
    head = "城市建设管理\n\n近年来，我市城市品质不断提升。"
    tail = "下一步，我们将继续努力。"
    text = f"{head}\n\n{a}\n\n{b}\n\n{a}\n\n{b}\n\n{a}\n\n{b}\n\n{tail}"
    (f,) = check_text(text, D1)
    assert f.rule == "D103" and (f.line, f.end_line) == (9, 15)
    assert f.message == "这 4 段连续重复了第 5、7 行的内容"
    assert [s.line for s in f.related] == [5] and f.related[0].end_line == 7
    assert apply_fix(text, f) == f"{head}\n\n{a}\n\n{b}\n\n{tail}"


def test_d103_parallel_enumerated_paragraphs_are_not_a_block() -> None:
    text = (
        "一是坚持规划引领，推动协调发展。\n\n二是坚持问题导向，补齐短板弱项。\n\n"
        "三是坚持系统治理，提升城市品质。\n\n四是坚持共建共享，增进民生福祉。"
    )
    assert not check_text(text, D1)


# --- D102 -----------------------------------------------------------------------------


def test_d102_tail_of_a_paragraph_printed_again_and_a_near_copy(seed000) -> None:
    _, findings = seed000
    near = {f.line: f for f in by_rule(findings, "D102")}
    assert set(near) == {95, 137}
    assert near[95].related[0].line == 89 and near[95].text.startswith("先后完成房屋征收安置")
    assert near[137].related[0].line == 135 and near[137].message.startswith("本段与第 135 行的段落几乎相同")
    assert near[137].fix is not None and not near[137].fix.is_safe


def test_d102_edited_copy_in_seed_004() -> None:
    findings = check_paths([seed("004")], D1)
    (f,) = findings
    assert (f.rule, f.line, f.related[0].line) == ("D102", 175, 13)
    assert f.text.startswith("乘风破浪正当时,不待扬鞭自奋蹄。一群奋力开拓创新")


def test_d102_title_and_lead_restated_by_the_body_are_not_near_copies() -> None:
    text = (
        "习近平主席发表题为《建设开放包容、互联互通、共同发展的世界》的主旨演讲\n"
        "10月18日上午，国家主席习近平在人民大会堂出席高峰论坛开幕式，发表题为《建设开放包容、互联互通、共同发展的世界》的主旨演讲。\n"
        "出席论坛的外国国家元首、政府首脑和国际组织负责人陆续抵达。\n"
        "习近平主席发表题为《建设开放包容、互联互通、共同发展的世界》的主旨演讲。\n"
    )
    assert not check_text(text, D1)


def test_d102_lead_copied_later_with_a_clause_dropped() -> None:
    lead = (
        "10月18日上午，国家主席习近平在人民大会堂出席高峰论坛开幕式，发表主旨演讲，宣布中国支持高质量共建的八项行动。"
    )
    copy = "10月18日上午，国家主席习近平在人民大会堂出席高峰论坛开幕式，宣布中国支持高质量共建的八项行动。"
    text = f"习近平出席高峰论坛开幕式\n{lead}\n金秋时节，天安门广场上各国国旗迎风飘扬。\n{copy}\n"
    (f,) = check_text(text, D1)
    assert (f.rule, f.line, f.related[0].line) == ("D102", 4, 2)
    # a body sentence restating part of the lead is no copy of it
    restated = "习近平在人民大会堂出席高峰论坛开幕式。"
    assert not check_text(f"习近平出席高峰论坛开幕式\n{lead}\n{restated}\n", D1)


# --- D104 -----------------------------------------------------------------------------


def test_d104_passage_with_one_clause_mark() -> None:
    passage = "从祖国东端的黑龙江抚远到最南端的海南三沙，从边关海岛到雪域高原"
    text = (
        "国庆假期各地见闻\n\n今天是国庆节，各地举行升旗仪式。\n\n"
        f"{passage}，人们以各种方式祝福祖国。\n\n"
        f"记者在多地看到，{passage}，处处洋溢着节日的喜庆气氛。\n"
    )
    (f,) = check_text(text, D1)
    assert f.rule == "D104" and f.line == 7 and passage in f.text


def test_d104_passage_pasted_into_another_answer(seed000) -> None:
    _, findings = seed000
    (f,) = by_rule(findings, "D104")
    assert f.line == 111
    assert f.text == "科技竞赛赛的主抓手,抢抓国家强化战略科技力量和我省建设创新资源布局的历史机遇,积极推进实验"
    assert f.related[0].line == 77 and f.related[0].text == f.text
    assert f.message == "这段文字（45 字）与第 77 行中的一段重复，疑为误粘贴的副本"


def test_d104_a_restatement_inside_a_sentence_of_its_own_is_no_paste() -> None:
    shared = "以掌握其长期动态变化及与水库水位变化的关系，并据其发展情况确定有无必要和如何采取进一步防"
    text = (
        "关于库区地质灾害防治情况的函\n\n国土资源部会同有关部门研究提出了办理意见。\n\n"
        f"建议省人民政府做好周围地区地下振动的长期监测工作，{shared}治措施，以避免可能的塌陷造成人员伤亡。\n\n"
        f"建议继续加强监测研究，{shared}灾措施。\n"
    )
    assert not by_rule(check_text(text, D1), "D104")
    # whole clauses of it pasted into another paragraph are a paste
    pasted = text.replace(f"{shared}灾措施。", f"{shared}治措施，同时做好群众转移安置工作。")
    (f,) = by_rule(check_text(pasted, D1), "D104")
    assert f.line == 7 and f.text.startswith("，以掌握其长期动态变化")


def test_d104_quoted_slogans_short_phrases_and_captions_are_fine() -> None:
    text = (
        "高新区的创新之路\n\n今年以来，全区经济稳中向好。\n\n"
        "会议提出“建设全国转型发展示范区，争当中原更加出彩样板区，奋力谱写新篇章”的目标。\n\n"
        "全区上下正为“建设全国转型发展示范区，争当中原更加出彩样板区，奋力谱写新篇章”而努力。\n\n"
        "昭平台水库扩容、白龟山水库除险加固、前坪灌区等重大水利项目落地实施。\n\n"
        "加快昭平台水库扩容、白龟山水库除险加固、前坪灌区等重大水利项目建设。\n\n"
        "△我市打造全链条中试体系，推动更多科研成果就地转化、形成产业，助力主导产业做大做强。\n\n"
        "实验室把中试基地作为底座工程，打造全链条中试体系，推动更多科研成果就地转化、形成产业，助力主导产业做大做强。"
    )
    assert not check_text(text, D1)


def test_seed_002_lead_is_info_and_nothing_fires_in_its_body() -> None:
    findings = check_paths([seed("002")], {"select": ["D"], "min-severity": "info"})
    assert findings, "the summary above the title restates body sentences"
    assert all(f.severity is Severity.INFO and f.line <= 5 for f in findings)
    assert {f.related[0].line for f in findings} == {44, 49, 61, 64}
    assert not check_paths([seed("002")], {"select": ["D"], "min-severity": "warning"})


def test_seed_003_captions_restating_the_answers_are_not_duplicates() -> None:
    assert not check_paths([seed("003")], {"select": ["D"], "min-severity": "info"})


def test_clean_corpus_is_nearly_silent() -> None:
    findings = check_paths([CLEAN], {"select": ["D"], "min-severity": "info"})
    chars = sum(len(p.read_text(encoding="utf-8")) for p in CLEAN.glob("*.txt"))
    # the only findings: two transcripts that print their title twice in a row
    assert len(findings) / chars * 10_000 < 0.1
    assert all(f.rule == "D101" and f.line == 2 and f.related[0].line == 1 for f in findings)


def test_normalised_offsets_map_back_across_dropped_spaces() -> None:
    text = "  **记者:** 平顶山 是资源型城市"
    norm = normalise(text, 100)
    assert norm.text == "记者:平顶山是资源型城市"
    i = norm.text.index("平顶山是")
    s, e = norm.span(i, i + 4)
    assert text[s - 100 : e - 100] == "平顶山 是"


def test_bad_input_never_breaks_the_family() -> None:
    for text in ("", "\n\n\n", "……\n……\n", "a\n" * 50, "、、、、\n、、、、", "“" * 30 + "\n" + "“" * 30):
        check_text(text, {"select": ["D"]})
    doc = Document("标题\n" + "重复的段落内容在这里出现了很多次。\n" * 200)
    assert len(check_text(doc.text, {"select": ["D103"]})) == 1


# --- parallel structure of statutes and official documents (issue 18) ------------------

STATUTE_REPEATS = (
    "第一章　一般规定\n"
    "第一条　合同的内容由当事人约定，一般包括下列条款：\n"
    "（一）当事人的姓名或者名称和住所；\n"
    "（二）标的和数量；\n"
    "第二条　当事人对价款没有约定或者约定不明确，依据本法第五百一十条的规定仍不能确定的，"
    "按照订立合同时履行地的市场价格履行。\n"
    "第三条　当事人对履行地点没有约定或者约定不明确，依据本法第五百一十条的规定仍不能确定的，"
    "在履行义务一方所在地履行。\n"
    "第二章　运输合同\n"
    "第四条　运输合同的内容一般包括下列条款：\n"
    "（一）当事人的姓名或者名称和住所；\n"
    "（二）货物的名称和数量；\n"
    "第五条　上级人民法院对下级人民法院已经发生法律效力的判决、裁定，发现有本法规定情形之一的，"
    "有权提审或者指令下级人民法院再审。\n"
    "最高人民检察院对各级人民法院已经发生法律效力的判决、裁定，发现有本法规定情形之一的，应当提出抗诉。\n"
)


def test_a_statute_repeating_list_items_and_clauses_in_its_articles_is_not_flagged() -> None:
    found = [f for f in check_text(STATUTE_REPEATS) if f.rule.startswith("D1")]
    assert found == []


def test_a_paragraph_pasted_twice_into_the_same_article_is_still_a_copy() -> None:
    pasted = "第六条　出租人应当按照约定将租赁物交付承租人，并在租赁期限内保持租赁物符合约定的用途。\n"
    text = STATUTE_REPEATS + pasted + "承租人应当按照约定的方法使用租赁物。\n" + pasted.split("　", 1)[1]
    found = [f for f in check_text(text) if f.rule.startswith("D1")]
    # the copy (without its article number) sits in the same article as its original
    assert [f.rule for f in found] == ["D102"]
    assert found[0].text.startswith("出租人应当按照约定将租赁物交付承租人")


def test_a_passage_pasted_into_a_news_article_is_still_found() -> None:
    text = (
        "本报讯　全市重点项目建设推进会今天召开。\n"
        "会议通报，今年全市计划实施重点项目三百个，总投资超过两千亿元，其中产业项目占六成以上。\n"
        "市里将优化审批流程，推行容缺受理，为项目落地提供全程服务。\n"
        "各县区要压实责任，今年全市计划实施重点项目三百个，总投资超过两千亿元，其中产业项目占六成以上，确保按期开工。\n"
    )
    [f] = [f for f in check_text(text) if f.rule.startswith("D1")]
    assert f.rule == "D104" and "今年全市计划实施重点项目三百个" in f.text


# --- news decks and speeches (issue 18, round 3) ---------------------------------------

_DECK_BODY = (
    "会议指出，要坚持稳中求进工作总基调，统筹发展和安全，推动经济持续健康发展，确保明年开好局、起好步。\n"
    "会议强调，要抓好重点任务落实，保障和改善民生，守住不发生系统性风险的底线，推动各项工作取得新成效。\n"
)


def test_deck_between_headline_and_dateline_restates_the_report_by_design() -> None:
    deck = "要坚持稳中求进工作总基调，统筹发展和安全，推动经济持续健康发展，确保明年开好局、起好步\n"
    text = f"省委常委会召开会议 研究明年经济工作\n{deck}本报讯（记者 李明）省委常委会昨天召开会议。\n{_DECK_BODY}"
    assert not by_rule(check_text(text, D1), "D104") and not by_rule(check_text(text, D1), "D102")
    # the same sentence pasted into a later paragraph of the body is still a copy
    copied = (
        _DECK_BODY
        + "会议还指出，要坚持稳中求进工作总基调，统筹发展和安全，推动经济持续健康发展，确保明年开好局、起好步。\n"
    )
    text = f"省委常委会召开会议 研究明年经济工作\n本报讯（记者 李明）省委常委会昨天召开会议。\n{copied}"
    assert by_rule(check_text(text, D1), "D104") or by_rule(check_text(text, D1), "D102")


def test_bulleted_deck_items_running_over_several_lines_are_the_deck() -> None:
    deck = (
        "■ 要坚持稳中求进工作总基调，统筹发展和安全，推动经济持续健康发展，确保明年开好局、起好步\n"
        "■ 要抓好重点任务落实\n保障和改善民生，守住不发生系统性风险的底线，推动各项工作取得新成效\n"
    )
    text = f"省委常委会召开会议 研究明年经济工作\n{deck}省委常委会昨天召开会议，研究明年经济工作。\n{_DECK_BODY}"
    assert not check_text(text, D1)


def test_d101_a_speech_repeats_its_form_of_address() -> None:
    part = "过去一年，我们携手应对挑战，合作取得新的进展，各国人民的友谊不断加深。\n"
    address = "女士们、先生们、朋友们！\n"
    text = f"在合作论坛开幕式上的致辞\n{address}{part}{address}{part.replace('过去一年', '展望明年')}"
    assert not by_rule(check_text(text, D1), "D101")


def test_statute_drafting_restated_for_another_party_contents_and_tables_are_no_copies() -> None:
    text = (
        "示例仲裁条例\n"
        "目录\n"
        "第一章　总则\n"
        "第二章　对职务发明创造的发明人或者设计人的奖励和报酬\n"
        "第一章　总则\n"
        "第一条　为了公正及时地解决争议，制定本条例。\n"
        "第二条　申请人经书面通知，无正当理由不到庭或者未经仲裁庭许可中途退庭的，可以视为撤回仲裁申请。\n"
        "被申请人经书面通知，无正当理由不到庭或者未经仲裁庭许可中途退庭的，可以缺席裁决。\n"
        "第二章　对职务发明创造的发明人或者设计人的奖励和报酬\n"
        "第三条　本条例自2025年1月1日起施行。\n"
        "附表\n"
        "信号\n"
        "航空器通过跑道上空并且发出一颗或者数颗信号弹\n"
        "航空器通过跑道上空并且发出一颗或者数颗信号弹\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("D1")] == []


def test_a_word_ending_in_the_name_the_article_keeps_naming_is_no_stutter() -> None:
    text = (
        "连日来，各部队官兵认真学习习主席重要训词，大家纷纷表示要牢记嘱托。\n"
        "训词发布后，习主席的殷切期望在官兵中引起强烈反响。\n"
        "某旅政委说，习主席对部队建设提出明确要求，我们一定抓好落实。\n"
    )
    assert [f for f in check_text(text) if f.rule == "D202"] == []
    # named once only, a surname before a title is still a name (学习|习主席)
    once = text.split("\n")[0] + "\n"
    assert [f.text for f in check_text(once) if f.rule == "D202"] == []
    # without the title after it the doubling is judged: a stutter
    stutter = "连日来，各部队官兵认真学习习重要训词，大家纷纷表示要牢记嘱托。\n"
    assert [f.text for f in check_text(stutter) if f.rule == "D202"] == ["习习"]


def test_a_surname_before_a_title_after_a_word_ending_in_it_is_no_stutter() -> None:
    # 主任|任站长: the surname (or the verb 任) before the title of an office's head
    text = "由局党组成员、政治部主任任站长，我和公共法律服务科科长任副站长，各机构负责人担当联络员。\n"
    assert [f for f in check_text(text) if f.rule == "D202"] == []
    stutter = "由局党组成员、政治部主任任负责，各机构负责人担当联络员。\n"
    assert [f.text for f in check_text(stutter) if f.rule == "D202"] == ["任任"]
    # after a full name the title is that name's: a given name's last character doubled is a slip
    slip = "会议由王建平平同志主持，各机构负责人担当联络员。\n"
    assert [f.text for f in check_text(slip) if f.rule == "D202"] == ["平平"]


def test_a_verb_reduplicated_before_a_noun_object_of_two_characters_is_no_stutter() -> None:
    # 晒晒太阳, 开开玩笑: AAB of a verb-object phrase whose object is a word of its own
    text = "每天打打牌，帮老人走到阳台晒晒太阳，和大家开开玩笑，多好。\n"
    assert [f for f in check_text(text) if f.rule == "D202"] == []
    # a verb whose second character is no object stays a stutter: 举|举行
    stutter = "每天下午，社区举举行一次健康讲座，帮老人走到阳台。\n"
    assert [f.text for f in check_text(stutter) if f.rule == "D202"] == ["举举"]


def test_a_doubled_given_name_the_article_keeps_using_is_no_stutter() -> None:
    text = (
        "9月18日是三监区民警沈绯绯和于涵成为预备党员的日子。\n"
        "已算是一名老民警的沈绯绯，眼里闪着泪光。\n"
        "递交申请书已经14年的沈绯绯此刻更是心潮澎湃。\n"
    )
    assert [f for f in check_text(text) if f.rule == "D202"] == []
    # named once, the doubling is still judged
    assert [f.text for f in check_text(text.split("\n")[0]) if f.rule == "D202"] == ["绯绯"]


def test_a_report_restating_its_lead_where_the_wordings_part_is_no_paste() -> None:
    text = (
        "某市推行村党组织书记专业化管理\n"
        "本报记者近日来到浙江某市，走访了十几个村。\n"
        "为破解农村党组织书记“难选、难管”问题，浙江某市全面实行村党组织书记专业化管理，"
        "探索构建选拔任用、教育管理、激励保障机制，取得明显成效。\n"
        "记者在采访中看到，村里的道路干净整洁。\n"
        "为破解农村党组织书记“难选、难管”等问题，自去年7月，某市全面实行村党组织书记专业化管理，"
        "探索构建选拔任用、教育管理、激励保障机制，村干部队伍面貌焕然一新。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("D1")] == []


def test_a_series_of_reduplicated_verbs_with_their_objects_is_speech_not_stutters() -> None:
    text = "每天打打牌，遛遛弯，多好。给别人当介绍人时，也仅仅局限在填填表、签签字，做得远远不够。\n"
    assert [f for f in check_text(text) if f.rule == "D202"] == []
    # a single doubled verb before the bound half of a word is still a stutter
    stutter = "给别人当介绍人时，也仅仅局限在签字、填填写表格，做得远远不够。\n"
    assert [f.text for f in check_text(stutter) if f.rule == "D202"] == ["填填"]


def test_a_modifier_moved_into_its_word_and_two_quantities_are_figures_not_salads() -> None:
    text = (
        "坚持精准扶贫方略，切实做到真扶贫、扶真贫、真脱贫。\n"
        "十几亿、几十亿人口正在加速走向现代化，多个发展中心逐渐形成。\n"
    )
    assert [f for f in check_text(text) if f.rule == "D201"] == []
    # three items shuffling the same characters are still a salad
    salad = "坚持精准扶贫方略，切实做到真扶贫、扶真贫、贫扶真、真脱贫。\n"
    assert [f.text for f in check_text(salad) if f.rule == "D201"] == ["真扶贫、扶真贫、贫扶真"]


def test_listed_article_numbers_sharing_digits_are_no_salad() -> None:
    text = "第五十一条　违反本法第三十四条、第三十五条、第四十四条、第四十五条、第五十四条规定的，依法处理。\n"
    assert [f for f in check_text(text) if f.rule == "D201"] == []
    salad = "第五十一条　违反本法第三十四条、建设经济、经济建设、济建经设规定的，依法处理。\n"
    assert [f.text for f in check_text(salad) if f.rule == "D201"] == ["建设经济、经济建设、济建经设"]


def test_a_noun_ending_in_an_auxiliary_or_a_body_before_its_member_is_no_stutter() -> None:
    # 看守所|所需: 所 opens its construction; 本船|船员: a body, then its member
    text = "第四十八条　看守所所需修缮费列入本级财政预算。\n（五）对本船船员进行日常训练和考核。\n"
    assert [f for f in check_text(text) if f.rule == "D202"] == []
    stutter = "贸易市场多元化为长三角区域域外贸增添了新动力。\n"
    assert [f.text for f in check_text(stutter) if f.rule == "D202"] == ["域域"]


def test_a_sound_written_out_again_and_again_is_no_phrase_loop() -> None:
    text = "课堂上，老师敲起了锣鼓：“咚咚锵，咚咚锵，咚咚锵”，一唱一和，有板有眼。\n"
    assert [f for f in check_text(text) if f.rule == "D201"] == []
    loop = "课堂上，老师讲起了改革：“大包干，大包干，大包干”，一唱一和，有板有眼。\n"
    assert [f.text for f in check_text(loop) if f.rule == "D201"] == ["大包干，大包干，大包干"]


def test_a_noun_derived_with_a_productive_suffix_before_a_word_starting_with_it_is_no_stutter() -> None:
    # 检测|组 = 检测组 and 统计|率 = 统计率: nouns the writer derives freely, then 组织 and 率先
    text = "检测组组织抽样，各地统计率率先突破九成。\n"
    assert [f for f in check_text(text) if f.rule == "D202"] == []
    # a verb no noun is derived from (抓住) before the suffix leaves the copy a slip
    slip = "我们要抓住机机遇，加快发展。\n"
    assert [f.text for f in check_text(slip) if f.rule == "D202"] == ["机机"]


def test_a_passage_punctuated_anew_in_the_sentence_restating_it_is_no_paste() -> None:
    point = "各级党组织要把学习贯彻全会精神作为当前的重要政治任务，切实把思想和行动统一到中央决策部署上来"
    text = (
        "全市召开党建工作推进会\n\n"
        "本报讯 日前，全市党建工作推进会召开，总结上半年工作，部署下一阶段任务。\n\n"
        "会议指出，今年以来全市基层党建工作取得明显成效，组织覆盖面进一步扩大。\n\n"
        f"{point}。\n\n"
        f"会议强调，{point}，推动各项任务落地见效，为全年目标的实现提供坚强保证。\n"
    )
    # the point's sentence end became a comma in the sentence that restates it
    assert [f for f in check_text(text) if f.rule == "D104"] == []
    # pasted with its own full stop, the copy runs on over the mark: still a paste
    pasted = text.replace(f"{point}，推动", f"{point}。推动")
    found = [(f.rule, f.line) for f in check_text(pasted) if f.rule == "D104"]
    assert found == [("D104", 9)]


# --- restatements of official prose (issue 18, round 8) ---------------------------------


def test_a_quoted_point_restated_with_its_comma_an_item_relisted_and_a_reprinted_rule_are_no_pastes() -> None:
    quoted = (
        "全会提出，要坚持党的全面领导。\n"
        "“坚持人民至上，确保发展成果更多更公平惠及全体人民，不断增强人民群众获得感”，是我们党的一贯主张。\n"
        "这一主张源于党的性质宗旨。“坚持人民至上，确保发展成果更多更公平惠及全体人民，不断增强人民群众获得感”，"
        "源于我们党始终坚持全心全意为人民服务的根本宗旨。\n"
    )
    relisted = (
        "推动区域协调发展\n"
        "本报讯　全省区域协调发展推进会昨天召开。\n"
        "规划提出，建设协调联动的城乡区域发展体系，实现区域良性互动、城乡融合发展，培育和发挥区域比较优势，"
        "加强区域优势互补，塑造区域协调发展新格局。\n"
        "为此，要实现发展成果由人民共享；实现区域良性互动、城乡融合发展，培育和发挥区域比较优势，加强区域优势互补；"
        "实现绿色循环低碳发展。\n"
    )
    reprinted = (
        "某某工作条例印发\n"
        "新华社北京1月10日电　近日，有关部门印发了《某某工作条例》，并发出通知。\n"
        "通知指出，条例的颁布实施，对于坚持党的全面领导，打赢脱贫攻坚战、深入实施乡村振兴战略，"
        "推动全面从严治党向基层延伸，提高基层组织建设质量，巩固党在农村的执政基础，具有十分重要的意义。\n"
        "某某工作条例\n"
        "第一章　总则\n"
        "第一条　为了坚持和加强党的全面领导，深入实施乡村振兴战略，推动全面从严治党向基层延伸，"
        "提高基层组织建设质量，为乡村振兴提供坚强保证，制定本条例。\n"
        "第二条　本条例适用于乡镇和村的基层组织。\n"
        "第三条　基层组织应当坚持党的领导。\n"
    )
    for text in (quoted, relisted, reprinted):
        assert [f for f in check_text(text) if f.rule.startswith("D1")] == [], text[:12]
    # the same words pasted with their marks into another paragraph are still a copy
    pasted = relisted.replace("为此，要实现发展成果由人民共享；", "为此，要实现发展成果由人民共享，")
    pasted = pasted.replace("加强区域优势互补；实现绿色", "加强区域优势互补，实现绿色")
    [f] = [f for f in check_text(pasted) if f.rule.startswith("D1")]
    assert f.rule == "D104" and f.text.startswith("，实现区域良性互动")
