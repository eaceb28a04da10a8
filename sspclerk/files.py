"""Writing a file sspclerk makes: where it may go, and all of it or none of it.

Every file sspclerk writes goes through here — the minutes exports, the agenda
pack, the action log, the font cache, backups and restore, the window's copy of
unsaved text, the team server's password file — so there is one rule for an output path
and one way of replacing a file:

* ``check_output_path`` refuses a target that would destroy something: the store
  itself or its ``-wal``/``-shm``/``-journal`` companions (of any store open in this
  process, compared by real path and by inode, so a symlink or ``../`` does not get
  through), a file in that store's backups folder, an SQLite database or its
  companions where a document is being written, a device, FIFO or socket, a
  read-only file, a folder; and a missing folder (never created here: a typo in a
  path must not leave folders behind).
* ``write_atomically`` (bytes) and ``atomic_output`` (a temporary path for libraries
  that write their own files: pikepdf, python-docx, reportlab, SQLite's backup API)
  write beside the target, keep the replaced file's mode (new files get the mode
  ``open()`` would give them, 0644 under the usual umask), fsync the file, rename it
  over the target and fsync the folder, so a crash or a full disk leaves the old
  file or the whole new one.

It is a top-level module, not part of ``core`` (which stays pure domain, no files)
nor of ``export`` or ``store`` (each must use it and neither may import the other);
like ``resources.py`` it imports nothing of the project (both are FOUNDATIONS in
tests/test_layering.py).  The one file not written here is a rescued store
(``store.connection``): SQLite's backup API writes that database itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: A temporary file this old cannot belong to a writer still running.
STALE_AFTER_S = 3600
#: What SQLite (and sspclerk's writer lock) keeps beside a database.
COMPANIONS = ("-wal", "-shm", "-journal", ".lock", ".sync-lock")
SQLITE_MAGIC = b"SQLite format 3\x00"
#: The first bytes of an SQLite write-ahead log (either byte order of its checksum).
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


class OutputError(Exception):
    """A file that could not be written, or may not be; ``str(error)`` is one line."""


# ------------------------------------------------------------------ stores open here


@dataclass(frozen=True)
class _Guarded:
    store: Path  # real path
    backups: Path  # real path of its backups folder
    users: int


_guarded: dict[Path, _Guarded] = {}
_lock = threading.Lock()


def guard_store(store: Path | str, backups: Path | str) -> None:
    """Protect an open store, its companions and its backups folder from every writer
    in this process until ``release_store``; called by ``Store.open``."""
    real = _real(Path(store))
    with _lock:
        old = _guarded.get(real)
        _guarded[real] = _Guarded(real, _real(Path(backups)), (old.users if old else 0) + 1)


def release_store(store: Path | str) -> None:
    real = _real(Path(store))
    with _lock:
        old = _guarded.get(real)
        if old is None:
            return
        if old.users > 1:
            _guarded[real] = _Guarded(old.store, old.backups, old.users - 1)
        else:
            del _guarded[real]


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path.expanduser()))


def _same_file(a: os.stat_result, path: Path) -> bool:
    try:
        b = os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


# ------------------------------------------------------------------ the rule


def check_output_path(
    target: Path | str, *, may_replace_database: bool = False, into_backups: bool = False
) -> Path:
    """``target`` (``~`` expanded) when it may be written; OutputError saying why not.

    ``may_replace_database``: a backup copy may replace an earlier copy (an SQLite
    file), never a store open here nor any database's companions.  ``into_backups``:
    only the backup rotation itself writes into a store's backups folder.
    """
    target = Path(target).expanduser()
    if not target.name or target.name in (".", ".."):
        raise OutputError(f"cannot write {target}: give a file name")
    where = f"cannot write {target}"
    folder = target.parent
    if target.is_dir():
        raise OutputError(f"{where}: it is a folder, not a file")
    if not folder.is_dir():
        raise OutputError(f"{where}: the folder {folder} does not exist")
    real = _real(target)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None  # nothing there yet (or a symlink to nothing: its real path is checked)
    except OSError as exc:
        raise OutputError(reason(exc, target)) from None
    _refuse_open_stores(target, real, st, into_backups)
    _refuse_companions(target, real)
    if st is None:
        return target
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{where}: it is a device, pipe or socket, not an ordinary file")
    if _read_only_drive(folder):
        raise OutputError(f"{where}: the drive is read-only")
    if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise OutputError(f"{where}: the existing file is read-only")
    if not may_replace_database:
        head = _head(real)
        if head.startswith(SQLITE_MAGIC) or head[:4] in WAL_MAGICS:
            raise OutputError(
                f"{where}: it is a database (an sspclerk store or backup?), "
                "not a document; choose another file"
            )
    return target


def _refuse_open_stores(
    target: Path, real: Path, st: os.stat_result | None, into_backups: bool
) -> None:
    with _lock:
        guarded = list(_guarded.values())
    for g in guarded:
        for suffix in ("", *COMPANIONS):
            path = Path(f"{g.store}{suffix}")
            if real == path or (st is not None and _same_file(st, path)):
                what = "the store" if not suffix else f"the store's {suffix.lstrip('-.')} file"
                raise OutputError(
                    f"cannot write {target}: it is {what} ({g.store}); choose another file"
                )
        if not into_backups and g.backups in real.parents:
            raise OutputError(
                f"cannot write {target}: it is in the store's backups folder ({g.backups}); "
                "choose another folder"
            )


def _refuse_companions(target: Path, real: Path) -> None:
    """A ``-wal``/``-shm``/``-journal`` beside a database is part of it, there or not yet."""
    for suffix in COMPANIONS:
        if not real.name.endswith(suffix) or real.name == suffix:
            continue
        base = real.with_name(real.name[: -len(suffix)])
        if base.is_file() and _head(base).startswith(SQLITE_MAGIC):
            raise OutputError(
                f"cannot write {target}: it belongs to the database {base.name} beside it; "
                "choose another file"
            )


def _read_only_drive(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC))
    except OSError:
        return b""


def reason(exc: OSError, target: Path) -> str:
    """One line saying why ``target`` could not be written."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"cannot write {target}: the disk is full"
    if exc.errno == errno.EROFS:
        return f"cannot write {target}: the drive is read-only"
    if isinstance(exc, PermissionError):
        # On Windows a file open in Word or a PDF reader refuses to be replaced.
        return (
            f"cannot write {target}: permission denied — is it open in another program, "
            "or is the folder read-only?"
        )
    return f"cannot write {target}: {exc.strerror or exc}"


# ------------------------------------------------------------------ writing


def write_atomically(
    target: Path | str,
    data: bytes,
    *,
    may_replace_database: bool = False,
    into_backups: bool = False,
    mode: int | None = None,
) -> Path:
    """Replace ``target`` with ``data``; OutputError (old file untouched) if that fails.

    ``mode``: the new file's permissions (0o600 for a secret); else the old file's.
    """
    with (
        atomic_output(
            target,
            may_replace_database=may_replace_database,
            into_backups=into_backups,
            mode=mode,
        ) as tmp,
        open(tmp, "wb") as handle,
    ):
        handle.write(data)
    return Path(target).expanduser()


@contextlib.contextmanager
def atomic_output(
    target: Path | str,
    *,
    suffix: str = ".tmp",
    may_replace_database: bool = False,
    into_backups: bool = False,
    mode: int | None = None,
) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; on leaving the block it replaces
    ``target`` (mode kept unless ``mode`` is given, file and folder fsynced).  The
    temporary file is private (0o600) while it is written.  If the block raises, the
    temporary file goes and ``target`` is untouched.

    The temporary file exists (empty) when the block starts: hand a library an open
    handle (``open(tmp, "wb")``), not the path, when it would otherwise write through
    a temporary of its own (pikepdf does, and a kill would leave that behind).
    """
    target = check_output_path(
        target, may_replace_database=may_replace_database, into_backups=into_backups
    )
    folder = target.parent
    remove_stale_temps(target, suffix)
    import tempfile  # here: the store imports this module, and start-up counts

    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=suffix)
        os.close(fd)
    except OSError as exc:
        raise OutputError(reason(exc, target)) from None
    tmp = Path(name)
    try:
        yield tmp
        # Looked at again: the clerk may have changed what is at the target meanwhile.
        check_output_path(
            target, may_replace_database=may_replace_database, into_backups=into_backups
        )
        os.chmod(tmp, _mode_for(target) if mode is None else mode)
        _fsync_file(tmp)
        os.replace(tmp, target)
        tmp = None  # type: ignore[assignment]
        fsync_folder(folder)
    except OSError as exc:
        raise OutputError(reason(exc, target)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, else what ``open()`` gives a new file."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(target: Path | str, suffix: str = ".tmp") -> list[Path]:
    """Remove ``.<target name>.<random><suffix>`` files left by a killed writer.

    Only names this module makes for this very target (and the ``.pikepdf.`` ones
    earlier versions let pikepdf leave beside them), and only when older than an
    hour (a writer running now is never that old); never raises.
    """
    target = Path(target)
    ours = rf"\.{re.escape(target.name)}\.[A-Za-z0-9_]+{re.escape(suffix)}"
    mine = re.compile(rf"^(?:{ours}|\.pikepdf\.{ours}[A-Za-z0-9_]+)$")
    removed = []
    with contextlib.suppress(OSError):
        cutoff = time.time() - STALE_AFTER_S
        for entry in (target.parent if str(target.parent) else Path(".")).iterdir():
            if mine.match(entry.name) and entry.is_file() and entry.stat().st_mtime < cutoff:
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed
