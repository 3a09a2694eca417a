#!/usr/bin/env python3
"""Build the gold annotation files corpus/gold/<stem>.jsonl from corpus/tools/gold_spec.py.

Offsets are never computed by hand: every record in the spec names its span by text
(a unique snippet, a snippet inside a unique anchor, a whole paragraph line, or the
tail/head of a paragraph line), and this script turns that into code-point offsets
into the file text exactly as ``open(path, encoding="utf-8").read()`` returns it.

Typography records (T101 half-width punctuation, T102 stray spaces, T103 doubled
punctuation, T104 straight quotes) are generated mechanically here and were then
reviewed by eye; the review decisions are the tables in gold_spec.py
(TYPO_T101_EXCLUDE, SPACE_REVIEW).  An unreviewed space makes the build fail.

Usage:
    python corpus/tools/annotate.py            # (re)write corpus/gold/*.jsonl
    python corpus/tools/annotate.py --check    # verify the files are up to date
    python corpus/tools/annotate.py --show STEM  # print non-typography records
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
SEEDS = CORPUS / "seeds"
GOLD = CORPUS / "gold"

sys.path.insert(0, str(HERE))
import gold_spec  # noqa: E402

CATEGORIES = {
    "duplicate": {"duplicate-paragraph", "near-duplicate-paragraph", "repeated-block",
                  "repeated-passage", "phrase-loop", "char-stutter"},
    "garbled": {"mojibake", "image-filename", "web-boilerplate", "residual-markup",
                "foreign-word", "unbalanced-pair", "incoherent"},
    "ocr": {"confusable-name", "variant-char", "swapped-chars", "confusable-char",
            "digit-letter"},
    "layout": {"broken-paragraph", "truncated-paragraph", "dangling-start",
               "displaced-continuation", "interleaved-caption"},
    "typography": {"halfwidth-punctuation", "stray-space", "doubled-punctuation",
                   "straight-quotes"},
}
ALL_TYPES = set().union(*CATEGORIES.values())
TYPE_CATEGORY = {t: c for c, ts in CATEGORIES.items() for t in ts}


class SpecError(Exception):
    pass


# ---------------------------------------------------------------- locating spans

def _occurrences(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i != -1:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def _pick(positions: list[int], occ: int | None, what: str) -> int:
    if not positions:
        raise SpecError(f"not found: {what!r}")
    if occ is None:
        if len(positions) != 1:
            raise SpecError(f"not unique ({len(positions)} hits), give occ: {what!r}")
        return positions[0]
    if occ >= len(positions):
        raise SpecError(f"occ {occ} out of range ({len(positions)} hits): {what!r}")
    return positions[occ]


def _lines(content: str) -> list[tuple[int, int, str]]:
    """(start, end, text) for every line (no newline)."""
    out, pos = [], 0
    for line in content.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _line(content: str, prefix: str, occ: int | None,
          exact: bool = False) -> tuple[int, int, str]:
    hits = [ln for ln in _lines(content)
            if ln[2] and (ln[2] == prefix if exact else ln[2].startswith(prefix))]
    if not hits:
        raise SpecError(f"no line starts with {prefix!r}")
    if occ is None:
        if len(hits) != 1:
            raise SpecError(f"{len(hits)} lines start with {prefix!r}, give occ")
        return hits[0]
    if occ >= len(hits):
        raise SpecError(f"occ {occ} out of range for line prefix {prefix!r}")
    return hits[occ]


def locate(content: str, loc: dict) -> tuple[int, int]:
    kind = loc["kind"]
    if kind == "snippet":
        snip, occ, within = loc["text"], loc.get("occ"), loc.get("within")
        if within is None:
            s = _pick(_occurrences(content, snip), occ, snip)
            return s, s + len(snip)
        a = _pick(_occurrences(content, within), loc.get("within_occ"), within)
        inner = _occurrences(within, snip)
        s = a + _pick(inner, occ, f"{snip} in {within}")
        return s, s + len(snip)
    if kind == "line":
        start, end, _ = _line(content, loc["prefix"], loc.get("occ"), loc.get("exact", False))
        return start, end
    if kind == "from":  # from a snippet to the end of its line
        snip = loc["text"]
        s = _pick(_occurrences(content, snip), loc.get("occ"), snip)
        e = content.find("\n", s)
        return s, (len(content) if e == -1 else e)
    if kind == "lines":  # from a line starting with prefix to the end of a later line
        start, _, _ = _line(content, loc["prefix"], loc.get("occ"))
        _, end, _ = _line(content, loc["last_prefix"], loc.get("last_occ"))
        if end <= start:
            raise SpecError("lines: last line before first")
        return start, end
    if kind == "tail":
        start, end, text = _line(content, loc["prefix"], loc.get("occ"))
        if not text.endswith(loc["text"]):
            raise SpecError(f"line {loc['prefix']!r} does not end with {loc['text']!r}")
        return end - len(loc["text"]), end
    if kind == "head":
        start, end, text = _line(content, loc["prefix"], loc.get("occ"))
        if not text.startswith(loc["text"]):
            raise SpecError(f"line {loc['prefix']!r} does not start with {loc['text']!r}")
        return start, start + len(loc["text"])
    raise SpecError(f"unknown locator kind {kind}")


# ---------------------------------------------------------------- typography

HALFWIDTH = ",:;!?()"
FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def is_cjk(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
            or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
            or ch in "“”‘’…—·《》【】□△►")


def typography(stem: str, content: str) -> list[dict]:
    recs: list[dict] = []
    lines = _lines(content)

    def line_of(i: int) -> str:
        for s, e, t in lines:
            if s <= i <= e:
                return t
        return ""

    # T101: every half-width , : ; ! ? ( ) in a line containing Chinese text.
    excl = gold_spec.TYPO_T101_EXCLUDE.get(stem, set())
    for m in re.finditer(f"[{re.escape(HALFWIDTH)}]", content):
        i = m.start()
        ctx = content[max(0, i - 4): i + 5]
        if ctx in excl:
            continue
        if not any(is_cjk(c) for c in line_of(i)):
            continue
        recs.append({"category": "typography", "type": "halfwidth-punctuation",
                     "start": i, "end": i + 1, "text": m.group(),
                     "note": "半角标点用于中文语句（GB/T 15834）",
                     "suggestion": FULLWIDTH[m.group()]})

    # T102: spaces (incl. NBSP / ideographic space) touching Chinese text or punctuation,
    # except the space after a Markdown heading marker.
    review = gold_spec.SPACE_REVIEW.get(stem, [])
    for m in re.finditer(r"[ \u00a0\u3000]+", content):
        s, e = m.start(), m.end()
        before = content[s - 1] if s else "\n"
        after = content[e] if e < len(content) else "\n"
        if not (is_cjk(before) or is_cjk(after) or before in HALFWIDTH):
            continue
        ln = line_of(s)
        if re.match(r"#+$", content[content.rfind("\n", 0, s) + 1: s]):
            continue  # "## heading" marker
        ctx = content[max(0, s - 1): e + 1]
        decision = None
        for key, cat, note in review:
            if key in ctx or (key.startswith("LINE:") and ln.startswith(key[5:])):
                decision = (cat, note)
                break
        if decision is None:
            raise SpecError(f"{stem}: unreviewed space {ctx!r} in line {ln[:30]!r}")
        cat, note = decision
        rec = {"category": cat, "type": "stray-space", "start": s, "end": e,
               "text": content[s:e], "note": note}
        if cat == "typography":
            rec["suggestion"] = "删去空格"
        recs.append(rec)

    # T103 doubled punctuation, T104 straight quotes (none expected, kept for completeness)
    for m in re.finditer(r"([，。、；：！？,.;:!?])\1+|[，。、；：！？][，。、；：！？]", content):
        recs.append({"category": "typography", "type": "doubled-punctuation",
                     "start": m.start(), "end": m.end(), "text": m.group(),
                     "note": "标点重复"})
    for m in re.finditer(r"[\"']", content):
        if any(is_cjk(c) for c in line_of(m.start())):
            recs.append({"category": "typography", "type": "straight-quotes",
                         "start": m.start(), "end": m.end(), "text": m.group(),
                         "note": "中文语句中用了直引号"})
    return recs


# ---------------------------------------------------------------- build

def build(stem: str) -> list[dict]:
    content = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    recs = []
    for spec in gold_spec.RECORDS.get(stem, []):
        try:
            start, end = locate(content, spec["loc"])
        except SpecError as exc:
            raise SpecError(f"{stem}: {spec['type']}: {exc}") from None
        rec = {"category": spec["category"], "type": spec["type"],
               "start": start, "end": end, "text": content[start:end],
               "note": spec["note"]}
        if spec.get("suggestion") is not None:
            rec["suggestion"] = spec["suggestion"]
        recs.append(rec)
    # punctuation inside a line of web debris is no defect of its own: the line is to be
    # deleted (G206 claims such lines; G202 may still report it), so it is neutral
    debris = [(r["start"], r["end"]) for r in recs
              if r["category"] == "garbled" and r["type"] in ("web-boilerplate", "image-filename")]
    for r in typography(stem, content):
        if r["category"] == "typography" and any(s <= r["start"] and r["end"] <= e for s, e in debris):
            r = dict(r, category="neutral", note=r["note"] + " (inside a line of web debris)")
        recs.append(r)
    for r in recs:
        if r["category"] != "neutral" and TYPE_CATEGORY.get(r["type"]) != r["category"]:
            raise SpecError(f"{stem}: type {r['type']} is not in category {r['category']}")
        if r["type"] not in ALL_TYPES:
            raise SpecError(f"{stem}: unknown type {r['type']}")
        if r["category"] == "ocr" and not r.get("suggestion"):
            raise SpecError(f"{stem}: ocr record without suggestion: {r['text']}")
        if r["start"] >= r["end"]:
            raise SpecError(f"{stem}: empty span {r}")
    recs.sort(key=lambda r: (r["start"], r["end"], r["category"], r["type"]))
    seen = set()
    for r in recs:
        key = (r["type"], r["start"], r["end"])
        if key in seen:
            raise SpecError(f"{stem}: duplicate record {key}")
        seen.add(key)
    return recs


def dump(recs: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify gold files are current")
    ap.add_argument("--show", metavar="STEM", help="print the non-typography records")
    args = ap.parse_args(argv)
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    if args.show:
        content = (SEEDS / f"{args.show}.txt").read_text(encoding="utf-8")
        for r in build(args.show):
            if r["category"] == "typography" or r["type"] == "stray-space":
                continue
            line = content.count("\n", 0, r["start"]) + 1
            print(f"L{line:<4}{r['category']:<11}{r['type']:<25}{r['text'][:40]!r}"
                  f" -> {r.get('suggestion', '')}")
        return 0
    GOLD.mkdir(exist_ok=True)
    bad = 0
    for stem in stems:
        text = dump(build(stem))
        path = GOLD / f"{stem}.jsonl"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"out of date: {path}")
                bad += 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({text.count(chr(10))} records)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
