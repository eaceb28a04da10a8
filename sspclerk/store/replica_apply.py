"""The store's side of a sync, second half: applying what the server answered.

One SQLite transaction (:meth:`ApplyOps.sync_apply`): what this laptop sent is
acknowledged, others' changes are written (except fields typed here since the send),
removals follow (unless something under them was changed here: then it goes back),
and the store's own follow-ups — siblings in one order, numbers of unpublished
agendas, the search index — run once for everything touched.  Pulled rows are written
with the journal off; the follow-ups are journalled and go with the next sync.

Mixed into :class:`sspclerk.store.store.Store` through ``ReplicaOps``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .common import _iso
from .replica import (
    CONFIDENTIAL_CHILD_TABLES,
    CONFIDENTIAL_ITEM_FIELDS,
    CONFIDENTIAL_MEETING_FIELDS,
    SHARED_TABLES,
    SQL_NOW,
    TABLES,
    Incoming,
    Outgoing,
    PulledRow,
    SharedTable,
)

if TYPE_CHECKING:
    from .store import Store


@dataclass
class Applied:
    """What one sync changed in this store, counted for the clerk."""

    #: Local ids of the meetings whose rows the pull changed (the window redraws them).
    meetings: set[int] = field(default_factory=set)
    rows: int = 0
    removed: int = 0
    papers: int = 0
    paper_bytes: int = 0
    #: Changes this store made itself while applying (numbers, order): send them next.
    follow_up: int = 0
    conflicts: int = 0
    #: Confidential text of this store's that the server refused: kept in history.
    kept_back: list[str] = field(default_factory=list)


class ApplyOps:
    """Applying a sync's answer (see the module docstring)."""

    # ------------------------------------------------------------ applying

    def sync_apply(self: Store, out: Outgoing, inc: Incoming) -> Applied:
        """Take the server's answer: what we sent is acknowledged, what others changed
        is written (except fields typed here since the send), then this store's own
        follow-ups (order, numbers of unpublished agendas) are journalled for the next.
        """
        done = Applied()
        with self._tx():
            self.conn.execute(
                """UPDATE sync_self SET journal = 0, in_flight = NULL, cursor = ?,
                   server_id = ?, synced_at = ?""",
                [inc.seq, inc.server_id, _iso(self.clock())],
            )
            self._acknowledge(out, inc)
            for (table, ours), theirs in inc.remapped.items():
                self._remap(table, ours, theirs)
            touched = _Touched()
            touched.refused = {uid for table, uid in inc.refused if table == "items"}
            self._apply_removals(inc, touched, done)
            self._apply_rows(inc.rows, touched, done)
            self._apply_files(inc.files, done)
            self._confirm_numbers(inc.confirmed)
            self._drop_unused_files()
            self.conn.execute("UPDATE sync_self SET journal = 1")
            before = self._read("SELECT count(*) FROM sync_pending")[0][0]
            self._follow_up(touched)
            self._reindex_many(touched.reindex)
            done.meetings = touched.meetings
            done.follow_up = self._read("SELECT count(*) FROM sync_pending")[0][0] - before
        return done

    def _acknowledge(self: Store, out: Outgoing, inc: Incoming) -> None:
        """Forget journal entries the server took (unless changed again since)."""
        keep = {(c.table, c.row_id) for c in out.changes if (c.table, c.uid) in inc.retry}
        self.conn.executemany(
            "DELETE FROM sync_pending WHERE tbl = ? AND row_id = ? AND version = ?",
            [(t, r, v) for (t, r), v in out.versions.items() if (t, r) not in keep],
        )
        self.conn.executemany(
            "DELETE FROM sync_pending_files WHERE sha256 = ?", [(h,) for h in out.files]
        )

    def _uid_of(self: Store, table: str, row_id: int) -> str | None:
        rows = self._read(
            "SELECT coalesce((SELECT uid FROM sync_ids WHERE tbl = ? AND row_id = ?),"
            " (SELECT uid FROM sync_pending WHERE tbl = ? AND row_id = ?))",
            [table, row_id, table, row_id],
        )
        return rows[0][0]

    def _local_id(self: Store, table: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        rows = self._read("SELECT row_id FROM sync_ids WHERE tbl = ? AND uid = ?", [table, uid])
        return rows[0][0] if rows else None

    def _remap(self: Store, table: str, ours: str, theirs: str) -> None:
        """The server already had this (same committee prefix, member…): take its uid.

        If this store also holds a row with the server's uid, the two were the same
        thing twice; ours goes, the server's (merged) row stays.
        """
        mine = self._local_id(table, ours)
        if mine is None or ours == theirs:
            return
        other = self._local_id(table, theirs)
        if other is not None:
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [mine])
            return
        self.conn.execute(
            "UPDATE sync_ids SET uid = ? WHERE tbl = ? AND row_id = ?", [theirs, table, mine]
        )

    def _apply_removals(self: Store, inc: Incoming, touched: _Touched, done: Applied) -> None:
        order = {t.name: k for k, t in enumerate(SHARED_TABLES)}
        for table, uid in sorted(inc.removed, key=lambda r: -order.get(r[0], 0)):
            if table not in TABLES:
                continue
            row_id = self._local_id(table, uid)
            if row_id is None:
                continue
            if self._subtree_has_pending(table, row_id):
                # Edited here while removed there: nothing typed is lost, so it goes
                # back to the server whole on the next sync.
                self._journal_subtree(table, row_id)
                continue
            touched.note_row(self, table, row_id)
            if table == "items":
                self.conn.execute("DELETE FROM search_index WHERE rowid = ?", [row_id])
                touched.reindex.discard(row_id)
            elif table == "meetings":
                self.conn.execute(
                    "DELETE FROM search_index WHERE rowid IN (SELECT id FROM items WHERE meeting_id = ?)",
                    [row_id],
                )
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
            done.removed += 1

    def _subtree(self: Store, table: str, row_id: int) -> list[tuple[str, int]]:
        """The row and every shared row under it (items under a meeting, and so on)."""
        found = [(table, row_id)]
        for t in SHARED_TABLES:
            for col, parent in t.parents.items():
                if parent == table and t.name != table:
                    for r in self._read(f"SELECT id FROM {t.name} WHERE {col} = ?", [row_id]):
                        found += self._subtree(t.name, r[0])
        return found

    def _subtree_has_pending(self: Store, table: str, row_id: int) -> bool:
        return any(
            self._read(
                "SELECT 1 FROM sync_pending WHERE tbl = ? AND row_id = ? AND op != 'd'", [t, r]
            )
            for t, r in self._subtree(table, row_id)
        )

    def _journal_subtree(self: Store, table: str, row_id: int) -> None:
        for t, r in self._subtree(table, row_id):
            self.conn.execute(
                f"""INSERT INTO sync_pending (tbl, row_id, op, fields, at, base, version)
                    VALUES (?, ?, 'i', '{{}}', {SQL_NOW}, 0, 1)
                    ON CONFLICT (tbl, row_id) DO UPDATE SET op = 'i', fields = '{{}}',
                        version = version + 1""",
                [t, r],
            )

    def _apply_rows(
        self: Store, rows: Iterable[PulledRow], touched: _Touched, done: Applied
    ) -> None:
        by_table: dict[str, list[PulledRow]] = defaultdict(list)
        for row in rows:
            by_table[row.table].append(row)
        approvals: list[tuple[int, str | None]] = []
        ids: dict[str, dict[str, int]] = {}
        for t in SHARED_TABLES:
            pulled = by_table.get(t.name, [])
            if not pulled:
                continue
            pending = {
                r[0]: r[1]
                for r in self._read(
                    "SELECT row_id, op || fields FROM sync_pending WHERE tbl = ?", [t.name]
                )
            }
            for row in pulled:
                self._apply_row(t, row, ids, pending, touched, done, approvals)
        for meeting_id, approving_uid in approvals:
            self.conn.execute(
                "UPDATE meetings SET approving_meeting_id = ? WHERE id = ?",
                [self._local_id("meetings", approving_uid), meeting_id],
            )

    def _apply_row(
        self: Store,
        t: SharedTable,
        row: PulledRow,
        ids: dict[str, dict[str, int]],
        pending: dict[int, str],
        touched: _Touched,
        done: Applied,
        approvals: list,
    ) -> None:
        values = dict(row.values)
        for col, parent in t.parents.items():
            if col == "approving_meeting_id":
                continue
            local = self._ids_of(ids, parent).get(values.get(col) or "")
            if local is None:
                return  # its owner was removed here and not yet sent; the removal decides
            values[col] = local
        approving = values.pop("approving_meeting_id", None) if t.name == "meetings" else None
        known = self._ids_of(ids, t.name)
        row_id = known.get(row.uid)
        if row_id is None and t.natural:
            row_id = self._adopt_by_natural_key(t, row.uid, values)
            if row_id is not None:
                known[row.uid] = row_id
        if row_id is None:
            row_id = self._insert_pulled(t, row, values)
            known[row.uid] = row_id
            mine = ""
        else:
            mine = pending.get(row_id, "")
            if mine.startswith("d"):
                return  # removed here since the send: the removal goes next time
            skip = set(_json().loads(mine[1:]).keys()) if mine.startswith("u") else set()
            if mine.startswith("i"):
                skip = set(values)
            self._update_pulled(t, row_id, values, skip, done)
        if t.name == "meetings":
            approvals.append((row_id, approving))
        if not row.whole:
            self._hide_confidential(t, row_id, done, refused=row.uid in touched.refused)
        if t.name == "items" and row.number_final:
            self.conn.execute(
                "INSERT OR REPLACE INTO sync_final_numbers (item_id, number) VALUES (?, ?)",
                [row_id, values.get("number", "")],
            )
        if t.name == "item_conflicts" and not mine:
            self._keep_conflict_in_history(row_id)
            done.conflicts += 1
        done.rows += 1
        touched.note_row(self, t.name, row_id, values if len(values) > len(t.parents) else None)

    def _ids_of(self: Store, ids: dict[str, dict[str, int]], table: str) -> dict[str, int]:
        """uid → local id for one table, read once per sync."""
        if table not in ids:
            ids[table] = {
                r[0]: r[1]
                for r in self._read("SELECT uid, row_id FROM sync_ids WHERE tbl = ?", [table])
            }
        return ids[table]

    def _adopt_by_natural_key(self: Store, t: SharedTable, uid: str, values: dict) -> int | None:
        """A row made here that the server holds under another uid (same committee
        prefix made on two laptops): this row becomes the server's."""
        where = " AND ".join(f"{c} IS ?" for c in t.natural)
        rows = self._read(
            f"""SELECT id FROM {t.name} WHERE {where} AND id IN
                (SELECT row_id FROM sync_pending WHERE tbl = ? AND op = 'i')
                ORDER BY id LIMIT 1""",
            [*(values.get(c) for c in t.natural), t.name],
        )
        if not rows:
            return None
        self.conn.execute(
            "UPDATE sync_ids SET uid = ? WHERE tbl = ? AND row_id = ?", [uid, t.name, rows[0][0]]
        )
        return rows[0][0]

    def _insert_pulled(self: Store, t: SharedTable, row: PulledRow, values: dict) -> int:
        cols = [c for c in values if c != "id"]
        cur = self.conn.execute(
            f"INSERT INTO {t.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols],
        )
        row_id = int(cur.lastrowid or 0)
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_ids (tbl, row_id, uid) VALUES (?, ?, ?)",
            [t.name, row_id, row.uid],
        )
        return row_id

    def _update_pulled(
        self: Store, t: SharedTable, row_id: int, values: dict, skip: set[str], done: Applied
    ) -> None:
        old = self._read(f"SELECT * FROM {t.name} WHERE id = ?", [row_id])
        if not old:
            return
        old_row = old[0]
        changed = {k: v for k, v in values.items() if k not in skip and old_row[k] != v}
        if not changed:
            return
        sets = ", ".join(f"{k} = ?" for k in changed)
        self.conn.execute(f"UPDATE {t.name} SET {sets} WHERE id = ?", [*changed.values(), row_id])
        if t.name == "items":
            now = self.clock()
            for name in sorted(changed.keys() & {"title", "agenda_text", "minutes"}):
                self._add_version(row_id, name, changed[name], now)

    def _hide_confidential(
        self: Store, t: SharedTable, row_id: int, done: Applied, refused: bool = False
    ) -> None:
        """This clerk may not read the confidential part: the store keeps the public
        version only (text typed here and not yet sent stays in the item's history)."""
        if t.name == "meetings":
            sets = ", ".join(f"{c} = ''" for c in CONFIDENTIAL_MEETING_FIELDS)
            self.conn.execute(f"UPDATE meetings SET {sets} WHERE id = ?", [row_id])
            return
        if t.name != "items":
            return
        r = self._read("SELECT * FROM items WHERE id = ?", [row_id])[0]
        mine = self._read(
            "SELECT op, fields FROM sync_pending WHERE tbl = 'items' AND row_id = ?", [row_id]
        )
        typed = set(_json().loads(mine[0]["fields"])) if mine and mine[0]["op"] == "u" else set()
        if refused:  # sent and refused just now: what is on this laptop is what was typed
            typed |= {"agenda_text", "minutes", "urgent_reason"}
        now = self.clock()
        kept = [0]
        for name in ("agenda_text", "minutes", "urgent_reason"):
            if name in typed and r[name]:
                kept.append(self._add_version(row_id, name, r[name], now))
                done.kept_back.append(f"{r['number'] or r['title']}: {name.replace('_', ' ')}")
        blank = ", ".join(
            f"{c} = {'NULL' if c.endswith('_at') else chr(39) * 2}"
            for c in CONFIDENTIAL_ITEM_FIELDS
        )
        self.conn.execute(f"UPDATE items SET {blank} WHERE id = ?", [row_id])
        # Earlier versions of its confidential text (received while it was public) go
        # too: the item's text is confidential now.  What this clerk typed and could
        # not send is kept (just added above).
        confidential = ("agenda_text", "minutes", "urgent_reason")
        self.conn.execute(
            f"""DELETE FROM item_history WHERE item_id = ? AND field IN (?, ?, ?)
                AND id NOT IN ({",".join("?" * len(kept))})""",
            [row_id, *confidential, *kept],
        )
        self.conn.execute(
            "DELETE FROM item_conflicts WHERE item_id = ? AND field IN (?, ?, ?)",
            [row_id, *confidential],
        )
        left = dict(_json().loads(mine[0]["fields"])) if typed and mine else {}
        for name in CONFIDENTIAL_ITEM_FIELDS:
            left.pop(name, None)
        if mine and left:
            self.conn.execute(
                "UPDATE sync_pending SET fields = ? WHERE tbl = 'items' AND row_id = ?",
                [_json().dumps(left), row_id],
            )
        elif mine and typed and mine[0]["op"] == "u":
            self.conn.execute(
                "DELETE FROM sync_pending WHERE tbl = 'items' AND row_id = ?", [row_id]
            )
        for table in CONFIDENTIAL_CHILD_TABLES:
            for child in self._read(f"SELECT id FROM {table} WHERE item_id = ?", [row_id]):
                self.conn.execute(
                    "DELETE FROM sync_pending WHERE tbl = ? AND row_id = ?", [table, child[0]]
                )
            self.conn.execute(f"DELETE FROM {table} WHERE item_id = ?", [row_id])
        if r["number"]:
            self.conn.execute(
                "DELETE FROM declarations WHERE meeting_id = ? AND item_number = ?",
                [r["meeting_id"], r["number"]],
            )

    def _add_version(self: Store, item_id: int, name: str, text: str, now: dt.datetime) -> int:
        """A version of its own in the item's history (never merged into the clerk's
        last one, as autosaves a minute apart are: it is someone else's text)."""
        cur = self.conn.execute(
            "INSERT INTO item_history (item_id, field, text, saved_at) VALUES (?, ?, ?, ?)",
            [item_id, name, text, _iso(now)],
        )
        return int(cur.lastrowid or 0)

    def _keep_conflict_in_history(self: Store, conflict_id: int) -> None:
        c = self._read("SELECT * FROM item_conflicts WHERE id = ?", [conflict_id])[0]
        history_id = self._add_version(c["item_id"], c["field"], c["text"], self.clock())
        self.conn.execute(
            "UPDATE item_conflicts SET history_id = ? WHERE id = ?", [history_id, conflict_id]
        )

    def _confirm_numbers(self: Store, confirmed: dict[str, str]) -> None:
        ids = self._ids_of({}, "items") if confirmed else {}
        self.conn.executemany(
            "INSERT OR REPLACE INTO sync_final_numbers (item_id, number) VALUES (?, ?)",
            [(ids[uid], number) for uid, number in confirmed.items() if uid in ids],
        )

    def _apply_files(self: Store, files: dict[str, bytes], done: Applied) -> None:
        for digest, content in files.items():
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO document_files (sha256, content) VALUES (?, ?)",
                [digest, content],
            )
            if cur.rowcount:
                done.papers += 1
                done.paper_bytes += len(content)

    def _follow_up(self: Store, touched: _Touched) -> None:
        """Make the merged rows whole again, as every laptop would from the same rows:
        siblings in one order (ties by uid), unpublished numbers following the order."""
        for table, parent_id in sorted(touched.orders):
            self._renumber_positions(TABLES[table], parent_id)
        for committee_id, since in sorted(touched.series.items()):
            self._after_series_change(committee_id, since)

    def _renumber_positions(self: Store, t: SharedTable, parent_id: int) -> None:
        rows = self._read(
            f"""SELECT t.id, t.position FROM {t.name} t
                LEFT JOIN sync_ids s ON s.tbl = ? AND s.row_id = t.id
                WHERE t.{t.ordered_under} = ? ORDER BY t.position, s.uid, t.id""",
            [t.name, parent_id],
        )
        for pos, r in enumerate(rows):
            if r["position"] != pos:
                self.conn.execute(f"UPDATE {t.name} SET position = ? WHERE id = ?", [pos, r["id"]])

    def _reindex_many(self: Store, item_ids: set[int]) -> None:
        """The search index of the items a pull changed: row by row as the store's
        own ``_reindex`` for a few, in bulk (the same columns, in SQL) for many."""
        ids = sorted(item_ids)
        if len(ids) < 50:
            for item_id in ids:
                if self._read("SELECT 1 FROM items WHERE id = ?", [item_id]):
                    self._reindex(item_id)
            return
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM search_index WHERE rowid IN ({marks})", chunk)
            self.conn.execute(
                f"""INSERT INTO search_index
                        (rowid, item_id, meeting_id, title, minutes, outcomes, actions)
                    SELECT i.id, i.id, i.meeting_id, i.title, i.minutes,
                        coalesce((SELECT group_concat(text, ' ') FROM (SELECT text FROM outcomes
                                  WHERE item_id = i.id ORDER BY position)), ''),
                        coalesce((SELECT group_concat(text || ' ' || owner, ' ') FROM
                                  (SELECT text, owner FROM actions WHERE item_id = i.id
                                   ORDER BY position)), '')
                    FROM items i WHERE i.id IN ({marks})""",
                chunk,
            )


class _Touched:
    """What a sync's pulled rows touched, so the store's follow-ups run once each."""

    def __init__(self) -> None:
        self.orders: set[tuple[str, int]] = set()
        self.series: dict[int, dt.date] = {}
        self.meetings: set[int] = set()
        self.reindex: set[int] = set()
        #: uids of items whose changes the server refused in this sync.
        self.refused: set[str] = set()
        self._items: dict[int, int | None] = {}  # item id → its meeting

    def note_row(
        self, store: Store, table: str, row_id: int, values: dict[str, Any] | None = None
    ) -> None:
        """Note a row (``values``: its local columns, when the caller has them)."""
        t = TABLES[table]
        r: Any = values
        if r is None:
            found = store._read(f"SELECT * FROM {table} WHERE id = ?", [row_id])
            if not found:
                return
            r = found[0]
        if t.ordered_under and r[t.ordered_under] is not None:
            self.orders.add((table, r[t.ordered_under]))
        if table == "meetings":
            self._meeting(store, row_id, r["committee_id"], r["date"])
        elif table == "items":
            self.reindex.add(row_id)
            self._items[row_id] = r["meeting_id"]
            self._meeting(store, r["meeting_id"])
        elif "item_id" in t.parents:
            self.reindex.add(r["item_id"])
            if r["item_id"] not in self._items:
                m = store._read("SELECT meeting_id FROM items WHERE id = ?", [r["item_id"]])
                self._items[r["item_id"]] = m[0][0] if m else None
            if self._items[r["item_id"]] is not None:
                self.meetings.add(self._items[r["item_id"]])
        elif "meeting_id" in t.parents:
            self.meetings.add(r["meeting_id"])

    def _meeting(
        self, store: Store, meeting_id: int, committee_id: int | None = None, day: str = ""
    ) -> None:
        """The meeting and, for renumbering, its committee's series from its date on."""
        if committee_id is None:
            if meeting_id in self.meetings:
                return
            m = store._read("SELECT committee_id, date FROM meetings WHERE id = ?", [meeting_id])
            if not m:
                return
            committee_id, day = m[0]["committee_id"], m[0]["date"]
        self.meetings.add(meeting_id)
        when = dt.date.fromisoformat(day)
        self.series[committee_id] = min(self.series.get(committee_id, when), when)


def _json():
    """The json module, imported when a sync first needs it: opening a store for an
    export must not pay for it (tests/test_cli_lazy.py)."""
    import json

    return json
