"""The team server: a ten-year store's first sync, one meeting's typing, ten laptops at once.

A real PostgreSQL server is started for the run (as tests/sync does: initdb into a
temporary folder, a free port on 127.0.0.1).  The ten-year store is
bench/make_ten_year_store.py's: 5,000 meetings, 100,000 items.  Peers are the floors
a sync cannot go under: COPY of the same rows into bare tables (no merge, no
row-level security), and one round trip to the server.

    python bench/run.py --only sync
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, median, percentile, work_dir  # noqa: E402

LAPTOPS = 10
ROUNDS = 8


def _ten_year_store() -> Path:
    path = work_dir("sync") / "ten-years.sqlite"
    if not path.exists():
        from bench.make_ten_year_store import build

        build(path, 5000, 20)
    return path


class Server:
    """A PostgreSQL cluster with the record and one clerk role, for this run."""

    def __init__(self) -> None:
        import psycopg

        from sspclerk.sync import ServerAddress, init_server
        from tests.sync import pg

        reason = pg.why_not()
        if reason:
            raise RuntimeError(reason)
        self.cluster = pg.start_cluster()
        self.pgpass = work_dir("sync") / "pgpass"
        self.pgpass.write_text(f"127.0.0.1:{self.cluster.port}:*:clerk:clerk-pw\n")
        self.pgpass.chmod(0o600)
        os.environ["PGPASSFILE"] = str(self.pgpass)
        self.n = 0
        with psycopg.connect(self.cluster.admin(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE template_record")
        init_server(ServerAddress.parse(self.cluster.admin("template_record")))
        with psycopg.connect(self.cluster.admin(), autocommit=True) as conn:
            conn.execute(
                "CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw'"
                " IN ROLE sspclerk_clerks, sspclerk_confidential"
            )

    def fresh(self) -> str:
        """A new empty record; returns the clerk's address."""
        import psycopg

        self.n += 1
        name = f"record_{self.n}"
        with psycopg.connect(self.cluster.admin(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template_record STRATEGY FILE_COPY")
        with psycopg.connect(self.cluster.admin(name), autocommit=True) as conn:
            conn.execute("UPDATE sspclerk.server SET server_id = gen_random_uuid()")
        return f"postgresql://clerk@127.0.0.1:{self.cluster.port}/{name}"

    def close(self) -> None:
        from tests.sync import pg

        pg.remove_cluster(self.cluster)


def _copy_floor(server: Server, store_path: Path) -> float:
    """COPY the ten-year store's rows into bare tables: what moving the bytes costs."""
    import sqlite3

    import psycopg

    server.fresh()
    admin = server.cluster.admin(f"record_{server.n}")
    tables = {
        "meetings": "id, committee_id, date, start_time, status",
        "items": "id, meeting_id, position, number, title, minutes",
        "outcomes": "id, item_id, position, text",
        "actions": "id, item_id, position, text, owner, status",
    }
    src = sqlite3.connect(store_path)
    start = time.perf_counter()
    with psycopg.connect(admin) as conn:
        for table, cols in tables.items():
            conn.execute(
                f"CREATE TABLE bare_{table} ({', '.join(c + ' text' for c in cols.split(', '))})"
            )
            with conn.cursor().copy(f"COPY bare_{table} ({cols}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {cols} FROM {table}"):
                    copy.write_row(row)
    src.close()
    return time.perf_counter() - start


def _round_trip(url: str) -> float:
    import psycopg

    from sspclerk.sync import ServerAddress

    address = ServerAddress.parse(url)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        with psycopg.connect(address.connect_info()) as conn:
            conn.execute("SELECT 1").fetchone()
        times.append(time.perf_counter() - start)
    return median(times)


def _laptop(args: tuple[str, str, int]) -> dict:
    """One of the ten laptops: add an item and type, sync, ROUNDS times."""
    url, path, k = args
    from sspclerk.core.model import AgendaItem
    from sspclerk.store import Store
    from sspclerk.sync import ServerAddress, sync_store

    address = ServerAddress.parse(url)
    times, errors = [], []
    with Store.open(path) as store:
        sync_store(store, address)
        meetings = {m.date: m.id for m in store.list_meetings()}
        draft = meetings[dt.date(2025, 9, 24)]
        for r in range(ROUNDS):
            store.add_item(draft, AgendaItem("", f"Laptop {k} item {r}"))
            items = store.load_meeting(draft).items
            store.set_item_fields(items[r % len(items)].id, minutes=f"Laptop {k} round {r}")
            start = time.perf_counter()
            for attempt in range(20):
                try:
                    sync_store(store, address)
                    break
                except Exception as exc:  # noqa: BLE001 - counted and reported, never hidden
                    errors.append(f"{type(exc).__name__}: {exc}")
                    time.sleep(0.05 * (attempt + 1))
            times.append(time.perf_counter() - start)
    return {"times": times, "errors": errors}


def _ten_laptops(server: Server) -> tuple[list[float], float, str]:
    from sspclerk.store import Store
    from sspclerk.sync import ServerAddress, sync_store
    from tests.conftest import demo_meeting

    url = server.fresh()
    folder = work_dir("sync") / "laptops"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    seed = folder / "seed.sqlite"
    with Store.open(seed) as store:
        store.add_meeting(demo_meeting())
        store.create_meeting("SSP", dt.date(2025, 9, 24))
        sync_store(store, ServerAddress.parse(url))
    paths = [str(folder / f"laptop{k}.sqlite") for k in range(LAPTOPS)]
    start = time.perf_counter()
    # Forked processes (not a Pool: bench/run.py loads this module under another name,
    # which a Pool's pickling of the function could not find again).
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    workers = [
        ctx.Process(target=lambda a=(url, p, k): queue.put(_laptop(a))) for k, p in enumerate(paths)
    ]
    for w in workers:
        w.start()
    results = [queue.get(timeout=600) for _ in workers]
    for w in workers:
        w.join(60)
    wall = time.perf_counter() - start
    # Everyone syncs until nothing moves, then the checks.
    stores = [Store.open(p) for p in [str(seed), *paths]]
    address = ServerAddress.parse(url)
    for _ in range(3):
        for store in stores:
            sync_store(store, address)
    snaps = [s.shared_snapshot() for s in stores]
    equal = all(s == snaps[0] for s in snaps)
    draft_titles = []
    numbers = []
    for store in stores[:1]:
        for m in store.list_meetings():
            for item in store.load_meeting(m.id).items:
                numbers.append(item.number)
                if item.title.startswith("Laptop "):
                    draft_titles.append(item.title)
    for store in stores:
        store.close()
    expected = {f"Laptop {k} item {r}" for k in range(LAPTOPS) for r in range(ROUNDS)}
    lost = len(expected - set(draft_titles))
    doubled = len(draft_titles) - len(set(draft_titles))
    twice = len(numbers) - len(set(numbers))
    errors = [e for r in results for e in r["errors"]]
    note = (
        f"{LAPTOPS} processes × {ROUNDS} syncs, each after adding an item and typing; "
        f"wall {wall:.1f} s; stores equal afterwards: {'yes' if equal else 'NO'}; "
        f"items lost {lost}, duplicated {doubled}, numbers given twice {twice}; "
        f"retried syncs {len(errors)}" + (f" (first: {errors[0][:80]})" if errors else "")
    )
    times = [t for r in results for t in r["times"]]
    return times, wall, note


def run() -> list[Row]:
    from sspclerk.store import Store
    from sspclerk.sync import ServerAddress, sync_store

    big = _ten_year_store()
    server = Server()
    rows = []
    try:
        first = work_dir("sync") / "first.sqlite"
        for extra in ("", "-wal", "-shm"):
            Path(f"{first}{extra}").unlink(missing_ok=True)
        shutil.copyfile(big, first)
        url = server.fresh()
        address = ServerAddress.parse(url)
        with Store.open(first) as store:
            start = time.perf_counter()
            report = sync_store(store, address)
            first_sync = time.perf_counter() - start
            floor = _copy_floor(server, big)
            rows.append(
                Row(
                    "First sync of a ten-year store (5,000 meetings, 100,000 items) to an empty server",
                    first_sync,
                    "COPY of the same rows into bare tables",
                    floor,
                    "s",
                    goal="≤ 120 s",
                    note=f"sent {report.sent.describe()}; the peer moves the bytes only "
                    "(no uids, journal, merge, numbers confirmed or row-level security)",
                )
            )
            # One meeting's typing: 20 items' notes saved many times, then one sync.
            mid = store.list_meetings()[-1].id
            items = store.load_meeting(mid).items
            incremental = []
            for r in range(5):
                for item in items:
                    for n in range(3):
                        store.set_item_fields(item.id, minutes=f"Round {r} save {n}. " * 40)
                start = time.perf_counter()
                sync_store(store, address)
                incremental.append(time.perf_counter() - start)
            rows.append(
                Row(
                    "Sync after one meeting's typing (20 items), ten-year store",
                    median(incremental),
                    "one round trip (connect + SELECT 1)",
                    _round_trip(url),
                    "s",
                    goal="≤ 1 s",
                    note=f"median of 5; p95 {percentile(incremental, 95):.3f} s",
                )
            )
        second = work_dir("sync") / "second.sqlite"
        for extra in ("", "-wal", "-shm"):
            Path(f"{second}{extra}").unlink(missing_ok=True)
        with Store.open(second) as store:
            start = time.perf_counter()
            report = sync_store(store, address)
            pulled = time.perf_counter() - start
        rows.append(
            Row(
                "A new laptop's first sync (fetches the ten-year record)",
                pulled,
                "",
                None,
                "s",
                goal="≤ 120 s",
                note=f"received {report.received.describe()}",
            )
        )
        times, wall, note = _ten_laptops(server)
        rows.append(
            Row(
                f"{LAPTOPS} laptops syncing at once, one sync's time, p95",
                percentile(times, 95),
                "",
                None,
                "s",
                goal="no lost or duplicated row",
                note=f"median {median(times):.3f} s; " + note,
            )
        )
    finally:
        server.close()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
