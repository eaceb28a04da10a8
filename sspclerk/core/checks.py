"""The pre-publication check: what a clerk would be embarrassed to publish.

Each rule comes from a mistake seen on real published minutes ("held on xxx", a
previous meeting given the meeting's own date, an item numbered twice).  The
check only reports; export never refuses unless the caller asks it to (``--strict``).
Errors are things that must not be published; warnings deserve a look.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .dates import MONTHS, council_date
from .model import AgendaItem, AttendanceStatus, CommitteeKind, DeclarationCategory, Meeting, Role

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One thing wrong: where (item number, or "" for the meeting), what, and the text."""

    level: Level
    item: str
    message: str
    text: str = ""

    def __str__(self) -> str:
        where = f"{self.item}: " if self.item else ""
        quoted = f' — "{_excerpt(self.text)}"' if self.text else ""
        return f"{self.level}: {where}{self.message}{quoted}"


def _excerpt(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# "TBC" and "TBA" alone are published wording ("Date of next meeting: TBC"), and "??"
# after a word is punctuation ("were the figures final??"): neither is a placeholder.
_PLACEHOLDER = re.compile(
    r"(?<![\w])x{3,}(?![\w])"  # xxx, XXXX
    r"|(?<![\w/.-])(?:x{1,2}|\d{1,2})[/.-]x{1,2}[/.-](?:\d{2,4}|x{2,4})(?![\w/])"  # xx/xx/2025
    r"|(?<![\w/.-])x{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![\w/])"  # xx/07/2025
    r"|_{3,}"  # held on ________
    r"|(?<![\w?])\?{2,}(?![\w])"
    r"|(?-i:\[\s*[A-Z][A-Z0-9.,'’&/-]*(?: +[A-Z0-9.,'’&/-]+)+\s*\])"  # [NAME OF OFFICER]
    r"|\[\s*(?:date|time|name|venue|number|item|title|tbc|tba|\.\.\.|…)\s*\]"
    r"|\[\s*(?:name|date|title|details)\s+of\b[^\]]*\]"
    r"|\[\s*insert\b[^\]]*\]"
    r"|\binsert\s+(?:the\s+|a\s+)?(?:date|time|name|names|details|text|title|number|figures?|venue|here)\b"
    r"|\binsert\s*(?:…|\.\.\.)",
    re.I,
)


def _placeholders(text: str) -> Iterable[re.Match[str]]:
    """The placeholders in ``text``, found by ``_PLACEHOLDER``.

    That case-blind pattern tries every alternative at every character, most of the
    check's time.  Each alternative needs one of "?", "[", "_", "xxx", "sert" or an
    "x" before "/", "." or "-" (the "xx/xx/2025" kind), case-blind (the one letter
    outside ASCII matching any of them is "ſ" for "s",
    tests/core/test_checks_quick_look.py checks all of Unicode), so text with none of
    them has no placeholder and skips the pattern.
    """
    if "?" not in text and "[" not in text and "_" not in text:
        low = text.lower()
        if (
            "xxx" not in low
            and "x/" not in low
            and "x." not in low
            and "x-" not in low
            and "sert" not in low
            and "ſert" not in low
        ):
            return ()
    return _PLACEHOLDER.finditer(text)


# Standing items that are minuted without a decision.
_NO_OUTCOME_NEEDED = re.compile(
    r"evacuation|fire (?:safety|procedure)|apologies|introductions|welcome|declarations?\b"
    r"|any other business|\baob\b|date (?:and time )?of (?:the )?next meeting|exclusion of the public",
    re.I,
)
# The previous meeting's minutes: an item called just "Minutes", or one that says it
# approves the previous (last) meeting's or "the meeting held on …".  "Minutes of the
# Youth Justice Board" is another body's minutes, received for information.
_PREVIOUS_MINUTES_TITLE = re.compile(
    r"^\s*(?:approval of |confirmation of )?(?:the )?(?:previous )?minutes\W*$"
    r"|minutes of the (?:previous|last) meeting|\bprevious minutes\b",
    re.I,
)
_PREVIOUS_MINUTES_TEXT = re.compile(
    r"\b(?:approve|confirm|agree|sign)\s+the\s+minutes\s+(?:of|for)\s+the\s+"
    r"(?:previous|last)?\s*meeting\b",
    re.I,
)
#: Words before a date that make it the previous meeting's date…
_MEETING_DATE = re.compile(r"(?:held|meeting)\b[^.;]{0,25}$", re.I)
#: …and words that make it the date of something else (signing, circulating).
_OTHER_DATE = re.compile(
    r"(?:signed|approved|agreed|circulated|published|sent|received)\b[^.;]{0,30}$", re.I
)
_NO_DECLARATIONS = re.compile(r"\bno\s+declarations?\s+of\s+interests?\b|\bnone\s+declared\b", re.I)

_MONTHS = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH_NAMES = "|".join(list(_MONTHS) + [m[:3] for m in _MONTHS if m != "may"] + ["sept"])
_DATE_WORDS = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_NAMES})\.?,?\s+(?P<y>\d{{4}})\b",
    re.I,
)
_DATE_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b")
_DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")


def dates_in(text: str) -> list[dt.date]:
    """Real dates written in ``text`` ("23rd July 2025", "23/07/2025", "2025-07-23")."""
    return [date for date, _ in _dates_at(text)]


def _dates_at(text: str) -> list[tuple[dt.date, int]]:
    """The real dates in ``text`` with where each starts."""
    found: list[tuple[dt.date, int]] = []
    for rx in (_DATE_WORDS, _DATE_NUMERIC, _DATE_ISO):
        for m in rx.finditer(text):
            month = m.group("m")
            if not month.isdigit():
                key = month.lower().rstrip(".")
                month = next(i for name, i in _MONTHS.items() if name.startswith(key[:3]))
            year = int(m.group("y"))
            year += 2000 if year < 100 else 0
            try:
                found.append((dt.date(year, int(month), int(m.group("d"))), m.start()))
            except ValueError:
                continue
    return found


def _previous_meeting_dates(text: str) -> list[dt.date]:
    """The dates ``text`` gives for the previous meeting: those after "held on" or
    "meeting of" when there are any, else every date but a signing or circulating date
    ("… signed by the Chair on 24th September 2025")."""
    found = _dates_at(text)
    meeting = [d for d, at in found if _MEETING_DATE.search(text[max(0, at - 40) : at])]
    if meeting:
        return meeting
    return [d for d, at in found if not _OTHER_DATE.search(text[max(0, at - 45) : at])]


def is_previous_minutes(item: AgendaItem) -> bool:
    """Whether the item approves the previous meeting's minutes."""
    return bool(
        _PREVIOUS_MINUTES_TITLE.search(item.title)
        or _PREVIOUS_MINUTES_TEXT.search(item.agenda_text)
    )


def _texts(item: AgendaItem) -> list[tuple[str, str]]:
    """Every piece of clerk text of an item, with what it is called."""
    out = [
        ("title", item.title),
        ("agenda text", item.agenda_text),
        ("minutes", item.minutes),
        ("public reason", item.restriction_reason),
        ("public summary", item.public_summary),
        ("urgency reason", item.urgent_reason),
    ]
    out += [("outcome", o.text) for o in item.outcomes]
    out += [("action", a.text) for a in item.actions]
    out += [("action owner", a.owner) for a in item.actions]
    out += [("paper title", d.title) for d in item.documents]
    return [(what, text) for what, text in out if text]


def _line_around(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : right if right != -1 else len(text)].strip()


def check_meeting(meeting: Meeting, previous: dt.date | None = None) -> list[Finding]:
    """Everything worth fixing before the minutes are published, in agenda order.

    ``previous`` is the date of the committee's previous meeting when
    the caller knows it (the store does); the previous-minutes item is then checked
    against it.
    """
    findings: list[Finding] = []
    add = findings.append
    if not meeting.items:
        add(Finding("error", "", "the meeting has no items"))
    for what, text in (("venue", meeting.venue), ("contact", meeting.contact)):
        for m in _placeholders(text):
            add(Finding("error", "", f"placeholder {m.group(0)!r} in the {what}", text))
    if meeting.unplaced_text.strip():
        add(
            Finding(
                "warning",
                "",
                "imported text not yet placed against an item",
                meeting.unplaced_text,
            )
        )

    counts = Counter(item.number.strip() for item in meeting.items)
    numbers = {item.number for item in meeting.items}
    prefix = meeting.committee.prefix.strip()
    seen_duplicate: set[str] = set()
    for index, item in enumerate(meeting.items, start=1):
        number = item.number.strip()
        where = number or f"item {index}"
        if not number:
            add(Finding("error", where, "the item has no number", item.title))
        elif counts[number] > 1 and number not in seen_duplicate:
            seen_duplicate.add(number)
            add(
                Finding(
                    "error", where, f"number {number} is used by {counts[number]} items", item.title
                )
            )
        elif (
            prefix and "/" in number and not re.fullmatch(rf"{re.escape(prefix)}/\d+/\d\d", number)
        ):
            add(Finding("warning", where, f"number is not in the form {prefix}/N/YY", number))

        for what, text in _texts(item):
            for m in _placeholders(text):
                add(
                    Finding(
                        "error",
                        where,
                        f"placeholder {m.group(0)!r} in the {what}",
                        _line_around(text, m.start(), m.end()),
                    )
                )

        if is_previous_minutes(item):
            findings += _previous_minutes(meeting, item, where, previous)

        if meeting.declarations:
            for what, text in _texts(item):
                m = _NO_DECLARATIONS.search(text)
                if m:
                    add(
                        Finding(
                            "error",
                            where,
                            f"the {what} says there were no declarations of interest, but "
                            f"{_count(len(meeting.declarations), 'declaration')} recorded",
                            _line_around(text, m.start(), m.end()),
                        )
                    )

        if not item.outcomes and not _NO_OUTCOME_NEEDED.search(item.title):
            add(Finding("warning", where, "the item has no outcome", item.title))

        if item.restricted:
            if not item.restriction_reason.strip():
                add(Finding("error", where, "restricted item without a public reason", item.title))
            if item.exempt_paragraph not in range(1, 8):
                # A council committee excludes the public only under Schedule 12A; a
                # partnership may restrict a paper for other reasons (an embargo).
                strict = meeting.committee.kind is CommitteeKind.COUNCIL_COMMITTEE
                add(
                    Finding(
                        "error" if strict else "warning",
                        where,
                        "restricted item without its Schedule 12A paragraph (1 to 7)",
                        item.title,
                    )
                )

        for action in item.actions:
            missing = [
                w
                for w, v in (("an owner", action.owner.strip()), ("a due date", action.due))
                if not v
            ]
            if missing:
                add(
                    Finding("warning", where, f"action without {' or '.join(missing)}", action.text)
                )

    findings += _gaps(meeting)
    findings += _duplicates(meeting)
    findings += _attendance(meeting)

    for d in meeting.declarations:
        who = d.name.strip() or "(no name)"
        if d.item not in numbers:
            add(
                Finding(
                    "error",
                    d.item,
                    f"declaration by {who} names an item not on the agenda",
                    d.nature,
                )
            )
        if d.category is DeclarationCategory.OTHER:
            add(
                Finding(
                    "warning",
                    d.item,
                    f"declaration by {who} has no category (disclosable pecuniary, "
                    "other registerable or non-registerable)",
                    d.nature,
                )
            )
        if not d.name.strip():
            add(Finding("error", d.item, "declaration without the name of who declared", d.nature))
    return findings


def _previous_minutes(
    meeting: Meeting, item: AgendaItem, where: str, previous: dt.date | None
) -> list[Finding]:
    text = "\n".join(t for t in (item.title, item.agenda_text, item.minutes) if t)
    found = _previous_meeting_dates(text)
    if not found:
        return [
            Finding(
                "error",
                where,
                "the minutes item does not give the date of the previous meeting",
                item.agenda_text or item.title,
            )
        ]
    out = []
    if meeting.date in found:
        out.append(
            Finding(
                "error",
                where,
                f"the previous meeting is given this meeting's own date ({council_date(meeting.date)})",
                item.agenda_text or item.minutes,
            )
        )
    elif previous is not None and previous not in found:
        out.append(
            Finding(
                "warning",
                where,
                f"the previous meeting was on {council_date(previous)}, which the item does not say",
                item.agenda_text or item.minutes,
            )
        )
    return out


def _gaps(meeting: Meeting) -> list[Finding]:
    """Running numbers that skip one (SSP/12/25 then SSP/14/25) or go backwards."""
    prefix = meeting.committee.prefix.strip()
    if not prefix:
        return []
    pattern = re.compile(rf"{re.escape(prefix)}/(\d+)/(\d\d)")
    out: list[Finding] = []
    previous: tuple[int, str, str] | None = None
    for item in meeting.items:
        m = pattern.fullmatch(item.number.strip())
        if not m:
            continue
        n, year = int(m.group(1)), m.group(2)
        if previous is not None and previous[1] == year:
            if n > previous[0] + 1:
                missing = f"{prefix}/{previous[0] + 1}/{year}"
                if n > previous[0] + 2:
                    missing += f" to {prefix}/{n - 1}/{year}"
                out.append(
                    Finding(
                        "warning",
                        item.number,
                        f"number {missing} is missing (after {previous[2]})",
                        item.title,
                    )
                )
            elif n < previous[0]:
                out.append(
                    Finding(
                        "warning",
                        item.number,
                        f"numbered out of order (after {previous[2]})",
                        item.title,
                    )
                )
        previous = (n, year, item.number)
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'} {'is' if n == 1 else 'are'}"


def _same_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def _duplicates(meeting: Meeting) -> list[Finding]:
    """An item entered twice by accident: the same title and the same text under
    another number (two empty standing items of one title count too)."""
    out: list[Finding] = []
    seen: dict[tuple[str, str, str], str] = {}
    for index, item in enumerate(meeting.items, start=1):
        key = (
            _same_text(item.title),
            _same_text(item.agenda_text),
            _same_text(item.minutes),
        )
        if not key[0]:
            continue
        where = item.number.strip() or f"item {index}"
        if key in seen and seen[key] != where:
            out.append(
                Finding(
                    "error",
                    where,
                    f"the item repeats {seen[key]} (the same title and text)",
                    item.title,
                )
            )
        else:
            seen.setdefault(key, where)
    return out


def _attendance(meeting: Meeting) -> list[Finding]:
    """Minutes record who was there, and who chaired."""
    present = [a for a in meeting.attendance if a.status is AttendanceStatus.PRESENT]
    if not present:
        return [Finding("warning", "", "no one is recorded as present")]
    if not any(a.role is Role.CHAIR for a in present):
        return [Finding("warning", "", "no chair is recorded among those present")]
    return []


def previous_meeting_date(meeting: Meeting, committee_dates: Iterable[dt.date]) -> dt.date | None:
    """The last of ``committee_dates`` (the same committee's meetings) before this meeting."""
    earlier = [d for d in committee_dates if d < meeting.date]
    return max(earlier) if earlier else None


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == "error" for f in findings)
