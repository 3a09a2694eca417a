"""jieba's segmentation algorithm over a memory-mapped dictionary.

`jieba.initialize()` unmarshals a 500,000-entry Python dict (about 1 s of CPU)
and `import jieba` pulls in pkg_resources; both dominate a linter's cold
start. This module runs jieba's exact algorithm (prefix DAG, max-probability
route, HMM Viterbi for runs of unknown single characters) over the same data,
stored in a marisa-trie (word -> id) plus arrays of frequencies and
log-probabilities. Loading that takes milliseconds; the output is identical to
`jieba.lcut(text)` (the tests compare them over the whole corpus).

The index ships with the engine in `data/segmenter/` (`save_index` writes it,
`load` reads it; `tools/build_jieba_data.py` builds it from jieba 0.42.1's
`dict.txt` and `jieba.finalseg`'s HMM tables, MIT): jieba itself is no run-time
dependency and nothing is built on the first run.

Cutting itself goes through `rjieba` (jieba-rs, compiled; about 15x faster) when it
is installed, made to cut exactly like jieba: jieba-rs keeps an unknown run such as
`2021-2025` or `2.9L` whole where jieba splits it (`_split_ascii` splits it back),
and it reads more code points as Chinese and breaks exact HMM ties differently, so
text with a character outside jieba's range U+4E00..U+9FD5 (CJK extensions,
compatibility ideographs), with a lone surrogate (rjieba takes UTF-8 only) or with
a character tripled or a pair doubled (`技技技`, `红人红人`: ties need repeated
characters, and these are the forms they take in practice) is cut by the Python
code above. `word_freq`, `log_prob` and the dictionary
stay on the memory-mapped index. Without rjieba everything runs in Python. Importing
rjieba loads its dictionary (about 0.15 s, what the Python code needs for ~50,000
characters): a process uses it only once it has cut that much text (`PYTHON_BUDGET`),
so checking one article starts as fast as before.
"""

from __future__ import annotations

import array
import functools
import json
import math
import mmap
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import marisa_trie

from zhcheck.lazyre import lazy

#: the shipped index (`save_index` / `load`)
DATA_DIR = Path(__file__).resolve().parent / "data" / "segmenter"
_FORMAT = 3
_HMM_STATES = "BMES"
_MIN_FLOAT = -3.14e100
_PREV_STATUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}

# jieba's block splitters (jieba/__init__.py and jieba/finalseg/__init__.py)
_RE_HAN = lazy("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = lazy("(\r\n|\\s)", re.U)
_RE_HAN_HMM = lazy("([\u4e00-\u9fd5]+)")
_RE_SKIP_HMM = lazy(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_RE_ENG1 = lazy("[a-zA-Z0-9]")
_RE_ALL_HAN = lazy("[\u4e00-\u9fd5]+")
#: characters no dictionary key holds and marisa-trie cannot take (NUL, lone surrogates)
UNSTORABLE = lazy("[\x00\ud800-\udfff]")

# text rjieba would cut differently from jieba (module docstring)
_RE_NOT_FOR_RJIEBA = lazy(
    "[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"  # read as Chinese by jieba-rs only
    "|[\ud800-\udfff]"  # lone surrogates (undecodable bytes): no UTF-8 for rjieba
    "|([\u4e00-\u9fd5])\\1\\1|([\u4e00-\u9fd5]{2})\\2"  # repeats, where HMM ties arise
)
# a Latin letter or digit next to one of + # & . _ % - : where jieba's HMM step may split a run
_RE_ASCII_MIXED = lazy("[a-zA-Z0-9][+#&\\._%\\-]|[+#&\\._%\\-][a-zA-Z0-9]")
USE_RJIEBA = os.environ.get("ZHCHECK_PURE_SEGMENTER", "") in ("", "0")
#: word_freq answers remembered (then forgotten at once: a bound on memory)
_MEMO_SIZE = 1 << 18
#: characters cut in Python before rjieba is loaded (importing it, which loads its dictionary
#: once, costs about as much as cutting these in Python: ~0.15 s)
PYTHON_BUDGET = 50_000
_RJIEBA_INSTANCES: dict[frozenset[tuple[str, int]], Any] = {}


def _rjieba_instance(rjieba: Any, user: frozenset[tuple[str, int]]) -> Any:
    """An rjieba instance with jieba's dictionary (jieba-rs ships its dict.txt; the tests
    compare) and these user terms. Without user terms it is the instance rjieba builds
    when it is imported (`rjieba.cut` cuts with it), which nothing here ever adds a word
    to: building a second one would load the same dictionary again (~0.1 s)."""
    default = getattr(rjieba, "_DEFAULT_JIEBA", None)
    if not user and default is not None:
        return default
    inst = rjieba.Jieba()
    for w, f in sorted(user):
        inst.add_word(w, f, None)
    return inst


class _FreqMemo(dict):
    """word -> frequency, filled on a miss (and emptied at _MEMO_SIZE words: a bound on memory)."""

    def __init__(self, seg: Segmenter) -> None:
        super().__init__()
        self.seg = seg

    def __missing__(self, word: str) -> int:
        f = self.seg._lookup_freq(word)
        if len(self) >= _MEMO_SIZE:
            self.clear()
        self[word] = f
        return f


class Segmenter:
    """jieba-compatible word segmenter (precise mode, HMM on)."""

    def __init__(
        self,
        trie: marisa_trie.Trie,
        freq: array.array | memoryview,
        logp: array.array | memoryview,
        total: int,
        max_len: int,
        hmm: tuple,
    ) -> None:
        self.trie = trie
        self.freq = freq
        self.total = total
        self.log_total = math.log(total)
        self.max_len = max_len
        self.start_p, self.trans_p, self.emit_p = hmm
        self._logp = logp  # log(freq) - log(total) per word id
        self._unknown = -self.log_total  # log(1) - log(total), as jieba does
        self.user: dict[str, int] = {}
        self._user_by_first: dict[str, list[str]] = {}
        self._rjieba: Any = None  # rjieba.Jieba with this segmenter's user terms; False: not installed
        self._python_chars = 0  # characters cut in Python so far (PYTHON_BUDGET)
        # word_freq answers (the rules ask about the same words again and again): a known
        # word is answered by the dict itself, without running any Python code
        self._freq_memo = _FreqMemo(self)
        #: Dictionary frequency of a word (0 when unknown).
        self.word_freq: Callable[[str], int] = self._freq_memo.__getitem__

    # dictionary ------------------------------------------------------------------
    def _lookup_freq(self, word: str) -> int:
        if word in self.user:
            return self.user[word]
        if not word or UNSTORABLE.search(word):
            return 0  # NUL or a lone surrogate: no dictionary word
        i = self.trie.get(word)
        return self.freq[i] if i is not None else 0

    def dictionary(self) -> Iterator[tuple[str, int]]:
        """(word, frequency) of every word of the dictionary itself (user terms left out), in trie order."""
        freq = self.freq
        for w, i in self.trie.iteritems():
            yield w, freq[i]

    def add_word(self, word: str, freq: int) -> None:
        """Add a user term (kept whole by the segmenter)."""
        if word in self.user or not word:
            return
        self.user[word] = freq
        self._rjieba = None
        self._freq_memo.clear()
        self.max_len = max(self.max_len, len(word))
        self._user_by_first.setdefault(word[0], []).append(word)

    def set_user_words(self, words: dict[str, int]) -> None:
        """Replace all user terms (term -> frequency); an empty mapping removes them."""
        self.user = {}
        self._user_by_first = {}
        self._rjieba = None
        self._freq_memo.clear()
        for w, f in words.items():
            self.add_word(w, f)

    # segmentation ------------------------------------------------------------------
    def cut(self, text: str, hmm: bool = True) -> Iterator[str]:
        """Segment like `jieba.cut(text, HMM=hmm)` (precise mode; `hmm=False`: dictionary words only)."""
        for blk in _RE_HAN.split(text):
            if not blk:
                continue
            if _RE_HAN.match(blk):
                yield from self._cut_dag(blk, hmm)
            else:
                for x in _RE_SKIP.split(blk):
                    if _RE_SKIP.match(x):
                        yield x
                    else:
                        yield from x

    def lcut(self, text: str, hmm: bool = True) -> list[str]:
        """`list(self.cut(text, hmm))`, computed by rjieba where it cuts the same way."""
        if UNSTORABLE.search(text):  # cut as if they were U+FFFD (no word), keep the characters
            words = self.lcut(UNSTORABLE.sub("\ufffd", text), hmm)
            out, pos = [], 0
            for w in words:
                out.append(text[pos : pos + len(w)])
                pos += len(w)
            return out
        if self._python_chars < PYTHON_BUDGET:
            self._python_chars += len(text)
        elif USE_RJIEBA and not _RE_NOT_FOR_RJIEBA.search(text):
            compiled = self._compiled()
            if compiled:
                words = compiled.cut(text, hmm)
                return self._split_ascii(words) if hmm and _RE_ASCII_MIXED.search(text) else words
        return list(self.cut(text, hmm))

    def warm(self) -> None:
        """Load rjieba now instead of after `PYTHON_BUDGET` characters (long runs, benchmarks)."""
        self._python_chars = max(self._python_chars, PYTHON_BUDGET)
        if USE_RJIEBA:
            self._compiled()

    def _compiled(self) -> Any:
        """The rjieba instance holding this segmenter's user terms (False without rjieba)."""
        if self._rjieba is None:
            key = frozenset((w, f) for w, f in self.user.items() if self.trie.get(w) is None)
            inst = _RJIEBA_INSTANCES.get(key)
            if inst is None:
                try:
                    import rjieba
                except ImportError:
                    inst = False
                else:
                    inst = _rjieba_instance(rjieba, key)
                if len(_RJIEBA_INSTANCES) >= 4:
                    _RJIEBA_INSTANCES.clear()
                _RJIEBA_INSTANCES[key] = inst
            self._rjieba = inst
        return self._rjieba

    def _split_ascii(self, words: list[str]) -> list[str]:
        """Split unknown Latin/digit runs the way jieba's HMM step does (`2021-2025` -> 2021 - 2025)."""
        out: list[str] = []
        for w in words:
            if len(w) > 1 and w.isascii() and not w.isalnum() and not self.word_freq(w):
                out.extend(x for x in _RE_SKIP_HMM.split(w) if x)
            else:
                out.append(w)
        return out

    def log_prob(self, text: str) -> float:
        """Log-probability of the best dictionary route through `text` (jieba's `route[0][0]`).

        Once rjieba is in use, a run of Han characters is cut by it without the HMM (the
        best route itself) and the route's words are scored here: the same sum as the
        route's score, many times faster than the dynamic programme in Python."""
        if not text:
            return 0.0
        if UNSTORABLE.search(text):
            text = UNSTORABLE.sub("\ufffd", text)  # a character that starts no word, like them
        if self._python_chars >= PYTHON_BUDGET and USE_RJIEBA and _RE_ALL_HAN.fullmatch(text):
            compiled = self._compiled()
            if compiled:
                return sum(map(self._word_log_prob, compiled.cut(text, False)))
        return self._best(text)[0][0]

    def _word_log_prob(self, word: str) -> float:
        """A route word's log-probability: a user term's, a dictionary word's, or (for a
        character no entry starts with) jieba's log(1) - log(total)."""
        i = self.trie.get(word)
        if i is not None:
            return self._logp[i]
        return self._user_log_prob(word) if word in self.user else self._unknown

    def _user_log_prob(self, word: str) -> float:
        return math.log(self.user[word]) - self.log_total

    def _route(self, s: str) -> list[int]:
        return self._best(s)[1]

    def _best(self, s: str) -> tuple[list[float], list[int]]:
        """Best route scores and next-word ends from each position (jieba's `get_DAG` + `calc`).

        One backward pass: the dictionary words starting at position k (the DAG row)
        are enumerated with the trie and scored at once, since the route only needs
        scores of later positions. Ties go to the longer word, as in jieba's `max`.
        """
        n = len(s)
        score = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        prefixes, logp, max_len, unknown = self.trie.iter_prefixes_with_ids, self._logp, self.max_len, self._unknown
        user = self._user_by_first
        for k in range(n - 1, -1, -1):
            best_v = unknown + score[k + 1]  # a character that starts no word
            best_x = k
            found = False
            for w, i in prefixes(s[k : k + max_len]):
                x = k + len(w) - 1
                v = logp[i] + score[x + 1]
                if not found or v >= best_v:
                    best_v, best_x, found = v, x, True
            if user and s[k] in user:
                for w in user[s[k]]:
                    if s.startswith(w, k) and self.trie.get(w) is None:
                        x = k + len(w) - 1
                        v = self._user_log_prob(w) + score[x + 1]
                        if not found or v > best_v or (v == best_v and x > best_x):
                            best_v, best_x, found = v, x, True
            score[k] = best_v
            nxt[k] = best_x
        return score, nxt

    def _cut_dag(self, s: str, hmm: bool = True) -> Iterator[str]:
        nxt = self._route(s)
        x, n, buf = 0, len(s), ""
        while x < n:
            y = nxt[x] + 1
            word = s[x:y]
            # single characters are collected: for the HMM, or (without it) runs of Latin letters and digits
            if y - x == 1 and (hmm or _RE_ENG1.match(word)):
                buf += word
            else:
                if buf:
                    yield from self._flush(buf) if hmm else (buf,)
                    buf = ""
                yield word
            x = y
        if buf:
            yield from self._flush(buf) if hmm else (buf,)

    def _flush(self, buf: str) -> Iterator[str]:
        if len(buf) == 1:
            yield buf
        elif not self.word_freq(buf):
            yield from self._hmm_cut(buf)
        else:
            yield from buf

    # HMM for unknown words (jieba.finalseg) -----------------------------------------
    def _hmm_cut(self, text: str) -> Iterator[str]:
        for blk in _RE_HAN_HMM.split(text):
            if _RE_HAN_HMM.match(blk):
                yield from self._viterbi_cut(blk)
            else:
                for x in _RE_SKIP_HMM.split(blk):
                    if x:
                        yield x

    def _viterbi_cut(self, s: str) -> Iterator[str]:
        pos = self._viterbi(s)
        begin = nexti = 0
        for i, ch in enumerate(s):
            p = pos[i]
            if p == "B":
                begin = i
            elif p == "E":
                yield s[begin : i + 1]
                nexti = i + 1
            elif p == "S":
                yield ch
                nexti = i + 1
        if nexti < len(s):
            yield s[nexti:]

    def _viterbi(self, obs: str) -> list[str]:
        start_p, trans_p, emit_p = self.start_p, self.trans_p, self.emit_p
        v = [{y: start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT) for y in "BMES"}]
        path = {y: [y] for y in "BMES"}
        for t in range(1, len(obs)):
            prev = v[-1]
            cur: dict[str, float] = {}
            newpath: dict[str, list[str]] = {}
            for y in "BMES":
                em = emit_p[y].get(obs[t], _MIN_FLOAT)
                prob, state = max((prev[y0] + trans_p[y0].get(y, _MIN_FLOAT) + em, y0) for y0 in _PREV_STATUS[y])
                cur[y] = prob
                newpath[y] = path[state] + [y]
            v.append(cur)
            path = newpath
        _, state = max((v[-1][y], y) for y in "ES")
        return path[state]


# --- the shipped index ------------------------------------------------------------------
# meta.json: format, source, total, max_len, word count, HMM start/transition log-probabilities
# and the characters of each state's emission table; words.marisa: marisa Trie (word -> id);
# freq.u32 / logp.f64: frequency and log(freq) - log(total) per word id; emit.f64: the emission
# log-probabilities of states B, M, E, S in that order. Arrays are little-endian.


def index_files(data_dir: Path = DATA_DIR) -> tuple[Path, ...]:
    """The files of the index (what a cache derived from the dictionary is keyed on)."""
    return tuple(data_dir / name for name in ("meta.json", "words.marisa", "freq.u32", "logp.f64", "emit.f64"))


def save_index(words: dict[str, int], total: int, hmm: tuple, out_dir: Path, source: str) -> None:
    """Write the index of a dictionary (word -> frequency; `total`: the sum over all its lines,
    as jieba counts it) and HMM tables (start, transition, emission log-probabilities)."""
    trie = marisa_trie.Trie(list(words))
    log_total = math.log(total)
    freq = array.array("I", [0]) * len(trie)
    logp = array.array("d", [0.0]) * len(trie)
    for w, f in words.items():
        i = trie.key_id(w)
        freq[i] = f
        logp[i] = math.log(f) - log_total if f else 0.0
    start_p, trans_p, emit_p = hmm
    emit = array.array("d", (p for y in _HMM_STATES for p in emit_p.get(y, {}).values()))
    meta = {
        "format": _FORMAT,
        "source": source,
        "total": total,
        "max_len": max(len(w) for w in words),
        "words": len(trie),
        "start": start_p,
        "trans": trans_p,
        "emit_chars": {y: "".join(emit_p.get(y, {})) for y in _HMM_STATES},
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    trie.save(str(out_dir / "words.marisa"))
    for name, arr in (("freq.u32", freq), ("logp.f64", logp), ("emit.f64", emit)):
        if sys.byteorder != "little":  # pragma: no cover
            arr.byteswap()
        (out_dir / name).write_bytes(arr.tobytes())
    text = json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True)
    (out_dir / "meta.json").write_text(text + "\n", encoding="utf-8")


def _read_array(code: str, path: Path) -> array.array:
    arr = array.array(code)
    arr.frombytes(path.read_bytes())
    if sys.byteorder != "little":  # pragma: no cover
        arr.byteswap()
    return arr


def _mapped_array(code: str, path: Path) -> array.array | memoryview:
    """The little-endian array in `path`, memory-mapped read-only where the machine is
    little-endian (a check reads a few thousand of its 350,000 entries: reading both
    tables whole took 10-20 ms of a start), else read and swapped."""
    if sys.byteorder != "little" or not path.stat().st_size:  # pragma: no cover
        return _read_array(code, path)
    with open(path, "rb") as fh:
        return memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)).cast(code)


def load(data_dir: Path = DATA_DIR) -> Segmenter:
    """Load the index (shipped in `data/segmenter/`, or written by `save_index` into `data_dir`)."""
    meta = json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != _FORMAT:
        raise RuntimeError(f"segmenter index {data_dir} has format {meta.get('format')}, expected {_FORMAT}")
    trie = marisa_trie.Trie()
    trie.mmap(str(data_dir / "words.marisa"))
    freq = _mapped_array("I", data_dir / "freq.u32")
    logp = _mapped_array("d", data_dir / "logp.f64")
    emit = _read_array("d", data_dir / "emit.f64").tolist()
    emit_p, at = {}, 0
    for y in _HMM_STATES:
        chars = meta["emit_chars"][y]
        emit_p[y] = dict(zip(chars, emit[at : at + len(chars)], strict=True))
        at += len(chars)
    hmm = (meta["start"], meta["trans"], emit_p)
    return Segmenter(trie, freq, logp, meta["total"], meta["max_len"], hmm)


# --- the process-wide segmenter --------------------------------------------------------


@functools.cache
def segmenter() -> Segmenter:
    """The process-wide jieba-compatible segmenter (the shipped, memory-mapped index)."""
    return load()


def segment(text: str) -> list[str]:
    """Segment `text` exactly as `jieba.lcut(text)` does (dictionary + HMM)."""
    return segmenter().lcut(text)


def set_user_words(words: frozenset[str]) -> None:
    """Make the segmenter keep exactly these user terms whole (replacing earlier ones).

    Unknown terms get a modest frequency; terms the dictionary knows are left as they are.
    """
    seg = segmenter()
    seg.set_user_words({})
    seg.set_user_words({w: max(10, len(w) * 100) for w in sorted(words) if seg.word_freq(w) == 0})
