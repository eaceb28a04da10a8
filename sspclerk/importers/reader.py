"""One entry for "import this file": a meeting JSON file or a published page.

The command line and the window both import through here, so the two cannot
disagree about which reader a file goes to, what a page that does not say its
committee or date asks for, which stored committee an imported meeting belongs
to, or when a meeting is a duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sspclerk.core.model import Committee, Meeting

if TYPE_CHECKING:  # the page reader is imported when a page is read, not before
    from .page import MeetingDetails, PageNeedsDetails

__all__ = [
    "IMPORT_SUFFIXES",
    "ImportNeedsDetails",
    "ImportRefused",
    "ReadMeeting",
    "looks_like_json",
    "read_meeting_or_page",
    "ready_to_store",
]

#: What the window's File → Import… offers and what it takes when dropped.
IMPORT_SUFFIXES = (".json", ".txt", ".html", ".htm", ".mhtml", ".mht")


class ImportRefused(ValueError):
    """The file cannot be imported; one line naming the file.  Nothing was stored."""


class ImportNeedsDetails(ImportRefused):
    """A page with items that does not say its committee or date: ask, then read again.

    ``needs.missing`` names what to ask for; ``needs.found`` is what the page did
    say (to pre-fill the question); ``needs.meetings`` the meetings an
    issue-history page lists, one of which is chosen by its date.
    """

    def __init__(self, needs: PageNeedsDetails) -> None:
        super().__init__(str(needs))
        self.needs = needs


@dataclass
class ReadMeeting:
    """A meeting read from a file (not yet stored) and the lines saying what went where."""

    meeting: Meeting
    report: list[str] = field(default_factory=list)


class _KnowsMeetings(Protocol):
    def find_meeting(self, prefix: str, date: object) -> int | None: ...

    def committees(self) -> Sequence[Committee]: ...


def looks_like_json(path: Path) -> bool:
    """A .json name, or text that starts with '{' (a JSON file saved as .txt)."""
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    return head.startswith(b"{")


def read_meeting_or_page(path: Path | str, given: MeetingDetails | None = None) -> ReadMeeting:
    """Read a meeting JSON file or an agenda page; ImportRefused says why not.

    ``given`` is what the clerk says about a page's meeting (committee, date,
    time): it fills what the page leaves out.  A page that needs it and has not
    had it raises ImportNeedsDetails.
    """
    from .meeting_json import MeetingFileError, read_meeting_file

    path = Path(path)
    if not path.is_file():
        raise ImportRefused(f"{path} is not a file")
    if looks_like_json(path):
        if given is not None and (given.committee or given.date or given.time):
            raise ImportRefused(
                f"{path} is a meeting file, which says its own committee, date and time; "
                "nothing imported"
            )
        try:
            return ReadMeeting(read_meeting_file(path))
        except MeetingFileError as exc:
            raise ImportRefused(str(exc)) from None
    from .page import PageImportError, PageNeedsDetails, format_report, import_page_file

    try:
        result = import_page_file(path, given)
    except PageNeedsDetails as exc:
        raise ImportNeedsDetails(exc) from None
    except PageImportError as exc:
        raise ImportRefused(str(exc)) from None
    return ReadMeeting(result.meeting, format_report(result))


def stored_committee(store: _KnowsMeetings, name: str) -> Committee | None:
    """The store's committee a name means: its name, or its prefix ("SSP"), any case."""
    key = " ".join(name.split()).casefold()
    if not key:
        return None
    committees = list(store.committees())
    for committee in committees:
        if " ".join(committee.name.split()).casefold() == key:
            return committee
    for committee in committees:
        if committee.prefix.casefold() == key:
            return committee
    return None


def ready_to_store(store: _KnowsMeetings, read: ReadMeeting) -> None:
    """Join an imported meeting to the store's committee of that name (or prefix), so a
    page read as "PC" items of the stored "Planning Committee" lands with its meetings;
    then refuse a second meeting of one committee on one date."""
    meeting = read.meeting
    known = stored_committee(store, meeting.committee.name)
    if known is not None and (known.name, known.prefix) != (
        meeting.committee.name,
        meeting.committee.prefix,
    ):
        meeting.committee.name, meeting.committee.prefix = known.name, known.prefix
        read.report.append(
            f"Committee: the store's {known.name} ({known.prefix}), which the page's name matches"
        )
    existing = store.find_meeting(meeting.committee.prefix, meeting.date)
    if existing is not None:
        raise ImportRefused(
            f"the store already has a {meeting.committee.name} meeting on "
            f"{meeting.date.isoformat()} (id {existing}); nothing imported"
        )
