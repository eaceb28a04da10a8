"""What can go wrong with a sync, each a one-line message the clerk can act on.

Every message names the server by its label (address without the password).  Each
failure leaves both sides as they were: the server's transaction rolled back, the
store's journal untouched, so the next sync simply does it again.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base class: ``str(error)`` is one line; nothing was half-applied."""


class ServerUnreachable(SyncError):
    """No connection (server down, wrong address, no network) or it was cut."""


class ServerRefused(SyncError):
    """The server answered but would not let this clerk in (password, role, grant)."""


class ServerNotReady(SyncError):
    """The server has no sspclerk record yet, or one from another version."""


class SyncBusy(SyncError):
    """Another sync of this store, or a long one of another laptop, holds the way."""


class WrongServer(SyncError):
    """This store belongs to another server's record."""


class RestoredCopy(SyncError):
    """This store is older than what it sent before (a backup put back, or a copy)."""


class ServerBehind(SyncError):
    """The server's record is older than this store's last sync (restored from a dump)."""


class SyncTooBig(SyncError):
    """More to move than a background sync should apply on the window's thread."""
