"""One entry for "import this file": a meeting JSON file or a published page.

The command line and the window both import through here, so the two cannot
disagree about which reader a file goes to or when a meeting is a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sspclerk.core.model import Meeting

#: What the window's File → Import… offers and what it takes when dropped.
IMPORT_SUFFIXES = (".json", ".txt", ".html", ".htm", ".mhtml", ".mht")


class ImportRefused(ValueError):
    """The file cannot be imported; one line naming the file.  Nothing was stored."""


@dataclass
class ReadMeeting:
    """A meeting read from a file (not yet stored) and the lines saying what went where."""

    meeting: Meeting
    report: list[str] = field(default_factory=list)


class _FindsMeetings(Protocol):
    def find_meeting(self, prefix: str, date: object) -> int | None: ...


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


def read_meeting_or_page(path: Path | str) -> ReadMeeting:
    """Read a meeting JSON file or an agenda page; ImportRefused says why not."""
    from .meeting_json import MeetingFileError, read_meeting_file

    path = Path(path)
    if not path.is_file():
        raise ImportRefused(f"{path} is not a file")
    if looks_like_json(path):
        try:
            return ReadMeeting(read_meeting_file(path))
        except MeetingFileError as exc:
            raise ImportRefused(str(exc)) from None
    from .page import PageImportError, format_report, import_page_file

    try:
        result = import_page_file(path)
    except PageImportError as exc:
        raise ImportRefused(str(exc)) from None
    return ReadMeeting(result.meeting, format_report(result))


def refuse_duplicate(store: _FindsMeetings, meeting: Meeting) -> None:
    """The store keeps one meeting per committee and date: a second import is refused."""
    existing = store.find_meeting(meeting.committee.prefix, meeting.date)
    if existing is not None:
        raise ImportRefused(
            f"the store already has a {meeting.committee.name} meeting on "
            f"{meeting.date.isoformat()} (id {existing}); nothing imported"
        )
