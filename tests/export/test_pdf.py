"""The PDF minutes: embedded font, honest text, bookmarks, metadata, no empty boxes."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from sspclerk.export import render_minutes
from sspclerk.export.pdf_writer import unsupported_characters

from .conftest import canary_meeting, small_meeting
from .readback import outline_titles, pdf_text, words


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return render_minutes(small_meeting(), "pdf", "public").data


def test_metadata_names_the_clerk_title_subject_and_language(small_pdf):
    reader = PdfReader(io.BytesIO(small_pdf))
    meta = reader.metadata
    assert (
        meta.title
        == "Riverside Community Safety Partnership – Draft minutes – Wednesday 8th October 2025"
    )
    assert meta.author == "Morwenna Pryce"
    assert meta.subject.startswith("Draft minutes of the Riverside Community Safety Partnership")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_font_is_embedded(small_pdf):
    reader = PdfReader(io.BytesIO(small_pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
            assert "/FontFile2" in descriptor.get_object(), f"{font['/BaseFont']} is not embedded"
            fonts.add(str(font["/BaseFont"]))
    assert {f.split("+")[-1] for f in fonts} == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
    }


def test_bookmark_per_item(small_pdf):
    assert outline_titles(small_pdf) == [
        "RCS/1/25 Apologies for Absence",
        "RCS/2/25 Declarations of Interest",
        "RCS/3/25 Minutes of the previous meeting",
        "RCS/4/25 Night-Time Economy Update",
    ]


def test_extracted_text_reads_as_the_source(small_pdf):
    text = words(pdf_text(small_pdf))
    for expected in (
        "Cllr Dafydd Ŵyn (Chair)",
        "Insp. Łucja Nowak (Riverside Police)",
        "Ελένη Παππά",
        "Wednesday 8th October 2025",
        "RCS/4/25 Night-Time Economy Update",
        "Minutes: Officers presented the update.",
        "• Taxi marshals • Street pastors",
        "1. Review lighting 2. Report back",
        "AGREED to note the update.",
        "DRAFT – subject to approval as a correct record",
    ):
        assert expected in text
    assert re.search(r"Page 1 of \d", text)


def test_escaping_prints_markup_as_typed():
    meeting = small_meeting()
    meeting.items[3].minutes = "Costs < £5 & <b>rising</b> <para> </i> unbalanced <font x='"
    meeting.items[3].title = "A & B <script>"
    text = words(pdf_text(render_minutes(meeting, "pdf", "public").data))
    assert "Costs < £5 & <b>rising</b> <para> </i> unbalanced <font x='" in text
    assert "A & B <script>" in text


def test_scripts_the_font_covers_come_out_exactly():
    meeting = small_meeting()
    meeting.items[3].minutes = "Cyfarfod ŵ ŷ Ŵ Ŷ\nŁódź żółć\nΚαλημέρα\nДоброе утро"
    rendered = render_minutes(meeting, "pdf", "public")
    assert rendered.warnings == ()
    text = pdf_text(rendered.data)
    for line in ("Cyfarfod ŵ ŷ Ŵ Ŷ", "Łódź żółć", "Καλημέρα", "Доброе утро"):
        assert line in text


def test_characters_the_font_lacks_are_reported_and_shown_not_boxed():
    meeting = small_meeting()
    meeting.items[3].minutes = "Thanks all 🎉 done 漢"
    assert unsupported_characters("a🎉b漢") == ["🎉", "漢"]
    rendered = render_minutes(meeting, "pdf", "public")
    assert len(rendered.warnings) == 2
    assert rendered.warnings[0].startswith("RCS/4/25: the PDF font cannot show '🎉' (U+1F389)")
    text = pdf_text(rendered.data)
    assert "Thanks all [U+1F389] done [U+6F22]" in text
    assert "🎉" not in text and "\ufffd" not in text


def test_confidential_mark_on_every_page():
    meeting = canary_meeting()
    meeting.items[3].minutes = "\n".join(f"Paragraph {n} of a long discussion." for n in range(200))
    data = render_minutes(meeting, "pdf", "confidential").data
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "CONFIDENTIAL – NOT FOR PUBLICATION" in text
        assert "Schedule 12A" in text
        assert f"Page {number} of {len(reader.pages)}" in text
