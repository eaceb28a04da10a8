"""The store's tables and their ordered migrations.

``PRAGMA user_version`` holds the schema version.  Migrations only ever append:
a store written by any earlier version opens by running the steps it lacks, in
one transaction, and tests keep a frozen file of each earlier version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

from .replica import journal_migration

V1 = """
CREATE TABLE committees (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    outcome_word TEXT NOT NULL DEFAULT 'AGREED',
    year_start_month INTEGER NOT NULL DEFAULT 5,
    year_start_day INTEGER NOT NULL DEFAULT 1,
    organisation TEXT NOT NULL DEFAULT '',
    clerk_name TEXT NOT NULL DEFAULT ''
);
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'member'
);
CREATE TABLE standing_items (
    id INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    agenda_text TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees(id),
    date TEXT NOT NULL,
    start_time TEXT,
    venue TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft',
    started_at TEXT,
    ended_at TEXT,
    agenda_published_on TEXT,
    approved_on TEXT,
    approving_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    approval_amendments TEXT NOT NULL DEFAULT '',
    unplaced_text TEXT NOT NULL DEFAULT '',
    updated_at TEXT
);
CREATE INDEX meetings_by_committee_date ON meetings(committee_id, date);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    agenda_text TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    started_at TEXT,
    ended_at TEXT,
    restricted INTEGER NOT NULL DEFAULT 0,
    restriction_reason TEXT NOT NULL DEFAULT '',
    exempt_paragraph INTEGER,
    public_summary TEXT NOT NULL DEFAULT '',
    urgent_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX items_by_meeting ON items(meeting_id, position);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    filename TEXT NOT NULL DEFAULT '',
    size_bytes INTEGER,
    page_count INTEGER,
    sha256 TEXT,
    attached_at TEXT
);
CREATE INDEX documents_by_item ON documents(item_id, position);
CREATE TABLE document_files (
    sha256 TEXT PRIMARY KEY,
    content BLOB NOT NULL
);
CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'noted',
    text TEXT NOT NULL,
    votes_for INTEGER,
    votes_against INTEGER,
    abstentions INTEGER
);
CREATE INDEX outcomes_by_item ON outcomes(item_id, position);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL DEFAULT 'open'
);
CREATE INDEX actions_by_item ON actions(item_id, position);
CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'member',
    status TEXT NOT NULL DEFAULT 'present',
    substitute_for TEXT NOT NULL DEFAULT '',
    arrived_at_item TEXT NOT NULL DEFAULT '',
    left_at_item TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attendance_by_meeting ON attendance(meeting_id, position);
CREATE TABLE declarations (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    item_number TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT 'other',
    nature TEXT NOT NULL DEFAULT '',
    withdrew INTEGER NOT NULL DEFAULT 0,
    dispensation INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX declarations_by_meeting ON declarations(meeting_id, position);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE VIRTUAL TABLE search_index USING fts5(
    item_id UNINDEXED,
    meeting_id UNINDEXED,
    title,
    minutes,
    outcomes,
    actions,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Version 2: every saved version of an item's text, for history and restore.
V2 = """
CREATE TABLE item_history (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX item_history_by_item ON item_history(item_id, field, id);
"""

# Version 3: corrections (errata) recorded against approved minutes; the search index
# keyed by item id (rowid = item_id), so an autosave replaces its row by key instead
# of scanning the whole index, and recent items can be found in rowid order.
V3 = """
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    item_number TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    recorded_on TEXT
);
CREATE INDEX corrections_by_meeting ON corrections(meeting_id, id);
CREATE INDEX actions_by_status ON actions(status);
CREATE TABLE search_rebuild AS
    SELECT item_id, meeting_id, title, minutes, outcomes, actions FROM search_index
    WHERE rowid IN (SELECT max(rowid) FROM search_index GROUP BY item_id);
DELETE FROM search_index;
INSERT INTO search_index (rowid, item_id, meeting_id, title, minutes, outcomes, actions)
    SELECT item_id, item_id, meeting_id, title, minutes, outcomes, actions FROM search_rebuild;
DROP TABLE search_rebuild;
"""

# Version 4: search that costs the same for a 50 MB note as for a short one, and
# item numbers found as such (store/search.py): a long item's text also in pieces
# (search_pieces, rowid = item id << 20 | piece), the long items listed
# (search_long), and items findable by number.  Pieces for the long items already
# stored are made by Python (search.index_long_items) in the same transaction.
V4 = """
CREATE INDEX items_by_number ON items(number COLLATE NOCASE);
CREATE TABLE search_long (item_id INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE search_pieces USING fts5(
    title,
    minutes,
    outcomes,
    actions,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


def _v4(conn: sqlite3.Connection) -> None:
    from .search import index_long_items

    for statement in statements(V4):
        conn.execute(statement)
    index_long_items(conn)


# Version 5: what sort of body a committee is (council committee or partnership), which
# decides whether a restricted item without its Schedule 12A paragraph is an error; the
# margins of its Word minutes.
V5 = """
ALTER TABLE committees ADD COLUMN kind TEXT NOT NULL DEFAULT 'council committee';
UPDATE committees SET kind = 'partnership' WHERE lower(name) LIKE '%partnership%';
ALTER TABLE committees ADD COLUMN word_margins_cm REAL NOT NULL DEFAULT 2.54;
"""


# Version 6: the sync journal for a team server (store/replica.py): uids for shared
# rows, the pending changes, "changed elsewhere" texts and server-confirmed numbers.
V6 = journal_migration()


# Version 7: the operation journal behind the window's undo (store/journal.py): each
# undoable change of a meeting, and the rows it changed as they were before and after.
V7 = """
CREATE TABLE operations (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    item_id INTEGER,
    label TEXT NOT NULL,
    made_at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0,
    step INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX operations_by_meeting ON operations(meeting_id, id);
CREATE TABLE operation_rows (
    id INTEGER PRIMARY KEY,
    op_id INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX operation_rows_by_op ON operation_rows(op_id, step, id);
CREATE INDEX operation_rows_by_table ON operation_rows(table_name);
"""


#: Each step is SQL, or a function of the connection when SQL alone cannot do it;
#: ``connection.migrate`` runs the missing ones in one transaction.
MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [V1, V2, V3, _v4, V5, V6, V7]
CURRENT_VERSION = len(MIGRATIONS)


def statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (executescript would COMMIT early)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
