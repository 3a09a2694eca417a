"""Derived arrays saved in the dictionary cache and memory-mapped afterwards."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from zhcheck.rules.lang.arraycache import cached_arrays


def test_built_once_then_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "table.bin"
    source.write_bytes(b"x")
    calls = []

    def build() -> tuple[np.ndarray, np.ndarray]:
        calls.append(1)
        return np.arange(5, dtype=np.int64), np.array([1.5, 2.5], dtype=np.float32)

    first = cached_arrays("t", source, ("a", "b"), build)
    again = cached_arrays("t", source, ("a", "b"), build)
    assert len(calls) == 1
    for x, y in zip(first, again, strict=True):
        assert np.array_equal(x, y) and x.dtype == y.dtype
    assert not again[0].flags.writeable  # memory-mapped read-only
    # a torn cache file is rebuilt
    (npy,) = (tmp_path / "cache" / "zhcheck").glob("t-*.a.npy")
    npy.write_bytes(npy.read_bytes()[:20])
    assert np.array_equal(cached_arrays("t", source, ("a", "b"), build)[0], np.arange(5)) and len(calls) == 2
    # a changed source is rebuilt
    source.write_bytes(b"xy")
    os.utime(source, ns=(1, 1))
    cached_arrays("t", source, ("a", "b"), build)
    assert len(calls) == 3


def test_no_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # cannot hold a directory
    source = tmp_path / "table.bin"
    source.write_bytes(b"x")
    out = cached_arrays("t", source, ("a",), lambda: (np.arange(3),))
    assert out[0].tolist() == [0, 1, 2]
