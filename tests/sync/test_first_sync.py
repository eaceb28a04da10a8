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
