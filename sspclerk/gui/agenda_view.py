"""The agenda of the open meeting: number, title, restricted lock, outcome tick.

The item under discussion carries a green bar and "NOW", so the clerk can look
away and find the place again at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from sspclerk.core.model import AgendaItem

ITEM_ID = Qt.ItemDataRole.UserRole
NUMBER = Qt.ItemDataRole.UserRole + 1
RESTRICTED = Qt.ItemDataRole.UserRole + 2
HAS_OUTCOME = Qt.ItemDataRole.UserRole + 3
LIVE = Qt.ItemDataRole.UserRole + 4
DONE = Qt.ItemDataRole.UserRole + 5

#: Colours the rows are drawn in (tests/gui/test_look.py checks their contrast).
LIVE_GREEN = QColor("#1b7f3b")
MUTED = QColor("#5f6b76")
RESTRICTED_RED = QColor("#9a3412")
LIVE_ROW = QColor("#e8f5ec")  # the item under discussion
DONE_TEXT = QColor("#4b5563")  # an item taken earlier in this meeting


def _marks(index: QModelIndex, selected: bool, text: QColor, muted: QColor) -> list:
    """The marks at the right of the number line: (label, colour), right to left."""
    marks = []
    if index.data(LIVE):
        marks.append(("NOW", LIVE_GREEN if not selected else text))
    if index.data(HAS_OUTCOME):
        marks.append(("✔ outcome", muted))
    if index.data(RESTRICTED):
        marks.append(("restricted", RESTRICTED_RED if not selected else text))
    return marks


def _marks_width(marks: list, small: QFont) -> int:
    width = 0
    for label, _colour in marks:
        bold = QFont(small)
        bold.setBold(label == "NOW")
        width += QFontMetrics(bold).horizontalAdvance(label) + 12
        if label == "restricted":
            width += 14  # the padlock
    return width


class _AgendaDelegate(QStyledItemDelegate):
    """Two lines per item (number and marks, then the title, wrapped); when the row is
    too narrow for the number and its marks side by side, the marks get a line of
    their own — they never draw over the number."""

    @staticmethod
    def _small(option: QStyleOptionViewItem) -> QFont:
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.85)
        return small

    def _marks_below(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> bool:
        small = self._small(option)
        marks = _marks(index, False, MUTED, MUTED)
        number = QFontMetrics(small).horizontalAdvance(index.data(NUMBER) or "")
        return bool(marks) and 14 + number + 12 + _marks_width(marks, small) > width - 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        fm = QFontMetrics(option.font)
        view = self.parent()
        width = max(120, view.viewport().width() - 24) if view is not None else 240
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        lines = fm.boundingRect(QRect(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, title).height()
        small = QFontMetrics(self._small(option)).height()
        extra = small + 2 if self._marks_below(option, index, width + 24) else 0
        return QSize(width, int(fm.height() * 1.1) + lines + 16 + extra)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        p.save()
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        live = bool(index.data(LIVE))
        pal = option.palette
        if selected:
            p.fillRect(r, pal.color(QPalette.ColorRole.Highlight))
        elif live:
            p.fillRect(r, LIVE_ROW)
        if live:
            p.fillRect(QRect(r.left(), r.top(), 5, r.height()), LIVE_GREEN)
        text_color = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        if index.data(DONE) and not selected and not live:
            text_color = DONE_TEXT
        muted = text_color if selected else MUTED
        left = r.left() + 14
        small = self._small(option)
        fm_small = QFontMetrics(small)
        # Line 1: the number; its marks on the right, or on a line of their own.
        p.setFont(small)
        p.setPen(muted)
        top = r.top() + 6
        p.drawText(
            QRect(left, top, r.width() - 20, fm_small.height()),
            Qt.AlignmentFlag.AlignLeft,
            index.data(NUMBER) or "",
        )
        marks = _marks(index, selected, text_color, muted)
        below = self._marks_below(option, index, r.width())
        marks_top = top + fm_small.height() + 2 if below else top
        x = r.right() - 8
        for label, color in marks:
            bold = QFont(small)
            bold.setBold(label == "NOW")
            w = QFontMetrics(bold).horizontalAdvance(label)
            x -= w
            p.setPen(color)
            p.setFont(bold)
            p.drawText(
                QRect(x, marks_top, w + 4, fm_small.height()), Qt.AlignmentFlag.AlignLeft, label
            )
            if label == "restricted":
                x -= 14
                _padlock(p, x, marks_top + 2, fm_small.height() - 4, color)
            x -= 12
        # Then the title, wrapped.
        p.setFont(option.font)
        p.setPen(text_color)
        title_top = marks_top + fm_small.height() + 2
        title_rect = QRect(left, title_top, r.width() - 24, r.bottom() - title_top)
        p.drawText(
            title_rect,
            Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop,
            index.data(Qt.ItemDataRole.DisplayRole) or "",
        )
        p.setPen(QColor("#e3e6ea"))
        p.drawLine(r.left(), r.bottom(), r.right(), r.bottom())
        p.restore()


def _padlock(p: QPainter, x: int, y: int, h: int, color: QColor) -> None:
    """A small padlock (fonts without emoji draw the lock character as a box)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    body_h = max(5, h // 2 + 1)
    w = max(7, int(h * 0.75))
    p.setPen(QPen(color, 1.6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRect(x + w // 5, y, w - 2 * (w // 5), h - body_h + 3), 0, 180 * 16)
    p.drawLine(x + w // 5, y + (h - body_h + 3) // 2, x + w // 5, y + h - body_h)
    p.drawLine(x + w - w // 5, y + (h - body_h + 3) // 2, x + w - w // 5, y + h - body_h)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(QRect(x, y + h - body_h, w, body_h), 1.5, 1.5)
    p.restore()


class AgendaView(QListWidget):
    """The agenda list; ``currentRowChanged`` tells the window which item to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Agenda items")
        self.setItemDelegate(_AgendaDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setFrameShape(QListWidget.Shape.NoFrame)

    def show_items(self, items: list[AgendaItem]) -> None:
        self.blockSignals(True)
        self.clear()
        for item in items:
            row = QListWidgetItem(item.title or "(untitled item)")
            row.setData(ITEM_ID, item.id)
            self.addItem(row)
            self.refresh_row(self.count() - 1, item)
        self.blockSignals(False)

    def refresh_row(self, row: int, item: AgendaItem) -> None:
        w = self.item(row)
        if w is None:
            return
        w.setText(item.title or "(untitled item)")
        w.setData(NUMBER, item.number)
        w.setData(RESTRICTED, item.restricted)
        w.setData(HAS_OUTCOME, bool(item.outcomes))
        live = item.started_at is not None and item.ended_at is None
        w.setData(LIVE, live)
        w.setData(DONE, item.ended_at is not None)
        marks = [item.number, item.title]
        if live:
            marks.append("under discussion now")
        if item.outcomes:
            marks.append("has an outcome")
        if item.restricted:
            marks.append("restricted")
        w.setData(Qt.ItemDataRole.AccessibleTextRole, ", ".join(marks))
        w.setToolTip(", ".join(marks))

    def resizeEvent(self, e) -> None:  # noqa: N802 - word-wrapped rows need new heights
        super().resizeEvent(e)
        self.scheduleDelayedItemsLayout()
