"""Real OCR misreadings: a noisy-channel detector over every position of a document (O106, O107).

At every Chinese character `c` of the text, the detector hypothesises that OCR printed it
for an intended character `x` (the candidates of `zhcheck.rules.lang.ocrchannel`, mined
from a real OCR engine plus glyph-shape neighbours) and scores

    gain = log P(text with x) - log P(text)  +  log P(c | x)

with the character 4-gram model of `zhcheck.rules.lang.charlm`: the text changes only in
the four log-probabilities of positions i..i+3, so the gain is a sum of four differences.
Everything runs as whole-document numpy passes: the base log-probabilities of every
position, a prefilter (only positions whose own and next character are unlikely are
tried), and one batched look-up for all (position, candidate) hypotheses. A small Python
loop then looks only at the few positions whose best hypothesis clears a threshold, to
apply the precision guards (names, transliterations, strings the article repeats, user
words) and to cut the suggestion to the corrected word.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zhcheck.document import Document
from zhcheck.rules.lang import charlm, ocrchannel

#: a loose screen: a position goes on when the stored bigram log-probabilities of it and of
#: the next character add up to less than this (a bigram the model does not store: UNSEEN_BIGRAM)
SCREEN = -12.0
UNSEEN_BIGRAM = -12.0
#: a position is tried when the 4-gram log-probabilities of it and of the next character add
#: up to less than this (natural log)
PREFILTER = -14.0
#: the best hypothesis must gain this much (natural log) for the default rule (O106) ...
MIN_GAIN = 8.0
#: ... and this much for the opt-in, more sensitive rule (O107)
MIN_GAIN_INFO = 2.0
#: characters OCR garbles but that spell foreign names: a window full of them is a transliteration
TRANSLITERATION = frozenset(
    "阿埃艾爱安奥巴拜班邦贝本比彼宾波伯博布查达戴丹道德登迪蒂丁杜顿多厄恩尔法菲芬丰弗福盖冈戈格古圭哈海汉豪赫亨胡华霍"
    "基吉加贾杰金卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉林琳隆卢鲁路伦罗洛玛马迈麦曼梅门蒙米密姆默穆纳娜奈"
    "内尼妮努诺欧帕潘佩彭皮普奇齐恰乔切钦琼萨塞桑森沙莎舍什史斯松苏索塔泰坦汤唐特提图托瓦旺威韦维温沃乌西希谢辛休"
    "雅亚扬耶伊因尤约泽扎詹兹佐"
)
#: subtracted from the gain when the printed string is itself a dictionary word (a real-word error)
REAL_WORD_PENALTY = 4.0
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


@dataclass(frozen=True)
class Misread:
    """A likely misreading: the span to replace, its suggestion and the evidence."""

    start: int
    end: int
    text: str
    suggestion: str
    pos: int  # offset of the misread character
    printed: str
    intended: str
    gain: float


def _han(cps: np.ndarray) -> np.ndarray:
    return ((cps >= 0x4E00) & (cps <= 0x9FFF)) | ((cps >= 0x3400) & (cps <= 0x4DBF))


def _allowed(doc: Document, n: int) -> np.ndarray:
    """Positions inside prose paragraphs (not bylines, separators, directives)."""
    from zhcheck.rules.ocr.names import body_paragraphs

    mask = np.zeros(n, dtype=bool)
    for p in body_paragraphs(doc):
        mask[p.start : p.end] = True
    return mask


def best_hypotheses(text: str, allowed: np.ndarray | None = None, prefilter: float | None = None):
    """For every position worth trying: the best (intended code point, gain), as arrays
    (positions, intended code points, gains), positions ascending."""
    if prefilter is None:
        prefilter = PREFILTER
    lm = charlm.load()
    chan = ocrchannel.channel()
    ids = lm.encode(text)
    n = len(ids)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.uint32), np.zeros(0))
    if n < 2:
        return empty
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # a loose screen first: the two bigrams through each character (one look-up per position)
    big = lm.bigram_logprobs(ids, UNSEEN_BIGRAM)
    screen = big.copy()
    screen[:-1] += big[1:]
    mask = _han(cps) & (screen < SCREEN)
    if allowed is not None:
        mask &= allowed
    loose = np.flatnonzero(mask)
    if not len(loose):
        return empty
    ctx = lm.context_lengths(ids)
    # then the 4-gram log-probabilities of the character and the next one
    base = np.zeros(n)
    pair = np.unique(np.minimum(np.concatenate((loose, loose + 1)), n - 1))
    base[pair] = lm.logprobs_at(ids, pair, ctx)
    nxt = np.where(ctx[np.minimum(loose + 1, n - 1)] >= 1, base[np.minimum(loose + 1, n - 1)], 0.0)
    nxt[loose + 1 >= n] = 0.0
    cand_pos = loose[base[loose] + nxt < prefilter]
    if not len(cand_pos):
        return empty
    # the positions a hypothesis at i changes: i .. i+3
    need = np.unique(np.minimum((cand_pos[:, None] + np.arange(2, 4)).ravel(), n - 1))
    need = need[base[need] == 0.0]
    base[need] = lm.logprobs_at(ids, need, ctx)
    owner, xcp, chan_lp = chan.expand(cps[cand_pos])
    pos = cand_pos[owner]
    xtok = lm._table[np.minimum(xcp, 0xFFFF)]
    keep = xtok >= len(charlm.SPECIALS)
    pos, xcp, xtok, chan_lp = pos[keep], xcp[keep], xtok[keep], chan_lp[keep]
    h = len(pos)
    if not h:
        return empty
    win = np.clip(pos[:, None] + np.arange(-3, 4), 0, n - 1)
    w = ids[win]
    w[:, 3] = xtok
    flat = w.ravel()
    gain = chan_lp.astype(np.float64)
    q_ends, q_tok, q_ctx, q_h, q_base = [], [], [], [], []
    for d in range(4):
        j = pos + d
        jj = np.minimum(j, n - 1)
        ok = (j < n) & (ctx[jj] >= d) & (ids[jj] != charlm.BOS)
        sel = np.flatnonzero(ok)
        q_h.append(sel)
        q_ends.append(sel * 7 + 2 + d)
        q_tok.append(w[sel, 3 + d])
        q_ctx.append(ctx[jj[sel]])
        q_base.append(base[jj[sel]])
    hs = np.concatenate(q_h)
    new = lm.logprob_of(flat, np.concatenate(q_ends), np.concatenate(q_tok), np.concatenate(q_ctx))
    np.add.at(gain, hs, new - np.concatenate(q_base))
    order = np.lexsort((-gain, pos))
    pos, xcp, gain = pos[order], xcp[order], gain[order]
    first = np.concatenate(([True], pos[1:] != pos[:-1]))
    return pos[first], xcp[first], gain[first]


# --------------------------------------------------------------------------- guards and spans


def _word_at(words: list[tuple[str, int, int]], i: int) -> tuple[str, int, int]:
    for w, s, e in words:
        if s <= i < e:
            return w, s, e
    return "", i, i + 1


def _segment(text: str, offset: int) -> list[tuple[str, int, int]]:
    from zhcheck.segmenter import segment

    out, pos = [], offset
    for w in segment(text):
        out.append((w, pos, pos + len(w)))
        pos += len(w)
    return out


def _clause(text: str, i: int) -> tuple[int, int]:
    """The run of Han characters around position i (at most 12 on each side)."""
    s = i
    while s > 0 and i - s < 12 and _is_han(text[s - 1]):
        s -= 1
    e = i + 1
    while e < len(text) and e - i < 12 and _is_han(text[e]):
        e += 1
    return s, e


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_name(word: str) -> bool:
    """A person, place or organisation name the dictionaries or the gazetteer know."""
    from zhcheck.rules.lang import lexicon

    if len(word) < 2:
        return False
    return lexicon.is_person(word) or lexicon.pos_tag(word) in NAME_TAGS or lexicon.place_freq(word) > 0


def _is_word(word: str) -> bool:
    """A dictionary word of two or more characters (jieba frequency >= 20)."""
    from zhcheck.rules.lang import lexicon

    return len(word) >= 2 and lexicon.word_freq(word) >= 20


def _transliteration(text: str, i: int) -> bool:
    window = text[max(0, i - 2) : i + 3]
    return sum(ch in TRANSLITERATION for ch in window) >= 3


def explain(text: str, i: int, x: str, gain: float) -> Misread | None:
    """Guards and the suggestion's span for one hypothesis (None when a guard vetoes it)."""
    if _transliteration(text, i):
        return None
    s, e = _clause(text, i)
    fixed = text[s:i] + x + text[i + 1 : e]
    _, ns, ne = _word_at(_segment(fixed, s), i)
    w_old, os_, oe = _word_at(_segment(text[s:e], s), i)
    if _is_name(w_old) and len(w_old) >= 2:
        return None
    if _is_word(w_old):  # a real-word error is possible, but far more often the word is right
        gain -= REAL_WORD_PENALTY
    start, end = min(ns, os_), max(ne, oe)
    if end - start < 2:  # a lone character: show it with its neighbours
        start, end = max(s, i - 1), min(e, i + 2)
    if end - start > 4:
        start, end = max(start, i - 1), min(end, i + 2)
    orig = text[start:end]
    if len(orig) >= 2 and text.count(orig) >= 2:  # the article prints the string again: deliberate
        return None
    sugg = orig[: i - start] + x + orig[i - start + 1 :]
    return Misread(start, end, orig, sugg, i, text[i], x, float(gain))


def misreads(doc: Document, min_gain: float = MIN_GAIN_INFO) -> list[Misread]:
    """The likely misreadings of a document whose gain is at least `min_gain`, by position."""

    def compute() -> list[Misread]:
        text = doc.text
        pos, xcp, gain = best_hypotheses(text, _allowed(doc, len(text)))
        out: list[Misread] = []
        for i, x, g in zip(pos.tolist(), xcp.tolist(), gain.tolist(), strict=True):
            if g < MIN_GAIN_INFO:
                continue
            m = explain(text, i, chr(x), g)
            if m is None:
                continue
            if out and m.start < out[-1].end:  # one error makes its neighbours unlikely too: keep the best
                if m.gain > out[-1].gain:
                    out[-1] = m
                continue
            out.append(m)
        return out

    found = doc.memo(("ocr-misreads", MIN_GAIN_INFO), compute)
    return [m for m in found if m.gain >= min_gain]
