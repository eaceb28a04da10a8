"""The item editor: number, restriction, title, agenda text, notes; under them the
outcome, actions and papers (``item_records.py``).

Typing in the notes and agenda text is autosaved through the window's Autosaver and
undone by each item's own QTextDocument (one per item, so its steps outlive a move
to another item and the window's UndoHistory can reach back into it).  Everything
else — the restricted mark, the Schedule 12A paragraph, the title and the public
wording — is an undoable operation in the store's journal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import EXEMPT_PARAGRAPHS, AgendaItem, Meeting
from sspclerk.store import Changed

from .autosave import Autosaver, Journal
from .item_records import ItemRecords, section, short
from .keys import narrow_combo
from .notes_edit import NotesEdit, clean_paste
from .operations import Operations
from .undo import UndoHistory

#: The notes always show at least this many lines, however small the screen.
NOTES_LINES = 8
#: Item fields that are journalled operations when saved (the rest are typing).
JOURNALLED_FIELDS = {
    "title": "title",
    "restriction_reason": "wording shown publicly",
    "public_summary": "public summary",
}
NOTES_HINT = "Type the discussion here. It is saved as you type."
READ_ONLY_HINT = "Read-only: nothing can be typed here."


class _ShortText(QPlainTextEdit):
    """Two lines of plain text (a reason, a summary): Tab moves on, paste is plain."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)

    def showEvent(self, e) -> None:  # noqa: N802 - two whole lines, none cut in half
        super().showEvent(e)
        margin = int(self.document().documentMargin())
        # The top margin and two lines exactly: the third line starts at the bottom edge.
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + margin + 2 * self.frameWidth())

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt name)
        self.textCursor().insertText(clean_paste(source))


class TitleEdit(QPlainTextEdit):
    """The item's title: one paragraph that wraps (a long title is never cut off);
    Enter goes on to the notes."""

    returnPressed = Signal()  # noqa: N815 (as QLineEdit)
    textEdited = Signal(str)  # noqa: N815 — typed by the clerk, not set by the window

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._setting = False
        self.textChanged.connect(self._changed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 (as QLineEdit)
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False

    def end(self, _mark: bool = False) -> None:
        self.moveCursor(QTextCursor.MoveOperation.End)

    def _changed(self) -> None:
        self._fit()
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    def _fit(self) -> None:
        lines = max(1, min(3, int(self.document().size().height())))
        height = self.fontMetrics().lineSpacing() * lines + 2 * int(
            self.document().documentMargin()
        )
        if self.height() != height + 4:
            self.setFixedHeight(height + 4)

    def resizeEvent(self, e) -> None:  # noqa: N802 - wrapped lines follow the width
        super().resizeEvent(e)
        self._fit()

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.returnPressed.emit()
            return
        super().keyPressEvent(e)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - a title is one line
        self.textCursor().insertText(" ".join(clean_paste(source).split()))


class _Records(QScrollArea):
    """The outcome, actions and papers: as tall as they need, never more than the
    room left under the notes (then they scroll; Tab brings each field into view)."""

    def __init__(self, records: ItemRecords) -> None:
        super().__init__()
        self.setObjectName("records")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(records)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        QApplication.instance().focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A field that gets the keyboard (Tab, Ctrl+Shift+O, a cell being edited) is
        scrolled into view: the clerk never types into a field they cannot see."""
        if new is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new, 0, 8)

    def content_height(self) -> int:
        content = self.widget()
        layout = content.layout()
        width = max(200, self.viewport().width())
        if layout.hasHeightForWidth():
            return layout.heightForWidth(width)
        return content.sizeHint().height()

    def fit(self) -> None:
        """Never taller than what it holds: the rest of the room goes to the notes."""
        height = self.content_height()
        if self.maximumHeight() != height:
            self.setMaximumHeight(height)

    def resizeEvent(self, e) -> None:  # noqa: N802 - wrapped buttons change the height
        super().resizeEvent(e)
        self.fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(max(200, self.viewport().width()), self.content_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, min(96, self.content_height()))


class ItemEditor(QWidget):
    """Shows one AgendaItem; every change goes through the autosave or an operation."""

    item_changed = Signal(int)  # an item's title/marks changed: refresh its agenda row
    notice = Signal(str)  # what a record-changing key did, for the window's banner

    def __init__(
        self,
        autosaver: Autosaver | None,
        ops: Operations | None,
        history: UndoHistory,
        meeting: Callable[[], Meeting | None],
        tell: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.ops = ops
        self.history = history
        self._meeting = meeting
        self.tell = tell
        self.item: AgendaItem | None = None
        self.outcome_word = "AGREED"
        self._loading = False
        self._read_only = False
        self._notes_docs: dict[int, QTextDocument] = {}
        self._agenda_docs: dict[int, QTextDocument] = {}
        self._build()

    def meeting_id(self) -> int | None:
        m = self._meeting()
        return m.id if m is not None else None

    def _item_by_id(self, item_id: int) -> AgendaItem | None:
        m = self._meeting()
        return next((i for i in m.items if i.id == item_id), None) if m else None

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 10, 18, 10)
        outer.setSpacing(5)

        top = QHBoxLayout()
        self.number = QLabel()
        self.number.setObjectName("itemNumber")
        self.number.setAccessibleName("Item number")
        top.addWidget(self.number)
        self.restricted_badge = QLabel("RESTRICTED · NOT FOR PUBLICATION")
        self.restricted_badge.setObjectName("restrictedBadge")
        top.addWidget(self.restricted_badge)
        top.addStretch(1)
        self.restricted = QCheckBox("&Restricted")
        self.restricted.setAccessibleName("Restricted item (not for publication)")
        self.restricted.setToolTip("Not for publication (Ctrl+R; Ctrl+Z undoes it)")
        self.restricted.clicked.connect(lambda _c: self.toggle_restricted())
        top.addWidget(self.restricted)
        outer.addLayout(top)

        self.title = TitleEdit()
        self.title.setObjectName("itemTitle")
        self.title.setAccessibleName("Item title")
        self.title.textEdited.connect(lambda _t: self._mark("title", self.title.text))
        self.title.returnPressed.connect(self.back_to_notes)
        outer.addWidget(self.title)

        self.agenda_text = NotesEdit()  # the same clean paste and window-wide undo
        self.agenda_text.undo_requested.connect(self.history.undo)
        self.agenda_text.redo_requested.connect(self.history.redo)
        self.agenda_text.setObjectName("agendaText")
        self.agenda_text.setAccessibleName("Agenda text")
        self.agenda_text.setPlaceholderText("Agenda text (what the item is for)")
        self.agenda_text.setTabChangesFocus(True)
        self.agenda_text.textChanged.connect(self._fit_agenda_text)
        outer.addWidget(self.agenda_text)

        outer.addWidget(self._build_restriction())

        notes_head = QHBoxLayout()
        notes_head.addWidget(section("Notes"))
        self.notes_hint = QLabel("“- ” bullet · “1. ” numbered · pastes as plain text")
        self.notes_hint.setObjectName("hint")
        notes_head.addStretch(1)
        notes_head.addWidget(self.notes_hint)
        outer.addLayout(notes_head)
        self.notes = NotesEdit()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName("Notes for this item")
        self.notes.setPlaceholderText(NOTES_HINT)
        self.notes.undo_requested.connect(self.history.undo)
        self.notes.redo_requested.connect(self.history.redo)
        self.notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Room left over is shared 3 : 2 between the notes (never under eight lines) and
        # the outcome, actions and papers (never more than they need; then they scroll).
        outer.addWidget(self.notes, 3)

        self.records = ItemRecords(self)
        self.records_area = _Records(self.records)
        outer.addWidget(self.records_area, 2)
        # The records' parts, by the names the window and the tests use.
        self.outcomes = self.records.outcomes
        self.outcome_text = self.records.outcome_text
        self.phrase_buttons = self.records.phrase_buttons
        self.vote_button = self.records.vote_button
        self.add_action_button = self.records.add_action_button
        self.actions = self.records.actions
        self.papers = self.records.papers
        self.add_phrase = self.records.add_phrase
        self.add_outcome = self.records.add_outcome
        self.record_vote = self.records.record_vote
        self.add_action = self.records.add_action

        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.45)
        title_font.setBold(True)
        self.title.setFont(title_font)

    def _build_restriction(self) -> QFrame:
        """Shown only for a restricted item: the paragraph and the public wording."""
        self.restriction_box = QFrame()
        self.restriction_box.setObjectName("restrictionBox")
        grid = QGridLayout(self.restriction_box)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setVerticalSpacing(4)
        self.paragraph = narrow_combo(QComboBox(), 11)
        self.paragraph.setAccessibleName("Schedule 12A paragraph")
        self.paragraph.addItem("Not chosen", None)
        for n, text in EXEMPT_PARAGRAPHS.items():
            self.paragraph.addItem(f"Paragraph {n}", n)
            self.paragraph.setItemData(
                self.paragraph.count() - 1, text, Qt.ItemDataRole.ToolTipRole
            )
        self.paragraph.activated.connect(lambda _i: self._set_paragraph())
        self.paragraph_text = QLabel()
        self.paragraph_text.setObjectName("hint")
        self.paragraph_text.setWordWrap(True)
        self.reason = _ShortText()
        self.reason.setAccessibleName("Reason shown publicly")
        self.reason.setPlaceholderText(
            "e.g. Due to the connection to an ongoing Police investigation this item was restricted."
        )
        self.reason.textChanged.connect(
            lambda: self._mark("restriction_reason", self.reason.toPlainText)
        )
        self.summary = _ShortText()
        self.summary.setAccessibleName("Public summary")
        self.summary.setPlaceholderText("Optional short public summary")
        self.summary.textChanged.connect(
            lambda: self._mark("public_summary", self.summary.toPlainText)
        )
        label = QLabel("Schedule &12A")
        label.setBuddy(self.paragraph)
        grid.addWidget(label, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.paragraph)
        row.addWidget(self.paragraph_text, 1)
        # On a short screen the public wording folds away behind this button.
        self.wording_button = QToolButton()
        self.wording_button.setText("Public &wording ▸")
        self.wording_button.setAccessibleName("Show the wording shown publicly and the summary")
        self.wording_button.setCheckable(True)
        self.wording_button.toggled.connect(self._show_wording)
        self.wording_button.hide()
        row.addWidget(self.wording_button)
        grid.addLayout(row, 0, 1)
        self.wording_rows: list[QWidget] = []
        for n, (text, w) in enumerate(
            (("Shown &publicly", self.reason), ("Public s&ummary", self.summary)), start=1
        ):
            lab = QLabel(text)
            lab.setBuddy(w)
            grid.addWidget(lab, n, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(w, n, 1)
            self.wording_rows += [lab, w]
        grid.setColumnStretch(1, 1)
        return self.restriction_box

    def set_compact(self, compact: bool) -> None:
        """A short screen (a 1280 × 720 laptop): the public wording folds behind a
        button and the outcome buttons into one, so the notes keep eight lines."""
        self._compact = compact
        self.wording_button.setVisible(compact)
        self.wording_button.setChecked(False)
        self._show_wording(not compact)
        self.records.set_compact(compact)

    def _show_wording(self, shown: bool) -> None:
        for w in self.wording_rows:
            w.setVisible(shown)
        self.paragraph_text.setVisible(not getattr(self, "_compact", False) or shown)
        self.wording_button.setText("Public &wording ▾" if shown else "Public &wording ▸")
        if shown and self.wording_button.isVisible() and self.wording_button.hasFocus():
            self.reason.setFocus()

    def resizeEvent(self, e) -> None:  # noqa: N802 - the notes keep their eight lines
        super().resizeEvent(e)
        self._hold_notes()
        self._fit_agenda_text()

    def _fit_agenda_text(self) -> None:
        """One line when it is empty or short, two when it runs on (then it scrolls):
        the room goes to the notes."""
        edit = self.agenda_text
        lines = 1 if int(edit.document().size().height()) <= 1 else 2
        height = edit.fontMetrics().lineSpacing() * lines + 14
        if edit.height() != height:
            edit.setFixedHeight(height)

    def _hold_notes(self) -> None:
        lines = self.notes.fontMetrics().lineSpacing() * NOTES_LINES
        self.notes.setMinimumHeight(lines + 2 * int(self.notes.document().documentMargin()) + 22)

    def back_to_notes(self) -> None:
        self.notes.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------ showing an item

    def show_item(self, item: AgendaItem, outcome_word: str) -> None:
        if self.autosaver is not None:
            self.autosaver.capture()  # the old item's typing is read before the widgets move on
        self._loading = True
        try:
            self.item = item
            self.outcome_word = outcome_word
            self._show_fields(item, every=True)
            self.notes.setDocument(self._doc(item, "minutes", self._notes_docs))
            self.notes.moveCursor(QTextCursor.MoveOperation.End)  # carry on where the notes end
            self.notes.ensureCursorVisible()
            self.agenda_text.setDocument(self._doc(item, "agenda_text", self._agenda_docs))
            self._fit_agenda_text()
            self.records.show_item(item, outcome_word)
            self.records_area.fit()
            self.title.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False
        self._hold_notes()

    def _show_fields(self, item: AgendaItem, *, every: bool) -> None:
        """Number, marks and the short fields; ``every`` also those the clerk is in."""
        self.number.setText(item.number)
        self.restricted.setChecked(item.restricted)
        self.restricted_badge.setVisible(item.restricted)
        self.restriction_box.setVisible(item.restricted)
        self.paragraph.setCurrentIndex(max(0, self.paragraph.findData(item.exempt_paragraph)))
        self.paragraph_text.setText(EXEMPT_PARAGRAPHS.get(item.exempt_paragraph, ""))
        for widget, value in (
            (self.title, item.title),
            (self.reason, item.restriction_reason),
            (self.summary, item.public_summary),
        ):
            if widget.toPlainText() != value and (every or not widget.hasFocus()):
                if isinstance(widget, TitleEdit):
                    widget.setText(value)
                else:
                    widget.setPlainText(value)

    def refresh(
        self, item: AgendaItem, outcome_word: str, *, replayed: bool, initiator: object = None
    ) -> None:
        """The item as the store now has it (after an operation, undo or redo)."""
        self._loading = True
        try:
            self.item = item
            self.outcome_word = outcome_word
            self._show_fields(item, every=replayed)
            self.records.refresh(item, outcome_word, None if replayed else initiator)
            self.records_area.fit()
        finally:
            self._loading = False

    def show_nothing(self, message: str) -> None:
        """No item to show (an empty agenda): blank, read-only fields, the reason in the title."""
        if self.autosaver is not None:
            self.autosaver.capture()
        self._loading = True
        try:
            self.item = None
            self.number.setText("")
            self.title.setText(message)
            for w in (self.restricted_badge, self.restriction_box):
                w.setVisible(False)
            for edit in (self.notes, self.agenda_text):
                blank = QTextDocument(self)
                blank.setDocumentLayout(QPlainTextDocumentLayout(blank))
                edit.setDocument(blank)
            self.records.show_item(None, self.outcome_word)
        finally:
            self._loading = False

    def document(self, item_id: int, name: str) -> QTextDocument | None:
        docs = self._notes_docs if name == "minutes" else self._agenda_docs
        return docs.get(item_id)

    def _doc(self, item: AgendaItem, name: str, docs: dict[int, QTextDocument]) -> QTextDocument:
        assert item.id is not None
        doc = docs.get(item.id)
        if doc is None:
            doc = QTextDocument(self)
            doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
            doc.setDefaultFont(self.notes.font() if name == "minutes" else self.agenda_text.font())
            doc.setPlainText(getattr(item, name))
            doc.clearUndoRedoStacks()
            doc.contentsChanged.connect(lambda i=item.id, d=doc, n=name: self._doc_changed(i, n, d))
            self.history.watch((item.id, name), doc)
            docs[item.id] = doc
        return doc

    def _doc_changed(self, item_id: int, name: str, doc: QTextDocument) -> None:
        if self._loading or self.autosaver is None:
            return
        # The window's meeting may have been read afresh since: the item is found by id.
        self.autosaver.mark(
            item_id,
            name,
            doc.toPlainText,
            lambda v, i=item_id, n=name: self._apply(i, n, v),
        )

    def _apply(self, item_id: int, name: str, value: object) -> None:
        item = self._item_by_id(item_id)
        if item is not None:
            setattr(item, name, value)
            if name in JOURNALLED_FIELDS:
                self.item_changed.emit(item_id)

    # ------------------------------------------------------------ texts from the store

    def sync_texts(self, meeting: Meeting) -> None:
        """Where the store's notes or agenda text differ from an open document (an
        approval wrote the minutes, another program changed them), the document takes
        the stored text.  Its old typing steps no longer apply and are dropped; text
        still waiting to be saved is never overwritten."""
        replaced = []
        for item in meeting.items:
            for name, docs in (("minutes", self._notes_docs), ("agenda_text", self._agenda_docs)):
                doc = docs.get(item.id)
                stored = getattr(item, name)
                if doc is None or doc.toPlainText() == stored:
                    continue
                if self.autosaver is not None and (
                    self.autosaver.pending_value(item.id, name) is not None
                ):
                    continue
                self._loading = True
                try:
                    doc.setPlainText(stored)
                finally:
                    self._loading = False
                replaced.append((item.id, name))
        if replaced:
            self.history.forget_typing(replaced)
            self.notes.moveCursor(QTextCursor.MoveOperation.End)

    def replace_text(self, item_id: int, name: str, text: str) -> bool:
        """Put ``text`` into an item's notes or agenda text as one edit the clerk can
        undo (an earlier version restored from the history)."""
        item = self._item_by_id(item_id)
        if item is None or self._read_only:
            return False
        docs = self._notes_docs if name == "minutes" else self._agenda_docs
        doc = self._doc(item, name, docs)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        return True

    # ------------------------------------------------------------ the marks and fields

    def _mark(self, name: str, getter: Callable[[], object]) -> None:
        if self._loading or self.item is None or self.autosaver is None:
            return
        item = self.item
        meeting_id = self.meeting_id()
        if meeting_id is None:
            return
        self.autosaver.mark(
            item.id,
            name,
            getter,
            lambda v, i=item.id, n=name: self._apply(i, n, v),
            label=f"{JOURNALLED_FIELDS[name]} of {item.number}",
            journal=Journal(meeting_id, item.id, merge_key=(item.id, name)),
        )
        if name == "title":  # the agenda row follows the title as it is typed
            item.title = self.title.text()
            self.item_changed.emit(item.id)

    def toggle_restricted(self) -> None:
        """Ctrl+R: restricted ⇄ public, as one undoable change the banner announces."""
        item = self.item
        if item is None or self.ops is None or self._read_only or self._loading:
            self.restricted.setChecked(bool(item and item.restricted))
            return
        restricted = not item.restricted
        item.restricted = restricted
        self.restricted.setChecked(restricted)
        self.restricted_badge.setVisible(restricted)
        self.restriction_box.setVisible(restricted)
        self.item_changed.emit(item.id)
        label = f"{item.number} marked restricted" if restricted else f"{item.number} made public"
        self._run(label, {"restricted": restricted})
        if restricted:
            self.notice.emit(
                f"{item.number} is now RESTRICTED: not for publication. "
                "Choose its Schedule 12A paragraph. Ctrl+Z to undo."
            )
        else:
            self.notice.emit(
                f"{item.number} is now PUBLIC: it will be in the public minutes. Ctrl+Z to undo."
            )

    def _set_paragraph(self) -> None:
        item = self.item
        value = self.paragraph.currentData()
        self.paragraph_text.setText(EXEMPT_PARAGRAPHS.get(value, ""))
        if item is None or self.ops is None or value == item.exempt_paragraph:
            return
        item.exempt_paragraph = value
        self._run(f"Schedule 12A paragraph of {item.number}", {"exempt_paragraph": value})

    def _run(self, label: str, values: dict[str, object]) -> None:
        item = self.item
        assert item is not None and self.ops is not None
        meeting_id = self.meeting_id()
        assert meeting_id is not None

        def run(store) -> Changed:
            return store.set_item_fields(item.id, **values)

        self.ops.run(label, run, meeting_id=meeting_id, item_id=item.id, queue=True)

    # ------------------------------------------------------------ read-only

    def set_read_only(self, read_only: bool) -> None:
        """Read-only looks it: no typing, no buttons, greyed fields, no "saved as you type"."""
        self._read_only = read_only
        for w in (self.title, self.reason, self.summary, self.notes, self.agenda_text):
            w.setReadOnly(read_only)
            w.setProperty("locked", read_only)
            w.style().unpolish(w)
            w.style().polish(w)
        for w in (self.reason, self.summary):
            w.setEnabled(not read_only)
        self.restricted.setEnabled(not read_only)
        self.paragraph.setEnabled(not read_only)
        self.notes.setPlaceholderText(READ_ONLY_HINT if read_only else NOTES_HINT)
        self.notes_hint.setVisible(not read_only)
        self.records.set_read_only(read_only)


__all__ = ["ItemEditor", "TitleEdit", "short"]
