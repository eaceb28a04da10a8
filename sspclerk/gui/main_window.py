"""The clerk's desk: wiring of navigator, agenda, item editor and the people panels.

The window holds one loaded Meeting (the in-memory record the widgets show), an
Autosaver that writes typing to the store, and ``ops`` (``operations.py``), the one
way every other change is made.  After each operation, undo or redo the window reads
the meeting back from the store and the panels refresh from it (``_operation_done``
-> ``refresh_from_store``).  The other callers of ``refresh_from_store`` are the
ones where the store changed without an operation of this window: a team sync
brought others' changes, queued changes were finally written, a dragged agenda
list is put back after a refused move.  An import opens a new meeting
(``open_meeting``): it is not a change to the open meeting, so not on its undo.
Looking at another item never stamps a time: only the live-meeting commands do
(``meeting_actions.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import council_date, council_time
from sspclerk.core.model import AgendaItem, Meeting, MeetingStatus
from sspclerk.store import Store

from . import live, window_fit
from .agenda_view import ITEM_ID, AgendaView
from .attendance_panel import AttendancePanel
from .autosave import Autosaver
from .declarations_panel import DeclarationsPanel
from .import_actions import ImportActions
from .item_editor import ItemEditor
from .keys import ElidedLabel, KeepOnEscape, KeysDialog, install_undo_fall_through
from .meeting_actions import MeetingActions
from .operations import Done, Operations
from .pack_actions import PackActions
from .series_actions import SeriesActions
from .shortcuts import COMMANDS
from .undo import FIELD_WORDS, Step, UndoHistory

MEETING_ID = Qt.ItemDataRole.UserRole
LAST_MEETING_SETTING = "gui.last_meeting"
#: How long a notice ("SSP/23/25 is now PUBLIC — Ctrl+Z to undo") stays above the work.
NOTICE_MS = 20_000


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        *,
        read_only_reason: str = "",
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock or (lambda: dt.datetime.now().replace(microsecond=0))
        self.read_only = bool(read_only_reason)
        self.autosaver = None if self.read_only else Autosaver(store, self)
        self.meeting: Meeting | None = None
        self.last_message = ""
        self.history = UndoHistory(self._show_step, self._replay, self._describe, self)
        self.ops = Operations(store, self.autosaver, self.history, self)
        self.ops.changed.connect(self._operation_done)
        self.history.said.connect(self.tell)
        self.history.redo_dropped.connect(self._drop_redo)
        self.actions_by_name: dict[str, QAction] = {}
        self.setWindowTitle("sspclerk")
        self.resize(*window_fit.PREFERRED)
        self._build()
        self.live = MeetingActions(self)
        self.packs = PackActions(self)  # papers, agenda packs, printing (pack_actions.py)
        self.imports = ImportActions(self)  # Import… and dropped files (import_actions.py)
        self._build_commands()
        install_undo_fall_through(self)
        if self.autosaver is not None:
            self.autosaver.saved.connect(self._saved)
            self.autosaver.saving.connect(lambda: self.save_state.setText("Saving…"))
            self.autosaver.failed.connect(self._save_failed)
            self.autosaver.recovered.connect(self._recovered)
            self.autosaver.refused.connect(lambda m: self.statusBar().showMessage(m, 8000))
            app = QGuiApplication.instance()
            app.aboutToQuit.connect(self.session_ending)
            app.commitDataRequest.connect(self.session_ending)
        # What the store says about where it lives (a cloud-synced or network folder,
        # a WAL that cannot be read), said once, above the work.
        others = [w for w in getattr(store, "warnings", []) if w != read_only_reason]
        if self.read_only:
            text = f"Opened read-only: {read_only_reason}. Nothing you type here is saved."
            self._banner_show(
                " ".join([text, *(f"{w[:1].upper()}{w[1:]}." for w in others)]), "warning"
            )
            self.save_state.setText("Read-only")
            self.save_state.setProperty("kind", "warning")  # not the green of "saved"
            self.save_state.style().unpolish(self.save_state)
            self.save_state.style().polish(self.save_state)
        elif others:
            self._banner_show(" ".join(f"{w[:1].upper()}{w[1:]}." for w in others), "info")
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start()
        # Backups on Close meeting, on quit and once a day (sspclerk/gui/backups.py).
        if self.autosaver is not None:
            from .backups import install_backups

            self.backups = install_backups(self)
            # Sharing the record with a team server, if one is set (gui/sync_status.py).
            from .sync_status import install_team_sync

            self.team_sync = install_team_sync(self)

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        root = QWidget()
        root.setObjectName("root")
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QFrame()
        header.setObjectName("header")
        h = QHBoxLayout(header)
        h.setContentsMargins(18, 8, 18, 8)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.committee_label = ElidedLabel()
        self.committee_label.setObjectName("committee")
        self.meeting_label = ElidedLabel()
        self.meeting_label.setObjectName("meetingLine")
        for label in (self.committee_label, self.meeting_label):
            titles.addWidget(label)
        h.addLayout(titles, 1)
        # The clock and the buttons sit in their own column: a long venue is cut short
        # with "…" (whole in its tooltip), never drawn under the clock.
        right = QHBoxLayout()
        right.setSpacing(8)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.clock_label.setAccessibleName("Meeting clock")
        self.clock_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        right.addWidget(self.clock_label)
        self.start_button = QPushButton("Start meeting  F5")
        self.start_button.setObjectName("startButton")
        self.start_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.start_button.clicked.connect(lambda: self.live.start_meeting())
        self.close_button = QPushButton("Close meeting  Shift+F5")
        self.close_button.setObjectName("closeButton")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(lambda: self.live.close_meeting())
        right.addWidget(self.start_button)
        right.addWidget(self.close_button)
        h.addLayout(right)
        outer.addWidget(header)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Warning")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("What just changed")
        self.notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.hide)
        outer.addWidget(self.notice)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("mainSplit")
        split.setChildrenCollapsible(False)
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.navigator = QTreeWidget()
        self.navigator.setObjectName("navigator")
        self.navigator.setAccessibleName("Committees and meetings")
        self.navigator.setHeaderHidden(True)
        self.navigator.setMinimumHeight(60)
        self.navigator.itemActivated.connect(self._navigator_activated)
        agenda_box = QWidget()
        ab = QVBoxLayout(agenda_box)
        ab.setContentsMargins(0, 0, 0, 0)
        ab.setSpacing(0)
        agenda_title = QLabel("AGENDA")
        agenda_title.setObjectName("paneTitle")
        ab.addWidget(agenda_title)
        self.agenda = AgendaView()
        self.agenda.currentRowChanged.connect(self._row_changed)
        self.agenda.itemActivated.connect(lambda _i: self.focus_notes())  # Enter: to the notes
        ab.addWidget(self.agenda)
        self.left.addWidget(self.navigator)
        self.left.addWidget(agenda_box)
        self.left.setStretchFactor(0, 0)
        self.left.setStretchFactor(1, 1)
        self.left.setSizes([100, 700])
        self.left.setMinimumWidth(240)
        split.addWidget(self.left)

        self.editor = ItemEditor(
            self.autosaver, self.ops, self.history, lambda: self.meeting, self.tell
        )
        self.editor.setObjectName("editor")
        self.editor.item_changed.connect(self._refresh_agenda_row)
        self.editor.notice.connect(self.show_notice)
        split.addWidget(self.editor)

        self.side = QTabWidget()
        self.side.setObjectName("side")
        self.attendance = AttendancePanel(
            self.ops, lambda: self.meeting, self.live_or_viewed_number
        )
        self.declarations = DeclarationsPanel(self.ops, lambda: self.meeting, self.viewed_number)
        self.attendance.people_changed.connect(self.declarations.people_changed)
        self.attendance.table.setItemDelegate(KeepOnEscape(self.attendance.table, self.focus_notes))
        for panel in (self.attendance, self.declarations):
            panel.said.connect(self.tell)
        self.side.addTab(self.attendance, "Attendance")
        self.side.addTab(self.declarations, "Declarations")
        split.addWidget(self.side)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 0)
        self.side.setMinimumWidth(330)
        self.editor.setMinimumWidth(460)
        split.setSizes([280, 700, 420])
        self.split = split
        outer.addWidget(split, 1)
        self.setCentralWidget(root)

        self.save_state = QLabel("All changes saved")
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.save_state)
        if self.read_only:
            for w in (self.editor, self.attendance, self.declarations):
                w.set_read_only(True)
            self.start_button.setEnabled(False)
            self.close_button.setEnabled(False)

    def _build_commands(self) -> None:
        self.series = SeriesActions(self)  # across meetings
        handlers: dict[str, Callable[[], object]] = {
            "open_meeting": lambda: (self.navigator.setFocus(), self.navigator.expandAll()),
            "start_meeting": self.live.start_meeting,
            "take_item": self.live.take_item,
            "current_item": self.go_to_current,
            "close_meeting": self.live.close_meeting,
            "save_now": self.save_now,
            "quit": self.close,
            "undo": self.history.undo,
            "redo": self.history.redo,
            "next_item": lambda: self.move(+1),
            "previous_item": lambda: self.move(-1),
            "peek_next": lambda: self.peek(+1),
            "peek_previous": lambda: self.peek(-1),
            "focus_notes": self.focus_notes,
            "focus_agenda": self.agenda.setFocus,
            "focus_title": self.editor.title.setFocus,
            "toggle_restricted": self.editor.toggle_restricted,
            "outcome_vote": self.editor.record_vote,
            "outcome_text": self.editor.outcome_text.setFocus,
            "add_action": self.editor.add_action,
            "attendance": self.show_attendance,
            "declarations": self.show_declarations,
            "arrived": self.attendance.stamp_arrived,
            "left": self.attendance.stamp_left,
            "help_keys": self.show_keys,
            "export": self.export_minutes,
            "import_meeting": self.imports.choose_and_import,
            "agenda_pack": self.packs.build_pack,
            "print_pack": self.packs.print_pack,
            "open_pack": self.packs.open_pack,
            "attach_paper": self.packs.choose_and_attach,
        }
        for n in range(6):
            handlers[f"outcome_{n + 1}"] = lambda i=n: self.editor.add_phrase(i)
        handlers.update(self.series.handlers())
        menus: dict[str, object] = {}
        for cmd in COMMANDS:
            menu = menus.get(cmd.menu) or self.menuBar().addMenu(cmd.menu)
            menus[cmd.menu] = menu
            if cmd.new_group and not menu.isEmpty():  # type: ignore[attr-defined]
                menu.addSeparator()  # type: ignore[attr-defined]
            action = QAction(cmd.label, self)
            action.setShortcuts([QKeySequence(k) for k in cmd.keys])
            action.setStatusTip(cmd.help)
            action.triggered.connect(lambda _c=False, f=handlers[cmd.name]: f())
            action.setEnabled(not (self.read_only and cmd.writes))
            menu.addAction(action)  # type: ignore[attr-defined]
            if cmd.scope == "agenda":
                # The key reaches this action only from the agenda list.
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.agenda.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.actions_by_name[cmd.name] = action
            if cmd.name == "export":
                # Importing the export package (Word, PDF libraries) costs more than the
                # whole window; it is looked at when the menu first opens, not at start.
                self._export_menu = menu
                menu.aboutToShow.connect(self.prepare_export_menu)  # type: ignore[attr-defined]

    def prepare_export_menu(self) -> None:
        """Fill "Export as" (one entry per audience and format) the first time it is needed."""
        if getattr(self, "_export_menu_filled", False):
            return
        self._export_menu_filled = True
        from sspclerk.export import formats

        from .export_dialog import AUDIENCES

        action = self.actions_by_name["export"]
        sub = self._export_menu.addMenu("Export &as")
        self._export_menu.insertMenu(action, sub)
        self._export_menu.insertAction(sub.menuAction(), action)
        for audience, audience_label in AUDIENCES:
            for f in formats():
                entry = QAction(f"{audience_label.split(' (')[0]} — {f.label}…", self)
                entry.triggered.connect(
                    lambda _c=False, fmt=f.name, aud=audience: self.export_minutes(fmt, aud)
                )
                sub.addAction(entry)
            sub.addSeparator()

    # ------------------------------------------------------------ meetings

    def fill_navigator(self) -> None:
        self.navigator.clear()
        by_committee: dict[str, QTreeWidgetItem] = {}
        for m in self.store.list_meetings():
            parent = by_committee.get(m.committee)
            if parent is None:
                parent = QTreeWidgetItem([m.committee])
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.navigator.addTopLevelItem(parent)
                by_committee[m.committee] = parent
            row = QTreeWidgetItem([f"{m.date:%a %d %b %Y} · {m.status.value}"])
            row.setData(0, MEETING_ID, m.id)
            row.setToolTip(0, f"{m.item_count} items")
            parent.addChild(row)
        self.navigator.expandAll()
        self._select_in_navigator()

    def _select_in_navigator(self) -> None:
        if self.meeting is None:
            return
        for i in range(self.navigator.topLevelItemCount()):
            top = self.navigator.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, MEETING_ID) == self.meeting.id:
                    self.navigator.setCurrentItem(top.child(j))

    def open_meeting(self, meeting_id: int) -> None:
        if self.autosaver is not None:
            self.autosaver.flush()
        self.meeting = self.store.load_meeting(meeting_id)
        m = self.meeting
        self.fill_navigator()
        self.setWindowTitle(f"{m.committee.name} — {council_date(m.date)} — sspclerk")
        self._show_header(m)
        self.agenda.show_items(m.items)
        self.attendance.show_meeting(m)
        self.declarations.show_meeting(m)
        locked = m.approval is not None or m.status == MeetingStatus.MINUTES_APPROVED
        self.history.open_meeting(
            meeting_id, [] if locked or self.read_only else self.store.operations(meeting_id)
        )
        current = m.current_item() if m.status == MeetingStatus.IN_SESSION else None
        row = m.items.index(current) if current is not None else 0
        # Nothing can be typed into a meeting without items: it would belong to none.
        self.editor.set_read_only(self.read_only or not m.items)
        if m.items:
            self.agenda.setCurrentRow(row)
            self._row_changed(row)
        else:
            self.editor.show_nothing("This meeting has no agenda items yet.")
        self._update_clock()
        self.series.meeting_opened(m)  # deadline, approved-minutes lock
        if self.autosaver is not None:
            self.autosaver.queue(
                lambda s: s.set_setting(LAST_MEETING_SETTING, str(meeting_id)),
                "remember the open meeting",
            )
        self.focus_notes()

    def _show_header(self, m: Meeting) -> None:
        self.committee_label.setText(m.committee.name)
        when = f"{council_date(m.date)}, {council_time(m.start_time)}".rstrip(", ")
        self.meeting_label.setText(f"{when} · {m.venue}" if m.venue else when)

    def _refresh_navigator_status(self) -> None:
        m = self.meeting
        row = self.navigator.currentItem()
        if m is not None and row is not None and row.data(0, MEETING_ID) == m.id:
            row.setText(0, f"{m.date:%a %d %b %Y} · {m.status.value}")

    def _navigator_activated(self, row: QTreeWidgetItem) -> None:
        meeting_id = row.data(0, MEETING_ID)
        if meeting_id is not None and (self.meeting is None or meeting_id != self.meeting.id):
            self.open_meeting(meeting_id)

    # ------------------------------------------------------------ after a change

    def _operation_done(self, done: Done) -> None:
        """Every operation, undo and redo ends here: the panels show the store's record."""
        self.notice.hide()  # a notice is about the change before this one
        m = self.meeting
        if m is None:
            return
        touched = {done.changed.meeting_id, *done.other_meetings}
        for other in done.other_meetings:
            if done.changed.what == "minutes approved":
                self.history.forget_meeting(other)  # approved: nothing there can be undone
        if m.id not in touched:
            return
        if self.autosaver is not None and self.autosaver.pending_operations:
            return  # changes still queued are shown already; refreshed once they are written
        self.refresh_from_store(done)

    def refresh_from_store(self, done: Done | None = None, item_id: int | None = None) -> None:
        """Read the open meeting back and bring every panel in step, keeping the item in
        view (or ``item_id``, or the item an undo changed) and the keyboard where it is."""
        if self.meeting is None:
            return
        replayed = done is not None and done.replayed
        viewed = self.editor.item.id if self.editor.item is not None else None
        row_before = self.agenda.currentRow()
        fresh = self.store.load_meeting(self.meeting.id)
        if self.autosaver is not None:  # text still waiting for the store stays as typed
            for item in fresh.items:
                for name in ("minutes", "agenda_text", "title"):
                    value = self.autosaver.pending_value(item.id, name)
                    if value is not None:
                        setattr(item, name, value)
        self.meeting = fresh
        ids = [i.id for i in fresh.items]
        wanted = item_id
        if wanted is None and replayed and done.changed.item_id in ids:
            wanted = done.changed.item_id
        if wanted is None:
            wanted = viewed
        if ids != [self.agenda.item(r).data(ITEM_ID) for r in range(self.agenda.count())]:
            self.agenda.show_items(fresh.items)
        else:
            for row, item in enumerate(fresh.items):
                self.agenda.refresh_row(row, item)
        row = ids.index(wanted) if wanted in ids else min(max(row_before, 0), len(ids) - 1)
        if not fresh.items:
            self.editor.show_nothing("This meeting has no agenda items yet.")
        elif fresh.items[row].id != viewed or self.agenda.currentRow() != row:
            self.agenda.blockSignals(True)
            self.agenda.setCurrentRow(row)
            self.agenda.blockSignals(False)
            self.editor.show_item(fresh.items[row], fresh.committee.outcome_word)
        else:
            self.editor.refresh(
                fresh.items[row],
                fresh.committee.outcome_word,
                replayed=replayed,
                initiator=done.initiator if done else None,
            )
        self.editor.sync_texts(fresh)
        self.attendance.show_meeting(fresh, skip=done.initiator if done else None)
        self.declarations.show_meeting(fresh)
        self._show_header(fresh)
        self.fill_navigator()
        self._update_clock()
        self.series.meeting_opened(fresh)

    def after_live_change(self) -> None:
        """The live commands changed the in-memory record ahead of the store."""
        self._refresh_navigator_status()
        self._refresh_all_rows()
        self._update_clock()

    # ------------------------------------------------------------ undo

    def _show_step(self, step: Step) -> bool:
        """Bring a typing step's item and field into view; False when the item is gone."""
        item_id, name = step.key  # type: ignore[misc]
        if self.meeting is None or all(i.id != item_id for i in self.meeting.items):
            return False
        if self.editor.item is None or self.editor.item.id != item_id:
            self.go_to_item(item_id)
        (self.editor.notes if name == "minutes" else self.editor.agenda_text).setFocus()
        return True

    def _replay(self, step: Step, undo: bool) -> str | None:
        if step.item_id is not None:
            self.go_to_item(step.item_id)  # the clerk sees the item before it changes
        return self.ops.replay(step, undo)

    def _describe(self, step: Step) -> str:
        if step.kind == "operation":
            return step.label
        item_id, name = step.key  # type: ignore[misc]
        item = self.item_by_id(item_id)
        where = f" of {item.number}" if item is not None and item.number else ""
        return f"typing in the {FIELD_WORDS.get(name, name)}{where}"

    def _drop_redo(self, meeting_id: int) -> None:
        if self.autosaver is not None:
            self.autosaver.queue(lambda s: s.discard_redo(meeting_id), "forget what was undone")

    # ------------------------------------------------------------ items

    def item_by_id(self, item_id: int) -> AgendaItem | None:
        if self.meeting is None:
            return None
        return next((i for i in self.meeting.items if i.id == item_id), None)

    def current_agenda_item(self) -> AgendaItem | None:
        row = self.agenda.currentRow()
        if self.meeting is None or not 0 <= row < len(self.meeting.items):
            return None
        return self.meeting.items[row]

    def viewed_number(self) -> str:
        item = self.current_agenda_item()
        return item.number if item else ""

    def live_or_viewed_number(self) -> str:
        live = self.meeting.current_item() if self.meeting else None
        return live.number if live else self.viewed_number()

    def _row_changed(self, row: int) -> None:
        """Showing another item: saves the last one's typing, never stamps a time."""
        if self.meeting is None or not 0 <= row < len(self.meeting.items):
            return
        if self.autosaver is not None:
            self.autosaver.flush()  # "at once on item switch"
        self.editor.show_item(self.meeting.items[row], self.meeting.committee.outcome_word)

    def go_to_item(self, item_id: int) -> None:
        if self.meeting is None:
            return
        for row, item in enumerate(self.meeting.items):
            if item.id == item_id:
                self.agenda.setCurrentRow(row)
                return

    def move(self, step: int) -> None:
        """Ctrl+PgDown: in session, the meeting moves on to its next item; otherwise
        (and Ctrl+PgUp always) the next / previous item is shown."""
        if step > 0 and self.live.take_up_next():
            self.focus_notes()
            return
        self.peek(step)

    def peek(self, step: int) -> None:
        """Alt+PgDown / Alt+PgUp: look at another item; the meeting stays where it is."""
        if self.meeting is None or not self.meeting.items:
            return
        row = self.agenda.currentRow()
        self.agenda.setCurrentRow(max(0, min(len(self.meeting.items) - 1, row + step)))
        self.focus_notes()

    def focus_notes(self) -> None:
        self.editor.back_to_notes()

    def _refresh_agenda_row(self, item_id: int) -> None:
        if self.meeting is None:
            return
        for row, item in enumerate(self.meeting.items):
            if item.id == item_id:
                self.agenda.refresh_row(row, item)
        self.agenda.viewport().update()

    def _refresh_all_rows(self) -> None:
        if self.meeting is not None:
            for row, item in enumerate(self.meeting.items):
                self.agenda.refresh_row(row, item)
            self.agenda.viewport().update()

    def go_to_current(self) -> None:
        live_item = self.meeting.current_item() if self.meeting else None
        if live_item is not None:
            self.go_to_item(live_item.id)
        self.focus_notes()

    def _update_clock(self) -> None:
        if self.meeting is None:
            self.clock_label.setText("")
            return
        text, running = live.clock_text(self.meeting, self.clock())
        self.start_button.setVisible(not running)
        self.close_button.setVisible(running)
        self.clock_label.setText(text)
        if self.clock_label.property("live") != running:
            self.clock_label.setProperty("live", running)
            self.clock_label.style().unpolish(self.clock_label)
            self.clock_label.style().polish(self.clock_label)

    # ------------------------------------------------------------ panels

    def show_attendance(self) -> None:
        self.side.setCurrentWidget(self.attendance)
        self.attendance.focus_entry()

    def show_declarations(self) -> None:
        self.side.setCurrentWidget(self.declarations)
        self.declarations.focus_entry()

    def export_minutes(self, fmt: str = "docx", audience: str = "public") -> None:
        from sspclerk.meetings import check_before_publishing

        from .export_dialog import ExportDialog

        if self.meeting is None:
            return
        self.prepare_export_menu()
        if self.autosaver is not None and not self.autosaver.flush():
            self.statusBar().showMessage("Export waits until your changes are saved.", 8000)
            return
        meeting = self.store.load_meeting(self.meeting.id)  # a copy for the worker thread
        findings = check_before_publishing(self.store, meeting)
        dialog = ExportDialog(meeting, findings, fmt=fmt, audience=audience, parent=self)
        dialog.exec()
        if dialog.chosen_item:  # the clerk went to fix what the check found
            for item in self.meeting.items:
                if item.number == dialog.chosen_item:
                    self.go_to_item(item.id)
        self.activateWindow()
        self.focus_notes()

    def show_keys(self) -> None:
        KeysDialog(self).exec()
        self.activateWindow()  # the next key goes to the window again

    # ------------------------------------------------------------ messages

    def tell(self, message: str) -> None:
        """One line in the status bar (and kept for tests)."""
        self.last_message = message
        self.statusBar().showMessage(message, 12_000)

    def show_notice(self, text: str) -> None:
        """What a key just did to the record, above the work until the clerk moves on."""
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()
        self.tell(text)

    def _banner_show(self, text: str, kind: str) -> None:
        self.banner.setText(text)
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def _banner_hide(self) -> None:
        if not self.read_only:
            self.banner.hide()

    # ------------------------------------------------------------ saving

    def session_ending(self, _manager: object = None) -> None:
        """Quit or session logoff: write everything now, there may be no later."""
        if self.autosaver is not None:
            self.autosaver.flush()

    def save_now(self) -> bool:
        return True if self.autosaver is None else self.autosaver.flush()

    def _saved(self, when: str) -> None:
        self.save_state.setText(f"All changes saved · {when}")

    def _save_failed(self, message: str) -> None:
        self.save_state.setText("Not saved — retrying")
        self._banner_show(
            f"Your last changes are NOT saved yet: {message}. They are kept in this window "
            "and saving is retried every few seconds; keep typing.",
            kind="error",
        )

    def _recovered(self) -> None:
        self._banner_hide()
        if self.autosaver is not None and not self.autosaver.pending_operations:
            self.refresh_from_store()  # the changes that waited are in the store now

    # ------------------------------------------------------------ window layout

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        self.fit_to_screen()
        handle = self.windowHandle()
        if handle is not None and not getattr(self, "_watching_screen", False):
            handle.screenChanged.connect(lambda _s: self.fit_to_screen())
            self._watching_screen = True

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """A short screen gets the compact editor (see ``window_fit.compact_for``);
        ``available`` is the screen's room (default: the screen the window is on)."""
        if available is None and self.screen() is not None:
            available = self.screen().availableGeometry()
        compact = available is not None and window_fit.compact_for(available)
        if compact != getattr(self, "compact", None):
            self.compact = compact
            self.editor.set_compact(compact)
            self.series.set_compact(compact)

    def restore_layout(self) -> bool:
        """Window size and pane widths as the clerk left them, or fitted to this screen;
        True when it should open maximized (a first run on a small screen)."""
        self.remember_layout = True
        return window_fit.restore_layout(self, self.split)

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802
        if getattr(self, "remember_layout", False):
            window_fit.save_layout(self, self.split)
        if self.autosaver is None or self.autosaver.flush():
            self._tick.stop()
            e.accept()
            return
        answer = QMessageBox.warning(
            self,
            "Changes not saved",
            f"Your last changes could not be saved:\n{self.autosaver.error}\n\n"
            "Retry, or close and keep a copy of them in a text file?",
            QMessageBox.StandardButton.Retry
            | QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Retry:
            e.ignore()
            if self.autosaver.flush():
                self.close()
            return
        if answer == QMessageBox.StandardButton.Save:
            from sspclerk.files import OutputError

            try:
                path = self.write_recovery_file()
            except (OutputError, OSError) as exc:  # the window stays open, the text in it
                QMessageBox.warning(
                    self,
                    "Copy not kept",
                    f"The copy could not be written ({exc}).\nThe window stays open with "
                    "your changes; copy them out by hand or try again.",
                )
                e.ignore()
                return
            QMessageBox.information(self, "Copy kept", f"Your unsaved changes are in\n{path}")
            e.accept()
            return
        e.ignore()

    @staticmethod
    def recovery_folder() -> Path:
        from platformdirs import user_data_dir

        return Path(user_data_dir("sspclerk", appauthor=False)) / "recovered"

    def write_recovery_file(self) -> Path:
        """The unsaved text in a plain file off the store's drive, as a last resort."""
        numbers = (
            {i.id: f"{i.number} {i.title}" for i in self.meeting.items} if self.meeting else {}
        )
        text = (
            self.autosaver.pending_text(lambda i: numbers.get(i, f"item {i}"))
            if self.autosaver
            else ""
        )
        if self.meeting is not None:
            heading = f"{self.meeting.committee.name}, {council_date(self.meeting.date)}"
            text = f"Not saved in {self.store.path} — {heading}\n\n{text}\n"
        from sspclerk.files import write_atomically

        folder = self.recovery_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"unsaved-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
        return write_atomically(path, text.encode("utf-8", "replace"))
