"""The export API the GUI and the command line call, and writing files safely."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from sspclerk import files
from sspclerk.export import (
    WRITERS,
    ExportError,
    default_filename,
    export_meeting,
    formats,
    write_atomically,
)

from .readback import docx_text, pdf_text


def test_formats_in_menu_order():
    names = [f.name for f in formats()]
    assert names[:5] == ["docx", "pdf", "html", "txt", "json"]
    assert set(names) == set(WRITERS)
    assert all(f.extension.startswith(".") and f.label for f in formats())


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_writes_the_file_and_reports_progress(demo, tmp_path, fmt):
    steps = []
    target = tmp_path / f"minutes.{fmt}"
    result = export_meeting(demo, fmt, "public", target, progress=lambda *a: steps.append(a))
    assert result.path == target
    assert result.size == target.stat().st_size > 0
    assert [s[0] for s in steps] == [0, 1, 2, 3]
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
    data = target.read_bytes()
    text = {"docx": docx_text, "pdf": pdf_text}.get(fmt, bytes.decode)(data)
    assert "SSP/15/25" in text


def test_unknown_format_and_audience_are_clear(demo, tmp_path):
    with pytest.raises(ExportError, match="unknown format 'odt'; choose one of docx, pdf"):
        export_meeting(demo, "odt", "public", tmp_path / "x.odt")
    with pytest.raises(ExportError, match="unknown audience 'press'"):
        export_meeting(demo, "pdf", "press", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_default_filename(demo):
    assert default_filename(demo, "pdf", "public") == (
        "safer-stockton-partnership-2025-07-23-minutes-public.pdf"
    )
    assert default_filename(demo, "docx", "confidential").endswith("-confidential.docx")


# ---------------------------------------------------------------- safe writing


def test_replaces_an_existing_file_whole_keeping_its_permissions(tmp_path):
    target = tmp_path / "m.txt"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomically(target, b"new minutes")
    assert target.read_bytes() == b"new minutes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert list(tmp_path.iterdir()) == [target]


def test_target_is_a_folder(tmp_path):
    with pytest.raises(ExportError, match="it is a folder, not a file"):
        write_atomically(tmp_path, b"x")


def test_missing_folder(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(tmp_path / "nowhere" / "m.pdf", b"x")


def test_read_only_target_is_left_untouched(tmp_path):
    target = tmp_path / "m.pdf"
    target.write_bytes(b"approved")
    os.chmod(target, 0o444)
    with pytest.raises(ExportError, match="read-only"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"approved"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (PermissionError(errno.EACCES, "Permission denied"), "is it open in another program"),
        (OSError(errno.EROFS, "Read-only file system"), "the drive is read-only"),
    ],
)
def test_failed_replace_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch, error, message):
    target = tmp_path / "m.docx"
    target.write_bytes(b"previous minutes")

    def refuse(src, dst):
        raise error

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(ExportError, match=message) as caught:
        write_atomically(target, b"new minutes")
    assert "\n" not in str(caught.value)
    assert target.read_bytes() == b"previous minutes"
    assert list(tmp_path.iterdir()) == [target]


def test_failed_write_midway_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "m.pdf"
    target.write_bytes(b"previous")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ExportError, match="disk is full"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]


def test_export_meeting_failure_keeps_the_previous_export(demo, tmp_path):
    target = tmp_path / "m.pdf"
    export_meeting(demo, "pdf", "public", target)
    before = target.read_bytes()
    os.chmod(target, 0o444)
    with pytest.raises(ExportError):
        export_meeting(demo, "pdf", "confidential", target)
    assert target.read_bytes() == before


def test_deferred_writers_match_their_classes():
    """The menu's names and extensions are those of the real writer classes."""
    from sspclerk.export.docx_writer import DocxWriter
    from sspclerk.export.pdf_writer import PdfWriter

    for real in (DocxWriter(), PdfWriter()):
        menu = WRITERS[real.name]
        assert (menu.label, menu.extension, menu.media_type) == (
            real.label,
            real.extension,
            real.media_type,
        )


def test_cancelling_from_progress_writes_nothing(demo, tmp_path):
    class Cancelled(Exception):
        pass

    def cancel_when_saving(step, steps, what):
        if step == 2:
            raise Cancelled

    target = tmp_path / "m.pdf"
    with pytest.raises(Cancelled):
        export_meeting(demo, "pdf", "public", target, progress=cancel_when_saving)
    assert list(tmp_path.iterdir()) == []
