"""Small keyboard helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def delete_key(widget: QWidget, handler: Callable[[], object]) -> QShortcut:
    """Delete removes the selected row of *this* widget only.

    (The context must be set after construction: PySide ignores it as a keyword, and
    several window-wide Delete shortcuts would cancel each other out.)
    """
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(handler)
    return shortcut
