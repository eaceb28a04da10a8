"""The domain of a minuted meeting, in the clerk's words.

Plain dataclasses with no knowledge of SQLite, Qt or file formats, so every layer
(store, export, importers, gui) can share them and the rules in ``core`` can be
tested in microseconds.  Conventions behind the fields: docs/conventions in the
shared folder (numbering, declarations, Schedule 12A, attendance).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum


class MeetingStatus(StrEnum):
    """Where a meeting is in its life; each step only moves forward."""

    DRAFT = "draft"
    AGENDA_PUBLISHED = "agenda published"
    IN_SESSION = "in session"
    CONCLUDED = "concluded"
    MINUTES_APPROVED = "minutes approved"


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"
    SUBSTITUTE = "substitute"
    OFFICER = "officer"
    IN_ATTENDANCE = "in attendance"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class DeclarationCategory(StrEnum):
    """LGA Model Code 2020 categories, plus 'other' for older local codes."""

    DISCLOSABLE_PECUNIARY = "disclosable pecuniary"
    OTHER_REGISTERABLE = "other registerable"
    NON_REGISTERABLE = "non-registerable"
    OTHER = "other"


class OutcomeKind(StrEnum):
    NOTED = "noted"
    APPROVED = "approved"
    APPROVED_WITH_AMENDMENTS = "approved with amendments"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"
    VOTE = "vote"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class CommitteeKind(StrEnum):
    """What sort of body meets, which decides how strict some rules are.

    A council committee may exclude the public only under Schedule 12A, so a
    restricted item must name its paragraph; a partnership (a Community Safety
    Partnership, say) also restricts papers for reasons outside the Act, such as
    a Home Office embargo.
    """

    COUNCIL_COMMITTEE = "council committee"
    PARTNERSHIP = "partnership"


def kind_from_name(name: str) -> CommitteeKind:
    """The kind a committee most likely is, from its name, until the clerk says."""
    if re.search(r"\bpartnership\b", name, re.I):
        return CommitteeKind.PARTNERSHIP
    return CommitteeKind.COUNCIL_COMMITTEE


OUTCOME_WORDS = ("AGREED", "RESOLVED")

#: Local Government Act 1972, Schedule 12A, Part 1 — the short descriptions.
EXEMPT_PARAGRAPHS: dict[int, str] = {
    1: "Information relating to any individual",
    2: "Information which is likely to reveal the identity of an individual",
    3: "Information relating to the financial or business affairs of any particular person",
    4: "Information relating to consultations or negotiations in connection with labour relations",
    5: "Information in respect of which a claim to legal professional privilege could be maintained",
    6: "Information which reveals that the authority proposes to give a notice, make an order or direction",
    7: "Information relating to the prevention, investigation or prosecution of crime",
}


@dataclass
class Member:
    """A standing member of a committee (the membership, not one meeting's attendance)."""

    name: str
    organisation: str = ""
    role: Role = Role.MEMBER


@dataclass
class StandingItem:
    """An item every agenda of the committee starts with, with its default wording."""

    title: str
    agenda_text: str = ""


@dataclass
class Committee:
    """The body that meets (a partnership, board or committee) and how it numbers and words its minutes."""

    name: str
    prefix: str
    outcome_word: str = "AGREED"
    #: Month and day the municipal year starts; numbering restarts at 1 from here.
    year_start_month: int = 5
    year_start_day: int = 1
    organisation: str = ""
    clerk_name: str = ""
    members: list[Member] = field(default_factory=list)
    standing_items: list[StandingItem] = field(default_factory=list)
    #: Council committee or partnership; None: worked out from the name.
    kind: CommitteeKind | None = None
    #: Margins of the Word minutes, in centimetres (the council's template; Word's UK
    #: default 2.54).  The PDF minutes keep their own 2 cm layout.
    word_margins_cm: float = 2.54
    id: int | None = None

    def __post_init__(self) -> None:
        self.kind = kind_from_name(self.name) if self.kind is None else CommitteeKind(self.kind)


@dataclass
class Document:
    """A paper attached to an item ("Recorded Crime & Disorder Report PDF 793 KB")."""

    title: str
    filename: str = ""
    size_bytes: int | None = None
    page_count: int | None = None
    sha256: str | None = None
    attached_at: dt.datetime | None = None
    id: int | None = None


@dataclass
class Outcome:
    """What the meeting decided on an item; ``text`` is the wording minuted in bold."""

    text: str
    kind: OutcomeKind = OutcomeKind.NOTED
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    id: int | None = None


@dataclass
class Action:
    """Something a named person is to do by a date, recorded against an item."""

    text: str
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    id: int | None = None


@dataclass
class AgendaItem:
    """One item of business: its number and title, the papers, and what the clerk minuted."""

    number: str
    title: str
    agenda_text: str = ""
    documents: list[Document] = field(default_factory=list)
    #: Plain text: lines starting "- " or "· " are bullets, "1. " numbered (see core.minutes_text).
    minutes: str = ""
    outcomes: list[Outcome] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    restricted: bool = False
    #: Shown publicly in place of the item, e.g. "Due to the connection to ... restricted."
    restriction_reason: str = ""
    #: Schedule 12A paragraph, 1 to 7.
    exempt_paragraph: int | None = None
    #: Public summary when removing the exempt part would leave the public minutes incoherent.
    public_summary: str = ""
    #: The chair's reason for taking an item added after the agenda was published.
    urgent_reason: str = ""
    id: int | None = None


@dataclass
class Attendance:
    """One person's attendance: present, a substitute, an officer, in attendance or apologies."""

    name: str
    organisation: str = ""
    role: Role = Role.MEMBER
    status: AttendanceStatus = AttendanceStatus.PRESENT
    #: For a substitute: the member they stand in for.
    substitute_for: str = ""
    #: Item number at which a late arrival / early departure happened.
    arrived_at_item: str = ""
    left_at_item: str = ""
    id: int | None = None


@dataclass
class Declaration:
    """A declaration of interest made at the meeting, tied to the item it concerns."""

    name: str
    item: str
    category: DeclarationCategory = DeclarationCategory.OTHER
    nature: str = ""
    withdrew: bool = False
    dispensation: bool = False
    id: int | None = None


@dataclass
class Approval:
    """The record that a meeting's minutes were agreed as a true record."""

    approved_on: dt.date
    approving_meeting_id: int | None = None
    amendments: str = ""


@dataclass
class Correction:
    """An erratum to approved minutes: recorded and shown with them, never a silent edit."""

    text: str
    #: The item corrected ("SSP/14/25"), or empty for the minutes as a whole.
    item: str = ""
    recorded_on: dt.date | None = None
    id: int | None = None


@dataclass
class Meeting:
    """One meeting of a committee: when and where, who came, and its items in agenda order."""

    committee: Committee
    date: dt.date
    start_time: dt.time | None = None
    venue: str = ""
    contact: str = ""
    status: MeetingStatus = MeetingStatus.DRAFT
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    agenda_published_on: dt.date | None = None
    approval: Approval | None = None
    #: Corrections recorded after the minutes were approved, oldest first.
    corrections: list[Correction] = field(default_factory=list)
    #: Text an importer could not place against an item, kept for the clerk to sort.
    unplaced_text: str = ""
    items: list[AgendaItem] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    id: int | None = None

    def item(self, number: str) -> AgendaItem:
        """The item with that number; KeyError names it when there is none."""
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(f"no item {number} in this meeting")

    def current_item(self) -> AgendaItem | None:
        """The item under discussion: started and not yet ended."""
        for item in self.items:
            if item.started_at is not None and item.ended_at is None:
                return item
        return None
