"""Nothing typed is lost: killed process, locked store, vanished file, second window."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sspclerk.gui.app import type_text
from sspclerk.store import Store
from sspclerk.store.lock import WriterLock
from tests.conftest import cli_env

CTRL = Qt.KeyboardModifier.ControlModifier


def _wait_for_line(proc: subprocess.Popen, marker: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith(marker):
            return line
    raise AssertionError(f"the window never printed {marker}; stderr: {proc.stderr.read()[-2000:]}")


def start_window(tmp_path: Path, db_path: Path, steps: list[dict], **env: str) -> subprocess.Popen:
    """The real window (``python -m sspclerk``) on meeting 1, typing ``steps`` as key
    events (SSPCLERK_TYPE_SCRIPT); its stdout carries the script's marks."""
    script = tmp_path / "steps.json"
    script.write_text(json.dumps(steps), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "sspclerk", "--db", str(db_path), "--meeting", "1"],
        env=cli_env(SSPCLERK_TYPE_SCRIPT=str(script), XDG_CONFIG_HOME=str(tmp_path), **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_window(proc: subprocess.Popen, when: str, sig: int = signal.SIGKILL, after: float = 0.0):
    """Send ``sig`` once the window printed ``when`` (and ``after`` seconds more)."""
    try:
        _wait_for_line(proc, when, timeout=60)
        time.sleep(after)
        os.kill(proc.pid, sig)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_sigkill_after_one_second_idle_keeps_what_was_typed(tmp_path, db_path):
    steps = [
        {"type": " First item, typed in a real window: Łódź 🎉"},
        {"key": "Ctrl+PgDown"},
        {"type": " Second item notes"},
        {"key": "Return"},
        {"type": "- a bullet"},
    ]
    proc = start_window(tmp_path, db_path, steps, SSPCLERK_REPORT_READY="1")
    assert "focus=notes" in _wait_for_line(proc, "SSPCLERK-READY")
    stop_window(proc, "SSPCLERK-TYPED", after=1.0)  # one second idle, then the plug is pulled
    assert proc.returncode == -signal.SIGKILL
    with Store.open(db_path, readonly=True) as store:
        items = store.load_meeting(1).items
    assert items[0].minutes.endswith(" First item, typed in a real window: Łódź 🎉")
    assert items[1].minutes.endswith(" Second item notes\n- a bullet")
    # The OS released the dead window's lock: the next window may write.
    lock = WriterLock(db_path)
    assert lock.acquire()
    lock.release()


def test_a_second_window_opens_read_only_and_says_so(windows, qtbot, db_path, read_store):
    first = windows.open()
    second = windows.open("1")
    assert not first.read_only and second.read_only
    assert second.banner.isVisible()
    assert "read-only" in second.banner.text() and "another sspclerk window" in second.banner.text()
    assert second.editor.notes.isReadOnly() and second.autosaver is None
    qtbot.keyClicks(second.editor.notes, "should not land")
    assert "should not land" not in second.editor.notes.toPlainText()
    assert not second.actions_by_name["outcome_1"].isEnabled()
    # The first window keeps writing.
    qtbot.keyClicks(first.editor.notes, " still the writer")
    first.save_now()
    assert read_store().items[0].minutes.endswith(" still the writer")


def test_the_lock_is_held_across_processes_and_freed_by_sigkill(db_path, python):
    holder = subprocess.Popen(
        [
            python,
            "-c",
            "import sys,time; from sspclerk.store.lock import WriterLock; "
            "l=WriterLock(sys.argv[1]); print(l.acquire(), flush=True); time.sleep(60)",
            str(db_path),
        ],
        env=cli_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "True"
        lock = WriterLock(db_path)
        assert not lock.acquire()
        assert f"process {holder.pid}" in lock.busy_message()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        assert lock.acquire()
        lock.release()
    finally:
        holder.kill()


def test_a_locked_store_keeps_the_text_shows_the_banner_and_saves_when_free(
    open_window, qtbot, db_path, read_store
):
    window = open_window()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock: a real fault
    try:
        qtbot.keyClicks(window.editor.notes, " typed while the store is locked")
        qtbot.waitUntil(window.banner.isVisible, timeout=3000)
        assert "NOT saved" in window.banner.text() and "locked" in window.banner.text()
        assert window.save_state.text().startswith("Not saved")
        assert window.editor.notes.toPlainText().endswith(" typed while the store is locked")
        # Moving on keeps everything, including the first item's pending text.
        qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageDown, CTRL)
        qtbot.keyClicks(window.editor.notes, " and more in the next item")
        assert window.autosaver.pending
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=6000)  # the retry saved it
    stored = read_store()
    assert stored.items[0].minutes.endswith(" typed while the store is locked")
    assert stored.items[1].minutes.endswith(" and more in the next item")
    assert window.save_state.text().startswith("All changes saved")


def test_a_vanished_store_file_is_not_written_and_the_text_waits(
    open_window, qtbot, db_path, read_store
):
    window = open_window()
    moved = db_path.with_name("moved-away.sqlite")
    db_path.rename(moved)  # the drive "vanished": the path no longer names the file
    try:
        type_text(window.editor.notes, " typed with the drive gone ✓")
        assert not window.save_now()
        assert window.banner.isVisible() and "can no longer be found" in window.banner.text()
        assert window.editor.notes.toPlainText().endswith(" typed with the drive gone ✓")
    finally:
        moved.rename(db_path)
    assert window.save_now()  # as the retry timer would
    assert not window.banner.isVisible()
    assert read_store().items[0].minutes.endswith(" typed with the drive gone ✓")


def test_a_failing_write_mid_queue_keeps_order(
    open_window, qtbot, db_path, read_store, monkeypatch
):
    """An outcome added while writes fail is written once, after the fault clears."""
    window = open_window()
    from sspclerk.store import StoreUnavailableError

    real = window.store.add_outcome
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        raise StoreUnavailableError("the disk holding the store is full; free some space")

    monkeypatch.setattr(window.store, "add_outcome", failing)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_2, CTRL)
    assert window.banner.isVisible() and "disk" in window.banner.text()
    assert [o.text for o in window.editor.item.outcomes] == ["AGREED to note the update."]
    monkeypatch.setattr(window.store, "add_outcome", real)
    assert window.save_now()
    assert [o.text for o in read_store().items[0].outcomes] == ["AGREED to note the update."]
    assert len(calls) == 1


def test_quit_and_logoff_flush(open_window, qtbot, read_store):
    window = open_window()
    qtbot.keyClicks(window.editor.notes, " before logoff")
    app = QApplication.instance()
    assert app.receivers("2commitDataRequest(QSessionManager&)") >= 1
    window.session_ending(None)  # what commitDataRequest calls when the session ends
    assert read_store().items[0].minutes.endswith(" before logoff")
    qtbot.keyClicks(window.editor.notes, " before quit")
    QApplication.instance().aboutToQuit.emit()
    assert read_store().items[0].minutes.endswith(" before quit")


def test_typing_is_saved_within_a_second_without_leaving_the_item(open_window, qtbot, read_store):
    window = open_window()
    qtbot.keyClicks(window.editor.notes, " idle save")
    assert window.save_state.text() == "Saving…"
    qtbot.waitUntil(lambda: read_store().items[0].minutes.endswith(" idle save"), timeout=1000)
    assert window.save_state.text().startswith("All changes saved · ")


def test_sspclerk_with_no_meeting_opens_the_demo_on_first_run(windows, db_path: Path):
    assert not db_path.exists()
    window = windows.open(None)
    assert window.meeting.committee.prefix == "SSP" and len(window.meeting.items) == 13
    assert window.editor.item is window.meeting.items[0]


def test_a_store_in_a_folder_without_locks_opens_read_only(windows, db_path, monkeypatch):
    windows.open().close()  # create the store (the window saves on close)
    windows.shut(windows.open_ones[0])

    def no_locks(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(WriterLock, "acquire", no_locks)
    window = windows.open("1")
    assert window.read_only and "cannot be written" in window.banner.text()
    assert window.editor.notes.isReadOnly()


def test_sigterm_right_after_typing_saves_before_exit(tmp_path, db_path):
    """A logout or shutdown (SIGTERM) inside the idle second still keeps the text."""
    proc = start_window(tmp_path, db_path, [{"type": " typed just before the logout"}])
    stop_window(proc, "SSPCLERK-TYPED", signal.SIGTERM)  # well inside the idle delay
    assert proc.returncode == 0
    with Store.open(db_path, readonly=True) as store:
        assert store.load_meeting(1).items[0].minutes.endswith(" typed just before the logout")


def test_closing_while_the_store_refuses_offers_a_copy_in_a_text_file(
    windows, qtbot, db_path, tmp_path, monkeypatch
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from sspclerk.gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "recovery_folder", staticmethod(lambda: tmp_path / "recovered"))
    window = windows.open()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    answers = []

    def answer(button):
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        box.button(button).click()

    try:
        type_text(window.editor.notes, " never lose this ✓")
        QTimer.singleShot(100, lambda: answer(QMessageBox.StandardButton.Cancel))
        window.close()
        assert window.isVisible()  # Cancel keeps the window and the text
        QTimer.singleShot(100, lambda: answer(QMessageBox.StandardButton.Save))
        QTimer.singleShot(
            400,
            lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().accept(),
        )  # "Copy kept" note
        window.close()
        assert not window.isVisible()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "could not be saved" in answers[0] and "locked" in answers[0]
    (copy,) = (tmp_path / "recovered").iterdir()
    text = copy.read_text(encoding="utf-8")
    assert "SSP/12/25 Evacuation Procedure · minutes" in text
    assert text.count("never lose this ✓") == 1


def test_typing_without_a_pause_is_still_saved_every_second(open_window, qtbot, read_store):
    window = open_window()
    base = window.meeting.items[0].minutes
    for n in range(16):  # one key every 100 ms: the idle delay never passes
        qtbot.keyClicks(window.editor.notes, "abcdefghijklmnop"[n])
        qtbot.wait(100)
    saved = read_store().items[0].minutes[len(base) :]
    assert len(saved) >= 6, saved  # at most the last second is not yet in the store


def test_sigkill_while_typing_loses_at_most_the_last_second(tmp_path, db_path):
    steps = []
    for n in range(30):  # 20 characters a second, no pause
        steps += [{"type": f"{n:02d} "}, {"wait": 100}]
        if n == 24:
            steps.append({"mark": "24"})
    proc = start_window(tmp_path, db_path, steps)
    stop_window(proc, "SSPCLERK-MARK 24")  # mid-sentence
    with Store.open(db_path, readonly=True) as store:
        minutes = store.load_meeting(1).items[0].minutes
    # Chunks 00..24 were typed over 2.5 s; everything up to a second before the kill is kept.
    assert "00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 " in minutes


def test_a_store_in_a_synced_folder_is_flagged_above_the_work(windows, tmp_path):
    window = windows.open("1", path=tmp_path / "Dropbox" / "meetings.sqlite")
    assert not window.read_only
    assert window.banner.isVisible() and "Dropbox" in window.banner.text()
    assert window.banner.property("kind") == "info"


def test_a_copy_that_cannot_be_written_keeps_the_window_open_and_says_so(
    windows, qtbot, db_path, tmp_path, monkeypatch
):
    """The last resort failing too (its folder is a plain file) is no traceback and no
    closed window: the clerk is told and the text stays in front of them."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from sspclerk.gui.main_window import MainWindow

    blocked = tmp_path / "recovered"
    blocked.write_text("not a folder")
    monkeypatch.setattr(MainWindow, "recovery_folder", staticmethod(lambda: blocked))
    window = windows.open()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    said = []

    def answer_save_then_read_the_warning():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Save).click()
        QTimer.singleShot(100, read_warning)

    def read_warning():
        box = QApplication.activeModalWidget()
        said.append((box.windowTitle(), box.text()))
        box.accept()

    try:
        type_text(window.editor.notes, " kept on screen")
        QTimer.singleShot(100, answer_save_then_read_the_warning)
        window.close()
        assert window.isVisible()
        assert window.editor.notes.toPlainText().endswith(" kept on screen")
    finally:
        other.execute("ROLLBACK")
        other.close()
    ((title, text),) = said
    assert title == "Copy not kept" and "stays open" in text
    assert blocked.read_text() == "not a folder"
    assert window.autosaver.flush()  # the store is free again: the text goes in
