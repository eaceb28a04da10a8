"""Fault drills: each fault gives one clear line, no traceback, and loses nothing typed.

Through the real command line (a child ``python -m sspclerk``) and the Store API, on
real files: a read-only folder, a full disk, the file deleted or replaced while
open, files that are not (or no longer) a store, and a second process.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from sspclerk.store import (
    NewerStoreError,
    NotAStoreError,
    Store,
    StoreCorruptError,
    StoreError,
    StoreUnavailableError,
)
from tests.conftest import cli_env

from .helpers import PRECIOUS, assert_one_clear_line, demo_store, minutes_of, run_cli
from .mechanisms import fill_disk, read_only, small_disk

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo-meeting.json"


def another_meeting(tmp_path: Path, date: str = "2025-10-15", minutes: str = "") -> Path:
    """The demo meeting moved to another date (so an import is a real write)."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    data["meeting"]["date"] = date
    if minutes:
        data["items"][0]["minutes"] = minutes
    path = tmp_path / f"meeting-{date}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def meeting_count(path: Path) -> int:
    with Store.open(path, readonly=True) as store:
        return len(store.list_meetings())


# ------------------------------------------------------------------ read-only folder


@pytest.fixture
def ro_store(tmp_path: Path):
    folder = tmp_path / "stick"
    folder.mkdir()
    db = folder / "meetings.sqlite"
    _, item_id = demo_store(db)
    before = db.read_bytes()
    with read_only(folder) as how:
        if how is None:
            pytest.skip("no way to make a read-only folder here (see test_read_only_store_api)")
        yield db, item_id, how
    assert db.read_bytes() == before, "a read-only store changed"
    assert minutes_of(db, item_id) == PRECIOUS


def test_read_only_folder_cli_reads_and_refuses_writes(ro_store, tmp_path: Path) -> None:
    db, _, how = ro_store
    listed = run_cli("meetings", "--db", db)
    assert listed.returncode == 0 and "Safer Stockton Partnership" in listed.stdout, (how, listed)
    shown = run_cli("show", "latest", "--json", "--db", db)
    assert json.loads(shown.stdout)["items"][0]["minutes"] == PRECIOUS
    verify = run_cli("verify", "--db", db)
    assert verify.returncode == 0 and "warning:" in verify.stdout and "read-only" in verify.stdout
    imported = run_cli("import", another_meeting(tmp_path), "--db", db)
    assert_one_clear_line(imported, "cannot be written", "read-only", "nothing was changed")
    backup = run_cli("backup", "--db", db)
    assert_one_clear_line(backup, "read-only")


def test_new_store_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    with read_only(folder) as how:
        if how is None:
            pytest.skip("no way to make a read-only folder here")
        proc = run_cli("demo", "--db", folder / "meetings.sqlite")
        assert_one_clear_line(proc, "read-only")
    assert list(folder.iterdir()) == []


def test_read_only_store_api(db_path: Path) -> None:
    """Always runs: a store opened for reading refuses writes with a message, changes nothing."""
    _, item_id = demo_store(db_path)
    with Store.open(db_path, readonly=True) as store:
        with pytest.raises(StoreUnavailableError, match="read-only; nothing was changed"):
            store.set_item_fields(item_id, minutes="lost?")
        assert store.load_meeting(store.latest_meeting_id()).items[0].minutes == PRECIOUS  # type: ignore[arg-type]
    assert minutes_of(db_path, item_id) == PRECIOUS


def test_read_only_folder_store_api_opens_for_reading(ro_store) -> None:
    db, item_id, _ = ro_store
    with Store.open(db) as store:
        assert store.readonly
        assert any("read-only" in w for w in store.warnings)
        with pytest.raises(StoreUnavailableError, match="cannot be written"):
            store.set_item_fields(item_id, minutes="typed on a write-protected stick")
        assert store.integrity_check() == ["ok"]


# ------------------------------------------------------------------ disk full


class FullDiskConnection:
    """A real connection whose COMMIT fails as SQLite does when the disk is full."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.strip().upper() == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_disk_full_at_commit_rolls_back_whole(db_path: Path) -> None:
    """Always runs: ENOSPC simulated at the write boundary; the real rollback is checked."""
    _, item_id = demo_store(db_path)
    with Store.open(db_path) as store:
        real = store.conn
        store.conn = FullDiskConnection(real)  # type: ignore[assignment]
        with pytest.raises(StoreUnavailableError, match="full; free some space"):
            store.set_item_fields(item_id, minutes="half-saved?", title="half-saved?")
        store.conn = real
        assert not real.in_transaction
        item = store.load_meeting(store.latest_meeting_id()).items[0]  # type: ignore[arg-type]
        assert item.minutes == PRECIOUS and item.title != "half-saved?"
        store.set_item_fields(item_id, minutes="saved once space is back")
    assert minutes_of(db_path, item_id) == "saved once space is back"


def test_disk_full_on_a_real_small_disk(tmp_path: Path) -> None:
    disk = tmp_path / "small"
    with small_disk(disk) as mounted:
        if not mounted:
            pytest.skip(
                "cannot mount a small tmpfs here (see test_disk_full_at_commit_rolls_back_whole)"
            )
        db = disk / "meetings.sqlite"
        _, item_id = demo_store(db)
        with Store.open(db) as store:
            filler = fill_disk(disk)
            assert shutil.disk_usage(disk).free < 64 * 1024
            for attempt in range(3):
                with pytest.raises(StoreUnavailableError, match="is full"):
                    store.set_item_fields(item_id, minutes=f"a long note {attempt} " * 30_000)
            assert store.integrity_check() == ["ok"]
            proc = run_cli("import", another_meeting(tmp_path, minutes="x " * 300_000), "--db", db)
            assert_one_clear_line(proc, "full")
            assert meeting_count(db) == 1
            filler.unlink()
            store.set_item_fields(item_id, minutes="after freeing space")
        assert minutes_of(db, item_id) == "after freeing space"


# ------------------------------------------------------------------ deleted / replaced


def test_store_deleted_while_open_is_rescued(db_path: Path) -> None:
    _, item_id = demo_store(db_path, minutes="typed before the file vanished")
    store = Store.open(db_path)
    db_path.unlink()
    with pytest.raises(StoreUnavailableError, match="deleted while open") as info:
        store.set_item_fields(item_id, minutes="typed after")
    rescued = [p for p in db_path.parent.iterdir() if "-rescued-" in p.name]
    assert len(rescued) == 1 and str(rescued[0]) in str(info.value)
    assert minutes_of(rescued[0], item_id) == "typed before the file vanished"
    with pytest.raises(StoreUnavailableError, match="deleted while open"):
        store.load_meeting(1)  # every later call says the same, never a raw sqlite error
    # No stale WAL left to be replayed into a new store at that path.
    assert not Path(f"{db_path}-wal").exists()
    store.close()


def test_store_replaced_while_open_keeps_both(db_path: Path, tmp_path: Path) -> None:
    _, item_id = demo_store(db_path, minutes="the clerk's own version")
    other = tmp_path / "other.sqlite"
    demo_store(other, minutes="a sync program's old copy")
    other_bytes = other.read_bytes()
    store = Store.open(db_path)
    store.set_item_fields(item_id, minutes="the clerk's newest words")
    shutil.copy(other, tmp_path / "incoming")
    (tmp_path / "incoming").replace(db_path)
    with pytest.raises(StoreUnavailableError, match="replaced by another file"):
        store.set_item_fields(item_id, minutes="typed after")
    store.close()
    rescued = next(p for p in tmp_path.iterdir() if "-rescued-" in p.name)
    assert minutes_of(rescued, item_id) == "the clerk's newest words"
    assert db_path.read_bytes() == other_bytes  # the replacement is not overwritten
    assert minutes_of(db_path, item_id) == "a sync program's old copy"


# ------------------------------------------------------------------ files that are not a store


def _bad_file(kind: str, tmp_path: Path) -> Path:
    bad = tmp_path / f"{kind}.sqlite"
    if kind == "text":
        bad.write_text("Apologies for absence were received from Cllr Smith.\n")
    elif kind == "png":
        bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    elif kind == "folder":
        bad.mkdir()
    elif kind == "other-program":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
        conn.commit()
        conn.close()
    else:
        real = tmp_path / "real.sqlite"
        demo_store(real)
        with Store.open(real) as store:
            store.backup(bad)  # a single self-contained file, no WAL
        if kind == "newer":
            conn = sqlite3.connect(bad)
            conn.execute("PRAGMA user_version = 99")
            conn.commit()
            conn.close()
        elif kind == "truncated-4k":
            bad.write_bytes(bad.read_bytes()[:4096])
        elif kind == "truncated-50b":
            bad.write_bytes(bad.read_bytes()[:50])
    return bad


BAD_FILES = {
    "text": (NotAStoreError, "not an sspclerk store"),
    "png": (NotAStoreError, "not an sspclerk store"),
    "folder": (NotAStoreError, "is a folder"),
    "other-program": (NotAStoreError, "another program"),
    "newer": (NewerStoreError, "newer sspclerk"),
    "truncated-4k": (StoreCorruptError, "restore a backup"),
    "truncated-50b": (StoreCorruptError, "truncated"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_file_that_is_not_a_usable_store(kind: str, tmp_path: Path) -> None:
    bad = _bad_file(kind, tmp_path)
    before = None if bad.is_dir() else bad.read_bytes()
    error, words = BAD_FILES[kind]
    with pytest.raises(error, match=words):
        store = Store.open(bad)
        store.list_meetings()
        store.close()
    # One command per kind keeps the drill fast; reads and writes both covered.
    if kind in ("newer", "text", "truncated-4k", "other-program"):
        command = ["import", str(another_meeting(tmp_path))]
    else:
        command = ["meetings"]
    line = assert_one_clear_line(run_cli(*command, "--db", bad), words)
    assert str(bad) in line
    if before is not None:
        assert bad.read_bytes() == before, "a file that is not our store was changed"
    assert not Path(f"{bad}-wal").exists()


# ------------------------------------------------------------------ a second process

_WRITER = """
import sys
from sspclerk.store import Store
store = Store.open(sys.argv[1])
store.set_busy_timeout(10_000) if hasattr(store, "set_busy_timeout") else None
item_id, tag, n = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
for i in range(n):
    store.set_item_fields(item_id, minutes=f"{tag} {i}")
    store.add_outcome(item_id, __import__("sspclerk.core.model", fromlist=["Outcome"]).Outcome(text=f"{tag} outcome {i}"))
print("done", flush=True)
"""


def test_two_processes_writing_at_once_both_land(db_path: Path) -> None:
    meeting_id, _ = demo_store(db_path)
    with Store.open(db_path) as store:
        items = [i.id for i in store.load_meeting(meeting_id).items[1:3]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db_path), str(item), tag, "40"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        for item, tag in zip(items, ("first", "second"), strict=True)
    ]
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0 and out.strip() == "done", err
    with Store.open(db_path) as store:
        assert store.integrity_check() == ["ok"]
        meeting = store.load_meeting(meeting_id)
        by_id = {i.id: i for i in meeting.items}
        for item, tag in zip(items, ("first", "second"), strict=True):
            assert by_id[item].minutes == f"{tag} 39"
            ours = [o.text for o in by_id[item].outcomes if o.text.startswith(tag)]
            assert ours == [f"{tag} outcome {i}" for i in range(40)]


_HOLD_WRITE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE settings SET value = value")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def test_a_store_locked_by_another_program_is_one_line(db_path: Path, tmp_path: Path) -> None:
    _, item_id = demo_store(db_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_WRITE, str(db_path), "8"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        proc = run_cli("import", another_meeting(tmp_path), "--db", db_path)
        assert_one_clear_line(proc, "locked by another program")
    finally:
        holder.kill()
        holder.wait()
    assert meeting_count(db_path) == 1
    assert minutes_of(db_path, item_id) == PRECIOUS


def test_busy_writer_in_a_thread_waits_then_lands(db_path: Path) -> None:
    """A short lock by another connection is waited out (busy_timeout), not an error."""
    _, item_id = demo_store(db_path)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    with Store.open(db_path) as store:
        store.set_item_fields(item_id, minutes="waited for the other writer")
    release.join()
    other.close()
    assert minutes_of(db_path, item_id) == "waited for the other writer"


def test_store_error_messages_are_one_line() -> None:
    for error in (StoreError, NotAStoreError):
        assert "\n" not in str(error("x"))


def test_a_clock_set_back_keeps_every_history_version(db_path: Path) -> None:
    """Saves stamped earlier than the last kept version must not overwrite it."""
    import datetime as dt

    _, item_id = demo_store(db_path, minutes="version one")
    clock_now = dt.datetime(2020, 1, 1, 9, 0)  # years before the first save
    with Store.open(db_path, clock=lambda: clock_now) as store:
        store.set_item_fields(item_id, minutes="version two")
        clock_now += dt.timedelta(minutes=5)
        store.set_item_fields(item_id, minutes="version three")
        texts = [v.text for v in store.item_history(item_id)]
    assert texts[-3:] == ["version one", "version two", "version three"]


def test_read_only_folder_with_unfolded_changes_says_so(tmp_path: Path) -> None:
    """A stick write-protected after a crash: the WAL's saves are named, not silently hidden."""
    folder = tmp_path / "stick"
    folder.mkdir()
    db = folder / "meetings.sqlite"
    _, item_id = demo_store(db)
    # Leave committed changes in the WAL, as a crash would: copy the files while open.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    with Store.open(db) as store:
        store.conn.execute("PRAGMA wal_autocheckpoint = 0")
        store.set_item_fields(item_id, minutes="saved only in the WAL")
        for name in ("meetings.sqlite", "meetings.sqlite-wal"):
            shutil.copy(folder / name, crashed / name)
    with read_only(crashed) as how:
        if how is None:
            pytest.skip("no way to make a read-only folder here")
        with Store.open(crashed / "meetings.sqlite") as store:
            assert store.readonly
            assert any("meetings.sqlite-wal" in w for w in store.warnings), store.warnings
    assert minutes_of(crashed / "meetings.sqlite", item_id) == "saved only in the WAL"
