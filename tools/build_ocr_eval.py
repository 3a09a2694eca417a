"""Build a real-OCR evaluation set: clean articles printed, degraded and read back by PP-OCR.

    python tools/build_ocr_eval.py                       # corpus/ocr_real/ (the committed set)
    python tools/build_ocr_eval.py --profile dev --out tools/.cache/ocr_dev --first 60 --count 40

Source articles: the *tuning half* of corpus/clean (file name sha1 % 2 == 0, the team's
convention), which no language model is trained on and which is not a false-alarm check
set; `--first`/`--count` pick a slice of it (the committed set takes files 0-59, the
development set used for tuning takes files from 60 on). Each article is laid out in
print lines of one column width, rendered with one font and size, each line degraded
and read back with `rapidocr-onnxruntime`; the lines of a paragraph are joined again.

Profiles: `eval` uses the fonts and print conditions held out from mining
(`ocr_render.EVAL_FONTS`, `degrade_print`); `dev` uses the mining ones (for tuning
without touching the held-out conditions).

Output: `<out>/articles/<stem>.txt` (the OCR'd article) and `<out>/gold/<stem>.jsonl`
(corpus/gold format): one `ocr` record per one-for-one Han->Han substitution (`text` =
the printed character, `suggestion` = the intended one, type `ocr-misread`), and a
`neutral` record over every other difference (insertions, deletions, substitutions
involving punctuation, digits or Latin letters, and every substitution in a line OCR
could not read, with more than a third of its characters wrong), which no rule is
credited or blamed for.
`<out>/manifest.json` records source, font, size and column width per article.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import ocr_render as orr  # noqa: E402

from zhcheck.app.evaluation import TUNING, half_of  # noqa: E402

CLEAN = ROOT / "corpus" / "clean"
RULE_NAME = "ocr-misread"
UNREADABLE = 1 / 3


def tuning_half(directory: Path) -> list[Path]:
    files = sorted(p for p in directory.glob("*.txt"))
    return [p for p in files if half_of(p) == TUNING]


def layout(para: str, width: int) -> list[str]:
    return [para[i : i + width] for i in range(0, len(para), width)]


def records_for_line(src: str, out: str, base: int) -> list[dict]:
    """Gold records of one OCR'd line starting at `base` in the output article. In a line
    OCR could not read (more than UNREADABLE of its characters wrong) the substitutions are
    guesses, not misreadings of a character: they are `neutral`."""
    import difflib

    recs = []
    sm = difflib.SequenceMatcher(None, src, out, autojunk=False)
    same = sum(i2 - i1 for op, i1, i2, _, _ in sm.get_opcodes() if op == "equal")
    cat = "ocr" if src and 1 - same / len(src) <= UNREADABLE else "neutral"
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                a, b = src[i1 + k], out[j1 + k]
                if a == b:
                    continue
                if orr.is_han(a) and orr.is_han(b):
                    recs.append(_rec(cat, RULE_NAME, base + j1 + k, b, f"OCR printed {b} for {a}", a))
                else:
                    recs.append(_rec("neutral", RULE_NAME, base + j1 + k, b, f"OCR printed {b!r} for {a!r}"))
        elif j2 > j1:  # insertion, or a replacement of another length
            recs.append(
                _rec("neutral", RULE_NAME, base + j1, out[j1:j2], f"OCR printed {out[j1:j2]!r} for {src[i1:i2]!r}")
            )
    return recs


def _rec(cat: str, typ: str, start: int, text: str, note: str, suggestion: str | None = None) -> dict:
    r = {"category": cat, "type": typ, "start": start, "end": start + len(text), "text": text, "note": note}
    if suggestion is not None:
        r["suggestion"] = suggestion
    return r


def build_article(path: Path, engine, rng: random.Random, profile: str) -> tuple[str, list[dict], dict]:
    from PIL import ImageFont

    if profile == "eval":
        fonts = orr.available(orr.EVAL_FONTS)
        font_path, index, _w = rng.choices(fonts, weights=[f[2] for f in fonts])[0]
        size = rng.randint(36, 56)  # rendered large; degrade_print shrinks to 0.28-0.5
        degrade = orr.degrade_print
    else:
        font_path, index = rng.choice(orr.available(orr.MINING_FONTS))
        size = rng.randint(10, 18) if rng.random() < 0.6 else rng.randint(19, 30)
        degrade = orr.degrade_scan
    font = ImageFont.truetype(font_path, size, index=index)
    width = rng.randint(14, 26)
    paras = [p.strip() for p in path.read_text(encoding="utf-8").splitlines()]
    lines: list[tuple[int, str]] = [(k, ln) for k, p in enumerate(paras) for ln in layout(p, width)]
    images = [degrade(orr.render(ln, font, size), rng) for _, ln in lines]
    outs = engine.read_lines(images) if images else []
    text_parts: list[str] = []
    recs: list[dict] = []
    pos = 0
    cur = 0
    for (k, src), out in zip(lines, outs, strict=True):
        while cur < k:  # paragraph break (also for empty source paragraphs)
            text_parts.append("\n")
            pos += 1
            cur += 1
        out = out.strip()
        recs += records_for_line(src, out, pos)
        text_parts.append(out)
        pos += len(out)
    text_parts.append("\n" * (len(paras) - cur))
    text = "".join(text_parts)
    meta = {"source": f"corpus/clean/{path.name}", "font": Path(font_path).name, "size": size, "width": width}
    return text, recs, meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "corpus" / "ocr_real")
    ap.add_argument("--profile", choices=("eval", "dev"), default="eval")
    ap.add_argument("--first", type=int, default=0, help="first tuning-half file to use")
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=2016)
    args = ap.parse_args()
    files = tuning_half(CLEAN)[args.first : args.first + args.count]
    (args.out / "articles").mkdir(parents=True, exist_ok=True)
    (args.out / "gold").mkdir(parents=True, exist_ok=True)
    engine = orr.RapidEngine()
    manifest = {}
    t0 = time.time()
    n_sub = n_chars = 0
    for i, path in enumerate(files):
        rng = random.Random(args.seed * 1000 + i)
        text, recs, meta = build_article(path, engine, rng, args.profile)
        stem = path.stem
        (args.out / "articles" / f"{stem}.txt").write_text(text, encoding="utf-8")
        recs.sort(key=lambda r: (r["start"], r["end"]))
        with (args.out / "gold" / f"{stem}.jsonl").open("w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        manifest[stem] = meta | {"substitutions": sum(r["category"] == "ocr" for r in recs)}
        n_sub += manifest[stem]["substitutions"]
        n_chars += len(text)
        print(f"{stem}: {len(text)} chars, {manifest[stem]['substitutions']} substitutions", file=sys.stderr)
    (args.out / "manifest.json").write_text(
        json.dumps(
            {
                "built_by": f"tools/build_ocr_eval.py --profile {args.profile} --first {args.first} "
                f"--count {args.count} --seed {args.seed}",
                "articles": manifest,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(files)} articles, {n_chars} chars, {n_sub} substitutions, {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
