"""Autosave: every edit reaches the store within a second, and nothing is dropped.

Text fields are marked dirty with a *getter* (reading a 50 KB editor on every
keystroke would be waste); the value is captured when the save runs, when the
clerk switches item, or when the window closes.  Discrete changes (an outcome, a
person ticked present) are queued as operations and run in order.  When a write
fails the pending text and operations stay queued, ``failed`` tells the window to
show its banner, and a retry timer keeps trying until the store takes them.

An operation or field with a ``Journal`` is written inside ``store.operation`` so it
can be undone; ``written`` reports each one once it is in the store (the window's
undo history and its panels follow from that).  The notes and agenda text are not
journalled: their typing is undone by their own text documents.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from sspclerk.store import Store, StoreError

#: Save this long after the last keystroke (the promise is "within 1 second").
IDLE_MS = 600
#: ...and, while the clerk types without a pause, at least this often: a kill at any
#: moment loses at most the last second.
MAX_WAIT_MS = 800
#: After a failed write, try again this often.
RETRY_MS = 3000


@dataclass(frozen=True)
class Journal:
    """Where an undoable change belongs: its meeting, the item to show, and what
    later saves of the same field may be merged into (one change per edit)."""

    meeting_id: int
    item_id: int | None = None
    merge_key: Hashable | None = None


@dataclass
class Operation:
    """One discrete change, run once against the store, in order."""

    run: Callable[[Store], object]
    label: str
    journal: Journal | None = None
    initiator: object = None
    #: Set once written: what the store returned, and the journal entry (None: nothing
    #: to undo, or merged into the entry before).
    written: bool = False
    result: object = None
    operation_id: int | None = None


@dataclass
class _Field:
    getter: Callable[[], object] | None
    value: object = None
    apply: Callable[[object], None] | None = None
    label: str = ""
    journal: Journal | None = None


@dataclass
class SaveStats:
    """Timings of the commits, for the benchmark and the status bar."""

    durations_ms: list[float] = field(default_factory=list)


class Autosaver(QObject):
    """Queues the window's edits and writes them to the store."""

    saved = Signal(str)  # "HH:MM:SS" of the last successful save
    saving = Signal()
    failed = Signal(str)  # the store's one-line message
    recovered = Signal()
    refused = Signal(str)  # a change the store refused as invalid (not retried)
    written = Signal(object)  # an Operation now in the store (journalled ones and fields)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._fields: dict[tuple[int, str], _Field] = {}
        self._ops: list[Operation] = []
        self.error: str | None = None
        self.stats = SaveStats()
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.flush)
        self._deadline = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._deadline.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.flush)
        #: Which journal entry a change with this merge key may extend (the window's
        #: undo history answers: only its latest entry, so the clerk's order holds).
        self.merge_target: Callable[[Hashable], int | None] = lambda _key: None

    # ------------------------------------------------------------ queueing

    @property
    def pending(self) -> bool:
        return bool(self._fields or self._ops)

    @property
    def pending_operations(self) -> bool:
        """Discrete changes still waiting for the store (the window shows them already)."""
        return bool(self._ops)

    def mark(
        self,
        item_id: int,
        name: str,
        getter: Callable[[], object],
        apply: Callable[[object], None] | None = None,
        *,
        label: str = "",
        journal: Journal | None = None,
    ) -> None:
        """An item field changed; ``getter`` reads its value when it is saved.

        ``apply`` puts the captured value into the window's in-memory meeting;
        with a ``journal`` the save is an undoable change called ``label``.
        """
        self._fields[(item_id, name)] = _Field(getter, None, apply, label, journal)
        self._schedule()

    def queue(
        self,
        run: Callable[[Store], object],
        label: str,
        journal: Journal | None = None,
        initiator: object = None,
    ) -> Operation:
        """A discrete change; tried at once, kept and retried if the store refuses it."""
        op = Operation(run, label, journal, initiator)
        self._ops.append(op)
        self.flush()
        return op

    def capture(self) -> None:
        """Read every dirty editor now (before it is pointed at another item)."""
        for f in self._fields.values():
            if f.getter is not None:
                f.value = f.getter()
                f.getter = None
                if f.apply is not None:
                    f.apply(f.value)

    def pending_value(self, item_id: int, name: str) -> object | None:
        f = self._fields.get((item_id, name))
        if f is None:
            return None
        return f.getter() if f.getter is not None else f.value

    def _schedule(self) -> None:
        self._idle.start()  # restarted by every keystroke
        if not self._deadline.isActive():
            self._deadline.start()  # not restarted: continuous typing is saved too
        if self.error is None:
            self.saving.emit()

    # ------------------------------------------------------------ writing

    def flush(self) -> bool:
        """Write everything queued; True when nothing is left pending.

        Typed text goes first, so a change queued after it (an item removed) never
        finds the text still waiting; then the queued changes, in order.
        """
        self._idle.stop()
        self._deadline.stop()
        self.capture()
        if not self.pending:
            return True
        started = time.perf_counter()
        written: list[Operation] = []
        try:
            self._check_store_file()
            self._write_fields(written)
            while self._ops:
                op = self._ops[0]
                try:
                    self._run(op)
                except ValueError as exc:  # refused as wrong, not a storage fault
                    self.refused.emit(f"{op.label}: {exc}")
                else:
                    written.append(op)
                self._ops.pop(0)
        except StoreError as exc:
            self._fail(str(exc))
            return False
        except ValueError as exc:  # a value the store refuses is the clerk's to fix
            self._fail(str(exc))
            return False
        finally:
            for op in written:  # what did reach the store, even when a later write failed
                self.written.emit(op)
        self.stats.durations_ms.append((time.perf_counter() - started) * 1000)
        self._retry.stop()
        if self.error is not None:
            self.error = None
            self.recovered.emit()
        self.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))
        return True

    def _run(self, op: Operation) -> None:
        j = op.journal
        if j is None:
            op.result = op.run(self.store)
        else:
            merge = self.merge_target(j.merge_key) if j.merge_key is not None else None
            if op.operation_id is not None:
                merge = op.operation_id  # a retry carries on the entry it began
            with self.store.operation(op.label, j.meeting_id, j.item_id, merge_into=merge) as h:
                try:
                    op.result = op.run(self.store)
                finally:
                    op.operation_id = h.id if h.id is not None else op.operation_id
        op.written = True

    def _write_fields(self, written: list[Operation]) -> None:
        """The typed fields: plain text in one write per item, journalled ones one by one."""
        by_item: dict[int, dict[str, object]] = {}
        for (item_id, name), f in list(self._fields.items()):
            if f.journal is None:
                by_item.setdefault(item_id, {})[name] = f.value
                continue
            values = {name: f.value}
            op = Operation(
                lambda s, i=item_id, v=values: s.set_item_fields(i, **v), f.label, f.journal
            )
            self._run(op)
            written.append(op)
            self._saved_field(item_id, name, f.value)
        for item_id, values in by_item.items():
            self.store.set_item_fields(item_id, **values)
            for name, value in values.items():
                self._saved_field(item_id, name, value)

    def _saved_field(self, item_id: int, name: str, value: object) -> None:
        f = self._fields.get((item_id, name))
        # Typing during the write (cannot happen on one thread, but a re-entrant flush
        # could) leaves the newer value pending.
        if f is not None and f.getter is None and f.value == value:
            del self._fields[(item_id, name)]

    def _check_store_file(self) -> None:
        """Refuse to write into a store file that has been deleted or moved away.

        SQLite would happily keep writing to the unlinked file, and everything
        typed since would vanish when the window closes.
        """
        path: Path = self.store.path
        if not os.path.exists(path):
            raise StoreError(f"{path} can no longer be found (moved, deleted or the drive is gone)")

    def _fail(self, message: str) -> None:
        self.error = message
        self.failed.emit(message)
        self._retry.start()

    def pending_text(self, item_name: Callable[[int], str] = str) -> str:
        """Everything not yet saved, as text a clerk could paste back (for recovery)."""
        self.capture()
        parts = [
            f"[{item_name(item_id)} · {name.replace('_', ' ')}]\n{f.value}"
            for (item_id, name), f in self._fields.items()
        ]
        parts += [f"[change] {op.label}" for op in self._ops]
        return "\n\n".join(parts)
