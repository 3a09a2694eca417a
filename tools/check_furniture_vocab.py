#!/usr/bin/env python3
"""Check that every term of rules/data/page_furniture.toml is attested in public page templates.

The vocabulary of rule G206 is collected from the templates of Chinese web sites, never from
the sample or evaluation articles. This script reads checkouts of the template sources named in
tools/README.md ("Page furniture vocabulary"), each given as NAME=DIR, and prints for every
term the sources whose template, language or page files contain it. Terms no source contains
are listed at the end; the exit status is 1 when there are any.

    python tools/check_furniture_vocab.py dedecms=/path/DedeCMS discuz=/path/DiscuzX \\
        wechat=/path/wechat-article-exporter gne=/path/GeneralNewsExtractor
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
VOCAB = ROOT / "rules" / "data" / "page_furniture.toml"
#: files that hold a page's visible text: templates, language packs, saved pages, scripts
SUFFIXES = (".htm", ".html", ".tpl", ".php", ".vue", ".ts", ".js", ".md", ".txt", ".json", ".xml", ".lang")


def _read(path: str) -> str:
    data = Path(path).read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def corpus_of(directory: str) -> str:
    """All template text under `directory` (one string; files over 2 MB skipped)."""
    parts = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
        for name in files:
            path = os.path.join(root, name)
            if name.lower().endswith(SUFFIXES) and os.path.getsize(path) <= 2_000_000:
                parts.append(_read(path))
    return "\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", metavar="NAME=DIR")
    ap.add_argument("--quiet", action="store_true", help="only the unattested terms")
    args = ap.parse_args()
    texts = {}
    for spec in args.sources:
        name, _, directory = spec.partition("=")
        texts[name] = corpus_of(directory)
    with open(VOCAB, "rb") as fh:
        vocab = tomllib.load(fh)
    missing = []
    for section in ("terms", "labels"):
        for group, terms in vocab[section].items():
            for term in terms:
                found = [name for name, text in texts.items() if term in text]
                if not args.quiet:
                    print(f"{section}.{group}\t{term}\t{','.join(found) or '-'}")
                if not found:
                    missing.append(f"{section}.{group}: {term}")
    if missing:
        print(f"\n{len(missing)} terms attested in no source:", *missing, sep="\n  ")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
