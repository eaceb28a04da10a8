"""Generate a ten-year store for the search benchmark: 5,000 meetings, 100,000 items.

    python bench/make_ten_year_store.py /tmp/ten-years.sqlite [--meetings 5000] [--items 20]

The text is made up here from a small vocabulary of partnership business (no real
minutes copied) with a few rare words sprinkled in, so both common and rare searches
can be measured.  Everything goes in through the Store's own connection in one
transaction with executemany: a few tens of seconds, not hours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sspclerk.core.numbering import format_number, municipal_year  # noqa: E402
from sspclerk.store import Store  # noqa: E402

COMMITTEES = [
    ("Safer Stockton Partnership", "SSP"),
    ("Health and Wellbeing Board", "HWB"),
    ("Cabinet", "CAB"),
    ("Planning Committee", "PLC"),
    ("Licensing Committee", "LIC"),
    ("Children and Young People Partnership", "CYP"),
    ("Audit and Governance", "AGC"),
    ("Adult Social Care Select Committee", "ASC"),
    ("Environment Select Committee", "ENV"),
    ("Housing Partnership", "HSG"),
]
TITLES = [
    "Evacuation Procedure",
    "Declarations of Interest",
    "Minutes of the previous meeting",
    "Recorded Crime and Disorder Report",
    "Neighbourhood Police Update",
    "Knife Crime Action Plan",
    "Domestic Abuse Strategy Update",
    "Prevent Update",
    "Anti-social Behaviour Review",
    "Budget Monitoring Quarter Two",
    "Youth Justice Plan",
    "Town Centre Safety Plan",
    "Hate Crime Report",
    "Drugs and Alcohol Strategy",
    "Serious Violence Duty",
    "Performance Framework",
    "Community Trigger Review",
    "Fly-tipping Enforcement",
    "Licensing Policy Consultation",
    "Any Other Business",
]
WORDS = (  # noqa: SIM905 - a paragraph reads better than a list
    "partners report update officers noted members discussed police council residents "
    "community safety plan action funding quarter figures increase decrease reduction ward "
    "Stockton Billingham Thornaby Yarm Ingleby Norton town centre violence knife crime "
    "prevention enforcement youth service housing health strategy review consultation "
    "evidence data trend response priority outcome delivery board partnership agreed "
    "recommendations approved deferred training schools victims support referrals team "
    "multi-agency patrols hotspot CCTV licensing premises alcohol drugs exploitation"
).split()
RARE = ["quokka", "zephyrine", "marmalade", "xylophone", "Brynmawr", "Żółć", "Κνωσός"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.002:
        words[rng.randrange(n)] = rng.choice(RARE)
    return " ".join(words).capitalize() + "."


def build(path: Path, meetings: int, items: int, seed: int = 2025) -> None:
    rng = random.Random(seed)
    if path.exists():
        raise SystemExit(f"{path} exists; remove it first")
    store = Store.open(path)
    first = dt.date(2015, 5, 6)
    per_committee = meetings // len(COMMITTEES)
    gap = (3650 // max(per_committee, 1)) or 1
    with store._tx():
        conn = store.conn
        conn.executemany(
            "INSERT INTO committees (id, name, prefix) VALUES (?, ?, ?)",
            [(i + 1, name, prefix) for i, (name, prefix) in enumerate(COMMITTEES)],
        )
        meeting_rows, item_rows, outcome_rows, action_rows, index_rows = [], [], [], [], []
        meeting_id = item_id = 0
        for c, (_, prefix) in enumerate(COMMITTEES):
            counter: dict[int, int] = {}
            for k in range(per_committee + (1 if c < meetings % len(COMMITTEES) else 0)):
                meeting_id += 1
                day = first + dt.timedelta(days=k * gap + c)
                meeting_rows.append((meeting_id, c + 1, day.isoformat(), "09:00", "concluded"))
                year = municipal_year(day)
                for pos in range(items):
                    item_id += 1
                    counter[year] = counter.get(year, 0) + 1
                    number = format_number(prefix, counter[year], year % 100)
                    title = TITLES[pos % len(TITLES)]
                    minutes = "\n\n".join(
                        sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(2, 5))
                    )
                    outcome = f"AGREED that {sentence(rng, 6).lower()}"
                    item_rows.append((item_id, meeting_id, pos, number, title, minutes))
                    outcome_rows.append((item_id, 0, outcome))
                    action = ""
                    if rng.random() < 0.15:
                        action = sentence(rng, 8)
                        action_rows.append(
                            (
                                item_id,
                                0,
                                action,
                                "Community Safety Manager",
                                rng.choice(["open", "done", "done", "in progress"]),
                            )
                        )
                    index_rows.append(
                        (
                            item_id,
                            item_id,
                            meeting_id,
                            title,
                            minutes,
                            outcome,
                            f"{action} Community Safety Manager" if action else "",
                        )
                    )
        conn.executemany(
            "INSERT INTO meetings (id, committee_id, date, start_time, status) VALUES (?, ?, ?, ?, ?)",
            meeting_rows,
        )
        conn.executemany(
            "INSERT INTO items (id, meeting_id, position, number, title, minutes) VALUES (?, ?, ?, ?, ?, ?)",
            item_rows,
        )
        conn.executemany(
            "INSERT INTO outcomes (item_id, position, text) VALUES (?, ?, ?)", outcome_rows
        )
        conn.executemany(
            "INSERT INTO actions (item_id, position, text, owner, status) VALUES (?, ?, ?, ?, ?)",
            action_rows,
        )
        conn.executemany(
            "INSERT INTO search_index (rowid, item_id, meeting_id, title, minutes, outcomes, actions)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            index_rows,
        )
    store.conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    print(f"{path}: {meeting_id} meetings, {item_id} items, {len(action_rows)} actions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--items", type=int, default=20, help="items per meeting")
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.path, args.meetings, args.items)
    print(f"built in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
