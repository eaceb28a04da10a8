"""A "The meeting closed at …" line on a published page becomes the closing time."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.export import render_minutes
from sspclerk.importers.page import import_page_text
from tests.importers.lostwords import lost_words

PAGE = (
    "Agenda and minutes\n\n"
    "Harbourside Board - Tuesday 4th March 2025 7.00 pm\n\n"
    "1.\n\nBudget\n\nMinutes:\n\nThe Board considered the budget.\n\nAGREED that it be approved.\n\n"
    "{closing}\n"
)


@pytest.mark.parametrize(
    ("closing", "ended"),
    [
        ("The meeting closed at 8.52 pm.", dt.datetime(2025, 3, 4, 20, 52)),
        ("The meeting ended at 9 pm", dt.datetime(2025, 3, 4, 21, 0)),
        ("Meeting closed at 20:52.", dt.datetime(2025, 3, 4, 20, 52)),
        ("The meeting was closed at 9.05 p.m.", dt.datetime(2025, 3, 4, 21, 5)),
        ("The meeting closed at 12.10 am", dt.datetime(2025, 3, 5, 0, 10)),  # after midnight
    ],
)
def test_the_closing_line_becomes_the_closing_time(closing: str, ended: dt.datetime) -> None:
    page = PAGE.format(closing=closing)
    result = import_page_text(page, "x")
    meeting = result.meeting
    assert meeting.ended_at == ended
    assert "closed" not in meeting.items[-1].minutes and "ended" not in meeting.items[-1].minutes
    assert any(line.startswith("Closing time") for line in result.placed)
    assert lost_words(page, result) == []


@pytest.mark.parametrize(
    "line",
    [
        "The meeting closed at 8.52 pm with thanks to the Chair.",  # more than a time
        "The meeting closed at the Town Hall.",  # no time at all
        "Members noted the meeting closed at 8.52 pm last time.",
    ],
)
def test_a_longer_sentence_stays_minutes_text(line: str) -> None:
    page = PAGE.format(closing=line)
    result = import_page_text(page, "x")
    assert result.meeting.ended_at is None
    assert line in result.meeting.items[-1].minutes
    assert lost_words(page, result) == []


def test_the_exported_minutes_end_with_it() -> None:
    meeting = import_page_text(PAGE.format(closing="The meeting closed at 8.52 pm."), "x").meeting
    text = render_minutes(meeting, "txt", "public").data.decode("utf-8")
    assert text.rstrip().endswith("The meeting closed at 8.52 pm.")
    assert text.count("closed at") == 1
