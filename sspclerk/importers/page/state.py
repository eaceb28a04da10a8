"""The page as lines, shared by every step of the reader.

Each step (header, attendance, item starts, items, the passes over the whole
meeting) reads lines and marks the ones it has taken as ``used``, so no line is
read twice and whatever no step took is left for the unplaced note.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sspclerk.core.model import Attendance

from . import lines as pt
from . import people
from .item_parts import PART_HEADING
from .numbers import find_candidate
from .result import MeetingDetails

if TYPE_CHECKING:
    from .numbers import NumberCandidate
    from .starts import Start


class PageLines:
    """The lines of one page and what the reader has found on it so far."""

    def __init__(self, text: str, source: str, given: MeetingDetails) -> None:
        self.source = source
        self.given = given
        self.text = text
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
        #: Paragraphs a blank line apart, as a browser copies a web page (text pasted
        #: from a PDF has hardly a blank line).
        text = sum(1 for line in self.lines if line)
        self.paragraphs_apart = (len(self.lines) - text) * 3 >= text
        #: What the item-start step works out once (it runs before and after the header).
        self.found_candidates: list[NumberCandidate] | None = None
        self.runs: dict[tuple[int, ...], list[Start]] = {}

    @property
    def published(self) -> bool:
        """Whether what the page prints under a restricted item was made public.

        A committee website's page was; a page marked confidential was not, and nor
        is minutes typed in a document ("Minutes of the meeting of X held on …"): that
        is as likely the clerk's own confidential copy, whose Part B text must not
        become a public summary.  When in doubt the summary is left for the clerk.
        """
        return not (self.confidential or self.minutes_heading)

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

    def _next_text(self, i: int, end: int) -> int | None:
        for j in range(i, min(end, len(self.lines))):
            if self.used[j]:
                continue
            if self.lines[j]:
                return j
        return None

    def _structural(self, line: str) -> bool:
        """A line that starts something: a marker, a list label, a title, a paper, a number."""
        return bool(_starts_something(line) or pt.DOCUMENT.match(line))

    def _structural_text(self, line: str) -> bool:
        """A line that is structure, not text (a paper's line aside, which may end a title)."""
        return bool(
            _starts_something(line)
            or pt.URGENT.match(line)
            or pt.ACTION.match(line)
            or pt.DECISION_DETAIL.match(line)
            or pt.VENUE.match(line)
            or pt.CONTACT.match(line)
            or pt.CLOSING.match(line)
            or PART_HEADING.match(line)
        )


def _starts_something(line: str) -> bool:
    return bool(
        pt.marker_kind(line)
        or people.ATTENDANCE_LABEL.match(line)
        or people.DECLARATIONS_LABEL.match(line)
        or pt.TITLE.match(line)
        or find_candidate(line)
    )
