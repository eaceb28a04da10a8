"""Shared test set-up: Qt offscreen before anything imports it, a fresh store per test."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SSPCLERK_DB", None)
# The parsed-font cache of this run, not the user's (~/.cache/sspclerk stays untouched).
_FONT_CACHE = tempfile.mkdtemp(prefix="sspclerk-test-cache-")
os.environ["SSPCLERK_CACHE_DIR"] = _FONT_CACHE
atexit.register(shutil.rmtree, _FONT_CACHE, ignore_errors=True)

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


def demo_meeting():
    """A fresh copy of the demo meeting (resources/demo-meeting.json) for any test."""
    from sspclerk.importers.meeting_json import read_meeting_file
    from sspclerk.resources import resource_path

    return read_meeting_file(resource_path("demo-meeting.json"))


@pytest.fixture
def demo():
    return demo_meeting()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "meetings.sqlite"


@pytest.fixture
def python() -> str:
    return sys.executable


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Empty Qt's clipboard before the interpreter exits.

    A QMimeData a test put on the clipboard is owned by both Qt and Python; freed
    twice at exit it turns a green run into a segmentation fault (exit 139).
    """
    qt_widgets = sys.modules.get("PySide6.QtWidgets")
    app = qt_widgets.QApplication.instance() if qt_widgets else None
    if app is not None:
        app.clipboard().clear()
