"""Sharing one record with the team through a PostgreSQL server.

The only package that imports psycopg.  The laptop's store stays the working copy
and knows nothing of the network (store/replica.py journals its changes); this
package connects, exchanges one sync in one server transaction, and hands what came
back to the store.  docs/team.md says how it fits together.
"""

from .address import ENV, ServerAddress, resolve, save_password
from .engine import SyncReport, run_exchange, sync_store
from .errors import SyncError
from .server import init_server

__all__ = [
    "ENV",
    "ServerAddress",
    "SyncError",
    "SyncReport",
    "init_server",
    "resolve",
    "run_exchange",
    "save_password",
    "sync_store",
]
