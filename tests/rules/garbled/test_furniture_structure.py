"""G206 page structure: comment threads, calendars, lists of links without a header,
space-separated menus, and what must stay article (a headline broken over lines, a
chronology's date headings). Pages written for these tests, no sample article's text."""

from __future__ import annotations

from zhcheck.engine import check_text

BODY = [
    "本报讯 近日，市交通运输局召开全市农村公路建设推进会，总结去年工作，部署今年任务。",
    "会议指出，过去一年全市新建改建农村公路四百余公里，完成危桥改造二十座，农村客运班线通达率稳步提高，群众出行条件明显改善。",
    "会议要求，各县区要压实责任，加快项目前期工作，确保年内开工项目全部落地；同时加强质量监管，把每一条路都建成放心路、满意路。",
    "会议还对农村公路日常养护、路域环境整治和安全隐患排查作了安排，要求建立长效机制，做到有路必养、养必到位。",
]
HEADLINE = "全市农村公路建设推进会召开"


def _page(head: list[str], body: list[str], tail: list[str]) -> tuple[str, list[tuple[int, int, bool]]]:
    """The page text and (start, end, is_furniture) of each line."""
    lines = [(ln, True) for ln in head] + [(ln, False) for ln in body] + [(ln, True) for ln in tail]
    text, spans, pos = "", [], 0
    for ln, furniture in lines:
        spans.append((pos, pos + len(ln), furniture))
        text += ln + "\n"
        pos += len(ln) + 1
    return text, spans


def _blocks(text: str) -> list:
    return [f for f in check_text(text, {"select": ["G206"]}) if f.rule == "G206"]


def _covered(blocks: list, s: int, e: int) -> bool:
    return any(f.start <= s and e <= f.end for f in blocks)


def test_a_comment_thread_after_the_body_is_one_block() -> None:
    thread = [
        "网友评论",
        "江南客[218.75.3.*] 说：",
        "回复 支持(3) 反对(0) 2021-05-06 10:12:33",
        "路修好了,我们村的橙子也好卖了.",
        "希望把进村的桥也修一修.",
        "老张头[61.139.2.*] 说：",
        "回复 支持(1) 反对(0) 2021-05-06 11:40:02",
        "去年修的路今年就坏了,养护一定要跟上,不然年年修年年坏,钱都白花了.",
        "共 2 条评论 查看全部评论",
    ]
    text, spans = _page([HEADLINE, "2021-05-06 09:30 来源：市交通运输局"], BODY, ["责任编辑：李明", *thread])
    blocks = _blocks(text)
    tail = [(s, e) for s, e, f in spans[-len(thread) - 1 :]]
    assert all(_covered(blocks, s, e) for s, e in tail), [text[s:e] for s, e in tail if not _covered(blocks, s, e)]
    assert sum(1 for f in blocks if f.start <= tail[0][0]) and len([f for f in blocks if f.end > tail[0][0]]) == 1
    assert not any(_covered(blocks, s, e) for s, e, f in spans if not f)


def test_a_calendar_in_the_sidebar_is_furniture() -> None:
    calendar = ["博客首页 登录 注册", "日历", "<", "2021年5月", ">", "日 一 二 三 四 五 六"]
    calendar += [str(d) for d in range(1, 32)]
    text, spans = _page([*calendar, HEADLINE, "发表于 2021-05-06 09:30"], BODY, [])
    blocks = _blocks(text)
    head = [(s, e) for s, e, f in spans[: len(calendar)]]
    assert all(_covered(blocks, s, e) for s, e in head)
    assert len([f for f in blocks if f.start < head[-1][1]]) == 1, "one block for the head"
    assert not any(_covered(blocks, s, e) for s, e, f in spans if not f)


def test_a_list_of_headlines_below_the_source_row_is_not_the_headline() -> None:
    """Related headlines with no list header between the source/time row and the body are
    a list of links, not a subtitle."""
    links = [
        "春季植树活动在全市展开",
        "本周末市区部分道路临时交通管制",
        "市图书馆新馆下月开放",
        "多部门联合开展食品安全检查",
        "全市中考报名工作启动",
    ]
    head = [
        "首页 > 新闻中心 > 本地新闻",
        HEADLINE,
        "2021-05-06 09:30 来源：市交通运输局",
        "【字体：大 中 小】【打印】【关闭】",
    ]
    text, spans = _page([*head, *links], BODY, [])
    blocks = _blocks(text)
    for s, e, _ in spans[len(head) : len(head) + len(links)]:
        assert _covered(blocks, s, e), text[s:e]
    headline = spans[1]
    assert not _covered(blocks, headline[0], headline[1])
    assert not any(_covered(blocks, s, e) for s, e, f in spans if not f)


def test_a_menu_of_space_separated_items_at_the_top() -> None:
    head = ["首页 机构概况 工作动态 政策法规 公众参与 便民服务", "当前位置：首页 > 工作动态"]
    text, spans = _page([*head, HEADLINE], BODY, [])
    blocks = _blocks(text)
    assert all(_covered(blocks, s, e) for s, e, _ in spans[:2])
    assert not any(_covered(blocks, s, e) for s, e, f in spans if not f)


def test_a_headline_broken_over_lines_stays_article() -> None:
    """A government page shows a notice's title in its index table and again, broken over
    several lines, above the notice: the broken lines are the headline, not a list."""
    index = [
        "索 引 号：",
        "000000000/2021-00001",
        "标 题：",
        "某某市人民政府关于做好农村公路养护工作的通知",
        "发布日期：",
        "2021年05月06日",
        "分享到：微信",
    ]
    title = ["某某市人民政府关于", "做好农村公路", "养护工作的", "通知", "某政发〔2021〕1号"]
    text, spans = _page(index, [*title, *BODY], [])
    blocks = _blocks(text)
    for s, e, _ in spans[len(index) : len(index) + len(title)]:
        assert not _covered(blocks, s, e), text[s:e]


def test_a_chronology_with_date_headings_is_no_comment_thread() -> None:
    article = [
        "全市农村公路建设大事记",
        "3月5日",
        "市政府召开常务会议，研究部署农村公路建设三年行动计划，明确目标任务和责任分工。",
        "4月12日",
        "首批二十个农村公路项目集中开工，总投资约六亿元，建成后将惠及沿线十余万群众。",
        "6月30日",
        "全市农村公路危桥改造工程全面完成，二十座危桥全部完成加固或重建，按期通过验收。",
        "9月18日",
        "农村公路养护管理办法印发实施，各县区建立路长制，养护责任落实到人。",
    ]
    text = "\n".join(article) + "\n"
    assert _blocks(text) == []


def test_a_deck_of_bulleted_highlights_under_the_headline_is_article() -> None:
    deck = ["●新建改建农村公路四百余公里，危桥改造全部完成", "●建立农村公路养护长效机制，做到有路必养"]
    text, _ = _page([], [HEADLINE, *deck, *BODY], [])
    assert _blocks(text) == []


def test_numbered_instructions_with_an_address_at_the_end_stay_article() -> None:
    """A call for contributions ends with its own numbered rules and a mailbox: the
    article's list, not a page footer."""
    rules = [
        "征稿要求如下：",
        "1、来稿请以附件形式发送至邮箱tougao@example.org",
        "2、请按以下顺序写明邮件主题：姓名＋工作单位＋文章标题",
        "3、来稿请注明联系方式。",
        "4、请勿一稿多投。",
        "投稿邮箱：tougao@example.org",
    ]
    text, _ = _page([], [HEADLINE, *BODY, *rules], [])
    assert _blocks(text) == []


def test_a_table_column_of_small_numbers_in_the_body_is_no_calendar() -> None:
    """A table saved one cell a line: its small numbers do not count on like a calendar's days."""
    table = ["各县区新建里程（公里）", "12", "8", "15", "6", "21", "9", "14", "11", "7", "18"]
    text, _ = _page([], [HEADLINE, *BODY[:2], *table, *BODY[2:]], [])
    assert _blocks(text) == []


def test_the_articles_own_list_of_sources_under_its_heading_stays_article() -> None:
    """Links under a heading that names them the article's sources (参考资料, 主要参考信源)
    are the article's; the same links under 相关链接 at the foot of a page are furniture."""
    from zhcheck.engine import Engine
    from zhcheck.formats import from_text

    links = [
        "1. [Example Daily 官方博客 - 《Rural roads: the last mile（农村公路最后一公里）》]"
        "(https://blog.example.com/rural-roads/) (2024-07-25)",
        "2. [World Transport Forum - 《Road maintenance in practice（公路养护实践）》]"
        "(https://www.example.org/maintenance/) (2024-08-01)",
        "3. [某某日报 - 《Roads to prosperity（致富路）》](https://news.example.cn/en/roads/) (2024-09-12)",
    ]
    found = []
    headings = ("参考资料\n----", "## 主要参考信源", "## 相关链接", "## 参考消息网热点推荐")
    headings += ("（资料来源：某某日报、某某网等）",)
    for heading in headings:
        text = f"# {HEADLINE}\n\n" + "\n\n".join(BODY) + f"\n\n{heading}\n\n" + "\n\n".join(links) + "\n"
        doc = from_text(text, "a.md", "markdown")
        found.append([(f.rule, f.line) for f in Engine({"select": ["G206"]}).check_document(doc).findings])
    assert found[:3] == [[], [], [("G206", 11)]]  # the list's first line under 相关链接
    assert [rule for rule, _ in found[3]] == ["G206"]  # a newspaper's name (参考消息) holds 参考
    assert [rule for rule, _ in found[4]] == ["G206"]  # a credit line gives its sources after a colon


def test_term_coverage_takes_the_longest_term_at_each_position() -> None:
    """关闭窗口 is one term (关闭 is one too, 窗口 none); separators are left out first."""
    from zhcheck.rules.garbled.furniture import _term_coverage

    assert _term_coverage("关闭窗口") == 1.0
    assert _term_coverage("关闭 | 窗口") == 1.0
    assert _term_coverage("关闭窗户") == 0.5
    assert _term_coverage("发表评论 关闭") == 1.0
    assert _term_coverage("") == 0.0
