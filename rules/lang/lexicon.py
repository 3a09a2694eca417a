"""Dictionaries, loaded lazily and once per process.

One place answers "is this a known word or name, how frequent, what kind".
Sources: jieba's dictionary (word frequencies, through `zhcheck.segmenter`,
which runs jieba's algorithm over the engine's memory-mapped copy of its dictionary;
and part-of-speech tags, `rules/data/jieba/pos_tags.txt.gz`; both built by
`tools/build_jieba_data.py`), pycorrector's `word_freq.txt` (the words jieba lacks),
`place_name.txt` and `person_name.txt` (copied into `rules/data/pycorrector/` by
`tools/build_pycorrector_data.py`; pycorrector itself is not needed),
the administrative-division gazetteer (`rules/data/gazetteer.tsv.gz`, see
`zhcheck.rules.lang.gazetteer`) and OpenCC's traditional-to-simplified character table.
The user's word lists belong to a run, not to the process: rules consult
`RuleContext.is_user_word`.

Parsing the text sources takes about a second, so the derived tables are
pickled once under `cache_dir()`, keyed by the source files' sizes and mtimes.
"""

from __future__ import annotations

import contextlib
import functools
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zhcheck.diskcache import cache_dir
from zhcheck.files import write_atomic
from zhcheck.rules.lang.resources import (
    JIEBA_TAGS,
    PERSON_NAMES,
    PLACE_NAMES,
    WORD_FREQ,
    jieba_tags,
    open_text,
    pycorrector_copy,
    rules_data,
)
from zhcheck.segmenter import UNSTORABLE, index_files, segmenter

if TYPE_CHECKING:
    from zhcheck.rules.lang.gazetteer import Gazetteer

T = TypeVar("T")


def segment_dict(text: str) -> list[str]:
    """Segment `text` with jieba's dictionary only, as `jieba.lcut(text, HMM=False)` does."""
    return segmenter().lcut(text, hmm=False)


def route_log_prob(text: str) -> float:
    """Natural-log probability of jieba's best dictionary segmentation of `text`."""
    return segmenter().log_prob(text)


def word_freq(word: str) -> int:
    """jieba dictionary frequency of `word` (0 if unknown)."""
    return segmenter().word_freq(word)


def is_word(word: str) -> bool:
    """True when `word` is an entry of jieba's dictionary (or a user term)."""
    return segmenter().word_freq(word) > 0


def total_freq() -> int:
    """Sum of all jieba dictionary frequencies (for probabilities)."""
    return segmenter().total


@functools.cache
def words_tagged(tags: frozenset[str]) -> frozenset[str]:
    """Words jieba's dictionary tags with one of `tags` (part of speech, e.g. {"v", "p"}).

    Parsing the tags out of the dictionary's tag list takes a second, so the set is
    cached as a pickle under `cache_dir()`, keyed by the tags and the
    tag file's size and modification time.
    """
    import hashlib
    import pickle

    src = rules_data(JIEBA_TAGS)
    st = src.stat()
    key = hashlib.sha1(f"{src}|{st.st_size}|{st.st_mtime_ns}|{sorted(tags)}".encode()).hexdigest()[:16]
    cached = cache_dir() / f"jieba-tags-{key}.pickle"
    try:
        with open(cached, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    words = frozenset(w for w, tag in jieba_tags() if tag in tags)
    with contextlib.suppress(OSError):
        write_atomic(cached, pickle.dumps(words, protocol=pickle.HIGHEST_PROTOCOL))
    return words


def has_tag(word: str, tags: frozenset[str]) -> bool:
    """`word in words_tagged(tags)`, answered by a memory-mapped trie of jieba's tags: the
    rules ask about a few words, and unpickling a tag set took 5-15 ms a start each."""
    if not word or UNSTORABLE.search(word):  # no dictionary word (and marisa cannot take it)
        return False
    return any(tag.decode() in tags for tag in _tag_trie().get(word, ()))


@functools.cache
def _tag_trie() -> Any:
    """word -> jieba's tag of each of its lines in the dictionary, a marisa BytesTrie saved
    under `cache_dir()` (keyed by the tag file's size and modification time), memory-mapped."""
    import marisa_trie

    src = rules_data(JIEBA_TAGS)
    st = src.stat()
    path = cache_dir() / f"jieba-raw-tags-v1-{st.st_size}-{st.st_mtime_ns}.marisa"
    with contextlib.suppress(Exception):  # missing or torn: build it
        return marisa_trie.BytesTrie().mmap(str(path))
    trie = marisa_trie.BytesTrie((w, tag.encode()) for w, tag in jieba_tags())
    with contextlib.suppress(OSError):
        write_atomic(path, trie.tobytes())
    return trie


# --- the merged lexicon -------------------------------------------------------------

#: bump when the layout of the cached tables changes
_CACHE_VERSION = 5
#: jieba part-of-speech tags worth keeping: place, organisation, other proper
#: noun, idiom, set phrase, abbreviation; numeral, measure, time, direction and
#: pronoun phrases (to tell compositional phrases from fixed terms)
_TAG_NAMES = ("f", "i", "j", "l", "m", "mq", "ns", "nt", "nz", "q", "r", "t")
#: fixed terms: jieba words this long, tagged idiom/set phrase or this frequent
_FIXED_MIN_LEN = 3
_FIXED_MIN_FREQ = 20
#: per word: pycorrector word-list frequency (words jieba lacks), place-name
#: frequency, person-name frequency, 1 + index of its jieba tag in _TAG_NAMES (0: none)
_WORD_FORMAT = "<IIIB"


@dataclass(frozen=True)
class WordInfo:
    """What the lexicon knows about a string."""

    freq: int
    kinds: frozenset[str]

    @property
    def is_name(self) -> bool:
        return bool(self.kinds & {"place", "division", "person", "org"})


def _sources() -> list[Path]:
    return [
        *index_files(),
        rules_data(JIEBA_TAGS),
        pycorrector_copy(WORD_FREQ),
        pycorrector_copy(PLACE_NAMES),
        pycorrector_copy(PERSON_NAMES),
    ]


def _t2s_chars() -> dict[str, str]:
    """Characters OpenCC's t2s converts on their own (traditional/variant -> simplified)."""
    import opencc

    conv = opencc.OpenCC("t2s")
    chars = [chr(i) for i in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00))]
    out = conv.convert("\n".join(chars)).split("\n")
    return {a: b for a, b in zip(chars, out, strict=False) if a != b and len(b) == 1}


def _read_freq_file(path: Path, sep: str | None) -> dict[str, int]:
    out: dict[str, int] = {}
    with open_text(path) as fh:
        for line in fh:
            parts = line.split(sep) if sep else line.split()
            if len(parts) >= 2:
                w = parts[0].strip()
                try:
                    f = int(parts[1])
                except ValueError:
                    continue
                if w and f > out.get(w, 0):
                    out[w] = f
    return out


def _word_records() -> list[tuple[str, tuple[int, int, int, int]]]:
    """The records of the word trie (simplified-character words only)."""
    t2s = t2s_table()

    def simplified(w: str) -> bool:
        return not any(c in t2s for c in w)

    tag_ids = {t: i + 1 for i, t in enumerate(_TAG_NAMES)}
    tags = {w: tag_ids[tag] for w, tag in jieba_tags() if tag in tag_ids}
    in_jieba = {w for w, f in segmenter().dictionary() if f}
    extra = {
        w: f
        for w, f in _read_freq_file(pycorrector_copy(WORD_FREQ), None).items()
        if w not in in_jieba and simplified(w)
    }
    places = {w: f for w, f in _read_freq_file(pycorrector_copy(PLACE_NAMES), "\t").items() if simplified(w)}
    persons = {w: f for w, f in _read_freq_file(pycorrector_copy(PERSON_NAMES), "\t").items() if simplified(w)}
    keys = {*extra, *places, *persons, *tags}
    clip = 0xFFFFFFFF
    return [
        (w, (min(extra.get(w, 0), clip), min(places.get(w, 0), clip), min(persons.get(w, 0), clip), tags.get(w, 0)))
        for w in keys
    ]


def _cache_key(paths: list[Path]) -> str:
    import hashlib

    h = hashlib.sha1(str(_CACHE_VERSION).encode())
    for p in paths:
        st = p.stat()
        h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _cached(name: str, build: Callable[[], T], extra: tuple[Path, ...] = ()) -> T:
    """`build()`, pickled under `cache_dir()` and reused while the sources (and the
    `extra` files it reads) are unchanged."""
    try:
        path = cache_dir() / f"{name}-{_cache_key([*_sources(), *extra])}.pickle"
    except OSError:
        return build()
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, torn, or pickled by another version (moved classes): rebuild
        pass
    value = build()
    with contextlib.suppress(OSError):
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def cached_trie(name: str, fmt: str, build: Callable[[], list[tuple[str, tuple[Any, ...]]]]) -> Any:
    """A marisa RecordTrie of `build()`'s records, saved under `cache_dir()` and
    memory-mapped (loads in microseconds); rebuilt when the sources change."""
    import marisa_trie

    try:
        path = cache_dir() / f"{name}-{_cache_key(_sources())}.marisa"
    except OSError:
        return marisa_trie.RecordTrie(fmt, build())
    if not path.exists():
        trie = marisa_trie.RecordTrie(fmt, build())
        try:
            write_atomic(path, trie.tobytes())
        except OSError:
            return trie
    try:
        return marisa_trie.RecordTrie(fmt).mmap(str(path))
    except Exception:  # a damaged cache file: rebuild in memory
        return marisa_trie.RecordTrie(fmt, build())


@functools.cache
def _words() -> Any:
    return cached_trie("lexicon-words", _WORD_FORMAT, _word_records)


@functools.lru_cache(maxsize=1 << 18)
def _record(word: str) -> tuple[int, int, int, int] | None:
    if not word or UNSTORABLE.search(word):  # no key of the trie (and marisa cannot take it)
        return None
    found = _words().get(word)
    return found[0] if found else None


_DERIVED: dict[str, Any] = {}


def derived(name: str, version: int, build: Callable[[], T], sources: tuple[Path, ...] = ()) -> T:
    """An index a rule derives from the lexicon (e.g. swapped forms of fixed terms) or
    from other data `sources`, built once and cached on disk like the lexicon's own tables."""
    key = f"{name}-v{version}"
    memo = f"{key}-{_cache_key(list(sources))}" if sources else key  # sources rewritten meanwhile: build again
    if memo not in _DERIVED:
        _DERIVED[memo] = _cached(key, build, sources)
    return _DERIVED[memo]


def warm() -> None:
    """Load every table now (for benchmarks; rules load what they need lazily)."""
    segmenter().warm()
    t2s_table()
    _words()
    gazetteer()


@functools.cache
def gazetteer() -> Gazetteer:
    """The administrative-division gazetteer (`rules/data/gazetteer.tsv.gz`)."""
    from zhcheck.rules.lang.gazetteer import Gazetteer

    files = (rules_data("gazetteer.tsv.gz"), rules_data("toponyms.txt"))
    # -3: the gazetteer keeps its indexes in marisa tries and its columns as strings (older pickles: dicts, lists)
    return _cached(f"gazetteer-v{_CACHE_VERSION}-3", lambda: Gazetteer.load(*files), files)


def t2s_char(ch: str) -> str | None:
    """The simplified form OpenCC gives a traditional or variant character (else None)."""
    return t2s_table().get(ch)


@functools.cache
def t2s_table() -> dict[str, str]:
    """OpenCC's character-level traditional/variant -> simplified table."""
    return _cached(f"t2s-v{_CACHE_VERSION}", _t2s_chars)


def pos_tag(word: str) -> str | None:
    """jieba's tag for proper nouns, idioms, set phrases, abbreviations (ns nt nz i l j)
    and numeral/measure/time/direction/pronoun phrases (m mq q t f r), else None."""
    rec = _record(word)
    return _TAG_NAMES[rec[3] - 1] if rec and rec[3] else None


def known_freq(word: str) -> int:
    """Best frequency of `word` in jieba's or pycorrector's word lists (0 if unknown)."""
    f = word_freq(word)
    if f:
        return f
    rec = _record(word)
    return rec[0] if rec else 0


def lookup(word: str) -> WordInfo | None:
    """Everything the lexicon knows about `word`, or None when it is unknown."""
    kinds: set[str] = set()
    freq = word_freq(word)
    rec = _record(word)
    if freq:
        kinds.add("word")
    elif rec and rec[0]:
        freq = rec[0]
        kinds.add("word")
    if rec:
        tag = _TAG_NAMES[rec[3] - 1] if rec[3] else None
        if tag in ("i", "l"):
            kinds.add("idiom")
        elif tag == "nt":
            kinds.add("org")
        elif tag == "ns":
            kinds.add("place")
        if rec[1]:
            kinds.add("place")
            freq = max(freq, rec[1])
        if rec[2]:
            kinds.add("person")
            freq = max(freq, rec[2])
    if gazetteer().is_name(word):
        kinds.add("division")
    if not kinds:
        return None
    return WordInfo(freq, frozenset(kinds))


def is_known(word: str) -> bool:
    """True when any source (dictionaries, name lists, gazetteer) knows `word`."""
    return segmenter().word_freq(word) > 0 or _known_to_lists(word)


@functools.lru_cache(maxsize=1 << 18)
def _known_to_lists(word: str) -> bool:
    """Known to pycorrector's word, place or person lists or to the gazetteer (fixed data,
    unlike jieba's frequencies, which a user's terms change)."""
    rec = _record(word)
    return bool(rec and (rec[0] or rec[1] or rec[2])) or gazetteer().is_name(word)


def place_freq(word: str) -> int:
    """Frequency of `word` in pycorrector's place-name list (0 if absent)."""
    rec = _record(word)
    return rec[1] if rec else 0


def place_words(min_freq: int) -> Iterator[str]:
    """Every word `pos_tag` tags ns or `place_freq` counts at least `min_freq` times."""
    ns = _TAG_NAMES.index("ns") + 1
    for word, rec in _words().iteritems():
        if rec[3] == ns or rec[1] >= min_freq:
            yield word


def is_person(word: str) -> bool:
    """True when `word` is in pycorrector's person-name list."""
    rec = _record(word)
    return bool(rec and rec[2])


def fixed_freq(term: str) -> int:
    """jieba frequency of `term` when it is a fixed term (an idiom, set phrase or frequent
    word of at least three simplified characters), else 0."""
    f = word_freq(term)
    if len(term) < _FIXED_MIN_LEN or not f or any(c in t2s_table() for c in term):
        return 0
    return f if f >= _FIXED_MIN_FREQ or pos_tag(term) in ("i", "l") else 0


@functools.cache
def surnames() -> frozenset[str]:
    """Common surnames: the first characters of many three-character names in
    pycorrector's person-name list (张, 王, 李, …; about 110 characters)."""

    def build() -> frozenset[str]:
        counts: dict[str, int] = {}
        with open_text(pycorrector_copy(PERSON_NAMES)) as fh:
            for line in fh:
                name = line.split("\t", 1)[0].strip()
                if len(name) == 3:
                    counts[name[0]] = counts.get(name[0], 0) + 1
        return frozenset(c for c, n in counts.items() if n >= 8)

    return _cached(f"surnames-v{_CACHE_VERSION}", build)


#: a character starts at least this many three-character personal names in jieba's dictionary
NAME_INITIAL_MIN = 10


@functools.cache
def name_initials() -> frozenset[str]:
    """Characters that may start a personal name: the common surnames, and the first
    characters of at least NAME_INITIAL_MIN three-character names that jieba's dictionary
    tags `nr` (rarer surnames such as 任, 计). Before a title (任主任, 计老师) such a
    character is a surname, not the end of a word cut off."""

    def build() -> frozenset[str]:
        counts: dict[str, int] = {}
        for w, tag in jieba_tags():
            if tag == "nr" and len(w) == 3:
                counts[w[0]] = counts.get(w[0], 0) + 1
        return frozenset(c for c, n in counts.items() if n >= NAME_INITIAL_MIN) | surnames()

    return _cached(f"name-initials-v{_CACHE_VERSION}", build)


def personal_title(word: str) -> bool:
    """Is `word` a title or form of address that follows a surname: one of
    `vocab.PERSONAL_TITLES`, or a noun of two characters naming the head of an office by 长
    (站长, 组长)?"""
    from zhcheck.rules.lang import langmodel
    from zhcheck.rules.lang.vocab import PERSONAL_TITLES

    if word in PERSONAL_TITLES:
        return True
    if len(word) != 2 or word[1] != "长":
        return False
    return "n" in (langmodel.jieba_tag(word), langmodel.load().tag(word))


def surname_before_title(c: str, word: str) -> bool:
    """Is `c`, before `word`, a surname followed by a title (任|主任, 计|老师): a character
    that starts personal names, before a title or form of address?"""
    return c in name_initials() and personal_title(word)


#: a character ends at least this many organisation names (nt) in jieba's dictionary
BODY_SUFFIX_MIN = 40


@functools.cache
def body_suffix_chars() -> frozenset[str]:
    """Characters that end at least BODY_SUFFIX_MIN organisation names jieba's dictionary
    tags `nt` (院, 局, 委, 校, 部, …): an article may name a body by that character alone
    once it has named the body in full (院领导, 校党委)."""

    def build() -> frozenset[str]:
        counts: dict[str, int] = {}
        for w, tag in jieba_tags():
            if tag == "nt" and len(w) > 1:
                counts[w[-1]] = counts.get(w[-1], 0) + 1
        return frozenset(c for c, n in counts.items() if n >= BODY_SUFFIX_MIN)

    return _cached(f"body-suffixes-v{_CACHE_VERSION}", build)


#: a character ends at least this many three-character dictionary words made of a two-character
#: word and it (供应+率, 工作+组, 建设+期) ...
SUFFIX_MIN_WORDS = 100
#: (nouns by jieba's tag: 起来, 出去 are verbs with their complement)
_NOUN_TAGS = frozenset({"n", "nt", "nz", "ns"})
#: ... and ends words so in at least this share of all the dictionary words holding it
SUFFIX_MIN_SHARE = 0.2


def _derived_nouns() -> Iterator[str]:
    """jieba's three-character nouns made of a two-character dictionary word and one
    character (供应+率, 巡察+组): what the suffix tables below count."""
    words = dict(segmenter().dictionary())
    for w, tag in jieba_tags():
        if len(w) == 3 and tag in _NOUN_TAGS and words.get(w[:2], 0) > 0:
            yield w


@functools.cache
def productive_suffix_chars() -> frozenset[str]:
    """Characters that derive nouns from two-character words (率, 组, 期, 员, 区, …):
    by jieba's dictionary, at least SUFFIX_MIN_WORDS of its three-character words are a
    dictionary word plus the character, and at least SUFFIX_MIN_SHARE of the words that hold
    the character end so. A writer coins such nouns freely (供应率, 巡察组), so a coinage
    missing from the dictionary is still a word."""

    def build() -> frozenset[str]:
        derived: dict[str, int] = {}
        holding: dict[str, int] = {}
        for w, _ in jieba_tags():
            for c in set(w):
                holding[c] = holding.get(c, 0) + 1
        for w in _derived_nouns():
            derived[w[-1]] = derived.get(w[-1], 0) + 1
        return frozenset(c for c, n in derived.items() if n >= SUFFIX_MIN_WORDS and n >= SUFFIX_MIN_SHARE * holding[c])

    return _cached(f"productive-noun-suffixes-{SUFFIX_MIN_WORDS}-{SUFFIX_MIN_SHARE}-v{_CACHE_VERSION}", build)


@functools.cache
def noun_bases() -> frozenset[str]:
    """Two-character dictionary words that at least two three-character nouns of the dictionary
    are derived from (供应: 供应商, 供应量; 巡察: 巡察组, 巡察办): words that take suffixes."""

    def build() -> frozenset[str]:
        counts: dict[str, int] = {}
        for w in _derived_nouns():
            counts[w[:2]] = counts.get(w[:2], 0) + 1
        return frozenset(b for b, n in counts.items() if n >= 2)

    return _cached(f"noun-bases-v{_CACHE_VERSION}", build)


def frequent_words(length: int, min_freq: int) -> frozenset[str]:
    """jieba dictionary words of `length` characters at least `min_freq` frequent
    (reads the dictionary: for building indexes)."""
    return frozenset(w for w, f in segmenter().dictionary() if len(w) == length and f >= min_freq)


def fixed_terms() -> Iterator[tuple[str, int]]:
    """Every fixed term with its frequency, in the dictionary's order (for building indexes)."""
    for w, _tag in jieba_tags():
        f = fixed_freq(w)
        if f:
            yield w, f
