"""Running the meeting from the window: start, take up an item, move on, close.

Only these commands stamp times, each as one undoable operation; looking at another
item (the agenda list, Alt+PgDown / Alt+PgUp, Ctrl+PgUp) never does.  A closed
meeting is not restarted by a stray F5: the clerk is asked first.  The window's
in-memory record follows at once (``live.py``), so the agenda marks and the clock
move even while a write waits for a locked store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from sspclerk.core.dates import council_time
from sspclerk.core.model import AgendaItem, MeetingStatus
from sspclerk.store import Changed

from . import live
from .keys import ask

if TYPE_CHECKING:
    from .main_window import MainWindow


def plain_date(day) -> str:
    """'23 July 2025' (the question a clerk reads at a glance)."""
    return f"{day.day} {day:%B %Y}"


class MeetingActions(QObject):
    """The live-meeting commands of one window (``window.live``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window

    def _writable(self) -> bool:
        w = self.w
        return w.meeting is not None and w.autosaver is not None and not w.series.locked

    def _run(self, label: str, call, item: AgendaItem | None = None) -> None:
        m = self.w.meeting
        assert m is not None
        self.w.ops.run(
            label,
            call,
            meeting_id=m.id,
            item_id=item.id if item is not None else None,
            queue=True,
        )

    # ------------------------------------------------------------ start and close

    def start_meeting(self) -> None:
        """F5: start the meeting and take up the item in view (a closed one asks first)."""
        w = self.w
        m = w.meeting
        if m is None or not self._writable():
            return
        if m.status == MeetingStatus.IN_SESSION:
            since = f" since {council_time(m.started_at.time())}" if m.started_at else ""
            w.tell(f"The meeting is in session{since}. Ctrl+T takes up the item in view.")
            return
        reopen = m.status != MeetingStatus.DRAFT
        if reopen and not self._confirm_reopen():
            w.tell("The meeting was not reopened; its times are as they were.")
            return
        item = w.current_agenda_item()
        now = w.clock()
        live.begin(m, now)
        if item is not None:
            live.take_up(m, item, now)

        def run(store) -> Changed:
            store.start_meeting(m.id)
            if item is not None:
                store.start_item(item.id)
            return Changed(m.id, item.id if item else None, "status")

        what = "meeting reopened" if reopen else "start of the meeting"
        taken = f" ({item.number} taken up)" if item is not None else ""
        self._run(f"{what}{taken}", run, item)
        w.after_live_change()
        if reopen:
            w.tell(f"Meeting reopened{taken}. Ctrl+Z to undo.")
        w.focus_notes()

    def _confirm_reopen(self) -> bool:
        m = self.w.meeting
        assert m is not None
        return ask(
            self.w,
            "Reopen the meeting",
            f"Reopen the meeting of {plain_date(m.date)}?\n\n"
            "It was closed. Reopening puts it back in session and stamps the item in view.",
        )

    def close_meeting(self) -> None:
        w = self.w
        m = w.meeting
        if m is None or not self._writable() or m.status != MeetingStatus.IN_SESSION:
            return
        live.end(m, w.clock())
        self._run(
            "close of the meeting", lambda s, mid=m.id: s.close_meeting(mid), m.current_item()
        )
        w.after_live_change()
        if getattr(w, "backups", None) is not None:  # a copy of the closed meeting
            w.backups.meeting_closed()

    # ------------------------------------------------------------ items

    def take_item(self) -> None:
        """Ctrl+T: the item in view is now under discussion."""
        w = self.w
        item = w.current_agenda_item()
        if item is None or w.meeting is None or not self._writable():
            return
        if w.meeting.status != MeetingStatus.IN_SESSION:
            self.start_meeting()
            return
        self.take_up(item)
        w.focus_notes()

    def take_up(self, item: AgendaItem) -> None:
        w = self.w
        m = w.meeting
        assert m is not None
        if m.current_item() is item:
            return
        live.take_up(m, item, w.clock())
        self._run(f"{item.number} taken up", lambda s, iid=item.id: s.start_item(iid), item)
        w.after_live_change()

    def take_up_next(self) -> bool:
        """Ctrl+PgDown in session: the meeting moves on to the item after the one under
        discussion, wherever the clerk was looking; True when it did."""
        w = self.w
        m = w.meeting
        if m is None or m.status != MeetingStatus.IN_SESSION or not self._writable():
            return False
        base = m.current_item() or w.current_agenda_item()
        if base is None:
            return False
        index = next(n for n, i in enumerate(m.items) if i.id == base.id) + 1
        if index >= len(m.items):
            w.tell(f"{base.number} is the last item; Shift+F5 closes the meeting.")
            w.go_to_item(base.id)
            return True
        target = m.items[index]
        self.take_up(target)
        w.go_to_item(target.id)
        return True
