"""Which meeting a page is, and whether it is an agenda or minutes at all.

A page that has items is never refused only because it does not say the
committee or the date: the clerk supplies them (``MeetingDetails``) and it is
read.  Only what is not an agenda or minutes is refused, with the reason (a
table of recorded votes, a story with numbered chapters).  An issue-history page
lists one item at several meetings; the clerk says which by its date, and the
other meetings' text goes to the unplaced note.
"""

from __future__ import annotations

import re

from sspclerk.core.dates import council_date

from . import header_lines as hdr
from . import lines as pt
from . import people
from .result import MeetingDetails, MeetingOnPage, PageImportError, PageNeedsDetails
from .starts import Start
from .state import PageLines

#: The items nearly every agenda has: one of these among a page's items says it is one.
STANDING_ITEM = re.compile(
    r"\bapolog|\bdeclarations?\s+of\s+(?:\w+\s+)?interests?|\bminutes\b|\bnotes\s+of\s+the\b"
    r"|\bany\s+other\s+business\b|\bdate\s+of\s+(?:the\s+)?next\s+meeting\b|\bexclusion\s+of\b"
    r"|\bpublic\s+(?:participation|questions?|forum)\b|\burgent\s+(?:business|items?)\b"
    r"|\bwelcome\b|\bmatters\s+arising\b|\bchair(?:man|person)?'?s?\s+(?:announcements|report)\b",
    re.I,
)
_MEETING_LABEL = re.compile(r"^\s*meeting\s*:", re.I | re.M)
#: "Recorded Vote", "Councillor | Vote" / "Cllr A | For": a table of how members voted.
_VOTES_HEADING = re.compile(r"^recorded\s+votes?\b|^(?:councillor|member|name)\s*\|\s*vote\b", re.I)
_VOTE_ROW = re.compile(
    r"\|\s*(?:for|against|abstain(?:ed)?|abstention|absent|did\s+not\s+vote)$", re.I
)


class IdentifySteps(PageLines):
    """Says which meeting the page is, or asks, or refuses (mixed into the reader)."""

    def _meeting_of_items(self) -> MeetingOnPage | None:
        """ "Meeting: 04/03/2025 - Cabinet (Item 75)" lines: the meeting a single-item
        or issue-history page's item was at; with several, the one the clerk named."""
        found: list[tuple[int, MeetingOnPage]] = []
        if not _MEETING_LABEL.search(self.text):
            return None
        for i, line in enumerate(self.lines):
            m = hdr.MEETING_OF_ITEM.match(line) if line and not self.used[i] else None
            d = hdr.DATE.fullmatch(m.group("date")) if m else None
            date = hdr.parse_date(d) if d else None
            if m and date is not None:
                found.append((i, MeetingOnPage(hdr.name_in_capitals(m.group("name")), date)))
        meetings = list(dict.fromkeys(meeting for _, meeting in found))
        if not meetings:
            return None
        if len(meetings) == 1:
            chosen = meetings[0]
        else:
            given = self.given
            matching = [
                m
                for m in meetings
                if m.date == given.date
                and (not given.committee or m.committee.casefold() == given.committee.casefold())
            ]
            if len(matching) != 1:
                listed = ", ".join(
                    f"{m.committee} on {council_date(m.date)} ({m.date.isoformat()})"
                    for m in meetings[:4]
                ) + (f" and {len(meetings) - 4} more" if len(meetings) > 4 else "")
                asked = (
                    f"has no item at a meeting on {council_date(given.date)}; it lists"
                    if given.date and not matching
                    else "lists"
                )
                raise PageNeedsDetails(
                    self.source,
                    f"{asked} items at {len(meetings)} meetings ({listed}) and is imported as "
                    "one of them",
                    ("date",),
                    MeetingDetails(),
                    len(found),
                    tuple(meetings),
                )
            chosen = matching[0]
        for k, (i, meeting) in enumerate(found):
            self.used[i] = True
            if meeting == chosen:
                continue
            end = found[k + 1][0] if k + 1 < len(found) else len(self.lines)
            self.unplaced.append(
                f"From this page's item at another meeting ({meeting.committee}, "
                f"{council_date(meeting.date)}):"
            )
            for j in range(i + 1, end):
                if self.lines[j] and not self.used[j]:
                    self.unplaced.append(self.lines[j])
                self.used[j] = True
        return chosen

    def _details(
        self,
        found: MeetingDetails,
        starts: list[Start],
        markers: list[tuple[int, str]],
        status_title: str | None,
    ) -> MeetingDetails:
        """The committee, date and time: the clerk's where given, else the page's; asks
        (PageNeedsDetails) when neither says, or refuses a page that is no agenda."""
        details = self.given.over(found)
        missing = tuple(
            what
            for what, value in (("committee", details.committee), ("date", details.date))
            if not value
        )
        if missing:
            if not self._reads_as_agenda(starts, markers, status_title):
                raise PageImportError(
                    f"{self.source} {self._not_an_agenda(starts)}; nothing was imported"
                )
            if missing == ("committee", "date"):
                said = "does not say the committee or the date of the meeting"
            elif missing == ("committee",):
                said = f"gives the date ({council_date(details.date)}) but not the committee"  # type: ignore[arg-type]
            else:
                said = f"names {details.committee} but not the date of the meeting"
            count = f"{len(starts)} item{'s' if len(starts) != 1 else ''}"
            raise PageNeedsDetails(
                self.source, f"has {count} but {said}", missing, found, len(starts)
            )
        for what, given, page in (
            ("committee", self.given.committee.strip(), found.committee),
            ("date", self.given.date, found.date),
            ("time", self.given.time, found.time),
        ):
            if given and page and given != page:
                self.placed.append(f"The {what} given ({given}) is used; the page says {page}")
        return details

    def _reads_as_agenda(
        self, starts: list[Start], markers: list[tuple[int, str]], status_title: str | None
    ) -> bool:
        """Something only an agenda or minutes has: a title, "Minutes:"/"Decision:"
        labels, papers, resolutions, attendance, or a standing item among the items."""
        if status_title or markers or self.attendance or self.membership:
            return True
        titles = [s.title or self._title_after(s) for s in starts]
        if any(t and STANDING_ITEM.search(t) for t in titles):
            return True
        return any(
            ((paper := pt.DOCUMENT.match(line)) and paper.group("title"))
            or pt.is_outcome(line)
            or people.ATTENDANCE_LABEL.match(line)
            for line in self.lines
            if line
        )

    def _title_after(self, start: Start) -> str:
        j = self._next_text(start.line + 1, len(self.lines))
        return self.lines[j] if j is not None else ""

    def _not_an_agenda(self, starts: list[Start] | None = None) -> str:
        """Why the page is refused, in one line."""
        text = [line for line in self.lines if line]
        votes = sum(bool(_VOTE_ROW.search(line)) for line in text)
        if any(_VOTES_HEADING.match(line) for line in text[:8]) or votes >= 3:
            return (
                "is a table of recorded votes, not a committee agenda or minutes page (import "
                "the meeting's own page, where the vote is minuted under its item)"
            )
        if starts:
            return (
                "is not a committee agenda or minutes page (its numbered parts have nothing an "
                "agenda or minutes has: no 'Minutes:' or 'Decision:' text, no resolutions, no "
                "papers and no items such as apologies or declarations of interest)"
            )
        return (
            "is not a committee agenda or minutes page (no numbered items, no 'Minutes:' or "
            "'Decision:' text and no 'Agenda' or 'Minutes' title)"
        )
