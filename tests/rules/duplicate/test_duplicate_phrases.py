"""Duplicate family, within sentences: D201 phrase-loop and D202 char-stutter."""

from __future__ import annotations

import pytest

from tests.conftest import seed
from zhcheck.engine import check_paths, check_text
from zhcheck.finding import Finding

D2 = {"select": ["D2"]}


def found(text: str, code: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.suggestion) for f in check_text(text, {"select": [code]})]


@pytest.fixture(scope="module")
def seed000() -> list[Finding]:
    return check_paths([seed("000")], D2)


# --- D201 -----------------------------------------------------------------------------


def test_d201_seed_loops_and_permutation_salad(seed000) -> None:
    loops = [(f.line, f.text) for f in seed000 if f.rule == "D201"]
    assert loops == [
        (61, "平宝、宝平"),
        (87, "家门口、家门口、家门口"),
        (91, "圈地圈钱、圈心圈地、圈钱圈地、圈地圈钱"),
        (135, "新乡人、新乡人、新乡人"),  # the copies of this loop in lines 137-143 are inside reported copies
    ]


def test_d201_loop_message_suggestion_and_unsafe_fix() -> None:
    (f,) = check_text("让群众在家门口就能办事，办成了“家门口、家门口、家门口”的大事。", {"select": ["D201"]})
    assert f.message == "“家门口”连续重复了 3 次" and f.suggestion == "家门口"
    assert f.fix is not None and not f.fix.is_safe and f.fix.edits[0].replacement == "家门口"
    assert found("坚持稳中求进稳中求进稳中求进工作总基调。", "D201") == [("稳中求进稳中求进稳中求进", "稳中求进")]
    assert found("他连声说：谢谢大家，谢谢大家，谢谢大家！", "D201") == [("谢谢大家，谢谢大家，谢谢大家", "谢谢大家")]


def test_d201_salad_of_longer_items_needs_three_of_them() -> None:
    assert found("要整治拆东墙补西墙、补西墙拆东墙、拆西墙补东墙等问题。", "D201") == [
        ("拆东墙补西墙、补西墙拆东墙、拆西墙补东墙", None)
    ]
    assert found("形成你中有我、我中有你的发展格局。", "D201") == []


@pytest.mark.parametrize(
    "text",
    [
        "本世纪之初，承载着我市“建新城、疏老城”拓展城市发展空间的历史重任。",
        "让广大群众有病看得上、看得起、看得好，少生病、晚生病、不生病。",
        "持续推进春看谋划、夏看推进、秋看攻坚、冬看蝶变，实现了月月有变化。",
        "坚持“大抓项目、抓大项目”导向，推动签约项目快落地、落地项目快开工。",
        "天天、月月、年年都有新变化，哈哈哈哈，一步一步向前走。",
        "实现好、维护好、发展好最广大人民根本利益，一村一产业、一村一特色。",
        "GDP、GDP增速和5G基站数量都位居前列，2020、2020、2020。",
        # three-character items saying the same words the other way round (issue 18)
        "坚持书记抓、抓书记，倡导干中学、学中干。",
    ],
)
def test_d201_legitimate_repetition(text: str) -> None:
    assert found(text, "D201") == []


# --- D202 -----------------------------------------------------------------------------


def test_d202_seed_stutters(seed000) -> None:
    stutters = [(f.line, f.text, f.suggestion) for f in seed000 if f.rule == "D202"]
    assert stutters == [
        (13, "链链", "链"),
        (41, "起起", "起"),
        (61, "叶叶", "叶"),
        (77, "赛赛", "赛"),
        (89, "棚棚", "棚"),  # the same stutters in lines 95 and 111 sit inside reported copies
    ]


def test_d202_message_and_unsafe_fix() -> None:
    text = "该市加快推动产业集群群建设，全年签约项目再创新高。"
    (f,) = check_text(text, {"select": ["D202"]})
    assert f.text == "群群" and f.message == "“集群群”中的“群”重复了一次，疑为多余的字"
    assert f.fix is not None and not f.fix.is_safe
    (edit,) = f.fix.edits
    assert text[: edit.start] + text[edit.end :] == "该市加快推动产业集群建设，全年签约项目再创新高。"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("全区提前完成了年度目标任务务，群众满意度明显提升。", "务务"),
        ("全面提升城市品品质，打造宜居宜业环境。", "品品"),
        ("加快构建现代化化产业体系。", "化化"),
        # the doubled form is a junk dictionary entry (frequency 3), not a word
        ("坚持以产业振振兴带动乡村全面振兴。", "振振"),
        # one copy inside a token jieba's HMM guessed (判质效)
        ("进一步提升涉外审判判质效。", "判判"),
        # the doubled form is a word (活活, 满满), but jieba reads 活|活动, 满|满足 here
        ("他出席开幕式等标志性活活动并致辞。", "活活"),
        ("更好满满足消费者多样化需求。", "满满"),
        # a one-character grammatical word twice, each copy a word of its own: the route
        # probability barely changes (a frequent word is cheap), the character model's does
        ("会议将于明天在在北京召开。", "在在"),
        ("这是是当前最紧迫的任务。", "是是"),
        ("各地都都建立了工作专班。", "都都"),
        ("他他说这项工作必须抓紧。", "他他"),
        ("我们要要抓紧落实各项措施。", "要要"),
        ("这一举措提高了了群众的满意度。", "了了"),
    ],
)
def test_d202_stutters_in_new_text(text: str, pair: str) -> None:
    assert [t for t, _ in found(text, "D202")] == [pair]


@pytest.mark.parametrize(
    "text",
    [
        "天天锻炼，常常看看书，家家户户轰轰烈烈，久久为功，村村通公路，蒸蒸日上。",
        "伴随着一串串数据、一条条举措、一个个变化，实现了月月有变化、逐季有提升。",
        "谢谢这位记者朋友，2020年20日召开会议，我们要研究研究这个问题，雪白雪白的墙。",
        "该镇把做好抗旱保秋工作作为对党员干部工作作风和能力的考验，参观发展展览馆，审议会议议程。",
        "力争实现“十五五”良好开局，全国36个个人养老金先行城市，2022年年底前完成。",
        "全市市、县、乡、村四级医疗卫生机构全部新建，贵港港货物吞吐量增长。",
        "责任编辑：樊翠翠，记者王晶晶报道。",
        "可以以此为基础，即将将其纳入规划，通过水水中转、铁水联运降低成本。",
        "年年分红，座座军营，处处可见，层层压实责任，人人持证，事事有人管，高高兴兴。",
        "春晚以“巳巳如意，生生不息”为主题。",
        # two words meeting in a shared character, one a coinage jieba's HMM makes (库点)
        "具体落实粮食出库库点，及时拟定上报重点运输计划。",
        "她戴着一顶漂亮的帽子，拿着贵贵的书包，甜甜地笑了。",
        # found on People's Daily 1998 (corpus/clean_extra): offices and their heads, a verb
        # after a noun ending in it, verb reduplication, a child's name used twice
        "国务院研究室农村司司长李炳坤出席会议，他来这儿当上了民工队队长。",
        "国务院召开会议，对1998年全国双拥工作作了部署。",
        "大家都凑过来瞅瞅。",
        "童童刚满3岁的那年冬天，随父母来到工地。初来乍到，备感新鲜的童童，整天蹦蹦跳跳。",
        # verb-object words with the verb reduplicated, descriptive ABB forms, a head's
        # title after the office, a name, two words meeting (found on People's Daily 1998)
        "我们一起喝喝茶吧，再去串串门，周末去度度假。",
        "锣鼓声声，春意浓浓，爆竹声声辞旧岁，那蓊郁郁的林带。",
        "他是三年级二班班主任，也是建筑署署长。",
        "阿富汗前总统卡卡尔会见来宾，普通通话收费下调，加快建立立体化防控体系。",
        # measure words and nouns reduplicated as "every", verbs and adjectives
        # reduplicated before their object, bound morphemes that live doubled, AA然
        "山坡上的小树棵棵挺拔，这条线路的列车趟趟满员，群众反映的问题件件有着落。",
        "今年全县校校开展安全教育，户户签订责任书。",
        "天气干燥，让孩子们多喝水润润喉咙，再暖暖她们的心。",
        "河边芳草萋萋，北风冽冽，远处邈邈群峰。",
        "老人望着大海，心中浩浩然，飘飘然，不知身在何处。",
        # a verb with its complement after a word ending in it, a surname before a title,
        # an ABB adjective, an AAB verb-object form
        "一股暖流流进了大家的心田，新来的班主任任老师组织了一场讲座。",
        "工人们手上长着硬邦邦的老茧。",
        "退休以后，他在家享享清福，夏天去河边踩踩水。",
        # names: a given name, a transliterated name, a brand
        "你还记得丽丽吗？她说外长伊莱·马莱莱·托阿将出席，盼盼集团捐资五十万元。",
        # a light verb with its object after a word ending in it (issue 18)
        "与会同志结合各自工作作交流发言，市政府就下一阶段督导工作作具体安排。",
        # grammatical words doubled where two words meet (为了|了解, 现在|在) or the
        # reduplication is a word (的的确确, 等等, 常常)
        "为了了解情况，他现在在北京工作，正在在场的人中间寻找证人。",
        "他们的的确确付出了很多，可以以此为例，等等，常常如此，实现目的的手段。",
        # the tool, then the verb it names (用手铐|铐)
        "经查，被告人采取用手铐铐、冷水泼等手段逼迫被害人还款。",
    ],
)
def test_d202_legal_reduplication_and_words_meeting(text: str) -> None:
    assert found(text, "D202") == []


def test_d202_a_stutter_copied_with_its_paragraph_is_still_one() -> None:
    text = "决胜科技竞赛赛的主抓手，抢抓历史机遇。\n\n决胜科技竞赛赛的主抓手，抢抓历史机遇。"
    assert [t for t, _ in found(text, "D202")] == ["赛赛"]  # the copy itself is D101's


def test_d2_quiet_on_seeds_without_such_defects() -> None:
    for prefix in ("001", "002", "003", "004"):
        assert not check_paths([seed(prefix)], D2), prefix


def test_d202_only_a_light_verb_may_recur_before_its_object() -> None:
    assert [t for t, _ in found("各地要推动动经济社会高质量发展。", "D202")] == ["动动"]
    assert found("各地要结合各自工作作交流发言。", "D202") == []


@pytest.mark.parametrize(
    "text",
    [
        # an adjective modifying the noun after it, after a word ending in the adjective
        "该区鼓励企业加快技术创新新产品不断涌现。",
        # the place again before a localizer, after its name; a verb again before a pronoun object
        "本周末起，城东客运站站前广场将封闭施工。",
        "研究所组织旁听听什么？听庭审的全过程。",
        # the second copy starts a word across a short alternative in brackets (建筑物)
        "改建、扩建建（构）筑物应当同步设计防雷装置。",
    ],
)
def test_d202_a_copy_heading_a_phrase_of_its_own_is_no_stutter(text: str) -> None:
    """Issue 18 round 8: the second copy starts a phrase (新产品, 站前, 听什么) or a word past a
    bracketed alternative; the old code took each for a stutter."""
    assert found(text, "D202") == []


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # the adjective ends the clause: no noun for it to modify
        ("推进科技创新新，加快建设科技强国。", "新新"),
        # a noun, not an adjective, before the next word
        ("该市加快推动产业集群群建设。", "群群"),
    ],
)
def test_d202_stutters_beside_those_phrases_still_fire(text: str, pair: str) -> None:
    assert [t for t, _ in found(text, "D202")] == [pair]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # an orphan before a word starting with it that joins nothing on its left either:
        # the route probability gains 7-8 without it (below the 8.0 of 水|水中转), the
        # character model agrees
        ("今年以来，各各地加大稳岗扩就业政策支持力度。", 5),
        ("该企业将继续开开拓海外市场，努力扩大出口。", 6),
        ("合作社今年又打打造了两个蔬菜种植基地。", 6),
        ("记者从会上获悉，今今年全市将新建改建农村公路五百公里。", 8),
    ],
)
def test_d202_a_lone_orphan_before_its_word(text: str, start: int) -> None:
    (f,) = check_text(text, {"select": ["D202"]})
    assert (f.start, f.end, f.suggestion) == (start, start + 2, text[start])
    (edit,) = f.fix.edits
    assert text[: edit.start] + text[edit.end :] == text[:start] + text[start + 1 :]


@pytest.mark.parametrize(
    "text",
    [
        # the first copy joins a word on its left (自住), stands alone after a word (报告中, 和),
        # or the gain is too small (对其|其他) or the character model disagrees (高高举过)
        "购买首套自住住房的家庭可以申请补贴。",
        "报告中中国经济增长的数据引人关注。",
        "会议讨论了战争和和平问题。",
        "对其其他违法行为一并依法处理。",
        "他把奖杯高高举过头顶。",
        # a verb reduplicated before a verb-object word whose object is a word (零工): AAB
        "他们搬进城里后，平时在附近打打零工维持生活。",
        # a measure word doubled before a word starting with it (分分钟: "in no time")
        "新版本上线后，玩家分分钟就能完成一局对战。",
    ],
)
def test_d202_an_orphan_that_belongs_on_its_left_is_no_stutter(text: str) -> None:
    assert found(text, "D202") == []
