"""The bad-input corpus: one list every entry point is run against.

JSON import, paste into the editor, every exporter and attach each take these
cases (``from tests.badinput.corpus import CASES``).  Each case is text a clerk
could really produce: pasted from Word, from a browser, from an e-mail in
another script, or typed by someone testing the system.  All sample text here
was written for this project.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sspclerk.core.model import (
    Action,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Meeting,
    Outcome,
)

#: (name, text) — the name is used as a test id.
CASES: list[tuple[str, str]] = [
    ("plain", "The Partnership AGREED to note the report."),
    ("empty", ""),
    ("only-spaces", "   \t  \n  "),
    ("word-controls", "Line one\x0bmanual break\x0cpage break\x07bell\x1ffield\x1eno-break hyphen"),
    ("nul", "before\x00after"),
    ("lone-surrogate", "half an emoji: \ud83d and a low \ude00 alone"),
    ("crlf", "Windows line\r\nold Mac line\rUnix line\n"),
    ("unicode-breaks", "para\u2029line\u2028next\x85end"),
    ("script", "<script>alert('minutes')</script><img src=x onerror=alert(1)>"),
    ("ampersands", "Fish & Chips; &amp; &lt;b&gt; &#x27; &nbsp; AT&T"),
    ("unbalanced-markup", "<b>bold <i>both</b> still italic? **not closed _nor this <p"),
    ("markdown-and-latex", "# Heading\n\n- bullet\n1. numbered\n\\textbf{x} $5 {braces} %d %s"),
    (
        "quotes",
        "\u201cCurly\u201d \u2018quotes\u2019, \"straight\", 'single', `back`, \u2014 dash \u2013",
    ),
    ("sql-and-fts", '\'; DROP TABLE items; -- NEAR("a" b) AND OR NOT * ^ : " -x +y'),
    ("emoji", "Thanks 👍🏽 family 👨\u200d👩\u200d👧 flag 🇬🇧 face 🙂 U+1F9FE 🧾"),
    ("right-to-left", "مرحبا بكم في الاجتماع — שלום \u202eevil override\u202c back"),
    ("welsh", "Cyngor Bwrdeistref; Ŵyn ap Siôn; ŷ ŵ â ê î ô û; Llanfairpwllgwyngyll"),
    ("polish", "Zażółć gęślą jaźń — Łódź, Świętokrzyskie"),
    ("greek", "Ελληνικά: Καλημέρα σας, ευχαριστώ"),
    ("cyrillic", "Съешь же ещё этих мягких французских булок, да выпей чаю"),
    ("combining", "Cafe\u0301 vs Café; n\u0303; Z\u0307; zero\u200bwidth; \ufeffBOM inside"),
    ("tabs-and-spaces", "\tindented\t\ttabs   and  double  spaces  "),
    ("date-like", "Next meeting 2025-02-30 at 25:61; 31/04/2025; 0000-00-00"),
    ("long-word", "x" * 20_000),
    ("many-lines", "\n".join(f"- point {i} & more" for i in range(2_000))),
    # Round two: Windows-1252 punctuation read as Latin-1 (C1 controls), and the five
    # C1 codes Windows-1252 leaves undefined.
    ("c1-controls", "Don\x92t \x93quote\x94 \x96 \x80 5; undefined \x81\x8d\x8f\x90\x9d end"),
    ("item-number-words", "See SSP/15/25 and ssp/16/25 \u00a0SSP/17/25\u00a0 and SSP / 18 / 25"),
]

#: Dates a person or another program might type that are not real dates.
BAD_DATES = ["2025-02-30", "2025-13-01", "30/02/2025", "2025-2-3", "tomorrow", "", "2025-02-29"]

#: Real dates no meeting has: the ends of the calendar (deadline and municipal-year
#: sums would leave it) and a mistyped century.
FAR_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"]

#: Numbers a hand-edited or hostile meeting file may hold where a count is expected,
#: as the JSON text of the number: beyond SQLite's 64 bits, at its edge, and a
#: number 100,000 digits long (Python refuses to read one over 4,300).
BAD_NUMBERS: list[tuple[str, str]] = [
    ("2-to-the-70", str(2**70)),
    ("2-to-the-64", str(2**64)),
    ("2-to-the-63", str(2**63)),
    ("19-nines", "9" * 19),
    ("100k-digits", "9" * 100_000),
]

#: Ids typed on the command line for an action, a saved version, a meeting.
BAD_IDS = ["99999999999999999999", "9" * 1_000, "9223372036854775808"]

#: Meeting JSON files that are broken as files, not in their values.
BROKEN_FILES: list[tuple[str, bytes]] = [
    ("empty-file", b""),
    ("truncated-json", b'{"format": "sspclerk-meeting", "version": 1, "committee": {"na'),
    ("top-level-array", b"[1, 2, 3]"),
    ("latin-1", '{"format": "sspclerk-meeting", "committee": "Caf\xe9"}'.encode("latin-1")),
    ("nul-bytes", b"\x00\x00\x00\x00"),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000),
    ("html-page", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
]


def five_mb_note() -> str:
    """A 5 MB note of ordinary-looking text with every hard case sprinkled in."""
    paragraph = " ".join(text for _, text in CASES[:22]) + "\n\n"
    parts, size = [], 0
    n = 0
    while size < 5 * 1024 * 1024:
        chunk = f"Paragraph {n}: {paragraph}"
        parts.append(chunk)
        size += len(chunk.encode("utf-8", "surrogatepass"))
        n += 1
    return "".join(parts)


def committee() -> Committee:
    return Committee(name="Bad Input Partnership", prefix="BIP")


def meeting_of_cases(date: dt.date = dt.date(2025, 9, 17)) -> Meeting:
    """One item per case, the case in every text field a clerk can type into."""
    items = []
    for i, (name, text) in enumerate(CASES):
        items.append(
            AgendaItem(
                number=f"BIP/{i + 1}/25",
                title=f"{name}: {text[:200]}",
                agenda_text=text,
                minutes=text,
                outcomes=[Outcome(text=text)],
                actions=[Action(text=text, owner=text[:80])],
                public_summary=text,
            )
        )
    return Meeting(
        committee=committee(),
        date=date,
        venue=CASES[16][1],
        items=items,
        attendance=[Attendance(name=f"{name} {text[:60]}".strip()) for name, text in CASES],
        declarations=[Declaration(name=name, item="BIP/1/25", nature=text) for name, text in CASES],
    )


def meeting_with_items(count: int = 1_000, date: dt.date = dt.date(2025, 11, 19)) -> Meeting:
    """A meeting with ``count`` items (the 1,000-item case), each with a little text."""
    return Meeting(
        committee=committee(),
        date=date,
        items=[
            AgendaItem(
                number=f"BIP/{i + 1}/25",
                title=f"Item {i + 1}: {CASES[i % len(CASES)][0]}",
                minutes=CASES[i % len(CASES)][1][:500],
            )
            for i in range(count)
        ],
    )


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    """The meeting as an exchange-format dict (what a JSON import file holds)."""
    from sspclerk.export.meeting_json import meeting_to_json

    return meeting_to_json(meeting)


def dumps_keeping_bad_text(data: dict[str, Any]) -> str:
    """JSON with lone surrogates and NULs as \\u escapes, as other programs write them."""
    return json.dumps(data, ensure_ascii=True)


def hostile_outputs(folder: Path, store: Path) -> list[tuple[str, Path]]:
    """Where an output must never go, made real in ``folder`` beside ``store``.

    The store, its -wal/-shm/-journal/.lock companions (there or not), the store
    through a symlink and through ``..``, a file in its backups folder, devices, a
    FIFO, a read-only file, a folder, and a file in a folder that does not exist.
    """
    import os

    (folder / "backups").mkdir(exist_ok=True)
    (folder / "sub").mkdir(exist_ok=True)
    link = folder / "minutes-link.pdf"
    if not link.exists():
        link.symlink_to(store)
    fifo = folder / "pipe.pdf"
    if not fifo.exists():
        os.mkfifo(fifo)
    read_only = folder / "read-only.pdf"
    if not read_only.exists():
        read_only.write_bytes(b"the clerk's read-only file")
        read_only.chmod(0o444)
    return [
        ("the-store", store),
        ("wal", Path(f"{store}-wal")),
        ("shm", Path(f"{store}-shm")),
        ("journal", Path(f"{store}-journal")),
        ("writer-lock", Path(f"{store}.lock")),
        ("symlink-to-store", link),
        ("dot-dot-to-store", folder / "sub" / ".." / store.name),
        ("in-backups-folder", folder / "backups" / "minutes.pdf"),
        ("dev-null", Path("/dev/null")),
        ("dev-full", Path("/dev/full")),
        ("fifo", fifo),
        ("read-only-file", read_only),
        ("a-folder", folder / "sub"),
        ("missing-folder", folder / "no" / "such" / "folder" / "minutes.pdf"),
    ]
