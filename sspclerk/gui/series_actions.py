"""The window's commands across meetings: committees, new meeting, agenda building,
publication, approving the previous minutes, corrections, the action log, search
and an item's history.

Each command asks a dialog for data, flushes the autosave, makes ONE store call and
refreshes the window from the store (the meeting is reloaded, so numbers the store
changed show at once).  The store's refusals (RuleError, RecordLockedError …) are
shown as one line — inside the dialog when there is one, so what was typed in it
stays there.  The main window only wires these in (see ``SERIES_WRITES`` and
``meeting_opened``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from sspclerk.core.dates import council_date
from sspclerk.core.deadlines import agenda_deadline, published_late
from sspclerk.core.model import ActionStatus, AgendaItem, Meeting, MeetingStatus
from sspclerk.core.series import default_insert_position
from sspclerk.store import StoreError

from .approval_dialog import ApprovalDialog, ApprovalRequest, CorrectionDialog, CorrectionRequest
from .new_meeting_dialog import (
    NewItemDialog,
    NewItemRequest,
    NewMeetingDialog,
    NewMeetingRequest,
    PublishDialog,
)

T = TypeVar("T")

#: Commands that write: off in a read-only window.
SERIES_WRITES = {
    "committees",
    "new_meeting",
    "add_item",
    "remove_item",
    "move_item_up",
    "move_item_down",
    "publish_agenda",
    "approve_minutes",
    "record_correction",
}
#: Commands that change the open meeting: off while its minutes are approved (locked).
LOCKED_OFF = {
    "add_item",
    "remove_item",
    "move_item_up",
    "move_item_down",
    "publish_agenda",
    "approve_minutes",
    "start_meeting",
    "take_item",
    "close_meeting",
    "toggle_restricted",
    "add_action",
    "outcome_vote",
    "arrived",
    "left",
    *(f"outcome_{n}" for n in range(1, 7)),
}

LOCK_STYLE = """
QFrame#lockBanner { background: #e8eefc; border-bottom: 2px solid #3b5bdb; }
QLabel#lockText { color: #1e3a8a; font-weight: 600; }
QListWidget#corrections { background: #f8faff; border: 1px solid #c7d2fe; font-size: 10pt; }
"""


def one_line(exc: Exception | str) -> str:
    """A store message as the clerk reads it: capital first, full stop at the end."""
    text = " ".join(str(exc).split())
    if not text:
        return "That could not be done."
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def agenda_line(m: Meeting, today: dt.date) -> tuple[str, str]:
    """The header's line about the agenda deadline, and its kind (ok / late / due)."""
    deadline = agenda_deadline(m.date)
    if m.agenda_published_on is not None:
        late = published_late(m.agenda_published_on, m.date)
        text = (
            f"Agenda published {council_date(m.agenda_published_on)}"
            f" — {'LATE, ' if late else ''}deadline was {council_date(deadline)}"
        )
        return text, "late" if late else "ok"
    if m.status == MeetingStatus.DRAFT:
        if today > deadline:
            return f"Agenda not published — the deadline was {council_date(deadline)}", "late"
        return f"Publish the agenda by {council_date(deadline)}", "due"
    return f"Agenda deadline was {council_date(deadline)} (publication not recorded)", "ok"


class SeriesActions(QObject):
    """Owns the series commands of one MainWindow (``window.series``)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self.store = window.store
        self.last_message = ""
        self.search_panel = None
        self.locked = False
        self._build_widgets()
        # Agenda building by drag and drop: the store does the move, the list follows.
        agenda = window.agenda
        agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        agenda.setDefaultDropAction(Qt.DropAction.MoveAction)
        agenda.model().rowsMoved.connect(self._rows_dragged)
        window.installEventFilter(self)
        self._watching_saves = False

    # ------------------------------------------------------------ widgets

    def _build_widgets(self) -> None:
        w = self.w
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("agendaDeadline")
        self.deadline_label.setAccessibleName("Agenda publication deadline")
        self.deadline_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        titles = w.meeting_label.parentWidget().layout().itemAt(0).layout()
        titles.addWidget(self.deadline_label)

        self.lock_banner = QFrame()
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setStyleSheet(LOCK_STYLE)
        box = QVBoxLayout(self.lock_banner)
        box.setContentsMargins(18, 8, 18, 8)
        row = QHBoxLayout()
        self.lock_text = QLabel()
        self.lock_text.setObjectName("lockText")
        self.lock_text.setAccessibleName("Minutes approved")
        self.lock_text.setWordWrap(True)
        row.addWidget(self.lock_text, 1)
        self.correct_button = QPushButton("Record a correction…  Ctrl+Shift+C")
        self.correct_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.correct_button.clicked.connect(self.record_correction)
        row.addWidget(self.correct_button)
        box.addLayout(row)
        self.corrections = QListWidget()
        self.corrections.setObjectName("corrections")
        self.corrections.setAccessibleName("Corrections recorded to these minutes")
        box.addWidget(self.corrections)
        self.lock_banner.hide()
        outer = w.centralWidget().layout()
        outer.insertWidget(outer.indexOf(w.banner) + 1, self.lock_banner)

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "committees": self.edit_committees,
            "new_meeting": self.new_meeting,
            "add_item": self.add_item,
            "remove_item": self.remove_item,
            "move_item_up": lambda: self.move_current(-1),
            "move_item_down": lambda: self.move_current(+1),
            "publish_agenda": self.publish_agenda,
            "approve_minutes": self.approve_minutes,
            "record_correction": self.record_correction,
            "action_log": self.show_action_log,
            "search": self.show_search,
            "item_history": self.show_history,
        }

    # ------------------------------------------------------------ the open meeting

    def meeting_opened(self, m: Meeting) -> None:
        """Called at the end of MainWindow.open_meeting: header, lock, commands."""
        w = self.w
        if not self._watching_saves and w.autosaver is not None:
            # Connected after the window's own handler, so this clearer message wins.
            w.autosaver.failed.connect(self._save_failed)
            self._watching_saves = True
        text, kind = agenda_line(m, w.clock().date())
        self.deadline_label.setText(text)
        color = {"late": "#fca5a5", "due": "#fde68a"}.get(kind, "#c7d0db")
        self.deadline_label.setStyleSheet(f"color: {color}; font-size: 10pt;")
        self.locked = m.approval is not None or m.status == MeetingStatus.MINUTES_APPROVED
        if self.locked:
            when = council_date(m.approval.approved_on) if m.approval else "an earlier meeting"
            extra = (
                f", subject to {m.approval.amendments}"
                if m.approval and m.approval.amendments
                else ""
            )
            self.lock_text.setText(
                f"Minutes approved on {when}{extra} — read-only: changes only as a recorded "
                "correction."
            )
            self.corrections.clear()
            for k in m.corrections:
                on = council_date(k.recorded_on) if k.recorded_on else ""
                self.corrections.addItem(f"{on} · {k.item or 'Minutes'}: {k.text}")
            if not m.corrections:
                self.corrections.addItem("No corrections recorded.")
            rows = min(4, self.corrections.count())
            self.corrections.setFixedHeight(rows * self.corrections.sizeHintForRow(0) + 6)
            self.lock_banner.show()
            self._forget_undo(i.id for i in m.items)
        else:
            self.lock_banner.hide()
        read_only = w.read_only or self.locked
        w.editor.set_read_only(read_only or not m.items)
        w.attendance.set_read_only(read_only)
        w.declarations.set_read_only(read_only)
        w.agenda.setDragEnabled(not read_only)
        for name in LOCKED_OFF:
            action = w.actions_by_name.get(name)
            if action is not None:
                action.setEnabled(not read_only)
        if "record_correction" in w.actions_by_name:
            w.actions_by_name["record_correction"].setEnabled(self.locked and not w.read_only)
        self.correct_button.setEnabled(not w.read_only)
        for button in (w.start_button, w.close_button):
            button.setEnabled(not read_only)
            # The window's style sheet has no disabled look for these: grey them here.
            button.setStyleSheet(
                "QPushButton:disabled { background: #4b5563; color: #d1d5db; }" if read_only else ""
            )

    def _save_failed(self, _message: str) -> None:
        """The minutes were approved elsewhere (another program, the command line)
        while this window had them open: say so plainly and stop further typing. What
        was typed stays in the editor and the save queue (closing offers a copy)."""
        w = self.w
        try:
            locked = w.meeting is not None and self.store.is_locked(w.meeting.id)
        except StoreError:
            return
        if not locked:
            return
        self.locked = True
        w.editor.set_read_only(True)
        w.attendance.set_read_only(True)
        w.declarations.set_read_only(True)
        w._banner_show(
            "These minutes were approved elsewhere and are now locked: what you typed since "
            "is NOT in them. It is kept in this window — close it to keep a copy in a text "
            "file, then add it as a correction (Ctrl+Shift+C) if it matters.",
            kind="error",
        )

    def tell(self, message: str, error: bool = False) -> None:
        """One line in the status bar (and kept for tests)."""
        self.last_message = message
        self.w.statusBar().showMessage(("Not done: " if error else "") + message, 12000)

    def _flushed(self) -> bool:
        """Everything typed is in the store before the store is asked to change more."""
        saver = self.w.autosaver
        if saver is None:
            self.tell("This window is read-only.", error=True)
            return False
        if not saver.flush():
            self.tell(
                "your last changes are not saved yet, so nothing else was changed "
                "(see the red banner)",
                error=True,
            )
            return False
        return True

    def _write(self, call: Callable[[], T], *, show: bool = False) -> tuple[T | None, str | None]:
        """Flush what was typed, then make the command's one store call.

        Returns (what the store returned, None), or (None, the refusal as one line)
        for the dialog to show; ``show`` also puts the refusal in the status bar.
        """
        if not self._flushed():  # already told in the status bar
            return None, one_line(self.last_message)
        try:
            return call(), None
        except (StoreError, ValueError) as exc:
            message = one_line(exc)
            if show:
                self.tell(message, error=True)
            return None, message

    def reload(self, meeting_id: int | None = None, item_id: int | None = None) -> None:
        """Show the meeting as the store now has it; keep the editor's texts in step.

        Without ``meeting_id`` the open meeting is reloaded and the item in view stays
        in view (unless ``item_id`` names another; -1 for none).
        """
        w = self.w
        keep = w.editor.item.id if w.editor.item is not None and meeting_id is None else None
        w.open_meeting(meeting_id if meeting_id is not None else w.meeting.id)  # flushes first
        self._sync_documents()
        wanted = item_id if item_id is not None else keep
        if wanted is not None:
            w.go_to_item(wanted)

    def _sync_documents(self) -> None:
        """The editor keeps one text document per item; where the store changed a
        text (an approval wrote the minutes, a version was restored) the document takes
        the stored text, as one undoable edit."""
        editor = self.w.editor
        for item in self.w.meeting.items:
            for name, docs in (
                ("minutes", editor._notes_docs),
                ("agenda_text", editor._agenda_docs),
            ):
                doc = docs.get(item.id)
                stored = getattr(item, name)
                if doc is None or doc.toPlainText() == stored:
                    continue
                editor._loading = True
                try:
                    cursor = QTextCursor(doc)
                    cursor.beginEditBlock()
                    cursor.select(QTextCursor.SelectionType.Document)
                    cursor.insertText(stored)
                    cursor.endEditBlock()
                finally:
                    editor._loading = False
        if editor.item is not None:
            editor.title.setText(editor.item.title)

    def _forget_undo(self, item_ids) -> None:
        """Undo steps of items removed or locked would write where the store refuses
        (and be retried for ever): drop them."""
        editor = self.w.editor
        for item_id in item_ids:
            for docs in (editor._notes_docs, editor._agenda_docs):
                doc = docs.get(item_id)
                if doc is not None:
                    doc.clearUndoRedoStacks()

    def _current(self) -> Meeting | None:
        return self.w.meeting

    # ------------------------------------------------------------ committees

    def edit_committees(self) -> None:
        from .committee_dialog import CommitteesDialog

        m = self._current()
        dialog = CommitteesDialog(
            self.store.committees(),
            m.committee.id if m else None,
            submit=self.save_committee,
            parent=self.w,
        )
        dialog.exec()

    def save_committee(self, committee) -> str | None:
        """Save through the store; the open meeting shows the new wording at once."""
        if committee.id is None and any(
            c.prefix == committee.prefix for c in self.store.committees()
        ):
            return f"A committee with the prefix {committee.prefix} exists already."
        saved_id, refused = self._write(lambda: self.store.save_committee(committee))
        if refused:
            return refused
        committee.id = saved_id
        self.tell(f"Committee {committee.prefix} saved.")
        if self.w.meeting is not None and self.w.meeting.committee.id == saved_id:
            self.reload()
        return None

    # ------------------------------------------------------------ new meeting

    def meeting_defaults(self) -> dict[str, tuple[dt.date, dt.time | None, str]]:
        """Per committee: eight weeks after its latest meeting, same time and venue."""
        latest: dict[str, int] = {}
        for s in self.store.list_meetings():  # in date order: the last one wins
            latest[s.prefix] = s.id
        out = {}
        for prefix, mid in latest.items():
            m = self.store.load_meeting(mid)
            out[prefix] = (m.date + dt.timedelta(weeks=8), m.start_time, m.venue)
        return out

    def new_meeting(self) -> None:
        m = self._current()
        committees = self.store.committees()
        dialog = NewMeetingDialog(
            committees,
            self.meeting_defaults(),
            m.committee.prefix if m else "",
            submit=self.create_meeting,
            parent=self.w,
        )
        dialog.exec()

    def create_meeting(self, req: NewMeetingRequest) -> str | None:
        change, refused = self._write(
            lambda: self.store.create_meeting(req.committee_prefix, req.date, req.time, req.venue)
        )
        if refused:
            return refused
        self.reload(change.meeting_id)
        m = self.w.meeting
        numbers = f"{m.items[0].number} – {m.items[-1].number}" if m.items else "no items"
        self.tell(
            " ".join(
                [
                    f"New meeting {council_date(m.date)} ({numbers}).",
                    *map(one_line, change.warnings),
                ]
            )
        )
        return None

    # ------------------------------------------------------------ agenda building

    def _frozen_note(self, m: Meeting) -> str:
        if m.agenda_published_on is not None:
            return (
                f"The agenda was published on {council_date(m.agenda_published_on)}: its numbers "
                "are frozen. A new item is urgent business and takes the next free number; "
                "give the chair's reason."
            )
        if m.status != MeetingStatus.DRAFT:
            return (
                f"The meeting is {m.status.value}: a new item is urgent business; "
                "give the chair's reason."
            )
        return ""

    def add_item(self) -> None:
        m = self._current()
        if m is None or self.locked:
            return
        dialog = NewItemDialog(self._frozen_note(m), submit=self.add_item_from, parent=self.w)
        dialog.exec()

    def add_item_from(self, req: NewItemRequest) -> str | None:
        m = self._current()
        if m is None:
            return "No meeting is open."
        item = AgendaItem(
            number="",
            title=req.title,
            agenda_text=req.agenda_text,
            restricted=req.restricted,
            urgent_reason=req.urgent_reason,
        )
        position = default_insert_position([i.title for i in m.items])
        item_id, refused = self._write(lambda: self.store.add_item(m.id, item, position), show=True)
        if refused:
            return refused
        self.reload(item_id=item_id)
        added = self.w.current_agenda_item()
        self.tell(f"{added.number} {added.title} added." if added else "Item added.")
        return None

    def remove_item(self) -> None:
        item = self.w.current_agenda_item()
        m = self._current()
        if item is None or m is None or self.locked:
            return
        frozen = bool(self._frozen_note(m))
        words = len((item.minutes or "").split())
        lines = [f"Remove {item.number} “{item.title}” from the agenda?"]
        if words:
            lines.append(f"Its notes ({words} words), outcomes and actions go with it.")
        lines.append(
            "The agenda is published: its number is left as a gap."
            if frozen
            else "The items after it are renumbered."
        )
        answer = QMessageBox.question(
            self.w,
            "Remove item",
            "\n".join(lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_item_now(item.id)

    def remove_item_now(self, item_id: int) -> bool:
        m = self._current()
        if m is None:
            return False
        row = next((n for n, i in enumerate(m.items) if i.id == item_id), 0)
        _, refused = self._write(lambda: self.store.remove_item(item_id), show=True)
        if refused:
            return False
        self._forget_undo([item_id])
        self.reload(item_id=-1)
        if self.w.meeting.items:
            self.w.agenda.setCurrentRow(min(row, len(self.w.meeting.items) - 1))
        self.tell("Item removed.")
        return True

    def move_current(self, step: int) -> None:
        item = self.w.current_agenda_item()
        m = self._current()
        if item is None or m is None or self.locked:
            return
        target = self.w.agenda.currentRow() + step
        in_list = self.w.agenda.hasFocus()
        if 0 <= target < len(m.items):
            self.move_item(item.id, target)
        if in_list:  # Alt+Down, Alt+Down …: the keyboard stays in the agenda list
            self.w.agenda.setFocus()

    def move_item(self, item_id: int, position: int) -> bool:
        if self._current() is None or not self._flushed():
            return False  # unsaved typing: the list is not put back, nothing moved
        _, refused = self._write(lambda: self.store.move_item(item_id, position), show=True)
        if refused:
            self.reload(item_id=item_id)  # the list goes back to the stored order
            return False
        self.reload(item_id=item_id)
        moved = self.w.current_agenda_item()
        if moved is not None:
            self.tell(f"Moved: now {moved.number} {moved.title}.")
        return True

    def _rows_dragged(self, _parent, start: int, _end: int, _dest, row: int) -> None:
        m = self._current()
        if m is None or not 0 <= start < len(m.items):
            return
        item_id = m.items[start].id
        position = row - 1 if row > start else row
        # The list is rebuilt from the store, which must not happen inside Qt's drop.
        QTimer.singleShot(0, lambda: self.move_item(item_id, position))

    def publish_agenda(self) -> None:
        m = self._current()
        if m is None or self.locked:
            return
        if m.agenda_published_on is not None:
            self.tell(
                f"the agenda was already published on {council_date(m.agenda_published_on)}.",
                error=True,
            )
            return
        dialog = PublishDialog(m.date, self.w.clock().date(), submit=self.publish_on, parent=self.w)
        dialog.exec()

    def publish_on(self, on: dt.date) -> str | None:
        m = self._current()
        if m is None:
            return "No meeting is open."
        change, refused = self._write(lambda: self.store.publish_agenda(m.id, on))
        if refused:
            return refused
        self.reload()
        deadline = council_date(change.deadline) if change.deadline else ""
        if change.late:
            self.tell(
                f"Agenda published on {council_date(on)} — LATE: the deadline was {deadline}."
            )
        else:
            self.tell(f"Agenda published on {council_date(on)} (deadline {deadline}).")
        return None

    # ------------------------------------------------------------ previous minutes

    def approve_minutes(self) -> None:
        m = self._current()
        if m is None or self.locked:
            return
        try:
            previous_id = self.store.previous_meeting_id(m.id)
            previous = self.store.load_meeting(previous_id) if previous_id else None
        except StoreError as exc:
            self.tell(one_line(exc), error=True)
            return
        if previous is None:
            self.tell("there is no earlier meeting of this committee to approve.", error=True)
            return
        if previous.approval is not None:
            self.tell(
                f"the minutes of {council_date(previous.date)} were already approved on "
                f"{council_date(previous.approval.approved_on)}.",
                error=True,
            )
            return
        ApprovalDialog(m, previous, submit=self.approve_from, parent=self.w).exec()

    def approve_from(self, req: ApprovalRequest) -> str | None:
        m = self._current()
        if m is None:
            return "No meeting is open."
        change, refused = self._write(
            lambda: self.store.approve_minutes(m.id, req.approved_meeting_id, req.amendments)
        )
        if refused:
            return refused
        for locked_id in change.other_meetings:
            self._forget_undo(i.id for i in self.store.load_meeting(locked_id).items)
        self.reload(item_id=change.item_id)
        self.tell(" ".join(["Previous minutes approved.", *map(one_line, change.warnings)]))
        return None

    def record_correction(self) -> None:
        m = self._current()
        if m is None or not self.locked or self.w.read_only:
            return
        CorrectionDialog(m, self.w.viewed_number(), submit=self.correct_from, parent=self.w).exec()

    def correct_from(self, req: CorrectionRequest) -> str | None:
        m = self._current()
        if m is None:
            return "No meeting is open."
        change, refused = self._write(
            lambda: self.store.add_correction(m.id, req.item_number, req.text)
        )
        if refused:
            return refused
        self.reload(item_id=change.item_id)
        self.tell("Correction recorded.")
        return None

    # ------------------------------------------------------------ action log

    def show_action_log(self) -> None:
        from .action_log_dialog import ActionLogDialog

        if self.w.autosaver is not None:
            self.w.autosaver.flush()
        self._statuses_changed = False
        dialog = ActionLogDialog(
            lambda open_only: self.store.action_log(open_only),
            self.set_action_status,
            self.store.path.resolve().parent,
            self.w,
        )
        dialog.exec()
        if self._statuses_changed and self.w.meeting is not None:
            self.reload()  # the open meeting's actions carry the new status

    def set_action_status(self, action_id: int, status: ActionStatus) -> str | None:
        if self.w.read_only:
            return "This window is read-only."
        _, refused = self._write(lambda: self.store.set_action_status(action_id, status))
        if refused:
            return refused
        self._statuses_changed = True
        return None

    # ------------------------------------------------------------ search

    def show_search(self) -> None:
        from .search_panel import SearchPanel

        if self.w.autosaver is not None:
            self.w.autosaver.flush()  # what was just typed is found too
        if self.search_panel is None:
            self.search_panel = SearchPanel(self.store.search, self.open_hit, self.w)
        self.search_panel.show()
        self.search_panel.raise_()
        self.search_panel.activateWindow()
        self.search_panel.focus_box()

    def open_hit(self, hit) -> None:
        w = self.w
        if w.meeting is None or w.meeting.id != hit.meeting_id:
            w.open_meeting(hit.meeting_id)  # flushes first
        w.go_to_item(hit.item_id)
        w.activateWindow()
        w.focus_notes()

    # ------------------------------------------------------------ history

    def show_history(self) -> None:
        from .history_dialog import HistoryDialog

        w = self.w
        item = w.editor.item
        if item is None:
            return
        if w.autosaver is not None and not w.autosaver.flush():
            self.tell("the history waits until your last changes are saved.", error=True)
            return
        field = "agenda_text" if w.editor.agenda_text.hasFocus() else "minutes"
        dialog = HistoryDialog(
            f"{item.number} {item.title}",
            lambda name, iid=item.id: self.store.item_history(iid, name),
            field,
            can_restore=not (w.read_only or self.locked),
            parent=w,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.restore(dialog.chosen.id, item.id)

    def restore(self, version_id: int, item_id: int) -> bool:
        _, refused = self._write(lambda: self.store.restore_version(version_id), show=True)
        if refused:
            return False
        self.reload(item_id=item_id)
        self.tell("Earlier version restored (the text it replaced is kept in the history).")
        return True

    # ------------------------------------------------------------ closing

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if obj is self.w and event.type() == QEvent.Type.Close and self.search_panel is not None:
            self.search_panel.close()
        return False
