"""Golden text of the demo minutes, Word and PDF, both audiences.

The files hold extracted text, never bytes: a reportlab or python-docx upgrade may
change every byte and still be right.  After a deliberate change, rewrite them with
``SSPCLERK_UPDATE_GOLDEN=1 pytest tests/export/test_golden.py`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sspclerk.export import render_minutes

from .readback import docx_text, normalise, pdf_text

GOLDEN = Path(__file__).parent / "golden"
EXTRACT = {"docx": docx_text, "pdf": pdf_text}


@pytest.mark.parametrize("audience", ["public", "confidential"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_demo_minutes_text_matches_golden(demo, fmt, audience):
    text = normalise(EXTRACT[fmt](render_minutes(demo, fmt, audience).data)) + "\n"
    golden = GOLDEN / f"demo-{audience}.{fmt}.txt"
    if os.environ.get("SSPCLERK_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} is missing: run with SSPCLERK_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_public_golden_differs_from_confidential_only_where_it_should():
    public = (GOLDEN / "demo-public.pdf.txt").read_text(encoding="utf-8")
    confidential = (GOLDEN / "demo-confidential.pdf.txt").read_text(encoding="utf-8")
    assert "CONFIDENTIAL – NOT FOR PUBLICATION" in confidential
    assert "CONFIDENTIAL" not in public
    # The restricted SBC Performance item has an outcome the public never sees as such…
    assert "NOT FOR PUBLICATION" not in public
    # …and both carry the public record of it.
    for text in (public, confidential):
        assert "Due to the connection to an ongoing Police investigation" in text
