"""An item's text history: every kept version, and putting one back.

The dialog shows what ``store.item_history`` returns and returns the chosen version
(``chosen``); ``series_actions`` restores it with ``store.restore_version`` — which
keeps the restore as a new version, so nothing is lost by restoring either.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import council_date, council_time
from sspclerk.store import HistoryVersion

FIELDS = (("minutes", "Notes"), ("agenda_text", "Agenda text"), ("title", "Title"))


def version_label(v: HistoryVersion, latest: bool) -> str:
    first = " ".join(v.text.split())[:60] or "(empty)"
    when = f"{council_date(v.saved_at.date())}, {council_time(v.saved_at.time())}"
    # A team sync kept this one when another clerk's version won on screen.
    elsewhere = f" · changed elsewhere by {v.elsewhere}" if v.elsewhere else ""
    return f"{when}{' · current' if latest else ''}{elsewhere}\n{first}"


class HistoryDialog(QDialog):
    """Versions on the left, the chosen one in full on the right; Restore returns it."""

    def __init__(
        self,
        title: str,
        history: Callable[[str], list[HistoryVersion]],
        field: str = "minutes",
        can_restore: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History — {title}")
        self.history = history
        self.versions: list[HistoryVersion] = []
        self.chosen: HistoryVersion | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.field = QComboBox()
        self.field.setAccessibleName("Which text")
        for value, label in FIELDS:
            self.field.addItem(label, value)
        self.field.setCurrentIndex(max(0, self.field.findData(field)))
        lab = QLabel("&Text:")
        lab.setBuddy(self.field)
        top.addWidget(lab)
        top.addWidget(self.field)
        top.addStretch(1)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setAccessibleName("Saved versions")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The window's list style gives a pale selection: keep its text dark to be read.
        self.list.setStyleSheet(
            "QListWidget::item { padding: 4px; border-bottom: 1px solid #e5e7eb; }"
            "QListWidget::item:selected { background: #dbe8fb; color: #111827; }"
        )
        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName("The chosen version")
        self.preview.setReadOnly(True)
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setSizes([330, 470])
        layout.addWidget(split, 1)
        note = QLabel("Restoring keeps the current text as a version too.")
        note.setStyleSheet("color: #5f6b76;")
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            "&Restore this version", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.can_restore = can_restore
        self.restore_button.setVisible(can_restore)
        if not can_restore:
            note.setText("These minutes are approved: versions can be read, not restored.")
        self.buttons.accepted.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.field.currentIndexChanged.connect(lambda _i: self.load())
        self.list.currentRowChanged.connect(self._show)
        self.list.itemActivated.connect(lambda _i: self._restore())
        self.load()
        self.resize(860, 520)

    def load(self) -> None:
        self.versions = list(reversed(self.history(self.field.currentData())))  # newest first
        self.list.clear()
        for n, v in enumerate(self.versions):
            self.list.addItem(QListWidgetItem(version_label(v, n == 0)))
        if not self.versions:
            self.list.addItem(QListWidgetItem("No saved versions yet"))
        self.list.setCurrentRow(1 if len(self.versions) > 1 else 0)
        self.list.setFocus()

    def _show(self, row: int) -> None:
        v = self.versions[row] if 0 <= row < len(self.versions) else None
        self.preview.setPlainText(v.text if v else "")
        self.restore_button.setEnabled(self.can_restore and v is not None and row > 0)

    def _restore(self) -> None:
        row = self.list.currentRow()
        if self.can_restore and 0 < row < len(self.versions):
            self.chosen = self.versions[row]
            self.accept()
