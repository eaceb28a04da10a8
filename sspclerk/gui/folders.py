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
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

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


class SaveAsField(QWidget):
    """The file to save to, and Browse… beside it: one field for the export and pack
    dialogs.  ``line`` holds the path; ``label`` ("Save as") is its buddy for Alt+S."""

    def __init__(
        self, parent: QWidget, accessible_name: str, caption: str, file_filter: str = ""
    ) -> None:
        super().__init__(parent)
        self._caption, self._filter = caption, file_filter
        self.line = QLineEdit()
        self.line.setAccessibleName(accessible_name)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(browse)
        self.label = QLabel("&Save as", parent)
        self.label.setBuddy(self.line)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self._caption, self.line.text(), self._filter)
        if path:
            self.line.setText(path)
