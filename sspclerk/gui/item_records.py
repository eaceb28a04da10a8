"""Under an item's notes: its outcomes, actions and papers.

Each change is one operation (``Operations.run``): shown at once, written to the store
in its own journalled transaction, and taken back by Ctrl+Z with a line in the status
bar.  Nothing here asks the clerk, except a second outcome of the same kind on one item
(pressing Ctrl+4 on an item already AGREED is more often a slip than a second
decision; see ``clashes``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import Action, AgendaItem, Outcome, OutcomeKind
from sspclerk.core.outcomes import outcome_phrases, vote_outcome
from sspclerk.store import Changed

from .flow_layout import FlowLayout
from .keys import KeepOnEscape, ask, delete_key
from .papers_panel import PapersPanel

if TYPE_CHECKING:
    from .item_editor import ItemEditor

#: Short labels for the one-click outcome buttons, in outcome_phrases() order.
PHRASE_LABELS = ("Note report", "Note update", "Report noted", "Approved", "Deferred", "Withdrawn")
#: The hint shown in an empty outcome list: dark enough to read (WCAG AA on its green).
HINT_COLOUR = "#3f4a45"
#: A due date that is not a date (6.5:1 on white).
BAD_DATE_COLOUR = "#b91c1c"


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


def short(text: str, size: int = 60) -> str:
    """A record's words cut to fit a status-bar line."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


#: Outcomes of these kinds are one decision: a second one on an item asks first.
_DECISIONS = {OutcomeKind.APPROVED, OutcomeKind.APPROVED_WITH_AMENDMENTS, OutcomeKind.VOTE}
#: An item deferred or withdrawn has no other outcome beside it.
_ALONE = {OutcomeKind.DEFERRED, OutcomeKind.WITHDRAWN}


def clashes(have: Outcome, new: Outcome) -> bool:
    """A second outcome of the same kind (AGREED on an item already AGREED, noted
    twice), or deferred/withdrawn beside anything: more often a slip than meant."""
    family = {have.kind, new.kind}
    return have.kind == new.kind or family <= _DECISIONS or bool(family & _ALONE)


def section(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("section")
    return label


class VoteDialog(QDialog):
    """Asks for the wording and the numbers; returns the Outcome, does no work."""

    def __init__(self, word: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a vote")
        self.word = word
        form = QFormLayout(self)
        self.wording = QLineEdit(f"{word} that the recommendations be approved")
        self.wording.setAccessibleName("Vote wording")
        # The whole wording in view, not cut at the box's edge.
        width = self.wording.fontMetrics().horizontalAdvance(self.wording.text() + "MMMMMM")
        self.wording.setMinimumWidth(min(max(width, 320), 640))
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


class ItemRecords(QWidget):
    """The outcome, actions and papers of the editor's item."""

    def __init__(self, editor: ItemEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.item: AgendaItem | None = None
        self.outcome_word = "AGREED"
        self._read_only = False
        self._build()

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addWidget(section("Outcome"))
        self.outcomes = QListWidget()
        self.outcomes.setObjectName("outcomes")
        self.outcomes.setAccessibleName("Outcomes of this item (Delete removes one; Ctrl+Z undoes)")
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

        buttons = QWidget()
        flow = FlowLayout(buttons)
        self.phrase_buttons: list[QPushButton] = []
        for n, label in enumerate(PHRASE_LABELS):
            b = QPushButton(f"{label}  Ctrl+{n + 1}")
            b.setObjectName("phrase")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, i=n: self.add_phrase(i))
            flow.addWidget(b)
            self.phrase_buttons.append(b)
        self.vote_button = QPushButton("Vote…  Ctrl+7")
        self.vote_button.setObjectName("phrase")
        self.vote_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.vote_button.clicked.connect(self.record_vote)
        flow.addWidget(self.vote_button)
        outer.addWidget(buttons)
        self.phrase_row = buttons
        # On a short screen the seven buttons fold into one (the keys work the same).
        self.phrase_menu_button = QPushButton("Outcome…  Ctrl+1 – Ctrl+7")
        self.phrase_menu_button.setObjectName("phrase")
        self.phrase_menu_button.setAccessibleName("Choose an outcome")
        menu = QMenu(self.phrase_menu_button)
        for n, label in enumerate(PHRASE_LABELS):
            menu.addAction(f"{label}\tCtrl+{n + 1}", lambda i=n: self.add_phrase(i))
        menu.addAction("Vote…\tCtrl+7", self.record_vote)
        self.phrase_menu_button.setMenu(menu)
        self.phrase_menu_button.hide()
        outer.addWidget(self.phrase_menu_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.outcome_text = QLineEdit()
        self.outcome_text.setAccessibleName("Outcome wording")
        self.outcome_text.setPlaceholderText("Or type the outcome wording and press Enter")
        self.outcome_text.returnPressed.connect(self._typed_outcome)
        outer.addWidget(self.outcome_text)

        actions_head = QHBoxLayout()
        actions_head.addWidget(section("Actions"))
        actions_head.addStretch(1)
        self.add_action_button = QPushButton("Add a&ction  Ctrl+Shift+A")
        self.add_action_button.setObjectName("phrase")
        self.add_action_button.clicked.connect(self.add_action)
        actions_head.addWidget(self.add_action_button)
        outer.addLayout(actions_head)
        self.actions = QTableWidget(0, 3)
        self.actions.setObjectName("actions")
        self.actions.setAccessibleName("Actions of this item (Delete removes one; Ctrl+Z undoes)")
        self.actions.setHorizontalHeaderLabels(["Action", "Owner", "Due"])
        self.actions.verticalHeader().hide()
        header = self.actions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 160)
        header.resizeSection(2, 110)
        self.actions.itemChanged.connect(self._action_edited)
        self.actions.setItemDelegate(
            KeepOnEscape(self.actions, lambda: self.editor.notes.setFocus())
        )
        delete_key(self.actions, self.remove_selected_action)
        outer.addWidget(self.actions)
        self.papers = PapersPanel()  # attached PDFs; PackActions does the attaching
        outer.addWidget(self.papers)

    def _fit(self, view: QAbstractItemView, rows: int, most: int) -> None:
        """A list as tall as its rows (up to ``most``), so it never hides one nor
        takes room from the notes it does not need."""
        if rows == 0:
            return
        if isinstance(view, QTableWidget):
            view.resizeRowsToContents()
            body = sum(view.rowHeight(r) for r in range(min(rows, most)))
            body += view.horizontalHeader().height()
        else:
            body = sum(view.sizeHintForRow(r) for r in range(min(rows, most)))
        view.setFixedHeight(body + 2 * view.frameWidth() + 4)

    # ------------------------------------------------------------ showing

    def show_item(self, item: AgendaItem | None, outcome_word: str) -> None:
        self.item = item
        self._show_outcomes()
        self._show_actions()
        self.papers.show_item(item)
        self._wording(outcome_word)

    def _wording(self, outcome_word: str) -> None:
        """The committee's own word (AGREED, RESOLVED) on the one-key outcomes."""
        self.outcome_word = outcome_word
        phrases = outcome_phrases(outcome_word)
        for button, phrase in zip(self.phrase_buttons, phrases, strict=False):
            button.setToolTip(phrase.text)

    def refresh(self, item: AgendaItem, outcome_word: str, skip: object = None) -> None:
        """The item as the store now has it; ``skip`` is a view the clerk is working in."""
        self.item = item
        self._wording(outcome_word)
        if skip is not self.outcomes and self.outcomes.state() != self.outcomes.State.EditingState:
            self._show_outcomes()
        if skip is not self.actions and self.actions.state() != self.actions.State.EditingState:
            self._show_actions()
        self.papers.show_item(item)

    def _show_outcomes(self) -> None:
        self.outcomes.blockSignals(True)
        row = self.outcomes.currentRow()
        self.outcomes.clear()
        outcomes = self.item.outcomes if self.item else []
        for o in outcomes:
            entry = QListWidgetItem(o.text)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
            font = entry.font()
            font.setBold(True)
            entry.setFont(font)
            self.outcomes.addItem(entry)
        if not outcomes:
            hint = QListWidgetItem("No outcome yet: Ctrl+1 … Ctrl+7, or type the wording below")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            hint.setForeground(_colour(HINT_COLOUR))
            self.outcomes.addItem(hint)
        elif row >= 0:
            self.outcomes.setCurrentRow(min(row, len(outcomes) - 1))
        self.outcomes.blockSignals(False)
        self._fit(self.outcomes, self.outcomes.count(), 3)
        self._resized()

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
        self._fit(self.actions, self.actions.rowCount(), 3)
        self._resized()

    def _resized(self) -> None:
        area = getattr(self.editor, "records_area", None)
        if area is not None:
            self.layout().activate()
            area.fit()

    # ------------------------------------------------------------ outcomes

    def _run(self, label: str, call, initiator: object) -> None:
        assert self.item is not None and self.editor.ops is not None
        self.editor.ops.run(
            label,
            call,
            meeting_id=self.editor.meeting_id(),
            item_id=self.item.id,
            initiator=initiator,
            queue=True,
        )

    def _writable(self) -> bool:
        return self.item is not None and self.editor.ops is not None and not self._read_only

    def add_phrase(self, index: int) -> None:
        phrases = outcome_phrases(self.outcome_word)
        if 0 <= index < len(phrases):
            self.add_outcome(phrases[index])

    def add_outcome(self, outcome: Outcome, *, typed: bool = False) -> bool:
        """Record an outcome; a second one of the same kind asks first."""
        if not self._writable():
            return False
        item = self.item
        assert item is not None
        if any(o.text == outcome.text for o in item.outcomes):
            self.editor.tell(f"{item.number} already has the outcome ‘{short(outcome.text)}’.")
            return False  # a second press of the same key is not a second decision
        same = [o for o in item.outcomes if clashes(o, outcome)]
        if same and not self._confirm_second(item, same[-1], outcome, typed):
            self.editor.tell(f"Not added: {item.number} keeps ‘{short(same[-1].text)}’.")
            return False
        item.outcomes.append(outcome)
        self._show_outcomes()
        self.editor.item_changed.emit(item.id)

        def run(store) -> Changed:
            outcome.id = store.add_outcome(item.id, outcome)
            return Changed(self.editor.meeting_id(), item.id, "outcomes")

        self._run(f"outcome ‘{short(outcome.text)}’ on {item.number}", run, self.outcomes)
        return True

    def _confirm_second(self, item: AgendaItem, have: Outcome, new: Outcome, typed: bool) -> bool:
        # A typed wording was meant; a one-key outcome on top of another is usually a slip.
        return ask(
            self,
            "A second outcome",
            f"{item.number} already has the outcome\n“{have.text}”\n\nAdd “{new.text}” as well?",
            default_yes=typed,
        )

    def _typed_outcome(self) -> None:
        text = self.outcome_text.text().strip()
        if text:
            from sspclerk.core.outcomes import infer_kind

            if self.add_outcome(Outcome(text, infer_kind(text)), typed=True):
                self.outcome_text.clear()

    def record_vote(self) -> None:
        if not self._writable():
            return
        dialog = VoteDialog(self.outcome_word, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_outcome(dialog.outcome(), typed=True)
        self.editor.back_to_notes()

    def _outcome_edited(self, row: QListWidgetItem) -> None:
        if not self._writable():
            return
        item = self.item
        assert item is not None
        index = self.outcomes.row(row)
        if not 0 <= index < len(item.outcomes):
            return
        outcome = item.outcomes[index]
        text = row.text().strip()
        if not text:
            self._remove_outcome(index)
            return
        if text == outcome.text:
            return
        outcome.text = text
        self._run(
            f"outcome wording on {item.number}",
            lambda s, o=outcome: s.update_outcome(o.id, o),
            self.outcomes,
        )

    def remove_selected_outcome(self) -> None:
        index = self.outcomes.currentRow()
        if self._writable() and 0 <= index < len(self.item.outcomes):  # type: ignore[union-attr]
            self._remove_outcome(index)

    def _remove_outcome(self, index: int) -> None:
        item = self.item
        assert item is not None
        outcome = item.outcomes.pop(index)
        self._show_outcomes()
        self.editor.item_changed.emit(item.id)
        label = f"outcome ‘{short(outcome.text)}’ removed from {item.number}"
        self._run(label, lambda s, o=outcome: s.remove_outcome(o.id), self.outcomes)
        self.editor.tell(f"Removed the {label.split(' removed from ')[0]} — Ctrl+Z to undo.")

    # ------------------------------------------------------------ actions

    def add_action(self) -> None:
        if not self._writable():
            return
        item = self.item
        assert item is not None
        action = Action("")
        item.actions.append(action)

        def run(store) -> Changed:
            action.id = store.add_action(item.id, action)
            return Changed(self.editor.meeting_id(), item.id, "actions")

        self._show_actions()
        self._run(f"action added to {item.number}", run, self.actions)
        row = self.actions.rowCount() - 1
        self.actions.setFocus()
        self.actions.setCurrentCell(row, 0)
        self.actions.editItem(self.actions.item(row, 0))

    def _action_edited(self, cell: QTableWidgetItem) -> None:
        if not self._writable():
            return
        item = self.item
        assert item is not None
        row = cell.row()
        if row >= len(item.actions):
            return
        action = item.actions[row]
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
                cell.setForeground(_colour(BAD_DATE_COLOUR))
                self.editor.tell(f"Not saved: {exc}.")
                return
        self._run(
            f"action ‘{short(action.text) or 'new'}’ on {item.number}",
            lambda s, a=action: s.update_action(a.id, a),
            self.actions,
        )

    def remove_selected_action(self) -> None:
        row = self.actions.currentRow()
        item = self.item
        if not self._writable() or item is None or not 0 <= row < len(item.actions):
            return
        action = item.actions.pop(row)
        self._show_actions()
        what = f"action ‘{short(action.text) or 'new'}’"
        self._run(
            f"{what} removed from {item.number}",
            lambda s, a=action: s.remove_action(a.id),
            self.actions,
        )
        self.editor.tell(f"Removed the {what} from {item.number} — Ctrl+Z to undo.")

    def set_compact(self, compact: bool) -> None:
        """A short screen: the outcome buttons fold into one menu button."""
        self.phrase_row.setVisible(not compact)
        self.phrase_menu_button.setVisible(compact)
        self._resized()

    # ------------------------------------------------------------ read-only

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.outcome_text.setReadOnly(read_only)
        self.outcome_text.setEnabled(not read_only)
        self.papers.set_read_only(read_only)
        for w in (
            self.vote_button,
            self.add_action_button,
            self.phrase_menu_button,
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


def _colour(name: str) -> QBrush:
    return QBrush(QColor(name))
