"""What the attendance and declarations panels share.

Both show a list of the meeting's rows in a table under a small entry form, and
save through the autosaver, so one place sets the table up the same way for
keyboard and screen-reader users and queues a new row's save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sspclerk.core.model import Meeting

from .autosave import Autosaver


def setup_table(
    table: QTableWidget, columns: Sequence[str], name: str, stretch: Iterable[int]
) -> QTableWidget:
    """Whole-row selection, left-aligned headings, no sideways scrolling; the
    ``stretch`` columns share the width and the rest fit their contents."""
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    head = table.horizontalHeader()
    head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    wide = set(stretch)
    for col in range(len(columns)):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if col in wide
            else QHeaderView.ResizeMode.ResizeToContents
        )
        head.setSectionResizeMode(col, mode)
    return table


def fill_table(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    touch: Callable[[int, int, QTableWidgetItem], None] | None = None,
) -> None:
    """One cell per value, each with its text as tooltip (cut-off text can be read);
    ``touch(row, column, cell)`` adjusts a cell before it goes in."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if touch is not None:
                touch(r, c, cell)
            table.setItem(r, c, cell)


class TablePanel(QWidget):
    """A panel over one list of the meeting's rows (people, declarations)."""

    def __init__(self, autosaver: Autosaver | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.meeting: Meeting | None = None
        #: The entry boxes that become read-only with the meeting's minutes.
        self.entry_fields: list[QLineEdit] = []

    def _queue_add(
        self, rows: list[Any], row: Any, add: Callable[[Any, int, Any], int], label: str
    ) -> None:
        """Show the new row at once; the autosaver stores it and keeps the new id."""
        assert self.meeting is not None and self.autosaver is not None
        meeting = self.meeting
        rows.append(row)

        def run(store) -> None:
            row.id = add(store, meeting.id, row)

        self.autosaver.queue(run, label)

    def set_read_only(self, read_only: bool) -> None:
        for w in self.findChildren(QPushButton):
            w.setEnabled(not read_only)
        for w in self.entry_fields:
            w.setReadOnly(read_only)
