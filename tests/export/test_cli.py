"""`sspclerk export` and `sspclerk check` end to end, in a child process on a real store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env

from .readback import docx_text, pdf_text


def sspclerk(db: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sspclerk", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "meetings.sqlite"
    done = sspclerk(db, "demo")
    assert done.returncode == 0, done.stderr
    return db


def test_check_reports_the_demo_findings_and_exits_1(store):
    done = sspclerk(store, "check", "latest")
    assert done.returncode == 1
    assert "error: SSP/14/25: placeholder 'xxx' in the agenda text" in done.stdout
    assert "error(s)" in done.stderr


def test_export_pdf_defaults_to_public_and_warns(store, tmp_path):
    out = tmp_path / "minutes.pdf"
    done = sspclerk(store, "export", "latest", "--format", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert "sspclerk: check error: SSP/14/25: placeholder 'xxx'" in done.stderr
    text = pdf_text(out.read_bytes())
    assert "SSP/24/25" in text and "CONFIDENTIAL" not in text
    assert "Members were presented with a restricted report" in text  # the public summary


def test_export_confidential_docx(store, tmp_path):
    out = tmp_path / "minutes.docx"
    done = sspclerk(
        store, "export", "latest", "-f", "docx", "--audience", "confidential", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert docx_text(out.read_bytes()).startswith("CONFIDENTIAL – NOT FOR PUBLICATION")


def test_strict_refuses_and_writes_nothing(store, tmp_path):
    out = tmp_path / "minutes.html"
    done = sspclerk(store, "export", "latest", "-f", "html", "--strict", "-o", str(out))
    assert done.returncode == 1
    assert "not exported" in done.stderr
    assert not out.exists()


def test_default_file_name_in_the_current_folder(store, tmp_path):
    done = sspclerk(store, "export", "latest", "-f", "txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "safer-stockton-partnership-2025-07-23-minutes-public.txt").is_file()


def test_unwritable_target_is_one_line_and_exit_2(store, tmp_path):
    done = sspclerk(store, "export", "latest", "-f", "pdf", "-o", str(tmp_path))
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last == f"sspclerk: cannot write {tmp_path}: it is a folder, not a file"
    assert "Traceback" not in done.stderr


def test_unknown_format_is_a_usage_error(store):
    done = sspclerk(store, "export", "latest", "-f", "odt")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


def test_the_schedule_12a_rule_is_set_per_committee(tmp_path):
    """The demo partnership restricts two papers outside Schedule 12A: warnings; made a
    council committee, the same items are errors."""
    db = tmp_path / "meetings.sqlite"
    assert sspclerk(db, "demo").returncode == 0
    done = sspclerk(db, "committee", "SSP")
    assert "Kind: partnership" in done.stdout
    rule = "restricted item without its Schedule 12A paragraph"
    check = sspclerk(db, "check", "latest").stdout
    assert f"warning: SSP/23/25: {rule}" in check
    assert f"error: SSP/23/25: {rule}" not in check
    done = sspclerk(db, "committee", "SSP", "--kind", "council")
    assert done.returncode == 0, done.stderr
    assert "Kind: council committee" in done.stdout
    check = sspclerk(db, "check", "latest").stdout
    assert f"error: SSP/23/25: {rule}" in check
    assert f"error: SSP/24/25: {rule}" in check
    assert '"kind": "council committee"' in sspclerk(db, "committees", "--json").stdout


def test_dash_writes_text_formats_to_standard_output(store, tmp_path):
    done = sspclerk(store, "export", "latest", "-f", "txt", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("DRAFT – subject to approval") or "Safer Stockton" in done.stdout
    assert "SSP/15/25" in done.stdout
    assert not (tmp_path / "-").exists()
    html = sspclerk(store, "export", "latest", "-f", "html", "-o", "-", cwd=tmp_path)
    assert html.stdout.startswith("<!DOCTYPE html>")


def test_dash_sends_a_pdf_down_a_pipe_but_not_to_a_terminal(store, tmp_path):
    import os
    import pty

    piped = subprocess.run(
        [sys.executable, "-m", "sspclerk", "--db", str(store), "export", "latest", "-o", "-"],
        capture_output=True,
        env=cli_env(),
        cwd=tmp_path,
        timeout=120,
    )
    assert piped.returncode == 0
    assert piped.stdout.startswith(b"%PDF-")
    main, terminal = pty.openpty()
    try:
        shown = subprocess.run(
            [sys.executable, "-m", "sspclerk", "--db", str(store), "export", "latest", "-o", "-"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            env=cli_env(),
            cwd=tmp_path,
            timeout=120,
        )
    finally:
        os.close(terminal)
        os.close(main)
    assert shown.returncode == 2
    assert b"is a binary file: give -o FILE" in shown.stderr
    assert not (tmp_path / "-").exists()


def test_word_margins_are_the_committees(tmp_path):
    import docx

    db = tmp_path / "meetings.sqlite"
    assert sspclerk(db, "demo").returncode == 0
    out = sspclerk(db, "committee", "SSP", "--word-margins", "2").stdout
    assert "Word minutes: A4, margins 2 cm" in out
    target = tmp_path / "m.docx"
    assert sspclerk(db, "export", "latest", "-f", "docx", "-o", str(target)).returncode == 0
    section = docx.Document(str(target)).sections[0]
    assert round(section.left_margin.cm, 2) == round(section.top_margin.cm, 2) == 2.0
    assert round(section.page_width.cm, 1) == 21.0
    bad = sspclerk(db, "committee", "SSP", "--word-margins", "9")
    assert bad.returncode == 2 and "from 0.5 to 5" in bad.stderr
