"""What every command shares: the store it opens, its errors, resolving MEETING."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from sspclerk.core.model import Meeting
from sspclerk.meetings import meeting_id_for
from sspclerk.store import NeedsUpgradeError, NotFoundError, Store
from sspclerk.store.store import read_only_place_warnings

#: What a command does with the store (``set_defaults(store_use=…)`` in ``register``).
READS, WRITES, CREATES = "read", "write", "create"


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


#: The largest id the store can hold (SQLite's 64-bit integers).
LARGEST_ID = 2**63 - 1


def record_id(text: str) -> int:
    """An id typed on the command line (``type=`` for argparse): digits, at most
    SQLite's largest integer; anything else is argparse's one-line usage error."""
    import argparse

    value = text.strip()
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number)")
    if len(value) > 19 or int(value) > LARGEST_ID:
        raise argparse.ArgumentTypeError(f"{value[:24]}… is larger than any id sspclerk gives")
    return int(value)


def default_db_path() -> Path:
    """--db, else $SSPCLERK_DB, else meetings.sqlite in the user's data folder."""
    env = os.environ.get("SSPCLERK_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("sspclerk", appauthor=False)) / "meetings.sqlite"


def _holds_nothing(path: Path) -> bool:
    """No file, or an empty one: opening it for writing would make a new store."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


@dataclass
class Context:
    """Opens the store lazily, so commands that do not need it never touch the file.

    A command that only reads (``store_use=READS``) opens it read-only: it never
    makes a store, writes nothing the clerk made (an older store's format is brought
    up to date once, as any write would) and skips the quick check of a store
    opened for writing.  Only the commands that make a meeting or a committee from
    nothing (``CREATES``: demo, import, new-meeting, committee --name) may turn a
    missing path or an empty file into a new store; they say so, and if they then
    fail the new store goes again.  ``make_folder``: the default store's folder in the user's data folder
    may be made; a folder given with --db or $SSPCLERK_DB never is.
    """

    db_path: Path
    readonly: bool = False
    store_use: str = WRITES
    make_folder: bool = False
    #: "missing" or "empty" when this command made the store from nothing.
    made_from: str = ""
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = self._open()
        return self._store

    def _open(self) -> Store:
        path = self.db_path.expanduser()
        if self.readonly or self.store_use == READS:
            try:
                store = Store.open(path, readonly=True, may_create=False)
            except NeedsUpgradeError:
                # An older store is brought up to date once, as any write would.
                return Store.open(path, may_create=False, make_folder=False)
            # Said as a writing command would say it (`verify` lists it).
            store.warnings[:0] = read_only_place_warnings(path)
            return store
        creates = self.store_use == CREATES
        was = ("missing" if not path.exists() else "empty") if _holds_nothing(path) else ""
        store = Store.open(path, may_create=creates, make_folder=creates and self.make_folder)
        if was and not store.readonly:
            self.made_from = was  # said (or taken back) when the command ends
        return store

    def close(self, failed: bool = False) -> None:
        """Close the store; after a failure, take back a store this command made."""
        store, self._store = self._store, None
        if store is None:
            return
        empty = False
        if failed and self.made_from:
            with contextlib.suppress(Exception):
                empty = not store.list_meetings() and not store.committees()
        store.close()
        if empty:
            _undo_new_store(store.path, self.made_from)
        elif self.made_from and not failed:
            print(f"sspclerk: made a new store at {store.path}", file=sys.stderr)

    def meeting_id(self, ref: str) -> int:
        """MEETING as typed: an id as printed by `meetings`, or `latest`."""
        if not ref.strip():  # typed but blank: not "the last one open" as in the window
            raise CliError("MEETING is blank: give an id (see `sspclerk meetings`) or 'latest'")
        try:
            meeting_id = meeting_id_for(self.store, ref)
        except NotFoundError as exc:
            raise CliError(str(exc)) from None
        if meeting_id is None:
            raise CliError("the store has no meetings yet (try `sspclerk demo`)")
        return meeting_id

    def load_meeting(self, ref: str) -> Meeting:
        return self.store.load_meeting(self.meeting_id(ref))


def _undo_new_store(path: Path, made_from: str) -> None:
    """Put back what was there: no file, or the empty file (never the clerk's data:
    only called for a store this command made and left without a meeting)."""
    with contextlib.suppress(OSError):
        for extra in (f"{path}-wal", f"{path}-shm", f"{path}-journal"):
            Path(extra).unlink(missing_ok=True)
        if made_from == "missing":
            path.unlink()
        else:
            os.truncate(path, 0)
