"""Draw sspclerk's app icon once: a sheet of minutes with an AGREED tick.

Run by hand when the icon changes (needs Pillow, which the app does not):

    python tools/make_icon.py

It writes resources/icons/sspclerk.png (512 px, the window icon), sspclerk.ico
(Windows, 16-256 px) and sspclerk.icns (macOS). The files are committed, so a build
never needs Pillow. The drawing is made here from plain shapes; nothing is copied.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZE = 1024  # drawn large, scaled down with a good filter

BACKGROUND = (27, 73, 101)  # council navy-teal
SHEET = (250, 250, 246)
FOLD = (214, 219, 222)
LINE = (150, 164, 175)
HEADING = (27, 73, 101)
TICK = (46, 139, 87)


def draw(size: int = SIZE) -> Image.Image:
    s = size / 1024  # every coordinate below is on a 1024 grid
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40 * s, 40 * s, 984 * s, 984 * s), radius=190 * s, fill=BACKGROUND)

    # The sheet, with its top right corner folded over.
    left, top, right, bottom, fold = 250 * s, 170 * s, 774 * s, 860 * s, 130 * s
    d.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=SHEET,
    )
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)

    # A heading bar and the lines of minutes.
    d.rounded_rectangle((320 * s, 265 * s, 600 * s, 310 * s), radius=14 * s, fill=HEADING)
    for i, width in enumerate((380, 330, 380, 250, 300)):
        y = (380 + i * 70) * s
        d.rounded_rectangle((320 * s, y, (320 + width) * s, y + 26 * s), radius=13 * s, fill=LINE)

    # The AGREED tick, over the sheet's lower right.
    d.line(
        [(560 * s, 745 * s), (640 * s, 825 * s), (820 * s, 610 * s)],
        fill=TICK,
        width=round(78 * s),
        joint="curve",
    )
    for x, y in ((560, 745), (820, 610)):  # round the two ends
        r = 39 * s
        d.ellipse((x * s - r, y * s - r, x * s + r, y * s + r), fill=TICK)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    master = draw()
    master.resize((512, 512), Image.Resampling.LANCZOS).save(OUT / "sspclerk.png", optimize=True)
    master.save(
        OUT / "sspclerk.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    master.save(OUT / "sspclerk.icns")
    for name in ("sspclerk.png", "sspclerk.ico", "sspclerk.icns"):
        print(f"{OUT / name}  {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
