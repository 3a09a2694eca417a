"""Render Chinese text as degraded print, read it back with a real OCR engine, align.

Shared by `tools/build_ocr_channel.py` (mining the OCR channel) and
`tools/build_ocr_eval.py` (the real-OCR evaluation set). The two use *disjoint*
fonts and print conditions, so the evaluation measures how the channel generalises:

- mining: Noto Sans/Serif CJK SC in all weights, WenQuanYi Zen Hei / Micro Hei,
  AR PL UKai / UMing, Droid Sans Fallback; rendered small, downscaled, blurred,
  noise, sometimes thresholded, JPEG (`degrade_scan`);
- evaluation: AR PL SungtiL GB, AR PL KaitiM GB, LXGW WenKai; rendered large and
  shrunk with a box filter, ink spread or fading (min/max filters), speckles, a
  slight rotation, contrast loss, JPEG or none (`degrade_print`).

Engines: `rapidocr-onnxruntime` (PP-OCR models inside the wheel) reads single
lines; Tesseract 5 (`apt-get install tesseract-ocr tesseract-ocr-chi-sim`) reads
a page of lines, when installed. Fonts from Debian: fonts-noto-cjk,
fonts-noto-cjk-extra, fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-ukai,
fonts-arphic-uming, fonts-droid-fallback (mining); fonts-arphic-gbsn00lp,
fonts-arphic-gkai00mp, fonts-lxgw-wenkai (evaluation). Missing fonts are skipped.
"""

from __future__ import annotations

import difflib
import io
import os
import random
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Sequence

NOTO = "/usr/share/fonts/opentype/noto/"
MINING_FONTS: list[tuple[str, int]] = [
    *((f"{NOTO}NotoSansCJK-{w}.ttc", 2) for w in ("Regular", "Bold", "Light", "Medium", "DemiLight", "Black")),
    *(
        (f"{NOTO}NotoSerifCJK-{w}.ttc", 2)
        for w in ("Regular", "Bold", "Light", "Medium", "SemiBold", "ExtraLight", "Black")
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
]
#: held out for the evaluation set (never used for mining), with their sampling weights
EVAL_FONTS: list[tuple[str, int, float]] = [
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0, 0.5),
    ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0, 0.2),
    ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0, 0.2),
    ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Light.ttf", 0, 0.1),
]


def available(fonts: Sequence[tuple]) -> list[tuple]:
    return [f for f in fonts if os.path.exists(f[0])]


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# --------------------------------------------------------------------------- rendering


def render(text: str, font, size: int, pad: float = 0.5):
    """One line of black text on white (greyscale PIL image)."""
    from PIL import Image, ImageDraw

    width = int(font.getlength(text)) + int(size * 2 * pad)
    img = Image.new("L", (max(width, 8), int(size * 1.5)), 255)
    ImageDraw.Draw(img).text((int(size * pad), int(size * 0.2)), text, font=font, fill=0)
    return img


def _jpeg(img, quality: int):
    from PIL import Image

    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def degrade_scan(img, rng: random.Random):
    """Mining conditions: a poor scan (downsampling, blur, noise, thresholding, JPEG)."""
    import numpy as np
    from PIL import Image, ImageFilter

    scale = rng.choice([1.0, rng.uniform(0.7, 0.9), rng.uniform(0.45, 0.7)])
    if scale < 1:
        img = img.resize((max(8, int(img.width * scale)), max(8, int(img.height * scale))), Image.BILINEAR)
    blur = rng.choice([0, rng.uniform(0.3, 0.6), rng.uniform(0.6, 1.0)])
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img, dtype=np.float32)
    noise = rng.choice([0, rng.uniform(4, 10), rng.uniform(10, 20)])
    if noise:
        a = a + np.random.default_rng(rng.randrange(1 << 30)).normal(0, noise, a.shape)
    if rng.random() < 0.2:
        a = np.where(a < rng.uniform(110, 170), 0, 255)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return _jpeg(img, rng.randint(12, 70))


def degrade_print(img, rng: random.Random):
    """Evaluation conditions: a printed page photographed or scanned (box-filter shrink,
    ink spread or fading, speckles, slight rotation, low contrast, JPEG or none)."""
    import numpy as np
    from PIL import Image, ImageFilter

    ink = rng.random()
    if ink < 0.25:
        img = img.filter(ImageFilter.MinFilter(3))  # ink spread: strokes thicken
    elif ink < 0.4:
        img = img.filter(ImageFilter.MaxFilter(3))  # faded print: strokes thin out
    angle = rng.uniform(-0.8, 0.8)
    if abs(angle) > 0.2:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    scale = rng.uniform(max(0.28, 12 / img.height * 1.5), 0.5)  # glyphs end up 12-28 px high
    img = img.resize((max(8, int(img.width * scale)), max(8, int(img.height * scale))), Image.BOX)
    a = np.asarray(img, dtype=np.float32)
    lo, hi = rng.uniform(0, 70), rng.uniform(190, 255)  # contrast loss: grey ink on grey paper
    a = lo + a * (hi - lo) / 255.0
    g = np.random.default_rng(rng.randrange(1 << 30))
    if rng.random() < 0.5:
        speck = g.random(a.shape) < rng.uniform(0.002, 0.015)
        a[speck] = g.choice([lo, hi], size=int(speck.sum()))
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.SMOOTH)
    if rng.random() < 0.7:
        img = _jpeg(img, rng.randint(20, 85))
    return img


def to_bgr(img):
    import numpy as np

    rgb = np.asarray(img.convert("RGB"))
    return rgb[:, :, ::-1].copy()


# --------------------------------------------------------------------------- engines


class RapidEngine:
    """PP-OCR (rapidocr-onnxruntime) reading single-line images."""

    name = "rapid"

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR

        self._ocr = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read_lines(self, images: list) -> list[str]:
        results, _ = self._ocr.text_rec([to_bgr(im) for im in images])
        return [text for text, _score in results]


class TesseractEngine:
    """Tesseract 5 (chi_sim), one page of stacked lines per call."""

    name = "tess"

    @staticmethod
    def installed() -> bool:
        if not shutil.which("tesseract"):
            return False
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
        return "chi_sim" in out.split()

    def read_lines(self, images: list) -> list[str]:
        """Stack the lines into one page (scaled to ~40 px high) and read it; returns one
        string per input line when the page comes back with as many lines, else the
        page's text as the first element and empty strings (the caller aligns pages)."""
        from PIL import Image

        h = 40
        scaled = [im.resize((max(8, int(im.width * h / im.height)), h), Image.BICUBIC) for im in images]
        width = max(im.width for im in scaled) + 20
        page = Image.new("L", (width, (h + 16) * len(scaled) + 20), 255)
        y = 10
        for im in scaled:
            page.paste(im, (10, y))
            y += h + 16
        with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
            page.save(tmp.name)
            env = dict(os.environ, OMP_THREAD_LIMIT="1")
            out = subprocess.run(
                ["tesseract", tmp.name, "-", "-l", "chi_sim", "--psm", "6"],
                capture_output=True,
                text=True,
                env=env,
            ).stdout
        lines = [ln.replace(" ", "") for ln in out.splitlines() if ln.strip()]
        if len(lines) == len(images):
            return lines
        return ["\n".join(lines)] + [""] * (len(images) - 1)


# --------------------------------------------------------------------------- alignment


def substitutions(src: str, out: str) -> tuple[list[tuple[int, str]], Counter]:
    """Align OCR output with its source: the one-for-one substitutions (source index,
    printed char) and the characters that were read (equal or substituted) as a Counter."""
    sm = difflib.SequenceMatcher(None, src, out, autojunk=False)
    subs: list[tuple[int, str]] = []
    seen: Counter = Counter()
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            seen.update(src[i1:i2])
        elif op == "replace" and i2 - i1 == j2 - j1:
            seen.update(src[i1:i2])
            for k in range(i2 - i1):
                if src[i1 + k] != out[j1 + k]:
                    subs.append((i1 + k, out[j1 + k]))
    return subs, seen


def han_only(text: str) -> str:
    """Tesseract pages: drop spaces, keep everything else."""
    return text.replace(" ", "")
