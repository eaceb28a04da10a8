"""Real ways to make a folder read-only or a disk full, whoever runs the tests.

CI runs as root, where chmod stops nothing, so each helper tries mechanisms in
turn and proves the one it picks works (a probe write must fail) before a test
relies on it.  When none is available the helper yields None and the caller
falls back to a simulated fault at the store's write boundary.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _run(*cmd: str) -> bool:
    if shutil.which(cmd[0]) is None:
        return False
    return subprocess.run(cmd, capture_output=True).returncode == 0


def _probe_fails(folder: Path) -> bool:
    probe = folder / ".probe-write"
    try:
        probe.write_text("x")
    except OSError:
        return True
    probe.unlink()
    return False


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str | None]:
    """Make ``folder`` (and the files in it) read-only; yields how, or None."""
    folder = folder.resolve()
    files = [p for p in folder.iterdir() if p.is_file()]
    how: str | None = None
    undo = []
    if os.geteuid() != 0:
        for p in files:
            p.chmod(0o444)
        folder.chmod(0o555)
        undo.append(lambda: (folder.chmod(0o755), [p.chmod(0o644) for p in files]))
        how = "chmod" if _probe_fails(folder) else None
    if how is None and os.geteuid() == 0:
        if _run("mount", "--bind", str(folder), str(folder)):
            undo.append(lambda: _run("umount", "-l", str(folder)))
            if _run("mount", "-o", "remount,bind,ro", str(folder)) and _probe_fails(folder):
                how = "read-only bind mount"
            else:
                undo.pop()()
        if how is None and shutil.which("chattr"):
            ok = _run("chattr", "+i", *map(str, files), str(folder))
            undo.append(lambda: _run("chattr", "-i", *map(str, files), str(folder)))
            how = "chattr +i" if ok and _probe_fails(folder) else None
    try:
        yield how
    finally:
        for step in reversed(undo):
            step()


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[bool]:
    """Mount a ``size`` tmpfs on ``folder`` when allowed (root); yields whether it did."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0 and _run(
        "mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)
    )
    try:
        yield mounted
    finally:
        if mounted:
            _run("umount", "-l", str(folder))


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the file system holding ``folder`` says ENOSPC."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 4096)
    return filler
