"""The seed fixture: skipped, with the reason, only where the shared folder is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pagefiles import SEED


@pytest.fixture
def seed_path() -> Path:
    if not SEED.parent.is_dir():
        pytest.skip(f"the shared seed folder {SEED.parent} is absent on this machine")
    return SEED
