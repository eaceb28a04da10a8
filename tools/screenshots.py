"""Render the window on the demo meeting to docs/screenshots/ (offscreen, no display needed).

    python tools/screenshots.py            # writes docs/screenshots/*.png

The people and the declaration in the mid-meeting shot are made up for the picture.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from sspclerk.core.model import Attendance, AttendanceStatus, DeclarationCategory, Role  # noqa: E402
from sspclerk.gui.app import build_window, make_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1440, 900)

PEOPLE = [
    Attendance("Cllr Jane Ashby", "Stockton-on-Tees Borough Council", Role.CHAIR),
    Attendance("Supt. Mark Ellwood", "Cleveland Police"),
    Attendance("Dr Priya Natarajan", "NHS North East and North Cumbria ICB"),
    Attendance("Tom Rennard", "Probation Service", Role.MEMBER, AttendanceStatus.APOLOGIES),
    Attendance("Sarah Okafor", "Probation Service", Role.SUBSTITUTE, substitute_for="Tom Rennard"),
    Attendance("Cllr Alan Pike", "Stockton-on-Tees Borough Council"),
    Attendance("Lisa Hartley", "Cleveland Fire Brigade", Role.MEMBER, AttendanceStatus.ABSENT),
    Attendance("Owen Baird", "Community Safety, SBC", Role.OFFICER),
]


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(window, name: str) -> Path:
    path = OUT / name
    window.grab().save(str(path))
    print(path)
    return path


def shoot_export(app, window) -> None:
    """The export dialog after a Word export of the demo (when export is in this build)."""
    from PySide6.QtCore import QTimer

    if not window.prepare_export_menu():
        return

    def drive():
        dialog = QApplication.activeModalWidget()
        dialog.start()
        QTimer.singleShot(100, lambda: finish(dialog))

    def finish(dialog):  # polled from the event loop, never a busy loop
        if dialog.result is None and "Not exported" not in dialog.status.text():
            QTimer.singleShot(100, lambda: finish(dialog))
            return
        folder = str(window.store.path.parent)
        dialog.target.setText(dialog.target.text().replace(folder, "~/Documents"))
        dialog.status.setText(dialog.status.text().replace(folder, "~/Documents"))
        settle(app)
        shoot(dialog, "export-dialog.png")
        dialog.accept()

    QTimer.singleShot(300, drive)
    window.export_minutes("docx", "public")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        window, lock = build_window(db, None)
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        window.go_to_item(window.meeting.items[4].id)  # Neighbourhood Police Update
        window.focus_notes()
        settle(app)
        shoot(window, "main-window.png")

        # Mid-meeting: people in, the meeting running, a declaration, the live item.
        m = window.meeting
        for p in PEOPLE:
            window.attendance.name.setText(p.name)
            window.attendance.organisation.setText(p.organisation)
            window.attendance.role.setCurrentIndex(list(Role).index(p.role))
            window.attendance.status.setCurrentIndex(list(AttendanceStatus).index(p.status))
            window.attendance.substitute_for.setCurrentText(p.substitute_for)
            window.attendance.add_person()
        window.go_to_item(m.items[3].id)
        start = dt.datetime.now().replace(microsecond=0) - dt.timedelta(minutes=23)
        window.clock = lambda: start
        window.start_meeting()
        window.clock = lambda: dt.datetime.now().replace(microsecond=0)
        window.move(+1)
        window.declarations.person.setCurrentText("Cllr Alan Pike")
        window.declarations.item.setCurrentIndex(4)
        window.declarations.category.setCurrentIndex(
            list(DeclarationCategory).index(DeclarationCategory.NON_REGISTERABLE)
        )
        window.declarations.nature.setText("Volunteer with a local victim support charity")
        window.declarations.add_declaration()
        window.attendance.table.selectRow(5)
        window.attendance.stamp_arrived()
        window.side.setCurrentWidget(window.attendance)
        window.focus_notes()
        settle(app)
        window._update_clock()
        shoot(window, "mid-meeting.png")

        window.go_to_item(m.items[11].id)  # a restricted item
        window.focus_notes()
        settle(app)
        shoot(window, "restricted-item.png")
        window.side.setCurrentWidget(window.declarations)
        settle(app)
        shoot(window, "declarations.png")
        shoot_export(app, window)
        window.autosaver.flush()
        window.close()
        window.store.close()
        if lock is not None:
            lock.release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
