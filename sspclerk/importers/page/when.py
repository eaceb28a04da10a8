"""Dates and times as councils print them.

"Wednesday 23rd July 2025", "Tuesday, 4 March, 2025", "March 4, 2025",
"04/03/2025", "Monday the 13th day of May 2024", "the 14th of January 2025";
"9.00 am", "7pm", "14:15", "noon".  Only a four-digit year is a year, so a
minute number or a sum of money is never read as a date.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thur?s?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
DATE = re.compile(
    rf"(?:{_WEEKDAY}(?:the\s+)?)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+day)?(?:\s+of)?\s+{_MONTH}\.?,?\s+"
    r"(?P<year>(?:19|20)\d\d)"
    rf"|{_MONTH.replace('month', 'month2')}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>(?:19|20)\d\d)"
    r"|(?P<day3>\d{1,2})(?P<sep>[/.-])(?P<month3>\d{1,2})(?P=sep)(?P<year3>(?:19|20)\d\d))(?!\d)",
    re.I,
)
TIME = re.compile(
    r"(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    r"|\b(?P<noon>noon|midday)\b",
    re.I,
)


def parse_date(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("day"):
            month = _month_number(m.group("month"))
            return dt.date(int(m.group("year")), month, int(m.group("day")))
        if m.group("day2"):
            month = _month_number(m.group("month2"))
            return dt.date(int(m.group("year2")), month, int(m.group("day2")))
        return dt.date(int(m.group("year3")), int(m.group("month3")), int(m.group("day3")))
    except (ValueError, TypeError):
        return None


def _month_number(text: str) -> int:
    text = text.lower()[:3]
    return next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(text))


def parse_time(text: str) -> dt.time | None:
    m = TIME.search(text)
    if not m:
        return None
    try:
        if m.group("noon"):
            return dt.time(12, 0)
        if m.group("h24") is not None:
            return dt.time(int(m.group("h24")), int(m.group("m24")))
        hour = int(m.group("h")) % 12
        if m.group("ampm").lower().startswith("p"):
            hour += 12
        return dt.time(hour, int(m.group("m") or 0))
    except ValueError:
        return None
