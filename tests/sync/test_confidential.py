"""Who sees what: a clerk without the confidential grant never receives a restricted
item's confidential text — checked on the bytes of their SQLite file — and cannot
overwrite it.  bob has no grant; alice and carol have it (tests/sync/pg.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sspclerk.core.model import (
    Action,
    AgendaItem,
    Declaration,
    Document,
    Outcome,
)
from sspclerk.sync import sync_store
from tests.conftest import demo_meeting

CANARIES = {
    "minutes": "CANARY-MINUTES-7f3a",
    "agenda_text": "CANARY-AGENDA-91bc",
    "urgent_reason": "CANARY-URGENT-5e20",
    "outcome": "CANARY-OUTCOME-c4d1",
    "action": "CANARY-ACTION-0a9e",
    "declaration": "CANARY-DECLARATION-33f7",
    "paper": "CANARY-PAPER-b8e6",
    "unplaced": "CANARY-UNPLACED-6d42",
}


def file_bytes(store) -> bytes:
    """Everything the clerk's store holds on disk: the file and its write-ahead log."""
    path = Path(store.path)
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def assert_no_canary(store) -> None:
    data = file_bytes(store)
    leaked = [name for name, text in CANARIES.items() if text.encode() in data]
    assert leaked == [], f"confidential text reached the store: {leaked}"


def restricted_meeting(alice_store) -> tuple[int, int]:
    meeting = demo_meeting()
    meeting.unplaced_text = f"Text the importer could not place {CANARIES['unplaced']}"
    mid = alice_store.add_meeting(meeting)
    alice_store.set_meeting_status(mid, "draft")
    item_id = alice_store.add_item(
        mid,
        AgendaItem(
            "",
            "Exempt Case Review",
            agenda_text=f"Report on a named family {CANARIES['agenda_text']}",
            minutes=f"The partnership discussed {CANARIES['minutes']}",
            restricted=True,
            restriction_reason="Information relating to an individual",
            exempt_paragraph=1,
            public_summary="A case was reviewed.",
            urgent_reason=f"Chair's reason {CANARIES['urgent_reason']}",
        ),
    )
    alice_store.add_outcome(item_id, Outcome(f"AGREED {CANARIES['outcome']}"))
    alice_store.add_action(item_id, Action(f"Contact {CANARIES['action']}", "Officer"))
    number = next(i.number for i in alice_store.load_meeting(mid).items if i.id == item_id)
    alice_store.add_declaration(
        mid, Declaration("Cllr Jones", number, nature=f"Related {CANARIES['declaration']}")
    )
    pdf = b"%PDF-1.4\n% " + CANARIES["paper"].encode() + b"\n%%EOF\n"
    alice_store.attach_document(item_id, Document("Case file", "case.pdf", page_count=1), pdf)
    return mid, item_id


def test_a_clerk_without_the_grant_gets_the_public_version_only(team, laptop) -> None:
    alice, bob = laptop("alice"), laptop("bob")
    mid, item_id = restricted_meeting(alice)
    sync_store(alice, team.address("alice"))
    report = sync_store(bob, team.address("bob"))
    assert report.received.rows["meetings"] == 1
    assert_no_canary(bob)
    [m] = bob.list_meetings()
    item = next(i for i in bob.load_meeting(m.id).items if i.title == "Exempt Case Review")
    # Exactly the public view of core/audience.py.
    assert item.restricted
    assert item.public_summary == "A case was reviewed."
    assert item.restriction_reason == "Information relating to an individual"
    assert item.exempt_paragraph == 1
    assert (item.minutes, item.agenda_text, item.urgent_reason) == ("", "", "")
    assert item.outcomes == [] and item.actions == [] and item.documents == []
    assert item.number not in [d.item for d in bob.load_meeting(m.id).declarations]
    # Everything else of the meeting came across.
    public_titles = [i.title for i in alice.load_meeting(mid).items]
    assert [i.title for i in bob.load_meeting(m.id).items] == public_titles
    # A granted clerk gets it all, the paper included.
    carol = laptop("carol")
    sync_store(carol, team.address("carol"))
    [mc] = carol.list_meetings()
    whole = next(i for i in carol.load_meeting(mc.id).items if i.title == "Exempt Case Review")
    assert CANARIES["minutes"] in whole.minutes
    assert CANARIES["paper"].encode() in carol.document_content(whole.documents[0].sha256)


def test_restricting_an_item_later_withdraws_it_from_ungranted_laptops(team, laptop) -> None:
    alice, bob = laptop("alice"), laptop("bob")
    mid = alice.add_meeting(demo_meeting())
    sync_store(alice, team.address("alice"))
    sync_store(bob, team.address("bob"))
    title = "Knife Crime Action Plan"
    item = next(i for i in alice.load_meeting(mid).items if i.title == title)
    alice.set_item_fields(item.id, minutes="A draft read while it was public.")
    sync_store(alice, team.address("alice"))
    sync_store(bob, team.address("bob"))
    alice.set_item_fields(item.id, restricted=True, minutes=f"Now secret {CANARIES['minutes']}")
    alice.add_outcome(item.id, Outcome(f"AGREED {CANARIES['outcome']}"))
    sync_store(alice, team.address("alice"))
    sync_store(bob, team.address("bob"))
    assert_no_canary(bob)
    [m] = bob.list_meetings()
    gone = next(i for i in bob.load_meeting(m.id).items if i.title == title)
    assert gone.restricted and gone.minutes == "" and gone.outcomes == []
    # Its text is confidential now: the versions bob saw while it was public go too.
    assert bob.item_history(gone.id, "minutes") == []
    # Lifted again by a granted clerk: bob gets the whole item back.
    alice.set_item_fields(item.id, restricted=False)
    sync_store(alice, team.address("alice"))
    sync_store(bob, team.address("bob"))
    back = next(i for i in bob.load_meeting(m.id).items if i.title == title)
    assert CANARIES["minutes"] in back.minutes
    assert f"AGREED {CANARIES['outcome']}" in [o.text for o in back.outcomes]


def test_an_ungranted_clerk_cannot_overwrite_confidential_text(team, laptop) -> None:
    alice, bob = laptop("alice"), laptop("bob")
    mid, item_id = restricted_meeting(alice)
    sync_store(alice, team.address("alice"))
    sync_store(bob, team.address("bob"))
    [m] = bob.list_meetings()
    theirs = next(i for i in bob.load_meeting(m.id).items if i.title == "Exempt Case Review")
    bob.set_item_fields(theirs.id, minutes="Bob typed over it", restricted=False)
    bob.set_item_fields(theirs.id, public_summary="A case was reviewed (bob).")
    report = sync_store(bob, team.address("bob"))
    assert any("restricted item" in note for note in report.notes), report.notes
    assert any("lifting its restriction" in note for note in report.notes), report.notes
    # The public field went through; the confidential ones did not.
    sync_store(alice, team.address("alice"))
    mine = next(i for i in alice.load_meeting(mid).items if i.id == item_id)
    assert CANARIES["minutes"] in mine.minutes and mine.restricted
    assert mine.public_summary == "A case was reviewed (bob)."
    # bob's own text is not lost: it is in his item history; his screen shows the public view.
    after = next(i for i in bob.load_meeting(m.id).items if i.title == "Exempt Case Review")
    assert after.minutes == "" and after.restricted
    assert "Bob typed over it" in [v.text for v in bob.item_history(after.id, "minutes")]
    assert bob.sync_state().waiting == 0
    assert_no_canary(bob)


def test_the_server_itself_refuses_an_ungranted_role(team, tmp_path) -> None:
    """Not the client's good manners: bob's own SQL cannot read or lift it either."""
    import psycopg

    from sspclerk.store import Store

    with Store.open(tmp_path / "alice.sqlite") as store:
        restricted_meeting(store)
        sync_store(store, team.address("alice"))
    with psycopg.connect(team.address("bob").connect_info()) as conn:
        rows = conn.execute("SELECT minutes FROM sspclerk.item_bodies").fetchall()
        assert rows and not any(CANARIES["minutes"] in (r[0] or "") for r in rows)
        assert (
            conn.execute(
                "SELECT count(*) FROM sspclerk.outcomes o JOIN sspclerk.items i"
                " ON i.uid = o.item WHERE i.restricted = 1"
            ).fetchone()[0]
            == 0
        )
        files = conn.execute("SELECT content FROM sspclerk.files").fetchall()
        assert not any(CANARIES["paper"].encode() in bytes(f[0]) for f in files)
        updated = conn.execute(
            "UPDATE sspclerk.item_bodies SET minutes = 'x' WHERE minutes LIKE %s",
            [f"%{CANARIES['minutes']}%"],
        ).rowcount
        assert updated == 0
        try:
            conn.execute("UPDATE sspclerk.items SET restricted = 0 WHERE restricted = 1")
        except psycopg.errors.InsufficientPrivilege:
            pass
        else:
            raise AssertionError("an ungranted role lifted a restriction")


def test_dates_survive_the_round_trip(team, laptop) -> None:
    alice, bob = laptop("alice"), laptop("carol")
    mid = alice.add_meeting(demo_meeting())
    alice.set_meeting_fields(mid, start_time=dt.time(9, 30))
    sync_store(alice, team.address("alice"))
    sync_store(bob, team.address("carol"))
    [m] = bob.list_meetings()
    assert bob.load_meeting(m.id).start_time == dt.time(9, 30)
    assert bob.load_meeting(m.id).date == alice.load_meeting(mid).date
