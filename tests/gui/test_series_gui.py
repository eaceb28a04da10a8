"""Across meetings in the window: new meeting, agenda building, publication, approval
and the lock, search, history — each checked in the window and in a fresh Store."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication

from sspclerk.core.series import NewItem
from sspclerk.gui.agenda_view import NUMBER
from sspclerk.gui.app import type_text
from sspclerk.gui.approval_dialog import ApprovalDialog
from sspclerk.gui.new_meeting_dialog import NewItemDialog, NewMeetingDialog
from sspclerk.gui.search_panel import snippet_html
from sspclerk.store import HIT_END, HIT_START, SearchHit, Store

ALT = Qt.KeyboardModifier.AltModifier


def agenda_numbers(window) -> list[tuple[str, str]]:
    a = window.agenda
    return [(a.item(r).data(NUMBER), a.item(r).text()) for r in range(a.count())]


def stored_numbers(db_path, meeting_id) -> list[tuple[str, str]]:
    with Store.open(db_path, readonly=True) as store:
        return [(i.number, i.title) for i in store.load_meeting(meeting_id).items]


def new_meeting_from_dialog(window, day=dt.date(2025, 9, 24)) -> int:
    """Fill the New meeting dialog as the clerk would and hand its data over."""
    defaults = window.series.meeting_defaults()
    dialog = NewMeetingDialog(window.store.committees(), defaults, "SSP", parent=window)
    # The default is eight weeks on, at the demo's time and venue.
    assert dialog.date.date() == QDate(2025, 9, 17)
    dialog.date.setDate(QDate(day.year, day.month, day.day))
    dialog.has_time.setChecked(True)
    dialog.time.setTime(QTime(9, 30))
    dialog.venue.setText("Jim Cooke Conference Suite")
    assert "publish the agenda by" in dialog.deadline.text()
    assert window.series.create_meeting(dialog.request()) is None
    dialog.deleteLater()
    return window.meeting.id


def test_new_meeting_continues_the_numbers_and_agenda_renumbers_until_published(
    open_window, qtbot, db_path
):
    window = open_window()
    window.clock = lambda: dt.datetime(2025, 9, 1, 9, 0)  # before the agenda deadline
    mid = new_meeting_from_dialog(window)
    assert mid != 1 and window.meeting.start_time == dt.time(9, 30)
    assert agenda_numbers(window) == [
        ("SSP/25/25", "Evacuation Procedure"),
        ("SSP/26/25", "Declarations of Interest"),
        ("SSP/27/25", "Minutes"),
        ("SSP/28/25", "Any Other Business"),
    ]
    assert window.meeting.items[2].agenda_text.endswith("Wednesday 23rd July 2025")
    assert window.series.deadline_label.text().startswith("Publish the agenda by")

    # Add: before Any Other Business, numbers follow the order.
    assert window.series.add_item_from(NewItem("Hate Crime <Update> & Plan")) is None
    assert window.editor.item.title == "Hate Crime <Update> & Plan"
    assert [n for n, _ in agenda_numbers(window)][-2:] == ["SSP/28/25", "SSP/29/25"]
    assert agenda_numbers(window)[3] == ("SSP/28/25", "Hate Crime <Update> & Plan")

    # Move it up twice with Alt+Up from the agenda list: it takes SSP/26/25.
    window.agenda.setFocus()
    qtbot.keyClick(window.agenda, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(window.agenda, Qt.Key.Key_Up, ALT)
    expected = [
        ("SSP/25/25", "Evacuation Procedure"),
        ("SSP/26/25", "Hate Crime <Update> & Plan"),
        ("SSP/27/25", "Declarations of Interest"),
        ("SSP/28/25", "Minutes"),
        ("SSP/29/25", "Any Other Business"),
    ]
    assert agenda_numbers(window) == expected == stored_numbers(db_path, mid)
    assert window.editor.item.title == "Hate Crime <Update> & Plan"

    # Drag and drop: the list's own move is handed to the store.
    model = window.agenda.model()
    model.moveRows(model.index(0, 0).parent(), 1, 1, model.index(0, 0).parent(), 5)
    qtbot.waitUntil(lambda: agenda_numbers(window)[-1][0] == "SSP/29/25", timeout=2000)
    assert agenda_numbers(window)[-1] == ("SSP/29/25", "Hate Crime <Update> & Plan")
    assert stored_numbers(db_path, mid)[-1] == ("SSP/29/25", "Hate Crime <Update> & Plan")

    # Remove: the rest close up.
    declarations = window.meeting.items[1]
    window.agenda.setCurrentRow(1)
    type_text(window.editor.notes, "None were declared.")
    before = stored_numbers(db_path, mid)
    assert window.series.remove_item_now(declarations.id)
    assert window.save_now() and window.autosaver.error is None
    assert [n for n, _ in agenda_numbers(window)] == [f"SSP/{n}/25" for n in range(25, 29)]
    assert stored_numbers(db_path, mid) == agenda_numbers(window)
    assert "Declarations of Interest" not in {t for _, t in stored_numbers(db_path, mid)}
    # Ctrl+Z brings it back, notes and number included, and shows it; Ctrl+Y takes it away.
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_numbers(db_path, mid) == before == agenda_numbers(window)
    assert window.editor.item.title == "Declarations of Interest"
    assert window.editor.notes.toPlainText() == "None were declared."
    assert window.last_message.startswith("Undone: SSP/26/25 “Declarations of Interest” removed")
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert "Declarations of Interest" not in {t for _, t in stored_numbers(db_path, mid)}
    assert window.autosaver.error is None and not window.autosaver.pending


def test_after_publication_an_item_needs_the_chairs_reason_and_takes_the_next_number(
    open_window, qtbot, db_path
):
    window = open_window()
    window.clock = lambda: dt.datetime(2025, 9, 18, 10, 0)  # the deadline was 16 September
    mid = new_meeting_from_dialog(window)
    assert window.series.deadline_label.text().startswith("Agenda not published")
    assert window.series.publish_on(dt.date(2025, 9, 18)) is None
    assert "LATE" in window.series.last_message
    assert "LATE" in window.series.deadline_label.text()
    assert window.meeting.agenda_published_on == dt.date(2025, 9, 18)

    dialog = NewItemDialog(
        window.series._frozen_note(window.meeting), window.series.add_item_from, window
    )
    assert dialog.urgent_reason.isVisibleTo(dialog)
    dialog.title.setText("Funding bid")
    dialog.try_accept()  # no reason given: refused, the dialog stays with the title typed
    assert dialog.result() == 0 and dialog.title.text() == "Funding bid"
    assert dialog.error.text().startswith("The agenda of Wednesday 24th September 2025 was")
    assert "chair's reason" in dialog.error.text()
    assert len(stored_numbers(db_path, mid)) == 4
    dialog.urgent_reason.setPlainText("The bid closes before the next meeting.")
    dialog.try_accept()
    assert dialog.result() == 1
    assert agenda_numbers(window)[-2] == ("SSP/29/25", "Funding bid")
    # Nothing was renumbered: Any Other Business keeps SSP/28/25 after the urgent item.
    assert [n for n, _ in agenda_numbers(window)] == [f"SSP/{n}/25" for n in (25, 26, 27, 29, 28)]
    assert ("SSP/29/25", "Funding bid") in stored_numbers(db_path, mid)


def test_approving_the_previous_minutes_locks_them_with_a_banner(open_window, qtbot, db_path):
    window = open_window()
    type_text(window.editor.notes, " Typed before the approval.")
    new_meeting_from_dialog(window)
    previous = window.store.load_meeting(1)
    dialog = ApprovalDialog(window.meeting, previous, window.series.approve_from, window)
    dialog.amendments.setPlainText("the removal of Hartlepool in the list of areas")
    dialog.try_accept()
    assert dialog.result() == 1
    item = window.editor.item
    assert item.title == "Minutes"
    assert "subject to the removal of Hartlepool" in window.editor.notes.toPlainText()
    assert any("subject to the removal" in o.text for o in item.outcomes)
    with Store.open(db_path, readonly=True) as store:
        assert store.is_locked(1)

    window.open_meeting(1)
    banner = window.series.lock_text
    assert banner.isVisible()
    assert banner.text().startswith("Minutes approved on Wednesday 24th September 2025")
    assert "recorded correction" in banner.text()
    assert window.editor.notes.isReadOnly() and window.editor.title.isReadOnly()
    assert not window.actions_by_name["add_action"].isEnabled()
    assert window.actions_by_name["record_correction"].isEnabled()
    before = window.editor.notes.toPlainText()
    qtbot.keyClicks(window.editor.notes, "sneaky edit")
    assert window.editor.notes.toPlainText() == before
    # Ctrl+1 on a locked meeting does nothing (no refused write left retrying).
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.autosaver.error is None and not window.autosaver.pending

    from sspclerk.gui.approval_dialog import CorrectionRequest

    # Undo cannot reach back into the locked minutes (it would be refused for ever).
    window.history.undo()
    window.save_now()
    assert window.autosaver.error is None and not window.autosaver.pending
    with Store.open(db_path, readonly=True) as store:
        assert store.load_meeting(1).items[0].minutes.endswith(" Typed before the approval.")

    assert window.series.correct_from(CorrectionRequest("SSP/16/25", "Read Sgt for PC.")) is None
    assert window.series.corrections.item(0).text().endswith("SSP/16/25: Read Sgt for PC.")
    with Store.open(db_path, readonly=True) as store:
        assert [c.text for c in store.load_meeting(1).corrections] == ["Read Sgt for PC."]


def test_search_finds_hartlepool_and_enter_opens_the_item(open_window, qtbot):
    window = open_window()
    new_meeting_from_dialog(window)  # the search must take the clerk to another meeting
    qtbot.keyClick(
        window.editor.notes,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.series.search_panel
    assert panel.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.box, timeout=2000)
    qtbot.keyClicks(panel.box, "Hartlepool")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=2000)
    label = panel.results.itemWidget(panel.results.item(0))
    assert "<b>Hartlepool</b>" in label.text()
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    assert window.meeting.id == 1
    assert window.editor.item.number == "SSP/14/25"
    panel.close()


def test_snippets_are_escaped_before_the_hits_are_marked():
    hit = SearchHit(
        1, dt.date(2025, 7, 23), "SSP", 3, "SSP/14/25", "Minutes",
        f"<script> & {HIT_START}Hartlepool{HIT_END} <b>",
    )  # fmt: skip
    assert snippet_html(hit) == "&lt;script&gt; &amp; <b>Hartlepool</b> &lt;b&gt;"


def test_history_restores_text_typed_earlier(open_window, qtbot, db_path):
    window = open_window()
    ticks = itertools.count()
    # Each store call is five minutes after the last: every save is kept as a version.
    window.store.clock = lambda: (
        dt.datetime(2025, 7, 23, 10) + dt.timedelta(minutes=5 * next(ticks))
    )
    notes = window.editor.notes
    notes.selectAll()
    type_text(notes, "First draft: Hartlepool & <Stockton>")
    assert window.save_now()
    notes.selectAll()
    type_text(notes, "Second draft, quite different")
    assert window.save_now()
    item_id = window.editor.item.id
    versions = window.store.item_history(item_id, "minutes")
    assert [v.text for v in versions] == [
        "First draft: Hartlepool & <Stockton>",
        "Second draft, quite different",
    ]
    # The dialog lists the newest first and offers the one before it.
    from sspclerk.gui.history_dialog import HistoryDialog

    seen = {}

    def choose_first():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, HistoryDialog)
        seen["rows"] = dialog.list.count()
        dialog.list.setCurrentRow(dialog.list.count() - 1)  # the oldest
        seen["preview"] = dialog.preview.toPlainText()
        dialog.restore_button.click()

    QTimer.singleShot(100, choose_first)
    notes.setFocus()
    type_text(notes, " + typed just now")  # pending: flushed before the history is shown
    window.series.show_history()
    assert seen == {"rows": 3, "preview": "First draft: Hartlepool & <Stockton>"}
    assert notes.toPlainText() == "First draft: Hartlepool & <Stockton>"
    assert window.editor.item.id == item_id
    with Store.open(db_path, readonly=True) as store:
        texts = [v.text for v in store.item_history(item_id, "minutes")]
        assert texts[-2] == "Second draft, quite different + typed just now"
        assert texts[-1] == "First draft: Hartlepool & <Stockton>"
        assert store.load_meeting(1).items[0].minutes == texts[-1]
    # Typing after the restore carries on from the restored text.
    type_text(notes, " and more")
    assert window.save_now()
    with Store.open(db_path, readonly=True) as store:
        assert store.load_meeting(1).items[0].minutes.endswith("<Stockton> and more")


def test_minutes_approved_elsewhere_while_typing_keep_the_text_and_say_so(
    open_window, qtbot, db_path
):
    window = open_window()
    with Store.open(db_path) as other:  # the command line, say, on the same store
        later = other.create_meeting("SSP", dt.date(2025, 9, 24)).meeting_id
        other.approve_minutes(later, 1)
    type_text(window.editor.notes, " typed after the approval")
    assert not window.save_now()
    assert "approved elsewhere" in window.banner.text()
    assert window.editor.notes.isReadOnly()
    assert window.editor.notes.toPlainText().endswith(" typed after the approval")
    assert "typed after the approval" in window.autosaver.pending_text()
