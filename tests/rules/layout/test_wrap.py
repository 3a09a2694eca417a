"""L107: paragraphs printed line by line (OCR output, a copy out of a PDF) reported once."""

from __future__ import annotations

import pytest

from zhcheck.app.fixer import fix_text
from zhcheck.engine import Engine, check_text
from zhcheck.finding import Applicability
from zhcheck.formats import from_text
from zhcheck.rules.layout.wrap import display_width

LAYOUT = {"select": ["L"]}

#: a county notice read back line by line at 18 characters a line
NOTICE = (
    "关于做好今冬明春农村供水保障工作的通\n知\n各乡镇人民政府，县直有关部门：\n"
    "入冬以来，我县部分山区村组出现供水管\n网冻裂、水源水量减少等情况，给群众生\n"
    "产生活带来不便。为切实保障今冬明春农\n村群众饮水安全，现就有关事项通知如下。\n"
    "一、加强工程巡查维护。各乡镇要组织供\n水管理人员对辖区内集中供水工程开展一\n"
    "次全面排查，重点检查水源、管网、蓄水\n池和净化消毒设施运行情况，发现问题及\n"
    "时维修，确保工程正常运行。\n二、做好应急供水准备。各乡镇要制定完\n"
    "善应急供水预案，储备必要的抢修物资和\n设备，对可能出现缺水的村组提前落实拉\n"
    "水送水措施，确保群众基本生活用水不受\n影响。\n"
)
PARAGRAPHS = [
    "入冬以来，我县部分山区村组出现供水管网冻裂、水源水量减少等情况，给群众生产生活带来不便。"
    "为切实保障今冬明春农村群众饮水安全，现就有关事项通知如下。",
    "一、加强工程巡查维护。各乡镇要组织供水管理人员对辖区内集中供水工程开展一次全面排查，"
    "重点检查水源、管网、蓄水池和净化消毒设施运行情况，发现问题及时维修，确保工程正常运行。",
    "二、做好应急供水准备。各乡镇要制定完善应急供水预案，储备必要的抢修物资和设备，"
    "对可能出现缺水的村组提前落实拉水送水措施，确保群众基本生活用水不受影响。",
]


def test_a_text_printed_line_by_line_is_one_finding() -> None:
    found = check_text(NOTICE, LAYOUT)
    wrapped = [f for f in found if f.rule == "L107"]
    assert len(wrapped) == 1
    (f,) = wrapped
    assert f.line == 4
    assert f.message.startswith("第 4–17 行的段落按印刷行断开（每行约 18 字），有 11 处换行应接排；")
    assert f.fix is not None and f.fix.applicability is Applicability.SAFE
    # no broken, cut-off or dangling paragraph inside the run; only the headline's word across
    # its two lines is left to L101
    assert [(x.rule, x.line) for x in found if x.rule != "L107"] == [("L101", 1)]


def test_the_fix_restores_the_paragraphs() -> None:
    fixed = fix_text(NOTICE, Engine(LAYOUT)).fixed
    head = ["关于做好今冬明春农村供水保障工作的通知", "各乡镇人民政府，县直有关部门："]  # (L101 joins the title)
    assert fixed.split("\n") == [*head, *PARAGRAPHS, ""]


def test_indented_paragraphs_decide_where_a_full_line_ends_a_paragraph() -> None:
    # a line flush with the margin at a full stop goes on when the next line is not indented
    text = (
        "\u3000\u3000各地要按照规定划定农村集中式供水工程水源保护\n区或保护范围，设立警示标志，定期开展巡查。对\n"
        "发现的问题要建立台账，限期整改到位，及时清理。\n水源地周边污染源要逐一登记，一源一策抓好治理。\n"
        "\u3000\u3000有条件的地区要以县域为单元，统筹城乡供水，推\n进城乡供水一体化和农村供水规模化发展，逐步提\n高规模化供水工程覆盖农村人口比例。\n"
    )
    fixed = fix_text(text, Engine(LAYOUT)).fixed
    assert fixed.splitlines() == [
        "\u3000\u3000各地要按照规定划定农村集中式供水工程水源保护区或保护范围，设立警示标志，定期开展巡查。"
        "对发现的问题要建立台账，限期整改到位，及时清理。水源地周边污染源要逐一登记，一源一策抓好治理。",
        "\u3000\u3000有条件的地区要以县域为单元，统筹城乡供水，推进城乡供水一体化和农村供水规模化发展，"
        "逐步提高规模化供水工程覆盖农村人口比例。",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # verse: lines of one width, each ending on a mark
        "春风吹绿江南岸，\n万里山河换新颜。\n田间地头人影忙，\n一年之计在于春。\n乡村振兴正当时，\n再绘新图展宏愿。\n",
        # one paragraph a line, of every length
        "会议指出，今年以来全县经济运行总体平稳。\n"
        "会议强调，要坚持稳中求进工作总基调，统筹做好稳增长、促改革、调结构、惠民生、防风险各项工作，"
        "确保完成全年目标任务。\n会议要求，各级各部门要压实责任。\n"
        "会议还研究了其他事项。\n各乡镇、各部门主要负责同志参加会议。\n",
        # a list whose items open alike, one item a line
        "根据2001年3月1日第九届全国人民代表大会常务委员会第一次会议决定第一次修正\n"
        "根据2004年4月1日第十届全国人民代表大会常务委员会第二次会议决定第二次修正\n"
        "根据2009年5月1日第十一届全国人民代表大会常务委员会第三次会议决定第三次修正\n"
        "根据2013年6月1日第十二届全国人民代表大会常务委员会第四次会议决定第四次修正\n"
        "根据2018年7月1日第十三届全国人民代表大会常务委员会第五次会议决定第五次修正\n",
        # names listed a row at a time, set apart by spaces
        "出席会议的有：\n王建国　李晓明　张志强　刘德华　陈国栋\n赵文斌　孙立平　周晓东　吴海涛　郑光明\n"
        "冯玉祥　褚建军　卫国强　蒋志远　沈德明\n韩立新　杨振华　朱开山　秦晓峰　许国平\n"
        "何建民　吕志刚　施永明　张海洋　孔祥东\n",
        # a poem without marks: lines of about one width, each a whole phrase (no word across)
        "我要走过那片无边的麦田\n去看一看远方的群山\n那里有母亲年轻时的歌声\n那里有父亲磨亮的镰刀\n"
        "我要走过那条干涸的河床\n去听一听石头里的回响\n那里埋着祖先的脚印\n那里住着不灭的炉火\n",
        # a song's lines, about eight characters each
        "我们走在大路上\n迎着朝阳向前方\n山河壮丽多宽广\n歌声飞过高山岗\n"
        "五湖四海是家乡\n万众一心奔小康\n前进路上有力量\n",
        # a list of companies, one a line, of about one width
        "北京某某科技发展有限公司华北区域营销中心\n上海某某智能制造股份有限公司长三角分公司\n"
        "广州某某生物医药研究院有限公司研发部门\n深圳某某新能源汽车零部件制造有限公司总部\n"
        "杭州某某网络信息技术有限公司数字经济中心\n南京某某软件技术有限公司江苏省营销中心\n",
        # a table set with spaces
        "地区      产量（万吨）    增长\n东部地区  一千二百三十    百分之五\n中部地区  九百八十七六    百分之四\n"
        "西部地区  六百五十四三    百分之六\n东北地区  三百二十一二    百分之二\n",
    ],
)
def test_lines_of_one_width_that_are_no_column(text: str) -> None:
    assert [f for f in check_text(text, LAYOUT) if f.rule == "L107"] == []


def test_markdown_joins_its_own_lines() -> None:
    doc = from_text(NOTICE, "notice.md", "markdown")
    assert [f for f in Engine(LAYOUT).check_document(doc).findings if f.rule == "L107"] == []


def test_display_width_counts_cells() -> None:
    assert display_width("中文，2024年") == 4 * 2 + 4
    assert display_width("“引号”…") == 5 * 2


def _across(left: str, right: str, width: int = 17) -> str:
    """Two columns of `width` characters read across the page, a line of each in turn."""
    a = [left[i : i + width] for i in range(0, len(left), width)]
    b = [right[i : i + width] for i in range(0, len(right), width)]
    return "\n".join(x for pair in zip(a, b, strict=False) for x in pair) + "\n"


def test_two_columns_read_across_are_one_finding_and_nothing_is_joined() -> None:
    more = (
        "三、强化水质安全监管。县卫生健康、生态环境部门要加强农村供水水质监测，按规定频次开展水源水、"
        "出厂水和末梢水检测，对检测不合格的工程督促供水单位限期整改，确保群众喝上放心水。"
    )
    text = _across(PARAGRAPHS[0] + PARAGRAPHS[1], PARAGRAPHS[2] + more)
    found = check_text(text, LAYOUT)
    assert [f.rule for f in found] == ["L108"]
    assert found[0].line == 1 and "两栏文字逐行交错" in found[0].message
    assert found[0].fix is None


def test_one_column_is_no_interleaving() -> None:
    assert not [f for f in check_text(NOTICE, LAYOUT) if f.rule == "L108"]


def test_a_photo_credit_as_wide_as_the_column_is_not_joined_to_the_next_paragraph() -> None:
    credit = "图为工人检修管网。本报记者王明远摄"  # a caption and credit, within a cell of the column
    text = NOTICE.replace("一、加强工程巡查维护。", credit + "\n加强工程巡查维护。")
    joined = [e.start for x in check_text(text, LAYOUT) if x.rule == "L107" for e in x.fix.edits]
    assert len(joined) >= 10 and text.index(credit) + len(credit) not in joined


def test_a_page_number_inside_the_lines_is_stepped_over_not_joined_in() -> None:
    lines = NOTICE.split("\n")
    text = "\n".join([*lines[:9], "— 2 —", *lines[9:]])
    found = check_text(text, LAYOUT)
    joined = [e.start for x in found if x.rule == "L107" for e in x.fix.edits]
    assert text.index("— 2 —") - 1 not in joined  # the line before it is not joined to it
    assert [(x.rule, x.line) for x in found if x.rule in ("L101", "L106")][-2:] == [("L101", 9), ("L106", 10)]


def test_a_tab_indents_a_paragraph() -> None:
    # paragraphs indented with full-width spaces, two spaces and a tab: each indent keeps its paragraph
    text = NOTICE_INDENTED.replace("\n\u3000\u3000为", "\n  为").replace("\n\u3000\u3000确", "\n\t确")
    fixed = fix_text(text, Engine(LAYOUT)).fixed
    assert [line[:2] for line in fixed.splitlines()] == ["\u3000\u3000", "  ", "\t确"]
    assert fixed.replace("\n", "") == text.replace("\n", "")


NOTICE_INDENTED = (
    "\u3000\u3000近年来，各地认真贯彻落实乡村振兴决策部署，农村公\n路建设取得显著成效，"
    "通村公路基本实现硬化，群众出\n行条件明显改善，但部分地区仍存在养护资金不足、管\n理责任不清等问题。\n"
    "\u3000\u3000为进一步加强农村公路管理养护工作，推动农村公路\n高质量发展，更好服务乡村振兴战略，"
    "经研究，现就\n有关事项通知如下，请各地结合实际认真贯彻执行。\n"
    "\u3000\u3000确保各项措施落到实处，各地要建立健全县乡村三级\n路长制，明确各级路长职责，"
    "将农村公路管理养护纳\n入地方政府绩效考核，形成层层抓落实的工作格局。\n"
)


def test_a_few_stray_indents_do_not_make_a_long_document_indented() -> None:
    # paragraphs printed line by line without indents, each ending flush with the margin, twenty
    # times over, and two indented lines of an attachment: the paragraphs' ends stay
    first = (
        "对发现的问题，要建立台账，限期整改到\n位，及时清理。水源地周边污染源要逐一\n"
        "登记，一源一策抓好治理，确保水源可靠。\n"
    )
    second = (
        "有条件的地区要以县域为单元统筹城乡供\n水，推进城乡供水一体化和农村供水规模\n"
        "化发展，逐步提高规模化供水覆盖比例。\n"
    )
    text = (first + second) * 20 + "附件：\n  供水工程名录\n\u3000联系人名单\n"
    lines = fix_text(text, Engine(LAYOUT)).fixed.splitlines()
    assert lines[:2] == [first.replace("\n", ""), second.replace("\n", "")]
    assert len(lines) == 2 * 20 + 3
