"""G301 incoherent (word salad) and the dictionary bigram statistics behind it."""

from __future__ import annotations

import random

import pytest

from tests.conftest import CLEAN, seed
from zhcheck.engine import check_text
from zhcheck.rules.lang import charstats, langmodel
from zhcheck.segmenter import segment


def g301(text: str):
    return [f for f in check_text(text, {"select": ["G301"]}) if f.rule == "G301"]


def test_bigram_table() -> None:
    assert charstats.bigram_log2("发", "展") > 10  # 发展 is among the most frequent words
    assert charstats.seen("草", "地")
    assert not charstats.seen("环", "打")
    assert charstats.unseen_pairs("环打红草地") >= 2


def test_word_salad_in_seed_000() -> None:
    found = g301(seed("000").read_text(encoding="utf-8"))
    assert [f.text for f in found] == [
        "拉近近远",
        "在市区内环“两环九放射”快速路网",
        "关键一大批关键技术",
        "二二磨",
        "自去年市委明确这一路径",
        "备受关注城市建设和管理",
        "网红红绿",
    ]
    assert [f.data["reason"] for f in found] == [
        "double-across",
        "bare-preposition",
        "intrusion",
        "double-inside",
        "open-time-frame",
        "passive-object",
        "double-across",
    ]
    assert all("语句不通" in f.message or "语句残缺" in f.message for f in found)
    assert "“关键”与紧随其后的“关键技术”重复" in found[2].message
    assert "没有谓语" in found[1].message
    assert "“自去年”开头" in found[4].message
    assert "“备受”表示被动，后面不能再带宾语“城市”" in found[5].message


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("打造更多网红打卡地，推出更多蓝天天白歌。", "蓝天天白歌"),
        ("我们要拉近近远的创新生态。", "拉近近远"),
        # a repeated word intruding (the language model prefers the clause without it)
        ("今年以来，全市攻克了高端轴承等关键一大批关键技术。", "关键一大批关键技术"),
        ("各地加大投入，建成基础一批基础设施。", "基础一批基础设施"),
        ("全县新建了道路一批道路设施，群众出行更方便。", "道路一批道路设施"),
        ("公司经理理蓝歌天白参加了座谈会。", "经理理蓝歌"),  # after a title, but no name
        # broken sentence frames: a bare prepositional phrase, an open time span, a passive with an object
        ("二是完善城市路网。在新区北侧“三横两纵”主干路网。", "在新区北侧“三横两纵”主干路网"),
        ("改革成效明显。自今年年初全县推行这项制度！", "自今年年初全县推行这项制度"),
        ("近年来，各地都深受欢迎农村电商和直播带货。", "深受欢迎农村电商和直播带货"),
    ],
)
def test_word_salad(text: str, span: str) -> None:
    (f,) = g301(text)
    assert f.text == span


@pytest.mark.parametrize(
    "text",
    [
        "天天向上，人人参与，家家户户都行动起来。",
        "全国人大常委会副委员长沈跃跃出席会议。",  # a name with a doubled given name
        "典角村村委会组织村民开展义务劳动。",  # village name + 村委会
        "以跃新装备为代表的智能装备制造园区，跃新新能源智能制造产业园加速建设。",
        "周周有戏，月月有节，群众文化生活丰富多彩。",
        "推动降碳、减污、扩绿、增长，打造强市强省。",  # coinages alone are not salad
        # repeated words in parallel structures, slogans, lists and names
        "科技创新和产业创新深度融合，推动精准扶贫精准脱贫。",
        "农田就是农田，只能用来发展种植业。",
        "日子一天比一天好，健康产业产业链长。",
        "一任接着一任干，一张蓝图绘到底。",
        "人民城市人民建，人民城市为人民。",
        "绿水青山就是金山银山，冰天雪地也是金山银山。",
        "北京、天津、河北、山西、内蒙古、辽宁、吉林、黑龙江等地出现降雨，局地有大到暴雨。",
        "习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希出席大会。",
        "坚持稳中求进、以进促稳、先立后破，做强做优做大国有企业，让改革发展成果更多更公平惠及全体人民。",
        # a word, a conjunction or a preposition, and a longer word repeating it: two linked phrases
        "共享经济平台及平台车主将一起参与行业自律。",
        "团员青年每月去中学给中学生们开读书分享会。",
        "县政府办公室主任任丽华参加了座谈会。",  # a title, a name starting with its last character
        # reduplication patterns: AABB, 一 + doubled classifier, numerals, AA + 然/地, ABB
        "一排排新房拔地而起，一串串红灯笼挂满街巷。",
        "他曾任南京五一一厂厂长。",
        "江水浩浩然奔流而去，孩子们喜滋滋地回家。",
        "乡亲们年年种粮，岁岁丰收。",
        "李家洼村村民自发组织巡逻队，柳树屯厂厂长带头捐款。",  # place suffix + 村民/厂长
        "周末到河边湿湿脚，踩踩水，再去豆豆家看小狗。",  # VV + object, a pet name + 家
        "风萧萧草蔓蔓的荒原上，牧民年年转场。",  # ABB
        "人们愉愉快快过好年，打扮得鲜鲜亮亮。",  # AABB
        # complete sentences with the same frames
        "在党中央坚强领导下，全国人民团结奋斗。",
        "在北京举行。",
        "在北京天安门广场。\n\n图为在北京天安门广场。",  # a caption, a paragraph of one phrase
        "自去年以来，全县新建农村公路300公里。",
        "自2020年起，该市连续四年获评文明城市。",
        "这部电影深受观众喜爱，备受关注的续集将于明年上映。",
        "这一举措深受群众欢迎。",
        # two words meeting in a shared character: a dictionary word and a two-character coinage
        "统计临床带教教师和指导医师接受培训的人次数。",
        "具体落实粮食出库库点，及时拟定上报重点运输计划。",
        # a body or unit jieba's HMM names, then its meeting or head (issue 18)
        "县委组织部部务会会议传达学习了全会精神，机修车间钳工班班长作了发言。",
        # a measure word, then a noun that starts with it (每列|列车)
        "这条线路开行的动车组车身颜色各不相同。每列列车都配有无障碍车厢。",
    ],
)
def test_not_word_salad(text: str) -> None:
    assert g301(text) == []


def test_no_word_salad_on_clean_corpus() -> None:
    for path in sorted(CLEAN.glob("*.txt")):
        assert g301(path.read_text(encoding="utf-8")) == [], path.name


def _long_clean_paragraphs(limit: int) -> list[str]:
    out = []
    for path in sorted(CLEAN.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(segment(line)) >= 40:
                out.append(line.strip())
                if len(out) == limit:
                    return out
    return out


def test_scrambled_paragraphs_from_the_clean_corpus() -> None:
    """Real paragraphs with the words of every clause shuffled: some are found, no original is."""
    paragraphs = _long_clean_paragraphs(120)
    found = 0
    for k, text in enumerate(paragraphs):
        assert g301(text) == [], text
        scrambled = "".join(langmodel.reorder_clauses(segment(text), random.Random(k)))
        hits = g301(scrambled)
        found += bool(hits)
        for f in hits:
            assert f.data["reason"] in {"scrambled", "double-across", "double-inside", "passive-object"}
            assert not any(c in f.text for c in "。！？；")  # within one sentence, not the paragraph
    # measured on all of corpus/clean: about a quarter of fully scrambled paragraphs
    assert found >= 0.12 * len(paragraphs), found


def test_scrambled_sentence_is_reported_by_clause() -> None:
    fluent = "我们要进一步加强生态环境保护，推动经济社会发展全面绿色转型。"
    scrambled = "的生态环境加强保护进一步要我们，转型绿色全面推动和发展社会经济在。"
    assert g301(fluent + fluent) == []
    (f,) = g301(fluent + scrambled)
    assert f.data["reason"] == "scrambled"
    assert "语序混乱" in f.message
    assert f.text == scrambled.rstrip("。")  # the scrambled sentence, not the paragraph


def test_a_word_running_into_a_term_the_article_keeps_printing_is_no_salad() -> None:
    from zhcheck.engine import check_text

    text = (
        "7月11日，随着藏中联网工程最后一段光缆熔接完毕，西藏藏中联网通信工程全线贯通。\n"
        "“藏中联网”工程全称为西藏中部和昌都电网联网工程，是世界上海拔最高的输变电工程。\n"
        "藏中联网工程建成后，将惠及沿线数十万群众。\n"
    )
    assert [f for f in check_text(text) if f.rule == "G301"] == []
    # printed once, the tangle is still reported
    assert [f.text for f in check_text(text.split("\n")[0]) if f.rule == "G301"] == ["西藏藏中"]


def test_the_garbled_family_keeps_no_sentences_on_the_paragraphs() -> None:
    """G301 splits sentences where it reads them: kept on the paragraphs, they would stay
    alive (a copy of the text) until the whole document is done."""
    from zhcheck.document import Document
    from zhcheck.rules.garbled.salad import word_salad

    doc = Document(seed("000").read_text(encoding="utf-8"))
    assert [s.reason for s in word_salad(doc)]
    assert all(p._sentences is None for p in doc.paragraphs)
