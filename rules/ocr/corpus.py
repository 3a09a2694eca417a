"""Names misprinted in one file of a run and printed right in others (O301).

`name_mentions` runs per document (possibly in a worker process) and returns the
names the document prints that end in a name suffix (实验室, 集团, 县, 河, …): the
unknown ones O101 did not report (candidates) and the known organisation and
feature names (岳麓书院, 浏阳河). Over the whole run, an unknown name printed in
one file only is paired with a name of the same shape printed in other files that
differs from it in one character of the name part: a close look-alike, or, for an
organisation, any character when the other name's name part is a place of the
article's own prefecture (labs and companies are named after local places). The
pairing is a keyed join (`tallies` -> `blanked` keys -> `group_matches` ->
`best_matches`), linear in the number of names, in one process or on a cluster.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from zhcheck.document import Document
from zhcheck.finding import Location
from zhcheck.rules.lang.glyphs import similarity
from zhcheck.rules.lang.lexicon import gazetteer, is_known, surnames, word_freq
from zhcheck.rules.ocr.locale import infer_locale
from zhcheck.rules.ocr.names import (
    ADMIN,
    ORG,
    SUFFIX_RE,
    SUFFIXES,
    Offsets,
    body_paragraphs,
    boundaries,
    candidates,
    find_names,
    is_known_name,
)

#: glyph similarity at which a run's other spelling counts as a look-alike
MIN_SIM = 0.45
#: a single-character word this frequent is a function word (的, 在, 让)
_FUNCTION_FREQ = 20000


@dataclass(frozen=True)
class NameMention(Location):
    """One printed name, without the document's text."""

    text: str
    suffix: str
    kind: str
    known: bool
    #: the name part is a place somewhere in the country (not necessarily the article's)
    place: bool

    @property
    def core(self) -> str:
        return self.text[: len(self.text) - len(self.suffix)]


@dataclass(frozen=True)
class Collected:
    """What one document contributes: its prefecture and its names."""

    prefecture: str
    names: tuple[NameMention, ...]


def name_mentions(doc: Document) -> Collected:
    """The document's organisation and feature names: unknown ones O101 did not report,
    and known ones (an organisation counts as known when the dictionaries know it or its
    name part is a place of the article's prefecture)."""
    locale: list[str] = []  # the article's prefecture, inferred when first needed (it reads every paragraph)

    def prefecture() -> str:
        if not locale:
            locale.append(infer_locale(doc).prefecture)
        return locale[0]

    reported = _Spans((m.candidate.start, m.candidate.end) for m in find_names(doc))
    gaz = gazetteer()
    out: list[NameMention] = []
    for para in body_paragraphs(doc):
        words: dict[int, str] | None = None  # word starts, built for the first candidate that needs them
        for c in candidates(doc, para):
            if c.kind == ADMIN or c.phrase or not _comparable(c.kind, c.core) or reported.overlaps(c.start, c.end):
                continue
            if words is None:
                words = {s: w for w, s, _e in doc.words(para)}
            head = words.get(c.start, "")
            if len(head) == 1 and word_freq(head) >= _FUNCTION_FREQ:
                continue  # 的|X河, 让|市: a function word, not a name, starts the string
            out.append(_mention(doc, c.text, c.suffix, c.kind, False, False, c.start, c.end))
        bounds: Offsets | None = None  # computed for the first name that needs them
        for m in SUFFIX_RE.finditer(para.text):
            kind, lengths = SUFFIXES[m.group()]
            if kind == ADMIN:
                continue  # divisions are checked against the gazetteer itself
            if bounds is None:
                bounds = boundaries(doc, para)
            for n in reversed(lengths):
                s = m.start() - n
                name, core = (para.text[s : m.end()], para.text[s : m.start()]) if s >= 0 else ("", "")
                if name and para.start + s in bounds and is_known_name(name, core, kind) and _comparable(kind, core):
                    known = kind != ORG or is_known(name) or _local_place(core, prefecture())
                    place = gaz.is_name(core)
                    out.append(_mention(doc, name, m.group(), kind, known, place, para.start + s, para.start + m.end()))
                    break
    return Collected(prefecture() if out else "", tuple(out))  # only the names' tallies read it


class _Spans:
    """Spans, asked whether any of them overlaps a span (bisect over the starts, with the
    running maximum of the ends: no scan of every span per question)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1  # spans starting before `end`
        return i >= 0 and self.reach[i] > start


def _comparable(kind: str, core: str) -> bool:
    """Names worth comparing across files: organisations, and rivers or mountains with a
    name part of two or more characters that is no person's name (X山 and X河 with one
    character are mostly phrases: 遇山开路; 柳海峰 is a person)."""
    if kind == ORG:
        return True
    return len(core) >= 2 and not (len(core) == 2 and core[0] in surnames())


def _mention(
    doc: Document, text: str, suffix: str, kind: str, known: bool, place: bool, start: int, end: int
) -> NameMention:
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return NameMention(start, end, line, col, end_line, end_col, text, suffix, kind, known, place)


@dataclass(frozen=True)
class RunMatch:
    """An unknown name in `path` and the spelling the run's other files print."""

    path: str
    mention: NameMention
    target: str
    similarity: float
    support: int  # how often the other files print the target
    origin: tuple[str, NameMention]  # the target's first occurrence in another file
    local: bool  # matched as a place of the article's prefecture (not as a look-alike)
    ref: int = -1  # the file's position in the run


# --- the run-wide step as a keyed join ---------------------------------------------------
#
# Every name meets the names that differ from it in one character in a group keyed by the
# name with that character blanked out (嵩\0实验室 holds 嵩山实验室 and 嵩出实验室). Each
# name arrives as a Tally (its counts and first occurrences, mergeable, so a partition of
# files sends one per name); a group therefore sees the run-wide counts of all its names and
# checks its candidates (unknown names printed in one file) against them in linear time;
# what it finds are partial matches (one position each), ranked per mention at the end.


@dataclass(frozen=True)
class Occurrence:
    """Where a name was printed: the file's position in the run, the mention's position in it."""

    ref: int
    index: int
    path: str
    mention: NameMention


@dataclass(frozen=True)
class Tally:
    """A name over the files seen so far: mergeable per name."""

    text: str
    count: int
    known: bool
    #: the first occurrence in each of the (at most two) earliest files printing it
    firsts: tuple[Occurrence, ...]
    #: while one file prints it: every mention (position, mention), that file's prefecture and
    #: how often that file prints each one-character variant; empty once two files print it
    mentions: tuple[tuple[int, NameMention], ...] = ()
    prefecture: str = ""
    variants: tuple[tuple[str, int], ...] = ()

    @property
    def single_file(self) -> bool:
        return len(self.firsts) == 1

    def merge(self, other: Tally) -> Tally:
        firsts: dict[int, Occurrence] = {}
        for o in sorted((*self.firsts, *other.firsts), key=lambda o: (o.ref, o.index)):
            firsts.setdefault(o.ref, o)
        kept = tuple(firsts.values())[:2]
        if len(firsts) > 1:
            return Tally(self.text, self.count + other.count, self.known or other.known, kept)
        return Tally(  # two parts of one file
            self.text,
            self.count + other.count,
            self.known or other.known,
            kept,
            tuple(sorted((*self.mentions, *other.mentions))),
            self.prefecture or other.prefecture,
            tuple(sorted(dict((*self.variants, *other.variants)).items())),
        )


@dataclass(frozen=True)
class Partial:
    """One spelling a candidate mention could stand for, found in one group."""

    ref: int
    index: int
    path: str
    mention: NameMention
    target: str
    similarity: float
    local: bool
    count: int  # how often the run prints the target
    support: int  # how often the files other than the mention's print it
    origin: Occurrence


def tallies(ref: int, path: str, col: Collected) -> list[Tally]:
    """One Tally per name the file prints."""
    by_text: dict[str, list[tuple[int, NameMention]]] = {}
    for k, m in enumerate(col.names):
        by_text.setdefault(m.text, []).append((k, m))
    out = []
    for text, mentions in by_text.items():
        variants = tuple(
            (other, len(ms))
            for other, ms in by_text.items()
            if other != text and len(other) == len(text) and sum(map(str.__ne__, other, text)) == 1
        )
        k, first = mentions[0]
        out.append(
            Tally(
                text,
                len(mentions),
                any(m.known for _, m in mentions),
                (Occurrence(ref, k, path, first),),
                tuple(mentions),
                col.prefecture,
                variants,
            )
        )
    return out


def blanked(text: str) -> list[tuple[int, str]]:
    """The group keys of a name: a position and the name with that character blanked out, for
    every position a name part can reach (all but the last: a suffix has a character or more)."""
    return [(i, text[:i] + "\0" + text[i + 1 :]) for i in range(len(text) - 1)]


def merge_tallies(items: list[Tally]) -> list[Tally]:
    """One Tally per name."""
    merged: dict[str, Tally] = {}
    for t in items:
        seen = merged.get(t.text)
        merged[t.text] = t if seen is None else seen.merge(t)
    return list(merged.values())


def group_matches(key: tuple[int, str], items: list[Tally]) -> Iterator[Partial]:
    """The partial matches of one group: candidates against the names differing from them
    at the blanked position."""
    names = merge_tallies(items)
    if len(names) < 2:
        return
    i = key[0]
    # a name takes part as a target up to the length of its first occurrence's name part
    targets = [t for t in names if i < len(t.firsts[0].mention.core)]
    for c in names:
        if not c.single_file:
            continue
        ref, path = c.firsts[0].ref, c.firsts[0].path
        variants = dict(c.variants)
        for k, m in c.mentions:
            if m.known or i >= len(m.core):
                continue
            for t in targets:
                if t.text == c.text or not (t.known or t.count >= 2) or t.count <= c.count:
                    continue
                origin = next((o for o in t.firsts if o.ref != ref), None)
                if origin is None:
                    continue  # only this file prints it
                sim = similarity(m.text[i], t.text[i])
                local = m.kind == ORG and _local_place(t.text[: len(m.core)], c.prefecture)
                if local or (sim >= MIN_SIM and not m.place):
                    # a name part that is a place elsewhere (崂山, 嵩山) yields only to a local one
                    support = t.count - variants.get(t.text, 0)
                    yield Partial(ref, k, path, m, t.text, sim, local, t.count, support, origin)


def best_matches(partials: Iterable[Partial]) -> Iterator[RunMatch]:
    """Per candidate mention, the spelling it stands for: the most similar one, unless two
    are equally similar (no telling which is meant)."""
    found: dict[tuple[int, int], list[Partial]] = {}
    for p in partials:
        found.setdefault((p.ref, p.index), []).append(p)
    for _, options in sorted(found.items()):
        ranked = sorted(options, key=lambda p: (-p.similarity, -p.count))
        if len(ranked) > 1 and ranked[1].similarity == ranked[0].similarity:
            continue
        p = ranked[0]
        origin = (p.origin.path, p.origin.mention)
        yield RunMatch(p.path, p.mention, p.target, p.similarity, p.support, origin, p.local, p.ref)


def _local_place(core: str, prefecture: str) -> bool:
    """True when `core` names a division of the article's prefecture (岳麓 of 岳麓街道)."""
    return bool(prefecture) and any(c.startswith(prefecture) for c in gazetteer().codes(core))
