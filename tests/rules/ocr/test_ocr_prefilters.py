"""The shortcuts that keep the ocr rules fast skip only work that could find nothing."""

from __future__ import annotations

from collections import Counter

from tests.conftest import CLEAN, SEEDS
from zhcheck import segmenter as segmenter_mod
from zhcheck.document import Document
from zhcheck.rules.lang import lexicon
from zhcheck.rules.ocr import chars as chars_mod
from zhcheck.rules.ocr import names


def _documents() -> list[Document]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CLEAN.glob("*.txt"))[:120]
    return [Document(p.read_text(encoding="utf-8"), path=str(p)) for p in paths]


def test_name_positions_skipped_by_the_wildcard_indexes_have_no_target() -> None:
    """Every target of a candidate differs from it at a position `_target_positions` keeps,
    whatever its kind: most candidates keep none and are not searched at all."""
    skipped: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for doc in _documents():
        locale = names.infer_locale(doc)
        for para in names.body_paragraphs(doc):
            for cand in names.candidates(doc, para):
                positions = names._target_positions(cand)
                (kept if positions else skipped)[cand.kind] += 1
                local = list(names._targets_local(cand, locale))
                found = {i for i, *_ in local} | {i for i, *_ in names._targets_global(cand)}
                assert found <= set(positions), cand
                assert list(names._targets_local(cand, locale, positions)) == local
                if not positions:
                    assert names.rank(doc, cand, threshold=0.0) == []
    for kind in (names.ADMIN, names.FEATURE, names.ORG):
        assert skipped[kind] > kept[kind] > 0, kind  # most are phrases (大湾区, 推进乡, 白马河) nothing resembles


def test_wildcard_prefilter_keeps_real_misprints() -> None:
    doc = Document("南阳市的西峡县、内乡县和浙川县都在丹江口库区周边。")
    (para,) = doc.paragraphs
    cands = {c.text: c for c in names.candidates(doc, para)}
    assert names._target_positions(cands["浙川县"]) == [0]
    assert [m.target for m in names.rank(doc, cands["浙川县"])][:1] == ["淅川县"]


def test_frequent_word_set_is_the_frequency_test() -> None:
    frequent = chars_mod._frequent_words()
    for word in ("已经", "未来", "坚持", "己经", "末来", "发展", "平顶"):
        assert (word in frequent) == (lexicon.word_freq(word) >= chars_mod.MIN_WORD_FREQ), word


def test_word_frequencies_follow_the_user_words() -> None:
    seg = lexicon.segmenter()
    assert lexicon.word_freq("滍阳镇") == 0  # remembered as unknown ...
    segmenter_mod.set_user_words(frozenset({"滍阳镇"}))
    try:
        assert lexicon.word_freq("滍阳镇") > 0  # ... and forgotten when the user terms change
    finally:
        segmenter_mod.set_user_words(frozenset())
    assert lexicon.word_freq("滍阳镇") == 0
    assert seg.word_freq("平顶山") == lexicon.word_freq("平顶山") > 0


def test_reachable_pairs_are_the_pairs_a_look_alike_turns_into_a_frequent_word() -> None:
    reachable, frequent = chars_mod._reachable(), chars_mod._frequent_words()
    pairs = set()
    for doc in _documents()[:40]:
        for para in doc.paragraphs:
            pairs.update(pair for _start, pair in chars_mod._pairs(doc, para))
    found = 0
    for pair in sorted(pairs):
        a, b = pair
        words = {o + b for o, _ in chars_mod._look_alikes(a)} | {a + o for o, _ in chars_mod._look_alikes(b)}
        assert (pair in reachable) == bool(words & frequent), pair
        found += pair in reachable
    assert 0 < found < len(pairs) / 10  # a few pairs of a text go on to be scored
    assert "己经" in reachable and "已经" not in reachable


def test_pairs_found_from_the_reachable_starts_are_the_reachable_pairs() -> None:
    """O104 looks only where the whole-text screen finds a reachable pair: the same pairs as
    walking every word, a made-up two-character word (己经) and two single characters in a row
    (末|来) among them, in every paragraph of a document (offsets past the first paragraph)."""
    reachable = chars_mod._reachable()
    docs = [*_documents()[:40], Document("经过多年努力，这项技术己经成熟。\n\n我们的末来充满希望。")]
    kinds = set()
    for doc in docs:
        for para in doc.paragraphs:
            screened = list(chars_mod._reachable_unread_pairs(doc, para))
            assert screened == [(s, p) for s, p in chars_mod._pairs(doc, para) if p in reachable]
            words = {w for w, _s, _e in doc.words(para)}
            kinds.update("word" if p in words else "singles" for _s, p in screened)
    assert kinds == {"word", "singles"}
    assert [p for para in docs[-1].paragraphs for _s, p in chars_mod._reachable_unread_pairs(docs[-1], para)] == [
        "己经",
        "末来",
    ]
