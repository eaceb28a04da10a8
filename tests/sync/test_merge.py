"""Two laptops changing the same meeting while apart, then syncing in either order."""

from __future__ import annotations

import time

import pytest

from sspclerk.core.model import AgendaItem, Outcome
from sspclerk.sync import sync_store
from tests.conftest import demo_meeting


def settle(team, *pairs) -> None:
    """Sync every laptop until nothing moves (each sync runs its own rounds)."""
    for _ in range(3):
        for store, clerk in pairs:
            sync_store(store, team.address(clerk))
    for store, _ in pairs:
        assert store.sync_state().waiting == 0


def shared_meeting(team, laptop):
    """Laptops a and b, both holding the demo meeting from the server."""
    a, b = laptop("a"), laptop("b")
    a.add_meeting(demo_meeting())
    sync_store(a, team.address("alice"))
    sync_store(b, team.address("carol"))
    [mb] = b.list_meetings()
    [ma] = a.list_meetings()
    return a, b, ma.id, mb.id


def item_by_title(store, meeting_id, title):
    return next(i for i in store.load_meeting(meeting_id).items if i.title == title)


@pytest.mark.parametrize("first", ["a", "b"])
def test_both_clerks_items_are_kept_and_numbers_differ(team, laptop, first) -> None:
    a, b, ma, mb = shared_meeting(team, laptop)
    # The demo meeting's agenda is published: its numbers are frozen, so the two new
    # items are urgent business, each taking "the next number" on its own laptop.
    a.add_item(ma, AgendaItem("", "Item from A", urgent_reason="Chair agreed"))
    b.add_item(mb, AgendaItem("", "Item from B", urgent_reason="Chair agreed"))
    assert item_by_title(a, ma, "Item from A").number == item_by_title(b, mb, "Item from B").number
    order = [(a, "alice"), (b, "carol")] if first == "a" else [(b, "carol"), (a, "alice")]
    settle(team, *order)
    assert a.shared_snapshot() == b.shared_snapshot()
    for store, mid in ((a, ma), (b, mb)):
        items = store.load_meeting(mid).items
        titles = [i.title for i in items]
        assert "Item from A" in titles and "Item from B" in titles
        numbers = [i.number for i in items]
        assert len(numbers) == len(set(numbers)), numbers
        assert store.provisional_numbers(mid) == []


def test_different_fields_of_one_item_both_survive(team, laptop) -> None:
    a, b, ma, mb = shared_meeting(team, laptop)
    title = "Domestic Abuse Strategy Update / DHR Recommendations"
    ia, ib = item_by_title(a, ma, title), item_by_title(b, mb, title)
    a.set_item_fields(ia.id, minutes="Notes typed by A.")
    b.add_outcome(ib.id, Outcome("AGREED that B's outcome is recorded."))
    settle(team, (a, "alice"), (b, "carol"))
    for store, mid in ((a, ma), (b, mb)):
        item = item_by_title(store, mid, title)
        assert item.minutes == "Notes typed by A."
        assert "AGREED that B's outcome is recorded." in [o.text for o in item.outcomes]
    assert a.shared_snapshot() == b.shared_snapshot()


def test_the_same_notes_typed_on_two_laptops_keep_both(team, laptop) -> None:
    a, b, ma, mb = shared_meeting(team, laptop)
    title = "Domestic Abuse Strategy Update / DHR Recommendations"
    ia, ib = item_by_title(a, ma, title), item_by_title(b, mb, title)
    a.set_item_fields(ia.id, minutes="A's version of the notes.")
    time.sleep(0.01)
    b.set_item_fields(ib.id, minutes="B's later version of the notes.")
    sync_store(b, team.address("carol"))
    report = sync_store(a, team.address("alice"))
    assert report.conflicts == 1
    settle(team, (a, "alice"), (b, "carol"))
    for store, mid in ((a, ma), (b, mb)):
        item = item_by_title(store, mid, title)
        assert item.minutes == "B's later version of the notes."  # the later typing wins
        marked = [v for v in store.item_history(item.id, "minutes") if v.elsewhere]
        assert [v.text for v in marked] == ["A's version of the notes."]
        assert marked[0].elsewhere == "alice"
        assert len(store.changed_elsewhere(item.id)) == 1
    assert a.shared_snapshot() == b.shared_snapshot()
    # Putting the other version back resolves the mark, on both laptops.
    [open_one] = a.changed_elsewhere()
    a.restore_version(open_one["history_id"])
    settle(team, (a, "alice"), (b, "carol"))
    assert a.changed_elsewhere() == [] and b.changed_elsewhere() == []
    assert item_by_title(b, mb, title).minutes == "A's version of the notes."


def test_an_edit_wins_over_a_removal_it_had_not_seen(team, laptop) -> None:
    a, b, ma, mb = shared_meeting(team, laptop)
    title = "Domestic Abuse Strategy Update / DHR Recommendations"
    a.remove_item(item_by_title(a, ma, title).id)
    b.set_item_fields(item_by_title(b, mb, title).id, minutes="B kept typing here.")
    settle(team, (a, "alice"), (b, "carol"))
    for store, mid in ((a, ma), (b, mb)):
        assert item_by_title(store, mid, title).minutes == "B kept typing here."
    assert a.shared_snapshot() == b.shared_snapshot()


def test_a_removal_seen_by_everyone_goes_everywhere(team, laptop) -> None:
    a, b, ma, mb = shared_meeting(team, laptop)
    title = "Domestic Abuse Strategy Update / DHR Recommendations"
    a.remove_item(item_by_title(a, ma, title).id)
    settle(team, (a, "alice"), (b, "carol"))
    assert title not in [i.title for i in b.load_meeting(mb).items]
    assert a.shared_snapshot() == b.shared_snapshot()


def test_two_new_meetings_of_one_committee_number_on(team, laptop) -> None:
    import datetime as dt

    a, b, ma, mb = shared_meeting(team, laptop)
    a.create_meeting("SSP", dt.date(2025, 9, 24))
    b.create_meeting("SSP", dt.date(2025, 11, 19))
    settle(team, (a, "alice"), (b, "carol"))
    assert a.shared_snapshot() == b.shared_snapshot()
    numbers = [
        n for m in a.list_meetings() for n in (i.number for i in a.load_meeting(m.id).items) if n
    ]
    assert len(numbers) == len(set(numbers))


# Three orders here (each laptop first once); test_interleavings.py tries random ones.
@pytest.mark.parametrize("order", ["abc", "bca", "cab"])
def test_three_laptops_in_any_order_end_equal(team, laptop, order) -> None:
    a, b, ma, mb = shared_meeting(team, laptop)
    c = laptop("c")
    sync_store(c, team.address("alice"))
    [mc] = c.list_meetings()
    stores = {"a": (a, ma, "alice"), "b": (b, mb, "carol"), "c": (c, mc.id, "alice")}
    for name, (store, mid, _) in stores.items():
        store.add_item(mid, AgendaItem("", f"Urgent from {name}", urgent_reason="Chair"))
    settle(team, *[(stores[n][0], stores[n][2]) for n in order])
    snaps = [s.shared_snapshot() for s, _, _ in stores.values()]
    assert snaps[0] == snaps[1] == snaps[2]
    numbers = [i.number for i in a.load_meeting(ma).items]
    assert len(numbers) == len(set(numbers))


def test_minutes_approved_elsewhere_are_not_changed_by_a_late_edit(team, laptop) -> None:
    import datetime as dt

    a, b, ma, mb = shared_meeting(team, laptop)
    change = a.create_meeting("SSP", dt.date(2025, 9, 24))
    sync_store(a, team.address("alice"))
    sync_store(b, team.address("carol"))
    title = "Knife Crime Action Plan"
    before = item_by_title(a, ma, title).minutes
    a.approve_minutes(change.meeting_id, ma)
    sync_store(a, team.address("alice"))
    # b had not seen the approval when its clerk edited the July notes.
    b.set_item_fields(item_by_title(b, mb, title).id, minutes="A late edit on b.")
    report = sync_store(b, team.address("carol"))
    assert any("approved on another laptop" in note for note in report.notes), report.notes
    settle(team, (a, "alice"), (b, "carol"))
    for store, mid in ((a, ma), (b, mb)):
        item = item_by_title(store, mid, title)
        assert item.minutes == before  # the approved record stands
        kept = [v for v in store.item_history(item.id, "minutes") if v.elsewhere]
        assert [v.text for v in kept] == ["A late edit on b."]
        assert store.is_locked(mid)
    assert a.shared_snapshot() == b.shared_snapshot()
