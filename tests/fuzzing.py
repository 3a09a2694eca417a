"""Totality of the rules and of `fix` on any Unicode string (shared by the property test
in tests/rules/test_total.py and the long run in tools/fuzz_rules.py).

`texts()` draws strings built like damaged articles (Han characters, Chinese and ASCII
punctuation, digits, line breaks, doubled characters, repeated phrases and paragraphs)
mixed with what no article should contain but a file or a caller may: NUL and other
controls, lone surrogates, private-use and non-BMP characters, byte-order marks,
combining marks, exotic line separators, and arbitrary code points.

`check_total(text)` runs every built-in rule (opt-in ones too) on the text through the
engine, made to re-raise a rule's exception instead of reporting it, and asserts that
each finding's span and fix lie in the text; then `fix_text` with every fix (`--unsafe`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache

from hypothesis import strategies as st

#: common Han characters (a frequency list's head), so that words and names occur
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
    "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只"
    "没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边"
    "流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府队南给色光门即保治北"
    "造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车"
    "例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫"
    "省市县镇乡村街道区州河江湖山岛"
)
PUNCT = "，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]<>\"'#*-_/\\|~`@&%$ \u3000"
ASCII = "0123456789abcdefxyzABCDEFXYZ"
#: what files and callers can smuggle in
SPECIAL = (
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\xa0", "\xad",
    "\ud800", "\udbff", "\udc00", "\udfff", "\udcff", "\ufeff", "\ufffd", "\ufffe", "\uffff",
    "\u200b", "\u200d", "\u200e", "\u202e", "\u2028", "\u2029", "\u0301", "\u20dd", "\ue000", "\uf8ff",
    "\U0002000b", "\U0001f600", "\U000e0001", "\U0010ffff", "\r", "\n", "\r\n", "\t", "\n\n",
    "Ã©", "é", "ä¸­æ–‡",
)  # fmt: skip

#: what a paragraph is drawn from, one item at a time: Han characters (so that words and
#: names occur), doubled characters (stutters), punctuation, letters, digits, the specials
_POOL = (*HAN, *(c * 2 for c in HAN[:40]), *PUNCT, *ASCII, *SPECIAL)


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    atoms = draw(st.lists(st.sampled_from(_POOL), max_size=40))
    if draw(st.integers(0, 3)) == 0:  # any code points at all (surrogates included) somewhere
        k = draw(st.integers(0, len(atoms)))
        atoms.insert(k, draw(st.text(st.characters(codec=None, exclude_categories=()), min_size=1, max_size=3)))
    if atoms and draw(st.booleans()):  # a phrase loop: the same stretch several times
        k = draw(st.integers(0, len(atoms) - 1))
        unit = "".join(atoms[k : k + draw(st.integers(1, 4))])
        sep = draw(st.sampled_from(["", "、", "，", ","]))
        atoms.insert(k, sep.join([unit] * draw(st.integers(2, 4))))
    return "".join(atoms)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A document: paragraphs (some repeated) joined by line breaks of any style."""
    paras = draw(st.lists(_paragraph(), min_size=0, max_size=6))
    if paras and draw(st.booleans()):  # a duplicated paragraph
        paras.append(draw(st.sampled_from(paras)))
    breaks = draw(st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n \n", "\u2029"]), min_size=len(paras)))
    return "".join(p + b for p, b in zip(paras, breaks, strict=False))


@cache
def _builtin_rules() -> tuple:
    from zhcheck.registry import load_rules

    return tuple(r for r in load_rules().values() if r.module.startswith("zhcheck.rules"))


@cache
def _engine():
    from zhcheck.engine import Engine

    return Engine({"select": sorted({r.code for r in _builtin_rules()})})


@contextlib.contextmanager
def rule_errors_raise() -> Iterator[None]:
    """Make the engine re-raise a rule's exception instead of reporting and skipping it."""
    from zhcheck import engine

    def reraise(rule, path):
        raise

    saved = engine._internal_error
    engine._internal_error = reraise
    try:
        yield
    finally:
        engine._internal_error = saved


def _check_finding(f, n: int) -> None:
    assert 0 <= f.start <= f.end <= n, f"{f.rule}: span {f.start}:{f.end} outside 0:{n}"
    assert isinstance(f.message, str) and f.message, f"{f.rule}: no message"
    if f.fix is not None:
        for e in f.fix.edits:
            assert 0 <= e.start <= e.end <= n, f"{f.rule}: edit {e.start}:{e.end} outside 0:{n}"


def check_total(text: str) -> None:
    """Every built-in rule (the engine re-raising a rule's exception; the cross-file rules over
    the text and a copy of it) and `fix_text` with every fix run on `text`, all in range."""
    from dataclasses import replace

    from zhcheck.app.fixer import fix_text
    from zhcheck.document import Document

    engine = _engine()
    with rule_errors_raise():
        first = engine.check_document(Document(text, path="fuzz.txt"))
        copy = replace(first, path="copy.txt", findings=[])
        engine.finalize([first, copy])
        for f in first.findings + copy.findings:
            _check_finding(f, len(text))
        result = fix_text(text, engine, path="fuzz.txt", unsafe=True)
    assert isinstance(result.fixed, str)
