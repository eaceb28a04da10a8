"""The action log: every action of every meeting, its status, and an export.

Reading and status changes go through the store (``action_log``,
``set_action_status``); the file is written by ``sspclerk.export.action_log`` in a
worker thread, so a long PDF does not hold the window.  Status can change even in
approved (locked) minutes: an action is followed long after its minutes are signed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import ActionStatus
from sspclerk.store import ActionLogEntry, StoreError

COLUMNS = ("Meeting", "Item", "Action", "Owner", "Due", "Status")
ENTRY = Qt.ItemDataRole.UserRole


class ActionLogWorker(QThread):
    """Writes the log file off the main thread (no store access here: entries are data)."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, entries: list[ActionLogEntry], path: Path, fmt: str, open_only: bool):
        super().__init__()
        self.entries, self.path, self.fmt, self.open_only = entries, path, fmt, open_only

    def run(self) -> None:
        try:
            from sspclerk.export.action_log import write_action_log

            written = write_action_log(self.entries, self.path, self.fmt, open_only=self.open_only)
        except Exception as exc:  # one line for the clerk, never a traceback
            self.failed.emit(f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc))
        else:
            self.done.emit(str(written))


class ActionLogDialog(QDialog):
    """The log across meetings; Open only; status per action; Export CSV / Word / PDF."""

    def __init__(
        self,
        load: Callable[[bool], list[ActionLogEntry]],
        set_status: Callable[[int, ActionStatus], str | None],
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Action log — all meetings")
        self.load_entries = load
        self.set_status = set_status
        self.folder = folder
        self.entries: list[ActionLogEntry] = []
        self.worker: ActionLogWorker | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.open_only = QCheckBox("&Open actions only")
        self.open_only.setAccessibleName("Open actions only")
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _c: self.refresh())
        top.addWidget(self.open_only)
        top.addStretch(1)
        self.exports: dict[str, QPushButton] = {}
        for fmt, label in (("csv", "&CSV…"), ("docx", "&Word…"), ("pdf", "&PDF…")):
            b = QPushButton(f"Export {label}")
            b.setAccessibleName(f"Export the action log as {fmt.upper()}")
            b.clicked.connect(lambda _c=False, f=fmt: self.export(f))
            top.addWidget(b)
            self.exports[fmt] = b
        layout.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Actions")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel(" ")
        self.status.setAccessibleName("Action log status")
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.refresh()
        self.resize(1000, 560)

    def refresh(self) -> None:
        try:
            self.entries = self.load_entries(self.open_only.isChecked())
        except StoreError as exc:
            self.entries = []
            self.status.setText(f"The action log could not be read: {exc}")
        self.table.setRowCount(0)
        for e in self.entries:
            r = self.table.rowCount()
            self.table.insertRow(r)
            values = (
                f"{e.committee} {e.meeting_date:%d/%m/%Y}",
                f"{e.item_number} {e.item_title}",
                e.text,
                e.owner,
                e.due.strftime("%d/%m/%Y") if e.due else "",
            )
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(ENTRY, e)
                self.table.setItem(r, c, cell)
            box = QComboBox()
            box.setAccessibleName(f"Status of action: {e.text[:40]}")
            for s in ActionStatus:
                box.addItem(s.value, s.value)
            box.setCurrentIndex(box.findData(e.status.value))
            box.activated.connect(lambda _i, b=box, entry=e: self._status_chosen(entry, b))
            self.table.setCellWidget(r, 5, box)
        self.table.resizeRowsToContents()
        if not self.entries and not self.status.text().strip():
            self.status.setText("No actions.")

    def _status_chosen(self, entry: ActionLogEntry, box: QComboBox) -> None:
        problem = self.set_status(entry.action_id, ActionStatus(box.currentData()))
        if problem:
            box.setCurrentIndex(box.findData(entry.status.value))
            self.status.setText(f"Not changed: {problem}")
            return
        self.status.setText(f"{entry.item_number}: “{entry.text[:60]}” is now {box.currentData()}.")
        if self.open_only.isChecked():
            self.refresh()

    def export(self, fmt: str, path: Path | None = None) -> ActionLogWorker | None:
        """Write the shown log; asks for the file unless ``path`` is given."""
        if path is None:
            suggested = self.folder / f"action-log.{fmt}"
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export the action log", str(suggested), f"{fmt.upper()} (*.{fmt})"
            )
            if not chosen:
                return None
            path = Path(chosen)
            from .folders import remember_folder

            remember_folder("action-log", path)
            self.folder = path.parent
        if self.worker is not None and self.worker.isRunning():
            self.status.setText("An export is still being written; wait a moment.")
            return None
        self.status.setText(f"Writing {path.name}…")
        for b in self.exports.values():
            b.setEnabled(False)
        self.worker = ActionLogWorker(list(self.entries), path, fmt, self.open_only.isChecked())
        self.worker.done.connect(lambda p: self._finished(f"Written: {p}"))
        self.worker.failed.connect(lambda m: self._finished(f"Not exported: {m}"))
        self.worker.start()
        return self.worker

    def _finished(self, message: str) -> None:
        self.status.setText(message)
        for b in self.exports.values():
            b.setEnabled(True)

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        if self.worker is not None:
            self.worker.wait()  # never leave a thread writing behind a closed dialog
        super().done(result)
