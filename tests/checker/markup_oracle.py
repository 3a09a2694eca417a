"""An independent view of Markdown markup for the tests: regular expressions for the
constructs the fixture documents use (not the parser zhcheck uses), and the checks
that findings and fixes leave them alone."""

from __future__ import annotations

import difflib
import re
from collections import Counter

_PATTERNS = [
    re.compile(r"(?ms)\A---\n.*?^---$"),  # front matter
    re.compile(r"(?ms)^```.*?^```$"),  # fenced code
    re.compile(r"(?m)(?:^    \S.*\n?)+"),  # indented code (the fixtures put it after a blank line)
    re.compile(r"`[^`\n]+`"),  # code spans
    re.compile(r"!\[[^\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)"),  # images (a target may hold a space and (1))
    re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)"),  # link targets
    re.compile(r"\{:?[ \t]*[#.][A-Za-z][^{}\n]*\}"),  # attribute lists ({#anchor}, {.class})
    re.compile(r"\]\[[^\]\n]*\]"),  # reference links
    re.compile(r"(?m)^\[[^\]\n]+\]:.*$"),  # link reference definitions
    re.compile(r"<[^>\n]+>"),  # HTML tags, comments and autolinks
    re.compile(
        r"(?:https?://|www\.)[^\s<>{}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*[^\s<>{}.,:;!?)\]\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
    ),
    re.compile(r"(?m)^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$"),  # table delimiter rows
]


def protected(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that are markup by the patterns above."""
    return sorted({m.span() for p in _PATTERNS for m in p.finditer(text)})


def cuts(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """A finding that starts or ends strictly inside a markup span, or lies within one."""
    for a, b in spans:
        if start == end:
            if a < start < b:
                return True
        elif a < start < b or a < end < b or (a <= start and end <= b):
            return True
    return False


def damaged(before: str, after: str) -> list[str]:
    """Markup of `before` that `after` lost without losing the whole lines around it,
    or markup `after` has that `before` did not."""
    old = Counter(before[a:b] for a, b in protected(before))
    new = Counter(after[a:b] for a, b in protected(after))
    gone = _deleted_lines(before, after)
    problems = [f"new or changed markup: {m!r}" for m in new - old]
    for m, n in (old - new).items():
        deleted_with_lines = sum(k * line.count(m) for line, k in gone.items())
        if n > deleted_with_lines or _moved_but_changed(m, after):
            problems.append(f"markup lost or changed: {m!r}")
    return problems


def _deleted_lines(before: str, after: str) -> Counter[str]:
    """The lines of `before` that `after` dropped whole (a line edited in place is no
    deleted line: markup in it must survive). Lines outside the diff's equal runs pair
    up by similarity, each new line with its most similar old one."""
    b, a = before.splitlines(), after.splitlines()
    old: list[str] = []
    new: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, a, autojunk=False).get_opcodes():
        if tag != "equal":
            old += b[i1:i2]
            new += a[j1:j2]
    for x in new:
        ratios = ((difflib.SequenceMatcher(None, line, x).ratio(), k) for k, line in enumerate(old))
        score, k = max(ratios, default=(0.0, -1))
        if score >= _EDITED:
            old.pop(k)
    return Counter(old)


#: a line of the fixed text at least this similar to a line of the original is that line edited
_EDITED = 0.8


def _moved_but_changed(m: str, after: str) -> bool:
    """The markup's text is still there with its punctuation made full-width (edited, not deleted)."""
    width = str.maketrans(",:;!?()", "，：；！？（）")
    return m not in after and m.translate(width) in after and m.translate(width) != m
