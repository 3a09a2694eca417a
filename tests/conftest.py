"""Shared fixtures: corpus locations and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
CLEAN = ROOT / "corpus" / "clean"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def seed(prefix: str) -> Path:
    """The seed article whose file name starts with `prefix` (e.g. "001")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path
