"""What can go wrong with the store, each with a message a clerk can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: ``str(error)`` is one line that names the problem."""


class NotAStoreError(StoreError):
    """The file is not an SQLite database at all."""


class StoreCorruptError(StoreError):
    """The file is SQLite but damaged (truncated, malformed)."""


class NewerStoreError(StoreError):
    """Written by a newer sspclerk; opening it would risk the newer data."""


class StoreUnavailableError(StoreError):
    """The store cannot be written now: read-only, disk full, locked, vanished."""


class NeedsUpgradeError(StoreUnavailableError):
    """Written by an older sspclerk and opened read-only, so it cannot be migrated."""


class StoreBusyError(StoreUnavailableError):
    """Another sspclerk has the store open for writing."""


class NotFoundError(StoreError):
    """An unknown meeting, item or committee."""


class DuplicateMeetingError(StoreError):
    """The committee already has a meeting on that day (an import done twice)."""

    def __init__(self, message: str, existing: int) -> None:
        super().__init__(message)
        self.existing = existing


class RecordLockedError(StoreError):
    """The minutes were approved; only a recorded correction may change them."""


class RuleError(StoreError):
    """The action breaks a rule of the record: numbers frozen after publication, an
    approval at the wrong meeting, a correction to minutes not yet approved."""
