"""Rebuild `rules/data/standard_converted.txt`: standard characters that OpenCC still converts.

    python tools/build_standard_chars.py [--unihan /usr/share/unicode]   # apt-get install unicode-data

The 通用规范汉字表 (Table of General Standard Chinese Characters, 2013) keeps a few
characters that the old variant lists had merged into others (昇 and 陞 for names, 於 as a
surname, 乾 of 乾坤, 徵 of 宫商角徵羽, 谿 and 釐 in names): they are standard, yet OpenCC's
t2s table converts them (昇 -> 升). O102 reads such a character as a writer's choice unless
the text around it shows a traditional source (`rules/ocr/variants.py`).

Sources: Unicode's Unihan database, field `kTGH` (the character's place in the 2013 table;
file `Unihan_OtherMappings.txt`, shipped bzip2-compressed by Debian's `unicode-data`;
Unicode License v3), and the character table of the installed OpenCC (Apache-2.0) as the
lexicon reads it (`zhcheck.rules.lang.lexicon.t2s_table`).
"""

from __future__ import annotations

import argparse
import bz2
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rules" / "data" / "standard_converted.txt"
HEADER = (
    "# Characters of the 2013 Table of General Standard Chinese Characters (Unihan kTGH)\n"
    "# that OpenCC's t2s table converts; rebuilt by tools/build_standard_chars.py\n"
)


def tgh_chars(unihan: Path) -> set[str]:
    """The characters that Unihan gives a kTGH (2013 table) position."""
    plain, packed = unihan / "Unihan_OtherMappings.txt", unihan / "Unihan_OtherMappings.txt.bz2"
    text = plain.read_text("utf-8") if plain.exists() else bz2.decompress(packed.read_bytes()).decode("utf-8")
    out = set()
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[1] == "kTGH":
            out.add(chr(int(fields[0][2:], 16)))
    return out


def build(unihan: Path) -> str:
    from zhcheck.rules.lang.lexicon import t2s_table

    table = t2s_table()
    chars = sorted(c for c in tgh_chars(unihan) if c in table)
    return HEADER + "".join(chars) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--unihan", type=Path, default=Path("/usr/share/unicode"), help="folder of the Unihan files")
    ap.add_argument("--check", action="store_true", help="compare a rebuild with the shipped file")
    args = ap.parse_args()
    text = build(args.unihan)
    if args.check:
        raise SystemExit(0 if OUT.read_text("utf-8") == text else "standard_converted.txt differs from a rebuild")
    OUT.write_text(text, "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(text.splitlines()[-1])} characters")


if __name__ == "__main__":
    main()
