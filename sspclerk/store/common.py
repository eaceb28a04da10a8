"""What every part of the store shares: the ``Changed`` answer of a user action,
and the text forms SQLite holds dates and times in (ISO 8601, minutes for times)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

#: The folder beside the store that holds its rotated backups.
BACKUPS_FOLDER = "backups"


@dataclass(frozen=True)
class Changed:
    """What one action changed, for the GUI to refresh from."""

    meeting_id: int
    item_id: int | None = None
    what: str = ""


def _iso(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None
