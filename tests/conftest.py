"""Shared test set-up: Qt offscreen before anything imports it, a fresh store per test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SSPCLERK_DB", None)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for a child ``python -m sspclerk`` that imports this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("SSPCLERK_DB", None)
    env.update(extra)
    return env


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "meetings.sqlite"


@pytest.fixture
def python() -> str:
    return sys.executable
