"""The header step: title line, committee, date and time, venue, contact, confidential mark.

The patterns of the lines themselves are in ``header_lines``; this step finds
them near the top of the page and marks them read.
"""

from __future__ import annotations

import datetime as dt
import re

from . import header_lines as hdr
from . import lines as pt
from .numbers import find_candidate
from .state import PageLines

_NAME_LABEL = re.compile(r"^(?:committee|meeting|body|decision\s+maker)\s*:\s*(?=\S)", re.I)
#: How far down the top of a page a confidentiality mark is looked for (lines of text).
_MARK_LINES = 12


class HeaderSteps(PageLines):
    """Reads the header of the page (mixed into the reader)."""

    def _drop_clutter(self) -> None:
        for i, line in enumerate(self.lines):
            if line and pt.is_clutter(line):
                self.used[i] = True
                self.clutter += 1

    def _confidential_mark(self, top_end: int) -> None:
        """ "CONFIDENTIAL – NOT FOR PUBLICATION" on a line of its own near the top, and the
        Schedule 12A sentence under it: the page is the confidential minutes, not a
        published page.  (Further down, "Confidential" alone may be an item's title.)"""
        marks: set[str] = set()
        for i, line in self._top_text(top_end, _MARK_LINES):
            if not pt.CONFIDENTIAL_PAGE.match(line):
                continue
            self.used[i] = True
            if not marks:
                self.placed.append(
                    f"Marked confidential ({line}): restricted items keep their text as "
                    "minutes only; write each one's public summary before publishing"
                )
            marks.add(line)
            nxt = self._next_text(i, len(self.lines))
            if nxt is not None and pt.EXEMPT_NOTE.match(self.lines[nxt]):
                self.used[nxt] = True
        self.confidential = bool(marks)
        # The same mark at the top of every printed page, in text pasted from a PDF.
        for i, line in enumerate(self.lines):
            if line in marks and not self.used[i]:
                self.used[i] = True
                self.clutter += 1

    def _title_line(self, top_end: int) -> str | None:
        """ "Agenda and minutes" near the top, before any item (an item may be titled "Minutes")."""
        for i, line in self._top_text(top_end, 12):
            if pt.TITLE.match(line):
                self.used[i] = True
                return line
            if find_candidate(line) is not None:
                return None
        return None

    def _committee_line(self, top_end: int) -> tuple[str, dt.date | None, dt.time | None]:
        for i, line in self._top_text(top_end, 40):
            if find_candidate(line) is not None and len(line) < 20:
                continue
            read = hdr.committee_line(line)
            if read is None:
                continue
            name, date, after, self.venue_in_heading, self.minutes_heading = read
            time = hdr.parse_time(after)
            self.used[i] = True
            if time is None and re.search(r"\d", after):
                self.unplaced.append(f"Time not read from: {line}")  # "… 2025 10.30" (no am/pm)
            for j in range(i):
                if self.lines[j].casefold() == name.casefold():
                    self.used[j] = True  # "THORNWICK PARISH COUNCIL" above its minutes heading
            if not name:
                name = self._name_above(i)
            if time is None:
                time = self._time_label(top_end)
            return name, date, time
        return "", None, None

    def _name_above(self, i: int) -> str:
        for j in range(i - 1, -1, -1):
            if self.lines[j] and not self.used[j]:
                if len(self.lines[j]) <= 120 and not self.lines[j].endswith("."):
                    self.used[j] = True
                    # "Committee: Planning Committee" in a table of meeting details
                    return _NAME_LABEL.sub("", self.lines[j])
                return ""
        return ""

    def _time_label(self, top_end: int) -> dt.time | None:
        for i in range(min(top_end, len(self.lines))):
            m = hdr.TIME_LABEL.match(self.lines[i])
            if m and not self.used[i]:
                time = hdr.parse_time(m.group("value"))
                rest = hdr.TIME.sub("", m.group("value"))
                if time is not None and not re.search(r"[^\W\d_]{3,}", rest):
                    self.used[i] = True  # only a time on the line: nothing else to keep
                    return time
        return None

    def _labelled(self, pattern: re.Pattern[str], top_end: int) -> str:
        for i in range(min(top_end, len(self.lines))):
            if self.used[i]:
                continue
            m = pattern.match(self.lines[i])
            if not m:
                continue
            self.used[i] = True
            value = m.group("value").strip()
            if not value:
                j = self._next_text(i + 1, top_end)
                if (
                    j is not None
                    and not pt.VENUE.match(self.lines[j])
                    and not pt.CONTACT.match(self.lines[j])
                    and not self._structural(self.lines[j])
                    and not pt.is_clutter(self.lines[j])
                ):
                    self.used[j] = True
                    value = self.lines[j]
            return value
        return ""
