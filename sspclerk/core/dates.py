"""Dates and times written the way a council writes them."""

from __future__ import annotations

import datetime as dt

#: The months in English, January first, whatever the computer's own language.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def ordinal(day: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd, 23rd."""
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def council_date(day: dt.date) -> str:
    """'Wednesday 23rd July 2025'."""
    return f"{day:%A} {ordinal(day.day)} {day:%B} {day.year}"


def council_time(time: dt.time | None) -> str:
    """'9.00 am', '12.30 pm'; empty when the time is not known."""
    if time is None:
        return ""
    hour = time.hour % 12 or 12
    return f"{hour}.{time.minute:02d} {'am' if time.hour < 12 else 'pm'}"


def council_when(day: dt.date, time: dt.time | None) -> str:
    """'Wednesday 23rd July 2025 9.00 am', or just the date when the time is not known:
    how a meeting's header line, a page's title or a report names the meeting."""
    return f"{council_date(day)} {council_time(time)}".rstrip()


#: The dates a meeting, a deadline or an action may have.  Far wider than any
#: council's records, and far enough inside Python's years 1 to 9999 that every
#: sum done with them (a deadline, the municipal year, the year after) stays a date.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199


def check_year(day: dt.date) -> dt.date:
    """``day`` itself; ValueError (one line) for a year outside the dates sspclerk keeps."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValueError(
            f"{day.isoformat()} is outside the dates sspclerk keeps "
            f"({EARLIEST_YEAR} to {LATEST_YEAR}); is the year mistyped?"
        )
    return day


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD date; ValueError says what was wrong (2025-02-30 is refused)."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD ({exc})") from None
    return check_year(day)


def parse_time(text: str) -> dt.time:
    """An HH:MM time (24-hour)."""
    try:
        value = dt.time.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"{text!r} is not a time in the form HH:MM") from None
    return value.replace(second=0, microsecond=0)
