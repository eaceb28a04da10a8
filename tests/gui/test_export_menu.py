"""The Export command: safe by default, a real file in a worker when the clerk says so."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from sspclerk.gui.export_dialog import ExportDialog


def _with_dialog(window, act, qtbot=None) -> None:
    """Open Ctrl+Shift+E and run ``act(dialog)`` inside it (once it has the keyboard)."""

    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        try:
            if qtbot is not None:
                qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
            act(dialog)
        finally:
            if dialog.isVisible():  # a failed check must not leave the test waiting
                dialog.reject()

    QTimer.singleShot(100, drive)
    window.export_minutes()


def test_export_runs_the_check_then_writes_in_a_worker(open_window, qtbot, documents):
    window = open_window()
    action = window.actions_by_name["export"]
    window.prepare_export_menu()
    assert action.isVisible()
    window.prepare_export_menu()  # the menu is filled once, however often it opens
    entries = [a.text() for a in window._export_menu.actions()]
    assert entries.count("Export &as") == 1
    seen = {}

    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        seen["findings"] = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
        seen["button"] = dialog.export_button.text()
        dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
        dialog.start()
        qtbot.waitUntil(
            lambda: dialog.result is not None or "Not exported" in dialog.status.text(),
            timeout=20000,
        )
        seen["result"] = dialog.result
        dialog.accept()

    QTimer.singleShot(100, drive)
    qtbot.keyClick(
        window.editor.notes,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    # The demo's published "held on xxx" is caught before publishing.
    assert any("xxx" in f for f in seen["findings"])
    assert seen["button"] == "&Export anyway"
    path = seen["result"].path
    # The user's Documents folder, never the folder the program was started from.
    assert path.parent == documents and path.suffix == ".pdf" and "public" in path.name
    assert path.read_bytes().startswith(b"%PDF")


def test_with_errors_the_keys_that_wrote_the_confidential_file_now_write_nothing(
    open_window, qtbot, documents
):
    """Focus on the findings, Down, Enter: it used to switch the audience to
    Confidential and run "Export anyway"; now Enter goes to the finding's item."""
    window = open_window()
    seen = {}

    def act(dialog):
        seen["focus"] = QApplication.focusWidget()
        seen["findings"] = dialog.findings
        seen["default"] = [b.text() for b in dialog.buttons.buttons() if b.isDefault()]
        seen["audience"] = dialog.chosen_audience()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        seen["audience after Down"] = dialog.chosen_audience()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    _with_dialog(window, act, qtbot)
    assert seen["focus"] is seen["findings"]
    assert [t.replace("&", "") for t in seen["default"]] == ["Close"]
    assert seen["audience"] == seen["audience after Down"] == "public"
    assert list(documents.iterdir()) == []  # nothing was written
    assert window.editor.item.number.startswith("SSP/")  # the clerk is at the finding's item


def test_confidential_is_plainly_different_and_its_file_marked(open_window, qtbot, documents):
    window = open_window()
    seen = {}

    def act(dialog):
        public = dialog.target.text()
        assert not dialog.warning.isVisibleTo(dialog)
        dialog.audience_buttons["confidential"].click()
        seen["public"], seen["confidential"] = public, dialog.target.text()
        seen["warning"] = dialog.warning.isVisibleTo(dialog)
        seen["marked"] = dialog.export_button.property("confidential")
        other = documents / "committee"
        other.mkdir()
        dialog.target.setText(str(other / "minutes.docx"))
        dialog.start()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
        dialog.accept()

    _with_dialog(window, act)
    assert "public" in seen["public"] and "confidential" in seen["confidential"]
    assert seen["warning"] and seen["marked"] is True
    again = {}

    def look(dialog):
        again["folder"] = dialog.folder
        dialog.reject()

    _with_dialog(window, look)
    assert again["folder"] == documents / "committee"  # the folder chosen is remembered


def test_a_finding_takes_the_clerk_to_its_item(open_window, qtbot):
    window = open_window()

    def go(dialog):
        rows = [dialog.findings.item(i) for i in range(dialog.findings.count())]
        target = next(r for r in rows if "SSP/23/25" in r.text())
        dialog.findings.setCurrentItem(target)
        dialog.findings.itemActivated.emit(target)

    _with_dialog(window, go)
    assert window.editor.item.number == "SSP/23/25"
