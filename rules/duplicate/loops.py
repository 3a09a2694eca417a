"""Phrase loops: a phrase three or more times in a row, and permutation salad.

Two shapes of looping text come out of broken transcription and generation:
`抓落实、抓落实、抓落实` (one phrase repeated, with or without 、/，) and
enumerations whose items are the same few characters shuffled
(`推诿扯皮、扯皮推诿、推扯诿皮`). Parallel enumerations (`建新城、疏老城`,
`看得上、看得起、看得好`) share a frame but not their characters, so they do
not look like either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from zhcheck.lazyre import lazy
from zhcheck.rules.duplicate.text import has_han, quoted_mask
from zhcheck.rules.lang.vocab import NUMERAL_CHARS

#: a phrase: 2-12 letters
_UNIT = lazy(r"[^\W\d_]{2,12}")
#: separators between the copies of a loop (the other case: no separator at all)
_SEPARATORS = "、，,"
#: a phrase repeated 3+ times with nothing between the copies (the lookahead, a cheap
#: necessary condition, skips places whose first two characters do not recur within 12)
_GLUED_LOOP = lazy(r"(?=(..).{0,10}?\1)(?P<x>[^\W\d_]{2,12}?)(?P=x)(?P=x)")
#: clause boundaries: an enumeration never crosses them
_CLAUSE = lazy(r"[^，,；;。：:！？!?（）()“”\"‘’《》【】\s]+")
#: share of an item's characters (as a multiset) another item must have to join a salad
_SALAD_OVERLAP = 0.75
#: items of a list a salad's members are looked for in (lists longer than this are searched
#: around the permuted pair only)
SALAD_WINDOW = 64


@dataclass(frozen=True)
class Loop:
    """text[start:end] (paragraph-relative) repeats `unit` `count` times."""

    start: int
    end: int
    unit: str
    count: int


@dataclass(frozen=True)
class Salad:
    """Enumeration items at text[start:end] are permutations of the same characters."""

    start: int
    end: int
    items: tuple[str, ...]


def _is_phrase(unit: str) -> bool:
    # 哈哈哈哈 and 2020 are not phrase loops, nor a sound imitated over and over (咚锵咚锵咚锵)
    return _UNIT.fullmatch(unit) is not None and len(set(unit)) > 1 and has_han(unit) and not _sound(unit)


#: parts of speech of characters that imitate a sound: onomatopoeia, interjections
_SOUND_TAGS = frozenset(("o", "e"))


def _sound(unit: str) -> bool:
    """Are at least half of the unit's characters onomatopoeia or interjections (咚…锵,
    嘿呦): a drum beat or a work song written out, repeated as performed?"""
    from zhcheck.rules.lang import langmodel

    lm = langmodel.load()
    return 2 * sum(lm.tag(c) in _SOUND_TAGS for c in unit) >= len(unit)


def _separated_loops(text: str, sep: str) -> Iterator[Loop]:
    """Loops whose copies are separated by `sep`: runs of equal items of text.split(sep).

    The copies at either end of a run may be glued to the text around them
    (`…凝聚X、X、X力量`), so the items before and after a run count when they
    end or start with the phrase.
    """
    parts = text.split(sep)
    starts = [0]
    for part in parts:
        starts.append(starts[-1] + len(part) + len(sep))
    i = 1
    while i < len(parts) - 1:
        unit = parts[i]
        j = i
        while j + 1 < len(parts) and parts[j + 1] == unit:
            j += 1
        before = parts[i - 1].endswith(unit)
        after = j + 1 < len(parts) and parts[j + 1].startswith(unit)
        count = j - i + 1 + before + after
        if count >= 3 and _is_phrase(unit):
            start = starts[i] - (len(unit) + len(sep) if before else 0)
            end = starts[j] + len(unit) + (len(sep) + len(unit) if after else 0)
            yield Loop(start, end, unit, count)
        i = j + 1


def find_loops(text: str) -> Iterator[Loop]:
    """Phrases repeated three or more times in a row (with one separator or none)."""
    for sep in _SEPARATORS:
        if text.count(sep) >= 2:
            yield from _separated_loops(text, sep)
    pos = 0
    while (m := _GLUED_LOOP.search(text, pos)) is not None:
        unit, end = m.group("x"), m.end()
        while text.startswith(unit, end):
            end += len(unit)
        if _is_phrase(unit):
            yield Loop(m.start(), end, unit, (end - m.start()) // len(unit))
        pos = end


def _items(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Enumeration items of one clause as (offset, item); outer items trimmed.

    The first item runs from the clause start and the last to its end, so
    they are cut to the length of their neighbour (parallel items are usually
    of equal length).
    """
    parts = text[start:end].split("、")
    if len(parts) < 2:
        return []
    items: list[tuple[int, str]] = []
    pos = start
    for part in parts:
        items.append((pos, part))
        pos += len(part) + 1
    n0 = len(items[1][1])
    o, first = items[0]
    if len(first) > n0:
        items[0] = (o + len(first) - n0, first[-n0:])
    n1 = len(items[-2][1])
    o, last = items[-1]
    items[-1] = (o, last[:n1])
    return items


def _overlap(a: str, b: str) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def _salad_window(group: list[tuple[int, str]], n: int) -> tuple[int, int]:
    """The items (by index) a salad of `group` may draw members from: the whole clause when it
    is an enumeration of at most SALAD_WINDOW items; in a longer list (one enormous line),
    SALAD_WINDOW items around the first two distinct permutations that lie within
    SALAD_WINDOW items of each other (none: an empty range), so the time stays linear."""
    if n <= SALAD_WINDOW:
        return 0, n
    for (k0, a), (k1, b) in pairwise(group):
        if a != b and k1 - k0 <= SALAD_WINDOW:
            return max(0, k0 - SALAD_WINDOW), min(n, k1 + SALAD_WINDOW + 1)
    return 0, 0


#: the characters of a quantity in words: numerals and their approximations (几, 数)
_QUANTITY_CHARS = NUMERAL_CHARS | frozenset("几数")
#: what an ordinal's item adds to its number: 第二十三条第一款, 第三章
_ORDINAL_CHARS = frozenset("第条款项目章节编")


def _number(item: str) -> bool:
    """Is the item a number or ordinal in words (第二十四条, 第二十三条第一款, 三十几)? Numbers
    listed together share their digits in other orders, each a different number."""
    digits = [c for c in item if c not in _ORDINAL_CHARS]
    return bool(digits) and all(c in _QUANTITY_CHARS for c in digits)


def _chiasmus(a: str, b: str) -> bool:
    """Two three-character items that say the same words the other way round: a figure of
    speech (干中学、学中干: read backwards; 书记抓、抓书记: two words swapped; 真扶贫、扶真贫:
    a modifier moved into the word it modified), or two quantities (十几亿、几十亿)."""
    from zhcheck.rules.lang.lexicon import is_known

    if len(a) != 3 or len(b) != 3:
        return False
    if b == a[::-1]:
        return True
    if all(c in _QUANTITY_CHARS for c in a):
        return True  # 十几亿、几十亿: two different quantities
    for x, y in ((a, b), (b, a)):
        if y == x[1] + x[0] + x[2] and is_known(x[1:]):
            return True  # 真扶贫、扶真贫: a modifier before a word, then inside it
    return any(b == a[k:] + a[:k] and (is_known(a[:k]) or is_known(a[k:])) for k in (1, 2))


def find_salads(text: str) -> Iterator[Salad]:
    """Enumerations whose items shuffle the same few characters.

    Two distinct items that are permutations of each other are the signal.
    For two- and three-character items that is enough (`东西、西东`); longer
    items must be joined by a third item drawn from the same characters, since
    a single chiasmus (`你中有我、我中有你`) is a figure of speech, and so are two
    three-character items that put the same words the other way round (`干中学、学中干`,
    `书记抓、抓书记`). Quoted
    enumerations are slogans and are left alone.
    """
    if "、" not in text:
        return
    quoted: list[bool] | None = None
    for m in _CLAUSE.finditer(text):
        if text.find("、", m.start(), m.end()) < 0:
            continue
        items = [
            (o, it) for o, it in _items(text, m.start(), m.end()) if len(it) >= 2 and has_han(it) and not _number(it)
        ]
        by_sig: dict[str, list[tuple[int, str]]] = {}
        for k, (_o, it) in enumerate(items):
            by_sig.setdefault("".join(sorted(it)), []).append((k, it))
        for group in by_sig.values():
            if len(group) < 2 or len({it for _, it in group}) < 2:
                continue
            sig = group[0][1]
            lo, hi = _salad_window(group, len(items))
            if lo >= hi:
                continue
            members = [(o, it) for o, it in items[lo:hi] if _overlap(it, sig) >= _SALAD_OVERLAP]
            if len(sig) >= 4 and len(members) < 3:
                continue
            if len(members) == 2 and _chiasmus(members[0][1], members[1][1]):
                continue
            start = min(o for o, _ in members)
            end = max(o + len(it) for o, it in members)
            if quoted is None:
                quoted = quoted_mask(text)
            if all(quoted[start:end]):
                continue
            yield Salad(start, end, tuple(it for _, it in sorted(members)))
            break
