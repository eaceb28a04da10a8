"""Import a published "Agenda and minutes" page (browser text copy or saved HTML).

A clerk starting with sspclerk has years of meetings on the council website.  This
reads one such page into a Meeting: the header (title line, committee with date and
time, Venue, Contact), the items (number, title, attached documents, agenda text,
``Minutes:`` / ``Decision:`` text, AGREED / RESOLVED outcomes, restricted items),
attendance lists and declarations.  Councils lay these pages out differently, so
the reader is tolerant; what it cannot place is kept, word for word, in the
meeting's "Unplaced text" note and listed in the report — nothing is dropped
silently except known website clutter, and no item is ever made up.

Format rules are written down in docs/page-import.md; the line-level patterns
live in ``page_text`` and the people lists in ``page_people``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sspclerk.core.dates import council_time
from sspclerk.core.model import (
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Meeting,
    MeetingStatus,
    Member,
    Outcome,
)
from sspclerk.core.outcomes import infer_kind
from sspclerk.core.text import clean_text

from . import page_header as hdr
from . import page_items as items
from . import page_people as people
from . import page_text as pt
from .page_html import (
    committee_line_from_title,
    html_from_web_archive,
    html_to_text,
    looks_like_html,
)
from .page_numbers import find_candidate
from .page_report import format_report, summary
from .page_starts import Start, StartFinder
from .page_wrap import (
    drop_invisible,
    join_wrapped_lines,
    shorten_space_runs,
    split_table_cells,
)

#: A saved meeting page is well under 2 MB; anything this big is something else.
MAX_PAGE_BYTES = 20 * 1024 * 1024
__all__ = [
    "PageImport",
    "PageImportError",
    "decode_page",
    "format_report",
    "import_page_file",
    "import_page_text",
]
UNPLACED_HEADING = "Unplaced text from the page import (not placed against any item; please sort):"


class PageImportError(ValueError):
    """The file is not a committee page that can be imported; the message names it."""


@dataclass
class PageImport:
    """What an import produced: the meeting and a short report of what went where."""

    meeting: Meeting
    placed: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    source: str = ""


# ---------------------------------------------------------------- entry points


def import_page_file(path: Path) -> PageImport:
    """Read a .txt (browser copy) or .html (saved page) file; PageImportError if it is not one."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise PageImportError(
                f"{path} is {path.stat().st_size // (1024 * 1024)} MB, far larger than a committee "
                "page; nothing was imported"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise PageImportError(f"cannot read {path}: {exc.strerror or exc}") from None
    text = decode_page(raw, str(path))
    try:
        return import_page_text(text, str(path))
    except PageImportError:
        raise
    except Exception as exc:  # a reader bug must still not show the clerk a traceback
        raise PageImportError(
            f"{path}: the page could not be read ({type(exc).__name__}: {exc}); nothing was imported"
        ) from exc


def decode_page(raw: bytes, source: str) -> str:
    """The page's text; PageImportError for empty, binary or undecodable files."""
    if not raw.strip():
        raise PageImportError(f"{source} is empty; nothing was imported")
    if raw.startswith(b"%PDF"):
        raise PageImportError(
            f"{source} is a PDF, not a web page; save the meeting page from the browser as "
            "text or HTML; nothing was imported"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise PageImportError(f"{source} is not readable text; nothing was imported") from None
    text = _utf16_without_bom(raw)
    if text is None:
        if b"\x00" in raw[:65536]:
            raise PageImportError(
                f"{source} is a binary file, not a web page; nothing was imported"
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Windows-1252; its five unassigned bytes read as Latin-1 rather than refused.
            text = raw.decode("cp1252", errors="cp1252_as_latin1")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\x0b\x0c")
    if controls > max(8, len(text[:65536]) // 100):
        raise PageImportError(f"{source} is a binary file, not a web page; nothing was imported")
    return text


def _cp1252_as_latin1(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("latin-1"), error.end


codecs.register_error("cp1252_as_latin1", _cp1252_as_latin1)


def _utf16_without_bom(raw: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark: every other byte is zero."""
    sample = raw[:4096]
    if len(sample) < 8:
        return None
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= len(zeros) * 0.6:
            try:
                return raw[: len(raw) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def import_page_text(text: str, source: str = "the page") -> PageImport:
    """Read page text (or HTML markup); PageImportError if it is not an agenda page."""
    if not text or not text.strip():
        raise PageImportError(f"{source} is empty; nothing was imported")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and stripped.rstrip().endswith(("}", "]")):
        raise PageImportError(
            f"{source} looks like JSON, not a web page; a meeting JSON file must be named *.json; "
            "nothing was imported"
        )
    archived = html_from_web_archive(text)
    if archived is not None:
        text = archived
    if not looks_like_html(text):
        text = shorten_space_runs(split_table_cells(drop_invisible(clean_text(text))))
        return _PageReader(join_wrapped_lines(text), source).read()
    body = shorten_space_runs(drop_invisible(html_to_text(text)))
    try:
        return _PageReader(clean_text(body), source).read()
    except PageImportError:
        line = committee_line_from_title(text)
        if line is None:
            raise
    # The committee and date were only in the browser tab title.
    return _PageReader(clean_text(f"{line}\n\n{body}"), source).read()


# ---------------------------------------------------------------- the reader


_NAME_LABEL = re.compile(r"^(?:committee|meeting|body|decision\s+maker)\s*:\s*(?=\S)", re.I)


#: How far down the top of a page a confidentiality mark is looked for (lines of text).
_MARK_LINES = 12


def _restrict(item: AgendaItem, published: bool) -> None:
    """Flag an item restricted for where it stands on the page (under a Part B heading,
    after the resolution to exclude the public).  On a published page what it printed
    under the item was public, so it is the item's public summary, as for an item whose
    own text says it is exempt; otherwise (``_PageReader.published``) it was not."""
    item.restricted = True
    if published and not item.public_summary:
        item.public_summary = "\n\n".join(
            t for t in (item.minutes, *(o.text for o in item.outcomes)) if t
        )


def _minuted_sentences(item: AgendaItem) -> Iterator[str]:
    """Each sentence of an item's minutes, paragraph by paragraph and list entry by entry."""
    for entry in pt.entries_of(item.minutes):
        yield from people.split_sentences(entry.text)


def _one_line(text: str) -> str:
    """A heading field with the page's no-break spaces (``&nbsp;``) as plain spaces."""
    return text.replace("\u00a0", " ").strip()


class _PageReader(StartFinder):
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.raw = text.split("\n")
        self.lines = [line.strip() for line in self.raw]
        self.used = [False] * len(self.raw)
        self.placed: list[str] = []
        self.unplaced: list[str] = []
        self.clutter = 0
        self.attendance: list[Attendance] = []
        self.membership: list[Attendance] = []
        self.header_declarations: list[str] = []
        # Minutes typed in a document: "Minutes of the meeting of X held on ... in VENUE".
        self.minutes_heading = False
        self.top_end = 0  # the first "Minutes:"-style marker: the header is above it
        self.closing_line = len(self.lines)  # "The meeting closed at …", when found
        self.text_is_minutes = False
        self.venue_in_heading = ""
        #: The page is marked confidential: no restricted item's text was published.
        self.confidential = False

    # ------------------------------------------------------------ driver

    def read(self) -> PageImport:
        self._drop_clutter()
        markers = [(i, k) for i, line in enumerate(self.lines) if (k := pt.marker_kind(line))]
        top_end = min([m for m, _ in markers] + [len(self.lines)])
        self._confidential_mark(top_end)
        status_title = self._title_line(top_end)
        name, date, time = self._committee_line(top_end)
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
        if not date or not name:
            found = "items" if starts else "no items"
            raise PageImportError(
                f"{self.source} is not a committee agenda or minutes page ({found}, and no line "
                "naming the committee with its date such as 'Planning Committee - Tuesday 4th "
                "March 2025 6.30 pm'); nothing was imported"
            )
        if not starts and not status_title:
            raise PageImportError(
                f"{self.source} is not a committee agenda or minutes page (no 'Agenda and "
                "minutes' title line and no numbered items); nothing was imported"
            )
        has_minutes = (
            bool(markers)
            or self.minutes_heading
            or (status_title or "").lower().find("minutes") >= 0
        )
        status = MeetingStatus.CONCLUDED if has_minutes else MeetingStatus.AGENDA_PUBLISHED
        meeting = Meeting(
            committee=Committee(name=_one_line(name), prefix=""),
            date=date,
            start_time=time,
            venue=_one_line(venue),
            contact=_one_line(contact),
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
                _restrict(meeting.items[-1], self.published)
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
        return PageImport(meeting, self.placed, self.unplaced, self.source)

    def _closing_time(self, starts: list) -> dt.time | None:
        """The time of a "The meeting closed at 8.52 pm." line after the last item start.

        The line becomes the meeting's closing time, which the exported minutes print
        at their end, so it is not also kept as the last item's text.
        """
        if not starts:
            return None
        for i in range(len(self.lines) - 1, starts[-1].line, -1):
            m = pt.CLOSING.match(self.lines[i]) if not self.used[i] else None
            if m and hdr.TIME.fullmatch(m.group("time").strip()):
                closed_at = hdr.parse_time(m.group("time"))
                if closed_at is not None:
                    self.used[i] = True
                    self.closing_line = i
                    self.placed.append(f"Closing time {council_time(closed_at)}: {self.lines[i]}")
                    return closed_at
        return None

    # ------------------------------------------------------------ header

    def _drop_clutter(self) -> None:
        for i, line in enumerate(self.lines):
            if line and pt.is_clutter(line):
                self.used[i] = True
                self.clutter += 1

    @property
    def published(self) -> bool:
        """Whether what the page prints under a restricted item was made public.

        A committee website's page was; a page marked confidential was not, and nor
        is minutes typed in a document ("Minutes of the meeting of X held on …"): that
        is as likely the clerk's own confidential copy, whose Part B text must not
        become a public summary.  When in doubt the summary is left for the clerk.
        """
        return not (self.confidential or self.minutes_heading)

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

    def _top_text(self, top_end: int, limit: int) -> Iterator[tuple[int, str]]:
        """The first ``limit`` lines of text above ``top_end`` not yet read as something."""
        seen = 0
        for i in range(min(top_end, len(self.lines))):
            line = self.lines[i]
            if self.used[i] or not line:
                continue
            seen += 1
            if seen > limit:
                return
            yield i, line

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

    def _next_text(self, i: int, end: int) -> int | None:
        for j in range(i, min(end, len(self.lines))):
            if self.used[j]:
                continue
            if self.lines[j]:
                return j
        return None

    def _part_headings(self, starts: list[Start]) -> list[tuple[int, bool]]:
        """Part A / Part B headings: (line, whether the items below are exempt).

        "NOT FOR PUBLICATION" right under an item's title, with that item's text after
        it, is the item's own mark (the confidential minutes print it so), left for the
        item to read as its reason; before the next item it heads the items below.
        """
        start_lines = {s.line for s in starts}
        marks_of_items = set()
        for s in starts:
            title = s.line if s.title else self._next_text(s.line + 1, len(self.lines))
            below = None if title is None else self._next_text(title + 1, len(self.lines))
            after = None if below is None else self._next_text(below + 1, len(self.lines))
            if below is not None and after is not None and after not in start_lines:
                marks_of_items.add(below)
        out = []
        for i, line in enumerate(self.lines):
            if self.used[i] or not line or "schedule" in line.lower() or i in marks_of_items:
                continue
            m = items.PART_HEADING.match(line)
            above = next((self.lines[k] for k in range(i - 1, -1, -1) if self.lines[k]), "")
            after_number = (c := find_candidate(above)) is not None and c.alone
            if m and not after_number:  # right under a number it is that item's title
                self.used[i] = True
                out.append((i, items.restricts(m)))
        return out

    # ------------------------------------------------------------ attendance blocks

    def _structural(self, line: str) -> bool:
        return bool(
            pt.marker_kind(line)
            or people.ATTENDANCE_LABEL.match(line)
            or people.DECLARATIONS_LABEL.match(line)
            or pt.TITLE.match(line)
            or pt.DOCUMENT.match(line)
            or find_candidate(line)
        )

    def _people_blocks(self) -> None:
        for i, line in enumerate(self.lines):
            if self.used[i]:
                continue
            columns = people.attendance_columns(line) if line else None
            # Without an attendance column, only a table above the first item is who came
            # (a "Name | Role" table in an item's minutes is that item's text).
            if columns is not None and ("status" in columns or i < self.top_end):
                self._attendance_table(i, columns)
                continue
            m = people.ATTENDANCE_LABEL.match(line)
            d = None if m else people.DECLARATIONS_LABEL.match(line)
            if not m and not d:
                continue
            self.used[i] = True
            rest = people.rest_of(m) if m else d.group("rest").strip()  # type: ignore[union-attr]
            parts = [rest] if rest else []
            taken = [i]
            j = i + 1
            while j < len(self.lines):
                nxt = self.lines[j]
                if self.used[j] or not nxt:
                    j += 1
                    continue
                if self._structural(nxt):
                    break
                if m and not all(
                    len(e.split()) > 1 and people.read_person(e, "present")
                    for e in people.split_names(nxt)
                ):
                    break  # a one-word line ("Welcome") is a heading, not a person
                if d and not (people.read_declaration(nxt) or people.no_declarations(nxt)):
                    break
                self.used[j] = True
                taken.append(j)
                parts.append(nxt)
                j += 1
            if d and not (parts and all(people.read_declaration(x) for x in parts)):
                # "Declarations of interest: none" in an item's minutes stays where it is.
                for k in taken:
                    self.used[k] = False
                continue
            if m:
                label = people.label_of(m)
                group = people.group_of(label)
                listed = ", ".join(parts)
                if label.lower() in ("councillors", "cllrs") and parts:
                    listed = f"{label} {listed}"  # "Councillors: A, B": each a councillor
                read = people.read_attendance(group, listed)
                if people.CAPACITY_LABEL.fullmatch(label):  # "Lay Member: Mrs Helen Marsh"
                    for person in read.attendance:
                        person.organisation = person.organisation or " ".join(label.split())
                if group == "membership":
                    self.membership.extend(read.attendance)
                else:
                    self.attendance.extend(read.attendance)
                self.unplaced.extend(f"{label}: {e}" for e in read.unread)
            else:
                self.header_declarations.extend(parts)

    def _attendance_table(self, head: int, columns: dict[str, int]) -> None:
        """The rows under an "Attendee | Role | Attendance" heading row, up to the first
        line that is not a row of as many cells."""
        width = len(people.table_cells(self.lines[head]))
        self.used[head] = True
        for j in range(head + 1, len(self.lines)):
            row = self.lines[j]
            if not row or self.used[j]:
                continue
            cells = people.table_cells(row)
            if len(cells) != width:
                break
            self.used[j] = True
            person = people.read_attendance_row(columns, cells)
            if person is None:
                self.unplaced.append(f"Attendance: {row}")
            else:
                self.attendance.append(person)

    # ------------------------------------------------------------ one item

    def _item(self, start: Start, end: int) -> AgendaItem:
        item = AgendaItem(number=start.number, title="")
        i = start.line + 1
        title = start.title
        if title is None:
            j = self._next_text(i, end)
            if j is not None and not pt.marker_kind(self.lines[j]):
                title = self.lines[j]
                i = j + 1
        title = title or ""
        doc = pt.DOCUMENT.match(title)
        if doc and doc.group("title"):
            title = pt.document_title(doc)
        item.title = _one_line(title)
        if doc and doc.group("title"):
            item.documents.append(items.document_from(doc, title))
        first = "minutes" if self.text_is_minutes else "agenda"
        segments: list[tuple[str, list[pt.Entry]]] = [(first, [])]
        details: list[str] = []
        for j in range(i, end):
            if self.used[j]:
                continue
            line = self.lines[j]
            if not line:
                continue
            kind = pt.marker_kind(line)
            if kind:
                segments.append((kind, []))
                rest = pt.MARKER.match(line).group("rest").strip()  # type: ignore[union-attr]
                if rest:
                    segments[-1][1].append(pt.Entry("paragraph", rest))
                continue
            d = pt.DOCUMENT.match(line)
            if d and items.MEETING_DOCUMENT.match(d.group("title")):
                # The meeting's own papers (front sheet, reports pack): no item to hold them.
                self.unplaced.append(line)
                continue
            if d:
                item.documents.append(items.document_from(d, pt.document_title(d) or title))
                continue
            u = pt.URGENT.match(line)
            if u and segments[-1][0] == "agenda":
                item.urgent_reason = u.group("value").strip()
                continue
            if pt.DECISION_DETAIL.match(line):
                details.append(line)
                continue
            a = pt.ACTION.match(line)
            if a:
                item.actions.append(items.action_from(a))
                continue
            entry = pt.read_entry(self.raw[j])
            if entry is not None:
                segments[-1][1].append(entry)
        self._fill_item(item, segments)
        if details:
            label = item.number or item.title or "without a title"
            self.unplaced.append(f"Decision details for item {label}: " + "; ".join(details))
        return item

    def _fill_item(self, item: AgendaItem, segments: list[tuple[str, list[pt.Entry]]]) -> None:
        agenda: list[pt.Entry] = []
        minutes: list[pt.Entry] = []
        reasons: list[str] = []
        outcomes: list[tuple[str, list[pt.Entry]]] = []
        restricted = bool(items.RESTRICTED_TITLE.search(item.title))
        for kind, entries in segments:
            for piece_kind, piece in items.pieces(kind, entries):
                first = piece[0]
                if first.kind == "paragraph" and pt.EXEMPT_LINE.match(first.text):
                    item.exempt_paragraph = int(pt.EXEMPT_LINE.match(first.text).group("n"))  # type: ignore[union-attr]
                    restricted = True
                    continue
                if (
                    piece_kind == "text"
                    and first.kind == "paragraph"
                    and pt.is_restriction_reason(first.text)
                ):
                    reasons.append(first.text)
                    restricted = True
                    continue
                if kind == "agenda":
                    agenda.extend(piece)
                    continue
                if piece_kind == "outcome":
                    outcomes.append((kind, piece))
                else:
                    minutes.extend(piece)
        item.agenda_text = pt.join_entries(agenda)
        item.minutes = pt.join_entries(minutes)
        keys: dict[str, set[str]] = {"minutes": set(), "decision": set()}
        stated: list[pt.Entry] = []
        for kind, piece in outcomes:
            text = "\n".join(e.render() for e in piece)
            key = pt.outcome_key(text)
            other = "decision" if kind == "minutes" else "minutes"
            if key and key in keys[other]:
                continue  # the Decision: text and the minutes record the same outcome
            keys[kind].add(key)
            stated.extend(piece)
            outcome = Outcome(text=text, kind=infer_kind(text, context=item.minutes))
            votes = items.VOTES.search(text)
            if votes:
                outcome.votes_for = int(votes.group("for"))
                outcome.votes_against = int(votes.group("against"))
                if votes.group("abstain"):
                    outcome.abstentions = int(votes.group("abstain"))
            item.outcomes.append(outcome)
        if restricted:
            item.restricted = True
            item.restriction_reason = "\n\n".join(reasons)
            # The published record in the minutes' own shape: the text, then the
            # outcomes, each once (the Decision: text may repeat the minutes').
            if self.published:
                item.public_summary = pt.join_entries(minutes + stated)
            if item.exempt_paragraph is None:
                item.exempt_paragraph = pt.exempt_paragraph(item.restriction_reason)

    def _flag_after_exclusion(self, meeting: Meeting) -> None:
        """Items after "… the public be excluded for the following item(s)" are restricted."""
        for k, item in enumerate(meeting.items):
            said = [item.agenda_text, item.minutes, *(o.text for o in item.outcomes)]
            found = next(((m, t) for t in said if (m := pt.EXCLUDE_FOLLOWING.search(t))), None)
            if found is None:
                continue
            m, resolution = found
            one = m.group("what").lower() in ("item", "report")
            # "… paragraph 3 of Part 1 of Schedule 12A": the paragraph of every item it
            # excludes for; "paragraphs 1 and 3" does not say which item is which.
            paragraph = (
                None
                if re.search(r"\bparagraphs\b", resolution, re.I)
                else pt.exempt_paragraph(resolution)
            )
            for later in meeting.items[k + 1 : k + 2] if one else meeting.items[k + 1 :]:
                if later.exempt_paragraph is None and paragraph is not None:
                    later.exempt_paragraph = paragraph
                if not later.restricted:
                    _restrict(later, self.published)
                    self.placed.append(
                        f"Item {later.number or later.title} follows the resolution to exclude "
                        f"the press and public at item {item.number or item.title}: flagged "
                        "restricted"
                    )

    def _apologies_from_items(self, meeting: Meeting) -> None:
        """Apologies minuted in the Apologies item ("Apologies were received from A and B")."""
        known = {a.name.casefold() for a in meeting.attendance}
        for item in meeting.items:
            if not items.APOLOGIES_TITLE.search(item.title):
                continue
            for sentence in _minuted_sentences(item):
                m = items.APOLOGIES_SENTENCE.match(sentence.strip())
                if not m:
                    continue
                for person in people.read_attendance("apologies", m.group("names")).attendance:
                    if person.name.casefold() not in known:
                        known.add(person.name.casefold())
                        meeting.attendance.append(person)

    def _movements_from_items(self, meeting: Meeting) -> None:
        """ "Cllr A left the meeting." in an item's minutes: A left during that item.

        The sentence stays in the minutes as written; the attendance list also says it,
        as the clerk's own "Left" button would.  Only the first arrival and the last
        departure of each person count.
        """
        for item in meeting.items:
            if not item.number:
                continue
            for sentence in _minuted_sentences(item):
                read = people.read_movement(sentence)
                if read is None:
                    continue
                movement, names = read
                for name in names:
                    person = people.find_attendee(name, meeting.attendance)
                    if person is None:
                        continue
                    if movement == "left":
                        person.left_at_item = item.number
                    elif not person.arrived_at_item:
                        person.arrived_at_item = item.number
                    else:
                        continue
                    self.placed.append(
                        f"{person.name} {movement} during item {item.number}: "
                        "recorded in the attendance"
                    )

    # ------------------------------------------------------------ declarations

    def _declarations(self, meeting: Meeting) -> list[Declaration]:
        sentences = [
            (s, True) for part in self.header_declarations for s in people.split_sentences(part)
        ]
        for item in meeting.items:
            if items.DECLARATIONS_TITLE.search(item.title):
                sentences.extend((s, False) for s in _minuted_sentences(item))
        out: list[Declaration] = []
        seen: set[tuple[str, str]] = set()
        for sentence, from_header in sentences:
            read = people.read_declaration(sentence)
            if read is None:
                if from_header and not people.no_declarations(sentence):
                    self.unplaced.append(f"Declarations of interest: {sentence}")
                continue
            declaration, ref = read
            number = items.resolve_item(ref, meeting.items)
            front = people.title_in_front(declaration.nature)
            if front is not None:
                # The title beside the number decides when the number is the agenda's
                # and the page prints minute numbers; it is not the nature of the interest.
                by_title = items.item_by_title(front[0], meeting.items)
                if by_title is not None:
                    number = by_title
                    declaration.nature = front[1]
            if number is None:
                self.unplaced.append(
                    f"Declaration not placed (no item {ref} on this page): {sentence}"
                )
                continue
            declaration.item = number
            key = (declaration.name.casefold(), number)
            # The item's sentence repeats the list's entry; two listed interests both stand.
            if from_header or key not in seen:
                seen.add(key)
                out.append(declaration)
        return out

    # ------------------------------------------------------------ committee and report

    def _finish_committee(self, meeting: Meeting, starts: list[Start]) -> None:
        committee = meeting.committee
        prefix = ""
        for s in starts:
            if s.family in ("slash", "letter"):
                prefix = re.split(r"[\s/]", s.number, maxsplit=1)[0]
                break
        committee.prefix = prefix or hdr.initials(committee.name)
        resolved = agreed = 0
        for item in meeting.items:
            for outcome in item.outcomes:
                head = outcome.text[:60].lower()
                resolved += "resolved" in head
                agreed += "agreed" in head
        committee.outcome_word = "RESOLVED" if resolved > agreed else "AGREED"
