"""What every command shares: the store it opens, its errors, resolving MEETING."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from sspclerk.core.model import Meeting
from sspclerk.store import Store


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def default_db_path() -> Path:
    """--db, else $SSPCLERK_DB, else meetings.sqlite in the user's data folder."""
    env = os.environ.get("SSPCLERK_DB")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("sspclerk", appauthor=False)) / "meetings.sqlite"


@dataclass
class Context:
    """Opens the store lazily, so commands that do not need it never touch the file."""

    db_path: Path
    readonly: bool = False
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.db_path, readonly=self.readonly)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def meeting_id(self, ref: str) -> int:
        """MEETING as typed: an id as printed by `meetings`, or `latest`."""
        if ref.strip().lower() == "latest":
            latest = self.store.latest_meeting_id()
            if latest is None:
                raise CliError("the store has no meetings yet (try `sspclerk demo`)")
            return latest
        try:
            meeting_id = int(ref)
        except ValueError:
            raise CliError(
                f"{ref!r} is not a meeting id (see `sspclerk meetings`) or 'latest'"
            ) from None
        if meeting_id not in {m.id for m in self.store.list_meetings()}:
            raise CliError(f"no meeting with id {meeting_id} (see `sspclerk meetings`)")
        return meeting_id

    def load_meeting(self, ref: str) -> Meeting:
        return self.store.load_meeting(self.meeting_id(ref))
