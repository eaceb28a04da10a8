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
from .journal import OperationRecord, Reverted, UndoRefused
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
    "OperationRecord",
    "RecordLockedError",
    "Reverted",
    "RuleError",
    "SearchHit",
    "Store",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreError",
    "StoreUnavailableError",
    "UndoRefused",
    "fts_query",
]
