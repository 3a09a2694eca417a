"""O106 alone: chars/s (CPU time) of the noisy-channel misreading detector on whole documents.

Issue 16 asks that O106 run at >= 1 M chars/s on whole documents. Two figures, in one
process after the tables are loaded (on a small text) and the paragraphs split:

- every file of DIR as its own document (short articles: per-document overhead counts);
- the same files joined into one document (long text: the windowed whole-document passes).

Findings of O106 are counted, never printed (DIR may be an unseen timing pool). `--info` adds
the opt-in O107's own pass (`misread.INFO`, timed after O106's, which it reuses): what enabling
O107 costs on top.

    python benchmarks/bench_misread.py [--info] [DIR ...]   (default: corpus/seeds and corpus/clean)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _common import CLEAN, SEEDS, machine


def _texts(dirs: list[Path]) -> list[str]:
    paths = sorted(p for d in dirs for p in d.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[SEEDS, CLEAN])
    ap.add_argument("--info", action="store_true", help="also time O107's pass (misread.INFO)")
    args = ap.parse_args()
    from zhcheck.document import Document
    from zhcheck.rules.ocr import misread
    from zhcheck.rules.ocr.names import body_paragraphs

    print(machine())
    texts = _texts(args.dirs)
    misread.misreads(Document("北京市长沙市。今天天气很好，我们去公园散步。\n\n第二段文字。", path="warm"))
    for label, docs in (
        ("each file a document", [Document(t, path=str(i)) for i, t in enumerate(texts)]),
        ("all files one document", [Document("\n\n".join(texts), path="joined")]),
    ):
        for d in docs:
            list(body_paragraphs(d))  # split and classified before the clock starts (a generator: iterated)
        chars = sum(len(d.text) for d in docs)
        t = time.process_time()
        found = sum(len(misread.misreads(d, misread.MIN_GAIN)) for d in docs)
        cpu = time.process_time() - t
        print(
            f"{label}: {len(docs)} documents, {chars:,} chars, O106 {cpu:.2f} s CPU = "
            f"{chars / cpu / 1e6:.3f} M chars/s (target >= 1.0), {found} findings"
        )
        if args.info:
            t = time.process_time()
            found = sum(len(misread.misreads(d, misread.MIN_GAIN_INFO, misread.INFO)) for d in docs)
            cpu = time.process_time() - t
            print(f"  + O107's pass: {cpu:.2f} s CPU = {chars / cpu / 1e6:.3f} M chars/s, {found} findings")


if __name__ == "__main__":
    main()
