"""Attach-time checks: good papers pass with their facts, bad ones are refused by name."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pikepdf
import pytest

from sspclerk.export.pdfcheck import PdfRefused, inspect_pdf

from . import samples


@pytest.mark.parametrize(
    ("make", "pages"),
    [
        (lambda: samples.paper("plain", 3), 3),
        (lambda: samples.landscape_paper("land", 2), 2),
        (lambda: samples.a3_paper("a3", 1), 1),
        (lambda: samples.rotated_paper("rot", 2), 2),
        (lambda: samples.annotated_paper("ann"), 1),
        (lambda: samples.offset_box_paper("off"), 1),
    ],
)
def test_good_papers_are_accepted_unchanged(make, pages):
    data = make()
    info = inspect_pdf(data, "good.pdf")
    assert info.page_count == pages
    assert info.content == data
    assert info.size_bytes == len(data)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.repaired == ""


def test_a_path_is_read_and_named_by_its_file_name(tmp_path: Path):
    path = tmp_path / "Recorded crime.pdf"
    path.write_bytes(samples.paper("x", 2))
    assert inspect_pdf(path).page_count == 2
    path.write_bytes(samples.not_a_pdf())
    with pytest.raises(PdfRefused, match=r"^Recorded crime\.pdf is not a PDF"):
        inspect_pdf(path)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (samples.not_a_pdf, "is not a PDF"),
        (lambda: b"", "is empty"),
        (lambda: samples.encrypted_paper("enc"), "encrypted with a password"),
        (lambda: samples.truncated_paper("cut", 0.4), "damaged beyond repair: page 1 has lost"),
        (lambda: samples.truncated_paper("cut", 0.15), "damaged beyond repair"),
        (samples.no_pages_paper, "has no pages"),
    ],
)
def test_bad_files_are_refused_with_name_and_reason(make, reason):
    with pytest.raises(PdfRefused) as caught:
        inspect_pdf(make(), "Knife crime plan.pdf")
    message = str(caught.value)
    assert message.startswith("Knife crime plan.pdf ")
    assert reason in message
    assert "Traceback" not in message and "BytesIO" not in message


def test_refusal_is_a_value_error_for_callers_that_catch_broadly():
    with pytest.raises(ValueError):
        inspect_pdf(samples.not_a_pdf(), "x.pdf")


def test_unreadable_path_and_folder_are_refused(tmp_path: Path):
    with pytest.raises(PdfRefused, match="is a folder"):
        inspect_pdf(tmp_path)
    with pytest.raises(PdfRefused, match="cannot read missing.pdf"):
        inspect_pdf(tmp_path / "missing.pdf")


def test_a_broken_cross_reference_table_is_repaired_and_the_repair_is_kept():
    damaged = samples.bad_xref_paper("xref", 3)
    with pikepdf.open(io.BytesIO(damaged)) as pdf:
        assert pdf.get_warnings(), "the sample must really be damaged"
    info = inspect_pdf(damaged, "annex.pdf")
    assert info.page_count == 3
    assert "cross-reference" in info.repaired
    assert info.content != damaged
    assert info.sha256 == hashlib.sha256(info.content).hexdigest()
    with pikepdf.open(io.BytesIO(info.content)) as pdf:
        assert len(pdf.pages) == 3
        assert not pdf.get_warnings()
        text = b"".join(p.Contents.read_bytes() for p in pdf.pages)
    assert b"MARK-xref-p3" in text


def test_empty_password_encryption_is_removed():
    info = inspect_pdf(samples.encrypted_paper("open", user_password=""), "open.pdf")
    assert info.page_count == 2
    assert "encryption" in info.repaired
    with pikepdf.open(io.BytesIO(info.content)) as pdf:
        assert not pdf.is_encrypted


def test_a_nearly_whole_download_with_everything_reachable_is_repaired():
    # Only the trailer is gone; every page, font and stream is still in the file.
    info = inspect_pdf(samples.truncated_paper("tail", 0.99), "tail.pdf")
    assert info.page_count == 6
    assert info.repaired
