"""Dialogs that ask for a new meeting, a new agenda item and a publication date.

They return data (``request()``); the work is done by the store through
``series_actions``.  Each takes a ``submit`` callback that returns an error line or
None: a refusal is shown inside the dialog, which stays open, so nothing typed in
it is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import council_date
from sspclerk.core.deadlines import agenda_deadline, published_late
from sspclerk.core.model import Committee
from sspclerk.core.series import NewItem

Submit = Callable[[object], "str | None"]


@dataclass(frozen=True)
class NewMeetingRequest:
    committee_prefix: str
    date: dt.date
    time: dt.time | None
    venue: str


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class _SubmitDialog(QDialog):
    """OK runs ``submit(request())``; an error keeps the dialog open and says why."""

    def __init__(self, title: str, submit: Submit | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #8a1c12; font-weight: 600;")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, ok_text: str = "") -> None:
        if ok_text:  # say what OK does: "Create meeting", "Publish" …
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def request(self) -> object:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def try_accept(self) -> None:
        try:
            req = self.request()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        problem = self.submit(req) if self.submit is not None else None
        if problem:
            self.show_error(problem)
            return
        self.accept()


class NewMeetingDialog(_SubmitDialog):
    """Committee, date, time and venue of the next meeting."""

    def __init__(
        self,
        committees: list[Committee],
        defaults: dict[str, tuple[dt.date, dt.time | None, str]],
        current_prefix: str = "",
        submit: Submit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New meeting", submit, parent)
        self.defaults = defaults
        self.committee = QComboBox()
        self.committee.setAccessibleName("Committee")
        for c in committees:
            self.committee.addItem(f"{c.name} ({c.prefix})", c.prefix)
        self.date = QDateEdit()
        self.date.setAccessibleName("Meeting date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.has_time = QCheckBox("&Start time")
        self.has_time.setAccessibleName("The start time is known")
        self.time = QTimeEdit()
        self.time.setAccessibleName("Start time")
        self.time.setDisplayFormat("HH:mm")
        self.has_time.toggled.connect(self.time.setEnabled)
        self.venue = QLineEdit()
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("e.g. Jim Cooke Conference Suite, Stockton Central Library")
        self.deadline = QLabel()
        self.deadline.setAccessibleName("Agenda deadline")
        self.form.addRow("&Committee", self.committee)
        self.form.addRow("&Date", self.date)
        self.form.addRow(self.has_time, self.time)
        self.form.addRow("&Venue", self.venue)
        self.form.addRow("Agenda deadline", self.deadline)
        self.finish_layout("Create &meeting")
        self.committee.currentIndexChanged.connect(self._committee_chosen)
        self.date.dateChanged.connect(self._show_deadline)
        at = self.committee.findData(current_prefix)
        self.committee.setCurrentIndex(max(0, at))
        self._committee_chosen()
        self.resize(560, self.sizeHint().height())

    def _committee_chosen(self) -> None:
        day, time, venue = self.defaults.get(
            self.committee.currentData() or "", (dt.date.today(), None, "")
        )
        self.date.setDate(_qdate(day))
        self.has_time.setChecked(time is not None)
        self.time.setEnabled(time is not None)
        if time is not None:
            self.time.setTime(QTime(time.hour, time.minute))
        self.venue.setText(venue)
        self._show_deadline()

    def _show_deadline(self) -> None:
        day = _pydate(self.date.date())
        self.deadline.setText(f"publish the agenda by {council_date(agenda_deadline(day))}")

    def request(self) -> NewMeetingRequest:
        prefix = self.committee.currentData()
        if not prefix:
            raise ValueError("there is no committee yet: add one first (Committees…)")
        t = self.time.time()
        return NewMeetingRequest(
            prefix,
            _pydate(self.date.date()),
            dt.time(t.hour(), t.minute()) if self.has_time.isChecked() else None,
            self.venue.text().strip(),
        )


class NewItemDialog(_SubmitDialog):
    """Title, agenda text, restricted; after publication also the chair's reason."""

    def __init__(
        self,
        frozen_note: str = "",
        submit: Submit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Add an agenda item", submit, parent)
        self.title = QLineEdit()
        self.title.setAccessibleName("Item title")
        self.agenda_text = QPlainTextEdit()
        self.agenda_text.setAccessibleName("Agenda text")
        self.agenda_text.setTabChangesFocus(True)
        self.agenda_text.setFixedHeight(70)
        self.restricted = QCheckBox("&Restricted (not for publication)")
        self.restricted.setAccessibleName("Restricted item")
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Agenda text", self.agenda_text)
        self.form.addRow("", self.restricted)
        self.urgent_reason = QPlainTextEdit()
        self.urgent_reason.setAccessibleName("Chair's reason for taking the item as urgent")
        self.urgent_reason.setTabChangesFocus(True)
        self.urgent_reason.setFixedHeight(60)
        self.urgent_reason.setPlaceholderText(
            "e.g. The Chair agreed to take the item as urgent because the funding deadline "
            "falls before the next meeting."
        )
        if frozen_note:
            note = QLabel(frozen_note)
            note.setWordWrap(True)
            note.setStyleSheet("color: #6b4a00;")
            self.form.addRow(note)
            self.form.addRow("Chair's r&eason", self.urgent_reason)
        else:
            self.urgent_reason.hide()
        self.finish_layout("Add &item")
        self.resize(560, self.sizeHint().height())

    def request(self) -> NewItem:
        if not self.title.text().strip():
            raise ValueError("an item needs a title")
        return NewItem(
            self.title.text().strip(),
            self.agenda_text.toPlainText(),
            self.restricted.isChecked(),
            self.urgent_reason.toPlainText().strip(),
        )


class PublishDialog(_SubmitDialog):
    """The publication date, with the deadline and a warning when it is missed."""

    def __init__(
        self,
        meeting_date: dt.date,
        today: dt.date,
        submit: Submit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Publish the agenda", submit, parent)
        self.meeting_date = meeting_date
        self.deadline = agenda_deadline(meeting_date)
        intro = QLabel(
            f"Meeting: {council_date(meeting_date)}. Publish by "
            f"{council_date(self.deadline)} (five clear working days).\n"
            "Once published the item numbers are frozen; later items are urgent business."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.on = QDateEdit(_qdate(today))
        self.on.setAccessibleName("Publication date")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("ddd d MMM yyyy")
        self.form.addRow("Published &on", self.on)
        self.late = QLabel()
        self.late.setAccessibleName("Late warning")
        self.late.setWordWrap(True)
        self.form.addRow(self.late)
        self.on.dateChanged.connect(self._check_late)
        self._check_late()
        self.finish_layout("&Publish")
        self.resize(520, self.sizeHint().height())

    def _check_late(self) -> None:
        on = _pydate(self.on.date())
        if published_late(on, self.meeting_date):
            self.late.setText(
                "⚠ This is LATE: fewer than five clear working days before the meeting."
            )
            self.late.setStyleSheet("color: #8a1c12; font-weight: 600;")
        else:
            self.late.setText("In time.")
            self.late.setStyleSheet("color: #1b5e20;")

    def request(self) -> dt.date:
        return _pydate(self.on.date())
