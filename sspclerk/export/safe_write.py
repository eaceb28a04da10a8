"""The export API's side of the one atomic writer (``sspclerk.files``).

Exports, the pack and the action log write through ``sspclerk.files``: the same
output-path rule (never the store, a device, a read-only file, a missing folder)
and the same write-beside-fsync-rename.  This module only gives the export API its
error class, so the window and the command line catch one ``ExportError``.
"""

from __future__ import annotations

from pathlib import Path

from sspclerk import files
from sspclerk.files import OutputError


class ExportError(OutputError):
    """An export that could not be written; ``str(error)`` is one line for the clerk."""


def write_atomically(target: Path | str, data: bytes) -> Path:
    """Replace ``target`` with ``data``; ExportError (old file untouched) if that fails."""
    try:
        return files.write_atomically(target, data)
    except OutputError as exc:
        raise ExportError(str(exc)) from None
