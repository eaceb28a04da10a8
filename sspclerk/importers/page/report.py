"""The short report a page import prints: what was read and where it went.

The clerk reads it once, right after importing, so it names the items, the
restricted ones to check, and every line that could not be placed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sspclerk.core.dates import council_date, council_time
from sspclerk.core.model import AttendanceStatus, Meeting

if TYPE_CHECKING:
    from .reader import PageImport


def summary(meeting: Meeting, title: str | None, source: str, clutter: int) -> list[str]:
    """What was placed: header, items one line each, restrictions, people, clutter."""
    p: list[str] = []
    when = council_date(meeting.date)
    if meeting.start_time:
        when += f" {council_time(meeting.start_time)}"
    p.append(f"Read {source}: {meeting.committee.name} – {when}")
    p.append(
        f"Page title: {title or '(none)'} → status {meeting.status.value}; "
        f"venue: {meeting.venue or '(none)'}; contact: {meeting.contact or '(none)'}"
    )
    numbered = [i.number for i in meeting.items if i.number]
    p.append(
        f"Items: {len(meeting.items)}"
        + (f" ({numbered[0]} to {numbered[-1]})" if numbered else "")
        + (
            f"; {len(meeting.items) - len(numbered)} without a number on the page"
            if len(numbered) < len(meeting.items)
            else ""
        )
    )
    for item in meeting.items:
        bits = []
        if item.documents:
            bits.append(f"{len(item.documents)} document(s)")
        if item.agenda_text:
            bits.append("agenda text")
        if item.minutes:
            bits.append("minutes")
        if item.outcomes:
            bits.append(f"{len(item.outcomes)} outcome(s)")
        if item.actions:
            bits.append(f"{len(item.actions)} action(s)")
        if item.restricted:
            bits.append("RESTRICTED")
        label = f"{item.number} " if item.number else ""
        p.append(f"  {label}{item.title or '(no title)'}: {', '.join(bits) or 'title only'}")
    restricted = [i.number or i.title for i in meeting.items if i.restricted]
    if restricted:
        p.append("Restricted items flagged from their text (check them): " + ", ".join(restricted))
    if meeting.attendance:
        counts: dict[str, int] = {}
        for a in meeting.attendance:
            key = a.status.value if a.status is not AttendanceStatus.PRESENT else a.role.value
            counts[key] = counts.get(key, 0) + 1
        p.append("Attendance: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    if meeting.declarations:
        p.append(f"Declarations of interest: {len(meeting.declarations)}")
    if clutter:
        p.append(f"Website lines left out (menus, share links, notices): {clutter}")
    return p


def format_report(result: PageImport, limit: int = 12) -> list[str]:
    """The short report printed after an import: what was placed, then what was not."""
    lines = list(result.placed)
    if result.unplaced:
        lines.append(
            f"Unplaced text: {len(result.unplaced)} line(s) kept in the meeting's "
            "'Unplaced text' note for you to sort:"
        )
        for line in result.unplaced[:limit]:
            lines.append(f"  | {line if len(line) <= 100 else line[:97] + '...'}")
        if len(result.unplaced) > limit:
            lines.append(f"  | ... and {len(result.unplaced) - limit} more")
    else:
        lines.append("Unplaced text: none; every line of the page was placed.")
    return lines
