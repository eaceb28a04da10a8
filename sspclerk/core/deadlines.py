"""When an agenda must be published: five clear working days before the meeting.

"Clear" days exclude the day of publication and the day of the meeting; councils
also skip weekends and bank holidays.  So for a Wednesday 23rd July 2025 meeting the
clear days are 16, 17, 18, 21 and 22 July and the agenda must be out by Tuesday 15th.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

from .bank_holidays import ENGLAND_AND_WALES_ANY_YEAR

CLEAR_DAYS = 5
_DAY = dt.timedelta(days=1)


def is_working_day(day: dt.date, holidays: Container[dt.date] = ENGLAND_AND_WALES_ANY_YEAR) -> bool:
    return day.weekday() < 5 and day not in holidays


def clear_working_days(
    published_on: dt.date,
    meeting_date: dt.date,
    holidays: Container[dt.date] = ENGLAND_AND_WALES_ANY_YEAR,
) -> int:
    """Working days strictly between publication and the meeting."""
    if published_on >= meeting_date:
        return 0
    day, count = published_on + _DAY, 0
    while day < meeting_date:
        count += is_working_day(day, holidays)
        day += _DAY
    return count


def agenda_deadline(
    meeting_date: dt.date,
    holidays: Container[dt.date] = ENGLAND_AND_WALES_ANY_YEAR,
    clear_days: int = CLEAR_DAYS,
) -> dt.date:
    """The last working day on which the agenda can be published in time.

    Counts ``clear_days`` working days back from the day before the meeting; the
    agenda must be out before the earliest of them.  A weekend or holiday just before
    that would also do legally, but the clerk publishes on a working day, so the
    answer is the working day before.
    """
    day, counted = meeting_date, 0
    try:
        while counted < clear_days:
            day -= _DAY
            counted += is_working_day(day, holidays)
        day -= _DAY
        while not is_working_day(day, holidays):
            day -= _DAY
    except OverflowError:  # a meeting in the first days of year 1, from an old store
        raise ValueError(
            f"no agenda deadline can be worked out for a meeting on {meeting_date.isoformat()}"
        ) from None
    return day


def published_late(
    published_on: dt.date,
    meeting_date: dt.date,
    holidays: Container[dt.date] = ENGLAND_AND_WALES_ANY_YEAR,
    clear_days: int = CLEAR_DAYS,
) -> bool:
    """True when fewer than ``clear_days`` clear working days were left."""
    return clear_working_days(published_on, meeting_date, holidays) < clear_days
