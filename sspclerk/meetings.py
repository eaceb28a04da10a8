"""What the window and the command line both do with the store's meetings.

One copy of each use case the two front ends share, so they cannot drift apart:
which meeting a reference names ("latest", an id, or the one last open), loading
the demo meeting, and the pre-publication check with the committee's previous
meeting found in the store.  It sits on core, store and importers; the front ends
call it and turn its errors into their own words (a dialog, an exit status).
"""

from __future__ import annotations

import datetime as dt

from sspclerk.core.checks import Finding, check_meeting, previous_meeting_date
from sspclerk.core.model import Meeting
from sspclerk.resources import resource_path
from sspclerk.store import NotFoundError, Store

#: The demo meeting (23 July 2025) among the resources.
DEMO_FILE = "demo-meeting.json"


def meeting_id_for(store: Store, ref: str | None, *, last_open: str = "") -> int | None:
    """The meeting ``ref`` names: an id as `sspclerk meetings` prints it, or "latest".

    With no reference, the one last open (``last_open``, the window's setting) while
    it still exists, else the latest.  None only when the store has no meetings;
    NotFoundError, in words for the clerk, for a reference that names none.
    """
    text = (ref or "").strip()
    if not text:
        if last_open.isdigit() and store.has_meeting(int(last_open)):
            return int(last_open)
        return store.latest_meeting_id()
    if text.lower() == "latest":
        return store.latest_meeting_id()
    try:
        meeting_id = int(text)
    except ValueError:
        raise NotFoundError(
            f"{text!r} is not a meeting id (see `sspclerk meetings`) or 'latest'"
        ) from None
    if not store.has_meeting(meeting_id):
        raise NotFoundError(f"no meeting with id {meeting_id} (see `sspclerk meetings`)")
    return meeting_id


def demo_meeting() -> Meeting:
    """The demo meeting as shipped, not yet stored."""
    # Imported here: every command resolves a meeting through this module, and only
    # `demo` and the window's first run read a meeting file.
    from sspclerk.importers.meeting_json import read_meeting_file

    return read_meeting_file(resource_path(DEMO_FILE))


def load_demo(store: Store) -> int:
    """Store the demo meeting once; its id (the one already there on a second call)."""
    meeting = demo_meeting()
    existing = store.find_meeting(meeting.committee.prefix, meeting.date)
    return existing if existing is not None else store.add_meeting(meeting)


def previous_meeting_of(store: Store, meeting: Meeting) -> dt.date | None:
    """The date of the committee's meeting before ``meeting``, as the store knows it."""
    dates = [m.date for m in store.list_meetings() if m.prefix == meeting.committee.prefix]
    return previous_meeting_date(meeting, dates)


def check_before_publishing(store: Store, meeting: Meeting) -> list[Finding]:
    """The pre-publication check, the previous-minutes item checked against the store."""
    return check_meeting(meeting, previous_meeting_of(store, meeting))
