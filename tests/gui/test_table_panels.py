"""The attendance and declarations panels: the parts they share (table set-up,
tooltips, adding through the autosaver, read-only) behave the same in both."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton

STRETCH = QHeaderView.ResizeMode.Stretch
FIT = QHeaderView.ResizeMode.ResizeToContents


def _modes(table):
    head = table.horizontalHeader()
    return [head.sectionResizeMode(c) for c in range(table.columnCount())]


def test_both_tables_are_set_up_alike(open_window):
    window = open_window()
    people, decl = window.attendance.table, window.declarations.table
    assert _modes(people) == [FIT, STRETCH, FIT, STRETCH]
    assert _modes(decl) == [FIT, FIT, FIT, STRETCH, FIT]
    for table, name in ((people, "Attendance list"), (decl, "Declarations of interest")):
        assert table.accessibleName() == name
        assert table.verticalHeader().isHidden()
        assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
        assert table.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_rows_added_show_with_tooltips_and_reach_the_store(open_window, qtbot, read_store):
    window = open_window()
    panel, decl = window.attendance, window.declarations
    panel.name.setText("Cllr Ffion Ŵyn")
    panel.organisation.setText("Stockton & District")
    panel.add_person()
    row = panel.table.rowCount() - 1
    assert panel.table.item(row, 0).text() == "Cllr Ffion Ŵyn"
    assert panel.table.item(row, 1).toolTip() == "Stockton & District"
    assert not panel.table.item(row, 2).flags() & Qt.ItemFlag.ItemIsEditable
    decl.people_changed()
    decl.person.setCurrentText("Cllr Ffion Ŵyn")
    decl.nature.setText("Governor of a school named in the report")
    decl.add_declaration()
    assert decl.table.item(0, 3).toolTip() == "Governor of a school named in the report"
    assert window.autosaver.flush()
    stored = read_store()
    assert stored.attendance[-1].name == "Cllr Ffion Ŵyn"
    assert stored.attendance[-1].id == panel.meeting.attendance[-1].id is not None
    assert [d.nature for d in stored.declarations] == ["Governor of a school named in the report"]
    assert stored.declarations[0].id == decl.meeting.declarations[0].id is not None

    decl.table.selectRow(0)
    decl.remove_selected()
    assert decl.table.rowCount() == 0 and not decl.empty.isHidden()
    assert window.autosaver.flush()
    assert read_store().declarations == []


def test_a_name_corrected_in_the_table_is_saved(open_window, read_store):
    window = open_window()
    panel = window.attendance
    panel.name.setText("Cllr Misspelt")
    panel.add_person()
    row = panel.table.rowCount() - 1
    panel.table.item(row, 0).setText("Cllr Spelt Right")
    assert window.autosaver.flush()
    assert read_store().attendance[-1].name == "Cllr Spelt Right"


def test_read_only_turns_off_buttons_and_typing_in_both(open_window):
    window = open_window()
    panel, decl = window.attendance, window.declarations
    for p in (panel, decl):
        p.set_read_only(True)
        assert not any(b.isEnabled() for b in p.findChildren(QPushButton))
    assert panel.name.isReadOnly() and panel.organisation.isReadOnly()
    assert decl.nature.isReadOnly()
    assert panel.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for p in (panel, decl):
        p.set_read_only(False)
        assert all(b.isEnabled() for b in p.findChildren(QPushButton))
    assert not panel.name.isReadOnly() and not decl.nature.isReadOnly()
    assert panel.table.editTriggers() & QAbstractItemView.EditTrigger.EditKeyPressed
