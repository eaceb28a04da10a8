"""The item editor: title, agenda text, restriction, notes, outcome and actions.

Every field is autosaved through the window's Autosaver; nothing here writes to
the store directly.  Notes and agenda text keep one QTextDocument per item, so each
item keeps its own undo steps and the window's UndoHistory can reach back into an
item the clerk has already left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import EXEMPT_PARAGRAPHS, Action, AgendaItem, Outcome
from sspclerk.core.outcomes import outcome_phrases, vote_outcome

from .autosave import Autosaver
from .keys import KeepOnEscape, delete_key, narrow_combo
from .notes_edit import NotesEdit
from .papers_panel import PapersPanel
from .undo import UndoHistory

#: Short labels for the one-click outcome buttons, in outcome_phrases() order.
PHRASE_LABELS = ("Note report", "Note update", "Report noted", "Approved", "Deferred", "Withdrawn")


def parse_due(text: str) -> dt.date | None:
    """A due date as a clerk types it: 2025-09-30 or 30/09/2025; blank is none."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(f"{text!r} is not a date (use 30/09/2025)") from None


def _section(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("section")
    return label


class _ShortText(QPlainTextEdit):
    """Two lines of plain text (a reason, a summary): Tab moves on, paste is plain."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setFixedHeight(60)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt name)
        from .notes_edit import clean_paste

        self.textCursor().insertText(clean_paste(source))


class VoteDialog(QDialog):
    """Asks for the wording and the numbers; returns the Outcome, does no work."""

    def __init__(self, word: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a vote")
        self.word = word
        form = QFormLayout(self)
        self.wording = QLineEdit(f"{word} that the recommendations be approved")
        self.wording.setAccessibleName("Vote wording")
        self.for_, self.against, self.abstain = QSpinBox(), QSpinBox(), QSpinBox()
        for label, box in (
            ("&For", self.for_),
            ("&Against", self.against),
            ("A&bstentions", self.abstain),
        ):
            box.setRange(0, 999)
            box.setAccessibleName(label.replace("&", ""))
            form.addRow(label, box)
        form.insertRow(0, "&Wording", self.wording)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def outcome(self) -> Outcome:
        return vote_outcome(
            self.word,
            self.wording.text(),
            self.for_.value(),
            self.against.value(),
            self.abstain.value(),
        )


class ItemEditor(QWidget):
    """Shows one AgendaItem; edits go to the autosaver, never straight to the store."""

    item_changed = Signal(int)  # an item's title/marks changed: refresh its agenda row

    def __init__(
        self, autosaver: Autosaver | None, history: UndoHistory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.history = history
        self.item: AgendaItem | None = None
        self.outcome_word = "AGREED"
        self._loading = False
        self._notes_docs: dict[int, QTextDocument] = {}
        self._agenda_docs: dict[int, QTextDocument] = {}
        self._build()

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 12, 18, 12)
        outer.setSpacing(6)

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
        self.restricted.setToolTip("Not for publication (Ctrl+R)")
        self.restricted.clicked.connect(self._restricted_clicked)
        top.addWidget(self.restricted)
        outer.addLayout(top)

        self.title = QLineEdit()
        self.title.setObjectName("itemTitle")
        self.title.setAccessibleName("Item title")
        self.title.setFrame(False)
        self.title.textEdited.connect(lambda _t: self._mark("title", self.title.text))
        self.title.returnPressed.connect(lambda: self.notes.setFocus())
        outer.addWidget(self.title)

        self.agenda_text = NotesEdit()  # the same clean paste and window-wide undo
        self.agenda_text.undo_requested.connect(self.history.undo)
        self.agenda_text.redo_requested.connect(self.history.redo)
        self.agenda_text.setObjectName("agendaText")
        self.agenda_text.setAccessibleName("Agenda text")
        self.agenda_text.setPlaceholderText("Agenda text (what the item is for)")
        self.agenda_text.setTabChangesFocus(True)
        self.agenda_text.setMaximumHeight(56)
        outer.addWidget(self.agenda_text)

        # Restriction details: shown only for a restricted item.
        self.restriction_box = QFrame()
        self.restriction_box.setObjectName("restrictionBox")
        grid = QGridLayout(self.restriction_box)
        grid.setContentsMargins(10, 6, 10, 6)
        self.paragraph = QComboBox()
        self.paragraph = narrow_combo(self.paragraph)
        self.paragraph.setAccessibleName("Schedule 12A paragraph")
        self.paragraph.addItem("Paragraph: not chosen", None)
        for n, text in EXEMPT_PARAGRAPHS.items():
            self.paragraph.addItem(f"Paragraph {n} — {text}", n)
        self.paragraph.activated.connect(
            lambda _i: self._mark("exempt_paragraph", self.paragraph.currentData)
        )
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
        for row, (label, w) in enumerate(
            (
                ("Schedule 12A", self.paragraph),
                ("Shown publicly", self.reason),
                ("Public summary", self.summary),
            )
        ):
            lab = QLabel(label)
            lab.setBuddy(w)
            grid.addWidget(lab, row, 0)
            grid.addWidget(w, row, 1)
        outer.addWidget(self.restriction_box)

        notes_head = QHBoxLayout()
        notes_head.addWidget(_section("Notes"))
        hint = QLabel("“- ” bullet · “1. ” numbered · pastes as plain text")
        hint.setObjectName("hint")
        notes_head.addStretch(1)
        notes_head.addWidget(hint)
        outer.addLayout(notes_head)
        self.notes = NotesEdit()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName("Notes for this item")
        self.notes.setPlaceholderText("Type the discussion here. It is saved as you type.")
        self.notes.undo_requested.connect(self.history.undo)
        self.notes.redo_requested.connect(self.history.redo)
        self.notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.notes, 1)

        outer.addWidget(_section("Outcome"))
        self.outcomes = QListWidget()
        self.outcomes.setObjectName("outcomes")
        self.outcomes.setAccessibleName("Outcomes of this item")
        self.outcomes.setMaximumHeight(84)
        # A long resolution wraps: a sideways scroll hides the end of what was AGREED.
        self.outcomes.setWordWrap(True)
        self.outcomes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outcomes.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.outcomes.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.outcomes.itemChanged.connect(self._outcome_edited)
        delete_key(self.outcomes, self.remove_selected_outcome)
        outer.addWidget(self.outcomes)

        phrases = QGridLayout()
        phrases.setHorizontalSpacing(4)
        phrases.setVerticalSpacing(4)
        self.phrase_buttons: list[QPushButton] = []
        for n, label in enumerate(PHRASE_LABELS):
            b = QPushButton(f"{label}   Ctrl+{n + 1}")
            b.setObjectName("phrase")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, i=n: self.add_phrase(i))
            phrases.addWidget(b, n // 4, n % 4)
            self.phrase_buttons.append(b)
        self.vote_button = QPushButton("Vote…   Ctrl+7")
        self.vote_button.setObjectName("phrase")
        self.vote_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.vote_button.clicked.connect(self.record_vote)
        phrases.addWidget(self.vote_button, 1, 2)
        outer.addLayout(phrases)
        self.outcome_text = QLineEdit()
        self.outcome_text.setAccessibleName("Outcome wording")
        self.outcome_text.setPlaceholderText("Or type the outcome wording and press Enter")
        self.outcome_text.returnPressed.connect(self._typed_outcome)
        outer.addWidget(self.outcome_text)

        actions_head = QHBoxLayout()
        actions_head.addWidget(_section("Actions"))
        actions_head.addStretch(1)
        self.add_action_button = QPushButton("Add a&ction   Ctrl+Shift+A")
        self.add_action_button.setObjectName("phrase")
        self.add_action_button.clicked.connect(self.add_action)
        actions_head.addWidget(self.add_action_button)
        outer.addLayout(actions_head)
        self.actions = QTableWidget(0, 3)
        self.actions.setObjectName("actions")
        self.actions.setAccessibleName("Actions of this item")
        self.actions.setHorizontalHeaderLabels(["Action", "Owner", "Due"])
        self.actions.verticalHeader().hide()
        header = self.actions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 160)
        header.resizeSection(2, 110)
        self.actions.setMaximumHeight(96)
        self.actions.itemChanged.connect(self._action_edited)
        self.actions.setItemDelegate(KeepOnEscape(self.actions, lambda: self.notes.setFocus()))
        delete_key(self.actions, self.remove_selected_action)
        outer.addWidget(self.actions)
        self.papers = PapersPanel()  # attached PDFs; PackActions does the attaching
        outer.addWidget(self.papers)

        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.45)
        title_font.setBold(True)
        self.title.setFont(title_font)

    # ------------------------------------------------------------ showing an item

    def show_item(self, item: AgendaItem, outcome_word: str) -> None:
        if self.autosaver is not None:
            self.autosaver.capture()  # the old item's typing is read before the widgets move on
        self._loading = True
        try:
            self.item = item
            self.outcome_word = outcome_word
            self.number.setText(item.number)
            self.title.setText(item.title)
            self.title.setCursorPosition(0)
            self.restricted.setChecked(item.restricted)
            self.restricted_badge.setVisible(item.restricted)
            self.restriction_box.setVisible(item.restricted)
            self.paragraph.setCurrentIndex(max(0, self.paragraph.findData(item.exempt_paragraph)))
            self.reason.setPlainText(item.restriction_reason)
            self.summary.setPlainText(item.public_summary)
            self.notes.setDocument(self._doc(item, "minutes", self._notes_docs))
            self.notes.moveCursor(QTextCursor.MoveOperation.End)  # carry on where the notes end
            self.notes.ensureCursorVisible()
            self.agenda_text.setDocument(self._doc(item, "agenda_text", self._agenda_docs))
            self._show_outcomes()
            self._show_actions()
            self.papers.show_item(item)
            phrases = outcome_phrases(outcome_word)
            for button, phrase in zip(self.phrase_buttons, phrases, strict=False):
                button.setToolTip(phrase.text)
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
            blank = QTextDocument(self)
            blank.setDocumentLayout(QPlainTextDocumentLayout(blank))
            self.notes.setDocument(blank)
            self.agenda_text.setDocument(QTextDocument(self))
            self.agenda_text.document().setDocumentLayout(
                QPlainTextDocumentLayout(self.agenda_text.document())
            )
            self._show_outcomes()
            self._show_actions()
            self.papers.show_item(None)
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
            doc.contentsChanged.connect(lambda it=item, d=doc, n=name: self._doc_changed(it, n, d))
            self.history.watch((item.id, name), doc)
            docs[item.id] = doc
        return doc

    def _doc_changed(self, item: AgendaItem, name: str, doc: QTextDocument) -> None:
        if self._loading or self.autosaver is None:
            return
        self.autosaver.mark(
            item.id, name, doc.toPlainText, lambda v, it=item, n=name: setattr(it, n, v)
        )

    def _mark(self, name: str, getter: Callable[[], object]) -> None:
        if self._loading or self.item is None or self.autosaver is None:
            return
        item = self.item

        def apply(value: object) -> None:
            setattr(item, name, value)
            self.item_changed.emit(item.id)

        self.autosaver.mark(item.id, name, getter, apply)
        if name == "title":  # the agenda row follows the title as it is typed
            item.title = self.title.text()
            self.item_changed.emit(item.id)

    def _restricted_clicked(self, checked: bool) -> None:
        self.restricted_badge.setVisible(checked)
        self.restriction_box.setVisible(checked)
        self._mark("restricted", self.restricted.isChecked)
        if self.item is not None and not self._loading:
            self.item.restricted = checked
            self.item_changed.emit(self.item.id)

    def toggle_restricted(self) -> None:
        if self.restricted.isEnabled():
            self.restricted.click()

    # ------------------------------------------------------------ outcomes

    def _show_outcomes(self) -> None:
        self.outcomes.blockSignals(True)
        self.outcomes.clear()
        outcomes = self.item.outcomes if self.item else []
        for o in outcomes:
            row = QListWidgetItem(o.text)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
            font = row.font()
            font.setBold(True)
            row.setFont(font)
            self.outcomes.addItem(row)
        if not outcomes:
            hint = QListWidgetItem("No outcome yet: Ctrl+1 … Ctrl+7, or type the wording below")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            hint.setForeground(Qt.GlobalColor.gray)
            self.outcomes.addItem(hint)
        self.outcomes.blockSignals(False)

    def add_phrase(self, index: int) -> None:
        phrases = outcome_phrases(self.outcome_word)
        if 0 <= index < len(phrases):
            self.add_outcome(phrases[index])

    def add_outcome(self, outcome: Outcome) -> None:
        if self.item is None or self.autosaver is None:
            return
        item = self.item
        if any(o.text == outcome.text for o in item.outcomes):
            return  # a second press of the same key is not a second decision
        item.outcomes.append(outcome)

        def run(store) -> None:
            outcome.id = store.add_outcome(item.id, outcome)

        self.autosaver.queue(run, f"outcome for {item.number}: {outcome.text}")
        self._show_outcomes()
        self.item_changed.emit(item.id)

    def _typed_outcome(self) -> None:
        text = self.outcome_text.text().strip()
        if text:
            from sspclerk.core.outcomes import infer_kind

            self.add_outcome(Outcome(text, infer_kind(text)))
            self.outcome_text.clear()

    def record_vote(self) -> None:
        if self.item is None or self.autosaver is None:
            return
        dialog = VoteDialog(self.outcome_word, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_outcome(dialog.outcome())
        self.notes.setFocus()

    def _outcome_edited(self, row: QListWidgetItem) -> None:
        if self.item is None or self.autosaver is None:
            return
        index = self.outcomes.row(row)
        if not 0 <= index < len(self.item.outcomes):
            return
        outcome = self.item.outcomes[index]
        text = row.text().strip()
        if not text:
            self._remove_outcome(index)
            return
        outcome.text = text
        self.autosaver.queue(lambda s, o=outcome: s.update_outcome(o.id, o), f"outcome: {text}")

    def remove_selected_outcome(self) -> None:
        index = self.outcomes.currentRow()
        if self.item is not None and 0 <= index < len(self.item.outcomes):
            self._remove_outcome(index)

    def _remove_outcome(self, index: int) -> None:
        if self.item is None or self.autosaver is None:
            return
        outcome = self.item.outcomes.pop(index)
        self.autosaver.queue(
            lambda s, o=outcome: s.remove_outcome(o.id), f"remove outcome {outcome.text}"
        )
        self._show_outcomes()
        self.item_changed.emit(self.item.id)

    # ------------------------------------------------------------ actions

    def _show_actions(self) -> None:
        self.actions.blockSignals(True)
        self.actions.setRowCount(0)
        for a in self.item.actions if self.item else []:
            r = self.actions.rowCount()
            self.actions.insertRow(r)
            due = a.due.strftime("%d/%m/%Y") if a.due else ""
            for c, text in enumerate((a.text, a.owner, due)):
                self.actions.setItem(r, c, QTableWidgetItem(text))
        self.actions.blockSignals(False)
        # No actions: no empty table taking room from the notes.
        self.actions.setVisible(self.actions.rowCount() > 0)

    def add_action(self) -> None:
        if self.item is None or self.autosaver is None:
            return
        item = self.item
        action = Action("")
        item.actions.append(action)

        def run(store) -> None:
            action.id = store.add_action(item.id, action)

        self.autosaver.queue(run, f"action for {item.number}")
        self._show_actions()
        row = self.actions.rowCount() - 1
        self.actions.setFocus()
        self.actions.setCurrentCell(row, 0)
        self.actions.editItem(self.actions.item(row, 0))

    def _action_edited(self, cell: QTableWidgetItem) -> None:
        if self.item is None or self.autosaver is None:
            return
        row = cell.row()
        if row >= len(self.item.actions):
            return
        action = self.item.actions[row]
        text = cell.text()
        if cell.column() == 0:
            action.text = text
        elif cell.column() == 1:
            action.owner = text
        else:
            try:
                action.due = parse_due(text)
                cell.setToolTip("")
                cell.setForeground(self.palette().text())
            except ValueError as exc:
                cell.setToolTip(str(exc))
                cell.setForeground(Qt.GlobalColor.red)
                return
        self.autosaver.queue(lambda s, a=action: s.update_action(a.id, a), f"action: {action.text}")

    def remove_selected_action(self) -> None:
        row = self.actions.currentRow()
        if self.item is None or self.autosaver is None or row < 0 or row >= len(self.item.actions):
            return
        action = self.item.actions.pop(row)
        self.autosaver.queue(
            lambda s, a=action: s.remove_action(a.id), f"remove action {action.text}"
        )
        self._show_actions()

    # ------------------------------------------------------------ read-only

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.title, self.reason, self.summary, self.outcome_text):
            w.setReadOnly(read_only)  # type: ignore[attr-defined]
        self.notes.setReadOnly(read_only)
        self.agenda_text.setReadOnly(read_only)
        self.papers.set_read_only(read_only)
        for w in (
            self.restricted,
            self.paragraph,
            self.vote_button,
            self.add_action_button,
            *self.phrase_buttons,
        ):
            w.setEnabled(not read_only)
        triggers = (
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else (
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )
        )
        self.outcomes.setEditTriggers(triggers)
        self.actions.setEditTriggers(
            triggers if read_only else QAbstractItemView.EditTrigger.AllEditTriggers
        )
