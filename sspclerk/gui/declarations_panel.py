"""Declarations of interest: who, on which item, what kind, and whether they left.

The person comes from the attendance list and the item defaults to the one in
view, so a declaration made as an item opens takes a few keystrokes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import Declaration, DeclarationCategory, Meeting

from .autosave import Autosaver
from .keys import delete_key, narrow_combo

COLUMNS = ("Name", "Item", "Category", "Nature", "Left")


class DeclarationsPanel(QWidget):
    def __init__(
        self,
        autosaver: Autosaver | None,
        item_in_view: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.item_in_view = item_in_view
        self.meeting: Meeting | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        form = QFormLayout()
        self.person = QComboBox()
        self.person = narrow_combo(self.person)
        self.person.setEditable(True)
        self.person.setAccessibleName("Person declaring")
        self.item = QComboBox()
        self.item = narrow_combo(self.item)
        self.item.setAccessibleName("Item the declaration is on")
        self.category = QComboBox()
        self.category = narrow_combo(self.category)
        self.category.setAccessibleName("Category of interest")
        for c in DeclarationCategory:
            self.category.addItem(c.value.capitalize(), c)
        # Start on the model's neutral default, never on the gravest category.
        self.category.setCurrentIndex(list(DeclarationCategory).index(Declaration("", "").category))
        self.nature = QLineEdit()
        self.nature.setAccessibleName("Nature of the interest")
        self.nature.setPlaceholderText("e.g. Trustee of a charity named in the report")
        self.nature.returnPressed.connect(self.add_declaration)
        self.withdrew = QCheckBox("&Left the room for the item")
        self.withdrew.setAccessibleName("Left the room")
        form.addRow("&Person", self.person)
        form.addRow("&Item", self.item)
        form.addRow("&Category", self.category)
        form.addRow("Nat&ure", self.nature)
        form.addRow("", self.withdrew)
        add = QPushButton("Add &declaration")
        add.clicked.connect(self.add_declaration)
        form.addRow("", add)
        layout.addLayout(form)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Declarations of interest")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        delete_key(self.table, self.remove_selected)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(
            "No declarations yet. The minutes will say “There were no declarations of interest.”"
        )
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)

    def show_meeting(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.item.clear()
        for it in meeting.items:
            self.item.addItem(f"{it.number}  {it.title}", it.number)
        self.people_changed()
        self.refresh()

    def people_changed(self) -> None:
        if self.meeting is None:
            return
        current = self.person.currentText()
        self.person.clear()
        self.person.addItems([a.name for a in self.meeting.attendance])
        self.person.setCurrentText(current)

    def refresh(self) -> None:
        rows = self.meeting.declarations if self.meeting else []
        self.table.setRowCount(len(rows))
        for r, d in enumerate(rows):
            values = (
                d.name,
                d.item,
                DeclarationCategory(d.category).value,
                d.nature,
                "yes" if d.withdrew else "no",
            )
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        head = self.table.horizontalHeader()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col in (0, 1, 2, 4):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty.setVisible(not rows)

    def focus_entry(self) -> None:
        number = self.item_in_view()
        index = self.item.findData(number)
        if index >= 0:
            self.item.setCurrentIndex(index)
        self.person.setFocus()
        self.person.lineEdit().selectAll()

    def add_declaration(self) -> None:
        name = self.person.currentText().strip()
        if not name or self.meeting is None or self.autosaver is None:
            self.person.setFocus()
            return
        meeting = self.meeting
        d = Declaration(
            name=name,
            item=self.item.currentData() or "",
            category=self.category.currentData(),
            nature=self.nature.text().strip(),
            withdrew=self.withdrew.isChecked(),
        )
        meeting.declarations.append(d)

        def run(store) -> None:
            d.id = store.add_declaration(meeting.id, d)

        self.autosaver.queue(run, f"declaration: {name}")
        self.nature.clear()
        self.withdrew.setChecked(False)
        self.refresh()
        self.person.setFocus()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if (
            self.meeting is None
            or self.autosaver is None
            or not 0 <= row < len(self.meeting.declarations)
        ):
            return
        d = self.meeting.declarations.pop(row)
        self.autosaver.queue(lambda s: s.remove_declaration(d.id), f"remove declaration {d.name}")
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for w in self.findChildren(QPushButton):
            w.setEnabled(not read_only)
        self.nature.setReadOnly(read_only)
