"""Recall and precision on synthetic damage: clean articles damaged as pipelines damage them.

    python benchmarks/synthetic_damage.py [--seed 1] [--docs 300] [--per-doc 3]
        [--source DIR ...] [--show-misses TYPE] [--write DIR] [--select CODES]

Takes clean articles (default `corpus/clean` and `corpus/clean_extra`), and into each of
`--docs` of them (chosen with the seed) injects `--per-doc` defects of different kinds,
with known spans, the way scraping, transcription and OCR damage text: a paragraph
printed twice, a block repeated, a passage pasted into another paragraph, a phrase loop,
a stuttered character; image file names, breadcrumbs and footers, a stray English word,
leftover markup, an unmatched quote, mojibake (UTF-8 read as GBK or as cp1252); a place
name one look-alike glyph off (gazetteer + glyph data), a word in traditional characters
(OpenCC s2t), two swapped characters, a letter for a digit; a paragraph broken
mid-sentence (sometimes around a photo caption), cut off, starting mid-sentence, or
continued far away; half-width punctuation, stray spaces, doubled marks, straight quotes.

Judging follows `zhcheck eval` (corpus/README.md): an injected defect is found when a
finding of the same category overlaps it; a finding is a true positive when it overlaps
an injected defect of its category. Findings that the undamaged article also gets (same
rule, same text) are counted apart as "background" (false alarms of the clean text,
measured by benchmarks/clean_controls.py), so precision here is about the damage.
Everything is deterministic for a given seed and corpus. `--write DIR` saves the damaged
articles with their gold records (`<name>.jsonl`, the corpus/gold format).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from benchmarks._common import ROOT
from zhcheck.engine import Engine
from zhcheck.textutil import CJK_RE

CLAUSE_MARKS = "，。；：！？、"
SENT_END = "。！？；"


# --- the damaged document model ---------------------------------------------------------


@dataclass(eq=False)
class Para:
    text: str
    touched: bool = False
    #: records inside this paragraph: (category, type, start, end)
    marks: list[tuple[str, str, int, int]] = field(default_factory=list)

    def damage(self, start: int, end: int, new: str, mark: tuple[str, str, int, int]) -> bool:
        """Replace text[start:end] by `new` and record `mark` (always True: the damage was done)."""
        self.text = self.text[:start] + new + self.text[end:]
        self.touched = True
        self.marks.append(mark)
        return True


@dataclass
class Damaged:
    name: str
    paras: list[Para]
    sep: str
    #: records spanning whole paragraphs: (category, type, first para, last para)
    blocks: list[tuple[str, str, Para, Para]] = field(default_factory=list)
    #: text inserted before the first paragraph / mojibake of whole doc etc. is not used

    def render(self) -> tuple[str, list[dict]]:
        out, offs = [], {}
        pos = 0
        for i, p in enumerate(self.paras):
            if i:
                out.append(self.sep)
                pos += len(self.sep)
            offs[id(p)] = pos
            out.append(p.text)
            pos += len(p.text)
        text = "".join(out) + "\n"
        gold = []
        for p in self.paras:
            for cat, typ, s, e in p.marks:
                gold.append({"category": cat, "type": typ, "start": offs[id(p)] + s, "end": offs[id(p)] + e})
        for cat, typ, a, b in self.blocks:
            gold.append({"category": cat, "type": typ, "start": offs[id(a)], "end": offs[id(b)] + len(b.text)})
        for g in gold:
            g["text"] = text[g["start"] : g["end"]]
        gold.sort(key=lambda g: (g["start"], g["end"]))
        return text, gold


def _body(p: Para, min_len: int = 30) -> bool:
    return not p.touched and len(p.text) >= min_len and len(CJK_RE.findall(p.text)) > len(p.text) * 0.6


def _pick(rng: random.Random, doc: Damaged, min_len: int = 30, start: int = 0) -> int | None:
    idx = [i for i, p in enumerate(doc.paras) if i >= start and _body(p, min_len)]
    return rng.choice(idx) if idx else None


def _clause_bounds(text: str) -> list[int]:
    """Offsets just after each clause mark."""
    return [m.end() for m in re.finditer(f"[{CLAUSE_MARKS}]", text)]


def _words(text: str) -> list[tuple[str, int, int]]:
    from zhcheck.segmenter import segment

    out, pos = [], 0
    for w in segment(text):
        out.append((w, pos, pos + len(w)))
        pos += len(w)
    return out


def _cjk_word(w: str) -> bool:
    return all(CJK_RE.match(c) for c in w)


def _break_point(rng: random.Random, text: str, lo: float = 0.3, hi: float = 0.85) -> int | None:
    """A break position mid-sentence: not next to punctuation, between two Han characters."""
    cands = [
        i
        for i in range(int(len(text) * lo), int(len(text) * hi))
        if CJK_RE.match(text[i - 1]) and CJK_RE.match(text[i]) and text.find("。", 0, i) != i - 1
    ]
    return rng.choice(cands) if cands else None


def _tail_span(text: str, cut: int) -> tuple[int, int]:
    """Gold span of a cut end: after the last punctuation before the cut, at most 40 chars."""
    s = max((text.rfind(c, 0, cut) for c in CLAUSE_MARKS + "”"), default=-1) + 1
    return max(s, cut - 40), cut


def _head_span(text: str) -> tuple[int, int]:
    m = re.search(f"[{CLAUSE_MARKS}]", text)
    e = m.start() if m else len(text)
    return 0, max(1, min(e, 40))


# --- injections: each returns True when it could damage the document -------------------

NAMES = ["王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛", "周丽", "吴昊", "孙悦", "马骏"]


def dup_paragraph(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc, 20)
    if i is None or i + 2 >= len(doc.paras):
        return False
    j = rng.randint(i + 2, len(doc.paras))
    doc.paras[i].touched = True
    copy = Para(doc.paras[i].text, touched=True)
    copy.marks.append(("duplicate", "duplicate-paragraph", 0, len(copy.text)))
    doc.paras.insert(j, copy)
    return True


def near_dup_paragraph(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc, 60)
    if i is None:
        return False
    text = doc.paras[i].text
    bounds = _clause_bounds(text)
    if len(bounds) >= 3:  # an edited copy: one clause dropped
        k = rng.randrange(len(bounds) - 1)
        a, b = (bounds[k - 1] if k else 0), bounds[k]
        new = text[:a] + text[b:]
    else:  # or a few characters changed
        chars = list(text)
        for pos in rng.sample([p for p, c in enumerate(chars) if CJK_RE.match(c)], 2):
            chars[pos] = rng.choice("的了和在是有")
        new = "".join(chars)
    doc.paras[i].touched = True
    j = rng.randint(i + 1, len(doc.paras))
    copy = Para(new, touched=True)
    copy.marks.append(("duplicate", "near-duplicate-paragraph", 0, len(new)))
    doc.paras.insert(j, copy)
    return True


def repeated_block(rng: random.Random, doc: Damaged) -> bool:
    n = rng.choice((2, 2, 3))
    starts = [i for i in range(len(doc.paras) - n + 1) if all(_body(p, 15) for p in doc.paras[i : i + n])]
    if not starts:
        return False
    i = rng.choice(starts)
    block = doc.paras[i : i + n]
    for p in block:
        p.touched = True
    at = i + n
    for _ in range(rng.choice((1, 1, 2, 3))):
        copies = [Para(p.text, touched=True) for p in block]
        doc.paras[at:at] = copies
        doc.blocks.append(("duplicate", "repeated-block", copies[0], copies[-1]))
        at += n
    return True


def repeated_passage(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc, 80)
    if i is None:
        return False
    src = doc.paras[i].text
    bounds = [0, *_clause_bounds(src)]
    pairs = [(a, b) for a in bounds for b in bounds if 25 <= b - a <= 70]
    if not pairs:
        return False
    a, b = rng.choice(pairs)
    passage = src[a:b]
    j = _pick(rng, doc, 30, start=i + 1)  # the copy is the later occurrence
    if j is None:
        return False
    dst = doc.paras[j].text
    at = rng.choice([0, *_clause_bounds(dst)[:-1]])
    doc.paras[j].text = dst[:at] + passage + dst[at:]
    doc.paras[j].touched = doc.paras[i].touched = True
    doc.paras[j].marks.append(("duplicate", "repeated-passage", at, at + len(passage)))
    return True


def phrase_loop(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    cands = [(w, s, e) for w, s, e in _words(p.text) if 2 <= len(w) <= 4 and _cjk_word(w)]
    if not cands:
        return False
    w, s, e = rng.choice(cands)
    sep = rng.choice(("、", "", "，", "、"))
    times = rng.choice((3, 3, 4))
    loop = sep.join([w] * times)
    return p.damage(s, e, loop, ("duplicate", "phrase-loop", s, s + len(loop)))


def char_stutter(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    cands = [(w, s, e) for w, s, e in _words(p.text) if 2 <= len(w) <= 4 and _cjk_word(w) and len(set(w)) == len(w)]
    if not cands:
        return False
    w, s, _e = rng.choice(cands)
    k = rng.randrange(len(w))
    return p.damage(s + k + 1, s + k + 1, w[k], ("duplicate", "char-stutter", s + k, s + k + 2))


def image_filename(rng: random.Random, doc: Damaged) -> bool:
    d = f"20{rng.randint(15, 24)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    t = f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}"
    name = rng.choice(
        [
            f"IMG_{d}_{t}.jpg",
            f"微信图片_{d}{t}.jpg",
            f"DSC_{rng.randint(1000, 9999)}.JPG",
            f"{rng.getrandbits(64):016x}.png",
            f"屏幕截图 {d[:4]}-{d[4:6]}-{d[6:]} {t}.png",
            f"{d}{t}{rng.randint(100, 999)}.jpeg",
            f"图片{rng.randint(1, 9)}.png",
            f"P{d[2:]}-{t}.jpg",
        ]
    )
    at = rng.randint(1, len(doc.paras))
    p = Para(name, touched=True)
    p.marks.append(("garbled", "image-filename", 0, len(name)))
    doc.paras.insert(at, p)
    return True


def web_boilerplate(rng: random.Random, doc: Damaged) -> bool:
    site = rng.choice(["江城在线", "东方资讯网", "海峡新闻网", "大河之声", "西部商报网"])
    head = [
        f"您当前的位置：首页 > 新闻中心 > {rng.choice(['本地要闻', '时政', '社会', '经济'])}",
        f"当前位置：{site} > 国内 > 正文",
        f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}  来源：{site}  作者：{rng.choice(NAMES)}",
        "【字体：大 中 小】【打印】【关闭】",
    ]
    tail = [
        "分享到：微信 微博 QQ空间",
        f"上一篇：{rng.choice(['我市召开安全生产工作会议', '秋粮收购工作有序推进', '多措并举稳就业'])}",
        f"下一篇：{rng.choice(['城区新增三处口袋公园', '全市中小学开学准备就绪', '文明城市创建再加力'])}",
        f"Copyright © {rng.randint(2010, 2024)} {site} 版权所有 未经授权禁止复制或建立镜像",
        f"联系电话：0{rng.randint(10, 999)}-{rng.randint(1000000, 9999999)}  邮箱：news@example.com",
        "扫一扫在手机上打开当前页",
        "相关新闻",
        "发表评论",
        "验证码：",
        f"责任编辑：{rng.choice(NAMES)}",
    ]
    if rng.random() < 0.4:
        line, at = rng.choice(head), 0
    else:
        line, at = rng.choice(tail), len(doc.paras)
    p = Para(line, touched=True)
    p.marks.append(("garbled", "web-boilerplate", 0, len(line)))
    doc.paras.insert(at, p)
    return True


def foreign_word(rng: random.Random, doc: Damaged) -> bool:
    idx = [
        i for i, p in enumerate(doc.paras) if _body(p) and re.search(r"[\u4e00-\u9fff][和与及][\u4e00-\u9fff]", p.text)
    ]
    if not idx:
        return False
    p = doc.paras[rng.choice(idx)]
    m = rng.choice(list(re.finditer(r"(?<=[\u4e00-\u9fff])([和与及])(?=[\u4e00-\u9fff])", p.text)))
    word = {"和": "and", "与": rng.choice(("and", "with")), "及": "and"}[m.group(1)]
    rep = rng.choice((word, f" {word} "))
    p.text = p.text[: m.start()] + rep + p.text[m.end() :]
    off = rep.index(word)
    p.touched = True
    p.marks.append(("garbled", "foreign-word", m.start() + off, m.start() + off + len(word)))
    return True


def residual_markup(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    kind = rng.choice(("tag", "entity", "bold"))
    if kind == "bold":
        m = re.match(r"^[\u4e00-\u9fff]{2,8}[：:]", p.text)
        if m:  # a speaker label whose closing ** was lost
            p.text = "**" + p.text
            p.marks.append(("garbled", "residual-markup", 0, 2))
            p.touched = True
            return True
        kind = "tag"
    bounds = _clause_bounds(p.text)
    at = rng.choice(bounds[:-1] or [len(p.text) // 2])
    token = (
        rng.choice(["<br>", "<br/>", "</p>", "<p>", '<span style="font-size:16px">', "</strong>"])
        if kind == "tag"
        else rng.choice(["&nbsp;", "&nbsp;&nbsp;", "&ldquo;", "&amp;", "&#12288;"])
    )
    return p.damage(at, at, token, ("garbled", "residual-markup", at, at + len(token)))


def unbalanced_pair(rng: random.Random, doc: Damaged) -> bool:
    pairs = {"“": "”", "《": "》", "（": "）"}
    idx = [
        i for i, p in enumerate(doc.paras) if _body(p) and any(o in p.text and c in p.text for o, c in pairs.items())
    ]
    if not idx:
        return False
    p = doc.paras[rng.choice(idx)]
    o = rng.choice([o for o, c in pairs.items() if o in p.text and pairs[o] in p.text])
    c = pairs[o]
    opens = [m.start() for m in re.finditer(re.escape(o), p.text)]
    s = rng.choice(opens)
    e = p.text.find(c, s)
    if e < 0:
        return False
    if rng.random() < 0.6:  # the closing mark lost
        p.text = p.text[:e] + p.text[e + 1 :]
        p.marks.append(("garbled", "unbalanced-pair", s, s + 1))
    else:  # the opening mark lost
        p.text = p.text[:s] + p.text[s + 1 :]
        p.marks.append(("garbled", "unbalanced-pair", e - 1, e))
    p.touched = True
    return True


def mojibake(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    bounds = [0, *_clause_bounds(p.text)]
    if rng.random() < 0.3:
        a, b = 0, len(p.text)
    else:
        k = rng.randrange(len(bounds) - 1) if len(bounds) > 1 else 0
        a, b = bounds[k], (bounds[k + 1] if k + 1 < len(bounds) else len(p.text))
    raw = p.text[a:b].encode("utf-8")
    codec = rng.choice(("gbk", "gbk", "cp1252", "latin-1"))
    bad = raw.decode(codec, errors="replace")
    if codec == "latin-1":  # C1 controls would be dropped or shown as boxes by a browser
        bad = "".join(c for c in bad if not 0x80 <= ord(c) < 0xA0)
    if not bad or bad == p.text[a:b]:
        return False
    return p.damage(a, b, bad, ("garbled", "mojibake", a, a + len(bad)))


def word_salad(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc, 40)
    if i is None:
        return False
    p = doc.paras[i]
    bounds = [0, *_clause_bounds(p.text)]
    spans = [(a, b - 1) for a, b in itertools.pairwise(bounds) if 8 <= b - 1 - a <= 30]
    if not spans:
        return False
    a, b = rng.choice(spans)
    ws = [w for w, _, _ in _words(p.text[a:b])]
    if len(ws) < 4:
        return False
    for _ in range(5):
        rng.shuffle(ws)
        if "".join(ws) != p.text[a:b]:
            break
    return p.damage(a, b, "".join(ws), ("garbled", "incoherent", a, b))


def confusable_name(rng: random.Random, doc: Damaged) -> bool:
    from zhcheck.rules.lang import glyphs
    from zhcheck.rules.lang.lexicon import gazetteer

    gaz = gazetteer()
    cands = []
    for i, p in enumerate(doc.paras):
        if p.touched:
            continue
        for s, e, name in gaz.mentions(p.text):
            if len(name) >= 2 and name[-1] in "省市县区镇乡河湖山村街":
                cands.append((i, s, e, name))
    if not cands:
        return False
    rng.shuffle(cands)
    for i, s, e, name in cands[:10]:
        k = rng.randrange(len(name) - 1)  # not the suffix
        subs = [b for b, sc in glyphs.neighbours(name[k], 0.6) if CJK_RE.match(b)]
        subs = [b for b in subs if not gaz.is_name(name[:k] + b + name[k + 1 :])]
        if not subs:
            continue
        bad = name[:k] + rng.choice(subs[:4]) + name[k + 1 :]
        p = doc.paras[i]
        return p.damage(s, e, bad, ("ocr", "confusable-name", s, e))
    return False


def variant_char(rng: random.Random, doc: Damaged) -> bool:
    import opencc

    conv = opencc.OpenCC("s2t")
    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    cands = [(w, s, e) for w, s, e in _words(p.text) if len(w) >= 2 and _cjk_word(w) and conv.convert(w) != w]
    if not cands:
        return False
    w, s, e = rng.choice(cands)
    return p.damage(s, e, conv.convert(w), ("ocr", "variant-char", s, e))


def swapped_chars(rng: random.Random, doc: Damaged) -> bool:
    from zhcheck.rules.lang.lexicon import is_word

    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    cands = [(w, s, e) for w, s, e in _words(p.text) if 3 <= len(w) <= 4 and _cjk_word(w)]
    rng.shuffle(cands)
    for w, s, e in cands:
        k = rng.randrange(len(w) - 1)
        bad = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
        if bad != w and not is_word(bad):
            return p.damage(s, e, bad, ("ocr", "swapped-chars", s, e))
    return False


def digit_letter(rng: random.Random, doc: Damaged) -> bool:
    idx = [i for i, p in enumerate(doc.paras) if not p.touched and re.search(r"\d*[01]\d*", p.text)]
    if not idx:
        return False
    p = doc.paras[rng.choice(idx)]
    m = rng.choice(list(re.finditer(r"\d+(?:\.\d+)?", p.text)))
    tok = m.group()
    pos = [k for k, c in enumerate(tok) if c in "01"]
    if not pos:
        return False
    k = rng.choice(pos)
    bad = tok[:k] + {"0": "O", "1": "l"}[tok[k]] + tok[k + 1 :]
    return p.damage(m.start(), m.end(), bad, ("ocr", "digit-letter", m.start(), m.end()))


def _split(rng: random.Random, doc: Damaged, min_len: int = 60) -> tuple[int, Para, Para] | None:
    i = _pick(rng, doc, min_len)
    if i is None:
        return None
    text = doc.paras[i].text
    cut = _break_point(rng, text)
    if cut is None:
        return None
    first, second = Para(text[:cut], touched=True), Para(text[cut:], touched=True)
    s, e = _tail_span(text, cut)
    first.marks.append(("layout", "broken-paragraph", s, e))
    doc.paras[i : i + 1] = [first, second]
    return i, first, second


def broken_paragraph(rng: random.Random, doc: Damaged) -> bool:
    return _split(rng, doc) is not None


def caption(rng: random.Random) -> str:
    who = rng.choice(NAMES)
    return rng.choice(
        [
            f"图为市民在新建成的公园里休闲健身。{who} 摄",
            f"▲工人在生产线上作业。记者 {who} 摄",
            f"{who}/摄",
            f"（图片来源：{rng.choice(['资料图', '受访者供图', '视觉中国'])}）",
            f"图为项目建设现场。本报记者 {who} 摄",
            f"当地村民在田间采收。（通讯员 {who} 摄）",
        ]
    )


def interleaved_caption(rng: random.Random, doc: Damaged) -> bool:
    got = _split(rng, doc)
    if got is None:
        return False
    i, _first, _second = got
    cap = Para(caption(rng), touched=True)
    cap.marks.append(("layout", "interleaved-caption", 0, len(cap.text)))
    doc.paras.insert(i + 1, cap)
    return True


def truncated_paragraph(rng: random.Random, doc: Damaged) -> bool:
    got = _split(rng, doc)
    if got is None:
        return False
    _i, first, second = got
    first.marks[:] = [("layout", "truncated-paragraph", *first.marks[0][2:])]
    doc.paras.remove(second)
    return True


def dangling_start(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc, 60)
    if i is None or i == 0:
        return False
    p = doc.paras[i]
    cut = _break_point(rng, p.text, 0.1, 0.4)
    if cut is None:
        return False
    p.text = p.text[cut:]
    p.touched = True
    s, e = _head_span(p.text)
    p.marks.append(("layout", "dangling-start", s, e))
    return True


def displaced_continuation(rng: random.Random, doc: Damaged) -> bool:
    if len(doc.paras) < 6:
        return False
    got = _split(rng, doc)
    if got is None:
        return False
    i, first, second = got
    later = [j for j in range(i + 4, len(doc.paras) + 1)]
    if not later:
        doc.paras[i : i + 2] = [Para(first.text + second.text)]
        return False
    first.marks[:] = [("layout", "displaced-continuation", *first.marks[0][2:])]
    second.marks.append(("layout", "displaced-continuation", *_head_span(second.text)))
    doc.paras.remove(second)
    doc.paras.insert(rng.choice(later) - 1, second)
    return True


def _replace_marks(rng: random.Random, doc: Damaged, table: dict[str, str], typ: str, n: int = 2) -> bool:
    idx = [i for i, p in enumerate(doc.paras) if not p.touched and any(c in p.text for c in table)]
    if not idx:
        return False
    p = doc.paras[rng.choice(idx)]
    spots = [k for k, c in enumerate(p.text) if c in table]
    for k in sorted(rng.sample(spots, min(n, len(spots)))):
        p.text = p.text[:k] + table[p.text[k]] + p.text[k + 1 :]
        p.marks.append(("typography", typ, k, k + 1))
    p.touched = True
    return True


def halfwidth_punct(rng: random.Random, doc: Damaged) -> bool:
    return _replace_marks(
        rng,
        doc,
        {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"},
        "halfwidth-punctuation",
        rng.choice((1, 3, 8)),
    )


def straight_quotes(rng: random.Random, doc: Damaged) -> bool:
    return _replace_marks(rng, doc, {"“": '"', "”": '"'}, "straight-quotes", 2)


def stray_space(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    spots = [k for k in range(1, len(p.text)) if CJK_RE.match(p.text[k - 1]) and CJK_RE.match(p.text[k])]
    k = rng.choice(spots)
    return p.damage(k, k, " ", ("typography", "stray-space", k, k + 1))


def doubled_punct(rng: random.Random, doc: Damaged) -> bool:
    i = _pick(rng, doc)
    if i is None:
        return False
    p = doc.paras[i]
    spots = [k for k, c in enumerate(p.text) if c in "，。"]
    if not spots:
        return False
    k = rng.choice(spots)
    return p.damage(k + 1, k + 1, p.text[k], ("typography", "doubled-punctuation", k, k + 2))


INJECTIONS: dict[str, Callable[[random.Random, Damaged], bool]] = {
    "duplicate-paragraph": dup_paragraph,
    "near-duplicate-paragraph": near_dup_paragraph,
    "repeated-block": repeated_block,
    "repeated-passage": repeated_passage,
    "phrase-loop": phrase_loop,
    "char-stutter": char_stutter,
    "mojibake": mojibake,
    "image-filename": image_filename,
    "web-boilerplate": web_boilerplate,
    "residual-markup": residual_markup,
    "foreign-word": foreign_word,
    "unbalanced-pair": unbalanced_pair,
    "incoherent": word_salad,
    "confusable-name": confusable_name,
    "variant-char": variant_char,
    "swapped-chars": swapped_chars,
    "digit-letter": digit_letter,
    "broken-paragraph": broken_paragraph,
    "truncated-paragraph": truncated_paragraph,
    "dangling-start": dangling_start,
    "displaced-continuation": displaced_continuation,
    "interleaved-caption": interleaved_caption,
    "halfwidth-punctuation": halfwidth_punct,
    "stray-space": stray_space,
    "doubled-punctuation": doubled_punct,
    "straight-quotes": straight_quotes,
}


def damage(rng: random.Random, name: str, text: str, per_doc: int, kinds: list[str]) -> Damaged:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    doc = Damaged(name, [Para(ln) for ln in lines], rng.choice(("\n", "\n", "\n\n")))
    done = 0
    for kind in rng.sample(kinds, len(kinds)):
        if done >= per_doc:
            break
        if INJECTIONS[kind](rng, doc):
            done += 1
    return doc


# --- evaluation -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--per-doc", type=int, default=3)
    ap.add_argument(
        "--source", nargs="*", default=[str(ROOT / "corpus" / "clean"), str(ROOT / "corpus" / "clean_extra")]
    )
    ap.add_argument("--kinds", help="comma-separated injection types (default: all)")
    ap.add_argument("--select", help="rule selectors, as for zhcheck check --select")
    ap.add_argument("--show-misses", metavar="TYPE", help="print the missed records of TYPE (or 'all')")
    ap.add_argument("--show-false", metavar="RULE", help="print new false positives of RULE (or 'all')")
    ap.add_argument("--write", type=Path, help="write the damaged articles and gold here")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    files = sorted(p for d in args.source for p in Path(d).glob("*") if p.suffix in (".txt", ".md"))
    files = [p for p in files if p.name != "README.md"]
    chosen = rng.sample(files, min(args.docs, len(files)))
    kinds = args.kinds.split(",") if args.kinds else list(INJECTIONS)
    config: dict = {"cache": False, "jobs": 1}
    if args.select:
        config["select"] = args.select.split(",")
    engine = Engine(config)

    from zhcheck.document import Document

    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()  # which rule found each type
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    background: Counter[str] = Counter()
    cat_of_type: dict[str, str] = {}
    misses: list[str] = []
    falses: list[str] = []
    for path in chosen:
        clean = path.read_text(encoding="utf-8")
        doc = damage(rng, path.name, clean, args.per_doc, kinds)
        text, gold = doc.render()
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            stem = path.stem
            (args.write / f"{stem}.txt").write_text(text, encoding="utf-8")
            (args.write / f"{stem}.jsonl").write_text(
                "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8"
            )
        base = {(f.rule, f.text) for f in engine.check_document(Document(clean, str(path))).findings}
        findings = engine.check_document(Document(text, str(path))).findings
        for g in gold:
            total[g["type"]] += 1
            cat_of_type[g["type"]] = g["category"]
            hits = [
                f for f in findings if f.category.value == g["category"] and f.start < g["end"] and g["start"] < f.end
            ]
            if hits:
                found[g["type"]] += 1
                by_rule[(g["type"], hits[0].rule)] += 1
            elif args.show_misses in (g["type"], "all"):
                ln = text.count("\n", 0, g["start"]) + 1
                misses.append(f"{path.name}:{ln} {g['type']} {g['text'][:60]!r}")
        for f in findings:
            if any(f.category.value == g["category"] and f.start < g["end"] and g["start"] < f.end for g in gold):
                tp[f.rule] += 1
            elif (f.rule, f.text) in base:
                background[f.rule] += 1
            else:
                fp[f.rule] += 1
                if args.show_false in (f.rule, "all"):
                    falses.append(f"{path.name}:{f.line} {f.rule} {f.text[:60]!r} | {f.message}")

    print(f"seed {args.seed}: {len(chosen)} articles, {sum(total.values())} injected defects\n")
    print("| category | type | injected | found | recall | found by |")
    print("|---|---|---|---|---|---|")
    for cat in ("duplicate", "garbled", "ocr", "layout", "typography"):
        types = [t for t in INJECTIONS if cat_of_type.get(t) == cat]
        for t in types:
            rules = ", ".join(f"{r} {n}" for (tt, r), n in sorted(by_rule.items(), key=lambda x: -x[1]) if tt == t)
            print(f"| {cat} | {t} | {total[t]} | {found[t]} | {found[t] / total[t]:.2f} | {rules} |")
        n, k = sum(total[t] for t in types), sum(found[t] for t in types)
        if n:
            print(f"| **{cat}** | all | {n} | {k} | **{k / n:.2f}** | |")
    print("\n| rule | true pos. | false pos. (new) | precision | background (also on the clean text) |")
    print("|---|---|---|---|---|")
    for r in sorted(set(tp) | set(fp) | set(background)):
        d = tp[r] + fp[r]
        print(f"| {r} | {tp[r]} | {fp[r]} | {tp[r] / d if d else float('nan'):.2f} | {background[r]} |")
    cats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in set(tp) | set(fp):
        cats[r[0]][0] += tp[r]
        cats[r[0]][1] += fp[r]
    print(
        "\nprecision per family: "
        + ", ".join(f"{c} {a / (a + b):.2f} ({a}/{a + b})" for c, (a, b) in sorted(cats.items()) if a + b)
    )
    for line in misses + falses:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
