"""Crash drill: a process writing to the store is killed with SIGKILL at random moments.

After every kill the store must pass ``integrity_check`` and hold every write the
process reported as committed (it prints a line only after the commit returns).
Most rounds fork a child from this already-imported test process, so 60 kills take
seconds; every tenth round starts a fresh ``python`` so kills also land while the
store is created and migrated.  ``SSPCLERK_DRILL_ROUNDS=1000`` for the long drill.
"""

from __future__ import annotations

import os
import random
import secrets
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sspclerk.store import Store
from sspclerk.store.search import PIECE_BITS
from tests.conftest import cli_env

from .crash_writer import digest, write_forever

ROUNDS = int(os.environ.get("SSPCLERK_DRILL_ROUNDS", "60"))
FRESH_PROCESS_EVERY = 10


def _read_until(fd: int, deadline: float) -> bytes:
    """What the child wrote until ``deadline`` (it keeps writing; we stop listening)."""
    data = b""
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def _drain(fd: int) -> bytes:
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    return data


def _forked_round(db: Path, token: str, delay: float) -> tuple[bytes, int]:
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write until killed; never return into pytest
        try:
            os.close(rfd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            write_forever(str(db), token, os.fdopen(wfd, "w", encoding="utf-8"))
        finally:
            os._exit(70)
    os.close(wfd)
    data = _read_until(rfd, time.monotonic() + delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    data += _drain(rfd)
    os.close(rfd)
    return data, status


def _fresh_round(db: Path, token: str, delay: float) -> tuple[bytes, int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(db), token],
        stdout=subprocess.PIPE,
        env=cli_env(),
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    # Half the time kill during start-up (imports, creating/migrating the store),
    # half the time a moment after it is ready.
    data = _read_until(fd, time.monotonic() + delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    data += _drain(fd)
    return data, proc.returncode


def _promises(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    lines = text.split("\n")[:-1]  # a last line without its newline was cut by the kill
    return [line.split(" ", 3) for line in lines]


def _indexed_minutes(conn, item_id: int) -> list[str]:
    """The minutes as the search index holds them: its row, or a long item's pieces."""
    rows = [
        r[0] for r in conn.execute("SELECT minutes FROM search_index WHERE rowid = ?", [item_id])
    ]
    if conn.execute("SELECT 1 FROM search_long WHERE item_id = ?", [item_id]).fetchone():
        lo = item_id << PIECE_BITS
        pieces = conn.execute(
            "SELECT minutes FROM search_pieces WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
            [lo, lo + (1 << PIECE_BITS) - 1],
        )
        rows = ["".join(r[0] for r in pieces)] * len(rows)
    return rows


def _check(db: Path, promises: list[list[str]]) -> int:
    with Store.open(db) as store:
        assert store.integrity_check() == ["ok"]
        conn = store.conn
        for p in promises:
            if p[0] == "item":
                row = conn.execute("SELECT title FROM items WHERE id = ?", [int(p[1])]).fetchone()
                assert row is not None and row[0] == p[2], p
            elif p[0] == "minutes":
                row = conn.execute("SELECT minutes FROM items WHERE id = ?", [int(p[1])]).fetchone()
                assert row is not None and digest(row[0]) == p[2], p
                # The search index was updated in the same transaction as the text
                # (a long note's text is in its pieces; store/search.py).
                assert [digest(t) for t in _indexed_minutes(conn, int(p[1]))] == [p[2]], p
            elif p[0] == "outcome":
                row = conn.execute(
                    "SELECT item_id, text FROM outcomes WHERE id = ?", [int(p[1])]
                ).fetchone()
                assert row is not None and (row[0], row[1]) == (int(p[2]), p[3]), p
    return sum(p[0] != "ready" for p in promises)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the drill forks (POSIX)")
def test_sigkill_at_random_moments_loses_no_committed_write(tmp_path: Path) -> None:
    db = tmp_path / "meetings.sqlite"
    rnd = random.Random(int(os.environ.get("SSPCLERK_DRILL_SEED", secrets.randbits(32))))
    kept = kills = 0
    for round_no in range(ROUNDS):
        token = secrets.token_hex(4)
        if round_no % FRESH_PROCESS_EVERY == 0:
            data, status = _fresh_round(db, token, rnd.uniform(0.05, 1.5))
            assert status == -signal.SIGKILL, status
        else:
            data, status = _forked_round(db, token, rnd.uniform(0.0, 0.25))
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
        kills += 1
        if not db.exists():
            assert not _promises(data), "a write was reported but the store was never created"
            continue
        kept += _check(db, _promises(data))
    assert kills == ROUNDS
    print(f"crash drill: {kills} SIGKILLs, {kept} committed writes checked, all present")
    assert kept > ROUNDS, (
        f"only {kept} committed writes in {ROUNDS} rounds: the drill proved little"
    )
