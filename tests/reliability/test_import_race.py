"""Two imports of the same meeting at once store it once.

Real processes (``sspclerk import``), held at a gate and let go together, so each
has read its file and is about to store when the others are: the look for the
committee's meeting that day and the insert are one write transaction, so one
import wins and the others are refused in one line.  Once on an existing store,
once on a path where no store exists yet (the processes also race to make it).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from sspclerk.store import Store
from tests.conftest import cli_env

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo-meeting.json"
#: Wait for the gate, then run the command line in this process.
DRIVER = (
    "import sys, time\n"
    "from sspclerk.cli import main\n"
    "gate = float(sys.argv[1])\n"
    "while time.time() < gate:\n"
    "    time.sleep(0.0005)\n"
    "sys.exit(main(sys.argv[2:]))\n"
)
PROCESSES = 4


@pytest.mark.parametrize("store_there", [True, False], ids=["existing-store", "no-store-yet"])
def test_imports_of_one_meeting_at_once_store_it_once(tmp_path: Path, store_there: bool) -> None:
    db = tmp_path / "meetings.sqlite"
    if store_there:
        Store.open(db).close()
    gate = time.time() + 2.5  # every child has imported sspclerk by then
    children = [
        subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(gate), "--db", str(db), "import", str(DEMO)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
            cwd=str(ROOT),
        )
        for _ in range(PROCESSES)
    ]
    results = [(c.wait(timeout=120), *c.communicate()) for c in children]
    won = [r for r in results if r[0] == 0]
    refused = [r for r in results if r[0] != 0]
    assert len(won) == 1, results
    for code, _out, err in refused:
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1 and "already has" in lines[0], (code, err)
    with Store.open(db, readonly=True) as store:
        assert [m.id for m in store.list_meetings()] == [int(won[0][1].strip())]
        assert store.integrity_check() == ["ok"]
