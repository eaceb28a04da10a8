"""Kill -9 a writer at random moments: the store stays sound and keeps every commit."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sspclerk.store import Store
from tests.conftest import cli_env, demo_meeting

WRITER = Path(__file__).with_name("crash_writer.py")


def test_sigkill_mid_writing_loses_no_committed_write(db_path: Path) -> None:
    with Store.open(db_path) as store:
        mid = store.add_meeting(demo_meeting())
        item_id = store.load_meeting(mid).items[3].id
    rng = random.Random(20250723)
    committed: list[int] = []
    start = 0
    for _ in range(6):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), str(item_id), str(start)],
            stdout=subprocess.PIPE,
            env=cli_env(),
            text=True,
        )
        # The random moment is counted from the first commit, not from the start of
        # the process: on a busy machine starting Python and opening the store (its
        # quick check) can take most of a second, and a kill before any write tests
        # nothing.
        first = child.stdout.readline()
        time.sleep(0.3 + rng.random() * 0.5)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        seqs = [int(line) for line in (first + out).split()]
        committed.extend(seqs)
        start = max(committed, default=start) + 1000
        with Store.open(db_path) as store:
            assert store.integrity_check() == ["ok"]
            kept = {
                int(v)
                for (v,) in store.conn.execute(
                    "SELECT value FROM settings WHERE key LIKE 'crash-%'"
                )
            }
            assert set(committed) <= kept
            if seqs:
                minutes = store.load_meeting(mid).items[3].minutes
                assert int(minutes.split()[1]) >= seqs[-1]
    assert len(committed) > 20  # the drill really wrote something
