"""Search every meeting (Ctrl+Shift+F): a box, the hits with the words in bold,
Enter or a double-click opens that meeting at that item.

The store does the searching (``Store.search``); this panel only shows the hits.
Snippets are the clerk's own text, which may hold ``<`` and ``&``: they are escaped
first and only then are the store's hit markers turned into bold tags.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import council_date
from sspclerk.store import HIT_END, HIT_START, SearchHit, StoreError

HIT = Qt.ItemDataRole.UserRole
#: Wait this long after the last key before searching (a word is usually typed by then).
TYPING_PAUSE_MS = 180


def snippet_html(hit: SearchHit) -> str:
    """The snippet as safe rich text: the clerk's text escaped, the hits in bold."""
    escaped = html.escape(hit.snippet, quote=False)  # the markers are control chars: kept
    return escaped.replace(HIT_START, "<b>").replace(HIT_END, "</b>")


def hit_html(hit: SearchHit) -> str:
    head = html.escape(f"{hit.item_number} {hit.item_title}", quote=False)
    where = html.escape(f"{hit.committee}, {council_date(hit.meeting_date)}", quote=False)
    return (
        f"<div><span style='font-weight:600'>{head}</span>"
        f" <span style='color:#5f6b76'>· {where}</span></div>"
        f"<div style='color:#374151'>{snippet_html(hit)}</div>"
    )


class _Box(QLineEdit):
    """Down arrow goes to the results; Enter opens the first (or chosen) one."""

    down = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if e.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(e)


class SearchPanel(QDialog):
    """A window of its own beside the minutes; stays open to visit several hits."""

    def __init__(
        self,
        search: Callable[[str], list[SearchHit]],
        open_hit: Callable[[SearchHit], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search all meetings")
        self.search = search
        self.open_hit = open_hit
        self.hits: list[SearchHit] = []
        layout = QVBoxLayout(self)
        self.box = _Box()
        self.box.setAccessibleName("Search all meetings")
        self.box.setPlaceholderText("Words to find in titles, notes, outcomes and actions")
        self.box.setClearButtonEnabled(True)
        layout.addWidget(self.box)
        self.status = QLabel(" ")
        self.status.setAccessibleName("Search result count")
        self.status.setStyleSheet("color: #5f6b76;")
        layout.addWidget(self.status)
        self.results = QListWidget()
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.box.textEdited.connect(lambda _t: self._timer.start())
        self.box.returnPressed.connect(self._enter_in_box)
        self.box.down.connect(self._to_results)
        self.results.itemActivated.connect(self._activated)  # Enter and double-click
        self.resize(620, 560)

    def focus_box(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.box.text()
        try:
            self.hits = self.search(text) if text.strip() else []
        except StoreError as exc:
            self.hits = []
            self.status.setText(f"Search failed: {exc}")
            self.results.clear()
            return
        self.results.clear()
        for hit in self.hits:
            row = QListWidgetItem()
            row.setData(HIT, hit)
            row.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{hit.item_number} {hit.item_title}, {council_date(hit.meeting_date)}: "
                f"{hit.snippet_marked('', '')}",
            )
            label = QLabel(hit_html(hit))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(6, 4, 6, 6)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.results.addItem(row)
            label.setFixedWidth(max(200, self.results.viewport().width() - 8))
            row.setSizeHint(label.sizeHint())
            self.results.setItemWidget(row, label)
        if text.strip():
            n = len(self.hits)
            self.status.setText(f"{n} item{'s' if n != 1 else ''} found" if n else "Nothing found")
        else:
            self.status.setText(" ")
        if self.hits:
            self.results.setCurrentRow(0)

    def _enter_in_box(self) -> None:
        if self._timer.isActive() or not self.hits:
            self.run_search()  # Enter before the pause: search now
        if self.hits:
            self._open(self.hits[max(0, self.results.currentRow())])

    def _to_results(self) -> None:
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(max(0, self.results.currentRow()))

    def _activated(self, row: QListWidgetItem) -> None:
        hit = row.data(HIT)
        if hit is not None:
            self._open(hit)

    def _open(self, hit: SearchHit) -> None:
        self.open_hit(hit)
