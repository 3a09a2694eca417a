"""G201-G205: image file names, web boilerplate, residual markup, stray English, unbalanced pairs."""

from __future__ import annotations

import pytest

from tests.conftest import CLEAN, seed
from zhcheck.engine import check_text


def hits(text: str, code: str):
    return [f for f in check_text(text, {"select": [code]}) if f.rule == code]


# --- G201 ---------------------------------------------------------------------------------


def test_image_filename_lines_in_seed_003() -> None:
    found = hits(seed("003").read_text(encoding="utf-8"), "G201")
    assert len(found) == 6
    assert all(f.text.startswith("QQ截图") and f.text.endswith(".jpg") for f in found)
    assert all(f.fix is not None and f.fix.is_safe for f in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("会议现场。\nIMG_20230512_093012.JPG\n下一段。", "IMG_20230512_093012.JPG"),
        ("会议现场。\n微信图片_20240101123000.png\n", "微信图片_20240101123000.png"),
        ("如图所示 DSC01234.jpg 为会场全景。", "DSC01234.jpg"),
        ("配图 http://www.example.com/upload/2024/a1.jpeg 已删除。", "http://www.example.com/upload/2024/a1.jpeg"),
    ],
)
def test_image_filenames(text: str, name: str) -> None:
    (f,) = hits(text, "G201")
    assert f.text == name


@pytest.mark.parametrize(
    "text",
    [
        "![会场](images/photo1.jpg)",
        "JPEG 格式的图片体积更小。",
        "图为发布会现场。（记者 王尧 摄）",
        "人均产粮760公斤，高出全省平均水平。",
    ],
)
def test_no_image_filename(text: str) -> None:
    assert hits(text, "G201") == []


# --- G202 ---------------------------------------------------------------------------------


def test_web_footer_of_seed_003() -> None:
    text = seed("003").read_text(encoding="utf-8")
    found = hits(text, "G202")
    lines = [f.text for f in found]
    assert lines[0] == "首页 > 幻灯"
    for expected in ("版权与免责声明", "不得转载", "授权咨询", "姓名:", "电话:", "提交"):
        assert any(expected in t for t in lines), expected
    # the article itself is not debris
    assert not any("记者" in t and "提问" in t for t in lines)


@pytest.mark.parametrize(
    "line",
    [
        "当前位置：首页 > 新闻中心 > 正文",
        "【打印】【关闭】",
        "分享到：微信 微博 QQ空间",
        "上一篇：我市召开防汛工作会议",
        "下一篇",
        "Copyright © 2024 某某日报社 版权所有",
        "联系电话：0371-65888888",
        "验证码：",
        "扫一扫在手机打开当前页",
        "发布时间：2024-09-29 10:30 来源：某某网",
        "浏览次数：1024",
        "2023-10-17 04:26  来源：某某在线  作者：陈静",  # the date first (synthetic damage benchmark)
        "编辑 朱丙强 周晓晴 视觉编辑 李永伟 校对 崔蕊 侯艳楠",
        "责任编辑:樊翠翠审核人:冯丽敏总值班:刘春有",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    (f,) = hits(f"正文第一段。\n{line}\n正文第二段。", "G202")
    assert f.text == line
    assert "网页残留" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "会议强调，要加强知识产权保护，未经许可不得转载他人作品的行为要依法查处，切实维护版权所有者的合法权益。",
        "市民可拨打12345热线电话反映问题，相关部门将在24小时内回复。",
        "来源：新华社",
        "（本报记者 孙鹏飞 王民伟 整理）",
        "编辑部召开会议，研究部署下一阶段工作。",
        "2023年10月17日，国家统计局发布数据，来源：统计公报显示增长。",
        "首先，坚持系统谋划、统筹推动。",
        "推动“扫码入企”市域全覆盖，推行“一业一查”部门联合监管。",
        "附件：",  # an official document's attachment note (GB/T 9704), issue 18
    ],
)
def test_not_boilerplate(text: str) -> None:
    assert hits(text, "G202") == []


# --- G203 ---------------------------------------------------------------------------------


def test_broken_label_in_seed_000() -> None:
    text = seed("000").read_text(encoding="utf-8")
    (f,) = hits(text, "G203")
    assert f.text == "《人民日报·人民网记者:"
    assert f.suggestion == "**人民日报·人民网记者:**"  # the article's other labels are Markdown bold


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("今年我们将<br>继续推进。", "<br>", ""),
        ("<p>今年我们将继续推进。</p>", "<p>", ""),
        ("他说&ldquo;要坚持&rdquo;。", "&ldquo;", "“"),
        ("科技创新&nbsp;引领发展", "&nbsp;", " "),
        ("**记者：请问今年有哪些新举措？", "**", ""),
        ("【市长：谢谢您的提问。", "【市长：", "市长："),
        ("全年新建改建农村公路四百余公里。{#roads-2025}", "{#roads-2025}", ""),
    ],
)
def test_markup(text: str, span: str, suggestion: str) -> None:
    found = hits(text, "G203")
    assert found, text
    assert found[0].text == span
    assert found[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "**中国新闻记者:**平顶山是资源型工业城市。",
        "颁布实施《鹤壁市社会治安综合治理条例》，成效明显。",
        "【鹤壁新闻网讯】9月27日上午，发布会在郑州举行。",
        "《人民日报》记者：请问今年有哪些新举措？",
        "当 a<b 且 b>c 时成立。",
        "<!-- zhcheck-disable D101 -->",
        "中国平煤神马集团 & 平高集团",
        "设集合{a,b}，则{#x}表示元素个数。",
    ],
)
def test_not_markup(text: str) -> None:
    assert hits(text, "G203") == []


# --- G204 ---------------------------------------------------------------------------------


def test_and_in_seed_000_heading() -> None:
    (f,) = hits(seed("000").read_text(encoding="utf-8"), "G204")
    assert f.text == "and"
    assert f.suggestion == "和"
    edit = f.fix.edits[0]
    assert edit.replacement == "和"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("增强人民群众健康获得感 and 满意度", "and"),
        ("推动产业of高质量发展", "of"),
        ("这是the关键一步。", "the"),
        ("加快推进 development 进程，", "development"),
        ("持续优化营商 environment，提升服务", "environment"),
    ],
)
def test_foreign_words(text: str, word: str) -> None:
    (f,) = hits(text, "G204")
    assert f.text == word


@pytest.mark.parametrize(
    "text",
    [
        "2020年，平顶山高新区GDP同比增长5.3%。",
        "建设5G基站3600个，龙芯中科CPU芯片项目投产。",
        "改进政务服务移动端“鹤立办”App，上线微信小程序和app。",
        "新款iPhone 15 Pro在京发布。",
        "全程约12 km，海拔1200 m。",
        "平高电气GIS智慧工厂、敬东君卓医药MAH持牌项目",
        "主题为“Made in China”的展览开幕。",
        "他引用了一句话：“the future belongs to those who believe in the beauty of their dreams”。",
        "详情请访问 www.gov.cn 或发送邮件至 info@example.com 咨询。",
        "可持续发展（sustainable development）是共同目标。",
        "记者张晓锋（Zhang Xiaofeng）报道。",
        "通过 wifi 连接，体验 vlog 拍摄。",
        "型号为 ab-200 的设备已投入使用。",
        "Wi-Fi 信号覆盖全村。",
        "该模型每百万输入token收费0.1美元，毕业生已拿到三家企业的offer。",
    ],
)
def test_not_foreign_words(text: str) -> None:
    assert hits(text, "G204") == []


# --- G205 ---------------------------------------------------------------------------------


def test_unclosed_quotes_in_seed_000() -> None:
    text = seed("000").read_text(encoding="utf-8")
    found = hits(text, "G205")
    assert len(found) == 3  # the same damaged paragraph appears three times
    assert all(f.text.startswith("“中国尼龙城高质量发展") for f in found)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("他说：“我们要坚持规划引领。随后离开了会场。", "“我们要坚持规划引领"),
        ("颁布实施《鹤壁市社会治安综合治理条例，成效明显。", "《鹤壁市社会治安综合治理条例"),
        ("成功创建全国文明城市”，连续七次荣获全国双拥模范城称号。", "成功创建全国文明城市”"),
        ("建成市县乡三级民营企业家学院（课堂，推行培训模式。", "（课堂"),
        ('品种"中油早1号"和“高油2号的推广面积扩大。', "“高油2号的推广面积扩大"),
    ],
)
def test_unbalanced(text: str, span: str) -> None:
    (f,) = hits(text, "G205")
    assert f.text == span


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("他说：“我们要把节约用水落到实处。", "这个左引号在本段没有对应的右引号：右引号丢失，或者这个左引号是多余的"),
        ("小城获评最美县城”，还连续三年获奖。", "这个右引号前面没有对应的左引号：左引号丢失，或者这个右引号是多余的"),
        ("颁布实施《条例，成效明显。", "这个左书名号在本段没有对应的右书名号：右书名号丢失，或者这个左书名号是多余的"),
        ("全市开办夜校(课程，方便群众学习。", "这个左括号在本段没有对应的右括号：右括号丢失，或者这个左括号是多余的"),
    ],
)
def test_unbalanced_message_names_the_mark_and_reads_as_a_sentence(text: str, message: str) -> None:
    (f,) = hits(text, "G205")
    assert f.message == message


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("会议提出，要推动共建”绿色丝路”高质量发展。", "”绿色丝路”", "“绿色丝路”"),
        ("他提出“三个着力“的工作思路，要求各地抓好落实。", "“三个着力“", "“三个着力”"),
    ],
)
def test_a_quotation_mark_facing_the_wrong_way_is_one_finding_with_the_turned_mark(
    text: str, span: str, suggestion: str
) -> None:
    (f,) = hits(text, "G205")
    assert (f.text, f.suggestion) == (span, suggestion)
    which = "前一个应是左引号（“）" if span[0] == "”" else "后一个应是右引号（”）"
    assert f.message == f"这对引号有一个方向用反了：{which}"
    assert f.fix is not None and f.fix.edits[0].replacement == suggestion[0 if span[0] == "”" else -1]
    # two stray marks with a sentence between them stay two findings
    assert len(hits("小城获评最美县城”。记者了解到，全县还连续三年获奖”。", "G205")) == 2


@pytest.mark.parametrize(
    "text",
    [
        # a quotation of several paragraphs: “ opens each paragraph, only the last closes
        "他说：“第一，要坚持规划引领。\n\n“第二，要坚持问题导向。\n\n“第三，要坚持创新驱动。”",
        # nested title marks and mixed-width parentheses
        "《〈鹤壁市社会治安综合治理条例〉释义》（2023年版)出版。",
        # list markers
        "1）加快推进项目建设；2）强化要素保障。",
        "主要做法：\n一）坚持规划引领。\n二）坚持问题导向。",
        # a paragraph broken in mid-sentence across a caption: the layout rules report it
        "“以人为本用在这里就是要以村民为本，尊重他们生活习惯和传统\n\n习俗，创新思路，做出让城里人羡慕的都市村庄！”",
        "“镇干部包村、村干部包组",
        "加快推进保税物流中心（B型）建设。",
        # a straight quote standing for a curly one is T104's finding, not a lost mark
        '专家对早熟油菜品种"中油早1号”等短生育期品种进行了推广。',
        '以“企业出题、机制答题"组织模式推进攻关。',
        '屏幕尺寸为6.1"，重量约170克。',
    ],
)
def test_balanced_or_excused(text: str) -> None:
    assert hits(text, "G205") == []


# --- false alarms ----------------------------------------------------------------------------


def test_debris_rules_quiet_on_clean_corpus() -> None:
    cfg = {"select": ["G201", "G202", "G203", "G204", "G205"]}
    for path in sorted(CLEAN.glob("*.txt")):
        assert check_text(path.read_text(encoding="utf-8"), cfg) == [], path.name


def test_a_trailing_attribute_list_is_looked_for_in_linear_time() -> None:
    """A paragraph of 200,000 blanks that ends in a brace is read in one pass."""
    import time

    from zhcheck.rules.lang.vocab import TRAILING_ATTRIBUTES

    start = time.perf_counter()
    assert TRAILING_ATTRIBUTES.search("正文" + " " * 200_000 + "x}") is None
    assert TRAILING_ATTRIBUTES.search("正文" + " " * 200_000 + "{#end}").start() == 2
    assert time.perf_counter() - start < 2.0


def test_a_leftover_attribute_list_is_named_without_the_blanks_before_it() -> None:
    (f,) = hits("全年新建改建农村公路四百余公里。 {#roads-2025}", "G203")
    assert f.text == " {#roads-2025}"  # the deletion takes the blank along
    assert f.message == "Markdown 属性标记“{#roads-2025}”残留在正文中，应删除"
