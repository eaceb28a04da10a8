"""Item numbers that run on through the municipal year: ``SSP/12/25``.

The partnership numbers every item ``PREFIX/N/YY``: N counts items from the first
meeting of the municipal year, YY is the year that municipal year began (a January
2025 meeting is still in the 2024 year, so /24).  Numbers follow meeting dates, not
the order meetings were typed in, and once an agenda is published its numbers never
change (docs/numbering-and-approval.md).  Pure functions, no store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: PREFIX/N/YY with optional spaces around the slashes; the prefix is letters/digits.
_NUMBER = re.compile(
    r"^\s*(?P<prefix>[A-Za-z][A-Za-z0-9]*)\s*/\s*(?P<n>\d{1,4})\s*/\s*(?P<yy>\d{2})\s*$"
)


@dataclass(frozen=True)
class ItemNumber:
    """A minute number such as SSP/12/25, taken apart."""

    prefix: str
    n: int
    #: Two-digit suffix: the year the municipal year began, modulo 100.
    yy: int

    def __str__(self) -> str:
        return format_number(self.prefix, self.n, self.yy)


def municipal_year(day: dt.date, start_month: int = 5, start_day: int = 1) -> int:
    """The calendar year in which the municipal year holding ``day`` began."""
    start = _year_start(day.year, start_month, start_day)
    return day.year if day >= start else day.year - 1


def municipal_year_bounds(
    year: int, start_month: int = 5, start_day: int = 1
) -> tuple[dt.date, dt.date]:
    """First day of municipal year ``year`` and the first day of the next one."""
    return _year_start(year, start_month, start_day), _year_start(year + 1, start_month, start_day)


def _year_start(year: int, month: int, day: int) -> dt.date:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"the municipal year {year} is outside the calendar")
    try:
        return dt.date(year, month, day)
    except ValueError:
        if month == 2 and day == 29:  # a 29 February start falls on 1 March in other years
            return dt.date(year, 3, 1)
        raise ValueError(f"{month:02d}-{day:02d} is not a real month and day") from None


def suffix(day: dt.date, start_month: int = 5, start_day: int = 1) -> int:
    """The /YY part for a meeting on ``day``: 25 for July 2025, 24 for January 2025."""
    return municipal_year(day, start_month, start_day) % 100


def format_number(prefix: str, n: int, yy: int) -> str:
    return f"{prefix}/{n}/{yy:02d}"


def parse_number(text: str, prefix: str | None = None) -> ItemNumber | None:
    """``SSP/12/25`` → ItemNumber; None for anything else (``SSP/4724``, ``12.``).

    Deliberately strict: a typed number that does not parse is a finding for the
    checks, not something to guess at.  With ``prefix`` the prefix must match too.
    """
    m = _NUMBER.match(text or "")
    if not m:
        return None
    if prefix is not None and m["prefix"] != prefix:
        return None
    return ItemNumber(m["prefix"], int(m["n"]), int(m["yy"]))


def highest_number(numbers: Iterable[str], prefix: str, yy: int) -> int:
    """The highest N among ``numbers`` of this prefix and suffix; 0 when there is none."""
    best = 0
    for text in numbers:
        parsed = parse_number(text, prefix)
        if parsed is not None and parsed.yy == yy:
            best = max(best, parsed.n)
    return best


def number_items(prefix: str, yy: int, first: int, count: int) -> list[str]:
    """Numbers for ``count`` items in agenda order, starting at ``first``."""
    return [format_number(prefix, first + i, yy) for i in range(count)]


@dataclass(frozen=True)
class SeriesMeeting:
    """What numbering needs to know of one meeting in a committee's series."""

    key: int
    date: dt.date
    #: A published agenda's numbers are frozen; an unpublished one follows the order.
    frozen: bool
    item_numbers: Sequence[str]
    start_time: dt.time | None = None


def renumber_series(
    meetings: Iterable[SeriesMeeting], prefix: str, start_month: int = 5, start_day: int = 1
) -> dict[int, list[str]]:
    """New numbers for every unpublished meeting of a committee, keyed by meeting key.

    Meetings are taken in date order (then time, then key).  Within one municipal
    year each unpublished meeting continues from the highest number used by any
    meeting before it; a frozen (published) meeting keeps its numbers and pushes the
    count on to its highest.  Only meetings whose numbers would change are returned.
    """
    ordered = sorted(meetings, key=lambda m: (m.date, m.start_time or dt.time(0), m.key))
    changes: dict[int, list[str]] = {}
    year: int | None = None
    count = 0
    for meeting in ordered:
        this_year = municipal_year(meeting.date, start_month, start_day)
        yy = this_year % 100
        if this_year != year:
            year, count = this_year, 0
        if meeting.frozen:
            count = max(count, highest_number(meeting.item_numbers, prefix, yy))
            continue
        numbers = number_items(prefix, yy, count + 1, len(meeting.item_numbers))
        count += len(numbers)
        if list(meeting.item_numbers) != numbers:
            changes[meeting.key] = numbers
    return changes


def next_free_number(
    meetings: Iterable[SeriesMeeting],
    upto: dt.date,
    prefix: str,
    start_month: int = 5,
    start_day: int = 1,
) -> str:
    """The number for an item added after publication to the meeting on ``upto``.

    One more than the highest number of that municipal year among meetings dated on
    or before ``upto``: nothing already published is renumbered.
    """
    year = municipal_year(upto, start_month, start_day)
    yy = year % 100
    numbers = [
        n
        for m in meetings
        if m.date <= upto and municipal_year(m.date, start_month, start_day) == year
        for n in m.item_numbers
    ]
    return format_number(prefix, highest_number(numbers, prefix, yy) + 1, yy)


def duplicate_numbers(meetings: Iterable[SeriesMeeting]) -> dict[str, list[int]]:
    """Numbers used by more than one meeting (or twice in one): number → meeting keys."""
    seen: dict[str, list[int]] = {}
    for m in meetings:
        for number in m.item_numbers:
            if number:
                seen.setdefault(number, []).append(m.key)
    return {n: keys for n, keys in seen.items() if len(keys) > 1}
