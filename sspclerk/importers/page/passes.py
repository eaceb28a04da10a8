"""The passes over the whole meeting once its items are read.

What needs every item at once: the closing time after the last item, Part B
headings and the resolution to exclude the public (which restrict the items
after them), apologies and comings and goings minuted in the items,
declarations naming an item, and the committee's prefix and outcome word.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from sspclerk.core import page_wording as wording
from sspclerk.core.dates import council_time
from sspclerk.core.model import AgendaItem, Declaration, Meeting

from . import header_lines as hdr
from . import item_parts as items
from . import lines as pt
from . import people, when
from .item import restrict
from .numbers import find_candidate
from .starts import Start
from .state import PageLines


def _minuted_sentences(item: AgendaItem) -> Iterator[str]:
    """Each sentence of an item's minutes, paragraph by paragraph and list entry by entry."""
    for entry in pt.entries_of(item.minutes):
        yield from people.split_sentences(entry.text)


class MeetingPasses(PageLines):
    """Reads what spans the items (mixed into the reader)."""

    def _closing_time(self, starts: list) -> dt.time | None:
        """The time of a "The meeting closed at 8.52 pm." line after the last item start.

        The line becomes the meeting's closing time, which the exported minutes print
        at their end, so it is not also kept as the last item's text.
        """
        if not starts:
            return None
        for i in range(len(self.lines) - 1, starts[-1].line, -1):
            m = pt.CLOSING.match(self.lines[i]) if not self.used[i] else None
            if m and when.TIME.fullmatch(m.group("time").strip()):
                closed_at = when.parse_time(m.group("time"))
                if closed_at is not None:
                    self.used[i] = True
                    self.closing_line = i
                    self.placed.append(f"Closing time {council_time(closed_at)}: {self.lines[i]}")
                    return closed_at
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

    def _flag_after_exclusion(self, meeting: Meeting) -> None:
        """Items after "… the public be excluded for the following item(s)" are restricted."""
        for k, item in enumerate(meeting.items):
            said = [item.title, item.agenda_text, item.minutes, *(o.text for o in item.outcomes)]
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
                else wording.exempt_paragraph(resolution)
            )
            for later in meeting.items[k + 1 : k + 2] if one else meeting.items[k + 1 :]:
                if later.exempt_paragraph is None and paragraph is not None:
                    later.exempt_paragraph = paragraph
                if not later.restricted:
                    restrict(later, self.published)
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

    def _finish_committee(self, meeting: Meeting, starts: list[Start]) -> None:
        committee = meeting.committee
        prefix = ""
        for s in starts:
            if s.family in ("slash", "letter") or s.family.startswith("prefixed"):
                prefix = re.match(r"[A-Za-z&]*", s.number).group(0)  # type: ignore[union-attr]
                break
        committee.prefix = prefix or hdr.initials(committee.name)
        resolved = agreed = 0
        for item in meeting.items:
            for outcome in item.outcomes:
                head = outcome.text[:60].lower()
                resolved += "resolved" in head
                agreed += "agreed" in head
        committee.outcome_word = "RESOLVED" if resolved > agreed else "AGREED"
