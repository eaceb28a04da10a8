"""The password kept for the team server: libpq's file, private, written whole."""

from __future__ import annotations

import stat

import pytest

from sspclerk.files import OutputError
from sspclerk.sync import ServerAddress, save_password


def test_an_old_readable_file_becomes_private_and_keeps_its_other_lines(tmp_path, monkeypatch):
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("otherhost:5432:*:dave:dave-pw\nlocalhost:5432:team:carol:old\n")
    pgpass.chmod(0o644)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    address = ServerAddress.parse("postgresql://carol@localhost/team")
    assert save_password(address, "new:pw") == pgpass
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert pgpass.read_text().splitlines() == [
        "otherhost:5432:*:dave:dave-pw",
        "localhost:5432:team:carol:new\\:pw",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["pgpass"]  # no temporary file left


def test_a_place_that_cannot_be_written_is_said_in_one_line(tmp_path, monkeypatch):
    """PGPASSFILE under a plain file (a mistyped setting): no traceback, nothing made."""
    plain = tmp_path / "notes.txt"
    plain.write_text("the clerk's file\n")
    monkeypatch.setenv("PGPASSFILE", str(plain / "pgpass"))
    with pytest.raises(OutputError) as caught:
        save_password(ServerAddress.parse("postgresql://carol@localhost/team"), "new")
    assert "\n" not in str(caught.value) and "pgpass" in str(caught.value)
    assert plain.read_text() == "the clerk's file\n"


def test_a_folder_in_place_of_the_file_is_refused_and_kept(tmp_path, monkeypatch):
    folder = tmp_path / "pgpass"
    (folder / "inside").mkdir(parents=True)
    monkeypatch.setenv("PGPASSFILE", str(folder))
    with pytest.raises((OutputError, OSError)):
        save_password(ServerAddress.parse("postgresql://carol@localhost/team"), "new")
    assert (folder / "inside").is_dir()
