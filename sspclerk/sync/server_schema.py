"""The team's record on PostgreSQL: its tables, who may read what, and its migrations.

Everything lives in the schema ``sspclerk``.  Each shared table of the laptop store
(store/replica.py) has a table of the same name keyed by the rows' uids, with
``seq`` (the sync that last changed it), ``writer`` (which laptop) and ``meta``
(per field: change number, laptop, when typed, clerk) for merging.  What the public
may not see of a restricted item (core/audience.py) is kept apart — ``item_bodies``,
the rows under the item, declarations naming it, papers only such rows use — and
row-level security lets only members of ``sspclerk_confidential`` read it.  The
server enforces this: a client without the grant is never sent those rows.

``server init`` runs :data:`MIGRATIONS` it lacks, in one transaction, like the
store's own migrations; it is safe to run again.
"""

from __future__ import annotations

from sspclerk.store.replica import (
    CONFIDENTIAL_ITEM_FIELDS,
    CONFIDENTIAL_MEETING_FIELDS,
    SHARED_TABLES,
    SharedTable,
)

SCHEMA = "sspclerk"
CLERKS = "sspclerk_clerks"
CONFIDENTIAL = "sspclerk_confidential"

#: Local columns holding whole numbers; everything else is text (dates stay ISO text,
#: exactly as the laptops write them, so a row goes round without changing).
INTEGER_COLUMNS = {
    "position",
    "year_start_month",
    "year_start_day",
    "restricted",
    "exempt_paragraph",
    "size_bytes",
    "page_count",
    "votes_for",
    "votes_against",
    "abstentions",
    "withdrew",
    "dispensation",
    "resolved",
}

#: Server table of a shared table's confidential part: its key column and the fields.
BODIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "items": ("item_bodies", "item", CONFIDENTIAL_ITEM_FIELDS),
    "meetings": ("meeting_bodies", "meeting", CONFIDENTIAL_MEETING_FIELDS),
}


def server_column(local: str) -> str:
    """``meeting_id`` → ``meeting``: on the server a parent column holds a uid."""
    return local.removesuffix("_id")


def main_columns(t: SharedTable) -> tuple[str, ...]:
    """The columns kept in the table itself (its body's are kept apart)."""
    body = BODIES.get(t.name, ("", "", ()))[2]
    return tuple(c for c in t.columns if c not in body)


#: Columns of decimal numbers (a committee's Word margins, in centimetres).
REAL_COLUMNS = {"word_margins_cm"}


def _type(column: str) -> str:
    if column in REAL_COLUMNS:
        return "double precision"
    return "bigint" if column in INTEGER_COLUMNS else "text"


def _table_sql(t: SharedTable) -> str:
    lines = [
        "uid uuid PRIMARY KEY",
        "seq bigint NOT NULL",
        "writer uuid",
        "meta jsonb NOT NULL DEFAULT '{}'",
    ]
    for col, parent in t.parents.items():
        on_delete = "SET NULL" if col == "approving_meeting_id" else "CASCADE"
        lines.append(
            f"{server_column(col)} uuid REFERENCES {SCHEMA}.{parent}(uid) ON DELETE {on_delete}"
        )
    lines += [f"{c} {_type(c)}" for c in main_columns(t)]
    if t.name == "items":
        lines.append("number_final boolean NOT NULL DEFAULT false")
    sql = [f"CREATE TABLE {SCHEMA}.{t.name} (\n    " + ",\n    ".join(lines) + "\n);"]
    sql.append(f"CREATE INDEX {t.name}_by_seq ON {SCHEMA}.{t.name} (seq);")
    for col in t.parents:
        sql.append(
            f"CREATE INDEX {t.name}_by_{server_column(col)} ON {SCHEMA}.{t.name} "
            f"({server_column(col)});"
        )
    if t.name in BODIES:
        body, key, cols = BODIES[t.name]
        body_cols = ",\n    ".join(f"{c} {_type(c)}" for c in cols)
        sql.append(
            f"CREATE TABLE {SCHEMA}.{body} (\n    {key} uuid PRIMARY KEY REFERENCES "
            f"{SCHEMA}.{t.name}(uid) ON DELETE CASCADE,\n    meta jsonb NOT NULL DEFAULT '{{}}',"
            f"\n    {body_cols}\n);"
        )
    sql.append(
        f"CREATE TRIGGER {t.name}_tombstone AFTER DELETE ON {SCHEMA}.{t.name} "
        f"FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.tombstone();"
    )
    return "\n".join(sql)


def _v1() -> str:
    s = SCHEMA
    head = f"""
CREATE TABLE {s}.server (
    id int PRIMARY KEY CHECK (id = 1),
    server_id uuid NOT NULL,
    version int NOT NULL,
    seq bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {s}.replicas (
    id uuid PRIMARY KEY,
    clerk text NOT NULL,
    push_no bigint NOT NULL,
    nonce text NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now(),
    last_seen timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {s}.tombstones (
    tbl text NOT NULL,
    uid uuid NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (tbl, uid)
);
CREATE INDEX tombstones_by_seq ON {s}.tombstones (seq);
CREATE TABLE {s}.files (
    sha256 text PRIMARY KEY,
    content bytea NOT NULL,
    size_bytes bigint NOT NULL,
    seq bigint NOT NULL
);
-- The sync that holds the counter is the only one writing: changes get numbers in
-- the order they commit, so "everything after N" never misses a slower sync's rows.
CREATE FUNCTION {s}.next_seq() RETURNS bigint LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ UPDATE {s}.server SET seq = seq + 1 RETURNING seq $$;
CREATE FUNCTION {s}.current_seq() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT seq FROM {s}.server $$;
CREATE FUNCTION {s}.tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {s}.tombstones (tbl, uid, seq)
        VALUES (TG_TABLE_NAME, OLD.uid, {s}.current_seq())
        ON CONFLICT (tbl, uid) DO UPDATE SET seq = excluded.seq;
    RETURN OLD;
END $$;
CREATE FUNCTION {s}.confidential_reader() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT pg_has_role(current_user, '{CONFIDENTIAL}', 'MEMBER') $$;
"""
    tables = "\n".join(_table_sql(t) for t in SHARED_TABLES)
    tail = f"""
CREATE INDEX items_unconfirmed ON {s}.items (meeting) WHERE NOT number_final;
CREATE TABLE {s}.claims (
    committee uuid NOT NULL REFERENCES {s}.committees(uid) ON DELETE CASCADE,
    number text NOT NULL,
    item uuid REFERENCES {s}.items(uid) ON DELETE SET NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (committee, number)
);
CREATE INDEX claims_by_seq ON {s}.claims (seq);
CREATE UNIQUE INDEX item_conflicts_once ON {s}.item_conflicts (item, field, md5(text));
CREATE FUNCTION {s}.item_open(uuid) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce((SELECT restricted = 0 FROM {s}.items WHERE uid = $1), true) $$;
CREATE FUNCTION {s}.keep_restriction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.restricted = 1 AND NEW.restricted IS DISTINCT FROM 1
       AND NOT {s}.confidential_reader() THEN
        RAISE EXCEPTION 'only a clerk granted {CONFIDENTIAL} may lift an item''s restriction'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER items_keep_restriction BEFORE UPDATE ON {s}.items
    FOR EACH ROW EXECUTE FUNCTION {s}.keep_restriction();
"""
    return head + tables + tail + _policies()


def _policies() -> str:
    """Row-level security: who reads the confidential part of the record."""
    s = SCHEMA
    reader = f"{s}.confidential_reader()"
    rules = {
        "item_bodies": f"{reader} OR {s}.item_open(item)",
        "meeting_bodies": reader,
        "documents": f"{reader} OR {s}.item_open(item)",
        "outcomes": f"{reader} OR {s}.item_open(item)",
        "actions": f"{reader} OR {s}.item_open(item)",
        "declarations": f"""{reader} OR NOT EXISTS (SELECT 1 FROM {s}.items i
            WHERE i.meeting = declarations.meeting AND i.number = declarations.item_number
            AND i.number <> '' AND i.restricted = 1)""",
        "item_conflicts": f"{reader} OR {s}.item_open(item) OR field NOT IN ("
        + ", ".join(f"'{c}'" for c in CONFIDENTIAL_ITEM_FIELDS)
        + ")",
        "files": f"""{reader} OR EXISTS (SELECT 1 FROM {s}.documents d
            WHERE d.sha256 = files.sha256)""",
        "items": "true",
    }
    out = []
    for table, rule in rules.items():
        read = rule
        remove = f"restricted = 0 OR {reader}" if table == "items" else rule
        out.append(
            f"""ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY clerks_read ON {s}.{table} FOR SELECT USING ({read});
CREATE POLICY clerks_add ON {s}.{table} FOR INSERT WITH CHECK (true);
CREATE POLICY clerks_change ON {s}.{table} FOR UPDATE USING ({read}) WITH CHECK (true);
CREATE POLICY clerks_remove ON {s}.{table} FOR DELETE USING ({remove});"""
        )
    return "\n".join(out)


def _grants() -> str:
    s = SCHEMA
    return f"""
GRANT USAGE ON SCHEMA {s} TO {CLERKS};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {CLERKS};
REVOKE INSERT, UPDATE, DELETE ON {s}.server FROM {CLERKS};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {CLERKS};
"""


#: Each entry brings the server record one version up; only ever appended.
MIGRATIONS: list[str] = [_v1()]
CURRENT_VERSION = len(MIGRATIONS)


def role_statements(existing: set[str]) -> list[str]:
    """The two group roles, made if missing (clerks log in as their own roles)."""
    out = []
    if CLERKS not in existing:
        out.append(f"CREATE ROLE {CLERKS} NOLOGIN")
    if CONFIDENTIAL not in existing:
        out.append(f"CREATE ROLE {CONFIDENTIAL} NOLOGIN")
        out.append(f"GRANT {CLERKS} TO {CONFIDENTIAL}")
    return out


def grant_statements() -> str:
    return _grants()
