"""The app icon files the bundle and the window use are real images of the right sizes.

Read with Qt's own image readers (the ones the window and the bundle carry), not with
the tool that drew them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImageReader

ICONS = Path(__file__).resolve().parent.parent.parent / "resources" / "icons"


def _sizes(path: Path) -> set[tuple[int, int]]:
    reader = QImageReader(str(path))
    sizes = set()
    for index in range(max(reader.imageCount(), 1)):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{path.name} image {index}: {reader.errorString()}"
        sizes.add((image.width(), image.height()))
    return sizes


def test_png_is_the_large_window_icon() -> None:
    assert _sizes(ICONS / "sspclerk.png") == {(512, 512)}


def test_ico_holds_the_windows_sizes() -> None:
    # Explorer and the taskbar pick from these; 16 and 256 are the ones Windows insists on.
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= _sizes(ICONS / "sspclerk.ico")


def test_icns_is_readable() -> None:
    reader = QImageReader(str(ICONS / "sspclerk.icns"))
    if not reader.canRead():  # the ICNS reader is a Qt plugin that is not everywhere
        assert (ICONS / "sspclerk.icns").read_bytes()[:4] == b"icns"
        return
    assert max(w for w, _ in _sizes(ICONS / "sspclerk.icns")) >= 512


def test_window_uses_the_icon(qapp) -> None:
    from sspclerk.gui.app import make_app

    app = make_app(styled=False)
    icon = app.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).toImage().pixelColor(32, 8).alpha() > 0  # drawn, not blank
