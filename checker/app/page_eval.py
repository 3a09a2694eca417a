"""Scraped pages: how much of the web page around the article the block findings cover.

Gold of a scraped page (`corpus/scraped/gold/<stem>.jsonl`, format in corpus/README.md)
annotates each run of page-furniture lines as one record of type BLOCK_TYPE; `neutral`
records mark doubtful lines (headlines, bylines). Every other non-blank line is article body.
A line is *covered* when one finding of the rule named BLOCK_TYPE spans it whole. The
measures: the share of furniture lines covered (recall by line), the share of body lines
covered (what a user would lose), and the findings per gold block (one block, one finding).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from zhcheck.finding import Finding

#: the gold type (and rule name) of a block of page furniture
BLOCK_TYPE = "page-furniture"


@dataclass
class PageScore:
    """Line counts of one page (or a sum of pages)."""

    pages: int = 0
    furniture_lines: int = 0
    furniture_covered: int = 0
    body_lines: int = 0
    body_covered: int = 0
    blocks: int = 0
    findings: int = 0
    #: gold blocks that two or more findings share
    split_blocks: int = 0

    def __add__(self, other: PageScore) -> PageScore:
        return PageScore(*(a + b for a, b in zip(asdict(self).values(), asdict(other).values(), strict=True)))

    @property
    def furniture_rate(self) -> float | None:
        return self.furniture_covered / self.furniture_lines if self.furniture_lines else None

    @property
    def body_rate(self) -> float | None:
        return self.body_covered / self.body_lines if self.body_lines else None

    @property
    def findings_per_block(self) -> float | None:
        return self.findings / self.blocks if self.blocks else None

    def to_dict(self) -> dict[str, float | int | None]:
        rates = {
            "furniture_covered_rate": self.furniture_rate,
            "body_covered_rate": self.body_rate,
            "findings_per_block": self.findings_per_block,
        }
        return asdict(self) | {k: None if v is None else round(v, 4) for k, v in rates.items()}


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the non-blank lines, end before the line break."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def judge_page(text: str, gold: Sequence, findings: Sequence[Finding]) -> PageScore:
    """Score one page: `gold` are its GoldRecords, `findings` its findings (any rules)."""
    blocks = [(r.start, r.end) for r in gold if r.type == BLOCK_TYPE and not r.is_neutral]
    neutral = [(r.start, r.end) for r in gold if r.is_neutral]
    reported = [(f.start, f.end) for f in findings if f.name == BLOCK_TYPE]
    score = PageScore(pages=1, blocks=len(blocks), findings=len(reported))
    for s, e in _lines(text):
        covered = any(a <= s and e <= b for a, b in reported)
        if any(a <= s and e <= b for a, b in blocks):
            score.furniture_lines += 1
            score.furniture_covered += covered
        elif not any(a < e and s < b for a, b in neutral):
            score.body_lines += 1
            score.body_covered += covered
    score.split_blocks = sum(1 for a, b in blocks if sum(1 for s, e in reported if s < b and a < e) >= 2)
    return score
