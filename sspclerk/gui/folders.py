"""Where the window offers to save what it writes: minutes, packs, the action log.

The first time, the user's Documents folder (their home folder if there is none) —
never the folder the program happened to be started from, nor the store's folder,
where a confidential file would be easy to lose or share by mistake.  After that,
the folder the clerk last chose for that kind of file (remembered in QSettings, per
user, never in the store).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

KINDS = ("minutes", "pack", "action-log", "papers")


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sspclerk", "folders")


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def output_folder(kind: str) -> Path:
    """The folder to offer for a ``kind`` of file (see module docstring)."""
    saved = _settings().value(kind)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    return documents_folder()


def remember_folder(kind: str, path: Path | str) -> None:
    """The clerk saved a ``kind`` of file at ``path``: offer its folder next time."""
    folder = Path(path).expanduser()
    folder = folder if folder.is_dir() else folder.parent
    if folder.is_dir():
        _settings().setValue(kind, str(folder.resolve()))
