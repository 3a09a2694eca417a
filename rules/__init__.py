"""The knowledge: one module per defect family, each registering its rules.

Importing this package imports every public module in it, so a new family is
one new module here (plus its data in `rules/data/`).
"""

from __future__ import annotations

import importlib
import pkgutil

for _mod in pkgutil.iter_modules(__path__):
    if not _mod.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_mod.name}")
