"""One undo history for the whole window, across agenda items.

Each item's notes live in their own QTextDocument, which keeps that item's undo
steps.  This history records *which* document each step went into, in the order
the clerk made them, so Ctrl+Z after moving on undoes the last thing typed even if
that was in the previous item: the window goes back to that item and undoes it
there, in view, never behind the clerk's back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument


class UndoHistory(QObject):
    """Ordered record of undo steps across many documents."""

    changed = Signal()

    def __init__(self, show: Callable[[Hashable], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show  # bring the document's item and field into view
        self._docs: dict[Hashable, QTextDocument] = {}
        self._undo: list[Hashable] = []
        self._redo: list[Hashable] = []
        self._replaying = False

    def watch(self, key: Hashable, doc: QTextDocument) -> None:
        self._docs[key] = doc
        doc.undoCommandAdded.connect(lambda k=key: self._added(k))

    def _added(self, key: Hashable) -> None:
        if self._replaying:
            return
        self._undo.append(key)
        self._redo.clear()
        self.changed.emit()

    def can_undo(self) -> bool:
        return any(self._docs[k].isUndoAvailable() for k in self._undo)

    def can_redo(self) -> bool:
        return any(self._docs[k].isRedoAvailable() for k in self._redo)

    def undo(self) -> Hashable | None:
        """Undo the last step anywhere; returns the key it happened in."""
        while self._undo:
            key = self._undo.pop()
            doc = self._docs[key]
            if not doc.isUndoAvailable():
                continue  # undone some other way (context menu): skip the stale entry
            self._show(key)
            self._replaying = True
            try:
                doc.undo()
            finally:
                self._replaying = False
            self._redo.append(key)
            self.changed.emit()
            return key
        return None

    def redo(self) -> Hashable | None:
        while self._redo:
            key = self._redo.pop()
            doc = self._docs[key]
            if not doc.isRedoAvailable():
                continue
            self._show(key)
            self._replaying = True
            try:
                doc.redo()
            finally:
                self._replaying = False
            self._undo.append(key)
            self.changed.emit()
            return key
        return None
