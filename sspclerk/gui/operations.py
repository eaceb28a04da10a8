"""The one way the window changes the record: ``Operations.run``.

Every change the clerk makes to the open meeting, other than typing into the notes
or agenda text, goes through ``run`` (importing a file makes a new meeting and opens
it; it is not on the meeting's undo): what was typed is written first (the autosave), the store call is
made inside a journalled operation (``store.operation``, so Ctrl+Z can take it back),
and ONE ``changed`` signal carries the store's ``Changed``.  The window's panels
refresh from that signal and the undo history records the operation; nothing else
reloads the meeting.  Undo and redo of an operation go the same way.

Small changes made while the meeting runs (an outcome, a person ticked present, the
times) can be ``queue``d: if the store cannot be written at that moment they wait in
the autosave queue, shown already, and are written when it can — the clerk is told
by the red banner, never asked to press the key again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from sspclerk.store import Changed, SeriesChange, Store, StoreError

from .autosave import Autosaver, Journal, Operation
from .undo import Step, UndoHistory

READ_ONLY = "this window is read-only"
NOT_SAVED = "your last changes are not saved yet, so nothing else was changed (see the red banner)"


def one_line(exc: Exception | str) -> str:
    """A store message as the clerk reads it: capital first, full stop at the end."""
    text = " ".join(str(exc).split())
    if not text:
        return "That could not be done."
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _clause(exc: Exception | str) -> str:
    """A store message to follow "Not undone:": one line, lower case first, full stop."""
    text = one_line(exc)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


@dataclass(frozen=True)
class Done:
    """One change now in the store, for the window to refresh from."""

    label: str
    changed: Changed
    result: object = None
    #: The journal entry (None: nothing to undo, or a save merged into the last one).
    operation_id: int | None = None
    initiator: object = None
    #: Other meetings the change touched (renumbered, approved).
    other_meetings: tuple[int, ...] = ()
    merge_key: Hashable = None

    @property
    def replayed(self) -> bool:
        """An undo or redo: everything it touched is shown afresh."""
        return self.changed.what in ("undo", "redo")


def _changed_of(
    result: object, meeting_id: int, item_id: int | None, what: str
) -> tuple[Changed, tuple[int, ...]]:
    if isinstance(result, Changed):
        others = tuple(sorted(getattr(result, "meetings", frozenset()) - {result.meeting_id}))
        return result, others
    if isinstance(result, SeriesChange):
        return Changed(result.meeting_id, result.item_id, result.what), result.other_meetings
    return Changed(meeting_id, item_id, what), ()


class Operations(QObject):
    """Runs the window's changes (see module docstring); ``changed`` carries a Done."""

    changed = Signal(object)

    def __init__(
        self,
        store: Store,
        autosaver: Autosaver | None,
        history: UndoHistory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.autosaver = autosaver
        self.history = history
        if autosaver is not None:
            autosaver.written.connect(self._written)
            autosaver.merge_target = history.merge_target

    def run(
        self,
        label: str,
        call: Callable[[Store], object],
        *,
        meeting_id: int,
        item_id: int | None = None,
        initiator: object = None,
        queue: bool = False,
        undoable: bool = True,
        what: str = "",
    ) -> tuple[object, str | None]:
        """Make one change; (what the store returned, None) or (None, why not).

        ``label`` says the change in the clerk's words ("outcome ‘AGREED …’ on
        SSP/16/25"): the status bar repeats it when it is undone.
        """
        if self.autosaver is None:
            return None, one_line(READ_ONLY)
        journal = Journal(meeting_id, item_id) if undoable else None
        if queue:
            op = self.autosaver.queue(call, label, journal, initiator)
            return op.result, None  # written, or waiting with the banner up
        if not self.autosaver.flush():
            return None, one_line(NOT_SAVED)
        handle = None
        result, refused = None, None
        try:
            with (
                self.store.operation(label, meeting_id, item_id)
                if undoable
                else contextlib.nullcontext()
            ) as handle:
                result = call(self.store)
        except (StoreError, ValueError) as exc:
            refused = one_line(exc)
            if handle is None or handle.id is None:
                return None, refused
            # Part of it was written (a second transaction failed): what was written is
            # in the journal, so it is in the undo history too.
        self._emit(
            Operation(call, label, journal, initiator, True, result, handle.id if handle else None),
            meeting_id,
            item_id,
            what,
        )
        return result, refused

    def _written(self, op: Operation) -> None:
        """A queued change or a journalled field save reached the store."""
        if op.journal is not None:
            self._emit(op, op.journal.meeting_id, op.journal.item_id, "")

    def _emit(self, op: Operation, meeting_id: int, item_id: int | None, what: str) -> None:
        changed, others = _changed_of(op.result, meeting_id, item_id, what or op.label)
        merge_key = op.journal.merge_key if op.journal else None
        if op.operation_id is not None:
            self.history.operation_done(op.operation_id, op.label, item_id, merge_key)
        self.changed.emit(
            Done(op.label, changed, op.result, op.operation_id, op.initiator, others, merge_key)
        )

    def replay(self, step: Step, undo: bool) -> str | None:
        """Undo (or redo) one journalled operation; None when done, else why not."""
        if self.autosaver is None:
            return _clause(READ_ONLY)
        if not self.autosaver.flush():
            return _clause(NOT_SAVED)
        assert step.operation_id is not None
        try:
            if undo:
                reverted = self.store.undo_operation(step.operation_id)
            else:
                reverted = self.store.redo_operation(step.operation_id)
        except StoreError as exc:
            return _clause(exc)
        changed, others = _changed_of(reverted, reverted.meeting_id, reverted.item_id, "")
        self.changed.emit(Done(step.label, changed, reverted, None, "undo", others))
        return None
