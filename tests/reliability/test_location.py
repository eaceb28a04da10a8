"""Warnings for a store in a cloud-synced folder or on a network file system."""

from __future__ import annotations

from pathlib import Path

import pytest

from sspclerk.store import Store
from sspclerk.store.location import filesystem_type, location_warnings

from .helpers import run_cli

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
fileserver:/export/committees /mnt/committees nfs4 rw,relatime,vers=4.2 0 0
//council-fs/democratic\\040services /mnt/dem\\040services cifs rw,vers=3.0 0 0
sshfs#clerk@host: /home/clerk/remote fuse.sshfs rw,nosuid 0 0
/dev/sdb1 /media/clerk/USB vfat rw 0 0
"""


@pytest.mark.parametrize(
    "path, fs_type, warned",
    [
        ("/home/clerk/meetings.sqlite", "ext4", False),
        ("/tmp/x/meetings.sqlite", "tmpfs", False),
        ("/mnt/committees/ssp/meetings.sqlite", "nfs4", True),
        ("/mnt/dem services/meetings.sqlite", "cifs", True),
        ("/home/clerk/remote/meetings.sqlite", "fuse.sshfs", True),
        ("/media/clerk/USB/meetings.sqlite", "vfat", False),
    ],
)
def test_network_file_systems_from_proc_mounts(path: str, fs_type: str, warned: bool) -> None:
    assert filesystem_type(Path(path), MOUNTS) == fs_type
    warnings = location_warnings(path, mounts_text=MOUNTS)
    assert bool(warnings) is warned
    if warned:
        assert fs_type in warnings[0] and "network file system" in warnings[0]


@pytest.mark.parametrize(
    "folder, service",
    [
        ("OneDrive", "OneDrive"),
        ("OneDrive - Stockton-on-Tees Borough Council", "OneDrive"),
        ("Dropbox", "Dropbox"),
        ("Google Drive", "Google Drive"),
        ("iCloud Drive", "iCloud Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
    ],
)
def test_cloud_synced_folders_are_named(tmp_path: Path, folder: str, service: str) -> None:
    path = tmp_path / folder / "Clerk" / "meetings.sqlite"
    warnings = location_warnings(path, mounts_text="")
    assert len(warnings) == 1
    assert f"in a {service} folder" in warnings[0] and "own disk" in warnings[0]


def test_ordinary_folders_and_lookalike_names_are_not_warned(tmp_path: Path) -> None:
    for name in ("Documents", "dropbox-notes.txt-folder", "Drive", "OneDriveless"):
        path = tmp_path / name / "meetings.sqlite"
        assert location_warnings(path, mounts_text="") == [], name
    # the store file's own name is never mistaken for a folder
    assert location_warnings(tmp_path / "Dropbox", mounts_text="") == []


def test_windows_share_paths_are_warned() -> None:
    warnings = location_warnings("//council-fs/clerks/meetings.sqlite", mounts_text="")
    assert warnings and "network share" in warnings[0]


def test_store_open_and_verify_carry_the_warning(tmp_path: Path) -> None:
    db = tmp_path / "Dropbox" / "meetings.sqlite"
    with Store.open(db) as store:
        assert any("Dropbox" in w for w in store.warnings)
    with Store.open(tmp_path / "plain" / "meetings.sqlite") as store:
        assert store.warnings == []
    proc = run_cli("verify", "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "warning:" in proc.stdout and "Dropbox folder" in proc.stdout
