"""The only package that talks to SQLite."""

from .errors import (
    DuplicateMeetingError,
    NeedsUpgradeError,
    NewerStoreError,
    NotAStoreError,
    NotFoundError,
    RecordLockedError,
    RuleError,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreUnavailableError,
)
from .schema import CURRENT_VERSION
from .series import ActionLogEntry, SeriesChange
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
    "ActionLogEntry",
    "SeriesChange",
    "CURRENT_VERSION",
    "HIT_END",
    "HIT_START",
    "ITEM_FIELDS",
    "ITEM_TEXT_FIELDS",
    "Changed",
    "HistoryVersion",
    "MeetingSummary",
    "DuplicateMeetingError",
    "NeedsUpgradeError",
    "NewerStoreError",
    "NotAStoreError",
    "NotFoundError",
    "RecordLockedError",
    "RuleError",
    "SearchHit",
    "Store",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreError",
    "StoreUnavailableError",
    "fts_query",
]
