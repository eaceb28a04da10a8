"""Rules that run across a committee's meetings: the new agenda, previous minutes,
approval wording and the actions carried forward.

The wording is built from the real previous meeting, never a placeholder: the
council's own pages show "held on xxx" and a previous meeting dated the same day
as the meeting itself.  Pure functions; the store calls them inside one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import council_date
from .model import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    Meeting,
    MeetingStatus,
    Outcome,
    OutcomeKind,
    StandingItem,
)

PREVIOUS_MINUTES_TITLE = "Minutes of the previous meeting"
MATTERS_ARISING_TITLE = "Matters arising / action log"
ANY_OTHER_BUSINESS_TITLE = "Any Other Business"
NO_PREVIOUS_MEETING = "No previous meeting is recorded; enter its date"
_PREVIOUS_MINUTES_LEAD = "To approve the minutes of the meeting held on "

DEFAULT_STANDING_ITEMS = (
    StandingItem("Evacuation Procedure"),
    StandingItem("Declarations of Interest"),
    StandingItem(PREVIOUS_MINUTES_TITLE),
    StandingItem(ANY_OTHER_BUSINESS_TITLE),
)

#: Actions still to be done; these are carried into the next meeting.
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

_MINUTES_TITLE = re.compile(
    r"^\s*(the\s+)?minutes\.?\s*$"  # "Minutes"
    r"|\bprevious\s+minutes\b"  # "Previous minutes"
    r"|\bminutes\b.*\b(previous|last)\s+meeting\b"  # "Minutes of the previous meeting"
    r"|\b(approv\w*|confirm\w*)\b.*\bminutes\b",  # "Approval of the minutes"
    re.I,
)
_AOB = re.compile(r"^\s*any\s+other\s+(urgent\s+)?business\b", re.I)


def is_previous_minutes_title(title: str) -> bool:
    """'Minutes', 'Minutes of the previous meeting', 'Approval of the minutes' …"""
    return bool(_MINUTES_TITLE.search(title or ""))


def is_any_other_business(title: str) -> bool:
    return bool(_AOB.match(title or ""))


def previous_minutes_agenda_text(previous: dt.date | None) -> str:
    """The agenda wording of the previous-minutes item, from the real previous meeting."""
    if previous is None:
        return NO_PREVIOUS_MEETING
    return f"{_PREVIOUS_MINUTES_LEAD}{council_date(previous)}"


def is_generated_previous_minutes_text(text: str) -> bool:
    """True for wording this module wrote (safe to refresh); False once the clerk edits it."""
    text = (text or "").strip()
    if text in ("", NO_PREVIOUS_MEETING):
        return True
    if not text.startswith(_PREVIOUS_MINUTES_LEAD):
        return False
    return bool(
        re.fullmatch(r"\w+day \d{1,2}(st|nd|rd|th) \w+ \d{4}", text[len(_PREVIOUS_MINUTES_LEAD) :])
    )


def clean_amendments(amendments: str) -> str:
    """The clerk's amendment text without a leading 'subject to' or a trailing full stop."""
    text = " ".join((amendments or "").split())
    text = re.sub(r"^subject\s+to\s+", "", text, flags=re.I)
    return text.rstrip(" .")


def approval_outcome(word: str, approved_date: dt.date, amendments: str = "") -> Outcome:
    """'AGREED that the minutes of the meeting held on … be approved as a correct record.'"""
    extra = clean_amendments(amendments)
    text = (
        f"{word.upper()} that the minutes of the meeting held on {council_date(approved_date)} "
        f"be approved as a correct record"
    )
    if extra:
        return Outcome(f"{text}, subject to {extra}.", OutcomeKind.APPROVED_WITH_AMENDMENTS)
    return Outcome(f"{text}.", OutcomeKind.APPROVED)


def approval_minutes_text(amendments: str = "") -> str:
    extra = clean_amendments(amendments)
    text = "The minutes of the previous meeting were agreed as a true record"
    return f"{text} subject to {extra}." if extra else f"{text}."


def check_approval(approving: Meeting, approved: Meeting) -> None:
    """Refuse an approval that cannot be right, with a message naming both meetings."""
    if approving.id is not None and approving.id == approved.id:
        raise ValueError("a meeting cannot approve its own minutes")
    if approving.committee.prefix != approved.committee.prefix:
        raise ValueError(
            f"the meeting of {council_date(approved.date)} is a {approved.committee.name} "
            f"meeting; only a {approved.committee.name} meeting can approve its minutes"
        )
    if approved.date >= approving.date:
        raise ValueError(
            f"the minutes of {council_date(approved.date)} can only be approved at a later "
            f"meeting, not on {council_date(approving.date)}"
        )


@dataclass(frozen=True)
class CarriedAction:
    """An open action with where it was set, for the matters-arising item and the log."""

    action: Action
    meeting_date: dt.date
    item_number: str


def matters_arising_text(actions: Sequence[CarriedAction], restricted_open: int = 0) -> str:
    """One bullet per open action: number, date set, text, owner, due date, status.

    Actions of restricted items are only counted: this item is on the public agenda.
    """
    lines = ["To review the actions carried forward from previous meetings:"]
    for c in actions:
        a = c.action
        bits = [f"{c.item_number} ({council_date(c.meeting_date)}): {' '.join(a.text.split())}"]
        if a.owner:
            bits.append(f"owner {a.owner}")
        if a.due:
            bits.append(f"due {council_date(a.due)}")
        bits.append(ActionStatus(a.status).value)
        lines.append("- " + "; ".join(bits))
    if restricted_open:
        lines.append(
            f"- {restricted_open} open action{'s' if restricted_open != 1 else ''} from "
            "restricted items (listed in the confidential action log)"
        )
    return "\n".join(lines)


def new_meeting(
    committee: Committee,
    date: dt.date,
    start_time: dt.time | None = None,
    venue: str = "",
    previous_date: dt.date | None = None,
    carried: Sequence[CarriedAction] = (),
    restricted_open: int = 0,
) -> Meeting:
    """A fresh draft meeting: attendance from the membership, the standing items in
    place (the previous-minutes wording filled in), open actions carried forward.

    Numbers are left empty: the store allocates them from the whole series.
    """
    if previous_date is not None and previous_date >= date:
        raise ValueError("the previous meeting must be before the new one")
    standing = committee.standing_items or list(DEFAULT_STANDING_ITEMS)
    items: list[AgendaItem] = []
    for s in standing:
        text = s.agenda_text
        if is_previous_minutes_title(s.title) and is_generated_previous_minutes_text(
            _template_text(text)
        ):
            text = previous_minutes_agenda_text(previous_date)
        items.append(AgendaItem(number="", title=s.title, agenda_text=text))
    if carried or restricted_open:
        arising = AgendaItem(
            number="",
            title=MATTERS_ARISING_TITLE,
            agenda_text=matters_arising_text(carried, restricted_open),
        )
        at = next(
            (i + 1 for i, it in enumerate(items) if is_previous_minutes_title(it.title)), None
        )
        if at is None:
            at = default_insert_position([it.title for it in items])
        items.insert(at, arising)
    return Meeting(
        committee=committee,
        date=date,
        start_time=start_time,
        venue=venue,
        contact=committee.clerk_name,
        status=MeetingStatus.DRAFT,
        items=items,
        attendance=[
            Attendance(m.name, m.organisation, m.role, AttendanceStatus.PRESENT)
            for m in committee.members
        ],
    )


def _template_text(text: str) -> str:
    # A standing item's default wording such as "To approve the minutes of the previous
    # meeting" is a placeholder for the real date: treat it like empty.
    if re.fullmatch(
        r"(to approve the minutes of the (previous|last) meeting\.?)?", text.strip(), re.I
    ):
        return ""
    return text


def default_insert_position(titles: Sequence[str]) -> int:
    """Where a new item goes: before a closing 'Any Other Business', else at the end."""
    if titles and is_any_other_business(titles[-1]):
        return len(titles) - 1
    return len(titles)


@dataclass(frozen=True)
class NewItem:
    """An item the clerk asks to add (the window's dialog, `sspclerk add-item`): what
    they typed, before the store numbers it."""

    title: str
    agenda_text: str = ""
    restricted: bool = False
    urgent_reason: str = ""


def item_to_add(
    items: Sequence[AgendaItem], new: NewItem, position: int | None = None
) -> tuple[AgendaItem, int]:
    """The agenda item for ``new`` and the place it goes among ``items`` (from 0).

    ``position`` is the place the clerk asked for, counted from 1 as an agenda is;
    with none, before a closing 'Any Other Business'.  The store numbers the item.
    ValueError, in the clerk's words, for an item with no title.
    """
    if not new.title.strip():
        raise ValueError("an item needs a title")
    if position is None:
        at = default_insert_position([i.title for i in items])
    else:
        at = min(max(0, position - 1), len(items))
    item = AgendaItem(
        number="",
        title=new.title,
        agenda_text=new.agenda_text,
        restricted=new.restricted,
        urgent_reason=new.urgent_reason,
    )
    return item, at
