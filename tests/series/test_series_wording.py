"""core.series: the wording built from the real previous meeting, never a placeholder."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.model import Action, Committee, Member, OutcomeKind, StandingItem
from sspclerk.core.series import (
    NO_PREVIOUS_MEETING,
    CarriedAction,
    approval_minutes_text,
    approval_outcome,
    clean_amendments,
    default_insert_position,
    is_generated_previous_minutes_text,
    is_previous_minutes_title,
    matters_arising_text,
    new_meeting,
    previous_minutes_agenda_text,
)

D = dt.date


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Minutes", True),
        ("Minutes of the previous meeting", True),
        ("Approval of the minutes", True),
        ("To approve the minutes", True),
        ("Previous minutes", True),
        ("Minutes of the last meeting", True),
        ("Minutes of the Health Board (for information)", False),
        ("Any Other Business", False),
        ("Ministerial visit", False),
        ("", False),
    ],
)
def test_previous_minutes_title(title, expected):
    assert is_previous_minutes_title(title) is expected


def test_agenda_text_from_the_real_date_or_an_honest_gap():
    assert previous_minutes_agenda_text(D(2025, 7, 23)) == (
        "To approve the minutes of the meeting held on Wednesday 23rd July 2025"
    )
    assert previous_minutes_agenda_text(None) == NO_PREVIOUS_MEETING
    assert is_generated_previous_minutes_text(previous_minutes_agenda_text(D(2025, 7, 23)))
    assert not is_generated_previous_minutes_text(
        "To approve the minutes of the meeting held on xxx"
    )
    assert not is_generated_previous_minutes_text("To approve the minutes (tabled)")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("subject to the removal of Hartlepool.", "the removal of Hartlepool"),
        ("  Subject  to\nthe removal of Hartlepool ", "the removal of Hartlepool"),
        ("", ""),
    ],
)
def test_amendments_are_tidied(typed, kept):
    assert clean_amendments(typed) == kept


def test_approval_wording():
    plain = approval_outcome("resolved", D(2025, 7, 23))
    assert plain.text == (
        "RESOLVED that the minutes of the meeting held on Wednesday 23rd July "
        "2025 be approved as a correct record."
    )
    assert plain.kind is OutcomeKind.APPROVED
    amended = approval_outcome("AGREED", D(2025, 7, 23), "subject to x.")
    assert amended.text.endswith("correct record, subject to x.")
    assert amended.kind is OutcomeKind.APPROVED_WITH_AMENDMENTS
    assert approval_minutes_text("y") == (
        "The minutes of the previous meeting were agreed as a true record subject to y."
    )


def test_new_meeting_replaces_a_placeholder_template_but_keeps_real_wording():
    committee = Committee(
        name="Test",
        prefix="T",
        members=[Member("Anna")],
        standing_items=[
            StandingItem("Minutes", "To approve the minutes of the previous meeting"),
            StandingItem("Apologies", "To receive apologies for absence"),
            StandingItem("Any Other Business"),
        ],
    )
    m = new_meeting(committee, D(2025, 9, 24), previous_date=D(2025, 7, 23))
    assert m.items[0].agenda_text.endswith("Wednesday 23rd July 2025")
    assert m.items[1].agenda_text == "To receive apologies for absence"
    assert [a.name for a in m.attendance] == ["Anna"]
    with pytest.raises(ValueError):
        new_meeting(committee, D(2025, 9, 24), previous_date=D(2025, 9, 24))


def test_matters_arising_lists_and_counts():
    carried = [
        CarriedAction(
            Action("Write to schools", "Curv", D(2025, 9, 30)), D(2025, 7, 23), "SSP/17/25"
        )
    ]
    text = matters_arising_text(carried, restricted_open=2)
    assert (
        "- SSP/17/25 (Wednesday 23rd July 2025): Write to schools; owner Curv; due Tuesday "
        "30th September 2025; open"
    ) in text
    assert text.endswith(
        "- 2 open actions from restricted items (listed in the confidential action log)"
    )


def test_default_insert_position():
    assert default_insert_position(["A", "B", "Any Other Business"]) == 2
    assert default_insert_position(["A", "Any other business", "C"]) == 3
    assert default_insert_position([]) == 0
