from __future__ import annotations

from sspclerk.sync import sync_store
from tests.conftest import demo_meeting


def test_a_meeting_goes_from_one_laptop_to_another(team, laptop) -> None:
    a, b = laptop("a"), laptop("b")
    mid = a.add_meeting(demo_meeting())
    report = sync_store(a, team.address("alice"))
    assert report.sent.rows["meetings"] == 1
    report_b = sync_store(b, team.address("carol"))
    assert report_b.received.rows["meetings"] == 1
    assert a.shared_snapshot() == b.shared_snapshot()
    [bm] = b.list_meetings()
    assert [i.number for i in b.load_meeting(bm.id).items] == [
        i.number for i in a.load_meeting(mid).items
    ]


def test_a_big_pull_indexes_search_as_typing_does(team, laptop) -> None:
    """Over 50 items the pull rebuilds the search index in bulk; it must find the same."""
    import datetime as dt

    a, b = laptop("a"), laptop("b")
    for k in range(5):
        meeting = demo_meeting()
        meeting.date = dt.date(2025, 7, 23) + dt.timedelta(days=7 * k)
        a.add_meeting(meeting)
    sync_store(a, team.address("alice"))
    sync_store(b, team.address("carol"))
    for words in ("crime", "knife crime", "Harmony", "evacuation"):
        found_a = sorted((h.item_number, h.item_title, h.snippet) for h in a.search(words))
        found_b = sorted((h.item_number, h.item_title, h.snippet) for h in b.search(words))
        assert found_a == found_b and found_a, words
