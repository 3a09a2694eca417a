"""Garbled passages: encoding damage, web debris, stray markup and words, word salad."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from zhcheck.document import Document, Kind
from zhcheck.finding import Applicability, Category, Edit, Fix, Severity
from zhcheck.lazyre import lazy
from zhcheck.registry import Hit, RuleContext, rule
from zhcheck.rules.garbled.debris import boilerplate, image_filenames, residual_markup
from zhcheck.rules.garbled.furniture import page_blocks
from zhcheck.rules.garbled.pairs import CLOSERS, NAMES, OPENERS, Unbalanced, unbalanced_pairs
from zhcheck.rules.garbled.salad import word_salad
from zhcheck.rules.garbled.words import foreign_words
from zhcheck.rules.lang.mojibake import Mojibake, find_mojibake
from zhcheck.textutil import is_cjk

# U+FFFD, C0/C1 controls other than tab/newline/carriage return/form feed,
# and private-use code points (BMP and planes 15-16).
_BAD_CHARS = lazy("[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]+")


#: invisible format characters: zero-width space, zero-width no-break space (a byte-order
#: mark inside the text), word joiner, soft hyphen, zero-width (non-)joiner
_INVISIBLE = lazy("[\u200b\ufeff\u2060\u00ad\u200c\u200d]+")
_INVISIBLE_NAMES = {
    "\u200b": "零宽空格",
    "\ufeff": "零宽不换行空格（文中的字节顺序标记）",
    "\u2060": "零宽连接符（word joiner）",
    "\u00ad": "软连字符",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
}
_JOINERS = "\u200c\u200d"


def _joins_other_script(text: str, start: int, end: int) -> bool:
    """A run of only zero-width (non-)joiners between letters or symbols that use them
    (emoji sequences, Indic and Arabic script), not between Chinese or ASCII."""
    if text[start:end].strip(_JOINERS):
        return False
    for c in (text[start - 1] if start else "", text[end] if end < len(text) else ""):
        if c and not c.isascii() and not is_cjk(c) and unicodedata.category(c)[0] in "LSM":
            return True
    return False


def invisible_runs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of runs of invisible format characters that do not belong in Chinese text."""
    for m in _INVISIBLE.finditer(text):
        if not _joins_other_script(text, m.start(), m.end()):
            yield m.span()


def _describe(run: str) -> str:
    c = run[0]
    if c == "\ufffd":
        return "替换字符 U+FFFD：这里的原文在解码时已经丢失"
    if "\ue000" <= c <= "\uf8ff" or ord(c) >= 0xF0000:
        return f"私用区字符 U+{ord(c):04X}：通常是字体或编码转换留下的乱码"
    name = unicodedata.name(c, "control")
    return f"控制字符 U+{ord(c):04X}（{name}）：不应出现在正文中"


_KIND_TEXT = {
    "utf8-as-gbk": "UTF-8 文本被当作 GBK 解码",
    "utf8-as-latin1": "UTF-8 文本被当作 Latin-1/cp1252 解码",
    "gbk-as-latin1": "GBK 文本被当作 Latin-1 解码",
}


def mojibake_spans(doc: Document) -> list[Mojibake]:
    """The document's mojibake stretches (shared by the garbled rules)."""
    return doc.memo(("garbled", "mojibake"), lambda: find_mojibake(doc.text), __package__)


@rule(
    "G101",
    "mojibake",
    Category.GARBLED,
    Severity.ERROR,
    title_zh="乱码或编码损坏字符",
    summary="Encoding damage: mojibake (UTF-8 read as GBK or Latin-1), replacement, control or private-use characters",
    bad="长沙市鏀垮簻宸ヤ綔鎶ュ憡全文发布",
    good="长沙市政府工作报告全文发布",
    fix_labels={
        "re-decode the mojibake": "按正确的编码还原乱码",
        "delete the invisible characters": "删除看不见的字符",
    },
)
def mojibake(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Text damaged by a wrong decoding step.

    Mojibake is UTF-8 text that some step decoded as GBK (`发展` turns into
    `鍙戝睍`, two lost characters into `锟斤拷`) or as Latin-1/cp1252 (`“`
    turns into `â€œ`, `中` into `ä¸­`), or GBK text decoded as Latin-1
    (`ÖÐÎÄ`). The rule maps the suspicious characters back to their bytes and
    reports stretches that decode into ordinary Chinese; when the round trip is
    exact the repaired text is the suggestion. U+FFFD marks bytes a decoder
    could not read; control characters and private-use code points never
    belong in an article. Each damaged stretch is one finding.

    Invisible format characters (zero-width space, a byte-order mark inside the
    text, word joiner, soft hyphen; zero-width joiners except between emoji or
    letters of scripts that use them) come from web pages and editors: they
    break search, copying and character counts. They are reported as warnings
    with a safe fix that deletes them.
    """
    spans = mojibake_spans(doc)
    for mb in spans:
        if mb.lost:
            yield Hit(mb.start, mb.end, "乱码“锟斤拷”：这里原有的文字在两次错误解码后已经丢失，需要核对原稿")
            continue
        reading = mb.repaired
        if mb.certain:
            yield Hit(
                mb.start,
                mb.end,
                f"乱码：{_KIND_TEXT[mb.kind]}，原文应为“{reading}”",
                suggestion=reading,
                fix=Fix((Edit(mb.start, mb.end, reading),), Applicability.UNSAFE, "re-decode the mojibake"),
            )
        else:
            yield Hit(
                mb.start,
                mb.end,
                f"乱码：{_KIND_TEXT[mb.kind]}，部分字节已丢失，可辨认的原文为“{reading}”",
            )
    covered = [(m.start, m.end) for m in spans]
    for m in _BAD_CHARS.finditer(doc.text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        yield Hit(m.start(), m.end(), _describe(m.group()))
    for s, e in invisible_runs(doc.text):
        if any(a <= s < b for a, b in covered):
            continue  # a soft hyphen inside Latin-1 mojibake (中 -> ä¸\xad) is part of it
        names = "、".join(dict.fromkeys(f"{_INVISIBLE_NAMES[c]} U+{ord(c):04X}" for c in doc.text[s:e]))
        yield Hit(
            s,
            e,
            f"看不见的字符（{names}）：会干扰检索、复制和字数统计，应删除",
            suggestion="",
            fix=Fix((Edit(s, e, ""),), Applicability.SAFE, "delete the invisible characters"),
            severity=Severity.WARNING,
        )


def _delete_paragraph(doc: Document, start: int, end: int) -> Edit:
    """An edit removing a whole paragraph together with its line break."""
    text = doc.text
    if end < len(text) and text[end] == "\r":
        end += 1
    if end < len(text) and text[end] == "\n":
        end += 1
    while start > 0 and text[start - 1] in " \t\u3000":
        start -= 1
    return Edit(start, end, "")


@rule(
    "G201",
    "image-filename",
    Category.GARBLED,
    Severity.ERROR,
    title_zh="残留的图片文件名",
    summary="An image file name left in the text where a picture used to be",
    bad="3月5日上午，签约仪式在市民中心举行。\n\n微信图片_20230305101122.jpg\n\n△图为签约仪式现场。",
    good="3月5日上午，签约仪式在市民中心举行。\n\n△图为签约仪式现场。",
    fix_labels={
        "delete the file-name line": "删除文件名这一行",
    },
)
def image_filename(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A file name such as `微信图片_20230305101122.jpg` or `IMG_0012.JPG` in the text.

    When a web page is scraped, a picture often survives only as its file name
    (the `alt` text or the link target). A paragraph that consists of nothing
    but the file name can be deleted safely; a file name inside a sentence is
    reported for the editor to remove. Markdown image syntax `![…](x.jpg)` is
    left alone.
    """
    for start, end, whole in image_filenames(doc):
        name = doc.text[start:end]
        if whole:
            yield Hit(
                start,
                end,
                f"图片文件名“{name}”混入正文：原网页的图片在抓取时只剩下了文件名，应删除",
                suggestion="",
                fix=Fix((_delete_paragraph(doc, start, end),), Applicability.SAFE, "delete the file-name line"),
            )
        else:
            yield Hit(start, end, f"图片文件名“{name}”混入正文，应删除", suggestion="")


@rule(
    "G202",
    "web-boilerplate",
    Category.GARBLED,
    Severity.ERROR,
    title_zh="网页残留内容（导航、分享、版权信息等）",
    summary="Web-page debris: breadcrumbs, share/print links, prev/next, copyright footers, contact lines, form labels",
    bad=(
        "首页 > 新闻中心 > 本地要闻\n市政府召开常务会议，研究部署近期重点工作。\n"
        "上一篇：我市召开防汛工作会议\n姓名：\n提交"
    ),
    good="市政府召开常务会议，研究部署近期重点工作。\n会议要求，各地要抓好防汛准备，确保安全度汛。",
    fix_labels={
        "delete the line": "删除这一行",
    },
)
def web_boilerplate(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A line that belongs to the web page around the article, not to the article.

    Scrapers keep the page's breadcrumb trail (`首页 > 新闻`), share, print and
    close links, "上一篇/下一篇" navigation, copyright and disclaimer footers,
    contact lines, the labels and buttons of a comment form, QR-code prompts
    ("扫一扫") and the source/date/hit-count bar. The patterns live in
    `rules/data/boilerplate.toml` and only match short paragraphs, so prose
    that merely mentions copyright is not reported. Deleting the line is offered
    as an unsafe fix.
    """
    for para, pat in boilerplate(doc):
        yield Hit(
            para.start,
            para.end,
            f"网页残留：这一行是{pat.label}，不属于文章内容，应删除",
            suggestion="",
            fix=Fix((_delete_paragraph(doc, para.start, para.end),), Applicability.UNSAFE, "delete the line"),
            data={"kind": pat.kind},
        )


_BLOCK_REASONS = {
    "breadcrumb": "导航路径",
    "tools": "导航栏和功能按钮",
    "navigation": "导航链接",
    "copyright": "版权声明",
    "contact": "联系方式",
    "form": "评论表单",
    "meta": "来源、时间等信息栏",
    "credits": "编辑署名",
    "qrcode": "扫码提示",
    "link": "网址、电话或备案号",
    "copy": "重复的标题或导语",
    "list": "相关链接列表",
}
_BLOCK_WHERE = {"head": "正文之前", "tail": "正文之后", "inner": "正文中间"}


@rule(
    "G206",
    "page-furniture",
    Category.GARBLED,
    Severity.WARNING,
    title_zh="整块的网页框架残留（导航栏、工具栏、页脚等）",
    summary="A block of lines of the web page around the article: navigation bars, toolbars, "
    "source and time rows, related links, comment forms, footers",
    bad=(
        "首页\n新闻\n体育\n财经\n登录 | 注册\n首页 > 新闻中心 > 本地要闻\n"
        "全市召开春季农业生产工作会议\n2024-03-05 09:30 来源：市政府网站\n字号：大 中 小 | 打印 | 关闭\n"
        "3月4日，全市春季农业生产工作会议召开，会议总结了去年的农业生产情况，部署了今年的重点工作。\n"
        "会议要求，各地要抓好春耕备耕，确保粮食播种面积稳定，切实做好农资供应和技术指导。\n"
        "责任编辑：张三\n相关新闻\n·我市召开防汛工作会议\n·全市重点项目建设推进会召开\n"
        "关于我们 | 联系我们 | 网站地图\n版权所有：某某市人民政府 备案号：某ICP备12345678号"
    ),
    good=(
        "全市召开春季农业生产工作会议\n"
        "3月4日，全市春季农业生产工作会议召开，会议总结了去年的农业生产情况，部署了今年的重点工作。\n"
        "会议要求，各地要抓好春耕备耕，确保粮食播种面积稳定，切实做好农资供应和技术指导。"
    ),
    fix_labels={
        "delete the block": "整块删除网页框架残留",
    },
    claims=True,
    priority=10,
)
def page_furniture(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Lines of the web page around the article, reported as one block each.

    A page saved as text keeps its navigation bar, breadcrumb, toolbar (字号 大 中 小,
    打印, 关闭), the source/time/share row, related-link lists, the comment form and the
    footer. The rule finds where the article body starts and ends (the stretch of prose
    lines, with the headline and byline before it) and reports each run of furniture
    lines around it as one finding ("lines 1-13 are web-page furniture"), and a run of
    furniture lines inside the body when every line of it is furniture. Evidence: UI
    words of news portals, government sites, WeChat articles, forums and blogs
    (`rules/data/page_furniture.toml`), metadata labels (来源：, 责任编辑：), navigation
    symbols, dates and times, URLs, phone numbers, hashes, bare numbers, the G202
    patterns, a copy of the headline or the opening. The fix deletes the block; it is
    safe for a block at the head or tail of the page whose every line is clearly
    furniture. Findings of other rules inside a block are not reported (the block
    claims its lines).
    """
    for b in page_blocks(doc):
        reasons = "、".join(_BLOCK_REASONS.get(r, r) for r in b.reasons)
        lines = f"第 {b.first.line} 行" if b.first.line == b.last.line else f"第 {b.first.line}–{b.last.line} 行"
        msg = f"网页框架残留：{lines}（{_BLOCK_WHERE[b.where]}，{b.lines} 行）是网页的{reasons}，不属于文章，应整块删除"
        edit = _delete_paragraph(doc, b.first.start, b.last.end)
        applicability = Applicability.SAFE if b.safe else Applicability.UNSAFE
        yield Hit(
            b.first.start,
            b.last.end,
            msg,
            suggestion="",
            fix=Fix((edit,), applicability, "delete the block"),
            data={"lines": b.lines, "where": b.where},
        )


_MARKUP_TEXT = {
    "tag": "HTML 标签“{t}”残留在正文中，应删除",
    "comment": "HTML 注释“{t}”残留在正文中，应删除",
    "entity": "HTML 实体“{t}”没有被转换，应为“{s}”",
    "bold": "Markdown 加粗标记“**”不成对，另一半已经丢失",
    "attribute": "Markdown 属性标记“{t}”残留在正文中，应删除",
    "label": "标签“{t}”的格式已损坏：开头的“{o}”应是加粗标记或多余的符号",
}


@rule(
    "G203",
    "residual-markup",
    Category.GARBLED,
    Severity.ERROR,
    title_zh="残留的 HTML 或 Markdown 标记",
    summary="Leftover HTML tags, comments and entities, unbalanced **, a label broken into 《 or 【",
    bad="**记者：**请问今年有哪些新举措？\n\n《市长:谢谢您的提问。&nbsp;今年我们将<br>继续推进。",
    good="**记者：**请问今年有哪些新举措？\n\n**市长：**谢谢您的提问。今年我们将继续推进《政府工作报告》的部署。",
    fix_labels={
        "remove the markup": "清除残留的网页标记",
        "repair the label": "修复损坏的标签格式",
    },
)
def residual_markup_rule(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Markup that was meant for a browser or a Markdown renderer.

    HTML tags (`<br>`, `<p>`), comments and character entities (`&nbsp;`,
    `&ldquo;`, `&#8220;`) that survived the conversion to text; a Markdown bold
    marker `**` whose partner was lost, or an attribute list (`{#anchor}`) left at the
    end of a paragraph; and a speaker or section label whose
    Markdown was damaged into an opening `《` or `【` with no closing mark
    (`《记者:` for `**记者:**`). Entities get their decoded character as the
    suggestion; tags and comments are to be deleted.
    """
    for m in residual_markup(doc):
        t = doc.text[m.start : m.end]
        msg = _MARKUP_TEXT[m.what].format(t=t.strip(" \t"), s=m.suggestion, o=t[:1])  # {#x}, no blank
        fix = None
        if m.what in ("tag", "comment", "entity", "attribute") and m.suggestion is not None:
            fix = Fix((Edit(m.start, m.end, m.suggestion),), Applicability.SAFE, "remove the markup")
        elif m.what == "label" and m.suggestion:
            fix = Fix((Edit(m.start, m.end, m.suggestion),), Applicability.UNSAFE, "repair the label")
        yield Hit(m.start, m.end, msg, suggestion=m.suggestion, fix=fix)


@rule(
    "G204",
    "foreign-word",
    Category.GARBLED,
    Severity.WARNING,
    title_zh="中文句子中夹杂英文单词",
    summary="A lower-case English word inside a Chinese sentence",
    bad="推动经济 and 社会协调发展，不断提升公共服务水平",
    good="龙芯中科自主研发的国产化CPU芯片项目投产，改进政务服务移动端App，建设5G基站3600个，行程约12 km。",
    fix_labels={
        "translate the word": "英文单词改为中文",
    },
)
def foreign_word(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """An English word such as `and`, `the` or `development` in the middle of Chinese text.

    Machine translation, templates and careless editing leave English function
    words (`经济 and 社会`) and content words in Chinese sentences. Only
    lower-case words embedded between Chinese characters are reported:
    acronyms (GDP, CPU), brand and product names (iPhone, App), personal names,
    pinyin, units after numbers (12 km), model numbers, URLs and e-mail
    addresses, quoted or bracketed English terms and English quotations of
    more than three words are left alone. Word lists: `rules/data/latin_words.toml`.
    """
    for fw in foreign_words(doc):
        word = doc.text[fw.start : fw.end]
        if fw.suggestion:
            yield Hit(
                fw.start,
                fw.end,
                f"中文句子中夹有英文单词“{word}”，应改为“{fw.suggestion}”",
                suggestion=fw.suggestion,
                fix=Fix((Edit(fw.edit_start, fw.edit_end, fw.suggestion),), Applicability.UNSAFE, "translate the word"),
            )
        else:
            yield Hit(fw.start, fw.end, f"中文句子中夹有英文单词“{word}”，应译为中文或删除")


@rule(
    "G205",
    "unbalanced-pair",
    Category.GARBLED,
    Severity.WARNING,
    title_zh="引号、书名号或括号不成对",
    summary="An unmatched quotation mark, title mark or bracket: “ without ”, 《 without 》, （ without ）",
    bad="会议提出了“三个着力的工作思路，要求各地抓好落实。\n\n下一步，我们将继续推进。",
    good=(
        "他说：“第一，要坚持规划引领。\n\n“第二，要坚持问题导向。”\n\n"
        "《鹤壁市社会治安综合治理条例》（2023年）正式施行，其中〈总则〉部分……"
    ),
    fix_labels={"turn the quotation mark round": "改正引号的方向"},
)
def unbalanced_pair(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A paired mark (“” 《》 （） 【】 「」 『』 〈〉) whose partner is missing.

    Scraping and editing lose one half of a pair: `提出了“三个着力的工作思路…` never
    closes its quotation. Pairs are matched within a paragraph; half- and
    full-width parentheses count as one kind. A quotation that spans several
    paragraphs (each opens with “, only the last closes) is fine, and so is a
    pair split by a paragraph broken in mid-sentence (the layout rules report
    the break). List markers such as `1）` are not half of a pair. Marks that
    `G203` explains (a label broken into 《) are not reported twice. Two quotation
    marks of one kind a short phrase apart (`”绿色丝路”`, OCR's or a keyboard's slip)
    are one pair with a mark facing the wrong way: one finding, the mark turned round
    as the suggestion.
    """
    skip = {m.start for m in residual_markup(doc) if m.what == "label"}
    for u in unbalanced_pairs(doc, skip):
        cls = OPENERS.get(u.mark) or CLOSERS[u.mark]
        name = NAMES[cls]
        # the span shows the mark; printing it in the message (左引号“在本段……右引号”) reads as a quotation
        if u.flip is not None:
            which = "前一个" if u.flip == "“" else "后一个"
            side = "左" if u.flip == "“" else "右"
            msg = f"这对{name}有一个方向用反了：{which}应是{side}{name}（{u.flip}）"  # one mark is wrong, not both
            fix = Fix((Edit(u.pos, u.pos + 1, u.flip),), Applicability.UNSAFE, "turn the quotation mark round")
            yield Hit(u.start, u.end, msg, suggestion=_turned(doc.text, u), fix=fix, data={"mark": u.mark})
            continue
        if u.opener:
            msg = f"这个左{name}在本段没有对应的右{name}：右{name}丢失，或者这个左{name}是多余的"
        else:
            msg = f"这个右{name}前面没有对应的左{name}：左{name}丢失，或者这个右{name}是多余的"
        yield Hit(u.start, u.end, msg, data={"mark": u.mark, "offset": u.pos})


def _turned(text: str, u: Unbalanced) -> str:
    """The reported quotation with the wrong mark turned round."""
    return text[u.start : u.pos] + (u.flip or "") + text[u.pos + 1 : u.end]


_SALAD_TEXT = {
    "double-across": "语句不通：“{t}”不成词，前后文字顺序错乱，疑为乱码或被打乱的文字，需核对原稿",
    "double-inside": "语句不通：“{t}”不成词，前后文字顺序错乱，疑为乱码或被打乱的文字，需核对原稿",
    "intrusion": "语句不通：“{w}”与紧随其后的“{w2}”重复，前一个“{w}”疑为多余或错位的词，需核对原稿",
    "scrambled": "语序混乱：“{t}”的词语顺序不合常理，疑为被打乱的文字，需核对原稿",
    "bare-preposition": "语句残缺：“{t}”只有介词“{w}”引出的短语，没有谓语，疑为残句或被改写的文字，需核对原稿",
    "open-time-frame": "语句残缺：“{t}”以“{w}”开头，却没有“以来”“起”等词呼应，句子不完整，需核对原稿",
    "passive-object": "语句不通：“{t}”中“{w}”表示被动，后面不能再带宾语“{w2}”，疑为语序错乱，需核对原稿",
}


@rule(
    "G301",
    "incoherent",
    Category.GARBLED,
    Severity.WARNING,
    title_zh="文字错乱、语句不通",
    summary="Word salad: invented tokens tangled with a repeated character, a repeated word intruding, "
    "scrambled order, a broken sentence frame",
    bad="打造更多网红打卡地，推出更多蓝天天白歌。",
    good="我们要营造近悦远来的创新生态，吸引更多人才，天天向上，人人参与。\n\n依托龙头企业攻克了一大批关键技术。",
)
def incoherent(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A stretch of scrambled text: characters or words in an order Chinese does not have.

    Three tests, each reporting the smallest garbled stretch:

    * invented tokens tangled with a repeated character (`蓝天天白歌`, `拉远远近`,
      `三三磨`): jieba had to invent a token whose character pairs occur in no
      word of jieba's or pycorrector's dictionaries, next to a doubled
      character. New coinages (强市, 扩绿) and names are common in news copy, so
      an unknown token alone is never reported, nor is a two-character coinage
      that meets a dictionary word in a shared character (出库库点, 带教教师);
    * an intruding repeated word (`等关键一大批关键技术`): a word followed one or two
      words later by a longer word starting with it, where a language model of
      news prose (People's Daily 1998, `zhcheck.rules.lang.langmodel`) finds the clause
      much more fluent without the first copy;
    * scrambled word order: a sentence, or a paragraph as a whole, whose word
      order the language model finds no better than a random reordering of the
      same words; the clauses that read worse than random are reported (the
      scrambled-clause classifier scores every clause and is opt-in as G302: it
      would more than double the CPU of a default run);
    * a broken sentence frame: a sentence that is only a prepositional phrase
      (`在市区内环快速路网。`), opens a time span with 自 and never closes it
      (`自去年市委明确这一路径！`), or gives a passive verb an object
      (`备受关注城市建设`).

    Thresholds are set so that edited news prose (corpus/clean) produces no
    finding. Text made of real words in a subtly wrong order, misplaced phrases
    and sentences that do not fit their context are mostly beyond word statistics
    and are not reported. The editor has to restore the text from the source.
    """
    for s in word_salad(doc):
        t = doc.text[s.start : s.end]
        msg = _SALAD_TEXT[s.reason].format(t=t, w=s.token, w2=s.other)
        yield Hit(s.start, s.end, msg, data={"reason": s.reason})


@rule(
    "G302",
    "scrambled-clause",
    Category.GARBLED,
    Severity.INFO,
    title_zh="词序可能被打乱的分句",
    summary="A clause whose words stand in an order the language models rate no better than a random one",
    bad="近年来，全市加大投入力度，农村公路今年三百公里新建改建，群众出行更加便捷。",
    good="近年来，全市加大投入力度，今年新建改建农村公路三百公里，群众出行更加便捷。",
    default_enabled=False,
)
def scrambled_clause(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """An opt-in, more sensitive test for scrambled word order than G301's: a clause of
    five or more words whose order is far from the best order the word-bigram and
    character 4-gram models find for the same words, and no better than random orders
    (a small logistic regression over such features, `zhcheck.rules.garbled.scramble`,
    trained on synthetic scrambles of the models' training text). It finds clauses whose
    words were shuffled that G301 does not, at the price of a few false alarms on clean
    text (clauses of rare names and terms, coordinations whose members could stand in
    either order); enable it with `--extend-select G302` when a text is suspected of
    word salad (it scores every clause: a run with it takes about 2.5 times the CPU).
    `tools/train_salad_model.py` prints the measured curve.
    """
    from zhcheck.rules.garbled import scramble

    words = [w for p in doc.paragraphs if p.kind is not Kind.DIRECTIVE for w in doc.words(p)]
    for c, score in scramble.scrambled_clauses(doc.text, words):
        t = doc.text[c.start : c.end]
        msg = f"语序可能混乱：“{t}”中词语的排列明显不如同样这些词的通常顺序，疑为被打乱的文字，需核对原稿"
        yield Hit(c.start, c.end, msg, data={"score": round(score, 2)})
