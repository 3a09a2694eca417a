"""Layout rules L101-L105 on the seeds and on realistic text that must not fire."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, seed
from zhcheck.document import Document, Kind
from zhcheck.engine import check_text
from zhcheck.finding import Applicability

LAYOUT = {"select": ["L"]}


def layout(text: str) -> list:
    return check_text(text, LAYOUT)


def by_rule(findings: list, code: str) -> list:
    return [f for f in findings if f.rule == code]


def seed_findings(prefix: str) -> tuple[str, list]:
    path = seed(prefix)
    text = path.read_text(encoding="utf-8")
    return text, check_text(text, LAYOUT, path=str(path))


# --- the seeds ----------------------------------------------------------------------


def test_seed_001_broken_paragraphs_are_joined() -> None:
    _, found = seed_findings("001")
    l101 = {f.line: f for f in by_rule(found, "L101")}
    # a word split across the break: safe joins
    for line, text, suggestion in [
        (53, "深入开展产业集聚区“百园增效”行动,大力推进“二次创业”,深化体制机制改革,突", "出经济管理和投资服务职能"),
        (141, "定期召开推", "进会"),
        (149, "积极开展市", "容秩序和环境卫生专项整治"),
    ]:
        f = l101[line]
        assert f.text == text and f.suggestion == text + suggestion + "…"
        assert f.fix.applicability is Applicability.SAFE
    # an open quote closed after the break
    assert l101[91].text == "尊重他们生活习惯和传统" and "闭合" in l101[91].message
    # across a four-line photo caption: unsafe, the caption moves after the joined paragraph
    across = l101[33]
    assert across.text == "该区坚持高端化、集群化、基地化" and across.related[0].text == "发展方向"
    assert across.fix.applicability is Applicability.UNSAFE and len(across.fix.edits) == 2
    assert {f.line for f in by_rule(found, "L105")} == {37, 39, 41}
    # cut off before a new story's heading
    (cut,) = by_rule(found, "L102")
    assert (cut.line, cut.text) == (131, "按照“镇干部包村、村干部包组、组")


def test_seed_004_displaced_continuations_pair_both_halves() -> None:
    _, found = seed_findings("004")
    pairs = {(f.line, f.related[0].line) for f in by_rule(found, "L104")}
    assert pairs == {(75, 151), (151, 75), (125, 173), (173, 125), (161, 77), (77, 161)}
    unit = next(f for f in by_rule(found, "L104") if f.line == 125)
    assert unit.text == "利用外资3326.5" and unit.related[0].text == "万美元"
    assert "数字与单位" in unit.message and unit.fix.applicability is Applicability.UNSAFE
    assert {f.line for f in by_rule(found, "L105")} == {129, 133, 137, 165, 169, 171}
    (split,) = by_rule(found, "L101")
    assert (split.line, split.text, split.related[0].text) == (49, "平顶", "山市政府出台《平顶山高新区暂行规定》")


def test_seed_000_truncated_and_dangling() -> None:
    _, found = seed_findings("000")
    assert {f.line for f in by_rule(found, "L102")} >= {19, 31, 111, 119, 129}
    (dangling,) = by_rule(found, "L103")
    assert (dangling.line, dangling.text) == (87, "了历练提升")
    l101 = {f.line: f for f in by_rule(found, "L101")}
    assert l101[71].text.endswith("输排水通") and "通道" in l101[71].message
    assert l101[77].text == "积极推进实验" and "实验室" in l101[77].message


def test_seed_002_has_no_layout_finding() -> None:
    _, found = seed_findings("002")
    assert found == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_headings_and_bylines_do_not_fire(prefix: str) -> None:
    """No layout finding on a heading or byline line the gold does not mark as layout damage."""
    text, found = seed_findings(prefix)
    gold = [json.loads(line) for line in (ROOT / "corpus" / "gold" / f"{seed(prefix).stem}.jsonl").open()]
    # (a lone caption line such as 平顶山高新区 is classified a heading by its own text)
    layout_types = {"broken-paragraph", "truncated-paragraph", "dangling-start", "displaced-continuation"}
    layout_types |= {"interleaved-caption"}
    damaged = [(g["start"], g["end"]) for g in gold if g["type"] in layout_types]
    doc = Document(text)
    for p in doc.paragraphs:
        if p.kind not in (Kind.HEADING, Kind.BYLINE):
            continue
        if any(s < p.end and p.start < e for s, e in damaged):
            continue
        hits = [f for f in found if f.start < p.end and p.start < f.end]
        assert not hits, f"{prefix} line {p.line} {p.text!r}: {[(f.rule, f.message) for f in hits]}"


# --- realistic text that must not fire --------------------------------------------------

CLEAN_CASES = {
    # official and news conventions (issue 18, round 3)
    "lead-in and signature with the horizontal-bar dash of GBK-era pages": (
        "检察长在会上提出三项要求――\n学习领会要深入。要强化学习自觉，把握学习重点。\n"
        "贯彻落实要扎实。要把学习成果转化为工作成效。——本报评论员\n"
        "本版稿件聚焦基层治理一线。――编者\n"
    ),
    "adoption note printed over two lines inside brackets": (
        "中国共产党党员教育管理工作条例\n（2019年4月15日中共中央政治局会议审议批准\n2019年5月6日中共中央发布）\n"
        "第一条 为了加强和规范党员教育管理工作，制定本条例。\n"
    ),
    "table rows whose cells a tab sets apart": (
        "重点任务分工\n序号\t任务\t牵头单位\t完成时限\n1\t完善农村公路养护机制\t交通运输部\t2020年底前\n"
        "2\t推进城乡客运一体化\t交通运输部、财政部\t长期坚持\n"
    ),
    "headline with a comma on the first line": (
        "市纪委搭建惠民资金监督平台，让群众账本明明白白\n惠民资金种类多、链条长，监管难度大。今年以来，市纪委建成监督平台，实现全程留痕。\n"
    ),
    "headline on the first line": (
        "市纪委搭建惠民资金监督平台让群众账本明明白白\n惠民资金种类多、链条长，监管难度大。今年以来，市纪委建成监督平台，实现全程留痕。\n"
    ),
    "long deck under a headline before the dateline": (
        "省委十一届八次全会在省城召开\n"
        "全会审议通过了《中共某省委关于坚持以习近平总书记重要讲话精神为统领在新征程中加快高质量发展的决定》"
        "《中共某省委关于制定全省国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》\n"
        "本报12月4日讯（记者 王明）省委十一届八次全体会议12月3日至4日召开。\n"
    ),
    "a long note of the organs responsible ending a paragraph": (
        "健全废旧物资回收体系，到2020年基本建成逆向回收体系。（国家发展改革委、工业和信息化部、生态环境部、商务部、市场监管总局负责）\n"
        "优化产业结构布局，推动资源综合利用。（工业和信息化部、国家发展改革委、生态环境部、自然资源部按职责分工负责）\n"
    ),
    "headings and first paragraphs": (
        "抓链条经济，厚植高质量发展新优势\n\n示范区坚持产业兴区，紧紧围绕三大主导产业谋划项目。\n\n"
        "抓园区开发，打造高质量发展新平台\n\n该区坚持高端化发展方向，持续提升园区能级。"
    ),
    "multi-line headline": (
        "习近平对防汛救灾工作作出重要指示强调\n全面压实政治责任 落实落细各项防汛措施\n全力保障人民生命财产安全\n"
        "李强作出批示\n近期，我国多地出现强降雨天气。"
    ),
    "title that ends on a preposition-like word": (
        "【感知生态之变】让蓝天常在\n蓝天白云成为常态，市民的获得感不断增强。"
    ),
    "idioms with 万 start a paragraph": (
        "万里长江\n\n万里长江奔流不息，沿江城市加快绿色转型。\n\n万家灯火团圆时，人们走亲访友。"
    ),
    "byline, dateline and credit lines": (
        "（本报记者 张亚丹）\n\n新华社北京3月1日电\n\n本报讯（记者张亚丹）今年以来，示范区纪工委全面梳理信访件。\n\n"
        "编辑 朱丙强 校对 崔蕊"
    ),
    "captions between answered questions": (
        "下一步，我们将加快构建一流创新生态。\n\nQQ截图20240929090713.jpg\n\n"
        "△为了深化文明城市创建工作，我市在城区主要交通路口施划彩色斑马线。\n\n"
        "河南日报记者：请问，近年来鹤壁在服务和改善民生方面做了哪些工作？"
    ),
    "caption after the end of a section": (
        "今年该区共谋划专项债项目6个，总投资26.3亿元。\n\n\n\n工人在车间加工钣金件。本报记者 王尧 摄\n\n"
        "抓营商环境，彰显高质量发展新作为\n\n该区将全面优化营商环境作为新旗帜。"
    ),
    "list items without punctuation": (
        "主要任务包括：\n\n1. 加强组织领导，压实各级责任\n\n2. 完善工作机制，形成工作合力\n\n3. 强化督导检查"
    ),
    "a colon introducing a list": (
        "各位代表：\n现在，我代表市人民政府，向大会报告工作。\n"
        "重点做好11个方面的工作：\n（一）突出内需主导，挖掘释放有效需求"
    ),
    "a quote over several paragraphs": "他说：“第一，要抓好落实。\n\n“第二，要加强监督。\n\n“第三，要改进作风。”",
    "form fields and footer": "鹤壁新闻网版权与免责声明\n鹤壁新闻网授权咨询:0392-3313875\n姓名:\n电话:\n提交",
    "a note after the last sentence": "为推进中国式现代化建设做出更大贡献。(图片均为资料图片)\n\n责任编辑：樊翠翠",
    "list numbers printed on a line of their own": (
        "为提高基层医疗卫生服务能力，现提出以下意见。\n三、\n加强基层人才队伍建设。各地要按照服务人口配备全科医生。\n"
        "第四，\n保证困难地区群众就医需要，加大转移支付力度。\n第二章\n监督管理\n（五）\n"
        "完善基层医疗卫生机构运行机制，健全绩效考核制度。"
    ),
    "a statute's adoption note, one entry a line": (
        "中华人民共和国示范管理法\n（2001年4月28日第九届全国人民代表大会常务委员会第二十一次会议通过\n"
        "根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正\n"
        "2018年12月29日第十三届全国人民代表大会常务委员会第七次会议修订）\n目　　录\n第一章　总　　则\n"
        "第一条　为了加强示范管理，保障公民、法人和其他组织的合法权益，制定本法。"
    ),
    "numbered indicator labels": (
        "附件：考核指标\n47.医院接受其他医院（尤其是对口支援医院、医联体内医院）进修并返回原医院独立工作人数占比\n"
        "定量\n计算方法：返回原单位独立工作人数/同期进修总人数×100%。\n48.家庭医生签约服务覆盖率\n定量"
    ),
}


@pytest.mark.parametrize("name", sorted(CLEAN_CASES))
def test_legitimate_text_does_not_fire(name: str) -> None:
    found = layout(CLEAN_CASES[name])
    assert found == [], [(f.rule, f.text, f.message) for f in found]


# --- realistic damage ----------------------------------------------------------------------


def test_a_bracket_cut_inside_a_sentence_is_still_broken() -> None:
    (f,) = layout("会议审议通过了有关文件（其中包括全年\n重点工作安排）。会议还研究了其他事项。")
    assert (f.rule, f.line) == ("L101", 1)


def test_a_numbered_line_cut_after_a_comma_is_still_broken() -> None:
    (f,) = layout("一、坚持稳中求进，\n推动经济持续回升向好。")
    assert (f.rule, f.line) == ("L101", 1)


def test_particle_start_is_a_dangling_start() -> None:
    (f,) = layout("## 深学活用经验\n\n了历练提升，新思路越来越多，蔚然成风。")
    assert (f.rule, f.text) == ("L103", "了历练提升")


def test_comma_end_joins_the_next_paragraph_unsafely() -> None:
    text = "城市发展，规划先行。近年来，\n\n先后完成房屋征收安置项目114个，释放低效用地6000亩。"
    (f,) = layout(text)
    assert (f.rule, f.text) == ("L101", "近年来，")
    assert f.fix.applicability is Applicability.UNSAFE
    assert f.fix.edits[0].start == text.index("，\n") + 1 and f.fix.edits[0].replacement == ""


def test_number_and_unit_far_apart() -> None:
    text = (
        "2020年，高新区累计为企业代办事项440件；利用外资3326.5\n\n"
        "凌兵奎说，改革只有进行时，没有完成时。\n\n万美元，分别完成任务目标的112.04%。"
    )
    found = by_rule(layout(text), "L104")
    assert {f.text for f in found} == {"利用外资3326.5", "万美元"}


def test_a_word_split_off_a_lone_character_far_apart() -> None:
    # the continuation opens with the rest of a word (天|马行空) and reads fine on its own
    text = (
        "本市举办青年创业创新展\n\n今年的展会为期三天，吸引了大批市民和创业者前来参观。展会现场，不少年轻人带着他们天\n\n"
        "组委会介绍，本届展会共吸引参展企业四百余家，展出新产品两千余件。\n\n"
        "据了解，展会期间还将举办十余场专业论坛和对接活动。\n\n马行空的创意来到这里，寻找合作伙伴和投资机会。\n"
    )
    found = layout(text)
    assert [(f.rule, f.text) for f in found] == [
        ("L104", "展会现场，不少年轻人带着他们天"),
        ("L104", "马行空的创意来到这里"),
    ]
    assert found[0].suggestion.startswith("展会现场，不少年轻人带着他们天马行空的创意来到这里")
    assert "“天”与“马行空”组成词语“天马行空”" in found[0].message


def test_a_far_start_that_splits_a_name_is_no_continuation() -> None:
    # 两国|元首 goes on in the next paragraph; 国 + 王 of 王毅 far away is no word cut in two
    text = (
        "两国元首举行会谈\n\n国家主席在人民大会堂同来访的总统举行会谈。会谈前，举行了隆重的欢迎仪式。欢迎仪式结束后，两国\n\n"
        "元首举行了会谈，就双边关系和共同关心的问题交换了意见。\n\n"
        "会谈后，双方签署了经贸、教育等领域多项合作文件。\n\n王毅参加上述活动。\n"
    )
    assert [(f.rule, f.text, f.suggestion) for f in layout(text)] == [
        ("L101", "欢迎仪式结束后，两国", "欢迎仪式结束后，两国元首举行了会谈…")
    ]


def test_caption_wedged_into_a_broken_paragraph() -> None:
    text = (
        "该区坚持高端化、集群化、基地化\n\n\n\n8月19日，工人在车间加工钣金件。本报记者 王尧 摄\n\n"
        "发展方向，持续提升园区能级，全力推动开发区二次创业。"
    )
    found = layout(text)
    assert [f.rule for f in found] == ["L101", "L105"]
    assert found[1].text.startswith("8月19日")


def test_fix_moves_the_caption_after_the_joined_paragraph() -> None:
    from zhcheck.app.fixer import fix_text
    from zhcheck.engine import Engine

    caption = "工人在车间加工钣金件。本报记者 王尧 摄"
    text = f"该区坚持高端化、集群化、基地化\n\n\n\n{caption}\n\n发展方向，持续提升园区能级。\n"
    assert fix_text(text, Engine(LAYOUT)).fixed == text  # unsafe: not applied by default
    fixed = fix_text(text, Engine(LAYOUT), unsafe=True).fixed
    assert fixed == f"该区坚持高端化、集群化、基地化发展方向，持续提升园区能级。\n\n\n\n{caption}\n"


# --- generalisation: conventions of other papers and genres (found on People's Daily
# 1998 and hand-written controls, see corpus/clean_extra) ---------------------------------

LEGIT_ENDINGS_AND_STARTS = {
    "dateline after a quote": "他说：“我们会继续努力，把工作做得更好。”（本报珀斯1月15日电）\n\n"
    "另一条新闻的正文在这里，内容完整。\n",
    "two notes in a row": "战士让出帐篷给灾民居住，自己却在雪地里露宿。（张晓夏摄）（新华社稿）\n\n"
    "下一段正文，内容完整。\n",
    "editor's signature": "热诚欢迎读者为办好这个专栏提供报道线索和建议。——编者\n\n正文从这里开始，内容完整。\n",
    "year apostrophe": "’97中国旅游年是一次国家级的宣传促销活动。\n\n据悉，’97中国旅游年共接待游客五千万人次。\n",
    "verb 过 opens": "他坐在门口等了很久。\n\n过了一会儿，门开了。\n",
    "interjection 啊": "我站在山顶，望着远方。\n\n啊，祖国的山河多么壮丽！\n",
    "currency as subject": "国际金融市场动荡不已。\n\n美元如此坚挺，出乎许多人的意料。\n",
    "bullet points": "●自一九八六年以来，我国的贫困人口已从一点二五亿减少到五千万\n"
    "●实施巾帼扶贫行动两年来，已帮助五十八万妇女解决温饱\n\n正文从这里开始，内容完整。\n",
    "dash introducing": "过去逢年过节，到机关慰问的车水马龙，现在少多了，是因为——\n\n各级机关都严格执行了有关规定。\n",
    "question headline": "秋冬季节如何预防呼吸道疾病？专家给出建议\n\n进入秋冬季节，流感等呼吸道疾病进入高发期。\n",
}


@pytest.mark.parametrize("name", sorted(LEGIT_ENDINGS_AND_STARTS))
def test_legit_endings_and_starts_of_other_styles_do_not_fire(name: str) -> None:
    assert layout(LEGIT_ENDINGS_AND_STARTS[name]) == []


def test_break_before_a_trailing_dateline_is_still_found() -> None:
    text = "他说：“我们会继续努力，把工作做得\n\n更好。”（本报珀斯1月15日电）\n"
    found = by_rule(layout(text), "L101")
    assert [f.text for f in found] == ["他说：“我们会继续努力，把工作做得"]


def test_question_headline_is_a_heading_but_a_sentence_pair_is_not() -> None:
    assert Document("秋冬季节如何预防呼吸道疾病？专家给出建议").paragraphs[0].kind is Kind.HEADING
    assert Document("你说呢？我觉得，不对").paragraphs[0].kind is Kind.BODY
    assert Document("本报驻意大利记者罗晋标").paragraphs[0].kind is Kind.BYLINE
    assert Document("李滨声／画").paragraphs[0].kind is Kind.CAPTION  # an artist's credit


# --- dangling starts without their beginning, and continuations printed far away ----------


def test_second_half_of_a_word_is_a_dangling_start() -> None:
    text = "国务院常务会议今天召开。\n\n展经济的重要抓手，各地加快推进项目建设，全年完成投资超过预期。\n"
    (f,) = layout(text)
    assert (f.rule, f.text) == ("L103", "展经济的重要抓手") and "“展”" in f.message


def test_suffix_and_bare_measure_word_are_dangling_starts() -> None:
    suffix, measure = "们的生活越来越好，幸福感不断增强。", "点监测企业的销售额同比增长六成以上。"
    assert [f.rule for f in layout("全年新增贷款超过三\n\n亿元，同比增长一成。\n")] == ["L101"]
    found = layout(f"会议强调，要做好各项工作。\n\n{suffix}\n\n{measure}\n")
    assert [(f.rule, f.text) for f in found] == [("L103", "们的生活越来越好"), ("L103", measure[:-1])]


@pytest.mark.parametrize(
    ("start", "head"),
    [
        # a localizer alone before a comma: the end of 左右, 此外, 随后
        ("右，台风在沿海登陆，最大风力达到十二级。", "右"),
        ("外，还要加强对重点行业的监管。", "外"),
        ("后，双方就共同关心的问题交换了意见。", "后"),
    ],
)
def test_a_lone_localizer_before_a_comma_is_a_dangling_start(start: str, head: str) -> None:
    (f,) = layout(f"会议强调，要做好各项工作。\n\n{start}\n")
    assert (f.rule, f.text, f.suggestion) == ("L103", head, None)
    assert f"单独的“{head}”加逗号开头" in f.message


@pytest.mark.parametrize(
    "start",
    [
        # a feature's topic set apart by a comma: a noun or time word that stands alone
        "路，修到了家门口，村民出行再也不用踩泥巴。",
        "夜，深了，指挥部里依然灯火通明。",
        "妈，您别担心，我在这边一切都好。",
        "灯，亮了；路，通了；村里的日子一天比一天好。",
        "春，来得比往年早一些，农户们忙着备耕。",
        "雨，一直下到傍晚才停，抢险队员连夜加固堤坝。",
    ],
)
def test_a_topic_noun_before_a_comma_is_no_dangling_start(start: str) -> None:
    assert layout(f"会议强调，要做好各项工作。\n\n{start}\n") == []


def test_a_title_does_not_join_a_dangling_start() -> None:
    found = layout("稳经济一揽子政策落地见效\n\n展经济的重要抓手，各地加快推进项目建设。\n")
    assert [(f.rule, f.line) for f in found] == [("L103", 3)]


@pytest.mark.parametrize(
    "start",
    [
        "过了一会儿，门开了。",  # 过 the verb
        "庆端午，各地还举行了各具特色的活动。",  # literary openings
        "家是最小国，国是千万家。",
        "月满中秋话团圆，多彩活动庆佳节。",
        "保丰收，关键在于藏粮于地、藏粮于技。",
        "线上线下，生活必需品量足价稳。",  # jieba splits 线上 wrongly
        "魏青松委员发言说，要加强公共法律服务立法。",  # a surname
        "现发布《国务院关于修改〈电力设施保护条例〉的决定》。",  # 现 reads on into 发布
        "习近平强调，要坚定信心、迎难而上。",
        "“十四五”规划实施以来，各地加快推进重大项目。",
        "万亿级数据中心集群的建设，带动了上下游产业发展。",  # an order of magnitude
        "亿万农民群众的钱袋子鼓起来了。",  # 亿万: countless, no magnitude
        # one character set apart by a comma: a topic before the copula, a verb asked about
        "水，是生命之源，也是经济社会发展的重要基础。",
        "学，是为了学以致用，把理论成果转化为工作成效。",
        "签，还是不签？合作社里，大家围绕这个问题展开了讨论。",
    ],
)
def test_legitimate_paragraph_starts_are_not_dangling(start: str) -> None:
    assert layout(f"会议强调，要做好各项工作。\n\n{start}\n") == []


def test_a_title_in_terse_headline_style_is_not_a_fragment() -> None:
    assert layout("黎真主党称将继续抵抗以色列的占领\n\n黎巴嫩真主党今天发表声明。\n") == []


def test_cut_word_completed_by_a_paragraph_far_away() -> None:
    text = (
        "中方将全面取消制造业领域外资准入限制措施。主动对照国际高标准经贸规则，深\n\n"
        "三、开展务实合作。中方将统筹推进标志性工程。\n\n"
        "四、促进绿色发展。中方将持续深化绿色基建合作。\n\n"
        "入推进跨境服务贸易和投资高水平开放，扩大数字产品等市场准入。\n"
    )
    found = layout(text)
    assert [(f.rule, f.line, f.text) for f in found] == [
        ("L104", 1, "主动对照国际高标准经贸规则，深"),
        ("L104", 7, "入推进跨境服务贸易和投资高水平开放"),
    ]
    assert "“深入”" in found[0].message and found[0].related[0].line == 7


def test_a_far_paragraph_starting_with_a_whole_word_does_not_pair() -> None:
    # 加强|化 would make 强化, but 化工 is a word: the far paragraph starts cleanly
    text = (
        "会议要求，各地各部门要进一步加强\n\n这是一段完整的话，内容完整。\n\n"
        "化工企业要落实安全生产主体责任，开展隐患排查。\n"
    )
    found = layout(text)
    assert [f.rule for f in found] == ["L101"]  # joined with its neighbour, not paired far


# --- layouts of other papers that are no damage (People's Daily 1998) ---------------------


def test_rows_of_a_flattened_table_are_not_a_split_number() -> None:
    text = "涨幅居前的股票\n\n1华东电脑24.82\n2工益股份24.53\n3海信电器24.05\n4江苏春兰23.42\n\n以上数据仅供参考。\n"
    assert layout(text) == []


def test_verse_lines_are_not_broken_paragraphs() -> None:
    poem = "演员时兴“抢银行”，\n拍摄电视连续剧，\n片酬行情天天涨。\n"
    poem += "明星更能抬身价，\n开口至少一两万，\n无需才华与功力。\n"
    assert layout(f"一首打油诗在网上流传：\n\n{poem}\n这首诗道出了许多人的心声。\n") == []


def test_numbered_subheadings_are_not_broken_paragraphs() -> None:
    text = (
        "一、解放思想，做“想为”文章，以存量资产引财\n\n"
        "该市盘活闲置厂房，吸引社会资本参与改造，一年来新增税收一千多万元。\n\n"
        "第二，提高产品科技含量，增强产品市场竞争能力\n\n"
        "企业加大研发投入，新产品产值占比明显提高。\n"
    )
    assert layout(text) == []


# --- headlines, lists, tables and labels that lack a final mark (People's Daily 1998 style) ---


STRUCTURE_WITHOUT_FINAL_MARKS = {
    "title over a bare-name byline": "由一场围棋比赛想到的\n\n刘建明\n\n前些天，我在公园里看人下棋，颇有感触。\n",
    "deck over a byline": "长江边上的小学\n\n不为名不为利，一位乡村教师在江边小学坚守了三十年，送出了两千多名学生\n\n"
    "本报记者王建华\n\n清晨六点，江风还很凉，张老师已经站在校门口。\n",
    "deck with a sentence under a title": "加快农村公路建设\n\n"
    "以群众满意为标准，加快推进城乡交通一体化。大力发展农村客运、物流配送、电商服务等现代交通服务形式\n\n"
    "赵明远\n\n一、以深化改革为重点，提高农村公路管理水平\n",
    "headline over a dateline": "全省春运客流创新高\n\n"
    "铁路部门增开临时列车一百二十对，延长售票时间，确保旅客平安回家过年\n\n"
    "本报南京1月20日讯今年春运开始以来，全省铁路客流持续攀升。\n",
    "list of names under its group": "文化艺术界（12人）\n\n"
    "王建国、李秀英（女）、张伟、刘长春（回族）、陈明远、杨光、赵丽华（女）、周大勇、吴晓东、郑海、孙立新、马骏\n\n"
    "科技界（8人）\n\n钱学文、朱永康、何晓明（女）、高飞、林志远、郭建平、罗伟、梁晓燕（女）\n",
    "table caption and rows": "表2：东、中、西部地区粮食产量及其变化（万吨）东部地区中部地区西部地区\n\n"
    "华东地区3251.6 3310.2 1.8\n华中地区2890.4 2875.1 -0.5\n\n"
    "从表中可以看出，华东地区粮食产量继续增长。\n",
    "quoted subheading": "“群众的事再小也是大事，我们要一件一件地办好，一件一件地办实”\n\n"
    "这是王书记常挂在嘴边的一句话。\n",
    "section number on its own line": "这些经验值得认真总结。\n\n二\n\n人才是第一资源，各地都在想方设法引进人才。\n",
    "photo note": "村民在新建的文化广场上跳舞。广场上的标语写着：幸福生活靠奋斗（图片）\n\n"
    "正文从这里开始，内容完整。\n",
    "translation in a quote": "有位读者来信说，他每天都看这个专栏。另一位读者只写了一句话："
    "『Ilikeyourcolumn！（我很喜欢你们的专栏）』\n\n正文从这里开始，内容完整。\n",
    "credit after the last sentence": "新建的大桥今天正式通车。王东摄\n\n下一条新闻从这里开始，内容完整。\n",
    "headline over two lines": "财政改革继续推进，\n\n税收征管更加规范，收入增长明显加快\n\n"
    "今年全省财政收入达到新的水平。\n",
    "last item of a bullet list": "●应大力发展农民合作组织。各地要加强指导\n\n"
    "●农村公共管理要提高水平。要明确管理内容，帮助基层干部掌握管理方法\n",
    "sentence lacking its full stop before a new section": "这一年里，他走遍了全县的每一个村子，为群众办实事\n\n"
    "二、抓好产业发展\n\n全县新发展特色种植基地五万亩。\n",
}


@pytest.mark.parametrize("name", sorted(STRUCTURE_WITHOUT_FINAL_MARKS))
def test_structure_without_final_marks_does_not_fire(name: str) -> None:
    assert layout(STRUCTURE_WITHOUT_FINAL_MARKS[name]) == []


def test_a_body_paragraph_cut_inside_a_word_before_a_byline_is_still_cut() -> None:
    text = "全市新建改建农村公路八百公里。下一步将继续加大投入，推进城乡交通一体\n\n（记者 李明华）\n"
    (f,) = by_rule(layout(text), "L102")
    assert f.text == "下一步将继续加大投入，推进城乡交通一体"


@pytest.mark.parametrize(
    "text",
    [
        "我很想去北京旅游，因为我在电视上看到了很多有名的地方，比如长城、故宫等等\n\n如果你有时间，我们一起去吧。\n",
        "周末你应该去超市买两斤苹果，一些牛奶，还有一些面包\n\n"
        "我听说你下个月要回老家去一趟，可不可以帮我带一点茶叶？\n",
        "今天是你的生日，我想请你吃饭，下班以后我们一起去公司旁边的饭馆吧\n\n如果你有事情，就给我打电话。\n",
    ],
)
def test_a_missing_full_stop_before_a_new_sentence_is_no_broken_paragraph(text: str) -> None:
    # the language model reads a sentence boundary between 等等 / 如果, 面包 / 我, 吧 / 如果
    assert layout(text) == []


def test_far_continuations_are_looked_for_within_reach_only() -> None:
    """A huge file stays linear: far candidates are cut to a window of paragraphs."""
    from types import SimpleNamespace

    from zhcheck.rules.layout.flow import _FAR_REACH, _reach

    many = [SimpleNamespace(index=k) for k in range(0, 5000, 7)]
    window = _reach(many, 2500)
    assert window == [x for x in many if abs(x.index - 2500) <= _FAR_REACH]
    few = many[:10]
    assert _reach(few, 0) == [x for x in few if x.index <= _FAR_REACH]


def test_displaced_continuation_is_still_found_at_the_end_of_a_very_long_file() -> None:
    clean = sorted((ROOT / "corpus" / "clean").glob("*.txt"))[:60]
    lines = [ln for p in clean for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) > 400
    cut = "\n\n".join(
        (
            "今年前三季度，全区完成固定资产投资128.6",
            "区长王明说，项目建设是发展的生命线。",
            "亿元，同比增长百分之九点二。",
        )
    )
    found = [(f.rule, f.text) for f in check_text("\n\n".join(lines) + "\n\n" + cut, {"select": ["L"]})]
    assert ("L104", "今年前三季度，全区完成固定资产投资128.6") in found and ("L104", "亿元") in found


def test_an_official_documents_title_over_two_lines_is_not_a_broken_paragraph() -> None:
    """Issue 18: the title above a document number (国办函〔2018〕71号) is cut anywhere."""
    text = (
        "国务院办公厅关于印发《政府网站集约化\n"
        "试点工作方案》的通知\n"
        "国办函〔2018〕71号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "经国务院同意，现将《政府网站集约化试点工作方案》印发给你们，请认真贯彻执行。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # without the document number the same two lines are still a broken paragraph
    body = "会议强调，要加快推进《政府网站集约化\n试点工作方案》的落实，确保按期完成各项任务。\n"
    assert [f.rule for f in check_text(body) if f.rule.startswith("L")] == ["L101"]


def test_a_statutes_appended_table_and_long_title_are_no_broken_paragraphs() -> None:
    text = (
        "关于违反示例资金管理规定、虚报冒领补助资金等行为的行政处分或者纪律处分暂行规定\n"
        "第一条　为了规范事故调查，制定本规定。\n"
        "第二条　事故分为特别重大事故、重大事故、较大事故和一般事故。\n"
        "第三条　本规定自2025年1月1日起施行。\n"
        "附：\n"
        "事故等级划分标准\n"
        "事故等级\n"
        "造成电网减供负荷的比例\n"
        "特\n"
        "别\n"
        "重\n"
        "大\n"
        "事\n"
        "故\n"
        "区域性电网减供负荷30%以上\n"
        "电网负荷20000兆瓦以上的省、自治区电网，减供负荷13%以上30%以下\n"
        "发电机组因安全故障停止运行超过行业标准规定的大修时间两周，并导致电网减供负荷\n"
        "供热机组装机容量200兆瓦以上的热电厂，在当地人民政府规定的采暖期内同时发生2台以上供热机组因安全故障停止运行\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # the same lines inside the body, before the last article, are still judged
    body = text.replace("第三条　本规定自2025年1月1日起施行。\n", "") + "第三条　本规定自2025年1月1日起施行。\n"
    assert any(f.rule == "L101" for f in check_text(body))


def test_a_long_adoption_note_and_a_long_title_above_a_statutes_contents_are_no_cut_paragraphs() -> None:
    amendments = [
        f"根据{1995 + k}年{3 + k % 9}月1日第十届全国人民代表大会常务委员会第{k + 1}次会议"
        f"《关于修改〈中华人民共和国示例法〉的决定》第{k + 1}次修正"
        for k in range(14)
    ]
    text = (
        "全国人民代表大会常务委员会关于加强示例工作和维护示例秩序若干问题以及有关法律适用问题的决定\n"
        "（1990年1月1日第七届全国人民代表大会常务委员会第十一次会议通过\n"
        + "\n".join(amendments)
        + "）\n目录\n第一章　总则\n第二章　附则\n第一章　总则\n第一条　为了规范示例工作，制定本法。\n"
        "第二条　示例工作坚持依法进行。\n第二章　附则\n第三条　本法自公布之日起施行。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []


def test_a_paragraph_opening_with_a_term_the_document_coined_is_no_dangling_start() -> None:
    text = (
        "第九条　地区、市高等教育自学考试工作委员会（以下简称“地市考委”）在省考委的指导下进行工作。\n"
        "地市考委的职责是：\n（一）负责本地区自学考试的组织工作；\n（二）负责本地区的考籍管理工作。\n"
        "地市考委的日常工作由当地教育行政部门负责。\n"
        "第十条　本条例自发布之日起施行。\n"
    )
    assert [f for f in check_text(text) if f.rule == "L103"] == []


def test_a_first_line_headline_quoting_a_phrase_is_a_title() -> None:
    text = "参加代表团审议的微镜头，“到农村，我总有一句话”\n68岁的李连成，个头不高，说话干脆利落。\n"
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # a first paragraph cut after a verb is still reported
    cut = "会议要求，各地各部门要进一步加强\n组织领导，确保各项任务落到实处。\n"
    assert [f.rule for f in check_text(cut) if f.rule.startswith("L")] == ["L101"]


def test_captions_ending_on_an_agency_or_file_photo_credit_and_dashed_headlines_are_no_cut_paragraphs() -> None:
    text = (
        "抓好高校党建工作\n"
        "某大学扎实推进高校党的建设和思想政治工作。图为该校师生在课余时间进行思想交流。新华社发\n"
        "一名大学生向观众介绍科技创新作品“智能仿生手”。资料图片\n"
        "示范区税务局成立青年突击队，为园区招商引资项目提供税收咨询服务（李明 摄）\n"
        "习近平总书记曾指出，理想指引人生方向，信念决定事业成败。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    headline = "为学生导入梦想，与学生平等对话，某大学80后思政课教师——“有如时雨化之者”\n"
    body = "思想政治理论课不是“复读机”，而是“解码器”。\n"
    assert [f for f in check_text(headline + body) if f.rule.startswith("L")] == []


def test_a_surname_with_a_title_opens_a_paragraph() -> None:
    # 计主任 / 任老师: a person named by surname and title, not the tail of a word cut off
    text = (
        "会议总结了一年来的工作，部署了明年的重点任务。\n\n"
        "计主任在会上强调，要把培养干部摆在更加突出的位置，着力锻造高素质干部队伍。\n\n"
        "任老师介绍，学校今年新开设了三门选修课，受到学生欢迎。\n"
    )
    assert layout(text) == []
    # the same paragraph cut inside a word still dangles: 划|主任 is no surname and title
    cut = "会议总结了一年来的工作，部署了明年的重点任务。\n\n划主任在会上强调，要把培养干部摆在更加突出的位置。\n"
    assert [(f.rule, f.text) for f in layout(cut)] == [("L103", "划主任在会上强调")]


def test_a_numeral_inside_a_word_or_a_quoted_number_meets_no_unit() -> None:
    # 相统一 ends on a word, “七一” is a quoted term, and 人民网 is a name: no number split from its unit
    text = (
        "坚持显性教育和隐性教育相统一\n\n人民网北京3月18日电（记者张烁）学校思想政治理论课教师座谈会在京召开。\n\n"
        "音乐学院举办党建原创歌曲音乐会颂“七一”\n\n人民网广州6月29日电（记者陈平）音乐会在学院礼堂举行。\n"
    )
    assert [f for f in layout(text) if f.rule == "L101"] == []
    # a number cut from its unit still joins
    cut = "今年前三季度，全区完成固定资产投资一百二十\n\n亿元，同比增长百分之九。\n"
    assert [(f.rule, "数字与单位" in f.message) for f in layout(cut)] == [("L101", True)]


def test_a_first_line_headline_of_short_clauses_or_a_kicker_listing_names_is_a_title() -> None:
    body = "近日，各地认真落实中央部署，基层党组织建设取得明显成效。\n"
    titles = (
        "求真，求深，求实，推动基层党组织全面过硬\n",
        "某某集团建强党支部，发挥党员作用，党建成了发展“金钥匙”\n",
        "甲省、乙省、丙省、丁省、戊省——着力解决群众的操心事烦心事揪心事\n",
        "深入一线、贴近群众、检验实效——某集团让主题教育“有温度”“接地气”\n",
    )
    for title in titles:
        assert [f for f in check_text(title + body) if f.rule.startswith("L")] == []
    # a first paragraph cut after a verb is still broken, whatever its commas
    cut = "会议要求，各地各部门，各级党组织要进一步加强\n组织领导，确保各项任务落到实处。\n"
    assert [f.rule for f in check_text(cut) if f.rule.startswith("L")] == ["L101"]


def test_a_line_a_dash_opens_is_a_source_or_subheading_not_a_cut() -> None:
    text = (
        "合作的成果属于世界，机会属于各方。\n"
        "——2018年4月10日，某某在某论坛年会开幕式上的主旨演讲\n"
        "各国要加强发展战略对接和务实合作规划，携手共建合作平台。\n"
        "——坚持问题导向，推动主题教育在全党上下有序展开\n"
        "在实践中，我们总是根据形势和任务的新变化推进工作。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # a dash line cut after a comma is still cut
    cut = text.replace("有序展开\n", "有序展开，\n")
    assert [f.rule for f in check_text(cut) if f.rule.startswith("L")] == ["L101"]


def test_a_leftover_attribute_list_does_not_hide_the_full_stop() -> None:
    """A Markdown {#anchor} left after a sentence by a conversion is G203's: the paragraph
    still ends on its full stop."""
    text = "全年新建改建农村公路四百余公里。{#roads-2025}\n完成危桥改造二十座，群众出行条件明显改善。{#bridges}\n"
    assert layout(text) == []


def test_a_field_line_holding_a_title_with_commas_is_complete() -> None:
    """The commas and semicolons inside 《…》 are the title's: a line that gives a work's
    title is no running text cut off, in Chinese or in English."""
    text = (
        "二、参考报道\n"
        "文章标题：《Asian markets slide as investors wait for data, central bank meetings》\n"
        "发布日期：2025年12月16日\n"
        "文章标题：《Stocks extend losses as tech sees little respite; rate decision in focus》\n"
        "来源：某财经网站\n"
        "文章标题：《面对新形势，如何稳住外贸基本盘；专家这样说》\n"
        "发布日期：2025年12月17日\n"
    )
    assert by_rule(layout(text), "L102") == []
    cut = "市场人士认为，在通胀数据公布之前，投资者普遍保持观望，两市成交量较上周明显减少，\n发布日期：2025年12月16日\n"
    assert [f.rule for f in layout(cut)] == ["L102"]


def test_photo_credits_and_author_notes_of_news_pages_are_no_cut_paragraphs() -> None:
    text = (
        "某地民企转型升级\n"
        "近年来，当地民营企业转型升级，带动了城乡居民就近就业。\n"
        "工人在生产线上焊接产品。李明 摄/某某图片\n"
        "党建文化正成为推动事业高质量发展的强劲动力。\n"
        "资料整理：王明；图表制作：刘程；照片提供：张涛、王亮\n"
        "　　（作者为某大学党委书记）\n"
        "〔作者系某集团有限公司审计与法务部党支部书记、副主任〕\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # a paragraph cut off before the photo: the cut, and the photo (now a caption) wedged after it
    cut = text.replace("带动了城乡居民就近就业。\n", "带动了城乡居民\n")
    found = sorted((f.rule, f.text) for f in check_text(cut) if f.rule.startswith("L"))
    assert found == [
        ("L101", "近年来，当地民营企业转型升级，带动了城乡居民"),
        ("L105", "工人在生产线上焊接产品。李明 摄/某某图片"),
    ]


def test_one_character_standing_for_a_body_named_before_opens_a_paragraph() -> None:
    # 院领导 after 某市检察院, 校领导班子 after 学校: the body named by its last character
    text = (
        "某市检察院党组高度重视理论学习，为干警解决思想上的困惑提供了新的思路。\n"
        "院领导讲党课、全体检察人员积极参与政治理论学习，良好学风已经形成。\n"
        "研究制定学校主题教育方案，迅速启动部署。\n"
        "校领导班子带头示范，作好表率，坚持把理论学习作为根本任务。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # a body never named: the character is the second half of a word cut off
    cut = "研究制定主题教育方案，迅速启动部署。\n体领导班子带头示范，作好表率，坚持把理论学习作为根本任务。\n"
    assert [(f.rule, f.text) for f in check_text(cut) if f.rule.startswith("L")] == [("L103", "体领导班子带头示范")]


def test_an_indented_author_note_after_the_last_sentence_ends_the_paragraph() -> None:
    text = (
        "提升大学治理水平\n"
        "推进治理体系现代化，是建设高水平大学的必然要求。\n"
        "我们一定能构建起现代大学治理体系，进一步提升管理服务水平和工作效能。　　（作者为某大学校长）\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    cut = text.replace("提升管理服务水平和工作效能。", "提升管理服务水平和")
    assert [f.rule for f in check_text(cut) if f.rule.startswith("L")] == ["L102"]


def test_entries_of_a_chronology_under_dates_are_complete() -> None:
    text = (
        "合作大事记\n"
        "2017年6月\n"
        "某国家领导人对甲国进行国事访问\n"
        "两国同意加快推进合作倡议同甲国发展战略对接，实现两国发展战略深度融合\n"
        "2018年11月—12月\n"
        "某国家领导人对乙国、丙国进行国事访问\n"
        "两国同意以合作倡议为契机，不断开拓合作空间、打造合作亮点\n"
        "此后，合作继续深入推进。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # an entry cut on a comma is still cut
    cut = text.replace("实现两国发展战略深度融合\n", "实现两国发展战略，\n")
    assert [(f.rule, f.text) for f in check_text(cut) if f.rule.startswith("L")] == [
        ("L102", "两国同意加快推进合作倡议同甲国发展战略对接，实现两国发展战略，")
    ]


def test_a_character_before_an_alternative_in_brackets_is_no_dangling_particle() -> None:
    text = "第五条　省级人民政府公安机关负责审批。\n地（市）级人民政府公安机关负责核发通行证。\n"
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    cut = "第五条　省级人民政府公安机关负责审批。\n地核发通行证，并报省级公安机关备案。\n"
    assert [(f.rule, f.text) for f in check_text(cut) if f.rule.startswith("L")] == [("L103", "地核发通行证")]


def test_a_list_of_one_character_items_opens_a_paragraph_and_a_fullwidth_point_ends_one() -> None:
    text = (
        "综合大学图书应当不少于五万册。\n"
        "理、工、农院校应当有必需的教学实习工厂和农场，并应当有固定的生产实习基地和附属的实验学校．\n"
        "少数民族由于生活习惯需要佩带的刀具，由民族自治区制订办法管理。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    cut = text.replace("实验学校．", "实验学")
    assert [(f.rule, f.text) for f in check_text(cut) if f.rule.startswith("L")] == [
        ("L101", "并应当有固定的生产实习基地和附属的实验学")
    ]


def test_a_line_a_dash_opens_cut_inside_a_word_is_still_cut() -> None:
    text = (
        "双方愿做四个方面的伙伴\n"
        "双方同意在四个方面加强合作。\n"
        "——做共兴文明的伙伴，增进民心相通，丰富人文交流，借鉴彼\n"
        "会议强调，未来三到五年，双方愿在以下重点合作领域作出努力。\n"
    )
    assert [(f.rule, f.text) for f in check_text(text) if f.rule.startswith("L")] == [
        ("L101", "——做共兴文明的伙伴，增进民心相通，丰富人文交流，借鉴彼")
    ]


def test_a_credit_dateline_or_spaced_signature_after_the_last_sentence_ends_the_paragraph() -> None:
    """Issue 18 round 8: a source credit in square brackets, a wire dateline moved after the
    last sentence with the reporters' names, a signature whose two-character name is spaced out,
    and a paragraph ending on a dash printed with box-drawing lines close their paragraph."""
    text = (
        "市里召开会议部署冬季安全生产工作。\n"
        "会议要求各地压实责任，排查隐患，确保群众过一个平安冬季。新华社济南12月1日电 （记者王某某、李某）\n"
        "各级支部把学习教育抓在经常、融入日常。【某某公司党委宣传部（企业文化部）供稿】\n"
        "本期我们刊发一组基层来稿，介绍各地开展学习教育的做法，供读者参考。――编 者\n"
        "我市牢牢把握党对高校的领导权，落实党委领导下的校长负责制，抓好领导班子和干部队伍建设，"
        "确保高校始终成为坚持党的领导的坚强阵地──\n"
        "抓好党委领导下的校长负责制落实。制定印发了若干意见，听取学校执行情况汇报。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # a sentence cut before the dateline or the signature, a credit left open, are still cut
    for done, cut in [
        ("平安冬季。新华社", "平安冬季和新华社"),
        ("供稿】", "供稿"),
        ("供读者参考。――编 者", "供读者――编 者"),
    ]:
        assert [f.rule for f in check_text(text.replace(done, cut)) if f.rule.startswith("L")] in (
            ["L101"],
            ["L102"],
        ), cut


def test_a_deck_under_the_headline_is_complete() -> None:
    """Issue 18 round 8: the editor's summary under a headline stops without a final mark
    before the story's first paragraph; it is neither cut off nor broken before the body."""
    text = (
        "推动两国务实合作迈上新台阶\n"
        "近年来，两国政治互信不断深化，经贸合作持续攀升。此访将推动两国关系提质升级，为地区和平稳定作出新贡献\n"
        "国家主席某某6月5日至7日对某国进行国事访问，在两国关系发展进程中具有重要意义。\n"
        "访问期间，双方签署了多项合作文件。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # cut inside a word, or on a comma, it is still cut
    for cut in ("作出新贡\n", "作出新贡献，\n"):
        found = [f.rule for f in check_text(text.replace("作出新贡献\n", cut)) if f.rule.startswith("L")]
        assert found in (["L101"], ["L102"]), cut
    # the first paragraph under a headline, cut where a photo caption was wedged in, is still cut
    wedged = text.replace("作出新贡献\n", "作出新贡献\n工人在生产线上焊接产品。李明 摄\n")
    assert [f.rule for f in check_text(wedged) if f.rule.startswith("L")] == ["L102", "L105"]


def test_a_first_line_headline_ending_on_a_verb_before_a_dated_first_paragraph_is_a_title() -> None:
    """Issue 18 round 8: a headline of several clauses may end on a verb (格外忙, 在某地召开) when
    the article's first sentence opens after it (近日，, 11月13日，, 某某在……会上指出，); spaces
    between its parts (减量提了质 减负提了劲) make it a headline whatever its first word."""
    body = "近日，某市召开社区工作推进会，部署冬季疫情防控和民生保障工作。\n会议要求，各社区要压实责任。\n"
    for title in (
        "统筹推进防疫和生产，这个冬天，社区干部格外忙\n",
        "全市社区工作者，民生保障工作推进会在某市召开\n",
        "今年是基层减负年，各地出台具体举措，减量提了质 减负提了劲\n",
    ):
        assert [f for f in check_text(title + body) if f.rule.startswith("L")] == [], title
    # a first paragraph cut after a verb, before a paragraph that does not open a sentence
    cut = "会议要求，各地各部门要进一步加强\n组织领导，确保各项任务落到实处。\n"
    assert [f.rule for f in check_text(cut) if f.rule.startswith("L")] == ["L101"]


def test_a_deck_above_any_outlets_dated_dateline_is_part_of_the_headline() -> None:
    """Issue 18 round 8: the dateline of any outlet with its place and date (人民网北京3月18日电)
    opens the body like 本报…讯 and 新华社…电; the deck above it is the headline's."""
    text = (
        "某某：办好思想政治理论课\n"
        "坚持政治性和学理性相统一；坚持价值性和知识性相统一；坚持建设性和批判性相统一；"
        "坚持理论性和实践性相统一；坚持显性教育和隐性教育相统一\n"
        "人民网北京3月18日电 （记者某某）学校思想政治理论课教师座谈会18日上午在京召开。\n"
        "会议指出，思政课作用不可替代。\n"
    )
    assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # words that only look like a dateline (某某社区5月2日讯问) open no body
    from zhcheck.rules.layout.text import article_opener

    assert article_opener("人民网北京3月18日电 （记者某某）") and not article_opener("我们社区5月2日讯问了居民")


def test_an_authors_biography_after_its_label_is_no_cut_paragraph() -> None:
    """Issue 18 round 8: the author's biography (作者简介：) lists titles without a final mark,
    on the label's line or under it."""
    body = "加强国企党建\n加强和改进国有企业党建工作，已成为国有企业管理的重要课题。\n"
    bio = (
        "某某协会副会长，某某集团有限公司党委书记、董事长，教授级高级工程师，"
        "享受国务院政府特殊津贴的专家，《某某蓝皮书》编委\n"
    )
    for text in (body + "作者简介：\n" + bio, body + "作者简介：" + bio):
        assert [f for f in check_text(text) if f.rule.startswith("L")] == []
    # the body above the label, cut on a comma, is still cut
    cut = body.replace("重要课题。", "重要课题，") + "作者简介：" + bio
    assert [(f.rule, f.line) for f in check_text(cut) if f.rule.startswith("L")] == [("L102", 2)]
    # a paragraph under a biography printed on the label's line is the article's, cut or not
    broken = "加强国企党建\n作者简介：某某，某某大学教授。\n" + cut.split("\n", 1)[1].replace(
        "作者简介：" + bio, "党的十八大以来，各地国企把党建工作摆在突出位置。\n"
    )
    assert [(f.rule, f.line) for f in check_text(broken) if f.rule.startswith("L")] == [("L101", 3)]


_SUBHEADED = (
    "强化理论武装\n"
    "全军官兵认真学习讲话精神，大家表示，要把学习成果转化为推动工作的强大动力。\n"
    "无论时代如何变迁、科学如何进步，科学理论依然显示出强大的真理力量\n"
    "领导同志在讲话中指出，科学理论是我们认识世界、改造世界的强大思想武器。\n"
    "各部队结合实际抓好学习，取得了明显成效。\n"
    "推进理论创新和实践创新，让科学理论在新时代展现出更强大、更有说服力的真理力量\n"
    "领导同志在讲话中强调，理论的生命力在于不断创新。\n"
)


def test_subheadings_set_as_clauses_without_a_final_mark_are_no_broken_paragraphs() -> None:
    """Issue 18 round 8: a document that punctuates every paragraph but sets two or more
    subheadings as clauses without a final mark, each between finished paragraphs."""
    assert [f for f in check_text(_SUBHEADED) if f.rule.startswith("L")] == []
    # one such line alone may be a paragraph cut off: still reported
    one = _SUBHEADED.split("推进理论创新")[0]
    assert [(f.rule, f.line) for f in check_text(one) if f.rule.startswith("L")] == [("L101", 3)]
    # a document with a paragraph cut on a comma elsewhere is damaged: its unpunctuated lines too
    cut = _SUBHEADED.replace("取得了明显成效。", "取得了明显成效，")
    assert ("L101", 3) in [(f.rule, f.line) for f in check_text(cut) if f.rule.startswith("L")]


def test_a_first_paragraph_under_the_headline_whose_last_clause_states_nothing_whole_is_still_cut() -> None:
    """A deck states something whole; a first paragraph cut between two words mostly stops on a
    modifier, a subject alone or a verb alone, or the next paragraph opens with its predicate."""
    head = "推动两国务实合作迈上新台阶\n近年来，两国经贸合作持续攀升。此访期间，"
    body = "国家主席某某6月5日至7日对某国进行国事访问，在两国关系发展进程中具有重要意义。\n"
    for tail, nxt in (
        ("两国领导人将举行会谈，向他们致以诚挚\n", body),  # a modifier without its noun
        ("市医疗队联合省人民医院等队伍\n", "派出50多名医生开展巡回义诊，受到群众欢迎。\n"),  # its predicate
    ):
        found = [f.rule for f in check_text(head + tail + nxt) if f.rule.startswith("L")]
        assert found in (["L101"], ["L102"]), tail
