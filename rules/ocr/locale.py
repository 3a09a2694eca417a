"""Where an article is about: its region inferred from the places it names.

Every gazetteer name in the text votes for the divisions it may denote (split
evenly when a name is ambiguous, e.g. 新华区). Votes are summed per prefecture
and per province; the leading prefecture and province are the article's
locale, and a name candidate from there is more plausible than one from the
other end of the country.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from zhcheck.document import Document, Paragraph
from zhcheck.rules.lang.lexicon import gazetteer, pos_tag, word_freq

#: a name denoting more places than this says nothing about the region
_MAX_AMBIGUITY = 4


@dataclass
class Locale:
    """Votes per prefecture (4-digit code) and province (2-digit code)."""

    prefectures: Counter[str] = field(default_factory=Counter)
    provinces: Counter[str] = field(default_factory=Counter)
    #: how often each name or short form occurs in the article
    mentions: Counter[str] = field(default_factory=Counter)

    @property
    def prefecture(self) -> str:
        """The leading prefecture, when it has a clear lead ('' otherwise)."""
        return _leader(self.prefectures, min_votes=1.0, min_lead=1.2)

    @property
    def province(self) -> str:
        return _leader(self.provinces, min_votes=1.5, min_lead=1.2)

    def regions(self) -> list[str]:
        """Prefectures worth scanning for local names, strongest first."""
        top = self.prefectures.most_common(4)
        if not top:
            return []
        lead = top[0][1]
        return [p for p, v in top if v >= 1.0 and v >= 0.4 * lead]

    def bonus(self, code: str) -> float:
        """Plausibility bonus of a division with `code` in this article."""
        pref = self.prefecture
        if pref and code.startswith(pref):
            return 0.35
        if self.prefectures.get(code[:4], 0) >= 2.0:
            return 0.2
        prov = self.province
        if prov and code.startswith(prov):
            return 0.12
        return 0.0


def _leader(votes: Counter[str], min_votes: float, min_lead: float) -> str:
    """The top entry when it has enough votes and leads the runner-up clearly."""
    top = votes.most_common(2)
    if not top:
        return ""
    best, v = top[0]
    second = top[1][1] if len(top) > 1 else 0.0
    return best if v >= min_votes and v >= min_lead * second else ""


def _prefecture_of(code: str) -> str:
    return code[:4] if len(code) >= 4 else ""


def mentions(doc: Document, para: Paragraph) -> list[tuple[int, int, str]]:
    """Gazetteer names in a paragraph (offsets within the paragraph), computed once."""

    def compute() -> list[tuple[int, int, str]]:
        gaz = gazetteer()
        anywhere = doc.memo("ocr.name_starts", lambda: gaz.name_start_array(doc.text))
        lo, hi = anywhere.searchsorted((para.start, para.end))
        return list(gaz.mentions(para.text, starts=(anywhere[lo:hi] - para.start).tolist()))

    return doc.memo(("ocr.mentions", para.index), compute, MENTIONS)


#: the memo scope of `mentions` (and of the division codes `names._parents` derives from them):
#: dropped once the document's names are found (`names.find_names` has worked out every
#: paragraph's bounds and candidates from them; one asked later is recomputed)
MENTIONS = "zhcheck.rules.ocr.locale.mentions"


def infer_locale(doc: Document) -> Locale:
    """The article's locale (memoised per document)."""
    return doc.memo("ocr.locale", lambda: _infer(doc))


def _infer(doc: Document) -> Locale:
    gaz = gazetteer()
    loc = Locale()
    for para in doc.paragraphs:
        for _s, _e, name in mentions(doc, para):
            loc.mentions[name] += 1
    for name, n in loc.mentions.items():
        full = name in gaz.full
        if not full and not _usable_short_form(name):
            continue
        codes = gaz.codes(name) if full else [c for c in gaz.short.get(name, ()) if len(c) <= 6]
        if len(codes) > 1:
            # an ambiguous name most likely denotes its highest-ranking division
            top = min(len(c) for c in codes)
            codes = [c for c in codes if len(c) == top]
        if not codes or len(codes) > _MAX_AMBIGUITY:
            continue
        # repeated names count less than distinct ones; a short form of a
        # province or prefecture (长沙) is as telling as an official name
        strength = 1.0 if full or len(codes[0]) <= 4 else 0.6
        weight = (1.0 + math.log(n)) * strength / len(codes)
        for code in codes:
            pref = _prefecture_of(code)
            if pref:
                loc.prefectures[pref] += weight
            loc.provinces[code[:2]] += weight
    return loc


def _usable_short_form(name: str) -> bool:
    """A short form votes only when it reads as a place, not a common word (新华, 中山)."""
    if len(name) < 2:
        return False
    tag = pos_tag(name)
    return tag == "ns" or word_freq(name) < 50
