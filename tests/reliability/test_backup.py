"""Backups: verified copies, rotation (10 newest + one per month), restore drills."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sspclerk.store import NewerStoreError, NotAStoreError, Store, StoreBusyError, StoreError
from sspclerk.store.backup import (
    KEEP_NEWEST,
    BackupFile,
    backup_on,
    backups_folder,
    daily_backup_due,
    kept_after_rotation,
    list_backups,
    make_backup,
    restore,
)
from tests.conftest import cli_env

from .helpers import PRECIOUS, assert_one_clear_line, demo_store, minutes_of, run_cli


class Clock:
    """An injected clock the test moves forward by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def test_backup_is_a_verified_copy_with_the_clerks_text(db_path: Path) -> None:
    _, item_id = demo_store(db_path)
    with Store.open(db_path) as store:
        path = make_backup(store, "manual", clock=Clock(dt.datetime(2026, 3, 4, 9, 30, 5)))
    assert path == db_path.parent / "backups" / "meetings-20260304-093005-manual.sqlite"
    assert minutes_of(path, item_id) == PRECIOUS
    # The copy is a plain rollback-journal file: no -wal needed to read it elsewhere.
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not list(path.parent.glob("*.partial"))


def test_two_backups_in_one_second_never_overwrite(db_path: Path) -> None:
    demo_store(db_path)
    clock = Clock(dt.datetime(2026, 3, 4, 9, 30, 5))
    with Store.open(db_path) as store:
        first = make_backup(store, "quit", clock=clock)
        second = make_backup(store, "quit", clock=clock)
    assert first != second and first.exists() and second.exists()
    assert [b.reason for b in list_backups(db_path)] == ["quit", "quit"]


def _fake(folder: Path, when: dt.datetime) -> BackupFile:
    return BackupFile(folder / f"meetings-{when:%Y%m%d-%H%M%S}-daily.sqlite", when, "daily")


def test_rotation_rule_keeps_ten_newest_and_the_newest_of_each_month(tmp_path: Path) -> None:
    start = dt.datetime(2024, 1, 1, 18, 0)
    backups = [_fake(tmp_path, start + dt.timedelta(days=3 * i)) for i in range(200)]
    kept = kept_after_rotation(backups)
    newest = sorted(backups, key=lambda b: b.made_at)[-KEEP_NEWEST:]
    months = {(b.made_at.year, b.made_at.month) for b in backups}
    monthly = {
        max((b for b in backups if (b.made_at.year, b.made_at.month) == m), key=lambda b: b.made_at)
        for m in months
    }
    assert kept == {b.path for b in newest} | {b.path for b in monthly}
    assert len(months) == 20 and len(kept) < 30


def test_rotation_on_disk_with_an_injected_clock(db_path: Path) -> None:
    """Daily backups for 75 days: the folder ends with 10 newest + one per earlier month."""
    demo_store(db_path)
    clock = Clock(dt.datetime(2026, 1, 1, 17, 0))
    folder = backups_folder(db_path)
    folder.mkdir()
    stranger = folder / "notes-from-the-clerk.txt"
    stranger.write_text("not a backup")
    made = []
    with Store.open(db_path, clock=clock) as store:
        for _ in range(75):
            result = backup_on(store, "daily", clock=clock)
            assert result.ok and result.path is not None
            assert backup_on(store, "daily", clock=clock).path is None  # once a day only
            made.append(result.path)
            clock.now += dt.timedelta(days=1)
    left = {b.path for b in list_backups(db_path)}
    expected = set(made[-KEEP_NEWEST:]) | {made[30], made[58]}  # 31 Jan, 28 Feb
    assert left == expected
    assert stranger.read_text() == "not a backup"  # rotation touches only its own files
    assert {p.name for p in folder.iterdir()} == {p.name for p in left} | {stranger.name}


def test_daily_backup_due_follows_the_calendar_day(db_path: Path) -> None:
    demo_store(db_path)
    clock = Clock(dt.datetime(2026, 5, 6, 23, 59, 0))
    with Store.open(db_path) as store:
        assert daily_backup_due(store, clock=clock)
        make_backup(store, "quit", clock=clock)
        assert not daily_backup_due(store, clock=clock)
        clock.now += dt.timedelta(minutes=2)  # past midnight
        assert daily_backup_due(store, clock=clock)


def test_backup_on_reports_a_failure_instead_of_raising(db_path: Path, tmp_path: Path) -> None:
    demo_store(db_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    with Store.open(db_path) as store:
        result = backup_on(store, "quit", folder=blocker)
        assert not result.ok and result.path is None
        assert result.message.startswith("backup failed") and str(blocker) in result.message
        with pytest.raises(ValueError):
            backup_on(store, "whenever")


def test_restore_drill_puts_the_backup_back_and_keeps_the_replaced_store(db_path: Path) -> None:
    _, item_id = demo_store(db_path, minutes="version the clerk backed up")
    with Store.open(db_path) as store:
        good = make_backup(store, "meeting-closed")
        store.set_item_fields(item_id, minutes="later version, then regretted")
    result = restore(db_path, good)
    assert minutes_of(db_path, item_id) == "version the clerk backed up"
    assert result.previous_kept_as is not None and result.previous_kept_as.exists()
    assert result.previous_kept_as.name.endswith("-before-restore.sqlite")
    assert minutes_of(result.previous_kept_as, item_id) == "later version, then regretted"
    assert not [p for p in db_path.parent.iterdir() if ".restoring" in p.name]
    # Restoring the kept copy undoes the restore: nothing is ever lost.
    restore(db_path, result.previous_kept_as)
    assert minutes_of(db_path, item_id) == "later version, then regretted"


def test_restore_over_a_damaged_store_keeps_its_bytes(db_path: Path) -> None:
    _, item_id = demo_store(db_path)
    with Store.open(db_path) as store:
        good = make_backup(store, "manual")
    damaged = db_path.read_bytes()[:100] + b"\xde\xad" * 5000
    db_path.write_bytes(damaged)
    result = restore(db_path, good)
    assert minutes_of(db_path, item_id) == PRECIOUS
    assert result.previous_kept_as is not None
    assert result.previous_kept_as.read_bytes() == damaged


@pytest.mark.parametrize("problem", ["text", "newer", "damaged", "other-program"])
def test_restore_refuses_a_bad_backup_and_leaves_the_store_alone(
    db_path: Path, tmp_path: Path, problem: str
) -> None:
    _, item_id = demo_store(db_path)
    before = db_path.read_bytes()
    bad = tmp_path / "bad.sqlite"
    if problem == "text":
        bad.write_text("Minutes of the meeting held on 23 July\n")
        expected: type[StoreError] = NotAStoreError
    elif problem == "other-program":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.commit()
        conn.close()
        expected = NotAStoreError
    else:
        with Store.open(db_path) as store:
            make_backup(store, "manual", folder=tmp_path / "b")
        src = next((tmp_path / "b").iterdir())
        data = bytearray(src.read_bytes())
        if problem == "newer":
            conn = sqlite3.connect(src)
            conn.execute("PRAGMA user_version = 99")
            conn.commit()
            conn.close()
            data = bytearray(src.read_bytes())
            expected = NewerStoreError
        else:
            data[8192:12288] = b"\x00\xff" * 2048  # scribble over a b-tree page
            expected = StoreError
        bad.write_bytes(bytes(data))
    with pytest.raises(expected) as info:
        restore(db_path, bad)
    assert str(bad) in str(info.value)
    assert db_path.read_bytes() == before
    assert minutes_of(db_path, item_id) == PRECIOUS


_HOLDER = """
import sys, time
from sspclerk.store import Store
store = Store.open(sys.argv[1])
store.list_meetings()
print("open", flush=True)
time.sleep(30)
"""


def test_restore_refuses_while_another_process_has_the_store_open(db_path: Path) -> None:
    _, item_id = demo_store(db_path)
    with Store.open(db_path) as store:
        good = make_backup(store, "manual")
        store.set_item_fields(item_id, minutes="typed in the other window")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreBusyError):
            restore(db_path, good)
        proc = run_cli("restore", good, "--db", db_path)
        assert_one_clear_line(proc, "open")
    finally:
        holder.kill()
        holder.wait()
    assert minutes_of(db_path, item_id) == "typed in the other window"
    assert [b.reason for b in list_backups(db_path)] == ["manual"]  # nothing half-done


def test_cli_backup_backups_restore_round_trip(db_path: Path) -> None:
    _, item_id = demo_store(db_path, minutes="first draft")
    made = run_cli("backup", "--db", db_path)
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip())
    assert backup.parent == db_path.parent / "backups" and backup.exists()
    with Store.open(db_path) as store:
        store.set_item_fields(item_id, minutes="second draft")
    listed = run_cli("backups", "--db", db_path, "--json")
    assert listed.returncode == 0 and str(backup) in listed.stdout
    time.sleep(1.05)  # a distinct second for the before-restore name
    back = run_cli("restore", backup, "--db", db_path)
    assert back.returncode == 0, back.stderr
    assert "kept as" in back.stdout
    assert minutes_of(db_path, item_id) == "first draft"
    listing = run_cli("backups", "--db", db_path)
    assert "before-restore" in listing.stdout and "manual" in listing.stdout
    explicit = run_cli("backup", "-o", db_path.parent / "copy.sqlite", "--db", db_path)
    assert explicit.returncode == 0 and minutes_of(db_path.parent / "copy.sqlite", item_id)


def test_cli_restore_of_a_missing_file_is_one_line(db_path: Path) -> None:
    demo_store(db_path)
    before = db_path.read_bytes()
    proc = run_cli("restore", db_path.parent / "nope.sqlite", "--db", db_path)
    assert_one_clear_line(proc, "nope.sqlite")
    assert db_path.read_bytes() == before
    assert not os.path.exists(backups_folder(db_path))


_LOCK_HOLDER = """
import sys, time
from sspclerk.store.lock import WriterLock
lock = WriterLock(sys.argv[1])
assert lock.acquire()
print("locked", flush=True)
time.sleep(30)
"""


def test_restore_refuses_while_a_window_holds_the_writer_lock(db_path: Path) -> None:
    """Runs once store/lock.py (the window's WriterLock) is in the build."""
    pytest.importorskip("sspclerk.store.lock")
    _, item_id = demo_store(db_path)
    with Store.open(db_path) as store:
        good = make_backup(store, "manual")
        store.set_item_fields(item_id, minutes="typed in the window")
    holder = subprocess.Popen(
        [sys.executable, "-c", _LOCK_HOLDER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusyError, match="open for writing"):
            restore(db_path, good)
    finally:
        holder.kill()
        holder.wait()
    assert minutes_of(db_path, item_id) == "typed in the window"


def test_cli_restore_with_a_version_number_puts_back_an_items_text(db_path: Path) -> None:
    """`restore` also serves `restore VERSION` (an earlier version of an item's text)."""
    _, item_id = demo_store(db_path, minutes="what the clerk first wrote")
    clock = Clock(dt.datetime(2026, 2, 4, 10, 0))
    with Store.open(db_path, clock=clock) as store:
        clock.now += dt.timedelta(minutes=5)
        store.set_item_fields(item_id, minutes="an overwrite")
        first = next(
            v for v in store.item_history(item_id) if v.text == "what the clerk first wrote"
        )
    proc = run_cli("restore", str(first.id), "--db", db_path)
    assert proc.returncode == 0, proc.stderr
    assert f"Restored version {first.id}" in proc.stdout
    assert minutes_of(db_path, item_id) == "what the clerk first wrote"
    neither = run_cli("restore", "yesterday", "--db", db_path)
    assert_one_clear_line(neither, "not a file", "version number")
