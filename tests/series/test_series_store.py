"""Store operations across meetings: new meeting, numbering, publication, urgent items."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from sspclerk.core.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Committee,
    Declaration,
    Member,
    Role,
    StandingItem,
)
from sspclerk.core.series import NO_PREVIOUS_MEETING
from sspclerk.store import NotFoundError, RuleError, Store
from sspclerk.store.schema import CURRENT_VERSION, V1, V2

D = dt.date


def numbers(store: Store, meeting_id: int) -> list[str]:
    return [i.number for i in store.load_meeting(meeting_id).items]


def titles(store: Store, meeting_id: int) -> list[str]:
    return [i.title for i in store.load_meeting(meeting_id).items]


def test_new_meeting_continues_the_demo_numbers(store, demo_id):
    change = store.create_meeting("SSP", D(2025, 9, 24), dt.time(9, 0), "Council Chamber")
    m = store.load_meeting(change.meeting_id)
    assert [i.number for i in m.items] == ["SSP/25/25", "SSP/26/25", "SSP/27/25", "SSP/28/25"]
    assert m.items[2].agenda_text == (
        "To approve the minutes of the meeting held on Wednesday 23rd July 2025"
    )
    assert "xxx" not in m.items[2].agenda_text
    assert m.start_time == dt.time(9, 0) and m.venue == "Council Chamber"
    assert m.status.value == "draft"


def test_membership_and_standing_items_come_from_the_committee(store):
    store.save_committee(
        Committee(
            name="Test Partnership",
            prefix="TP",
            members=[
                Member("Cllr Anna Nowak", "Borough Council", Role.CHAIR),
                Member("Dafydd ap Gwilym", "Police", Role.MEMBER),
            ],
            standing_items=[
                StandingItem("Apologies"),
                StandingItem("Minutes of the previous meeting"),
                StandingItem("Any Other Business"),
            ],
        )
    )
    m = store.load_meeting(store.create_meeting("TP", D(2025, 6, 4)).meeting_id)
    assert [(a.name, a.organisation, a.role) for a in m.attendance] == [
        ("Cllr Anna Nowak", "Borough Council", Role.CHAIR),
        ("Dafydd ap Gwilym", "Police", Role.MEMBER),
    ]
    assert titles(store, m.id) == [
        "Apologies",
        "Minutes of the previous meeting",
        "Any Other Business",
    ]
    assert m.items[1].agenda_text == NO_PREVIOUS_MEETING
    assert [i.number for i in m.items] == ["TP/1/25", "TP/2/25", "TP/3/25"]


def test_year_boundary_restarts_at_one_with_the_new_suffix(store, demo_id):
    jan = store.create_meeting("SSP", D(2026, 1, 21)).meeting_id
    may = store.create_meeting("SSP", D(2026, 5, 20)).meeting_id
    assert numbers(store, jan)[0] == "SSP/25/25"  # January: still the 2025 year
    assert numbers(store, may) == ["SSP/1/26", "SSP/2/26", "SSP/3/26", "SSP/4/26"]
    apr = store.create_meeting("SSP", D(2026, 4, 30)).meeting_id
    assert numbers(store, apr)[0] == "SSP/29/25"
    assert numbers(store, may)[0] == "SSP/1/26"  # another year: untouched


def test_a_meeting_dated_before_the_latest_is_allowed_and_numbers_follow_dates(store, demo_id):
    sept = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    change = store.create_meeting("SSP", D(2025, 9, 10))
    aug = change.meeting_id
    assert numbers(store, aug) == ["SSP/25/25", "SSP/26/25", "SSP/27/25", "SSP/28/25"]
    assert numbers(store, sept) == ["SSP/29/25", "SSP/30/25", "SSP/31/25", "SSP/32/25"]
    assert change.other_meetings == (sept,)
    assert change.warnings  # the clerk is told later agendas moved
    # And the later meeting's previous minutes now name the inserted meeting.
    assert store.load_meeting(sept).items[2].agenda_text.endswith("Wednesday 10th September 2025")
    assert store.previous_meeting_id(sept) == aug


def test_numbers_follow_the_order_until_published(store, demo_id):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    report = store.add_item(mid, AgendaItem("", "Serious Violence Duty"), 3)
    assert numbers(store, mid) == ["SSP/25/25", "SSP/26/25", "SSP/27/25", "SSP/28/25", "SSP/29/25"]
    assert titles(store, mid)[3] == "Serious Violence Duty"
    store.move_item(report, 0)
    m = store.load_meeting(mid)
    assert (m.items[0].title, m.items[0].number) == ("Serious Violence Duty", "SSP/25/25")
    store.remove_item(m.items[1].id)
    assert numbers(store, mid) == ["SSP/25/25", "SSP/26/25", "SSP/27/25", "SSP/28/25"]


def test_declarations_follow_their_item_when_renumbered(store, demo_id):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    aob = store.load_meeting(mid).items[-1]
    store.add_declaration(mid, Declaration("Cllr Nowak", aob.number))
    store.add_item(mid, AgendaItem("", "Extra report"), 0)
    m = store.load_meeting(mid)
    assert m.declarations[0].item == m.items[-1].number == "SSP/29/25"


def test_published_numbers_are_frozen_and_urgent_items_need_a_reason(store, demo_id, snapshot):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    later = store.create_meeting("SSP", D(2025, 11, 19)).meeting_id
    change = store.publish_agenda(mid, D(2025, 9, 15))
    assert (change.deadline, change.late) == (D(2025, 9, 16), False)
    before = snapshot(store)
    with pytest.raises(RuleError, match="chair's reason"):
        store.add_item(mid, AgendaItem("", "Late report"))
    assert snapshot(store) == before
    urgent = store.add_item(
        mid, AgendaItem("", "Flooding", urgent_reason="Storm damage on 20th"), 2
    )
    m = store.load_meeting(mid)
    assert [i.number for i in m.items] == [
        "SSP/25/25",
        "SSP/26/25",
        "SSP/29/25",
        "SSP/27/25",
        "SSP/28/25",
    ]
    got = next(i for i in m.items if i.id == urgent)
    assert got.number == "SSP/29/25" and got.urgent_reason == "Storm damage on 20th"
    # Frozen: moving and removing never renumber a published agenda.
    store.move_item(urgent, 0)
    store.remove_item(m.items[0].id)
    assert numbers(store, mid) == ["SSP/29/25", "SSP/26/25", "SSP/27/25", "SSP/28/25"]
    # The later, unpublished meeting carries on after the published one.
    assert numbers(store, later)[0] == "SSP/30/25"


def test_urgent_number_after_publication_ignores_later_meetings(store, demo_id):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    store.create_meeting("SSP", D(2025, 11, 19))
    store.publish_agenda(mid, D(2025, 9, 1))
    iid = store.add_item(mid, AgendaItem("", "Urgent", urgent_reason="Chair agreed: deadline"))
    assert next(i.number for i in store.load_meeting(mid).items if i.id == iid) == "SSP/29/25"


def test_publishing_late_twice_and_after_the_meeting(store, demo_id):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    with pytest.raises(RuleError, match="after its meeting"):
        store.publish_agenda(mid, D(2025, 9, 25))
    change = store.publish_agenda(mid, D(2025, 9, 18))
    assert change.late and "late" in change.warnings[0]
    assert store.load_meeting(mid).agenda_published_on == D(2025, 9, 18)
    with pytest.raises(RuleError, match="already published"):
        store.publish_agenda(mid, D(2025, 9, 19))
    with pytest.raises(RuleError):
        store.publish_agenda(demo_id, D(2025, 7, 1))  # concluded long ago


def test_publishing_uses_the_clock_by_default(store, demo_id, clock):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    store.publish_agenda(mid)
    assert store.load_meeting(mid).agenda_published_on == clock.now.date()


def test_inserting_before_a_published_meeting_warns_of_clashes(store, demo_id):
    sept = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    store.publish_agenda(sept, D(2025, 9, 1))
    change = store.create_meeting("SSP", D(2025, 9, 10))
    assert numbers(store, sept)[0] == "SSP/25/25"  # published: kept
    assert any("SSP/25/25 is used more than once" in w for w in change.warnings)


def test_moving_a_meeting_date_renumbers(store, demo_id):
    a = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    b = store.create_meeting("SSP", D(2025, 11, 19)).meeting_id
    store.set_meeting_fields(b, date=D(2025, 8, 20))
    assert numbers(store, b)[0] == "SSP/25/25"
    assert numbers(store, a)[0] == "SSP/29/25"


def test_deleting_a_meeting_closes_the_gap(store, demo_id):
    a = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    b = store.create_meeting("SSP", D(2025, 11, 19)).meeting_id
    store.delete_meeting(a)
    assert numbers(store, b)[0] == "SSP/25/25"
    assert store.load_meeting(b).items[2].agenda_text.endswith("23rd July 2025")


@pytest.mark.parametrize(
    ("prefix", "day", "error", "message"),
    [
        ("NOPE", D(2025, 9, 24), NotFoundError, "known committees: SSP"),
        ("SSP", D(2025, 7, 23), RuleError, "already has a meeting"),
        ("SSP", "2025-02-30", RuleError, "not a date"),
    ],
)
def test_bad_new_meeting_changes_nothing(store, demo_id, prefix, day, error, message, snapshot):
    before = snapshot(store)
    with pytest.raises(error, match=message):
        store.create_meeting(prefix, day)
    assert snapshot(store) == before


def test_carrying_open_actions_forward(store, demo_id):
    demo = store.load_meeting(demo_id)
    knife = demo.item("SSP/17/25").id
    store.add_action(knife, Action("Share the action plan with schools", "Curv", D(2025, 9, 30)))
    done = store.add_action(knife, Action("Circulate slides", "Clerk"))
    store.set_action_status(done, ActionStatus.DONE)
    m = store.load_meeting(store.create_meeting("SSP", D(2025, 9, 24)).meeting_id)
    assert [i.title for i in m.items] == [
        "Evacuation Procedure",
        "Declarations of Interest",
        "Minutes",
        "Matters arising / action log",
        "Any Other Business",
    ]
    text = m.items[3].agenda_text
    assert "Share the action plan with schools" in text and "owner Curv" in text
    assert "due Tuesday 30th September 2025" in text and "SSP/17/25" in text
    assert "Circulate slides" not in text  # done: not carried
    log = store.action_log(open_only=True)
    assert [e.text for e in log] == ["Share the action plan with schools"]
    assert len(store.action_log()) == 2


def test_restricted_actions_are_counted_not_shown_on_the_public_agenda(store, demo_id):
    canary = "CANARY-ZX81 informant address"
    item = store.add_item(
        demo_id,
        AgendaItem("SSP/99/25", "Operation Lantern", restricted=True, urgent_reason="test fixture"),
    )
    store.add_action(item, Action(canary, "Police"))
    m = store.load_meeting(store.create_meeting("SSP", D(2025, 9, 24)).meeting_id)
    arising = m.items[3]
    assert canary not in arising.agenda_text
    assert "1 open action from restricted items" in arising.agenda_text
    assert [e.text for e in store.action_log(audience="confidential")] == [canary]
    assert store.action_log(audience="public") == []


def test_actions_without_any_open_give_no_matters_arising_item(store, demo_id):
    m = store.load_meeting(store.create_meeting("SSP", D(2025, 9, 24)).meeting_id)
    assert "Matters arising / action log" not in [i.title for i in m.items]


def test_search_finds_new_meeting_text_with_snippets(store, demo_id):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    item = store.load_meeting(mid).items[0].id
    store.set_item_fields(
        item, minutes="Fire marshals from Dunedin House explained the muster point."
    )
    hits = store.search("muster")
    assert [h.meeting_id for h in hits] == [mid]
    assert "[muster]" in hits[0].snippet_marked()
    assert {h.meeting_id for h in store.search("knife crime")} == {demo_id}


def test_history_restore_is_a_new_version(store, demo_id, clock):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    item = store.load_meeting(mid).items[1].id
    store.set_item_fields(item, minutes="First words.")
    clock.tick(minutes=5)
    store.set_item_fields(item, minutes="Second words.")
    first = store.item_history(item)[0]
    clock.tick(minutes=5)
    store.restore_version(first.id)
    versions = store.item_history(item)
    assert [v.text for v in versions] == ["First words.", "Second words.", "First words."]
    assert store.load_meeting(mid).items[1].minutes == "First words."


def test_a_version_2_store_is_upgraded_with_the_corrections_table(db_path):
    conn = sqlite3.connect(db_path)
    conn.executescript(V1 + V2 + "PRAGMA user_version = 2; PRAGMA application_id = 1397968963;")
    conn.close()
    with Store.open(db_path) as s:
        assert s.schema_version == CURRENT_VERSION
        assert s._read("SELECT count(*) FROM corrections")[0][0] == 0


def test_the_version_3_upgrade_keys_the_search_index_by_item(db_path):
    conn = sqlite3.connect(db_path)
    conn.executescript(V1 + V2 + "PRAGMA user_version = 2; PRAGMA application_id = 1397968963;")
    conn.execute("INSERT INTO committees (id, name, prefix) VALUES (1, 'Test', 'T')")
    conn.execute("INSERT INTO meetings (id, committee_id, date) VALUES (1, 1, '2025-07-23')")
    for item_id, title in [(7, "Knife crime plan"), (9, "Harmony project")]:
        conn.execute(
            "INSERT INTO items (id, meeting_id, position, title) VALUES (?, 1, 0, ?)",
            [item_id, title],
        )
        # Version 2 stores gave index rows their own rowids, unrelated to the item.
        conn.execute(
            "INSERT INTO search_index (rowid, item_id, meeting_id, title) VALUES (?, ?, 1, ?)",
            [item_id * 100, item_id, title],
        )
    conn.commit()
    conn.close()
    with Store.open(db_path) as s:
        rows = s._read("SELECT rowid, item_id FROM search_index ORDER BY rowid")
        assert [tuple(r) for r in rows] == [(7, 7), (9, 9)]
        s.set_item_fields(7, minutes="Edited minutes")
        s.set_item_fields(7, minutes="Edited minutes again")
        assert s._read("SELECT count(*) FROM search_index WHERE item_id = 7")[0][0] == 1
        assert [h.item_id for h in s.search("harmon")] == [9]


def test_whole_words_come_before_prefix_matches(store, demo_id):
    mid = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    first, second = (i.id for i in store.load_meeting(mid).items[:2])
    store.set_item_fields(first, minutes="The knifepoint robbery figures.")
    store.set_item_fields(second, minutes="A knife amnesty bin in Thornaby.")
    hits = [h.item_id for h in store.search("knife")]
    assert second in hits and first in hits
    assert hits.index(second) < hits.index(first)
    assert len(store.search("knife", limit=1)) == 1


def test_very_common_words_list_the_newest_matches_first(store, demo_id, monkeypatch):
    from sspclerk.store import search as search_module

    ids = []
    for day in (D(2025, 9, 24), D(2025, 11, 19)):
        mid = store.create_meeting("SSP", day).meeting_id
        ids.append(store.load_meeting(mid).items[0].id)
        store.set_item_fields(ids[-1], minutes="Partners discussed the muster point.")
    store.set_item_fields(store.load_meeting(demo_id).items[0].id, minutes="muster muster muster")
    ranked = [h.item_id for h in store.search("muster")]
    assert ranked[0] == store.load_meeting(demo_id).items[0].id  # most relevant first
    monkeypatch.setattr(search_module, "SEARCH_RANK_CAP", 1)
    newest = [h.item_id for h in store.search("muster")]
    assert newest[:2] == [ids[1], ids[0]]
    assert "\x02muster\x03" in store.search("muster")[0].snippet


def test_a_meeting_before_every_other_one(store):
    store.save_committee(Committee(name="Test Partnership", prefix="TP"))
    sept = store.create_meeting("TP", D(2025, 9, 3)).meeting_id
    change = store.create_meeting("TP", D(2025, 6, 4))
    june = change.meeting_id
    assert change.other_meetings == (sept,)
    assert "before the committee's latest meeting" in change.warnings[0]
    assert numbers(store, june)[0] == "TP/1/25" and numbers(store, sept)[0] == "TP/5/25"
    assert store.load_meeting(june).items[2].agenda_text == NO_PREVIOUS_MEETING
    assert store.load_meeting(sept).items[2].agenda_text.endswith("Wednesday 4th June 2025")


def test_the_clerks_own_previous_minutes_wording_is_not_overwritten(store, demo_id):
    sept = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    item = store.load_meeting(sept).items[2].id
    store.set_item_fields(item, agenda_text="To approve the minutes (tabled at the meeting)")
    store.create_meeting("SSP", D(2025, 9, 10))
    assert store.load_meeting(sept).items[2].agenda_text == (
        "To approve the minutes (tabled at the meeting)"
    )
