"""OCR-like character errors: names one glyph off, variant characters, swapped
characters, look-alike characters in common words, digit/letter confusion."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from zhcheck.document import Document
from zhcheck.finding import Applicability, Category, Edit, Fix, Severity
from zhcheck.registry import CorpusCheck, CorpusHit, Hit, RuleContext, corpus_rule, rule
from zhcheck.rules.ocr import chars as chars_mod
from zhcheck.rules.ocr import corpus as corpus_mod
from zhcheck.rules.ocr import digits as digits_mod
from zhcheck.rules.ocr import misread as misread_mod
from zhcheck.rules.ocr import names
from zhcheck.rules.ocr import swaps as swaps_mod
from zhcheck.rules.ocr import variants as variants_mod


@rule(
    "O101",
    "confusable-name",
    Category.OCR,
    Severity.WARNING,
    title_zh="地名或机构名形近字之误",
    summary="A place or organisation name one look-alike character away from a real one",
    bad="南阳市的西峡县、内乡县和浙川县都在丹江口库区周边。",
    good="南阳市的西峡县、内乡县和淅川县都在丹江口库区周边。",
    fix_labels={
        "replace the name": "改为正确的名称",
    },
)
def confusable_name(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A name that no dictionary or gazetteer knows, but that becomes a real
    name when one character is replaced by a look-alike (浙川县 -> 淅川县).

    Candidates are runs of Han characters ending in a name suffix (县, 区, 镇,
    乡, 街道, 河, 湖, 山, 水库, 实验室, 集团, 大道, …) at word boundaries.
    Targets are real names of the same shape from the administrative-division
    gazetteer (down to townships) and the place names of the dictionaries.
    They are ranked by glyph similarity, by the article's region (inferred from
    the places it names: a county of the same prefecture is far more likely
    than one across the country) and by whether the article prints the target
    name elsewhere. Only confident matches are reported; terms in the user's
    word list never are. Text that reads as ordinary words (在|营区, 通过|市) is
    turned into a name only on the article's own evidence, unless the name is
    better known than those words.
    """
    for best in names.find_names(doc):
        cand = best.candidate
        if ctx.is_user_word(cand.text):
            continue
        yield Hit(
            cand.start,
            cand.end,
            names.describe(best),
            suggestion=best.target,
            fix=Fix((Edit(cand.start, cand.end, best.target),), Applicability.UNSAFE, "replace the name"),
            data={"score": best.score},
        )


@rule(
    "O102",
    "variant-char",
    Category.OCR,
    Severity.WARNING,
    title_zh="简体文本中的繁体字或异体字",
    summary="A traditional or variant character in simplified text",
    bad="该县大力发展中藥材种植，带动农民增收。",
    good="该县大力发展中药材种植，带动农民增收。乾隆年间，这里已是商贸重镇。",
    fix_labels={
        "use the standard simplified form": "改为规范简体字",
    },
)
def variant_char(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A traditional or variant character (藥, 臺, 鄧) in an article written in
    simplified characters, usually left by OCR or by copying from a
    traditional-character source.

    OpenCC's conversion decides in context which characters are not standard
    (乾隆 and 乾坤 keep 乾). Articles, and paragraphs, written mostly in
    traditional characters are not reported. When the character is part of a
    place name, the finding covers the name and suggests the name as the
    gazetteer spells it; when the plain conversion gives no real place, a
    division of the article's region that differs in that character is
    suggested instead.
    """
    if variants_mod.is_traditional(doc):
        return
    for para in names.body_paragraphs(doc):
        for v in variants_mod.variants(doc, para):
            if ctx.is_user_word(doc.text[v.start : v.end]):
                continue
            chars = "、".join(f"“{c}”" for c in dict.fromkeys(v.chars))
            if v.kind == "local":
                msg = f"{chars}是繁体或异体字；直接转换得到的“{v.plain}”不是本地区的地名，疑为“{v.suggestion}”"
            else:
                msg = f"{chars}是繁体或异体字，简体文本中应写作“{v.suggestion}”"
            yield Hit(
                v.start,
                v.end,
                msg,
                suggestion=v.suggestion,
                fix=Fix(
                    (Edit(v.start, v.end, v.suggestion),),
                    Applicability.UNSAFE,
                    "use the standard simplified form",
                ),
            )


@rule(
    "O103",
    "swapped-chars",
    Category.OCR,
    Severity.WARNING,
    title_zh="固定词语或成语中相邻两字颠倒",
    summary="Two adjacent characters swapped in a fixed term or idiom",
    bad="坚持实事是求，一切从实际出发。",
    good="坚持实事求是，一切从实际出发，事实是求真的基础。",
    fix_labels={
        "restore the character order": "恢复正确的字序",
    },
)
def swapped_chars(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A string that is no word but becomes a fixed term, project name or idiom
    when two neighbouring characters change places (实事是求 -> 实事求是,
    循序进渐 -> 循序渐进).

    Fixed terms are jieba's idioms and set phrases and its frequent words of
    three or more characters. The window must start and end at word
    boundaries, and the swapped form must not itself be a known word; a form
    the document prints twice or more is its own term (从严治政), not a slip.
    The corrected context must read the restored pair as one word (以用人为本 is
    以|用人|为本, not 用以); a parallel phrase (大风浪、大考验 printed 大风浪大考验), a
    real-word variant of a less common idiom (遍地|花开) and a quantity after a
    number (1分半钟) are left alone. Two neighbours swapped across a word boundary
    (生环态境 for 生态环境, neither pair a word) are found when the character model and the
    dictionary route both read the swap far better; the suggestion is the restored words.
    """
    for para in names.body_paragraphs(doc):
        found = list(swaps_mod.swaps(doc, para))
        across = swaps_mod.across_words(doc, para)
        found += [s for s in across if not any(s.start < f.end and f.start < s.end for f in found)]
        for sw in sorted(found, key=lambda s: s.start):
            if ctx.is_user_word(sw.text):
                continue
            yield Hit(
                sw.start,
                sw.end,
                f"“{sw.text}”疑为“{sw.term}”：两个相邻的字颠倒了",
                suggestion=sw.term,
                fix=Fix((Edit(sw.start, sw.end, sw.term),), Applicability.UNSAFE, "restore the character order"),
            )


@rule(
    "O104",
    "confusable-char",
    Category.OCR,
    Severity.INFO,
    title_zh="常用词中的形近错字",
    summary="A look-alike character that breaks a very common word (己经 for 已经)",
    bad="经过多年努力，这项技术己经成熟。",
    good="经过多年努力，这项技术已经成熟，自己经手的项目都已完成。",
    fix_labels={
        "replace the look-alike character": "改正形近字",
    },
)
def confusable_char(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """Two neighbouring characters that form no word, but become a very frequent
    word when one of them is replaced by a look-alike (己经 -> 已经, 末来 -> 未来).

    The rule is conservative: the look-alike must be close in shape (or a known
    OCR confusion), the corrected word frequent, and the corrected clause must
    read markedly better under the dictionary's word model. A less close
    look-alike (竖持 -> 坚持) also needs a larger gain and the agreement of the
    People's Daily word bigram model (`zhcheck.rules.lang.langmodel`) over the same context.
    """
    for para in names.body_paragraphs(doc):
        for cf in chars_mod.confusable_chars(doc, para):
            if ctx.is_user_word(cf.text):
                continue
            wrong = next(c for c, d in zip(cf.text, cf.word, strict=False) if c != d)
            right = next(d for c, d in zip(cf.text, cf.word, strict=False) if c != d)
            yield Hit(
                cf.start,
                cf.end,
                f"“{cf.text}”不成词，疑为形近字之误：“{wrong}”应为“{right}”",
                suggestion=cf.word,
                fix=Fix((Edit(cf.start, cf.end, cf.word),), Applicability.UNSAFE, "replace the look-alike character"),
                data={"gain": cf.gain},
            )


@rule(
    "O105",
    "digit-letter",
    Category.OCR,
    Severity.WARNING,
    title_zh="数字或日期中的数字误识为字母",
    summary="A letter misread for a digit inside a number or date (2O21年, l5%)",
    bad="2O21年，全市粮食产量达到1O5万吨。",
    good="2021年，全市建成5G基站3600个，B2B交易额增长15%，G20峰会召开。",
    fix_labels={
        "replace the letters by digits": "误识的字母改为数字",
    },
)
def digit_letter(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A letter that OCR read for a digit (O/o for 0, l/I for 1, B for 8, S for 5,
    Z for 2) inside a number: between digits (2O21, 1B0), or at the edge of a
    number followed by a Chinese unit, date word or measure word (l5%, 20l9年,
    4l户); a lowercase l standing alone before a unit is a 1 too (l月, l个).

    Codes and model names (5G, B2B, G20, S5, 4S店) are not reported: their
    letters neither sit between digits nor precede a unit.
    """
    for para in doc.paragraphs:
        for d in digits_mod.digit_letters(para.text, para.start):
            yield Hit(
                d.start,
                d.end,
                f"数字“{d.text}”中混入了形似数字的字母，应为“{d.fixed}”",
                suggestion=d.fixed,
                fix=Fix((Edit(d.start, d.end, d.fixed),), Applicability.UNSAFE, "replace the letters by digits"),
            )


def _misread_hits(
    doc: Document, ctx: RuleContext, min_gain: float, settings: misread_mod.Settings, skip: list[tuple[int, int]]
) -> Iterator[Hit]:
    """The misreadings at `min_gain` or more as the tier of `settings` scores them, less those
    overlapping a span of `skip` (what the default tier reports)."""
    named = [(b.candidate.start, b.candidate.end) for b in names.find_names(doc)]
    for m in misread_mod.misreads(doc, min_gain, settings):
        if any(m.start < e and s < m.end for s, e in skip):
            continue
        if ctx.is_user_word(m.text):
            continue
        if any(s <= m.pos < e for s, e in named):  # O101 reports the name already: one defect, one finding
            continue
        yield Hit(
            m.start,
            m.end,
            f"“{m.text}”疑为OCR误识：“{m.printed}”应为“{m.intended}”（“{m.suggestion}”）",
            suggestion=m.suggestion,
            fix=Fix((Edit(m.start, m.end, m.suggestion),), Applicability.UNSAFE, "replace the misread character"),
            data={"gain": round(m.gain, 2)},
        )


@rule(
    "O106",
    "ocr-misread",
    Category.OCR,
    Severity.WARNING,
    title_zh="OCR误识的字",
    summary="A character a real OCR engine misread: the text reads far better with a character it is often misread for",
    bad="市场监管部门加大执法力度，严厉打击假冒伪劣商品，切实推护消费者合法权益。",
    good="市场监管部门加大执法力度，严厉打击假冒伪劣商品，切实维护消费者合法权益。",
    fix_labels={
        "replace the misread character": "改正误识的字",
    },
    # one misreading, one finding: O104's report of the same look-alike inside this span goes
    claims=True,
    priority=5,
)
def ocr_misread(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """A character OCR most likely misread, found by a noisy-channel model over every
    position of the text: the character is replaced by each character a real OCR engine
    prints it for (mined by rendering clean text in many fonts and print conditions and
    reading it back with PP-OCR, smoothed with the characters that look alike at scan
    resolution), and the character 4-gram language model (`zhcheck.rules.lang.charlm`)
    scores the text before and after; several misreadings close together are scored with
    each other corrected, and the clause's best dictionary route (jieba) adds word-level
    evidence; a printed character that already makes a dictionary word with its neighbours
    (a real-word hypothesis) needs 2 nats more, and a document that holds other likely
    misreadings (a page OCR read badly) gives each 6 nats more. Reported when the corrected text is far more
    probable (log-probability gain plus the weighted channel log P(printed | intended) and
    word evidence of at least 10.5 nats). Ordinary words, idioms and real-word errors are
    covered, not only names.

    Guards: person, place and organisation names (jieba's tags), a surname swapped for
    another before a given name, transliterated foreign names, strings the article prints
    more than once, the user's word list, and names O101 already reports (one defect, one
    finding). The suggestion is the corrected word. `O107`
    reports the less certain cases.
    """
    yield from _misread_hits(doc, ctx, misread_mod.MIN_GAIN, misread_mod.DEFAULT, [])


@rule(
    "O107",
    "ocr-misread-possible",
    Category.OCR,
    Severity.INFO,
    title_zh="可能的OCR误识",
    summary="A possible OCR misreading, less certain than O106",
    bad="技术人员深入田间，指导农户科学灌概，及时追施肥科，确保秋粮稳产增收。",
    good="技术人员深入田间，指导农户科学灌溉，及时追施肥料，确保秋粮稳产增收。",
    default_enabled=False,
    fix_labels={
        "replace the misread character": "改正误识的字",
    },
)
def ocr_misread_possible(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    """The opt-in, more sensitive tier of O106: the same noisy-channel detector with settings
    of its own (`misread.INFO`): the channel weighs 0.8 instead of 1.3 (the real confusions of
    fonts the channel was not mined with are rarer in it than the channel says), every Han
    character is screened (also one between two common bigrams) with a looser screen and twice
    the shortlist, the correction must make a dictionary word, and where the default tier finds
    other likely misreadings in the document (a page OCR read badly) a hypothesis gains 12 nats
    and a string printed twice may be one misreading made twice. Reported from a gain of 10
    nats; what O106 reports is not reported again. Enable it with `--extend-select O107` when
    proofreading OCR output.

    Measured (issue 16, info round; `tools/calibrate_misread.py --tier info`; tuned on the OCR
    development set and the tuning halves only): recall of O106 and O107 together on the
    development set (247 substitutions) 0.352 (O106 alone 0.158, the former O107 0.194), on
    corpus/ocr_real (306, fonts and print conditions held out from mining) 0.366 (former O107
    0.196); with the other ocr rules (`zhcheck eval`) 38.2% (was 22.2%), precision 82.9%. The
    suggestion is the intended text in 90.8% of the development hits but 84.8% of the
    corpus/ocr_real ones. O107's findings per 10,000 characters on the check halves: clean
    0.60, clean_extra 0.00, controls/news 0.15, controls/official 0.08, controls/statute 0.00
    (tuning halves 0.33, 0.00, 0.29, 0.10). The curve (development recall / clean check-half
    findings per 10k, worst source): gain 14: 0.324 / 0.13; 12: 0.336 / 0.33; 10: 0.352 /
    0.60; 8: 0.372 / 1.40; 6: 0.393 / 2.87. A recall of 0.5 (development set and
    corpus/ocr_real) takes a channel of weight 0.3 or none: 44-130 findings per 10,000
    characters on the clean check halves and a right suggestion in about half the hits. O107's
    pass takes 4-7 times O106's (about 0.1 M characters/s).
    """
    o106 = [(m.start, m.end) for m in misread_mod.misreads(doc, misread_mod.MIN_GAIN)]
    yield from _misread_hits(doc, ctx, misread_mod.MIN_GAIN_INFO, misread_mod.INFO, o106)


@corpus_rule(
    "O301",
    "cross-file-name",
    Category.OCR,
    Severity.WARNING,
    title_zh="同一名称在各文件中写法相差一个形近字",
    summary="A name printed in one file of the run, one character off the spelling other files print",
    bad="file a.txt: 省科技厅公布名单，嵩山实验室等10家单位入选。嵩山实验室将加快建设。\n\n"
    "file b.txt: 本市与嵩出实验室签署合作协议。",
    good="file a.txt: 省科技厅公布名单，嵩山实验室等10家单位入选。嵩山实验室将加快建设。\n\n"
    "file b.txt: 本市与嵩山实验室签署合作协议。",
    fix_labels={
        "use the spelling of the other files": "改为同批其他文件中的写法",
    },
)
class CrossFileName(CorpusCheck):
    """A name ending in a name suffix (实验室, 集团, 大学, 河, 县, …) that no
    dictionary knows and that only one file of the run prints, while other
    files print a name differing from it in one character of the name part
    more often (or a name the dictionaries know): 嵩出实验室 in one article,
    嵩山实验室 in two others. The differing characters must look alike; for an
    organisation, the other spelling may also be any name whose name part is
    a place of the article's own prefecture (institutions are named after local
    places). Names O101 already reports are not repeated; names of other files
    are compared through small per-file lists, so large runs stay linear.
    """

    def collect(self, doc: Document, ctx: RuleContext) -> corpus_mod.Collected:
        return corpus_mod.name_mentions(doc)

    # the run-wide step as a keyed join: names meet their one-character variants
    def keys(
        self, ref: int, path: str, value: object, ctx: RuleContext
    ) -> Iterator[tuple[tuple[int, str], corpus_mod.Tally]]:
        for tally in corpus_mod.tallies(ref, path, value):  # type: ignore[arg-type]
            for key in corpus_mod.blanked(tally.text):
                yield key, tally

    def combine(self, key: tuple[int, str], items: list[corpus_mod.Tally]) -> list[corpus_mod.Tally]:
        return corpus_mod.merge_tallies(items)

    def reduce(
        self, key: tuple[int, str], items: list[corpus_mod.Tally], ctx: RuleContext
    ) -> Iterator[corpus_mod.Partial]:
        return corpus_mod.group_matches(key, items)

    def assemble(self, results: Iterable[corpus_mod.Partial], ctx: RuleContext) -> Iterator[CorpusHit]:
        for rm in corpus_mod.best_matches(results):
            m, (opath, o) = rm.mention, rm.origin
            if ctx.is_user_word(m.text):
                continue
            where = f"{opath} 第 {o.line} 行"
            core, target_core = m.core, rm.target[: len(m.core)]
            if rm.local:
                msg = (
                    f"同一批文件中另有 {rm.support} 处“{rm.target}”（首见于 {where}）；“{target_core}”是本文所在地区的"
                    f"地名而“{core}”不是，“{m.text}”疑为同一机构之误"
                )
            else:
                msg = (
                    f"“{m.text}”不是已知的名称，疑为形近字之误；"
                    f"同一批文件中另有 {rm.support} 处“{rm.target}”（首见于 {where}）"
                )
            yield CorpusHit(
                m.start,
                m.end,
                msg,
                suggestion=rm.target,
                related=(o.span(opath),),
                fix=Fix(
                    (Edit(m.start, m.end, rm.target),), Applicability.UNSAFE, "use the spelling of the other files"
                ),
                path=rm.path,
                line=m.line,
                column=m.column,
                end_line=m.end_line,
                end_column=m.end_column,
                text=m.text,
                ref=rm.ref,
            )
