"""Text cleaning at the write boundary and reading minutes as paragraphs and lists."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.dates import (
    MONTHS,
    council_date,
    council_time,
    council_when,
    ordinal,
    parse_date,
)
from sspclerk.core.minutes_text import split_blocks
from sspclerk.core.text import clean_line, clean_text


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("line one\x0bline two", "line one\nline two"),  # Word's manual line break
        ("page\x0cbreak", "page\nbreak"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("crlf\r\nand cr\rend", "crlf\nand cr\nend"),
        ("half an emoji \ud83d here", "half an emoji  here"),
        ("tab\tstays", "tab\tstays"),
        (
            "Welsh ŵ ŷ, Polish ł, Greek Ω, Cyrillic Ж, emoji 😀, RTL שלום",
            "Welsh ŵ ŷ, Polish ł, Greek Ω, Cyrillic Ж, emoji 😀, RTL שלום",
        ),
        ("<script>alert('x')</script> & co", "<script>alert('x')</script> & co"),
        ("  leading and trailing  ", "  leading and trailing  "),
        ("", ""),
    ],
)
def test_clean_text_drops_controls_and_changes_nothing_else(pasted: str, stored: str) -> None:
    assert clean_text(pasted) == stored
    assert clean_text(stored) == stored  # idempotent


def test_clean_line_makes_one_line() -> None:
    assert clean_line("Knife Crime\x0bAction Plan\n") == "Knife Crime Action Plan "
    assert clean_line(None) == ""


def test_blocks_read_paragraphs_bullets_and_numbers() -> None:
    text = (
        "Members were presented with the report.\n\n"
        "Key points were:\n"
        "- Publicly reported offences down.\n"
        "· Violence down.\n"
        "  continued on a second line.\n"
        "Then a paragraph.\n"
        "1. Prevention\n"
        "2) Intervention\n"
        "\n"
        "4. Resumed at four"
    )
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == [
        "paragraph",
        "paragraph",
        "bullets",
        "paragraph",
        "numbered",
        "numbered",
    ]
    assert blocks[2].lines == (
        "Publicly reported offences down.",
        "Violence down. continued on a second line.",
    )
    assert blocks[4].lines == ("Prevention", "Intervention")
    assert blocks[5].start == 4


def test_a_dash_inside_a_sentence_is_not_a_bullet() -> None:
    blocks = split_blocks("Crime fell - by 9.9% - this year.\n-not a bullet either")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2025, 7, 23), "Wednesday 23rd July 2025"),
        (dt.date(2025, 5, 1), "Thursday 1st May 2025"),
        (dt.date(2025, 6, 2), "Monday 2nd June 2025"),
        (dt.date(2025, 6, 11), "Wednesday 11th June 2025"),
        (dt.date(2025, 6, 12), "Thursday 12th June 2025"),
        (dt.date(2025, 6, 13), "Friday 13th June 2025"),
        (dt.date(2025, 6, 21), "Saturday 21st June 2025"),
    ],
)
def test_council_dates(day: dt.date, text: str) -> None:
    assert council_date(day) == text


def test_meeting_date_and_time_in_one_line() -> None:
    day = dt.date(2025, 7, 23)
    assert council_when(day, dt.time(9, 0)) == "Wednesday 23rd July 2025 9.00 am"
    assert council_when(day, dt.time(0, 0)) == "Wednesday 23rd July 2025 12.00 am"
    assert council_when(day, None) == "Wednesday 23rd July 2025"
    assert [dt.date(2025, n, 1).strftime("%B") for n in range(1, 13)] == list(MONTHS)


def test_council_times_and_ordinals() -> None:
    assert council_time(dt.time(9, 0)) == "9.00 am"
    assert council_time(dt.time(12, 30)) == "12.30 pm"
    assert council_time(dt.time(0, 5)) == "12.05 am"
    assert council_time(dt.time(18, 0)) == "6.00 pm"
    assert council_time(None) == ""
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "101st",
        "111th",
    ]


def test_parse_date_refuses_impossible_dates() -> None:
    assert parse_date("2025-07-23") == dt.date(2025, 7, 23)
    with pytest.raises(ValueError, match="2025-02-30"):
        parse_date("2025-02-30")
