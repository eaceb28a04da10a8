"""The header step: title line, committee, date and time, venue, contact, confidential mark.

The patterns of the lines themselves are in ``header_lines``; this step finds
them near the top of the page and marks them read.
"""

from __future__ import annotations

import datetime as dt
import re

from . import header_lines as hdr
from . import lines as pt
from . import when
from .numbers import find_candidate
from .state import PageLines

#: "in the Pavilion, Quenby Recreation Ground": where the meeting was, on a line of its own.
_VENUE_LINE = re.compile(r"^(?:in|at)\s+(?P<venue>(?:the\s+)?[A-Z].{2,120}?)\.?$", re.I)
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

    def _item_page(self, top_end: int) -> int | None:
        """ "Decision details" heading a page about one decision: the line of its title."""
        for i, line in self._top_text(top_end, 3):
            m = pt.ITEM_PAGE.match(line)
            if m:
                self.used[i] = True
                self.clutter += 1
                below = self._next_text(i + 1, len(self.lines))
                return below if m.group("kind").lower().startswith("decision") else None
        return None

    def _title_line(self, top_end: int) -> str | None:
        """ "Agenda and minutes" near the top, before any item (an item may be titled "Minutes")."""
        for i, line in self._top_text(top_end, 12):
            if pt.TITLE.match(line):
                self.used[i] = True
                return line
            if find_candidate(line) is not None:
                return None
        return None

    def _committee_line(self, limit: int) -> tuple[str, dt.date | None, dt.time | None]:
        """The committee, date and time the top of the page (above ``limit``) gives."""
        found = self._heading(limit)
        if found is None:
            return "", None, None
        read, taken = found
        if not read.sentence:  # a summons stays for the unplaced note, word for word
            for i in taken:
                self.used[i] = True
                if hdr.BILINGUAL_LABEL.match(self.lines[i]):
                    self.unplaced.append(self.lines[i])  # "Dyddiad / Date: Dydd Mercher, …"
            heading = " ".join(self.lines[i] for i in taken)
            if hdr.MEETING_KIND.search(heading) or read.kind.lower() not in ("", "meeting"):
                # "the ANNUAL MEETING of …", "the Full Council Meeting": kept for the clerk
                self.unplaced.append(heading)
        self.venue_in_heading, self.minutes_heading = read.venue, read.minutes
        time = when.parse_time(read.after)
        if time is None and re.search(r"\d", read.after):
            # "… 2025 10.30" (no am/pm): not guessed
            self.unplaced.append(f"Time not read from: {' '.join(self.lines[i] for i in taken)}")
        name = hdr.name_in_capitals(read.name)
        first = taken[0]
        if name:
            for j in range(first):
                if self.lines[j].casefold() == read.name.casefold() and not self.used[j]:
                    self.used[j] = True  # "THORNWICK PARISH COUNCIL" above its minutes heading
        elif read.minutes or read.sentence or hdr.HEADING_START.match(self.lines[first]):
            # "Minutes of the Ordinary Meeting held on …": the body is the title block's
            name = self._title_block(first)
        else:
            name = self._name_above(first)
        if time is None:
            time = self._time_label(limit)
        return name, read.date, time

    def _heading(self, limit: int) -> tuple[hdr.HeadingLine, list[int]] | None:
        """The line (or lines) naming the meeting, and which they are.

        A committee line with its name, the heading of typed minutes (over several
        lines when pasted from a PDF) or a summons wins over a date with no name
        beside it ("Date: …", a date alone under the name), which is taken only
        when nothing better is there.
        """
        weak: tuple[hdr.HeadingLine, list[int]] | None = None
        for i, line in self._top_text(limit, 40):
            if find_candidate(line) is not None and len(line) < 20:
                continue
            read = hdr.committee_line(line)
            if read is not None and (hdr.names_a_body(read.name) or read.minutes):
                return read, [i]
            if read is None and hdr.HEADING_START.match(line):
                joined = self._joined_heading(i, limit)
                if joined is not None:
                    return joined
            called = self._summons(i, limit)
            if called is not None:
                return called, [i]
            if weak is not None:
                continue
            if read is not None:
                weak = read, [i]
                continue
            label = hdr.DATE_LABEL.match(line)
            if label and not (label.group("value") or "").strip():
                j = self._next_text(i + 1, limit)  # "Meeting date" with the date below it
                below = None if j is None else hdr.committee_line(self.lines[j])
                if below is not None and not below.name:
                    weak = below, [i, j]  # type: ignore[list-item]
        return weak

    def _summons(self, i: int, limit: int) -> hdr.HeadingLine | None:
        """A summons, also one whose date is on the next line (pasted from a PDF)."""
        called = hdr.summons(self.lines[i])
        j = i + 1
        if (
            called is None
            and hdr.SUMMONS_START.search(self.lines[i])
            and j < limit
            and self.lines[j]
            and not self.used[j]
        ):
            called = hdr.summons(f"{self.lines[i]} {self.lines[j]}")
        return called

    def _joined_heading(self, i: int, limit: int) -> tuple[hdr.HeadingLine, list[int]] | None:
        """A minutes heading whose date is on one of the next three lines, as a PDF
        paste prints "MINUTES OF THE PARISH COUNCIL MEETING" / "HELD ON TUESDAY …"."""
        taken = [i]
        text = self.lines[i]
        for j in range(i + 1, min(i + 4, limit, len(self.lines))):
            line = self.lines[j]
            if not line or self.used[j] or self._structural(line) or pt.VENUE.match(line):
                return None
            taken.append(j)
            text = f"{text} {line}"
            read = hdr.committee_line(text)
            if read is not None:
                # "… AT 7.30PM" / "IN THE PAVILION, …": the venue may follow on a line of its own
                k = j + 1
                if k < limit and not read.venue and _VENUE_LINE.match(self.lines[k]):
                    taken.append(k)
                    read = read._replace(venue=_VENUE_LINE.match(self.lines[k]).group("venue"))  # type: ignore[union-attr]
                return read, taken
        return None

    def _name_above(self, i: int) -> str:
        """The name on the line above a date ("Licensing Committee" / "Date: 4 March 2025")."""
        for j in range(i - 1, -1, -1):
            line = self.lines[j]
            if not line or self.used[j]:
                continue
            if len(line) > 120 or line.endswith(".") or not hdr.name_like(line):
                return ""
            self.used[j] = True
            label = hdr.COMMITTEE_LABEL.match(line)  # "Committee: Planning Committee"
            name = label.group("value") if label else hdr.strip_heading(line)
            return hdr.name_in_capitals(name.strip())
        return ""

    def _title_block(self, i: int) -> str:
        """The body's name in the block above a heading that does not name it
        ("CRANFORD ST PETER PARISH COUNCIL" / "Draft" / "Minutes of the Ordinary Meeting …")."""
        seen = 0
        for j in range(i - 1, -1, -1):
            line = self.lines[j]
            if not line or self.used[j]:
                continue
            seen += 1
            if seen > 6:
                break
            if hdr.names_a_body(line):
                self.used[j] = True
                return hdr.name_in_capitals(line)
        return ""

    def _time_label(self, top_end: int) -> dt.time | None:
        for i in range(min(top_end, len(self.lines))):
            m = hdr.TIME_LABEL.match(self.lines[i])
            if m and not self.used[i]:
                time = when.parse_time(m.group("value"))
                rest = when.TIME.sub("", m.group("value"))
                if time is not None and not re.search(r"[^\W\d_]{3,}", rest):
                    self.used[i] = True  # only a time on the line: nothing else to keep
                    if hdr.BILINGUAL_LABEL.match(self.lines[i]):
                        self.unplaced.append(self.lines[i])  # "Amser / Time: 10.00 am"
                    return time
        return None

    def _meeting_elsewhere(self, limit: int) -> tuple[str, dt.date | None]:
        """The committee and date from labels further down the page, when the top of
        the page does not say them: a single decision's "Decision Maker:" and "Date
        of decision:", a "Committee:" label."""
        name, date = "", None
        for i, line in enumerate(self.lines):
            if self.used[i] or not line:
                continue
            label = hdr.COMMITTEE_LABEL.match(line)
            if label and not name and (i < limit or line.lower().startswith("decision")):
                name = hdr.name_in_capitals(label.group("value").strip())
                self.used[i] = True
                continue
            decided = hdr.DECISION_DATE.match(line)
            d = hdr.DATE.search(decided.group("value")) if decided else None
            if d and date is None and hdr.parse_date(d):
                date = hdr.parse_date(d)
                self.used[i] = True
        return name, date

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
