"""Page-import commands: `import` (a meeting file or a page) and `read-page`.

`sspclerk import PAGE` stores what it reads and prints the report; `sspclerk
read-page PAGE` prints the same report, or the meeting as JSON, and stores
nothing — so a clerk can see what an old page will give before importing.  A page
that does not say its committee or date is read once the clerk gives them with
``--committee NAME --date YYYY-MM-DD [--time HH:MM]``; without them the command
says in one line which to give and imports nothing.

The readers are imported when a command runs, so registering these options
costs the other commands nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sspclerk.core.dates import parse_date, parse_time

from .common import READS, CliError, Context

if TYPE_CHECKING:
    from sspclerk.importers.page import MeetingDetails
    from sspclerk.importers.reader import ImportNeedsDetails

__all__ = ["add_meeting_details", "register", "run_import", "run_read_page"]

_FLAGS = {"committee": "--committee NAME", "date": "--date YYYY-MM-DD"}


def add_meeting_details(p: Any) -> None:
    """--committee, --date, --time: what a page does not say, the clerk gives."""
    p.add_argument(
        "--committee",
        help="a page's committee when it does not say (a stored committee's name or prefix)",
    )
    p.add_argument("--date", help="a page's meeting date (YYYY-MM-DD) when it does not say")
    p.add_argument("--time", help="the meeting's start time (HH:MM) when the page does not say")


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "read-page",
        parents=[common],
        help="read a published agenda/minutes page (.txt or .html) and report; stores nothing",
    )
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print the meeting as JSON")
    add_meeting_details(p)
    p.set_defaults(run=run_read_page, store_use=READS)


def _given(args: Any) -> MeetingDetails | None:
    from sspclerk.importers.page import MeetingDetails

    committee = (getattr(args, "committee", None) or "").strip()
    date = time = None
    try:
        if getattr(args, "date", None):
            date = parse_date(args.date)
    except ValueError as exc:
        raise CliError(f"--date: {exc}") from None
    try:
        if getattr(args, "time", None):
            time = parse_time(args.time)
    except ValueError as exc:
        raise CliError(f"--time: {exc}") from None
    if not (committee or date or time):
        return None
    return MeetingDetails(committee, date, time)


def asking(exc: ImportNeedsDetails) -> str:
    """The one line saying which options to give ("… give --committee NAME --date …")."""
    needs = exc.needs
    flags = " ".join(_FLAGS[what] for what in needs.missing)
    if needs.found.time is None and "date" in needs.missing and not needs.meetings:
        flags += " (and --time HH:MM if you know it)"
    return f"{needs.source} {needs.reason}: give {flags}; nothing was imported"


def _read(args: Any) -> Any:
    from sspclerk.importers.reader import ImportNeedsDetails, ImportRefused, read_meeting_or_page

    try:
        return read_meeting_or_page(args.file, _given(args))
    except ImportNeedsDetails as exc:
        raise CliError(asking(exc)) from None
    except ImportRefused as exc:
        raise CliError(str(exc)) from None


def run_import(args: Any, ctx: Context) -> int:
    from sspclerk.importers.reader import ImportRefused, ready_to_store

    read = _read(args)
    try:
        ready_to_store(ctx.store, read)
    except ImportRefused as exc:
        raise CliError(str(exc)) from None
    meeting_id = ctx.store.add_meeting(read.meeting, refuse_duplicate=True)
    for line in read.report:
        print(line, file=sys.stderr)
    print(meeting_id)
    return 0


def run_read_page(args: Any, ctx: Context) -> int:
    from sspclerk.export.meeting_json import dumps
    from sspclerk.importers.reader import looks_like_json

    path: Path = args.file
    if not path.is_file():
        raise CliError(f"{path} is not a file")
    if looks_like_json(path):
        raise CliError(f"{path} is a meeting file, not a published page; use `sspclerk import`")
    read = _read(args)
    if args.json:
        sys.stdout.write(dumps(read.meeting))
        for line in read.report:
            print(line, file=sys.stderr)
    else:
        print("\n".join(read.report))
    return 0
