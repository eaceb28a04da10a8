"""The exchange format: exact round trips, defaults for hand-made files, clear refusals."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sspclerk.core.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Approval,
    Attendance,
    AttendanceStatus,
    Committee,
    Declaration,
    DeclarationCategory,
    Document,
    Meeting,
    MeetingStatus,
    Member,
    Outcome,
    OutcomeKind,
    Role,
    StandingItem,
)
from sspclerk.core.text import clean_text
from sspclerk.export.meeting_json import dumps, meeting_to_json
from sspclerk.importers.meeting_json import MeetingFileError, loads
from sspclerk.resources import resource_path


def rich_meeting(text: str = "Notes with <b> & ŵ ł Ω Ж 😀") -> Meeting:
    committee = Committee(
        "Safer Stockton Partnership",
        "SSP",
        "RESOLVED",
        4,
        1,
        "Borough Council",
        "A Clerk",
        [Member("Cllr One", "SBC", Role.CHAIR)],
        [StandingItem("Apologies", "Apologies for absence")],
    )
    item = AgendaItem(
        number="SSP/3/26",
        title="Budget",
        agenda_text=text,
        minutes=f"{text}\n\n- a\n- b\n1. c",
        documents=[
            Document("Report", "report.pdf", 1234, 5, "a" * 64, dt.datetime(2026, 4, 2, 10, 0))
        ],
        outcomes=[Outcome("RESOLVED (For 5, Against 1, Abstentions 0)", OutcomeKind.VOTE, 5, 1, 0)],
        actions=[
            Action("Write to the minister", "Chair", dt.date(2026, 5, 1), ActionStatus.IN_PROGRESS)
        ],
        started_at=dt.datetime(2026, 4, 9, 9, 5),
        ended_at=dt.datetime(2026, 4, 9, 9, 40),
        restricted=True,
        restriction_reason="Exempt: paragraph 3.",
        exempt_paragraph=3,
        public_summary="A budget matter was discussed.",
        urgent_reason="Deadline before next meeting",
    )
    return Meeting(
        committee=committee,
        date=dt.date(2026, 4, 9),
        start_time=dt.time(9, 0),
        venue="Room 1",
        contact="Democratic Services",
        status=MeetingStatus.MINUTES_APPROVED,
        started_at=dt.datetime(2026, 4, 9, 9, 0),
        ended_at=dt.datetime(2026, 4, 9, 11, 0),
        agenda_published_on=dt.date(2026, 3, 31),
        approval=Approval(dt.date(2026, 6, 1), None, "subject to a correction"),
        unplaced_text="stray",
        items=[item],
        attendance=[
            Attendance(
                "Jo Sub",
                "SBC",
                Role.SUBSTITUTE,
                AttendanceStatus.PRESENT,
                "Cllr One",
                "SSP/3/26",
                "",
            )
        ],
        declarations=[
            Declaration(
                "Jo Sub",
                "SSP/3/26",
                DeclarationCategory.OTHER_REGISTERABLE,
                "Governor",
                True,
                False,
            )
        ],
    )


def test_round_trip_is_exact_for_every_field() -> None:
    text = dumps(rich_meeting())
    assert dumps(loads(text)) == text
    assert loads(text) == rich_meeting()


def test_demo_file_is_a_fixed_point() -> None:
    raw = resource_path("demo-meeting.json").read_text(encoding="utf-8")
    assert dumps(loads(raw)) == raw


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_round_trip_of_any_text(text: str) -> None:
    once = dumps(loads(dumps(rich_meeting(text))))
    assert dumps(loads(once)) == once
    assert loads(once).items[0].agenda_text == clean_text(text)


def test_a_minimal_hand_made_file_gets_defaults() -> None:
    meeting = loads(
        json.dumps(
            {
                "format": "sspclerk-meeting",
                "version": 1,
                "committee": {"name": "Parish Council", "prefix": "PC"},
                "meeting": {"date": "2026-01-14"},
                "items": [{"title": "Apologies"}],
            }
        )
    )
    assert meeting.committee.outcome_word == "AGREED"
    assert (meeting.committee.year_start_month, meeting.committee.year_start_day) == (5, 1)
    assert meeting.status is MeetingStatus.DRAFT
    assert meeting.items[0].number == "" and meeting.items[0].outcomes == []
    assert meeting_to_json(loads(dumps(meeting))) == meeting_to_json(meeting)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["meeting"].update(date="2025-02-30"), "meeting/date"),
        (lambda d: d["meeting"].update(start_time="25:99"), "start_time"),
        (lambda d: d["committee"].update(year_start="02-30"), "year_start"),
        (lambda d: d["items"][0].update(exempt_paragraph=8), "exempt_paragraph"),
        (lambda d: d["items"][0]["actions"][0].update(due="2026-13-01"), "actions/0/due"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.pop("items"), "items"),
    ],
)
def test_bad_values_are_named(change, message: str) -> None:
    data = meeting_to_json(rich_meeting())
    change(data)
    with pytest.raises(MeetingFileError, match=message):
        loads(json.dumps(data), "m.json")


def test_not_json_at_all() -> None:
    with pytest.raises(MeetingFileError, match="not valid JSON"):
        loads("Minutes of the meeting", "notes.json")
    with pytest.raises(MeetingFileError, match="top level"):
        loads("[1, 2, 3]", "list.json")
