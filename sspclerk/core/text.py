"""Clean what the clerk pastes, once, before it is stored.

Word and browsers paste control characters: a vertical tab for a manual line break,
form feeds for page breaks, BEL from fields, NUL from old documents, Windows-1252
punctuation mis-read as C1 controls, and half of an emoji (a lone surrogate) from
broken clipboards.  None of these may reach SQLite or make a write fail, and nothing
else in the text may change: no Unicode normalisation, no trimming (item numbers
apart), no "smart" fixes.
"""

from __future__ import annotations

import re

# Line-breaking controls become a plain newline; every other C0 control except TAB
# and LF, plus DEL and lone surrogates, is dropped.
_CRLF = re.compile(r"\r\n?")
_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_DROP = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f\ud800-\udfff]")


def _c1_as_windows_1252() -> dict[int, str | None]:
    """C1 controls (U+0080-U+009F) in pasted text are Windows-1252 punctuation read
    as Latin-1 by some program on the way (a curly quote, a dash, the euro sign):
    they become that punctuation, as browsers read them; the five bytes Windows-1252
    leaves undefined are dropped.  U+0085 is a line break (above) before this."""
    table: dict[int, str | None] = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            table[code] = None
    return table


_C1 = re.compile("[\x80-\x9f]")
_C1_TABLE = _c1_as_windows_1252()


def clean_text(value: str | None) -> str:
    """The stored form of a piece of clerk text; idempotent, never raises on a str."""
    if not value:
        return ""
    value = _CRLF.sub("\n", value)
    value = _BREAKS.sub("\n", value)
    if not value.isascii() and _C1.search(value):
        value = value.translate(_C1_TABLE)
    return _DROP.sub("", value)


def clean_line(value: str | None) -> str:
    """The stored form of a one-line field (a title, a name): breaks become spaces."""
    return clean_text(value).replace("\n", " ").replace("\t", " ")


def clean_number(value: str | None) -> str:
    """The stored form of an item number: one line, without the spaces around it
    (``"SSP/15/25 "`` pasted from a page is the item SSP/15/25, not another one)."""
    return clean_line(value).strip()
