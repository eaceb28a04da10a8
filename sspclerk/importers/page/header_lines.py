"""The header of a published page: the committee line with its date and time.

Councils write "Safer Stockton Partnership - Wednesday 23rd July 2025 9.00 am",
"Cabinet, Tuesday, 4 March 2025, 10am" or put the name on the line above; these
patterns read all of them and refuse dates inside ordinary sentences.
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
    rf"(?:{_WEEKDAY})?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?P<year>(?:19|20)\d\d)"
    rf"|{_MONTH.replace('month', 'month2')}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>(?:19|20)\d\d)"
    r"|(?P<day3>\d{1,2})/(?P<month3>\d{1,2})/(?P<year3>(?:19|20)\d\d))",
    re.I,
)
TIME = re.compile(
    r"(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    r"|\b(?P<noon>noon|midday)\b",
    re.I,
)
TIME_LABEL = re.compile(r"^(?:time|start(?:\s+time)?)\s*:\s*(?P<value>.+)$", re.I)
SMALL_WORDS = {"of", "and", "the", "for", "&", "on", "in", "to", "a", "an"}


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


def initials(name: str) -> str:
    """Prefix derived from a committee name: "Safer Stockton Partnership" -> "SSP"."""
    letters = [w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in SMALL_WORDS]
    return "".join(letters).upper()[:6]


def name_like(name: str) -> bool:
    """Empty (the name may be on the line above) or a short name, not a sentence."""
    if not name:
        return True
    words = name.split()
    return len(words) <= 15 and not re.search(r"[.!?]\s", name) and name[:1].isupper()


def title_like(line: str) -> bool:
    """Most significant words capitalised, as titles are ("Litter Pick Volunteers")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'&-]*", line) if w.lower() not in SMALL_WORDS]
    if not words or len(words) > 16:
        return False
    return sum(w[0].isupper() for w in words) * 10 >= len(words) * 6


#: "Minutes of the Meeting of X held on": the heading of minutes typed in a document.
_MINUTES_OF = re.compile(
    r"^(?P<kind>(?:draft\s+|confirmed\s+|approved\s+)?minutes|agenda|notice)\s+(?:of|for)\s+(?:an?\s+|the\s+)?"
    # "the Extraordinary Meeting of": the kind of meeting, when "meeting of" follows
    # ("Minutes of the Parish Council" is the Parish Council's)
    r"(?:(?:(?:annual|ordinary|extraordinary|special|public|parish|virtual|remote)\s+)*"
    r"(?:general\s+)?meeting\s+(?:of|for)\s+(?:the\s+)?)?",
    re.I,
)
_HELD = re.compile(
    r"\s+(?:which\s+was\s+|to\s+be\s+)?held(?:\s+(?:at|in)\s+(?P<venue>.+?)"
    # "held remotely via Microsoft Teams on …": where it was held, as written
    r"|\s+(?P<remote>(?:remotely|virtually|online|by\s+video\s*conference"
    r"|as\s+an?\s+(?:hybrid|virtual|remote|online)\s+meeting)\b.*?))?(?:\s+on)?\s*[,:]?$"
    r"|\s+on\s*$",
    re.I,
)
_AFTER_VENUE = re.compile(
    r"^[\s,]*(?:(?:at|from|commencing\s+at|starting\s+at)\s+)?"
    r"(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\b\.?)?|noon|midday)"
    r"[\s,]+(?:in|at)\s+(?P<venue>\S.{2,})$",
    re.I,
)


#: The only words a committee line has after its date, besides the time.
_AFTER_DATE_WORDS = frozenset(
    [
        "at",
        "from",
        "to",
        "until",
        "till",
        "start",
        "starts",
        "starting",
        "commencing",
        "and",
        "noon",
        "midday",
        "hrs",
        "hours",
        "h",
        "the",
        "pm",
        "am",
        "p",
        "m",
        "a",
    ]
)
#: A committee's name does not end in these ("The minutes of the meeting held on").
_NOT_LAST_WORDS = frozenset(
    [
        "on",
        "of",
        "the",
        "at",
        "held",
        "dated",
        "from",
        "to",
        "and",
        "for",
        "in",
        "by",
        "was",
        "were",
        "is",
    ]
)
_DATE_LABEL = re.compile(r"(?:meeting\s+)?date(?:\s+of\s+meeting)?|when|on", re.I)


def committee_line(line: str) -> tuple[str, dt.date, str, str, bool] | None:
    """(name, date, text after the date, venue, minutes heading) of a committee line.

    Reads "Cabinet - Tuesday 4th March 2025 6.30 pm" and the heading minutes typed
    in a document start with, "Minutes of the Meeting of X held on Monday 12th May
    2025 at 7.30 pm in the Village Hall".  None for a date inside a sentence.
    """
    m = DATE.search(line)
    if not m:
        return None
    date = parse_date(m)
    if date is None:
        return None
    name = re.sub(r"[\s,:–—-]+$", "", line[: m.start()]).strip()
    if _DATE_LABEL.fullmatch(name):
        name = ""  # "Date: Tuesday 14 October 2025": the name is on a line above
    after = line[m.end() :]
    venue = ""
    heading = _MINUTES_OF.match(name)
    minutes = bool(heading and heading.group("kind").lower().endswith("minutes"))
    if heading and heading.end() < len(name):
        name = name[heading.end() :]
        held = _HELD.search(name)
        if held:
            venue = (held.group("venue") or held.group("remote") or "").strip()
            name = name[: held.start()].strip()
        place = _AFTER_VENUE.match(after)
        if place and not venue:
            venue = place.group("venue").strip().rstrip(".")
            after = place.group("time")
    rest = TIME.sub("", re.sub(r"\([^()]*\)", "", after))
    if any(w.lower() not in _AFTER_DATE_WORDS for w in re.findall(r"[^\W\d_]+", rest)):
        return None  # "…, having been circulated, were": a date inside a sentence
    if not name_like(name) or (name and name.split()[-1].lower() in _NOT_LAST_WORDS):
        return None
    name = re.sub(r"^(?:meeting\s+of\s+(?:the\s+)?)", "", name, flags=re.I)
    return name, date, after, venue, minutes
