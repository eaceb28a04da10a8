"""The clerk's desk: wiring of navigator, agenda, item editor and the people panels.

The window holds one loaded Meeting (the in-memory record the widgets edit) and
an Autosaver that writes every change to the store.  Live timing follows the
meeting: Ctrl+PgDown on the item under discussion moves the meeting on; browsing
elsewhere never touches the stamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
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

from . import live
from .agenda_view import AgendaView
from .attendance_panel import AttendancePanel
from .autosave import Autosaver
from .declarations_panel import DeclarationsPanel
from .import_actions import ImportActions
from .item_editor import ItemEditor
from .keys import KeepOnEscape, KeysDialog
from .pack_actions import PackActions
from .series_actions import SERIES_WRITES, SeriesActions  # across meetings (gui-series)
from .shortcuts import COMMANDS
from .undo import UndoHistory

MEETING_ID = Qt.ItemDataRole.UserRole
LAST_MEETING_SETTING = "gui.last_meeting"


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
        self.history = UndoHistory(self._show_undo_target, self)
        self.actions_by_name: dict[str, QAction] = {}
        self.setWindowTitle("sspclerk")
        self.resize(1400, 880)
        self._build()
        self.packs = PackActions(self)  # papers, agenda packs, printing (pack_actions.py)
        self.imports = ImportActions(self)  # Import… and dropped files (import_actions.py)
        self._build_commands()
        if self.autosaver is not None:
            self.autosaver.saved.connect(self._saved)
            self.autosaver.saving.connect(lambda: self.save_state.setText("Saving…"))
            self.autosaver.failed.connect(self._save_failed)
            self.autosaver.recovered.connect(self._banner_hide)
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
                " ".join([text, *(f"{w[:1].upper()}{w[1:]}." for w in others)]), "info"
            )
            self.save_state.setText("Read-only")
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
        h.setContentsMargins(18, 10, 18, 10)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.committee_label = QLabel()
        self.committee_label.setObjectName("committee")
        self.meeting_label = QLabel()
        self.meeting_label.setObjectName("meetingLine")
        for label in (self.committee_label, self.meeting_label):
            # A long venue must not make the window wider than the screen: let the
            # line be cut short (the whole of it is in the tooltip).
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(200)
            titles.addWidget(label)
        h.addLayout(titles, 1)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.clock_label.setAccessibleName("Meeting clock")
        h.addWidget(self.clock_label)
        self.start_button = QPushButton("Start meeting  F5")
        self.start_button.setObjectName("startButton")
        self.start_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.start_button.clicked.connect(self.start_meeting)
        self.close_button = QPushButton("Close meeting  Shift+F5")
        self.close_button.setObjectName("closeButton")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_meeting)
        h.addWidget(self.start_button)
        h.addWidget(self.close_button)
        outer.addWidget(header)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Warning")
        self.banner.hide()
        outer.addWidget(self.banner)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("mainSplit")
        split.setChildrenCollapsible(False)
        left = QSplitter(Qt.Orientation.Vertical)
        self.navigator = QTreeWidget()
        self.navigator.setObjectName("navigator")
        self.navigator.setAccessibleName("Committees and meetings")
        self.navigator.setHeaderHidden(True)
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
        left.addWidget(self.navigator)
        left.addWidget(agenda_box)
        left.setSizes([110, 700])
        left.setMinimumWidth(260)
        split.addWidget(left)

        self.editor = ItemEditor(self.autosaver, self.history)
        self.editor.setObjectName("editor")
        self.editor.item_changed.connect(self._refresh_agenda_row)
        split.addWidget(self.editor)

        self.side = QTabWidget()
        self.side.setObjectName("side")
        self.attendance = AttendancePanel(self.autosaver, self.live_or_viewed_number)
        self.declarations = DeclarationsPanel(self.autosaver, self.viewed_number)
        self.attendance.changed.connect(self.declarations.people_changed)
        self.attendance.table.setItemDelegate(KeepOnEscape(self.attendance.table, self.focus_notes))
        self.side.addTab(self.attendance, "Attendance")
        self.side.addTab(self.declarations, "Declarations")
        split.addWidget(self.side)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 0)
        self.side.setMinimumWidth(360)
        self.editor.setMinimumWidth(480)
        split.setSizes([290, 690, 460])
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
        self.series = SeriesActions(self)  # across meetings (gui-series)
        handlers: dict[str, Callable[[], object]] = {
            "open_meeting": lambda: (self.navigator.setFocus(), self.navigator.expandAll()),
            "start_meeting": self.start_meeting,
            "take_item": self.take_item,
            "current_item": self.go_to_current,
            "close_meeting": self.close_meeting,
            "save_now": self.save_now,
            "quit": self.close,
            "undo": self.history.undo,
            "redo": self.history.redo,
            "next_item": lambda: self.move(+1),
            "previous_item": lambda: self.move(-1),
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
        handlers.update(self.series.handlers())  # across meetings (gui-series)
        menus: dict[str, object] = {}
        writes = {
            "start_meeting",
            "take_item",
            "close_meeting",
            "toggle_restricted",
            "add_action",
            "outcome_vote",
            "arrived",
            "left",
            "import_meeting",
            "attach_paper",
        } | {f"outcome_{n}" for n in range(1, 7)}
        writes |= SERIES_WRITES  # across meetings (gui-series)
        for cmd in COMMANDS:
            menu = menus.get(cmd.menu) or self.menuBar().addMenu(cmd.menu)
            menus[cmd.menu] = menu
            if cmd.new_group and not menu.isEmpty():  # type: ignore[attr-defined]
                menu.addSeparator()  # type: ignore[attr-defined]
            action = QAction(cmd.label, self)
            action.setShortcuts([QKeySequence(k) for k in cmd.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setStatusTip(cmd.help)
            action.triggered.connect(lambda _c=False, f=handlers[cmd.name]: f())
            action.setEnabled(not (self.read_only and cmd.name in writes))
            menu.addAction(action)  # type: ignore[attr-defined]
            self.actions_by_name[cmd.name] = action
            if cmd.name == "export":
                # Importing the export package (Word, PDF libraries) costs more than the
                # whole window; it is looked at when the menu first opens, not at start.
                self._export_menu = menu
                menu.aboutToShow.connect(self.prepare_export_menu)  # type: ignore[attr-defined]

    def prepare_export_menu(self) -> bool:
        """Offer Export (one entry per audience and format) if this build has it."""
        from .export_dialog import AUDIENCES, export_available

        action = self.actions_by_name["export"]
        if getattr(self, "_export_ready", None) is not None:
            return self._export_ready
        self._export_ready = export_available()
        if not self._export_ready:
            action.setVisible(False)
            return False
        from sspclerk.export import formats

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
        return True

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

    def open_meeting(self, meeting_id: int) -> None:
        if self.autosaver is not None:
            self.autosaver.flush()
        self.meeting = self.store.load_meeting(meeting_id)
        m = self.meeting
        self.fill_navigator()
        for i in range(self.navigator.topLevelItemCount()):
            top = self.navigator.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, MEETING_ID) == meeting_id:
                    self.navigator.setCurrentItem(top.child(j))
        self.setWindowTitle(f"{m.committee.name} — {council_date(m.date)} — sspclerk")
        self.committee_label.setText(m.committee.name)
        when = f"{council_date(m.date)}, {council_time(m.start_time)}".rstrip(", ")
        self.meeting_label.setText(f"{when} · {m.venue}" if m.venue else when)
        self.meeting_label.setToolTip(self.meeting_label.text())
        self.agenda.show_items(m.items)
        self.attendance.show_meeting(m)
        self.declarations.show_meeting(m)
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
        self.series.meeting_opened(m)  # deadline, approved-minutes lock (gui-series)
        if self.autosaver is not None:
            self.autosaver.queue(
                lambda s: s.set_setting(LAST_MEETING_SETTING, str(meeting_id)),
                "remember the open meeting",
            )
        self.focus_notes()

    def _refresh_navigator_status(self) -> None:
        m = self.meeting
        row = self.navigator.currentItem()
        if m is not None and row is not None and row.data(0, MEETING_ID) == m.id:
            row.setText(0, f"{m.date:%a %d %b %Y} · {m.status.value}")

    def _navigator_activated(self, row: QTreeWidgetItem) -> None:
        meeting_id = row.data(0, MEETING_ID)
        if meeting_id is not None and (self.meeting is None or meeting_id != self.meeting.id):
            self.open_meeting(meeting_id)

    # ------------------------------------------------------------ items

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
        """Ctrl+PgDown / Ctrl+PgUp: the next / previous item, cursor in its notes."""
        if self.meeting is None or not self.meeting.items:
            return
        row = self.agenda.currentRow()
        target = max(0, min(len(self.meeting.items) - 1, row + step))
        viewed = self.current_agenda_item()
        live = self.meeting.current_item()
        if (
            step > 0
            and target != row
            and self.meeting.status == MeetingStatus.IN_SESSION
            and viewed is not None
            and viewed is live
        ):
            self._start_item(self.meeting.items[target])
        self.agenda.setCurrentRow(target)
        self.focus_notes()

    def focus_notes(self) -> None:
        self.editor.notes.setFocus(Qt.FocusReason.ShortcutFocusReason)

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

    def _show_undo_target(self, key: Hashable) -> None:
        item_id, name = key  # type: ignore[misc]
        if self.editor.item is None or self.editor.item.id != item_id:
            self.go_to_item(item_id)
        (self.editor.notes if name == "minutes" else self.editor.agenda_text).setFocus()

    # ------------------------------------------------------------ live meeting

    def start_meeting(self) -> None:
        m = self.meeting
        if m is None or self.autosaver is None:
            return
        live.begin(m, self.clock())
        self.autosaver.queue(lambda s, mid=m.id: s.start_meeting(mid), "start the meeting")
        self._refresh_navigator_status()
        item = self.current_agenda_item()
        if item is not None:
            self._start_item(item)
        self._update_clock()
        self.focus_notes()

    def take_item(self) -> None:
        item = self.current_agenda_item()
        if item is None or self.meeting is None:
            return
        if self.meeting.status != MeetingStatus.IN_SESSION:
            self.start_meeting()
        else:
            self._start_item(item)
        self.focus_notes()

    def _start_item(self, item: AgendaItem) -> None:
        if self.meeting is None or self.autosaver is None:
            return
        live.take_up(self.meeting, item, self.clock())
        self.autosaver.queue(lambda s, iid=item.id: s.start_item(iid), f"take up {item.number}")
        self._refresh_all_rows()
        self._update_clock()

    def go_to_current(self) -> None:
        live = self.meeting.current_item() if self.meeting else None
        if live is not None:
            self.go_to_item(live.id)
        self.focus_notes()

    def close_meeting(self) -> None:
        m = self.meeting
        if m is None or self.autosaver is None or m.status != MeetingStatus.IN_SESSION:
            return
        live.end(m, self.clock())
        self.autosaver.queue(lambda s, mid=m.id: s.close_meeting(mid), "close the meeting")
        self._refresh_navigator_status()
        self._refresh_all_rows()
        self._update_clock()
        if getattr(self, "backups", None) is not None:  # a copy of the closed meeting
            self.backups.meeting_closed()

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
        from .export_dialog import ExportDialog, previous_meeting_date

        if self.meeting is None or not self.prepare_export_menu():
            return
        if self.autosaver is not None and not self.autosaver.flush():
            self.statusBar().showMessage("Export waits until your changes are saved.", 8000)
            return
        meeting = self.store.load_meeting(self.meeting.id)  # a copy for the worker thread
        folder = self.store.path.resolve().parent
        dialog = ExportDialog(
            meeting, previous_meeting_date(self.store, meeting), folder, fmt, audience, self
        )
        dialog.exec()
        if dialog.chosen_item:  # the clerk went to fix what the check found
            for item in self.meeting.items:
                if item.number == dialog.chosen_item:
                    self.go_to_item(item.id)
                    self.focus_notes()

    def show_keys(self) -> None:
        KeysDialog(self).exec()

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

    def _banner_show(self, text: str, kind: str) -> None:
        self.banner.setText(text)
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def _banner_hide(self) -> None:
        if not self.read_only:
            self.banner.hide()

    # ------------------------------------------------------------ window layout

    @staticmethod
    def _layout_settings() -> QSettings:
        return QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sspclerk", "window"
        )

    def restore_layout(self) -> None:
        """Window size and pane widths as the clerk left them (QSettings, per user)."""
        self.remember_layout = True
        settings = self._layout_settings()
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            self._fit_on_screen()
        split = settings.value("split")
        if split is not None:
            self.split.restoreState(split)

    def _fit_on_screen(self) -> None:
        """A size saved on a bigger monitor must not put the window off this one."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            return
        width = min(self.width(), screen.width())
        height = min(self.height(), screen.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if not screen.contains(self.frameGeometry()):
            self.move(screen.topLeft())

    def _save_layout(self) -> None:
        if getattr(self, "remember_layout", False):
            settings = self._layout_settings()
            settings.setValue("geometry", self.saveGeometry())
            settings.setValue("split", self.split.saveState())

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802
        self._save_layout()
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
            path = self.write_recovery_file()
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
        folder = self.recovery_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"unsaved-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text(text, encoding="utf-8")
        return path
