"""Opening stores: earlier versions migrate; files that are not ours are refused clearly."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sspclerk.store import (
    CURRENT_VERSION,
    NewerStoreError,
    NotAStoreError,
    Store,
    StoreCorruptError,
)

DATA = Path(__file__).resolve().parent.parent / "data"


def test_a_version_1_store_opens_and_is_migrated(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(DATA / "store-v1.sqlite", old)
    with Store.open(old) as store:
        assert store.schema_version == CURRENT_VERSION
        meeting = store.load_meeting(store.latest_meeting_id())
        assert len(meeting.items) == 13
        # the table version 2 added works on the migrated file
        store.set_item_fields(meeting.items[0].id, minutes="edited after upgrade")
        assert [v.text for v in store.item_history(meeting.items[0].id)] == ["edited after upgrade"]
        assert store.search("Hartlepool")


def test_committees_get_their_kind_when_a_version_3_store_is_upgraded(tmp_path: Path) -> None:
    """A partnership's restricted items may lack a Schedule 12A paragraph (a warning);
    a council committee's may not (an error): the upgrade names each committee's kind."""
    from sspclerk.core.model import CommitteeKind
    from sspclerk.store.schema import MIGRATIONS

    old = tmp_path / "v3.sqlite"
    conn = sqlite3.connect(old)
    conn.executescript("".join(MIGRATIONS[:3]) + "PRAGMA user_version = 3;")
    conn.execute("PRAGMA application_id = 1397968963")
    conn.execute(
        "INSERT INTO committees (name, prefix) VALUES ('Safer Stockton Partnership', 'SSP')"
    )
    conn.execute("INSERT INTO committees (name, prefix) VALUES ('Planning Committee', 'PLN')")
    conn.commit()
    conn.close()
    with Store.open(old) as store:
        assert store.schema_version == CURRENT_VERSION
        kinds = {c.prefix: c.kind for c in store.committees()}
        assert kinds == {
            "SSP": CommitteeKind.PARTNERSHIP,
            "PLN": CommitteeKind.COUNCIL_COMMITTEE,
        }
        planning = store.committees()[0]
        assert planning.word_margins_cm == 2.54  # Word's UK margins until told
        planning.kind = CommitteeKind.PARTNERSHIP
        planning.word_margins_cm = 2.0
        store.save_committee(planning)
        saved = store.load_committee(planning.id)
        assert (saved.kind, saved.word_margins_cm) == (CommitteeKind.PARTNERSHIP, 2.0)


def test_text_file_is_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("These are my notes, not a database.\n" * 10)
    with pytest.raises(NotAStoreError, match="not an sspclerk store"):
        Store.open(bad)
    assert bad.read_text().startswith("These are my notes")  # untouched


def test_truncated_store_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    with Store.open(good) as s:
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(good.read_bytes()[:60])
    with pytest.raises(StoreCorruptError, match="truncated"):
        Store.open(cut)


def test_damaged_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    shutil.copy(DATA / "store-v1.sqlite", path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # scribble over the schema page
    path.write_bytes(bytes(data))
    with pytest.raises((StoreCorruptError, NotAStoreError)):
        Store.open(path)


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.close()
    with pytest.raises(NewerStoreError, match="newer sspclerk"):
        Store.open(path)


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAStoreError, match="another program"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("recipes",)]
    conn.close()


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(NotAStoreError, match="folder"):
        Store.open(tmp_path)
