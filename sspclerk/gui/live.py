"""Live timing of a meeting in the window's in-memory record (no Qt, no store).

The store stamps the same moments in its own transaction (start_meeting,
start_item, close_meeting); these keep the open window's copy in step so the
agenda marks and the clock update at once, even while a write is being retried.
"""

from __future__ import annotations

import datetime as dt

from sspclerk.core.dates import council_time
from sspclerk.core.model import AgendaItem, Meeting, MeetingStatus


def begin(meeting: Meeting, now: dt.datetime) -> None:
    meeting.status = MeetingStatus.IN_SESSION
    meeting.started_at = meeting.started_at or now
    meeting.ended_at = None


def take_up(meeting: Meeting, item: AgendaItem, now: dt.datetime) -> None:
    """``item`` is now under discussion; the one before it ends."""
    for other in meeting.items:
        if other is not item and other.started_at is not None and other.ended_at is None:
            other.ended_at = now
    item.started_at = item.started_at or now
    item.ended_at = None


def end(meeting: Meeting, now: dt.datetime) -> None:
    for item in meeting.items:
        if item.started_at is not None and item.ended_at is None:
            item.ended_at = now
    meeting.status = MeetingStatus.CONCLUDED
    meeting.ended_at = now


def elapsed(since: dt.datetime, now: dt.datetime) -> str:
    seconds = max(0, int((now - since).total_seconds()))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def clock_text(meeting: Meeting, now: dt.datetime) -> tuple[str, bool]:
    """The header clock, and whether the meeting is running."""
    if meeting.status == MeetingStatus.IN_SESSION and meeting.started_at:
        live = meeting.current_item()
        on = ""
        if live is not None and live.started_at:
            minutes = int((now - live.started_at).total_seconds() // 60)
            on = f"\n{live.number} for {minutes} min"
        # Two short lines: a long venue beside it keeps its room.
        return f"● In session  {elapsed(meeting.started_at, now)}{on}", True
    text = meeting.status.value.capitalize()
    if meeting.started_at and meeting.ended_at:
        start, stop = council_time(meeting.started_at.time()), council_time(meeting.ended_at.time())
        text = f"{text} · {start} – {stop}"
    return text, False
