"""Files the GUI tests hand the window: small real PDFs, and drops delivered as Qt delivers them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


def make_pdf(path: Path, pages: int, label: str, *, landscape_page: int | None = None) -> Path:
    """A small real PDF, each page saying which paper and page it is."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        size = landscape(A4) if n == landscape_page else A4
        c.setPageSize(size)
        c.setFont("Helvetica", 18)
        c.drawString(72, size[1] - 120, f"{label} sheet {n}")
        c.showPage()
    c.save()
    return path


def drop_files(widget: QWidget, paths: list[Path], where: QPointF | None = None) -> bool:
    """Files dropped on ``widget`` at ``where`` (its centre): the drag enters, then drops.

    Returns whether the drag was accepted on entering.  Like a file manager, the
    drag carries the paths as text as well as URLs.
    """
    where = where or QPointF(widget.rect().center())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    mime.setText("\n".join(str(p) for p in paths))
    how = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(where, *how)
    QApplication.sendEvent(widget, enter)
    # (without the type PySide builds a drop event Qt does not deliver)
    QApplication.sendEvent(widget, QDropEvent(where, *how, QEvent.Type.Drop))
    return enter.isAccepted()
