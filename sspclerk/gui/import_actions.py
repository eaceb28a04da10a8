"""File → Import…, and a page or JSON file dropped on the window.

Reading and the duplicate check are ``sspclerk.importers.reader`` (the same code
the command line runs); this module only asks for the file, stores the meeting,
shows the import report and opens the new meeting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import council_date

if TYPE_CHECKING:
    from .main_window import MainWindow

FILE_FILTER = "Meetings and agenda pages (*.txt *.html *.htm *.mhtml *.mht *.json);;All files (*)"


class ImportReport(QDialog):
    """What the import placed and what went to "Unplaced text", to read, not to act on."""

    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Imported")
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.heading = QLabel(title)
        self.heading.setObjectName("section")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.text = QPlainTextEdit("\n".join(lines) or "The meeting was imported as it is.")
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Import report")
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


class ImportActions(QObject):
    """File → Import… and dropping a .txt/.html/.htm/.json file on the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.report: ImportReport | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def choose_and_import(self) -> int | None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import a meeting", str(Path.home()), FILE_FILTER
        )
        return self.import_file(Path(path)) if path else None

    def import_file(self, path: Path) -> int | None:
        """Import one file; the new meeting's id, or None (the reason shown in a message box)."""
        from sspclerk.importers.reader import ImportRefused, read_meeting_or_page, refuse_duplicate
        from sspclerk.store import StoreError

        w = self.window
        if w.read_only:
            QMessageBox.warning(
                w, "Not imported", "This store is open read-only; nothing imported."
            )
            return None
        if w.autosaver is not None:
            w.autosaver.flush()
        try:
            read = read_meeting_or_page(path)
            refuse_duplicate(w.store, read.meeting)
            meeting_id = w.store.add_meeting(read.meeting, refuse_duplicate=True)
        except (ImportRefused, StoreError) as exc:
            QMessageBox.warning(w, "Not imported", f"Not imported: {exc}")
            return None
        w.open_meeting(meeting_id)
        m = read.meeting
        self.report = ImportReport(
            f"Imported {path.name}: {m.committee.name}, {council_date(m.date)}, "
            f"{len(m.items)} item{'s' if len(m.items) != 1 else ''}.",
            read.report,
            w,
        )
        self.report.open()  # window-modal, returns at once
        return meeting_id

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        from sspclerk.importers.reader import IMPORT_SUFFIXES

        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [
            Path(u.toLocalFile())
            for u in urls
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in IMPORT_SUFFIXES
        ]
        if not files:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if kind == QEvent.Type.Drop:
            for path in files:
                self.import_file(path)
        return True
