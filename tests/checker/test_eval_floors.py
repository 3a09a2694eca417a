"""The evaluation on corpus/ must not fall below the floors in tests/eval_floors.toml."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import CLEAN, ROOT, SEEDS
from zhcheck.app.evaluation import CATEGORIES, Evaluation, evaluate, per_10k

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FLOORS_FILE = ROOT / "tests" / "eval_floors.toml"
FLOORS = tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))
GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    ev = evaluate([str(SEEDS)], GOLD, [str(CLEAN)])
    assert len(ev.files) == len(list(SEEDS.glob("*.txt"))) and not ev.without_gold, "every seed has gold"
    assert len(ev.clean.files) >= 400
    return ev


def test_floors_file_covers_every_category() -> None:
    for table in ("recall", "precision", "clean-per-10k"):
        assert sorted(FLOORS[table]) == sorted(CATEGORIES), f"[{table}] in {FLOORS_FILE.name}"


@pytest.mark.parametrize("metric", ["recall", "precision"])
@pytest.mark.parametrize("category", CATEGORIES)
def test_category_stays_above_its_floor(evaluation: Evaluation, category: str, metric: str) -> None:
    score = evaluation.by_category()[category]
    measured = getattr(score, metric)
    floor = FLOORS[metric][category]
    # no findings (precision) or no gold (recall) measures as 0
    assert (measured or 0.0) >= floor, (
        f"{category} {metric} {measured} fell below its floor {floor} "
        f"(gold {score.gold}, found {score.found}, TP {score.tp}, false {score.false}); "
        "run `zhcheck eval --show-misses --show-false`"
    )


@pytest.mark.parametrize("category", CATEGORIES)
def test_clean_false_alarms_stay_under_their_ceiling(evaluation: Evaluation, category: str) -> None:
    ceiling = FLOORS["clean-per-10k"][category]
    count = evaluation.clean.by_category()[category]
    rate = per_10k(count, evaluation.clean.chars)
    assert rate <= ceiling, (
        f"{category}: {count} findings on corpus/clean = {rate:.2f} per 10k chars, above the ceiling {ceiling}; "
        "run `zhcheck eval --show-false`"
    )


OCR_REAL = ROOT / "corpus" / "ocr_real"


def test_real_ocr_set_recall_stays_above_its_floor() -> None:
    """The project's real-OCR set (tools/build_ocr_eval.py): default rule set, ocr category."""
    ev = evaluate([str(OCR_REAL / "articles")], OCR_REAL / "gold", [])
    assert len(ev.files) >= 50 and not ev.without_gold
    score = ev.by_category()["ocr"]
    floors = FLOORS["ocr-real"]
    assert score.recall >= floors["recall"], (
        f"real-OCR recall {score.recall:.3f} ({score.found} of {score.gold}) fell below {floors['recall']}; "
        "run `zhcheck eval --gold corpus/ocr_real/gold corpus/ocr_real/articles --no-clean --show-misses`"
    )
    assert score.precision >= floors["precision"], (
        f"real-OCR precision {score.precision:.3f} (TP {score.tp}, false {score.false}) fell below "
        f"{floors['precision']}"
    )


SCRAPED = ROOT / "corpus" / "scraped"


def test_scraped_page_furniture_stays_above_its_floors() -> None:
    """G206 on the annotated scraped pages, per half (`zhcheck eval --pages corpus/scraped`)."""
    from zhcheck.app.evaluation import half_of, load_gold
    from zhcheck.app.page_eval import PageScore, judge_page
    from zhcheck.engine import check_text

    halves = {"tuning": PageScore(), "check": PageScore()}
    for page in sorted(SCRAPED.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        gold = load_gold(SCRAPED / "gold" / f"{page.stem}.jsonl", text)
        score = judge_page(text, gold, check_text(text, {"select": ["G206"]}))
        half = half_of(page.name)
        halves[half] = halves[half] + score
    for half, score in halves.items():
        floors = FLOORS["scraped-pages"][half]
        assert score.pages >= 20
        assert score.furniture_rate >= floors["furniture"], (half, score)
        assert score.body_rate <= floors["body"], (half, score)
        assert score.split_blocks <= floors["split"], (half, score)
