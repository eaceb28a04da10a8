"""One writer per store: an OS file lock on ``<store>.lock``.

Two windows writing the same minutes would each overwrite the other's autosaves, so
the first window on a store takes this lock and any later one is told and opens
read-only; ``restore`` takes it too (it replaces the whole file).  A one-shot command
(``add-item``, ``approve``, ``sync``) does not: each of its writes is one SQLite
transaction, and SQLite's own locking (with a busy timeout) orders it against the
window's autosaves, which reload what changed.  The lock is an ``flock`` (POSIX) / ``msvcrt.locking``
(Windows) on a side file, so the operating system releases it when the process
ends in any way, SIGKILL and power loss included: a crash never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from .errors import StoreBusyError


class WriterLock:
    """The exclusive right to write one store; ``acquire`` never waits."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path).expanduser()
        self.path = self.db_path.with_name(self.db_path.name + ".lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False (not an exception) when another process holds it."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                os.close(fd)
                return False
        except OSError:
            os.close(fd)
            raise
        # Record who holds it, for the message the second window shows.
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        self._fd = fd
        return True

    def acquire_or_raise(self) -> None:
        if not self.acquire():
            raise StoreBusyError(self.busy_message())

    def holder_pid(self) -> int | None:
        """The process id written by the holder (informative only)."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
            return int(text) if text else None
        except (OSError, ValueError):
            return None

    def busy_message(self) -> str:
        pid = self.holder_pid()
        who = f" (process {pid})" if pid else ""
        return f"another sspclerk window{who} has {self.db_path.name} open for writing"

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        self.acquire_or_raise()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
