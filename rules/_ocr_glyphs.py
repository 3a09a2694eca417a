"""Glyph similarity for the ocr rules: `checker.glyphs` when it is available.

Until the glyph-similarity module lands, a small stand-in based on pycorrector's
`same_stroke.txt` (groups of look-alike characters) and `stroke.txt` (stroke
sequences) answers the same three questions.
"""

from __future__ import annotations

import functools

try:  # pragma: no cover - depends on which modules are installed
    from checker.glyphs import neighbours, ocr_confusion, similarity  # type: ignore[import-not-found]

    HAVE_GLYPHS = True
except ImportError:  # pragma: no cover
    HAVE_GLYPHS = False

    @functools.cache
    def _groups() -> dict[str, frozenset[str]]:
        from checker.lexicon import pycorrector_data

        out: dict[str, set[str]] = {}
        with open(pycorrector_data("same_stroke.txt"), encoding="utf-8") as fh:
            for line in fh:
                chars = [c for c in line.split() if len(c) == 1]
                for c in chars:
                    out.setdefault(c, set()).update(x for x in chars if x != c)
        return {c: frozenset(v) for c, v in out.items()}

    @functools.cache
    def _strokes() -> dict[str, str]:
        from checker.lexicon import pycorrector_data

        out = {}
        with open(pycorrector_data("stroke.txt"), encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 2:
                    out[parts[0]] = parts[1]
        return out

    @functools.lru_cache(maxsize=65536)
    def similarity(a: str, b: str) -> float:
        """Rough 0..1 glyph similarity (stand-in)."""
        if a == b:
            return 1.0
        if b in _groups().get(a, ()) or a in _groups().get(b, ()):
            return 0.8
        sa, sb = _strokes().get(a), _strokes().get(b)
        if not sa or not sb or min(len(sa), len(sb)) < 4:
            return 0.0
        import difflib

        return round(0.75 * difflib.SequenceMatcher(None, sa, sb).ratio(), 3)

    def neighbours(ch: str, min_score: float = 0.5) -> list[tuple[str, float]]:
        """Look-alike characters, best first (stand-in: same_stroke groups)."""
        out = [(c, similarity(ch, c)) for c in _groups().get(ch, ())]
        return sorted((x for x in out if x[1] >= min_score), key=lambda x: -x[1])

    def ocr_confusion(a: str, b: str) -> float:
        """Empirical OCR substitution evidence (stand-in: none)."""
        return 0.0


__all__ = ["HAVE_GLYPHS", "neighbours", "ocr_confusion", "similarity"]
