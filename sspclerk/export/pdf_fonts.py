"""The PDF writer's embedded fonts, parsed once and kept in the user's cache folder.

Reading a TrueType file's tables (character map, widths) costs reportlab about
20 ms a face, a tenth of a second of every `sspclerk export --format pdf` for the
three DejaVu faces.  What it reads depends only on the font file's bytes and on
reportlab's version, so the parsed tables are kept (pickled) under a name made of
both, and read back on the next run in a millisecond or two.

Safe by construction:

- the font bytes embedded in the PDF are always read from resources/fonts, never
  from the cache; the cache holds only what reportlab worked out from them;
- a cached file that is missing, unreadable, truncated, from another reportlab or
  Python, or that does not look like a parsed font, is ignored: the font is parsed
  as before and the cache rewritten (atomically; a read-only cache folder just
  means no cache);
- the cache folder is the user's own (a pickle is code: whoever can write there
  can already run programs as the user).

Of what is kept, the glyph-to-characters table (a list per glyph) was 60% of the
reading time and is used only while reportlab parses a font; it is kept as its
own pickle inside the cache file and unpickled if anything asks for it.

``SSPCLERK_CACHE_DIR`` moves the cache (tests); set to an empty string it turns
the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from sspclerk import files

#: Raise when what is kept changes shape.
_FORMAT = 2
#: Attributes recomputed or reattached on load rather than kept.
_NOT_KEPT_FACE = {"_ttf_data", "_pdfScale", "filename"}
#: Face attributes kept as a pickle of their own, unpickled on first use.
_KEPT_FOR_LATER = ("glyphToChar",)
#: Most word widths a font remembers at one size before starting again (a few MB at
#: most), and most sizes it remembers them for.
_WIDTHS_KEPT = 50_000
_SIZES_KEPT = 16
_NOT_KEPT_FONT = {"face", "state", "fontName", "_widths"}


class _QuickCodes:
    """A font subset's codes so far, as a ``str.translate`` table: the characters
    with a code in the first subset (under 256), and a no-break space drawn as
    the space, as reportlab draws it.  Remade whenever reportlab hands out a code
    (codes are only ever added)."""

    __slots__ = ("size", "table", "chars")

    def __init__(self, assignments: dict[int, int]) -> None:
        self.size = len(assignments)
        self.table = {char: code for char, code in assignments.items() if code < 256}
        if 32 in self.table:
            self.table[0xA0] = self.table[32]
        self.chars = frozenset(map(chr, self.table))

    @classmethod
    def of(cls, state) -> _QuickCodes:
        quick = getattr(state, "_sspclerk_quick", None)
        if quick is None or quick.size != len(state.assignments):
            quick = cls(state.assignments)
            state._sspclerk_quick = quick
        return quick


class FastTTFont(TTFont):
    """reportlab's TTFont, quicker at mapping text it has drawn before to font codes.

    ``splitString`` gives every character drawn its code in a font subset, one
    Python loop step per character: a quarter of the time spent drawing long
    minutes.  Once each character of a line already has its code (after the first
    few lines, nearly always) the same answer is one ``str.translate``; any
    other line goes to reportlab's own loop, which hands out new codes.
    """

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (reportlab's name)
        state = self.state.get(doc)
        if state is not None and isinstance(text, str) and text:
            quick = _QuickCodes.of(state)
            if quick.chars.issuperset(text):  # all in the first subset: one run
                return [(0, text.translate(quick.table).encode("latin-1"))]
        return super().splitString(text, doc, encoding)

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 (reportlab's name)
        """The width of ``text``, remembered: breaking lines measures the same words
        over and over (about 13,000 times for 60 items, a tenth as many different).
        A width depends only on the text, the size and the face's widths, which
        never change once the font is loaded."""
        known = self.widths_at(size, encoding)
        width = known.get(text)
        if width is None:
            width = known[text] = super().stringWidth(text, size, encoding)
        return width

    def widths_at(self, size, encoding="utf8") -> dict[str, float]:
        """The widths remembered at ``size``, text -> width: the line breaker looks
        words up here directly and measures only the ones missing."""
        widths = self.__dict__.get("_widths")
        if widths is None or len(widths) > _SIZES_KEPT:
            widths = self._widths = {}
        known = widths.get((size, encoding))
        if known is None or len(known) >= _WIDTHS_KEPT:
            known = widths[(size, encoding)] = {}
        return known


class CachedFace(TTFontFace):
    """A face read from the cache; tables kept for later are unpickled on first use."""

    def __getattr__(self, name: str):
        later = self.__dict__.get("_later")
        if later is None or name not in later:
            raise AttributeError(name)
        try:
            value = pickle.loads(later.pop(name))
        except Exception:  # a damaged cache: read the table from the font file itself
            value = getattr(TTFontFace(self.filename), name)
        setattr(self, name, value)
        return value


def cache_folder() -> Path | None:
    """Where parsed fonts are kept, or None when the cache is turned off."""
    env = os.environ.get("SSPCLERK_CACHE_DIR")
    if env is not None:
        return Path(env).expanduser() / "fonts" if env else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sspclerk", appauthor=False)) / "fonts"


def load_font(name: str, path: Path) -> FastTTFont:
    """A reportlab TTFont called ``name`` for the TrueType file at ``path``."""
    data = path.read_bytes()
    cached = _cache_file(path, data)
    if cached is not None:
        font = _read_cached(cached, name, path, data)
        if font is not None:
            return font
    font = FastTTFont(name, str(path))
    if cached is not None and font.face._ttf_data == data:
        _write_cached(cached, font)
    return font


def _cache_file(path: Path, data: bytes) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(data).hexdigest()[:32]
    python = f"{sys.version_info[0]}{sys.version_info[1]}"
    return folder / f"{path.stem}-{digest}-rl{reportlab.Version}-py{python}-v{_FORMAT}.pickle"


def _read_cached(cached: Path, name: str, path: Path, data: bytes) -> FastTTFont | None:
    """The font from its cached tables, or None if there is no usable cached copy."""
    try:
        kept = pickle.loads(cached.read_bytes())
        face = CachedFace.__new__(CachedFace)
        face.__dict__.update(kept["face"])
        face._later = dict(kept["later"])
        if set(face._later) != set(_KEPT_FOR_LATER):
            return None
        face._ttf_data = data
        face.filename = str(path)
        face._pdfScale = _scale(face.unitsPerEm)
        # A cheap look at what the layout and the subsetting rely on.
        if not (
            isinstance(face.charToGlyph, dict)
            and face.charToGlyph
            and isinstance(face.charWidths, dict)
            and len(face.hmetrics) == face.numGlyphs
            and len(face.glyphPos) == face.numGlyphs + 1
            and isinstance(face.table, dict)
        ):
            return None
        font = FastTTFont.__new__(FastTTFont)
        font.__dict__.update(kept["font"])
        font.fontName = name
        font.face = face
        font.state = WeakKeyDictionary()
        return font
    except Exception:  # any fault in a cache file means: parse the font again
        return None


def _write_cached(cached: Path, font: TTFont) -> None:
    face = font.face.__dict__
    kept = {
        "face": {
            k: v
            for k, v in face.items()
            if k not in _NOT_KEPT_FACE and k not in _KEPT_FOR_LATER and k != "_later"
        },
        "later": {
            k: pickle.dumps(getattr(font.face, k), protocol=pickle.HIGHEST_PROTOCOL)
            for k in _KEPT_FOR_LATER
        },
        "font": {k: v for k, v in font.__dict__.items() if k not in _NOT_KEPT_FONT},
    }
    try:
        # The cache's own folder (not a path the clerk typed) may be made here.
        cached.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomically(cached, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # no cache is only slower, never a failed export
        pass


def _scale(units_per_em: int):
    """Font units to PDF's thousandths of an em, as reportlab's parser sets it up."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor
