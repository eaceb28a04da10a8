"""The operation journal: what each undoable change did to the record, kept in the store.

The window's undo lives here, not in its widgets, so a crash never turns an undo
into a loss and an undone change can still be redone after a restart.

How it works.  A caller wraps one user action in ``store.operation(label, meeting)``;
every write transaction made inside it is *journalled*: for as long as the
transaction runs, triggers on the record's tables copy each changed row into
``operation_rows`` — the columns it had before and after (a whole row for an insert
or a delete).  The triggers are TEMP triggers made from the tables' own columns when
the connection first journals, so every write path is caught, foreign-key cascades
included, and a column a later migration adds is caught too; they do nothing unless
an operation is open, and other connections (the command line) never see them.

Undoing an operation puts the "before" columns back, last change first, in one
transaction that is itself journalled: the operation's rows are replaced by rows
that describe the undo, so redoing is the same step again.  Before anything is put
back each row is checked against its "after" image: a value changed since by
something the journal did not see (notes typed into an item it added, a status
set from the action log) refuses the undo, naming it, instead of overwriting it.
Approved minutes stay locked: an undo or redo touching them is refused.

Papers' file contents (``document_files``) are not journalled; a file is kept for as
long as a journalled row still names it (see ``RowOps._drop_unused_files``).  The
search index follows every undo and redo.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .common import Changed, _iso
from .errors import NotFoundError, RuleError

if TYPE_CHECKING:
    from .store import Store

#: The record's tables.  Not the search index (rebuilt after an undo), not the papers'
#: file contents (kept while named), not settings, and no table of another layer.
JOURNALLED_TABLES = (
    "committees",
    "members",
    "standing_items",
    "meetings",
    "items",
    "documents",
    "outcomes",
    "actions",
    "attendance",
    "declarations",
    "corrections",
    "item_history",
)
#: Tables whose rows name an agenda item (the search index follows them).
ITEM_CHILD_TABLES = ("documents", "outcomes", "actions", "item_history")
#: Tables whose rows name a meeting directly.
MEETING_ROW_TABLES = ("items", "attendance", "declarations", "corrections")
#: Each meeting keeps this many operations to undo; older ones are dropped.
KEEP_OPERATIONS = 200

#: What a row is, in the clerk's words, when an undo has to say it was changed since.
_NOUNS = {
    "items": "the item",
    "outcomes": "an outcome",
    "actions": "an action",
    "documents": "a paper",
    "attendance": "a person in the attendance",
    "declarations": "a declaration",
    "meetings": "the meeting",
    "corrections": "a correction",
    "item_history": "a kept version",
}
_COLUMN_WORDS = {"minutes": "notes", "agenda_text": "agenda text", "started_at": "start time"}


class UndoRefused(RuleError):
    """The undo (or redo) would overwrite something changed since, or out of turn."""


@dataclass(frozen=True)
class OperationRecord:
    """One undoable change of a meeting, as the window lists it."""

    id: int
    meeting_id: int
    item_id: int | None
    label: str
    made_at: dt.datetime
    undone: bool


@dataclass(frozen=True)
class Reverted(Changed):
    """What an undo or redo changed: the operation, and the meetings and items it touched."""

    label: str = ""
    operation_id: int = 0
    meetings: frozenset[int] = frozenset()
    items: frozenset[int] = frozenset()


@dataclass
class OperationHandle:
    """The operation open in ``Store.operation``; ``id`` is set once it recorded a change."""

    label: str
    meeting_id: int
    item_id: int | None = None
    merge_into: int | None = None
    id: int | None = None
    #: Rows recorded so far, over every transaction of the operation.
    rows: int = 0
    _created_here: bool = field(default=False, repr=False)
    _mark: int = field(default=0, repr=False)


class JournalOps:
    """The journal half of the Store (see module docstring)."""

    # ------------------------------------------------------------ recording

    @contextlib.contextmanager
    def operation(
        self: Store,
        label: str,
        meeting_id: int,
        item_id: int | None = None,
        *,
        merge_into: int | None = None,
    ) -> Iterator[OperationHandle]:
        """Journal every write made inside as one undoable change of ``meeting_id``.

        ``merge_into`` names an operation to extend instead (a title typed in several
        saves is one change), honoured only while it is the meeting's latest and has
        never been undone.  The handle's ``id`` is None when nothing changed.
        """
        if self._operation is not None:
            raise RuntimeError("store operations do not nest")
        if not self.readonly:
            self._journal_triggers()
        handle = OperationHandle(label, meeting_id, item_id, merge_into)
        self._operation = handle
        try:
            yield handle
        finally:
            self._operation = None

    @contextlib.contextmanager
    def _journalled(self: Store, tx) -> Iterator[None]:
        """Wrap one write transaction of an open operation (called by ``Store._tx``)."""
        handle = self._operation
        assert handle is not None
        with tx:
            self._start_recording(handle)
            try:
                yield
                self._finish_recording(handle)
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("DELETE FROM temp.journal_now")

    def _start_recording(self: Store, h: OperationHandle) -> None:
        h._created_here = False
        if h.id is None and h.merge_into is not None and self._can_merge(h):
            h.id = h.merge_into
        if h.id is None:
            h.id = self.conn.execute(
                "INSERT INTO operations (meeting_id, item_id, label, made_at) VALUES (?, ?, ?, ?)",
                [h.meeting_id, h.item_id, h.label, _iso(self.clock())],
            ).lastrowid
            h._created_here = True
        step = self._read("SELECT step FROM operations WHERE id = ?", [h.id])[0][0]
        h._mark = self._read("SELECT coalesce(max(id), 0) FROM operation_rows")[0][0]
        self.conn.execute("INSERT INTO temp.journal_now (op_id, step) VALUES (?, ?)", [h.id, step])

    def _finish_recording(self: Store, h: OperationHandle) -> None:
        added = self._read(
            "SELECT count(*) FROM operation_rows WHERE op_id = ? AND id > ?", [h.id, h._mark]
        )[0][0]
        if not added:
            if h._created_here:  # nothing changed: nothing to undo
                self.conn.execute("DELETE FROM operations WHERE id = ?", [h.id])
                h.id = None
            return
        h.rows += added
        if h.item_id is None:  # an operation that adds an item shows that item
            added_item = self._read(
                "SELECT row_id FROM operation_rows WHERE op_id = ? AND table_name = 'items'"
                " AND before IS NULL ORDER BY id LIMIT 1",
                [h.id],
            )
            h.item_id = added_item[0][0] if added_item else None
        self.conn.execute(
            "UPDATE operations SET label = ?, made_at = ?, item_id = coalesce(?, item_id)"
            " WHERE id = ?",
            [h.label, _iso(self.clock()), h.item_id, h.id],
        )
        # A new change ends the redo of what was undone before it; old ones are dropped.
        stale = [
            r[0]
            for r in self._read(
                "SELECT id FROM operations WHERE meeting_id = ? AND id != ? AND undone = 1",
                [h.meeting_id, h.id],
            )
        ]
        stale += [
            r[0]
            for r in self._read(
                "SELECT id FROM operations WHERE meeting_id = ? AND undone = 0"
                " ORDER BY id DESC LIMIT -1 OFFSET ?",
                [h.meeting_id, KEEP_OPERATIONS],
            )
        ]
        self._drop_operations(stale)

    def _can_merge(self: Store, h: OperationHandle) -> bool:
        rows = self._read(
            "SELECT id, meeting_id, undone, step FROM operations WHERE meeting_id = ?"
            " ORDER BY id DESC LIMIT 1",
            [h.meeting_id],
        )
        return bool(rows) and rows[0]["id"] == h.merge_into and rows[0]["step"] == 0

    def _drop_operations(self: Store, ids: list[int]) -> None:
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        papers = self._read(
            f"SELECT 1 FROM operation_rows WHERE op_id IN ({marks})"
            " AND table_name = 'documents' LIMIT 1",
            ids,
        )
        self.conn.execute(f"DELETE FROM operations WHERE id IN ({marks})", ids)
        if papers:
            self._drop_unused_files()

    def discard_redo(self: Store, meeting_id: int) -> None:
        """Forget what can be redone in a meeting (the clerk typed on after undoing)."""
        with self._tx():
            self._drop_operations(
                [
                    r[0]
                    for r in self._read(
                        "SELECT id FROM operations WHERE meeting_id = ? AND undone = 1",
                        [meeting_id],
                    )
                ]
            )

    # ------------------------------------------------------------ the triggers

    def _journal_triggers(self: Store) -> None:
        """Make this connection's recording triggers (once; outside any transaction)."""
        if self._journal_ready or self.conn.in_transaction:
            return
        statements = [
            "CREATE TEMP TABLE IF NOT EXISTS journal_now "
            "(op_id INTEGER NOT NULL, step INTEGER NOT NULL)"
        ]
        for table in JOURNALLED_TABLES:
            columns = [r[1] for r in self.conn.execute(f"PRAGMA main.table_info({table})")]
            if columns:
                statements += _triggers(table, columns)
        try:
            for sql in statements:
                self.conn.execute(sql)
        except sqlite3.Error:
            return  # a store that cannot take them (read-only) journals nothing
        self._journal_ready = True

    # ------------------------------------------------------------ reading

    def operations(self: Store, meeting_id: int) -> list[OperationRecord]:
        """The meeting's undoable changes, oldest first (undone ones last: redo)."""
        return [
            OperationRecord(
                r["id"],
                r["meeting_id"],
                r["item_id"],
                r["label"],
                dt.datetime.fromisoformat(r["made_at"]),
                bool(r["undone"]),
            )
            for r in self._read(
                "SELECT * FROM operations WHERE meeting_id = ? ORDER BY id", [meeting_id]
            )
        ]

    # ------------------------------------------------------------ undo and redo

    def undo_operation(self: Store, operation_id: int) -> Reverted:
        """Take back one change; it must be the meeting's latest change not yet undone."""
        return self._invert(operation_id, undo=True)

    def redo_operation(self: Store, operation_id: int) -> Reverted:
        """Make an undone change again; it must be the meeting's earliest one undone."""
        return self._invert(operation_id, undo=False)

    def _invert(self: Store, operation_id: int, *, undo: bool) -> Reverted:
        if not self.readonly:
            self._journal_triggers()
        with self._tx():
            op = self._read("SELECT * FROM operations WHERE id = ?", [operation_id])
            if not op:
                raise NotFoundError("that change is no longer kept, so it cannot be undone")
            op = op[0]
            word = "undone" if undo else "redone"
            if bool(op["undone"]) == undo:
                raise UndoRefused(f"“{op['label']}” was already {word}")
            order = "DESC" if undo else "ASC"
            turn = self._read(
                f"SELECT id FROM operations WHERE meeting_id = ? AND undone = ?"
                f" ORDER BY id {order} LIMIT 1",
                [op["meeting_id"], op["undone"]],
            )[0][0]
            if turn != operation_id:
                raise UndoRefused(
                    f"“{op['label']}” can only be {word} after the changes made since it"
                )
            rows = self._read(
                "SELECT * FROM operation_rows WHERE op_id = ? AND step = ? ORDER BY id DESC",
                [operation_id, op["step"]],
            )
            meetings, items = self._touched(rows)
            meetings.add(op["meeting_id"])
            for meeting_id in sorted(meetings):
                with contextlib.suppress(NotFoundError):  # a meeting the undo brings back
                    self._require_meeting(meeting_id, change=True)  # approved minutes: refused
            # Rows come back parent after child or the other way round: check at commit.
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            self.conn.execute(
                "INSERT INTO temp.journal_now (op_id, step) VALUES (?, ?)",
                [operation_id, op["step"] + 1],
            )
            try:
                for r in rows:
                    self._put_back(r)
            finally:
                self.conn.execute("DELETE FROM temp.journal_now")
            self.conn.execute(
                "DELETE FROM operation_rows WHERE op_id = ? AND step = ?",
                [operation_id, op["step"]],
            )
            self.conn.execute(
                "UPDATE operations SET step = step + 1, undone = ? WHERE id = ?",
                [int(undo), operation_id],
            )
            for item_id in items:
                if self._read("SELECT 1 FROM items WHERE id = ?", [item_id]):
                    self._reindex(item_id)
                else:
                    self.conn.execute("DELETE FROM search_index WHERE rowid = ?", [item_id])
        return Reverted(
            op["meeting_id"],
            op["item_id"],
            "undo" if undo else "redo",
            label=op["label"],
            operation_id=operation_id,
            meetings=frozenset(meetings),
            items=frozenset(items),
        )

    def _touched(self: Store, rows: list[sqlite3.Row]) -> tuple[set[int], set[int]]:
        """The meetings and items the journalled rows belong to (before and after)."""
        import json  # only an undo reads the images: every other command starts faster

        meetings: set[int] = set()
        items: set[int] = set()
        for r in rows:
            images = [json.loads(x) for x in (r["before"], r["after"]) if x]
            now = self._row(r["table_name"], r["row_id"])
            if now is not None:
                images.append(now)
            table = r["table_name"]
            if table == "meetings":
                meetings.add(r["row_id"])
            if table == "items":
                items.add(r["row_id"])
            for image in images:
                if table in MEETING_ROW_TABLES and image.get("meeting_id") is not None:
                    meetings.add(image["meeting_id"])
                if table in ITEM_CHILD_TABLES and image.get("item_id") is not None:
                    items.add(image["item_id"])
        for item_id in items:
            found = self._read("SELECT meeting_id FROM items WHERE id = ?", [item_id])
            if found:
                meetings.add(found[0][0])
        return meetings, items

    def _row(self: Store, table: str, row_id: int) -> dict[str, Any] | None:
        found = self._read(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        return dict(found[0]) if found else None

    def _put_back(self: Store, r: sqlite3.Row) -> None:
        """Undo one journalled row change, after checking nothing changed it since."""
        import json

        table, row_id = r["table_name"], r["row_id"]
        before = json.loads(r["before"]) if r["before"] else None
        after = json.loads(r["after"]) if r["after"] else None
        now = self._row(table, row_id)
        columns = {c[1] for c in self.conn.execute(f"PRAGMA main.table_info({table})")}
        if after is not None:  # the row should still be as the change left it
            if now is None:
                raise UndoRefused(f"{_noun(table, after)} was removed since")
            changed = [c for c, v in after.items() if c in now and now[c] != v]
            if changed:
                words = ", ".join(_COLUMN_WORDS.get(c, c.replace("_", " ")) for c in changed)
                raise UndoRefused(f"{_noun(table, now)} was changed since ({words})")
        if before is None:  # the change added the row: take it away
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
            return
        values = {c: v for c, v in before.items() if c in columns}
        if after is None:  # the change removed the row: put it back
            if now is not None:
                if table != "item_history":
                    raise UndoRefused(
                        f"{_noun(table, before)} cannot be put back: its place is taken"
                    )
                values.pop("id", None)  # a kept version is put back under a new number
            if table == "documents" and values.get("sha256"):
                held = self._read(
                    "SELECT 1 FROM document_files WHERE sha256 = ?", [values["sha256"]]
                )
                if not held:
                    raise UndoRefused(f"the file of {_noun(table, before)} is no longer held")
            names = ", ".join(f'"{c}"' for c in values)
            self.conn.execute(
                f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})",
                list(values.values()),
            )
            return
        values.pop("id", None)
        if values:
            sets = ", ".join(f'"{c}" = ?' for c in values)
            self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])


def _noun(table: str, image: dict[str, Any]) -> str:
    noun = _NOUNS.get(table, f"a row of {table}")
    for key in ("number", "text", "name", "title"):
        value = image.get(key)
        if isinstance(value, str) and value.strip():
            short = value if len(value) <= 40 else value[:39] + "…"
            return f"{noun} {short}" if key == "number" else f"{noun} “{short}”"
    return noun


def _triggers(table: str, columns: list[str]) -> list[str]:
    """The three recording triggers of one table, from its columns."""

    def q(c: str) -> str:
        return '"' + c.replace('"', '""') + '"'

    def image(side: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {side}.{q(c)}" for c in columns) + ")"

    def changed(side: str) -> str:
        parts = " UNION ALL ".join(
            f"SELECT '{c}' AS k, {side}.{q(c)} AS v WHERE OLD.{q(c)} IS NOT NEW.{q(c)}"
            for c in columns
        )
        return f"(SELECT json_group_object(k, v) FROM ({parts}))"

    any_change = " OR ".join(f"OLD.{q(c)} IS NOT NEW.{q(c)}" for c in columns)
    recording = "EXISTS (SELECT 1 FROM temp.journal_now)"
    insert = (
        "INSERT INTO operation_rows (op_id, step, table_name, row_id, before, after) "
        f"SELECT op_id, step, '{table}', {{rowid}}, {{before}}, {{after}} FROM temp.journal_now;"
    )
    return [
        f"CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_insert AFTER INSERT ON main.{table} "
        f"WHEN {recording} BEGIN "
        + insert.format(rowid="NEW.id", before="NULL", after=image("NEW"))
        + " END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_update AFTER UPDATE ON main.{table} "
        f"WHEN {recording} AND ({any_change}) BEGIN "
        + insert.format(rowid="OLD.id", before=changed("OLD"), after=changed("NEW"))
        + " END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_delete AFTER DELETE ON main.{table} "
        f"WHEN {recording} BEGIN "
        + insert.format(rowid="OLD.id", before=image("OLD"), after="NULL")
        + " END",
    ]
