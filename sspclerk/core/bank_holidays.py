"""Bank holidays in England and Wales, for counting clear working days.

The regular holidays follow fixed rules (with substitute days when a holiday falls
at a weekend) and Easter follows the Gregorian computus, so any year can be worked
out.  Years the government changed by proclamation are listed in ``MOVED`` and
``EXTRA``; add a line there when a new one-off is announced.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

#: Regular holidays moved by proclamation: the rule's date → the day actually given.
MOVED: dict[dt.date, dt.date] = {
    dt.date(2020, 5, 4): dt.date(2020, 5, 8),  # early May moved to VE Day's 75th anniversary
    dt.date(2022, 5, 30): dt.date(2022, 6, 2),  # spring holiday moved for the Platinum Jubilee
}

#: One-off holidays added by proclamation.
EXTRA: dict[dt.date, str] = {
    dt.date(2022, 6, 3): "Platinum Jubilee bank holiday",
    dt.date(2022, 9, 19): "State Funeral of Queen Elizabeth II",
    dt.date(2023, 5, 8): "Coronation of King Charles III",
}

#: The years the shipped table covers; other years are computed by the same rules.
TABLE_YEARS = range(2020, 2031)


def easter_sunday(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


def _next_weekday(day: dt.date, taken: set[dt.date]) -> dt.date:
    """The first weekday on or after ``day`` that is not already a holiday (substitutes)."""
    while day.weekday() >= 5 or day in taken:
        day += dt.timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> dict[dt.date, str]:
    """The England and Wales bank holidays of ``year``, date → name."""
    easter = easter_sunday(year)
    days: dict[dt.date, str] = {}
    days[_next_weekday(dt.date(year, 1, 1), set())] = "New Year's Day"
    days[easter - dt.timedelta(days=2)] = "Good Friday"
    days[easter + dt.timedelta(days=1)] = "Easter Monday"
    days[_first_monday(year, 5)] = "Early May bank holiday"
    days[_last_monday(year, 5)] = "Spring bank holiday"
    days[_last_monday(year, 8)] = "Summer bank holiday"
    # Christmas first, then Boxing Day takes the next free weekday: Christmas on a
    # Saturday gives Monday 27th and Tuesday 28th; on a Sunday, Boxing Day is the
    # Monday and Christmas moves to Tuesday 27th.
    christmas = dt.date(year, 12, 25)
    boxing = dt.date(year, 12, 26)
    if christmas.weekday() == 6:  # Sunday: Boxing Day keeps Monday 26th
        days[boxing] = "Boxing Day"
        days[_next_weekday(dt.date(year, 12, 27), set(days))] = "Christmas Day"
    else:
        days[_next_weekday(christmas, set(days))] = "Christmas Day"
        days[_next_weekday(boxing, set(days))] = "Boxing Day"
    for rule_day, actual in MOVED.items():
        if rule_day in days:
            days[actual] = days.pop(rule_day)
    days.update({d: name for d, name in EXTRA.items() if d.year == year})
    return dict(sorted(days.items()))


def is_bank_holiday(day: dt.date) -> bool:
    return day in bank_holidays(day.year)


#: The shipped table, 2020–2030, as one set (what deadlines use by default).
ENGLAND_AND_WALES: frozenset[dt.date] = frozenset(
    d for year in TABLE_YEARS for d in bank_holidays(year)
)


class BankHolidays:
    """A holiday set that also answers for years outside the shipped table."""

    def __init__(self, extra: frozenset[dt.date] | set[dt.date] = frozenset()) -> None:
        self.extra = frozenset(extra)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return day in self.extra or is_bank_holiday(day)


ENGLAND_AND_WALES_ANY_YEAR = BankHolidays()
