"""Mojibake detection: text whose bytes were decoded with the wrong codec.

Two kinds matter for Chinese pipelines:

* UTF-8 bytes decoded as GBK/GB18030: `发展` becomes `鍙戝睍`, `锟斤拷` is two
  U+FFFD. Re-encoding such text as GBK yields valid UTF-8 again.
* UTF-8 bytes decoded as Latin-1/cp1252: `“` becomes `â€œ`, `中` becomes `ä¸­`
  (ftfy's territory). Re-encoding as cp1252/Latin-1 yields valid UTF-8.

And the older one: GBK bytes decoded as Latin-1 (`ÖÐÎÄ` for `中文`).

The detector maps each character of a suspicious run back to its bytes, walks
those bytes with a UTF-8 state machine and keeps stretches of valid multi-byte
sequences whose decoded text is plausible Chinese. UTF-8 is self-synchronising,
so legitimate text around the damage falls out on its own; a chance match in
legitimate Chinese is filtered by requiring the decoded text to consist of
common characters while the original does not.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import re
from dataclasses import dataclass

from zhcheck.lazyre import compile_cached, lazy
from zhcheck.textutil import is_cjk

REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Mojibake:
    """A damaged stretch: text[start:end] is the garbage, `repaired` its reading."""

    start: int
    end: int
    kind: str  # "utf8-as-gbk" | "utf8-as-latin1" | "gbk-as-latin1"
    repaired: str
    certain: bool  # the round trip is exact (no byte lost, aligned on characters)
    lost: bool = False  # the original bytes were already replacement characters (锟斤拷)


@functools.cache
def common_chars() -> frozenset[str]:
    """The 3,500 common Chinese characters (pycorrector's common_char_set.txt)."""
    from zhcheck.rules.lang.resources import COMMON_CHARS, open_text, pycorrector_copy

    with open_text(pycorrector_copy(COMMON_CHARS)) as fh:
        return frozenset(line.strip() for line in fh if len(line.strip()) == 1)


# --- byte views of characters ---------------------------------------------------------


@functools.lru_cache(maxsize=16384)
def _gbk_bytes(c: str) -> bytes | None:
    if c == REPLACEMENT:
        return None
    if ord(c) < 0x80:
        return c.encode("ascii")
    try:
        b = c.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 and b[0] >= 0x81 else None


@functools.lru_cache(maxsize=16384)
def _latin_bytes(c: str) -> bytes | None:
    o = ord(c)
    if o <= 0xFF:
        return bytes((o,))
    try:
        return c.encode("cp1252")
    except UnicodeEncodeError:
        return None


# Candidate runs: quick regexes that find where the byte-level check is worth it.
# A UTF-8 lead byte (0xC2-0xF4) followed by a continuation byte (0x80-0xBF).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_LATIN_CONT = f"\u0080-\u00bf{_CP1252_HIGH}"
_LATIN_RUN = lazy(f"[\u00c2-\u00f4][{_LATIN_CONT}][{_LATIN_CONT}\u00c0-\u00ff\\x20-\\x7e\ufffd]*")
_LATIN_ONLY_RUN = lazy("[\u00a1-\u00ff]{4,}")


@functools.cache
def _gbk_lead_chars() -> str:
    """Characters whose GBK bytes are a UTF-8 3-byte lead plus a continuation byte."""
    out = []
    for b1 in range(0xE1, 0xF0):
        for b2 in range(0x80, 0xC0):
            with contextlib.suppress(UnicodeDecodeError):
                out.append(bytes((b1, b2)).decode("gbk"))
    return "".join(out)


@functools.cache
def _gbk_seed_re() -> re.Pattern[str]:
    lead = re.escape(_gbk_lead_chars())
    return compile_cached(f"[{lead}]")


# --- the UTF-8 walk ----------------------------------------------------------------------


#: a well-formed UTF-8 multi-byte sequence (exactly what the UTF-8 decoder accepts)
_UTF8_SEQ = lazy(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _cn_char(c: str) -> bool:
    """A character Chinese text is made of: Han, CJK/full-width/general punctuation, U+FFFD."""
    o = ord(c)
    return (
        is_cjk(c)
        or 0x2000 <= o <= 0x206F
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or o in (0xB7, 0xD7, 0xF7, 0xB0)
        or c == REPLACEMENT
    )


def _latin_letter(c: str) -> bool:
    return 0xC0 <= ord(c) <= 0x24F or _cn_char(c)


def _rarity(text: str) -> float:
    common = common_chars()
    cjk = [c for c in text if is_cjk(c)]
    if not cjk:
        return 1.0
    return 1 - sum(c in common for c in cjk) / len(cjk)


def _plausible(decoded: str) -> bool:
    """Does the decoded text read as Chinese (common characters, no chance decodes)?"""
    cjk = [c for c in decoded if is_cjk(c)]
    return bool(cjk) and _rarity(decoded) <= 0.4


@dataclass
class _Group:
    cs: int  # first character (index into the run)
    ce: int  # one past the last character
    decoded: str
    exact: bool  # aligned on character boundaries, nothing lost


def _scan(run: str, to_bytes, allowed) -> list[_Group]:
    """Byte-map `run` and return stretches that decode as UTF-8 into `allowed` characters.

    The bytes are walked as a UTF-8 decoder would: a well-formed multi-byte sequence
    is one character, any other byte stands alone. A stretch is a run of allowed
    multi-byte characters with nothing but ASCII between them (kept: digits, %);
    a byte that is neither, or a character not allowed, ends it.
    """
    chunks = [b if (b := to_bytes(c)) is not None else b"\xff" for c in run]  # \xff breaks any sequence
    data = b"".join(chunks)
    char_start = [0, *itertools.accumulate(map(len, chunks))]  # byte offset of each character
    groups: list[_Group] = []
    first = end = -1  # bytes of the open stretch (first at -1: none open)
    pieces: list[str] = []

    def close() -> None:
        nonlocal first
        if first >= 0:
            cs = bisect.bisect_right(char_start, first) - 1
            ce = bisect.bisect_right(char_start, end - 1)
            exact = char_start[cs] == first and (ce == len(run) or char_start[ce] == end)
            groups.append(_Group(cs, ce, "".join(pieces), exact))
            first = -1

    for m in _UTF8_SEQ.finditer(data):
        s, e = m.span()
        ch = m.group().decode("utf-8")
        gap = data[end:s]
        if first >= 0 and gap.isascii() and allowed(ch):
            pieces += (gap.decode("ascii"), ch)
            end = e
            continue
        close()
        if allowed(ch):
            first, end, pieces = s, e, [ch]
    close()
    return groups


def _gbk_garbage(c: str) -> bool:
    """Could `c` be a piece of UTF-8 read as GBK (a lost byte, a rare GBK character)?"""
    if c == REPLACEMENT or c == "?" or 0xE000 <= ord(c) <= 0xF8FF:
        return True
    b = _gbk_bytes(c)
    return is_cjk(c) and c not in common_chars() and b is not None and all(x >= 0x80 for x in b)


def _latin_garbage(c: str) -> bool:
    return c == REPLACEMENT or c == "?" or (0x80 <= ord(c) <= 0xFF) or c in _CP1252_HIGH


def _assemble(run: str, offset: int, groups: list[_Group], garbage, kind: str) -> list[Mojibake]:
    """Merge groups across short garbage gaps and absorb garbage at their edges."""
    out: list[Mojibake] = []
    merged: list[list[_Group]] = []
    for g in groups:
        if merged:
            prev = merged[-1][-1]
            gap = run[prev.ce : g.cs]
            if len(gap) <= 2 or (len(gap) <= 8 and all(garbage(c) or (c.isascii() and not c.isspace()) for c in gap)):
                merged[-1].append(g)
                continue
        merged.append([g])
    for gs in merged:
        cs, ce = gs[0].cs, gs[-1].ce
        while cs > 0 and garbage(run[cs - 1]) and not run[cs - 1].isascii():
            cs -= 1
        while ce < len(run) and garbage(run[ce]) and not run[ce].isascii():
            ce += 1
        parts = []
        for k, g in enumerate(gs):
            if k:
                gap = run[gs[k - 1].ce : g.cs]
                parts.append(gap if gap.isascii() else REPLACEMENT)
            parts.append(g.decoded)
        exact = len(gs) == 1 and gs[0].exact and (cs, ce) == (gs[0].cs, gs[0].ce)
        out.append(Mojibake(offset + cs, offset + ce, kind, "".join(parts), exact))
    return out


@functools.cache
def _gbk_run_pattern() -> re.Pattern[str]:
    # runs of non-space characters that start and end with a non-ASCII one
    return compile_cached("[^\\s\\x00-\\x7f](?:[^\\s]*[^\\s\\x00-\\x7f])?")


def find_mojibake(text: str) -> list[Mojibake]:
    """Every mojibake stretch in `text`, sorted by position."""
    found: list[Mojibake] = []
    seed = _gbk_seed_re()
    # UTF-8 read as GBK: only look where a UTF-8-lead-like GBK character occurs
    if seed.search(text):
        for m in _gbk_run_pattern().finditer(text):
            run = m.group()
            if not seed.search(run):
                continue
            groups = [g for g in _scan(run, _gbk_bytes, _cn_char) if sum(ord(c) >= 0x80 for c in g.decoded) >= 2]
            for mb in _assemble(run, m.start(), groups, _gbk_garbage, "utf8-as-gbk"):
                if set(mb.repaired) <= {REPLACEMENT}:
                    found.append(Mojibake(mb.start, mb.end, mb.kind, "", False, lost=True))
                elif _plausible(mb.repaired) and _rarity(text[mb.start : mb.end]) > _rarity(mb.repaired) + 0.3:
                    found.append(mb)
    # UTF-8 read as Latin-1/cp1252
    for m in _LATIN_RUN.finditer(text):
        run = m.group()
        groups = _scan(run, _latin_bytes, _latin_letter)
        for mb in _assemble(run, m.start(), groups, _latin_garbage, "utf8-as-latin1"):
            decoded = mb.repaired
            if _plausible(decoded) or (not any(is_cjk(c) for c in decoded) and _latin_bad(text[mb.start : mb.end])):
                found.append(mb)
    # GBK read as Latin-1
    for m in _LATIN_ONLY_RUN.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        try:
            decoded = m.group().encode("latin-1").decode("gbk")
        except UnicodeError:
            continue
        if len(decoded) >= 2 and all(is_cjk(c) for c in decoded) and _rarity(decoded) < 0.2:
            found.append(Mojibake(m.start(), m.end(), "gbk-as-latin1", decoded, True))
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[Mojibake] = []
    for f in found:
        if out and f.start < out[-1].end:
            prev = out[-1]
            if f.end > prev.end:
                out[-1] = Mojibake(prev.start, f.end, prev.kind, prev.repaired + REPLACEMENT + f.repaired, False)
            continue
        out.append(f)
    return out


def _latin_bad(segment: str) -> bool:
    from ftfy.badness import is_bad

    return is_bad(segment)
