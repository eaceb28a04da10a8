"""Backups and restore of a ten-year store, beside the copy a clerk would make by hand.

Ours is SQLite's backup API plus ``integrity_check`` of the copy and an atomic
rename (what happens on every quit and meeting close); the peers are the
``sqlite3`` shell's ``.backup`` (the same API, no check) and a plain file copy
(fast, but not safe while the store is open).  Run through bench/run.py.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, median, peer_tool, timed, work_dir  # noqa: E402
from sspclerk.importers.meeting_json import read_meeting_file  # noqa: E402
from sspclerk.resources import resource_path  # noqa: E402
from sspclerk.store import Store  # noqa: E402
from sspclerk.store.backup import make_backup, restore  # noqa: E402

#: Ten years of a committee meeting every month, five bodies: 600 meetings.
MEETINGS = 600
RUNS = 5


def ten_year_store() -> Path:
    """A store of 600 meetings (7,800 items) built once and kept in bench/.work."""
    path = work_dir("backup") / "ten-years.sqlite"
    if path.exists():
        return path
    demo = read_meeting_file(resource_path("demo-meeting.json"))
    partial = path.with_suffix(".partial.sqlite")
    for extra in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        extra.unlink(missing_ok=True)
    with Store.open(partial) as store:
        for n in range(MEETINGS):
            demo.date = dt.date(2016, 1, 6) + dt.timedelta(days=6 * n)
            for i, item in enumerate(demo.items):
                item.minutes = f"Meeting {n}, item {i}. " + "Members discussed the report. " * 40
            store.add_meeting(demo)
    shutil.move(partial, path)
    return path


def run() -> list[Row]:
    store_path = ten_year_store()
    size_mb = store_path.stat().st_size / 1e6
    out = work_dir("backup") / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    with Store.open(store_path) as store:
        ours = median(timed(lambda: make_backup(store, "manual", folder=out), RUNS))
    copy_to = out / "copy.sqlite"
    plain_copy = median(timed(lambda: shutil.copyfile(store_path, copy_to), RUNS))
    rows = []
    shell = peer_tool("sqlite3")
    if shell:
        target = out / "shell.sqlite"
        shell_time = median(
            timed(
                lambda: subprocess.run([shell, str(store_path), f".backup '{target}'"], check=True),
                RUNS,
            )
        )
        rows.append(
            Row(
                f"Backup of a ten-year store ({size_mb:.0f} MB), checked",
                ours,
                "sqlite3 .backup (no check)",
                shell_time,
                "s",
                "≤ 1 s",
            )
        )
    else:
        rows.append(
            Row(
                f"Backup of a ten-year store ({size_mb:.0f} MB), checked",
                ours,
                "sqlite3 .backup (no check)",
                None,
                "s",
                "≤ 1 s",
                "sqlite3 shell not installed (apt-get install sqlite3)",
            )
        )
    rows.append(
        Row(
            f"Backup of a ten-year store ({size_mb:.0f} MB), checked",
            ours,
            "cp (unsafe while open)",
            plain_copy,
            "s",
            "≤ 1 s",
        )
    )
    live = work_dir("backup") / "live.sqlite"
    shutil.copyfile(store_path, live)
    backup = next(out.glob("ten-years-*-manual.sqlite"))
    restore_time = median(timed(lambda: restore(live, backup, folder=out / "kept"), RUNS))
    rows.append(
        Row(
            "Restore a ten-year store (keeps the replaced one first)",
            restore_time,
            "cp over the store",
            plain_copy,
            "s",
            "≤ 3 s",
            "ours copies twice and checks both; cp keeps nothing",
        )
    )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
