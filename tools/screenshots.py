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


def wait_for(app: QApplication, done, seconds: float = 30) -> None:
    """Run the event loop (the worker reports through it) until ``done()`` or time is up."""
    import time

    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def make_paper(path: Path, title: str, pages: int) -> Path:
    """A made-up report PDF for the pictures (reportlab, as the tests make theirs)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 760, title)
        c.setFont("Helvetica", 12)
        c.drawString(72, 735, f"Illustrative report for the screenshots, page {n} of {pages}")
        c.showPage()
    c.save()
    return path


def shoot_papers_and_pack(app, window, tmp: Path) -> None:
    """Papers on an item, the pack built in the background, the print preview, an import."""
    m = window.meeting
    crime, knife = m.items[3], m.items[5]
    window.packs.attach(
        crime, [make_paper(tmp / "Recorded Crime Report Q1.pdf", "Recorded crime", 6)]
    )
    window.packs.attach(knife, [make_paper(tmp / "Knife Crime Action Plan.pdf", "Knife crime", 4)])
    window.go_to_item(crime.id)
    window.focus_notes()
    settle(app)
    shoot(window, "papers.png")

    dialog = window.packs.build_pack()
    dialog.target.setText(str(tmp / "SSP-2025-07-23-agenda-pack.pdf"))
    dialog.start()
    wait_for(app, lambda: dialog.result is not None or bool(dialog.error))
    dialog.target.setText(dialog.target.text().replace(str(tmp), "~/Documents"))
    dialog.status.setText(dialog.status.text().replace(str(tmp), "~/Documents"))
    settle(app)
    shoot(dialog, "agenda-pack.png")
    dialog.accept()

    printing = window.packs.print_pack()
    printing.start()
    wait_for(app, lambda: window.packs.preview is not None or bool(printing.error))
    if window.packs.preview is not None:
        window.packs.preview.resize(1100, 820)
        settle(app)
        shoot(window.packs.preview, "print-preview.png")
        window.packs.preview.close()

    page = ROOT / "tests" / "importers" / "pages" / "westmere-decimal-decisions.txt"
    if page.is_file() and window.imports.import_file(page) is not None:
        settle(app)
        shoot(window.imports.report, "import-report.png")
        window.imports.report.accept()
        window.open_meeting(m.id)


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
        shoot_papers_and_pack(app, window, Path(tmp))
        window.autosaver.flush()
        window.close()
        window.store.close()
        if lock is not None:
            lock.release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
