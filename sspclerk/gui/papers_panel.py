"""The item's papers (attached PDFs) in the item editor: title, pages, size; Attach / Detach.

The panel only shows and asks; attaching and detaching are done by
``pack_actions.PackActions``, which the window connects to these signals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import AgendaItem, Document

from .keys import delete_key

DOCUMENT_ID = Qt.ItemDataRole.UserRole


def describe_paper(doc: Document) -> str:
    """'Recorded crime report — 12 pages · 793 KB' (what the clerk sees and the reader says)."""
    parts = []
    if doc.page_count:
        parts.append(f"{doc.page_count} page{'s' if doc.page_count != 1 else ''}")
    if doc.size_bytes:
        kb = doc.size_bytes / 1024
        parts.append(f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{max(1, round(kb))} KB")
    if not doc.sha256:
        parts.append("no file held")
    return f"{doc.title} — {' · '.join(parts)}" if parts else doc.title


class PapersPanel(QWidget):
    attach_clicked = Signal()
    detach_clicked = Signal(int)  # document id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        head = QHBoxLayout()
        title = QLabel("PAPERS")  # as the editor's other section headings
        title.setObjectName("section")
        head.addWidget(title)
        head.addStretch(1)
        self.attach_button = QPushButton("Attach &PDF…   Ctrl+Alt+A")
        self.attach_button.setObjectName("phrase")
        self.attach_button.setAccessibleName("Attach a PDF paper to this item")
        self.attach_button.clicked.connect(self.attach_clicked)
        self.detach_button = QPushButton("&Detach")
        self.detach_button.setObjectName("phrase")
        self.detach_button.setAccessibleName("Detach the selected paper")
        self.detach_button.clicked.connect(self._detach)
        head.addWidget(self.attach_button)
        head.addWidget(self.detach_button)
        outer.addLayout(head)
        self.list = QListWidget()
        self.list.setObjectName("papers")
        self.list.setAccessibleName("Papers attached to this item")
        self.list.setMaximumHeight(78)
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        delete_key(self.list, self._detach)
        outer.addWidget(self.list)
        self.empty = QLabel("No papers. Drop a PDF on the item in the agenda, or Attach PDF….")
        self.empty.setObjectName("hint")
        outer.addWidget(self.empty)
        self._read_only = False
        self._enable()

    def show_item(self, item: AgendaItem | None) -> None:
        self.list.clear()
        for doc in item.documents if item is not None else []:
            row = QListWidgetItem(describe_paper(doc))
            row.setData(DOCUMENT_ID, doc.id)
            row.setToolTip(f"{doc.filename}" if doc.filename else doc.title)
            self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.setVisible(self.list.count() > 0)
        self.empty.setVisible(self.list.count() == 0)
        self._enable()

    def selected_document(self) -> int | None:
        row = self.list.currentItem()
        return row.data(DOCUMENT_ID) if row is not None else None

    def _detach(self) -> None:
        doc_id = self.selected_document()
        if doc_id is not None and not self._read_only:
            self.detach_clicked.emit(doc_id)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._enable()

    def _enable(self) -> None:
        self.attach_button.setEnabled(not self._read_only)
        self.detach_button.setEnabled(not self._read_only and self.selected_document() is not None)
