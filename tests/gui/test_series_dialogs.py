"""The committee editor and the action log, saved and read back through a fresh Store."""

from __future__ import annotations

import csv
import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QMessageBox, QTableWidget

from sspclerk.core.model import Action, ActionStatus, Role
from sspclerk.gui.action_log_dialog import ActionLogDialog
from sspclerk.gui.committee_dialog import CommitteesDialog
from sspclerk.gui.new_meeting_dialog import NewMeetingRequest
from sspclerk.store import Store


def test_committee_editor_saves_members_standing_items_and_wording(open_window, qtbot, db_path):
    window = open_window()
    dialog = CommitteesDialog(window.store.committees(), 1, window.series.save_committee, window)
    assert dialog.prefix.isReadOnly()  # its numbers already use it
    dialog.outcome_word.setCurrentIndex(dialog.outcome_word.findData("RESOLVED"))
    dialog.year_month.setCurrentIndex(3)  # April
    dialog.add_member(focus=False)
    dialog.members.item(0, 0).setText("Cllr Siân Ó Briain <Chair> & co")
    dialog.members.item(0, 1).setText("Stockton-on-Tees Borough Council")
    role = dialog.members.cellWidget(0, 2)
    role.setCurrentIndex(role.findData(Role.CHAIR.value))
    dialog.add_member(focus=False)  # an empty row added by mistake is not a member
    dialog.standing.setCurrentCell(3, 0)  # Any Other Business …
    dialog.move_standing(-1)  # … before the minutes
    dialog.add_standing(focus=False)
    dialog.standing.item(4, 0).setText("Forward Plan")
    dialog.standing.item(4, 1).setText("To note the forward plan")
    dialog.standing.setCurrentCell(0, 0)
    dialog.remove_standing()  # Evacuation Procedure goes
    dialog.try_accept()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    with Store.open(db_path, readonly=True) as store:
        c = store.committees()[0]
    assert (c.outcome_word, c.year_start_month, c.year_start_day) == ("RESOLVED", 4, 1)
    assert [(m.name, m.role) for m in c.members] == [
        ("Cllr Siân Ó Briain <Chair> & co", Role.CHAIR)
    ]
    assert [s.title for s in c.standing_items] == [
        "Declarations of Interest",
        "Any Other Business",
        "Minutes",
        "Forward Plan",
    ]
    assert c.standing_items[-1].agenda_text == "To note the forward plan"
    # The open meeting follows at once: the outcome buttons now say RESOLVED.
    assert window.meeting.committee.outcome_word == "RESOLVED"
    assert window.editor.phrase_buttons[0].toolTip().startswith("RESOLVED")

    fresh = CommitteesDialog(window.store.committees(), None, window.series.save_committee, window)
    fresh.chooser.setCurrentIndex(fresh.chooser.findData(None))
    fresh.chooser.activated.emit(fresh.chooser.currentIndex())
    fresh.name.setText("Community Safety Board")
    fresh.prefix.setText("SSP")
    fresh.try_accept()  # a second SSP would overwrite the first: refused, stays open
    assert fresh.result() == 0 and "exists already" in fresh.error.text()
    fresh.prefix.setText("CSB")
    fresh.try_accept()
    assert fresh.result() == QDialog.DialogCode.Accepted
    with Store.open(db_path, readonly=True) as store:
        assert {c.prefix for c in store.committees()} == {"SSP", "CSB"}


def test_action_log_changes_status_and_exports_csv(open_window, qtbot, db_path, tmp_path):
    window = open_window()
    item = window.meeting.items[4]
    window.store.add_action(item.id, Action("Share the =SUM(ASB) figures", "Insp. Lee"))
    window.store.add_action(item.id, Action("Book the room", "Clerk", dt.date(2025, 9, 1)))
    dialog = ActionLogDialog(
        lambda open_only: window.store.action_log(open_only),
        window.series.set_action_status,
        tmp_path,
        window,
    )
    assert dialog.table.rowCount() == 2
    box = dialog.table.cellWidget(1, 5)
    box.setCurrentIndex(box.findData(ActionStatus.DONE.value))
    box.activated.emit(box.currentIndex())
    assert dialog.table.rowCount() == 1  # open only: the done one leaves the list
    with Store.open(db_path, readonly=True) as store:
        assert [e.status for e in store.action_log()] == [ActionStatus.OPEN, ActionStatus.DONE]
    dialog.open_only.setChecked(False)
    assert dialog.table.rowCount() == 2
    worker = dialog.export("csv", tmp_path / "log.csv")
    qtbot.waitUntil(
        lambda: dialog.status.text().startswith(("Written", "Not exported")), timeout=5000
    )
    worker.wait()
    assert dialog.status.text().startswith("Written"), dialog.status.text()
    rows = list(csv.DictReader((tmp_path / "log.csv").open(encoding="utf-8-sig")))
    assert [(r["Action"], r["Status"]) for r in rows] == [
        ("Share the =SUM(ASB) figures", "open"),
        ("Book the room", "done"),
    ]
    dialog.deleteLater()


def test_remove_asks_first_and_no_keeps_the_item(open_window, qtbot, db_path):
    window = open_window()
    window.series.create_meeting(NewMeetingRequest("SSP", dt.date(2025, 9, 24), None, ""))
    count = len(window.meeting.items)
    asked = {}

    def answer_no():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked["text"] = box.text()
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(100, answer_no)
    window.agenda.setCurrentRow(1)
    qtbot.keyClick(
        window.editor.notes,
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "SSP/26/25" in asked["text"] and "renumbered" in asked["text"]
    assert len(window.meeting.items) == count


def test_every_input_of_the_series_dialogs_has_an_accessible_name(open_window):
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

    from sspclerk.gui.approval_dialog import ApprovalDialog, CorrectionDialog
    from sspclerk.gui.history_dialog import HistoryDialog
    from sspclerk.gui.new_meeting_dialog import NewItemDialog, NewMeetingDialog, PublishDialog
    from sspclerk.gui.search_panel import SearchPanel

    window = open_window()
    m = window.meeting
    dialogs = [
        CommitteesDialog(window.store.committees(), 1, None, window),
        NewMeetingDialog(window.store.committees(), {}, "SSP", None, window),
        NewItemDialog("frozen", None, window),
        PublishDialog(m.date, m.date, None, window),
        ApprovalDialog(m, m, None, window),
        CorrectionDialog(m, "", None, window),
        HistoryDialog("x", lambda f: [], "minutes", True, window),
        SearchPanel(lambda t: [], lambda h: None, window),
        ActionLogDialog(lambda o: [], lambda a, s: None, window.store.path.parent, window),
    ]
    dialogs[0].add_member(focus=False)
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QListWidget, QTableWidget)
    unnamed, checked = [], 0
    for d in dialogs:
        for w in d.findChildren(QWidget):
            if not isinstance(w, kinds) or isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
                continue
            if w.objectName().startswith("qt_"):
                continue  # a table's own cell editor
            checked += 1
            if not w.accessibleName():
                unnamed.append(f"{type(d).__name__}: {type(w).__name__}")
        d.deleteLater()
    assert checked > 25 and not unnamed


def test_the_keys_open_the_dialogs_and_ok_does_the_work(open_window, qtbot, db_path):
    from sspclerk.gui.approval_dialog import ApprovalDialog
    from sspclerk.gui.new_meeting_dialog import NewMeetingDialog

    window = open_window()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    seen = []

    def fill_new_meeting():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewMeetingDialog)
        seen.append(dialog.windowTitle())
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    QTimer.singleShot(100, fill_new_meeting)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_N, ctrl_shift)
    assert window.meeting.date == dt.date(2025, 9, 17)
    assert window.meeting.items[0].number == "SSP/25/25"

    def approve():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ApprovalDialog)
        seen.append(dialog.windowTitle())
        dialog.amendments.setPlainText("the correction of a date in SSP/15/25.")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    window.activateWindow()  # offscreen Qt does not hand activation back after a dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    QTimer.singleShot(100, approve)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_Y, ctrl_shift)
    assert seen == ["New meeting", "Approve the previous minutes"]
    assert QApplication.activeModalWidget() is None
    with Store.open(db_path, readonly=True) as store:
        approved = store.load_meeting(1)
    assert approved.approval.amendments == "the correction of a date in SSP/15/25"
    assert window.editor.item.title == "Minutes"  # the approving item, with its outcome
    assert "subject to the correction of a date" in window.editor.outcomes.item(0).text()
