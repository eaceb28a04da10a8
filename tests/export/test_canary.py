"""Restricted items never leak into a public output: canaries in every field, every format.

Each restricted item carries a unique canary word in every field the public must
not see (its agenda text, minutes, urgency reason, outcome, action and owner,
paper title and file name, and the nature of a declaration on it).  The public
exports are read back as a reader, a search engine or a nosy recipient would
(every XML part of the DOCX, the PDF's text, metadata, outline and uncompressed
objects, the HTML, text, JSON and website page text) and must hold none of them;
the confidential exports must hold them, so the test can fail.  What the public
record of a restricted item does hold is checked in every format alike: its title,
the Schedule 12A line, the public reason and summary, and who declared an interest
in it, in which category, and that they left the room.
"""

from __future__ import annotations

import re

import pytest

from sspclerk.export import WRITERS, build_minutes, render_item_fragment, render_minutes

from .conftest import CANARY_FIELDS, canary, canary_meeting
from .readback import DOCUMENT_FORMATS, docx_parts, pdf_everything

CANARIES = [canary(n, f) for n in (5, 6) for f in CANARY_FIELDS]
#: Public minutes record who declared an interest in a restricted item (not its nature).
DECLARED = [canary(n, "declaration_name") for n in (5, 6)]
HIDDEN = [c for c in CANARIES if c not in DECLARED]
# The minutes print a paper's title and type, never its file name; JSON keeps it.
PRINTED = [c for c in CANARIES if "Documentfilename" not in c]
EXEMPTION = (
    "Exempt information: paragraph {} of Part 1 of Schedule 12A to the Local Government Act 1972"
)


def readable(fmt: str, data: bytes) -> str:
    if fmt == "docx":
        return "\n".join(docx_parts(data).values())
    if fmt == "pdf":
        return pdf_everything(data)
    return data.decode("utf-8")


def found(text: str, canaries: list[str]) -> list[str]:
    squashed = re.sub(r"\s+", "", text)
    return [c for c in canaries if c in text or c in squashed]


@pytest.fixture(scope="module")
def meeting():
    return canary_meeting()


# Every registered format, including any added later (moderngov when it lands).
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_public_export_holds_no_canary(meeting, fmt):
    text = readable(fmt, render_minutes(meeting, fmt, "public").data)
    assert found(text, HIDDEN) == []
    # …while the public record of the restricted items is there.
    for n in (5, 6):
        assert f"Restricted matter {n}" in text
        assert f"Item {n} was restricted to protect an investigation." in text
        assert f"Members received a confidential report (item {n})." in text
    assert found(text, DECLARED) == DECLARED
    flat = " ".join(text.split())
    if fmt == "json":
        assert '"exempt_paragraph": 7' in text and '"exempt_paragraph": 3' in text
        assert flat.count('"category": "disclosable pecuniary"') == 2
    else:
        for paragraph in (7, 3):
            assert EXEMPTION.format(paragraph) in flat
        declared = "declared a disclosable pecuniary interest"
        assert flat.count(declared) >= 2  # on the item, and under Declarations of Interest


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_confidential_export_holds_every_canary(meeting, fmt):
    text = readable(fmt, render_minutes(meeting, fmt, "confidential").data)
    assert found(text, PRINTED) == PRINTED
    assert "CONFIDENTIAL – NOT FOR PUBLICATION" in text


def test_confidential_json_is_the_full_record(meeting):
    text = render_minutes(meeting, "json", "confidential").data.decode()
    assert found(text, CANARIES) == CANARIES


@pytest.mark.parametrize("fmt", ["html", "txt"])
def test_public_fragment_of_a_restricted_item_is_its_public_record(meeting, fmt):
    fragment = render_item_fragment(meeting, "RCS/5/25", "public", fmt)
    assert found(fragment, HIDDEN) == []
    assert canary(5, "declaration_name") in fragment
    assert "Item 5 was restricted to protect an investigation." in fragment
    assert "Members received a confidential report (item 5)." in fragment
    confidential = render_item_fragment(meeting, "RCS/5/25", "confidential", fmt)
    assert canary(5, "minutes") in confidential


def test_public_document_model_has_no_canary_anywhere(meeting):
    doc = build_minutes(meeting, "public")
    assert found(repr(doc) + repr(doc.meeting), HIDDEN) == []


def test_public_minutes_carry_no_confidential_marking(meeting):
    text = " ".join(readable("pdf", render_minutes(meeting, "pdf", "public").data).split())
    assert "CONFIDENTIAL" not in text
    assert "NOT FOR PUBLICATION" not in text
    # Schedule 12A is named only in each restricted item's exemption line.
    assert text.count("Schedule 12A") == text.count("Exempt information: paragraph")
