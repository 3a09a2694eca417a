"""Layout rules on synthetic print damage of the clean articles (a reference figure, no target).

The seeds hold 36 layout defects; this measures the layout family on many more, made
from `corpus/clean` (one paragraph per line, professionally edited) laid out like a
print page (blank lines between paragraphs):

- *damaged*: 30 % of the paragraphs are split at a random point that is not a sentence
  end, a fifth of those with a photo caption or credit (set off by extra blank lines)
  between the halves. Reported: breaks found (a L101/L102/L104 finding ending at the
  break, or an L103 finding on the second half), how many of the L101 joins are safe
  fixes, and findings that match no break (false alarms);
- *undamaged*: section headings (titles of other articles) before a quarter of the
  paragraphs and captions after a tenth of them; every layout finding is a false alarm.

    python benchmarks/bench_layout_synthetic.py [--seed N] [--show N]
"""

from __future__ import annotations

import argparse
import random

from _common import CLEAN, machine, read_articles

CAPTIONS = [
    "图为工人在车间加工零件。记者 李明 摄",
    "张伟/摄",
    "新华社记者 王强 摄",
    "市民在公园休闲",
    "△村民在田间劳作。",
]
BYLINES = ["（本报记者 张亚丹）", "本报讯"]


def damaged(paragraphs: list[str], rng: random.Random) -> tuple[str, list[int]]:
    """The article with broken paragraphs, and the offsets of the breaks."""
    text, breaks = "", []
    for i, para in enumerate(paragraphs):
        cuts = [k for k in range(5, len(para) - 5) if para[k - 1] not in "。！？；" and para[k] != "”"]
        if i and cuts and rng.random() < 0.3:
            k = rng.choice(cuts)
            caption = f"\n\n\n{rng.choice(CAPTIONS)}\n\n\n" if rng.random() < 0.2 else ""
            text += para[:k]
            breaks.append(len(text))
            text += f"\n\n{caption}{para[k:]}\n\n"
        else:
            text += para + "\n\n"
    return text, breaks


def undamaged(paragraphs: list[str], titles: list[str], rng: random.Random) -> str:
    out = []
    for i, para in enumerate(paragraphs):
        if i and rng.random() < 0.25:
            out.append(rng.choice(titles))
        out.append(para)
        if i and rng.random() < 0.1:
            out.append("\n\n" + rng.choice(CAPTIONS + BYLINES) + "\n")
    return "\n\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=10, help="list this many misses and false alarms")
    args = ap.parse_args()
    print(machine())

    from zhcheck.document import Document
    from zhcheck.engine import Engine

    rng = random.Random(args.seed)
    engine = Engine({"select": ["L"]})
    articles = [[line for line in text.splitlines() if line.strip()] for _, text in read_articles(CLEAN)]
    titles = [a[0] for a in articles if a]

    n_breaks = found = safe = joins = 0
    false: list[str] = []
    misses: list[str] = []
    chars = 0
    for paras in articles:
        text, breaks = damaged(paras, rng)
        chars += len(text)
        hit: set[int] = set()
        for f in engine.check_document(Document(text)).findings:
            at_end = [b for b in breaks if f.rule in ("L101", "L102", "L104") and f.start <= b <= f.end + 1]
            at_start = [b for b in breaks if f.rule in ("L103", "L104") and 0 <= f.start - b <= 80]
            if at_end or at_start:
                hit.update(at_end or at_start)
                if f.rule == "L101":
                    joins += 1
                    safe += bool(f.fix and f.fix.is_safe)
            elif f.rule != "L105" or f.text not in CAPTIONS:
                false.append(f"{f.rule} {f.text[:30]!r} {f.message[:40]}")
        n_breaks += len(breaks)
        found += len(hit)
        misses += [text[max(0, b - 15) : b] + "|" + text[b : b + 15] for b in breaks if b not in hit]
    print(
        f"damaged: {n_breaks} breaks in {chars:,} chars; found {found} ({found / n_breaks:.1%}); "
        f"L101 joins {joins}, safe {safe}; {len(false)} findings matching no break"
    )
    for line in false[: args.show]:
        print("  false:", line)
    for line in misses[: args.show]:
        print("  missed:", line.replace("\n", "⏎"))

    chars = 0
    false = []
    for paras in articles:
        text = undamaged(paras, titles, rng)
        chars += len(text)
        false += [f"{f.rule} {f.text[:30]!r}" for f in engine.check_document(Document(text)).findings]
    print(f"undamaged: {len(false)} layout findings in {chars:,} chars ({len(false) * 10_000 / chars:.2f} per 10k)")
    for line in false[: args.show]:
        print("  false:", line)


if __name__ == "__main__":
    main()
