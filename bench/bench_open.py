"""Opening a store for writing, which runs SQLite's quick_check first (store/connection.py).

A store damaged in the middle must be refused before anything is written into it,
so every open for writing (the window, and each command that writes) reads every
page's structure.  This measures what that costs on three sizes: the demo store,
ten years of five bodies meeting monthly (bench_backup's 600 meetings), and the
search benchmark's 5,000 meetings / 100,000 items.  The peer is the same store
opened read-only (the same pragmas, no check): the difference is the check.
Run through bench/run.py; numbers go to docs/reliability.md.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, median, timed, work_dir  # noqa: E402
from sspclerk.importers.meeting_json import read_meeting_file  # noqa: E402
from sspclerk.resources import resource_path  # noqa: E402
from sspclerk.store import Store  # noqa: E402

RUNS = 7


def demo_store() -> Path:
    path = work_dir("open") / "demo.sqlite"
    if not path.exists():
        with Store.open(path) as store:
            store.add_meeting(read_meeting_file(resource_path("demo-meeting.json")))
    return path


def _quick_check(path: Path) -> float:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return median(timed(lambda: conn.execute("PRAGMA quick_check(1)").fetchall(), RUNS))
    finally:
        conn.close()


def run() -> list[Row]:
    from bench.bench_backup import ten_year_store as monthly_store
    from bench.bench_search import _up_to_date
    from bench.bench_search import ten_year_store as council_store

    rows = []
    stores = [
        ("the demo store", demo_store()),
        ("600 meetings", _up_to_date(monthly_store())),
        ("5,000 meetings, 100,000 items", _up_to_date(council_store())),
    ]
    for label, path in stores:
        Store.open(path).close()  # migrated and in the page cache, as on a working day
        size = path.stat().st_size / 1e6
        ours = median(timed(lambda p=path: Store.open(p).close(), RUNS))
        peer = median(timed(lambda p=path: Store.open(p, readonly=True).close(), RUNS))
        rows.append(
            Row(
                f"Open a store for writing, quick check included ({label}, {size:.0f} MB)",
                ours * 1000,
                "the same store opened read-only (no check)",
                peer * 1000,
                "ms",
                note=f"quick_check alone {_quick_check(path) * 1000:.1f} ms; median of {RUNS}",
            )
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
