"""Declarations of interest: who, on which item, what kind, and whether they left.

The person comes from the attendance list and the item defaults to the one in
view, so a declaration made as an item opens takes a few keystrokes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import Declaration, DeclarationCategory, Meeting
from sspclerk.store import Store

from .autosave import Autosaver
from .keys import delete_key, narrow_combo
from .table_panel import TablePanel, fill_table, setup_table

COLUMNS = ("Name", "Item", "Category", "Nature", "Left")


class DeclarationsPanel(TablePanel):
    def __init__(
        self,
        autosaver: Autosaver | None,
        item_in_view: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(autosaver, parent)
        self.item_in_view = item_in_view
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
        self.entry_fields = [self.nature]
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
        self.table = setup_table(
            QTableWidget(0, len(COLUMNS)), COLUMNS, "Declarations of interest", stretch=(3,)
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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
        fill_table(
            self.table,
            [
                (
                    d.name,
                    d.item,
                    DeclarationCategory(d.category).value,
                    d.nature,
                    "yes" if d.withdrew else "no",
                )
                for d in rows
            ],
        )
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
        d = Declaration(
            name=name,
            item=self.item.currentData() or "",
            category=self.category.currentData(),
            nature=self.nature.text().strip(),
            withdrew=self.withdrew.isChecked(),
        )
        self._queue_add(self.meeting.declarations, d, Store.add_declaration, f"declaration: {name}")
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
