"""Clean what the clerk pastes, once, before it is stored.

Word and browsers paste control characters: a vertical tab for a manual line break,
form feeds for page breaks, BEL from fields, NUL from old documents, Windows-1252
punctuation mis-read as C1 controls, and half of an emoji (a lone surrogate) from
broken clipboards.  None of these may reach SQLite or make a write fail, and nothing
else in the text may change: no Unicode normalisation, no trimming (item numbers
apart), no "smart" fixes.
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from typing import TypeVar

T = TypeVar("T")

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


#: Fields of the meeting's objects that hold running text (kept with their line
#: breaks), and those that hold an item number; every other text field is one line.
TEXT_FIELDS = frozenset(
    {
        "agenda_text",
        "minutes",
        "restriction_reason",
        "public_summary",
        "urgent_reason",
        "unplaced_text",
        "amendments",
        "nature",
        "text",
    }
)
NUMBER_FIELDS = frozenset({"number", "item", "arrived_at_item", "left_at_item"})


def clean_field(name: str, value: str | None) -> str:
    """The stored form of the text field ``name``: running text, a number or one line."""
    if name in TEXT_FIELDS:
        return clean_text(value)
    if name in NUMBER_FIELDS:
        return clean_number(value)
    return clean_line(value)


def clean_record(record: T) -> T:
    """A copy of ``record`` (a meeting, an item, a committee …) with every text field in
    it, however deep, in its stored form.

    This is the boundary the importers hand over at: a meeting read from a page or a
    file is as clean as one read from the store, so the document model and the
    writers never clean text again (they only escape it for their format).
    """
    if isinstance(record, list):
        return [clean_record(entry) for entry in record]  # type: ignore[return-value]
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    changes = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str) and not isinstance(value, Enum):
            changes[f.name] = clean_field(f.name, value)
        elif isinstance(value, list) or (
            dataclasses.is_dataclass(value) and not isinstance(value, type)
        ):
            changes[f.name] = clean_record(value)
    return dataclasses.replace(record, **changes)
