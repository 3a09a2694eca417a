"""G206 page-furniture: clean articles wrapped in the page furniture of several site styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhcheck.engine import check_text

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = sorted((ROOT / "corpus" / "clean").glob("xwlb_2023*.txt"))[:4]

#: (head, tail) furniture of four site styles, written for this test from the generic
#: vocabulary of page templates (rules/data/page_furniture.toml), no sample article's text
STYLES = {
    "portal": (
        [
            "首页 | 新闻 | 体育 | 娱乐 | 财经 | 科技 | 汽车 | 房产",
            "登录 注册",
            "首页 > 新闻中心 > 国内新闻 > 正文",
        ],
        [
            "责任编辑：王明",
            "【我要评论】【推荐】【字体：大 中 小】【打印】【关闭】",
            "相关新闻",
            "·全国春运今日启动 铁路部门加开列车（01/07 08:30）",
            "·多地出台措施稳就业（01/06 17:12）",
            "关于我们 | 联系我们 | 广告服务 | 网站地图",
            "Copyright © 2023 某某网 版权所有 京ICP备12345678号",
        ],
    ),
    "government": (
        [
            "无障碍 长者模式",
            "首页",
            "政务公开",
            "政务服务",
            "互动交流",
            "当前位置：首页 > 政务公开 > 工作动态",
        ],
        [
            "扫一扫在手机打开当前页",
            "关闭窗口 打印本页",
            "主办单位：某某市人民政府办公室 承办单位：某某市大数据中心",
            "网站标识码：1234000001 备案号：某ICP备05000001号",
            "联系电话：0123-4567890",
        ],
    ),
    "wechat": (
        ["某某发布", "微信号 mouxfabu", "功能介绍 发布本地政务信息和便民服务", "昨天"],
        [
            "阅读 1.2万",
            "在看",
            "写下你的留言",
            "相关阅读",
            "更多文章",
            "微信扫一扫",
            "关注该公众号",
            "微信扫一扫",
            "使用小程序",
            "取消 允许",
            "知道了",
        ],
    ),
    "forum": (
        ["论坛首页 › 社区热点 › 新闻时事", "发新帖 回复", "楼主 只看该作者 电梯直达"],
        [
            "回复 引用 举报",
            "沙发",
            "发表于 2023-1-9 20:15 只看该作者",
            "返回列表 发新帖",
            "快速回复",
            "【关闭】",
        ],
    ),
}


#: styles whose head furniture sits between the headline and the body (a WeChat article's
#: account name, 微信号 and 功能介绍 rows), not above the headline
UNDER_HEADLINE = {"wechat"}


def _page(article: str, style: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The wrapped page, the spans of its furniture lines and of its article lines."""
    head, tail = STYLES[style]
    body = [ln for ln in article.splitlines() if ln.strip()]
    labelled = [(ln, False) for ln in head] + [(ln, True) for ln in body] + [(ln, False) for ln in tail]
    if style in UNDER_HEADLINE:
        labelled = [(body[0], True)] + [(ln, False) for ln in head] + [(ln, True) for ln in body[1:]]
        labelled += [(ln, False) for ln in tail]
    text = "\n".join(ln for ln, _ in labelled) + "\n"
    furniture, article_lines, pos = [], [], 0
    for ln, is_article in labelled:
        (article_lines if is_article else furniture).append((pos, pos + len(ln)))
        pos += len(ln) + 1
    return text, furniture, article_lines


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_a_wrapped_article_gets_one_finding_per_block(path, style) -> None:
    text, furniture, body = _page(path.read_text(encoding="utf-8"), style)
    blocks = [f for f in check_text(text, {"select": ["G206"]}) if f.rule == "G206"]
    covered = [any(f.start <= s and e <= f.end for f in blocks) for s, e in furniture]
    missed = [text[s:e] for (s, e), c in zip(furniture, covered, strict=True) if not c]
    assert sum(covered) >= 0.9 * len(furniture), (style, missed)
    assert not any(f.start < e and s < f.end for f in blocks for s, e in body), "an article line inside a block"
    assert len(blocks) <= 2, "head and tail: one finding each"
    assert all(f.fix is not None and f.fix.edits[0].replacement == "" for f in blocks)


def test_findings_of_other_rules_inside_a_block_are_dropped() -> None:
    article = ARTICLES[0].read_text(encoding="utf-8")
    text, furniture, _ = _page(article, "portal")
    found = check_text(text)
    blocks = [f for f in found if f.rule == "G206"]
    assert blocks
    inside = [f for f in found if f.rule != "G206" and any(b.start <= f.start and f.end <= b.end for b in blocks)]
    assert inside == []
    # without G206, the same lines draw per-line findings (web boilerplate, unmatched brackets ...)
    alone = check_text(text, {"ignore": ["G206"]})
    assert any(f.start < furniture[-1][1] and furniture[0][0] < f.end for f in alone if f.category.value == "garbled")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_a_clean_article_has_no_block(path) -> None:
    assert not [f for f in check_text(path.read_text(encoding="utf-8"), {"select": ["G206"]})]


def test_a_notice_with_its_signature_date_and_phone_is_not_furniture() -> None:
    text = (
        "关于做好春节期间城市管理工作的通告\n"
        "为保障春节期间城市运行安全有序，根据有关规定，现就有关事项通告如下。\n"
        "一、各单位要落实值班制度，确保节日期间各项工作平稳有序，发现问题及时处置并报告。\n"
        "二、市民如发现占道经营、乱堆乱放等问题，可拨打服务热线反映，相关部门将及时处理。\n"
        "咨询电话：0371-12345678（工作时间：8:30—17:30）\n"
        "特此通告。\n"
        "市城市管理局\n"
        "2025年1月20日\n"
    )
    assert not check_text(text, {"select": ["G206"]})


@pytest.mark.parametrize(
    "text",
    [
        # a statute: its adoption and amendment record between the title and article 1
        "某某保护法\n（2001年6月20日第九届全国人民代表大会常务委员会第二十二次会议通过\n"
        "根据2015年4月24日第十二届全国人民代表大会常务委员会第十四次会议《关于修改<某某保护法>的决定》修正）\n"
        "第一条 为了加强某某保护，规范相关活动，维护公共利益，制定本法。\n"
        "第二条 在中华人民共和国境内从事某某活动，适用本法。本法另有规定的，依照其规定。\n"
        "第三条 国务院有关部门按照职责分工负责本法的实施工作，地方各级人民政府负责本行政区域内的相关工作。\n",
        # a Markdown table of contents before the text
        "目录\n[第一章 总则](#第一章-总则)\n[第二章 规划](#第二章-规划)\n[第三章 附则](#第三章-附则)\n"
        "第一章 总则\n第一条 为了规范城市规划管理，提高城市建设水平，根据有关法律，结合本市实际，制定本条例。\n"
        "第二条 本市行政区域内城市规划的制定、实施和管理，适用本条例。各区人民政府应当加强领导。\n",
        # a table of figures after the text
        "各地招生任务如下表。各地要按照计划做好招生工作，确保完成年度任务，并及时报送招生情况。\n"
        "招生工作要坚持公开、公平、公正的原则，严格执行招生政策，接受社会监督，保障考生合法权益。\n"
        "地区\n1996年\n1997年\n1998年\n江苏\n100\n120\n140\n浙江\n90\n100\n110\n安徽\n80\n90\n100\n",
        # a sentence with a date and a time label, and prose citing a URL twice
        "火箭发射成功\n时间：1月6日，美国东部时间21时28分。\n"
        "详细的活动安排请参阅通知 https://example.com/n ，欢迎读者踊跃参加本次活动，共同分享阅读的快乐。\n"
        "报名方式请见 https://example.com/signup ，报名截止后组委会将通过短信通知入选读者，请留意查收。\n"
        "活动结束后，图书馆将整理读者的意见和建议，进一步改进服务方式，提升公共文化服务水平。\n",
    ],
    ids=["statute", "toc", "figures", "dated-sentence"],
)
def test_legitimate_structure_is_not_furniture(text) -> None:
    assert not check_text(text, {"select": ["G206"]})


def test_a_statutes_title_naming_a_filing_review_is_no_footer() -> None:
    text = "法规规章备案审查条例\n第一条　为了规范备案审查工作，制定本条例。\n第二条　本条例自公布之日起施行。\n"
    assert [f for f in check_text(text) if f.rule == "G206"] == []


def test_a_headline_above_the_pages_furniture_is_not_in_its_block() -> None:
    # the headline first, then the breadcrumb and toolbar, then a greeting and the body: the
    # block at the top of the page once reached the first line, and `fix` deleted the headline
    head = "某某市人民政府办公室关于做好防汛工作的通知"
    text = (
        f"{head}\n\n首页 > 政务公开 > 通知公告\n\n字号：大 中 小  打印本页  关闭窗口\n\n"
        "各区人民政府，市政府各部门：\n\n"
        "入汛以来，我市降雨明显偏多，部分河道水位持续上涨，防汛形势严峻复杂，现就有关事项通知如下。\n\n"
        "各地要压实防汛责任，加强巡查值守，及时转移受威胁群众，确保人民群众生命财产安全。\n"
    )
    (f,) = check_text(text, {"select": ["G206"]})
    assert (f.line, f.end_line) == (3, 5)
    assert head not in f.text


def test_a_source_row_labelled_for_this_article_belongs_to_the_tail_block() -> None:
    # 本文来源：/本文作者： are metadata labels of page templates like 来源：/作者：
    body = (
        "入汛以来，我市降雨明显偏多，部分河道水位持续上涨，防汛形势严峻复杂，现就有关事项通知如下。\n\n"
        "各地要压实防汛责任，加强巡查值守，及时转移受威胁群众，确保人民群众生命财产安全。\n\n"
    )
    tail = "本文来源：某某网 本文作者：某某\n分享到：微信 微博 QQ空间\n【打印】【关闭】\n"
    (f,) = check_text(body + tail, {"select": ["G206"]})
    assert f.text.startswith("本文来源") and f.end == len(body + tail) - 1


_HEADLINE = "全市秋粮收购工作有序推进"
_LEAD = "记者从市粮食和物资储备局了解到，今年全市秋粮收购工作自十月中旬启动以来进展顺利，目前已累计收购秋粮二十三万吨。"
_REST = (
    "为方便农民售粮，各收储企业延长了收购时间，开设了绿色通道，并安排专人为农民提供检验和结算服务。\n"
    "市粮食和物资储备局有关负责人表示，下一步将加强市场监测，督促企业严格执行质价政策，切实保护种粮农民利益。\n"
)


def test_a_link_to_the_article_after_its_body_is_furniture() -> None:
    # the related-links list repeats the headline and the opening, cut short: the page's
    links = f"相关新闻\n{_HEADLINE}\n{_LEAD[:40]}...\n我市召开冬季安全生产工作会议\n"
    text = f"{_HEADLINE}\n{_LEAD}\n{_REST}责任编辑：李明\n{links}"
    found = check_text(text)
    (f,) = [f for f in found if f.rule == "G206"]
    assert (f.line, f.end_line) == (5, 9) and "重复的标题或导语" in f.message
    assert not [f for f in found if f.category.value == "duplicate"]


def test_the_headline_and_lead_printed_again_are_a_repeated_block_not_furniture() -> None:
    # the article's own text printed twice in full (headline and lead), not a link to it
    text = f"{_HEADLINE}\n{_LEAD}\n{_HEADLINE}\n{_LEAD}\n{_REST}"
    found = check_text(text)
    assert not [f for f in found if f.rule == "G206"]
    (f,) = [f for f in found if f.category.value == "duplicate"]
    assert (f.rule, f.line, f.end_line, f.text) == ("D103", 3, 4, f"{_HEADLINE}\n{_LEAD}")
    assert f.fix is not None and f.fix.edits[0].replacement == ""
