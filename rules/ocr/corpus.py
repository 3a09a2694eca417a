"""Names misprinted in one file of a run and printed right in others (O301).

`name_mentions` runs per document (possibly in a worker process) and returns the
names the document prints that end in a name suffix (实验室, 集团, 县, 河, …): the
unknown ones O101 did not report (candidates) and the known organisation and
feature names (岳麓书院, 浏阳河). `cross_file_names` then pairs, over the whole run,
an unknown name printed in one file only with a name of the same shape printed in
other files that differs from it in one character of the name part: a close
look-alike, or, for an organisation, any character when the other name's name
part is a place of the article's own prefecture (labs and companies are named
after local places).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
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
    prefecture = infer_locale(doc).prefecture
    reported = [(m.candidate.start, m.candidate.end) for m in find_names(doc)]
    gaz = gazetteer()
    out: list[NameMention] = []
    for para in body_paragraphs(doc):
        words: dict[int, str] | None = None  # word starts, built for the first candidate that needs them
        for c in candidates(doc, para):
            if (
                c.kind == ADMIN
                or c.phrase
                or not _comparable(c.kind, c.core)
                or any(s < c.end and c.start < e for s, e in reported)
            ):
                continue
            if words is None:
                words = {s: w for w, s, _e in doc.words(para)}
            head = words.get(c.start, "")
            if len(head) == 1 and word_freq(head) >= _FUNCTION_FREQ:
                continue  # 的|X河, 让|市: a function word, not a name, starts the string
            out.append(_mention(doc, c.text, c.suffix, c.kind, False, False, c.start, c.end))
        bounds = boundaries(doc, para)
        for m in SUFFIX_RE.finditer(para.text):
            kind, lengths = SUFFIXES[m.group()]
            if kind == ADMIN:
                continue  # divisions are checked against the gazetteer itself
            for n in reversed(lengths):
                s = m.start() - n
                name, core = (para.text[s : m.end()], para.text[s : m.start()]) if s >= 0 else ("", "")
                if name and para.start + s in bounds and is_known_name(name, core, kind) and _comparable(kind, core):
                    known = kind != ORG or is_known(name) or _local_place(core, prefecture)
                    place = gaz.is_name(core)
                    out.append(_mention(doc, name, m.group(), kind, known, place, para.start + s, para.start + m.end()))
                    break
    return Collected(prefecture, tuple(out))


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


def cross_file_names(collected: list[tuple[str, Collected]]) -> Iterator[RunMatch]:
    """Unknown names printed in one file whose one-character variant other files print."""
    files: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, NameMention]] = {}
    known: set[str] = set()
    for path, col in collected:
        for m in col.names:
            files.setdefault(m.text, set()).add(path)
            counts[m.text] += 1
            first.setdefault(m.text, (path, m))
            if m.known:
                known.add(m.text)
    index: dict[str, list[str]] = {}
    for text in files:
        core_len = len(first[text][1].core)
        for i in range(core_len):
            index.setdefault(text[:i] + "\0" + text[i + 1 :], []).append(text)
    for path, col in collected:
        for m in col.names:
            if m.known or files[m.text] != {path}:
                continue
            best = _best_target(m, path, col.prefecture, index, files, counts, known)
            if best is not None:
                target, sim, local = best
                origin = _origin(target, path, collected)
                yield RunMatch(path, m, target, sim, _support(target, path, collected), origin, local)


def _best_target(
    m: NameMention,
    path: str,
    prefecture: str,
    index: dict[str, list[str]],
    files: dict[str, set[str]],
    counts: Counter[str],
    known: set[str],
) -> tuple[str, float, bool] | None:
    found: dict[str, tuple[float, bool]] = {}
    for i in range(len(m.core)):
        for other in index.get(m.text[:i] + "\0" + m.text[i + 1 :], ()):
            if other == m.text or not (files[other] - {path}):
                continue
            if not (other in known or counts[other] >= 2) or counts[other] <= counts[m.text]:
                continue
            sim = similarity(m.text[i], other[i])
            local = m.kind == ORG and _local_place(other[: len(m.core)], prefecture)
            if local or (sim >= MIN_SIM and not m.place):
                # a name part that is a place elsewhere (崂山, 嵩山) yields only to a local one
                found[other] = (sim, local)
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], -counts[kv[0]]))
    if len(ranked) > 1 and ranked[1][1][0] == ranked[0][1][0]:
        return None  # two spellings fit equally: no telling which is meant
    target, (sim, local) = ranked[0]
    return target, sim, local


def _local_place(core: str, prefecture: str) -> bool:
    """True when `core` names a division of the article's prefecture (岳麓 of 岳麓街道)."""
    return bool(prefecture) and any(c.startswith(prefecture) for c in gazetteer().codes(core))


def _support(target: str, path: str, collected: list[tuple[str, Collected]]) -> int:
    """How often the files other than `path` print `target`."""
    return sum(1 for p, col in collected if p != path for m in col.names if m.text == target)


def _origin(target: str, path: str, collected: list[tuple[str, Collected]]) -> tuple[str, NameMention]:
    for p, col in collected:
        if p != path:
            for m in col.names:
                if m.text == target:
                    return p, m
    raise LookupError(target)
