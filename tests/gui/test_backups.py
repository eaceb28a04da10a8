"""The window's backups: at start (daily), on Close meeting, on quit; a failure never blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sspclerk.store import Store
from sspclerk.store.backup import BackupResult, list_backups
from tests.gui.conftest import back_in


@pytest.fixture(autouse=True)
def prompt_daily_backup(monkeypatch):
    """The window waits 3 s before its start-up backup; the tests need not."""
    import sspclerk.gui.backups

    monkeypatch.setattr(sspclerk.gui.backups, "FIRST_DAILY_MS", 0)


def _reasons(db_path: Path) -> list[str]:
    return sorted(b.reason for b in list_backups(db_path))


def _check_copy(path: Path) -> None:
    with Store.open(path, readonly=True) as copy:
        assert copy.integrity_check() == ["ok"]


def test_daily_backup_at_start_only_once_a_day(windows, qtbot, db_path):
    first = windows.open()
    qtbot.waitUntil(lambda: first.backups.last is not None, timeout=3000)
    assert _reasons(db_path) == ["daily"]
    assert "Backup made" in first.statusBar().currentMessage()
    windows.shut(first)
    second = windows.open()
    qtbot.waitUntil(lambda: second.backups.last is not None, timeout=3000)
    assert second.backups.last.path is None  # today's backup is already made
    assert _reasons(db_path) == ["daily"]


def test_close_meeting_makes_a_backup_holding_the_closed_meeting(windows, qtbot, db_path, answer):
    window = windows.open()
    qtbot.waitUntil(lambda: window.backups.last is not None, timeout=3000)
    answer()  # the demo was closed: reopen it
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_F5)
    back_in(qtbot, window)
    qtbot.keyClicks(window.editor.notes, " typed before the close")
    assert _reasons(db_path) == ["daily"]
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert _reasons(db_path) == ["daily", "meeting-closed"]
    (closed,) = [b for b in list_backups(db_path) if b.reason == "meeting-closed"]
    _check_copy(closed.path)
    with Store.open(closed.path, readonly=True) as copy:
        meeting = copy.load_meeting(1)
    assert meeting.status.value == "concluded"
    assert meeting.items[0].minutes.endswith(" typed before the close")
    # Shift+F5 again on a closed meeting makes no second copy.
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert _reasons(db_path) == ["daily", "meeting-closed"]


def test_shift_f5_on_a_meeting_not_in_session_makes_no_backup(windows, qtbot, db_path):
    window = windows.open()
    qtbot.waitUntil(lambda: window.backups.last is not None, timeout=3000)
    window.actions_by_name["close_meeting"].trigger()
    assert _reasons(db_path) == ["daily"]


def test_quit_makes_a_backup_with_the_last_words(windows, qtbot, db_path):
    window = windows.open()
    qtbot.waitUntil(lambda: window.backups.last is not None, timeout=3000)
    qtbot.keyClicks(window.editor.notes, " the last words before quit")
    QApplication.instance().aboutToQuit.emit()
    assert _reasons(db_path) == ["daily", "quit"]
    (quit_copy,) = [b for b in list_backups(db_path) if b.reason == "quit"]
    _check_copy(quit_copy.path)
    with Store.open(quit_copy.path, readonly=True) as copy:
        assert copy.load_meeting(1).items[0].minutes.endswith(" the last words before quit")


def test_a_failing_backup_is_said_in_the_status_bar_and_quitting_goes_on(
    windows, qtbot, db_path, monkeypatch
):
    import sspclerk.store.backup as backup

    window = windows.open()
    qtbot.waitUntil(lambda: window.backups.last is not None, timeout=3000)

    def failing(store, event, **kwargs):
        return BackupResult(None, "backup failed: the disk holding the backups is full", ok=False)

    monkeypatch.setattr(backup, "backup_on", failing)
    qtbot.keyClicks(window.editor.notes, " kept although the backup fails")
    QApplication.instance().aboutToQuit.emit()
    assert window.backups.failures == ["backup failed: the disk holding the backups is full"]
    assert "Backup failed: the disk holding the backups is full" in (
        window.statusBar().currentMessage()
    )
    window.close()
    assert not window.isVisible()  # quitting was not held up
    with Store.open(db_path, readonly=True) as store:
        assert store.load_meeting(1).items[0].minutes.endswith(" kept although the backup fails")


def test_a_backup_that_raises_is_a_message_not_a_crash(windows, qtbot, db_path, monkeypatch):
    import sspclerk.store.backup as backup

    window = windows.open()
    qtbot.waitUntil(lambda: window.backups.last is not None, timeout=3000)

    def raising(store, event, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "backup_on", raising)
    result = window.backups.quitting()
    assert not result.ok and "No space left on device" in result.message
    assert "No space left on device" in window.statusBar().currentMessage()


def test_a_read_only_window_makes_no_backups(windows, qtbot, db_path):
    writer = windows.open()
    qtbot.waitUntil(lambda: writer.backups.last is not None, timeout=3000)
    reader = windows.open("1")
    assert reader.read_only and not hasattr(reader, "backups")
    assert _reasons(db_path) == ["daily"]
