"""The window's size and panes: fitted to the screen it is on, remembered per user.

On first run the window opens at a comfortable 1400 × 880 where the screen has room
for it, and maximized where it has not, so on a 1280 × 720 laptop nothing starts
off-screen: the right-hand panel, Close meeting and the status bar are all in view.  A size saved on a bigger
monitor is cut down to this one.  Geometry lives in QSettings (the user's config
folder), never in the store.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QMainWindow

#: The size the window opens at when the screen has room for it.
PREFERRED = (1400, 880)
#: Screens with less room than this (height, after panels and taskbars) get the
#: compact editor: a 1280 × 720 laptop keeps about 650 points for the window.
COMPACT_BELOW = 860


def compact_for(available: QRect) -> bool:
    return available.height() < COMPACT_BELOW


def layout_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sspclerk", "window")


def _available(window: QMainWindow) -> QRect | None:
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else None


def first_geometry(available: QRect) -> QRect | None:
    """Where a window opens with no saved size: centred at the preferred size, or None
    when the screen is smaller than that (then it opens maximized, and the window
    manager fits its frame and title bar in)."""
    width, height = PREFERRED
    if available.width() < width + 40 or available.height() < height + 60:
        return None
    left = available.x() + (available.width() - width) // 2
    top = available.y() + (available.height() - height) // 2
    return QRect(left, top, width, height)


def restore_layout(window: QMainWindow, split) -> bool:
    """Window size and pane widths as the clerk left them, or fitted on first run.

    True when the window should be shown maximized (a first run on a small screen).
    """
    settings = layout_settings()
    geometry = settings.value("geometry")
    maximize = False
    if geometry is not None and window.restoreGeometry(geometry):
        fit_on_screen(window)
    else:
        available = _available(window)
        if available is not None:
            place = first_geometry(available)
            if place is None:
                window.setGeometry(available)
                maximize = True
            else:
                window.setGeometry(place)
    state = settings.value("split")
    if state is not None:
        split.restoreState(state)
    return maximize


def fit_on_screen(window: QMainWindow) -> None:
    """A size saved on a bigger monitor must not put the window off this one."""
    screen = _available(window)
    if screen is None:
        return
    width = min(window.width(), screen.width())
    height = min(window.height(), screen.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    if not screen.contains(window.frameGeometry()):
        window.move(screen.topLeft())


def save_layout(window: QMainWindow, split) -> None:
    settings = layout_settings()
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("split", split.saveState())
