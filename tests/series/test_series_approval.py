"""Approving the previous minutes, the edit-lock on approved minutes, and corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Declaration,
    Document,
    MeetingStatus,
    Outcome,
    OutcomeKind,
)
from sspclerk.export.meeting_json import dumps
from sspclerk.importers.meeting_json import loads
from sspclerk.store import NotFoundError, RecordLockedError, RuleError

D = dt.date
HARTLEPOOL = "the removal of Hartlepool in the list of Clear Hold Build locations"


@pytest.fixture
def sept(store, demo_id) -> int:
    return store.create_meeting("SSP", D(2025, 9, 24)).meeting_id


def minutes_item(store, meeting_id):
    return store.load_meeting(meeting_id).items[2]


def test_approval_without_amendments(store, demo_id, sept):
    change = store.approve_minutes(sept)
    assert change.other_meetings == (demo_id,) and change.meeting_id == sept
    demo = store.load_meeting(demo_id)
    assert demo.status is MeetingStatus.MINUTES_APPROVED
    assert demo.approval.approved_on == D(2025, 9, 24)
    assert demo.approval.approving_meeting_id == sept
    assert demo.approval.amendments == ""
    item = minutes_item(store, sept)
    assert item.minutes == "The minutes of the previous meeting were agreed as a true record."
    assert [(o.text, o.kind) for o in item.outcomes] == [
        (
            "AGREED that the minutes of the meeting held on Wednesday 23rd July 2025 be approved "
            "as a correct record.",
            OutcomeKind.APPROVED,
        )
    ]


def test_approval_subject_to_amendments_in_the_committees_word(store, demo_id, sept):
    committee = store.load_committee(store.committee_id("SSP"))
    committee.outcome_word = "RESOLVED"
    store.save_committee(committee)
    store.approve_minutes(sept, demo_id, f"Subject to {HARTLEPOOL}.")
    demo = store.load_meeting(demo_id)
    assert demo.approval.amendments == HARTLEPOOL
    item = minutes_item(store, sept)
    assert item.minutes == (
        f"The minutes of the previous meeting were agreed as a true record subject to {HARTLEPOOL}."
    )
    outcome = item.outcomes[0]
    assert outcome.kind is OutcomeKind.APPROVED_WITH_AMENDMENTS
    assert outcome.text.startswith(
        "RESOLVED that the minutes of the meeting held on Wednesday 23rd July 2025"
    )
    assert outcome.text.endswith(f", subject to {HARTLEPOOL}.")
    assert store.search("Hartlepool")  # the approval is searchable


def test_typed_minutes_are_kept(store, demo_id, sept):
    store.set_item_fields(minutes_item(store, sept).id, minutes="Agreed, with thanks to officers.")
    change = store.approve_minutes(sept)
    assert minutes_item(store, sept).minutes == "Agreed, with thanks to officers."
    assert change.warnings


@pytest.mark.parametrize(
    ("approving", "approved", "error", "message"),
    [
        ("sept", 9999, NotFoundError, "no meeting with id 9999"),
        (9999, "demo", NotFoundError, "no meeting with id 9999"),
        ("demo", "sept", RuleError, "later meeting"),
        ("sept", "sept", RuleError, "its own minutes"),
        ("demo", None, NotFoundError, "no earlier meeting"),
    ],
)
def test_bad_approvals_change_nothing(
    store, demo_id, sept, snapshot, approving, approved, error, message
):
    ids = {"sept": sept, "demo": demo_id}
    before = snapshot(store)
    with pytest.raises(error, match=message):
        store.approve_minutes(ids.get(approving, approving), ids.get(approved, approved))
    assert snapshot(store) == before


def test_another_committee_cannot_approve(store, demo_id, snapshot):
    other = store.load_meeting(demo_id)
    other.committee.prefix, other.committee.name = "CAB", "Cabinet"
    other.date = D(2025, 10, 1)
    cab = store.add_meeting(other)
    before = snapshot(store)
    with pytest.raises(RuleError, match="only a Safer Stockton Partnership meeting"):
        store.approve_minutes(cab, demo_id)
    assert snapshot(store) == before


def test_minutes_cannot_be_approved_twice(store, demo_id, sept):
    store.approve_minutes(sept)
    later = store.create_meeting("SSP", D(2025, 11, 19)).meeting_id
    with pytest.raises(RuleError, match="already approved"):
        store.approve_minutes(later, demo_id)


def test_a_meeting_without_a_minutes_item_is_refused(store, demo_id, sept, snapshot):
    store.remove_item(minutes_item(store, sept).id)
    before = snapshot(store)
    with pytest.raises(RuleError, match="no 'Minutes of the previous meeting' item"):
        store.approve_minutes(sept)
    assert snapshot(store) == before


@pytest.fixture
def locked(store, demo_id, sept):
    """The demo minutes, approved at the September meeting, with one action to follow."""
    knife = store.load_meeting(demo_id).item("SSP/17/25").id
    action = store.add_action(knife, Action("Share the plan with schools", "Curv"))
    store.approve_minutes(sept)
    return store.load_meeting(demo_id), action


MUTATIONS = {
    "edit minutes": lambda s, m, a: s.set_item_fields(m.items[4].id, minutes="changed"),
    "edit title": lambda s, m, a: s.set_item_fields(m.items[4].id, title="changed"),
    "add item": lambda s, m, a: s.add_item(m.id, AgendaItem("", "x", urgent_reason="y")),
    "remove item": lambda s, m, a: s.remove_item(m.items[4].id),
    "move item": lambda s, m, a: s.move_item(m.items[4].id, 0),
    "add outcome": lambda s, m, a: s.add_outcome(m.items[4].id, Outcome("AGREED")),
    "change outcome": lambda s, m, a: s.update_outcome(
        m.item("SSP/14/25").outcomes[0].id, Outcome("changed")
    ),
    "remove outcome": lambda s, m, a: s.remove_outcome(m.item("SSP/14/25").outcomes[0].id),
    "add action": lambda s, m, a: s.add_action(m.items[4].id, Action("x")),
    "reword action": lambda s, m, a: s.update_action(a, Action("reworded", "Curv")),
    "remove action": lambda s, m, a: s.remove_action(a),
    "add attendance": lambda s, m, a: s.add_attendance(m.id, Attendance("Late Comer")),
    "add declaration": lambda s, m, a: s.add_declaration(m.id, Declaration("X", "SSP/15/25")),
    "attach document": lambda s, m, a: s.attach_document(m.items[4].id, Document("d"), b"%PDF"),
    "detach document": lambda s, m, a: s.detach_document(m.item("SSP/14/25").documents[0].id),
    "start item": lambda s, m, a: s.start_item(m.items[4].id),
    "meeting venue": lambda s, m, a: s.set_meeting_fields(m.id, venue="Elsewhere"),
    "status": lambda s, m, a: s.set_meeting_status(m.id, MeetingStatus.DRAFT),
    "delete meeting": lambda s, m, a: s.delete_meeting(m.id),
    "publish": lambda s, m, a: s.publish_agenda(m.id, D(2025, 7, 1)),
}


@pytest.mark.parametrize("path", sorted(MUTATIONS))
def test_every_change_to_approved_minutes_is_refused(store, locked, snapshot, path):
    meeting, action = locked
    before = snapshot(store)
    with pytest.raises((RecordLockedError, RuleError)) as caught:
        MUTATIONS[path](store, meeting, action)
    if path != "publish":
        assert isinstance(caught.value, RecordLockedError)
        assert "were approved on Wednesday 24th September 2025" in str(caught.value)
        assert "correction" in str(caught.value)
    assert snapshot(store) == before


def test_restoring_an_old_version_of_approved_minutes_is_refused(store, demo_id, clock, snapshot):
    item = store.load_meeting(demo_id).item("SSP/15/25").id
    store.set_item_fields(item, minutes="Before approval.")
    version = store.item_history(item)[-1].id
    clock.tick(minutes=5)
    store.set_item_fields(item, minutes="Final text.")
    sept = store.create_meeting("SSP", D(2025, 9, 24)).meeting_id
    store.approve_minutes(sept)
    before = snapshot(store)
    with pytest.raises(RecordLockedError):
        store.restore_version(version)
    assert snapshot(store) == before


def test_an_actions_status_still_moves_on(store, locked):
    meeting, action = locked
    store.set_action_status(action, ActionStatus.DONE)
    store.update_action(
        action, Action("Share the plan with schools", "Curv", status=ActionStatus.DROPPED)
    )
    assert store.action_log()[0].status is ActionStatus.DROPPED


def test_the_approving_meeting_stays_editable(store, locked, sept):
    store.set_item_fields(minutes_item(store, sept).id, minutes="Edited after approval")
    assert not store.is_locked(sept)


def test_corrections_are_recorded_and_travel_in_json(store, locked, clock, sept):
    meeting, _ = locked
    store.add_correction(meeting.id, "SSP/15/25", "The July figure was 712, not 721.")
    store.add_correction(meeting.id, "", "Cllr Nowak's apologies were omitted.")
    loaded = store.load_meeting(meeting.id)
    assert [(k.item, k.text, k.recorded_on) for k in loaded.corrections] == [
        ("SSP/15/25", "The July figure was 712, not 721.", clock.now.date()),
        ("", "Cllr Nowak's apologies were omitted.", clock.now.date()),
    ]
    text = dumps(loaded)
    again = loads(text)
    assert [(k.item, k.text) for k in again.corrections] == [
        (k.item, k.text) for k in loaded.corrections
    ]
    assert dumps(again) == text  # export → import → export is exact


def test_bad_corrections_change_nothing(store, locked, sept, snapshot):
    meeting, _ = locked
    before = snapshot(store)
    with pytest.raises(RuleError, match="not approved yet"):
        store.add_correction(sept, "", "x")
    with pytest.raises(NotFoundError, match="no item SSP/99/25"):
        store.add_correction(meeting.id, "SSP/99/25", "x")
    with pytest.raises(RuleError, match="needs its text"):
        store.add_correction(meeting.id, "", "  ")
    with pytest.raises(NotFoundError):
        store.add_correction(9999, "", "x")
    assert snapshot(store) == before
