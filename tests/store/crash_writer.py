"""Child process for the crash test: writes through the Store API until killed.

Prints ``seq`` after each committed write, flushed, so the parent knows exactly
which writes the store promised to keep.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sspclerk.store import Store


def main(db: str, item_id: str, start: str) -> None:
    store = Store.open(Path(db))
    seq = int(start)
    while True:
        seq += 1
        store.set_item_fields(int(item_id), minutes=f"write {seq}\n" + "x" * (seq % 4000))
        store.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)", [f"crash-{seq}", str(seq)]
        )
        print(seq, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
