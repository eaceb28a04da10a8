"""A whole sync of one store: read, exchange, apply — repeated until nothing is left.

The command line calls :func:`sync_store`; the window runs the same three steps
itself, with :func:`run_exchange` in a worker thread (see gui/sync_status.py).

A round is: :meth:`Store.sync_outgoing` (one SQLite transaction), :func:`run_exchange`
(one server transaction), :meth:`Store.sync_apply` (one SQLite transaction).  If the
exchange fails nothing was changed on either side; if the apply fails the server has
our changes and the next round's retry is recognised as such.  Rounds repeat while
the apply itself made follow-up changes (the order of merged items, numbers of
unpublished agendas) or papers are left over.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from sspclerk.store import Store
from sspclerk.store.errors import StoreBusyError
from sspclerk.store.lock import WriterLock
from sspclerk.store.replica import Incoming, Outgoing

from .address import ServerAddress
from .errors import RestoredCopy, SyncBusy
from .exchange import exchange
from .server import connect, explain

#: More rounds than a sync ever needs: two laptops' merged order settles in two.
MAX_ROUNDS = 6


class SyncLock(WriterLock):
    """One sync of a store at a time on this computer (the window's and the CLI's)."""

    def __init__(self, db_path: Path | str) -> None:
        super().__init__(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".sync-lock")

    def busy_message(self) -> str:
        return f"another sync of {self.db_path.name} is running; try again when it has finished"


@dataclass
class Moved:
    """Rows and papers that went one way, counted the way a clerk thinks of them."""

    rows: Counter = field(default_factory=Counter)
    papers: int = 0
    paper_bytes: int = 0

    def describe(self) -> str:
        parts = []
        for table, word in (("meetings", "meeting"), ("items", "item")):
            n = self.rows.get(table, 0)
            if n:
                parts.append(f"{n} {word}{'' if n == 1 else 's'}")
        removed = self.rows.get("removed", 0)
        other = sum(self.rows.values()) - sum(
            self.rows.get(k, 0) for k in ("meetings", "items", "removed")
        )
        if other:
            parts.append(f"{other} other row{'' if other == 1 else 's'}")
        if removed:
            parts.append(f"{removed} removal{'' if removed == 1 else 's'}")
        if self.papers:
            parts.append(
                f"{self.papers} paper{'' if self.papers == 1 else 's'} ({human_size(self.paper_bytes)})"
            )
        return ", ".join(parts) or "nothing"


@dataclass
class SyncReport:
    """What a sync did, for the clerk: one line each way, then anything to look at."""

    server: str
    sent: Moved = field(default_factory=Moved)
    received: Moved = field(default_factory=Moved)
    conflicts: int = 0
    notes: list[str] = field(default_factory=list)
    rounds: int = 0
    waiting: int = 0

    def lines(self) -> list[str]:
        out = [
            f"Synced with {self.server}.",
            f"Sent: {self.sent.describe()}.",
            f"Received: {self.received.describe()}.",
        ]
        if self.conflicts:
            out.append(
                f"{self.conflicts} text{'s' if self.conflicts != 1 else ''} changed elsewhere "
                "kept in the items' history (`sspclerk conflicts`)"
            )
        out += self.notes
        if self.waiting:
            out.append(f"{self.waiting} changes still waiting; sync again to send them")
        return out


def human_size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB" if n else "0 KB"
    return f"{n / 1024 / 1024:.1f} MB"


def run_exchange(
    address: ServerAddress, out: Outgoing, on_step: Callable[[str], None] | None = None
) -> Incoming:
    """Connect, exchange in one transaction, disconnect.  Touches no SQLite, so the
    window's worker thread runs it; every failure is a one-line SyncError."""
    conn = connect(address)
    try:
        return exchange(conn, out, on_step=on_step)
    except (psycopg.Error, OSError) as exc:
        raise explain(exc, address) from None
    finally:
        with contextlib.suppress(Exception):  # a dead connection may fail to close
            conn.close()


def count_sent(out: Outgoing, inc: Incoming, moved: Moved) -> None:
    for c in out.changes:
        if (c.table, c.uid) in inc.refused or (c.table, c.uid) in inc.retry:
            continue
        moved.rows["removed" if c.op == "d" else c.table] += 1
    moved.papers += len(out.files)
    moved.paper_bytes += sum(len(b) for b in out.files.values())


def sync_store(
    store: Store,
    address: ServerAddress,
    *,
    on_step: Callable[[str], None] | None = None,
    resend: bool = False,
) -> SyncReport:
    """Sync ``store`` with the server at ``address`` until nothing is left to move."""
    lock = SyncLock(store.path)
    try:
        if not lock.acquire():
            raise SyncBusy(lock.busy_message())
    except OSError as exc:
        raise SyncBusy(f"cannot take the sync lock beside {store.path.name} ({exc})") from None
    try:
        store.sync_join()
        store.sync_set_server(address.without_password())
        if resend:
            store.sync_resend_all()
        report = SyncReport(server=address.label)
        for _ in range(MAX_ROUNDS):
            out = store.sync_outgoing()
            try:
                inc = run_exchange(address, out, on_step)
            except RestoredCopy as exc:
                store.sync_new_identity()
                raise RestoredCopy(
                    f"{exc}; it now syncs as a new laptop, so nothing newer is overwritten: "
                    "run sync again"
                ) from None
            applied = store.sync_apply(out, inc)
            report.rounds += 1
            count_sent(out, inc, report.sent)
            for row in inc.rows:
                report.received.rows[row.table] += 1
            report.received.rows["removed"] += applied.removed
            report.received.papers += applied.papers
            report.received.paper_bytes += applied.paper_bytes
            report.conflicts += applied.conflicts
            report.notes += inc.notes + list(inc.refused.values())
            report.notes += [
                f"kept in the item's history, not sent: {k}" for k in applied.kept_back
            ]
            if not (applied.follow_up or inc.retry or out.files_left or inc.files_left):
                break
        report.waiting = store.sync_state().waiting
        report.notes = list(dict.fromkeys(report.notes))
        return report
    except StoreBusyError as exc:
        raise SyncBusy(str(exc)) from None
    finally:
        lock.release()
