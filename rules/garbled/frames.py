"""Broken sentence frames (part of rule G301): grammar that opens and never closes.

Rewritten or spliced copy often keeps fluent word pairs (a bigram model finds
nothing wrong) while the sentence as a whole has lost its frame. Three frames
are checked, each one that edited prose virtually never leaves open:

* **bare preposition**: a sentence of one clause that opens with the
  preposition 在 and has no predicate at all outside quotation marks and
  brackets (在市区内环快速路网。): a prepositional phrase alone is not a
  sentence;
* **open time frame**: a sentence that opens with 自 + a time word and never
  says where the span ends (以来, 起, 至今, 后 …): 自去年市委明确这一路径。
  is half a sentence;
* **passive with an object**: a passive verb of experience (备受, 深受, 广受 …)
  directly followed by a verb and then a noun (备受关注城市建设): the
  passive already has its object, so the noun belongs elsewhere.

The first two are judged only in body paragraphs of more than one sentence (a
line that is nothing but 在 + a place is a caption or a dateline). Parts of
speech come from the language model (`zhcheck.rules.lang.langmodel`: the
People's Daily tag a word carries most often, else jieba's). Only sentences a
string test pre-selects (opening with 在 / 自, or containing a passive verb) are
looked at, so nearly all text costs one `str.startswith` per sentence.

Measured on corpus/clean (300,000 characters), corpus/clean_extra and all 948
People's Daily 1998 articles (1.9 M characters): the bare-preposition frame
fires once (an uncorrected learner's sentence among the SIGHAN controls), the
other two never. Other prepositions were tried as openers of a bare phrase (对,
向, 从, 随着, 通过, 根据, 按照, 围绕, 针对): they found nothing more in the
seeds and added a 1998 headline (围绕石材拓市场, whose verb the model does not
know), so only 在 is checked.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from zhcheck.document import Document, Kind, Paragraph, split_sentences
from zhcheck.lazyre import lazy
from zhcheck.rules.lang.vocab import CLOSERS, CLOSING_MARKS, OPENING_MARKS, SENTENCE_END

#: Tags that make a clause a predicate: verbs, adjectives, idioms and set phrases, state words.
PREDICATE_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "i", "l", "z"})
#: A bare prepositional sentence needs at least this many characters (short headings are spared).
BARE_MIN_CHARS = 8
#: Words that close a 自 + time frame (自去年以来, 自1月1日起, 自今年年初开始 …).
TIME_CLOSERS = lazy(r"以来|起|开始|至今|以后|之后|后|到|至|来|前|为止|间|中|期间")
#: Passive verbs of experience that take the experienced act as their object (备受关注).
PASSIVES = ("备受", "深受", "广受", "饱受", "颇受", "倍受", "屡受")
_PASSIVE_RE = lazy("|".join(PASSIVES))
_NOUN_TAGS = frozenset({"n", "ns", "nt", "nz", "nr", "s"})
_OPEN = OPENING_MARKS + '("'
_CLOSE = CLOSING_MARKS + ')"'
_CLAUSE_PUNCT = lazy(r"[，,：:、—]")
#: A sentence that may open with 在 or 自 (the sentence splitter keeps closing quotes with the previous one).
_OPENING = lazy(f"(?:^|[{re.escape(SENTENCE_END)}][{re.escape(CLOSERS)}]*)[在自]")


@dataclass(frozen=True)
class Frame:
    start: int
    end: int
    reason: str  # "bare-preposition" | "open-time-frame" | "passive-object"
    token: str = ""
    other: str = ""


def broken_frames(doc: Document, para: Paragraph) -> Iterator[Frame]:
    """The broken frames of one paragraph (body text only: headings, captions and bylines are no sentences)."""
    if para.kind in (Kind.HEADING, Kind.CAPTION, Kind.BYLINE):
        return
    passive = _PASSIVE_RE.search(para.text) is not None
    if not passive and _OPENING.search(para.text) is None:
        return
    # a paragraph of one sentence that is a bare phrase is more likely a caption or a dateline
    sentences = split_sentences(para.text, para.start)  # not `para.sentences`: kept until the document is done
    several = len(sentences) > 1
    for sent in sentences:
        text = sent.text
        bare = several and text.startswith("在") and len(text) >= BARE_MIN_CHARS
        since = several and text.startswith("自") and len(text) >= BARE_MIN_CHARS
        if not (bare or since or (passive and _PASSIVE_RE.search(text))):
            continue
        words = words_within(doc.words(para), sent.start, sent.end)
        if bare or since:
            yield from _open_sentence(words, text, bare)
        if passive:
            yield from _passive_objects(words)


def words_within(words: list[tuple[str, int, int]], start: int, end: int) -> list[tuple[str, int, int]]:
    """The words (sorted by offset) that start in [start, end)."""
    lo = bisect.bisect_left(words, start, key=lambda w: w[1])
    hi = bisect.bisect_left(words, end, lo, key=lambda w: w[1])
    return words[lo:hi]


def _outside_quotes(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words that are not inside quotation marks or brackets (quoted names carry no predicate)."""
    out, depth = [], 0
    for w in words:
        if w[0] and w[0][0] in _OPEN and len(w[0]) == 1:
            depth += 1
        elif w[0] and w[0][0] in _CLOSE and len(w[0]) == 1:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(w)
    return out


def _open_sentence(words: list[tuple[str, int, int]], text: str, bare: bool) -> Iterator[Frame]:
    from zhcheck.rules.lang import langmodel as lm

    model = lm.load()
    outside = _outside_quotes(words)
    body = [w for w in outside if not lm.is_boundary(w[0])]
    if len(body) < 2:
        return
    if text.rstrip()[-1:] not in "。！？!?；;":
        return  # a heading or caption without a full stop
    plain = "".join(w[0] for w in outside)
    end = body[-1][2]
    if bare:
        if body[0][0] != "在" or _CLAUSE_PUNCT.search(plain.rstrip("。！？!?；;")):
            return
        if not any(model.tag(w) in PREDICATE_TAGS for w, _, _ in body[1:]):
            yield Frame(body[0][1], end, "bare-preposition", "在")
    elif body[0][0] == "自" and _is_time(model, body[1][0]) and not TIME_CLOSERS.search(plain):
        yield Frame(body[0][1], end, "open-time-frame", "自" + body[1][0])


def _is_time(model, word: str) -> bool:
    return model.tag(word) == "t" or word.endswith("年")


def _passive_objects(words: list[tuple[str, int, int]]) -> Iterator[Frame]:
    """A passive verb of experience + a verb + a noun, within one clause."""
    from zhcheck.rules.lang import langmodel as lm

    model = lm.load()
    for clause in lm.clauses(words, key=lambda w: w[0]):
        toks = [w for w, _, _ in clause]
        for i, w in enumerate(toks):
            if w in PASSIVES and i + 2 < len(toks):
                verb, noun = i + 1, i + 2
            elif len(w) == 4 and w[:2] in PASSIVES and i + 1 < len(toks):  # 备受关注 as one word
                verb, noun = i, i + 1
            else:
                continue
            if (verb == i or model.tag(toks[verb]) == "v") and model.tag(toks[noun]) in _NOUN_TAGS:
                yield Frame(clause[i][1], clause[-1][2], "passive-object", w[:2], toks[noun])
