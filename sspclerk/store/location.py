"""Warn when the store sits where SQLite cannot keep its promises.

SQLite's own guidance: its locking relies on the file system, and network file
systems (NFS, SMB/CIFS) and folders a sync client rewrites behind its back
(OneDrive, Dropbox, Google Drive, iCloud) can corrupt a database that is open, or
bring back an old copy over a new one.  sspclerk still opens such a store, the
clerk may have no choice, but says so, and says what to do instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

#: Folder names that sync clients create; compared case-insensitively, whole parts.
SYNCED_FOLDER_NAMES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "box": "Box",
    "box sync": "Box",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud drive": "pCloud",
}

#: File system types (from /proc/mounts) that are network or user-space file systems.
NETWORK_FS_TYPES = (
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "davfs",
    "sshfs",
    "webdav",
)

ADVICE = "keep the store on this computer's own disk and let the backups go to the shared folder"


def _synced_folder(path: PurePath) -> str | None:
    for part in path.parts[:-1]:
        name = part.lower()
        # "OneDrive - Stockton Council" is how business OneDrive names its folder.
        if name == "onedrive" or name.startswith("onedrive - "):
            return "OneDrive"
        if name in SYNCED_FOLDER_NAMES:
            return SYNCED_FOLDER_NAMES[name]
    return None


def _unescape_mount(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def filesystem_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The type of the file system holding ``path`` (Linux /proc/mounts), or None."""
    if mounts_text is None:
        if not sys.platform.startswith("linux"):
            return None
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = Path(os.path.abspath(path))
    best: tuple[int, str] | None = None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(_unescape_mount(fields[1]))
        if target == point or point in target.parents:
            depth = len(point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fields[2])
    return best[1] if best else None


def _is_network_type(fs_type: str) -> bool:
    fs = fs_type.lower()
    return (
        fs.startswith("fuse")
        and fs not in ("fuseblk", "fusectl")
        or any(fs == t or fs.startswith(t + ".") for t in NETWORK_FS_TYPES)
    )


def location_warnings(path: Path | str, *, mounts_text: str | None = None) -> list[str]:
    """Warnings (one line each) about where the store lives; empty when it is fine."""
    path = Path(path).expanduser()
    warnings = []
    raw = str(path)
    if raw.startswith(("\\\\", "//")):
        warnings.append(
            f"{path} is on a network share; SQLite's locking is not safe there, "
            f"so two computers could damage it: {ADVICE}"
        )
    synced = _synced_folder(PurePath(os.path.abspath(path)))
    if synced:
        warnings.append(
            f"{path} is in a {synced} folder; a sync program can copy an old "
            f"version over it while it is open: {ADVICE}"
        )
    fs_type = filesystem_type(path, mounts_text)
    if fs_type and _is_network_type(fs_type):
        warnings.append(
            f"{path} is on a network file system ({fs_type}); SQLite's locking is "
            f"not safe there: {ADVICE}"
        )
    return warnings
