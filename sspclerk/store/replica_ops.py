"""The store's side of a sync: joining a server, reading what to send, and what the
clerk sees of it (changed-elsewhere marks, provisional numbers).

Both halves of a sync are one transaction each and never talk to the network:
``sspclerk.sync`` calls :meth:`ReplicaOps.sync_outgoing` on the main thread, exchanges
it with the server (a worker thread may do that part), then hands the answer to
``sync_apply`` (replica_apply.py), again on the main thread.  If anything fails
between the two, the store is as it was before the sync, and the changes are still
journalled.

Mixed into :class:`sspclerk.store.store.Store`, whose helpers (``_tx``, ``_read``,
``_after_series_change``, ``_reindex``) it uses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .common import _iso
from .errors import StoreError
from .replica import (
    SHARED_TABLES,
    SQL_NOW,
    Outgoing,
    RowChange,
    SharedTable,
)
from .replica_apply import ApplyOps, _json

if TYPE_CHECKING:
    from .store import Store

#: Papers sent in one sync at most (bytes); the rest follow in the next ones.
FILE_BUDGET = 64 * 1024 * 1024


@dataclass(frozen=True)
class SyncState:
    """Where this laptop stands with its server, for the status bar and ``sync``."""

    joined: bool
    replica: str = ""
    server_id: str | None = None
    server_address: str = ""
    cursor: int = 0
    #: Rows changed here and not yet on the server (plus papers not yet sent).
    waiting: int = 0
    synced_at: dt.datetime | None = None


class ReplicaOps(ApplyOps):
    """Joining, sending and applying (mixed into Store; see the module docstring)."""

    # ------------------------------------------------------------ state

    def sync_state(self: Store) -> SyncState:
        rows = self._read("SELECT * FROM sync_self WHERE id = 1")
        if not rows:
            return SyncState(joined=False)
        r = rows[0]
        waiting = self._read(
            "SELECT (SELECT count(*) FROM sync_pending) + (SELECT count(*) FROM sync_pending_files)"
        )[0][0]
        return SyncState(
            joined=True,
            replica=r["replica"],
            server_id=r["server_id"],
            server_address=r["server_address"],
            cursor=r["cursor"],
            waiting=waiting,
            synced_at=dt.datetime.fromisoformat(r["synced_at"]) if r["synced_at"] else None,
        )

    def sync_join(self: Store) -> SyncState:
        """Give this store an identity for the team, every row a uid, and journal them all.

        Idempotent: a store that already joined keeps its identity.
        """
        with self._tx():
            if not self._read("SELECT 1 FROM sync_self"):
                self.conn.execute(
                    "INSERT INTO sync_self (id, replica, journal, joined_at) VALUES (1, ?, 0, ?)",
                    [_token(16), _iso(self.clock())],
                )
                self._journal_everything()
                self.conn.execute("UPDATE sync_self SET journal = 1")
        return self.sync_state()

    def _journal_everything(self: Store) -> None:
        """Every shared row gets a uid (if it has none) and is journalled as new."""
        for t in SHARED_TABLES:
            self.conn.execute(
                f"""INSERT INTO sync_ids (tbl, row_id, uid)
                    SELECT ?, id, lower(hex(randomblob(16))) FROM {t.name} WHERE true
                    ON CONFLICT DO NOTHING""",
                [t.name],
            )
            self.conn.execute(
                f"""INSERT INTO sync_pending (tbl, row_id, op, fields, at, base, version)
                    SELECT ?, id, 'i', '{{}}', {SQL_NOW}, 0, 1 FROM {t.name} WHERE true
                    ON CONFLICT (tbl, row_id) DO UPDATE SET op = 'i', fields = '{{}}',
                        version = version + 1""",
                [t.name],
            )
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_pending_files (sha256) SELECT sha256 FROM document_files"
        )

    def sync_new_identity(self: Store) -> str:
        """Sync on as a new laptop: for a store restored from an older copy (or copied
        to a second laptop), whose own earlier sends the server already holds.

        What it still has to send then meets the newer versions as another clerk's
        would: merged, with both texts kept, instead of overwriting them.
        """
        replica = _token(16)
        with self._tx():
            self.conn.execute(
                "UPDATE sync_self SET replica = ?, push_no = 0, in_flight = NULL", [replica]
            )
        return replica

    def sync_resend_all(self: Store) -> None:
        """Journal every row again and pull everything: for a server restored from an
        older backup, which lost what this laptop had sent since."""
        with self._tx():
            self.conn.execute("UPDATE sync_self SET journal = 0")
            self._journal_everything()
            self.conn.execute("UPDATE sync_self SET journal = 1, cursor = 0")

    def sync_set_server(self: Store, server_address: str) -> None:
        """Remember the server (its address without any password) for the next syncs."""
        with self._tx():
            self.conn.execute("UPDATE sync_self SET server_address = ?", [server_address])

    # ------------------------------------------------------------ sending

    def sync_outgoing(self: Store, file_budget: int = FILE_BUDGET) -> Outgoing:
        """Everything journalled, read in one transaction, with a push number.

        The push number and its nonce are saved before anything is sent: a retry
        after a lost answer sends the same pair, and the server knows it is a retry.
        """
        with self._tx():
            me = self._read("SELECT * FROM sync_self WHERE id = 1")
            if not me:
                raise StoreError("this store has not joined a server yet")
            me = me[0]
            push_no, nonce = me["push_no"], me["in_flight"]
            if nonce is None:
                push_no, nonce = push_no + 1, _token(8)
                self.conn.execute(
                    "UPDATE sync_self SET push_no = ?, in_flight = ?", [push_no, nonce]
                )
            out = Outgoing(
                replica=me["replica"],
                server_id=me["server_id"],
                push_no=push_no,
                nonce=nonce,
                cursor=me["cursor"],
            )
            stale: list[tuple[str, int]] = []
            for t in SHARED_TABLES:
                self._gather_table(t, out, stale)
            for tbl, row_id in stale:  # journalled, then removed unjournalled: nothing to send
                self.conn.execute(
                    "DELETE FROM sync_pending WHERE tbl = ? AND row_id = ?", [tbl, row_id]
                )
            self._gather_files(out, file_budget)
        return out

    def _gather_table(self: Store, t: SharedTable, out: Outgoing, stale: list) -> None:
        joins, picks = [], []
        for k, (col, parent) in enumerate(t.parents.items()):
            joins.append(
                f"LEFT JOIN sync_ids p{k} ON p{k}.tbl = '{parent}' AND p{k}.row_id = t.{col}"
            )
            picks.append(f"p{k}.uid AS parent_{col}")
        cols = ", ".join(f"t.{c}" for c in t.columns)
        rows = self._read(
            f"""SELECT p.row_id, p.op, p.uid AS gone_uid, p.fields, p.at, p.base, p.version,
                       s.uid, t.id AS present, {cols}{"".join(", " + x for x in picks)}
                FROM sync_pending p
                LEFT JOIN sync_ids s ON s.tbl = p.tbl AND s.row_id = p.row_id
                LEFT JOIN {t.name} t ON t.id = p.row_id
                {" ".join(joins)}
                WHERE p.tbl = ?""",
            [t.name],
        )
        for r in rows:
            if r["op"] == "d":
                if r["gone_uid"]:
                    out.changes.append(
                        RowChange(
                            t.name, "d", r["gone_uid"], {}, {}, r["at"], r["base"], r["row_id"]
                        )
                    )
                    out.versions[(t.name, r["row_id"])] = r["version"]
                else:
                    stale.append((t.name, r["row_id"]))
                continue
            if r["present"] is None or r["uid"] is None:
                stale.append((t.name, r["row_id"]))
                continue
            values = {c: r[c] for c in t.columns}
            for col in t.parents:
                values[col] = r[f"parent_{col}"]
            fields: dict[str, tuple[str, int]] = {}
            if r["op"] == "u":
                fields = {k: (v[0], int(v[1])) for k, v in _json().loads(r["fields"]).items()}
            out.changes.append(
                RowChange(
                    t.name, r["op"], r["uid"], values, fields, r["at"], r["base"], r["row_id"]
                )
            )
            out.versions[(t.name, r["row_id"])] = r["version"]

    def _gather_files(self: Store, out: Outgoing, budget: int) -> None:
        out.have_files = {r[0] for r in self._read("SELECT sha256 FROM document_files")}
        out.missing_files = {
            r[0]
            for r in self._read(
                """SELECT DISTINCT d.sha256 FROM documents d WHERE d.sha256 IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM document_files f WHERE f.sha256 = d.sha256)"""
            )
        }
        spent = 0
        for r in self._read(
            """SELECT p.sha256, length(f.content) AS size FROM sync_pending_files p
               LEFT JOIN document_files f ON f.sha256 = p.sha256 ORDER BY p.sha256"""
        ):
            if r["size"] is None:
                self.conn.execute("DELETE FROM sync_pending_files WHERE sha256 = ?", [r[0]])
                continue
            if out.files and spent + r["size"] > budget:
                out.files_left += 1
                continue
            out.files[r[0]] = bytes(self.document_content(r[0]))
            spent += r["size"]

    # ------------------------------------------------------------ for the clerk

    def changed_elsewhere(self: Store, item_id: int | None = None) -> list[dict[str, Any]]:
        """Texts kept because another clerk's version of the same field won, unresolved."""
        where = "AND c.item_id = ?" if item_id is not None else ""
        return [
            dict(r)
            for r in self._read(
                f"""SELECT c.id, c.item_id, c.field, c.text, c.clerk, c.edited_at, c.history_id,
                           i.number, i.title, i.meeting_id
                    FROM item_conflicts c JOIN items i ON i.id = c.item_id
                    WHERE c.resolved = 0 {where} ORDER BY c.id""",
                [] if item_id is None else [item_id],
            )
        ]

    def resolve_conflict(self: Store, conflict_id: int) -> None:
        """The clerk has looked at the other version: the mark goes, on every laptop."""
        with self._tx():
            self.conn.execute("UPDATE item_conflicts SET resolved = 1 WHERE id = ?", [conflict_id])

    def provisional_numbers(self: Store, meeting_id: int) -> list[str]:
        """Numbers of a published agenda not yet confirmed by the server (joined stores)."""
        if not self._read("SELECT 1 FROM sync_self"):
            return []
        return [
            r[0]
            for r in self._read(
                """SELECT i.number FROM items i JOIN meetings m ON m.id = i.meeting_id
                   LEFT JOIN sync_final_numbers f ON f.item_id = i.id
                   WHERE i.meeting_id = ? AND i.number != ''
                   AND (m.status != 'draft' OR m.agenda_published_on IS NOT NULL)
                   AND (f.number IS NULL OR f.number != i.number)
                   ORDER BY i.position""",
                [meeting_id],
            )
        ]

    def shared_snapshot(self: Store) -> dict[str, dict[str, dict[str, Any]]]:
        """Every shared row by uid, parents by uid: two stores that agree give equal
        snapshots whatever their local ids (tests and the benchmark compare them)."""
        snap: dict[str, dict[str, dict[str, Any]]] = {}
        for t in SHARED_TABLES:
            joins = "".join(
                f" LEFT JOIN sync_ids p{k} ON p{k}.tbl = '{parent}' AND p{k}.row_id = t.{col}"
                for k, (col, parent) in enumerate(t.parents.items())
            )
            picks = "".join(f", p{k}.uid AS {col}" for k, col in enumerate(t.parents))
            cols = ", ".join(f"t.{c}" for c in t.columns)
            snap[t.name] = {
                r["uid"]: {k: r[k] for k in r.keys() if k != "uid"}  # noqa: SIM118 - a Row
                for r in self._read(
                    f"""SELECT s.uid, {cols}{picks} FROM {t.name} t
                        JOIN sync_ids s ON s.tbl = '{t.name}' AND s.row_id = t.id{joins}"""
                )
            }
        snap["document_files"] = {r[0]: {} for r in self._read("SELECT sha256 FROM document_files")}
        return snap


def _token(nbytes: int) -> str:
    """A random hex token; ``secrets`` is imported here, not at start-up (it costs as
    much as a small export's layout, and only a store that syncs needs it)."""
    import secrets

    return secrets.token_hex(nbytes)
