"""Invented pages in the layouts councils use; each reads to what the page says."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.model import (
    AttendanceStatus,
    DeclarationCategory,
    MeetingStatus,
    OutcomeKind,
    Role,
)
from sspclerk.export.meeting_json import dumps
from sspclerk.importers.meeting_json import loads
from sspclerk.importers.page import UNPLACED_HEADING, import_page_file, import_page_text

from .pagefiles import PAGES


def _read(name: str):
    return import_page_file(PAGES / name)


def test_dot_numbers_with_attendance_at_the_top_and_clutter() -> None:
    result = _read("harbourside-dot-numbers.txt")
    m = result.meeting
    assert m.committee.name == "Harbourside Community Safety Board"
    assert (m.date, m.start_time) == (dt.date(2025, 3, 4), dt.time(18, 30))
    assert m.status is MeetingStatus.CONCLUDED
    assert m.contact == "Committee Services - Mira Pennock"
    assert [i.number for i in m.items] == ["1", "2", "3", "4", "5", "6", "7"]
    # clutter is gone from every text field
    everything = dumps(m)
    for clutter in ("Share this item", "view the full minutes", "accessible", "Skip to main"):
        assert clutter not in everything
    assert result.unplaced == []
    present = [a for a in m.attendance if a.status is AttendanceStatus.PRESENT]
    assert [(a.name, a.organisation, a.role) for a in present[:3]] == [
        ("Cllr Ann Example", "", Role.CHAIR),
        ("Cllr Bryn Sample", "", Role.MEMBER),
        ("Inspector Tom Dockett", "Northfield Police", Role.MEMBER),
    ]
    assert [a.name for a in m.attendance if a.role is Role.OFFICER] == ["Gail Ledger", "Owen Marsh"]
    apologies = [
        (a.name, a.organisation) for a in m.attendance if a.status is AttendanceStatus.APOLOGIES
    ]
    assert apologies == [("Cllr Carys Nobody", ""), ("Sam Offshore", "Coastline Fire and Rescue")]


def test_declarations_with_categories_are_read_from_the_declarations_item() -> None:
    m = _read("harbourside-dot-numbers.txt").meeting
    assert [(d.name, d.item, d.category, d.withdrew) for d in m.declarations] == [
        ("Cllr Bryn Sample", "4", DeclarationCategory.NON_REGISTERABLE, False),
        ("Inspector Tom Dockett", "5", DeclarationCategory.DISCLOSABLE_PECUNIARY, True),
    ]
    assert m.declarations[1].nature.startswith("his partner owns")
    # the minuted words stay in the item as well
    assert "declared a disclosable pecuniary interest" in m.item("2").minutes


def test_decision_before_minutes_gives_one_outcome_and_documents_belong_to_the_item() -> None:
    item = _read("harbourside-dot-numbers.txt").meeting.item("4")
    assert item.title == "Youth Outreach Grants"
    assert [(d.title, d.size_bytes) for d in item.documents] == [
        ("Youth Outreach Grants", 210 * 1024),
        ("Appendix A - Grant Criteria", 48 * 1024),
    ]
    assert [o.text for o in item.outcomes] == [
        "RESOLVED that the three grants listed in the report be approved."
    ]
    assert item.minutes.endswith("officers confirmed that they would.")
    assert "- Eleven applications had been received.\n- Three met every criterion." in item.minutes


def test_numbered_list_in_minutes_is_not_an_item_and_actions_are_read() -> None:
    item = _read("harbourside-dot-numbers.txt").meeting.item("5")
    assert "1. Street lighting on Anchor Lane\n2. Taxi marshalling at weekends" in item.minutes
    assert "Officers agreed to bring a follow-up note" in item.minutes
    assert [(o.text, o.kind) for o in item.outcomes] == [
        ("The Board AGREED to note the review.", OutcomeKind.NOTED)
    ]
    assert [(a.text, a.owner) for a in item.actions] == [
        ("Circulate the taxi marshalling rota", "Gail Ledger")
    ]
    assert item.documents[0].size_bytes == 1024 * 1024


def test_restricted_item_flagged_with_its_paragraph() -> None:
    item = _read("harbourside-dot-numbers.txt").meeting.item("6")
    assert item.restricted
    assert item.exempt_paragraph == 1
    assert item.restriction_reason.startswith("This item was restricted under paragraph 1")
    assert item.minutes == "The Board received an update on the findings of a case review panel."
    assert item.public_summary == (
        "The Board received an update on the findings of a case review panel.\n\n"
        "RESOLVED that the findings be noted."
    )
    others = [i.number for i in _read("harbourside-dot-numbers.txt").meeting.items if i.restricted]
    assert others == ["6"]


def test_letter_space_numbers_resolved_lists_votes_and_attendance_at_the_end() -> None:
    result = _read("ferrydale-letter-numbers.txt")
    m = result.meeting
    assert m.committee.name == "Ferrydale Town Council Planning Committee"
    assert m.committee.prefix == "C"
    assert m.committee.outcome_word == "RESOLVED"
    assert [i.number for i in m.items] == [f"C 08/04{n}" for n in range(1, 6)]
    assert m.item("C 08/043").outcomes[0].text == (
        "RESOLVED that:\n1. the Committee raises no objection to the application;\n"
        "2. the Clerk informs the planning authority of this decision."
    )
    vote = m.item("C 08/044").outcomes[0]
    assert (vote.kind, vote.votes_for, vote.votes_against, vote.abstentions) == (
        OutcomeKind.VOTE,
        5,
        1,
        1,
    )
    # the attendance lists at the end are not minutes of the last item
    assert m.item("C 08/045").minutes == "The next meeting will be held on Monday 9th June 2025."
    assert [(a.name, a.role, a.status) for a in m.attendance] == [
        ("Cllr Isla Madeup", Role.CHAIR, AttendanceStatus.PRESENT),
        ("Cllr Jonah Notreal", Role.VICE_CHAIR, AttendanceStatus.PRESENT),
        ("Cllr Pat Imaginary", Role.MEMBER, AttendanceStatus.PRESENT),
        ("Rowan Quill", Role.IN_ATTENDANCE, AttendanceStatus.PRESENT),
        ("Cllr Wren Fictive", Role.MEMBER, AttendanceStatus.APOLOGIES),
    ]
    assert m.declarations == []


def test_bracketed_numbers_on_an_agenda_only_page() -> None:
    m = _read("moorvale-paren-agenda.txt").meeting
    assert m.status is MeetingStatus.AGENDA_PUBLISHED
    assert [i.number for i in m.items] == ["199", "200", "201", "202", "203"]
    assert m.item("201").documents[0].title.startswith("Application for a premises licence")
    assert m.item("201").agenda_text == "To determine the application."
    # the exclusion resolution is about the next item, not itself
    assert not m.item("202").restricted
    assert "exclude the press and public" in m.item("202").agenda_text
    assert m.item("203").restricted and m.item("203").exempt_paragraph == 7
    assert all(not i.minutes and not i.outcomes for i in m.items)


def test_letter_and_decimal_numbers_with_decision_text() -> None:
    m = _read("westmere-decimal-decisions.txt").meeting
    assert [i.number for i in m.items] == ["4a", "4b", "6.1", "6.2"]
    assert [(o.text, o.kind) for o in m.item("4b").outcomes] == [
        ("That round two be deferred to the June meeting.", OutcomeKind.DEFERRED)
    ]
    assert m.item("4b").minutes == ""
    assert len(m.item("6.1").outcomes) == 1  # Decision and Minutes say the same
    assert m.item("6.2").outcomes[0].text == "AGREED to note the register."


def test_unnumbered_items_are_split_at_their_titles() -> None:
    result = _read("linnet-unnumbered.txt")
    m = result.meeting
    assert [(i.number, i.title) for i in m.items] == [
        ("", "Welcome and Introductions"),
        ("", "Speeding on Orchard Road"),
        ("", "Litter Pick Volunteers"),
    ]
    assert m.items[2].agenda_text == "To receive an update from the volunteer coordinator"
    assert (
        m.items[1].outcomes[0].text == "Members AGREED to ask the highways team for a speed survey."
    )
    assert m.committee.prefix == "LVNF"
    assert any("without a number" in line for line in result.placed)


def test_saved_html_page_reads_like_its_text_copy() -> None:
    result = _read("kestrel-saved-page.html")
    m = result.meeting
    assert m.committee.name == "Kestrel Fields Scrutiny Panel"
    assert m.contact == "Scrutiny Officer - Łucja Brennan"
    assert [i.number for i in m.items] == ["8", "9", "10"]
    parks = m.item("9")
    assert parks.title == "Parks & Open Spaces Review"
    assert parks.documents[0].size_bytes == 420 * 1024
    assert (
        "- the new wildflower meadows at Heron Park;\n- longer opening hours for the café"
        in parks.minutes
    )
    assert parks.outcomes[0].text.startswith("RESOLVED that the review be noted")
    assert m.item("10").restricted
    assert "commercially sensitive" in m.item("10").restriction_reason
    assert [(d.name, d.item, d.category) for d in m.declarations] == [
        ("Cllr Dafydd Ffug", "10", DeclarationCategory.OTHER_REGISTERABLE)
    ]
    assert [a.name for a in m.attendance] == [
        "Cllr Dafydd Ffug",
        "Cllr Zofia Przykład",
        "Cllr Eero Esimerkki",
        "Nia Tester",
    ]
    for junk in ("dataLayer", "font-weight", "Home", "Cookies", "Share this item"):
        assert junk not in dumps(m)


def test_text_that_fits_nowhere_goes_to_the_unplaced_note_and_the_report() -> None:
    page = (PAGES / "linnet-unnumbered.txt").read_text(encoding="utf-8")
    page = page.replace(
        "Venue: Linnet Valley Village Hall",
        "Venue: Linnet Valley Village Hall\n\nRefreshments kindly provided by the Bowls Club",
    )
    result = import_page_text(page, "linnet.txt")
    assert result.unplaced == ["Refreshments kindly provided by the Bowls Club"]
    assert result.meeting.unplaced_text.startswith(UNPLACED_HEADING)
    assert result.meeting.unplaced_text.endswith("Refreshments kindly provided by the Bowls Club")
    # the note survives the JSON file and the store's checks on it
    assert loads(dumps(result.meeting)).unplaced_text == result.meeting.unplaced_text


@pytest.mark.parametrize(
    ("line", "time"),
    [
        ("Harbourside Board - Tuesday 4th March 2025 6.30 pm", dt.time(18, 30)),
        ("Harbourside Board, Tuesday, 4 March 2025, 10am", dt.time(10, 0)),
        ("Harbourside Board – March 4, 2025 at 14:15", dt.time(14, 15)),
        ("Harbourside Board - 04/03/2025 12 noon", dt.time(12, 0)),
    ],
)
def test_committee_line_variants(line: str, time: dt.time) -> None:
    page = f"Agenda and minutes\n\n{line}\n\n1.\n\nWelcome\n\nMinutes:\n\nThe Chair welcomed all.\n"
    m = import_page_text(page, "x").meeting
    assert (m.committee.name, m.date, m.start_time) == (
        "Harbourside Board",
        dt.date(2025, 3, 4),
        time,
    )


def test_committee_name_on_its_own_line_above_the_date() -> None:
    page = "Agenda\n\nHarbourside Board\n\nTuesday 4th March 2025 6.30 pm\n\n1.\n\nWelcome\n"
    m = import_page_text(page, "x").meeting
    assert m.committee.name == "Harbourside Board"
    assert [i.title for i in m.items] == ["Welcome"]


def test_apologies_minuted_in_the_apologies_item_become_attendance() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nApologies for Absence\n\nMinutes:\n\n"
        "Apologies for absence were received from Cllr Vera Untrue, Dr Ike Notion "
        "(Harbour Health) and Cllr Vera Untrue.\n\n"
        "2.\n\nAny Other Business\n\nMinutes:\n\nNone.\n\n"
        "Copyright Harbourside Council 2025\n"
    )
    m = import_page_text(page, "x").meeting
    assert [(a.name, a.organisation, a.status) for a in m.attendance] == [
        ("Cllr Vera Untrue", "", AttendanceStatus.APOLOGIES),
        ("Dr Ike Notion", "Harbour Health", AttendanceStatus.APOLOGIES),
    ]
    assert m.item("1").minutes.startswith("Apologies for absence were received")
    assert m.item("2").minutes == "None."


def test_meeting_papers_after_the_last_item_are_not_that_items_documents() -> None:
    page = (PAGES / "harbourside-dot-numbers.txt").read_text(encoding="utf-8")
    page += (
        "\nDocuments\n\nAgenda frontsheet pdf icon PDF 150 KB\n\n"
        "Agenda reports pack pdf icon PDF 2 MB\n\nPrinted minutes pdf icon PDF 120 KB\n"
    )
    result = import_page_text(page, "x")
    assert result.meeting.item("7").documents == []
    assert result.unplaced == [
        "Agenda frontsheet pdf icon PDF 150 KB",
        "Agenda reports pack pdf icon PDF 2 MB",
        "Printed minutes pdf icon PDF 120 KB",
    ]


def test_a_sentence_after_the_attendance_list_is_not_a_person() -> None:
    page = (PAGES / "ferrydale-letter-numbers.txt").read_text(encoding="utf-8")
    page += "The meeting closed at 8.15 pm\n"
    result = import_page_text(page, "x")
    assert "The meeting closed at 8.15 pm" not in [a.name for a in result.meeting.attendance]
    # the attendance lines are lifted out; the closing line becomes the closing time
    assert result.meeting.ended_at is not None
    assert result.meeting.ended_at.time() == dt.time(20, 15)
    assert "closed" not in result.meeting.item("C 08/045").minutes
    assert len(result.meeting.attendance) == 5


def test_html_page_with_the_meeting_only_in_the_tab_title() -> None:
    html = (PAGES / "kestrel-saved-page.html").read_text(encoding="utf-8")
    html = html.replace(
        '<h2 class="mgSubTitleTxt">Kestrel Fields Scrutiny Panel - Thursday 19th June 2025 6.00 pm</h2>',
        "",
    )
    m = import_page_text(html, "saved.html").meeting
    assert (m.committee.name, m.date, m.start_time) == (
        "Kestrel Fields Scrutiny Panel",
        dt.date(2025, 6, 19),
        dt.time(18, 0),
    )
    assert [i.number for i in m.items] == ["8", "9", "10"]


def test_declarations_none_line_in_minutes_stays_in_the_minutes() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nDeclarations of Interest\n\nMinutes:\n\nDeclarations of interest: none.\n"
    )
    m = import_page_text(page, "x").meeting
    assert m.item("1").minutes == "Declarations of interest: none."
    assert m.declarations == []


def test_items_under_a_part_b_heading_are_flagged_restricted() -> None:
    page = (
        "Agenda\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "PART A - PUBLIC ITEMS\n\n1.\n\nWelcome\n\n2.\n\nBudget Update\n\n"
        "PART B - ITEMS NOT FOR PUBLICATION\n\n3.\n\nStaffing Matter\n\n"
        "To consider a staffing matter.\n"
    )
    result = import_page_text(page, "x")
    m = result.meeting
    assert [(i.number, i.restricted) for i in m.items] == [("1", False), ("2", False), ("3", True)]
    assert m.item("2").agenda_text == ""  # the heading is not item 2's text
    assert any("flagged restricted" in line for line in result.placed)


def test_an_item_titled_private_business_keeps_its_title() -> None:
    page = (
        "Agenda\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nWelcome\n\n2.\n\nPrivate Business\n\nTo note any private business.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [(i.title, i.restricted) for i in m.items] == [
        ("Welcome", False),
        ("Private Business", False),
    ]


def test_pasted_control_characters_and_many_scripts() -> None:
    page = (
        "Agenda and minutes\n\nCyngor Tref Ŵyddgrug Committee - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nCroeso / Καλώς ήρθατε / Добро пожаловать 🎉\n\nMinutes:\n\n"
        "Members met in Neuadd y Dref\x0bwith the Mayor.\x07 Costs < £5 & rising.\n\n"
        "RESOLVED that Łódź twinning be noted. 👍\n"
    )
    m = import_page_text(page, "x").meeting
    item = m.item("1")
    assert m.committee.name == "Cyngor Tref Ŵyddgrug Committee"
    assert item.title == "Croeso / Καλώς ήρθατε / Добро пожаловать 🎉"
    assert item.minutes == "Members met in Neuadd y Dref\n\nwith the Mayor. Costs < £5 & rising."
    assert item.outcomes[0].text == "RESOLVED that Łódź twinning be noted. 👍"
    assert loads(dumps(m)).item("1").title == item.title


def test_an_item_titled_minutes_on_an_agenda_page_is_not_the_page_title() -> None:
    page = (
        "Harbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nWelcome\n\n2.\n\nMinutes\n\nTo approve the minutes of the last meeting.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [i.title for i in m.items] == ["Welcome", "Minutes"]
    assert m.status is MeetingStatus.AGENDA_PUBLISHED
