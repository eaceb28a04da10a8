"""One undo history for the meeting: typing and every other change, in the clerk's order.

Two kinds of step share it.  Typing in an item's notes or agenda text is undone by
that item's own QTextDocument (each item keeps its document, so its steps live on
after the clerk moves away); the history records *which* document each step went
into.  Every other change — an outcome, an action, a person, a declaration, the
restricted mark, the agenda order, a paper, the times — is an operation in the
store's journal (``store/journal.py``), undone by the store; the history records its
id.  Ctrl+Z takes the newest step of either kind, wherever it was: the window shows
that item first, so nothing is undone behind the clerk's back.

Each meeting has its own history.  Its operations are read back from the store when
the meeting is first opened, so after a crash or a restart Ctrl+Z and Ctrl+Y carry
on where they were (typing steps live only as long as the window: the text itself
is saved, and every saved version is in the item's history, Ctrl+Shift+H).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument

#: Which field a typing step went into, in the clerk's words.
FIELD_WORDS = {"minutes": "notes", "agenda_text": "agenda text"}


@dataclass(frozen=True)
class Step:
    """One entry of the history: typing into a document, or a journalled operation."""

    kind: str  # "typing" or "operation"
    key: Hashable = None  # typing: (item_id, field name)
    operation_id: int | None = None
    label: str = ""
    item_id: int | None = None
    merge_key: Hashable | None = None


@dataclass
class _Stacks:
    undo: list[Step] = field(default_factory=list)
    redo: list[Step] = field(default_factory=list)


class UndoHistory(QObject):
    """Ordered steps across many documents and the store's journal, per meeting.

    ``show(step)`` brings a typing step's item into view (False: the item is gone);
    ``run(step, undo)`` undoes or
    redoes an operation through the store and returns None when done, or the
    clerk-readable reason it was not.  ``said`` carries what was undone, for the
    status bar; ``redo_dropped`` that the clerk typed on after undoing (the store
    then forgets what could have been redone).
    """

    changed = Signal()
    said = Signal(str)
    redo_dropped = Signal(int)  # meeting id

    def __init__(
        self,
        show: Callable[[Step], bool],
        run: Callable[[Step, bool], str | None],
        describe: Callable[[Step], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._run = run
        self._describe = describe  # "typing in the notes of SSP/16/25"
        self._docs: dict[Hashable, QTextDocument] = {}
        self._meetings: dict[int, _Stacks] = {}
        self.meeting_id: int | None = None
        self._replaying = False

    # ------------------------------------------------------------ which meeting

    def open_meeting(self, meeting_id: int, operations) -> None:
        """Switch to a meeting's history; the first time, read its operations back
        from the store (``operations``: the journal's records, oldest first)."""
        self.meeting_id = meeting_id
        if meeting_id not in self._meetings:
            stacks = self._meetings[meeting_id] = _Stacks()
            for op in operations:
                step = Step("operation", operation_id=op.id, label=op.label, item_id=op.item_id)
                if op.undone:
                    stacks.redo.insert(0, step)  # the earliest undone is redone first
                else:
                    stacks.undo.append(step)
        self.changed.emit()

    def forget_meeting(self, meeting_id: int) -> None:
        """Approved minutes: nothing in them can be undone any more."""
        stacks = self._meetings.pop(meeting_id, None)
        if stacks is not None:
            for step in stacks.undo + stacks.redo:
                doc = self._docs.get(step.key) if step.kind == "typing" else None
                if doc is not None:
                    doc.clearUndoRedoStacks()
        self.changed.emit()

    def forget_typing(self, keys) -> None:
        """Documents whose text the store replaced: their old typing steps are void."""
        keys = set(keys)
        for stacks in self._meetings.values():
            stacks.undo = [s for s in stacks.undo if s.key not in keys]
            stacks.redo = [s for s in stacks.redo if s.key not in keys]
        for key in keys:
            doc = self._docs.get(key)
            if doc is not None:
                doc.clearUndoRedoStacks()
        self.changed.emit()

    @property
    def _stacks(self) -> _Stacks | None:
        return None if self.meeting_id is None else self._meetings.get(self.meeting_id)

    # ------------------------------------------------------------ recording

    def watch(self, key: Hashable, doc: QTextDocument) -> None:
        self._docs[key] = doc
        doc.undoCommandAdded.connect(lambda k=key: self._push(Step("typing", key=k)))

    def operation_done(
        self, operation_id: int, label: str, item_id: int | None, merge_key: Hashable = None
    ) -> None:
        """A journalled change reached the store (merged saves keep their one step)."""
        stacks = self._stacks
        if stacks is not None and stacks.undo and stacks.undo[-1].operation_id == operation_id:
            return
        self._push(Step("operation", None, operation_id, label, item_id, merge_key))

    def merge_target(self, merge_key: Hashable) -> int | None:
        """The operation a save with this merge key may extend: only the newest step."""
        stacks = self._stacks
        if stacks is None or not stacks.undo or self._replaying:
            return None
        top = stacks.undo[-1]
        return top.operation_id if top.merge_key == merge_key else None

    def _push(self, step: Step) -> None:
        stacks = self._stacks
        if self._replaying or stacks is None:
            return
        stacks.undo.append(step)
        if stacks.redo:
            had_operations = any(s.kind == "operation" for s in stacks.redo)
            stacks.redo.clear()
            if had_operations and self.meeting_id is not None:
                self.redo_dropped.emit(self.meeting_id)
        self.changed.emit()

    # ------------------------------------------------------------ undo and redo

    def can_undo(self) -> bool:
        stacks = self._stacks
        return bool(stacks and any(self._live(s, True) for s in stacks.undo))

    def can_redo(self) -> bool:
        stacks = self._stacks
        return bool(stacks and any(self._live(s, False) for s in stacks.redo))

    def _live(self, step: Step, undo: bool) -> bool:
        if step.kind == "operation":
            return True
        doc = self._docs.get(step.key)
        return doc is not None and (doc.isUndoAvailable() if undo else doc.isRedoAvailable())

    def undo(self) -> Step | None:
        """Undo the newest step anywhere in the meeting; the step, or None."""
        return self._replay(undo=True)

    def redo(self) -> Step | None:
        return self._replay(undo=False)

    def _replay(self, *, undo: bool) -> Step | None:
        stacks = self._stacks
        if stacks is None:
            return None
        source, target = (stacks.undo, stacks.redo) if undo else (stacks.redo, stacks.undo)
        while source:
            step = source[-1]
            if not self._live(step, undo):
                source.pop()  # undone some other way (context menu): a stale entry
                continue
            if step.kind == "typing" and not self._show(step):
                source.pop()  # its item is gone from the agenda: nothing to show it in
                continue
            self._replaying = True
            try:
                if step.kind == "typing":
                    doc = self._docs[step.key]
                    doc.undo() if undo else doc.redo()
                    refused = None
                else:
                    refused = self._run(step, undo)
            finally:
                self._replaying = False
            if refused is not None:
                self.said.emit(f"Not {'undone' if undo else 'redone'}: {refused}")
                return None
            source.pop()
            target.append(step)
            self.said.emit(f"{'Undone' if undo else 'Redone'}: {self._describe(step)}")
            self.changed.emit()
            return step
        self.said.emit("Nothing to undo." if undo else "Nothing to redo.")
        return None
