"""The neutral minutes document: what each audience is given, worded as councils word it."""

from __future__ import annotations

import datetime as dt

from sspclerk.core.model import Approval, Declaration, DeclarationCategory, MeetingStatus
from sspclerk.export import build_minutes
from sspclerk.export.model import CONFIDENTIAL_MARK, DRAFT_MARK, NO_DECLARATIONS

from .conftest import canary, canary_meeting, small_meeting


def test_heading_block_in_council_style(demo):
    doc = build_minutes(demo, "public")
    assert doc.body == "Safer Stockton Partnership"
    lines = {line.label: line.text for line in doc.heading}
    assert lines["Date"] == "Wednesday 23rd July 2025"
    assert lines["Time"] == "9.00 am"
    assert lines["Venue"].startswith("Council Chamber, Dunedin House")
    assert doc.title == "Safer Stockton Partnership – Draft minutes – Wednesday 23rd July 2025"
    assert doc.author == "John Devine"
    assert doc.language == "en-GB"


def test_items_in_agenda_order_with_outcomes(demo):
    doc = build_minutes(demo, "confidential")
    assert [i.number for i in doc.items] == [i.number for i in demo.items]
    crime = doc.items[3]
    assert crime.title == "Recorded Crime & Disorder Report"
    assert crime.outcomes == ("AGREED to note the report.",)
    assert [b.kind for b in crime.minutes] == ["paragraph", "paragraph", "bullets", "paragraph"]
    assert crime.notes == ("Paper: Recorded Crime & Disorder Report (793 KB)",)


def test_attendance_sections_in_order_and_worded(small):
    doc = build_minutes(small, "public")
    sections = {s.title: s.entries for s in doc.attendance}
    assert list(sections) == [
        "Present",
        "Substitutes",
        "Officers",
        "Also in attendance",
        "Apologies",
    ]
    assert sections["Present"][0] == "Cllr Dafydd Ŵyn (Chair)"
    assert sections["Present"][1] == "Insp. Łucja Nowak (Riverside Police)"
    assert sections["Substitutes"] == ("Sam Okafor substituting for Jo Bell",)
    assert sections["Apologies"] == ("Jo Bell",)


def test_no_attendance_means_no_sections(demo):
    assert build_minutes(demo, "public").attendance == ()


def test_declarations_item_lists_declarations_and_the_item_names_its_own(small):
    doc = build_minutes(small, "public")
    declarations_item = doc.items[1]
    assert declarations_item.declarations == (
        "Insp. Łucja Nowak declared a non-registerable interest in item RCS/4/25 "
        "(her partner runs a licensed venue). They left the room during the item.",
    )
    nte = doc.items[3]
    assert nte.declarations[0].startswith(
        "Insp. Łucja Nowak declared a non-registerable interest ("
    )


def test_no_declarations_sentence_when_there_are_none():
    meeting = small_meeting(declarations=[])
    assert build_minutes(meeting, "public").items[1].declarations == (NO_DECLARATIONS,)
    # …and not twice when the clerk already minuted it (the demo does).
    meeting.items[1].minutes = NO_DECLARATIONS
    assert build_minutes(meeting, "public").items[1].declarations == ()


def test_declaration_wording_per_category(small):
    small.declarations = [
        Declaration("A", "RCS/4/25", DeclarationCategory.DISCLOSABLE_PECUNIARY, dispensation=True)
    ]
    sentence = build_minutes(small, "public").items[3].declarations[0]
    assert (
        sentence == "A declared a disclosable pecuniary interest. A dispensation had been granted."
    )


def test_actions_name_owner_and_due_date(small):
    assert build_minutes(small, "public").items[3].actions == (
        "Circulate the lighting audit – Owner: Priya Shah – By: Saturday 1st November 2025",
    )


def test_draft_until_approved(small):
    assert build_minutes(small, "public").page_marks == (DRAFT_MARK,)
    small.status = MeetingStatus.MINUTES_APPROVED
    small.approval = Approval(dt.date(2025, 12, 3))
    doc = build_minutes(small, "public")
    assert not doc.draft
    assert doc.kind == "Minutes"
    assert doc.page_marks == ()
    assert ("Approved", "as a correct record on Wednesday 3rd December 2025") in [
        (line.label, line.text) for line in doc.heading
    ]


def test_confidential_pages_are_marked_with_the_exemption_paragraphs():
    doc = build_minutes(canary_meeting(), "confidential")
    assert doc.page_marks[0] == CONFIDENTIAL_MARK
    assert "paragraphs 3, 7 of Part 1 of Schedule 12A" in doc.page_marks[1]
    restricted = doc.items[4]
    assert restricted.notes[0].startswith("NOT FOR PUBLICATION – Schedule 12A paragraph 7")


def test_public_restricted_item_is_its_public_record_only():
    doc = build_minutes(canary_meeting(), "public")
    item = doc.items[4]
    assert (item.number, item.title) == ("RCS/5/25", "Restricted matter 5")
    assert item.notes == (
        "Exempt information: paragraph 7 of Part 1 of Schedule 12A to the Local "
        "Government Act 1972",
    )
    assert [b.lines[0] for b in item.minutes] == [
        "Members received a confidential report (item 5).",
        "Item 5 was restricted to protect an investigation.",
    ]
    # Who declared, the category and withdrawal; never the nature.
    assert item.declarations == (
        f"{canary(5, 'declaration_name')} declared a disclosable pecuniary interest.",
    )
    assert item.agenda == item.outcomes == item.actions == ()


def test_public_summary_outcomes_are_outcomes(demo):
    """The demo's restricted items: their decisions print as outcomes (in bold), after
    the summary and the public reason, in the seed's order."""
    items = {i.number: i for i in build_minutes(demo, "public").items}
    iq = items["SSP/23/25"]
    assert [b.lines[0] for b in iq.minutes] == [
        "Members were presented with a restricted report that provided an overview on "
        "crime comparisons against other similar CSPs utilising iQuanta.",
        "This report was a restricted document due to the statistical information only made "
        "available as an intelligence tool for partnerships until released by the Home Office.",
    ]
    assert iq.outcomes == ("AGREED that the report be noted.",)
    assert items["SSP/24/25"].outcomes == ("Agreed that the update be noted.",)
    assert iq.notes == ()  # no Schedule 12A paragraph recorded: no line


def test_author_falls_back_to_the_contact_never_a_library(small):
    small.committee.clerk_name = ""
    assert build_minutes(small, "public").author == "Morwenna Pryce"
    small.contact = ""
    assert build_minutes(small, "public").author == "Riverside Borough Council"


def test_document_is_built_from_the_audience_view(demo):
    public = build_minutes(demo, "public").meeting
    assert public is not demo
    assert public.item("SSP/23/25").minutes == ""
    assert demo.item("SSP/23/25").minutes != ""


def test_confidential_restricted_item_shows_what_the_public_will_read():
    doc = build_minutes(canary_meeting(), "confidential")
    notes = doc.items[4].notes
    assert "Public record: Item 5 was restricted to protect an investigation." in notes
    assert "Public summary: Members received a confidential report (item 5)." in notes
