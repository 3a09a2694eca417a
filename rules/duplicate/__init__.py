"""Duplicated content: repeated paragraphs, blocks and passages, phrase loops,
stuttered characters, and paragraphs shared across files.

The analyses live in the modules of this package; the rules here turn them into
findings. Paragraph-level findings take precedence: a copy reported as a
repeated block (D103) is not also reported as a duplicate paragraph (D101),
near copies (D102) exclude exact ones, and passages (D104), phrase loops and
stutters (D2xx) inside a reported copy are not reported again, since deleting
the copy removes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from zhcheck.document import Document, Kind, Paragraph
from zhcheck.finding import Applicability, Category, Edit, Fix, Location, Severity, Span
from zhcheck.registry import CorpusCheck, CorpusHit, Hit, RuleContext, corpus_rule, rule
from zhcheck.rules.duplicate.analysis import analyse
from zhcheck.rules.duplicate.corpus import (
    ParagraphSignature,
    band_keys,
    bucket_edges,
    file_ref,
    groups_from_edges,
    para_index,
    signatures,
    uid,
)
from zhcheck.rules.duplicate.loops import find_loops, find_salads
from zhcheck.rules.duplicate.paragraphs import Copy
from zhcheck.rules.duplicate.stutter import find_stutters

#: D301's join: a paragraph (uid, path, signature) in a bucket, and one end of an edge
_Member = tuple[int, str, ParagraphSignature]
_End = tuple[int, str, tuple[int, int, int, int, int, int]]

_SUMMARY_NOTE = "标题前的导语（摘要）复述了正文"


# --- shared helpers ---------------------------------------------------------------


def _para_span(doc: Document, first: Paragraph, last: Paragraph | None = None) -> Span:
    return doc.span(first.start, (last or first).end)


def _origin_spans(doc: Document, origin: Iterable[int]) -> tuple[Span, ...]:
    """Spans of the original paragraphs, contiguous indices merged."""
    paras = doc.paragraphs
    spans: list[Span] = []
    block: list[int] = []
    for i in sorted(origin):
        if block and i != block[-1] + 1:
            spans.append(_para_span(doc, paras[block[0]], paras[block[-1]]))
            block = []
        block.append(i)
    if block:
        spans.append(_para_span(doc, paras[block[0]], paras[block[-1]]))
    return tuple(spans)


def _lines(doc: Document, origin: Iterable[int]) -> str:
    return "、".join(str(doc.paragraphs[i].line) for i in sorted(origin))


def _delete_paragraphs(doc: Document, first: int, last: int, what: str) -> Fix:
    """Delete paragraphs first..last with the line breaks before them (no gap is left)."""
    paras = doc.paragraphs
    start = doc.line_bounds(paras[first - 1].start)[1]
    end = doc.line_bounds(paras[last].start)[1]
    return Fix((Edit(start, end, ""),), Applicability.SAFE, what)


def _summary_hit(doc: Document, c: Copy, kind: str) -> Hit:
    paras = doc.paragraphs
    origin = paras[c.origin[0]]
    return Hit(
        origin.start,
        paras[c.origin[-1]].end,
        f"{_SUMMARY_NOTE}第 {paras[c.first].line} 行的{kind}；如非有意保留的摘要，可删去",
        related=(_para_span(doc, paras[c.first], paras[c.last]),),
        severity=Severity.INFO,
    )


def _checked_paragraphs(doc: Document) -> Iterator[Paragraph]:
    for p in doc.paragraphs:
        if p.kind in (Kind.BODY, Kind.HEADING) and p.block != "table_cell":
            yield p


# --- D1: paragraphs, blocks, passages ----------------------------------------------


@rule(
    "D101",
    "duplicate-paragraph",
    Category.DUPLICATE,
    Severity.ERROR,
    title_zh="重复段落",
    summary="A paragraph or line that repeats an earlier one exactly",
    bad="我市召开安全生产工作会议，部署下一阶段重点任务。\n\n会议强调，要压实各方责任。\n\n"
    "我市召开安全生产工作会议,部署下一阶段重点任务。",
    good="第一篇报道的正文，介绍开发区的产业。\n\n（记者 李明华）\n\n……\n\n"
    "第二篇报道的正文，介绍街道的供水。\n\n（记者 李明华）\n\n……",
    fix_labels={
        "delete the repeated paragraph": "删除重复的段落",
    },
)
def duplicate_paragraph(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph (or line) equal to an earlier one once whitespace, punctuation
    width, quote style and Markdown emphasis are ignored. Each later copy is
    reported, pointing at the first; deleting it is a safe fix that also
    removes the blank line before it. Short lines count when they are exact
    copies (a repeated heading is a defect), but fragments with fewer than two
    letters (`……`) never do, and bylines, photo credits and lines of under four
    characters count only when the copy directly follows the original (a
    byline under each story of a page is normal); a short line that recurs
    three or more times is a label or a table cell. Far from its original, a
    line without clause punctuation (a chapter heading printed again after the
    table of contents, a table row, a refrain) counts only when it is long or a
    Markdown heading, or is copied together with its neighbour; a long list of
    organs set off by 、 and a line citing 《titles》 only are table cells however
    long, and an official document's signature above its date may repeat the
    issuing organ of its first line. Copies that form a run are
    reported once as D103; a copy of the summary printed above the title is
    reported on the summary, as info.
    """
    paras = doc.paragraphs
    for c in analyse(doc).copies:
        if c.rule != "D101":
            continue
        if c.summary:
            yield _summary_hit(doc, c, "段落")
            continue
        p, o = paras[c.first], paras[c.origin[0]]
        where = "上一段" if c.origin[0] == c.first - 1 else f"第 {o.line} 行"
        yield Hit(
            p.start,
            p.end,
            f"本段与{where}完全相同，是重复的副本",
            suggestion="删除本段",
            related=(_para_span(doc, o),),
            fix=_delete_paragraphs(doc, c.first, c.first, "delete the repeated paragraph"),
        )


@rule(
    "D102",
    "near-duplicate-paragraph",
    Category.DUPLICATE,
    Severity.WARNING,
    title_zh="近似重复段落",
    summary="A paragraph mostly contained in, or nearly equal to, an earlier one",
    bad="春耕生产一线见闻\n\n连日来，各地抢抓农时开展春耕生产。\n\n"
    "田间地头，农机手们驾驶拖拉机来回穿梭，一派繁忙景象，为全年粮食丰收打下坚实基础。\n\n"
    "今年全县计划播种粮食作物80万亩。\n\n"
    "田间地头，农机手们驾驶拖拉机来回穿梭，为全年粮食丰收打下坚实基础。",
    good="一是加强农田水利建设，完善灌溉设施，提高抗旱能力，确保旱涝保收。\n\n"
    "二是加强农技服务指导，推广优良品种，提高种植效益，确保农民增收。",
    fix_labels={
        "delete the near-duplicate paragraph": "删除内容几乎相同的段落",
    },
)
def near_duplicate_paragraph(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph of 30 or more characters whose four-character shingles are at
    least 80% contained in one earlier paragraph: a copy with small edits, or
    the tail of a longer paragraph printed again on its own. The threshold
    comes from measurement: among 400 professionally edited news transcripts
    no pair of paragraphs reaches it except a title and its lead, and titles
    are never taken as the original. Exact copies are D101/D103. The later
    paragraph is reported, pointing at the earlier; deleting it is offered as
    an unsafe fix, since the two may differ in a detail that matters.
    """
    paras = doc.paragraphs
    for c in analyse(doc).copies:
        if c.rule != "D102":
            continue
        if c.summary:
            yield _summary_hit(doc, c, "段落")
            continue
        p, o = paras[c.first], paras[c.origin[0]]
        fix = _delete_paragraphs(doc, c.first, c.first, "delete the near-duplicate paragraph")
        yield Hit(
            p.start,
            p.end,
            f"本段与第 {o.line} 行的段落几乎相同（{c.containment:.0%} 的内容重复）",
            suggestion="删除本段，或与前文合并",
            related=(_para_span(doc, o),),
            fix=Fix(fix.edits, Applicability.UNSAFE, fix.description),
            data={"containment": round(c.containment, 3)},
        )


@rule(
    "D103",
    "repeated-block",
    Category.DUPLICATE,
    Severity.ERROR,
    title_zh="成组重复的连续段落",
    summary="A run of consecutive paragraphs that repeats earlier ones (a block printed again)",
    bad="社区开展垃圾分类宣传活动，引导居民养成好习惯。\n\n社区开展垃圾分类宣传活动，引导居民养成好习惯。\n\n"
    "社区开展垃圾分类宣传活动，引导居民养成好习惯。\n\n社区开展垃圾分类宣传活动，引导居民养成好习惯。",
    good="一是加强宣传引导，营造良好氛围。\n\n二是加强队伍建设，提升服务能力。\n\n三是加强督导检查，确保取得实效。",
    fix_labels={
        "delete the repeated block": "删除重复的几段文字",
    },
)
def repeated_block(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Two or more consecutive paragraphs that are exact copies of consecutive
    earlier paragraphs, in the same order: a paragraph printed three times
    in a row, or a block of paragraphs printed again. Each run is one finding
    covering every extra copy, pointing at the first copy of the block;
    deleting the run (with the blank lines before its paragraphs) is safe.
    """
    paras = doc.paragraphs
    for c in analyse(doc).copies:
        if c.rule != "D103":
            continue
        if c.summary:
            yield _summary_hit(doc, c, "一组段落")
            continue
        n = c.last - c.first + 1
        yield Hit(
            paras[c.first].start,
            paras[c.last].end,
            f"这 {n} 段连续重复了第 {_lines(doc, c.origin)} 行的内容",
            suggestion=f"删除这 {n} 段",
            related=_origin_spans(doc, c.origin),
            fix=_delete_paragraphs(doc, c.first, c.last, "delete the repeated block"),
            data={"paragraphs": n},
        )


@rule(
    "D104",
    "repeated-passage",
    Category.DUPLICATE,
    Severity.WARNING,
    title_zh="长段文字在两个段落中重复出现",
    summary="A long passage (several clauses) that occurs in two different paragraphs",
    bad="营商环境座谈会召开\n\n今天上午，市政府召开企业座谈会。\n\n"
    "下一步，我们将持续优化营商环境，深化放管服改革，推动政务服务提质增效，让企业和群众办事更便捷。\n\n"
    "会上，企业代表纷纷表示，希望持续优化营商环境，深化放管服改革，推动政务服务提质增效，让企业和群众办事更便捷。",
    good="会议提出“坚持绿水青山就是金山银山，冰天雪地也是金山银山，走生态优先、绿色发展之路”。\n\n"
    "全县上下牢记“坚持绿水青山就是金山银山，冰天雪地也是金山银山，走生态优先、绿色发展之路”。",
)
def repeated_passage(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A stretch of text with at least 30 characters and a clause mark inside (or
    80 characters) that occurs in two different paragraphs: a
    passage of one answer pasted into another. The later occurrence is
    reported, pointing at the earlier. Quotations and 《titles》, headings and
    title lines, photo captions and the news lead right after the title
    (which a story's body often restates) are not taken into account, nor is
    a news page's deck (the highlights between the headline and the dateline,
    or bulleted ■ ● under the headline), which restates the report by design; a
    summary printed above the title that restates the body is reported on
    the summary, as info. Passages inside paragraphs already reported as
    copies are not reported again, and neither is a passage restated inside a
    sentence of its own words (it begins or ends inside a clause where the two
    wordings part, and the paragraph goes on to a complete end, or it stops
    before two different marks, punctuated anew: 。 in a point of its own, ，
    in the sentence restating it; or it begins and ends on a word, set off by
    different marks at both ends: an item of one list listed again in another).
    A quotation followed by the same comma in both places is a quotation, and a
    passage of a document's articles (第一条　为了……) that the report printed
    before them took its words from is the document reprinted. The thresholds
    are measured: in 400 professionally edited news transcripts no shared passage outside titles
    and leads has more than 25 characters.
    """
    for p in analyse(doc).passages:
        if p.summary:
            yield Hit(
                p.origin_start,
                p.origin_end,
                f"{_SUMMARY_NOTE}：这段文字与第 {doc.position(p.start)[0]} 行中的一段相同",
                related=(doc.span(p.start, p.end),),
                severity=Severity.INFO,
            )
            continue
        n = p.end - p.start
        yield Hit(
            p.start,
            p.end,
            f"这段文字（{n} 字）与第 {doc.position(p.origin_start)[0]} 行中的一段重复，疑为误粘贴的副本",
            suggestion="删除重复的文字",
            related=(doc.span(p.origin_start, p.origin_end),),
            data={"chars": n},
        )


# --- D2: phrase loops and stutters --------------------------------------------------


@rule(
    "D201",
    "phrase-loop",
    Category.DUPLICATE,
    Severity.WARNING,
    title_zh="词语连续重复或并列项字序颠倒",
    summary="A phrase repeated three or more times in a row, or enumeration items that shuffle the same characters",
    bad="会上大家反复强调“抓落实、抓落实、抓落实”。\n\n要防止推诿扯皮、扯皮推诿、推扯诿皮等问题。",
    good="努力让群众有病看得上、看得起、看得好，建新城、疏老城，春看谋划、夏看推进、秋看攻坚、冬看蝶变。"
    "\n\n坚持“大抓项目、抓大项目”导向，天天、月月、年年都有变化。",
    fix_labels={
        "keep one copy of the repeated phrase": "重复的短语只保留一遍",
    },
)
def phrase_loop(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """The same word or phrase (two or more characters) three or more times in a
    row, with or without 、 or ， between the copies; and enumerations whose
    items are the same characters in another order (two such items of two or
    three characters, or three items of four or more). Parallel enumerations
    share a frame but not their characters (看得上、看得起、看得好) and are
    fine, as are quoted slogans (“大抓项目、抓大项目”) and runs of one
    character (哈哈哈). The suggestion keeps one copy of a loop; applying it
    needs `--unsafe`, since the loop may have replaced different words.
    """
    analysis = analyse(doc)
    for para in doc.paragraphs:
        if para.kind in (Kind.DIRECTIVE, Kind.SEPARATOR):
            continue
        for loop in find_loops(para.text):
            s, e = para.start + loop.start, para.start + loop.end
            if analysis.covers(s, e):
                continue
            yield Hit(
                s,
                e,
                f"“{loop.unit}”连续重复了 {loop.count} 次",
                suggestion=loop.unit,
                fix=Fix((Edit(s, e, loop.unit),), Applicability.UNSAFE, "keep one copy of the repeated phrase"),
            )
        for salad in find_salads(para.text):
            s, e = para.start + salad.start, para.start + salad.end
            if analysis.covers(s, e):
                continue
            items = "、".join(f"“{it}”" for it in dict.fromkeys(salad.items))
            yield Hit(s, e, f"列举项{items}是同几个字的颠倒重复，疑为乱码式的重复文字")


@rule(
    "D202",
    "char-stutter",
    Category.DUPLICATE,
    Severity.WARNING,
    title_zh="单字误重（非词语或合法叠字）",
    summary="A doubled character that is not a word or a legal reduplication",
    bad="该市加快推动新材料产业集群群建设，全年签约项目再创新高。",
    good="天天、常常去看看，家家户户轰轰烈烈，久久为功，村村通，蒸蒸日上，一串串数据、一条条举措、一个个变化，"
    "月月有变化，谢谢，2020年20日，工作作风，发展展览馆。",
    fix_labels={
        "drop the doubled character": "删除重复的字",
    },
)
def char_stutter(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A Han character written twice where the doubled form is no word. Legal
    reduplication is left alone: dictionary words (天天, 常常, 谢谢) where jieba
    reads the pair as one word, or that close the clause or precede 的/地
    (锣鼓声声, 蓊郁郁的); names (卡卡尔); a verb-object word with its verb
    doubled (喝喝茶, 度度假); pairs inside a longer dictionary word (蒸蒸日上),
    AABB forms (家家户户), 一AA (一串串), doubled numerals, measure words, time
    words and function words (年年, 座座, 可以以此), a number followed by its
    unit (2022年年底), a single-character enumeration after the pair
    (全省省、市、县), an adjective doubled before 的/地 (贵贵的), and wordplay
    inside short quotations. What remains is reported when one copy is an
    orphan single-character token in jieba's segmentation (or sits in a token
    jieba's HMM guessed, 审判|判质效) and dropping it makes the clause clearly
    more probable under jieba's dictionary frequencies (thresholds measured on
    clean news transcripts). Two dictionary words meeting (工作|作风,
    发展|展览馆) never count, nor does a dictionary word meeting a two-character
    coinage of jieba's HMM (出库|库点) among ordinary words, nor a word ending in the
    character before a phrase the second copy heads: an adjective and its noun
    (技术创新|新产品), a verb and its pronoun object (旁听|听什么), a place and a
    localizer (客运站|站前), a word across a bracketed alternative (扩建|建（构）筑物).
    A frequent one-character grammatical word (a preposition, conjunction, particle,
    adverb or pronoun, 是, 要, 能) doubled with both copies words of their own
    (会议明天在在北京召开) is judged by the character 4-gram model instead, which the
    slip surprises where jieba's frequencies do not. The suggestion keeps one character;
    applying it needs `--unsafe`.
    """
    analysis = analyse(doc)
    for para in _checked_paragraphs(doc):
        for st in find_stutters(doc, para):
            if analysis.covers(st.start, st.end):
                continue
            yield Hit(
                st.start,
                st.end,
                f"“{st.context}”中的“{st.char}”重复了一次，疑为多余的字",
                suggestion=st.char,
                fix=Fix((Edit(st.start + 1, st.end, ""),), Applicability.UNSAFE, "drop the doubled character"),
                data={"gain": round(st.gain, 2)},
            )


# --- D3: across files -----------------------------------------------------------------


@corpus_rule(
    "D301",
    "cross-file-duplicate",
    Category.DUPLICATE,
    Severity.INFO,
    title_zh="多个文件共有的段落",
    summary="A paragraph shared by several files of the run (syndicated or copied text)",
    bad="file a.txt: 秋收时节，广袤田野处处是丰收景象，农民们脸上洋溢着喜悦的笑容，收割机在田间来回穿梭。\n\n"
    "file b.txt: 秋收时节，广袤田野处处是丰收景象，农民们脸上洋溢着喜悦的笑容，收割机在田间来回穿梭。",
    good="file a.txt: 秋收时节，广袤田野处处是丰收景象。\n\n"
    "file b.txt: 入冬以来，各地扎实做好冬季供暖保障工作，确保群众温暖过冬，持续提升供热服务水平。",
)
class CrossFileDuplicate(CorpusCheck):
    """A paragraph of 40 or more characters that occurs, exactly or nearly
    (estimated Jaccard similarity of character 4-gram shingles at least 0.7),
    in two or more files of one run: syndicated copies, a story filed twice,
    shared boilerplate. Occurrences after the first file's are reported
    (info), pointing at the first; consecutive shared paragraphs that come
    from the same earlier file are one finding, so a file filed twice gets
    one finding, not one per paragraph. Each file contributes only small
    signatures (a hash and a 64-value MinHash per paragraph); near copies are
    found with a banded MinHash LSH join (each bucket checks its members),
    so a run of 100,000 files stays linear, and a cluster run
    (`--scheduler`) shuffles the buckets instead of gathering the signatures.
    """

    def collect(self, doc: Document, ctx: RuleContext) -> list[ParagraphSignature]:
        return signatures(doc)

    # the run-wide step as a bucket join: band keys -> edges per bucket -> groups
    def keys(self, ref: int, path: str, value: object, ctx: RuleContext) -> Iterator[tuple[bytes, _Member]]:
        for k, sig in enumerate(value or ()):  # type: ignore[arg-type]
            member = (uid(ref, k), path, sig)
            for key in band_keys(sig):
                yield key, member

    def reduce(self, key: bytes, items: list[_Member], ctx: RuleContext) -> Iterator[tuple[_End, _End]]:
        if len(items) < 2:
            return
        by_uid = {u: (path, sig) for u, path, sig in items}

        def end(u: int) -> _End:  # the location without the sketch, as plain values: what the driver keeps
            path, s = by_uid[u]
            return u, path, (s.start, s.end, s.line, s.column, s.end_line, s.end_column)

        for a, b in bucket_edges(key, [(u, sig) for u, _, sig in items]):
            yield end(a), end(b)

    def assemble(self, results: Iterable[tuple[_End, _End]], ctx: RuleContext) -> Iterator[CorpusHit]:
        ends: dict[int, tuple[str, Location]] = {}
        paths: dict[str, str] = {}  # one string per path, however many ends name it

        def edges() -> Iterator[tuple[int, int]]:
            for a, b in results:
                for u, path, loc in (a, b):
                    if u not in ends:
                        ends[u] = (paths.setdefault(path, path), Location(*loc))
                yield a[0], b[0]

        # per file: (paragraph uid, its location, its group's first uid, files sharing it)
        shared: dict[str, list[tuple[int, Location, int, int]]] = {}
        for group in groups_from_edges(edges()):
            files = list(dict.fromkeys(ends[u][0] for u in group))
            if len(files) < 2:
                continue  # repeats within one file are D101/D102
            for u in group:
                path, loc = ends[u]
                if path != files[0]:
                    shared.setdefault(path, []).append((u, loc, group[0], len(files)))
        for path, hits in shared.items():
            hits.sort(key=lambda h: h[0])
            run = [hits[0]]
            for h in hits[1:]:
                prev = run[-1]
                if para_index(h[0]) == para_index(prev[0]) + 1 and ends[h[2]][0] == ends[prev[2]][0]:
                    run.append(h)
                else:
                    yield self._hit(path, run, ends)
                    run = [h]
            yield self._hit(path, run, ends)

    @staticmethod
    def _hit(path: str, run: list[tuple[int, Location, int, int]], ends: dict[int, tuple[str, Location]]) -> CorpusHit:
        first, last = run[0][1], run[-1][1]
        origins = sorted((ends[h[2]][1] for h in run), key=lambda loc: loc.start)
        o0, o1 = origins[0], origins[-1]
        origin_path = ends[run[0][2]][0]
        related = Span(o0.start, o1.end, o0.line, o0.column, o1.end_line, o1.end_column, origin_path)
        if len(run) == 1:
            message = f"本段也出现在另外 {run[0][3] - 1} 个文件中（首见于 {origin_path} 第 {o0.line} 行）"
        else:
            message = f"这 {len(run)} 段也出现在 {origin_path} 中（第 {o0.line}–{o1.end_line} 行），疑为重复收录"
        return CorpusHit(
            first.start,
            last.end,
            message,
            related=(related,),
            path=path,
            line=first.line,
            column=first.column,
            end_line=last.end_line,
            end_column=last.end_column,
            ref=file_ref(run[0][0]),
        )
