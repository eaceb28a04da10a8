"""The store's journal of changes for the team server (no server needed here)."""

from __future__ import annotations

import sqlite3

from sspclerk.core.model import Outcome
from sspclerk.store import Store
from sspclerk.store.replica import LOCAL_COLUMNS, SHARED_TABLES
from tests.conftest import demo_meeting


def pending(store: Store) -> dict[tuple[str, int], str]:
    return {(r[0], r[1]): r[2] for r in store._read("SELECT tbl, row_id, op FROM sync_pending")}


def test_a_store_that_never_synced_journals_nothing(db_path) -> None:
    with Store.open(db_path) as store:
        mid = store.add_meeting(demo_meeting())
        item = store.load_meeting(mid).items[3]
        store.set_item_fields(item.id, minutes="typed")
        store.add_outcome(item.id, Outcome("AGREED"))
        store.remove_item(item.id)
        assert store._read("SELECT count(*) FROM sync_pending")[0][0] == 0
        assert store._read("SELECT count(*) FROM sync_ids")[0][0] == 0
        assert not store.sync_state().joined


def test_every_write_path_is_journalled_plain_sql_too(db_path) -> None:
    """Writes by the store's functions and by plain SQL inside the store (as an undo
    that puts rows back does) are caught alike, by the triggers."""
    with Store.open(db_path) as store:
        mid = store.add_meeting(demo_meeting())
        store.sync_join()
        store.conn.execute("DELETE FROM sync_pending")  # as after a first sync
        item = store.load_meeting(mid).items[3]
        store.set_item_fields(item.id, minutes="typed")
        assert pending(store) == {("items", item.id): "u"}
        fields = store._read("SELECT fields FROM sync_pending")[0][0]
        assert '"minutes"' in fields and '"title"' not in fields
        with store._tx():  # plain SQL, as the undo journal of another module does
            store.conn.execute(
                "INSERT INTO outcomes (item_id, position, kind, text) VALUES (?, 9, 'noted', 'x')",
                [item.id],
            )
            store.conn.execute("UPDATE meetings SET venue = 'Town Hall' WHERE id = ?", [mid])
        ops = pending(store)
        assert ops[("meetings", mid)] == "u"
        assert sorted(op for (t, _), op in ops.items() if t == "outcomes") == ["i"]


def test_an_undone_removal_comes_back_under_the_same_uid(db_path) -> None:
    with Store.open(db_path) as store:
        mid = store.add_meeting(demo_meeting())
        store.sync_join()
        store.conn.execute("DELETE FROM sync_pending")
        outcome = store.load_meeting(mid).items[4].outcomes[0]
        uid = store._uid_of("outcomes", outcome.id)
        row = store._read("SELECT * FROM outcomes WHERE id = ?", [outcome.id])[0]
        store.remove_outcome(outcome.id)
        assert pending(store) == {("outcomes", outcome.id): "d"}
        with store._tx():  # the undo puts the row back as it was, id and all
            store.conn.execute(
                f"INSERT INTO outcomes ({', '.join(row.keys())}) VALUES ({', '.join('?' * len(row))})",
                list(row),
            )
        assert pending(store) == {("outcomes", outcome.id): "i"}
        assert store._uid_of("outcomes", outcome.id) == uid


def test_cascaded_removals_are_journalled(db_path) -> None:
    with Store.open(db_path) as store:
        mid = store.add_meeting(demo_meeting())
        store.sync_join()
        store.conn.execute("DELETE FROM sync_pending")
        store.delete_meeting(mid)
        ops = pending(store)
        assert ops[("meetings", mid)] == "d"
        assert sum(1 for (t, _), op in ops.items() if t == "items" and op == "d") == 13
        left = {r[0] for r in store._read("SELECT DISTINCT tbl FROM sync_ids")}
        assert left <= {"committees", "members", "standing_items"}  # the committee stays


def test_every_column_of_a_shared_table_is_shared_or_named_local(db_path) -> None:
    """A column added to a shared table by a later migration must be added to
    store/replica.py (or named local there), or it would never reach the team."""
    with Store.open(db_path):
        pass
    conn = sqlite3.connect(db_path)
    try:
        for t in SHARED_TABLES:
            cols = {r[1] for r in conn.execute(f"PRAGMA table_info({t.name})")}
            known = {"id", *t.parents, *t.columns, *LOCAL_COLUMNS.get(t.name, ())}
            assert cols == known, (t.name, cols ^ known)
    finally:
        conn.close()
