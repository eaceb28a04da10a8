"""What the attendance and declarations panels share.

Both show a list of the meeting's rows in a table under a small entry form, and
change the record through the window's operations (``Operations.run``), so one
place sets the table up the same way for keyboard and screen-reader users and
runs a new row's save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sspclerk.core.model import Meeting
from sspclerk.store import Changed

from .operations import Operations


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

    said = Signal(str)  # one line for the status bar

    def __init__(
        self,
        ops: Operations | None,
        meeting: Callable[[], Meeting | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self._meeting = meeting
        self.meeting: Meeting | None = None
        self._read_only = False
        #: The entry boxes that become read-only with the meeting's minutes.
        self.entry_fields: list[QLineEdit] = []

    @property
    def writable(self) -> bool:
        return self.ops is not None and self.meeting is not None and not self._read_only

    def run(self, label: str, call: Callable[[Any], object], initiator: object = None) -> None:
        """One change of the meeting's rows: shown already, written (or queued) now."""
        assert self.ops is not None and self.meeting is not None
        meeting_id = self.meeting.id

        def run(store) -> Changed:
            call(store)
            return Changed(meeting_id, None, type(self).__name__)

        self.ops.run(label, run, meeting_id=meeting_id, initiator=initiator, queue=True)

    def add_row(self, rows: list[Any], row: Any, add: Callable[[Any, int, Any], int], label: str):
        """Show the new row at once; the store keeps it and gives it its id."""
        assert self.meeting is not None
        meeting_id = self.meeting.id
        rows.append(row)

        def call(store) -> None:
            row.id = add(store, meeting_id, row)

        self.run(label, call)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for w in self.findChildren(QPushButton):
            w.setEnabled(not read_only)
        for w in self.entry_fields:
            w.setReadOnly(read_only)
            w.setEnabled(not read_only)
        for w in self.findChildren(QComboBox):
            w.setEnabled(not read_only)
