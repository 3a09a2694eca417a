"""Format checks for the gold annotation files corpus/gold/*.jsonl and corpus/scraped/gold/*.jsonl."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"
GOLD = ROOT / "corpus" / "gold"
SCRAPED = ROOT / "corpus" / "scraped"

TYPES = {
    "duplicate": {
        "duplicate-paragraph",
        "near-duplicate-paragraph",
        "repeated-block",
        "repeated-passage",
        "phrase-loop",
        "char-stutter",
    },
    "garbled": {
        "mojibake",
        "image-filename",
        "web-boilerplate",
        "residual-markup",
        "foreign-word",
        "unbalanced-pair",
        "incoherent",
        "page-furniture",
    },
    "ocr": {"confusable-name", "variant-char", "swapped-chars", "confusable-char", "digit-letter"},
    "layout": {
        "broken-paragraph",
        "truncated-paragraph",
        "dangling-start",
        "displaced-continuation",
        "interleaved-caption",
    },
    "typography": {"halfwidth-punctuation", "stray-space", "doubled-punctuation", "straight-quotes"},
}
ALL_TYPES = set().union(*TYPES.values())
REQUIRED = {"category", "type", "start", "end", "text", "note"}
OPTIONAL = {"suggestion"}

GOLD_FILES = sorted(GOLD.glob("*.jsonl"))
#: (gold file, its article)
PAIRS = [(p, SEEDS / f"{p.stem}.txt") for p in GOLD_FILES] + [
    (p, SCRAPED / f"{p.stem}.txt") for p in sorted((SCRAPED / "gold").glob("*.jsonl"))
]


def test_every_seed_has_a_gold_file():
    seeds = {p.stem for p in SEEDS.glob("*.txt")}
    gold = {p.stem for p in GOLD_FILES}
    assert seeds, "no seed articles found"
    assert seeds == gold


def test_every_scraped_page_has_a_gold_file():
    pages = {p.stem for p in SCRAPED.glob("*.txt")}
    assert len(pages) >= 40 and pages == {p.stem for p in (SCRAPED / "gold").glob("*.jsonl")}


@pytest.mark.parametrize(("path", "article"), PAIRS, ids=lambda p: p.stem)
def test_gold_file(path, article):
    with open(article, encoding="utf-8") as fh:
        content = fh.read()
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            assert line.endswith("\n"), f"line {n}: missing newline"
            assert line.strip(), f"line {n}: blank line"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:  # pragma: no cover - reported by assert
                pytest.fail(f"line {n}: invalid JSON: {exc}")
            assert isinstance(rec, dict), f"line {n}: not an object"
            records.append((n, rec))
    assert records, "empty gold file"

    seen = set()
    prev_start = -1
    for n, rec in records:
        keys = set(rec)
        assert keys >= REQUIRED, f"line {n}: missing keys {REQUIRED - keys}"
        assert keys <= REQUIRED | OPTIONAL, f"line {n}: unknown keys {keys - REQUIRED - OPTIONAL}"
        cat, typ = rec["category"], rec["type"]
        assert cat in set(TYPES) | {"neutral"}, f"line {n}: bad category {cat!r}"
        if cat == "neutral":
            assert typ in ALL_TYPES, f"line {n}: bad type {typ!r}"
        else:
            assert typ in TYPES[cat], f"line {n}: type {typ!r} not in category {cat!r}"
        start, end = rec["start"], rec["end"]
        assert isinstance(start, int) and isinstance(end, int), f"line {n}: offsets not int"
        assert 0 <= start < end <= len(content), f"line {n}: bad span {start}-{end}"
        assert rec["text"] == content[start:end], f"line {n}: text does not match span"
        assert isinstance(rec["note"], str) and rec["note"].strip(), f"line {n}: empty note"
        if "suggestion" in rec:
            assert isinstance(rec["suggestion"], str), f"line {n}: suggestion not a string"
        if cat == "ocr":
            assert rec.get("suggestion"), f"line {n}: ocr record needs a suggestion"
        assert start >= prev_start, f"line {n}: records not sorted by start"
        prev_start = start
        key = (typ, start, end)
        assert key not in seen, f"line {n}: duplicate {typ} record for span {start}-{end}"
        seen.add(key)
