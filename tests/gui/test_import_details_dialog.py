"""A page that does not say its committee or date: the window asks, then imports.

The dialog is driven for real (its fields typed into, its Import button clicked)
from inside its own event loop, as the clerk would, so no modal dialog is left open.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from sspclerk.gui.import_actions import MeetingDetailsDialog
from sspclerk.importers.page import MeetingDetails, MeetingOnPage, PageNeedsDetails
from sspclerk.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "importers" / "pages" / "corpus"


def _needs(**found) -> PageNeedsDetails:
    return PageNeedsDetails(
        "page.txt",
        "has 3 items but does not say the committee or the date of the meeting",
        ("committee", "date"),
        MeetingDetails(**found),
        3,
    )


def _import_button(dialog: MeetingDetailsDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_dialog_offers_the_stored_committees_first_and_what_the_page_said(qtbot) -> None:
    needs = _needs(committee="Zennor Cross Allotments Committee", time=dt.time(19, 0))
    dialog = MeetingDetailsDialog("page.txt", needs, ["Planning Committee", "SSP Board"], None)
    qtbot.addWidget(dialog)
    names = [dialog.committee.itemText(i) for i in range(dialog.committee.count())]
    assert names == ["Planning Committee", "SSP Board", "Zennor Cross Allotments Committee"]
    assert dialog.committee.currentText() == "Zennor Cross Allotments Committee"
    assert dialog.time.text() == "19:00"
    assert "does not say the committee or the date" in dialog.heading.text()
    # no date yet: nothing can be imported, and the dialog says why
    assert not _import_button(dialog).isEnabled()
    assert dialog.problem.text() == "Give the date of the meeting."
    dialog.date.setText("30 February 2025")
    assert not _import_button(dialog).isEnabled() and "does not read" in dialog.problem.text()
    for written in ("2025-03-11", "11/03/2025", "Tuesday 11th March 2025"):
        dialog.date.setText(written)
        assert _import_button(dialog).isEnabled(), written
        assert dialog.date_read.text() == "Tuesday 11th March 2025"
    dialog.time.setText("7pm")
    assert not _import_button(dialog).isEnabled() and "HH:MM" in dialog.problem.text()
    dialog.time.setText("")
    dialog.committee.setCurrentText("   ")
    assert not _import_button(dialog).isEnabled()
    dialog.committee.setCurrentText("Planning Committee")
    assert dialog.details() == MeetingDetails("Planning Committee", dt.date(2025, 3, 11), None)


def test_choosing_one_of_the_pages_meetings_fills_committee_and_date(qtbot) -> None:
    meetings = (
        MeetingOnPage("Glenford Scrutiny Committee", dt.date(2025, 2, 20)),
        MeetingOnPage("Glenford Cabinet", dt.date(2025, 3, 4)),
    )
    needs = PageNeedsDetails(
        "h.txt", "lists items at 2 meetings", ("date",), MeetingDetails(), 2, meetings
    )
    dialog = MeetingDetailsDialog("h.txt", needs, [], None)
    qtbot.addWidget(dialog)
    assert dialog.meetings is not None and dialog.meetings.count() == 3
    dialog.meetings.setCurrentIndex(2)
    assert dialog.details() == MeetingDetails("Glenford Cabinet", dt.date(2025, 3, 4), None)


def _answer(qtbot, committee: str | None, date: str, time: str = "") -> list[str]:
    """Fill and press Import in the dialog once it opens (None: press Cancel)."""
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MeetingDetailsDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog.heading.text())
        if committee is None:
            dialog.reject()
            return
        dialog.committee.setCurrentText(committee)
        dialog.date.setText(date)
        dialog.time.setText(time)
        qtbot.mouseClick(_import_button(dialog), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    return seen


def _choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _no_warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        staticmethod(
            lambda _p, _t, text, *a, **k: said.append(text) or QMessageBox.StandardButton.Ok
        ),
    )
    return said


def _meetings(db_path: Path) -> list[tuple[str, str]]:
    with Store.open(db_path, readonly=True) as store:
        return [(m.committee, m.date.isoformat()) for m in store.list_meetings()]


def test_a_page_without_its_header_is_imported_once_the_clerk_says_which_meeting(
    open_window, qtbot, monkeypatch, db_path
) -> None:
    window = open_window()
    said = _no_warnings(monkeypatch)
    _choose(monkeypatch, CORPUS / "zennor-no-heading-other-dates.txt")
    seen = _answer(qtbot, "Safer Stockton Partnership", "17/09/2025", "09:30")
    window.actions_by_name["import_meeting"].trigger()
    assert said == []
    assert seen and "has 3 items but does not say the committee or the date" in seen[0]
    # the stored committee was offered and taken: the meeting joins its meetings
    assert ("Safer Stockton Partnership", "2025-09-17") in _meetings(db_path)
    m = window.meeting
    assert (m.committee.prefix, m.start_time) == ("SSP", dt.time(9, 30))
    assert [i.number for i in m.items] == ["21", "22", "23"]
    window.imports.report.accept()


def test_cancelling_the_question_imports_nothing_and_says_nothing(
    open_window, qtbot, monkeypatch, db_path
) -> None:
    window = open_window()
    said = _no_warnings(monkeypatch)
    before = _meetings(db_path)
    _choose(monkeypatch, CORPUS / "glenford-single-item.txt")
    seen = _answer(qtbot, None, "")
    window.actions_by_name["import_meeting"].trigger()
    assert seen and said == []
    assert _meetings(db_path) == before
    assert window.meeting.id == 1
