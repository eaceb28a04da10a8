"""The use cases the window and the command line share (sspclerk.meetings), on a
real store: which meeting a reference names, the demo, the check with the store's
previous meeting, and where a new agenda item goes."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.model import AgendaItem
from sspclerk.core.series import NewItem, item_to_add
from sspclerk.meetings import check_before_publishing, load_demo, meeting_id_for
from sspclerk.store import NotFoundError


def test_a_reference_names_one_meeting_or_says_why_not(store, demo_id):
    later = store.create_meeting("SSP", dt.date(2025, 9, 24)).meeting_id
    assert meeting_id_for(store, "latest") == meeting_id_for(store, " LATEST ") == later
    assert meeting_id_for(store, str(demo_id)) == demo_id
    # The window with no reference: the one last open while it exists, else the latest.
    assert meeting_id_for(store, None, last_open=str(demo_id)) == demo_id
    assert meeting_id_for(store, "", last_open="999") == later
    assert meeting_id_for(store, None, last_open="") == later
    with pytest.raises(NotFoundError, match="'SSP/12/25' is not a meeting id"):
        meeting_id_for(store, "SSP/12/25")
    with pytest.raises(NotFoundError, match="no meeting with id 999"):
        meeting_id_for(store, "999")
    with pytest.raises(NotFoundError, match="no meeting with id 99999999999999999999"):
        meeting_id_for(store, "99999999999999999999")  # beyond SQLite's integers
    assert meeting_id_for(store, None, last_open="99999999999999999999") == later
    assert store.has_meeting(demo_id) and not store.has_meeting(-1)


def test_an_empty_store_names_no_meeting(store):
    assert meeting_id_for(store, "latest") is None
    assert meeting_id_for(store, None, last_open="1") is None


def test_the_demo_is_loaded_once(store):
    first = load_demo(store)
    assert load_demo(store) == first
    (only,) = store.list_meetings()
    assert (only.id, only.date, only.item_count) == (first, dt.date(2025, 7, 23), 13)


def test_the_check_knows_the_previous_meeting_from_the_store(store, demo_id):
    later = store.create_meeting("SSP", dt.date(2025, 9, 24)).meeting_id
    meeting = store.load_meeting(later)
    minutes_item = next(i for i in meeting.items if "minutes" in i.title.lower())
    assert "23" in minutes_item.agenda_text  # the store wrote the real previous date
    assert not [f for f in check_before_publishing(store, meeting) if "previous" in f.message]
    store.set_item_fields(
        minutes_item.id, agenda_text="To approve the minutes of the meeting held on 16 July 2025."
    )
    meeting = store.load_meeting(later)
    (wrong,) = [f for f in check_before_publishing(store, meeting) if "previous" in f.message]
    assert "23rd July 2025" in wrong.message and wrong.item == minutes_item.number


def test_a_new_item_goes_before_any_other_business_or_where_asked(store, demo_id):
    demo = store.load_meeting(demo_id).items
    assert item_to_add(demo, NewItem("Knife crime"))[1] == len(demo)  # no AOB: at the end
    items = [*demo, AgendaItem("SSP/25/25", "Any Other Business")]
    item, at = item_to_add(items, NewItem("Knife crime", "A report.", restricted=True))
    assert at == len(items) - 1
    assert (item.number, item.title, item.restricted) == ("", "Knife crime", True)
    assert item_to_add(items, NewItem("First"), position=1)[1] == 0
    assert item_to_add(items, NewItem("Last"), position=99)[1] == len(items)
    with pytest.raises(ValueError, match="needs a title"):
        item_to_add(items, NewItem("  "))
