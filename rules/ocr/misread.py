"""Real OCR misreadings: a noisy-channel detector over every position of a document (O106, O107).

At a Chinese character `c` of the text, the detector hypothesises that OCR printed it for
an intended character `x` (the candidates of `zhcheck.rules.lang.ocrchannel`: pairs mined
from a real OCR engine, smoothed with the characters that look alike at scan resolution)
and scores

    gain = log P(text with x) - log P(text)  +  CHANNEL_WEIGHT * log P(c | x)

with the character 4-gram model of `zhcheck.rules.lang.charlm`: the text changes only in
the four log-probabilities of positions i..i+3, so the gain is a sum of four differences.
Everything runs as whole-document numpy passes:

1. a screen: a character goes on when one of the two bigrams through it is not a common
   one (the model's table of bigram classes), then when the 4-gram log-probabilities
   of it and of the next character add up to less than PREFILTER;
2. the channel's candidates of each screened character (up to MAX_CANDIDATES), cut to the
   SHORTLIST best by a bigram estimate (channel + a cost per new uncommon bigram);
3. one batched look-up of the four changed log-probabilities of every shortlisted
   hypothesis; the best per position is kept;
4. OCR errors come in clusters and spoil each other's context: a hypothesis with another
   likely one within three characters is rescored in the text with those corrected.
5. A page OCR read badly holds many misreadings: in a document with other likely ones (about
   one per 1,000 characters), every hypothesis gains DOC_BONUS (a higher prior rate of misreading
   for that document; clean text seldom holds two).

A small Python loop then looks only at the few positions whose gain comes near a threshold:
it adds the word evidence (how much better the clause's best jieba route reads, ROUTE_WEIGHT),
applies the precision guards (names, transliterations, surnames, strings the article repeats,
user words; a printed character that makes a dictionary word with its neighbours needs
REAL_WORD_PENALTY more, one in a short quotation QUOTED_PENALTY more, one between two copies of
a character PARALLEL_PENALTY more) and cuts the suggestion to the corrected word. The weights and thresholds were
tuned with `tools/calibrate_misread.py` on the tuning halves of the clean controls and on OCR
development sets built by `tools/build_ocr_eval.py` from other articles (never on
corpus/ocr_real, never on corpus/controls/statute).

The two tiers score with settings of their own (`Settings`): O106 with DEFAULT (the constants
below), the opt-in O107 with INFO (a weaker channel, every character screened, a larger
shortlist, a bigger document bonus where the default tier finds other likely misreadings;
`tools/calibrate_misread.py --tier info` prints its curve).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from zhcheck.document import Document
from zhcheck.rules.lang import charlm, ocrchannel
from zhcheck.rules.ocr.context import quoted_term

#: the shortlist's cost of a replacement that makes a bigram which is stored but not common ...
RARE_BIGRAM = -2.5
#: ... and one the model does not store
UNSEEN_BIGRAM = -6.0
#: a position is tried when the 4-gram log-probabilities of it and of the next character add
#: up to less than this (natural log)
PREFILTER = -14.0
#: the best hypothesis must gain this much (natural log) for the default rule (O106): the
#: lowest gain (in steps of 0.5) at which O106 stays at or below 0.05 findings per 10,000
#: characters on the tuning half of every clean control (issue 16 round 3; the family's
#: budget is 0.2 on each check half, and the smallest half holds 150,000 characters) ...
MIN_GAIN = 10.5
#: the lowest gain at which the default tier explains and keeps a hypothesis (its document
#: bonus can lift one from there; O107 reported from here before it got its own settings)
FLOOR = 3.0
#: characters OCR garbles but that spell foreign names: a window full of them is a transliteration
TRANSLITERATION = frozenset(
    "阿埃艾爱安奥巴拜班邦贝本比彼宾波伯博布查达戴丹道德登迪蒂丁杜顿多厄恩尔法菲芬丰弗福盖冈戈格古圭哈海汉豪赫亨胡华霍"
    "基吉加贾杰金卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉林琳隆卢鲁路伦罗洛玛马迈麦曼梅门蒙米密姆默穆纳娜奈"
    "内尼妮努诺欧帕潘佩彭皮普奇齐恰乔切钦琼萨塞桑森沙莎舍什史斯松苏索塔泰坦汤唐特提图托瓦旺威韦维温沃乌西希谢辛休"
    "雅亚扬耶伊因尤约泽扎詹兹佐"
)
#: channel candidates tried per position (most likely first) ...
MAX_CANDIDATES = 256
#: ... of which the SHORTLIST best by a bigram estimate are scored with the 4-gram model
SHORTLIST = 8
#: from this many screened positions on, the shortlist's bigram classes are looked up per
#: distinct pair of neighbour and printed character (fewer look-ups on a long text; on a short
#: one the sorting costs more than it saves)
DISTINCT_PAIRS_FROM = 1000
#: ... and of those the FINALISTS best after the two nearest changed positions are scored in full
FINALISTS = 3
#: weight of the channel's log-probability in the gain (the language model's weight is 1)
CHANNEL_WEIGHT = 1.3
#: up to this many shortlisted hypotheses, all four changed positions are scored in one pass
#: (the same gains: the far two are kept for the finalists only)
ONE_PASS = 2048
#: hypotheses at least this likely are applied as context when their neighbours are rescored
APPLY_GAIN = 0.0
#: weight of the word evidence: how much better the clause's best dictionary route (jieba's
#: unigram word model) reads with the correction, added to the gain
ROUTE_WEIGHT = 0.5
#: the word evidence is computed for hypotheses whose character-level gain is at least the
#: threshold minus this (it rarely adds more)
ROUTE_SLACK = 4.0
#: the character-level gain a hypothesis needs before word evidence is added
MIN_CHAR_GAIN = 0.0
#: characters on each side of the misread one that the word evidence looks at (inside the clause)
ROUTE_SPAN = 6
#: a page OCR read badly holds several misreadings: a hypothesis gains DOC_BONUS more when its
#: document holds at least DOC_MIN_OTHERS other hypotheses of gain >= DOC_LIKELY, and at least
#: DOC_DENSITY of them per 1,000 characters (the document's prior rate of misreading is higher;
#: tuned on the OCR development set and the clean tuning halves: dev recall at O106's threshold
#: 0.097 -> 0.158, O106 on every clean tuning half still <= 0.05 per 10k)
DOC_BONUS = 6.0
DOC_LIKELY = 6.0
DOC_MIN_OTHERS = 1
DOC_DENSITY = 1.0
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
#: a printed character that already makes a dictionary word (2-4 characters, of at least
#: REAL_WORD_FREQ in jieba's dictionary) with its neighbours is less likely misread: a real-word
#: hypothesis needs REAL_WORD_PENALTY more gain ...
REAL_WORD_PENALTY = 2.0
REAL_WORD_FREQ = 1
#: ... plus REAL_WORD_LOG_WEIGHT times the log frequency of the best such word
REAL_WORD_LOG_WEIGHT = 0.0
#: a character in a short quotation (a term the writer marks: “卡脖旱”) needs this much more gain
QUOTED_PENALTY = 4.0
#: a character between two copies of one character (互融互通, 大案重案要案: the parallel
#: pattern XaXb that writers choose) needs this much more gain
PARALLEL_PENALTY = 5.0


@dataclass(frozen=True)
class Settings:
    """The knobs one tier of the detector sets (O106 the module's constants above, O107 its own)."""

    #: weight of the channel's log-probability in the gain
    channel_weight: float = CHANNEL_WEIGHT
    #: the screen's threshold on the 4-gram log-probabilities of a character and the next one
    prefilter: float = PREFILTER
    #: a character goes on only when one of the two bigrams through it is not a common one
    common_screen: bool = True
    max_candidates: int = MAX_CANDIDATES
    shortlist: int = SHORTLIST
    finalists: int = FINALISTS
    #: the lowest gain a hypothesis is explained and kept at (before the document's bonus)
    floor: float = FLOOR
    real_word_penalty: float = REAL_WORD_PENALTY
    doc_bonus: float = DOC_BONUS
    #: the document's other likely misreadings are counted as the default tier scores them
    #: (a tier with a weaker channel finds "likely" ones in most clean documents)
    default_evidence: bool = False
    #: a correction must make a dictionary word
    need_word: bool = False
    #: a string the article prints more than once is deliberate ...
    repeat_guard: bool = True
    #: ... also in a document the default tier finds other likely misreadings in (OCR may
    #: misread one word the same way twice)
    repeat_guard_damaged: bool = True


#: the default tier's settings (O106)
DEFAULT = Settings()
#: the opt-in tier's settings (O107): a channel weighted less (the real confusions of unseen
#: fonts are rarer in the mined channel than the channel says), every Han character screened
#: (a misread one may make two common bigrams), a looser screen and twice the shortlist, the
#: correction must make a dictionary word, and in a document that the default tier finds
#: other likely misreadings in (a page OCR read badly), twice the bonus and no repeat guard
#: (OCR misreads a word the same way twice). Tuned with
#: `tools/calibrate_misread.py --tier info` on the OCR development set (tuning-half articles
#: 90-129 printed with the evaluation profile) and the tuning halves of the clean controls:
#: the setting with the most development recall whose suggestions are right in >= 90% of the
#: hits and whose findings stay <= 0.5 per 10,000 characters on every clean tuning half.
INFO = Settings(
    channel_weight=0.8,
    prefilter=-10.0,
    common_screen=False,
    shortlist=16,
    finalists=6,
    floor=3.0,
    doc_bonus=12.0,
    default_evidence=True,
    need_word=True,
    repeat_guard_damaged=False,
)
#: the gain (with INFO's scoring) O107 reports from
MIN_GAIN_INFO = 10.0


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


def _lm_gain(
    lm,
    ids: np.ndarray,
    ctx: np.ndarray,
    base: np.ndarray,
    pos: np.ndarray,
    xtok: np.ndarray,
    offsets=range(4),
    text_pairs: np.ndarray | None = None,
) -> np.ndarray:
    """log P(text with token xtok[h] at pos[h]) - log P(text), per hypothesis h: the sum of
    the differences at positions pos + d for d in `offsets` (all four changed positions by
    default; `base` must hold the text's log-probabilities there). `text_pairs[i]`: does
    the model store the bigram (ids[i], ids[i + 1]) (when the caller has it)."""
    return _lm_gains(lm, ids, ctx, base, pos, xtok, (offsets,), text_pairs)[0]


def _lm_gains(lm, ids, ctx, base, pos, xtok, groups, text_pairs: np.ndarray | None = None) -> list[np.ndarray]:
    """`_lm_gain` for each group of offsets, from one batched scoring of the language model
    (`CharLM.logprobs_replaced`; each group's differences are summed in the order of its
    offsets; a changed position outside the text, whose context does not reach the
    replacement, or that is a `<s>` adds nothing)."""
    offsets = sorted({d for group in groups for d in group})
    logprob, scored = lm.logprobs_replaced(ids, ctx, pos, xtok, offsets, text_pairs)
    at = np.minimum(pos + np.array(offsets)[:, None], len(ids) - 1)
    diff = np.where(scored, logprob - base[at], 0.0)
    gains = []
    for group in groups:
        gain = np.zeros(len(pos))
        for offset in group:
            gain += diff[offsets.index(offset)]
        gains.append(gain)
    return gains


def _unique_inverse(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct values of `a` ascending, the index of each element's value among them)."""
    order = np.argsort(a, kind="stable")
    s = a[order]
    first = np.ones(len(s), dtype=bool)
    first[1:] = s[1:] != s[:-1]
    inverse = np.empty(len(a), dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return s[first], inverse


def _reach(pos: np.ndarray, n: int) -> np.ndarray:
    """A mask of the positions pos .. pos+3 (clipped to the text's last one): the four whose
    log-probabilities a replacement at pos changes (a mask, not sorted indices: no sort)."""
    mask = np.zeros(n, dtype=bool)
    mask[np.minimum(pos[:, None] + np.arange(4), n - 1)] = True
    return mask


def _fill_base(lm, ids: np.ndarray, ctx: np.ndarray, base: np.ndarray, have: np.ndarray, pos: np.ndarray) -> None:
    """Make `base` hold the log-probabilities of positions pos .. pos+3 (in place; `have` marks known ones)."""
    need = _reach(pos, len(ids))
    need &= ~have
    need = np.flatnonzero(need)
    if len(need):
        base[need] = lm.logprobs_at(ids, need, ctx)
        have[need] = True


def best_hypotheses(
    text: str, allowed: np.ndarray | None = None, prefilter: float | None = None, settings: Settings = DEFAULT
):
    """For every position worth trying: the best (intended code point, gain), as arrays
    (positions, intended code points, gains), positions ascending. The gain is the language
    model's log-likelihood gain plus CHANNEL_WEIGHT times the channel's log-probability; where
    several positions close together are likely misread, each is rescored with the others
    corrected (OCR errors come in clusters and spoil each other's context). `settings`: the
    tier's knobs (`prefilter`, when given, overrides its screen)."""
    if prefilter is None:
        prefilter = settings.prefilter
    lm = charlm.load()
    ids = lm.encode(text)
    n = len(ids)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.uint32), np.zeros(0))
    if n < 2:
        return empty
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # a loose screen first: a character goes on unless both bigrams through it are common
    # (the bigram classes of `charlm.pairs`)
    pairs = charlm.pairs()
    text_classes = pairs.classes(ids[:-1], ids[1:])
    text_pairs = text_classes != 0  # the text's bigrams the model stores (for the look-ups below)
    common = np.ones(n + 1, dtype=bool)
    common[1:n] = (text_classes == 2) | (ids[:-1] == charlm.BOS) | (ids[1:] == charlm.BOS)
    mask = _han(cps) & ~(common[:n] & common[1:]) if settings.common_screen else _han(cps)
    if allowed is not None:
        mask &= allowed
    loose = np.flatnonzero(mask)
    if not len(loose):
        return empty
    ctx = lm.context_lengths(ids)
    # then the 4-gram log-probabilities of the character and the next one
    base = np.zeros(n)
    # (and of the two after it, which a hypothesis there changes too: one look-up instead of two)
    have = _reach(loose, n)
    pair = np.flatnonzero(have)
    base[pair] = lm.logprobs_at(ids, pair, ctx, text_pairs)
    nxt = np.where(ctx[np.minimum(loose + 1, n - 1)] >= 1, base[np.minimum(loose + 1, n - 1)], 0.0)
    nxt[loose + 1 >= n] = 0.0
    cand_pos = loose[base[loose] + nxt < prefilter]
    if not len(cand_pos):
        return empty
    _fill_base(lm, ids, ctx, base, have, cand_pos)
    # the candidates: the row of each position's printed character among the kept dense rows
    # (padding: -inf), and the shortlisted ones of each
    cands = _candidate_rows(settings.max_candidates)
    row = cands.rows(cps[cand_pos])
    top = _shortlist(pairs, ids, cand_pos, cands, row, settings)
    at = top + (row * cands.k)[:, None]
    xcp, xtok, chan_lp = (a.reshape(-1).take(at) for a in (cands.xcp, cands.xtok, cands.logp))
    valid = np.isfinite(chan_lp)
    pos = np.broadcast_to(cand_pos[:, None], valid.shape)[valid]
    chan_part = settings.channel_weight * chan_lp[valid].astype(np.float64)
    if not len(pos):
        return empty
    # the two nearest changed positions for every shortlisted hypothesis, the other two only
    # for the FINALISTS best of each position so far
    # (a short text has all four scored in one look-up: a second call costs more than the rest)
    grid = np.full(valid.shape, -np.inf)
    if len(pos) <= ONE_PASS:
        near, far = _lm_gains(lm, ids, ctx, base, pos, xtok[valid], (range(2), range(2, 4)), text_pairs)
    else:
        near, far = _lm_gain(lm, ids, ctx, base, pos, xtok[valid], range(2), text_pairs), None
    grid[valid] = near + chan_part
    finalists = settings.finalists
    if grid.shape[1] > finalists:
        cut = -np.partition(-grid, finalists - 1, axis=1)[:, finalists - 1 : finalists]
        final = valid & (grid >= cut)
    else:
        final = valid
    grid[valid & ~final] = -np.inf
    if far is None:
        pos = np.broadcast_to(cand_pos[:, None], valid.shape)[final]
        grid[final] += _lm_gain(lm, ids, ctx, base, pos, xtok[final], range(2, 4), text_pairs)
    else:
        far_grid = np.zeros(valid.shape)
        far_grid[valid] = far
        grid[final] += far_grid[final]
    best = np.argmax(grid, axis=1)
    rows = np.arange(len(cand_pos))
    gain = grid[rows, best]
    ok = np.isfinite(gain)
    pos, xcp, xtok, gain = cand_pos[ok], xcp[rows, best][ok], xtok[rows, best][ok], gain[ok]
    chan_part = settings.channel_weight * chan_lp[rows, best][ok].astype(np.float64)
    return pos, xcp, _rescore_clusters(lm, ids, ctx, pos, xtok, gain, chan_part)


class _CandidateRows:
    """The channel's `k` most likely candidates of printed characters as dense rows (intended
    code points, their tokens, log-probabilities; -inf for padding and for candidates the model
    reads as a special token), each character's row derived once per process and kept (at most
    one row per character the channel knows, ~12 bytes per candidate; one shared row for the others)."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.slot = np.full(ocrchannel.BMP, -1, dtype=np.intp)  # row of each (clipped) code point
        self.size = 0
        self.empty = -1  # the row of the characters without candidates, once one was seen
        self.xcp = np.zeros((0, k), dtype=np.uint32)
        self.xtok = np.zeros((0, k), dtype=np.int32)
        self.logp = np.zeros((0, k), dtype=np.float32)

    def rows(self, printed: np.ndarray) -> np.ndarray:
        """The row of each printed code point in `xcp`, `xtok` and `logp` (derived on first sight)."""
        cps = np.minimum(printed, ocrchannel.BMP - 1)
        at = self.slot.take(cps)
        if (at < 0).any():
            self._add(_unique_inverse(cps[at < 0])[0])
            at = self.slot.take(cps)
        return at

    def of(self, printed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(intended code points, tokens, log-probabilities) [len(printed), k] of each printed code point."""
        at = self.rows(printed)
        return self.xcp[at], self.xtok[at], self.logp[at]

    def _add(self, cps: np.ndarray) -> None:
        chan = ocrchannel.channel()
        xcp, logp = chan.dense(cps, self.k)
        xtok = charlm.load()._table[np.minimum(xcp, 0xFFFF)]
        logp = np.where(xtok >= len(charlm.SPECIALS), logp, -np.inf)
        c = cps.astype(np.int64)
        known = chan.ptr[c + 1] > chan.ptr[c]
        keep = known.copy()
        first = np.flatnonzero(~known)[:1]
        if self.empty < 0 and len(first):  # the row every character without candidates shares
            keep[first] = True
        self.slot[cps[keep]] = np.arange(self.size, self.size + int(keep.sum()))
        self._append(xcp[keep], xtok[keep], logp[keep])
        if self.empty < 0 and len(first):
            self.empty = int(self.slot[cps[first[0]]])
        self.slot[cps[~known]] = self.empty

    def _append(self, xcp: np.ndarray, xtok: np.ndarray, logp: np.ndarray) -> None:
        """The rows written after the others (the capacity doubles when full)."""
        need = self.size + len(xcp)
        if need > len(self.xcp):
            cap = max(need, 2 * len(self.xcp), 64)
            for name in ("xcp", "xtok", "logp"):
                old = getattr(self, name)
                new = np.empty((cap, self.k), dtype=old.dtype)
                new[: self.size] = old[: self.size]
                setattr(self, name, new)
        self.xcp[self.size : need] = xcp
        self.xtok[self.size : need] = xtok
        self.logp[self.size : need] = logp
        self.size = need


@functools.cache
def _candidate_rows(k: int) -> _CandidateRows:
    return _CandidateRows(k)


def _rescore_clusters(lm, ids, ctx, pos, xtok, gain, chan_part) -> np.ndarray:
    """Gains of hypotheses with other likely misreadings within three characters, recomputed
    with those corrected: the text with every hypothesis of gain >= APPLY_GAIN applied, and the
    gain of each hypothesis in it = minus the gain of putting the printed character back."""
    live = gain >= APPLY_GAIN
    if live.sum() < 2:
        return gain
    lp = pos[live]
    close = np.zeros(len(pos), dtype=bool)
    near = np.concatenate(([False], np.diff(lp) <= 3))
    near |= np.concatenate((np.diff(lp) <= 3, [False]))
    close[np.flatnonzero(live)[near]] = True
    if not close.any():
        return gain
    fixed = ids.copy()
    fixed[lp] = xtok[live]
    sel = pos[close]
    base = np.zeros(len(ids))
    have = np.zeros(len(ids), dtype=bool)
    _fill_base(lm, fixed, ctx, base, have, sel)
    out = gain.copy()
    out[close] = -_lm_gain(lm, fixed, ctx, base, sel, ids[sel]) + chan_part[close]
    return out


def _shortlist(
    pairs: charlm.Pairs,
    ids: np.ndarray,
    pos: np.ndarray,
    cands: _CandidateRows,
    row: np.ndarray,
    settings: Settings = DEFAULT,
) -> np.ndarray:
    """Column indices of the `settings.shortlist` most promising candidates of each position, by a cheap
    estimate of the gain: the channel plus a cost for each of the two bigrams through the
    replacement that is not a common one. `row`: the row of each position's printed character
    in `cands`. The estimate is summed in float32, negated (the ranking's order): every term is
    a multiple of 1/8 (the channel's quantised log-probabilities, the two costs), so it holds
    the same values as in float64 with half the memory traffic."""
    n = len(ids)
    prev = ids[np.maximum(pos - 1, 0)]
    nxt = ids[np.minimum(pos + 1, n - 1)]
    # no bigram across the text's edge or a line break: no cost (class 2)
    code = _pair_codes(
        pairs,
        np.where((pos < 1) | (prev == charlm.BOS), -1, prev),
        np.where((pos + 1 >= n) | (nxt == charlm.BOS), -1, nxt),
        row,
        cands.xtok,
    )
    est = cands.logp.take(row, axis=0)
    np.negative(est, out=est)
    est += _NEG_PAIR_COST[code]
    k, size = est.shape[1], settings.shortlist
    if k <= size:
        return np.broadcast_to(np.arange(k), est.shape)
    return np.argpartition(est, size - 1, axis=1)[:, :size]


def _pair_codes(
    pairs: charlm.Pairs, before: np.ndarray, after: np.ndarray, row: np.ndarray, xtok: np.ndarray
) -> np.ndarray:
    """3 * class of (before, candidate) + class of (candidate, after) for every candidate of each
    position [positions, k] (`Pairs.classes`; -1 in `before` or `after`: no bigram, class 2;
    `xtok[row]`: the candidates of each position).
    Each side reads one row of a class table per position: (before, ...) of `pairs`, (..., after)
    of `charlm.pairs_by_second` (a few cache lines instead of one per candidate)."""
    if len(before) >= DISTINCT_PAIRS_FROM:
        code = _pair_classes(pairs, before, row, xtok, before=True) * np.uint8(3)
        code += _pair_classes(pairs, after, row, xtok, before=False)
        return code
    v = pairs.vocab
    cand = xtok.take(row, axis=0).astype(np.intp)
    left = pairs.classes_of_index(cand + (np.maximum(before, 0).astype(np.intp) * v)[:, None])
    cand += (np.maximum(after, 0).astype(np.intp) * v)[:, None]
    right = charlm.pairs_by_second().classes_of_index(cand)
    left[before < 0] = 2
    right[after < 0] = 2
    left *= np.uint8(3)
    left += right
    return left


def _pair_classes(
    pairs: charlm.Pairs, other: np.ndarray, row: np.ndarray, xtok: np.ndarray, before: bool
) -> np.ndarray:
    """The bigram classes of (other, candidate) (`before`) or (candidate, other) for every
    candidate of each position [positions, k], looked up once per distinct (other, printed)
    pair; `other` -1 means no bigram (class 2)."""
    combos, inverse = _unique_inverse(other.astype(np.int64) * len(xtok) + row)
    tok, at = np.divmod(combos, len(xtok))
    tok, cand = np.maximum(tok, 0)[:, None], xtok[at]  # (-1: no bigram, overwritten below)
    classes = pairs.classes(tok, cand) if before else charlm.pairs_by_second().classes(tok, cand)
    classes[combos < 0] = 2
    return classes[inverse]


#: the shortlist's cost of a bigram by `Pairs.classes`: not stored, stored but not common, common ...
_EDGE_COST = np.array([UNSEEN_BIGRAM, RARE_BIGRAM, 0.0], dtype=np.float32)
#: ... and of both bigrams through a replacement, by 3 * class of the left one + class of the right
#: one (each sum is exact in float32: multiples of 1/2)
_PAIR_COST = (_EDGE_COST[:, None] + _EDGE_COST[None, :]).ravel()
#: ... negated (the shortlist ranks -estimate: the same values as negating the sum)
_NEG_PAIR_COST = -_PAIR_COST


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


def _route_gain(text: str, s: int, e: int, i: int, x: str) -> float:
    """log P(best dictionary route) of the clause around i with x minus without it."""
    from zhcheck.rules.lang.lexicon import route_log_prob

    a, b = max(s, i - ROUTE_SPAN), min(e, i + ROUTE_SPAN + 1)
    before = text[a:b]
    return route_log_prob(before[: i - a] + x + before[i - a + 1 :]) - route_log_prob(before)


def _surname_swap(text: str, i: int, x: str) -> bool:
    """A surname replaced by another before two more characters: most likely a person's name
    the model does not know (a rarer surname is not a misread commoner one)."""
    from zhcheck.rules.lang.lexicon import surnames

    names = surnames()
    return text[i] in names and x in names and i + 2 < len(text) and _is_han(text[i + 1]) and _is_han(text[i + 2])


def _dictionary_word(word: str) -> bool:
    """A word of two or more characters in jieba's dictionary (not one its HMM made up)."""
    from zhcheck.rules.lang import lexicon

    return len(word) >= 2 and lexicon.word_freq(word) > 0


def _word_through(text: str, s: int, e: int, i: int) -> int:
    """The highest dictionary frequency of a word of 2-4 characters of text[s:e] that covers i (0: none)."""
    from zhcheck.rules.lang import lexicon

    best = 0
    for size in (2, 3, 4):
        for a in range(max(s, i - size + 1), min(i, e - size) + 1):
            best = max(best, lexicon.word_freq(text[a : a + size]))
    return best


def _real_word_cost(text: str, s: int, e: int, i: int, penalty: float = REAL_WORD_PENALTY) -> float:
    """The gain a hypothesis loses when the printed character is part of a dictionary word."""
    freq = _word_through(text, s, e, i)
    if freq < max(REAL_WORD_FREQ, 1):
        return 0.0
    return penalty + REAL_WORD_LOG_WEIGHT * float(np.log1p(freq))


def _parallel(text: str, i: int) -> bool:
    """Does position i sit between two copies of one Han character (互融互通, 案重案)?"""
    return 0 < i < len(text) - 1 and text[i - 1] == text[i + 1] and _is_han(text[i - 1])


def _pattern_cost(text: str, i: int) -> float:
    """The gain a hypothesis loses where the writer's own marks or patterns explain the text."""
    return QUOTED_PENALTY * quoted_term(text, i) + PARALLEL_PENALTY * _parallel(text, i)


def _transliteration(text: str, i: int) -> bool:
    window = text[max(0, i - 2) : i + 3]
    return sum(ch in TRANSLITERATION for ch in window) >= 3


def explain(
    text: str,
    i: int,
    x: str,
    gain: float,
    count: Callable[[str], int] | None = None,
    settings: Settings = DEFAULT,
) -> Misread | None:
    """Guards and the suggestion's span for one hypothesis (None when a guard vetoes it);
    `count` answers `text.count` (a document passes its occurrence index: a long text is not
    scanned again per hypothesis)."""
    if _transliteration(text, i) or _surname_swap(text, i, x):
        return None
    s, e = _clause(text, i)
    fixed = text[s:i] + x + text[i + 1 : e]
    w_new, ns, ne = _word_at(_segment(fixed, s), i)
    w_old, os_, oe = _word_at(_segment(text[s:e], s), i)
    if _is_name(w_old) and len(w_old) >= 2:
        return None
    if gain < MIN_CHAR_GAIN:  # the word evidence confirms what the characters say, never alone
        return None
    route = _route_gain(text, s, e, i, x)
    if not _dictionary_word(w_new):  # the word evidence counts for the correction only when it makes a word
        if settings.need_word:
            return None
        route = min(route, 0.0)
    gain += ROUTE_WEIGHT * route - _real_word_cost(text, s, e, i, settings.real_word_penalty) - _pattern_cost(text, i)
    start, end = min(ns, os_), max(ne, oe)
    if end - start < 2:  # a lone character: show it with its neighbours
        start, end = max(s, i - 1), min(e, i + 2)
    if end - start > 4:
        start, end = max(start, i - 1), min(end, i + 2)
    orig = text[start:end]
    if (
        settings.repeat_guard and len(orig) >= 2 and (count or text.count)(orig) >= 2
    ):  # the article prints the string again: deliberate
        return None
    sugg = orig[: i - start] + x + orig[i - start + 1 :]
    return Misread(start, end, orig, sugg, i, text[i], x, float(gain))


#: a long text is scored in windows of this many characters: `best_hypotheses` holds about
#: 1 KB of arrays per character at its peak (1 GB for a 1 M-char file in one piece)
_WINDOW = 20_000
#: each window also reads this much text on both sides, whose results are dropped: a position's
#: result depends on the text and the hypotheses within 7 characters (4-gram context, clusters)
_MARGIN = 32


def _windowed_hypotheses(
    text: str, allowed: np.ndarray, floor: float | None = None, settings: Settings = DEFAULT
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`best_hypotheses(text, allowed)`, computed window by window (the same arrays), without
    the hypotheses whose gain is below `floor` when one is given (a long text holds about one
    per 16 characters, of which the explained ones are a few per cent)."""
    n = len(text)
    if n <= _WINDOW + 2 * _MARGIN:
        pos, xcp, gain = best_hypotheses(text, allowed, settings=settings)
        if floor is None:
            return pos, xcp, gain
        keep = gain >= floor
        return pos[keep], xcp[keep], gain[keep]
    parts = []
    for a in range(0, n, _WINDOW):
        b = min(n, a + _WINDOW)
        lo, hi = max(0, a - _MARGIN), min(n, b + _MARGIN)
        pos, xcp, gain = best_hypotheses(text[lo:hi], allowed[lo:hi], settings=settings)
        keep = (pos >= a - lo) & (pos < b - lo)
        if floor is not None:
            keep &= gain >= floor
        parts.append((pos[keep] + lo, xcp[keep], gain[keep]))
    pos, xcp, gain = (np.concatenate(column) for column in zip(*parts, strict=True))
    return pos, xcp, gain


def _document_evidence(
    found: list[Misread], n: int, bonus: float = DOC_BONUS, evidence: list[Misread] | None = None
) -> list[Misread]:
    """Misreadings come from a page OCR read badly: where the same document holds other likely
    ones (at least DOC_DENSITY per 1,000 characters besides itself, DOC_MIN_OTHERS in all),
    each gets `bonus` (DOC_BONUS) more gain (a higher prior rate of misreading for that document).
    The likely ones are counted in `evidence` (by default `found` itself)."""
    if not bonus or not found:
        return found
    likely = {m.pos for m in (found if evidence is None else evidence) if m.gain >= DOC_LIKELY}
    out = []
    for m in found:
        others = len(likely) - (m.pos in likely)
        if others >= DOC_MIN_OTHERS and others * 1000 / max(n, 1) >= DOC_DENSITY:
            m = replace(m, gain=m.gain + bonus)
        out.append(m)
    return out


def misreads(doc: Document, min_gain: float = FLOOR, settings: Settings = DEFAULT) -> list[Misread]:
    """The likely misreadings of a document whose gain is at least `min_gain`, by position (as
    the tier of `settings` scores them; at least `settings.floor`)."""

    def compute() -> list[Misread]:
        found = _hypotheses_explained(doc, settings)
        evidence = _hypotheses_explained(doc, DEFAULT) if settings.default_evidence else found
        return _document_evidence(found, len(doc.text), settings.doc_bonus, evidence)

    found = doc.memo(("ocr-misreads", settings), compute)
    return [m for m in found if m.gain >= min_gain]


def _damaged(doc: Document) -> bool:
    """Does the default tier find likely misreadings enough in `doc` for each of them to have
    the others' document bonus (a page OCR read badly)?"""
    others = sum(m.gain >= DOC_LIKELY for m in _hypotheses_explained(doc, DEFAULT)) - 1
    return others >= DOC_MIN_OTHERS and others * 1000 / max(len(doc.text), 1) >= DOC_DENSITY


def _hypotheses_explained(doc: Document, settings: Settings) -> list[Misread]:
    """The misreadings of a document at gain >= `settings.floor` before the document's evidence,
    one per span (the best where spans overlap), by position."""

    def compute() -> list[Misread]:
        text = doc.text
        # only hypotheses that may reach the floor with the word evidence are explained: the
        # rest never become Python objects (half a million of them on 8.5 M characters)
        floor = settings.floor
        pos, xcp, gain = _windowed_hypotheses(text, _allowed(doc, len(text)), floor - ROUTE_SLACK, settings)
        guards = settings
        if not settings.repeat_guard_damaged and _damaged(doc):
            guards = replace(settings, repeat_guard=False)
        best: dict[int, Misread | None] = {}
        for i, x, g in zip(pos.tolist(), xcp.tolist(), gain.tolist(), strict=True):
            m = explain(text, i, chr(x), g, doc.count, guards)
            if m is not None and m.gain >= floor and (best.get(i) is None or m.gain > best[i].gain):
                best[i] = m
            elif i not in best:
                best[i] = None
        out: list[Misread] = []
        for m in best.values():
            if m is None:
                continue
            if out and m.start < out[-1].end:  # one error makes its neighbours unlikely too: keep the best
                if m.gain > out[-1].gain:
                    out[-1] = m
                continue
            out.append(m)
        return out

    return doc.memo(("ocr-misreads-explained", settings), compute)
