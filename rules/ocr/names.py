"""Names one glyph off a real one (O101): candidates, look-alike targets, ranking.

A candidate is a run of Han characters that ends in a name suffix (县, 镇, 河,
实验室, …) and that no dictionary knows. Its targets are real names of the
same shape that differ from it in one character of the name part: divisions
of the article's own region (scanned exhaustively, so even a weak look-alike
is found), and anywhere in the country through look-alike characters of the
glyph-similarity data. Each target is scored by glyph similarity, the
article's locale, whether the article prints the target elsewhere, and the
target's rank (counties over townships).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from zhcheck.document import Document, Kind, Paragraph
from zhcheck.lazyre import lazy
from zhcheck.rules.lang import charlm
from zhcheck.rules.lang.gazetteer import Place
from zhcheck.rules.lang.glyphs import neighbours, ocr_confusion, similarity
from zhcheck.rules.lang.lexicon import (
    cached_trie,
    gazetteer,
    is_known,
    known_freq,
    place_freq,
    place_words,
    pos_tag,
    rules_data,
    segment_dict,
    t2s_table,
    word_freq,
)
from zhcheck.rules.lang.vocab import ADMIN_SUFFIX_CHARS, DIRECTION_CHARS
from zhcheck.rules.ocr.locale import MENTIONS, Locale, infer_locale, mentions
from zhcheck.rules.ocr.variants import variant_chars
from zhcheck.textindex import PatchedIndex, TextIndex
from zhcheck.textutil import CJK_CLASS

ADMIN = "admin"
FEATURE = "feature"
ORG = "org"

#: suffix -> (kind, name-part lengths tried)
SUFFIXES: dict[str, tuple[str, range]] = {
    **{s: (ADMIN, range(1, 5)) for s in ADMIN_SUFFIX_CHARS},
    "街道": (ADMIN, range(2, 5)),
    **{s: (ADMIN, range(2, 9)) for s in ("自治区", "自治州", "自治县", "自治旗")},
    "特别行政区": (ADMIN, range(2, 3)),
    **{s: (FEATURE, range(1, 4)) for s in ("河", "江", "湖", "山", "岭", "峰", "溪", "渠", "淀")},
    **{s: (ORG, range(2, 5)) for s in ("水库", "实验室", "集团", "大道", "大学", "机场")},
}
SUFFIX_RE = lazy("|".join(sorted(map(re.escape, SUFFIXES), key=len, reverse=True)))
_HAN_TAIL = lazy(f"[{CJK_CLASS}]*$")

#: below these glyph similarities a target is not considered
MIN_SIM_LOCAL = 0.3
MIN_SIM_GLOBAL = 0.55
#: a finding needs at least this score (similarity plus evidence)
THRESHOLD = 0.95
#: glyph similarity at which a character is misread without any other evidence (己/已)
_NEAR_IDENTICAL = 0.8
#: support from another misprint of the same name in the document
_SHARED = 0.15
#: single characters rarer than this (jieba frequency) are unusual in names
_RARE = 30
#: a division named right before the candidate contains the target (江苏盐城|射阳县)
_PARENT = 0.35
_PARENT_PROVINCE = 0.25
#: an unknown division name one close look-alike from exactly one real county or above
_UNIQUE = 0.25
_UNIQUE_SIM = 0.6
_UNIQUE_SIM_LONG = 0.55
_UNIQUE_PER_CHAR = 0.05
#: the least similarity of a target in the province named right before a candidate
MIN_SIM_PROVINCE = 0.45
_OTHER_SIM = 0.45
#: below this similarity a river or mountain name (lists of which are never complete)
#: needs another misprint of the same name in support, not only the look-alike
_WEAK_FEATURE = 0.45


#: single characters that, before a suffix, make a phrase rather than a name
#: (在县, 全市, 入湖, 沿江, 该区)
_GENERIC_HEADS = frozenset("本该各每全此这那某哪其在于从向到对和与及或跨出入进赴离回返沿环临近过下上游登绕护引调大小")
#: what follows a suffix used as a common noun (县人民医院, 市政府, 区委)
_GENERIC_FOLLOWERS = (
    "人民",
    "医院",
    "中医院",
    "政府",
    "中学",
    "小学",
    "一中",
    "二中",
    "第",
    "委",
    "级",
    "直",
    "属",
    "财政",
    "公安",
    "法院",
    "检察",
    "教育",
    "卫生",
    "电视",
    "融媒体",
    "文化",
    "图书馆",
    "博物馆",
    "领导",
    "干部",
    "长",
)
#: a word this frequent ending a candidate makes it read as a phrase (城市, 城区)
_COMMON_WORD = 1000
#: the levels of divisions (地区, 州, 市, …): a string of them is a coordination
_LEVEL_CHARS = frozenset(ADMIN_SUFFIX_CHARS + "州盟地村")
#: a one-character name part this frequent as a word needs the target printed elsewhere
_COMMON_HEAD = 5000


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    text: str
    core: str
    suffix: str
    kind: str
    #: the suffix starts a longer word (淇河|区域): a weaker reading as a name
    glued: bool = False
    #: codes of the division named right before the candidate (江苏盐城|射阳县)
    parents: tuple[str, ...] = ()
    #: the text reads as ordinary words around it (占|城区, 给|城市, 全村|乡亲)
    phrase: bool = False


@dataclass(frozen=True)
class Match:
    """A real name the candidate may be a misprint of."""

    candidate: Candidate
    target: str
    position: int  # index of the differing character in candidate.text
    similarity: float
    score: float
    codes: tuple[str, ...]
    in_doc: int  # how often the article prints the target
    near_parent: bool = False  # the target lies in the division named right before the candidate

    @property
    def wrong(self) -> str:
        return self.candidate.text[self.position]

    @property
    def right(self) -> str:
        return self.target[self.position]


#: a document with more variant characters than this is normalised as a whole (a second
#: text and occurrence index); with fewer, the document's own index answers, corrected
#: around the normalised positions
PATCH_MAX = 10_000


def normalised_index(doc: Document) -> TextIndex | PatchedIndex:
    """The occurrence index of the document with traditional/variant characters mapped to
    simplified ones (the document's own when nothing was normalised)."""

    def index() -> TextIndex | PatchedIndex:
        table = t2s_table()
        patch: dict[int, str] = {}
        for m in variant_chars().finditer(doc.text):
            simple = table[m.group()]
            if simple != m.group():
                patch[m.start()] = simple
                if len(patch) > PATCH_MAX:
                    return TextIndex(doc.text.translate(_t2s_translation()))
        return PatchedIndex(doc.text_index(), patch) if patch else doc.text_index()

    return doc.memo("ocr.normalised_index", index)


def normalised_count(doc: Document, sub: str) -> int:
    """How often the normalised document prints `sub` (`normalised_text(doc).count(sub)`)."""
    return normalised_index(doc).count(sub)


@functools.cache
def _t2s_translation() -> dict[int, str]:
    return {ord(a): b for a, b in t2s_table().items()}


_JOINERS = lazy("[、，,和与及或至到]")


class Offsets:
    """A set of document offsets within one paragraph, kept as a byte per position (a set
    of ints costs some 50 bytes an entry, and a long document has one per word)."""

    __slots__ = ("base", "mask")

    def __init__(self, base: int, length: int, mask: bytearray | None = None) -> None:
        self.base = base
        self.mask = mask if mask is not None else bytearray(length + 1)

    def add(self, offset: int) -> None:
        self.mask[offset - self.base] = 1

    def update(self, offsets: Iterable[int]) -> None:
        mask, base = self.mask, self.base
        for x in offsets:
            mask[x - base] = 1

    def copy(self) -> Offsets:
        return Offsets(self.base, 0, bytearray(self.mask))

    def __contains__(self, offset: object) -> bool:
        i = offset - self.base  # type: ignore[operator]
        return 0 <= i < len(self.mask) and self.mask[i] == 1


def boundaries(doc: Document, para: Paragraph) -> Offsets:
    """Where a name may start or end (document offsets): jieba's word boundaries,
    the ends of division names (昌都市|江达县) and the positions after joiners."""

    def compute() -> Offsets:
        out = Offsets(para.start, para.end - para.start)
        out.update((para.start, para.end))
        out.update(map(itemgetter(2), doc.words(para)))  # the words tile the paragraph: each starts where one ends
        full = gazetteer().full
        for s, e, name in mentions(doc, para):
            if e - s >= 3 and name in full:
                out.add(para.start + e)
        out.update(para.start + m.end() for m in _JOINERS.finditer(para.text))
        return out

    return doc.memo(("ocr.bounds", para.index), compute)


def soft_boundaries(doc: Document, para: Paragraph) -> Offsets:
    """`boundaries` plus the inner positions of words jieba made up for unknown text
    (its HMM joins a misprint with its neighbour: 要同|共|语言 for 要共同语言)."""

    def compute() -> Offsets:
        out = boundaries(doc, para).copy()
        for w, s, e in doc.words(para):
            if e - s > 1 and not word_freq(w):
                out.update(range(s + 1, e))
        return out

    return doc.memo(("ocr.soft_bounds", para.index), compute)


def candidates(doc: Document, para: Paragraph) -> list[Candidate]:
    """Unknown names in a paragraph: a name part plus a suffix, at word boundaries
    (computed once per paragraph: O101 and O301 share them)."""
    return doc.memo(("ocr.candidates", para.index), lambda: list(_candidates(doc, para)))


def _candidates(doc: Document, para: Paragraph) -> Iterator[Candidate]:
    text = para.text
    bounds: Offsets | None = None
    variants_at = [v.start() for v in variant_chars().finditer(text)]  # usually none
    for m in SUFFIX_RE.finditer(text):
        suffix = m.group()
        kind, lengths = SUFFIXES[suffix]
        tail = _HAN_TAIL.search(text, max(0, m.start() - lengths[-1]), m.start())
        room = m.start() - tail.start() if tail else 0
        if not room:
            continue  # no name part before the suffix
        if bounds is None:
            bounds = boundaries(doc, para)
        # 市委, 县长: the suffix starts an organ of the division, not another word
        glued = (
            para.start + m.end() not in bounds
            and not text.startswith(_GENERIC_FOLLOWERS, m.end())
            and not _starts_made_up_word(doc, para, para.start + m.start())
        )
        if glued and (kind != ADMIN or para.start + m.start() not in bounds):
            continue  # a glued suffix (山|区, 河|流) makes a candidate of no length (see below)
        known = _KnownNames(text, m.start(), m.end(), kind)
        starts: list[int] = []  # the lengths (>= 2) so far whose name starts at a boundary
        for n in lengths:
            s = m.start() - n
            if n > room:
                break
            name = text[s : m.end()]
            core = name[:n]
            if variants_at and any(s <= j < m.end() for j in variants_at):
                break  # traditional/variant characters are O102's business
            at_start = para.start + s in bounds
            if n >= 2 and at_start:
                starts.append(n)
            # the cheap tests first: most lengths fail one, and need no dictionary
            if not at_start:
                continue
            if glued and n < 2:
                continue
            if _LEVEL_CHARS.issuperset(name):
                continue  # levels of divisions in a row (地州市, 省市县), not a name
            if s > 0 and text[s - 1].isdigit():
                continue  # a number's unit or year (1997年|城镇)
            if n == 1 and (core in _GENERIC_HEADS or text.startswith(_GENERIC_FOLLOWERS, m.end())):
                continue
            if known(n):
                continue
            if kind != ORG and any(known(k) for k in starts if k < n):
                # a longer string around a known name that starts a word and has a real
                # name part (长沙市 in 在长沙市) is no candidate; around 平镇 in
                # 犬平镇, or 头桥镇 inside the word 乌头|桥镇, it may be one
                continue
            if any(known(k) for k in lengths if n < k <= room and k >= 2):
                continue  # the end of a longer known name (坬镇 in 朱家坬镇) is no candidate
            phrase = glued or _reads_as_phrase(doc, para, para.start + s, para.start + m.start(), para.start + m.end())
            yield Candidate(
                para.start + s,
                para.start + m.end(),
                name,
                core,
                suffix,
                kind,
                glued,
                _parents(doc, para, s),
                phrase,
            )


class _KnownNames:
    """Whether the name of each length before a suffix is known (`is_known_name`), looked
    up when first asked: most lengths are ruled out by cheaper tests first."""

    __slots__ = ("end", "kind", "known", "suffix", "text")

    def __init__(self, text: str, suffix: int, end: int, kind: str) -> None:
        self.text, self.suffix, self.end, self.kind = text, suffix, end, kind
        self.known: dict[int, bool] = {}

    def __call__(self, n: int) -> bool:
        """Is the name with a name part of `n` characters known?"""
        found = self.known.get(n)
        if found is None:
            s = self.suffix - n
            found = self.known[n] = is_known_name(self.text[s : self.end], self.text[s : self.suffix], self.kind)
        return found


def _starts_made_up_word(doc: Document, para: Paragraph, start: int) -> bool:
    """True when a word no dictionary knows starts at document offset `start`: jieba's
    HMM glued the suffix there to what follows (膜|河来), which ends no word."""
    words = doc.words(para)
    k = bisect.bisect_left(words, start, key=itemgetter(1))  # the words tile the paragraph: starts ascend
    return k < len(words) and words[k][1] == start and len(words[k][0]) > 1 and not word_freq(words[k][0])


def _reads_as_phrase(doc: Document, para: Paragraph, start: int, suffix: int, end: int) -> bool:
    """True when the candidate ends in a common word that starts inside its name part
    (占|城区, 给|城市): the text reads as a phrase before it reads as a misprinted name."""
    words = doc.words(para)
    k = bisect.bisect_left(words, end, key=itemgetter(2))  # the words tile the paragraph: ends ascend
    if k == len(words) or words[k][2] != end:
        return False
    w, s, _e = words[k]
    return start < s < suffix and word_freq(w) >= _COMMON_WORD


#: a multi-character word of a candidate's split must be this frequent (jieba) to count
_PHRASE_WORD = 50


def printed_words(name: str, suffix: str) -> int:
    """How plausible a candidate is as ordinary words: the least frequency of the words of its
    dictionary cut when it splits into at least one word of two or more characters and
    otherwise common single characters or its suffix (在|营区, 通过|市, 离|集镇, 斑竹|镇);
    0 when it does not (浙|川|县 reads as no words)."""
    parts = segment_dict(name)
    if len(parts) < 2 or all(len(p) == 1 for p in parts):
        return 0
    least = None
    for p in parts:
        f = word_freq(p)
        if len(p) == 1:
            if p != suffix and f < _COMMON_HEAD:
                return 0
            continue
        if f < _PHRASE_WORD:
            return 0
        least = f if least is None else min(least, f)
    return least or 0


def _reads_as_better_known_words(m: Match) -> bool:
    """Does the candidate split into dictionary words better known than the target (在|营区,
    通过|市, 离|集镇 beside little-known divisions)? Then it needs the article's own
    evidence. A listed item (no suffix) is judged by its list alone."""
    cand = m.candidate
    return bool(cand.suffix) and printed_words(cand.text, cand.suffix) > recognisability(m.target)


def recognisability(target: str) -> int:
    """How well known a target name is: its frequency as a word or as a place name."""
    return max(known_freq(target), place_freq(target))


def _reads_as_words(target: str, suffix: str) -> bool:
    """Do the article's prints of `target` read as ordinary words rather than the name? Its
    dictionary cut joins the suffix to the end of the name part (高|城镇), and those words
    are better known than the name. A word before a suffix of its own (和平|镇, 光明|区) is
    how names are made: those prints still name the place."""
    last = segment_dict(target)[-1]
    return len(last) > len(suffix) and printed_words(target, suffix) > recognisability(target)


def _parents(doc: Document, para: Paragraph, start: int) -> tuple[str, ...]:
    """Codes (province, prefecture or county) of the division whose name ends right
    before paragraph offset `start` (江苏|盐城|射阳县: 3209); none when the name is
    ambiguous (more than two such divisions)."""
    ends = doc.memo(
        ("ocr.parents", para.index), lambda: _mention_ends(doc, para), MENTIONS
    )  # read by `_candidates` only
    name = ends.get(start)
    if name is None:
        return ()
    codes = [c for c in gazetteer().codes(name) if len(c) <= 6]
    return tuple(codes) if len(codes) <= 2 else ()


def _mention_ends(doc: Document, para: Paragraph) -> dict[int, str]:
    """The division names of two or more characters the paragraph mentions, by their ends."""
    return {e: name for s, e, name in mentions(doc, para) if e - s >= 2}


def is_known_name(name: str, core: str, kind: str) -> bool:
    """True when a dictionary, the gazetteer or (for an organisation) the place in its name knows it."""
    if is_known(name):
        return True
    if kind == ORG:
        # the name part of an organisation is itself a place (岳麓 in 岳麓书院)
        return gazetteer().is_name(core) or pos_tag(core) == "ns"
    return False


#: a name of pycorrector's place list this frequent is a place name (`_is_place_name`)
_PLACE_FREQ = 200


@functools.lru_cache(maxsize=1 << 16)
def _is_place_name(text: str) -> bool:
    return gazetteer().is_name(text) or pos_tag(text) == "ns" or place_freq(text) >= _PLACE_FREQ


#: the wildcard of the division-name index (marisa keys cannot hold NUL)
_WILD = "?"
#: the longest names in the wildcard index
_MAX_WILD_LEN = 8


def _wildcard_records() -> list[tuple[str, tuple[int, int]]]:
    """Every division name and short form under every one-character wildcard:
    ('岳?区', (row of 岳麓区, 1)); 1 marks an official name, 0 a short form."""
    out = []
    for row, (_code, name, short) in enumerate(gazetteer().in_region("")):
        for form, official in ((name, 1), (short, 0)):
            if form and 2 <= len(form) <= _MAX_WILD_LEN:
                out.extend((form[:i] + _WILD + form[i + 1 :], (row, official)) for i in range(len(form)))
    return out


@functools.cache
def _wildcards() -> Any:
    """marisa trie of `_wildcard_records`, cached on disk per gazetteer file version."""
    st = rules_data("gazetteer.tsv.gz").stat()
    return cached_trie(f"ocr-gaz-wildcards-v2-{st.st_size}-{st.st_mtime_ns}", "<IB", _wildcard_records)


#: the longest probes of feature and organisation candidates in `_place_wildcards`: a
#: feature's whole text, an organisation's name part
_PLACE_WILD_LEN = max(max(n) + (len(s) if k == FEATURE else 0) for s, (k, n) in SUFFIXES.items() if k != ADMIN)


def _place_wildcard_records() -> list[tuple[str, tuple[int]]]:
    """Every string `_is_place_name` accepts (gazetteer names, short forms and toponyms;
    dictionary words tagged ns; frequent place names) of 2 to _PLACE_WILD_LEN characters
    under every one-character wildcard (岳?, ?麓)."""
    names = {*gazetteer().names(), *place_words(_PLACE_FREQ)}
    keys = {n[:i] + _WILD + n[i + 1 :] for n in names if 2 <= len(n) <= _PLACE_WILD_LEN for i in range(len(n))}
    return [(key, (1,)) for key in sorted(keys)]


@functools.cache
def _place_wildcards() -> Any:
    """marisa trie of `_place_wildcard_records`, cached on disk per lexicon and gazetteer version."""
    stamps = "-".join(_file_stamp(rules_data(name)) for name in ("gazetteer.tsv.gz", "toponyms.txt"))
    return cached_trie(f"ocr-place-wildcards-v1-{stamps}", "<B", _place_wildcard_records)


def _file_stamp(path: Path) -> str:
    """A file's size and modification time (0 when it is missing), for a cache file's name."""
    if not path.exists():
        return "0"
    st = path.stat()
    return f"{st.st_size}-{st.st_mtime_ns}"


def _in_regions(key: str, regions: tuple[str, ...]) -> Iterator[tuple[str, bool]]:
    """(form, official) of the names of `regions` that match the wildcard `key`."""
    groups = _wildcard_groups(key)
    if len(regions) == 1 and len(regions[0]) >= 2:
        # one province or prefecture (or a division inside one): only its own entries
        region = regions[0]
        entries = groups.get(region[:4] if len(region) >= 4 else region[:2], ())
        regions = region if len(region) not in (2, 4) else ""
    else:
        entries = groups.get("", ())
    for code, form, official in entries:
        if code.startswith(regions):
            yield form, official


@functools.lru_cache(maxsize=16384)
def _wildcard_groups(key: str) -> dict[str, list[tuple[str, str, bool]]]:
    """The names matching the wildcard `key` as (code, form, official), in index order, all
    of them under "" and grouped by province ("41") and prefecture ("4104"): a name like
    ?县 matches hundreds of divisions, of which a region holds a handful."""
    gaz = gazetteer()
    groups: dict[str, list[tuple[str, str, bool]]] = {"": []}
    for row, official in _wildcards().get(key, ()):
        code, name, short = gaz.row(row)  # (not in_region(""): all 45,000 rows as tuples, for a few hundred)
        entry = (code, name if official else short, bool(official))
        groups[""].append(entry)
        for prefix in {code[:2], code[:4]}:
            groups.setdefault(prefix, []).append(entry)
    return groups


def _local_regions(cand: Candidate, locale: Locale) -> list[tuple[str, float]]:
    """Regions to scan exhaustively, with the least glyph similarity a target there needs:
    the article's, and the division named right before the candidate (a province only for
    counties and above, and only with closer look-alikes: it has many divisions)."""
    township = cand.suffix in ("镇", "乡", "街道")
    out = {r: MIN_SIM_LOCAL for r in locale.regions()}
    for c in cand.parents:
        if len(c) >= 4:
            out[c] = MIN_SIM_LOCAL
        elif not township:
            out.setdefault(c, MIN_SIM_PROVINCE)
    return list(out.items())


def _targets_local(
    cand: Candidate, locale: Locale, positions: Sequence[int] | None = None
) -> Iterator[tuple[int, str, tuple[str, ...], float]]:
    """(position, target, codes, least similarity) from the divisions of the article's
    regions. Admin candidates match official names with their suffix; features (rivers,
    mountains) also short forms (岳麓 of 岳麓区); organisations any name part (岳麓 of 岳麓街道).
    Only the given `positions` of the name part (default: all) are varied."""
    gaz = gazetteer()
    seen: set[str] = set()
    probe = cand.core if cand.kind == ORG else cand.text
    for region, min_sim in _local_regions(cand, locale):
        for i in range(len(cand.core)) if positions is None else positions:
            for form, official in _in_regions(probe[:i] + _WILD + probe[i + 1 :], (region,)):
                if form in seen or form == probe or (cand.kind == ADMIN and not official):
                    continue
                seen.add(form)
                target = form + cand.suffix if cand.kind == ORG else form
                yield i, target, tuple(gaz.codes(form)), min_sim


@functools.lru_cache(maxsize=8192)
def _look_alikes(ch: str) -> tuple[tuple[str, float], ...]:
    return tuple(neighbours(ch, MIN_SIM_GLOBAL))


def _targets_global(
    cand: Candidate, positions: Sequence[int] | None = None
) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(position, target, codes) through look-alike characters, anywhere; only the given
    `positions` of the name part (default: all) are varied."""
    gaz = gazetteer()
    for i in range(len(cand.core)) if positions is None else positions:
        for other, _score in _look_alikes(cand.core[i]):
            if cand.kind == ORG:
                core = cand.core[:i] + other + cand.core[i + 1 :]
                if _is_place_name(core):
                    yield i, core + cand.suffix, tuple(gaz.codes(core))
                continue
            target = cand.text[:i] + other + cand.text[i + 1 :]
            if cand.kind == ADMIN:
                if target in gaz.full:
                    yield i, target, tuple(gaz.full[target])
            elif _is_place_name(target):
                yield i, target, tuple(gaz.codes(target))


def find_names(doc: Document) -> list[Match]:
    """The best match of every confidently misprinted name in the document.

    Candidates are ranked one by one; then misprints that point at the same real
    name (a river and a district named after it, both one glyph off) support each
    other, and a finding nested inside another one (a river inside a town name) is
    dropped. Names in lists of counties are also checked without their suffix.
    """

    def compute() -> list[Match]:
        best: list[Match] = []
        for para in body_paragraphs(doc):
            for cand in candidates(doc, para):
                ranked = rank(doc, cand, threshold=THRESHOLD - _SHARED)
                if ranked:
                    best.append(ranked[0])
            best.extend(listed_names(doc, para))
        cores: dict[str, set[str]] = {}
        for m in best:
            cores.setdefault(_name_part(m), set()).add(m.candidate.text)
        out = []
        for m in best:
            shared = len(cores[_name_part(m)]) > 1
            if shared:
                m = replace(m, score=round(m.score + _SHARED, 3))
            elif m.candidate.kind == FEATURE and m.similarity < _WEAK_FEATURE:
                continue  # 泸山 is a real mountain near 凉山, not a misprint of it
            elif not (m.in_doc or m.near_parent) and (
                m.candidate.phrase or (m.candidate.kind == FEATURE and not m.codes) or _reads_as_better_known_words(m)
            ):
                # text that reads as words (全村|乡亲, 在|营区 beside a district 左营区 few
                # know), or a river or mountain known only from village names (刘王岭):
                # only the article's own evidence counts
                continue
            if m.score >= THRESHOLD:
                out.append(m)
        return [
            m
            for m in out
            if not any(
                o is not m and o.candidate.start <= m.candidate.start and m.candidate.end <= o.candidate.end
                for o in out
            )
        ]

    found = doc.memo("ocr.names", compute)
    doc.forget_family(MENTIONS)
    return found


# starting only where a run of characters starts: from inside a run the search fails in the
# same way, so the lookbehind changes no match but spares the quadratic retries
_LIST = lazy(f"(?<![{CJK_CLASS}])[{CJK_CLASS}]+(?:、[{CJK_CLASS}]+)+")
LISTED = "listed"


def listed_names(doc: Document, para: Paragraph) -> Iterator[Match]:
    """Items of an enumeration of counties (宁乡、浏阳、长沙县) printed without their suffix
    and one glyph off a county of the same prefecture as their known neighbours.

    Only inner items are judged (the first and last may be glued to other words),
    and only when at least two other items are counties of one prefecture.
    """
    if para.text.count("、") < 2:
        return  # no enumeration of three items
    for m in _LIST.finditer(para.text):
        items = m.group().split("、")
        if len(items) < 3:
            continue
        listed = set(items)
        suspects = [i for i in range(1, len(items) - 1) if _unknown_item(items[i], listed)]
        if not suspects:
            continue  # no inner item to judge: the list's counties need not be looked up
        region = _listed_prefecture(items)
        if not region:
            continue
        starts = list(itertools.accumulate((len(item) + 1 for item in items), initial=para.start + m.start()))
        for i in suspects:
            match = _listed_match(items[i], starts[i], region, doc, listed)
            if match:
                yield match


def _unknown_item(item: str, listed: set[str]) -> bool:
    """An item of a list that may be a county printed one glyph off: two or three simplified
    characters no dictionary knows, not a listed place with a direction."""
    table = t2s_table()
    return 2 <= len(item) <= 3 and not (is_known(item) or any(c in table for c in item) or _directed(item, listed))


def _listed_prefecture(items: list[str]) -> str:
    """The prefecture at least two items of a list name counties of ('' when none)."""
    gaz = gazetteer()
    prefectures: dict[str, int] = {}
    for i, item in enumerate(items):
        probe = _edge_name(item, first=i == 0, last=i == len(items) - 1)
        for pref in {c[:4] for c in gaz.codes(probe) if len(c) == 6}:
            prefectures[pref] = prefectures.get(pref, 0) + 1
    region = max(prefectures, key=prefectures.__getitem__, default="")
    return region if prefectures.get(region, 0) >= 2 else ""


def _directed(item: str, listed: set[str]) -> bool:
    """A listed place with a direction after it (某某南 beside 某某 and 某某北: toll gates,
    stations, exits): the list names the place itself, or the gazetteer knows it and another
    item is a known place with a direction too. A lone 某某南 among counties and cities
    (长沙县、宁乡南、浏阳市) is still a suffix read one glyph off."""
    if item[-1] not in DIRECTION_CHARS:
        return False
    if item[:-1] in listed:
        return True
    gaz = gazetteer()
    return gaz.is_name(item[:-1]) and any(
        other != item and other[-1:] in DIRECTION_CHARS and gaz.is_name(other[:-1]) for other in listed
    )


def _edge_name(item: str, first: bool, last: bool) -> str:
    """The name inside a list item: the end of the first item, the start of the last."""
    gaz = gazetteer()
    for n in range(min(len(item), 8), 1, -1):
        part = item[-n:] if first else item[:n] if last else item
        if gaz.is_name(part):
            return part
        if not (first or last):
            break
    return item


def _listed_match(item: str, start: int, region: str, doc: Document, listed: set[str]) -> Match | None:
    """The county of `region` whose short form or name is one look-alike off `item`
    (and not already an item of the same list)."""
    gaz = gazetteer()
    best: Match | None = None
    for code, name, short in gaz.in_region(region):
        if len(code) != 6:
            continue
        for form in (short, name):
            if not form or len(form) != len(item) or form in listed:
                continue
            diff = [k for k in range(len(item)) if form[k] != item[k]]
            if len(diff) != 1:
                continue
            k = diff[0]
            sim = similarity(item[k], form[k])
            if sim < MIN_SIM_LOCAL:
                continue
            in_doc = normalised_count(doc, form)
            # same prefecture, a county, listed among its siblings (+ printed elsewhere)
            score = sim + 0.35 + 0.1 + 0.15 + (0.3 if in_doc == 1 else 0.4 if in_doc else 0.0)
            if best is None or score > best.score:
                cand = Candidate(start, start + len(item), item, item, "", LISTED)
                best = Match(cand, form, k, sim, round(score, 3), (code,), in_doc)
    return best


def _name_part(m: Match) -> str:
    """The target without its suffix (岳麓 for 岳麓区 and for 岳麓)."""
    gaz = gazetteer()
    core = m.target[: len(m.target) - len(m.candidate.suffix)] if m.candidate.kind == ORG else m.target
    return gaz.short_of(core) or core


def _target_positions(cand: Candidate) -> Sequence[int]:
    """The positions of the name part where a target may differ from the candidate: those
    whose wildcard key (岳?区) has a name in the index the candidate's targets come from,
    official division names for an administrative candidate (local targets are official
    names, global ones names of `gazetteer().full`), every `_is_place_name` for a feature
    or an organisation (whose targets are places or their short forms); every position when
    the probe is longer than the index's names. Most candidates have none (大湾区, 推进乡,
    白马河): a few lookups spare the search for targets."""
    probe = cand.core if cand.kind == ORG else cand.text
    keys = ((i, probe[:i] + _WILD + probe[i + 1 :]) for i in range(len(cand.core)))
    if cand.kind == ADMIN:
        if len(probe) > _MAX_WILD_LEN:
            return range(len(cand.core))
        return [i for i, key in keys if _official_under(key)]
    if len(probe) > _PLACE_WILD_LEN:
        return range(len(cand.core))
    places = _place_wildcards()
    return [i for i, key in keys if key in places]


@functools.lru_cache(maxsize=16384)
def _official_under(key: str) -> bool:
    """True when an official division name matches the wildcard `key` (?县 has hundreds)."""
    return any(official for _row, official in _wildcards().get(key, ()))


def rank(doc: Document, cand: Candidate, threshold: float = THRESHOLD) -> list[Match]:
    """Targets for a candidate, best first (only those scoring at least `threshold`)."""
    positions = _target_positions(cand)
    if not positions:
        return []
    locale = infer_locale(doc)
    found: dict[str, Match] = {}
    sources = [
        *_targets_local(cand, locale, positions),
        *((*t, MIN_SIM_GLOBAL) for t in _targets_global(cand, positions)),
    ]
    for i, target, codes, min_sim in sources:
        if target in found:
            continue
        a, b = cand.text[i], target[i]
        sim = similarity(a, b)
        if sim < min_sim:
            continue
        if a in _STRUCTURAL_PARTICLES:
            continue  # 的渠 -> 沟渠: a structural particle is not the misread character of a name
        name_part = target[: len(target) - len(cand.suffix)] if cand.kind == ORG else target
        in_doc = name_occurrences(doc, name_part)
        if in_doc and _reads_as_words(target, cand.suffix):
            in_doc = 0  # 高城镇 printed in 提高|城镇化 is no mention of the town
        score = sim + 0.3 * ocr_confusion(a, b)
        if sim >= _NEAR_IDENTICAL:
            score += 0.15  # shapes this close are misread even without other evidence
        score += max((_bonus(locale, cand, c) for c in codes), default=0.0)
        if in_doc:
            score += 0.3 if in_doc == 1 else 0.4
        if any(len(c) <= 6 for c in codes):
            score += 0.1  # counties and above are printed far more often than townships
        if word_freq(a) < _RARE and word_freq(b) >= _RARE:
            score += 0.15  # a rare character where a common one makes a real name
        if cand.kind == ORG and not (in_doc or any(_bonus(locale, cand, c) >= 0.35 for c in codes)):
            continue  # an organisation is renamed only after a place the article is about
        if len(cand.core) == 1 and word_freq(cand.core) >= _COMMON_HEAD and not in_doc:
            continue
        if cand.glued:
            score -= 0.15
        near_parent = any(c.startswith(p) and c != p for c in codes for p in cand.parents)
        found[target] = Match(cand, target, i, sim, round(score, 3), codes, in_doc, near_parent)
    ranked = sorted(found.values(), key=lambda m: (-m.score, -known_freq(m.target)))
    # matching the other characters of a longer name is the stronger evidence; a name of one
    # character matches none, only its suffix: unless the target names exactly one division
    # (南区, 城区 name many: a generic name), it counts only where the text reads far better with it
    unique = bool(ranked) and _only_look_alike(cand, ranked[0])
    if unique and len(cand.core) == 1 and len(ranked[0].codes) != 1:
        unique = _reads_better_with(doc, cand, ranked[0].target)
    if ranked and (unique or _only_in_parent(cand, ranked[0])):
        bonus = _UNIQUE + _UNIQUE_PER_CHAR * (len(cand.core) - 2)
        ranked[0] = replace(ranked[0], score=round(ranked[0].score + bonus, 3))
    return [m for m in ranked if m.score >= threshold]


#: how much better (natural log) the character model of modern text must read a generic
#: one-character name in context (创建文明|城区 for 诚区: 8.3; 商区 beside 景区 and 街区, a real
#: word, reads only 3.6-4.4 worse than 南区 on the dev sets)
_GENERIC_LM_GAIN = 6.0


def _reads_better_with(doc: Document, cand: Candidate, target: str) -> bool:
    """Does the character model read the candidate's context _GENERIC_LM_GAIN better with `target`?"""
    return charlm.gain_at(doc.text, cand.start, cand.end, target) >= _GENERIC_LM_GAIN


#: a longer dictionary word this frequent around an occurrence of a name's form, and
#: _HOST_RATIO times more frequent than the form itself, hides it (代化 inside 现代化 is no
#: mention of the town 代化; 运河 inside 京杭运河 is one of the canal)
_HOST_WORD_FREQ = 100
#: the particles that tie words together (的, 地, 得): never a misread character of a name
_STRUCTURAL_PARTICLES = frozenset("的地得")
_HOST_RATIO = 10


def name_occurrences(doc: Document, form: str) -> int:
    """How often the normalised document prints `form` other than as the tail or middle of a
    longer common word (代化 in 现代化; a name at the head of a longer one, 中山 in 中山大学,
    still counts); the occurrences come from the document's index, not a scan."""
    index = normalised_index(doc)
    floor = max(_HOST_WORD_FREQ, _HOST_RATIO * known_freq(form))
    n = 0
    for k in index.positions(form):
        hosts = (index.slice(k - i, k + len(form) + j) for i in (1, 2) for j in range(3) if k - i >= 0)
        if not any(word_freq(h) >= floor and not gazetteer().is_name(h) for h in hosts):
            n += 1
    return n


def _bonus(locale: Locale, cand: Candidate, code: str) -> float:
    """Plausibility of a division in this article: its locale, or the division named
    right before the candidate (广州市|从化区)."""
    parent = max((len(p) for p in cand.parents if code.startswith(p) and code != p), default=0)
    return max(locale.bonus(code), _PARENT if parent >= 4 else _PARENT_PROVINCE if parent else 0.0)


def _only_in_parent(cand: Candidate, best: Match) -> bool:
    """True when an administrative name printed right after its province (辽宁省|夊东市)
    is one character off exactly one division of that province, however alike."""
    if cand.kind != ADMIN or not best.near_parent:
        return False
    regions = tuple(cand.parents)
    forms = {
        form
        for i in range(len(cand.core))
        for form, official in _in_regions(cand.text[:i] + _WILD + cand.text[i + 1 :], regions)
        if official and form != cand.text
    }
    return forms == {best.target}


def _only_look_alike(cand: Candidate, best: Match) -> bool:
    """True when a name with an administrative suffix is no division, but one close
    look-alike character from exactly one county, prefecture or province (上侮市 ->
    上海市): the evidence of a complete gazetteer, wherever the article is about."""
    least = _UNIQUE_SIM if len(cand.core) <= 2 else _UNIQUE_SIM_LONG
    if cand.kind != ADMIN or best.similarity < least or not any(len(c) <= 6 for c in best.codes):
        return False
    full = gazetteer().full
    for i, ch in enumerate(cand.core):
        for other, _s in neighbours(ch, _OTHER_SIM):
            target = cand.text[:i] + other + cand.text[i + 1 :]
            if target != best.target and target in full:
                return False
    return True


def describe(m: Match) -> str:
    """A sentence for the editor: what the name should probably be, and why."""
    gaz = gazetteer()
    where = ""
    if m.codes:
        place = Place(m.codes[0], gaz.region_name(m.codes[0]))
        parents = [gaz.region_name(place.code[:k]) for k in (2, 4, 6) if len(place.code) > k]
        where = "（" + "".join(p for p in parents if not p.isdigit()) + place.name + "）" if parents else ""
    why = []
    if m.in_doc:
        why.append(
            f"文中另有 {m.in_doc} 处“{m.target if m.candidate.kind != ORG else m.target[: -len(m.candidate.suffix)]}”"
        )
    return f"“{m.candidate.text}”不是已知的名称，疑为形近字之误：“{m.wrong}”应为“{m.right}”，即“{m.target}”{where}" + (
        f"；{'，'.join(why)}" if why else ""
    )


def body_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Paragraphs whose text is prose or a heading (not bylines, separators, directives)."""
    for p in doc.paragraphs:
        if p.kind in (Kind.BODY, Kind.HEADING, Kind.CAPTION):
            yield p
