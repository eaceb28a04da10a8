"""The Export command: hidden without the export package, a real file with it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from sspclerk.gui.export_dialog import ExportDialog, export_available


def test_export_runs_the_check_then_writes_in_a_worker(open_window, qtbot, db_path):
    window = open_window()
    action = window.actions_by_name["export"]
    assert window.prepare_export_menu() == export_available()
    if not export_available():
        # This build has no sspclerk.export: the command is not offered at all.
        assert not action.isVisible()
        return
    assert action.isVisible()
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
    assert path.parent == db_path.parent and path.suffix == ".pdf"
    assert path.read_bytes().startswith(b"%PDF")


def test_a_finding_takes_the_clerk_to_its_item(open_window, qtbot):
    window = open_window()
    if not export_available():
        assert not window.prepare_export_menu()
        return

    def go():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        rows = [dialog.findings.item(i) for i in range(dialog.findings.count())]
        target = next(r for r in rows if "SSP/23/25" in r.text())
        dialog.findings.setCurrentItem(target)
        dialog.findings.itemActivated.emit(target)

    QTimer.singleShot(100, go)
    window.export_minutes()
    assert window.editor.item.number == "SSP/23/25"
