"""Print a built pack: its pages rendered with QtPdf and drawn on the printer, one by one.

Printing the PDF ourselves (rather than handing it to a viewer) gives the clerk Qt's
print preview with the pack exactly as built, page numbers and stamps included.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

#: Enough for sharp text on paper without making a 300-page pack take minutes.
MAX_DPI = 200


class PrintError(Exception):
    """The pack file cannot be read for printing; one line."""


def open_pdf(path: Path | str, owner: QObject | None = None) -> QPdfDocument:
    """The pack, loaded by QtPdf; ``owner`` keeps it alive (Qt ownership, not Python's)."""
    doc = QPdfDocument(owner)
    doc.load(str(path))
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise PrintError(f"{Path(path).name} cannot be read for printing ({doc.error().name})")
    return doc


def paint_pdf(doc: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of ``doc`` on ``printer``, fitted and centred; return pages drawn.

    Each page is laid out in its own orientation (a landscape table prints landscape);
    where the printer keeps one orientation, a landscape page is turned to fit.
    """
    count = doc.pageCount()
    if count == 0:
        return 0
    painter = QPainter()
    for n in range(count):
        size = doc.pagePointSize(n)
        landscape = size.width() > size.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        if n == 0:
            if not painter.begin(printer):
                raise PrintError("the printer could not be started")
        else:
            printer.newPage()
        area = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
        area.moveTo(0, 0)
        turn = landscape != (area.width() > area.height())
        dpi = min(printer.resolution(), MAX_DPI)
        image = doc.render(
            n,
            QSize(max(1, round(size.width() * dpi / 72)), max(1, round(size.height() * dpi / 72))),
        )
        if turn:
            image = image.transformed(QTransform().rotate(90))
        _draw_fitted(painter, image, area)
    painter.end()
    return count


def _draw_fitted(painter: QPainter, image: QImage, area: QRectF) -> None:
    scaled = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(
        area.x() + (area.width() - scaled.width()) / 2,
        area.y() + (area.height() - scaled.height()) / 2,
        scaled.width(),
        scaled.height(),
    )
    painter.drawImage(target, image)


def print_to_pdf(source: Path | str, target: Path | str) -> int:
    """Print ``source`` through the same painting to a PDF file (tests, 'print to file')."""
    doc = open_pdf(source)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return paint_pdf(doc, printer)


def preview_dialog(path: Path | str, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """A print preview of the pack; the caller shows it (open() or exec()).

    The dialog makes and owns its printer: a QPrinter handed in from Python would be
    freed when this function returns while the dialog still paints on it (a crash).
    """
    dialog = QPrintPreviewDialog(parent)
    dialog.printer().setDocName(Path(path).stem)
    dialog.printer().setResolution(300)  # its default is the screen's: blurred on paper
    try:
        doc = open_pdf(path, dialog)
    except PrintError:
        dialog.deleteLater()
        raise
    dialog.setWindowTitle(f"Print — {Path(path).name}")
    dialog.setAccessibleName("Print preview of the agenda pack")
    dialog.resize(900, 760)
    dialog.pdf = doc  # the caller closes it when done with the file
    dialog.paintRequested.connect(lambda p: paint_pdf(doc, p))
    return dialog
