"""Item numbers as councils print them: SSP/12/25, C 08/042, (199), 12., 4a, 6.1.

Each number style is a "family"; the page reader picks the family that actually
starts the items of a page, so a numbered list inside the minutes ("1. Prevention")
is not mistaken for an item when the items are numbered SSP/17/25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = r"(?:\s*[.:)–-]?\s+(?P<title>\S.*))?"
_PATTERNS = [
    (
        "slash",
        re.compile(rf"^(?P<num>[A-Z][A-Za-z&]{{0,9}}\s?/\s?\d{{1,4}}\s?/\s?\d{{2,4}}){_TITLE}$"),
    ),
    ("letter", re.compile(rf"^(?P<num>[A-Z]{{1,5}}\s?\d{{1,3}}/\d{{1,4}}){_TITLE}$")),
    (
        "minute",
        re.compile(
            rf"^(?:min(?:ute)?s?\.?\s+(?:no\.?\s*)?)?(?P<num>\d{{1,4}}/\d{{1,4}}[a-z]?){_TITLE}$",
            re.I,
        ),
    ),
    ("paren", re.compile(r"^\((?P<num>\d{1,4}[a-z]?)\)(?:\s+(?P<title>\S.*))?$")),
    (
        "plain",
        re.compile(
            r"^(?:(?:agenda\s+)?item\s+)?(?P<num>\d{1,4}(?:\.\d{1,2})*[a-z]?)(?P<punct>[.:)])?"
            r"(?:\s+(?P<title>\S.*))?$",
            re.I,
        ),
    ),
]


@dataclass
class NumberCandidate:
    """A line that may start an item: its number, and the title if on the same line."""

    family: str
    number: str
    title: str | None
    alone: bool
    line: int = -1


def find_candidate(line: str) -> NumberCandidate | None:
    """The item number this (stripped) line starts with, if it can be one."""
    line = line.strip()
    if not line or len(line) > 400:
        return None
    for family, pattern in _PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        number = m.group("num")
        title = m.group("title")
        if family == "minute" and title is not None and not title[:1].isupper():
            return None
        if family == "plain":
            if title is not None:
                decorated = m.group("punct") or "." in number or number[-1:].isalpha()
                if not (decorated or _capitals(title)) or not title[:1].isupper():
                    return None
            if number[-1:].isalpha() and title is None and len(number) == 1:
                return None
        return NumberCandidate(family, number, title.strip() if title else None, title is None)
    return None


def _capitals(title: str) -> bool:
    """A heading in capitals ("45 APOLOGIES FOR ABSENCE"): a number needs no dot before it.

    "12 members attended" or "2025 Budget" is text; a capitalised heading after a bare
    number is how many councils print their minute numbers.
    """
    letters = [ch for ch in title if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def number_key(number: str) -> tuple[int, ...]:
    """Orderable form: "SSP/12/25" -> (12, 25); "23/145" -> (23, 145); "6.1" -> (6, 1); "4a" -> (4, 1)."""
    parts: list[int] = []
    for token in re.findall(r"\d+|(?<=\d)[a-z]", number.lower()):
        parts.append(int(token) if token.isdigit() else ord(token) - 96)
    return tuple(parts)
