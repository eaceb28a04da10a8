"""File → Import… and files dropped on the window: pages and meeting files become meetings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sspclerk.store import Store

from .files import drop_files, make_pdf

PAGES = Path(__file__).resolve().parents[1] / "importers" / "pages"

# Written for this test: a small page in the shape councils publish.
FERNDALE_PAGE = """Agenda and minutes

Ferndale Community Safety Panel - Thursday 6th November 2025 2.00 pm

Venue: Committee Room 1, Ferndale Civic Centre

Contact: Democratic Services - Ola Przykład

A note the panel's officer left between the header and the items

Items
No. Item

1.

Apologies for Absence

Minutes:

Apologies were received from Cllr Łucja Nowak.

2.

Anti-social behaviour on the Ferndale estates PDF 240 KB

Minutes:

The panel heard about the summer’s work & the <new> patrols.

AGREED that the report be noted.
"""


@pytest.fixture
def told(monkeypatch):
    """Every warning the window raises, answered without a modal dialog."""
    seen: list[tuple[str, str]] = []

    def warning(_parent, title, text, *a, **k):
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return seen


def choose(monkeypatch, path: Path | None) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(path) if path else "", "")),
    )


def meetings_in(db_path: Path) -> list[tuple[str, str]]:
    with Store.open(db_path, readonly=True) as store:
        return [(m.committee, m.date.isoformat()) for m in store.list_meetings()]


def test_file_import_makes_a_meeting_opens_it_and_reports(
    open_window, told, tmp_path, monkeypatch, db_path
):
    window = open_window()
    page = tmp_path / "ferndale.txt"
    page.write_text(FERNDALE_PAGE, encoding="utf-8")
    choose(monkeypatch, page)
    before = meetings_in(db_path)
    window.actions_by_name["import_meeting"].trigger()

    assert told == []
    assert meetings_in(db_path) == before + [("Ferndale Community Safety Panel", "2025-11-06")]
    m = window.meeting
    assert m.committee.name == "Ferndale Community Safety Panel"
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Apologies for Absence"),
        ("2", "Anti-social behaviour on the Ferndale estates"),
    ]
    assert "<new>" in m.items[1].minutes and "&" in m.items[1].minutes
    assert [o.text for o in m.items[1].outcomes] == ["AGREED that the report be noted."]
    assert [d.title for d in m.items[1].documents] == [
        "Anti-social behaviour on the Ferndale estates"
    ]
    assert window.agenda.count() == 2
    assert window.editor.title.text() in {i.title for i in m.items}
    report = window.imports.report
    assert report is not None and report.isVisible()
    assert report.heading.text().startswith("Imported ferndale.txt: Ferndale Community Safety")
    assert "A note the panel's officer left" in report.text.toPlainText()
    report.accept()
    # The navigator lists the new meeting beside the demo one.
    names = [
        window.navigator.topLevelItem(i).text(0)
        for i in range(window.navigator.topLevelItemCount())
    ]
    assert any("Ferndale" in n for n in names)


def test_cancelled_file_dialog_imports_nothing(open_window, told, monkeypatch, db_path):
    window = open_window()
    choose(monkeypatch, None)
    before = meetings_in(db_path)
    window.actions_by_name["import_meeting"].trigger()
    assert meetings_in(db_path) == before and told == []
    assert window.meeting.id == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("chapter.txt", "It was a bright cold day in April. " * 40, "not"),
        ("binary.html", bytes(range(256)) * 8, "not"),
        ("broken.json", b'{"format": "sspclerk-meeting", "meeting": ', "json"),
    ],
)
def test_a_file_that_is_no_meeting_is_refused_in_one_line(
    open_window, told, tmp_path, monkeypatch, db_path, name, content, reason
):
    window = open_window()
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    choose(monkeypatch, path)
    before = meetings_in(db_path)
    window.actions_by_name["import_meeting"].trigger()
    assert meetings_in(db_path) == before
    assert window.meeting.id == 1  # the clerk stays where they were
    assert [t for t, _ in told] == ["Not imported"]
    text = told[0][1]
    assert text.startswith("Not imported: ") and name in text and "\n" not in text
    assert reason in text.lower()
    assert "Traceback" not in text


def test_the_same_meeting_twice_is_refused(open_window, told, tmp_path, monkeypatch, db_path):
    window = open_window()
    page = tmp_path / "ferndale.txt"
    page.write_text(FERNDALE_PAGE, encoding="utf-8")
    choose(monkeypatch, page)
    window.actions_by_name["import_meeting"].trigger()
    window.imports.report.accept()
    count = len(meetings_in(db_path))
    window.actions_by_name["import_meeting"].trigger()
    assert len(meetings_in(db_path)) == count
    assert "already has a Ferndale Community Safety Panel meeting on 2025-11-06" in told[-1][1]


def test_an_html_page_dropped_on_the_notes_is_imported_not_typed(open_window, told, db_path):
    window = open_window()
    notes_before = window.editor.notes.toPlainText()
    page = PAGES / "kestrel-saved-page.html"
    before = meetings_in(db_path)
    assert drop_files(window.editor.notes.viewport(), [page])
    assert window.editor.notes.toPlainText() != str(page)
    assert len(meetings_in(db_path)) == len(before) + 1
    assert told == []
    assert window.meeting.id != 1 and window.meeting.items
    window.imports.report.accept()
    # The demo meeting's notes are as they were: the path was never typed into them.
    window.open_meeting(1)
    assert window.editor.notes.toPlainText() == notes_before


def test_a_pdf_dropped_on_the_notes_is_attached_to_the_item_in_view(
    open_window, told, read_store, tmp_path
):
    window = open_window()
    window.go_to_item(window.meeting.items[4].id)
    notes_before = window.editor.notes.toPlainText()
    paper = make_pdf(tmp_path / "Serious Violence Duty.pdf", 2, "Duty")
    assert drop_files(window.editor.notes.viewport(), [paper])
    assert window.editor.notes.toPlainText() == notes_before
    held = [d.title for d in read_store().items[4].documents if d.sha256]
    assert held == ["Serious Violence Duty"]
    assert told == []


def test_a_read_only_window_imports_nothing(windows, told, tmp_path, monkeypatch, db_path):
    windows.open()
    second = windows.open("1")  # the first window holds the store: this one reads only
    assert second.read_only
    page = tmp_path / "ferndale.txt"
    page.write_text(FERNDALE_PAGE, encoding="utf-8")
    choose(monkeypatch, page)
    before = meetings_in(db_path)
    second.actions_by_name["import_meeting"].trigger()
    second.imports.import_file(page)
    assert meetings_in(db_path) == before
    assert told and all("read-only" in text for _t, text in told)
