"""One real PostgreSQL server per test session; a fresh team record per test.

The record is made once in a template database by ``init_server`` (the same code
as ``sspclerk server init``); each test gets its own copy (CREATE DATABASE …
TEMPLATE), so tests never see each other's rows and the suite stays fast.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sync import pg

psycopg = pytest.importorskip("psycopg")

TEMPLATE = "sspclerk_template"
_numbers = itertools.count(1)


@dataclass
class Team:
    """A team record on the session's server: one database, clerks log in by role."""

    cluster: pg.Cluster
    dbname: str

    def url(self, clerk: str = "alice") -> str:
        return f"postgresql://{clerk}@127.0.0.1:{self.cluster.port}/{self.dbname}"

    def address(self, clerk: str = "alice"):
        from sspclerk.sync import ServerAddress

        return ServerAddress.parse(self.url(clerk))

    def admin(self):
        return psycopg.connect(self.cluster.admin(self.dbname), autocommit=True)

    def scalar(self, sql: str, params=()):
        with self.admin() as conn:
            row = conn.execute(sql, params).fetchone()
            return row[0] if row else None


@pytest.fixture(scope="session")
def cluster() -> Iterator[pg.Cluster]:
    reason = pg.why_not()
    if reason:
        pytest.skip(reason)
    from sspclerk.sync import ServerAddress, init_server

    c = pg.start_cluster()
    folder = Path(tempfile.mkdtemp(prefix="sspclerk-pgpass-"))
    pgpass = folder / "pgpass"
    pgpass.write_text(
        "".join(f"127.0.0.1:{c.port}:*:{role}:{pw}\n" for role, (pw, _) in pg.CLERKS.items())
    )
    pgpass.chmod(0o600)
    old = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(pgpass)
    try:
        with psycopg.connect(c.admin(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        init_server(ServerAddress.parse(c.admin(TEMPLATE)))
        with psycopg.connect(c.admin(), autocommit=True) as conn:
            for role, (pw, confidential) in pg.CLERKS.items():
                groups = "sspclerk_clerks" + (", sspclerk_confidential" if confidential else "")
                conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{pw}' IN ROLE {groups}")
        yield c
    finally:
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old
        shutil.rmtree(folder, ignore_errors=True)
        pg.remove_cluster(c)


@pytest.fixture
def team(cluster: pg.Cluster) -> Iterator[Team]:
    name = f"team_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(cluster.admin(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
    t = Team(cluster, name)
    with t.admin() as conn:  # every record has its own identity
        conn.execute("UPDATE sspclerk.server SET server_id = gen_random_uuid()")
    yield t
    with psycopg.connect(cluster.admin(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def laptop(tmp_path: Path):
    """``laptop("a")`` opens (or reopens) that clerk's store in this test's folder."""
    from sspclerk.store import Store

    opened = []

    def make(name: str):
        store = Store.open(tmp_path / f"{name}.sqlite")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
