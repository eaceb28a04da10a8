"""Meetings for the export tests: the demo, and one full of canaries."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.model import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    Declaration,
    DeclarationCategory,
    Document,
    Meeting,
    MeetingStatus,
    Outcome,
    Role,
)


def small_meeting(**changes) -> Meeting:
    """A made-up partnership meeting with attendance, a declaration and an action."""
    committee = Committee(
        name="Riverside Community Safety Partnership",
        prefix="RCS",
        clerk_name="Morwenna Pryce",
        organisation="Riverside Borough Council",
    )
    meeting = Meeting(
        committee=committee,
        date=dt.date(2025, 10, 8),
        start_time=dt.time(14, 0),
        venue="Room 2, Civic Hall, Riverside",
        contact="Democratic Services - Morwenna Pryce",
        status=MeetingStatus.CONCLUDED,
        attendance=[
            Attendance("Cllr Dafydd Ŵyn", role=Role.CHAIR),
            Attendance("Insp. Łucja Nowak", organisation="Riverside Police"),
            Attendance("Sam Okafor", role=Role.SUBSTITUTE, substitute_for="Jo Bell"),
            Attendance("Priya Shah", organisation="Riverside Borough Council", role=Role.OFFICER),
            Attendance("Ελένη Παππά", role=Role.IN_ATTENDANCE),
            Attendance("Jo Bell", status=AttendanceStatus.APOLOGIES),
        ],
        items=[
            AgendaItem("RCS/1/25", "Apologies for Absence", minutes="Apologies were noted."),
            AgendaItem("RCS/2/25", "Declarations of Interest"),
            AgendaItem(
                "RCS/3/25",
                "Minutes of the previous meeting",
                agenda_text="To approve the minutes of the meeting held on 9th July 2025.",
                minutes="The minutes were agreed as a true record.",
                outcomes=[Outcome("AGREED")],
            ),
            AgendaItem(
                "RCS/4/25",
                "Night-Time Economy Update",
                documents=[Document("NTE Update", "nte-update.pdf", size_bytes=204800)],
                minutes="Officers presented the update.\n\nPoints raised:\n- Taxi marshals\n- Street pastors\n\n1. Review lighting\n2. Report back",
                outcomes=[Outcome("AGREED to note the update.")],
                actions=[
                    Action("Circulate the lighting audit", "Priya Shah", dt.date(2025, 11, 1))
                ],
            ),
        ],
        declarations=[
            Declaration(
                "Insp. Łucja Nowak",
                "RCS/4/25",
                DeclarationCategory.NON_REGISTERABLE,
                "her partner runs a licensed venue",
                withdrew=True,
            )
        ],
    )
    for key, value in changes.items():
        setattr(meeting, key, value)
    return meeting


@pytest.fixture
def small() -> Meeting:
    return small_meeting()


CANARY_FIELDS = (
    "agenda_text",
    "minutes",
    "urgent_reason",
    "outcome",
    "action_text",
    "action_owner",
    "document_title",
    "document_filename",
    "declaration_name",
    "declaration_nature",
)


def canary(item: int, field: str) -> str:
    """A word no writer would produce by itself and no line break can split."""
    return f"Zqx{item}{field.replace('_', '').capitalize()}Canary"


def canary_meeting() -> Meeting:
    """Two restricted items with a unique canary in every field the public must not see."""
    meeting = small_meeting()
    for n, paragraph in ((5, 7), (6, 3)):
        number = f"RCS/{n}/25"
        meeting.items.append(
            AgendaItem(
                number,
                f"Restricted matter {n}",
                agenda_text=f"To consider {canary(n, 'agenda_text')}.",
                minutes=f"Members heard {canary(n, 'minutes')}.\n- bullet {canary(n, 'minutes')}b",
                urgent_reason=f"Urgent because {canary(n, 'urgent_reason')}.",
                outcomes=[Outcome(f"AGREED {canary(n, 'outcome')}.")],
                actions=[
                    Action(
                        canary(n, "action_text"), canary(n, "action_owner"), dt.date(2025, 12, 1)
                    )
                ],
                documents=[
                    Document(
                        canary(n, "document_title"), f"{canary(n, 'document_filename')}.pdf", 5000
                    )
                ],
                restricted=True,
                restriction_reason=f"Item {n} was restricted to protect an investigation.",
                exempt_paragraph=paragraph,
                public_summary=f"Members received a confidential report (item {n}).",
            )
        )
        meeting.declarations.append(
            Declaration(
                canary(n, "declaration_name"),
                number,
                DeclarationCategory.DISCLOSABLE_PECUNIARY,
                canary(n, "declaration_nature"),
            )
        )
    return meeting
