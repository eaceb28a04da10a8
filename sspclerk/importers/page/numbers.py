"""Item numbers as councils print them: SSP/12/25, C 08/042, (199), 12., 4a, 6.1.

Each number style is a "family"; the page reader picks the family that actually
starts the items of a page, so a numbered list inside the minutes ("1. Prevention")
is not mistaken for an item when the items are numbered SSP/17/25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = r"(?:\s*[.:)–—-]?\s+(?P<title>\S.*))?"
_PATTERNS = [
    (
        # "SSP/12/25", "Cou/285/07-08" (a municipal year written as a range)
        "slash",
        re.compile(
            rf"^(?P<num>[A-Z][A-Za-z&]{{0,9}}\s?/\s?\d{{1,4}}\s?/\s?\d{{2,4}}(?:-\d{{2,4}})?){_TITLE}$"
        ),
    ),
    # "C 08/042", "HWB 25/01", "E.61/23"
    ("letter", re.compile(rf"^(?P<num>[A-Z]{{1,5}}(?:\s?|\.\s?)\d{{1,3}}/\d{{1,4}}){_TITLE}$")),
    (
        "minute",
        re.compile(
            rf"^(?:min(?:ute)?s?\.?\s+(?:no\.?\s*)?)?(?P<num>\d{{1,4}}/\d{{1,4}}[a-z]?){_TITLE}$",
            re.I,
        ),
    ),
    ("paren", re.compile(r"^\((?P<num>\d{1,4}[a-z]?)\)(?:\s+(?P<title>\S.*))?$")),
    (
        # "PAR 1", "CAB 112": the committee's letters before a running number
        "prefixed",
        re.compile(
            r"^(?P<num>(?P<prefix>[A-Z]{2,5})\s\d{1,4}[a-z]?)(?:\s*[.:)–—-]?\s+(?P<title>\S.*))?$"
        ),
    ),
    (
        "plain",
        re.compile(
            r"^(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?)?(?P<num>\d{1,4}(?:\.\d{1,2})*[a-z]?)"
            r"(?P<punct>[.:)]|\s+[–—-](?=\s))?(?:\s+(?P<title>\S.*))?$",
            re.I,
        ),
    ),
]
_DIGIT_NEAR_START = re.compile(r"^.{0,24}?\d")
#: Capitals before a number that are not a committee's prefix ("PART 1", "ROOM 3").
_NOT_PREFIXES = frozenset(
    [
        "PART",
        "ROOM",
        "ITEM",
        "PAGE",
        "FLOOR",
        "LEVEL",
        "BAND",
        "AREA",
        "WARD",
        "ZONE",
        "UNIT",
        "PLOT",
        "TEL",
        "FAX",
        "NO",
        "JAN",
        "FEB",
        "MAR",
        "APR",
        "MAY",
        "JUN",
        "JUNE",
        "JUL",
        "JULY",
        "AUG",
        "SEP",
        "SEPT",
        "OCT",
        "NOV",
        "DEC",
        "MON",
        "TUE",
        "WED",
        "THU",
        "FRI",
        "SAT",
        "SUN",
        "THE",
        "AND",
        "FOR",
    ]
)
#: A title that starts with a reference ("25/00318/FUL: Erection of …", a planning
#: application's number) rather than a capital.
_REFERENCE = re.compile(r"^(?:[A-Z]{1,4}/)?\d[\w.]*/[\w/.-]+")
#: A title line that ends in its paper ("Budget 2025/26 pdf icon PDF 312 KB").
_PAPER_TAIL = re.compile(
    r"\b(?:pdf|docx?|xlsx?)\s+icon\b|\((?:PDF|DOCX?)?,?\s*\d[\d.,]*\s*[KM]B\)$", re.I
)


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
    if not line or len(line) > 400 or not _DIGIT_NEAR_START.search(line):
        return None  # every number style has its digits near the start ("Agenda Item No. 12")
    for family, pattern in _PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        number = m.group("num")
        title = m.group("title")
        starts_well = title is None or title[:1].isupper() or bool(_REFERENCE.match(title))
        if family == "minute" and not starts_well:
            return None
        if family == "prefixed":
            if m.group("prefix") in _NOT_PREFIXES or not starts_well:
                continue
            family = f"prefixed {m.group('prefix')}"  # "PAR 1" and "ROOM 3" are not one run
        if family == "plain":
            if title is not None:
                decorated = m.group("punct") or "." in number or number[-1:].isalpha()
                if not (decorated or _capitals(title) or _PAPER_TAIL.search(title)):
                    return None
                if not starts_well:
                    return None
            if number[-1:].isalpha() and title is None and len(number) == 1:
                return None
            number = number.strip()
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
