"""One sync's work on the server: take this laptop's changes, give back everyone else's.

All of it runs in one server transaction (:func:`exchange`), so the server takes a
sync whole or not at all.  The transaction first takes the record's change counter
(``next_seq``): syncs that write are taken one after another and every row they
write carries that sync's number, so "everything after N" is complete.

Merging, per field: a field changed here since the last state this laptop pulled
(``base``) and also changed there by another laptop is a conflict; the later typing
wins and, for an item's text, the other version is kept as an ``item_conflicts`` row
("changed elsewhere").  A removal loses to an edit it had not seen.  Row-level
security decides what this clerk may read and change; a change to text they may not
read is refused and reported, never forced.

Nothing here touches SQLite: the worker thread of the window may run it with the
``Outgoing`` the main thread read, and hand the ``Incoming`` back.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from sspclerk.core.numbering import format_number, parse_number
from sspclerk.store import ITEM_TEXT_FIELDS as CONFLICT_FIELDS
from sspclerk.store.replica import (
    SHARED_TABLES,
    Incoming,
    Outgoing,
    PulledRow,
    RowChange,
    SharedTable,
)

from .errors import (
    RestoredCopy,
    ServerBehind,
    ServerNotReady,
    SyncBusy,
    SyncTooBig,
    WrongServer,
)
from .server_schema import BODIES, CURRENT_VERSION, SCHEMA, main_columns, server_column

S = SCHEMA
#: Papers fetched in one sync at most (bytes); the rest come with the next.
PULL_FILE_BUDGET = 64 * 1024 * 1024
#: Advisory-lock class for "a sync of this laptop is running".
_REPLICA_LOCK = 0x5353


def _u(hex_uid: str | None) -> uuid.UUID | None:
    return uuid.UUID(hex=hex_uid) if hex_uid else None


def _hex(value: Any) -> str | None:
    return value.hex if isinstance(value, uuid.UUID) else value


def _name(row: dict[str, Any]) -> str:
    """How the clerk knows a row the server refused: an item by its number or title."""
    return str(row.get("number") or row.get("title") or row.get("name") or "a row")


def _row_word(t: SharedTable) -> str:
    return {"outcomes": "decision", "actions": "action", "documents": "paper"}.get(
        t.name, t.name.rstrip("s").replace("_", " ")
    )


def exchange(
    conn: psycopg.Connection, out: Outgoing, *, on_step: Callable[[str], None] | None = None
) -> Incoming:
    """Push ``out`` and pull what is new, in one transaction committed on return."""
    with conn.transaction():
        return _Exchange(conn, out, on_step or (lambda step: None)).run()


class _Exchange:
    def __init__(self, conn: psycopg.Connection, out: Outgoing, step: Callable[[str], None]):
        self.conn = conn
        self.out = out
        self.step = step
        self.me = _u(out.replica)
        self.echo: dict[str, set[uuid.UUID]] = defaultdict(set)
        self.remapped: dict[tuple[str, str], str] = {}
        self.refused: dict[tuple[str, str], str] = {}
        self.retry: set[tuple[str, str]] = set()
        self.notes: list[str] = []
        self.conflicts: list[tuple[uuid.UUID, str, str, str, str]] = []
        self.shown: set[uuid.UUID] = set()
        self.confirmed: dict[str, str] = {}
        #: Meetings whose items were sent: only their numbers need confirming.
        self.numbered: set[str] = set()
        #: Meeting uid → the change number of its approval (None: not approved).
        self.approvals: dict[uuid.UUID, int | None] = {}
        #: uids of rows this sync wrote as the laptop sent them (the laptop has them).
        self.sent: dict[str, set[str]] = defaultdict(set)
        self.staged = 0
        self.stage = ""  # the last scratch table made

    def q(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self.conn.cursor(row_factory=dict_row) as cur:
            cur.execute(sql, list(params))  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []

    # ------------------------------------------------------------ the whole sync

    def run(self) -> Incoming:
        server = self._server()
        self.server_id = server["server_id"].hex
        if self.out.server_id and self.out.server_id != self.server_id:
            raise WrongServer(
                "this store shares its record with another server; it cannot sync with this one"
            )
        got = self.q(
            "SELECT pg_try_advisory_xact_lock(%s, hashtext(%s)) AS ok",
            [_REPLICA_LOCK, self.out.replica],
        )
        if not got[0]["ok"]:
            raise SyncBusy("another sync of this store is running; try again when it has finished")
        self.q("SET LOCAL lock_timeout = '30s'")
        self.seq = self.q(f"SELECT {S}.next_seq() AS seq")[0]["seq"]
        if self.out.cursor > self.seq - 1:
            raise ServerBehind(
                "the server's record is older than this store's last sync (restored from a "
                "backup?); `sspclerk sync --resend` sends everything this store holds again"
            )
        self._check_replica()
        if self.out.max_rows is not None:
            self._check_size(self.out.max_rows)
        self.clerk = self.q("SELECT current_user AS u")[0]["u"]
        self.reader = self.q(f"SELECT {S}.confidential_reader() AS r")[0]["r"]
        self.step("pushing")
        by_table: dict[str, list[RowChange]] = defaultdict(list)
        for c in self.out.changes:
            by_table[c.table].append(c)
        for t in SHARED_TABLES:
            ups = [c for c in by_table.get(t.name, []) if c.op != "d"]
            if ups:
                self._upsert(t, ups)
        for t in reversed(SHARED_TABLES):
            dels = [c for c in by_table.get(t.name, []) if c.op == "d"]
            if dels:
                self._remove(t, dels)
        self._push_files()
        self._show_again()
        self._confirm_numbers()
        self._record_conflicts()
        self.step("pulling")
        inc = Incoming(server_id=self.server_id, seq=self.seq)
        inc.remapped, inc.refused, inc.retry = self.remapped, self.refused, self.retry
        inc.notes, inc.conflicts = self.notes, len(self.conflicts)
        inc.confirmed = self.confirmed
        self._pull(inc)
        self.step("committing")
        return inc

    def _server(self) -> dict[str, Any]:
        found = self.q(
            "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'server'", [S]
        )
        if not found:
            raise ServerNotReady(
                "the server has no sspclerk record yet; its administrator runs `sspclerk server init`"
            )
        row = self.q(f"SELECT server_id, version FROM {S}.server")
        if not row:
            raise ServerNotReady("the server's record is not set up; run `sspclerk server init`")
        if row[0]["version"] != CURRENT_VERSION:
            newer = row[0]["version"] > CURRENT_VERSION
            raise ServerNotReady(
                f"the server's record is version {row[0]['version']}, this sspclerk needs "
                f"{CURRENT_VERSION}: "
                + ("update sspclerk" if newer else "its administrator runs `sspclerk server init`")
            )
        return row[0]

    def _check_size(self, limit: int) -> None:
        """Count what the pull would bring before doing anything (see Outgoing.max_rows)."""
        coming = 0
        for t in SHARED_TABLES:
            coming += self.q(
                f"SELECT count(*) AS n FROM {S}.{t.name} WHERE seq > %s", [self.out.cursor]
            )[0]["n"]
        if coming > limit:
            raise SyncTooBig(
                f"the server has {coming:,} rows for this laptop, more than a background sync "
                "takes: run `sspclerk sync` once from the command line (a minute or two); "
                "the window keeps in step after that"
            )

    def _check_replica(self) -> None:
        """A push number never goes backwards: if it does, this store is an older copy."""
        row = self.q(f"SELECT push_no, nonce FROM {S}.replicas WHERE id = %s FOR UPDATE", [self.me])
        if row:
            last, nonce = row[0]["push_no"], row[0]["nonce"]
            if self.out.push_no < last or (self.out.push_no == last and self.out.nonce != nonce):
                raise RestoredCopy(
                    f"this store is older than what it last sent (send {last}, it knows only "
                    f"{self.out.push_no - 1}): restored from a backup or copied"
                )
        self.q(
            f"""INSERT INTO {S}.replicas (id, clerk, push_no, nonce) VALUES (%s, current_user, %s, %s)
                ON CONFLICT (id) DO UPDATE SET clerk = excluded.clerk, push_no = excluded.push_no,
                    nonce = excluded.nonce, last_seen = now()""",
            [self.me, self.out.push_no, self.out.nonce],
        )

    # ------------------------------------------------------------ pushing rows

    def _select(self, t: SharedTable, *, meta: bool = True) -> str:
        """SELECT of a table with its body; ``meta``: with the merge stamps (not for
        the pull, which sends values only)."""
        cols = ["t.uid", "t.seq", "t.writer", "t.meta"] if meta else ["t.uid"]
        cols += [f"t.{server_column(c)}" for c in t.parents]
        cols += [f"t.{c}" for c in main_columns(t)]
        if t.name == "items":
            cols.append("t.number_final")
        join = ""
        if t.name in BODIES:
            body, key, body_cols = BODIES[t.name]
            cols += [f"(b.{key} IS NOT NULL) AS whole"]
            cols += ["b.meta AS body_meta"] if meta else []
            cols += [f"b.{c}" for c in body_cols]
            join = f" LEFT JOIN {S}.{body} b ON b.{key} = t.uid"
        return f"SELECT {', '.join(cols)} FROM {S}.{t.name} t{join}"

    def _existing(self, t: SharedTable, uids: list[str]) -> dict[str, dict]:
        """The server's rows (as far as this clerk may read them) by uid."""
        if not uids or not self.q(f"SELECT EXISTS (SELECT 1 FROM {S}.{t.name}) AS any")[0]["any"]:
            return {}  # an empty table (a first sync): no need to send every uid to look
        return {
            r["uid"].hex: r
            for r in self.q(self._select(t) + " WHERE t.uid = ANY(%s::uuid[])", [uids])
        }

    def _server_values(self, t: SharedTable, c: RowChange) -> dict[str, Any]:
        """The change's values in the server's terms: parents as (remapped) uids."""
        values: dict[str, Any] = {}
        for col, value in c.values.items():
            if col in t.parents:
                parent = t.parents[col]
                value = self.remapped.get((parent, value), value) if value else None
                values[server_column(col)] = value
            else:
                values[col] = value
        if t.name == "items" and values.get("meeting"):
            self.numbered.add(values["meeting"])
        elif t.name == "meetings":
            self.numbered.add(c.uid)
        return values

    def _upsert(self, t: SharedTable, changes: list[RowChange]) -> None:
        for c in changes:
            c.uid = self.remapped.get((t.name, c.uid), c.uid)
        existing = self._existing(t, [c.uid for c in changes])
        new: list[tuple[RowChange, dict[str, Any]]] = []
        for c in changes:
            values = self._server_values(t, c)
            cur = existing.get(c.uid)
            if cur is None and t.natural:
                cur = self._same_thing(t, c, values)
            if cur is None:
                new.append((c, values))
            else:
                self._merge(t, c, values, cur)
        if new:
            self._insert(t, new)

    def _same_thing(self, t: SharedTable, c: RowChange, values: dict) -> dict | None:
        """The row the server holds for the same committee (prefix) or member (name)."""
        where = " AND ".join(f"t.{server_column(k)} IS NOT DISTINCT FROM %s" for k in t.natural)
        found = self.q(
            self._select(t) + f" WHERE {where} ORDER BY t.uid LIMIT 1",
            [
                _u(values.get(server_column(k))) if k in t.parents else values.get(k)
                for k in t.natural
            ],
        )
        if not found:
            return None
        theirs = found[0]["uid"].hex
        self.remapped[(t.name, c.uid)] = theirs
        c.uid = theirs
        self.echo[t.name].add(found[0]["uid"])
        return found[0]

    def _merge(self, t: SharedTable, c: RowChange, values: dict[str, Any], cur: dict) -> None:
        """Per field: take it, or keep the server's (the later typing wins)."""
        uid = cur["uid"]
        self.sent[t.name].add(uid.hex)
        if cur["seq"] > self.out.cursor:
            # Changed by others since this laptop's last pull: after this write the row
            # carries this sync's number, so it must be sent back whole.
            self.echo[t.name].add(uid)
        body = BODIES.get(t.name)
        body_cols = body[2] if body else ()
        meta = dict(cur["meta"] or {})
        body_meta = dict(cur.get("body_meta") or {})
        names = c.fields if c.op == "u" else {k: (c.at, c.base) for k in c.values}
        parents = {server_column(k) for k in t.parents}
        main: dict[str, Any] = {}
        in_body: dict[str, Any] = {}
        for local, (at, base) in names.items():
            col = server_column(local) if local in t.parents else local
            if local not in c.values:
                continue
            value = _u(values[col]) if col in parents else values[col]
            hidden = col in body_cols and not cur.get("whole", True)
            if hidden:
                self._refuse(
                    t,
                    c,
                    f"{_name(cur)}: the {col.replace('_', ' ')} of a restricted item was not sent (needs the confidential grant)",
                    uid,
                )
                continue
            current = cur[col]
            if t.name == "items" and col == "number" and cur["number_final"]:
                if value != current:
                    self.echo[t.name].add(uid)
                continue
            lifting = t.name == "items" and col == "restricted" and current == 1 and value != 1
            if lifting and not self.reader:
                self._refuse(
                    t, c, f"{_name(cur)}: lifting its restriction needs the confidential grant", uid
                )
                continue
            if value == current:
                continue
            if t.name == "items" and col in CONFLICT_FIELDS and self._locked(cur["meeting"], base):
                # Approved elsewhere meanwhile: approved minutes change only by a recorded
                # correction, so this text is kept, marked, and not applied.
                if (value or "").strip():
                    self.conflicts.append((uid, col, value, self.clerk, at))
                self.notes.append(
                    f"{_name(cur)}: its minutes were approved on another laptop meanwhile; "
                    f"your change to its {col.replace('_', ' ')} is kept in its history "
                    "(record a correction if it matters)"
                )
                self.echo[t.name].add(uid)
                continue
            m = (body_meta if col in body_cols else meta).get(col)
            if m and m[0] > base and m[1] != self.out.replica:
                ours_later = at > m[2]
                if t.name == "items" and col in CONFLICT_FIELDS:
                    lost = (current, m[3], m[2]) if ours_later else (value, self.clerk, at)
                    if (lost[0] or "").strip():
                        self.conflicts.append((uid, col, lost[0] or "", lost[1], lost[2]))
                if not ours_later:
                    self.echo[t.name].add(uid)
                    continue
            stamp = [self.seq, self.out.replica, at, self.clerk]
            if col in body_cols:
                in_body[col] = value
                body_meta[col] = stamp
            else:
                main[col] = value
                meta[col] = stamp
        if not main and not in_body:
            return
        if t.name == "items" and "restricted" in main:
            self.shown.add(uid)
        sets = ", ".join(f"{k} = %s" for k in main)
        self.q(
            f"UPDATE {S}.{t.name} SET {sets}{', ' if sets else ''}meta = %s, seq = %s, writer = %s"
            " WHERE uid = %s",
            [*main.values(), Jsonb(meta), self.seq, self.me, uid],
        )
        if in_body and body:
            name, key, _ = body
            sets = ", ".join(f"{k} = %s" for k in in_body)
            self.q(
                f"UPDATE {S}.{name} SET {sets}, meta = %s WHERE {key} = %s",
                [*in_body.values(), Jsonb(body_meta), uid],
            )

    def _locked(self, meeting: uuid.UUID, base: int) -> bool:
        """Whether the meeting's minutes were approved by a sync this laptop had not
        seen when the change was made (after ``base``)."""
        if meeting not in self.approvals:
            row = self.q(
                f"""SELECT seq, approved_on, status, (meta -> 'approved_on' ->> 0)::bigint AS at
                    FROM {S}.meetings WHERE uid = %s""",
                [meeting],
            )
            approved = row and (row[0]["approved_on"] or row[0]["status"] == "minutes approved")
            self.approvals[meeting] = (row[0]["at"] or row[0]["seq"]) if approved else None
        when = self.approvals[meeting]
        return when is not None and when > base and when < self.seq

    def _refuse(self, t: SharedTable, c: RowChange, why: str, uid: uuid.UUID) -> None:
        key = (t.name, c.uid)
        self.refused[key] = f"{self.refused[key]}; {why}" if key in self.refused else why
        self.echo[t.name].add(uid)

    def _insert(self, t: SharedTable, new: list[tuple[RowChange, dict[str, Any]]]) -> None:
        """New rows (or rows coming back after a removal they had not seen), in bulk."""
        parents = {server_column(col): p for col, p in t.parents.items()}
        present: dict[str, set[str]] = {}
        for col, parent in parents.items():
            # Owners written by this sync are there; only the others are looked up.
            wanted = list({v[col] for _, v in new if v.get(col)} - self.sent[parent])
            present[col] = self.sent[parent] | {
                r["uid"].hex
                for r in self.q(
                    f"SELECT uid FROM {S}.{parent} WHERE uid = ANY(%s::uuid[])", [wanted]
                )
            }
        rows = []
        for c, values in new:
            missing = [
                col
                for col in parents
                if values.get(col) is not None and values[col] not in present[col]
            ]
            if "approving_meeting" in missing:
                values["approving_meeting"] = None
                missing.remove("approving_meeting")
            if missing:
                # Its meeting or item was removed by another clerk: this row is kept
                # journalled, and the removal brings the owner back from this laptop.
                self.retry.add((t.name, c.uid))
                continue
            rows.append((c, values))
        if not rows:
            return
        cols = [server_column(c) for c in t.parents] + list(main_columns(t))
        # A new row's fields need no per-field stamps: no laptop can have based a
        # change on an older version of a row that did not exist (see _merge).
        data = [
            (c.uid, self.seq, self.out.replica, "{}", *(values.get(k) for k in cols))
            for c, values in rows
        ]
        inserted = self._bulk_insert(t.name, ["uid", "seq", "writer", "meta", *cols], data)
        staged = self.stage
        self.sent[t.name] |= inserted
        for c, _ in rows:
            if c.uid not in inserted:
                self.refused[(t.name, c.uid)] = (
                    f"a {_row_word(t)} under a restricted item was not sent (needs the confidential grant)"
                )
        if t.name in BODIES:
            name, key, body_cols = BODIES[t.name]
            body_rows = [
                (c.uid, "{}", *(values.get(k) for k in body_cols))
                for c, values in rows
                if c.uid in inserted
            ]
            self._bulk_insert(name, [key, "meta", *body_cols], body_rows)
        if inserted:  # rows coming back after a removal: no longer removed
            self.q(
                f"""DELETE FROM {S}.tombstones t USING {staged} s
                    WHERE t.tbl = %s AND t.uid = s.uid""",
                [t.name],
            )

    def _bulk_insert(self, table: str, cols: list[str], data: list[tuple]) -> set[str]:
        """COPY into a scratch table, then INSERT … ON CONFLICT DO NOTHING (row-level
        security applies to the INSERT; COPY into a secured table is not allowed)."""
        if not data:
            return set()
        self.staged += 1
        stage = self.stage = f"stage_{self.staged}"
        self.q(
            f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS "
            f"SELECT {', '.join(cols)} FROM {S}.{table} WITH NO DATA"
        )
        with (
            self.conn.cursor() as cur,
            cur.copy(
                f"COPY {stage} ({', '.join(cols)}) FROM STDIN"  # type: ignore[arg-type]
            ) as copy,
        ):
            for row in data:
                copy.write_row(row)
        key = cols[0]
        with self.conn.cursor() as cur:
            cur.execute(
                f"INSERT INTO {S}.{table} ({', '.join(cols)}) SELECT {', '.join(cols)} "  # type: ignore[arg-type]
                f"FROM {stage} ON CONFLICT ({key}) DO NOTHING RETURNING {key}"
            )
            return {r[0].hex for r in cur.fetchall()}

    # ------------------------------------------------------------ pushing removals

    def _remove(self, t: SharedTable, changes: list[RowChange]) -> None:
        uids = [c.uid for c in changes]
        existing = self._existing(t, uids)
        gone = {
            r["uid"].hex
            for r in self.q(
                f"SELECT uid FROM {S}.tombstones WHERE tbl = %s AND uid = ANY(%s::uuid[])",
                [t.name, uids],
            )
        }
        doomed = []
        for c in changes:
            cur = existing.get(c.uid)
            if cur is None:
                if c.uid not in gone and t.name in (
                    "documents",
                    "outcomes",
                    "actions",
                    "declarations",
                ):
                    self.refused[(t.name, c.uid)] = (
                        f"a {_row_word(t)} under a restricted item was not removed (needs the confidential grant)"
                    )
                continue
            if cur["seq"] > c.base and cur["writer"] != self.me:
                self.notes.append(
                    f"a {t.name[:-1].replace('_', ' ')} removed here was changed by another "
                    "clerk meanwhile, so it was kept"
                )
                self._touch(t.name, [cur["uid"]])
                continue
            if t.name == "items" and cur["restricted"] == 1 and not self.reader:
                self._refuse(
                    t,
                    c,
                    f"{_name(cur)}: removing a restricted item needs the confidential grant",
                    cur["uid"],
                )
                self._touch(t.name, [cur["uid"]])
                continue
            doomed.append(cur["uid"])
        if doomed:
            self.q(f"DELETE FROM {S}.{t.name} WHERE uid = ANY(%s)", [doomed])

    def _touch(self, table: str, uids: list[uuid.UUID]) -> None:
        """Send these rows and everything under them again (after a refused removal,
        or when a restriction was lifted and hidden rows became readable)."""
        if not uids:
            return
        self.q(f"UPDATE {S}.{table} SET seq = %s WHERE uid = ANY(%s)", [self.seq, uids])
        self.echo[table].update(uids)
        for t in SHARED_TABLES:
            for col, parent in t.parents.items():
                if parent == table and t.name != table and col != "approving_meeting_id":
                    rows = self.q(
                        f"UPDATE {S}.{t.name} SET seq = %s WHERE {server_column(col)} = ANY(%s)"
                        " RETURNING uid",
                        [self.seq, uids],
                    )
                    self._touch(t.name, [r["uid"] for r in rows])

    def _show_again(self) -> None:
        """Items whose restriction changed: what hangs off them is sent again, so a
        laptop whose clerk may now read it gets it, and declarations naming them."""
        if not self.shown:
            return
        items = list(self.shown)
        self._touch("items", items)
        self.q(
            f"""UPDATE {S}.declarations SET seq = %s WHERE meeting IN
                (SELECT meeting FROM {S}.items WHERE uid = ANY(%s))""",
            [self.seq, items],
        )
        for r in self.q(
            f"SELECT d.uid FROM {S}.declarations d JOIN {S}.items i ON i.meeting = d.meeting"
            " WHERE i.uid = ANY(%s)",
            [items],
        ):
            self.echo["declarations"].add(r["uid"])

    # ------------------------------------------------------------ papers, numbers, conflicts

    def _push_files(self) -> None:
        for digest, content in self.out.files.items():
            if hashlib.sha256(content).hexdigest() != digest:
                continue  # damaged in the store: the store's own check reports it
            self.q(
                f"""INSERT INTO {S}.files (sha256, content, size_bytes, seq)
                    VALUES (%s, %s, %s, %s) ON CONFLICT (sha256) DO NOTHING""",
                [digest, content, len(content), self.seq],
            )

    def _confirm_numbers(self) -> None:
        """Published numbers become final here, one sync at a time: a number another
        laptop already gave in the committee's year makes this item take the next.

        Only meetings whose rows this sync sent can hold new numbers to confirm."""
        if not self.numbered:
            return
        meetings = sorted(self.numbered)
        frozen = f"""FROM {S}.items i JOIN {S}.meetings m ON m.uid = i.meeting
                     JOIN {S}.committees c ON c.uid = m.committee
                     WHERE NOT i.number_final AND i.meeting = ANY(%s::uuid[])
                     AND (m.status <> 'draft' OR m.agenda_published_on IS NOT NULL)"""
        self.q(
            f"""INSERT INTO {S}.claims (committee, number, item, seq)
                SELECT m.committee, i.number, i.uid, %s {frozen}
                AND i.number ~ ('^' || c.prefix || '/[0-9]+/[0-9][0-9]$')
                ORDER BY m.date, m.start_time, i.position
                ON CONFLICT DO NOTHING""",
            [self.seq, meetings],
        )
        for r in self.q(
            f"""UPDATE {S}.items i SET number_final = true, seq = %s FROM {S}.claims k
                WHERE k.seq = %s AND k.item = i.uid AND k.number = i.number
                AND NOT i.number_final RETURNING i.uid, i.number""",
            [self.seq, self.seq],
        ):
            self.confirmed[r["uid"].hex] = r["number"]
            if r["uid"].hex not in self.sent["items"]:
                self.echo["items"].add(r["uid"])  # another laptop's item: send it
        for r in self.q(
            f"""SELECT i.uid, i.number, i.meeting, m.committee, m.date, c.prefix {frozen}
                ORDER BY m.date, m.start_time, i.position""",
            [meetings],
        ):
            self._give_number(r)

    def _give_number(self, r: dict[str, Any]) -> None:
        parsed = parse_number(r["number"] or "", r["prefix"])
        mine = parsed is not None and self.q(
            f"SELECT 1 FROM {S}.claims WHERE committee = %s AND number = %s AND item = %s",
            [r["committee"], r["number"], r["uid"]],
        )
        if parsed is None or mine:
            # Not a number of the series (an imported "12."): nothing to claim; or this
            # item's own claim already (a retried send): either way its number stands.
            self.q(
                f"UPDATE {S}.items SET number_final = true, seq = %s WHERE uid = %s",
                [self.seq, r["uid"]],
            )
            self.confirmed[r["uid"].hex] = r["number"]
            self.echo["items"].add(r["uid"])
            return
        suffix = f"/{parsed.yy:02d}"
        taken = [
            parse_number(k["number"], r["prefix"])
            for k in self.q(
                f"SELECT number FROM {S}.claims WHERE committee = %s AND number LIKE %s",
                [r["committee"], f"%{suffix}"],
            )
        ]
        n = max([p.n for p in taken if p is not None and p.yy == parsed.yy] + [0]) + 1
        number = format_number(r["prefix"], n, parsed.yy)
        self.q(
            f"INSERT INTO {S}.claims (committee, number, item, seq) VALUES (%s, %s, %s, %s)",
            [r["committee"], number, r["uid"], self.seq],
        )
        self.q(
            f"UPDATE {S}.items SET number = %s, number_final = true, seq = %s WHERE uid = %s",
            [number, self.seq, r["uid"]],
        )
        for d in self.q(
            f"""UPDATE {S}.declarations SET item_number = %s, seq = %s
                WHERE meeting = %s AND item_number = %s RETURNING uid""",
            [number, self.seq, r["meeting"], r["number"]],
        ):
            self.echo["declarations"].add(d["uid"])
        self.echo["items"].add(r["uid"])
        self.confirmed[r["uid"].hex] = number
        self.notes.append(
            f"{r['number']} had already been given by another laptop; the item of "
            f"{r['date']} is {number}"
        )

    def _record_conflicts(self) -> None:
        for item, field, text, clerk, at in self.conflicts:
            uid = uuid.uuid4()
            rows = self.q(
                f"""INSERT INTO {S}.item_conflicts
                    (uid, seq, writer, meta, item, field, text, clerk, edited_at, recorded_at, resolved)
                    VALUES (%s, %s, %s, '{{}}', %s, %s, %s, %s, %s, now()::text, 0)
                    ON CONFLICT DO NOTHING RETURNING uid""",
                [uid, self.seq, self.me, item, field, text, clerk, at],
            )
            if rows:
                self.echo["item_conflicts"].add(uid)

    # ------------------------------------------------------------ pulling

    def _pull(self, inc: Incoming) -> None:
        since = self.out.cursor
        for t in SHARED_TABLES:
            echo = list(self.echo.get(t.name, ()))
            sql = self._select(t, meta=False)
            # Echoed rows come back whatever their seq: the laptop's copy differs from
            # the server's even if the row did not change since its last pull.
            sql += " WHERE (t.seq > %s AND t.seq < %s) OR t.uid = ANY(%s)"
            with self.conn.cursor(row_factory=dict_row) as cur:
                cur.execute(sql, [since, self.seq, echo])  # type: ignore[arg-type]
                for r in cur:
                    inc.rows.append(self._pulled(t, r))
        inc.removed = [
            (r["tbl"], r["uid"].hex)
            for r in self.q(
                f"SELECT tbl, uid FROM {S}.tombstones WHERE seq > %s AND seq < %s ORDER BY seq",
                [since, self.seq],
            )
        ]
        self._pull_files(inc)

    def _pulled(self, t: SharedTable, r: dict[str, Any]) -> PulledRow:
        values: dict[str, Any] = {}
        for col in t.parents:
            values[col] = _hex(r[server_column(col)])
        whole = bool(r.get("whole", True))
        hidden = () if whole else BODIES[t.name][2]
        for col in t.columns:
            if col not in hidden:
                values[col] = r[col]
        return PulledRow(
            t.name, r["uid"].hex, values, whole=whole, number_final=bool(r.get("number_final"))
        )

    def _pull_files(self, inc: Incoming) -> None:
        wanted = {
            row.values.get("sha256")
            for row in inc.rows
            if row.table == "documents" and row.values.get("sha256")
        }
        wanted |= self.out.missing_files
        wanted -= self.out.have_files
        if not wanted:
            return
        spent = 0
        chosen = []
        for r in self.q(
            f"SELECT sha256, size_bytes FROM {S}.files WHERE sha256 = ANY(%s) ORDER BY sha256",
            [sorted(wanted)],
        ):
            if chosen and spent + r["size_bytes"] > PULL_FILE_BUDGET:
                inc.files_left += 1
                continue
            chosen.append(r["sha256"])
            spent += r["size_bytes"]
        for r in self.q(f"SELECT sha256, content FROM {S}.files WHERE sha256 = ANY(%s)", [chosen]):
            inc.files[r["sha256"]] = bytes(r["content"])
