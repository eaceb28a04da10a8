"""The notes editor: plain text, lists by line start, paste that is always clean.

The minutes are plain text on purpose (see core.minutes_text): a line starting
"- " is a bullet, "1. " a numbered entry.  Pasting from Word or a browser must
never bring fonts, tables or invisible control characters into the record, so
every paste goes through :func:`clean_paste`.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from sspclerk.core.text import clean_text

# Word's plain text for bullets: "•\t", "·\t" (Symbol font), "o\t" (level 2), "§\t"/"▪\t"
# (Wingdings); numbered lists come as "1.\t" or "a)\t".
_WORD_BULLET = re.compile(r"^([ \t]*)[•·▪◦‣§o\uf0b7\uf0a7]\t+", re.M)
_WORD_NUMBER = re.compile(r"^([ \t]*)(\d{1,3})[.)]\t+", re.M)
_BULLET_LINE = re.compile(r"^(\s*)([-*·•])\s+(.*)$")
_NUMBER_LINE = re.compile(r"^(\s*)(\d{1,3})([.)])\s+(.*)$")


def clean_paste(mime: QMimeData) -> str:
    """The plain text a paste should insert: no markup, no control characters."""
    if mime.hasText() and mime.text():
        text = mime.text()
    elif mime.hasHtml():
        text = QTextDocumentFragment.fromHtml(mime.html()).toPlainText()
    else:
        return ""
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = clean_text(text)
    text = _WORD_BULLET.sub(r"\1- ", text)
    text = _WORD_NUMBER.sub(r"\1\2. ", text)
    return text


class NotesEdit(QPlainTextEdit):
    """A QPlainTextEdit that continues lists on Enter and pastes plain text only.

    Undo and redo keys are left to the window, which keeps one history across items.
    """

    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(True)

    # ------------------------------------------------------------ paste

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt name)
        # Files dragged from the desktop are not text to insert: the window takes them
        # (a PDF is attached to the item, a page or meeting file is imported).
        if source.hasUrls() and all(u.isLocalFile() for u in source.urls()):
            return False
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt name)
        text = clean_paste(source)
        if text:
            self.textCursor().insertText(text)
            self.ensureCursorVisible()

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if _is_undo_redo(e):
            if e.matches(QKeySequence.StandardKey.Undo):
                self.undo_requested.emit()
            else:
                self.redo_requested.emit()
            return
        if (
            e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not e.modifiers()
            and self._continue_list()
        ):
            return
        super().keyPressEvent(e)

    def _continue_list(self) -> bool:
        """Enter on a list line starts the next entry; on an empty entry ends the list."""
        cursor = self.textCursor()
        if cursor.hasSelection() or not cursor.atBlockEnd():
            return False
        line = cursor.block().text()
        bullet = _BULLET_LINE.match(line)
        number = None if bullet else _NUMBER_LINE.match(line)
        if not (bullet or number):
            return False
        body = bullet.group(3) if bullet else number.group(4)  # type: ignore[union-attr]
        if not body.strip():
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
            self.setTextCursor(cursor)
            return True
        if bullet:
            prefix = f"{bullet.group(1)}{bullet.group(2)} "
        else:
            n = int(number.group(2)) + 1  # type: ignore[union-attr]
            prefix = f"{number.group(1)}{n}{number.group(3)} "  # type: ignore[union-attr]
        cursor.insertText("\n" + prefix)
        self.setTextCursor(cursor)
        return True


def _is_undo_redo(e: QKeyEvent) -> bool:
    return (
        e.matches(QKeySequence.StandardKey.Undo)
        or e.matches(QKeySequence.StandardKey.Redo)
        or (
            e.key() == Qt.Key.Key_Z
            and e.modifiers()
            == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
    )
