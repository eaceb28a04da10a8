"""export --format moderngov, then import: the same meeting comes back.

What round-trips exactly (meeting_to_json equal) for a meeting in normal form —
text as the app stores it (paragraphs a blank line apart, "- " and "1. " list
entries), item numbers in a page style (SSP/12/25, C 08/042, 12, 4a, 6.1):

* committee name; meeting date, start time, venue, contact; status for
  "agenda published" and "concluded";
* attendance (name, organisation, role, status, substitute_for, arrived/left
  item) in the page's group order: present, officers, in attendance, apologies,
  absent;
* declarations (name, item, category, nature, withdrew, dispensation);
* items: number, title, agenda text, urgent reason, minutes, outcomes (text,
  vote counts; kind as ``infer_kind`` reads the words), actions (text, owner,
  due, status), restriction reason, exempt paragraph, and the documents' titles
  with sizes to the nearest KB.

What does not, because a published page does not carry it (compared after
``_page_fields`` drops it): committee organisation, clerk name, members,
standing items, municipal-year start; the prefix and outcome word (derived
again from the numbers and the outcome lines); meeting and item timings, the
agenda publication date, the approval record ("minutes approved" comes back as
"concluded"); the unplaced-text note (a note to the clerk, not page text);
document file names, page counts and hashes.  A restricted item's text on an
unmarked (published) page comes back as its ``public_summary`` too; the
confidential export heads its page "CONFIDENTIAL – NOT FOR PUBLICATION" and
its restricted text never comes back as a public summary.  For the public view,
``audience_view(import(page), "public")`` equals the view.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sspclerk.core import page_wording as wording
from sspclerk.core.audience import audience_view
from sspclerk.core.dates import council_time
from sspclerk.core.model import (
    Action,
    ActionStatus,
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
    OutcomeKind,
    Role,
)
from sspclerk.core.outcomes import vote_outcome
from sspclerk.export import render_minutes
from sspclerk.export.meeting_json import meeting_to_json
from sspclerk.export.model import CONFIDENTIAL_MARK
from sspclerk.export.moderngov import render_moderngov
from sspclerk.importers.meeting_json import read_meeting_file
from sspclerk.importers.page import import_page_file, import_page_text
from sspclerk.resources import resource_path

from .pagefiles import SAMPLES


def _page_fields(meeting: Meeting) -> dict:
    data = meeting_to_json(meeting)
    c = data["committee"]
    for key in (
        "organisation",
        "clerk_name",
        "members",
        "standing_items",
        "year_start",
        "prefix",
        "outcome_word",
    ):
        c.pop(key)
    # The page prints attendance group by group (Present, Officers, ...); within a
    # group the order is the page's.
    order = list(wording.GROUP_LABELS)
    data["attendance"] = [
        data["attendance"][i]
        for i in sorted(
            range(len(meeting.attendance)),
            key=lambda i: order.index(wording.group_for_export(meeting.attendance[i])),
        )
    ]
    m = data["meeting"]
    for key in ("started_at", "ended_at", "agenda_published_on", "approval", "unplaced_text"):
        m.pop(key)
    for item in data["items"]:
        item.pop("started_at")
        item.pop("ended_at")
        for doc in item["documents"]:
            for key in ("filename", "page_count", "sha256", "attached_at"):
                doc.pop(key)
            if doc["size_bytes"] is not None:
                doc["size_bytes"] = round(doc["size_bytes"] / 1024)
    return data


def rich_meeting() -> Meeting:
    """An invented meeting using every field the page can carry."""
    committee = Committee(name="Ashwell Vale Community Safety Partnership", prefix="AVCSP")
    m = Meeting(
        committee=committee,
        date=dt.date(2025, 9, 17),
        start_time=dt.time(14, 0),
        venue="Room 4, Ashwell Civic Centre",
        contact="Partnership Clerk - Noor Placeholder",
        status=MeetingStatus.CONCLUDED,
        started_at=dt.datetime(2025, 9, 17, 14, 3),
        unplaced_text="a note only the clerk sees",
    )
    m.attendance = [
        Attendance("Cllr Hana Fable", role=Role.CHAIR),
        Attendance("Supt Idris Yarn", "Ashwell Police", Role.VICE_CHAIR),
        Attendance("Jo Parable", "Vale Probation Service", left_at_item="5"),
        Attendance("Kit Legend", "Ashwell Fire", Role.SUBSTITUTE, substitute_for="Lee Myth"),
        Attendance("Cllr Óscar Cuento", arrived_at_item="3"),
        Attendance("Mo Saga", "Community Safety Manager", Role.OFFICER),
        Attendance("Pat Rhyme", "Youth Service", Role.IN_ATTENDANCE),
        Attendance("Lee Myth", "Ashwell Fire", status=AttendanceStatus.APOLOGIES),
        Attendance("Cllr Quin Tale", status=AttendanceStatus.ABSENT),
    ]
    m.items = [
        AgendaItem("1", "Evacuation Procedure", minutes="The evacuation procedure was noted."),
        AgendaItem(
            "2",
            "Declarations of Interest",
            minutes="Declarations were made as recorded at the top of these minutes.",
        ),
        AgendaItem(
            "3",
            "Minutes of the previous meeting",
            agenda_text="To approve the minutes of the meeting held on 18th June 2025.",
            documents=[Document("Minutes of the previous meeting", "minutes.pdf", 96 * 1024)],
            minutes="The minutes were agreed as a true record subject to one correction.",
            outcomes=[Outcome("AGREED", OutcomeKind.APPROVED_WITH_AMENDMENTS)],
        ),
        AgendaItem(
            "4",
            "Street Drinking Pilot",
            agenda_text="To consider the pilot's results.\n\n- Appendix A: map\n- Appendix B: data",
            documents=[
                Document("Street Drinking Pilot", "pilot.pdf", 300 * 1024),
                Document("Appendix A - Map of the pilot area", "map.docx", 48 * 1024),
            ],
            minutes=(
                "Officers introduced the results of the pilot. Points raised:\n\n"
                "- Calls about street drinking fell by a third.\n"
                "- Two venues joined the scheme.\n\n"
                "The three recommendations were:\n\n"
                "1. extend the pilot to the market area;\n"
                "2. report again in March.\n\n"
                "Members welcomed the results — a “real” change."
            ),
            outcomes=[
                Outcome(
                    "RESOLVED that:\n1. the pilot be extended;\n2. a report come back in March.",
                    OutcomeKind.APPROVED,
                ),
                vote_outcome("RESOLVED", "RESOLVED to fund a second officer", 6, 2, 1),
            ],
            actions=[
                Action("Share the pilot map with partners", "Mo Saga", dt.date(2025, 10, 1)),
                Action("Book the March report", status=ActionStatus.DONE),
            ],
        ),
        AgendaItem(
            "5",
            "Late item: Festival Safety Plan",
            urgent_reason="The festival takes place before the next meeting.",
            minutes="The plan was presented & discussed <briefly>.",
            outcomes=[Outcome("The item was withdrawn.", OutcomeKind.WITHDRAWN)],
        ),
        AgendaItem("6", "Any Other Business", minutes="There was no other business."),
    ]
    m.declarations = [
        Declaration(
            "Cllr Hana Fable",
            "4",
            DeclarationCategory.OTHER_REGISTERABLE,
            "a trustee of Vale Street Pastors",
        ),
        Declaration(
            "Supt Idris Yarn",
            "5",
            DeclarationCategory.DISCLOSABLE_PECUNIARY,
            "his spouse runs the festival bar",
            withdrew=True,
        ),
        Declaration("Jo Parable", "4", DeclarationCategory.NON_REGISTERABLE, "", dispensation=True),
        Declaration(
            "Cllr Óscar Cuento",
            "3",
            DeclarationCategory.OTHER,
            "personal interest: a neighbour of the venue",
        ),
    ]
    return m


def _roundtrip(view: Meeting) -> Meeting:
    return import_page_text(render_moderngov(view), "exported page").meeting


def test_rich_meeting_round_trips_exactly() -> None:
    meeting = rich_meeting()
    back = _roundtrip(audience_view(meeting, "confidential"))
    assert _page_fields(back) == _page_fields(meeting)
    assert back.committee.prefix == "AVCSP"  # derived again from the name
    assert back.committee.outcome_word == "RESOLVED"


def test_rich_meeting_page_text_reads_like_a_published_page() -> None:
    page = render_moderngov(rich_meeting())
    assert page.startswith(
        "Agenda and draft minutes\n\nAshwell Vale Community Safety Partnership"
        " - Wednesday 17th September 2025 2.00 pm\n"
    )
    assert "Street Drinking Pilot pdf icon PDF 300 KB" in page
    assert "Appendix A - Map of the pilot area docx icon DOCX 48 KB" in page
    assert "Present: Cllr Hana Fable (Chair), Supt Idris Yarn (Ashwell Police; Vice-Chair)" in page
    assert "Kit Legend (Ashwell Fire) substituting for Lee Myth" in page
    assert "a note only the clerk sees" not in page


def test_agenda_only_meeting_round_trips() -> None:
    meeting = rich_meeting()
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.attendance = []
    meeting.declarations = []
    for item in meeting.items:
        item.minutes = ""
        item.outcomes = []
        item.actions = []
    page = render_moderngov(meeting)
    assert page.startswith("Agenda\n") and "Minutes:" not in page
    back = _roundtrip(meeting)
    assert back.status is MeetingStatus.AGENDA_PUBLISHED
    assert _page_fields(back) == _page_fields(meeting)


@pytest.mark.parametrize("audience", ["public", "confidential"])
@pytest.mark.parametrize(
    "ended_at", [dt.datetime(2025, 9, 17, 16, 10), dt.datetime(2025, 9, 18, 0, 25)]
)
def test_the_closing_time_round_trips(audience, ended_at) -> None:
    meeting = rich_meeting()
    meeting.ended_at = ended_at
    view = audience_view(meeting, audience)
    page = render_moderngov(view)
    sentence = f"The meeting closed at {council_time(ended_at.time())}."
    assert page.rstrip().endswith(sentence)
    back = _roundtrip(view)
    assert back.ended_at == ended_at  # after midnight: the next day
    assert sentence not in back.items[-1].minutes + back.items[-1].public_summary


def test_an_agenda_prints_no_closing_line() -> None:
    meeting = rich_meeting()
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    for item in meeting.items:
        item.minutes = ""
        item.outcomes = []
        item.actions = []
    meeting.ended_at = dt.datetime(2025, 9, 17, 16, 10)
    assert "closed at" not in render_moderngov(meeting)


def test_demo_meeting_round_trips_confidential_and_public() -> None:
    demo = read_meeting_file(resource_path("demo-meeting.json"))
    confidential = audience_view(demo, "confidential")
    assert _page_fields(_roundtrip(confidential)) == _page_fields(demo)
    public = audience_view(demo, "public")
    back = audience_view(_roundtrip(public), "public")
    assert _page_fields(back) == _page_fields(public)
    assert [i.number for i in back.items if i.restricted] == ["SSP/23/25", "SSP/24/25"]


def test_restricted_item_public_page_keeps_reason_paragraph_and_summary_only() -> None:
    meeting = rich_meeting()
    secret = AgendaItem(
        "7",
        "Serious Case Review",
        restricted=True,
        restriction_reason="This item was restricted as it concerns an identifiable person.",
        exempt_paragraph=2,
        public_summary="Members received a review report.\n\nAGREED to note the review.",
        minutes="CANARY-MINUTES the person's name and address were discussed.",
        outcomes=[Outcome("AGREED to note the review and CANARY-OUTCOME.", OutcomeKind.NOTED)],
        actions=[Action("CANARY-ACTION visit the family")],
        documents=[Document("CANARY-DOC report", "", 1024)],
    )
    meeting.items.append(secret)
    meeting.declarations.append(Declaration("Cllr Quin Tale", "7", nature="CANARY-DECLARATION"))
    public = audience_view(meeting, "public")
    page = render_moderngov(public)
    assert "CANARY" not in page
    assert "Exempt information: paragraph 2 of Part 1 of Schedule 12A" in page
    back = audience_view(_roundtrip(public), "public")
    assert _page_fields(back) == _page_fields(public)
    item = back.item("7")
    assert (item.restricted, item.exempt_paragraph) == (True, 2)
    assert item.public_summary == secret.public_summary


def test_confidential_export_of_a_restricted_item_keeps_its_minutes() -> None:
    meeting = rich_meeting()
    meeting.items.append(
        AgendaItem(
            "7",
            "Serious Case Review",
            restricted=True,
            restriction_reason="This item was restricted as it concerns an identifiable person.",
            minutes="The panel's findings were discussed in detail.",
            outcomes=[Outcome("AGREED to note the review.", OutcomeKind.NOTED)],
        )
    )
    back = _roundtrip(audience_view(meeting, "confidential")).item("7")
    assert back.restricted
    assert back.minutes == "The panel's findings were discussed in detail."
    assert [o.text for o in back.outcomes] == ["AGREED to note the review."]


def assert_page_round_trips(first: Meeting) -> None:
    """An imported page, exported as a page and imported again, gives the same meeting.

    A page whose restricted text was not published (typed minutes) goes out as the
    confidential page, as the export writes it, and comes back the same way.
    """
    unpublished = any(
        i.restricted and (i.minutes or i.outcomes) and not i.public_summary for i in first.items
    )
    page = render_moderngov(first, [CONFIDENTIAL_MARK] if unpublished else [])
    again = import_page_text(page, "exported page").meeting
    assert _page_fields(again) == _page_fields(first)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_page_round_trips_through_the_export(sample: Path) -> None:
    assert_page_round_trips(import_page_file(sample).meeting)


@pytest.mark.parametrize("fmt", ["moderngov", "html", "txt"])
def test_the_confidential_page_export_never_becomes_a_public_summary(fmt: str) -> None:
    """Confidential minutes, imported again as a page, keep restricted text out of the public."""
    meeting = rich_meeting()
    meeting.items.append(
        AgendaItem(
            "7",
            "Serious Case Review",
            restricted=True,
            restriction_reason="This item was restricted as it concerns an identifiable person.",
            exempt_paragraph=2,
            minutes="CANARY-MINUTES the person's name and address were discussed.",
            outcomes=[Outcome("AGREED to note CANARY-OUTCOME.", OutcomeKind.NOTED)],
        )
    )
    page = render_minutes(meeting, fmt, "confidential").data.decode("utf-8")
    assert CONFIDENTIAL_MARK in page and "CANARY-MINUTES" in page
    result = import_page_text(page, "confidential page")
    # (the minutes' Word-like layouts come back without item numbers: found by title)
    back = next(i for i in result.meeting.items if i.title.endswith("Serious Case Review"))
    assert (back.restricted, back.public_summary) == (True, "")
    assert "CANARY-MINUTES" in back.minutes
    assert any(line.startswith("Marked confidential") for line in result.placed)
    public = render_minutes(result.meeting, "moderngov", "public").data.decode("utf-8")
    assert "CANARY" not in public and "Serious Case Review" in public


def test_seed_round_trips_through_the_export(seed_path: Path) -> None:
    first = import_page_file(seed_path).meeting
    assert _page_fields(_roundtrip(first)) == _page_fields(first)


def test_an_unnumbered_item_among_numbered_ones_round_trips() -> None:
    meeting = rich_meeting()
    meeting.items.insert(
        5, AgendaItem("", "Late Item From The Chair", minutes="The Chair thanked the officers.")
    )
    back = _roundtrip(meeting)
    assert [(i.number, i.title) for i in back.items][4:7] == [
        ("5", "Late item: Festival Safety Plan"),
        ("", "Late Item From The Chair"),
        ("6", "Any Other Business"),
    ]
    assert _page_fields(back) == _page_fields(meeting)
