"""The built-in rules: the language kit (`zhcheck.rules.lang`) and one package per defect family.

zhcheck's engine finds this package through the `zhcheck.rules` entry point;
importing it imports every family, whose `__init__` registers its rules.
A new family is one new package here, listed in FAMILIES.
"""

from __future__ import annotations

import importlib

#: the defect families, in the order their rules are documented
FAMILIES = ("duplicate", "garbled", "ocr", "layout", "typography")

#: installed packages whose data files change the findings (the result cache keys on them)
DATA_PACKAGES = ("opencc", "ftfy", "charset_normalizer")

importlib.import_module(f"{__name__}.lang.paragraphs")  # registers the paragraph classifier
for _family in FAMILIES:
    importlib.import_module(f"{__name__}.{_family}")
