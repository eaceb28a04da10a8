"""Attendance: who is present, who sent apologies, who came late or left early.

Built for the first five minutes of a meeting, when people arrive in a rush: type
a name, Enter; select a row, press P, A or X.  "Arrived" and "Left" stamp the item
under discussion and the time, as the minutes record late arrivals.  Delete takes a
person off the list; like every change here it is one operation Ctrl+Z undoes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import council_time
from sspclerk.core.model import Attendance, AttendanceStatus, Meeting, Role
from sspclerk.store import Store

from .keys import delete_key, narrow_combo
from .operations import Operations
from .table_panel import TablePanel, fill_table, setup_table

COLUMNS = ("Name", "Organisation", "Attendance", "Notes")
#: Apologies and absent people, greyed but readable (7.6:1 on white).
NOT_PRESENT = "#4b5563"
STATUS_KEYS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_A: AttendanceStatus.APOLOGIES,
    Qt.Key.Key_X: AttendanceStatus.ABSENT,
}
#: Names and organisations are corrected in place: double-click or F2.
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
)
STATUS_MARK = {
    AttendanceStatus.PRESENT: "✔ present",
    AttendanceStatus.APOLOGIES: "apologies",
    AttendanceStatus.ABSENT: "absent",
}


class _PeopleTable(QTableWidget):
    status_key = Signal(object)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        status = STATUS_KEYS.get(Qt.Key(e.key()))
        if (
            status is not None
            and not e.modifiers()
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.status_key.emit(status)
            return
        super().keyPressEvent(e)


class AttendancePanel(TablePanel):
    people_changed = Signal()  # the list of people changed (declarations offer the names)

    def __init__(
        self,
        ops: Operations | None,
        meeting: Callable[[], Meeting | None],
        current_item: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, meeting, parent)
        self.current_item = current_item  # number of the item under discussion (or in view)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        form = QGridLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName("New person's name")
        self.name.setPlaceholderText("Name — press Enter to add")
        self.name.returnPressed.connect(self.add_person)
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("New person's organisation")
        self.organisation.setPlaceholderText("Organisation (e.g. Cleveland Police)")
        self.organisation.returnPressed.connect(self.add_person)
        self.entry_fields = [self.name, self.organisation]
        self.role = QComboBox()
        self.role = narrow_combo(self.role)
        self.role.setAccessibleName("New person's role")
        for role in Role:
            self.role.addItem(role.value.capitalize(), role)
        self.role.setCurrentIndex(list(Role).index(Role.MEMBER))
        self.substitute_for = QComboBox()
        self.substitute_for = narrow_combo(self.substitute_for)
        self.substitute_for.setEditable(True)
        self.substitute_for.setAccessibleName("Substituting for")
        self.substitute_for.lineEdit().setPlaceholderText("Substituting for (optional)")
        self.status = QComboBox()
        self.status = narrow_combo(self.status)
        self.status.setAccessibleName("New person's attendance")
        for s in AttendanceStatus:
            self.status.addItem(s.value.capitalize(), s)
        add = QPushButton("&Add person")
        add.clicked.connect(self.add_person)
        for row, (label, w) in enumerate(
            (("&Name", self.name), ("&Organisation", self.organisation))
        ):
            lab = QLabel(label)
            lab.setBuddy(w)
            form.addWidget(lab, row, 0)
            form.addWidget(w, row, 1, 1, 2)
        form.addWidget(QLabel("Role"), 2, 0)
        form.addWidget(self.role, 2, 1)
        form.addWidget(self.status, 2, 2)
        form.addWidget(QLabel("For"), 3, 0)
        form.addWidget(self.substitute_for, 3, 1, 1, 2)
        form.addWidget(add, 4, 2)
        layout.addLayout(form)

        self.table = setup_table(
            _PeopleTable(0, len(COLUMNS)), COLUMNS, "Attendance list", stretch=(1, 3)
        )
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.setWordWrap(False)
        self.table.status_key.connect(self.set_status)
        self.table.itemChanged.connect(self._cell_edited)
        delete_key(self.table, self.remove_selected)
        layout.addWidget(self.table, 1)

        buttons = QGridLayout()
        for col, (label, status) in enumerate(
            (
                ("&Present   P", AttendanceStatus.PRESENT),
                ("Apolo&gies   A", AttendanceStatus.APOLOGIES),
                ("A&bsent   X", AttendanceStatus.ABSENT),
            )
        ):
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, s=status: self.set_status(s))
            buttons.addWidget(b, 0, col)
        self.arrived_button = QPushButton("Arrived now")
        self.arrived_button.setToolTip(
            "Stamp the selected person's arrival at the current item (Ctrl+Shift+R)"
        )
        self.arrived_button.clicked.connect(self.stamp_arrived)
        self.left_button = QPushButton("Left now")
        self.left_button.setToolTip(
            "Stamp the selected person's departure at the current item (Ctrl+Shift+L)"
        )
        self.left_button.clicked.connect(self.stamp_left)
        buttons.addWidget(self.arrived_button, 1, 0, 1, 2)
        buttons.addWidget(self.left_button, 1, 2)
        layout.addLayout(buttons)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.members_button = QPushButton()
        self.members_button.setToolTip("List the committee's members, to tick as they arrive")
        self.members_button.clicked.connect(self.add_members)
        layout.insertWidget(1, self.members_button)

    # ------------------------------------------------------------ showing

    def show_meeting(self, meeting: Meeting, skip: object = None) -> None:
        """The meeting's people as the store has them (a cell being edited stays)."""
        self.meeting = meeting
        if skip is self.table or self.table.state() == QAbstractItemView.State.EditingState:
            return
        self.refresh()

    def refresh(self) -> None:
        people = self.meeting.attendance if self.meeting else []
        self.table.blockSignals(True)
        row_before = self.table.currentRow()
        rows = []
        for a in people:
            notes = [] if a.role == Role.MEMBER else [Role(a.role).value]
            if a.substitute_for:
                notes = [f"substituting for {a.substitute_for}"]
            if a.arrived_at_item:
                notes.append(f"arrived {a.arrived_at_item}")
            if a.left_at_item:
                notes.append(f"left {a.left_at_item}")
            rows.append(
                (a.name, a.organisation, STATUS_MARK[AttendanceStatus(a.status)], "; ".join(notes))
            )

        def touch(r: int, c: int, cell: QTableWidgetItem) -> None:
            if c not in (0, 1):
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c == 2 and people[r].status != AttendanceStatus.PRESENT:
                cell.setForeground(QColor(NOT_PRESENT))

        fill_table(self.table, rows, touch)
        if 0 <= row_before < len(people):
            self.table.selectRow(row_before)
        self.table.blockSignals(False)
        counts = {s: sum(1 for a in people if a.status == s) for s in AttendanceStatus}
        self.summary.setText(
            f"{counts[AttendanceStatus.PRESENT]} present · {counts[AttendanceStatus.APOLOGIES]} apologies"
            f" · {counts[AttendanceStatus.ABSENT]} absent.  Select a row and press P, A or X."
        )
        self.substitute_for.clear()
        self.substitute_for.addItem("")
        self.substitute_for.addItems([a.name for a in people])
        missing = self._members_not_listed()
        self.members_button.setText(f"Add the committee's {len(missing)} members, marked absent")
        self.members_button.setVisible(bool(missing) and self.writable)

    def _members_not_listed(self) -> list:
        if self.meeting is None:
            return []
        listed = {a.name.casefold() for a in self.meeting.attendance}
        return [m for m in self.meeting.committee.members if m.name.casefold() not in listed]

    def add_members(self) -> None:
        """The standing membership in one click (one change); then P / A as people arrive."""
        if not self.writable:
            return
        meeting = self.meeting
        assert meeting is not None
        people = [
            Attendance(member.name, member.organisation, member.role, AttendanceStatus.ABSENT)
            for member in self._members_not_listed()
        ]
        meeting.attendance.extend(people)

        def call(store) -> None:
            for person in people:
                person.id = store.add_attendance(meeting.id, person)

        self.run(f"the committee's {len(people)} members listed", call)
        self.refresh()
        self.people_changed.emit()
        self.table.setFocus()
        self.table.selectRow(0)

    # ------------------------------------------------------------ changes

    def add_person(self) -> None:
        name = self.name.text().strip()
        if not name or not self.writable:
            self.name.setFocus()
            return
        assert self.meeting is not None
        person = Attendance(
            name=name,
            organisation=self.organisation.text().strip(),
            role=self.role.currentData(),
            status=self.status.currentData(),
            substitute_for=self.substitute_for.currentText().strip(),
        )
        if person.substitute_for:
            person.role = Role.SUBSTITUTE
        self.add_row(self.meeting.attendance, person, Store.add_attendance, f"{name} added")
        self.name.clear()
        self.organisation.clear()
        self.substitute_for.setCurrentText("")
        self.refresh()
        self.people_changed.emit()
        self.name.setFocus()

    def _selected(self) -> Attendance | None:
        row = self.table.currentRow()
        if self.meeting is None or not 0 <= row < len(self.meeting.attendance):
            return None
        return self.meeting.attendance[row]

    def _save(self, person: Attendance, what: str) -> None:
        if not self.writable:
            return
        self.run(f"{person.name} {what}", lambda s, p=person: s.update_attendance(p.id, p))
        self.refresh()
        self.people_changed.emit()

    def set_status(self, status: AttendanceStatus) -> None:
        person = self._selected()
        if person is not None and self.writable and person.status != status:
            person.status = status
            self._save(person, f"marked {STATUS_MARK[status].removeprefix('✔ ')}")

    def remove_selected(self) -> None:
        """Delete: the person goes from the list; Ctrl+Z brings them back."""
        row = self.table.currentRow()
        if not self.writable or not 0 <= row < len(self.meeting.attendance):  # type: ignore[union-attr]
            return
        person = self.meeting.attendance.pop(row)  # type: ignore[union-attr]
        self.run(
            f"{person.name} removed from the attendance",
            lambda s, p=person: s.remove_attendance(p.id),
        )
        self.refresh()
        self.people_changed.emit()
        self.said.emit(f"Removed {person.name} from the attendance — Ctrl+Z to undo.")

    def _stamp(self) -> str:
        number = self.current_item()
        when = council_time(dt.datetime.now().time())
        return f"{number} at {when}" if number else when

    def stamp_arrived(self) -> None:
        person = self._selected()
        if person is not None and self.writable:
            person.arrived_at_item = self._stamp()
            person.status = AttendanceStatus.PRESENT
            self._save(person, f"arrived ({person.arrived_at_item})")

    def stamp_left(self) -> None:
        person = self._selected()
        if person is not None and self.writable:
            person.left_at_item = self._stamp()
            self._save(person, f"left ({person.left_at_item})")

    def _cell_edited(self, cell: QTableWidgetItem) -> None:
        if not self.writable or cell.row() >= len(self.meeting.attendance):  # type: ignore[union-attr]
            return
        person = self.meeting.attendance[cell.row()]  # type: ignore[union-attr]
        text = cell.text().strip()
        if cell.column() == 0:
            if not text or text == person.name:
                self.refresh()
                return
            person.name = text
            what = "name corrected"
        elif cell.column() == 1:
            if text == person.organisation:
                return
            person.organisation = text
            what = "organisation corrected"
        else:
            return
        self.run(
            f"{person.name}: {what}",
            lambda s, p=person: s.update_attendance(p.id, p),
            initiator=self.table,  # the cell shows it already; not rebuilt under the editor
        )
        self.people_changed.emit()

    def focus_entry(self) -> None:
        self.name.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else EDIT_TRIGGERS
        )
