"""The writer the crash drill kills: edits through the Store API, one line per commit.

Run as ``python -m tests.reliability.crash_writer STORE TOKEN`` (a fresh process,
which also covers a kill while the store is being created and migrated) or called
in a forked child.  A line is printed, flushed, only after its write committed, so
every line the drill reads is a promise the store must keep.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import sys
from typing import TextIO

from sspclerk.core.model import AgendaItem, Committee, Meeting, Outcome
from sspclerk.store import Store

PHRASES = (
    "Members AGREED to note the report. ",
    "Cllr Ŵyn Jones asked about ASB figures in Thornaby. ",
    "Ζ-test: Ελληνικά, кириллица, Żółć — 🙂 ",
)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def write_forever(db: str, token: str, out: TextIO) -> None:
    store = Store.open(db)
    # Checkpoint often, so kills also land in the middle of a checkpoint.
    store.conn.execute("PRAGMA wal_autocheckpoint = 16")
    meeting_id = store.latest_meeting_id()
    if meeting_id is None:
        committee = Committee(name="Crash Drill Partnership", prefix="CDP")
        meeting_id = store.add_meeting(Meeting(committee=committee, date=dt.date(2026, 1, 14)))
    out.write(f"ready {meeting_id}\n")
    out.flush()
    rnd = random.Random(token)
    n = 0
    while True:
        title = f"{token}-{n}"
        item_id = store.add_item(meeting_id, AgendaItem(number=str(n), title=title))
        out.write(f"item {item_id} {title}\n")
        out.flush()
        note = title + " " + "".join(rnd.choice(PHRASES) for _ in range(rnd.randint(1, 250)))
        store.set_item_fields(item_id, minutes=note)
        out.write(f"minutes {item_id} {digest(note)}\n")
        out.flush()
        outcome_id = store.add_outcome(item_id, Outcome(text=f"AGREED {title}"))
        out.write(f"outcome {outcome_id} {item_id} AGREED {title}\n")
        out.flush()
        n += 1


def main() -> None:
    write_forever(sys.argv[1], sys.argv[2], sys.stdout)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        os._exit(1)
