"""What a page import gives back: the meeting and its report, or why nothing was imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sspclerk.core.model import Meeting

UNPLACED_HEADING = "Unplaced text from the page import (not placed against any item; please sort):"


class PageImportError(ValueError):
    """The file is not a committee page that can be imported; the message names it."""


@dataclass(frozen=True)
class MeetingDetails:
    """The committee, date and time of a meeting, as far as they are known.

    What the page says is read into one of these; what the clerk supplies (the
    command line's ``--committee``/``--date``/``--time``, the window's dialog) is
    another, and wins where both say something.
    """

    committee: str = ""
    date: dt.date | None = None
    time: dt.time | None = None

    def over(self, found: MeetingDetails) -> MeetingDetails:
        """These details where given, ``found`` elsewhere."""
        return MeetingDetails(
            self.committee.strip() or found.committee,
            self.date or found.date,
            self.time or found.time,
        )


@dataclass(frozen=True)
class MeetingOnPage:
    """One of the meetings an issue-history page lists an item at."""

    committee: str
    date: dt.date


class PageNeedsDetails(PageImportError):
    """The page has items but does not say which meeting: the clerk must say.

    ``missing`` names what to supply ("committee", "date"); ``found`` is what the
    page did say (to pre-fill a dialog); ``meetings`` lists the meetings of a page
    that holds items from several (one is chosen by its date).
    """

    def __init__(
        self,
        source: str,
        reason: str,
        missing: tuple[str, ...],
        found: MeetingDetails,
        items: int,
        meetings: tuple[MeetingOnPage, ...] = (),
    ) -> None:
        super().__init__(f"{source} {reason}; nothing was imported")
        self.source = source
        self.reason = reason
        self.missing = missing
        self.found = found
        self.items = items
        self.meetings = meetings


@dataclass
class PageImport:
    """What an import produced: the meeting and a short report of what went where."""

    meeting: Meeting
    placed: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    source: str = ""
