"""The window's commands across meetings: committees, new meeting, agenda building,
publication, approving the previous minutes, corrections, the action log, search
and an item's history.

Each command asks a dialog for data and makes ONE store call through the window's
operations (``Operations.run``: the typing is saved first, the change is journalled
so Ctrl+Z can take it back, and the panels refresh from the one ``changed`` signal).
The store's refusals (RuleError, RecordLockedError …) are shown as one line — inside
the dialog when there is one, so what was typed in it stays there.  Which commands
write, and which are off while the minutes are approved, is said once, in the
command table (``shortcuts.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from sspclerk.core.dates import council_date
from sspclerk.core.deadlines import agenda_deadline, published_late
from sspclerk.core.model import ActionStatus, AgendaItem, Meeting, MeetingStatus
from sspclerk.core.series import NewItem, item_to_add
from sspclerk.store import StoreError

from .approval_dialog import ApprovalDialog, ApprovalRequest, CorrectionDialog, CorrectionRequest
from .keys import ask
from .new_meeting_dialog import (
    NewItemDialog,
    NewMeetingDialog,
    NewMeetingRequest,
    PublishDialog,
)
from .operations import one_line
from .shortcuts import COMMANDS
from .style import DEADLINE_COLOURS

LOCK_STYLE = """
QFrame#lockBanner { background: #e8eefc; border-bottom: 2px solid #3b5bdb; }
QLabel#lockText { color: #1e3a8a; font-weight: 600; }
QListWidget#corrections { background: #f8faff; border: 1px solid #c7d2fe; font-size: 10pt; }
"""


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
        color = DEADLINE_COLOURS.get(kind, DEADLINE_COLOURS["ok"])
        self.deadline_label.setStyleSheet(f"color: {color}; font-size: 10pt;")
        self._deadline_kind = kind
        self._show_deadline()
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
            w.history.forget_meeting(m.id)
        else:
            self.lock_banner.hide()
        read_only = w.read_only or self.locked
        w.editor.set_read_only(read_only or not m.items)
        w.attendance.set_read_only(read_only)
        w.declarations.set_read_only(read_only)
        w.agenda.setDragEnabled(not read_only)
        for cmd in COMMANDS:
            action = w.actions_by_name.get(cmd.name)
            if action is not None and cmd.locked_off:
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

    def set_compact(self, compact: bool) -> None:
        """A short screen: the deadline line only when something is to be done."""
        self._compact = compact
        self._show_deadline()
        self.corrections.setMaximumHeight(60 if compact else 16777215)

    def _show_deadline(self) -> None:
        kind = getattr(self, "_deadline_kind", "ok")
        self.deadline_label.setVisible(not getattr(self, "_compact", False) or kind != "ok")
        self.w.meeting_label.setToolTip(
            "\n".join(t for t in (self.w.meeting_label.text(), self.deadline_label.text()) if t)
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

    @property
    def last_message(self) -> str:
        return self.w.last_message

    def tell(self, message: str, error: bool = False) -> None:
        """One line in the status bar (and kept for tests)."""
        self.w.tell(("Not done: " if error else "") + message)

    def _op(
        self,
        label: str,
        call: Callable,
        *,
        item_id: int | None = None,
        undoable: bool = True,
        show: bool = False,
    ) -> tuple[object, str | None]:
        """The command's one store call, as one operation of the open meeting.

        Returns (what the store returned, None), or (None, the refusal as one line)
        for the dialog to show; ``show`` also puts the refusal in the status bar.
        """
        m = self.w.meeting
        result, refused = self.w.ops.run(
            label,
            call,
            meeting_id=m.id if m is not None else 0,
            item_id=item_id,
            undoable=undoable and m is not None,
        )
        if refused and show:
            self.tell(refused, error=True)
        return result, refused

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
        saved_id, refused = self._op(
            f"committee {committee.prefix}",
            lambda s: s.save_committee(committee),
            undoable=False,  # the committee's record, not this meeting's: not in its undo
        )
        if refused:
            return refused
        committee.id = saved_id
        self.tell(f"Committee {committee.prefix} saved.")
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
        change, refused = self._op(
            "new meeting",
            lambda s: s.create_meeting(req.committee_prefix, req.date, req.time, req.venue),
            undoable=False,  # a meeting is removed deliberately, never by Ctrl+Z
        )
        if refused:
            return refused
        self.w.open_meeting(change.meeting_id)
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

    def add_item_from(self, new: NewItem) -> str | None:
        m = self._current()
        if m is None:
            return "No meeting is open."
        try:
            item, position = item_to_add(m.items, new)
        except ValueError as exc:
            return f"Not added: {exc}."
        item_id, refused = self._op(
            f"“{new.title}” added to the agenda",
            lambda s: s.add_item(m.id, item, position),
            show=True,
        )
        if refused:
            return refused
        self.w.go_to_item(item_id)
        added = self.w.current_agenda_item()
        said = f"{added.number} {added.title} added" if added else "Item added"
        self.tell(f"{said} — Ctrl+Z takes it off again.")
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
        if ask(self.w, "Remove item", "\n".join(lines)):
            self.remove_item_now(item.id)

    def remove_item_now(self, item_id: int) -> bool:
        m = self._current()
        if m is None:
            return False
        item = next((i for i in m.items if i.id == item_id), None)
        what = f"{item.number} “{item.title}”" if item is not None else "the item"
        _, refused = self._op(
            f"{what} removed from the agenda",
            lambda s: s.remove_item(item_id),
            item_id=item_id,  # an undo shows the item it brings back
            show=True,
        )
        if refused:
            return False
        self.tell(f"Removed {what} — Ctrl+Z brings it back.")
        return True

    def move_current(self, step: int) -> None:
        """Alt+Up / Alt+Down (from the agenda list only) or the Agenda menu."""
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

    def _confirm_move(self, item: AgendaItem, position: int) -> bool:
        """While the meeting runs the agenda is the committee's running order: a move
        is asked, never made by a stray key."""
        m = self._current()
        if m is None or m.status != MeetingStatus.IN_SESSION:
            return True
        where = m.items[position]
        place = "above" if position < m.items.index(item) else "below"
        return ask(
            self.w,
            "Move an item during the meeting",
            f"The meeting is in session. Move {item.number} “{item.title}” {place} "
            f"{where.number} “{where.title}”?",
        )

    def move_item(self, item_id: int, position: int) -> bool:
        m = self._current()
        item = next((i for i in m.items if i.id == item_id), None) if m is not None else None
        if item is None:
            return False
        position = max(0, min(position, len(m.items) - 1))  # type: ignore[union-attr]
        if not self._confirm_move(item, position):
            self.w.refresh_from_store(item_id=item_id)  # a dragged list goes back
            return False
        up = position < m.items.index(item)  # type: ignore[union-attr]
        _, refused = self._op(
            f"{item.number} “{item.title}” moved {'up' if up else 'down'}",
            lambda s: s.move_item(item_id, position),
            item_id=item_id,
            show=True,
        )
        if refused:
            self.w.refresh_from_store(item_id=item_id)  # the list goes back to the stored order
            return False
        moved = self.w.current_agenda_item()
        if moved is not None:
            self.tell(f"Moved: now {moved.number} {moved.title} — Ctrl+Z moves it back.")
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
        change, refused = self._op(
            f"agenda published on {council_date(on)}", lambda s: s.publish_agenda(m.id, on)
        )
        if refused:
            return refused
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
        change, refused = self._op(
            "approval of the previous minutes",
            lambda s: s.approve_minutes(m.id, req.approved_meeting_id, req.amendments),
        )
        if refused:
            return refused
        if change.item_id is not None:
            self.w.go_to_item(change.item_id)
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
        change, refused = self._op(
            "correction",
            lambda s: s.add_correction(m.id, req.item_number, req.text),
            undoable=False,  # a correction to approved minutes is a record in itself
        )
        if refused:
            return refused
        if change.item_id is not None:
            self.w.go_to_item(change.item_id)
        self.tell("Correction recorded.")
        return None

    # ------------------------------------------------------------ action log

    def show_action_log(self) -> None:
        from .action_log_dialog import ActionLogDialog

        if self.w.autosaver is not None:
            self.w.autosaver.flush()
        from .folders import output_folder

        dialog = ActionLogDialog(
            lambda open_only: self.store.action_log(open_only),
            self.set_action_status,
            output_folder("action-log"),
            self.w,
        )
        dialog.exec()
        self.w.activateWindow()

    def set_action_status(self, action_id: int, status: ActionStatus) -> str | None:
        if self.w.read_only:
            return "This window is read-only."
        # Across meetings, approved ones too: a record of progress, not an edit of the
        # open meeting's minutes, so not in its undo.
        _, refused = self._op(
            f"action status: {status.value}",
            lambda s: s.set_action_status(action_id, status),
            undoable=False,
        )
        return refused

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
            self.restore(dialog.chosen, item.id)
        w.activateWindow()

    def restore(self, version, item_id: int) -> bool:
        """Put an earlier version back.  Notes and agenda text come back as one edit in
        the item's text (Ctrl+Z takes it back, autosave keeps it); the title as one
        operation.  Either way the text it replaced stays in the history."""
        said = "Earlier version restored (the text it replaced is kept in the history)."
        if version.field in ("minutes", "agenda_text"):
            self.w.go_to_item(item_id)
            if not self.w.editor.replace_text(item_id, version.field, version.text):
                return False
            self.w.save_now()
            self.tell(said)
            return True
        item = self.w.item_by_id(item_id)
        where = f" of {item.number}" if item is not None else ""
        _, refused = self._op(
            f"earlier {version.field.replace('_', ' ')}{where} restored",
            lambda s: s.restore_version(version.id),
            item_id=item_id,
            show=True,
        )
        if refused:
            return False
        self.tell(said)
        return True

    # ------------------------------------------------------------ closing

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if obj is self.w and event.type() == QEvent.Type.Close and self.search_panel is not None:
            self.search_panel.close()
        return False
