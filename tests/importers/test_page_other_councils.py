"""Pages shaped the way other councils publish them, read back from real files.

Each sample under pages/ is invented (committee, people and text); the layouts
follow what councils' websites and PDF minutes look like.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.model import AttendanceStatus, DeclarationCategory, MeetingStatus, Role
from sspclerk.export.meeting_json import dumps
from sspclerk.importers.page import import_page_file, import_page_text

from .pagefiles import PAGES


def test_cabinet_decisions_with_reasons_alternatives_and_a_lettered_resolution() -> None:
    result = import_page_file(PAGES / "saltmarsh-cabinet.txt")
    m = result.meeting
    assert (m.committee.name, m.date, m.start_time) == (
        "Saltmarsh District Council Cabinet",
        dt.date(2025, 9, 9),
        dt.time(17, 30),
    )
    assert m.venue == "The Chamber, Saltmarsh House, Tidewater Road, Saltmarsh SM4 2XY"
    assert [i.number for i in m.items] == ["41", "42", "43", "44", "45", "46"]
    lido = m.item("44")
    # "(c) ..." is a resolution's third part, not a copyright line
    assert [o.text for o in lido.outcomes] == [
        "RESOLVED that:\n"
        "(a) the business case for the refurbishment of Saltmarsh Lido be approved;\n"
        "(b) £1.2m be added to the capital programme for 2025/26, funded from borrowing;\n"
        "(c) authority be delegated to the Director of Place, in consultation with the "
        "Portfolio Holder, to award the works contract."
    ]
    # the reasons and the alternatives explain the decision: text, not outcomes
    assert lido.minutes.startswith(
        "Reasons for the decision:\n\nThe Lido is closed for safety reasons"
    )
    assert "Alternative options considered:\n\nClosing the Lido permanently" in lido.minutes
    assert [d.title for d in lido.documents] == [
        "Lido Refurbishment Business Case",
        "Appendix A - Condition Survey",
        "Appendix B - Equality Impact Assessment",
    ]
    # the website's decision record details are kept, apart from the minutes
    assert "Wards affected" not in lido.minutes
    assert result.unplaced[-1].startswith(
        "Decision details for item 44: Wards affected: Tidewater; Saltmarsh North; "
        "Lead officer: Director of Place"
    )
    assert [o.text for o in m.item("46").outcomes] == [
        "RESOLVED that performance for the first quarter be noted."
    ]
    # breadcrumb and map link are website furniture
    assert not any("Home >" in line or "View directions" in line for line in result.unplaced)


def test_cabinet_exempt_paragraph_3_item_with_the_press_excluded() -> None:
    item = import_page_file(PAGES / "saltmarsh-cabinet.txt").meeting.item("45")
    assert item.restricted and item.exempt_paragraph == 3
    # both reasons are restriction reasons; what remains is the minuted discussion
    assert item.restriction_reason == (
        "This item contains exempt information under paragraph 3 of Part 1 of Schedule 12A "
        "to the Local Government Act 1972 (information relating to the financial or business "
        "affairs of any particular person).\n\n"
        "The public and press were excluded from the meeting for this item."
    )
    assert item.minutes == (
        "Cabinet considered the tender evaluation and the risks set out in the exempt report."
    )
    # the public record: minutes first, then the decision, each once
    assert item.public_summary == (
        "Cabinet considered the tender evaluation and the risks set out in the exempt report.\n\n"
        "RESOLVED that the contract be awarded to the preferred bidder as set out in the "
        "exempt report."
    )


def test_councillors_list_at_the_end_with_roles_inside_organisation_brackets() -> None:
    m = import_page_file(PAGES / "saltmarsh-cabinet.txt").meeting
    present = [
        (a.name, a.organisation, a.role)
        for a in m.attendance
        if a.status is AttendanceStatus.PRESENT and a.role in (Role.CHAIR, Role.MEMBER)
    ]
    assert present == [
        ("Councillor Harriet Bellwether", "Leader", Role.CHAIR),
        ("Councillor Aled Spindrift", "", Role.MEMBER),
        ("Councillor Bea Quillon", "", Role.MEMBER),
        ("Councillor Omar Quint", "", Role.MEMBER),
        ("Councillor Tamsin Reedbed", "", Role.MEMBER),
    ]
    assert [a.name for a in m.attendance if a.status is AttendanceStatus.APOLOGIES] == [
        "Councillor Petra Moorhen"
    ]
    assert [(d.name, d.item, d.category, d.withdrew) for d in m.declarations] == [
        ("Councillor Aled Spindrift", "44", DeclarationCategory.NON_REGISTERABLE, False),
        ("Councillor Bea Quillon", "45", DeclarationCategory.DISCLOSABLE_PECUNIARY, True),
    ]


def test_parish_minutes_pasted_from_a_pdf() -> None:
    result = import_page_file(PAGES / "thornwick-parish-pdf-paste.txt")
    m = result.meeting
    # "Minutes of the Meeting of X held on DATE at TIME" + venue on the wrapped line
    assert (m.committee.name, m.date, m.start_time) == (
        "Thornwick Parish Council",
        dt.date(2025, 5, 12),
        dt.time(19, 30),
    )
    assert m.venue == "the Jubilee Room, Thornwick Village Hall"
    assert m.status is MeetingStatus.CONCLUDED
    assert [i.number for i in m.items] == [f"23/{n}" for n in range(140, 148)]
    # no "Minutes:" labels: the text under each minute number is its minutes
    assert m.item("23/142").minutes == (
        "The minutes of the meeting held on 14th April 2025, having been circulated, were "
        "approved as a correct record and signed by the Chairman."
    )
    assert all(not i.agenda_text for i in m.items)
    # a sentence wrapped across the page break is one paragraph again
    assert m.item("23/143").minutes == (
        "A resident raised the condition of the footpath between Mill Lane and the church. "
        "The Clerk will report it to the highway authority."
    )
    finance = m.item("23/144")
    assert "b) The bank reconciliation" in finance.minutes
    assert "£288.00\n\nb)" in finance.minutes  # a lettered entry is not joined on
    assert [o.text for o in finance.outcomes] == [
        "It was RESOLVED to approve the payments listed above. Proposed Cllr Oddament, "
        "seconded Cllr Tumbleweed, all in favour."
    ]
    # an outcome sentence inside a paragraph is cut out of it, word for word
    allotments = m.item("23/145")
    assert [o.text for o in allotments.outcomes] == [
        "Following discussion it was RESOLVED that rents remain at £25 per plot."
    ]
    assert "The Council considered the allotment rents for 2025/26." in allotments.minutes
    # page numbers and the signature block are furniture
    assert not any("Page" in line or "Signed" in line for line in result.unplaced)
    assert "Page 2 of 3" not in m.item("23/146").minutes


def test_pdf_paste_attendance_wrapped_after_a_title_invents_nobody() -> None:
    result = import_page_file(PAGES / "thornwick-parish-pdf-paste.txt")
    m = result.meeting
    assert [(a.name, a.role) for a in m.attendance if a.status is AttendanceStatus.PRESENT] == [
        ("Cllr M. Fernhollow", Role.CHAIR),
        ("Cllr D. Brackenridge", Role.MEMBER),
        ("Cllr S. Wildgoose", Role.MEMBER),
        ("Cllr P. Oddament", Role.MEMBER),
        ("Cllr R. Tumbleweed", Role.MEMBER),
        ("Mrs L. Inkwell", Role.IN_ATTENDANCE),
    ]
    # "3 members of the public" is not a person: kept for the clerk
    assert result.unplaced == ["In attendance: 3 members of the public"]
    assert [(d.name, d.item, d.nature) for d in m.declarations] == [
        ("Cllr Wildgoose", "23/145", "personal interest: a member of the allotment society")
    ]


def test_a_lone_title_is_not_a_person() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Present: Cllr Ann Example, Cllr\n\n1.\n\nWelcome\n\nMinutes:\n\nThe Chair welcomed all.\n"
    )
    result = import_page_text(page, "x")
    assert [a.name for a in result.meeting.attendance] == ["Cllr Ann Example"]
    assert result.unplaced == ["Present: Cllr"]


def test_saved_licensing_page_in_windows_1252_with_banner_tables_and_exclusion() -> None:
    path = PAGES / "harbourside-licensing-saved.html"
    assert b"\r\n" in path.read_bytes() and b"\x92" in path.read_bytes()  # cp1252 ’, CRLF
    result = import_page_file(path)
    m = result.meeting
    assert (m.committee.name, m.date, m.start_time) == (
        "Harbourside Licensing Sub-Committee",
        dt.date(2025, 3, 14),
        dt.time(10, 0),
    )
    assert m.contact == "Licensing Clerk – Rosé O’Callaghan  Email: licensing@example.org"
    assert m.venue == "Committee Room 3, Harbour House, Pier Street, Harbourside HB2 7RT"
    # the numbers in the table of representations are not items
    assert [i.number for i in m.items] == ["1", "2", "3", "4", "5"]
    salty = m.item("3")
    assert salty.title == "Application for a New Premises Licence – ‘The Salty Dog’, 3 Pier Street"
    assert [(d.title, d.size_bytes) for d in salty.documents] == [
        (salty.title, 1024 * 1024),
        ("Appendix A – Application Form", 512 * 1024),
        ("Appendix B – Representations", 205 * 1024),
    ]
    assert (
        "From | Number | Licensing objective\n\nResidents | 7 | Prevention of public nuisance\n\n"
        "Police | 1 | Prevention of crime and disorder"
    ) in salty.minutes
    assert salty.minutes.endswith("the licensing objectives would be promoted.")
    # cookie banner, menus, logo, breadcrumb, share links and the table header are furniture
    assert result.unplaced == []
    text = dumps(m)
    for junk in ("cookies", "Bins and recycling", "logo", "Share this item", "No. | Item", "_paq"):
        assert junk not in text
    # "were excluded … for this item" restricts the item; the resolution item is public
    assert [(i.number, i.restricted) for i in m.items][3:] == [("4", False), ("5", True)]
    assert m.item("5").exempt_paragraph == 1
    assert m.item("1").minutes == ""  # "Share this item view the full minutes text …" dropped
    assert [(a.name, a.role) for a in m.attendance][:2] == [
        ("Councillor Mabli Seaholly", Role.CHAIR),
        ("Councillor Ifan Driftwood", Role.MEMBER),
    ]
    assert [(a.name, a.organisation) for a in m.attendance if a.role is Role.OFFICER] == [
        ("Rosé O’Callaghan", "Licensing Clerk"),
        ("Tobiah Keel", "Legal Adviser"),
    ]


def test_the_item_after_a_resolution_to_exclude_the_public_is_flagged() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nWelcome\n\nMinutes:\n\nThe Chair welcomed all.\n\n"
        "2.\n\nExclusion of the Public\n\nMinutes:\n\nRESOLVED that the press and public be "
        "excluded from the meeting for the following items under paragraph 3 of Part 1 of "
        "Schedule 12A.\n\n3.\n\nLand Sale\n\nMinutes:\n\nThe Board considered offers.\n\n"
        "4.\n\nStaffing\n\nMinutes:\n\nThe Board noted the structure.\n"
    )
    result = import_page_text(page, "x")
    assert [(i.number, i.restricted) for i in result.meeting.items] == [
        ("1", False),
        ("2", False),
        ("3", True),
        ("4", True),
    ]
    assert sum("follows the resolution to exclude" in line for line in result.placed) == 2
    one = page.replace("following items", "following item")
    flagged = [i.restricted for i in import_page_text(one, "x").meeting.items]
    assert flagged == [False, False, True, False]


def test_scrutiny_sub_items_decision_first_and_attendance_at_the_end() -> None:
    result = import_page_file(PAGES / "oakridge-scrutiny-subitems.txt")
    m = result.meeting
    # committee on one line, date and time on the next
    assert (m.committee.name, m.date, m.start_time) == (
        "Oakridge Overview and Scrutiny Committee",
        dt.date(2025, 11, 20),
        dt.time(19, 0),
    )
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Apologies for Absence and Substitutions"),
        ("2", "Declarations of Interest"),
        ("3", "Minutes of the previous meeting held on 16th October 2025"),
        ("4", "Call-in of Executive Decisions"),
        ("4a", "School Transport Policy Call-in"),
        ("4b", "Library Opening Hours Call-in"),
        ("5", "Scrutiny Work Programme 2025/26"),
        ("6", "Task and Finish Group Reports"),
        ("6.1", "Bus Services Task Group"),
        ("6.2", "Flood Resilience Task Group"),
    ]
    callin = m.item("4a")
    vote = callin.outcomes[0]
    assert (vote.votes_for, vote.votes_against, vote.abstentions) == (6, 3, 0)
    assert callin.minutes.startswith("The lead signatory explained")
    assert [(d.item, d.category) for d in m.declarations] == [
        ("4a", DeclarationCategory.OTHER_REGISTERABLE),
        ("6.1", DeclarationCategory.NON_REGISTERABLE),
    ]
    assert result.unplaced == []


def test_councillors_after_semicolons_each_get_the_title_and_the_substitute_is_read() -> None:
    m = import_page_file(PAGES / "oakridge-scrutiny-subitems.txt").meeting
    present = [a for a in m.attendance if a.status is AttendanceStatus.PRESENT]
    assert [(a.name, a.role) for a in present[:6]] == [
        ("Councillor Ophelia Quarry", Role.CHAIR),
        ("Councillor Neve Bramble", Role.VICE_CHAIR),
        ("Councillor Fergus Tansy", Role.MEMBER),
        ("Councillor Ishaan Cobble", Role.MEMBER),
        ("Councillor Winifred Larch", Role.MEMBER),
        ("Councillor Rupert Sallow", Role.SUBSTITUTE),
    ]
    assert present[5].substitute_for == "Councillor Delphine Marsh"
    assert [a.name for a in m.attendance if a.status is AttendanceStatus.APOLOGIES] == [
        "Councillor Delphine Marsh"
    ]


def test_a_stray_number_does_not_swallow_the_items_after_it() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nWelcome\n\nMinutes:\n\nThe Chair welcomed all.\n\n"
        "2.\n\nBudget\n\nMinutes:\n\nThe Board counted the votes:\n\n9\n\nin favour.\n\n"
        "3.\n\nParks\n\nMinutes:\n\nNoted.\n\n4.\n\nAny Other Business\n\nMinutes:\n\nNone.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [i.number for i in m.items] == ["1", "2", "3", "4"]
    assert m.item("2").minutes == "The Board counted the votes:\n\n9\n\nin favour."


def test_cmis_style_agenda_with_labelled_header_and_tab_separated_table() -> None:
    result = import_page_file(PAGES / "quarrybank-cmis-agenda.txt")
    m = result.meeting
    # "Date:" and "Time:" labels under the committee name
    assert (m.committee.name, m.date, m.start_time) == (
        "Audit and Governance Committee",
        dt.date(2025, 10, 14),
        dt.time(14, 0),
    )
    assert m.venue == "Committee Room 1, Quarrybank Civic Offices, Slate Street"
    assert m.status is MeetingStatus.AGENDA_PUBLISHED
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Apologies for absence"),
        ("2", "Declarations of interest"),
        ("3", "Minutes of the meeting held on 8 July 2025"),
        ("4", "Internal Audit Progress Report"),
        ("5", "Annual Governance Statement 2024/25"),
        ("6", "Counter Fraud Update (Not for publication)"),
        ("7", "Date of next meeting"),
    ]
    # "(PDF, 245KB)" and "[PDF 410 KB]" belong to documents, not titles
    assert [(d.title, d.size_bytes) for d in m.item("4").documents] == [
        ("Report", round(1.2 * 1024 * 1024)),
        ("Appendix 1 - Audit Plan Tracker", 300 * 1024),
    ]
    assert m.item("4").agenda_text == "To note progress against the 2025/26 internal audit plan."
    assert [(d.title, d.size_bytes) for d in m.item("5").documents] == [
        ("Annual Governance Statement", 410 * 1024)
    ]
    assert m.item("6").restricted and m.item("6").exempt_paragraph == 7
    assert m.item("7").agenda_text == "Tuesday 13 January 2026 at 2.00 pm"
    # on an agenda page "Members:" is the committee's membership, not attendance
    assert m.attendance == []
    assert [(p.name, p.role) for p in m.committee.members] == [
        ("Cllr Gideon Slate", Role.CHAIR),
        ("Cllr Hester Flint", Role.VICE_CHAIR),
        ("Cllr Ivo Marl", Role.MEMBER),
        ("Mr Jasper Chalk", Role.MEMBER),
    ]
    assert result.unplaced == [
        "Quarrybank Metropolitan Borough Council",
        "Meetings, agendas and minutes",
    ]


def test_members_label_on_a_minutes_page_is_who_attended() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Members: Cllr Ann Example (Chair), Cllr Bryn Sample\n\n"
        "1.\n\nWelcome\n\nMinutes:\n\nThe Chair welcomed all.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [(a.name, a.status) for a in m.attendance] == [
        ("Cllr Ann Example", AttendanceStatus.PRESENT),
        ("Cllr Bryn Sample", AttendanceStatus.PRESENT),
    ]
    assert m.committee.members == []


def test_a_numbered_list_copied_with_a_tab_stays_a_list() -> None:
    page = (
        "Agenda and minutes\n\nSafer Harbourside Partnership - Tuesday 4th March 2025 6.30 pm\n\n"
        "SHP/1/25\n\nPriorities\n\nMinutes:\n\nThe priorities were:\n\n"
        "1.\tPrevention\n2.\tEnforcement\n\nAGREED to note the priorities.\n"
    )
    item = import_page_text(page, "x").meeting.item("SHP/1/25")
    assert item.minutes == "The priorities were:\n\n1. Prevention\n2. Enforcement"


def test_bracketed_minute_numbers_capital_titles_and_a_declarations_list() -> None:
    result = import_page_file(PAGES / "brackenmoor-paren-minutes.txt")
    m = result.meeting
    assert (m.committee.name, m.start_time) == (
        "Brackenmoor Health and Wellbeing Board",
        dt.time(14, 0),
    )
    assert [i.number for i in m.items] == ["112", "113", "114", "115", "116", "117"]
    assert m.item("114").title == "JOINT LOCAL HEALTH AND WELLBEING STRATEGY REFRESH"
    assert [o.text for o in m.item("114").outcomes] == [
        "RESOLVED – That:\n"
        "1. The refreshed strategy be endorsed and recommended to partner organisations for "
        "adoption.\n"
        "2. The Director of Public Health report progress against the outcome measures to the "
        "Board in June 2026."
    ]
    assert "- Best start in life\n- Healthy weight and active lives" in m.item("114").minutes
    assert [(d.title, d.size_bytes) for d in m.item("116").documents] == [
        ("BETTER CARE FUND QUARTER 2 RETURN", 156 * 1024),
        ("BCF Q2 Template", 84 * 1024),
    ]
    # PRESENT / IN ATTENDANCE / APOLOGIES in capitals, organisations in brackets
    assert [(a.name, a.organisation) for a in m.attendance][1:3] == [
        ("Dr Kwame Asante-Birch", "Brackenmoor Integrated Care Board"),
        ("Superintendent Ruth Gallow", "Fellshire Police"),
    ]
    assert [(d.name, d.item, d.category) for d in m.declarations] == [
        ("Dr Kwame Asante-Birch", "114", DeclarationCategory.OTHER_REGISTERABLE),
        ("Mr Piotr Wiśniewski", "115", DeclarationCategory.NON_REGISTERABLE),
    ]
    assert result.unplaced == []


def test_minutes_from_a_pdf_held_at_a_venue_with_a_present_heading() -> None:
    result = import_page_file(PAGES / "marrowby-licensing-pdf-paste.txt")
    m = result.meeting
    # "MINUTES of a meeting of the X held at VENUE on DATE at TIME"; the name printed in
    # capitals is stored as a clerk writes it
    assert (m.committee.name, m.venue, m.date, m.start_time) == (
        "Licensing and Regulatory Committee",
        "the Guildhall, Marrowby",
        dt.date(2025, 11, 6),
        dt.time(10, 0),
    )
    assert [(i.number, i.title) for i in m.items][2:] == [
        ("3", "HACKNEY CARRIAGE FARES REVIEW"),
        ("4", "STREET TRADING CONSENT – MARKET SQUARE"),
    ]
    fares = m.item("3")
    # wrapped lines are joined even though the heading line is longer than the rest
    assert fares.minutes.startswith(
        "The Licensing Manager presented a report on the review of hackney carriage fares, "
        "which had last been increased in 2022."
    )
    assert [o.text for o in fares.outcomes] == [
        "RESOLVED that the table of fares set out at Appendix 2 be approved, to take effect on "
        "1 January 2026."
    ]
    # "PRESENT" heading, then "Councillors: A (Chair), B, C and D"
    assert [(a.name, a.role) for a in m.attendance][:4] == [
        ("Councillor Ada Lantern", Role.CHAIR),
        ("Councillor Bede Cresset", Role.MEMBER),
        ("Councillor Cora Wimble", Role.MEMBER),
        ("Councillor Dai Fothergill", Role.MEMBER),
    ]
    assert "Chair ..." not in m.item("4").minutes  # the signature line is furniture
    assert result.unplaced == []


def test_a_page_number_alone_does_not_outvote_numbered_titles() -> None:
    page = (PAGES / "marrowby-licensing-pdf-paste.txt").read_text(encoding="utf-8")
    page = page.replace("3. HACKNEY", "2\n3. HACKNEY")  # the PDF's page number
    result = import_page_text(page, "x")
    assert [i.number for i in result.meeting.items] == ["1", "2", "3", "4"]
    assert result.meeting.item("2").minutes.endswith("There were no declarations of interest.\n\n2")


def test_a_declarations_list_paragraph_with_two_declarations_gives_two() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Declarations of interest: Cllr Bryn Sample declared a non-registerable interest in "
        "item 1 as a trustee of the Youth Hub. Inspector Tom Dockett declared a disclosable "
        "pecuniary interest in item 2: his partner owns a licensed premises and he left the room."
        "\n\n1.\n\nYouth Hub Grant\n\nMinutes:\n\nApproved.\n\n2.\n\nLicensing Review\n\n"
        "Minutes:\n\nNoted.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [(d.name, d.item, d.nature, d.withdrew) for d in m.declarations] == [
        ("Cllr Bryn Sample", "1", "a trustee of the Youth Hub", False),
        ("Inspector Tom Dockett", "2", "his partner owns a licensed premises", True),
    ]


def test_cmis_style_saved_page_with_details_and_agenda_tables() -> None:
    result = import_page_file(PAGES / "quarrybank-cmis-saved.html")
    m = result.meeting
    assert (m.committee.name, m.date, m.start_time, m.contact) == (
        "Planning Committee",
        dt.date(2026, 1, 21),
        dt.time(18, 0),
        "Planning Support (Odile Crane)",
    )
    # number cell, title cell, document cell: an item with its document, nothing invented
    assert [(i.number, i.title, [(d.title, d.size_bytes) for d in i.documents]) for i in m.items][
        2:
    ] == [
        (
            "3",
            "25/01234/FUL - Land at Kiln Lane, erection of 12 dwellings",
            [("Officer report", 860 * 1024)],
        ),
        (
            "4",
            "25/01301/HOU - 7 Chert Close, two-storey side extension",
            [("Officer report", 310 * 1024)],
        ),
        ("5", "Planning appeals update", [("Appeals list", 95 * 1024)]),
    ]
    assert [p.name for p in m.committee.members] == [
        "Cllr Rhoda Gneiss",
        "Cllr Silas Quartz",
        "Cllr Tess Feldspar",
    ]
    assert result.unplaced == []
    assert "cookies" not in dumps(m) and "cmisSettings" not in dumps(m)


@pytest.mark.parametrize(
    ("line", "title", "size"),
    [
        ("Budget Report pdf icon PDF 112 KB", "Budget Report", 112 * 1024),
        ("Budget Report - PDF 112 KB", "Budget Report", 112 * 1024),
        ("Budget Report (PDF, 112KB)", "Budget Report", 112 * 1024),
        ("Budget Report [PDF 112 KB]", "Budget Report", 112 * 1024),
        ("Budget Report (112 KB)", "Budget Report", 112 * 1024),
        ("Budget Report | PDF 1.5 MB", "Budget Report", round(1.5 * 1024 * 1024)),
    ],
)
def test_a_document_size_written_any_way_belongs_to_the_document(
    line: str, title: str, size: int
) -> None:
    page = (
        "Agenda\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        f"1.\n\n{line}\n\nTo consider the budget.\n\n2.\n\nAny Other Business\n"
    )
    item = import_page_text(page, "x").meeting.item("1")
    assert (item.title, [(d.title, d.size_bytes) for d in item.documents]) == (
        title,
        [(title, size)],
    )


def test_a_bracketed_figure_that_is_not_a_size_stays_in_the_title() -> None:
    page = (
        "Agenda\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nUpload Limit (5 MB limit)\n\n2.\n\nAny Other Business\n"
    )
    item = import_page_text(page, "x").meeting.item("1")
    assert (item.title, item.documents) == ("Upload Limit (5 MB limit)", [])


def test_text_under_a_long_numbered_title_is_not_joined_to_it() -> None:
    page = (
        "Agenda\n"
        "Ferrydale Town Council Planning Committee, Monday 12th May 2025 7.00 pm\n"
        "Venue: Ferrydale Town Hall, Market Square\n"
        "C 08/041 Apologies for absence\n"
        "C 08/042 Planning application FD/25/0117 - Old Mill Cottage, single-storey extension\n"
        "To determine the application for the extension at the rear of Old Mill Cottage.\n"
        "C 08/043 Planning application FD/25/0121 - 3 Ferry Road, replacement windows and door\n"
        "To determine the application for replacement windows at 3 Ferry Road, Ferrydale.\n"
        "C 08/044 Bus shelter replacement on Ferry Road opposite the primary school gates\n"
        "To consider the quotations received for replacing the shelter on Ferry Road.\n"
        "C 08/045 Date of next meeting\n"
    )
    m = import_page_text(page, "x").meeting
    assert m.item("C 08/042").title == (
        "Planning application FD/25/0117 - Old Mill Cottage, single-storey extension"
    )
    assert m.item("C 08/042").agenda_text.startswith("To determine the application")


def test_agenda_item_numbers_and_supporting_documents_label() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Agenda item 1\n\nWelcome\n\nMinutes:\n\nThe Chair welcomed all.\n\n"
        "Agenda item 2\n\nParks Review\n\nSupporting documents:\n\n"
        "Parks Review Report pdf icon PDF 90 KB\n\nMinutes:\n\nNoted.\n\n"
        "Decision published: 6 March 2025\n"
    )
    result = import_page_text(page, "x")
    m = result.meeting
    assert [(i.number, i.title) for i in m.items] == [("1", "Welcome"), ("2", "Parks Review")]
    assert [d.title for d in m.item("2").documents] == ["Parks Review Report"]
    assert m.item("2").minutes == "Noted."
    assert result.unplaced == ["Decision details for item 2: Decision published: 6 March 2025"]


def test_a_numbered_resolution_inside_pasted_minutes_does_not_replace_the_next_item() -> None:
    page = (
        "MINUTES of a meeting of the Fellside Parish Council held on Monday 3 November 2025 "
        "at 7.00 pm\n1. APOLOGIES\nNone.\n2. FOOTPATHS\nRESOLVED that:\n"
        "1. The Clerk writes to the county council about the stile.\n"
        "2. The footpath warden reports back in January.\n3. Members inspect the bridge.\n"
        "3. FINANCE\nThe payments were approved.\n4. CORRESPONDENCE\nNone.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "APOLOGIES"),
        ("2", "FOOTPATHS"),
        ("3", "FINANCE"),
        ("4", "CORRESPONDENCE"),
    ]
    assert m.item("2").outcomes[0].text == (
        "RESOLVED that:\n1. The Clerk writes to the county council about the stile.\n"
        "2. The footpath warden reports back in January.\n3. Members inspect the bridge."
    )


def test_minutes_saved_as_html_from_word() -> None:
    result = import_page_file(PAGES / "pebblecombe-word-export.html")
    m = result.meeting
    assert (m.committee.name, m.venue, m.start_time) == (
        "Pebblecombe Town Council",
        "the Assembly Rooms, Quay Hill",
        dt.time(19, 0),
    )
    # Word's list numbers ("1." + no-break spaces) start the items
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "APOLOGIES"),
        ("2", "TOWN CLOCK"),
        ("3", "STAFFING"),
    ]
    # a Word table (one paragraph per cell) reads row by row
    assert m.item("2").minutes.endswith(
        "Firm | Quotation\n\nHarbour Horology | £850\n\nTick & Tock Ltd | £1,120"
    )
    staffing = m.item("3")
    assert staffing.restricted and staffing.exempt_paragraph == 1
    assert [o.text for o in staffing.outcomes] == [
        "RESOLVED that the recommendation of the Staffing Panel be approved."
    ]
    # minutes typed in a document may be the clerk's confidential copy: its exempt
    # text is never made the public summary (a website page's is: see the cabinet test)
    assert staffing.public_summary == ""
    assert any(
        line.startswith("Minutes typed in a document may be the confidential copy")
        and "item(s) 3 " in line
        for line in result.placed
    )
    # the last line is the closing time, printed again at the end of exported minutes
    assert m.ended_at == dt.datetime(2025, 10, 14, 20, 40)
    assert "Town Clerk" not in m.item("1").minutes  # the document properties are not text
    assert result.unplaced == []


def test_a_bare_agreed_is_not_taken_for_a_repeat_of_a_bare_resolved() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nBudget\n\nDecision:\n\nRESOLVED\n\nMinutes:\n\nAGREED\n"
    )
    item = import_page_text(page, "x").meeting.item("1")
    assert [o.text for o in item.outcomes] == ["RESOLVED", "AGREED"]


def test_members_minuted_as_leaving_or_arriving_are_marked_in_the_attendance() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Present: Cllr Ann Example (Chair), Cllr Bryn Sample, Cllr Cai Nelson, "
        "Cllr Dee Nelson, Ms Eve Ŵyn (Harbourside Police)\n\n"
        "1.\n\nWelcome\n\nMinutes:\n\nThe Chair welcomed all. Ms Ŵyn joined the meeting at "
        "6.40 pm.\n\n"
        "2.\n\nHousing\n\nMinutes:\n\nCllr Sample left the meeting for this item.\n\n"
        "AGREED to note the report.\n\nCllr Sample returned to the meeting.\n\n"
        "3.\n\nParking\n\nMinutes:\n\nCllr Bryn Sample and Nelson left the meeting at 7.15 pm."
        "\n\nAGREED to note the report.\n\n"
        "4.\n\nLighting\n\nMinutes:\n\nMs Eve Ŵyn left the meeting.\n\nCllr Ann Example "
        "left the meeting before this item.\n\nA visitor left the meeting.\n"
    )
    result = import_page_text(page, "x")
    m = result.meeting
    # a member stepping out for one item has not left; "Nelson" is two people, so
    # neither is marked; "before this item" does not say which item it was
    assert [(a.name, a.arrived_at_item, a.left_at_item) for a in m.attendance] == [
        ("Cllr Ann Example", "", ""),
        ("Cllr Bryn Sample", "", "3"),
        ("Cllr Cai Nelson", "", ""),
        ("Cllr Dee Nelson", "", ""),
        ("Ms Eve Ŵyn", "1", "4"),
    ]
    # the sentences stay in the minutes as the council wrote them
    assert m.item("3").minutes == "Cllr Bryn Sample and Nelson left the meeting at 7.15 pm."
    assert "Cllr Bryn Sample left during item 3: recorded in the attendance" in result.placed


def test_bare_numbers_before_capital_headings_and_initials_in_an_apologies_sentence() -> None:
    result = import_page_file(PAGES / "fenwick-capitals-minutes.txt")
    m = result.meeting
    assert (m.committee.name, m.date, m.start_time, m.venue) == (
        "Overview and Scrutiny Committee",
        dt.date(2025, 11, 6),
        dt.time(18, 0),
        "the Civic Centre, Fenwick",
    )
    # "45 APOLOGIES FOR ABSENCE" starts an item; "20 MPH ZONES" inside item 48 does not
    assert [(i.number, i.title) for i in m.items] == [
        ("45", "APOLOGIES FOR ABSENCE"),
        ("46", "DECLARATIONS OF INTEREST"),
        ("47", "MINUTES"),
        ("48", "COMMUNITY SAFETY UPDATE"),
        ("49", "WORK PROGRAMME"),
    ]
    assert "20 MPH ZONES\n\n12 members of the public" in m.item("48").minutes
    # "D." is an initial, not the end of a sentence: two people sent apologies
    assert [a.name for a in m.attendance if a.status is AttendanceStatus.APOLOGIES] == [
        "Councillor D. Amesbury",
        "Councillor K. Tull",
    ]
    moved = {a.name: (a.arrived_at_item, a.left_at_item) for a in m.attendance}
    assert moved["Councillor M. Wójcik"] == ("48", "")
    assert moved["Councillor S. O'Rourke"] == ("", "49")
    assert [(d.name, d.item) for d in m.declarations] == [("Councillor Pike", "48")]
    assert m.ended_at == dt.datetime(2025, 11, 6, 19, 30)
    assert result.unplaced == []


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("45 APOLOGIES FOR ABSENCE", "45"),
        ("7 A-19 JUNCTION: ROAD SAFETY", "7"),
        ("12 members attended", None),
        ("2025 Budget", None),
        ("3 OK", None),  # two capitals are an abbreviation in a sentence, not a heading
    ],
)
def test_a_bare_number_starts_an_item_only_before_a_heading_in_capitals(
    line: str, number: str | None
) -> None:
    from sspclerk.importers.page.numbers import find_candidate

    found = find_candidate(line)
    assert (found.number if found else None) == number


@pytest.mark.parametrize(
    ("sentence", "read"),
    [
        ("Cllr Smith left the meeting.", ("left", ["Cllr Smith"])),
        (
            "Councillor Yates left the meeting during consideration of this item and did "
            "not return.",
            ("left", ["Councillor Yates"]),
        ),
        (
            "Mr B Jones and Ms Ŵyn joined the meeting at 6.40 pm.",
            ("arrived", ["Mr B Jones", "Ms Ŵyn"]),
        ),
        ("Cllr Smith arrived at the meeting during this item.", ("arrived", ["Cllr Smith"])),
        ("Cllr Wildgoose left the meeting for this item.", None),
        ("Cllr Smith left the meeting and returned at 7.05 pm.", None),
        ("Cllr Smith, having declared an interest, left the meeting.", None),
        ("Cllr Smith left the meeting after declaring an interest.", None),
        ("Cllr Smith left the meeting after item 7.", None),
        ("It was noted that the chair left the meeting.", None),
    ],
)
def test_which_sentences_say_someone_came_or_went_for_good(
    sentence: str, read: tuple[str, list[str]] | None
) -> None:
    from sspclerk.importers.page.people import read_movement

    assert read_movement(sentence) == read


def test_minutes_page_with_an_attendance_table_and_no_minutes_labels() -> None:
    result = import_page_file(PAGES / "aldermere-licensing-table.html")
    m = result.meeting
    assert (m.committee.name, m.date, m.start_time, m.status) == (
        "Licensing Sub-Committee",
        dt.date(2026, 1, 14),
        dt.time(10, 0),
        MeetingStatus.CONCLUDED,
    )
    assert [(a.name, a.role, a.status, a.organisation) for a in m.attendance] == [
        ("Councillor Gwen Ap Rhys", Role.CHAIR, AttendanceStatus.PRESENT, ""),
        ("Councillor Tomasz Łęcki", Role.MEMBER, AttendanceStatus.PRESENT, ""),
        ("Councillor Eleni Kostas", Role.MEMBER, AttendanceStatus.APOLOGIES, ""),
        ("Mira Holt", Role.IN_ATTENDANCE, AttendanceStatus.PRESENT, "Licensing Officer"),
    ]
    # a page titled just "Minutes": the text under each heading is the minutes
    licence = m.item("3")
    assert licence.agenda_text == ""
    assert licence.minutes.endswith(
        "- Representations were received from 3 residents.\n- The Police made no representation."
    )
    assert [o.text for o in licence.outcomes] == [
        "RESOLVED that the licence be granted subject to the conditions set out in Appendix B."
    ]
    # the exclusion resolution restricts the next item and names its paragraph
    review = m.item("5")
    assert (review.restricted, review.exempt_paragraph) == (True, 1)
    assert result.unplaced == []


def test_a_name_and_role_table_inside_an_items_minutes_stays_there() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Present: Cllr Ann Example (Chair)\n\n"
        "1.\n\nAppointments\n\nMinutes:\n\nThe Board appointed:\n\n"
        "Name | Role\n\nCllr Bryn Sample | Vice-Chair\n\nAGREED to make the appointments.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [a.name for a in m.attendance] == ["Cllr Ann Example"]
    assert "Cllr Bryn Sample | Vice-Chair" in m.item("1").minutes


def test_an_attendance_table_row_that_does_not_say_who_came_is_kept_unplaced() -> None:
    page = (
        "Minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Attendee | Role | Attendance\n\nCllr Ann Example | Chair | Present\n\n"
        "Cllr Bryn Sample | Member | Expected\n\n"
        "1.\n\nWelcome\n\nThe Chair welcomed all.\n"
    )
    result = import_page_text(page, "x")
    assert [a.name for a in result.meeting.attendance] == ["Cllr Ann Example"]
    assert result.unplaced == ["Attendance: Cllr Bryn Sample | Member | Expected"]


def test_an_attendance_table_pasted_with_tabs() -> None:
    page = (
        "Minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Name\tRole\tAttendance\nCllr Ann Example\tChair\tPresent\n"
        "Cllr Bryn Sample\tMember\tApologies\n\n1.\n\nWelcome\n\nThe Chair welcomed all.\n"
    )
    result = import_page_text(page, "x")
    assert [(a.name, a.role, a.status) for a in result.meeting.attendance] == [
        ("Cllr Ann Example", Role.CHAIR, AttendanceStatus.PRESENT),
        ("Cllr Bryn Sample", Role.MEMBER, AttendanceStatus.APOLOGIES),
    ]
    assert result.unplaced == []


def test_minutes_of_a_remote_meeting_with_a_lay_member_and_a_signature_after_the_close() -> None:
    result = import_page_file(PAGES / "glannau-remote-minutes.txt")
    m = result.meeting
    assert (m.committee.name, m.date, m.start_time, m.venue) == (
        "Corporate Governance Committee",
        dt.date(2026, 2, 2),
        dt.time(14, 0),
        "remotely via Microsoft Teams",
    )
    people = {a.name: a for a in m.attendance}
    assert people["Councillor Siân Prydderch"].role is Role.CHAIR
    # "Lay Member:" is a label of its own, not part of a councillor's name
    assert (people["Mrs Helen Marsh"].role, people["Mrs Helen Marsh"].organisation) == (
        Role.MEMBER,
        "Lay Member",
    )
    assert people["Councillor Zbigniew Kowalczyk"].left_at_item == "4"
    assert people["Councillor Iolo Bevan"].status is AttendanceStatus.APOLOGIES
    assert not any(":" in name for name in people)
    fraud = m.item("6")
    assert fraud.restricted and fraud.outcomes
    # the signature under "The meeting ended at 3.30 p.m." is not the last item's text
    assert fraud.minutes == ""
    assert m.ended_at == dt.datetime(2026, 2, 2, 15, 30)
    assert result.unplaced == [
        "CYNGOR SIR GLANNAU / COUNTY COUNCIL OF GLANNAU",
        "COUNCILLOR SIÂN PRYDDERCH",
        "CHAIR",
    ]


@pytest.mark.parametrize(
    ("line", "name", "venue"),
    [
        (
            "Minutes of the Parish Council held as a hybrid meeting on 3 March 2025 at 7pm",
            "Parish Council",
            "as a hybrid meeting",
        ),
        (
            "Minutes of the Extraordinary Meeting of Thornwick Parish Council held on 3 March 2025",
            "Thornwick Parish Council",
            "",
        ),
        (
            "Minutes of the Planning Committee held virtually on 3 March 2025",
            "Planning Committee",
            "virtually",
        ),
    ],
)
def test_the_heading_of_typed_minutes_names_the_body_and_where_it_met(
    line: str, name: str, venue: str
) -> None:
    from sspclerk.importers.page.header_lines import committee_line

    read = committee_line(line)
    assert read is not None and (read[0], read[3]) == (name, venue)


def test_an_unnumbered_item_is_titled_by_its_own_paper_not_its_appendix() -> None:
    result = import_page_file(PAGES / "brindle-unnumbered-appendices.txt")
    m = result.meeting
    assert [i.title for i in m.items] == [
        "Welcome and introductions",
        "Apologies for absence",
        "Declarations of interest",
        "Minutes of the last meeting held on 13th November 2025",
        "Pharmaceutical Needs Assessment",
        "Date of next meeting",
    ]
    pna = m.items[4]
    assert [(d.title, d.size_bytes) for d in pna.documents] == [
        ("Pharmaceutical Needs Assessment", 1024 * 1024),
        ("Appendix 1 - Draft PNA 2026, item 5", 3 * 1024 * 1024),
    ]
    assert [d.title for d in m.items[3].documents] == [
        "Minutes of the last meeting held on 13th November 2025"
    ]
    assert [a.name for a in m.attendance if a.status is AttendanceStatus.APOLOGIES] == [
        "Dr O'Neill",
        "Superintendent Hart",
        "Ms Zoë Kaminska",
    ]


def test_an_item_titled_without_a_paper_keeps_its_heading_above_additional_documents() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Welcome\n\nMinutes:\n\nThe Chair welcomed all.\n\n"
        "Budget monitoring\n\nAdditional documents:\n\nAppendix A - Forecast PDF 120 KB\n\n"
        "Minutes:\n\nAGREED to note the forecast.\n"
    )
    m = import_page_text(page, "x").meeting
    assert [i.title for i in m.items] == ["Welcome", "Budget monitoring"]
    assert [d.title for d in m.items[1].documents] == ["Appendix A - Forecast"]


@pytest.mark.parametrize(
    ("status", "read"),
    [
        ("Present", AttendanceStatus.PRESENT),
        ("Attended virtually", AttendanceStatus.PRESENT),
        ("Yes", AttendanceStatus.PRESENT),
        ("Apologies", AttendanceStatus.APOLOGIES),
        ("Not present", AttendanceStatus.ABSENT),
        ("No", AttendanceStatus.ABSENT),
        ("Expected", None),
    ],
)
def test_an_attendance_tables_status_column(status: str, read: AttendanceStatus | None) -> None:
    from sspclerk.importers.page.people import attendance_columns, read_attendance_row

    columns = attendance_columns("Name | Role | Attended")
    assert columns is not None
    person = read_attendance_row(columns, ["Cllr Ann Example", "Chair", status])
    assert (person.status if person else None) == read
    if person:
        assert person.role is Role.CHAIR  # the chair sending apologies is still the chair


def test_a_declaration_naming_the_agenda_number_and_title_finds_the_minute() -> None:
    page = (
        "Minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "Present: Cllr Tom Riley, Cllr Ann Bell\n\n"
        "45 DECLARATIONS OF INTEREST\n"
        "Councillor Riley declared a disclosable pecuniary interest in agenda item 3 "
        "(Pharmaceutical Needs Assessment) as the owner of a pharmacy, and left the room "
        "during its consideration.\n"
        "Councillor Bell declared an other registerable interest in item 47 (Budget) as a "
        "trustee.\n\n"
        "46 PHARMACEUTICAL NEEDS ASSESSMENT\nRESOLVED that the PNA be approved.\n\n"
        "47 BUDGET\nRESOLVED that the budget be noted.\n"
    )
    result = import_page_text(page, "x")
    # "agenda item 3" is the agenda's number; the title says which minute it is
    assert [(d.name, d.item, d.nature, d.withdrew) for d in result.meeting.declarations] == [
        ("Councillor Riley", "46", "the owner of a pharmacy", True),
        ("Councillor Bell", "47", "a trustee", False),
    ]
    assert result.unplaced == []


def test_a_page_marked_confidential_with_no_restricted_item_is_reported() -> None:
    page = (
        "CONFIDENTIAL\n\nAgenda and minutes\n\n"
        "Harbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        "1.\n\nStaffing\n\nMinutes:\n\nThe Board discussed a named officer.\n"
    )
    result = import_page_text(page, "x")
    assert not result.meeting.items[0].restricted
    assert any("marked confidential but no item" in line for line in result.placed)
    assert result.unplaced == []  # the mark itself is read, not left over


def test_an_item_titled_confidential_does_not_mark_the_whole_page() -> None:
    page = (
        "Agenda and minutes\n\nHarbourside Board - Tuesday 4th March 2025 6.30 pm\n\n"
        + "".join(f"{n}.\n\nItem {n}\n\nMinutes:\n\nNoted.\n\n" for n in range(1, 8))
        + "8.\n\nConfidential\n\nMinutes:\n\nThe Board noted the confidential update.\n"
    )
    result = import_page_text(page, "x")
    assert result.meeting.item("8").title == "Confidential"
    assert not any(line.startswith("Marked confidential") for line in result.placed)


def test_the_confidential_mark_repeated_on_every_pasted_pdf_page_is_not_item_text() -> None:
    page = (
        "CONFIDENTIAL – NOT FOR PUBLICATION\n"
        "Minutes of the Meeting of Harbourside Board held on Tuesday 4th March 2025 at 6.30 pm\n"
        "1. WELCOME\nThe Chair welcomed all.\n"
        + "".join(f"- Point {n} was raised.\n" for n in range(1, 13))
        + "Page 1 of 2\n"
        "CONFIDENTIAL – NOT FOR PUBLICATION\n"
        "2. STAFFING\nThe Board discussed a named officer. This item is exempt under "
        "paragraph 1 of Schedule 12A.\nRESOLVED that the recommendation be approved.\n"
    )
    result = import_page_text(page, "x")
    welcome, staffing = result.meeting.items
    # the repeated mark is page furniture, not item 1's restriction reason
    assert not welcome.restricted and welcome.restriction_reason == ""
    assert welcome.minutes.endswith("- Point 12 was raised.")
    assert staffing.restricted and staffing.public_summary == ""
    assert result.unplaced == []
