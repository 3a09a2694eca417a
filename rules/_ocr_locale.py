"""Where an article is about: its region inferred from the places it names.

Every gazetteer name in the text votes for the divisions it may denote (split
evenly when a name is ambiguous, e.g. 新华区). Votes are summed per prefecture
and per province; the leading prefecture and province are the article's
locale, and a name candidate from there is more plausible than one from the
other end of the country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from checker.document import Document
from checker.lexicon import gazetteer, pos_tag, word_freq

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
        return _leader(self.prefectures, min_votes=2.0, min_share=0.25)

    @property
    def province(self) -> str:
        return _leader(self.provinces, min_votes=1.5, min_share=0.3)

    def regions(self) -> list[str]:
        """Prefectures worth scanning for local names, strongest first."""
        total = sum(self.prefectures.values())
        return [p for p, v in self.prefectures.most_common(4) if v >= 2.0 and v >= 0.15 * total]

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


def _leader(votes: Counter[str], min_votes: float, min_share: float) -> str:
    if not votes:
        return ""
    (best, v), total = votes.most_common(1)[0], sum(votes.values())
    return best if v >= min_votes and v >= min_share * total else ""


def _prefecture_of(code: str) -> str:
    return code[:4] if len(code) >= 4 else ""


def infer_locale(doc: Document) -> Locale:
    """The article's locale (memoised per document)."""
    return doc.memo("ocr.locale", lambda: _infer(doc))


def _infer(doc: Document) -> Locale:
    gaz = gazetteer()
    loc = Locale()
    for para in doc.paragraphs:
        for _s, _e, name in gaz.mentions(para.text):
            loc.mentions[name] += 1
    for name, n in loc.mentions.items():
        full = name in gaz.full
        if not full and not _usable_short_form(name):
            continue
        codes = gaz.codes(name)
        if not codes or len(codes) > _MAX_AMBIGUITY:
            continue
        weight = n * (1.0 if full else 0.6) / len(codes)
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
