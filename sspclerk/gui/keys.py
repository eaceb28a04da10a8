"""Small keyboard helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .shortcuts import DURING_THE_MEETING, shortcut_rows


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
    """F1: every key of the window, from the one table in shortcuts.py; the keys used
    while the meeting runs first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        rows = shortcut_rows()
        self.table = table = QTableWidget(len(rows), 3)
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        table.verticalHeader().hide()
        table.setWordWrap(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if values[0] == DURING_THE_MEETING:
                    font = cell.font()
                    font.setBold(c == 1)
                    cell.setFont(font)
                table.setItem(r, c, cell)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        layout.addWidget(table)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 900, 680
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)
        table.setFocus()


class ElidedLabel(QLabel):
    """One line of text cut short with "…" when the room runs out, never wider than
    it is given (a long venue must not push the window off a laptop screen); the
    whole text is in its tooltip and read by a screen reader."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, super().minimumSizeHint().height())

    def paintEvent(self, _e) -> None:  # noqa: N802
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()) | Qt.AlignmentFlag.AlignVCenter, text)


def _undo_keys(event: QKeyEvent) -> str:
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo) or (
        event.key() == Qt.Key.Key_Z
        and event.modifiers()
        == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ):
        return "redo"
    return ""


class _UndoFallThrough(QObject):
    """Ctrl+Z in a small text field (the title, an outcome wording, the public wording)
    undoes the field's own typing first; with nothing left there it goes on to the
    window's undo, so it always takes back the last change instead of doing nothing."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        kind = _undo_keys(event)
        if not kind:
            return False
        if isinstance(obj, QLineEdit):
            local = obj.isUndoAvailable() if kind == "undo" else obj.isRedoAvailable()
        elif isinstance(obj, QPlainTextEdit):
            doc = obj.document()
            local = doc.isUndoAvailable() if kind == "undo" else doc.isRedoAvailable()
        else:
            return False
        if local:
            return False
        event.ignore()
        return True  # not taken by the field: the window's Undo shortcut runs


def install_undo_fall_through(window: QWidget) -> QObject:
    """On each small text field of the window (not the notes and agenda text, whose
    undo is the window's already, nor a table cell being edited: those come later)."""
    keeper = _UndoFallThrough(window)
    for field in window.findChildren(QLineEdit) + window.findChildren(QPlainTextEdit):
        if not hasattr(field, "undo_requested"):
            field.installEventFilter(keeper)
    return keeper


def ask(parent: QWidget, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A Yes/No question; No is the default unless the clerk's own act is being
    confirmed.  The window gets the keyboard back afterwards, so the next key goes
    where the clerk was typing."""
    from PySide6.QtWidgets import QMessageBox

    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, yes | no, yes if default_yes else no) == yes
    window = parent.window()
    window.activateWindow()
    window.raise_()
    return answer
