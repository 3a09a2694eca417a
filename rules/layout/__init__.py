"""Layout damage from multi-column print: broken, cut-off, displaced paragraphs,
captions wedged into the text, the furniture of printed pages left in it,
paragraphs printed line by line and columns read across.

The analysis of which paragraph continues which lives in `flow` (run
once per document and shared by the five rules); the evidence for a join in
`text`.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhcheck.document import Document
from zhcheck.finding import Applicability, Category, Edit, Fix, Severity
from zhcheck.lazyre import lazy
from zhcheck.registry import Hit, RuleContext, rule
from zhcheck.rules.layout.flow import Item, Join, flow
from zhcheck.rules.layout.page import bare_number, page_number
from zhcheck.rules.layout.text import FINAL, strip_trailing
from zhcheck.rules.layout.wrap import WrappedRun, columns, wrapped_runs

#: at most this many characters of a cut end or a dangling start are flagged
_SPAN_MAX = 40
_CLAUSE_MARKS = "，,：:；;"
_HEAD_END = lazy(r"[，,、。；;：:！？!?（(“”]")


def _tail(it: Item) -> tuple[int, int]:
    """The unfinished end of a paragraph: after its last sentence, or its last clause."""
    text = it.text
    start = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in FINAL:
            start = i + 1
            break
    while start < len(text) and text[start] in "”’）)》」』 ":
        start += 1
    if len(text) - start > _SPAN_MAX:
        cut = max(text.rfind(m, start, len(text) - 1) for m in _CLAUSE_MARKS)
        start = cut + 1 if cut >= start else start
        start = max(start, len(text) - _SPAN_MAX)
    if start >= len(text):
        start = max(0, len(text) - 1)
    return it.para.start + start, it.para.end


def _head(it: Item) -> tuple[int, int]:
    """The start of a paragraph up to its first punctuation mark."""
    text = it.text
    m = _HEAD_END.search(text, 1)
    end = m.start() if m else len(text)
    return it.para.start, it.para.start + min(end, _SPAN_MAX)


def _line(it: Item) -> int:
    return it.para.line


def _snippet(doc: Document, span: tuple[int, int]) -> str:
    return doc.text[span[0] : span[1]]


def _because(j: Join) -> str:
    reasons = j.evidence.strong
    return "；".join(reasons) if reasons else "前段没有句末标点，后段接着说下去"


def _join_fix(doc: Document, j: Join) -> Fix:
    """Join the halves; move the caption block (if any) after the joined paragraph, or
    delete the page furniture between them."""
    first, second = j.first.para, j.second.para
    edits = [Edit(first.end, second.start, "")]
    if j.over_page:
        safe = j.strong and all(page_number(c.text) for c in j.between)
        return Fix(
            tuple(edits),
            Applicability.SAFE if safe else Applicability.UNSAFE,
            "join the paragraph across the page number or running head",
        )
    if j.between:
        block = doc.text[first.end : j.between[-1].para.end]
        edits.append(Edit(second.end, second.end, block))
    safe = j.strong and not j.between
    return Fix(
        tuple(edits),
        Applicability.SAFE if safe else Applicability.UNSAFE,
        "join the broken paragraph and move the caption after it" if j.between else "join the broken paragraph",
    )


def _move_fix(doc: Document, j: Join) -> Fix:
    """Move the displaced continuation to the end of the cut paragraph."""
    paras = doc.paragraphs
    d = j.second.para
    line_start = doc.line_bounds(d.start)[0]
    if d.index + 1 < len(paras):
        end = doc.line_bounds(paras[d.index + 1].start)[0]
        delete = Edit(line_start, end, "")
    else:
        prev_end = paras[d.index - 1].end if d.index > 0 else 0
        delete = Edit(prev_end, d.end, "")
    insert = Edit(j.first.para.end, j.first.para.end, d.text)
    return Fix(tuple(sorted((insert, delete), key=lambda e: e.start)), Applicability.UNSAFE, "move the continuation")


@rule(
    "L101",
    "broken-paragraph",
    Category.LAYOUT,
    Severity.WARNING,
    title_zh="段落在句中断开，下一段接续",
    summary="Paragraph broken mid-sentence and continued by the next paragraph",
    bad="开发区下放审批权限，企业办事更方便了。长\n\n沙市政府出台《实施办法》，赋予开发区更多管理权限。",
    good="用改革的思维破解发展难题\n\n沙市政府出台《实施办法》，赋予开发区更多管理权限。",
    fix_labels={
        "join the broken paragraph": "与下段接排",
        "join the broken paragraph and move the caption after it": "与下段接排，图片说明移到接排后的段落之后",
        "join the paragraph across the page number or running head": "删去页码或页眉，与下段接排",
    },
)
def broken_paragraph(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph that stops mid-sentence and goes on in the next body paragraph.

    Typical of text copied from print columns: the paragraph ends without
    sentence-final punctuation and the next paragraph (possibly after blank
    lines, a photo caption or a credit) completes it: the two halves form a
    word across the break (`平顶` / `山市政府`), a number meets its unit, an open
    quote closes, or the next paragraph starts with something that cannot open
    a sentence (a particle, a comma). Headings, bylines and datelines are not
    joined unless the evidence is of that strong kind; nor are the lines of an
    article's headline (what stands before its byline or dateline), lists of
    names, table rows and quoted subheadings, a list number printed on a line
    of its own (`三、`, `第四，`), a numbered label without punctuation and the
    entries of a bracketed list (a statute's adoption note, one entry a line);
    no word is formed across a closing bracket (经济界（119人） / 马永伟…) or into
    a bare name under a title. A deck under the headline and subheadings set as
    clauses without a final mark (two or more, between finished paragraphs, in a
    document that punctuates every other paragraph) are complete when their last
    clause states something whole and the language model reads a sentence boundary
    after a deck; only strong evidence joins them.
    Without such evidence, a paragraph that ends on a whole word is not joined
    where the language model reads a sentence boundary (a missing full stop).
    The suggestion is the joined text; joining is a safe fix when the evidence is strong and nothing
    stands between the halves, otherwise it needs `--unsafe` (a caption in
    between is moved after the joined paragraph).
    """
    for j in flow(doc).joins:
        if not j.adjacent or j.wrapped:
            continue
        tail, head = _tail(j.first), _head(j.second)
        related = (doc.span(*head), *(doc.span(c.para.start, c.para.end) for c in j.between))
        where = "隔着页码或页眉的" if j.over_page else "隔着图片说明的" if j.between else ""
        yield Hit(
            tail[0],
            tail[1],
            f"段落在句子中间断开，应与{where}第 {_line(j.second)} 行连成一段（{_because(j)}）",
            suggestion=_snippet(doc, tail) + _snippet(doc, head) + "…",
            related=related,
            fix=_join_fix(doc, j),
            data={"strong": j.strong},
        )


@rule(
    "L102",
    "truncated-paragraph",
    Category.LAYOUT,
    Severity.WARNING,
    title_zh="段落在句中截断，后文缺失",
    summary="Paragraph cut off mid-sentence; the rest is missing",
    bad="目前，全市已经建成较为完整的新能源汽车产业链，新能源汽车产业营\n\n## 聚焦群众健康",
    good="目前，全市已经建成较为完整的新能源汽车产业链。\n\n## 聚焦群众健康",
)
def truncated_paragraph(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph that ends mid-sentence and whose continuation is nowhere.

    Running text (several clauses, or a sentence already finished inside the
    paragraph) that ends without sentence-final punctuation, or ends on a comma,
    an open quote, a preposition or a number with its measure word, and that no
    later paragraph continues. A short single run of clauses (up to 40
    characters) that ends on a whole word is reported only before a photo
    caption: it is a heading or a label more often than a cut. Headings,
    headline lines before a byline or dateline, list items, lists of names, the entries of a
    chronology under its dates, lines a dash opens (a quotation's source, a run-in subheading),
    photo credits, author's notes and biographies, table captions and rows that simply lack a
    final mark are not reported, nor are a deck under the headline and unpunctuated
    subheadings (see L101); a credit, a dateline or a signature after the last sentence
    closes it (……。【某某供稿】, ……。新华社某地某日电（某某）, ……。——编 者).
    """
    for it in flow(doc).truncated:
        start, end = _tail(it)
        last = strip_trailing(it.text)[-1:]
        detail = f"以 {last} 结尾" if last in "，,、“‘（(《" else f"以“{last}”结尾"
        yield Hit(start, end, f"段落在句子中间结束（{detail}），后文缺失")


@rule(
    "L103",
    "dangling-start",
    Category.LAYOUT,
    Severity.WARNING,
    title_zh="段落开头残缺，从句中开始",
    summary="Paragraph starts mid-sentence",
    bad="## 深学活用“千万工程”经验\n\n了历练提升，新思路、新办法越来越多，学先进、赶先进蔚然成风。",
    good="## 深学活用“千万工程”经验\n\n干部得到了历练提升，新思路、新办法越来越多，学先进、赶先进蔚然成风。",
)
def dangling_start(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph whose first word cannot open a sentence.

    It starts with a particle (`了`, `的`), a suffix or a measure word without its
    number (`们`, `点`: the language model rarely sees them open a clause), a comma,
    a unit without its number (`万美元`), a localizer of one character alone before a comma
    (`右，` of 左右, `外，` of 此外), or the second half of a word cut off
    (`展经济…` of 发展经济: a character that jieba's dictionary has almost only
    inside longer words, which the language model does not read on into the next
    word): the beginning of the sentence was lost or printed elsewhere. Titles
    and headings, surnames (also before a title: `任老师`), prepositions, pronouns and
    conjunctions, a body the article named in full and then by its last character (`院领导`),
    a list of one-character items (`理、工、农`), a topic set apart before the copula
    (`水，是生命之源`), a character before an alternative in
    brackets (`地（市）级`) and literary openings (`庆端午，`, `家是最小国`) are not reported; a closing quote
    whose opener is missing is left to G205 unless a quote left open elsewhere
    pairs with it. (When the missing beginning is found, L101 or L104 reports the
    pair instead.)
    """
    for it, reason in flow(doc).dangling:
        start, end = _head(it)
        yield Hit(start, end, f"段落从句子中间开始（{reason}），前文缺失或错位")


@rule(
    "L104",
    "displaced-continuation",
    Category.LAYOUT,
    Severity.WARNING,
    title_zh="截断段落的后文错置他处",
    summary="Cut paragraph whose continuation is printed elsewhere",
    bad="今年前三季度，全区完成固定资产投资128.6\n\n区长王明说，项目建设是发展的生命线。\n\n亿元，同比增长9.2%。",
    good="今年前三季度，全区完成固定资产投资128.6亿元，同比增长9.2%。\n\n区长王明说，项目建设是发展的生命线。",
    fix_labels={
        "move the continuation": "把错位的续文移回断开处",
    },
)
def displaced_continuation(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph cut mid-sentence whose continuation starts a paragraph elsewhere.

    Pairs a cut end with a dangling start anywhere in the document when joining
    them reads right: a number and its unit (`3326.5` / `万美元`), an open quote
    and its close, a word split across them (`…规则，深` / `入推进…`: also when
    the far paragraph's lone first character could open a sentence by itself,
    as long as the two halves make a dictionary word); or, when two cut paragraphs
    swapped their continuations, the one left over. Both halves are reported,
    each pointing at the other; the suggestion and the (unsafe) fix move the
    continuation to the end of the cut paragraph.
    """
    for j in flow(doc).joins:
        if j.adjacent:
            continue
        tail, head = _tail(j.first), _head(j.second)
        joined = _snippet(doc, tail) + _snippet(doc, head) + "…"
        yield Hit(
            tail[0],
            tail[1],
            f"段落在句子中间断开，后半段错排在第 {_line(j.second)} 行（{_because(j)}）",
            suggestion=joined,
            related=(doc.span(*head),),
            fix=_move_fix(doc, j),
        )
        yield Hit(
            head[0],
            head[1],
            f"这一段是第 {_line(j.first)} 行断开段落的后半，应接在那里",
            suggestion=joined,
            related=(doc.span(*tail),),
        )


@rule(
    "L105",
    "interleaved-caption",
    Category.LAYOUT,
    Severity.WARNING,
    title_zh="图片说明或摄影署名插入正文",
    summary="Photo caption or credit wedged into running text",
    bad="该区坚持智能化、绿色化、融合化\n\n\n\n"
    "工人在生产线上组装电池模组。本报记者 李明 摄\n\n"
    "发展方向，不断壮大先进制造业集群。",
    good="该区坚持智能化、绿色化、融合化发展方向，不断壮大先进制造业集群。\n\n\n\n"
    "工人在生产线上组装电池模组。本报记者 李明 摄\n\n"
    "该区在推进创建工作中，坚持专项推进。",
)
def interleaved_caption(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A photo caption, photo credit or lone caption-like line inside a broken paragraph.

    Reported when it sits right after a paragraph that stops mid-sentence:
    credits (`某某/摄`, `记者 某某 摄`), captions (`图为…`, `△…`), a lone short
    noun phrase, or a short photo sentence set off by extra blank lines. A
    caption after a finished paragraph (a photo between sections or between
    answered questions) is legitimate and not reported.
    """
    for cap, cut in flow(doc).captions:
        yield Hit(
            cap.para.start,
            cap.para.end,
            f"图片说明或署名插在正文中间（第 {_line(cut)} 行的段落在此断开），应移到段落之外",
            related=(doc.span(*_tail(cut)),),
        )


@rule(
    "L106",
    "page-furniture-in-text",
    Category.LAYOUT,
    Severity.WARNING,
    title_zh="印刷页的页码或页眉残留在正文中",
    summary="A printed page's number or running head left in the text",
    bad="各地要落实管护主体、管护人员和管护经费，建立健全专业化运行维护\n\n— 3 —\n\n机制，确保工程长期发挥效益。",
    good="各地要落实管护主体、管护人员和管护经费，建立健全专业化运行维护机制，确保工程长期发挥效益。",
    fix_labels={"delete the page number": "删去页码", "delete the running head": "删去页眉（页脚）"},
)
def page_furniture_in_text(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A page number or a running head of the printed page the text was read from.

    Text OCR'd or copied from print keeps the furniture of every page: its number on a
    line of its own (`— 3 —`, as official documents print it; `- 12 -`, `第 3 页`) and the
    running head or foot (the issuing body with the issue or the date, printed on every
    page). A page number by its form is reported wherever it stands (unless the document
    numbers its parts so, — 01 — or -1- before its first page's worth of text); a short line next to
    it that the document prints again or that names an issue or a date is its running
    head. A bare number, or a short line printed again, is reported only where it splits
    a paragraph that reads on across it (L101 then joins the halves). The fix deletes the
    line: safe for a page number by its form, otherwise with `--unsafe`.
    """
    for it, cut in flow(doc).page_marks:
        number = page_number(it.text)
        numeral = number or bare_number(it.text)  # (a bare number: only where it splits a paragraph)
        what = "页码" if numeral else "页眉（页脚）"
        where = f"，第 {_line(cut)} 行的段落在此跨页断开" if cut is not None else ""
        yield Hit(
            it.para.start,
            it.para.end,
            f"印刷页的{what}残留在正文中{where}，应删去",
            fix=Fix(
                (_line_deletion(doc, it),),
                Applicability.SAFE if number else Applicability.UNSAFE,
                "delete the page number" if numeral else "delete the running head",
            ),
        )


def _line_deletion(doc: Document, it: Item) -> Edit:
    """Delete a paragraph's line with the line breaks and blank lines before it (after it,
    at the document's start): a whole paragraph, as a Word document can delete one."""
    paras = doc.paragraphs
    p = it.para
    if p.index > 0:
        return Edit(paras[p.index - 1].end, p.end, "")
    start = doc.line_bounds(p.start)[0]
    return Edit(start, doc.line_bounds(paras[1].start)[0] if len(paras) > 1 else p.end, "")


@rule(
    "L107",
    "hard-wrapped-lines",
    Category.LAYOUT,
    Severity.WARNING,
    title_zh="段落按印刷行断开，每行一段",
    summary="Paragraphs printed line by line, broken at the width of a print column",
    bad="近年来，各地认真贯彻落实党中央、国务院决策部署，农\n村供水保障水平不断提升，农村自来水普及率持续提\n"
    "高，但部分地区仍存在水源不稳定、工程老化、管护不\n到位等问题，与群众对美好生活的向往相比还有差距。\n"
    "为进一步做好农村供水保障工作，现就有关事项通知如\n下。",
    good="近年来，各地认真贯彻落实党中央、国务院决策部署，农村供水保障水平不断提升，农村自来水普及率持续提高，"
    "但部分地区仍存在水源不稳定、工程老化、管护不到位等问题，与群众对美好生活的向往相比还有差距。\n"
    "为进一步做好农村供水保障工作，现就有关事项通知如下。",
    fix_labels={"join the lines into paragraphs": "把各行接排成段"},
)
def hard_wrapped_lines(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Lines of (almost) one width that break paragraphs wherever a print column ended.

    What an OCR engine or a copy out of a PDF gives: one line per printed line. One finding
    per run of such lines, instead of a broken paragraph on every line: the column's width is
    the display width most lines of prose reach (a Han character two cells, a digit one),
    and a line of that width goes on in the next one unless the next is indented (where
    the document indents its paragraphs: 2% of its lines), opens a list item, a section or an
    article, or the full line ends a sentence in a document that does not indent. It needs the whole
    document's evidence: at least four full lines, half of them ending inside a word or
    clause (verse, lists and tables end their lines on a mark), and a word running on across
    a tenth of the breaks (a song's or a poem's lines end on whole words). Plain text and Word only
    (Markdown and HTML join a paragraph's lines themselves). The fix joins the lines; in a
    Word document joining paragraphs is left to the editor. The other rules judge the text
    line by line, so a word or a quote cut by a line end can mislead them: fix this first
    (`zhcheck fix --select L107`), then check again.
    """
    paras = doc.paragraphs
    for run in wrapped_runs(doc):
        n = len(run.joins)
        yield _run_hit(
            doc,
            run,
            f"的段落按印刷行断开（每行约 {run.width // 2} 字），"
            f"有 {n} 处换行应接排；其他规则逐行判断，接排后再看它们的结果",
            fix=Fix(
                tuple(_line_break(doc, paras[i].end, paras[i + 1].start) for i in run.joins),
                Applicability.SAFE,
                "join the lines into paragraphs",
            ),
            data={"joins": n, "width": run.width},
        )


def _run_hit(doc: Document, run: WrappedRun, what: str, **kwargs: object) -> Hit:
    """A finding on the first line of a run of lines, pointing at its last: "第 a–b 行" + `what`."""
    first, last = doc.paragraphs[run.first], doc.paragraphs[run.last]
    message = f"第 {first.line}–{last.line} 行{what}"
    return Hit(first.start, first.end, message, related=(doc.span(last.start, last.end),), **kwargs)


def _line_break(doc: Document, start: int, end: int) -> Edit:
    """Delete the line break between two lines (the spaces around it stay: an indent, or a
    space the text had there)."""
    text = doc.text
    i = start
    while i < end and text[i] not in "\r\n":
        i += 1
    j = i
    while j < end and text[j] in "\r\n":
        j += 1
    return Edit(i, j, "")


@rule(
    "L108",
    "interleaved-columns",
    Category.LAYOUT,
    Severity.ERROR,
    title_zh="两栏文字逐行交错",
    summary="Two print columns read across: their lines alternate",
    bad="会议强调，要深入学习贯彻党的二十大精\n今年以来，全市新开工重点项目一百二十\n"
    "神，全面落实省委各项决策部署，坚定不\n六个，完成投资比上年同期增长百分之十\n"
    "移推进高质量发展，奋力谱写现代化建设\n二点三，项目建设呈现加快推进的良好态\n"
    "新篇章。各级党组织要切实担负起主体责\n势。下一步，各地要进一步优化营商环境\n"
    "任，层层压实工作责任，确保各项任务落\n，强化要素保障，推动更多项目早开工、\n"
    "到实处。\n早投产、早见效。",
    good="会议强调，要深入学习贯彻党的二十大精神，全面落实省委各项决策部署，坚定不移推进高质量发展。\n"
    "今年以来，全市新开工重点项目一百二十六个，完成投资比上年同期增长百分之十二点三。",
)
def interleaved_columns(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Lines of two print columns, alternating: one line of the left column, one of the right.

    An OCR engine or a PDF copy that reads a page row by row across two columns prints the
    first line of each column, then the second of each, and so on. Found from the document
    as a whole: its lines have one column's width (see L107), and a word runs on from a line
    into the line two down far more often than into the next. One finding for the lines; the
    text must be read again column by column (no fix: where each page and column ends is
    not in the text). No other layout finding is reported inside.
    """
    run = columns(doc).interleaved
    if run is not None:
        what = f"是两栏文字逐行交错（每行约 {run.width // 2} 字，奇数行和偶数行分属两栏）"
        yield _run_hit(doc, run, what + "，应按栏重新录入或排列")
