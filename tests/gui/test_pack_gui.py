"""Papers and agenda packs from the window: attach (button and drop), detach, build, print."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sspclerk.gui import pack_actions

from .files import drop_files, make_pdf


@pytest.fixture
def told(monkeypatch):
    """Every message box the window raises, answered without a modal dialog."""
    seen: list[tuple[str, str]] = []
    answer = {"question": QMessageBox.StandardButton.Yes}

    def warning(_parent, title, text, *a, **k):
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    def question(_parent, title, text, *a, **k):
        seen.append((title, text))
        return answer["question"]

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    seen_answer = answer
    return seen, seen_answer


def drop_on_agenda(window, row: int, paths: list[Path]) -> bool:
    """A drop of files on one agenda row, delivered to the list's viewport as Qt does."""
    agenda = window.agenda
    where = QPointF(agenda.visualItemRect(agenda.item(row)).center())
    return drop_files(agenda.viewport(), paths, where)


def test_attach_by_button_and_by_drop_reaches_the_store(
    open_window, read_store, told, tmp_path, monkeypatch
):
    window = open_window()
    paper = make_pdf(tmp_path / "recorded_crime_report.pdf", 3, "Crime")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(paper)], ""))
    )
    window.actions_by_name["attach_paper"].trigger()
    stored = read_store().items[0].documents
    held = [d for d in stored if d.sha256]
    assert [(d.title, d.filename, d.page_count) for d in held] == [
        ("recorded crime report", "recorded_crime_report.pdf", 3)
    ]
    shown = [
        window.editor.papers.list.item(i).text() for i in range(window.editor.papers.list.count())
    ]
    assert any(t.startswith("recorded crime report — 3 pages") for t in shown)

    second = make_pdf(tmp_path / "Hate Crime Update.pdf", 2, "Hate")
    assert drop_on_agenda(window, 2, [second])
    assert window.agenda.currentRow() == 2  # the window goes to the item it was dropped on
    item3 = read_store().items[2]
    assert [d.title for d in item3.documents if d.sha256] == ["Hate Crime Update"]
    assert any(
        "Hate Crime Update — 2 pages" in window.editor.papers.list.item(i).text()
        for i in range(window.editor.papers.list.count())
    )
    assert told[0] == []

    # Dropped again by mistake: refused in one line, the pack will not print it twice.
    drop_on_agenda(window, 2, [second])
    assert [d.title for d in read_store().items[2].documents if d.sha256] == ["Hate Crime Update"]
    seen, _ = told
    assert len(seen) == 1 and "already attached to" in seen[0][1] and "\n" not in seen[0][1]


def test_a_drop_of_a_non_pdf_on_the_agenda_attaches_nothing(
    open_window, read_store, told, tmp_path
):
    window = open_window()
    note = tmp_path / "notes.txt"
    note.write_text("not a paper")
    before = [len(i.documents) for i in read_store().items]
    drop_on_agenda(window, 1, [note])
    assert [len(i.documents) for i in read_store().items] == before
    # The .txt goes on to the window, which tries it as a page to import, and says no.
    seen, _ = told
    assert [title for title, _text in seen] == ["Not imported"]
    assert "notes.txt" in seen[0][1] and "nothing was imported" in seen[0][1]


def test_a_corrupt_pdf_is_refused_with_its_name_and_nothing_attached(
    open_window, read_store, told, tmp_path
):
    window = open_window()
    bad = tmp_path / "minutes_draft.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 40)
    before = [len(i.documents) for i in read_store().items]
    assert drop_on_agenda(window, 0, [bad])
    seen, _ = told
    assert len(seen) == 1
    assert seen[0][1].startswith("Not attached: minutes_draft.pdf")
    assert "\n" not in seen[0][1]
    assert [len(i.documents) for i in read_store().items] == before


def test_detach_asks_first(open_window, read_store, told, tmp_path):
    window = open_window()
    item = window.meeting.items[1]
    window.go_to_item(item.id)
    window.packs.attach(item, [make_pdf(tmp_path / "budget.pdf", 1, "Budget")])
    item = window.item_by_id(item.id)  # the window shows the store's record, read afresh
    doc_id = next(d.id for d in item.documents if d.title == "budget")
    seen, answer = told
    answer["question"] = QMessageBox.StandardButton.No
    window.editor.papers.list.setCurrentRow(0)
    window.editor.papers.detach_button.click()
    assert "budget" in seen[-1][1]
    assert any(d.id == doc_id for d in read_store().items[1].documents)
    answer["question"] = QMessageBox.StandardButton.Yes
    window.editor.papers.detach_button.click()
    assert not any(d.id == doc_id for d in read_store().items[1].documents)
    assert window.editor.papers.list.count() == 0


def _attach_two(window, tmp_path):
    items = window.meeting.items
    window.packs.attach(items[0], [make_pdf(tmp_path / "crime.pdf", 3, "Crime")])
    window.packs.attach(items[3], [make_pdf(tmp_path / "plan.pdf", 2, "Plan", landscape_page=2)])


def test_build_the_public_pack_in_the_worker(open_window, told, tmp_path, qtbot, monkeypatch):
    window = open_window()
    _attach_two(window, tmp_path)
    window.actions_by_name["agenda_pack"].trigger()
    dialog = window.packs.dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "out" / "pack.pdf"
    target.parent.mkdir()  # the pack never makes folders (a mistyped path leaves none)
    dialog.target.setText(str(target))
    dialog.build_button.click()
    assert dialog.worker is not None
    qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.error), timeout=20000)
    assert dialog.error == ""
    reader = pypdf.PdfReader(target)
    front = dialog.result.front_sheet_pages
    assert len(reader.pages) == front + 5 == dialog.result.page_count
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Crime sheet 3" in text and "Plan sheet 2" in text
    assert f"Page {front + 5}" in text
    assert dialog.progress_seen and dialog.progress_seen[-1] > dialog.progress_seen[0]
    assert dialog.progress.value() == dialog.progress.maximum()
    assert "Saved" in dialog.status.text()
    dialog.close()
    opened = []
    monkeypatch.setattr(
        pack_actions.QDesktopServices, "openUrl", staticmethod(lambda u: opened.append(u) or True)
    )
    window.actions_by_name["open_pack"].trigger()
    assert [u.toLocalFile() for u in opened] == [str(target)]
    # Ctrl+P: straight to the print preview of that pack, no second build.
    window.actions_by_name["print_pack"].trigger()  # Ctrl+P
    preview = window.packs.preview
    assert preview is not None and preview.isVisible()
    assert preview.windowTitle() == f"Print — {target.name}"
    assert window.packs.dialog is dialog  # no new pack dialog was opened
    assert target.is_file()  # the clerk's pack is shown, not a temporary copy
    preview.close()


def test_cancel_leaves_the_previous_pack(open_window, told, tmp_path, qtbot):
    window = open_window()
    _attach_two(window, tmp_path)
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the pack sent out last week")
    dialog = window.packs.build_pack()
    dialog.target.setText(str(target))

    def cancel_at_first_report(worker):  # on the worker's thread, before its first check
        worker.progress.connect(lambda *_a: worker.stop.set(), Qt.ConnectionType.DirectConnection)

    dialog.on_worker = cancel_at_first_report
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.error), timeout=20000)
    assert "cancelled" in dialog.error
    assert target.read_bytes() == b"the pack sent out last week"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".pack")) == []
    assert "No pack made" in dialog.status.text()
    dialog.close()


def test_a_part_b_pack_without_restricted_papers_says_why(open_window, told, tmp_path, qtbot):
    window = open_window()
    for item in window.meeting.items:
        item.restricted = False
    dialog = window.packs.build_pack()
    dialog.part.setCurrentIndex(dialog.part.findData("supplementary"))
    target = tmp_path / "pack.pdf"
    dialog.target.setText(str(target))
    dialog.build_button.click()
    assert dialog.worker is None  # refused while planning, on the main thread
    assert dialog.error and "\n" not in dialog.error
    assert dialog.status.text().startswith("No pack made: ")
    assert not target.exists()
    dialog.close()


def test_print_paints_every_page_fitted_and_landscape_kept(open_window, told, tmp_path, qtbot):
    from sspclerk.gui.print_preview import print_to_pdf

    window = open_window()
    _attach_two(window, tmp_path)
    dialog = window.packs.print_pack()
    dialog.build_button.click()
    qtbot.waitUntil(lambda: window.packs.preview is not None or bool(dialog.error), timeout=20000)
    assert dialog.error == ""
    preview = window.packs.preview
    assert preview.isVisible()
    built = Path(dialog.result.path)
    printed = tmp_path / "printed.pdf"
    assert print_to_pdf(built, printed) == dialog.result.page_count
    preview.close()
    # The pack made only for printing is not left behind in the temporary folder.
    assert not built.exists() and not built.parent.exists()
    pages = pypdf.PdfReader(printed).pages
    assert len(pages) == dialog.result.page_count
    wide = [n for n, p in enumerate(pages) if p.mediabox.width > p.mediabox.height]
    assert wide == [dialog.result.page_count - 1]  # the plan's second sheet is landscape


def test_a_print_dialog_closed_before_printing_leaves_no_temporary_pack(
    open_window, told, tmp_path, qtbot
):
    window = open_window()
    _attach_two(window, tmp_path)
    dialog = window.packs.print_pack()
    dialog.built.disconnect(window.packs._print_built)  # the clerk closes before the preview
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.error), timeout=20000)
    built = Path(dialog.result.path)
    assert built.is_file()
    dialog.close()
    assert not built.parent.exists()
