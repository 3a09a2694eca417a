"""Where the language kit's data lives: `rules/data/` and the installed pycorrector's data."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

#: the data files shipped with the rules
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def rules_data(name: str) -> Path:
    """Path of a data file shipped in `rules/data/`."""
    return DATA_DIR / name


@functools.cache
def pycorrector_data_dir() -> Path:
    """Directory of pycorrector's bundled data files (without importing it)."""
    spec = importlib.util.find_spec("pycorrector")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pycorrector is not installed (pip install pycorrector)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def pycorrector_data(name: str) -> Path:
    """Path of one pycorrector data file, e.g. `same_stroke.txt`."""
    path = pycorrector_data_dir() / name
    if not path.exists():
        raise RuntimeError(f"pycorrector data file missing: {path}")
    return path
