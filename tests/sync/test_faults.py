"""Fault drills: each ends with one clear line (a SyncError; exit 2 from the CLI),
nothing half-applied on either side, capture going on throughout, and a later sync
that completes."""

from __future__ import annotations

import subprocess
import sys
import threading

import psycopg
import pytest

from sspclerk.store.replica import SHARED_TABLES
from sspclerk.sync import ServerAddress, sync_store
from sspclerk.sync.engine import SyncLock, run_exchange
from sspclerk.sync.errors import (
    RestoredCopy,
    ServerUnreachable,
    SyncBusy,
    SyncError,
)
from tests.conftest import cli_env, demo_meeting
from tests.sync.pg import free_port


def server_rows(team) -> dict[str, int]:
    with team.admin() as conn:
        counts = {
            t.name: conn.execute(f"SELECT count(*) FROM sspclerk.{t.name}").fetchone()[0]
            for t in SHARED_TABLES
        }
        counts["seq"] = conn.execute("SELECT seq FROM sspclerk.server").fetchone()[0]
    return counts


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text and text, text
    assert "pw" not in text  # no password, ever (the test passwords all contain "pw")
    return text


def test_server_unreachable_keeps_everything_here(tmp_path, laptop, team) -> None:
    a = laptop("a")
    mid = a.add_meeting(demo_meeting())
    nowhere = ServerAddress.parse(f"postgresql://alice:secret-pw@127.0.0.1:{free_port()}/x")
    with pytest.raises(ServerUnreachable) as caught:
        sync_store(a, nowhere)
    assert "secret" not in one_line(caught.value)
    assert "cannot reach postgresql://alice@127.0.0.1" in str(caught.value)
    waiting = a.sync_state().waiting
    assert waiting > 0
    # Capture goes on; the same changes (and the new one) go at the next sync.
    item = a.load_meeting(mid).items[3]
    a.set_item_fields(item.id, minutes="Typed while offline.")
    report = sync_store(a, team.address("alice"))
    assert report.sent.rows["meetings"] == 1 and a.sync_state().waiting == 0


def test_the_connection_cut_mid_sync_changes_nothing(team, laptop) -> None:
    a = laptop("a")
    a.add_meeting(demo_meeting())
    a.sync_join()
    before_server = server_rows(team)
    waiting = a.sync_state().waiting

    def cut(step: str) -> None:
        if step == "pulling":  # everything pushed, not yet committed
            with team.admin() as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE usename = 'alice' AND pid <> pg_backend_pid()"
                )

    with pytest.raises(ServerUnreachable) as caught:
        sync_store(a, team.address("alice"), on_step=cut)
    assert "nothing was changed" in one_line(caught.value)
    assert server_rows(team) == before_server  # the server's transaction rolled back whole
    assert a.sync_state().waiting == waiting and a.sync_state().cursor == 0
    report = sync_store(a, team.address("alice"))
    assert report.sent.rows["items"] == len(a.load_meeting(a.latest_meeting_id()).items)
    b = laptop("b")
    sync_store(b, team.address("carol"))
    assert b.shared_snapshot() == a.shared_snapshot()


def test_an_answer_lost_after_the_server_committed_is_taken_as_a_retry(team, laptop) -> None:
    """The server committed but the laptop never applied the answer (killed, disk
    full): the next sync sends the same push again, and nothing is doubled."""
    a = laptop("a")
    mid = a.add_meeting(demo_meeting())
    a.sync_join()
    out = a.sync_outgoing()
    run_exchange(team.address("alice"), out)  # committed on the server; answer dropped
    a.set_item_fields(a.load_meeting(mid).items[2].id, minutes="Typed after the lost answer.")
    sync_store(a, team.address("alice"))
    b = laptop("b")
    sync_store(b, team.address("carol"))
    assert b.shared_snapshot() == a.shared_snapshot()
    assert server_rows(team)["items"] == len(a.load_meeting(mid).items)


def test_a_server_restart_mid_sync_then_sync_completes(team, laptop) -> None:
    a = laptop("a")
    a.add_meeting(demo_meeting())
    a.sync_join()
    waiting = a.sync_state().waiting

    def restart(step: str) -> None:
        if step == "pulling":
            team.cluster.stop("immediate")

    try:
        with pytest.raises(ServerUnreachable) as caught:
            sync_store(a, team.address("alice"), on_step=restart)
        one_line(caught.value)
    finally:
        team.cluster.start()
    assert a.sync_state().waiting == waiting
    assert server_rows(team)["meetings"] == 0
    sync_store(a, team.address("alice"))
    assert server_rows(team)["meetings"] == 1 and a.sync_state().waiting == 0


def test_a_second_sync_of_the_same_store_is_turned_away(team, laptop) -> None:
    a = laptop("a")
    a.add_meeting(demo_meeting())
    held = SyncLock(a.path)
    assert held.acquire()  # the window's background sync, say
    try:
        with pytest.raises(SyncBusy) as caught:
            sync_store(a, team.address("alice"))
        assert "another sync" in one_line(caught.value)
    finally:
        held.release()
    sync_store(a, team.address("alice"))
    assert a.sync_state().waiting == 0


def test_the_server_turns_away_a_second_exchange_from_the_same_laptop(team, laptop) -> None:
    """Even past the local lock (another computer with a copy, say), the server takes
    one sync of a laptop at a time; the second ends cleanly and changes nothing."""
    a = laptop("a")
    a.add_meeting(demo_meeting())
    a.sync_join()
    out = a.sync_outgoing()
    inside, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def slow(step: str) -> None:
        if step == "pulling":
            inside.set()
            release.wait(30)

    def first() -> None:
        try:
            run_exchange(team.address("alice"), out, slow)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    worker = threading.Thread(target=first)
    worker.start()
    try:
        assert inside.wait(30)
        with pytest.raises(SyncBusy) as caught:
            run_exchange(team.address("alice"), out)
        one_line(caught.value)
    finally:
        release.set()
        worker.join(30)
    assert errors == []


def test_a_laptop_restored_from_an_old_backup_loses_nothing(team, laptop, tmp_path) -> None:
    a, b = laptop("a"), laptop("b")
    mid = a.add_meeting(demo_meeting())
    sync_store(a, team.address("alice"))
    sync_store(b, team.address("carol"))
    backup = a.backup(tmp_path / "a-monday.sqlite")
    item = a.load_meeting(mid).items[5]
    a.set_item_fields(item.id, minutes="Tuesday's notes, synced.")
    sync_store(a, team.address("alice"))
    a.close()
    # The laptop is restored from Monday's backup; the clerk types on.
    restored = laptop("a-restored")
    restored.close()
    (tmp_path / "a-restored.sqlite").write_bytes(backup.read_bytes())
    restored = laptop("a-restored")
    assert restored.load_meeting(mid).items[5].minutes != "Tuesday's notes, synced."
    restored.set_item_fields(item.id, minutes="Wednesday, typed on the restored laptop.")
    before = server_rows(team)
    with pytest.raises(RestoredCopy) as caught:
        sync_store(restored, team.address("alice"))
    assert "run sync again" in one_line(caught.value)
    assert server_rows(team)["items"] == before["items"]
    sync_store(restored, team.address("alice"))
    sync_store(b, team.address("carol"))
    for store in (restored, b):
        current = store.load_meeting(store.latest_meeting_id()).items[5]
        history = [v.text for v in store.item_history(current.id, "minutes")]
        texts = {current.minutes, *history}
        assert "Tuesday's notes, synced." in texts
        assert "Wednesday, typed on the restored laptop." in texts
        assert current.minutes == "Wednesday, typed on the restored laptop."
    assert restored.shared_snapshot() == b.shared_snapshot()


def test_capture_goes_on_while_the_server_is_down(team, laptop) -> None:
    a = laptop("a")
    mid = a.add_meeting(demo_meeting())
    sync_store(a, team.address("alice"))
    team.cluster.stop("fast")
    try:
        for k, item in enumerate(a.load_meeting(mid).items):
            a.set_item_fields(item.id, minutes=f"Offline note {k}")
            with pytest.raises(SyncError):
                sync_store(a, team.address("alice"))
    finally:
        team.cluster.start()
    sync_store(a, team.address("alice"))
    b = laptop("b")
    sync_store(b, team.address("carol"))
    assert [i.minutes for i in b.load_meeting(b.latest_meeting_id()).items][:3] == [
        "Offline note 0",
        "Offline note 1",
        "Offline note 2",
    ]


def test_the_cli_says_one_line_and_exits_2(team, tmp_path) -> None:
    db = tmp_path / "cli.sqlite"
    env = cli_env()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "sspclerk", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    assert run("demo").returncode == 0
    dead = run("sync", "--server", f"postgresql://alice:pw-secret@127.0.0.1:{free_port()}/x")
    assert dead.returncode == 2
    assert dead.stderr.count("\n") == 1 and "pw-secret" not in dead.stderr
    assert dead.stderr.startswith("sspclerk: cannot reach postgresql://alice@127.0.0.1:")
    good = run("sync", "--server", team.url("alice"))
    assert good.returncode == 0, good.stderr
    assert "Sent: 1 meeting, 13 items" in good.stdout
    # The address (never a password) is remembered for the next sync.
    again = run("sync")
    assert again.returncode == 0 and "Sent: nothing." in again.stdout
    status = run("sync", "--status")
    assert "0 changes waiting" in status.stdout
    with psycopg.connect(team.address("alice").connect_info()) as conn:
        assert conn.execute("SELECT count(*) FROM sspclerk.items").fetchone()[0] == 13


def test_a_server_restored_from_an_older_dump_is_noticed_and_refilled(
    team, laptop, tmp_path
) -> None:
    """The council restores last night's pg_dump: laptops that synced since say so, and
    `sync --resend` puts back what the dump lacked."""
    from sspclerk.sync.errors import ServerBehind

    a = laptop("a")
    mid = a.add_meeting(demo_meeting())
    sync_store(a, team.address("alice"))
    dump = tmp_path / "clerks.dump"
    c = team.cluster
    where = ["-h", str(c.sockets), "-p", str(c.port), "-U", "postgres"]
    done = subprocess.run(
        [str(c.bindir / "pg_dump"), *where, "-Fc", "-f", str(dump), team.dbname],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    a.set_item_fields(a.load_meeting(mid).items[3].id, minutes="Typed after the dump.")
    sync_store(a, team.address("alice"))
    done = subprocess.run(
        [str(c.bindir / "pg_restore"), *where, "--clean", "-d", team.dbname, str(dump)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with pytest.raises(ServerBehind) as caught:
        sync_store(a, team.address("alice"))
    assert "--resend" in one_line(caught.value)
    sync_store(a, team.address("alice"), resend=True)
    b = laptop("b")
    sync_store(b, team.address("carol"))
    assert b.load_meeting(b.latest_meeting_id()).items[3].minutes == "Typed after the dump."
    assert b.shared_snapshot() == a.shared_snapshot()
