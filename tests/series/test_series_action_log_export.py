"""The action log as CSV, DOCX and PDF: real files, read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess

import docx
import pytest

from sspclerk import files
from sspclerk.core.model import Action, ActionStatus
from sspclerk.export.action_log import ActionLogWriteError, render_action_log, write_action_log

D = dt.date
TEXTS = [
    "Share the Knife Crime Action Plan with schools & colleges <by term>",
    "Adroddiad i'r Bartneriaeth — Gwenllïan; Łódź; Ελληνικά; Кириллица",
]


@pytest.fixture
def entries(store, demo_id):
    item = store.load_meeting(demo_id).item("SSP/17/25").id
    store.add_action(item, Action(TEXTS[0], "Curv", D(2025, 9, 30)))
    done = store.add_action(item, Action(TEXTS[1], "Cllr Nowak"))
    store.set_action_status(done, ActionStatus.DONE)
    return store.action_log()


def test_csv(entries, tmp_path):
    path = write_action_log(entries, tmp_path / "log.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Committee", "Meeting date", "Item"]
    assert rows[1] == [
        "SSP",
        "2025-07-23",
        "SSP/17/25",
        "Knife Crime Action Plan",
        TEXTS[0],
        "Curv",
        "2025-09-30",
        "open",
    ]
    assert rows[2][4] == TEXTS[1] and rows[2][7] == "done"


def test_docx(entries, tmp_path):
    path = write_action_log(entries, tmp_path / "log.docx", committee="Safer Stockton Partnership")
    document = docx.Document(str(path))
    assert document.core_properties.title == "Action log — Safer Stockton Partnership"
    assert document.paragraphs[0].text == "Action log — Safer Stockton Partnership"
    table = document.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Meeting", "Item", "Action", "Owner", "Due", "Status"]
    assert cells[1] == ["23/07/2025", "SSP/17/25", TEXTS[0], "Curv", "30/09/2025", "open"]
    assert cells[2][2] == TEXTS[1]


def test_pdf(entries, tmp_path):
    path = write_action_log(
        entries, tmp_path / "log.pdf", open_only=False, committee="Safer Stockton Partnership"
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Action log — Safer Stockton Partnership" in text
    assert "Share the Knife Crime Action Plan with schools & colleges <by term>" in " ".join(
        text.split()
    )
    for word in ("Gwenllïan", "Łódź", "Ελληνικά", "Кириллица", "SSP/17/25", "30/09/2025"):
        assert word in text


def test_empty_log_says_so(tmp_path):
    for fmt in ("docx", "pdf"):
        path = write_action_log([], tmp_path / f"empty.{fmt}", open_only=True)
        assert path.stat().st_size > 0
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "empty.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Open actions" in text and "There are no actions to list." in text


def test_unknown_format():
    with pytest.raises(ValueError, match="csv, docx, pdf"):
        render_action_log([], "xlsx")


def test_a_failed_write_leaves_the_old_file(entries, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "log.csv"
    target.write_bytes(b"the old log")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(ActionLogWriteError, match="the disk is full"):
        write_action_log(entries, target)
    assert target.read_bytes() == b"the old log"
    assert os.listdir(out) == ["log.csv"]  # no temporary file left behind


def test_a_missing_folder_is_a_clear_error(entries, tmp_path):
    with pytest.raises(ActionLogWriteError, match="cannot write"):
        write_action_log(entries, tmp_path / "nowhere" / "log.pdf")
