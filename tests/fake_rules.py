"""A corpus rule for tests of the runner and the reporters (registered only by the
`corpus_rule` fixture): a file whose first paragraph already opened an earlier file.
It exercises what real corpus rules produce: findings in one file with `related`
spans in another."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from zhcheck import registry
from zhcheck.finding import Category, Severity
from zhcheck.registry import CorpusCheck, CorpusHit, Rule


class FirstLines(CorpusCheck):
    """The first paragraph of this file already opened another file."""

    def collect(self, doc, ctx):
        p = doc.paragraphs[0]
        return doc.span(p.start, p.end)

    def finalize(self, collected, ctx) -> Iterable[CorpusHit]:
        seen: dict[str, registry.Span] = {}
        for path, span in collected:
            if span.text in seen:
                first = seen[span.text]
                yield CorpusHit(
                    span.start,
                    span.end,
                    "同一开头已见于另一文件。",
                    related=(first,),
                    path=path,
                    line=span.line,
                    column=span.column,
                    end_line=span.end_line,
                    end_column=span.end_column,
                    text=span.text,
                )
            else:
                seen[span.text] = registry.Span(**{**span.__dict__, "path": path})


@pytest.fixture
def corpus_rule(monkeypatch):
    rule = Rule(
        code="D999",
        name="test-first-line",
        category=Category.DUPLICATE,
        severity=Severity.WARNING,
        summary="test",
        description="test rule",
        bad="a",
        good="b",
        corpus=FirstLines,
        module="tests",
    )
    monkeypatch.setitem(registry._REGISTRY, "D999", rule)
    return rule
