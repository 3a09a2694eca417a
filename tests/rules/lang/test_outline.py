"""The outline of structured documents (rules/lang/outline.py)."""

from __future__ import annotations

from zhcheck.document import Document
from zhcheck.rules.lang.outline import (
    addresses,
    appendix,
    contents,
    date_line,
    enumerator,
    in_appendix,
    in_articles,
    in_contents,
    in_different_units,
    inside_article,
    signature_line,
)

STATUTE = (
    "中华人民共和国示例法\n"
    "第一章　总则\n"
    "第一条　为了规范合同订立，制定本法。\n"
    "合同的内容由当事人约定，一般包括下列条款：\n"
    "（一）当事人的姓名或者名称和住所；\n"
    "（二）标的；\n"
    "第二章　变更\n"
    "第二条　变更合同的，应当载明下列事项：\n"
    "（一）当事人的姓名或者名称和住所；\n"
)


def test_enumerators_of_each_level() -> None:
    assert enumerator("第一百二十三条　当事人……") == (3, "第一百二十三条")
    assert enumerator("第三章　法律责任") == (1, "第三章")
    assert enumerator("（十七）其他情形。") == (5, "（十七）")
    assert enumerator("二、重点任务") == (4, "二、")
    assert enumerator("3. 完善机制") == (6, "3.")
    # not enumerators: a decimal, an article named inside a sentence, "一是"
    assert enumerator("1.5亿元用于补助") is None
    assert enumerator("第三条规定的期限内") is None
    assert enumerator("一是坚持规划引领。") is None


def test_addresses_open_and_close_units() -> None:
    doc = Document(STATUTE)
    addr = addresses(doc)
    assert addr[0] == ()
    assert addr[3] == ("第一章", "第一条")
    assert addr[4] == ("第一章", "第一条", "（一）")
    assert addr[8] == ("第二章", "第二条", "（一）")
    # the same list item under two articles: different units, both inside articles
    assert in_different_units(doc, 4, 8) and in_articles(doc, 4, 8)
    assert not in_different_units(doc, 2, 3)


def test_a_document_without_an_outline_has_empty_addresses() -> None:
    doc = Document("一、开幕\n会议今天开幕。\n会议今天开幕。\n")
    assert addresses(doc) == ((), (), ())
    assert not in_different_units(doc, 1, 2) and not in_articles(doc, 1, 2)


def test_signature_above_a_date_line() -> None:
    doc = Document("国务院办公厅\n关于某项工作的通知\n各省人民政府：\n请认真执行。\n国务院办公厅\n二〇〇四年三月二日\n")
    assert signature_line(doc, 4)
    assert not signature_line(doc, 0) and not signature_line(doc, 3) and not signature_line(doc, 5)
    assert date_line("2019年2月15日") and date_line("（2019年2月15日）") and date_line("二〇〇四年三月二日")
    assert not date_line("2019年2月15日发布") and not date_line("国务院")


def test_an_article_number_on_its_own_line_or_without_a_space_opens_the_article() -> None:
    # web pages and Markdown print the number on a line of its own, some pages lose the space
    assert enumerator("第一条") == (3, "第一条")
    assert enumerator("第二章") == (1, "第二章")
    assert enumerator("第十二条为了规范档案管理，制定本办法。") == (3, "第十二条")
    assert enumerator("第十条之一　前款所称……") == (3, "第十条之一")
    # an article cited at the start of a sentence goes on as a reference
    cited_at_start = (
        "第三条第二款规定的情形除外。",
        "第三条至第五条的规定适用于……",
        "第三条所称单位，是指……",
        "第五条、第六条",
    )
    for cited in cited_at_start:
        assert enumerator(cited) is None, cited
    assert enumerator("第一章总则") is None


def test_the_paragraphs_under_an_article_number_on_its_own_line_are_inside_the_article() -> None:
    text = "示例条例\n第一条\n为了规范管理，制定本条例。\n第二条\n本条例适用于全国。\n第三条\n本条例自公布之日起施行。"
    doc = Document(text)
    assert addresses(doc)[2] == ("第一条",)
    assert inside_article(doc, 4) and in_different_units(doc, 2, 4)


STATUTE_WITH_TABLE = (
    "示例事故条例\n"
    "第一条　为了规范事故调查，制定本条例。\n"
    "第二条　事故分为特别重大事故、重大事故、较大事故和一般事故。\n"
    "第三条　本条例自2025年1月1日起施行。\n"
    "附：\n"
    "事故等级划分标准\n"
    "事故等级\n"
    "造成电网减供负荷的比例\n"
    "特\n"
    "别\n"
    "重\n"
    "大\n"
    "区域性电网减供负荷30%以上\n"
    "区域性电网减供负荷30%以上\n"
)


def test_what_follows_the_article_putting_a_statute_in_force_is_its_appendix() -> None:
    doc = Document(STATUTE_WITH_TABLE)
    assert appendix(doc) == (4, len(doc.paragraphs))
    assert in_appendix(doc, 8) and not in_appendix(doc, 3)
    # a document whose last article is followed by more articles (a second text) has none
    assert appendix(Document(STATUTE_WITH_TABLE + "第四条　另一份文件的条文。\n")) == (4, 14)
    assert appendix(Document(STATUTE.replace("（二）标的；\n", ""))) is None


def test_a_unit_number_in_bold_opens_the_unit() -> None:
    # Markdown collections of statutes set the article number in bold
    assert enumerator("**第一条**　为了规范管理，制定本条例。") == (3, "第一条")
    assert enumerator("**第二章**") == (1, "第二章")
    assert enumerator("**第三条规定**的情形") is None


def test_a_statutes_table_of_contents_runs_to_the_heading_repeating_its_first_entry() -> None:
    text = (
        "示例法\n目　　录\n第一章　总　　则\n第二章　附　　则\n"
        "第一章　总　　则\n第一条　为了规范，制定本法。\n第二章　附　　则\n第二条　本法自公布之日起施行。\n"
    )
    doc = Document(text)
    assert contents(doc) == (1, 4)
    assert in_contents(doc, 3) and not in_contents(doc, 4)
    assert contents(Document(STATUTE)) is None


def test_the_appendix_follows_an_in_force_article_printed_under_its_number() -> None:
    text = STATUTE_WITH_TABLE.replace("第三条　本条例自", "第三条\n本条例自")
    doc = Document(text)
    assert appendix(doc) == (5, len(doc.paragraphs))
