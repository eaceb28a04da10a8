"""Render the window on the demo meeting to docs/screenshots/ (offscreen, no display needed).

    python tools/screenshots.py            # writes docs/screenshots/*.png
    python tools/screenshots.py --layouts  # only the laptop-to-desktop layout shots

The layout shots open the window as on a first run on a screen of each size (1280 ×
720, 1366 × 768, 1920 × 1080, and 2560 × 1440 at 200 %: 1280 × 720 points drawn at
twice the pixels), each in its own process
with Qt's offscreen screen set to that size, mid-meeting on a restricted item with
an outcome, two actions and two papers; each prints how many lines of notes every
item of the demo gets there (never fewer than eight).
The people and the declaration in the mid-meeting shot are made up for the picture.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from sspclerk.core.model import Attendance, AttendanceStatus, DeclarationCategory, Role  # noqa: E402
from sspclerk.gui.app import build_window, make_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1440, 900)
#: name: (screen width, height in pixels, scale factor: 2 is Windows' "200 %")
LAYOUTS = {
    "1280x720": (1280, 720, 1),
    # What a 1280 x 720 laptop leaves a window: less a 40-point taskbar and a title bar.
    "1280x650": (1280, 650, 1),
    "1366x768": (1366, 768, 1),
    "1920x1080": (1920, 1080, 1),
    "2560x1440-at-200pc": (2560, 1440, 2),
}

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
    """The export dialog after a Word export of the demo."""
    from PySide6.QtCore import QTimer

    def drive():
        dialog = QApplication.activeModalWidget()
        dialog.start()
        QTimer.singleShot(100, lambda: finish(dialog))

    def finish(dialog):  # polled from the event loop, never a busy loop
        if dialog.result is None and "Not exported" not in dialog.status.text():
            QTimer.singleShot(100, lambda: finish(dialog))
            return
        folder = str(dialog.folder)  # the picture's own Documents folder
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
    window.statusBar().clearMessage()
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

    printing = window.packs.print_pack()  # Ctrl+P: straight to the pack just built
    if printing is not None:
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


def yes_to_the_next_question() -> None:
    """The demo meeting was closed: reopening it asks first (answered Yes here)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def click(tries: int = 100) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        elif tries:
            QTimer.singleShot(10, lambda: click(tries - 1))

    QTimer.singleShot(0, click)


def notes_lines(window) -> int:
    notes = window.editor.notes
    return notes.viewport().height() // notes.fontMetrics().lineSpacing()


def shoot_layout(name: str) -> int:
    """One layout shot (run in a process whose offscreen screen has the size)."""
    app = make_app()
    screen = app.primaryScreen()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = tmp  # a first run: no saved window size
        window, lock = build_window(Path(tmp) / "demo.sqlite", None)
        if window.restore_layout():
            window.showMaximized()
        else:
            window.show()
        settle(app)
        m = window.meeting
        lines = {}
        for item in m.items:
            window.go_to_item(item.id)
            settle(app)
            lines[item.number] = notes_lines(window)
        busy = m.items[11]  # SSP/23/25, restricted
        window.go_to_item(busy.id)
        window.packs.attach(busy, [make_paper(Path(tmp) / "IQuanta comparisons.pdf", "IQuanta", 5)])
        busy = window.item_by_id(busy.id)
        window.packs.attach(busy, [make_paper(Path(tmp) / "Appendix A.pdf", "Appendix", 2)])
        for text, owner, due in (
            ("Share the comparison with partners", "Community Safety", "30/09/2025"),
            ("Report back on the Q2 figures", "Cleveland Police", "22/10/2025"),
        ):
            window.editor.add_action()
            row = window.editor.actions.rowCount() - 1
            for col, value in enumerate((text, owner, due)):
                window.editor.actions.item(row, col).setText(value)
        yes_to_the_next_question()
        window.live.start_meeting()
        settle(app)
        window.focus_notes()
        window.activateWindow()
        settle(app)
        lines[f"{window.editor.item.number} (busy)"] = notes_lines(window)
        path = OUT / f"layout-{name}.png"
        window.grab().save(str(path))
        geometry = window.frameGeometry()
        fits = screen.availableGeometry().contains(window.geometry())
        print(
            f"{path.name}: window {geometry.width()}x{geometry.height()} on "
            f"{screen.geometry().width()}x{screen.geometry().height()} "
            f"(x{screen.devicePixelRatio():g}), inside the screen: {fits}; notes lines: "
            f"fewest {min(lines.values())} ({min(lines, key=lines.get)}), busy item "
            f"{lines[f'{window.editor.item.number} (busy)']}"
        )
        window.autosaver.flush()
        window.close()
        window.store.close()
        if lock is not None:
            lock.release()
    return 0 if min(lines.values()) >= 8 and fits else 1


def shoot_layouts() -> int:
    """Each layout in its own process (the offscreen screen is set when Qt starts)."""
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (width, height, scale) in LAYOUTS.items():
            config = Path(tmp) / f"{name}.json"
            config.write_text(
                json.dumps(
                    {
                        "screens": [
                            {
                                "name": name,
                                "x": 0,
                                "y": 0,
                                "width": width,
                                "height": height,
                                "logicalDpi": 96,
                                "logicalBaseDpi": 96,
                                "dpr": 1,
                            }
                        ]
                    }
                ),
                encoding="utf-8",
            )
            env = dict(
                os.environ,
                QT_QPA_PLATFORM=f"offscreen:configfile={config}",
                QT_SCALE_FACTOR=str(scale),
            )
            done = subprocess.run(
                [sys.executable, __file__, "--layout", name], env=env, check=False
            )
            status |= done.returncode
    return status


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if "--layout" in sys.argv:
        return shoot_layout(sys.argv[sys.argv.index("--layout") + 1])
    if "--layouts" in sys.argv:
        return shoot_layouts()
    with tempfile.TemporaryDirectory() as tmp:
        # The pictures' files and remembered folders stay in here, not the user's.
        from sspclerk.gui import folders

        os.environ["XDG_CONFIG_HOME"] = tmp
        documents = Path(tmp) / "Documents"
        documents.mkdir()
        folders.documents_folder = lambda: documents
        return shoot_all(Path(tmp))


def shoot_all(tmp: Path) -> int:
    app = make_app()
    db = tmp / "demo.sqlite"
    window, lock = build_window(db, None)
    window.resize(*SIZE)
    window.show()
    window.fit_to_screen(QRect(0, 0, 1920, 1080))  # as on a desktop screen
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
    window.clock = window.store.clock = lambda: start
    yes_to_the_next_question()
    window.live.start_meeting()
    window.clock = window.store.clock = lambda: dt.datetime.now().replace(microsecond=0)
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
    shoot_papers_and_pack(app, window, tmp)
    window.autosaver.flush()
    window.close()
    window.store.close()
    if lock is not None:
        lock.release()
    return shoot_layouts()


if __name__ == "__main__":
    raise SystemExit(main())
