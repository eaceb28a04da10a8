"""The pre-publication check: each rule catches its mistake and names item and text."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.checks import Finding, check_meeting, dates_in, has_errors
from sspclerk.core.model import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    CommitteeKind,
    Declaration,
    DeclarationCategory,
    Meeting,
    Outcome,
    Role,
)
from tests.conftest import demo_meeting


def clean_meeting() -> Meeting:
    """A meeting the check has nothing to say about; each test spoils one thing."""
    return Meeting(
        committee=Committee("Harbour Partnership", "HBP"),
        date=dt.date(2025, 9, 17),
        venue="Harbour Office",
        attendance=[
            Attendance("Cllr Ann Lee", role=Role.CHAIR),
            Attendance("Cllr Bo Tan"),
            Attendance("Jo Bell", status=AttendanceStatus.APOLOGIES),
        ],
        items=[
            AgendaItem("HBP/5/25", "Apologies for Absence", minutes="None."),
            AgendaItem("HBP/6/25", "Declarations of Interest"),
            AgendaItem(
                "HBP/7/25",
                "Minutes",
                agenda_text="To approve the minutes of the meeting held on 18th June 2025",
                outcomes=[Outcome("AGREED")],
            ),
            AgendaItem(
                "HBP/8/25",
                "Harbour Safety Report",
                minutes="The report was presented.",
                outcomes=[Outcome("AGREED to note the report.")],
                actions=[Action("Publish the report", "Lee Ward", dt.date(2025, 10, 1))],
            ),
            AgendaItem(
                "HBP/9/25",
                "Staffing",
                restricted=True,
                restriction_reason="Restricted: it concerns named staff.",
                exempt_paragraph=1,
                outcomes=[Outcome("AGREED")],
            ),
        ],
        declarations=[
            Declaration(
                "Cllr Bo Tan", "HBP/8/25", DeclarationCategory.NON_REGISTERABLE, "boat owner"
            )
        ],
    )


def test_a_clean_meeting_has_no_findings():
    assert check_meeting(clean_meeting(), previous=dt.date(2025, 6, 18)) == []


def test_demo_meeting_held_on_xxx():
    demo = demo_meeting()
    findings = check_meeting(demo)
    xxx = [f for f in findings if f.item == "SSP/14/25" and "'xxx'" in f.message]
    assert xxx == [
        Finding(
            "error",
            "SSP/14/25",
            "placeholder 'xxx' in the agenda text",
            "To approve the minutes for the last meeting held on xxx",
        )
    ]
    assert any(
        f.item == "SSP/14/25" and "date of the previous meeting" in f.message for f in findings
    )
    assert has_errors(findings)
    assert str(xxx[0]) == (
        "error: SSP/14/25: placeholder 'xxx' in the agenda text — "
        '"To approve the minutes for the last meeting held on xxx"'
    )


@pytest.mark.parametrize(
    "text",
    [
        "held on xxx",
        "held on ________",
        "on xx/xx/2025",
        "on 12/XX/2025",
        "see [NAME OF OFFICER]",
        "see [name of officer]",
        "Lead officer ??",
        "[date]",
        "see [insert name]",
        "insert date here",
        "Insert …",
        "XXXX",
    ],
)
def test_placeholders(text):
    meeting = clean_meeting()
    meeting.items[3].minutes = f"Line one.\nThe report {text} was noted."
    findings = check_meeting(meeting, dt.date(2025, 6, 18))
    assert len(findings) == 1
    f = findings[0]
    assert (f.level, f.item) == ("error", "HBP/8/25")
    assert f.message.startswith("placeholder ") and "in the minutes" in f.message
    assert f.text == f"The report {text} was noted."


@pytest.mark.parametrize(
    "text",
    [
        "Boxing Day",
        "Wexxford",
        "The taxi rank",
        "TBCs were",
        "Insertion of text",
        # Published wording and punctuation, not placeholders:
        "Members asked whether the figures were final??",
        "Figures TBC",
        "The date of the next meeting is TBC.",
        "Cameras [CCTV] were moved.",
        "Version 1.2 of the plan, 12/07/2025.",
    ],
)
def test_ordinary_words_are_not_placeholders(text):
    meeting = clean_meeting()
    meeting.items[3].minutes = text
    assert check_meeting(meeting, dt.date(2025, 6, 18)) == []


def test_previous_minutes_with_the_meetings_own_date():
    meeting = clean_meeting()
    meeting.items[2].agenda_text = "To approve the minutes of the meeting held on 17 September 2025"
    (f,) = check_meeting(meeting)
    assert (f.level, f.item) == ("error", "HBP/7/25")
    assert "this meeting's own date (Wednesday 17th September 2025)" in f.message


def test_previous_minutes_without_a_date():
    meeting = clean_meeting()
    meeting.items[2].agenda_text = "To approve the minutes of the last meeting"
    (f,) = check_meeting(meeting)
    assert f.message == "the minutes item does not give the date of the previous meeting"


def test_previous_minutes_date_that_is_not_the_previous_meeting():
    (f,) = check_meeting(clean_meeting(), previous=dt.date(2025, 7, 16))
    assert f.level == "warning"
    assert "was on Wednesday 16th July 2025" in f.message


def test_item_without_outcome_is_a_warning_but_standing_items_need_none():
    meeting = clean_meeting()
    meeting.items[3].outcomes = []
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert (f.level, f.item, f.message) == ("warning", "HBP/8/25", "the item has no outcome")


def test_restricted_item_needs_reason_and_paragraph():
    meeting = clean_meeting()
    meeting.items[4].restriction_reason = " "
    meeting.items[4].exempt_paragraph = None
    messages = [f.message for f in check_meeting(meeting, dt.date(2025, 6, 18))]
    assert messages == [
        "restricted item without a public reason",
        "restricted item without its Schedule 12A paragraph (1 to 7)",
    ]


def test_duplicate_and_missing_numbers():
    meeting = clean_meeting()
    meeting.items[4].number = "HBP/8/25"
    meeting.items[0].number = ""
    findings = check_meeting(meeting, dt.date(2025, 6, 18))
    assert ("error", "item 1", "the item has no number") in [
        (f.level, f.item, f.message) for f in findings
    ]
    assert any(f.item == "HBP/8/25" and "used by 2 items" in f.message for f in findings)


def test_mistyped_number():
    meeting = clean_meeting()
    meeting.items[3].number = "HBP/4724"
    meeting.declarations = []
    findings = check_meeting(meeting, dt.date(2025, 6, 18))
    assert [(f.level, f.message) for f in findings] == [
        ("warning", "number is not in the form HBP/N/YY"),
        # …and the mistyped number leaves a gap in the running numbers.
        ("warning", "number HBP/8/25 is missing (after HBP/7/25)"),
    ]


def test_actions_without_owner_or_due_date():
    meeting = clean_meeting()
    meeting.items[3].actions = [Action("Write to the port"), Action("Call", "Lee Ward")]
    findings = check_meeting(meeting, dt.date(2025, 6, 18))
    assert [(f.message, f.text) for f in findings] == [
        ("action without an owner or a due date", "Write to the port"),
        ("action without a due date", "Call"),
    ]


def test_declaration_without_category_or_on_an_unknown_item():
    meeting = clean_meeting()
    meeting.declarations = [
        Declaration("Cllr Bo Tan", "HBP/8/25", DeclarationCategory.OTHER, "boat owner"),
        Declaration("Cllr Al Ng", "HBP/99/25", DeclarationCategory.NON_REGISTERABLE),
    ]
    findings = check_meeting(meeting, dt.date(2025, 6, 18))
    assert [(f.level, f.item) for f in findings] == [
        ("warning", "HBP/8/25"),
        ("error", "HBP/99/25"),
    ]
    assert "has no category" in findings[0].message
    assert "not on the agenda" in findings[1].message


def test_empty_meeting():
    findings = check_meeting(Meeting(Committee("X", "X"), dt.date(2025, 1, 1)))
    assert [(f.level, f.message) for f in findings] == [
        ("error", "the meeting has no items"),
        ("warning", "no one is recorded as present"),
    ]


def test_dates_in_text():
    assert dates_in("held on 23rd July 2025, 3 Sept 2024 or 01/02/25; not 31 February 2025") == [
        dt.date(2025, 7, 23),
        dt.date(2024, 9, 3),
        dt.date(2025, 2, 1),
    ]


def test_gap_and_order_in_running_numbers():
    meeting = clean_meeting()
    meeting.items[3].number = "HBP/10/25"  # 7 then 10: 8 and 9 are missing
    meeting.declarations = []
    meeting.items[4].number = "HBP/6/25"  # and then backwards, a duplicate of item 2's number
    findings = check_meeting(meeting, dt.date(2025, 6, 18))
    gaps = [(f.item, f.message) for f in findings if f.level == "warning"]
    assert gaps == [
        ("HBP/10/25", "number HBP/8/25 to HBP/9/25 is missing (after HBP/7/25)"),
        ("HBP/6/25", "numbered out of order (after HBP/10/25)"),
    ]


def test_demo_numbers_run_on_without_gaps():
    demo = demo_meeting()
    assert not [f for f in check_meeting(demo) if "missing" in f.message and "number" in f.message]


def test_previous_meeting_date_is_the_last_one_before():
    from sspclerk.core.checks import previous_meeting_date

    meeting = clean_meeting()
    dates = [dt.date(2025, 3, 12), dt.date(2025, 6, 18), dt.date(2025, 9, 17), dt.date(2025, 12, 3)]
    assert previous_meeting_date(meeting, dates) == dt.date(2025, 6, 18)
    assert previous_meeting_date(meeting, [dt.date(2025, 12, 3)]) is None


def test_no_declarations_sentence_beside_a_recorded_declaration():
    meeting = clean_meeting()
    meeting.items[1].minutes = "There were no declarations of interest."
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert (f.level, f.item) == ("error", "HBP/6/25")
    assert f.message == (
        "the minutes says there were no declarations of interest, but 1 declaration is recorded"
    )
    meeting.declarations = []
    assert check_meeting(meeting, dt.date(2025, 6, 18)) == []


def test_empty_attendance_and_no_chair_are_warnings():
    meeting = clean_meeting()
    meeting.attendance[0].role = Role.MEMBER
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert (f.level, f.item, f.message) == (
        "warning",
        "",
        "no chair is recorded among those present",
    )
    meeting.attendance = [Attendance("Jo Bell", status=AttendanceStatus.APOLOGIES)]
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert f.message == "no one is recorded as present"


def test_an_item_duplicated_under_another_number():
    meeting = clean_meeting()
    copy = AgendaItem(
        "HBP/10/25",
        " Harbour  safety report",
        minutes="The report was presented.",
        outcomes=[Outcome("AGREED to note the report.")],
    )
    meeting.items.append(copy)
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert (f.level, f.item) == ("error", "HBP/10/25")
    assert f.message == "the item repeats HBP/8/25 (the same title and text)"
    copy.minutes = "A different report was presented."
    assert check_meeting(meeting, dt.date(2025, 6, 18)) == []


def test_minutes_of_another_body_need_no_previous_meeting_date():
    meeting = clean_meeting()
    meeting.items.append(
        AgendaItem(
            "HBP/10/25",
            "Minutes of the Youth Justice Board",
            agenda_text="To receive the minutes of the Youth Justice Board for information.",
            outcomes=[Outcome("AGREED to note the minutes.")],
        )
    )
    assert check_meeting(meeting, dt.date(2025, 6, 18)) == []


def test_a_signing_date_is_not_the_previous_meetings_date():
    meeting = clean_meeting()
    meeting.items[2].agenda_text = (
        "To approve the minutes of the meeting held on 18th June 2025, to be signed by the "
        "Chair on 17th September 2025."
    )
    assert check_meeting(meeting, dt.date(2025, 6, 18)) == []
    meeting.items[2].agenda_text = "Minutes signed by the Chair on 17th September 2025."
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert f.message == "the minutes item does not give the date of the previous meeting"


def test_schedule_12a_paragraph_rule_follows_the_kind_of_committee():
    meeting = clean_meeting()
    meeting.items[4].exempt_paragraph = None
    message = "restricted item without its Schedule 12A paragraph (1 to 7)"
    assert meeting.committee.kind is CommitteeKind.PARTNERSHIP  # "Harbour Partnership"
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert (f.level, f.message) == ("warning", message)
    meeting.committee.kind = CommitteeKind.COUNCIL_COMMITTEE
    (f,) = check_meeting(meeting, dt.date(2025, 6, 18))
    assert (f.level, f.message) == ("error", message)


def test_the_demo_partnership_can_pass_without_schedule_12a_paragraphs():
    """The real seed meeting restricts two papers for reasons outside Schedule 12A."""
    demo = demo_meeting()
    assert demo.committee.kind is CommitteeKind.PARTNERSHIP
    paragraph = [f for f in check_meeting(demo) if "Schedule 12A" in f.message]
    assert [f.level for f in paragraph] == ["warning", "warning"]
