"""The window's backups: when a meeting is closed, when the app quits, once a day.

A backup is a copy the clerk can go back to (``sspclerk backups`` / ``restore``),
so it is made at the moments a meeting's record is most complete.  It must never
get in the way: a failed backup is one line in the status bar, and quitting goes on.
The copying, checking and rotation are the store's (``sspclerk.store.backup``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

#: How often a window left open for days checks whether today's backup is due.
DAILY_CHECK_MS = 60 * 60 * 1000
#: The start-up backup waits this long, so it never delays the first keystrokes.
FIRST_DAILY_MS = 3000
#: How long a backup message stays in the status bar.
MESSAGE_MS = 15_000


class WindowBackups(QObject):
    """Makes the window's backups; a child of the window, so it goes when the window goes.

    ``last`` is the last BackupResult (or None), for tests and the status bar.
    """

    def __init__(self, window: QMainWindow, backup_on: Callable | None = None) -> None:
        super().__init__(window)
        self.window = window
        self._backup_on = backup_on
        self.last = None
        self.failures: list[str] = []
        self._closed: set[int] = set()  # meetings already backed up on closing
        self._daily = QTimer(self, interval=DAILY_CHECK_MS)
        self._daily.timeout.connect(self.daily)
        self._daily.start()

    def make(self, event: str):
        """One backup for ``event``; never raises (the clerk's work comes first)."""
        store = getattr(self.window, "store", None)
        autosaver = getattr(self.window, "autosaver", None)
        if store is None or autosaver is None:  # a read-only window writes nothing
            return None
        try:
            autosaver.flush()  # the backup holds what is on screen, as far as it can
            backup_on = self._backup_on
            if backup_on is None:
                from sspclerk.store.backup import backup_on
            result = backup_on(store, event)
        except Exception as exc:  # noqa: BLE001 - e.g. a store already closed: say so, go on
            from sspclerk.store.backup import BackupResult

            result = BackupResult(None, f"backup failed: {exc}", ok=False)
        self.last = result
        if not result.ok:
            self.failures.append(result.message)
            self.window.statusBar().showMessage(
                f"{result.message[:1].upper()}{result.message[1:]} — your work is saved "
                "in the store; the backup will be tried again.",
                MESSAGE_MS,
            )
        elif result.path is not None:
            self.window.statusBar().showMessage(f"Backup made: {result.path.name}", MESSAGE_MS)
        return result

    def daily(self):
        return self.make("daily")

    def meeting_closed(self):
        """After Close meeting (Shift+F5 on a meeting not in session does nothing)."""
        from sspclerk.core.model import MeetingStatus

        meeting = getattr(self.window, "meeting", None)
        if meeting is None or meeting.status != MeetingStatus.CONCLUDED:
            return None
        if meeting.id in self._closed:  # Shift+F5 again on a closed meeting
            return None
        self._closed.add(meeting.id)
        return self.make("meeting-closed")

    def quitting(self):
        return self.make("quit")


def install_backups(window: QMainWindow) -> WindowBackups:
    """Wire quit and once a day (first at start-up); Close meeting calls ``meeting_closed``.

    Quit is connected after the window's own flush, so the copy holds the last words.
    """
    backups = WindowBackups(window)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(backups.quitting)
    QTimer.singleShot(FIRST_DAILY_MS, backups, backups.daily)
    return backups
