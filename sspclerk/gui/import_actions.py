"""File → Import…, and a page or JSON file dropped on the window.

Reading, joining the stored committee and the duplicate check are
``sspclerk.importers.reader`` (the same code the command line runs); this module
only asks for the file, asks what a page does not say (its committee and date),
stores the meeting, shows the import report and opens the new meeting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import council_date, parse_date, parse_time

if TYPE_CHECKING:
    from sspclerk.importers.page import MeetingDetails, PageNeedsDetails

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


class MeetingDetailsDialog(QDialog):
    """What a page does not say: its committee, date and start time.

    Pre-filled with what the page did say; the store's committees are offered
    first.  For a page listing one item at several meetings, the meeting is chosen
    from that list.  The dialog only returns what was chosen (``details()``).
    """

    def __init__(
        self, file_name: str, needs: PageNeedsDetails, committees: list[str], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which meeting is this?")
        self.needs = needs
        layout = QVBoxLayout(self)
        self.heading = QLabel(
            f"{file_name} {needs.reason}. Say which meeting it is and it will be imported."
        )
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        form = QFormLayout()
        layout.addLayout(form)
        self.meetings: QComboBox | None = None
        if needs.meetings:
            self.meetings = QComboBox()
            self.meetings.setAccessibleName("Meeting on the page")
            self.meetings.addItem("")
            for m in needs.meetings:
                self.meetings.addItem(f"{m.committee} – {council_date(m.date)}")
            self.meetings.currentIndexChanged.connect(self._meeting_chosen)
            form.addRow("&Meeting:", self.meetings)
        found = needs.found
        self.committee = QComboBox()
        self.committee.setEditable(True)
        self.committee.setAccessibleName("Committee")
        names = list(committees)
        if found.committee and found.committee not in names:
            names.append(found.committee)
        self.committee.addItems(names)
        self.committee.setCurrentText(found.committee)
        self.committee.lineEdit().setPlaceholderText("the committee's name")  # type: ignore[union-attr]
        form.addRow("&Committee:", self.committee)
        self.date = QLineEdit(f"{found.date.day} {found.date:%B %Y}" if found.date else "")
        self.date.setAccessibleName("Date of the meeting")
        self.date.setPlaceholderText("e.g. 11 March 2025, 11/03/2025 or 2025-03-11")
        form.addRow("&Date:", self.date)
        self.date_read = QLabel("")  # the date as read, so a slip shows before importing
        form.addRow("", self.date_read)
        self.time = QLineEdit(found.time.strftime("%H:%M") if found.time else "")
        self.time.setAccessibleName("Start time")
        self.time.setPlaceholderText("HH:MM, if known")
        form.addRow("&Time:", self.time)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.committee.currentTextChanged.connect(self._check)
        self.date.textChanged.connect(self._check)
        self.time.textChanged.connect(self._check)
        self._check()

    def _meeting_chosen(self, index: int) -> None:
        if index <= 0:
            return
        chosen = self.needs.meetings[index - 1]
        self.committee.setCurrentText(chosen.committee)
        self.date.setText(f"{chosen.date.day} {chosen.date:%B %Y}")

    def _day(self) -> dt.date | None:
        """The date typed, in any way a council prints one ("4th March 2025", "04/03/2025")."""
        from sspclerk.importers.page.when import DATE
        from sspclerk.importers.page.when import parse_date as parse_page_date

        text = self.date.text().strip()
        try:
            return parse_date(text)
        except ValueError:
            pass
        m = DATE.fullmatch(text)
        return parse_page_date(m) if m else None

    def _check(self) -> None:
        """Import only once a committee and a date are given and the time reads."""
        day = self._day()
        self.date_read.setText(council_date(day) if day else "")
        problem = ""
        if not self.committee.currentText().strip():
            problem = "Give the committee."
        elif day is None:
            problem = (
                "Give the date of the meeting."
                if not self.date.text().strip()
                else "The date does not read as a date; write it as 11 March 2025."
            )
        elif self.time.text().strip():
            try:
                parse_time(self.time.text())
            except ValueError:
                problem = "Write the time as HH:MM (24-hour), or leave it empty."
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def details(self) -> MeetingDetails:
        from sspclerk.importers.page import MeetingDetails

        text = self.time.text().strip()
        return MeetingDetails(
            self.committee.currentText().strip(),
            self._day(),
            parse_time(text) if text else None,
        )


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
        """Import one file; the new meeting's id, or None (the reason shown in a message box).

        A page that does not say its committee or date asks for them first.
        """
        from sspclerk.importers.reader import (
            ImportNeedsDetails,
            ImportRefused,
            read_meeting_or_page,
            ready_to_store,
        )
        from sspclerk.store import StoreError

        w = self.window
        if w.read_only:
            QMessageBox.warning(
                w, "Not imported", "This store is open read-only; nothing imported."
            )
            return None
        if w.autosaver is not None:
            w.autosaver.flush()
        given = None
        while True:
            try:
                read = read_meeting_or_page(path, given)
                ready_to_store(w.store, read)
                meeting_id = w.store.add_meeting(read.meeting, refuse_duplicate=True)
                break
            except ImportNeedsDetails as exc:
                given = self.ask_details(path, exc.needs)
                if given is None:
                    return None  # the clerk cancelled: nothing imported, nothing to say
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

    def ask_details(self, path: Path, needs: PageNeedsDetails) -> MeetingDetails | None:
        """The committee, date and time the clerk gives for a page; None if cancelled."""
        committees = [c.name for c in self.window.store.committees()]
        dialog = MeetingDetailsDialog(path.name, needs, committees, self.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.details()
        finally:
            dialog.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        from sspclerk.importers.reader import IMPORT_SUFFIXES

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
