"""GUI crash drill: the real window, typing through its normal path, killed with SIGKILL.

Every round starts ``python -m sspclerk --db X --meeting 1`` (offscreen) on the same
store with a type script (SSPCLERK_TYPE_SCRIPT) that types numbered chunks into the
notes without a pause and moves on with Ctrl+PgDown every few chunks.  After each
chunk the script prints ``SSPCLERK-MARK n <time.monotonic()>`` (system-wide clock,
so comparable with the kill time here).  The window is killed at a random moment —
a few rounds during start-up, most while typing.  Every other typing round waits until
its first chunk is more than ``AUTOSAVE_WINDOW`` old before picking its moment, so the
drill always has chunks the store has promised to hold, however slowly a loaded machine
types (on a busy CI machine purely random moments once left too few to check).  After
every kill:

* ``integrity_check`` is ok;
* every chunk typed more than ``AUTOSAVE_WINDOW`` (1 s) before the kill, in this
  round and every earlier one, is in the store.

One app start per round (about 0.6 s) plus up to 1.6 s of typing; two stores are
drilled side by side (one window starts while the other types), so the 30 kills of
a CI run take about 30 s on 2 cores — and the typing window is under real load while
it saves.  ``SSPCLERK_DRILL_ROUNDS`` for a longer drill,
``SSPCLERK_DRILL_SEED`` to replay one.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sspclerk.store import Store
from tests.conftest import cli_env

ROUNDS = int(
    os.environ.get("SSPCLERK_GUI_DRILL_ROUNDS", os.environ.get("SSPCLERK_DRILL_ROUNDS", "30"))
)
#: The window's promise: an edit reaches the store within a second.
AUTOSAVE_WINDOW = 1.0
#: One round in this many is killed during start-up (opening the store, building the window).
STARTUP_KILL_EVERY = 8
CHUNKS = 400  # more than a round can type before its kill
#: Two stores, each with its own window killed and restarted: one window starts while
#: the other types, so 30 kills fit in about 30 s on 2 cores.
LANES = int(os.environ.get("SSPCLERK_GUI_DRILL_LANES", "2"))


def _script(path: Path, round_no: int) -> None:
    steps: list[dict] = []
    for n in range(CHUNKS):
        steps += [{"type": f" r{round_no}n{n};"}, {"mark": str(n)}]
        if n % 7 == 6:
            steps.append({"key": "Ctrl+PgDown"})
    path.write_text(json.dumps(steps), encoding="utf-8")


class _Reader(threading.Thread):
    """Collects the window's stdout lines (its marks and READY) as they come."""

    def __init__(self, proc: subprocess.Popen) -> None:
        super().__init__(daemon=True)
        self.proc = proc
        self.marks: list[tuple[int, float]] = []
        self.ready = threading.Event()
        self.first_mark = threading.Event()

    def run(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("SSPCLERK-READY"):
                self.ready.set()
            elif line.startswith("SSPCLERK-MARK "):
                _, n, stamp = line.split()
                self.marks.append((int(n), float(stamp)))
                self.first_mark.set()


def _all_minutes(db: Path) -> str:
    with Store.open(db) as store:
        assert store.integrity_check() == ["ok"]
        return "\n".join(i.minutes for i in store.load_meeting(1).items)


class _Lane:
    """One store and its windows, started and killed one after another."""

    def __init__(self, folder: Path, seed: int, lane: int) -> None:
        folder.mkdir()
        self.folder = folder
        self.db = folder / "meetings.sqlite"
        self.rnd = random.Random(f"{seed}-{lane}")
        self.tag = f"seed {seed} lane {lane}"
        self.promised: list[str] = []  # chunks that must be in the store from now on
        self.typed_rounds = self.startup_kills = self.past_promise_rounds = 0

    def round(self, round_no: int) -> None:
        script = self.folder / f"steps-{round_no}.json"
        _script(script, round_no)
        during_startup = round_no % STARTUP_KILL_EVERY == STARTUP_KILL_EVERY - 1
        stderr_path = self.folder / "stderr.txt"
        with stderr_path.open("w") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "sspclerk", "--db", str(self.db), "--meeting", "1"],
                env=cli_env(
                    SSPCLERK_TYPE_SCRIPT=str(script),
                    SSPCLERK_REPORT_READY="1",
                    XDG_CONFIG_HOME=str(self.folder / "config"),
                    XDG_DATA_HOME=str(self.folder / "data"),
                ),
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )
            reader = _Reader(proc)
            reader.start()
            try:
                if during_startup:
                    time.sleep(self.rnd.uniform(0.05, 0.6))
                else:
                    assert reader.first_mark.wait(30), (
                        f"{self.tag} round {round_no}: the window never typed; "
                        f"{stderr_path.read_text()[-2000:]}"
                    )
                    if self.typed_rounds % 2:
                        time.sleep(self.rnd.uniform(0.0, 1.6))
                    else:  # past the promise for the first chunk, then a random moment
                        first_stamp = reader.marks[0][1]
                        extra = self.rnd.uniform(0.05, 0.8)
                        time.sleep(
                            max(0.0, first_stamp + AUTOSAVE_WINDOW + extra - time.monotonic())
                        )
                        self.past_promise_rounds += 1
                killed_at = time.monotonic()
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(timeout=10)
            reader.join(timeout=10)
        assert proc.returncode == -signal.SIGKILL, (self.tag, round_no, proc.returncode)
        if not self.db.exists():
            assert not reader.marks, f"{self.tag} round {round_no}: typed but no store"
            self.startup_kills += 1
            return
        old = [n for n, stamp in reader.marks if stamp < killed_at - AUTOSAVE_WINDOW]
        self.promised += [f" r{round_no}n{n};" for n in old]
        self.typed_rounds += bool(reader.marks)
        self.startup_kills += not reader.marks
        minutes = _all_minutes(self.db)
        missing = [chunk for chunk in self.promised if chunk not in minutes]
        assert not missing, (
            f"{self.tag} round {round_no}: {len(missing)} chunks typed more than "
            f"{AUTOSAVE_WINDOW} s before the kill are lost, e.g. {missing[:5]}"
        )


def test_the_window_killed_at_random_moments_keeps_everything_older_than_a_second(
    tmp_path: Path,
) -> None:
    seed = int(os.environ.get("SSPCLERK_DRILL_SEED", secrets.randbits(32)))
    lanes = [_Lane(tmp_path / f"lane{n}", seed, n) for n in range(LANES)]
    errors: list[BaseException] = []
    started = time.monotonic()

    def play(lane: _Lane, rounds: range) -> None:
        try:
            for round_no in rounds:
                lane.round(round_no)
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread below
            errors.append(exc)

    threads = [
        threading.Thread(target=play, args=(lane, range(n, ROUNDS, LANES)))
        for n, lane in enumerate(lanes)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    took = time.monotonic() - started
    typed = sum(lane.typed_rounds for lane in lanes)
    early = sum(lane.startup_kills for lane in lanes)
    checked = sum(len(lane.promised) for lane in lanes)
    past_promise = sum(lane.past_promise_rounds for lane in lanes)
    print(
        f"GUI crash drill (seed {seed}): {ROUNDS} SIGKILLs in {took:.0f} s on {LANES} stores, "
        f"{typed} while typing, {early} before typing began; "
        f"{checked} chunks older than {AUTOSAVE_WINDOW} s checked, all present"
    )
    assert typed + early == ROUNDS
    assert typed >= ROUNDS // 2, "too few kills landed while typing to prove much"
    # Each round killed past the promise checks at least its first chunk.
    assert past_promise >= ROUNDS // 3, past_promise
    assert checked >= past_promise, f"only {checked} chunks were old enough to check"
