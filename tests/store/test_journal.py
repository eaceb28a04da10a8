"""The operation journal: undo and redo live in the store and survive a restart."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sspclerk.core.model import Action, AgendaItem, Attendance, Document, Outcome, OutcomeKind
from sspclerk.store import RecordLockedError, Store, UndoRefused
from sspclerk.store import journal as journal_module
from tests.conftest import cli_env, demo_meeting

PAPER = b"%PDF-1.4\n% a paper for the journal test\n%%EOF\n"


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path) as s:
        s.add_meeting(demo_meeting())
        yield s


def _reread(path: Path, meeting_id: int = 1):
    with Store.open(path, readonly=True) as other:
        return other.load_meeting(meeting_id)


def test_an_outcome_is_undone_and_redone_for_every_connection(store: Store) -> None:
    item = store.load_meeting(1).items[4]
    with store.operation("outcome on SSP/16/25", 1, item.id) as op:
        store.add_outcome(
            item.id, Outcome("AGREED to note the quixotic report.", OutcomeKind.NOTED)
        )
    assert op.id is not None and op.rows == 1
    undone = store.undo_operation(op.id)
    assert (undone.label, undone.what, undone.item_id) == ("outcome on SSP/16/25", "undo", item.id)
    assert [o.text for o in _reread(store.path).items[4].outcomes] == [
        o.text for o in item.outcomes
    ]
    assert not store.search("quixotic")
    store.redo_operation(op.id)
    assert _reread(store.path).items[4].outcomes[-1].text == "AGREED to note the quixotic report."
    assert store.search("quixotic")[0].item_id == item.id


def test_removing_an_item_comes_back_whole_papers_history_and_search_included(
    store: Store,
) -> None:
    m = store.load_meeting(1)
    item = m.items[3]
    store.add_action(item.id, Action("Share the mapping tool", "Curv"))
    store.attach_document(item.id, Document("Mapping report", "map.pdf", page_count=1), PAPER)
    store.set_item_fields(item.id, minutes=item.minutes + " Zanzibarish word.")
    before = store.load_meeting(1)
    with store.operation("remove SSP/15/25", 1) as op:
        store.remove_item(item.id)
    digest = hashlib.sha256(PAPER).hexdigest()
    # The paper's file stays while the removal can be undone.
    assert store.document_content(digest) == PAPER
    assert not store.search("Zanzibarish")
    store.undo_operation(op.id)
    after = _reread(store.path)
    assert after == before
    assert store.item_history(item.id)[-1].text.endswith("Zanzibarish word.")
    assert store.search("Zanzibarish")[0].item_id == item.id
    assert store.integrity_check() == ["ok"]


def test_text_typed_since_is_never_overwritten_by_an_undo(store: Store) -> None:
    with store.operation("add an item", 1) as op:
        new_id = store.add_item(1, AgendaItem("", "Late item", urgent_reason="Chair agreed"))
    store.set_item_fields(new_id, minutes="Typed after the item was added")  # not journalled
    with pytest.raises(UndoRefused, match="changed since \\(notes\\)"):
        store.undo_operation(op.id)
    assert any(i.id == new_id for i in _reread(store.path).items)
    store.set_item_fields(new_id, minutes="")  # the typing undone: now it can go
    store.undo_operation(op.id)
    assert all(i.id != new_id for i in _reread(store.path).items)


def test_changes_are_undone_last_first_and_never_out_of_turn(store: Store) -> None:
    item_id = store.load_meeting(1).items[0].id
    with store.operation("restricted", 1, item_id) as first:
        store.set_item_fields(item_id, restricted=True)
    with store.operation("paragraph 3", 1, item_id) as second:
        store.set_item_fields(item_id, exempt_paragraph=3)
    with pytest.raises(UndoRefused, match="after the changes made since"):
        store.undo_operation(first.id)
    store.undo_operation(second.id)
    with pytest.raises(UndoRefused, match="already undone"):
        store.undo_operation(second.id)
    store.undo_operation(first.id)
    assert [o.undone for o in store.operations(1)] == [True, True]
    with pytest.raises(UndoRefused):
        store.redo_operation(second.id)  # the earliest undone comes back first
    store.redo_operation(first.id)
    store.redo_operation(second.id)
    item = _reread(store.path).items[0]
    assert (item.restricted, item.exempt_paragraph) == (True, 3)


def test_a_new_change_ends_the_redo_and_an_empty_one_is_not_kept(store: Store) -> None:
    item_id = store.load_meeting(1).items[0].id
    with store.operation("restricted", 1, item_id) as op:
        store.set_item_fields(item_id, restricted=True)
    store.undo_operation(op.id)
    with store.operation("nothing", 1, item_id) as nothing:
        store.set_item_fields(item_id, restricted=False)  # already so
    assert nothing.id is None
    assert [o.undone for o in store.operations(1)] == [True]  # redo still possible
    with store.operation("paragraph", 1, item_id):
        store.set_item_fields(item_id, exempt_paragraph=1)
    assert [o.label for o in store.operations(1)] == ["paragraph"]


def test_a_title_typed_in_several_saves_is_one_change(store: Store) -> None:
    item = store.load_meeting(1).items[0]
    op_id = None
    for text in ("Evacuation", "Evacuation Proc", "Evacuation Procedure (revised)"):
        with store.operation("title of SSP/12/25", 1, item.id, merge_into=op_id) as op:
            store.set_item_fields(item.id, title=text)
        op_id = op.id
    assert len(store.operations(1)) == 1
    store.undo_operation(op_id)
    assert _reread(store.path).items[0].title == item.title
    store.redo_operation(op_id)
    # An undone (then redone) change is not merged into: the next save is a new change.
    with store.operation("title of SSP/12/25", 1, item.id, merge_into=op_id) as op:
        store.set_item_fields(item.id, title="Evacuation")
    assert op.id != op_id and len(store.operations(1)) == 2


def test_approved_minutes_stay_locked_against_undo(store: Store) -> None:
    item_id = store.load_meeting(1).items[0].id
    with store.operation("outcome", 1, item_id) as op:
        store.add_outcome(item_id, Outcome("AGREED to note the report."))
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("UPDATE meetings SET approved_on = '2025-10-22', status = 'minutes approved'")
    other.close()
    with pytest.raises(RecordLockedError, match="approved"):
        store.undo_operation(op.id)
    assert _reread(store.path).items[0].outcomes[-1].text == "AGREED to note the report."


def test_a_detached_paper_keeps_its_file_until_its_undo_is_forgotten(
    store: Store, monkeypatch
) -> None:
    item_id = store.load_meeting(1).items[2].id
    digest = hashlib.sha256(PAPER).hexdigest()
    doc_id = store.attach_document(item_id, Document("Report", "r.pdf", page_count=1), PAPER)
    with store.operation("detach", 1, item_id) as op:
        store.detach_document(doc_id)
    assert store.document_content(digest) == PAPER
    store.undo_operation(op.id)
    assert _reread(store.path).items[2].documents[-1].sha256 == digest
    store.redo_operation(op.id)
    monkeypatch.setattr(journal_module, "KEEP_OPERATIONS", 1)
    for n in range(2):  # two newer changes push the detach out of the journal
        with store.operation(f"paragraph {n}", 1, item_id):
            store.set_item_fields(item_id, exempt_paragraph=n + 1)
    assert [o.label for o in store.operations(1)] == ["paragraph 1"]
    assert not store.conn.execute(
        "SELECT 1 FROM document_files WHERE sha256 = ?", [digest]
    ).fetchall()


def test_attendance_and_timings_are_undone(store: Store) -> None:
    m = store.load_meeting(1)
    with store.operation("person", 1) as added:
        person_id = store.add_attendance(1, Attendance("Cllr Jane Ashby", "SBC"))
    with store.operation("take up SSP/13/25", 1, m.items[1].id) as taken:
        store.start_item(m.items[1].id)
    store.undo_operation(taken.id)
    store.undo_operation(added.id)
    again = _reread(store.path)
    assert again.attendance == m.attendance
    assert [(i.started_at, i.ended_at) for i in again.items] == [
        (i.started_at, i.ended_at) for i in m.items
    ]
    assert person_id not in {a.id for a in again.attendance}


def test_a_column_added_by_a_later_migration_is_journalled_too(db_path: Path) -> None:
    with Store.open(db_path) as s:
        s.add_meeting(demo_meeting())
        s.conn.execute("ALTER TABLE items ADD COLUMN colour TEXT NOT NULL DEFAULT ''")
    with Store.open(db_path) as s:
        item_id = s.load_meeting(1).items[0].id
        with s.operation("colour", 1, item_id) as op, s._tx():
            s.conn.execute("UPDATE items SET colour = 'red' WHERE id = ?", [item_id])
        s.undo_operation(op.id)
        assert s.conn.execute("SELECT colour FROM items WHERE id = ?", [item_id]).fetchone() == (
            "",
        )


def test_writes_outside_an_operation_and_other_connections_are_not_journalled(
    store: Store,
) -> None:
    item_id = store.load_meeting(1).items[0].id
    store.set_item_fields(item_id, minutes="typed")
    store.add_outcome(item_id, Outcome("AGREED to note the update."))
    with Store.open(store.path) as cli:
        cli.set_item_fields(item_id, restricted=True)
    assert store.operations(1) == []
    assert store.conn.execute("SELECT count(*) FROM operation_rows").fetchone() == (0,)


UNDO_THEN_DIE = """
import os, signal, sys
from sspclerk.store import Store
store = Store.open(sys.argv[1])
store.undo_operation(int(sys.argv[2]))
print("undone", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_an_undo_survives_kill_9_and_can_be_redone_after_the_restart(store: Store) -> None:
    item_id = store.load_meeting(1).items[0].id
    with store.operation("outcome", 1, item_id) as op:
        store.add_outcome(item_id, Outcome("AGREED to note the report."))
    store.close()
    child = subprocess.run(
        [sys.executable, "-c", UNDO_THEN_DIE, str(store.path), str(op.id)],
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL and "undone" in child.stdout, child.stderr
    with Store.open(store.path) as again:
        assert again.integrity_check() == ["ok"]
        assert "AGREED to note the report." not in [
            o.text for o in again.load_meeting(1).items[0].outcomes
        ]
        assert [(o.label, o.undone) for o in again.operations(1)] == [("outcome", True)]
        again.redo_operation(op.id)
        assert again.load_meeting(1).items[0].outcomes[-1].text == "AGREED to note the report."
