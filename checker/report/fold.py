"""Folding typography: one line per file (or paragraph) instead of one per mark.

Half-width punctuation and stray spaces are numerous, certain and fixed by
`zhcheck fix` in one go; listed one by one they bury the findings an editor has
to read. The text and GitHub reports show them folded by default
(`--typography file|paragraph|full`, config key `typography`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from zhcheck.engine import FileResult
from zhcheck.finding import Category, Finding, Severity

#: how typography findings are shown: one line per file, one per paragraph, or every finding
MODES = ("file", "paragraph", "full")
DEFAULT = "file"


def is_folded(f: Finding, mode: str) -> bool:
    """Is `f` shown only as part of a fold line in this mode?"""
    return mode != "full" and f.category is Category.TYPOGRAPHY


@dataclass
class Fold:
    """Typography findings of one file (or one paragraph) shown as one line."""

    findings: list[Finding]
    #: paragraphs (lines) the findings are in
    paragraphs: int

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> Severity:
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    @property
    def codes(self) -> str:
        return ",".join(sorted({f.rule for f in self.findings}))

    @property
    def fixable(self) -> int:
        """How many `zhcheck fix` applies (safe fixes)."""
        return sum(1 for f in self.findings if f.fix is not None and f.fix.is_safe and f.fix.edits)

    def counts(self, titles: dict[str, str]) -> str:
        """`T101 中文中使用半角标点 206、T102 … 6`."""
        by_rule = Counter(f.rule for f in self.findings)
        return "、".join(f"{code} {titles.get(code, '')} {n}".replace("  ", " ") for code, n in sorted(by_rule.items()))

    def message(self, titles: dict[str, str], per_paragraph: bool) -> str:
        last = max(f.end_line for f in self.findings)
        where = f"第 {self.first.line} 行" if last == self.first.line else f"第 {self.first.line}–{last} 行"
        scope = "本段" if per_paragraph else f"{self.paragraphs} 段（{where}）中"
        text = f"{scope}有 {len(self.findings)} 处标点排版问题：{self.counts(titles)}"
        if self.fixable:
            share = "全部" if self.fixable == len(self.findings) else f"其中 {self.fixable} 处"
            text += f"；{share}可由 zhcheck fix 自动修改"
        return text


def folds(fr: FileResult, mode: str) -> Iterator[Fold]:
    """The fold lines of one file: one for the file, or one per paragraph ("full": none)."""
    if mode == "full":
        return
    typo = [f for f in fr.findings if f.category is Category.TYPOGRAPHY]
    if not typo:
        return
    groups: dict[int, list[Finding]] = {}
    for f in typo:  # a paragraph is a line (of the file; a Word document's lines are its paragraphs)
        groups.setdefault(f.line, []).append(f)
    if mode == "paragraph":
        for group in groups.values():
            yield Fold(group, 1)
    else:
        yield Fold(typo, len(groups))


def rule_titles() -> dict[str, str]:
    """Rule code -> Chinese title (for fold lines)."""
    from zhcheck.registry import load_rules

    return {code: r.title_zh for code, r in load_rules().items()}
