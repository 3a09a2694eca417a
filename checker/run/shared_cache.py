"""The result cache in a shared location: an fsspec URL every worker of a cluster reaches.

Entries are keyed exactly as the local cache keys them (`cache.entry_key`: content, path,
effective config, code and data fingerprint) and laid out the same way
(`v<FORMAT>/<key[:2]>/<key[2:]>`), so a rerun over an archive checks only the files
that changed, whichever worker gets them. A local directory is the local `ResultCache`
itself. As there, entries are sealed with the format version and a checksum, an unreadable
or corrupt entry is a miss and a failed write is ignored; an entry
is written to a temporary name and moved into place (object stores write whole objects).
"""

from __future__ import annotations

import contextlib
import pickle
import uuid
from typing import Any

from zhcheck.run.cache import FORMAT, ResultCache, seal, unseal
from zhcheck.run.sources import is_url


class SharedResultCache:
    """Cached file results under an fsspec URL (`s3://bucket/zhcheck-cache`)."""

    def __init__(self, url: str) -> None:
        import fsspec

        self.url = url.rstrip("/")
        self.fs, self.root = fsspec.core.url_to_fs(self.url)

    @property
    def directory(self) -> str:
        return self.url

    def _path(self, key: str) -> str:
        return f"{self.root}/v{FORMAT}/{key[:2]}/{key[2:]}"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored entry for `key`, or None (missing or unreadable)."""
        try:
            with self.fs.open(self._path(key), "rb") as fh:
                payload = unseal(fh.read())
            if payload is None:  # torn, bit-flipped or of another format: a miss, rewritten
                return None
            entry = pickle.loads(payload)
        except Exception:  # missing, torn, foreign or unreachable: a miss, never an error
            return None
        return entry if isinstance(entry, dict) and entry.get("key") == key else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store an entry; failures to write are ignored (the run goes on uncached)."""
        target = self._path(key)
        tmp = f"{target}.tmp-{uuid.uuid4().hex}"
        try:
            self.fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
            with self.fs.open(tmp, "wb") as fh:
                fh.write(seal(pickle.dumps({**entry, "key": key}, protocol=pickle.HIGHEST_PROTOCOL)))
            self.fs.mv(tmp, target)
        except Exception:
            with contextlib.suppress(Exception):
                self.fs.rm(tmp)
            return


def open_cache(location: str) -> ResultCache | SharedResultCache:
    """The cache at `location`: a URL (shared by a cluster's workers) or a local directory."""
    return SharedResultCache(location) if is_url(location) else ResultCache(location)
