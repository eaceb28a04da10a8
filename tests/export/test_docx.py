"""The Word minutes: real styles, honest properties, page numbers, DRAFT and CONFIDENTIAL."""

from __future__ import annotations

import io
import re

import docx
import pytest

from sspclerk.core.text import clean_record
from sspclerk.export import render_minutes

from .conftest import canary_meeting, small_meeting
from .readback import docx_parts


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture
def small_docx() -> bytes:
    return render_minutes(small_meeting(), "docx", "public").data


def test_structure_uses_word_styles(small_docx):
    d = open_docx(small_docx)
    styled = [(p.style.name, p.text) for p in d.paragraphs]
    assert styled[0] == ("Title", "Riverside Community Safety Partnership")
    assert styled[1] == ("Subtitle", "Draft minutes")
    present = styled.index(("Heading 2", "Present"))
    assert styled[present - 1] == ("Heading 1", "Attendance")
    assert ("Heading 2", "RCS/4/25\tNight-Time Economy Update") in styled
    assert ("List Bullet", "Taxi marshals") in styled
    assert ("List Number", "Review lighting") in styled
    assert ("List Number", "Report back") in styled


def test_outcomes_are_bold_and_minutes_label_present(small_docx):
    d = open_docx(small_docx)
    outcome = next(p for p in d.paragraphs if p.text == "AGREED to note the update.")
    assert all(run.bold for run in outcome.runs)
    assert any(p.text == "Minutes:" and p.runs[0].bold for p in d.paragraphs)


def test_headings_notes_and_labels_keep_with_the_next_paragraph():
    """As in the PDF: none of them ends a page with its text on the next."""
    meeting = small_meeting()
    meeting.items[3].minutes = "Officers presented the update."
    d = open_docx(render_minutes(meeting, "docx", "public").data)
    kept = {
        p.text
        for p in d.paragraphs
        if p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
    }
    notes = [p for p in d.paragraphs if p.style.name == "Item Note"]
    assert notes  # the small meeting's papers
    assert {p.text for p in notes} <= kept
    assert "Minutes:" in kept
    assert "RCS/4/25\tNight-Time Economy Update" in kept
    assert "Officers presented the update." not in kept


def test_properties_name_the_clerk_and_language(small_docx):
    props = open_docx(small_docx).core_properties
    assert props.author == "Morwenna Pryce"
    assert props.last_modified_by == "Morwenna Pryce"
    assert (
        props.title
        == "Riverside Community Safety Partnership – Draft minutes – Wednesday 8th October 2025"
    )
    assert "Draft minutes of the Riverside Community Safety Partnership" in props.subject
    assert props.language == "en-GB"
    everything = "\n".join(docx_parts(small_docx).values())
    assert "python-docx" not in everything
    styles = docx_parts(small_docx)["word/styles.xml"]
    assert re.search(r'<w:lang [^>]*w:val="en-GB"', styles)


def test_footer_counts_pages_and_header_says_draft(small_docx):
    d = open_docx(small_docx)
    footer = "\n".join(v for k, v in docx_parts(small_docx).items() if "footer" in k)
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert d.sections[0].footer.paragraphs[0].text.startswith("Page ")
    header = [p.text for p in d.sections[0].header.paragraphs]
    assert header == ["DRAFT – subject to approval as a correct record"]


def test_confidential_header_on_every_page():
    d = open_docx(render_minutes(canary_meeting(), "docx", "confidential").data)
    assert len(d.sections) == 1  # one section: its header prints on every page
    header = [p.text for p in d.sections[0].header.paragraphs]
    assert header[0] == "CONFIDENTIAL – NOT FOR PUBLICATION"
    assert "Schedule 12A" in header[1]


def test_each_numbered_list_starts_afresh():
    meeting = small_meeting()
    meeting.items[0].minutes = "1. First\n2. Second"
    meeting.items[2].minutes = "4. Fourth\n5. Fifth"
    data = render_minutes(meeting, "docx", "public").data
    parts = docx_parts(data)
    body = parts["word/document.xml"]
    num_ids = re.findall(r'<w:numId w:val="(\d+)"/>', body)
    assert len(set(num_ids)) == 3  # three numbered lists, three numbering instances
    numbering = parts["word/numbering.xml"]
    assert '<w:startOverride w:val="4"/>' in numbering
    assert '<w:startOverride w:val="1"/>' in numbering


def test_markup_and_control_characters_are_text(small):
    """Pasted controls are cleaned where the meeting comes in (clean_record, as the store
    and the importers do); the writer then only escapes: markup stays text."""
    small.items[3].minutes = "Costs < £5 & <b>rising</b> \x07bell\x0bbreak \ufffe"
    small.items[3].title = "Tabs\tand\x00nulls"
    d = open_docx(render_minutes(clean_record(small), "docx", "public").data)
    texts = [p.text.strip() for p in d.paragraphs]
    assert "Costs < £5 & <b>rising</b> bell" in texts
    assert "break" in texts
    assert any(t.endswith("Tabs andnulls") for t in texts)


def test_the_writer_never_breaks_on_text_that_skipped_cleaning(small):
    """Defence in depth: a meeting that did not come through a boundary still gives a
    valid Word file, the characters XML cannot hold left out."""
    small.items[3].minutes = "Costs < £5 \x07bell\x0bbreak \ufffe\ud800"
    d = open_docx(render_minutes(small, "docx", "public").data)
    assert any("bell" in p.text for p in d.paragraphs)


@pytest.mark.parametrize("meeting", [small_meeting(), canary_meeting()], ids=["small", "canary"])
def test_heading_levels_never_skip(meeting):
    """Screen readers navigate by heading level: Title, then 1, then 2 — no jumps."""
    d = open_docx(render_minutes(meeting, "docx", "confidential").data)
    level = 0
    for p in d.paragraphs:
        name = p.style.name
        if name.startswith("Heading "):
            new = int(name.split()[1])
            assert new <= level + 1, f"{p.text!r} jumps from level {level} to {new}"
            level = new


def test_a4_with_uk_margins_and_clean_properties(demo):
    """A4 like the PDF (python-docx's template is US Letter), and nothing in the file
    claims another program wrote it or carries the template's thumbnail."""
    data = render_minutes(demo, "docx", "public").data
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert {round(m.cm, 2) for m in margins} == {2.54}
    parts = docx_parts(data)
    assert "<Application>sspclerk</Application>" in parts["docProps/app.xml"]
    assert not [name for name in parts if "thumbnail" in name or "customXml" in name]
    assert "word/stylesWithEffects.xml" not in parts
    assert not [name for name, text in parts.items() if "Microsoft" in text and "app" in name]
    # Real styles are kept: Word's own headings and lists.
    styles = {p.style.name for p in docx.Document(io.BytesIO(data)).paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "List Number"} <= styles
