"""The window's team sync: in the background, never in the way of typing.

With no team server configured nothing here runs and the status bar is as it was.
Once one is (File ▸ Team server…, ``$SSPCLERK_SERVER``, or a store that synced
before), a sync runs shortly after the clerk's changes are saved and every
half-minute.  The store is only touched on the main thread: the journal is read
there (one quick transaction), the network exchange runs in a worker thread with
that plain data and its own connection, and the answer is applied back on the main
thread.  The status bar says "Synced 10:42" or "Offline — 12 changes waiting"; a
problem the clerk must act on (a refused password, a record restored from a backup)
is a banner.  Being offline is not a problem: capture goes on and is sent later.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sspclerk.store import StoreError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

#: A sync follows the clerk's saved changes this soon (changes reach the team fast,
#: but a burst of typing makes one sync, not one per keystroke).
AFTER_CHANGE_MS = 5_000
#: The first sync after the window opens (not at once: the first keystrokes come first).
FIRST_MS = 1_500
#: ...and runs this often anyway, to fetch what others did.
INTERVAL_MS = 30_000
#: The most rows a background sync moves: reading or applying more would hold up the
#: window for seconds, so a first sync of a whole record is left to `sspclerk sync`.
BACKGROUND_ROWS = 20_000
#: A meeting changed by the team is redrawn only after this long without typing.
QUIET_S = 8.0


class TeamSync(QObject):
    """Background sync of one window's store (a child of the window)."""

    #: From the worker thread: (Outgoing, Incoming or the exception).
    finished = Signal(object)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store  # type: ignore[attr-defined]
        self.address: Any = None
        self.running = False
        self.synced_at: dt.datetime | None = None
        self.error = ""
        self.last_result: Any = None
        self._lock: Any = None
        self._banner = ""
        self._last_typing = 0.0
        self._stale_meeting = False
        self.label = QLabel("")
        self.label.setObjectName("teamSync")
        self.label.setAccessibleName("Team sync status")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self._soon = QTimer(self, singleShot=True, interval=AFTER_CHANGE_MS)
        self._soon.timeout.connect(self.sync_now)
        self._every = QTimer(self, interval=INTERVAL_MS)
        self._every.timeout.connect(self.sync_now)
        self.finished.connect(self._finished)
        autosaver = getattr(window, "autosaver", None)
        if autosaver is not None:
            autosaver.saved.connect(self._changes_saved)
            autosaver.saving.connect(self._typing)
        self.address = self._configured_address()
        if self.address is not None:
            self._every.start()
            self._soon.start(FIRST_MS)
            self.show_state("Connecting…")

    # ------------------------------------------------------------ where the server is

    def _configured_address(self) -> Any:
        """The server from $SSPCLERK_SERVER or the store's last sync; None for a store
        that never synced (the sync package, and psycopg, are not even imported)."""
        try:
            state = self.store.sync_state()
        except StoreError:
            return None
        if not (os.environ.get("SSPCLERK_SERVER") or state.server_address):
            return None
        from sspclerk.sync import SyncError, resolve

        try:
            return resolve(None, state.server_address)
        except SyncError as exc:
            self._show_banner(str(exc))
            return None

    def configure(self) -> bool:
        """File ▸ Team server…: ask for the address (and a password to keep in
        libpq's password file), then sync at once."""
        from sspclerk.files import OutputError
        from sspclerk.sync import ServerAddress, SyncError, save_password

        current = self.address.without_password() if self.address is not None else ""
        dialog = TeamServerDialog(current, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        text, password = dialog.values()
        try:
            address = ServerAddress.parse(text)
            secret = password or address.params.get("password", "")
            if secret:
                save_password(address, secret)
            self.store.sync_join()
            self.store.sync_set_server(address.without_password())
        except (SyncError, StoreError, OutputError, OSError) as exc:
            self._show_banner(f"Team server not set: {exc}")
            return False
        self.address = address
        self._every.start()
        self.sync_now()
        return True

    # ------------------------------------------------------------ one sync

    def _typing(self) -> None:
        self._last_typing = time.monotonic()

    def _changes_saved(self, _when: str) -> None:
        if self.address is None:
            return
        if not self._soon.isActive():
            self._soon.start()
        if self.error:
            self.show_offline()

    def sync_now(self) -> bool:
        """Start a sync if none is running; False when it could not start."""
        if self.address is None or self.running:
            return False
        if self._stale_meeting:
            self._redraw_meeting()
        from sspclerk.sync.engine import SyncLock, run_exchange

        lock = SyncLock(self.store.path)
        try:
            if not lock.acquire():
                self.show_state("Sync waits: another sync of this store is running")
                return False
        except OSError:
            return False
        try:
            self.store.sync_join()
            waiting = self.store.sync_state().waiting
            if waiting > BACKGROUND_ROWS:
                lock.release()
                self._show_banner(
                    f"Team sync: {waiting:,} changes to send, more than a background sync "
                    "takes: run `sspclerk sync` once from the command line (a minute or two); "
                    "the window keeps in step after that."
                )
                self.show_offline()
                return False
            out = self.store.sync_outgoing()
            out.max_rows = BACKGROUND_ROWS
        except StoreError as exc:
            lock.release()
            self.show_state(f"Not synced: {exc}")
            return False
        self._lock, self.running = lock, True
        self.show_state("Syncing…")
        address = self.address

        def work() -> None:
            try:
                result: Any = run_exchange(address, out)
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread whole
                result = exc
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self.finished.emit((out, result))

        threading.Thread(target=work, name="sspclerk-sync", daemon=True).start()
        return True

    def _finished(self, result: tuple[Any, Any]) -> None:
        from sspclerk.sync.errors import RestoredCopy, ServerUnreachable, SyncError

        out, answer = result
        self.running = False
        self.last_result = answer
        try:
            if isinstance(answer, BaseException):
                if isinstance(answer, RestoredCopy):
                    self.store.sync_new_identity()
                    self._show_banner(
                        f"{answer}; this laptop now syncs as a new one and its changes are "
                        "merged at the next sync, without overwriting newer work."
                    )
                    self._soon.start()
                elif isinstance(answer, SyncError) and not isinstance(answer, ServerUnreachable):
                    self._show_banner(f"Team sync: {answer}")
                elif not isinstance(answer, SyncError):
                    self._show_banner(f"Team sync failed: {type(answer).__name__}: {answer}")
                self.error = str(answer)
                self.show_offline()
                return
            applied = self.store.sync_apply(out, answer)
        except StoreError as exc:
            self.error = str(exc)
            self.show_state(f"Not synced: {exc}")
            return
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
        self.error = ""
        self.synced_at = self.store.clock()
        self._hide_banner()
        self.show_synced()
        if applied.follow_up or out.files_left or answer.files_left or answer.retry:
            self._soon.start()
        meeting = getattr(self.window, "meeting", None)
        if applied.meetings and meeting is not None and meeting.id in applied.meetings:
            self._stale_meeting = True
            self._redraw_meeting()
        elif applied.meetings:
            self.window.fill_navigator()  # type: ignore[attr-defined]

    def _redraw_meeting(self) -> None:
        """Show the team's changes to the open meeting — not while the clerk types."""
        if time.monotonic() - self._last_typing < QUIET_S:
            return
        w: Any = self.window
        if w.meeting is None:
            self._stale_meeting = False
            return
        notes = w.editor.notes
        cursor = notes.textCursor().position()
        # The panels and the open texts follow the store, as after any change; the item
        # in view and the keyboard stay where they were (text still unsaved is kept).
        w.refresh_from_store()
        c = notes.textCursor()
        c.setPosition(min(cursor, len(notes.toPlainText())))
        notes.setTextCursor(c)
        self._stale_meeting = False

    # ------------------------------------------------------------ what the clerk sees

    def show_state(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(self.address.label if self.address is not None else "")
        self.label.show()

    def show_synced(self) -> None:
        when = self.synced_at.strftime("%H:%M") if self.synced_at else ""
        marks = len(self.store.changed_elsewhere())
        extra = f" · {marks} changed elsewhere" if marks else ""
        self.show_state(f"Synced {when}{extra}")

    def show_offline(self) -> None:
        try:
            waiting = self.store.sync_state().waiting
        except StoreError:
            waiting = 0
        word = "change" if waiting == 1 else "changes"
        self.show_state(f"Offline — {waiting} {word} waiting")
        self.label.setToolTip(self.error)

    def _show_banner(self, text: str) -> None:
        self._banner = text
        self.window._banner_show(text, "error")  # type: ignore[attr-defined]

    def _hide_banner(self) -> None:
        banner = getattr(self.window, "banner", None)
        if self._banner and banner is not None and banner.text() == self._banner:
            self.window._banner_hide()  # type: ignore[attr-defined]
        self._banner = ""

    def stop(self) -> None:
        """The window is closing: no new syncs; one in flight finishes on the server
        or not at all, and the next start recognises its lost answer."""
        self._soon.stop()
        self._every.stop()
        self.address = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class TeamServerDialog(QDialog):
    """Where the team's server is; returns the address and an optional password."""

    def __init__(self, address: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team server")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The PostgreSQL server your team shares its record on. This laptop keeps "
            "working without it and sends its changes when it can reach it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.address = QLineEdit(address)
        self.address.setPlaceholderText("postgresql://you@server.council.local/clerks")
        self.address.setAccessibleName("Server address")
        form.addRow("&Address:", self.address)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password.setPlaceholderText("leave empty if already kept")
        form.addRow("&Password:", self.password)
        layout.addLayout(form)
        note = QLabel("The password is kept in PostgreSQL's own password file, never in the store.")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str]:
        return self.address.text().strip(), self.password.text()


def install_team_sync(window: QMainWindow) -> TeamSync:
    """The background sync and File ▸ Team server…; stopped when the app quits."""
    sync = TeamSync(window)
    action = QAction("&Team server…", window)
    action.setStatusTip("Share this store's record with the team's PostgreSQL server")
    action.triggered.connect(sync.configure)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    file_menu = next((m for m in menus if m.title().replace("&", "") == "File"), None)
    if file_menu is not None:
        file_menu.addSeparator()
        file_menu.addAction(action)
    window.team_sync_action = action  # type: ignore[attr-defined]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(sync.stop)
    return sync
