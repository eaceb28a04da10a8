"""Connecting to the team server, and creating or upgrading its record.

Every psycopg error that can reach a clerk is turned here into a :class:`SyncError`
whose one line says what happened in their terms, with the address shown by its
label (never its password).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import psycopg
from psycopg import errors as pg_errors

from .address import ServerAddress, mask
from .errors import (
    ServerNotReady,
    ServerRefused,
    ServerUnreachable,
    SyncBusy,
    SyncError,
)
from .server_schema import (
    CLERKS,
    CONFIDENTIAL,
    CURRENT_VERSION,
    MIGRATIONS,
    SCHEMA,
    grant_statements,
    role_statements,
)

#: One lock number for "the record's schema is being changed" (any value of our own).
_INIT_LOCK = 0x53535043


def connect(address: ServerAddress) -> psycopg.Connection:
    """An open connection (no transaction yet); a clear SyncError when there is none."""
    try:
        return psycopg.connect(address.connect_info(), autocommit=False)
    except psycopg.Error as exc:
        raise explain(exc, address) from None


def explain(exc: BaseException, address: ServerAddress) -> SyncError:
    """One line for a psycopg error, naming the server by its label."""
    if isinstance(exc, SyncError):
        return exc
    where = address.label
    text = mask(" ".join(str(exc).split()))
    low = text.lower()
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return ServerRefused(
            f"{where}: {address.user} may not do this ({_first_line(text)}); "
            f"the server's administrator grants {CLERKS} (and {CONFIDENTIAL} for restricted items)"
        )
    if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.QueryCanceled):
        return SyncBusy(
            f"{where} is busy with another laptop's long sync; nothing was changed, try again"
        )
    if isinstance(exc, pg_errors.UndefinedTable | pg_errors.InvalidSchemaName):
        return ServerNotReady(
            f"{where} has no sspclerk record yet; its administrator runs `sspclerk server init`"
        )
    if "password authentication failed" in low or "no password supplied" in low:
        return ServerRefused(
            f"{where} refused {address.user}: wrong or missing password "
            "(keep it in the password file: `sspclerk server login`)"
        )
    if "does not exist" in low and ("role" in low or "database" in low):
        return ServerRefused(f"{where}: {_first_line(text)}")
    if "pg_hba.conf" in low:
        return ServerRefused(
            f"{where} does not accept {address.user} from here ({_first_line(text)})"
        )
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError | OSError):
        if "connection refused" in low or "could not connect" in low or "timeout" in low:
            return ServerUnreachable(
                f"cannot reach {where} ({_reason(low)}); working offline, changes are kept here"
            )
        return ServerUnreachable(
            f"the connection to {where} was lost ({_first_line(text)}); nothing was changed "
            "on either side, sync again"
        )
    return SyncError(f"{where}: {_first_line(text)}")


def _reason(low: str) -> str:
    if "connection refused" in low:
        return "connection refused: is the server running?"
    if "timeout" in low:
        return "no answer in time"
    if "could not translate host name" in low or "name or service not known" in low:
        return "unknown host name"
    return "no connection"


def _first_line(text: str) -> str:
    return text.split(" DETAIL:")[0].split(" HINT:")[0].strip()[:240]


@dataclass(frozen=True)
class InitResult:
    """What ``server init`` did: the record's version before and after, roles made."""

    before: int
    after: int
    roles_made: tuple[str, ...]
    server_id: str


def init_server(address: ServerAddress) -> InitResult:
    """Create or upgrade the record: the missing migrations, in one transaction.

    Run by the council's administrator (a role that may create schemas, and roles if
    the two group roles are not there yet).  Running it again changes nothing.
    """
    conn = connect(address)
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [_INIT_LOCK])
            existing = {
                r[0]
                for r in conn.execute(
                    "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)",
                    [[CLERKS, CONFIDENTIAL]],
                )
            }
            made = tuple(r for r in (CLERKS, CONFIDENTIAL) if r not in existing)
            for statement in role_statements(existing):
                conn.execute(statement)  # type: ignore[arg-type]
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")  # type: ignore[arg-type]
            found = conn.execute(
                "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'server'",
                [SCHEMA],
            ).fetchone()
            before = 0
            if found:
                before = conn.execute(f"SELECT version FROM {SCHEMA}.server").fetchone()[0]  # type: ignore[index,arg-type]
            if before > CURRENT_VERSION:
                raise ServerNotReady(
                    f"{address.label} holds a record of a newer sspclerk (version {before}, "
                    f"this one knows up to {CURRENT_VERSION}); update sspclerk"
                )
            for step in MIGRATIONS[before:]:
                conn.execute(step)  # type: ignore[arg-type]
            conn.execute(
                f"""INSERT INTO {SCHEMA}.server (id, server_id, version) VALUES (1, %s, %s)
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version""",  # type: ignore[arg-type]
                [secrets.token_hex(16), CURRENT_VERSION],
            )
            conn.execute(grant_statements())  # type: ignore[arg-type]
            server_id = conn.execute(f"SELECT server_id FROM {SCHEMA}.server").fetchone()[0]  # type: ignore[index,arg-type]
    except psycopg.Error as exc:
        raise explain(exc, address) from None
    finally:
        conn.close()
    return InitResult(before, CURRENT_VERSION, made, str(server_id.hex))
