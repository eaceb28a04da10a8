"""Typing minutes in the window and finding them in the store."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from sspclerk.core.model import AttendanceStatus, MeetingStatus
from sspclerk.gui.app import type_text
from tests.gui.conftest import back_in

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_typing_in_two_items_is_saved_for_a_fresh_connection(
    open_window, qtbot, db_path, read_store
):
    window = open_window()
    first, second = window.meeting.items[0], window.meeting.items[1]
    assert window.editor.item is first
    type_text(window.editor.notes, " Alarm test at 9.05 — Łódź, Ελλάδα, Київ 🎉")
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageDown, CTRL)
    assert window.editor.item is second
    assert QApplication.focusWidget() is window.editor.notes
    qtbot.keyClicks(window.editor.notes, " None declared by <Cllr> & co")
    # Item switch saved the first at once; the second within a second of the last key.
    assert "Łódź, Ελλάδα, Київ 🎉" in read_store(db_path).items[0].minutes
    qtbot.waitUntil(lambda: "by <Cllr> & co" in read_store(db_path).items[1].minutes, timeout=1000)
    stored = read_store(db_path)
    assert (
        stored.items[0].minutes
        == first.minutes
        == window.editor.document(first.id, "minutes").toPlainText()
    )
    assert "None declared by <Cllr> & co" in stored.items[1].minutes
    assert window.save_state.text().startswith("All changes saved · ")


def test_ctrl_pgup_goes_back_and_closing_saves_at_once(open_window, qtbot, db_path, read_store):
    window = open_window()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageUp, CTRL)
    assert window.editor.item is window.meeting.items[1]
    qtbot.keyClicks(window.editor.notes, " typed just before closing")
    window.close()  # before the idle timer: the close itself must save
    assert read_store(db_path).items[1].minutes.endswith(" typed just before closing")


def test_lists_continue_on_enter(open_window, qtbot):
    window = open_window()
    notes = window.editor.notes
    notes.selectAll()
    qtbot.keyClicks(notes, "- first")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "second")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # an empty bullet ends the list
    qtbot.keyClicks(notes, "1. one")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "two")
    assert notes.toPlainText() == "- first\n- second\n1. one\n2. two"


def test_pasting_rich_html_lands_as_plain_text(open_window, qtbot, db_path, read_store):
    window = open_window()
    notes = window.editor.notes
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_Delete)
    mime = QMimeData()
    mime.setHtml(
        "<html><body><p style='font-family:Calibri'><b>Police</b> &amp; <i>partners</i>"
        "<span style='color:red'> agreed</span></p><table><tr><td>cell</td></tr></table>"
        "<ul><li>first point</li></ul></body></html>"
    )
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    text = notes.toPlainText()
    assert "Police & partners agreed" in text
    assert "cell" in text and "first point" in text
    assert "<" not in text and "&amp;" not in text and "Calibri" not in text
    # Word's own plain text: bullets as "•\t", a manual line break as \x0b, a BEL field.
    word = QMimeData()
    word.setText("\n•\tNew CCTV\x0bcameras\x07\n2.\tNext step\n")
    word.setHtml("<p class=MsoListParagraph>ignored when plain text is offered</p>")
    QApplication.clipboard().setMimeData(word)
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText().endswith("\n- New CCTV\ncameras\n2. Next step\n")
    assert "ignored" not in notes.toPlainText()
    window.save_now()
    stored = read_store(db_path).items[0].minutes
    assert stored == notes.toPlainText()
    assert "\x07" not in stored and "\x0b" not in stored


def test_undo_and_redo_across_items(open_window, qtbot, db_path, read_store):
    window = open_window()
    items = window.meeting.items
    original = [items[0].minutes, items[1].minutes]
    qtbot.keyClicks(window.editor.notes, " ALPHA")
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClicks(window.editor.notes, " BETA")
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_Z, CTRL)
    assert window.editor.item is items[1]
    assert window.editor.notes.toPlainText() == original[1]
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_Z, CTRL)  # reaches back into item 1
    assert window.editor.item is items[0]
    assert window.editor.notes.toPlainText() == original[0]
    assert QApplication.focusWidget() is window.editor.notes
    window.save_now()
    assert [i.minutes for i in read_store(db_path).items[:2]] == original
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.editor.item is items[0]
    assert window.editor.notes.toPlainText() == original[0] + " ALPHA"
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.editor.item is items[1]
    assert window.editor.notes.toPlainText() == original[1] + " BETA"
    window.save_now()
    assert [i.minutes for i in read_store(db_path).items[:2]] == [
        original[0] + " ALPHA",
        original[1] + " BETA",
    ]


def test_outcome_in_one_keystroke_uses_the_committee_word(
    open_window, qtbot, db_path, read_store, answer
):
    window = open_window()
    item = window.meeting.items[0]
    assert not item.outcomes
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_1, CTRL)  # pressed twice: still one outcome
    assert [o.text for o in read_store(db_path).items[0].outcomes] == ["AGREED to note the report."]
    assert window.agenda.item(0).data(Qt.ItemDataRole.UserRole + 3) is True  # the agenda mark
    asked = answer()  # withdrawn beside "noted" asks first; the clerk means it
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_6, CTRL)
    assert "already has the outcome" in asked[0]
    assert [o.text for o in read_store(db_path).items[0].outcomes][-1] == "The item was withdrawn."


def test_live_meeting_stamps_start_items_and_end(open_window, qtbot, db_path, read_store, answer):
    window = open_window()
    asked = answer()  # the demo meeting was closed: F5 asks before reopening it
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_F5)
    assert asked[0].startswith("Reopen the meeting of 23 July 2025?")
    back_in(qtbot, window)
    stored = read_store(db_path)
    assert stored.status == MeetingStatus.IN_SESSION and stored.started_at is not None
    assert stored.current_item().number == "SSP/12/25"
    assert "In session" in window.clock_label.text()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageDown, CTRL)  # on the live item: moves on
    stored = read_store(db_path)
    assert stored.current_item().number == "SSP/13/25"
    assert stored.items[0].ended_at is not None
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageUp, CTRL)  # looking back changes nothing
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_PageUp, CTRL)
    assert read_store(db_path).current_item().number == "SSP/14/25"
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_G, CTRL)  # back to the current item
    assert window.editor.item.number == "SSP/14/25"
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_F5, SHIFT)
    stored = read_store(db_path)
    assert stored.status == MeetingStatus.CONCLUDED and stored.ended_at is not None
    assert stored.current_item() is None


def test_reopening_a_meeting_in_session_selects_its_current_item(
    windows, qtbot, read_store, answer
):
    window = windows.open()
    answer()
    window.live.start_meeting()
    window.move(+1)
    window.move(+1)
    windows.shut(window)
    again = windows.open(None)  # plain `sspclerk`: the last meeting, at its current item
    assert not again.read_only
    assert again.editor.item.number == "SSP/14/25"
    assert again.agenda.currentRow() == 2


def test_attendance_and_declarations_from_the_keyboard(
    open_window, qtbot, db_path, read_store, answer
):
    window = open_window()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_P, CTRL | SHIFT)
    panel = window.attendance
    assert QApplication.focusWidget() is panel.name
    qtbot.keyClicks(panel.name, "Cllr Test Person")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.name, "Second Person")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    panel.table.setFocus()
    panel.table.selectRow(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    people = read_store(db_path).attendance
    assert [(p.name, p.status) for p in people] == [
        ("Cllr Test Person", AttendanceStatus.PRESENT),
        ("Second Person", AttendanceStatus.APOLOGIES),
    ]
    answer()
    window.live.start_meeting()
    back_in(qtbot, window)
    panel.table.selectRow(0)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_R, CTRL | SHIFT)
    assert read_store(db_path).attendance[0].arrived_at_item.startswith("SSP/12/25 at ")

    qtbot.keyClick(window.editor.notes, Qt.Key.Key_D, CTRL | SHIFT)
    decl = window.declarations
    assert decl.item.currentData() == "SSP/12/25"
    decl.person.setCurrentText("Cllr Test Person")
    decl.withdrew.setChecked(True)
    qtbot.keyClicks(decl.nature, "Trustee of a charity in the report")
    qtbot.keyClick(decl.nature, Qt.Key.Key_Return)
    (d,) = read_store(db_path).declarations
    assert (d.name, d.item, d.nature, d.withdrew) == (
        "Cllr Test Person",
        "SSP/12/25",
        "Trustee of a charity in the report",
        True,
    )


def test_a_vote_and_typed_wording_and_removing_an_outcome(open_window, qtbot, read_store, answer):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    window = open_window()

    def fill_vote():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.for_.setValue(7)
        dialog.against.setValue(2)
        dialog.abstain.setValue(1)
        dialog.accept()

    QTimer.singleShot(100, fill_vote)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_7, CTRL)
    window.activateWindow()  # (offscreen does not hand activation back after a dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.notes, timeout=2000)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_O, CTRL | SHIFT)
    assert QApplication.focusWidget() is window.editor.outcome_text
    qtbot.keyClicks(window.editor.outcome_text, "AGREED that a task group be formed.")
    asked = answer()  # a second decision on the item: asked, Yes is the default for typing
    qtbot.keyClick(window.editor.outcome_text, Qt.Key.Key_Return)
    assert asked and "Add “AGREED that a task group be formed.” as well?" in asked[0]
    back_in(qtbot, window)
    outcomes = read_store().items[0].outcomes
    assert [(o.text, o.votes_for, o.votes_against, o.abstentions) for o in outcomes] == [
        ("AGREED that the recommendations be approved (For 7, Against 2, Abstentions 1).", 7, 2, 1),
        ("AGREED that a task group be formed.", None, None, None),
    ]
    window.editor.outcomes.setFocus()
    window.editor.outcomes.setCurrentRow(0)
    qtbot.keyClick(window.editor.outcomes, Qt.Key.Key_Delete)
    assert [o.text for o in read_store().items[0].outcomes] == [
        "AGREED that a task group be formed."
    ]


def test_an_action_row_from_the_keyboard(open_window, qtbot, read_store):
    import datetime as dt

    window = open_window()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_A, CTRL | SHIFT)
    editor = QApplication.focusWidget()
    assert isinstance(editor, type(window.editor.outcome_text))  # the cell editor is open
    qtbot.keyClicks(editor, "Circulate the knife crime plan")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Owen Baird")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "30/09/2025")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # The table commits an edited cell on the next turn of the event loop.
    qtbot.waitUntil(lambda: read_store().items[0].actions[0].due is not None, timeout=2000)
    (action,) = read_store().items[0].actions
    assert (action.text, action.owner, action.due) == (
        "Circulate the knife crime plan",
        "Owen Baird",
        dt.date(2025, 9, 30),
    )


def test_the_navigator_opens_another_meeting(open_window, qtbot, read_store):
    import datetime as dt

    window = open_window()
    other = read_store()
    other.date = dt.date(2025, 10, 22)
    other.status = MeetingStatus.DRAFT
    for item in other.items:
        item.minutes = ""
        item.outcomes = []
    new_id = window.store.add_meeting(other)
    qtbot.keyClicks(window.editor.notes, " first meeting text")
    window.fill_navigator()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_O, CTRL)
    assert QApplication.focusWidget() is window.navigator
    top = window.navigator.topLevelItem(0)
    target = next(
        top.child(i)
        for i in range(top.childCount())
        if top.child(i).data(0, Qt.ItemDataRole.UserRole) == new_id
    )
    window.navigator.setCurrentItem(target)
    qtbot.keyClick(window.navigator, Qt.Key.Key_Return)
    assert window.meeting.id == new_id and window.editor.item.minutes == ""
    assert QApplication.focusWidget() is window.editor.notes
    assert read_store().items[0].minutes.endswith(" first meeting text")  # saved on the way out
    with __import__("sspclerk.store", fromlist=["Store"]).Store.open(
        window.store.path, readonly=True
    ) as s:
        assert s.setting("gui.last_meeting") == str(new_id)


def test_esc_in_a_half_typed_action_keeps_it_and_returns_to_the_notes(
    open_window, qtbot, read_store
):
    window = open_window()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.keyClicks(QApplication.focusWidget(), "Write to the Home Office")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.notes, timeout=2000)
    qtbot.waitUntil(
        lambda: [a.text for a in read_store().items[0].actions] == ["Write to the Home Office"],
        timeout=2000,
    )


def test_the_committee_members_listed_in_one_click_then_ticked(windows, qtbot, read_store):
    from sspclerk.core.model import Member, Role

    window = windows.open()
    committee = window.meeting.committee
    committee.members = [
        Member("Cllr Jane Ashby", "SBC", Role.CHAIR),
        Member("Supt. Mark Ellwood", "Police"),
    ]
    window.store.save_committee(committee)
    windows.shut(window)
    window = windows.open()
    panel = window.attendance
    assert panel.members_button.isVisibleTo(window)
    assert "2 members" in panel.members_button.text()
    panel.members_button.click()
    assert not panel.members_button.isVisibleTo(window)
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    people = read_store().attendance
    assert [(p.name, p.organisation, p.role, p.status) for p in people] == [
        ("Cllr Jane Ashby", "SBC", Role.CHAIR, AttendanceStatus.PRESENT),
        ("Supt. Mark Ellwood", "Police", Role.MEMBER, AttendanceStatus.ABSENT),
    ]


def test_agenda_text_pastes_clean_and_is_saved(open_window, qtbot, read_store):
    window = open_window()
    agenda = window.editor.agenda_text
    agenda.setFocus()
    mime = QMimeData()
    mime.setText("To approve the minutes of the meeting held on 21st May 2025\x07")
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(agenda, Qt.Key.Key_V, CTRL)
    qtbot.keyClick(agenda, Qt.Key.Key_Z, CTRL)  # undo goes through the window's history
    assert agenda.toPlainText() == ""
    qtbot.keyClick(agenda, Qt.Key.Key_Z, CTRL | SHIFT)
    window.save_now()
    assert (
        read_store().items[0].agenda_text
        == "To approve the minutes of the meeting held on 21st May 2025"
    )


def test_a_meeting_without_items_takes_no_typing(windows, qtbot, read_store):
    import datetime as dt

    from sspclerk.core.model import Meeting

    window = windows.open()
    empty = Meeting(window.meeting.committee, dt.date(2025, 11, 19))
    empty_id = window.store.add_meeting(empty)
    window.open_meeting(empty_id)
    assert window.editor.item is None and window.editor.notes.isReadOnly()
    qtbot.keyClicks(window.editor.notes, "lost words")
    assert window.editor.notes.toPlainText() == ""
    window.open_meeting(1)  # an agenda again: typing works again
    assert not window.editor.notes.isReadOnly()
    window.focus_notes()
    qtbot.keyClicks(window.editor.notes, " back")
    window.save_now()
    assert read_store().items[0].minutes.endswith(" back")


def test_enter_on_the_agenda_or_the_title_goes_to_the_notes(open_window, qtbot):
    window = open_window()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_L, CTRL)
    qtbot.keyClick(window.agenda, Qt.Key.Key_Down)
    qtbot.keyClick(window.agenda, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.editor.notes
    assert window.editor.item is window.meeting.items[1]
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.keyClick(window.editor.title, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.editor.notes
