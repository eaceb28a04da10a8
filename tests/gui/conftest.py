"""Windows on a fresh demo store, closed and unlocked after each test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sspclerk.gui.app import build_window, make_app
from sspclerk.store import Store


class Windows:
    def __init__(self, qtbot, db_path: Path) -> None:
        self.qtbot = qtbot
        self.db_path = db_path
        self.open_ones: list = []

    def open(self, meeting: str | None = "1", path: Path | None = None):
        make_app()  # style, style sheet and font as the real app (sizes depend on them)
        window, lock = build_window(path or self.db_path, meeting)
        window.test_lock = lock
        window.show()
        window.activateWindow()
        self.qtbot.waitExposed(window)
        window.focus_notes()
        if not window.read_only:
            self.qtbot.waitUntil(
                lambda: QApplication.focusWidget() is window.editor.notes, timeout=2000
            )
        self.open_ones.append(window)
        return window

    def shut(self, window) -> None:
        """Close as the clerk would (the close saves), then let go of the store."""
        if window not in self.open_ones:
            return
        self.open_ones.remove(window)
        window.close()
        window.autosaver = None
        window.store.close()
        if window.test_lock is not None:
            window.test_lock.release()
        window.deleteLater()  # a closed window left alive keeps its timers and styles busy
        QApplication.sendPostedEvents(None, 0)


@pytest.fixture
def windows(qtbot, db_path: Path):
    w = Windows(qtbot, db_path)
    yield w
    for window in reversed(list(w.open_ones)):
        if window.autosaver is not None:
            window.autosaver.flush()
        window.autosaver = None  # closing must not prompt about a store closed just after
        w.shut(window)


@pytest.fixture
def open_window(windows):
    return windows.open


@pytest.fixture
def read_store(db_path: Path):
    """The meeting as a second, independent connection sees it."""

    def read(path: Path = db_path, meeting_id: int = 1):
        with Store.open(path, readonly=True) as store:
            return store.load_meeting(meeting_id)

    return read


@pytest.fixture(autouse=True)
def _empty_clipboard_after_each_test(qapp):
    """Tests paste through the real clipboard; empty it before the next test.

    QClipboard owns the QMimeData a test hands it, while Python still holds a
    wrapper for it: left there, both free it at interpreter exit and the run ends
    with a segmentation fault (exit 139) after every test has passed.
    """
    yield
    qapp.clipboard().clear()


@pytest.fixture(autouse=True)
def _own_settings_and_documents(tmp_path_factory, monkeypatch):
    """Window layout and remembered folders go to a folder of this test run, and the
    "Documents" folder the window offers is a temporary one (never the user's)."""
    from sspclerk.gui import folders

    settings = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings))
    documents = tmp_path_factory.mktemp("Documents")
    monkeypatch.setattr(folders, "documents_folder", lambda: documents)
    return documents


@pytest.fixture
def documents(_own_settings_and_documents):
    return _own_settings_and_documents


def back_in(qtbot, window) -> None:
    """After a dialog: wait until the window has the keyboard again (the offscreen
    platform hands activation back on the next turn of the event loop)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


@pytest.fixture
def answer():
    """Answer the next message box as the clerk would: ``answer(QMessageBox.Yes)``.

    Returns the list the box's text is put in, to assert what was asked.
    """

    def arm(button=QMessageBox.StandardButton.Yes) -> list[str]:
        asked: list[str] = []

        def click(tries: int = 200) -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                if tries:
                    QTimer.singleShot(10, lambda: click(tries - 1))
                return
            asked.append(box.text())
            box.button(button).click()

        QTimer.singleShot(0, click)
        return asked

    return arm
