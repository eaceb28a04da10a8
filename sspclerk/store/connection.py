"""Opening the store file safely: checks, pragmas, migrations, error translation.

Every sqlite3 error that can reach the clerk is turned here into a StoreError whose
message says what happened to *their* file (not "OperationalError: disk I/O error").
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import (
    NeedsUpgradeError,
    NewerStoreError,
    NotAStoreError,
    NotFoundError,
    StoreCorruptError,
    StoreError,
    StoreUnavailableError,
)
from .schema import CURRENT_VERSION, MIGRATIONS, statements

SQLITE_MAGIC = b"SQLite format 3\x00"

#: sspclerk's application_id, so a store is told apart from any other SQLite file.
APPLICATION_ID = 0x53535043  # "SSPC"


def translate(exc: BaseException, path: Path | str) -> StoreError:
    """A clerk-readable StoreError for an sqlite3/OS error on the store at ``path``."""
    if isinstance(exc, StoreError):
        return exc
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "full" in text:
        return StoreUnavailableError(f"the disk holding {path} is full; free some space")
    if (
        "readonly" in text
        or "read-only" in text
        or (isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS))
    ):
        return StoreUnavailableError(f"{path} cannot be written (read-only file or folder)")
    if "locked" in text or "busy" in text:
        return StoreUnavailableError(f"{path} is locked by another program; try again")
    if "not a database" in text or "file is encrypted" in text:
        return NotAStoreError(f"{path} is not an sspclerk store (not an SQLite database)")
    if "malformed" in text or "corrupt" in text:
        return StoreCorruptError(f"{path} is damaged ({one_line(str(exc))}); restore a backup")
    if "unable to open" in text or "disk i/o" in text or isinstance(exc, OSError):
        # SQLite says the same when it cannot make its -wal/-shm on a full disk.
        if disk_full(Path(path)):
            return StoreUnavailableError(f"the disk holding {path} is full; free some space")
        return StoreUnavailableError(
            f"{path} cannot be reached ({one_line(str(exc))}); is the drive there?"
        )
    return StoreError(f"{path}: {one_line(str(exc))}")


def one_line(text: str) -> str:
    """SQLite's reports (integrity_check's above all) can span lines; the clerk gets one."""
    return "; ".join(part.strip() for part in str(text).splitlines() if part.strip())


#: Less free space than this on the store's disk: SQLite cannot add a page or a -shm.
_NEARLY_FULL = 64 * 1024


def disk_full(path: Path) -> bool:
    """True when the disk holding ``path`` (or its nearest existing folder) is full."""
    for folder in (path.parent, *path.parent.parents):
        try:
            st = os.statvfs(folder)
        except FileNotFoundError:
            continue
        except (OSError, AttributeError):  # no statvfs on Windows
            return False
        return st.f_bavail * st.f_frsize < _NEARLY_FULL
    return False


def check_header(path: Path, *, may_create: bool = True) -> None:
    """Refuse a file that is not SQLite before SQLite gets a chance to misread it.

    Without ``may_create`` a missing path or an empty file is refused too: only what
    makes a store (the window's first run, demo, import, new-meeting, a new
    committee) turns nothing into a new store.
    """
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        if may_create:
            return
        raise StoreUnavailableError(
            f"{path} does not exist: there is no store there "
            "(`sspclerk demo` or `sspclerk import FILE` makes one)"
        ) from None
    except IsADirectoryError:
        raise NotAStoreError(f"{path} is a folder, not an sspclerk store") from None
    except OSError as exc:
        raise translate(exc, path) from None
    if not head:
        if may_create:
            return  # an empty file is a new store
        raise NotAStoreError(f"{path} is empty (0 bytes), not an sspclerk store")
    if not head.startswith(SQLITE_MAGIC):
        raise NotAStoreError(f"{path} is not an sspclerk store (not an SQLite database)")
    if len(head) < 100:
        raise StoreCorruptError(f"{path} is truncated ({len(head)} bytes); restore a backup")


def connect(
    path: Path, *, readonly: bool = False, may_create: bool = True, make_folder: bool = True
) -> sqlite3.Connection:
    """An autocommit connection with the store's pragmas; the schema brought up to date.

    Opened for writing, the file is first given SQLite's ``quick_check``: a store
    damaged in the middle is refused (restore a backup) instead of being written
    into.  ``make_folder``: the store's folder may be created (the default store in
    the user's data folder); a folder typed by the clerk is never made here.
    """
    if not path.is_file() and path.exists() and not path.is_dir():
        # Opening a FIFO would wait for a writer for ever; a device is never a store.
        raise NotAStoreError(f"{path} is a device or pipe, not an sspclerk store")
    check_header(path, may_create=may_create and not readonly)
    if not readonly and not path.parent.is_dir():
        if not make_folder:
            raise StoreUnavailableError(f"the folder {path.parent} does not exist")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate(exc, path) from None
    elif readonly and not path.exists():
        raise StoreUnavailableError(f"{path} does not exist")
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
    if readonly and read_only_location(path):
        # SQLite cannot make the WAL's -shm file here; nobody can write the file
        # either, so reading it as immutable is safe.
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
    except sqlite3.Error as exc:
        raise _say_read_only(translate(exc, path), path, readonly) from None
    try:
        if not readonly:
            quick_check(conn, path)
        _configure(conn, path, readonly)
    except StoreUnavailableError as exc:
        conn.close()
        raise _say_read_only(exc, path, readonly) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _say_read_only(exc: StoreError, path: Path, readonly: bool) -> StoreError:
    """SQLite says "unable to open database file" on a read-only folder; say what is wrong."""
    if isinstance(exc, StoreUnavailableError) and not readonly and read_only_location(path):
        return StoreUnavailableError(f"{path} cannot be written (read-only file or folder)")
    return exc


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged store before anything is written into it.

    SQLite's ``quick_check`` reads every page's structure (not the indexes'
    contents): a few milliseconds for years of one committee, about half a second
    for a 210 MB store of 100,000 items (bench/bench_open.py; docs/reliability.md).
    """
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    if problems != ["ok"]:
        raise StoreCorruptError(
            f"{path} is damaged ({one_line(problems[0])}); nothing was written to it; "
            "restore a backup (`sspclerk backups`)"
        )


def _configure(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    if has_tables and app_id != APPLICATION_ID:
        raise NotAStoreError(
            f"{path} is an SQLite database of another program, not an sspclerk store"
        )
    if version > CURRENT_VERSION:
        raise NewerStoreError(
            f"{path} was written by a newer sspclerk (store version {version}, this one "
            f"reads up to {CURRENT_VERSION}); update sspclerk to open it"
        )
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreUnavailableError(f"{path} cannot use write-ahead logging ({mode})")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    if version < CURRENT_VERSION:
        if readonly:
            raise NeedsUpgradeError(
                f"{path} needs upgrading to store version {CURRENT_VERSION}; open it for writing once"
            )
        migrate(conn, path, version)


def migrate(conn: sqlite3.Connection, path: Path | str, from_version: int) -> None:
    """Run the missing migrations in one transaction: all of them or none."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        # Another process may have brought it up to date while this one waited.
        from_version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in MIGRATIONS[from_version:]:
            if callable(step):
                step(conn)
                continue
            for statement in statements(step):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error | OSError):
            raise translate(exc, path) from None
        raise


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path | str) -> Iterator[sqlite3.Connection]:
    """One user action = one IMMEDIATE transaction; any failure rolls it back whole."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        if isinstance(exc, sqlite3.Error | OSError):
            raise translate(exc, path) from None
        if isinstance(exc, OverflowError):  # an id or count beyond SQLite's integers
            raise NotFoundError(f"nothing in {path} has a number that large") from None
        raise


def read_only_location(path: Path) -> bool:
    """True when the store's file or folder cannot be written (read-only disk, share, mode)."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return True
    return folder.exists() and not os.access(folder, os.W_OK)


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file now at ``path``; None when nothing is there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def rescue_copy(conn: sqlite3.Connection, path: Path, when: str) -> Path | None:
    """Save what an open connection still holds after its file was deleted or replaced.

    SQLite keeps writing to a deleted file's inode and loses it all on close; the
    open connection is the only copy left, so it is backed up next to the old path
    (or in the home folder if that folder is gone).  None when no copy could be made.
    """
    for folder in (path.parent, Path.home()):
        target = folder / f"{path.stem}-rescued-{when}.sqlite"
        try:
            dest = sqlite3.connect(target)
            try:
                conn.backup(dest)
                ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dest.close()
        except (sqlite3.Error, OSError):
            continue
        if ok == "ok":
            return target
    return None
