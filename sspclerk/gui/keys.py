"""Small keyboard helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .shortcuts import shortcut_rows


def narrow_combo(combo: QComboBox, characters: int = 12) -> QComboBox:
    """A combo box that does not widen the window to fit its longest entry.

    (A Schedule 12A paragraph or an agenda title would otherwise push the window
    off the screen; the open list still shows entries in full.)
    """
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def delete_key(widget: QWidget, handler: Callable[[], object]) -> QShortcut:
    """Delete removes the selected row of *this* widget only.

    (The context must be set after construction: PySide ignores it as a keyword, and
    several window-wide Delete shortcuts would cancel each other out.)
    """
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(handler)
    return shortcut


class KeepOnEscape(QStyledItemDelegate):
    """Esc in a table cell keeps what was typed (Qt would throw it away) and goes on.

    A clerk presses Esc to get back to the notes; losing a half-typed action for
    that would break the promise that nothing typed is lost.
    """

    def __init__(self, parent: QWidget, after: Callable[[], object]) -> None:
        super().__init__(parent)
        self._after = after

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and isinstance(editor, QWidget)
        ):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the key comes here, not to the window's Esc shortcut
                return True
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            self._after()
            return True
        return super().eventFilter(editor, event)


class KeysDialog(QDialog):
    """F1: every key of the window, from the one table in shortcuts.py."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        rows = shortcut_rows()
        table = QTableWidget(len(rows), 3)
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Menu", "Keys", "What it does"])
        table.verticalHeader().hide()
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(table)
        self.resize(860, 680)
