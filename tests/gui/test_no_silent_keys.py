"""The keys that changed the record silently (issue: "the window under a clerk's hands")
now leave it as it was, ask first, or are taken back by Ctrl+Z — checked in the real
window and in a fresh connection to the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from sspclerk.core.model import AttendanceStatus, DeclarationCategory, MeetingStatus
from sspclerk.gui.app import type_text
from tests.gui.conftest import back_in

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NO = QMessageBox.StandardButton.No


def numbers(meeting) -> list[tuple[str, str]]:
    return [(i.number, i.title) for i in meeting.items]


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard is now, as the clerk would."""
    qtbot.keyClick(QApplication.focusWidget(), k, mods)


def test_alt_down_in_the_declaration_form_leaves_the_agenda_alone(open_window, qtbot, read_store):
    window = open_window()
    before = read_store()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_D, CTRL | SHIFT)
    form = window.declarations
    form.person.setCurrentText("Cllr Jane Ashby")
    form.category.setFocus()
    qtbot.waitUntil(form.category.hasFocus, timeout=1000)
    chosen = form.item.currentData()
    for arrow in (Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(form.category, arrow, ALT)  # opens the list, as in every program
        form.category.hidePopup()
    assert numbers(read_store()) == numbers(before) == numbers(window.meeting)
    assert form.item.currentData() == chosen  # the half-filled declaration kept its item
    assert form.person.currentText() == "Cllr Jane Ashby"
    assert window.store.operations(1) == []


def test_agenda_moves_only_from_the_agenda_list_ask_in_session_and_undo(
    open_window, qtbot, read_store, answer
):
    window = open_window()
    first = numbers(read_store())
    key(qtbot, Qt.Key.Key_Down, ALT)  # in the notes: nothing moves
    assert numbers(read_store()) == first
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_L, CTRL)
    qtbot.keyClick(window.agenda, Qt.Key.Key_Down)  # SSP/13/25
    moving = window.editor.item.id
    qtbot.keyClick(window.agenda, Qt.Key.Key_Up, ALT)
    after = [i.id for i in read_store().items]
    assert after[0] == moving
    assert QApplication.focusWidget() is window.agenda  # Alt+Up, Alt+Up … stays in the list
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert [i.id for i in read_store().items][1] == moving
    assert window.last_message.startswith("Undone: ") and "moved up" in window.last_message

    # During the meeting a move asks; No leaves the running order alone.
    answer()
    window.live.start_meeting()
    back_in(qtbot, window)
    window.agenda.setFocus()
    order = [i.id for i in read_store().items]
    asked = answer(NO)
    qtbot.keyClick(window.agenda, Qt.Key.Key_Down, ALT)
    assert asked and asked[0].startswith("The meeting is in session. Move")
    assert [i.id for i in read_store().items] == order


def test_ctrl_r_says_what_it_did_and_ctrl_z_takes_it_back_from_anywhere(
    open_window, qtbot, read_store
):
    window = open_window()
    restricted = window.meeting.items[11]  # SSP/23/25
    type_text(window.editor.notes, " Typed in the first item.")
    window.go_to_item(restricted.id)
    window.focus_notes()
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert window.notice.isVisible()
    assert window.notice.text().startswith("SSP/23/25 is now PUBLIC") and "Ctrl+Z" in (
        window.notice.text()
    )
    assert read_store().items[11].restricted is False
    window.go_to_item(window.meeting.items[2].id)  # the clerk moves on, then notices
    window.focus_notes()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert read_store().items[11].restricted is True
    assert window.editor.item.number == "SSP/23/25"  # shown, not undone behind the back
    assert window.editor.restricted_badge.isVisible()
    assert window.last_message == "Undone: SSP/23/25 made public"
    window.save_now()
    assert read_store().items[0].minutes.endswith(" Typed in the first item.")  # untouched
    key(qtbot, Qt.Key.Key_Y, CTRL)
    assert read_store().items[11].restricted is False


def test_a_second_agreed_asks_and_ctrl_z_takes_back_an_outcome_not_typing(
    open_window, qtbot, read_store, answer
):
    window = open_window()
    stored = read_store()
    minutes_item = window.meeting.items[2]  # SSP/14/25, already "AGREED"
    window.go_to_item(window.meeting.items[1].id)
    window.focus_notes()
    type_text(window.editor.notes, " A sentence typed in SSP/13/25.")
    window.go_to_item(minutes_item.id)
    window.focus_notes()
    asked = answer(NO)
    key(qtbot, Qt.Key.Key_4, CTRL)
    assert asked and asked[0].startswith("SSP/14/25 already has the outcome")
    back_in(qtbot, window)
    assert read_store().items[2].outcomes == stored.items[2].outcomes
    key(qtbot, Qt.Key.Key_1, CTRL)  # a different kind: recorded at once
    assert read_store().items[2].outcomes[-1].text == "AGREED to note the report."
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert read_store().items[2].outcomes == stored.items[2].outcomes
    assert window.last_message == "Undone: outcome ‘AGREED to note the report.’ on SSP/14/25"
    assert window.editor.item.number == "SSP/14/25"
    window.save_now()
    assert read_store().items[1].minutes.endswith(" A sentence typed in SSP/13/25.")

    # Delete in the outcome list (the keyboard shows there) says how to take it back.
    window.editor.outcomes.setFocus()
    window.editor.outcomes.setCurrentRow(0)
    key(qtbot, Qt.Key.Key_Delete)
    assert read_store().items[2].outcomes == []
    assert "Ctrl+Z to undo" in window.last_message
    window.focus_notes()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert read_store().items[2].outcomes == stored.items[2].outcomes


def test_f5_on_a_closed_meeting_asks_and_no_leaves_its_times(
    open_window, qtbot, read_store, answer
):
    window = open_window()
    before = read_store()
    assert before.status == MeetingStatus.CONCLUDED
    asked = answer(NO)
    key(qtbot, Qt.Key.Key_F5)
    assert asked and asked[0].startswith("Reopen the meeting of 23 July 2025?")
    after = read_store()
    assert (after.status, after.started_at, after.ended_at) == (
        before.status,
        before.started_at,
        before.ended_at,
    )
    assert [(i.started_at, i.ended_at) for i in after.items] == [
        (i.started_at, i.ended_at) for i in before.items
    ]
    assert "not reopened" in window.last_message


def test_looking_ahead_never_stamps_only_ctrl_pgdown_moves_the_meeting_on(
    open_window, qtbot, read_store, answer
):
    window = open_window()
    answer()
    window.live.start_meeting()  # SSP/12/25 taken up
    back_in(qtbot, window)
    stamps = [(i.started_at, i.ended_at) for i in read_store().items]
    for _ in range(3):
        key(qtbot, Qt.Key.Key_PageDown, ALT)  # look ahead
    assert window.editor.item.number == "SSP/15/25"
    window.agenda.setCurrentRow(6)  # and with the agenda list
    key(qtbot, Qt.Key.Key_PageUp, ALT)
    assert [(i.started_at, i.ended_at) for i in read_store().items] == stamps
    assert read_store().current_item().number == "SSP/12/25"
    key(qtbot, Qt.Key.Key_PageDown, CTRL)  # the meeting moves on, from wherever one looks
    stored = read_store()
    assert stored.current_item().number == "SSP/13/25"
    assert stored.items[0].ended_at is not None
    assert window.editor.item.number == "SSP/13/25"
    key(qtbot, Qt.Key.Key_Z, CTRL)  # a slip of the key is taken back
    assert read_store().current_item().number == "SSP/12/25"


def test_people_and_declarations_deleted_are_undone(open_window, qtbot, read_store):
    window = open_window()
    panel = window.attendance
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_P, CTRL | SHIFT)
    for name in ("Cllr Jane Ashby", "Supt. Mark Ellwood"):
        qtbot.keyClicks(panel.name, name)
        qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    panel.table.setFocus()
    panel.table.selectRow(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [p.name for p in read_store().attendance] == ["Cllr Jane Ashby"]
    assert window.last_message == (
        "Removed Supt. Mark Ellwood from the attendance — Ctrl+Z to undo."
    )
    window.focus_notes()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    people = read_store().attendance
    assert [(p.name, p.status) for p in people] == [
        ("Cllr Jane Ashby", AttendanceStatus.PRESENT),
        ("Supt. Mark Ellwood", AttendanceStatus.APOLOGIES),
    ]
    key(qtbot, Qt.Key.Key_Z, CTRL)  # then the apologies
    assert read_store().attendance[1].status == AttendanceStatus.PRESENT

    # A declaration: the form is empty again after Add, ready for the next one.
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_D, CTRL | SHIFT)
    form = window.declarations
    form.person.setCurrentText("Cllr Jane Ashby")
    form.category.setCurrentIndex(form.category.findData(DeclarationCategory.DISCLOSABLE_PECUNIARY))
    form.withdrew.setChecked(True)
    qtbot.keyClicks(form.nature, "Owns a shop named in the report")
    qtbot.keyClick(form.nature, Qt.Key.Key_Return)
    assert [d.nature for d in read_store().declarations] == ["Owns a shop named in the report"]
    assert form.person.currentText() == "" and form.nature.text() == ""
    assert not form.withdrew.isChecked()
    assert form.category.currentData() != DeclarationCategory.DISCLOSABLE_PECUNIARY
    form.table.setFocus()
    form.table.selectRow(0)
    qtbot.keyClick(form.table, Qt.Key.Key_Delete)
    assert read_store().declarations == []
    window.focus_notes()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert [d.nature for d in read_store().declarations] == ["Owns a shop named in the report"]


def test_undo_and_redo_outlive_a_restart(windows, qtbot, read_store):
    """The history is read back from the store: an undo is never turned into a loss."""
    window = windows.open()
    window.focus_notes()
    key(qtbot, Qt.Key.Key_1, CTRL)
    window.go_to_item(window.meeting.items[11].id)
    window.focus_notes()
    key(qtbot, Qt.Key.Key_R, CTRL)
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the restriction is back
    windows.shut(window)
    again = windows.open()
    assert again.history.can_undo() and again.history.can_redo()
    again.focus_notes()
    key(qtbot, Qt.Key.Key_Y, CTRL)  # redo after the restart: public again
    assert read_store().items[11].restricted is False
    key(qtbot, Qt.Key.Key_Z, CTRL)
    key(qtbot, Qt.Key.Key_Z, CTRL)  # and the outcome of the last session
    assert read_store().items[0].outcomes == []
    assert again.editor.item.number == "SSP/12/25"


DRILL = [
    {"type": " drill typing"},
    # The declaration form's Category list, opened the usual way: Alt+Down, Alt+Up.
    {"key": "Ctrl+Shift+D"},
    {"key": "Tab"},
    {"key": "Tab"},
    {"key": "Alt+Down"},
    {"wait": 150},
    {"key": "Escape"},
    {"key": "Alt+Up"},
    {"wait": 150},
    {"key": "Escape"},
    {"key": "Escape"},  # back to the notes
    *[{"key": "Alt+PgDown"}] * 4,  # look ahead to SSP/16/25
    {"key": "Ctrl+2"},  # "noted" again on an item already noted: asked, Esc says No
    {"wait": 300},
    {"key": "Escape"},
    {"key": "Ctrl+R"},  # restricted …
    {"key": "Ctrl+Z"},  # … and taken back
    {"key": "F5"},  # the meeting was closed: asked, Esc says No
    {"wait": 300},
    {"key": "Escape"},
    {"key": "Ctrl+PgDown"},  # not in session: only looks
    {"wait": 1500},  # more than the autosave's second
]


def test_the_keys_leave_the_record_as_it_was_after_kill_9(tmp_path, db_path):
    """The real window, driven by key events, killed with SIGKILL; then the store is read."""
    import signal

    from sspclerk.store import Store
    from tests.conftest import demo_meeting
    from tests.gui.test_durability import start_window, stop_window

    proc = start_window(tmp_path, db_path, DRILL)
    stop_window(proc, "SSPCLERK-TYPED")
    assert proc.returncode == -signal.SIGKILL
    demo = demo_meeting()
    with Store.open(db_path, readonly=True) as store:
        assert store.integrity_check() == ["ok"]
        m = store.load_meeting(1)
        journal = store.operations(1)
    assert m.items[0].minutes == demo.items[0].minutes + " drill typing"
    assert numbers(m) == numbers(demo)  # Alt+Down/Up in the form moved nothing
    assert [i.restricted for i in m.items] == [i.restricted for i in demo.items]
    assert [[o.text for o in i.outcomes] for i in m.items] == [
        [o.text for o in i.outcomes] for i in demo.items
    ]
    assert (m.status, m.started_at, m.ended_at) == (demo.status, None, None)
    assert all(i.started_at is None and i.ended_at is None for i in m.items)
    assert m.declarations == []
    # Ctrl+R reached the store and so did its Ctrl+Z: the journal holds it, undone.
    assert [(op.label, op.undone) for op in journal] == [("SSP/16/25 marked restricted", True)]


def test_typing_and_changes_are_undone_in_the_order_they_were_made(open_window, qtbot, read_store):
    """One history: a title edited, notes typed elsewhere, an outcome — Ctrl+Z takes
    them back last first, each shown where it happened, and says what it undid."""
    window = open_window()
    stored = read_store()
    title = window.editor.title
    title.setFocus()
    title.end()
    qtbot.keyClicks(title, " (revised)")
    window.save_now()  # the title is saved as one change, however many keys
    window.go_to_item(window.meeting.items[1].id)
    window.focus_notes()
    qtbot.keyClicks(window.editor.notes, " typed in SSP/13/25")
    window.go_to_item(window.meeting.items[3].id)
    window.focus_notes()
    key(qtbot, Qt.Key.Key_4, CTRL)  # recommendations approved on SSP/15/25
    said = []
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Z, CTRL)
        said.append((window.last_message, window.editor.item.number))
    assert said == [
        ("Undone: outcome ‘AGREED that the recommendations be approved.’ on SSP/15/25",
         "SSP/15/25"),
        ("Undone: typing in the notes of SSP/13/25", "SSP/13/25"),
        ("Undone: title of SSP/12/25", "SSP/12/25"),
    ]  # fmt: skip
    window.save_now()
    after = read_store()
    assert after.items[0].title == stored.items[0].title
    assert after.items[1].minutes == stored.items[1].minutes
    assert after.items[3].outcomes == stored.items[3].outcomes
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    window.save_now()
    again = read_store()
    assert again.items[0].title == stored.items[0].title + " (revised)"
    assert again.items[1].minutes.endswith(" typed in SSP/13/25")
    assert again.items[3].outcomes[-1].text == "AGREED that the recommendations be approved."
