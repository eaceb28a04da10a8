"""Clean what the clerk pastes, once, before it is stored.

Word and browsers paste control characters: a vertical tab for a manual line break,
form feeds for page breaks, BEL from fields, NUL from old documents, and half of an
emoji (a lone surrogate) from broken clipboards.  None of these may reach SQLite or
make a write fail, and nothing else in the text may change: no Unicode normalisation,
no trimming, no "smart" fixes.
"""

from __future__ import annotations

import re

# Line-breaking controls become a plain newline; every other C0 control except TAB
# and LF, plus DEL and lone surrogates, is dropped.
_CRLF = re.compile(r"\r\n?")
_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_DROP = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f\ud800-\udfff]")


def clean_text(value: str | None) -> str:
    """The stored form of a piece of clerk text; idempotent, never raises on a str."""
    if not value:
        return ""
    value = _CRLF.sub("\n", value)
    value = _BREAKS.sub("\n", value)
    return _DROP.sub("", value)


def clean_line(value: str | None) -> str:
    """The stored form of a one-line field (a title, a name): breaks become spaces."""
    return clean_text(value).replace("\n", " ").replace("\t", " ")
