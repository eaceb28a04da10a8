"""`sspclerk server init` and `server login` as a council's administrator and clerk run them."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import psycopg

from tests.conftest import cli_env


def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sspclerk", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=cli_env(**env),
        timeout=120,
        check=False,
    )


def test_server_init_creates_then_finds_the_record_up_to_date(cluster, tmp_path) -> None:
    with psycopg.connect(cluster.admin(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS clerks_init")
        conn.execute("CREATE DATABASE clerks_init")
    try:
        address = cluster.admin("clerks_init")
        db = str(tmp_path / "x.sqlite")
        first = run("--db", db, "server", "init", "--server", address)
        assert first.returncode == 0, first.stderr
        assert "Created the record" in first.stdout and "(version 1)" in first.stdout
        again = run("--db", db, "server", "init", "--server", address)
        assert again.returncode == 0 and "is up to date" in again.stdout
        with psycopg.connect(address) as conn:
            tables = {
                r[0]
                for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'sspclerk'"
                )
            }
            assert {"items", "item_bodies", "claims", "tombstones", "files"} <= tables
            secured = {
                r[0]
                for r in conn.execute(
                    "SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace ="
                    " 'sspclerk'::regnamespace"
                )
            }
            assert {"item_bodies", "outcomes", "actions", "documents", "files"} <= secured
        assert not os.path.exists(db)  # server init needs no store, and makes none
    finally:
        with psycopg.connect(cluster.admin(), autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS clerks_init WITH (FORCE)")


def test_a_clerk_cannot_init_and_the_password_is_never_shown(team, tmp_path) -> None:
    url = team.url("bob").replace("bob@", "bob:bob-secret-pw@")
    done = run("--db", str(tmp_path / "x.sqlite"), "server", "init", "--server", url)
    assert done.returncode == 2
    assert "bob-secret" not in done.stderr + done.stdout
    assert done.stderr.count("\n") == 1, done.stderr


def test_server_login_keeps_the_password_in_the_password_file(team, tmp_path) -> None:
    pgpass = tmp_path / "pgpass"
    done = run(
        "--db",
        str(tmp_path / "x.sqlite"),
        "server",
        "login",
        "--server",
        team.url("carol"),
        "--password-stdin",
        stdin="carol-pw-3\n",
        PGPASSFILE=str(pgpass),
    )
    assert done.returncode == 0, done.stderr
    assert "carol-pw-3" not in done.stdout + done.stderr
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert pgpass.read_text().strip().endswith(":carol:carol-pw-3")
    # The saved password is what the next sync uses; the store never holds it.
    db = tmp_path / "x.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    synced = run("--db", str(db), "sync", "--server", team.url("carol"), PGPASSFILE=str(pgpass))
    assert synced.returncode == 0, synced.stderr
    assert b"carol-pw-3" not in db.read_bytes()
    wrong = run(
        "--db",
        str(tmp_path / "y.sqlite"),
        "server",
        "login",
        "--server",
        team.url("carol"),
        "--password-stdin",
        stdin="not-it\n",
        PGPASSFILE=str(tmp_path / "other-pgpass"),
    )
    assert wrong.returncode == 2 and "wrong or missing password" in wrong.stderr
    assert "not-it" not in wrong.stderr
    assert not (tmp_path / "other-pgpass").exists()  # a wrong password is never kept
