"""The text flow of a document: which paragraph continues which.

Print pages are set in columns; a transcription breaks paragraphs where a
column ends, drops photo captions between the halves, and prints the end of a
story somewhere else. This module reconstructs the flow once per document
(shared by the L1xx rules through `doc.memo`):

1. every paragraph gets a role: *frame* (Markdown heading, byline, debris line:
   never part of running text), *caption* (photo caption or credit by its own
   text), or flow text, which is *heading-like* when it is short and has no
   sentence punctuation;
2. candidate continuations are scored with `join_evidence`: the next paragraph,
   and (for strong evidence only) any paragraph that cannot start a sentence;
   the best candidates are taken greedily, an adjacent one before a distant one;
0. the lines of paragraphs printed line by line (`wrap`) are joined; a paragraph cut at
   the foot of a print page goes on after the page's furniture (its
   number, the running head: `page`); what stands between is reported as such;
3. paragraphs still open look past caption blocks (captions, credits, lone
   noun phrases, short photo sentences set off by extra blank lines) for their
   continuation; what they skip is an interleaved caption;
4. a cut end whose next paragraph continues someone else is paired with a
   paragraph whose own predecessor was continued elsewhere (two halves of one
   column swap).

A heading-like paragraph joins its neighbour only on strong evidence; so do
paragraphs next to frames, so headings, bylines and datelines stay apart.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from zhcheck.document import Document, Kind, Paragraph, classify
from zhcheck.lazyre import lazy
from zhcheck.rules.lang.lexicon import has_tag
from zhcheck.rules.lang.outline import ARTICLE_LEVEL, enumerator, in_appendix, in_contents
from zhcheck.rules.layout.page import PageMark, page_marks
from zhcheck.rules.layout.text import (
    BOUNDARY_MIN,
    DASHES,
    FINAL,
    LIST_MARKER,
    OPEN_END_MARKS,
    PAIRS,
    PRINTED_DASHES,
    CrossWord,
    End,
    JoinEvidence,
    anaphoric_start,
    article_opener,
    bad_opener,
    boundary_gain,
    dangling_closers,
    document_number,
    end_state,
    ends_inside_word,
    ends_on_function_word,
    ends_with_number,
    enumeration,
    fragment_opener,
    join_evidence,
    name_line,
    naming_char,
    photo_note,
    quoted_line,
    section_number,
    soft_opener,
    starts_with_unit,
    strip_trailing,
    structural_opener,
    table_line,
    unclosed,
    word_across,
    words,
)
from zhcheck.rules.layout.text import (
    CLOSING as PAIR_OF,
)
from zhcheck.rules.layout.wrap import WrappedRun, columns
from zhcheck.textutil import CJK_RE, is_cjk

#: Lines that are page furniture, never running text: image file names, URLs,
#: source/editor credit lines.
_DEBRIS = lazy(
    r"\.(?:jpe?g|png|gif|bmp|webp)$|https?://|www\.|"
    r"(?:责任编辑|编辑|审核|审核人|总编辑|校对|来源|出处|作者)\s*[:：]",
    re.IGNORECASE,
)
#: the author's note in brackets after an article, however long: （作者为……）, 〔作者系……〕
_AUTHOR_NOTE = lazy(r"^[\s\u3000]*[（(〔［\[]\s*作者[为系是：:]")
#: the label of the author's biography (作者简介：), on the bio's line or on a line of its own
_AUTHOR_BIO = lazy(r"^[\s\u3000]*作者简介")
#: ... on a line of its own: the biography is the line under it
_AUTHOR_BIO_LABEL = lazy(r"^[\s\u3000]*作者简介[：:]?[\s\u3000]*$")
#: Headlines separate their parts with spaces where prose would have commas.
_HEADLINE_SPACE = lazy(r"[\u4e00-\u9fff”》）0-9A-Za-z][ \u3000]+[\u4e00-\u9fff“《（0-9A-Za-z]")
_INNER_SENTENCE_END = lazy(f"[{''.join(sorted(FINAL))}]")
#: jieba part-of-speech tags of words that never stand in a bare noun phrase (verbs,
#: adjectives, adverbs, prepositions, conjunctions, particles, idioms)
_PREDICATIVE_TAGS = frozenset(("v", "vg", "vq", "vd", "a", "ad", "ag", "d", "p", "c", "u", "y", "e", "o", "i"))

#: the title of a work: the commas inside it are the title's (《Asian stocks slide, …》)
_TITLES = lazy("《[^《》]*》")
#: longest "short" photo caption sentence
_CAPTION_SENTENCE_MAX = 60
#: longest lone noun phrase taken for a caption or credit
_CAPTION_PHRASE_MAX = 12
#: numbered items and subheadings: 一、 (一) 1. ① 第一， 一是
_NUMBERED = lazy(LIST_MARKER.pattern + r"|^(?:第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]是)")
#: clause punctuation: a numbered line without any is a label, not a cut sentence
_CLAUSE_MARK = lazy("[，,；;。！？!?：:“‘《]")
#: verse: at least this many consecutive lines of at most this many characters, no full stop inside
_VERSE_RUN = 3
_VERSE_LINE_MAX = 16
#: shortest paragraph whose first word is tested for a cut-off word fragment
_FRAGMENT_MIN_LEN = 8


@dataclass(slots=True)
class Item:
    """A paragraph with its layout role."""

    para: Paragraph
    frame: bool
    caption: bool
    heading_like: bool
    body_like: bool
    end: End
    gap: int
    #: ends on a punctuation mark or with a quote/bracket left open (not just on a function word)
    hard_mark: bool = False
    #: a line of an official document's title, printed above its number (国办发〔2018〕71号)
    title_block: bool = False
    #: an entry of a list printed one entry a line inside a bracket (an adoption note)
    bracket_list: bool = False
    #: the paragraph opens with a term the document prints again and again (a name, an
    #: abbreviation it coined: 地市考委), so its first character is no word cut in half
    term_opening: bool = False
    #: a line the document's structure shows complete without a final mark (a deck under the
    #: headline, a subheading): neither cut off nor broken before the next paragraph on weak
    #: evidence; strong evidence (a word across the break, a continuation printed elsewhere)
    #: still joins it, as it does running text
    complete: bool = False
    #: page furniture (a page number, a running head), certain or possible: see `page`
    page_mark: PageMark | None = None
    # derived once (the fields above that they depend on never change)
    text: str = field(init=False, repr=False)
    index: int = field(init=False, repr=False)
    #: flow text that stops without a sentence-final mark
    is_open: bool = field(init=False, repr=False)
    #: what the properties below worked out (each once per paragraph)
    _known: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self.para.text
        self.index = self.para.index
        self.is_open = not self.frame and not self.caption and self.end in (End.HARD, End.SOFT)

    def _once(self, name: str, compute: Callable[[Item], str | None]) -> str | None:
        if name not in self._known:
            self._known[name] = compute(self)
        return self._known[name]

    @property
    def start_problem(self) -> str | None:
        """Why this paragraph cannot start a paragraph (a dangling start), or None."""
        return self._once("start", _start_problem)

    @property
    def opener_problem(self) -> str | None:
        """Why the text cannot open a sentence (a particle, a bare unit, a cut word), or None."""
        return self._once("opener", _opener_problem)

    @property
    def bad_start(self) -> str | None:
        """`bad_opener` of the text."""
        return self._once("bad", lambda it: bad_opener(it.text))

    @property
    def certainly_cut(self) -> bool:
        """Running text without a final mark, or any line ending on a comma or an open quote."""
        return self.body_like or self.hard_mark or (self.end is End.HARD and not self.heading_like)


@dataclass
class Join:
    """`first` is continued by `second` (after the paragraphs in `between`)."""

    first: Item
    second: Item
    evidence: JoinEvidence
    adjacent: bool
    between: list[Item] = field(default_factory=list)
    #: what stands between is a page's furniture (its number, a running head), not a caption
    over_page: bool = False
    #: a line of a paragraph printed line by line goes on in the next (L107 reports the run)
    wrapped: bool = False

    @property
    def strong(self) -> bool:
        return bool(self.evidence.strong)


@dataclass
class Flow:
    """The reconstructed flow of one document."""

    items: list[Item]
    joins: list[Join] = field(default_factory=list)  # L101 (adjacent) and L104 (displaced)
    truncated: list[Item] = field(default_factory=list)  # L102
    dangling: list[tuple[Item, str]] = field(default_factory=list)  # L103
    captions: list[tuple[Item, Item]] = field(default_factory=list)  # L105: (caption, the cut paragraph)
    #: L106: (page number or running head, the paragraph it splits or None)
    page_marks: list[tuple[Item, Item | None]] = field(default_factory=list)


def flow(doc: Document) -> Flow:
    """The document's flow, computed once and shared by the layout rules."""
    return doc.memo("layout.flow", lambda: _analyse(doc), __package__)


# --- roles ------------------------------------------------------------------------


def _items(doc: Document) -> list[Item]:
    paras = doc.paragraphs
    gaps = sorted(p.blank_before for p in paras[1:] if p.kind is Kind.BODY)
    usual_gap = gaps[len(gaps) // 2] if gaps else 0
    marks = page_marks([p.text for p in paras])
    across = columns(doc).interleaved  # two columns read across: no flow line by line (L108)
    items = []
    for p in paras:
        text = p.text
        mark = marks.get(p.index)
        bio = _AUTHOR_BIO.match(text) is not None or (
            p.index > 0 and _AUTHOR_BIO_LABEL.match(paras[p.index - 1].text) is not None
        )
        frame = (
            p.kind in (Kind.BYLINE, Kind.SEPARATOR, Kind.DIRECTIVE)
            or p.structural  # a heading, list item or table cell of Markdown, HTML or Word
            or text.startswith("#")
            or (len(text) <= 80 and bool(_DEBRIS.search(text)))
            or text.startswith(("作者：", "作者:"))  # the author's note, however long
            or _AUTHOR_NOTE.match(text) is not None  # （作者为……）, 〔作者系……〕
            or bio  # 作者简介：某某大学教授，…（a list of titles, often without a final mark）
            or CJK_RE.search(text) is None  # not Chinese text: numbers, Latin lines, markup
            or section_number(text)  # 三: the number of the section that follows
            or name_line(text)  # 汪大昭: the author's name under a title
            or in_appendix(doc, p.index)  # a statute's appended table, one cell or row a line
            or in_contents(doc, p.index)  # a statute's table of contents, one entry a line
            or mark is PageMark.CERTAIN  # a page number, a running head next to one
            or (across is not None and across.first <= p.index <= across.last)
        )
        caption = p.kind is Kind.CAPTION or photo_note(text)
        anaphoric = anaphoric_start(text) or _prose(text)
        end = end_state(text)
        inner = _has_inner_sentence(text)
        heading_like = p.kind is Kind.HEADING and not anaphoric
        if p.index == 0 and p.kind is Kind.BODY and end is End.SOFT and not (anaphoric or inner):
            heading_like = True  # a long title
        if end is End.SOFT and not inner and _NUMBERED.match(text):
            heading_like = True  # a numbered subheading: 一、解放思想，做“想为”文章 / 第一，提高产业技术水平
        elif end is End.HARD and _NUMBERED.match(text) and not _CLAUSE_MARK.search(text):
            # a numbered label without a clause mark (47.进修并返回原医院独立工作人数占比): an item
            # of a list or an indicator table; its last word is a noun the dictionary may split
            heading_like = True
        body_like = not heading_like and (
            inner
            or anaphoric
            or (len(text) > 40 and any(c in _TITLES.sub("《》", text) for c in "，,；;"))
            or (p.kind is Kind.BODY and end is End.HARD)
        )
        punctuated = end is End.HARD and (strip_trailing(text)[-1:] in OPEN_END_MARKS or bool(unclosed(text)))
        hard_mark = punctuated or (end is End.HARD and ends_on_function_word(text))
        if (
            end in (End.SOFT, End.HARD)
            and not punctuated
            and (enumeration(text) or table_line(text) or quoted_line(text) or _subtitle(text))
        ):
            # a list of names, a table's caption or row, a quoted subheading, a subtitle
            heading_like, body_like, hard_mark = True, False, False
        item = Item(p, frame, caption, heading_like, body_like, end, max(0, p.blank_before - usual_gap), hard_mark)
        item.term_opening = _opens_with_term(doc, p) or _opens_with_short_name(doc, p)
        item.page_mark = mark
        items.append(item)
    _mark_verse(items)
    _mark_timeline(items)
    _mark_headlines(items)
    _mark_first_line_title(items)
    _mark_deck(items)
    _mark_subheadings(items)
    _mark_bracketed_lists(items)
    _mark_document_title(items)
    return items


#: a bracketed list (a statute's adoption and amendment history) spans at most this many lines:
#: a code amended a dozen times lists its adoption, its revision, every amendment (修正案) and
#: every amending decision (决定), one a line
_BRACKET_LIST_LINES = 40
_SENTENCE_MARKS = frozenset("。！？!?")


def _mark_bracketed_lists(items: list[Item]) -> None:
    """A bracket that opens a line and closes some lines later, with no sentence inside,
    holds a list printed one entry a line: the adoption note under a statute's title
    (（2001年……通过 / 根据……第一次修正 / 2018年……修订）). Its lines are entries, not
    a paragraph broken, cut off or started in the middle."""
    i = 0
    while i < len(items):
        text = items[i].text.lstrip(" \u3000")
        opened = unclosed(text)
        if text[:1] not in "（(" or opened != (text[0],) or dangling_closers(text):
            i += 1
            continue
        block = [items[i]]
        for it in items[i + 1 : i + _BRACKET_LIST_LINES]:
            block.append(it)
            if dangling_closers(it.text) or unclosed(it.text):
                break
        last = block[-1]
        closed = len(block) > 1 and dangling_closers(last.text)[:1] in (("）",), (")",)) and not unclosed(last.text)
        if closed and not any(c in _SENTENCE_MARKS for it in block for c in it.text.rstrip("。")):
            for it in block:
                it.heading_like, it.body_like, it.hard_mark = True, False, False
                it.bracket_list = True
            i += len(block)
        else:
            i += 1


#: an official document's number stands within this many lines of its start
_TITLE_BLOCK_LINES = 4


_CONTENTS = lazy("目[ \u3000]*录")


def _statute_opening(text: str) -> bool:
    """The first line of a statute's body: its contents (目录), or its first part, chapter or
    article (第一编, 第一章　总则, 第一条　为了……)."""
    unit = enumerator(text)
    return _CONTENTS.fullmatch(text.strip()) is not None or (unit is not None and unit[0] <= ARTICLE_LEVEL)


def _mark_document_title(items: list[Item]) -> None:
    """The lines above an official document's number (国办发〔2018〕71号), or above a statute's
    contents or first unit, are its title, printed over two or three lines and cut anywhere,
    also inside 《》 (a long title: 关于……等违反外汇管理规定行为的行政处分或者纪律处分暂行规定)."""
    # the adoption note under a statute's title (a bracketed list) does not count
    head = [it for it in items if not it.bracket_list][:_TITLE_BLOCK_LINES]
    for i, it in enumerate(head):
        if document_number(it.text) or _statute_opening(it.text):
            for above in head[:i]:
                if not above.caption and len(above.text) <= _HEADLINE_MAX:
                    above.heading_like, above.body_like, above.hard_mark = True, False, False
                    above.title_block = True
            return


#: at most this many lines stand between a headline line and the article's byline or dateline
_HEADLINE_LINES = 3
#: longest headline line (a deck under the title may run to a long sentence)
_HEADLINE_MAX = 100
#: ... and longest one with a sentence inside it (天寒地冻，生意兴隆。再就业工人迎春敞心扉)
_SHORT_DECK = 40
#: a deck right under the title, followed by the dateline, may list documents at length
#: (全会审议通过了《……的决定》《……的建议》)
_DECK_UNDER_TITLE_MAX = 300


def _before(items: list[Item], i: int, keep: Callable[[Item], bool]) -> Item | None:
    """The nearest item before `items[i]` that `keep` accepts (walking back by index: no
    copy of the list's head per line, which made long documents quadratic)."""
    for j in range(i - 1, -1, -1):
        if keep(items[j]):
            return items[j]
    return None


def _after(items: list[Item], i: int, keep: Callable[[Item], bool]) -> Item | None:
    """The nearest item after `items[i]` that `keep` accepts."""
    for j in range(i + 1, len(items)):
        if keep(items[j]):
            return items[j]
    return None


def _has_inner_sentence(text: str) -> bool:
    return _INNER_SENTENCE_END.search(_TITLES.sub("《》", text).rstrip("。！？!?；;…”’）)》」』 *")) is not None


def _mark_headlines(items: list[Item]) -> None:
    """Lines without final punctuation (kicker, title, deck) followed within a few such lines
    by a byline (本报记者…, a bare name) or the dateline that opens the body (本报北京…讯)
    are the article's headline, also when it ends on 的 (从……想到的) and, right under the
    title, when it lists documents at length; a line ending on a
    comma or an open quote stays cut, and so does a long one with a sentence inside
    unless a title stands above it (a deck, not the end of the previous story)."""
    for i, it in enumerate(items):
        if it.frame or it.caption or it.end not in (End.SOFT, End.HARD):
            continue
        if strip_trailing(it.text)[-1:] in OPEN_END_MARKS or unclosed(it.text):
            continue
        prev = _before(items, i, lambda x: not x.frame and not x.caption)
        under_title = prev is not None and prev.heading_like
        if len(it.text) > (_DECK_UNDER_TITLE_MAX if under_title else _HEADLINE_MAX):
            continue
        if len(it.text) > _SHORT_DECK and _has_inner_sentence(it.text) and not under_title:
            continue
        for nxt in items[i + 1 : i + 1 + _HEADLINE_LINES]:
            if _leading_byline(nxt) or (not nxt.caption and article_opener(nxt.text)):
                it.heading_like, it.body_like, it.hard_mark = True, False, False
                break
            if not (nxt.caption or nxt.frame or nxt.end is End.SOFT):
                break


#: longest first line of a text that reads as its title when it has no sentence inside
_FIRST_TITLE_MAX = 50
#: most commas in such a first line (four clauses: 求真，求深，求实，推动…)
_FIRST_TITLE_COMMAS = 3


def _mark_first_line_title(items: list[Item]) -> None:
    """The first line of a text, short, with at most _FIRST_TITLE_COMMAS commas and no other
    clause mark inside (no 、 either, unless a dash sets a kicker apart from the title),
    ending like a heading (no open bracket) is its title (市纪委搭建监督平台，让惠民资金明明
    白白): a headline, not a paragraph broken before the article's first one. More than one
    comma (two with a dash) is a headline's only when the line does not open like a paragraph
    (目前，…: a time adverb or discourse word). With a
    comma it must not end on a verb waiting for its object: 会议要求，各地各部门要进一步加强
    is a paragraph cut off."""
    if len(items) < 2:
        return
    it = items[0]
    if it.frame or it.caption or it.end is not End.SOFT or len(it.text) > _FIRST_TITLE_MAX:
        return
    if unclosed(it.text) or _has_inner_sentence(it.text):
        return
    # a headline quotes a phrase or names a work (…理念，“闯出一条新路来”): judge the rest
    bare = _QUOTED_SPAN.sub("Q", it.text)
    bare = _LABEL_COLON.sub("", bare)  # 某某学院：…: the organisation the headline is about
    # a headline of a kicker and a title set apart by a dash may list names (甲省、乙省——…)
    if "、" in bare and not _HEADLINE_DASH.search(bare):
        return
    # a headline runs a few short clauses together (求真，求深，求实，推动…), each comma
    # standing for a headline's space
    commas = bare.count("，")
    if _CLAUSE_MARK.search(bare.replace("，", "")) or commas > _FIRST_TITLE_COMMAS:
        return
    spaced = _HEADLINE_SPACE.search(bare) is not None  # 减量提了质 减负提了劲: a headline's space
    if commas > (2 if _HEADLINE_DASH.search(bare) else 1) and soft_opener(it.text) and not spaced:
        return  # 目前，…，…: several clauses after a time adverb read as the first paragraph
    if "，" in bare and not bare.endswith("Q") and _last_word_is_verb(it.text):
        # 会议要求，各地各部门要进一步加强: a verb waiting for its object, unless the next
        # paragraph opens like an article's first sentence (某某在……会上指出，…; 近日，…)
        nxt = _after(items, 0, lambda x: not x.frame and not x.caption)
        if nxt is None or not _opens_a_sentence(nxt):
            return
    it.heading_like, it.body_like, it.hard_mark = True, False, False


#: a document sets its subheadings in this many unpunctuated lines at least
_SUBHEADINGS_MIN = 2
#: longest such subheading (a point stated as a full clause or two)
_SUBHEADING_MAX = 150


def _mark_subheadings(items: list[Item]) -> None:
    """Subheadings set as clauses without a final mark (无论……，依然占据着……的制高点) between
    finished paragraphs: a paragraph that stops on a whole word, with no sentence inside, after
    one that ends with a final mark and before one that opens a sentence of its own, nothing
    saying the two go on together. One such line may be a paragraph cut off; a document that
    has _SUBHEADINGS_MIN of them, and punctuates every other paragraph, sets its subheadings
    that way."""
    found: list[Item] = []
    for i in range(1, len(items) - 1):
        it, prev, nxt = items[i], items[i - 1], items[i + 1]
        if not it.is_open or it.heading_like or it.complete:
            continue
        if it.end is not End.SOFT or it.hard_mark:
            return  # a paragraph cut on a comma or a function word: the document is damaged
        if len(it.text) > _SUBHEADING_MAX or _has_inner_sentence(it.text) or ends_inside_word(it.text):
            return
        if not _states_something(it.text):
            return
        if prev.end is not End.CLOSED or nxt.frame or nxt.caption or nxt.start_problem or it.start_problem:
            return
        if join_evidence(it.text, nxt.text).strong:
            return
        found.append(it)
    if len(found) >= _SUBHEADINGS_MIN:
        for it in found:
            it.complete = True


#: a complete statement's last clause has at least this many characters
_LAST_CLAUSE_MIN = 5
_CLAUSE_SPLIT = lazy("[，,；;。！？!?：:]")
#: jieba tags a complete statement does not stop on: a modifier waiting for its noun
#: (致以诚挚), an adverb, a preposition, a conjunction, a particle
_OPEN_LAST_TAGS = frozenset(("a", "ad", "b", "d", "p", "c", "u", "uj", "f", "m", "q"))


def _states_something(text: str) -> bool:
    """Does the last clause of `text` state something whole: a clause of some length with a
    verb in it, that does not stop on a modifier (…，向他们致以诚挚), nor is a subject alone
    (近年来，我国品牌) or a verb alone (…，排查)? A deck or a subheading does; a paragraph cut
    between two words mostly does not."""
    from zhcheck.rules.lang.langmodel import jieba_tag

    last = _CLAUSE_SPLIT.split(strip_trailing(text))[-1]
    ws = words(last)
    if len(last) < _LAST_CLAUSE_MIN or not ws:
        return False
    tags = [jieba_tag(w) or "" for w in ws]
    return any(t.startswith("v") for t in tags) and tags[-1] not in _OPEN_LAST_TAGS


def _opens_with_verb(text: str) -> bool:
    """Does `text` open with a verb (a predicate, its subject left in the line above)?"""
    from zhcheck.rules.lang.langmodel import jieba_tag

    first = words(text[:8])
    return bool(first) and (jieba_tag(first[0]) or "").startswith("v")


def _opens_a_sentence(it: Item) -> bool:
    """Does `it` open like the first sentence of an article or a paragraph: a dateline, a time
    or discourse word (近日，, 11月13日，), reported speech (某某在……会上指出，), a list marker?"""
    text = it.text
    return article_opener(text) or soft_opener(text) or anaphoric_start(text) or structural_opener(text)


#: a deck (the editor's summary under a headline) runs over at most this many lines
_DECK_LINES = 8
#: ... and it stops where the language model reads a sentence boundary at least this strong
#: (natural log; on the tuning-only news dev set, half the decks reach 0.4-2.3; random cuts
#: between two words of running text reach 0.3 in about 9 % of the cases, and a cut right
#: under the headline is a small part of all cuts)
DECK_BOUNDARY_MIN = 0.3


def _mark_deck(items: list[Item]) -> None:
    """The lines under a headline down to the first paragraph that ends with a final mark:
    a deck (the editor's summary: 此访将……，为地区和平稳定作出新贡献), a subtitle, captions of
    the photos above the story. Each stops on a whole word without a final mark; it is
    complete when the language model reads a sentence boundary before the paragraph right
    after it (no caption between) and nothing says that paragraph goes on with it
    (`join_evidence`). Not a paragraph cut off, nor one broken before the next. (A paragraph
    that merely opens like a first sentence, 今年……, is no evidence: a cut paragraph's
    continuation printed elsewhere leaves the next paragraph a sentence of its own.)"""
    if len(items) < 3 or not items[0].heading_like or items[0].frame:
        return
    for i in range(1, min(len(items) - 1, 1 + _DECK_LINES)):
        it = items[i]
        if it.frame or it.caption or it.heading_like:
            continue
        if it.end is not End.SOFT or it.hard_mark or len(it.text) > _DECK_UNDER_TITLE_MAX:
            return  # the body has begun, or a line is cut on a comma or a function word
        if ends_inside_word(it.text) or it.start_problem or not _states_something(it.text):
            return
        nxt = items[i + 1]  # (a caption right after a line without a final mark is wedged in a cut)
        if nxt.frame or nxt.caption or nxt.start_problem or _opens_with_verb(nxt.text):
            return  # (派出50多名医生…: a predicate whose subject is the line above)
        if join_evidence(it.text, nxt.text).strong or boundary_gain(it.text, nxt.text) < DECK_BOUNDARY_MIN:
            return  # something says the next paragraph goes on with it, or nothing says it stops
        it.complete = True


#: the dash between a headline's kicker and its title (——, or ―― or ── as GBK-era pages print it)
_HEADLINE_DASH = lazy("|".join(PRINTED_DASHES))
#: a quoted phrase or a title of a work, closed, inside a headline
_QUOTED_SPAN = lazy("“[^“”]{1,30}”|《[^《》]{1,30}》|‘[^‘’]{1,30}’")
#: a short name and a colon opening a headline
_LABEL_COLON = lazy("^[^，：:“《]{2,12}[：:]")


def _last_word_is_verb(text: str) -> bool:
    from zhcheck.rules.lang.langmodel import jieba_tag

    tail = words(strip_trailing(text)[-8:])
    return bool(tail) and jieba_tag(tail[-1]) == "v"


def _leading_byline(it: Item) -> bool:
    """A byline under a title (本报记者某某, 某某), not a credit in brackets at a story's end."""
    return it.frame and (it.para.kind is Kind.BYLINE or name_line(it.text)) and it.text[:1] not in "（("


def _subtitle(text: str) -> bool:
    """A line that a dash opens: a subtitle under a title (——某某研讨会发言摘要), the source
    under a quotation (——某年某月某日，某某在某会上的讲话) or a run-in subheading
    (——坚持……，推动……): complete without a final mark, when it has no sentence inside
    and does not stop inside a word."""
    if not text.startswith(DASHES) or _has_inner_sentence(text) or len(text) > _HEADLINE_MAX:
        return False
    # with clauses inside, it must end on a whole word: ——做…的伙伴，…，借鉴彼 is cut
    return not any(c in text for c in "，,；;") or not ends_inside_word(text)


def _mark_verse(items: list[Item]) -> None:
    """Lines of a poem or song: runs of VERSE_RUN or more short lines without a full stop inside.

    Verse breaks its lines where prose would not (often after a comma); the lines
    are neither broken paragraphs nor cut off, unless strong evidence says so.
    """
    run: list[Item] = []
    for it in [*items, None]:
        if (
            it is not None
            and not it.frame
            and len(it.text) <= _VERSE_LINE_MAX
            and not _INNER_SENTENCE_END.search(it.text.rstrip("。！？!?；;…”’）)》」』 "))
        ):
            run.append(it)
            continue
        if len(run) >= _VERSE_RUN:
            for v in run:
                v.heading_like, v.body_like, v.hard_mark = True, False, False
        run = []


#: a date on a line of its own, heading the entries of a chronology: 2018年7月, 2018年11月—12月
_TIMELINE_DATE = lazy(r"^\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:\s*[―—－~～-]+\s*(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?)?$")
#: a chronology has at least this many date lines, and at most this many entries under each
_TIMELINE_DATES = 2
_TIMELINE_ENTRIES = 4


def _mark_timeline(items: list[Item]) -> None:
    """Entries of a chronology (大事记): the lines under each of several dates printed on lines
    of their own. An entry states an event without a final mark (某某对某国进行国事访问 /
    两国签署合作文件，推进标志性项目); it is complete, not a paragraph cut off."""
    dates = [i for i, it in enumerate(items) if _TIMELINE_DATE.match(it.text.strip())]
    if len(dates) < _TIMELINE_DATES:
        return
    for d, nxt in zip(dates, [*dates[1:], len(items)], strict=True):
        for it in items[d + 1 : min(nxt, d + 1 + _TIMELINE_ENTRIES)]:
            if it.end is End.SOFT and not it.frame and not _has_inner_sentence(it.text):
                it.heading_like, it.body_like, it.hard_mark = True, False, False


def _prose(text: str) -> bool:
    """A short line that reads as running text rather than a heading: several clauses,
    or a long run with clause punctuation and no headline-style spaces."""
    if text.count("，") + text.count(",") >= 2:
        return True
    clauses = "，" in text or "," in text or text.count("、") >= 2
    return len(text) >= 30 and clauses and not _HEADLINE_SPACE.search(text)


def _lone_noun_phrase(text: str) -> bool:
    """A short line of nouns only (a place, a building: a photo's subject), no verb or function word."""
    if len(text) > _CAPTION_PHRASE_MAX or any(not c.isalnum() for c in text):
        return False
    return not any(has_tag(w, _PREDICATIVE_TAGS) for w in words(text))


def _caption_like(cut: Item, it: Item, items: list[Item]) -> bool:
    """Is `it`, seen after the cut paragraph `cut`, part of a caption block?"""
    if it.caption:
        return True
    if it.frame or it.gap == 0:
        return False
    if it.heading_like:
        near_caption = any(0 <= j < len(items) and items[j].caption for j in (it.index - 1, it.index + 1))
        return near_caption or _lone_noun_phrase(it.text)
    if len(it.text) > _CAPTION_SENTENCE_MAX or structural_opener(it.text) or _can_start(it):
        return False
    ev = join_evidence(cut.text, it.text)
    return not (_strong_ok(cut, it, ev) or _weak_ok(cut, it, ev))


# --- pairing ------------------------------------------------------------------------


def _can_start(it: Item) -> str | None:
    """Why `it` cannot start a paragraph (a dangling start), or None (computed once per paragraph)."""
    return it.start_problem


def _opener_problem(it: Item) -> str | None:
    if it.term_opening:
        return None
    return it.bad_start or (fragment_opener(it.text) if len(it.text) >= _FRAGMENT_MIN_LEN else None)


#: a term a paragraph opens with recurs this often elsewhere in the document
_TERM_RECURRENCES = 2
_TERM = lazy("[\u4e00-\u9fff]{3}")


def _opens_with_term(doc: Document, p: Paragraph) -> bool:
    """Do the first three characters of `p` recur _TERM_RECURRENCES times elsewhere in the
    document (a name or term the article keeps using, not the tail of a word cut off)?"""
    head = p.text.lstrip(" \t\u3000")[:3]
    if not _TERM.fullmatch(head):
        return False
    return len(doc.text_index().positions(head, limit=_TERM_RECURRENCES + 1)) > _TERM_RECURRENCES


#: parts of speech of a one-character noun standing for a body the article named (局, 院, 委)
_SHORT_NAME_TAGS = frozenset(("n", "j"))


def _opens_with_short_name(doc: Document, p: Paragraph) -> bool:
    """Does `p` open with one character standing for a body the article named before (某市
    检察院 … 院领导, 学校 … 校党委): a noun (or abbreviation) that ends many organisations'
    names, left alone by the paragraph's segmentation before a noun, and ending a longer word
    earlier in the document?"""
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.lexicon import body_suffix_chars

    if p.text[:1] not in body_suffix_chars():
        return False  # the words tile the paragraph: its first word is no such character (no need to segment)
    words = doc.words(p)
    if len(words) < 2 or len(words[0][0]) != 1:
        return False
    c, nxt = words[0][0], words[1][0]
    lm = langmodel.load()
    if c not in body_suffix_chars() or lm.tag(c) not in _SHORT_NAME_TAGS or lm.tag(nxt) != "n":
        return False
    first = _word_ends(doc).get(c)
    return first is not None and first < p.index


def _word_ends(doc: Document) -> dict[str, int]:
    """The last character of each word of two or more characters in the document -> the
    first paragraph that has such a word (one pass, shared by all paragraphs)."""

    def compute() -> dict[str, int]:
        out: dict[str, int] = {}
        for q in doc.paragraphs:
            for w, _s, _e in doc.words(q):
                if len(w) > 1:
                    out.setdefault(w[-1], q.index)
        return out

    return doc.memo("layout.word-ends", compute)


def _start_problem(it: Item) -> str | None:
    if it.frame or it.caption:
        return None
    reason = it.opener_problem
    if reason:
        return reason
    closers = dangling_closers(it.text[:40])
    if closers:
        return f"有 {closers[0]} 却没有与之配对的 {PAIR_OF[closers[0]]}"
    return None


def _dangling_alone(it: Item) -> str | None:
    """Why `it` starts mid-sentence although no cut end elsewhere continues into it.

    Only a start that cannot open a sentence counts (a particle, a bare unit, the
    second half of a word): a closing quote with no opener, on its own, more
    likely lost its opening mark (G205 reports that); it counts only for pairing
    with a quote left open elsewhere.
    """
    if it.frame or it.caption:
        return None
    if it.index == 0 or it.heading_like:  # a title: its terse style is not a fragment
        return it.bad_start
    return it.opener_problem


def _loose_start(items: list[Item], it: Item) -> bool:
    """Could `it`, which starts a sentence well enough on its own, be the displaced
    second half of a paragraph cut in a word (its first character a word of its own,
    or its first word the end of a word cut after a lone character: 天|马行空)?"""
    if it.frame or it.caption or it.heading_like or it.index == 0 or len(it.text) < _FRAGMENT_MIN_LEN:
        return False
    if structural_opener(it.text) or soft_opener(it.text) or not is_cjk(it.text[0]) or naming_char(it.text[0]):
        return False  # (a pronoun, surname or numeral never ends a word cut before it)
    return not _claimed_by_predecessor(items, it.index)


def _cut_word_fragment(word: CrossWord | None) -> bool:
    """Is `word` (read across a break) one with a lone-character half split off it?"""
    return word is not None and word.bound_fragment


def _completes_cut_word(ev: JoinEvidence, start: Item) -> bool:
    """Do a cut end and a loose start make a word one of whose halves is a lone character
    split off it (星|星点点, 天|马行空), the second half ending where a word of the start
    ends (not 两国|王毅 read as 国王)?"""
    if not _cut_word_fragment(ev.word):
        return False
    ends, pos = set(), 0
    for w in words(start.text[: len(ev.word.head) + 8]):
        pos += len(w)
        ends.add(pos)
    return len(ev.word.head) in ends


def _weak_ok(first: Item, second: Item, ev: JoinEvidence) -> bool:
    """May `second` continue `first` without strong evidence?"""
    # a caption whose text goes on after a cut in its first line is part of that caption
    caption_ok = not second.caption or (first.hard_mark and len(second.text) > 20)
    return not first.complete and first.certainly_cut and caption_ok and _goes_on(first, second, ev)


def _goes_on(first: Item, second: Item, ev: JoinEvidence) -> bool:
    """Does `second` read as going on from `first` (no heading, no new start, nothing against,
    no sentence boundary the language model reads between them)?"""
    return (
        not second.heading_like
        and not structural_opener(second.text)
        and not soft_opener(second.text)
        and not ev.against
        and not _sentence_boundary(first, second)
    )


def _sentence_boundary(first: Item, second: Item) -> bool:
    """Does `first` end on a whole word where the language model reads a sentence boundary
    before `second` (扶贫济困 / 谈到湘西的贫穷…) rather than one sentence going on?"""
    if first.end is not End.SOFT or first.hard_mark:
        return False
    return boundary_gain(first.text, second.text) >= BOUNDARY_MIN


def _strong_ok(first: Item, second: Item, ev: JoinEvidence) -> bool:
    """Is the strong evidence good enough for this pair?"""
    if not ev.strong or ev.against:
        return False
    if structural_opener(second.text) and not second.bad_start:
        return False
    if first.title_block and second.title_block:
        return False  # one title over two lines, cut anywhere: layout of the title, not damage
    if first.bracket_list and second.bracket_list:
        return False  # two entries of one bracketed list (an adoption note): the bracket spans them
    if first.heading_like or second.heading_like:
        if not ev.fit:
            return False  # a heading is complete: what follows it and cannot open a sentence dangles
        # a heading followed by its first paragraph can meet in a dictionary word
        # by accident: only a lone character cut off a word counts, or a start
        # that cannot open a sentence
        only_word = ev.word is not None and len(ev.strong) == 1
        headline = _HEADLINE_SPACE.search(first.text) is not None  # parts set apart by spaces
        return not only_word or (ev.word.bound_fragment and not headline)
    return True


def _over_page_ok(first: Item, second: Item, ev: JoinEvidence, certain: bool) -> bool:
    """May `second` continue `first` across a page's furniture without strong evidence?

    Across a possible mark (a bare number, a short line printed again) only running text
    goes on, as it would next to `second`. Across a certain one the page break, not the
    author, ended `first`: a line left open goes on (even one too short to read as running
    text) unless it is the document's title, a numbered heading, or `second` opens anew."""
    if _weak_ok(first, second, ev):
        return certain or first.body_like
    return (
        certain
        and first.index > 0
        and not first.complete
        and not first.title_block
        and not _NUMBERED.match(first.text)
        and _goes_on(first, second, ev)
    )


def _skippable(it: Item) -> bool:
    """Could `it` stand between the halves of a broken paragraph (a caption block)?"""
    if it.frame:
        return False
    short = it.heading_like or (len(it.text) <= _CAPTION_SENTENCE_MAX and not _can_start(it))
    return it.caption or (it.gap > 0 and short)


def _over_captions(items: list[Item], i: int) -> Iterator[tuple[list[Item], Item]]:
    """Each paragraph after items[i] reached over a caption block, with the block."""
    between: list[Item] = []
    k = i + 1
    while k < len(items) and _skippable(items[k]) and len(between) < 6:
        between.append(items[k])
        k += 1
        if k < len(items) and not items[k].frame:
            yield list(between), items[k]


def _after_cut(items: list[Item], i: int) -> bool:
    """Is items[i] set off after a paragraph that stops mid-sentence (where captions land)?"""
    k = i - 1
    while k >= 0 and _skippable(items[k]) and items[k].gap > 0:
        k -= 1
    return items[i].gap > 0 and k >= 0 and items[k].is_open


def _claimed_by_predecessor(items: list[Item], k: int) -> bool:
    """Does items[k] read as the continuation of the unfinished paragraph before it
    (captions skipped)? Then it is not free to continue a paragraph far away."""
    j = k - 1
    while j >= 0 and (items[j].caption or (items[j].gap > 0 and _skippable(items[j]))):
        j -= 1
    if j < 0 or not items[j].is_open or items[j].frame:
        return False
    return not join_evidence(items[j].text, items[k].text).against


#: at most this many lines of page furniture stand between the halves of a paragraph
_PAGE_BLOCK_MAX = 4

#: how many paragraphs away a displaced continuation is looked for: an article (even a
#: long one) has far fewer; the bound keeps a huge file linear instead of quadratic
_FAR_REACH = 300


def _reach(xs: list[Item], i: int) -> list[Item]:
    """The items of `xs` (in paragraph order) at most `_FAR_REACH` paragraphs from the i-th."""
    if len(xs) < 64:  # an article: no need to bisect
        return [x for x in xs if abs(x.index - i) <= _FAR_REACH]
    lo = bisect.bisect_left(xs, i - _FAR_REACH, key=lambda x: x.index)
    hi = bisect.bisect_right(xs, i + _FAR_REACH, key=lambda x: x.index)
    return xs[lo:hi]


def _strong_candidates(items: list[Item]) -> list[tuple[float, int, int, Join]]:
    """Pairs with strong evidence: the next paragraph, the first one after a caption
    block, or a dangling start anywhere; adjacent ones first, then best first."""
    cands: list[tuple[float, int, int, Join]] = []
    # a far-away continuation must close a quote left open, or give a number its unit
    # (cheap tests first: this compares every cut end with every dangling start)
    by_closer: dict[str, list[Item]] = {}
    units: list[Item] = []
    fragments: list[Item] = []  # starts with a particle or the second half of a word
    # starts with a lone character that may end a word cut elsewhere: worked out (a
    # dictionary look-up per paragraph) only when some paragraph may need it
    maybe_loose: list[Item] = []
    loose: list[Item] = []
    loose_ids: set[int] = set()
    loose_known = False
    for it in items:
        if _can_start(it) and not _claimed_by_predecessor(items, it.index):
            for c in dangling_closers(it.text[:40])[:1]:
                by_closer.setdefault(c, []).append(it)
            if starts_with_unit(it.text):
                units.append(it)
            elif it.bad_start or fragment_opener(it.text):
                fragments.append(it)
        else:
            maybe_loose.append(it)
    for i, it in enumerate(items):
        if not it.is_open or (_skippable(it) and _after_cut(items, i)):
            continue
        opened = unclosed(it.text)[-1:]
        far = _reach(by_closer.get(PAIRS[opened[0]], []), i) if opened else []
        if ends_with_number(strip_trailing(it.text)):
            far = far + _reach(units, i)
        far = far + _reach(fragments, i)
        if (it.certainly_cut and not it.heading_like) or it.end is End.HARD:
            if not loose_known:
                loose = [x for x in maybe_loose if _loose_start(items, x)]
                loose_ids = {id(x) for x in loose}
                loose_known = True
            far = far + _reach(loose, i)  # (a line ending on 最, 的, 把 is no heading, however short)
        nxt = items[i + 1] if i + 1 < len(items) else None
        if nxt is not None and not nxt.frame:
            ev = join_evidence(it.text, nxt.text)
            if _strong_ok(it, nxt, ev):
                cands.append((ev.score + 0.5, 0, i, Join(it, nxt, ev, True)))
        near = {id(nxt)}
        for between, over in _over_captions(items, i):
            near.add(id(over))
            ev = join_evidence(it.text, over.text)
            if _strong_ok(it, over, ev):
                cands.append((ev.score + 0.25, len(between), i, Join(it, over, ev, True, between)))
                break
        for d in far:
            if id(d) in near or d is it:
                continue
            if id(d) in loose_ids and not _cut_word_fragment(word_across(it.text, d.text)):
                continue  # the cheap half of the test below: most loose starts make no word
            ev = join_evidence(it.text, d.text)
            if id(d) in loose_ids and not _completes_cut_word(ev, d):
                continue  # a lone character pairs with a cut end only when the two make a word
            if ev.fit and _strong_ok(it, d, ev):
                cands.append((ev.score, abs(d.index - i), i, Join(it, d, ev, False)))
    # the paragraph right after (or after a caption block) first, then far away ones
    cands.sort(key=lambda c: (not c[3].adjacent, -c[0], c[1], c[2]))
    return cands


def _analyse(doc: Document) -> Flow:
    """Link the paragraphs into the document's flow, in four passes (strongest evidence
    first), then report what stays cut, dangling or wedged between the halves."""
    linker = _Linker(_items(doc))
    linker.wrapped_lines(columns(doc).runs)
    linker.page_breaks()
    linker.strong_joins()
    linker.simple_continuations()
    lost = linker.continuations_past_captions()
    linker.column_swaps(lost)
    return linker.flow()


class _Linker:
    """The joins found so far: which paragraph continues which, and the captions wedged
    between two halves of a broken paragraph."""

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.cont: dict[int, Join] = {}  # first.index -> join
        self.taken: dict[int, Join] = {}  # second.index -> join
        self.wedged: dict[int, Item] = {}  # caption index -> the cut paragraph it interrupts
        self.page_split: dict[int, Item] = {}  # page mark index -> the paragraph it splits

    def take(self, j: Join) -> None:
        self.cont[j.first.index] = j
        self.taken[j.second.index] = j
        for c in j.between:
            (self.page_split if j.over_page else self.wedged).setdefault(c.index, j.first)

    def wrapped_lines(self, runs: list[WrappedRun]) -> None:
        """Pass 0: the lines of paragraphs printed line by line go on in the next line."""
        items = self.items
        for run in runs:
            for i in run.joins:
                self.take(Join(items[i], items[i + 1], JoinEvidence(), True, wrapped=True))

    def page_breaks(self) -> None:
        """Pass 0: a paragraph cut at the foot of a page goes on after the page's number and
        running head. Certain marks are stepped over on any evidence the next pass would join
        adjacent paragraphs on; possible ones (a bare number, a short line printed again)
        only after running text, on strong evidence or a cut the next paragraph completes."""
        items = self.items
        for i, it in enumerate(items):
            if not it.is_open or it.index in self.cont or it.page_mark is not None:
                continue
            k = i + 1
            while k < len(items) and items[k].page_mark is not None and k - i <= _PAGE_BLOCK_MAX:
                k += 1
            if k == i + 1 or k >= len(items) or items[k].frame or items[k].index in self.taken:
                continue
            block, nxt = items[i + 1 : k], items[k]
            ev = join_evidence(it.text, nxt.text)
            certain = any(b.page_mark is PageMark.CERTAIN for b in block)
            if _strong_ok(it, nxt, ev) or _over_page_ok(it, nxt, ev, certain):
                self.take(Join(it, nxt, ev, True, block, over_page=True))

    def strong_joins(self) -> None:
        """Pass 1: strong evidence, next paragraph or far away, best first."""
        cont, taken = self.cont, self.taken
        for _, _, _, j in _strong_candidates(self.items):
            free = j.first.index not in cont and j.second.index not in taken
            if free and not _creates_cycle(j, cont) and not any(c.index in taken or c.index in cont for c in j.between):
                self.take(j)
        for j in list(cont.values()):
            # both halves of a broken paragraph are running text, unless the whole is a heading
            if j.adjacent and classify(j.first.text + j.second.text) is not Kind.HEADING:
                for half in (j.first, j.second):
                    half.heading_like = False
                    half.body_like = True

    def simple_continuations(self) -> None:
        """Pass 2: the next paragraph simply goes on."""
        items = self.items
        for i, it in enumerate(items[:-1]):
            nxt = items[i + 1]
            if it.is_open and it.index not in self.cont and nxt.index not in self.taken and not nxt.frame:
                if _skippable(nxt) and _after_cut(items, i + 1):
                    continue
                ev = join_evidence(it.text, nxt.text)
                if _weak_ok(it, nxt, ev):
                    self.take(Join(it, nxt, ev, True))

    def continuations_past_captions(self) -> set[int]:
        """Pass 3: look past caption blocks for the continuation of what is still open.
        Returns the open paragraphs whose next paragraph continues another one."""
        items, cont, taken, wedged = self.items, self.cont, self.taken, self.wedged
        lost: set[int] = set()
        for i, it in enumerate(items):
            if not it.is_open or it.index in wedged or not it.certainly_cut:
                continue
            j = cont.get(it.index)
            if j is not None and (j.adjacent or j.between):
                continue
            between, k = self._captions_after(it, i)
            for c in between:
                wedged.setdefault(c.index, it)
            if j is not None or k >= len(items) or items[k].frame:
                continue
            nxt = items[k]
            if nxt.index in taken:
                lost.add(it.index)
            elif between:
                ev = join_evidence(it.text, nxt.text)
                if _strong_ok(it, nxt, ev) or _weak_ok(it, nxt, ev):
                    self.take(Join(it, nxt, ev, True, between))
        return lost

    def _captions_after(self, it: Item, i: int) -> tuple[list[Item], int]:
        """The caption-like paragraphs right after items[i], and the index after them."""
        items, taken = self.items, self.taken
        between: list[Item] = []
        k = i + 1
        while k < len(items):
            nxt = items[k]
            glued = nxt.index in taken and taken[nxt.index].first in between  # a caption split over lines
            if not glued and (nxt.index in taken or not _caption_like(it, nxt, items)):
                break
            between.append(nxt)
            k += 1
        return between, k

    def column_swaps(self, lost: set[int]) -> None:
        """Pass 4: two halves of a column swap: a cut end that lost its next paragraph to
        another cut end takes the paragraph that followed that other cut end."""
        items, cont = self.items, self.cont
        orphans = [items[j.first.index + 1] for j in cont.values() if not j.adjacent and j.first.index + 1 < len(items)]
        for idx in sorted(lost):
            it = items[idx]
            if idx in cont:
                continue
            for o in orphans:
                if o is it or o.index in self.taken or o.frame or o.caption or o.heading_like or o.index in self.wedged:
                    continue
                ev = join_evidence(it.text, o.text)
                j = Join(it, o, ev, False)
                if not ev.against and not _creates_cycle(j, cont):
                    self.take(j)
                    break

    def flow(self) -> Flow:
        """The flow: the joins, the wedged captions, and what stays cut or dangling."""
        items, cont, taken, wedged = self.items, self.cont, self.taken, self.wedged
        fl = Flow(items)
        fl.joins = sorted(cont.values(), key=lambda j: j.first.index)
        fl.captions = [(it, wedged[it.index]) for it in items if it.index in wedged]
        fl.page_marks = [
            (it, self.page_split.get(it.index))
            for it in items
            if it.index in self.page_split or it.page_mark is PageMark.CERTAIN
        ]
        fl.truncated = [
            it
            for it in items
            if it.index not in wedged and it.index not in cont and it.is_open and _reportable_cut(it, items)
        ]
        for it in items:
            if it.index in taken or it.index in wedged:
                continue
            reason = _dangling_alone(it)
            if reason and not _continues_open_quote(it, items):
                fl.dangling.append((it, reason))
        return fl


def _creates_cycle(j: Join, cont: dict[int, Join]) -> bool:
    k = j.second.index
    seen = 0
    while k in cont and seen < 10_000:
        k = cont[k].second.index
        if k == j.first.index:
            return True
        seen += 1
    return k == j.first.index


def _reportable_cut(it: Item, items: list[Item]) -> bool:
    """An open paragraph with no continuation: report it when it is running text."""
    if not it.certainly_cut or it.complete:
        return False
    nxt = items[it.index + 1] if it.index + 1 < len(items) else None
    if (
        it.end is End.SOFT
        and not it.hard_mark
        and not ends_inside_word(it.text)
        and not _has_inner_sentence(it.text)
        and len(it.text) <= _SHORT_DECK
        and not (nxt is not None and _skippable(nxt))
    ):
        # a short run of clauses ending on a whole word: a heading, a label or a missing
        # full stop; in a longer paragraph, after finished sentences (实验|室) or before a
        # photo caption, a whole word may still be cut
        return False
    # list items are often left without punctuation
    if LIST_MARKER.match(it.text):
        nxt = _after(items, it.index, lambda x: not x.frame)
        prev = _before(items, it.index, lambda x: not x.frame)
        if nxt is not None and LIST_MARKER.match(nxt.text):
            return False
        if prev is not None and LIST_MARKER.match(prev.text) and prev.end is not End.CLOSED:
            return False  # the last item of a list written without final marks
    # a headline printed over two lines: 金融改革进一步深化，/ 金融调控更加灵活
    two_line_headline = it.text.endswith(("，", ",")) and len(it.text) <= _HEADLINE_PART_MAX
    return not (two_line_headline and nxt is not None and nxt.heading_like)


#: longest first line of a headline printed over two lines
_HEADLINE_PART_MAX = 20


def _continues_open_quote(it: Item, items: list[Item]) -> bool:
    """A quote running over several paragraphs: the previous one left it open."""
    if it.bad_start:
        return False
    prev = _before(items, it.index, lambda x: not x.frame and not x.caption)
    return prev is not None and bool(unclosed(prev.text))
