"""PySide6 6.12 on Python 3.11 drops a reference to None on every void call into Qt.

Without the guard in sspclerk/gui/__init__.py the window aborts after a few thousand
keystrokes ("Fatal Python error: none_dealloc").  A fresh interpreter types far more
than that into the real window and must come out alive with the text saved.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import cli_env

CHILD = r"""
import sys, tempfile
from pathlib import Path
from sspclerk.gui.app import build_window, make_app, type_text
from sspclerk.store import Store
app = make_app()
db = Path(tempfile.mkdtemp()) / "m.sqlite"
window, lock = build_window(db, "1")
window.show()
before = window.meeting.items[0].minutes
chunk = "The chair thanked officers; members asked, - noted. "  # 52 keys
for n in range(180):  # 9,360 keys (unguarded, the window died near 4,500)
    type_text(window.editor.notes, chunk)
    if n % 50 == 0:
        window.autosaver.flush()
window.autosaver.flush()
with Store.open(db, readonly=True) as store:
    saved = store.load_meeting(1).items[0].minutes
print("typed", len(chunk) * 180, "saved-exactly", saved == before + chunk * 180)
"""


def test_nine_thousand_keystrokes_do_not_crash_the_window(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=cli_env(), capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr[-1500:]
    assert "typed 9360 saved-exactly True" in done.stdout, done.stdout


def test_the_guard_is_in_place_before_any_qt_call():
    import sspclerk.gui  # noqa: F401  (the guard runs on import)

    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 39
        assert sys.getrefcount(True) > 1 << 39 and sys.getrefcount(False) > 1 << 39
