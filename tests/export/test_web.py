"""HTML and plain text for the council website, and the exact JSON record."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from sspclerk.core.audience import audience_view
from sspclerk.export import ExportError, render_item_fragment, render_minutes
from sspclerk.export.meeting_json import dumps
from sspclerk.importers.meeting_json import loads

from .conftest import canary_meeting, small_meeting

VOID = {"meta", "br", "hr", "img", "link", "input"}


class _Balance(HTMLParser):
    """Fails on a closing tag that does not close the open one: markup stayed text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


HOSTILE = "Costs < £5 & <b>rising</b> <script>alert(1)</script> </p> \"quoted\" 'single'"


def test_html_page_is_balanced_and_markup_stays_text():
    meeting = small_meeting()
    meeting.items[3].minutes = HOSTILE
    meeting.items[3].title = "Bold <b> & unclosed <i>"
    html = render_minutes(meeting, "html", "public").data.decode()
    parsed = parse(html)
    text = "".join(parsed.text)
    assert HOSTILE in text
    assert "Bold <b> & unclosed <i>" in text
    assert "<script>" not in html
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Riverside Community Safety Partnership – Draft minutes" in html


def test_html_structure_headings_lists_bold_outcome():
    html = render_minutes(small_meeting(), "html", "public").data.decode()
    assert (
        '<h3><span class="number">RCS/4/25</span> <span dir="auto">Night-Time Economy Update</span></h3>'
        in html
    )
    assert '<ul><li dir="auto">Taxi marshals</li>' in html
    assert '<ol><li dir="auto">Review lighting</li>' in html
    assert "<strong>AGREED to note the update.</strong>" in html
    assert "<h2>Attendance</h2>\n<h3>Present</h3>" in html


def test_fragment_is_the_minutes_field_only(demo):
    fragment = render_item_fragment(demo, "SSP/15/25", "public", "html")
    parse(fragment)
    assert fragment.startswith(
        '<p dir="auto">Members were presented with the Recorded Crime &amp; Disorder report'
    )
    assert "SSP/15/25" not in fragment  # the website prints the number and title itself
    assert fragment.rstrip().endswith(
        '<p dir="auto"><strong>AGREED to note the report.</strong></p>'
    )
    text = render_item_fragment(demo, "SSP/15/25", "public", "txt")
    assert "\n\n- Publicly reported offences had decreased by 9.9%.\n- Police generated" in text
    assert text.rstrip().endswith("AGREED to note the report.")


def test_fragment_errors_are_clear(demo):
    with pytest.raises(ExportError, match="no item SSP/99/25"):
        render_item_fragment(demo, "SSP/99/25")
    with pytest.raises(ExportError, match="unknown fragment format"):
        render_item_fragment(demo, "SSP/15/25", fmt="docx")


def test_plain_text_page(demo):
    text = render_minutes(demo, "txt", "public").data.decode()
    lines = text.splitlines()
    assert lines[0] == "DRAFT – subject to approval as a correct record"
    assert "Safer Stockton Partnership" in lines
    assert "Date: Wednesday 23rd July 2025" in lines
    assert "SSP/15/25  Recorded Crime & Disorder Report" in lines
    assert "AGREED to note the report." in lines


def test_json_is_the_audience_view_and_round_trips_exactly():
    meeting = canary_meeting()
    for audience in ("public", "confidential"):
        data = render_minutes(meeting, "json", audience).data.decode()
        assert data == dumps(audience_view(meeting, audience))
        assert dumps(loads(data)) == data
    public = loads(render_minutes(meeting, "json", "public").data.decode())
    assert public.item("RCS/5/25").minutes == ""
    assert (
        loads(render_minutes(meeting, "json", "confidential").data.decode())
        .item("RCS/5/25")
        .minutes
    )


def test_the_page_reads_on_a_phone(small):
    """A viewport, a main landmark, and an item indent that shrinks with the screen
    (a fixed 8em left 160 px of text at 320 px)."""
    from sspclerk.export import render_minutes

    page = render_minutes(small, "html", "public").data.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert page.count("<main>") == page.count("</main>") == 1
    assert page.index("<main>") < page.index("<h1>") < page.index("</main>")
    assert "padding-left: 8em" not in page
    assert "min(8em, 22vw)" in page and "@media (max-width: 30em)" in page
