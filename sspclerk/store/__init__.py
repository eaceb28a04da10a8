"""The only package that talks to SQLite."""

from .errors import (
    NewerStoreError,
    NotAStoreError,
    NotFoundError,
    RecordLockedError,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreUnavailableError,
)
from .schema import CURRENT_VERSION
from .store import (
    HIT_END,
    HIT_START,
    ITEM_FIELDS,
    ITEM_TEXT_FIELDS,
    Changed,
    HistoryVersion,
    MeetingSummary,
    SearchHit,
    Store,
    fts_query,
)

__all__ = [
    "CURRENT_VERSION",
    "HIT_END",
    "HIT_START",
    "ITEM_FIELDS",
    "ITEM_TEXT_FIELDS",
    "Changed",
    "HistoryVersion",
    "MeetingSummary",
    "NewerStoreError",
    "NotAStoreError",
    "NotFoundError",
    "RecordLockedError",
    "SearchHit",
    "Store",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreError",
    "StoreUnavailableError",
    "fts_query",
]
