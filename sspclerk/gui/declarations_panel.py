"""Declarations of interest: who, on which item, what kind, and whether they left.

The person comes from the attendance list and the item defaults to the one in
view, so a declaration made as an item opens takes a few keystrokes.  After Add the
form is empty again, ready for the next one; Delete removes the selected declaration
(Ctrl+Z brings it back).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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

from .keys import delete_key, narrow_combo
from .operations import Operations
from .table_panel import TablePanel, fill_table, setup_table

COLUMNS = ("Name", "Item", "Category", "Nature", "Left")
#: The category a new declaration starts on: the model's neutral default, never the gravest.
DEFAULT_CATEGORY = Declaration("", "").category


class DeclarationsPanel(TablePanel):
    def __init__(
        self,
        ops: Operations | None,
        meeting: Callable[[], Meeting | None],
        item_in_view: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, meeting, parent)
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
        self.category.setCurrentIndex(list(DeclarationCategory).index(DEFAULT_CATEGORY))
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
        """The meeting's declarations; what is half-typed in the form stays."""
        self.meeting = meeting
        chosen = self.item.currentData()
        self.item.clear()
        for it in meeting.items:
            self.item.addItem(f"{it.number}  {it.title}", it.number)
            self.item.setItemData(self.item.count() - 1, it.title, Qt.ItemDataRole.ToolTipRole)
        self.item.setCurrentIndex(max(0, self.item.findData(chosen)))
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
        if not name or not self.writable:
            self.person.setFocus()
            return
        assert self.meeting is not None
        d = Declaration(
            name=name,
            item=self.item.currentData() or "",
            category=self.category.currentData(),
            nature=self.nature.text().strip(),
            withdrew=self.withdrew.isChecked(),
        )
        where = f" on {d.item}" if d.item else ""
        self.add_row(
            self.meeting.declarations, d, Store.add_declaration, f"declaration by {name}{where}"
        )
        self.clear_form()
        self.refresh()
        self.said.emit(f"Declaration by {name}{where} recorded.")
        self.person.setFocus()

    def clear_form(self) -> None:
        """Ready for the next declaration: no person, the item in view, the neutral kind."""
        self.person.setCurrentText("")
        self.nature.clear()
        self.withdrew.setChecked(False)
        self.category.setCurrentIndex(list(DeclarationCategory).index(DEFAULT_CATEGORY))
        index = self.item.findData(self.item_in_view())
        if index >= 0:
            self.item.setCurrentIndex(index)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not self.writable or not 0 <= row < len(self.meeting.declarations):  # type: ignore[union-attr]
            return
        d = self.meeting.declarations.pop(row)  # type: ignore[union-attr]
        where = f" on {d.item}" if d.item else ""
        self.run(f"declaration by {d.name}{where} removed", lambda s: s.remove_declaration(d.id))
        self.refresh()
        self.said.emit(f"Removed the declaration by {d.name}{where} — Ctrl+Z to undo.")
