"""Approving the previous minutes, and recording a correction to approved ones.

Both dialogs return data; ``series_actions`` hands it to the store
(approve_minutes / add_correction), which does the work in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPlainTextEdit, QWidget

from sspclerk.core.dates import council_date
from sspclerk.core.model import Meeting

from .new_meeting_dialog import Submit, _SubmitDialog


@dataclass(frozen=True)
class ApprovalRequest:
    approved_meeting_id: int
    amendments: str = ""


@dataclass(frozen=True)
class CorrectionRequest:
    item_number: str  # "" for the minutes as a whole
    text: str


class ApprovalDialog(_SubmitDialog):
    """ "The minutes of the meeting held on … were agreed as a true record [subject to …]"."""

    def __init__(
        self,
        approving: Meeting,
        previous: Meeting,
        submit: Submit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Approve the previous minutes", submit, parent)
        self.previous = previous
        intro = QLabel(
            f"At the meeting of {council_date(approving.date)}, the minutes of the meeting "
            f"held on <b>{council_date(previous.date)}</b> are agreed as a true record.<br>"
            "Once approved they are locked: later changes are recorded as corrections."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.agreed = QCheckBox("&Agreed as a true record")
        self.agreed.setAccessibleName("Agreed as a true record")
        self.agreed.setChecked(True)
        self.form.addRow(self.agreed)
        self.amendments = QPlainTextEdit()
        self.amendments.setAccessibleName("Subject to these amendments")
        self.amendments.setTabChangesFocus(True)
        self.amendments.setFixedHeight(80)
        self.amendments.setPlaceholderText(
            "Optional, e.g. the removal of Hartlepool in the list of Clear Hold Build areas"
        )
        self.form.addRow("&Subject to", self.amendments)
        self.finish_layout("A&pprove")
        self.resize(580, self.sizeHint().height())

    def request(self) -> ApprovalRequest:
        if not self.agreed.isChecked():
            raise ValueError(
                "the minutes are approved only when agreed as a true record; "
                "cancel to leave them unapproved"
            )
        assert self.previous.id is not None
        return ApprovalRequest(self.previous.id, self.amendments.toPlainText().strip())


class CorrectionDialog(_SubmitDialog):
    """An erratum to approved minutes: which item (or all) and the correction."""

    def __init__(
        self,
        meeting: Meeting,
        current_number: str = "",
        submit: Submit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Record a correction", submit, parent)
        intro = QLabel(
            f"The minutes of {council_date(meeting.date)} are approved and locked. "
            "A correction is recorded and shown with them; the minutes are not changed."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.item = QComboBox()
        self.item.setAccessibleName("Item corrected")
        self.item.addItem("The minutes as a whole", "")
        for it in meeting.items:
            self.item.addItem(f"{it.number}  {it.title}"[:80], it.number)
        self.item.setCurrentIndex(max(0, self.item.findData(current_number)))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Correction")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.form.addRow("&Item", self.item)
        self.form.addRow("&Correction", self.text)
        self.finish_layout("&Record")
        self.resize(600, self.sizeHint().height())

    def request(self) -> CorrectionRequest:
        if not self.text.toPlainText().strip():
            raise ValueError("a correction needs its text")
        return CorrectionRequest(self.item.currentData() or "", self.text.toPlainText().strip())
