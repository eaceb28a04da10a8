"""Write an output file whole or not at all.

The bytes go to a temporary file in the target's own folder (so the final rename
never crosses a file system), are flushed to disk, and then replace the target in
one ``os.replace``.  If anything fails the previous file is untouched and the
clerk gets one line saying why.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

#: A temporary file this old cannot belong to a writer still running.
STALE_AFTER_S = 3600


def remove_stale_temps(target: Path, suffix: str = ".tmp") -> list[Path]:
    """Remove ``.<target name>.<random><suffix>`` files left by a killed writer.

    Only names this package makes for this very target, and only when older than
    an hour (a writer running now is never that old); never raises.
    """
    target = Path(target)
    mine = re.compile(rf"^\.{re.escape(target.name)}\.[A-Za-z0-9_]+{re.escape(suffix)}$")
    removed = []
    with contextlib.suppress(OSError):
        cutoff = time.time() - STALE_AFTER_S
        for entry in (target.parent if str(target.parent) else Path(".")).iterdir():
            if mine.match(entry.name) and entry.is_file() and entry.stat().st_mtime < cutoff:
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def new_file_mode(target: Path) -> int:
    """The permissions a file written at ``target`` gets: the old file's, else what the
    clerk's umask gives a new file (0644 usually), never mkstemp's private 0600."""
    try:
        return stat.S_IMODE(Path(target).stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class ExportError(Exception):
    """An export that could not be written; ``str(error)`` is one line for the clerk."""


def _reason(exc: OSError, target: Path) -> str:
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


def write_atomically(target: Path, data: bytes) -> Path:
    """Replace ``target`` with ``data``; ExportError (old file untouched) if that fails."""
    target = Path(target).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder, not a file")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    if target.exists():
        mode = target.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ExportError(f"cannot write {target}: it is not an ordinary file")
        if not mode & stat.S_IWUSR:
            raise ExportError(f"cannot write {target}: the existing file is read-only")
    remove_stale_temps(target)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, new_file_mode(target))
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise ExportError(_reason(exc, target)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target
