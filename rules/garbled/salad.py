"""Word salad (rule G301): stretches that no Chinese word list can account for.

The detector works on jieba's segmentation (with its HMM for unknown words,
shared through `doc.words`). An *odd token* is a token jieba had to invent
(not a dictionary word) that contains a character pair no word of jieba's or
pycorrector's dictionary contains (`zhcheck.rules.lang.charstats`). Government and news
prose is full of such coinages (强市, 扩绿, 绿道), so an odd token alone is not
a defect. It becomes one when it is tangled with a repeated character the way
scrambled text is and fluent text is not:

* the odd token starts with the character the previous token ends with, or
  ends with the one the next token starts with (蓝天|天白歌), unless
  the neighbour is a dictionary word of three or more characters (…村|村委会),
  or the two are words meeting in a shared character: a dictionary word and a
  two-character coinage in its own order among ordinary words (出库|库点), or a title
  and a personal name starting with its last character (主任|任丽华);
* the odd token has three or more characters and a doubled character inside
  (三三磨), unless it is a personal name (surname + doubled given name).

Doubled characters that follow a productive word pattern are spared: AABB
(高高兴兴), ABB (喜吟吟, or a lone second copy: 人年|年), 一 + doubled classifier
(一排排), digits of a numeral (五一一厂), AA + 然/地/的/儿/家 (滂滂然, 秀秀家),
a doubled verb or adjective with its object (湿湿脚), and a place or unit suffix
the next word repeats (某某村|村民, 某某厂|厂长). On the 948 People's Daily 1998
articles (1.9 M characters) these patterns take the odd-token test from 20
findings to 2 (0.01 per 10,000 characters); seed 000 keeps its 3.

Sentences whose grammatical frame is broken (a bare prepositional phrase, 自 +
time without 以来/起, a passive verb with an object) are found by
`zhcheck.rules.garbled.frames`.

Two more detectors ask the language model of `zhcheck.rules.lang.langmodel` (word
bigrams of the People's Daily 1998 corpus with a part-of-speech back-off):

* **repeated-word intrusion** (关键一大批关键技术): a word of two or more
  characters is followed, one or two words later, by a longer word that starts
  with it, and dropping the first copy makes the clause much more fluent (its
  `deletion_gain` is at least `INTRUSION_GAIN`: the bridged neighbours fit
  together, the dropped word fits neither); a conjunction or a preposition alone
  between the two links two phrases (平台及平台车主, 到小学给小学生讲课), no intrusion;
* **scrambled sentence**: a sentence of at least `SCRAMBLE_MIN_WORDS` words
  whose word order the model finds no better than a random reordering of the
  same words (`order_gain` per junction at most `SCRAMBLE_GAIN`). Only the
  clauses that score below zero are reported.

Both run only on paragraphs a regular expression pre-selects (a two-character
string repeated within a few characters; a particle at the start of a clause
or a preposition at its end), so most paragraphs are never segmented. The
thresholds were set on half of corpus/clean (`tools/calibrate_salad.py` prints
the distributions) and checked on the other half and on seed 002.

Measured on corpus/clean (300,000 characters of edited news) the odd-token
test fires about once per 100,000 characters and the model-based tests never;
tightening beats loosening here.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from zhcheck.document import Document, Kind, split_sentences
from zhcheck.lazyre import lazy
from zhcheck.rules.garbled.frames import broken_frames, words_within
from zhcheck.rules.lang.vocab import ADMIN_SUFFIX_CHARS, NUMERAL_CHARS, SENTENCE_END, measure_chars
from zhcheck.textutil import is_cjk


@dataclass(frozen=True)
class Salad:
    start: int
    end: int
    token: str
    reason: str  # "double-across" | "double-inside" | "intrusion" | "scrambled"
    other: str = ""  # intrusion: the longer word that repeats `token`


@functools.cache
def _surnames() -> frozenset[str]:
    """Single-character surnames: the first characters of pycorrector's person names (cached on disk)."""
    from zhcheck.rules.lang.lexicon import derived

    return derived("salad-surnames", 1, _read_surnames)


def _read_surnames() -> frozenset[str]:
    from zhcheck.rules.lang.resources import PERSON_NAMES, open_text, pycorrector_copy

    counts: dict[str, int] = {}
    with open_text(pycorrector_copy(PERSON_NAMES)) as fh:
        for line in fh:
            name = line.split()[0] if line.strip() else ""
            if 2 <= len(name) <= 3 and all(is_cjk(c) for c in name):
                counts[name[0]] = counts.get(name[0], 0) + 1
    return frozenset(c for c, n in counts.items() if n >= 5)


def _known(token: str) -> bool:
    from zhcheck.rules.lang.lexicon import is_word

    return is_word(token)


def _odd(token: str) -> bool:
    from zhcheck.rules.lang.charstats import seen

    if len(token) < 2 or not all(is_cjk(c) for c in token) or _known(token):
        return False
    return any(not seen(a, b) for a, b in itertools.pairwise(token))


def _name_like(token: str) -> bool:
    return len(token) <= 3 and token[0] in _surnames()


def word_salad(doc: Document) -> list[Salad]:
    """All word-salad spans of the document: odd tokens, intrusions, scrambled sentences."""
    out: list[Salad] = []
    for para in doc.paragraphs:
        if para.kind is Kind.DIRECTIVE:
            continue
        found: list[Salad] = []
        words = None
        if _suspicious(para.text):
            words = doc.words(para)
            found += [
                f for f in _odd_tokens(words) if not _reduplicated(doc.text, f.start, f.end) and not _term_met(doc, f)
            ]
        # a sentence has an edge (a repeated string) only if its paragraph has one
        edges = _EDGE.search(para.text) is not None
        repeats = _REPEAT.search(para.text) is not None
        whole = edges and len(para.text) >= PASSAGE_MIN_CHARS and _has_edges(para.text, PASSAGE_EDGES)
        if whole:  # judge the paragraph's word order as a whole (and each sentence)
            words = words or doc.words(para)
            found += _scrambled(words)
        # split here, not through `para.sentences`, which keeps them until the document is done
        for sent in split_sentences(para.text, para.start) if repeats or (edges and not whole) else ():
            repeat = repeats and _REPEAT.search(sent.text) is not None
            edge = edges and not whole and len(sent.text) >= SENTENCE_MIN_CHARS
            edge = edge and _has_edges(sent.text, SENTENCE_EDGES)
            if not (repeat or edge):
                continue  # nothing to segment
            words = words or doc.words(para)  # shared with other rules (the ocr family segments every paragraph)
            sw = words_within(words, sent.start, sent.end)
            if repeat:
                found += _intrusions(sw)
            if edge:
                found += _scrambled(sw)
        found += [Salad(f.start, f.end, f.token, f.reason, f.other) for f in broken_frames(doc, para)]
        out.extend(_merge(found))
    return out


#: the odd half of a doubled-across token is a term of the article when it occurs this many
#: times more elsewhere
TERM_RECURRENCES = 2


def _term_met(doc: Document, f: Salad) -> bool:
    """A word running into a term the article prints elsewhere too (西藏|藏中联网, a name
    after a title ending in its surname): two words meeting, not a character tangled in."""
    if f.reason != "double-across":
        return False
    text = doc.text[f.start : f.end]
    j = next((i for i in range(len(text) - 1) if text[i] == text[i + 1]), None)
    if j is None:
        return False
    index = doc.text_index()
    for half, at in ((text[j + 1 :], f.start + j + 1), (text[: j + 1], f.start)):
        if len(half) >= 2 and _odd(half) and len([p for p in index.positions(half) if p != at]) >= TERM_RECURRENCES:
            return True
    return False


def _merge(found: list[Salad]) -> list[Salad]:
    """Drop a finding that overlaps an earlier (or a smaller) one of the same paragraph."""
    kept: list[Salad] = []
    for f in sorted(found, key=lambda f: (f.end - f.start, f.start)):
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


#: Suffixes of place and unit names, which the next word often repeats (某某村|村民, 某某厂|厂长).
_SUFFIXES = frozenset(ADMIN_SUFFIX_CHARS + "村州盟厂场站队社所院校港湾街路")


#: what points before a measure word (每列, 这家, 各位); numerals count only before a known one
_DETERMINERS = frozenset("每各这那哪几")


def _classifier_phrase(tok: str) -> bool:
    """A determiner or numeral and a measure word, glued by jieba (每列, 这家, 三台)."""
    if len(tok) != 2:
        return False
    return tok[0] in _DETERMINERS or (tok[0] in NUMERAL_CHARS and tok[1] in measure_chars())


def _verb_doubled(tok: str) -> bool:
    """A doubled verb or adjective with its object (湿湿脚, 洗洗手): VV + O is a word pattern."""
    from zhcheck.rules.lang import langmodel as lm

    return tok[0] == tok[1] and lm.load().tag(tok[0]) in ("v", "a")


def _name_after_title(title: str, token: str) -> bool:
    """Is `token` a personal name (two or three characters, the first one that starts names)
    after a title (主任|任丽华, 校长|长孙…): the title's last character is the surname, no copy."""
    from zhcheck.rules.lang.lexicon import surname_before_title

    return 2 <= len(token) <= 3 and surname_before_title(token[0], title)


def _odd_tokens(words: list[tuple[str, int, int]]) -> list[Salad]:
    """v1: odd tokens tangled with a repeated character."""
    out: list[Salad] = []
    for k, (tok, s, e) in enumerate(words):
        if len(tok) < 2:
            continue
        prev = words[k - 1] if k else None
        nxt = words[k + 1] if k + 1 < len(words) else None
        # cheap tests first: is the token tangled with a repeated character at all?
        before = prev is not None and prev[0][-1] == tok[0]
        after = nxt is not None and nxt[0][0] == tok[-1]
        inside = len(tok) >= 3 and any(a == b for a, b in itertools.pairwise(tok))
        if not (before or after or inside) or not _odd(tok):
            continue
        # spared: a lone copy of the character (人年|年: ABB), a place or unit suffix (某某村|村民),
        # a compound across a word boundary (出库|库点, 带教|教师)
        if before and _name_after_title(prev[0], tok):
            continue  # 办公室主任|任丽华: a title, then a name starting with the title's last character
        if before and not _strong(prev[0]) and prev[0] != tok[0] and tok[0] not in _SUFFIXES:
            if not _boundary_compound(tok, prev[0], (_word(words, k - 2), _word(words, k + 1))):
                out.append(Salad(prev[1], e, prev[0] + tok, "double-across"))
        elif after and _classifier_phrase(tok):
            continue  # 每列|列车, 这家|家具店: a measure word, then a noun that starts with it
        elif after and not _strong(nxt[0]) and nxt[0] != tok[-1] and tok[-1] not in _SUFFIXES:
            if not _boundary_compound(tok, nxt[0], (_word(words, k - 1), _word(words, k + 2)), unit=True):
                out.append(Salad(s, nxt[2], tok + nxt[0], "double-across"))
        elif inside and not (_name_like(tok) or tok[-1] == tok[-2] or _verb_doubled(tok)):  # ABB: 喜吟吟
            out.append(Salad(s, e, tok, "double-inside"))
    return out


# --- model-based tests --------------------------------------------------------------

#: Minimum `deletion_gain` (nats) of the first copy of a repeated word.
#: Clean news (corpus/clean): at most 1.5; word salad of seed 000: 4.8.
INTRUSION_GAIN = 3.0
#: Order test of one sentence (`order_gain` per junction, nats): at least this many
#: words and at most this gain. The lowest clean sentence of 12+ words scores -0.16 on
#: corpus/clean (5,200 sentences) and -0.32 on seed 002; about 5% of sentences whose
#: clauses were randomly reordered score below -0.45.
SENTENCE_MIN_WORDS = 12
SENTENCE_GAIN = -0.45
#: Order test of a whole paragraph of at least PASSAGE_MIN_WORDS words: the lowest clean
#: paragraph scores 0.06 (corpus/clean, 1,970 paragraphs) and 0.24 (seed 002); about
#: 40% of randomly reordered paragraphs score below -0.05.
PASSAGE_MIN_WORDS = 30
PASSAGE_GAIN = -0.05
#: Cheap pre-checks before the order tests: the mean PMI of the junctions as written.
#: Clean paragraphs (sentences): median 0.46 (0.45), 2% (6%) below the pre-check; reordered
#: paragraphs (sentences) that fail the order test: at most -0.29 (-0.66).
PASSAGE_PMI = -0.15
SENTENCE_PMI = -0.5
#: Pre-selection (no segmentation otherwise): a paragraph (or else a sentence) is judged
#: when it has PASSAGE_MIN_CHARS (SENTENCE_MIN_CHARS) characters and PASSAGE_EDGES
#: (SENTENCE_EDGES) places where a particle opens or a preposition closes a clause
#: (`_EDGE`). Fluent text rarely has them: 10% of clean paragraphs have one, 1% two;
#: of randomly reordered paragraphs 67% have one, 35% two.
SENTENCE_MIN_CHARS = 18
SENTENCE_EDGES = 2
PASSAGE_MIN_CHARS = 50
PASSAGE_EDGES = 1

_REPEAT = lazy(r"([\u4e00-\u9fff]{2})[\u4e00-\u9fff]{1,4}?\1[\u4e00-\u9fff]")
# a particle opening a clause, or a preposition/conjunction closing one
_EDGE = lazy(r"(?:^|[，。；：、！？,;:!?])[的了着们地得之]|[在把被对和与从向将及的之][，。；：、！？,;:!?]")
_SENTENCE_END = lazy(f"[{re.escape(SENTENCE_END)}]")


def _has_edges(text: str, n: int) -> bool:
    """Does `text` have at least `n` places `_EDGE` matches (counted as `findall` counts
    them; the search stops at the n-th)?"""
    return sum(1 for _ in itertools.islice(_EDGE.finditer(text), n)) >= n


def _clauses(words: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Runs of (word, start, end) between punctuation, quotation marks skipped (as in the model)."""
    from zhcheck.rules.lang import langmodel as lm

    return lm.clauses(words, key=lambda w: w[0])


#: Parts of speech of a single word between a word and the longer word that repeats it that
#: make the two a construction of their own: a conjunction (企业及企业家) or a preposition
#: (到小学给小学生讲课) links two phrases, the first copy is one of them, not an intruder
_LINKING_TAGS = frozenset({"c", "p"})


def _intrusions(words: list[tuple[str, int, int]]) -> list[Salad]:
    """A word repeated at the start of a longer word one or two words later, where the first copy intrudes."""
    from zhcheck.rules.lang import langmodel as lm

    out: list[Salad] = []
    for clause in _clauses(words):
        toks = [w for w, _, _ in clause]
        for i, w in enumerate(toks):
            if len(w) < 2:
                continue
            j = _repeated_at(toks, i)  # rare: asked before the characters
            if not j or not all(is_cjk(c) for c in w):
                continue
            if j == i + 2 and lm.load().tag(toks[i + 1]) in _LINKING_TAGS:
                continue  # 平台及平台车主, 到小学给小学生: two phrases linked, no copy dropped in
            if lm.load().deletion_gain(toks, i) >= INTRUSION_GAIN:
                out.append(Salad(clause[i][1], clause[j][2], w, "intrusion", toks[j]))
    return out


def _repeated_at(toks: list[str], i: int) -> int:
    """The index of the first longer word one or two words after `toks[i]` that starts with it (0: none)."""
    w = toks[i]
    return next((j for j in (i + 1, i + 2) if j < len(toks) and len(toks[j]) > len(w) and toks[j].startswith(w)), 0)


def _sentences(words: list[tuple[str, int, int]]) -> list[list[list[tuple[str, int, int]]]]:
    """The paragraph's sentences, each a list of clauses of (word, start, end): the words cut
    after each token holding a sentence end, each sentence cut as `_clauses` cuts (one pass)."""
    from zhcheck.rules.lang.langmodel import is_boundary, is_transparent

    out: list[list[list[tuple[str, int, int]]]] = []
    clauses: list[list[tuple[str, int, int]]] = []  # the sentence's so far
    clause: list[tuple[str, int, int]] = []
    for tok in words:
        w = tok[0]
        if w and "\u3400" <= w[0] <= "\u9fff":  # a word of CJK ideographs ends neither
            clause.append(tok)
            continue
        if not is_transparent(w):
            if not is_boundary(w):
                clause.append(tok)
            elif clause:
                clauses.append(clause)
                clause = []
        if _SENTENCE_END.search(w):
            if clause:
                clauses.append(clause)
                clause = []
            if clauses:
                out.append(clauses)
                clauses = []
    if clause:
        clauses.append(clause)
    if clauses:
        out.append(clauses)
    return out


def _scrambled(words: list[tuple[str, int, int]]) -> list[Salad]:
    """Sentences whose word order the model finds no better than a random reordering."""
    from zhcheck.rules.lang import langmodel as lm

    model = lm.load()
    sentences = _sentences(words)
    sizes = [sum(len(c) for c in s) for s in sentences]
    if sum(sizes) < SENTENCE_MIN_WORDS:
        return []

    texts = [[[w for w, _, _ in c] for c in s] for s in sentences]
    pmis = [sum(sum(model.junction_pmis(c)) for c in s) for s in texts]
    junctions = [sum(len(c) + 1 for c in s) for s in sentences]
    passage = sum(sizes) >= PASSAGE_MIN_WORDS and sum(pmis) / sum(junctions) <= PASSAGE_PMI
    gains: dict[int, list[float]] = {}
    for k in range(len(sentences)):
        if passage or (sizes[k] >= SENTENCE_MIN_WORDS and pmis[k] / junctions[k] <= SENTENCE_PMI):
            gains[k] = [model.order_gain(c)[0] for c in texts[k]]
    if passage and sum(map(sum, gains.values())) / sum(junctions) > PASSAGE_GAIN:
        passage = False  # the paragraph as a whole reads fine: judge sentences alone
    out: list[Salad] = []
    for k, g in gains.items():
        own = sum(g) / junctions[k]
        if (passage and own <= 0) or (sizes[k] >= SENTENCE_MIN_WORDS and own <= SENTENCE_GAIN):
            bad = [c for c, x in zip(sentences[k], g, strict=True) if x < 0] or sentences[k]
            out.append(Salad(bad[0][0][1], bad[-1][-1][2], "", "scrambled"))
    return out


_DOUBLE = lazy(r"([\u4e00-\u9fff])\1")
#: Characters that turn a doubled character into an adverb or adjective (滂滂然, 慢慢地, 红红的, 宝宝儿),
#: or follow a doubled pet name (秀秀家).
_REDUP_SUFFIX = "然地的儿家"


def _reduplicated(text: str, start: int, end: int) -> bool:
    """True when every doubled character of text[start:end] is legitimate reduplication.

    Productive reduplication patterns of Chinese that scrambled text does not
    form: AABB (愉愉快快, 鲜鲜亮亮), 一 + doubled classifier (一尾尾, 一排排),
    doubled digits inside a numeral (五一一厂), AA + 然/地/的/儿/家 (滂滂然, 秀秀家).
    """
    for m in _DOUBLE.finditer(text, max(0, start - 1), min(len(text), end + 1)):
        i, c = m.start(), m.group(1)
        before = text[i - 1] if i else ""
        after = text[i + 2] if i + 2 < len(text) else ""
        aabb = (after and after == text[i + 3 : i + 4]) or (i >= 2 and before == text[i - 2])
        numeral = c in NUMERAL_CHARS and bool(
            (before and before in NUMERAL_CHARS) or (after and after in NUMERAL_CHARS)
        )
        if not (aabb or before == "一" or numeral or (after and after in _REDUP_SUFFIX)):
            return False
    return True


def _suspicious(text: str) -> bool:
    """Cheap pre-filter: a doubled character with a never-seen character pair within 2 characters."""
    from zhcheck.rules.lang.charstats import seen

    for m in _DOUBLE.finditer(text):
        window = text[max(0, m.start() - 2) : m.end() + 2]
        if any(is_cjk(a) and is_cjk(b) and not seen(a, b) for a, b in itertools.pairwise(window) if a != b):
            return True
    return False


def _word(words: list[tuple[str, int, int]], k: int) -> str:
    return words[k][0] if 0 <= k < len(words) else ""


def _boundary_compound(tok: str, neighbour: str, flanks: tuple[str, str], unit: bool = False) -> bool:
    """Two words that meet in a shared character (出库|库点, 三矿|矿长, 带教|教师): jieba's cut
    puts the boundary between the two copies, the neighbour is a dictionary word, the odd
    token a two-character coinage in its own order, and on either side of the pair the
    clause ends or a word or a linking particle stands (`flanks`: the tokens before and after it).
    A three-character coinage may end in the shared character when the word after it is a
    noun: a body or unit named by jieba's HMM and its meeting or head (部务会|会议, 某某班|班长).
    Scrambled text reverses a word (拉近|近远 for 远近) or leaves a stray character beside
    the pair (网红|红绿|歌)."""
    if not _known(neighbour) or _known(tok[::-1]):
        return False
    if len(tok) != 2 and not (unit and len(tok) == 3 and _head_noun(neighbour)):
        return False
    return all(not w or not is_cjk(w[0]) or len(w) >= 2 or _particle(w) for w in flanks)


#: jieba tags of single characters that link words: conjunctions, prepositions, particles
_LINK_TAGS = frozenset({"c", "p", "u", "uj", "ul", "ud", "uz", "ug", "uv", "y"})


def _head_noun(word: str) -> bool:
    """A two-character dictionary noun (会议, 班长): what follows the name of a body or unit."""
    from zhcheck.rules.lang import langmodel as lm

    return len(word) == 2 and lm.jieba_tag(word) in ("n", "nr", "nt")


def _particle(ch: str) -> bool:
    from zhcheck.rules.lang import langmodel as lm

    return lm.jieba_tag(ch) in _LINK_TAGS


def _strong(token: str) -> bool:
    """A dictionary word of three or more characters: its first character is in place."""
    return len(token) >= 3 and _known(token)
