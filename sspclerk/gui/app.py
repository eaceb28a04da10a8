"""Starting the window: the QApplication, the writer lock, the store, the meeting.

``run_window`` is what ``sspclerk`` (with no command) calls.  It takes the store's
writer lock first: a second sspclerk on the same store opens read-only and says so.
On first run (a store with no meetings) it loads the demo meeting.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

#: When this module began importing (before Qt), for the start-up report.
_IMPORT_STARTED = time.perf_counter()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from sspclerk.meetings import load_demo, meeting_id_for  # noqa: E402
from sspclerk.store import Store  # noqa: E402
from sspclerk.store.lock import WriterLock  # noqa: E402

from .main_window import LAST_MEETING_SETTING, MainWindow  # noqa: E402
from .style import HIGHLIGHT, HIGHLIGHTED_TEXT, PLACEHOLDER, STYLE  # noqa: E402

#: Debug hook for tests and demos: a JSON file of steps typed into the window through
#: the real keyboard path (QTest key events -> editor -> autosave).  See docs/window.md.
TYPE_SCRIPT_ENV = "SSPCLERK_TYPE_SCRIPT"
#: When set, print "SSPCLERK-READY <s since run_window> <s since this module's import>"
#: once the notes editor has the keyboard (bench/bench_gui.py reads it).
READY_ENV = "SSPCLERK_REPORT_READY"


def load_demo_if_empty(store: Store) -> None:
    """First run: a writable store with no meetings gets the demo meeting."""
    if not store.readonly and not store.list_meetings():
        load_demo(store)


def open_store(db_path: Path) -> tuple[Store, WriterLock | None, str]:
    """The store, the lock held (None when read-only) and why it is read-only ('' if not)."""
    lock = WriterLock(db_path)
    try:
        got = lock.acquire()
    except OSError as exc:  # a read-only folder, or a drive without file locks
        reason = f"the folder of {db_path.name} cannot be written ({exc.strerror or exc})"
        return Store.open(db_path, readonly=True), None, reason
    if not got:
        return Store.open(db_path, readonly=True), None, lock.busy_message()
    try:
        store = Store.open(db_path)
    except BaseException:
        lock.release()
        raise
    if store.readonly:  # the store put itself read-only (a write-protected disk or folder)
        lock.release()
        return store, None, store.warnings[0] if store.warnings else "the store cannot be written"
    return store, lock, ""


def build_window(db_path: Path, meeting_ref: str | None) -> tuple[MainWindow, WriterLock | None]:
    store, lock, reason = open_store(Path(db_path))
    try:
        if not reason:
            store.set_busy_timeout(15)  # a locked store shows the banner, never freezes typing
        load_demo_if_empty(store)
        last_open = store.setting(LAST_MEETING_SETTING)
        meeting_id = meeting_id_for(store, meeting_ref, last_open=last_open)
    except BaseException:
        store.close()
        if lock is not None:
            lock.release()
        raise
    window = MainWindow(store, read_only_reason=reason)
    if meeting_id is not None:
        window.open_meeting(meeting_id)
    else:
        window.fill_navigator()
    return window, lock


def app_icon() -> QIcon:
    """The title-bar and taskbar icon; Linux has no other way to show it."""
    from sspclerk.resources import resource_path

    path = resource_path("icons/sspclerk.png")
    return QIcon(str(path)) if path.is_file() else QIcon()


def make_app(styled: bool = True) -> QApplication:
    """The QApplication; ``styled=False`` leaves the style sheet for :func:`apply_style`."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("sspclerk")
    app.setOrganizationName("sspclerk")
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")
    from PySide6.QtGui import QColor, QPalette

    palette = app.palette()
    # Hints in empty fields say what goes there: readable, not Fusion's faint grey.
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(PLACEHOLDER))
    # The agenda paints its selected row from the palette: white on dark blue.
    palette.setColor(QPalette.ColorRole.Highlight, QColor(HIGHLIGHT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(HIGHLIGHTED_TEXT))
    app.setPalette(palette)
    if styled:
        app.setStyleSheet(STYLE)
    font = app.font()
    if font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)
        app.setFont(font)
    return app  # type: ignore[return-value]


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(STYLE)


def run_window(db_path: Path, meeting_ref: str | None) -> int:
    started = time.perf_counter()
    # The style sheet goes on after the widgets are built: styling each widget as it is
    # added costs more than styling the finished window once (bench/bench_gui.py).
    app = make_app(styled=False)
    window, lock = build_window(Path(db_path), meeting_ref)
    apply_style(app)
    if window.restore_layout():
        window.showMaximized()
    else:
        window.show()
    window.activateWindow()
    window.focus_notes()
    if os.environ.get(READY_ENV):
        QTimer.singleShot(0, lambda: _report_ready(window, started))
    _quit_on_termination_signals(app)
    script = os.environ.get(TYPE_SCRIPT_ENV)
    if script:
        window.type_script = _TypeScript(window, Path(script))  # kept alive with the window
        window.type_script.start()
    try:
        return app.exec()
    finally:
        if window.autosaver is not None:
            window.autosaver.flush()
        window.store.close()
        if lock is not None:
            lock.release()


def _quit_on_termination_signals(app: QApplication) -> None:
    """SIGTERM / SIGHUP (logout, shutdown, a closed terminal) end the app cleanly.

    Quitting runs aboutToQuit, which saves what was typed in the last half second.
    Python only sees a signal when it runs, so a light timer wakes it while Qt waits.
    """
    import signal

    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, lambda *_: app.quit())
    waker = QTimer(app, interval=200)
    waker.timeout.connect(lambda: None)
    waker.start()


def type_text(widget, text: str) -> None:
    """Type ``text`` as key presses (QTest.keyClicks accepts ASCII only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest

    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _report_ready(window: MainWindow, started: float, tries: int = 200) -> None:
    """Report once the notes editor really has the keyboard (the window is usable)."""
    focused = QApplication.focusWidget() is window.editor.notes
    if not focused and tries > 0:
        QTimer.singleShot(5, lambda: _report_ready(window, started, tries - 1))
        return
    now = time.perf_counter()
    print(
        f"SSPCLERK-READY {now - started:.4f} {now - _IMPORT_STARTED:.4f}"
        f" focus={'notes' if focused else 'other'}",
        flush=True,
    )


class _TypeScript:
    """Plays a list of steps as real key events into whatever has focus.

    Steps: {"type": "text"} types characters, {"key": "Ctrl+PgDown"} presses a key (a
    question the window asks takes the next keys, as it would from a keyboard),
    {"wait": ms} pauses, {"mark": "x"} prints "SSPCLERK-MARK x <time.monotonic()>".  After the last step it prints SSPCLERK-TYPED and flushes
    stdout, so a test knows when the typing ended (and can kill the process).
    """

    def __init__(self, window: MainWindow, path: Path) -> None:
        self.window = window
        self.steps = json.loads(path.read_text(encoding="utf-8"))
        self.timer = QTimer(window, singleShot=True)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        self.timer.start(50)

    def _step(self) -> None:
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest

        if not self.steps:
            print("SSPCLERK-TYPED", flush=True)
            return
        modal = QApplication.activeModalWidget()  # a question asked: the keys answer it
        target = (modal.focusWidget() or modal) if modal else QApplication.focusWidget()
        if target is None:  # not active yet (or a dialog just closed): keys would be lost
            self.timer.start(10)
            return
        step = self.steps.pop(0)
        # The next step is due before this one runs: a key that opens a question runs
        # the question's own event loop, and the next keys must reach it there.
        self.timer.start(int(step["wait"]) if "wait" in step else 20)
        if "type" in step:
            type_text(target, step["type"])
        elif "key" in step:
            combo = QKeySequence(step["key"])[0]
            QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
        elif "mark" in step:  # tells a test where the typing has got to
            # time.monotonic() is system-wide: a drill compares it with its kill time.
            print(f"SSPCLERK-MARK {step['mark']} {time.monotonic():.4f}", flush=True)
