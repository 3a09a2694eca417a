"""The outline of structured documents (rules/lang/outline.py)."""

from __future__ import annotations

from zhcheck.document import Document
from zhcheck.rules.lang.outline import (
    addresses,
    date_line,
    enumerator,
    in_articles,
    in_different_units,
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
