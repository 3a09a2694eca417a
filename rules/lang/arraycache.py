"""Arrays derived from a shipped data file, kept uncompressed in the dictionary cache.

Several tables ship compressed (`.npz`, zlib) and need some arithmetic after reading:
50-100 ms of a cold start each time. The arrays they end up as are saved once under
`cache_dir()` as `.npy` files, keyed by the source file's size and modification time,
and memory-mapped afterwards (read-only, in well under a millisecond). The cache name
carries a version: bump it when the code deriving the arrays changes.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import numpy as np

from zhcheck.diskcache import cache_dir
from zhcheck.files import write_atomic


def cached_arrays(
    name: str, source: Path, names: tuple[str, ...], build: Callable[[], tuple[np.ndarray, ...]]
) -> tuple[np.ndarray, ...]:
    """`build()` (one array per entry of `names`), saved under `cache_dir()` and
    memory-mapped while `source` is unchanged. The arrays returned are read-only."""
    try:
        st = source.stat()
        stem = cache_dir() / f"{name}-{st.st_size}-{st.st_mtime_ns}"
    except OSError:
        return build()
    paths = [stem.with_name(f"{stem.name}.{part}.npy") for part in names]
    with contextlib.suppress(Exception):  # missing or torn: build again
        # plain ndarray views of the maps: every operation on an `np.memmap` goes through its
        # Python-level __getitem__/__array_finalize__ (a tenth of O106's time on short articles)
        return tuple(np.load(p, mmap_mode="r", allow_pickle=False).view(np.ndarray) for p in paths)
    arrays = build()
    with contextlib.suppress(OSError):
        for path, arr in zip(paths, arrays, strict=True):
            buf = io.BytesIO()
            np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
            write_atomic(path, buf.getvalue())
    return arrays
