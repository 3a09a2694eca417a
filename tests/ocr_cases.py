"""Generated test cases for the ocr rules: real gazetteer names with one character
replaced by a look-alike, embedded in realistic sentences (not seed text)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from zhcheck.rules.lang.glyphs import neighbours
from zhcheck.rules.lang.lexicon import gazetteer, is_known, t2s_table

TEMPLATES = (
    "近日，记者从{prov}{pref}了解到，{name}今年粮食总产量再创新高。{pref}下辖的{sib1}、{sib2}也在加快推进高标准农田建设。",
    "{prov}{pref}{name}积极发展特色产业，带动群众增收。与{name2}相邻的{sib1}同样把乡村振兴作为头等大事。",
    "在{pref}，{sib1}和{name}的干部群众正在抢收秋粮，{sib2}的农机手也赶来支援。",
)


@dataclass(frozen=True)
class Case:
    text: str
    wrong: str
    right: str


def _siblings(code: str, level_len: int, rng: random.Random) -> list[str]:
    gaz = gazetteer()
    names = [n for c, n, _s in gaz.in_region(code[:4]) if len(c) == level_len and c != code]
    rng.shuffle(names)
    return names


def corrupt(name: str, suffix_len: int, rng: random.Random, min_score: float = 0.6) -> str | None:
    """`name` with one character of its name part replaced by an unknown look-alike."""
    table = t2s_table()
    positions = list(range(len(name) - suffix_len))
    rng.shuffle(positions)
    for i in positions:
        options = [c for c, _s in neighbours(name[i], min_score) if c not in table and "\u4e00" <= c <= "\u9fff"]
        rng.shuffle(options)
        for c in options:
            wrong = name[:i] + c + name[i + 1 :]
            if not is_known(wrong) and not is_known(wrong[: len(wrong) - suffix_len]):
                return wrong
    return None


def name_cases(n: int, seed: int = 7, exclude_province: str = "41") -> list[Case]:
    """Counties and towns from provinces other than `exclude_province`, corrupted."""
    rng = random.Random(seed)
    gaz = gazetteer()
    pool = [
        p
        for p in gaz.places
        if p.province != exclude_province
        and len(p.code) in (6, 9)
        and p.name[-1] in "县镇乡"
        and not p.code.startswith(("71", "81", "82"))
        and 2 <= len(p.name) <= 4
    ]
    rng.shuffle(pool)
    out: list[Case] = []
    for p in pool:
        if len(out) >= n:
            break
        wrong = corrupt(p.name, 1, rng)
        if wrong is None:
            continue
        sibs = _siblings(p.code, len(p.code), rng)
        if len(sibs) < 2:
            continue
        tpl = TEMPLATES[len(out) % len(TEMPLATES)]
        pref = gaz.region_name(p.code[:4])
        text = tpl.format(
            prov=gaz.region_name(p.code[:2]),
            pref=gaz.region_name(p.code[:2]) if pref.isdigit() else pref,
            name=wrong,
            name2=p.name,
            sib1=sibs[0],
            sib2=sibs[1],
        )
        out.append(Case(text, wrong, p.name))
    return out


SWAP_TEMPLATES = (
    "会上，他说大家要{term}，把各项工作落到实处。",
    "这项工作{term}，群众看在眼里。",
    "专家指出，{term}是当前的一项重点任务。",
)


def swap_cases(n: int, seed: int = 11) -> list[Case]:
    """Frequent idioms and fixed terms with two adjacent characters swapped."""
    from zhcheck.rules.lang.lexicon import fixed_terms, pos_tag

    rng = random.Random(seed)
    pool = sorted(t for t, f in fixed_terms() if len(t) == 4 and f >= 50 and pos_tag(t) in ("i", "nz", "l"))
    rng.shuffle(pool)
    out: list[Case] = []
    for term in pool:
        if len(out) >= n:
            break
        j = rng.randrange(3)
        wrong = term[:j] + term[j + 1] + term[j] + term[j + 2 :]
        if wrong == term or is_known(wrong):
            continue
        out.append(Case(SWAP_TEMPLATES[len(out) % len(SWAP_TEMPLATES)].format(term=wrong), wrong, term))
    return out


def listed_cases(n: int, seed: int = 5, exclude_province: str = "41") -> list[Case]:
    """Lists of a prefecture's counties by short form (涞水、阜平、定兴), one inner item corrupted."""
    rng = random.Random(seed)
    gaz = gazetteer()
    prefectures = sorted({p.code[:4] for p in gaz.places if len(p.code) == 4 and p.province != exclude_province})
    rng.shuffle(prefectures)
    out: list[Case] = []
    for pref in prefectures:
        if len(out) >= n:
            break
        shorts = [s for c, _n, s in gaz.in_region(pref) if len(c) == 6 and len(s) == 2]
        if len(shorts) < 4 or pref.startswith(("71", "81", "82")):
            continue
        rng.shuffle(shorts)
        items = shorts[:4]
        wrong = corrupt(items[1], 0, rng)
        if wrong is None:
            continue
        text = f"{gaz.region_name(pref)}的{items[0]}、{wrong}、{items[2]}、{items[3]}等地都在加快发展。"
        out.append(Case(text, wrong, items[1]))
    return out
