"""The minutes end "The meeting closed at 4.10 pm." once the clerk has closed the
meeting, in every format and both audiences, and say nothing of it before."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.export import build_minutes, export_meeting, render_minutes
from sspclerk.store import Store
from tests.conftest import demo_meeting
from tests.export.readback import DOCUMENT_FORMATS, docx_text, normalise, pdf_text

CLOSING = "The meeting closed at 4.10 pm."


def _text(fmt: str, data: bytes) -> str:
    if fmt == "docx":
        return docx_text(data)
    if fmt == "pdf":
        return pdf_text(data)
    return data.decode("utf-8")


@pytest.mark.parametrize("audience", ["public", "confidential"])
@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_a_closed_meeting_ends_with_its_closing_time(fmt: str, audience: str) -> None:
    meeting = demo_meeting()
    meeting.ended_at = dt.datetime(2025, 7, 23, 16, 10, 41)
    text = normalise(_text(fmt, render_minutes(meeting, fmt, audience).data))
    assert text.count(CLOSING) == 1
    last_item = meeting.items[-1].title
    assert text.rindex(CLOSING) > text.rindex(last_item)  # after the last item
    tail = text[text.rindex(CLOSING) + len(CLOSING) :]
    assert "SSP/" not in tail  # nothing of the items after it


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_a_meeting_not_yet_closed_says_nothing_of_closing(fmt: str) -> None:
    meeting = demo_meeting()
    meeting.ended_at = None
    text = _text(fmt, render_minutes(meeting, fmt, "confidential").data)
    assert "meeting closed" not in text


@pytest.mark.parametrize(
    ("ended", "words"),
    [
        (dt.datetime(2025, 7, 23, 12, 0), "The meeting closed at 12.00 pm."),
        (dt.datetime(2025, 7, 23, 9, 5), "The meeting closed at 9.05 am."),
        (dt.datetime(2025, 7, 24, 0, 15), "The meeting closed at 12.15 am."),
    ],
)
def test_the_closing_time_is_in_council_style(ended: dt.datetime, words: str) -> None:
    meeting = demo_meeting()
    meeting.ended_at = ended
    assert build_minutes(meeting).closing == words


def test_shift_f5_in_the_store_reaches_the_pdf(tmp_path) -> None:
    """Closing the meeting in the store (what Shift+F5 does) is what the export prints."""
    with Store.open(
        tmp_path / "s.sqlite", clock=lambda: dt.datetime(2025, 7, 23, 16, 10, 5)
    ) as store:
        meeting_id = store.add_meeting(demo_meeting())
        store.start_meeting(meeting_id)
        store.close_meeting(meeting_id)
        meeting = store.load_meeting(meeting_id)
    result = export_meeting(meeting, "pdf", "public", tmp_path / "minutes.pdf")
    assert CLOSING in normalise(pdf_text(result.path.read_bytes()))
