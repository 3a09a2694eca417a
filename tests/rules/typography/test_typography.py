"""Typography rules T101-T105 (GB/T 15834) on realistic text."""

from __future__ import annotations

import pytest

from zhcheck.app.fixer import fix_text
from zhcheck.engine import Engine, check_text
from zhcheck.finding import Applicability, Edit


def typo(text: str, *codes: str) -> list:
    return check_text(text, {"select": list(codes) or ["T"]})


def fixed(text: str, *codes: str, unsafe: bool = False) -> str:
    return fix_text(text, Engine({"select": list(codes) or ["T"]}), unsafe=unsafe).fixed


# --- T101 -----------------------------------------------------------------------------


def test_t101_parentheses_and_full_stop() -> None:
    text = "本报讯(记者张亚丹)今年以来,示范区梳理信访件.\n"
    found = typo(text, "T101")
    assert [(f.start, f.text, f.suggestion) for f in found] == [
        (3, "(", "（"),
        (9, ")", "）"),
        (14, ",", "，"),
        (23, ".", "。"),
    ]
    assert found[0].message == "半角左括号“(”，中文文本应使用全角“（”"
    assert all(f.fix.edits == (Edit(f.start, f.end, f.suggestion),) and f.fix.is_safe for f in found)
    assert fixed(text, "T101") == "本报讯（记者张亚丹）今年以来，示范区梳理信访件。\n"


def test_t101_reports_each_mark_of_a_long_paragraph() -> None:
    """One finding per mark, each with its own one-character fix: an editor can take or leave
    each, and the report highlights the mark, not the paragraph around it."""
    clauses = ["一号车间今年完成技术改造", "二号车间正在安装新的生产线", "三号车间明年开工建设", "四号车间已经投产"]
    text = ",".join(clauses) + "!\n"
    found = typo(text, "T101")
    assert [f.text for f in found] == [",", ",", ",", "!"] and all(f.end - f.start == 1 for f in found)
    assert [f.column for f in found] == [13, 27, 38, 47]
    assert fixed(text, "T101") == "，".join(clauses) + "！\n"


@pytest.mark.parametrize(
    "text",
    [
        "会议于10:30开始，比分3:1。",
        "PM2.5浓度下降26%，增长5.5%左右。",
        "访问www.example.com了解详情。",
        "The CCTV evening news (新闻联播), broadcast daily.",
        "他说……",
    ],
)
def test_t101_leaves_numbers_urls_and_english_alone(text: str) -> None:
    assert typo(text, "T101") == []


# --- T102 ----------------------------------------------------------------------------


def test_t102_space_in_running_text() -> None:
    text = "自去年市委明确这一路径！ 先后完成房屋征收安置项目114个。"
    (f,) = typo(text, "T102")
    assert (f.text, f.fix.applicability) == (" ", Applicability.SAFE)
    assert fixed(text, "T102") == "自去年市委明确这一路径！先后完成房屋征收安置项目114个。"


def test_t102_a_space_after_an_article_number_inside_the_sentence_still_counts() -> None:
    (f,) = typo("第一条　为了保护公民的 合法权益，制定本法。", "T102")
    assert f.column == 12


def test_t102_space_inside_brackets_even_in_a_credit_line() -> None:
    found = typo("【责任编辑:牛尚 】 【内容审核:靳静波 】", "T102")
    assert len(found) == 2 and all(f.text == " " for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "接待有温度 办理有力度 反馈有速度",  # headline
        "► 贾法泉 张晓锋 晁春宇",  # byline
        "2月7日上午，市人民代表大会开幕。 记者 牛智广 摄",  # photo credit
        "本报讯（记者 张亚丹）今年以来，示范区梳理信访件。",  # byline in brackets
        "今天的《稳经济 促发展 强信心·权威访谈》来看本地经济，以“春暖花开 我要旅游”为主题。",
        "习近平在亚太经合组织工商领导人峰会上书面演讲 强调中国将坚定不移推动构建开放型世界经济",  # long headline
        "支持5G 网络和 Python 编程。",  # Latin text is T105's business
        "第一条　为了保护公民、法人和其他组织的合法权益，制定本法。",  # a statute's article number
        "　　第一百二十三条　当事人应当按照约定全面履行自己的义务。",
    ],
)
def test_t102_separators_are_legitimate(text: str) -> None:
    assert typo(text, "T102") == []


def test_t101_t102_leave_a_reference_list_to_gb_t_7714() -> None:
    """A reference entry separates its parts with Western marks and spaces (GB/T 7714);
    the same marks in running text are still reported."""
    entries = [
        "[1] 王明. 城市更新中的社区治理研究[J]. 城市规划, 2021, 45(3): 12-19.",
        "[2] 李华. 区域经济发展报告[M]. 北京: 人民出版社, 2019: 35.",
        "3. [某某网.《本市出台稳就业措施》.](https://www.example.cn/news/a.htm) [2025-03-26].",
        "[4] 国家统计局. 2024年国民经济和社会发展统计公报[EB/OL]. (2025-02-28)[2025-03-01].",
    ]
    for text in entries:
        assert typo(text, "T101", "T102") == [], text
    prose = "王明在报告中指出: 城市更新要以人为本. 社区治理[注]要下沉."
    assert [f.rule for f in typo(prose, "T101")] == ["T101", "T101", "T101"]
    assert typo("[5] 张三. 乡村治理研究[C]//某某学术年会论文集. 北京: 某某出版社, 2020: 1-5.", "T101", "T102") == []
    # a bracketed letter in running text is no document-type code
    prose = "他说: 要推进改革. 详见附件[A], 以及图[D]中的数据."
    assert [f.text for f in typo(prose, "T101")] == [":", ".", "."]


# --- T103 ------------------------------------------------------------------------------


def test_t103_doubled_mixed_and_ellipsis() -> None:
    text = "经济增长5.5%左右，，在实际工作中争取更好结果。。他说...还有，。"
    found = typo(text, "T103")
    assert {(f.text, f.suggestion) for f in found} == {("，。", "。"), ("，，", "，"), ("...", "……"), ("。。", "。")}
    mixed = next(f for f in found if f.text == "，。")
    assert mixed.fix.applicability is Applicability.UNSAFE
    assert fixed(text, "T103") == "经济增长5.5%左右，在实际工作中争取更好结果。他说……还有，。"


def test_t103_an_end_mark_after_a_quotation_ending_its_sentence_and_a_hyphen_dash() -> None:
    text = "他大声说：“我们一定能赢！”。会议强调--要抓好落实，推动传统乐器---琵琶进校园。"
    assert [(f.text, f.suggestion) for f in typo(text, "T103")] == [("。", ""), ("--", "——"), ("---", "——")]
    assert fixed(text, "T103") == "他大声说：“我们一定能赢！”会议强调——要抓好落实，推动传统乐器——琵琶进校园。"


@pytest.mark.parametrize(
    "text",
    [
        "他问：“真的吗？！”",
        "这……这是真的。",
        "1.5……2.5",
        "等等……",
        # a quotation that is part of the sentence; a comma after a quotation; hyphens
        # linking a chain of terms, in code or in a phone number
        "他说要“确保万无一失”。她回答：“好的。”，随后离开。",
        "实行“学校--年级--班级”三级管理，拨打0371--12345678咨询，运行x--y命令。",
        # hyphens joining the ends of a range of places or times: a connector (连接号), not a dash
        "京沪高速北京--上海段今年完成改造。",
        "改造计划于一月--三月完成。",
        "展馆每周一--周五开放。",
    ],
)
def test_t103_legitimate_marks(text: str) -> None:
    assert typo(text, "T103") == []


# --- T104 ------------------------------------------------------------------------------


def test_t104_straight_quotes_become_curly() -> None:
    text = '坚持"项目为王"理念，唱好项目建设"重头戏"。'
    (f,) = typo(text, "T104")
    assert f.fix.is_safe
    assert fixed(text, "T104") == "坚持“项目为王”理念，唱好项目建设“重头戏”。"


def test_t104_unpaired_quote_has_no_fix_and_apostrophes_are_left() -> None:
    (f,) = typo('他说"好的，我们马上办。', "T104")
    assert f.fix is None
    assert typo("China's GDP grew. 这是英文引用。", "T104") == []


def test_t104_suggestion_of_a_long_span_shows_windows_around_the_quotes() -> None:
    text = '学校开展"书香校园"活动，组织学生参加读书会和作文比赛，并评选出一批"阅读之星"。'
    (f,) = typo(text, "T104")
    assert f.text == text[4:-1]  # from the first quote to the last
    assert f.suggestion == "“书香校园”活动，组 … 阅读之星”"
    assert fixed(text, "T104") == "学校开展“书香校园”活动，组织学生参加读书会和作文比赛，并评选出一批“阅读之星”。"


# --- T105 -----------------------------------------------------------------------------


def test_t105_is_opt_in() -> None:
    text = "使用Python编写，支持5G网络。"
    assert [f.rule for f in check_text(text)] == []
    (f,) = check_text(text, {"extend-select": ["T105"]})
    assert f.rule == "T105" and f.suggestion.startswith("用 Python 编写")
    assert fixed(text, "T105") == "使用 Python 编写，支持 5G 网络。"


def test_t105_suggestion_of_a_long_span_shows_windows_around_the_spaces() -> None:
    text = "新版App支持离线地图，覆盖全国300多个城市，下载量已超过2000万次。"
    (f,) = check_text(text, {"extend-select": ["T105"]})
    assert f.text == text[1:-2]
    assert f.suggestion == "版 App 支持 … 覆盖全国 300 多个 … 量已超过 2000 万"
    assert fixed(text, "T105") == "新版 App 支持离线地图，覆盖全国 300 多个城市，下载量已超过 2000 万次。"
