"""Inline suppressions: `<!-- zhcheck-disable D101 -->` … `<!-- zhcheck-enable -->`.

Recognised forms (codes are optional, comma or space separated; selectors may
be codes, prefixes, rule names or categories):

- `<!-- zhcheck-disable [CODES] -->` silences until a matching enable or the end;
- `<!-- zhcheck-enable [CODES] -->` ends it (without codes: ends everything);
- `<!-- zhcheck-disable-next-line [CODES] -->` silences the next non-blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhcheck.lazyre import lazy

_DIRECTIVE = lazy(r"<!--\s*zhcheck-(disable-next-line|disable|enable)\b([^>]*?)-->")


@dataclass(frozen=True)
class Suppression:
    start: int
    end: int
    selectors: tuple[str, ...]  # empty = every rule


def parse_suppressions(text: str, comments: list[tuple[int, int, str]] | None = None) -> list[Suppression]:
    """Silenced regions of `text` (empty list when there are no directives).

    `comments` lists the comments to read as (start, end, comment) when the format's
    parser found them (Markdown: not inside code; HTML: where each stood in the page's
    text); by default every directive in `text` counts.
    """
    if comments is None:
        if "zhcheck-" not in text:
            return []
        comments = [(m.start(), m.end(), m.group(0)) for m in _DIRECTIVE.finditer(text)]
    out: list[Suppression] = []
    open_: dict[tuple[str, ...], int] = {}
    for start, end, comment in comments:
        m = _DIRECTIVE.search(comment)
        if m is None:
            continue
        kind = m.group(1)
        sels = tuple(s for s in re.split(r"[\s,]+", m.group(2).strip()) if s)
        if kind == "disable":
            open_.setdefault(sels, end)
        elif kind == "enable":
            keys = list(open_) if not sels else [k for k in open_ if k == sels or set(sels) & set(k)]
            for k in keys:
                out.append(Suppression(open_.pop(k), start, k))
        else:
            nl = text.find("\n", end)
            if nl < 0:
                continue
            first = nl + 1
            while first < len(text) and text[first] in "\r\n":
                first += 1
            last = text.find("\n", first)
            out.append(Suppression(first, len(text) if last < 0 else last, sels))
    for k, start in open_.items():
        out.append(Suppression(start, len(text), k))
    return out


def is_suppressed(suppressions: list[Suppression], offset: int, rule_matches) -> bool:
    """True when a finding starting at `offset` is silenced.

    `rule_matches(selector)` tells whether a selector covers the finding's rule.
    """
    for s in suppressions:
        if s.start <= offset < s.end and (not s.selectors or any(rule_matches(x) for x in s.selectors)):
            return True
    return False
