"""Every command has a key the F1 sheet shows; every input has a name a screen reader reads."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from sspclerk.gui.shortcuts import COMMANDS, shortcut_rows


def test_every_command_has_a_unique_key_and_the_menus_use_it(open_window):
    window = open_window()
    seen: dict[str, str] = {}
    for cmd in COMMANDS:
        assert cmd.keys, f"{cmd.name} has no key"
        assert "&" in cmd.label, f"{cmd.name} has no menu accelerator"
        for key in cmd.keys:
            normal = QKeySequence(key).toString()
            assert normal, f"{cmd.name}: {key!r} is not a key Qt understands"
            assert normal not in seen, f"{key} is used by {seen.get(normal)} and {cmd.name}"
            seen[normal] = cmd.name
        action = window.actions_by_name[cmd.name]
        assert [s.toString() for s in action.shortcuts()] == [
            QKeySequence(k).toString() for k in cmd.keys
        ]
    assert len(shortcut_rows()) == len(COMMANDS)


def test_f1_shows_the_keys(open_window, qtbot):
    window = open_window()
    shown = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        table = dialog.findChild(QTableWidget)
        shown.extend(table.item(r, 1).text() for r in range(table.rowCount()))
        dialog.reject()

    QTimer.singleShot(100, read_and_close)
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_F1)
    assert "Ctrl+PgDown" in shown and "Ctrl+Z" in shown and "F5" in shown


def test_every_input_has_an_accessible_name(open_window):
    window = open_window()
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QListWidget, QTableWidget, QTreeWidget)
    unnamed = []
    inputs = [w for w in window.findChildren(QWidget) if isinstance(w, kinds)]
    assert len(inputs) > 15
    for w in inputs:
        if isinstance(w, QLineEdit) and isinstance(w.parent(), QComboBox):
            continue  # the combo box's own editor: the combo box carries the name
        if not w.accessibleName():
            unnamed.append(f"{type(w).__name__} {w.objectName()}")
    assert not unnamed
    for b in window.findChildren(QAbstractButton):
        if b.objectName().startswith("qt_"):
            continue  # Qt's own parts (a table's corner button)
        assert b.text() or b.accessibleName() or b.toolTip(), b


def test_esc_ctrl_l_and_ctrl_shift_t_move_the_keyboard(open_window, qtbot):
    window = open_window()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.agenda
    qtbot.keyClick(window.agenda, Qt.Key.Key_Down)
    assert window.editor.item is window.meeting.items[1]
    qtbot.keyClick(window.agenda, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.editor.notes
    qtbot.keyClick(
        window.editor.notes,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.focusWidget() is window.editor.title
    qtbot.keyClick(window.editor.title, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.editor.notes
    qtbot.keyClick(
        window.editor.notes,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(window.attendance.name, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.editor.notes


def test_title_and_restriction_are_saved(open_window, qtbot, read_store):
    window = open_window()
    qtbot.keyClick(window.editor.notes, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.restriction_box.isVisible()
    window.editor.paragraph.setFocus()
    window.editor.paragraph.setCurrentIndex(7)
    window.editor.paragraph.activated.emit(7)
    window.editor.reason.setFocus()
    qtbot.keyClicks(window.editor.reason, "Connected to an ongoing investigation.")
    window.editor.title.setFocus()
    window.editor.title.end(False)
    qtbot.keyClicks(window.editor.title, " (revised)")
    window.save_now()
    item = read_store().items[0]
    assert (item.restricted, item.exempt_paragraph, item.restriction_reason, item.title) == (
        True,
        7,
        "Connected to an ongoing investigation.",
        "Evacuation Procedure (revised)",
    )
    assert "restricted" in window.agenda.item(0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_long_entries_never_widen_the_window(open_window, qtbot, answer):
    """A Schedule 12A paragraph or a long agenda title in a combo box must not push the
    window wider than a laptop screen (it did under X11 before the combos were narrowed)."""
    window = open_window()
    combos = [w for w in window.findChildren(QWidget) if isinstance(w, QComboBox)]
    assert len(combos) >= 6
    assert max(c.sizeHint().width() for c in combos) <= 360
    answer()
    window.live.start_meeting()  # the header clock gets long while the meeting runs
    window.move(+1)
    window.declarations.focus_entry()
    qtbot.wait(20)  # let the layouts catch up
    assert window.minimumSizeHint().width() <= 1280
