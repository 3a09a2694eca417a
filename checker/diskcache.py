"""The per-user cache directory where derived indexes (dictionary tries, tables) live."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Per-user cache directory for derived indexes (`$XDG_CACHE_HOME/zhcheck`)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "zhcheck"
    path.mkdir(parents=True, exist_ok=True)
    return path
