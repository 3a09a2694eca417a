"""False alarms on clean text of other styles than corpus/clean (corpus/clean_extra).

corpus/clean_extra holds People's Daily articles of January 1998, SIGHAN-2015's corrected
sentences (both built by tools/build_clean_extra.py) and hand-written articles of genres
the CCTV transcripts lack (sports, finance, notices with lists, interviews, Markdown,
tables, English terms and URLs). `python benchmarks/clean_controls.py --list` shows every
finding; the ceilings below were measured with it (see benchmarks/README.md).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from zhcheck.engine import Engine

EXTRA = ROOT / "corpus" / "clean_extra"
#: non-typography findings per 10,000 characters, per source (file-name prefix).
#: Measured: genre 0.00 (0 of 8,591 chars), rmrb1998 0.33 (1 of 30,431: a poem line
#: ending without a mark), sighan2015 10.2 (2 of 1,955: learner sentences printed
#: without their final full stop, which the layout rules read as broken paragraphs).
CEILINGS = {"genre": 0.0, "rmrb1998": 1.0, "sighan2015": 12.0}


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[int, list[str]]]:
    engine = Engine({"cache": False, "jobs": 1})
    chars: Counter[str] = Counter()
    found: dict[str, list[str]] = {src: [] for src in CEILINGS}
    for path in sorted(EXTRA.iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        src = path.name.split("_", 1)[0]
        res = engine.check_file(str(path))
        assert res.error is None, (path.name, res.error)
        chars[src] += res.chars
        found[src] += [
            f"{f.rule} {Path(f.path).name}:{f.line} {f.text!r}"
            for f in res.findings
            if f.category.value != "typography"
        ]
    return {src: (chars[src], found[src]) for src in CEILINGS}


@pytest.mark.parametrize("source", sorted(CEILINGS))
def test_false_alarms_on_other_styles_stay_under_ceiling(results, source: str) -> None:
    chars, found = results[source]
    assert chars > 1000, f"no {source} articles in {EXTRA}"
    rate = len(found) * 10_000 / chars
    assert rate <= CEILINGS[source], f"{source}: {rate:.2f} per 10k chars\n" + "\n".join(found)
