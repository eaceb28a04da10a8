"""The `sspclerk` process sets the garbage collector for a short command, and the
window goes back to Python's default.  Each check runs in a fresh interpreter:
the setting is process-wide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import cli_env


def _python(code: str, tmp_path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=cli_env(SSPCLERK_CACHE_DIR=""),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_command_runs_with_fewer_collections_and_frees_nothing_twice(tmp_path) -> None:
    db = tmp_path / "store.sqlite"
    seen = _python(
        "import gc, json, sys\n"
        "default = gc.get_threshold()\n"
        f"sys.argv = ['sspclerk', '--db', {str(db)!r}, 'demo']\n"
        "from sspclerk.launch import run\n"
        "status = run()\n"
        "print(json.dumps({'status': status, 'default': default,\n"
        "    'threshold': gc.get_threshold(), 'frozen': gc.get_freeze_count()}))\n",
        tmp_path,
    )
    assert seen["status"] == 0
    assert db.exists()  # the command really ran
    assert seen["threshold"][0] == 100_000 > seen["default"][0]
    assert seen["threshold"][1:] == seen["default"][1:]
    assert seen["frozen"] > 1000  # what the command left was marked permanent


def test_the_window_runs_with_pythons_default(tmp_path) -> None:
    seen = _python(
        "import gc, json, sys\n"
        "default = gc.get_threshold()\n"
        "import sspclerk.gui.app as app\n"
        "during = []\n"
        "app.run_window = lambda db, meeting: during.append(gc.get_threshold()) or 0\n"
        f"sys.argv = ['sspclerk', '--db', {str(tmp_path / 's.sqlite')!r}]\n"
        "from sspclerk.launch import run\n"
        "run()\n"
        "print(json.dumps({'default': default, 'during': during}))\n",
        tmp_path,
    )
    assert seen["during"] == [seen["default"]]


def test_python_dash_m_and_the_installed_command_share_the_entry_point() -> None:
    root = Path(__file__).resolve().parent.parent
    main = (root / "sspclerk" / "__main__.py").read_text(encoding="utf-8")
    assert "from sspclerk.launch import run" in main
    project = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert 'sspclerk = "sspclerk.launch:run"' in project
