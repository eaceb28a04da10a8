"""The driver: the reader's steps in order, from page lines to a Meeting and its report.

Each step is a mixin over the shared ``PageLines`` (see the package docstring for
the list); this module only says in which order they run and puts the meeting
together.
"""

from __future__ import annotations

import datetime as dt

from sspclerk.core.model import Committee, Meeting, MeetingStatus, Member
from sspclerk.core.text import clean_record

from . import lines as pt
from .attendance import AttendanceSteps
from .header import HeaderSteps
from .identify import IdentifySteps
from .item import ItemSteps, one_line, restrict
from .passes import MeetingPasses
from .report import summary
from .result import (
    UNPLACED_HEADING,
    MeetingDetails,
    PageImport,
    PageImportError,
)
from .starts import Start, StartFinder


class PageReader(
    HeaderSteps, IdentifySteps, AttendanceSteps, StartFinder, ItemSteps, MeetingPasses
):
    """Reads one page's lines into a meeting; ``read()`` once."""

    def read(self) -> PageImport:
        self._drop_clutter()
        markers = [(i, k) for i, line in enumerate(self.lines) if (k := pt.marker_kind(line))]
        top_end = min([m for m, _ in markers] + [len(self.lines)])
        self._confidential_mark(top_end)
        status_title = self._title_line(top_end)
        decision_title = self._item_page(top_end)
        of_item = self._meeting_of_items()
        # The header is above the first item: a date further down is another meeting's
        # ("Date of next meeting: …", "the minutes of the meeting held on …").
        first_item = self._first_numbered_item(markers, top_end)
        name, date, time = self._committee_line(min(top_end, first_item))
        if of_item is not None:
            name, date = name or of_item.committee, date or of_item.date
        if not name or not date:
            named, dated = self._meeting_elsewhere(first_item)
            name, date = name or named, date or dated
        venue = self._labelled(pt.VENUE, top_end)
        if venue and self.venue_in_heading and venue != self.venue_in_heading:
            self.unplaced.append(f"Venue in the heading: {self.venue_in_heading}")
        venue = venue or self.venue_in_heading
        link = pt.VENUE_LINK.search(venue)
        if link and link.start() > 0:
            venue = venue[: link.start()]
            self.clutter += 1
        contact = self._labelled(pt.CONTACT, top_end)
        self.top_end = top_end
        self._people_blocks()
        markers = [(i, k) for i, k in markers if not self.used[i]]
        # Minutes typed in a document, or a page titled just "Minutes", have no
        # "Minutes:" labels: the item text is minutes.  ("Agenda and minutes" with no
        # labels is an agenda whose minutes are not out yet.)
        minutes_only = (
            bool(status_title)
            and "agenda" not in status_title.lower()
            and ("minutes" in status_title.lower())
        )
        self.text_is_minutes = (self.minutes_heading or minutes_only) and not markers
        starts = self._item_starts(markers)
        if decision_title is not None and not any(s.number for s in starts):
            # One decision: its title is the line under the page's heading.
            starts = [Start(decision_title, "", self.lines[decision_title], "none")]
        if not starts and not status_title:
            raise PageImportError(f"{self.source} {self._not_an_agenda()}; nothing was imported")
        details = self._details(MeetingDetails(name, date, time), starts, markers, status_title)
        name, date, time = details.committee, details.date, details.time
        assert date is not None  # _details asks for it
        has_minutes = (
            bool(markers)
            or self.minutes_heading
            or (status_title or "").lower().find("minutes") >= 0
        )
        status = MeetingStatus.CONCLUDED if has_minutes else MeetingStatus.AGENDA_PUBLISHED
        meeting = Meeting(
            committee=Committee(name=one_line(name), prefix=""),
            date=date,
            start_time=time,
            venue=one_line(venue),
            contact=one_line(contact),
            status=status,
        )
        closed_at = self._closing_time(starts)
        if closed_at is not None:
            meeting.ended_at = dt.datetime.combine(date, closed_at)
            if time is not None and closed_at < time:  # past midnight
                meeting.ended_at += dt.timedelta(days=1)
        first = starts[0].line if starts else len(self.lines)
        for i in range(first):
            if not self.used[i] and self.lines[i]:
                self.unplaced.append(self.lines[i])
        headings = self._part_headings(starts)
        # Below "The meeting closed at …" are signatures and footers, not the last item.
        ends = [s.line for s in starts[1:]] + [self.closing_line] if starts else []
        for start, end in zip(starts, ends, strict=True):
            meeting.items.append(self._item(start, end))
            below = [restricted for line, restricted in headings if line < start.line]
            if below and below[-1] and not meeting.items[-1].restricted:
                restrict(meeting.items[-1], self.published)
                self.placed.append(
                    f"Item {start.number or meeting.items[-1].title} is under a 'not for "
                    "publication' heading: flagged restricted"
                )
        for i in range(self.closing_line + 1, len(self.lines)):
            if not self.used[i] and self.lines[i]:
                self.unplaced.append(self.lines[i])
        self._flag_after_exclusion(meeting)
        kept_back = [
            i.number or i.title
            for i in meeting.items
            if i.restricted and (i.minutes or i.outcomes) and not i.public_summary
        ]
        if kept_back and not self.published and not self.confidential:
            self.placed.append(
                "Minutes typed in a document may be the confidential copy: the text of "
                f"restricted item(s) {', '.join(kept_back)} is kept as minutes only; write "
                "each one's public summary before publishing"
            )
        if self.confidential and not any(i.restricted for i in meeting.items):
            self.placed.append(
                "The page is marked confidential but no item on it reads as restricted: "
                "flag the restricted items yourself before anything is published"
            )
        seen_numbers: set[str] = set()
        for item in meeting.items:
            if item.number in seen_numbers:
                self.placed.append(
                    f"Item number {item.number} appears twice on the page; the second "
                    f"({item.title or 'no title'}) is kept without a number"
                )
                item.number = ""
            elif item.number:
                seen_numbers.add(item.number)
        meeting.attendance = self.attendance
        if has_minutes:  # "Members:" in minutes lists who was there
            meeting.attendance.extend(self.membership)
        else:  # on an agenda it is the committee's membership
            meeting.committee.members = [
                Member(a.name, a.organisation, a.role) for a in self.membership
            ]
        self._apologies_from_items(meeting)
        self._movements_from_items(meeting)
        meeting.declarations = self._declarations(meeting)
        self._finish_committee(meeting, starts)
        if self.unplaced:
            meeting.unplaced_text = UNPLACED_HEADING + "\n\n" + "\n".join(self.unplaced)
        self.placed = summary(meeting, status_title, self.source, self.clutter) + self.placed
        # Handed over as the store would give it back: every text field clean.
        return PageImport(clean_record(meeting), self.placed, self.unplaced, self.source)
