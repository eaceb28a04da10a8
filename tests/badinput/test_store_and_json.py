"""The bad-input corpus against the store's write boundary and the JSON import.

Every case is stored in its cleaned form and read back exactly; the import of
every case either succeeds with the same text or fails with one clear line; the
store stays intact throughout; no traceback ever reaches the clerk.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sspclerk.core.text import clean_line, clean_text
from sspclerk.store import Store
from tests.reliability.helpers import assert_one_clear_line, demo_store, run_cli

from .corpus import (
    BAD_DATES,
    BROKEN_FILES,
    CASES,
    dumps_keeping_bad_text,
    five_mb_note,
    meeting_json,
    meeting_of_cases,
    meeting_with_items,
)

NEVER_STORED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.fixture(scope="module")
def store_with_item(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("bad") / "meetings.sqlite"
    _, item_id = demo_store(db)
    with Store.open(db) as store:
        yield store, item_id


@pytest.mark.parametrize("name, text", CASES, ids=[c[0] for c in CASES])
def test_item_fields_store_the_cleaned_text_exactly(store_with_item, name: str, text: str) -> None:
    store, item_id = store_with_item
    store.set_item_fields(item_id, minutes=text, title=text, agenda_text=text, public_summary=text)
    item = next(i for i in store.load_meeting(1).items if i.id == item_id)
    assert item.minutes == clean_text(text) == item.agenda_text == item.public_summary
    assert item.title == clean_line(text)
    for stored in (item.minutes, item.title):
        assert not NEVER_STORED.search(stored.replace("\n", "").replace("\t", ""))
    # Whatever the clerk types into the search box is safe, including FTS syntax.
    store.search(text)
    words = [w for w in clean_line(text).split() if w.isalnum() and len(w) > 3]
    if words:
        assert any(h.item_id == item_id for h in store.search(words[0]))
    assert store.integrity_check() == ["ok"]


def test_a_whole_meeting_of_bad_input_round_trips(tmp_path: Path) -> None:
    meeting = meeting_of_cases()
    with Store.open(tmp_path / "meetings.sqlite") as store:
        loaded = store.load_meeting(store.add_meeting(meeting))
        assert store.integrity_check() == ["ok"]
    assert len(loaded.items) == len(CASES)
    for item, (_, text) in zip(loaded.items, CASES, strict=True):
        assert item.minutes == clean_text(text)
        assert item.outcomes[0].text == clean_text(text)
        assert item.actions[0].text == clean_text(text)
        assert item.actions[0].owner == clean_line(text[:80])
    assert [d.nature for d in loaded.declarations] == [clean_text(t) for _, t in CASES]


def test_a_five_megabyte_note_is_stored_whole(tmp_path: Path) -> None:
    note = five_mb_note()
    assert len(note.encode("utf-8", "surrogatepass")) >= 5 * 1024 * 1024
    db = tmp_path / "meetings.sqlite"
    _, item_id = demo_store(db)
    with Store.open(db) as store:
        store.set_item_fields(item_id, minutes=note)
        item = next(i for i in store.load_meeting(1).items if i.id == item_id)
        assert item.minutes == clean_text(note)
        assert store.item_history(item_id)[-1].text == clean_text(note)
        assert any(h.item_id == item_id for h in store.search("Paragraph Świętokrzyskie"))


def test_a_thousand_item_meeting(tmp_path: Path) -> None:
    with Store.open(tmp_path / "meetings.sqlite") as store:
        meeting_id = store.add_meeting(meeting_with_items(1_000))
        loaded = store.load_meeting(meeting_id)
        assert [i.number for i in loaded.items] == [f"BIP/{n}/25" for n in range(1, 1_001)]
        assert store.list_meetings()[0].item_count == 1_000


# ------------------------------------------------------------------ JSON import (CLI)


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / f"{name}.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_json_import_of_every_case_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "meetings.sqlite"
    data = meeting_json(meeting_of_cases())
    # Put back what cleaning took out, as another program's JSON would carry it.
    for item, (_, text) in zip(data["items"], CASES, strict=True):
        item["minutes"] = text
    path = _write(tmp_path, "cases", dumps_keeping_bad_text(data))
    proc = run_cli("import", path, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    shown = run_cli("show", proc.stdout.strip(), "--json", "--db", db)
    assert shown.returncode == 0, shown.stderr
    items = json.loads(shown.stdout)["items"]
    assert [i["minutes"] for i in items] == [clean_text(t) for _, t in CASES]


def test_json_import_of_a_thousand_items_and_a_five_mb_note(tmp_path: Path) -> None:
    db = tmp_path / "meetings.sqlite"
    data = meeting_json(meeting_with_items(1_000))
    data["items"][500]["minutes"] = five_mb_note()
    proc = run_cli("import", _write(tmp_path, "big", json.dumps(data)), "--db", db)
    assert proc.returncode == 0, proc.stderr
    listed = run_cli("meetings", "--json", "--db", db)
    assert json.loads(listed.stdout)[0]["items"] == 1_000


@pytest.mark.parametrize("bad_date", BAD_DATES)
def test_json_import_with_an_impossible_date_is_one_line(tmp_path: Path, bad_date: str) -> None:
    db = tmp_path / "meetings.sqlite"
    demo_store(db)
    before = db.read_bytes()
    data = meeting_json(meeting_of_cases())
    data["meeting"]["date"] = bad_date
    proc = run_cli("import", _write(tmp_path, "bad-date", json.dumps(data)), "--db", db)
    assert_one_clear_line(proc, "date")
    with Store.open(db, readonly=True) as store:
        assert len(store.list_meetings()) == 1 and store.integrity_check() == ["ok"]
    assert db.read_bytes() == before


def test_json_import_with_impossible_dates_inside(tmp_path: Path) -> None:
    db = tmp_path / "meetings.sqlite"
    data = meeting_json(meeting_of_cases())
    data["items"][3]["actions"][0]["due"] = "2025-02-30"
    proc = run_cli("import", _write(tmp_path, "bad-due", json.dumps(data)), "--db", db)
    line = assert_one_clear_line(proc, "2025-02-30")
    assert "items" in line  # names where in the file the bad value is


@pytest.mark.parametrize("name, content", BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES])
def test_broken_meeting_files_are_one_line(tmp_path: Path, name: str, content: bytes) -> None:
    db = tmp_path / "meetings.sqlite"
    demo_store(db)
    before = db.read_bytes()
    proc = run_cli("import", _write(tmp_path, name, content), "--db", db)
    assert_one_clear_line(proc, name)  # the message names the file
    assert db.read_bytes() == before
