"""What a store shares with the team server: which tables and columns, and the journal.

A laptop's store stays the working copy.  Once it has joined a server (the first
``sspclerk sync``), SQLite triggers journal every write to a shared table — from the
store's own functions, an undo that restores rows with plain SQL, anything — into
``sync_pending``: one row per changed row, with the fields changed, when, and which
server state the change was made on (``base``, the last change number pulled).  A
store that never joined journals nothing: the triggers ask ``sync_self`` first.

Rows are known to the server by a random uid kept beside the local integer id in
``sync_ids``; ids stay local.  This module holds the spec of the shared tables, the
migration that adds the journal, and the plain data passed between the store and
``sspclerk.sync`` (which is the only code that talks to the server).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SharedTable:
    """One local table whose rows every laptop of the team shares."""

    name: str
    #: Local foreign-key column → the shared table it points at (sent as that row's uid).
    parents: dict[str, str]
    #: The columns sent, in the server's order (parents excluded).
    columns: tuple[str, ...]
    #: Columns that name the same thing on two laptops (two clerks who both made the
    #: committee "SSP" made one committee): the server merges rows that agree on them.
    natural: tuple[str, ...] = ()
    #: The parent whose rows keep an order (``position``) among their siblings.
    ordered_under: str = ""

    @property
    def parent(self) -> str:
        """The column naming the row's owner (meeting, item, committee); '' for none."""
        return next(iter(self.parents), "")


#: Parents before children: rows are sent and applied in this order (deletes in reverse).
SHARED_TABLES: tuple[SharedTable, ...] = (
    SharedTable(
        "committees",
        {},
        (
            "name",
            "prefix",
            "outcome_word",
            "year_start_month",
            "year_start_day",
            "organisation",
            "clerk_name",
            "kind",
            "word_margins_cm",
        ),
        natural=("prefix",),
    ),
    SharedTable(
        "members",
        {"committee_id": "committees"},
        ("position", "name", "organisation", "role"),
        natural=("committee_id", "name"),
        ordered_under="committee_id",
    ),
    SharedTable(
        "standing_items",
        {"committee_id": "committees"},
        ("position", "title", "agenda_text"),
        natural=("committee_id", "title"),
        ordered_under="committee_id",
    ),
    SharedTable(
        "meetings",
        {"committee_id": "committees", "approving_meeting_id": "meetings"},
        (
            "date",
            "start_time",
            "venue",
            "contact",
            "status",
            "started_at",
            "ended_at",
            "agenda_published_on",
            "approved_on",
            "approval_amendments",
            "unplaced_text",
            "updated_at",
        ),
    ),
    SharedTable(
        "items",
        {"meeting_id": "meetings"},
        (
            "position",
            "number",
            "title",
            "agenda_text",
            "minutes",
            "started_at",
            "ended_at",
            "restricted",
            "restriction_reason",
            "exempt_paragraph",
            "public_summary",
            "urgent_reason",
        ),
        ordered_under="meeting_id",
    ),
    SharedTable(
        "documents",
        {"item_id": "items"},
        ("position", "title", "filename", "size_bytes", "page_count", "sha256", "attached_at"),
        ordered_under="item_id",
    ),
    SharedTable(
        "outcomes",
        {"item_id": "items"},
        ("position", "kind", "text", "votes_for", "votes_against", "abstentions"),
        ordered_under="item_id",
    ),
    SharedTable(
        "actions",
        {"item_id": "items"},
        ("position", "text", "owner", "due", "status"),
        ordered_under="item_id",
    ),
    SharedTable(
        "attendance",
        {"meeting_id": "meetings"},
        (
            "position",
            "name",
            "organisation",
            "role",
            "status",
            "substitute_for",
            "arrived_at_item",
            "left_at_item",
        ),
        ordered_under="meeting_id",
    ),
    SharedTable(
        "declarations",
        {"meeting_id": "meetings"},
        ("position", "name", "item_number", "category", "nature", "withdrew", "dispensation"),
        ordered_under="meeting_id",
    ),
    SharedTable(
        "corrections",
        {"meeting_id": "meetings"},
        ("item_number", "text", "recorded_on"),
    ),
    SharedTable(
        "item_conflicts",
        {"item_id": "items"},
        ("field", "text", "clerk", "edited_at", "recorded_at", "resolved"),
    ),
)
TABLES: dict[str, SharedTable] = {t.name: t for t in SHARED_TABLES}

#: Columns of shared tables that stay on the laptop (the local link into item_history).
LOCAL_COLUMNS: dict[str, tuple[str, ...]] = {"item_conflicts": ("history_id",)}

#: What a clerk without the confidential grant is not sent of a restricted item:
#: everything core/audience.py leaves out of the public view of it.
CONFIDENTIAL_ITEM_FIELDS = ("agenda_text", "minutes", "urgent_reason", "started_at", "ended_at")
#: Rows under a restricted item that such a clerk is not sent at all.
CONFIDENTIAL_CHILD_TABLES = ("documents", "outcomes", "actions")
#: Meeting text never published (the importer's unplaced text).
CONFIDENTIAL_MEETING_FIELDS = ("unplaced_text",)

#: When a change was made, as the journal writes it (UTC, milliseconds; sorts as text).
SQL_NOW = "strftime('%Y-%m-%dT%H:%M:%f', 'now')"
_NOW = SQL_NOW
_JOURNAL_ON = "(SELECT journal FROM sync_self) = 1"
_CURSOR = "(SELECT cursor FROM sync_self)"


def _triggers(t: SharedTable) -> str:
    name = t.name
    out = [
        f"""CREATE TRIGGER sync_{name}_insert AFTER INSERT ON {name} WHEN {_JOURNAL_ON}
BEGIN
    INSERT INTO sync_ids (tbl, row_id, uid) VALUES ('{name}', NEW.id, coalesce(
        (SELECT uid FROM sync_pending WHERE tbl = '{name}' AND row_id = NEW.id AND op = 'd'),
        lower(hex(randomblob(16))))) ON CONFLICT DO NOTHING;
    INSERT INTO sync_pending (tbl, row_id, op, uid, fields, at, base, version)
        VALUES ('{name}', NEW.id, 'i', NULL, '{{}}', {_NOW}, {_CURSOR}, 1)
        ON CONFLICT (tbl, row_id) DO UPDATE SET op = 'i', uid = NULL, fields = '{{}}',
            at = excluded.at, version = version + 1;
END;""",
        # No WHEN: a row deleted while pulled changes are applied (journal off) must
        # still lose its uid, or a later row given the same id would inherit it.
        f"""CREATE TRIGGER sync_{name}_delete AFTER DELETE ON {name}
BEGIN
    INSERT INTO sync_pending (tbl, row_id, op, uid, fields, at, base, version)
        SELECT '{name}', OLD.id, 'd', s.uid, '{{}}', {_NOW}, {_CURSOR}, 1
        FROM sync_ids s WHERE s.tbl = '{name}' AND s.row_id = OLD.id AND {_JOURNAL_ON}
        ON CONFLICT (tbl, row_id) DO UPDATE SET op = 'd', uid = excluded.uid, fields = '{{}}',
            at = excluded.at, base = min(base, excluded.base), version = version + 1;
    DELETE FROM sync_ids WHERE tbl = '{name}' AND row_id = OLD.id;
END;""",
    ]
    for col in (*t.parents, *t.columns):
        out.append(
            f"""CREATE TRIGGER sync_{name}_{col} AFTER UPDATE OF {col} ON {name}
WHEN OLD.{col} IS NOT NEW.{col} AND {_JOURNAL_ON}
BEGIN
    INSERT INTO sync_pending (tbl, row_id, op, uid, fields, at, base, version)
        VALUES ('{name}', NEW.id, 'u', NULL,
                json_object('{col}', json_array({_NOW}, {_CURSOR})), {_NOW}, {_CURSOR}, 1)
        ON CONFLICT (tbl, row_id) DO UPDATE SET
            fields = CASE WHEN op = 'u' THEN json_set(fields, '$.{col}', json_array(
                excluded.at, coalesce(json_extract(fields, '$.{col}[1]'), excluded.base)))
                ELSE fields END,
            at = excluded.at, version = version + 1;
END;"""
        )
    return "\n".join(out)


def journal_migration() -> str:
    """The store migration that adds the sync journal (appended to MIGRATIONS)."""
    tables = f"""
CREATE TABLE item_conflicts (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    clerk TEXT NOT NULL DEFAULT '',
    edited_at TEXT,
    recorded_at TEXT,
    resolved INTEGER NOT NULL DEFAULT 0,
    history_id INTEGER REFERENCES item_history(id) ON DELETE SET NULL
);
CREATE INDEX item_conflicts_by_item ON item_conflicts(item_id, field);
CREATE TABLE sync_self (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    replica TEXT NOT NULL,
    server_id TEXT,
    server_address TEXT NOT NULL DEFAULT '',
    cursor INTEGER NOT NULL DEFAULT 0,
    push_no INTEGER NOT NULL DEFAULT 0,
    in_flight TEXT,
    journal INTEGER NOT NULL DEFAULT 1,
    synced_at TEXT,
    joined_at TEXT
);
CREATE TABLE sync_ids (
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    uid TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX sync_ids_by_uid ON sync_ids(tbl, uid);
CREATE TABLE sync_pending (
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('i', 'u', 'd')),
    uid TEXT,
    fields TEXT NOT NULL DEFAULT '{{}}',
    at TEXT NOT NULL,
    base INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;
CREATE TABLE sync_pending_files (sha256 TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE sync_final_numbers (
    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    number TEXT NOT NULL
);
CREATE TRIGGER sync_document_files_insert AFTER INSERT ON document_files WHEN {_JOURNAL_ON}
BEGIN
    INSERT OR IGNORE INTO sync_pending_files (sha256) VALUES (NEW.sha256);
END;
"""
    return tables + "\n".join(_triggers(t) for t in SHARED_TABLES) + "\n"


# ---------------------------------------------------------------- what is exchanged


@dataclass(slots=True)
class RowChange:
    """One local row to send: a new row (``i``: every column), changed fields (``u``)
    or a removal (``d``)."""

    table: str
    op: str
    uid: str
    #: Column → value; parent columns hold the parent's uid (None: no parent).
    values: dict[str, Any]
    #: For ``u``: field → (when it was changed, the change number it was based on).
    fields: dict[str, tuple[str, int]]
    at: str
    base: int
    #: The row's local id (never sent; the store acknowledges by it).
    row_id: int = 0


@dataclass
class Outgoing:
    """Everything one sync sends, read from the store in one transaction."""

    replica: str
    server_id: str | None
    push_no: int
    nonce: str
    cursor: int
    changes: list[RowChange] = field(default_factory=list)
    #: Papers the server may lack: hash → bytes (up to a size budget per sync).
    files: dict[str, bytes] = field(default_factory=dict)
    #: Papers still waiting after this sync's budget was spent.
    files_left: int = 0
    #: Hashes of every paper the store holds, and of papers its documents lack.
    have_files: set[str] = field(default_factory=set)
    missing_files: set[str] = field(default_factory=set)
    #: (table, local id) → the journal version sent, to know what is acknowledged.
    versions: dict[tuple[str, int], int] = field(default_factory=dict)
    #: The most rows this sync may bring back (the window's background sync sets it,
    #: so a first sync of a whole record is left to the command line); None: no limit.
    max_rows: int | None = None


@dataclass(slots=True)
class PulledRow:
    """A row as the server holds it now (as far as this clerk may see it)."""

    table: str
    uid: str
    values: dict[str, Any]
    #: False for a restricted item or meeting whose confidential part this clerk
    #: may not read: its confidential fields were not sent.
    whole: bool = True
    #: Items: the number was given by the server and is final.
    number_final: bool = False


@dataclass
class Incoming:
    """What the server answered: its change number now and everything since ours."""

    server_id: str
    seq: int
    rows: list[PulledRow] = field(default_factory=list)
    #: (table, uid) removed on the server since our last sync.
    removed: list[tuple[str, str]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    #: Papers this store lacks that did not fit in this sync's budget.
    files_left: int = 0
    #: (table, our uid) → the server's uid for the same thing (merged by natural key).
    remapped: dict[tuple[str, str], str] = field(default_factory=dict)
    #: (table, uid) of sent rows the server did not take, and why (one line each).
    refused: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Sent rows to keep journalled and send again (their parent was removed).
    retry: set[tuple[str, str]] = field(default_factory=set)
    #: Items whose numbers the server confirmed in this sync: uid → the final number.
    confirmed: dict[str, str] = field(default_factory=dict)
    #: Lines for the clerk: numbers the server gave instead, texts kept as conflicts.
    notes: list[str] = field(default_factory=list)
    conflicts: int = 0
