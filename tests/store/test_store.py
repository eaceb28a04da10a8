"""The store: round trips, pragmas, cleaning at the write boundary, search, history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sspclerk.core.model import Action, AgendaItem, Attendance, Declaration, Outcome, Role
from sspclerk.core.text import clean_text
from sspclerk.export.meeting_json import meeting_to_json
from sspclerk.store import NotFoundError, Store, StoreUnavailableError
from tests.conftest import demo_meeting


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path) as s:
        yield s


def test_demo_round_trips_exactly(store: Store, demo) -> None:
    meeting_id = store.add_meeting(demo)
    with Store.open(store.path) as fresh:
        loaded = fresh.load_meeting(meeting_id)
    assert meeting_to_json(loaded) == meeting_to_json(demo)
    assert [i.number for i in loaded.items] == [f"SSP/{n}/25" for n in range(12, 25)]
    assert [i.number for i in loaded.items if i.restricted] == ["SSP/23/25", "SSP/24/25"]


def test_store_file_is_wal_with_full_sync(store: Store, demo) -> None:
    store.add_meeting(demo)
    p = store.pragmas()
    assert p["journal_mode"] == "wal"
    assert p["synchronous"] == 2  # FULL
    assert p["foreign_keys"] == 1
    assert store.integrity_check() == ["ok"]
    # WAL is a property of the file: a plain sqlite3 connection sees it too
    raw = sqlite3.connect(store.path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_every_piece_of_a_meeting_is_stored(store: Store, demo) -> None:
    demo.attendance = [
        Attendance("Cllr Ann Example", "SBC", Role.CHAIR),
        Attendance("Jo Sub", role=Role.SUBSTITUTE, substitute_for="Cllr Ann Example"),
    ]
    demo.declarations = [Declaration("Cllr Ann Example", "SSP/15/25", nature="Lives in the ward")]
    demo.items[3].actions = [Action("Share the mapping tool", "Curv", dt.date(2025, 8, 1))]
    mid = store.add_meeting(demo)
    loaded = store.load_meeting(mid)
    assert meeting_to_json(loaded) == meeting_to_json(demo)


def test_item_edits_are_cleaned_and_kept(store: Store, demo) -> None:
    mid = store.add_meeting(demo)
    item = store.load_meeting(mid).items[3]
    store.set_item_fields(
        item.id, minutes="Pasted\x0bfrom Word\x07 with \ud800 junk\x00", title="New\ntitle"
    )
    again = store.load_meeting(mid).items[3]
    assert again.minutes == "Pasted\nfrom Word with  junk"
    assert again.title == "New title"


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.one_of(
            st.characters(exclude_categories=()),  # every code point, lone surrogates included
            st.sampled_from(
                ["\x0b", "\x0c", "\x07", "\x00", "\r", "\n", "\ud83d", "\u2028", "😀", "ŵ"]
            ),
        ),
        max_size=200,
    )
)
def test_any_pasted_string_is_stored_as_its_cleaned_form(store: Store, text: str) -> None:
    if not getattr(store, "_item", None):
        mid = store.add_meeting(demo_meeting())
        store._item = store.load_meeting(mid).items[0].id  # type: ignore[attr-defined]
    item_id = store._item  # type: ignore[attr-defined]
    store.set_item_fields(item_id, minutes=text, public_summary=text)
    row = store.conn.execute(
        "SELECT minutes, public_summary FROM items WHERE id = ?", [item_id]
    ).fetchone()
    assert row == (clean_text(text), clean_text(text))


def test_outcomes_actions_attendance_declarations(store: Store, demo) -> None:
    mid = store.add_meeting(demo)
    item = store.load_meeting(mid).items[4]
    oid = store.add_outcome(item.id, Outcome("AGREED to note the update."))
    aid = store.add_action(
        item.id, Action("Circulate the NPG guidance", "Police", dt.date(2025, 9, 1))
    )
    pid = store.add_attendance(mid, Attendance("Cllr Example", "SBC"))
    did = store.add_declaration(
        mid, Declaration("Cllr Example", item.number, nature="Employed by the force")
    )
    loaded = store.load_meeting(mid)
    assert [o.text for o in loaded.items[4].outcomes][-1] == "AGREED to note the update."
    assert loaded.items[4].actions[0].owner == "Police"
    assert loaded.attendance[0].name == "Cllr Example"
    assert loaded.declarations[0].item == item.number
    store.remove_outcome(oid)
    store.remove_action(aid)
    store.remove_attendance(pid)
    store.remove_declaration(did)
    loaded = store.load_meeting(mid)
    assert len(loaded.items[4].outcomes) == 1 and not loaded.items[4].actions
    assert not loaded.attendance and not loaded.declarations
    with pytest.raises(NotFoundError):
        store.remove_outcome(oid)
    with pytest.raises(ValueError, match="needs a name"):
        store.add_attendance(mid, Attendance("   "))


def test_search_finds_titles_minutes_outcomes_and_actions(store: Store, demo) -> None:
    mid = store.add_meeting(demo)
    item = store.load_meeting(mid).items[5]
    store.add_action(item.id, Action("Send the zebracrossing survey", "Highways"))
    assert [h.item_number for h in store.search("knife crime")][0] == "SSP/17/25"
    assert store.search("zebracross")[0].item_number == "SSP/17/25"  # prefix match, actions indexed
    hit = store.search("Hartlepool")[0]
    assert hit.item_number == "SSP/14/25"
    assert "[Hartlepool]" in hit.snippet_marked()
    # hostile queries are words, not FTS syntax
    for query in ['"', "AND", "OR (", "*", "NEAR(", "-x", "^"]:
        store.search(query)
    assert store.search("   ") == []


def test_search_follows_edits(store: Store, demo) -> None:
    mid = store.add_meeting(demo)
    item = store.load_meeting(mid).items[0]
    assert store.search("Zyzzyva") == []
    store.set_item_fields(item.id, minutes="A Zyzzyva was noted.")
    assert [h.item_id for h in store.search("zyzzyva")] == [item.id]
    store.set_item_fields(item.id, minutes="Nothing now.")
    assert store.search("zyzzyva") == []


def test_history_coalesces_autosaves_and_restores(db_path: Path, demo) -> None:
    now = [dt.datetime(2025, 7, 23, 9, 0, 0)]
    store = Store.open(db_path, clock=lambda: now[0])
    mid = store.add_meeting(demo)
    item_id = store.load_meeting(mid).items[0].id
    for i, text in enumerate(["a", "ab", "abc"]):  # three autosaves within a minute
        now[0] = dt.datetime(2025, 7, 23, 9, 0, i * 10)
        store.set_item_fields(item_id, minutes=text)
    now[0] = dt.datetime(2025, 7, 23, 9, 5)
    store.set_item_fields(item_id, minutes="abc later")
    versions = store.item_history(item_id)
    assert [v.text for v in versions] == ["abc", "abc later"]
    now[0] = dt.datetime(2025, 7, 23, 9, 10)
    store.restore_version(versions[0].id)
    assert store.load_meeting(mid).items[0].minutes == "abc"
    assert [v.text for v in store.item_history(item_id)] == ["abc", "abc later", "abc"]
    store.close()


def test_live_meeting_stamps(db_path: Path, demo) -> None:
    now = [dt.datetime(2025, 7, 23, 9, 0)]
    store = Store.open(db_path, clock=lambda: now[0])
    mid = store.add_meeting(demo)
    ids = [i.id for i in store.load_meeting(mid).items]
    store.start_meeting(mid)
    store.start_item(ids[0])
    now[0] = dt.datetime(2025, 7, 23, 9, 4)
    store.start_item(ids[1])
    m = store.load_meeting(mid)
    assert m.status.value == "in session" and m.started_at == dt.datetime(2025, 7, 23, 9, 0)
    assert m.items[0].ended_at == dt.datetime(2025, 7, 23, 9, 4)
    assert m.current_item() is not None and m.current_item().id == ids[1]
    now[0] = dt.datetime(2025, 7, 23, 11, 0)
    store.close_meeting(mid)
    m = store.load_meeting(mid)
    assert m.ended_at == dt.datetime(2025, 7, 23, 11, 0) and m.current_item() is None
    store.close()


def test_items_add_move_remove(store: Store, demo) -> None:
    mid = store.add_meeting(demo)
    new_id = store.add_item(
        mid, AgendaItem("", "Urgent item", urgent_reason="Chair agreed"), position=1
    )
    assert [i.title for i in store.load_meeting(mid).items][:3] == [
        "Evacuation Procedure",
        "Urgent item",
        "Declarations of Interest",
    ]
    store.move_item(new_id, 99)
    assert store.load_meeting(mid).items[-1].title == "Urgent item"
    store.remove_item(new_id)
    assert len(store.load_meeting(mid).items) == 13


def test_documents_are_kept_in_the_store(store: Store, demo) -> None:
    from sspclerk.core.model import Document

    mid = store.add_meeting(demo)
    item = store.load_meeting(mid).items[3]
    doc_id = store.attach_document(
        item.id, Document("Crime report", "crime.pdf", page_count=3), b"%PDF-1.7 fake"
    )
    doc = store.load_meeting(mid).items[3].documents[-1]
    assert (doc.id, doc.size_bytes, doc.page_count) == (doc_id, 13, 3)
    assert store.document_content(doc.sha256) == b"%PDF-1.7 fake"
    store.detach_document(doc_id)
    with pytest.raises(NotFoundError):
        store.document_content(doc.sha256)


def test_the_same_file_twice_on_one_item_is_refused(store: Store, demo) -> None:
    from sspclerk.core.model import Document
    from sspclerk.store import StoreError

    mid = store.add_meeting(demo)
    first, second = store.load_meeting(mid).items[3:5]
    store.attach_document(first.id, Document("Crime report", "crime.pdf"), b"%PDF-1.7 same")
    with pytest.raises(
        StoreError, match=r"crime\(1\)\.pdf is already attached to SSP/15/25 as “Crime report”"
    ):
        store.attach_document(first.id, Document("Copy", "crime(1).pdf"), b"%PDF-1.7 same")
    assert [d.title for d in store.load_meeting(mid).items[3].documents if d.sha256] == [
        "Crime report"
    ]
    # The same paper on another item is the clerk's choice (an appendix to both).
    store.attach_document(second.id, Document("Crime report", "crime.pdf"), b"%PDF-1.7 same")
    assert [d.title for d in store.load_meeting(mid).items[4].documents if d.sha256] == [
        "Crime report"
    ]


def test_read_only_store_refuses_writes_clearly(db_path: Path, demo) -> None:
    with Store.open(db_path) as s:
        mid = s.add_meeting(demo)
    with Store.open(db_path, readonly=True) as ro:
        assert ro.load_meeting(mid).items
        with pytest.raises(StoreUnavailableError, match="read-only"):
            ro.set_item_fields(ro.load_meeting(mid).items[0].id, minutes="x")


def test_backup_is_a_verified_sqlite_copy(store: Store, demo, tmp_path: Path) -> None:
    store.add_meeting(demo)
    target = store.backup(tmp_path / "backup.sqlite")
    with Store.open(target) as copy:
        assert copy.integrity_check() == ["ok"]
        assert len(copy.list_meetings()) == 1
