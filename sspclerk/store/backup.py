"""Automatic, verified, rotated backups of the store, and putting one back.

A clerk who loses a meeting's notes needs yesterday's copy, not a lecture.  So a
copy is made (SQLite's backup API, then ``integrity_check`` of the copy, then an
atomic rename) when a meeting is closed, when the app quits, once a day, and on
demand; rotation keeps the 10 newest plus the newest of every calendar month, so
a store used weekly for ten years keeps about 130 small files, never thousands.

The window calls one line per event::

    result = backup_on(store, "quit")      # never raises; result.message for the status bar

and ``restore`` always keeps the store it replaces as a backup first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sspclerk import files

from . import connection
from .common import BACKUPS_FOLDER
from .errors import (
    NewerStoreError,
    NotAStoreError,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreUnavailableError,
)
from .lock import WriterLock
from .schema import CURRENT_VERSION
from .store import Store

#: The newest backups always kept; older ones survive only as the newest of their month.
KEEP_NEWEST = 10
FOLDER_NAME = BACKUPS_FOLDER

#: Why a backup was made; the reason is part of the file name.
EVENTS = ("meeting-closed", "quit", "daily", "manual", "before-restore")

_REASON = r"[a-z]+(?:-[a-z]+)*"
_NAME = re.compile(
    rf"^(?P<stem>.+)-(?P<stamp>\d{{8}}-\d{{6}})-(?P<reason>{_REASON})(?:-(?P<n>\d+))?\.sqlite$"
)

Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: dt.datetime
    reason: str

    @property
    def size_bytes(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


@dataclass(frozen=True)
class BackupResult:
    """What ``backup_on`` did, for the window's status bar; never an exception."""

    path: Path | None
    message: str
    #: False only when a backup was due and could not be made.
    ok: bool = True


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    #: The store that was replaced, kept as a backup; None when there was no store.
    previous_kept_as: Path | None


# ------------------------------------------------------------------ where backups live


def backups_folder(store_path: Path | str, folder: Path | str | None = None) -> Path:
    """``folder`` if given, else ``<store folder>/backups``."""
    if folder is not None:
        return Path(folder).expanduser()
    return Path(store_path).expanduser().parent / FOLDER_NAME


def _newest_first(b: BackupFile) -> tuple[dt.datetime, float, str]:
    try:
        mtime = b.path.stat().st_mtime  # two backups in one second: the later one first
    except OSError:
        mtime = 0.0
    return (b.made_at, mtime, b.path.name)


def list_backups(store_path: Path | str, folder: Path | str | None = None) -> list[BackupFile]:
    """This store's backups, newest first (other files in the folder are left alone)."""
    stem = Path(store_path).stem
    where = backups_folder(store_path, folder)
    found = []
    try:
        entries = list(where.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise connection.translate(exc, where) from None
    for path in entries:
        m = _NAME.match(path.name)
        if not m or m["stem"] != stem:
            continue
        try:
            made_at = dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append(BackupFile(path, made_at, m["reason"]))
    found.sort(key=_newest_first, reverse=True)
    return found


def kept_after_rotation(backups: list[BackupFile], keep: int = KEEP_NEWEST) -> set[Path]:
    """The 10 newest, plus the newest of each calendar month."""
    ordered = sorted(backups, key=_newest_first, reverse=True)
    kept = {b.path for b in ordered[:keep]}
    months: set[tuple[int, int]] = set()
    for b in ordered:
        month = (b.made_at.year, b.made_at.month)
        if month not in months:
            months.add(month)
            kept.add(b.path)
    return kept


def rotate(
    store_path: Path | str, folder: Path | str | None = None, keep: int = KEEP_NEWEST
) -> list[Path]:
    """Delete this store's backups that rotation does not keep; returns what went."""
    backups = list_backups(store_path, folder)
    kept = kept_after_rotation(backups, keep)
    removed = []
    for b in backups:
        if b.path in kept:
            continue
        for extra in (b.path, Path(f"{b.path}-wal")):
            with contextlib.suppress(FileNotFoundError):
                extra.unlink()
        removed.append(b.path)
    return removed


# ------------------------------------------------------------------ making backups


def _target(store_path: Path, folder: Path, reason: str, when: dt.datetime) -> Path:
    if not re.fullmatch(_REASON, reason):
        raise ValueError(f"a backup reason is lower-case words joined by '-', not {reason!r}")
    base = f"{store_path.stem}-{when:%Y%m%d-%H%M%S}-{reason}"
    target = folder / f"{base}.sqlite"
    n = 2
    while target.exists():  # two backups in one second: never overwrite the first
        target = folder / f"{base}-{n}.sqlite"
        n += 1
    return target


def make_backup(
    store: Store,
    reason: str = "manual",
    *,
    folder: Path | str | None = None,
    clock: Clock | None = None,
) -> Path:
    """A verified copy of the open store in the backups folder, then rotation."""
    where = backups_folder(store.path, folder)
    made = not where.is_dir()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise connection.translate(exc, where) from None
    target = _target(store.path, where, reason, (clock or _now)())
    try:
        store.backup(target, into_backups=True)
    except BaseException:
        if made:  # a failed first backup leaves no empty folder behind
            with contextlib.suppress(OSError):
                where.rmdir()
        raise
    rotate(store.path, where)
    return target


def daily_backup_due(
    store: Store, *, folder: Path | str | None = None, clock: Clock | None = None
) -> bool:
    """True when no backup of this store was made today."""
    newest = list_backups(store.path, folder)
    today = (clock or _now)().date()
    return not newest or newest[0].made_at.date() < today


def backup_on(
    store: Store, event: str, *, folder: Path | str | None = None, clock: Clock | None = None
) -> BackupResult:
    """The window's one call: "meeting-closed", "quit", "daily" (only if due), "manual".

    Never raises a StoreError: a failed backup must not stop the clerk quitting or
    closing a meeting, so the failure comes back as ``result.message``.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown backup event {event!r}; one of {', '.join(EVENTS)}")
    try:
        if event == "daily" and not daily_backup_due(store, folder=folder, clock=clock):
            return BackupResult(None, "today's backup is already made")
        path = make_backup(store, event, folder=folder, clock=clock)
    except StoreError as exc:
        return BackupResult(None, f"backup failed: {exc}", ok=False)
    return BackupResult(path, f"backed up to {path}")


# ------------------------------------------------------------------ restoring


def verify_backup(path: Path | str) -> int:
    """Check a file is a sound sspclerk store this version reads; returns its version."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise StoreUnavailableError(f"{path} is not a file")
    connection.check_header(path)
    if path.stat().st_size == 0:
        raise NotAStoreError(f"{path} is empty, not an sspclerk backup")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as exc:
        raise connection.translate(exc, path) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != connection.APPLICATION_ID:
            raise NotAStoreError(f"{path} is not an sspclerk store or backup")
        if version > CURRENT_VERSION:
            raise NewerStoreError(
                f"{path} was written by a newer sspclerk (store version {version}, this one "
                f"reads up to {CURRENT_VERSION}); update sspclerk to restore it"
            )
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        raise connection.translate(exc, path) from None
    finally:
        conn.close()
    if problems != ["ok"]:
        raise StoreCorruptError(
            f"{path} is damaged ({connection.one_line(problems[0])}); choose another backup"
        )
    return version


def _take_store_alone(store_path: Path) -> sqlite3.Connection | None:
    """Checkpoint the WAL into the file and hold it exclusively, or refuse.

    Leaving WAL mode needs every other connection closed, so it doubles as the test
    that no other program (a window, a CLI) has this store open.  None when the
    store is too damaged for SQLite to open; the caller then copies it raw.
    """
    conn = sqlite3.connect(store_path, timeout=0, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode.lower() != "delete":
            raise StoreBusyError(f"another program has {store_path} open; close it and try again")
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.Error as exc:
        conn.close()
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise StoreBusyError(
                f"another program has {store_path} open; close it and try again"
            ) from None
        return None
    except BaseException:
        conn.close()
        raise
    return conn


def _keep_raw_copy(store_path: Path, target: Path) -> Path:
    """Copy the store byte for byte (with its WAL, if SQLite could not fold it in)."""
    wal = Path(f"{store_path}-wal")
    if wal.exists() and wal.stat().st_size:
        with files.atomic_output(
            Path(f"{target}-wal"), suffix=".partial", may_replace_database=True, into_backups=True
        ) as tmp:
            shutil.copyfile(wal, tmp)
    with files.atomic_output(
        target, suffix=".partial", may_replace_database=True, into_backups=True
    ) as tmp:
        shutil.copyfile(store_path, tmp)
    return target


def restore(
    store_path: Path | str,
    backup_file: Path | str,
    *,
    folder: Path | str | None = None,
    clock: Clock | None = None,
) -> RestoreResult:
    """Put ``backup_file`` in place of the store; the replaced store is kept first.

    Order matters for a crash at any point: verify the backup; keep the current
    store (through SQLite if it opens, else raw with its WAL); copy the backup into
    a temporary file next to the store and check it; only then remove the old WAL
    and rename the copy over the store.  Refuses while anything else has it open.
    """
    store_path = Path(store_path).expanduser()
    backup_file = Path(backup_file).expanduser()
    if store_path.exists() and backup_file.resolve() == store_path.resolve():
        raise StoreError(f"{backup_file} is the store itself; choose a backup")
    verify_backup(backup_file)
    where = backups_folder(store_path, folder)
    lock = WriterLock(store_path)  # a window writing this store keeps it
    if not lock.acquire():
        raise StoreBusyError(lock.busy_message())
    try:
        return _restore_locked(store_path, backup_file, where, clock or _now)
    finally:
        lock.release()


def _restore_locked(
    store_path: Path, backup_file: Path, where: Path, clock: Clock
) -> RestoreResult:
    holder = _take_store_alone(store_path) if store_path.exists() else None
    made = not where.is_dir()
    try:
        previous = None
        if store_path.exists():
            where.mkdir(parents=True, exist_ok=True)
            target = _target(store_path, where, "before-restore", clock())
            # The WAL is checkpointed and the file held exclusively (or SQLite cannot
            # open it at all): a byte copy is the whole store, damaged or not.
            _keep_raw_copy(store_path, target)
            previous = target
        with files.atomic_output(store_path, suffix=".restoring", may_replace_database=True) as tmp:
            src = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
            dest = sqlite3.connect(tmp)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                src.close()
                dest.close()
            if ok != "ok":
                raise StoreCorruptError(
                    f"the copy of {backup_file} failed its integrity check "
                    f"({connection.one_line(ok)})"
                )
            # A WAL left next to the new file would be replayed into it: remove it
            # first (it is already inside the kept copy).
            for extra in (Path(f"{store_path}-wal"), Path(f"{store_path}-shm")):
                extra.unlink(missing_ok=True)
    except files.OutputError as exc:
        _remove_if_empty(where, made)
        raise StoreUnavailableError(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:
        _remove_if_empty(where, made)
        raise connection.translate(exc, store_path) from None
    finally:
        if holder is not None:
            holder.close()
    # Open once: brings an older backup's schema up to date and proves it opens.
    with Store.open(store_path) as store:
        problems = store.integrity_check()
    if problems != ["ok"]:
        raise StoreCorruptError(
            f"the restored store failed its integrity check ({connection.one_line(problems[0])})"
        )
    return RestoreResult(backup_file, previous)


def _remove_if_empty(folder: Path, made: bool) -> None:
    if made:
        with contextlib.suppress(OSError):
            folder.rmdir()


__all__ = [
    "EVENTS",
    "KEEP_NEWEST",
    "BackupFile",
    "BackupResult",
    "RestoreResult",
    "backup_on",
    "backups_folder",
    "daily_backup_due",
    "kept_after_rotation",
    "list_backups",
    "make_backup",
    "restore",
    "rotate",
    "verify_backup",
]
