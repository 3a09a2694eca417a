"""Visual neighbours for the OCR channel: which characters look alike at scan resolution.

    python tools/build_ocr_visual.py [--neighbours 256]      # writes tools/.cache/ocr_visual.npz

OCR confuses characters that share components or an outline once a glyph is only 12-16
pixels high, whether or not a stroke table calls them similar. Every Han character of the
character language model's vocabulary (`rules/data/charlm.bin`) is rendered in the
*mining* fonts of `tools/ocr_render.py` (never the evaluation fonts), shrunk with a box
filter to 12x12 and 16x16 pixels, centred per block and normalised; the cosine
similarity of the concatenated pictures ranks, for every character, all others. The
`--neighbours` most similar ones are kept, most similar first:

- `chars`: uint32 code points (the rows);
- `neighbours`: uint16 [rows, K], indices into `chars`.

A build-time input (not installed): `tools/build_ocr_channel.py merge` composes it with the
mined counts into `rules/data/ocr_channel.npz`, turning a neighbour's rank into a smoothed
channel probability (`zhcheck.rules.lang.ocrchannel.compose`).
Needs pillow and the Debian fonts of the mining set; about 2 minutes on this machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import ocr_render as orr  # noqa: E402

FACES = (
    "NotoSansCJK-Regular",
    "NotoSansCJK-Bold",
    "NotoSerifCJK-Regular",
    "NotoSerifCJK-Bold",
    "wqy-zenhei",
    "ukai",
    "uming",
)
EM = 48
RESOLUTIONS = (12, 16)
OUT = ROOT / "tools" / ".cache" / "ocr_visual.npz"


def pictures(chars: list[str], path: str, index: int, res: int) -> np.ndarray:
    """One row per character: its glyph in an EM-pixel box shrunk to res x res (ink = high)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(path, EM, index=index)
    # place the em box: the font's ascent may put glyphs low; centre on the ink of a full glyph
    probe = font.getbbox("國")
    dx, dy = -probe[0] + (EM - (probe[2] - probe[0])) // 2, -probe[1] + (EM - (probe[3] - probe[1])) // 2
    out = np.zeros((len(chars), res * res), np.float32)
    for i, ch in enumerate(chars):
        img = Image.new("L", (EM, EM), 255)
        ImageDraw.Draw(img).text((dx, dy), ch, font=font, fill=0)
        out[i] = 255.0 - np.asarray(img.resize((res, res), Image.BOX), np.float32).ravel()
    return out


def embeddings(chars: list[str]) -> np.ndarray:
    fonts = [f for f in orr.available(orr.MINING_FONTS) if any(Path(f[0]).stem == face for face in FACES)]
    if not fonts:
        raise SystemExit("no mining font installed (see tools/ocr_render.py)")
    blocks = []
    for path, index in fonts:
        for res in RESOLUTIONS:
            b = pictures(chars, path, index, res)
            b -= b.mean(axis=0)
            b /= np.linalg.norm(b, axis=1, keepdims=True) + 1e-6
            blocks.append(b)
    e = np.concatenate(blocks, axis=1)
    return e / (np.linalg.norm(e, axis=1, keepdims=True) + 1e-6)


def neighbours(e: np.ndarray, k: int, batch: int = 512) -> np.ndarray:
    out = np.zeros((len(e), k), np.uint16)
    for s in range(0, len(e), batch):
        sim = e[s : s + batch] @ e.T
        sim[np.arange(len(sim)), np.arange(s, s + len(sim))] = -2.0  # not itself
        top = np.argpartition(-sim, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(sim, top, axis=1), axis=1)
        out[s : s + batch] = np.take_along_axis(top, order, axis=1)
    return out


def main() -> None:
    from zhcheck.rules.lang import charlm

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--neighbours", type=int, default=256)
    args = ap.parse_args()
    t0 = time.time()
    chars = [c for c in charlm.load().chars if orr.is_han(c)]
    e = embeddings(chars)
    nb = neighbours(e, args.neighbours)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, chars=np.array([ord(c) for c in chars], dtype=np.uint32), neighbours=nb)
    size = OUT.stat().st_size
    print(f"{len(chars)} characters x {args.neighbours} neighbours, {size / 1e6:.1f} MB, {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
