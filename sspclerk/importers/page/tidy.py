"""Minutes pasted from a PDF: lines wrapped at the page width are joined again.

A browser copy of a committee page puts a blank line (or at least a line break)
only where the page has one.  Text copied out of a PDF of the minutes has a line
break wherever the PDF wrapped a line and hardly any blank lines, so a sentence
arrives in pieces ("...as a member of the" / "allotment society.") and a list of
names is cut after "Cllr".  Such a page is recognised by its missing blank lines,
and a line is joined to the one before when that one ran to the page width
without ending a sentence, or when it starts in lower case.  Structural lines
(item numbers, "Minutes:", labels, document lines) are never joined.
"""

from __future__ import annotations

import re

from . import lines as pt
from . import people
from .item_parts import LETTERED
from .numbers import find_candidate

#: Fewer blank lines than this share of the text lines: the text came from a PDF.
_BLANK_SHARE = 0.1
_ENDS_SENTENCE = (".", ":", ";", "?", "!", "…")


def looks_wrapped(lines: list[str]) -> bool:
    """Few blank lines, and the long lines all stop at about the same width."""
    text = [line.strip() for line in lines if line.strip()]
    blank = len(lines) - len(text)
    if len(text) < 8 or blank >= len(text) * _BLANK_SHARE:
        return False
    width = _width(text)
    longer = sum(len(line) > width * 1.25 for line in text)
    return 40 <= width <= 140 and longer <= max(2, len(text) * 0.05)


def _starts_structure(raw: str) -> bool:
    line = raw.strip()
    return bool(
        find_candidate(line)
        or pt.MARKER.match(line)
        or pt.DOCUMENT.match(line)
        or pt.is_clutter(line)
        or pt.ACTION.match(line)
        or pt.URGENT.match(line)
        or pt.VENUE.match(line)
        or pt.CONTACT.match(line)
        or people.ATTENDANCE_LABEL.match(line)
        or people.DECLARATIONS_LABEL.match(line)
        or LETTERED.match(line)
        or pt.read_entry(raw).kind != "paragraph"  # type: ignore[union-attr]
    )


def _width(lines: list[str]) -> int:
    """The page width: the length most long lines reach (the 80th percentile)."""
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def join_wrapped_lines(text: str) -> str:
    """The text with PDF-wrapped lines joined; other text comes back unchanged."""
    raw = text.split("\n")
    if not looks_wrapped(raw):
        return text
    width = _width([line.strip() for line in raw])
    out: list[str] = []
    last = -1  # the last line that is not website or page furniture
    title = False  # out[last] is an item's title, on the line under its number
    for original in raw:
        line = original.strip()
        if line and pt.is_clutter(line):
            out.append(original)  # "Page 2 of 3" between the halves of a sentence
            continue
        prev = out[last].strip() if last >= 0 and out[-1].strip() else ""
        if (
            line
            and prev
            and not prev.endswith(_ENDS_SENTENCE)
            and not _starts_structure(original)
            and not pt.MARKER.match(prev)
            and (
                line[:1].islower()
                # a title that fills the line is not run on into the text under it
                or (len(prev) >= width * 0.75 and not find_candidate(prev) and not title)
            )
        ):
            out[last] = f"{out[last].rstrip()} {line}"
            continue
        if line:
            number = find_candidate(prev) if prev and len(prev) <= 24 else None
            title = number is not None and number.alone
        out.append(original)
        if line:
            last = len(out) - 1
    return "\n".join(out)


_BULLETISH = re.compile(r"^[-·•*‣◦▪●○■□➢➤✓o]$")


def split_table_cells(text: str) -> str:
    """A table copied from a browser comes as tab-separated cells; give them lines.

    "3<TAB>Minutes of 8 July<TAB>Minutes (PDF, 245KB)" becomes the number, the title
    and the document, each on a line, as a ModernGov page has them; "Date:<TAB>…"
    stays one line; other rows become "a | b | c".  A line that only starts with
    tabs (an indent) is left alone.
    """
    if "\t" not in text:
        return text
    out: list[str] = []
    for raw in text.split("\n"):
        cells = [c.strip() for c in raw.split("\t")]
        filled = [c for c in cells if c]
        if len(filled) < 2 or not cells[0] or _BULLETISH.match(cells[0]) or "\t\t" in raw.strip():
            out.append(raw)  # an indent, a bullet, or no-break spaces turned into tabs
            continue
        if len(cells) == 2 and re.fullmatch(r"\(?\d{1,3}[.)]", cells[0]):
            out.append(f"{cells[0]} {cells[1]}")  # "1.<TAB>text": a numbered list entry
            continue
        if filled[0].endswith(":"):
            out.append(f"{filled[0]} {' | '.join(filled[1:])}")
        elif (c := find_candidate(filled[0])) is not None and c.alone:
            out.extend([filled[0], *filled[1:]])
        elif all(pt.DOCUMENT.match(c) for c in filled[1:]):
            out.extend(filled)  # a title and its documents
        else:
            out.append(" | ".join(filled))
    return "\n".join(out)


_LONG_SPACE_RUN = re.compile(r"(?<=\S)([^\S\n]{16})[^\S\n]+")


def shorten_space_runs(text: str) -> str:
    """Runs of more than 16 spaces inside a line cut to 16.

    No page needs more, and the line patterns would take time growing with the
    square of such a run (a hostile file of one word, a million spaces, a word).
    The indent at the start of a line (a dropped bullet) is kept as it is.
    """
    return _LONG_SPACE_RUN.sub(r"\1", text)


_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


def drop_invisible(text: str) -> str:
    """Zero-width spaces and stray byte-order marks a browser copy carries.

    They cannot be seen, but "Minutes:\\u200b" would no longer read as a label.
    """
    return _INVISIBLE.sub("", text)


_PREFIX_ALONE = re.compile(r"^[A-Z]{2,5}$")
_PREFIX_LINE = re.compile(r"^[^\S\n]*[A-Z]{2,5}[^\S\n]*\n[^\S\n]*\d", re.M)
_NUMBER_AFTER_PREFIX = re.compile(r"^\d{1,4}(?:/\d{1,4})?[a-z]?(?:\s|$)")


def join_split_numbers(text: str) -> str:
    """ "ICP" / "53/15": a committee prefix and its number on two lines, as a PDF's
    narrow number column wraps them, made one number again ("ICP 53/15").

    Only where the page does it at least twice with the same prefix, so a heading
    in capitals followed by a figure is left alone.
    """
    if not _PREFIX_LINE.search(text):
        return text
    lines = text.split("\n")
    pairs: dict[str, list[int]] = {}
    for i in range(len(lines) - 1):
        word = lines[i].strip()
        if _PREFIX_ALONE.match(word) and _NUMBER_AFTER_PREFIX.match(lines[i + 1].strip()):
            pairs.setdefault(word, []).append(i)
    joined = {i for found in pairs.values() if len(found) >= 2 for i in found}
    if not joined:
        return text
    out: list[str] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        if i in joined:
            out.append(f"{line.strip()} {lines[i + 1].strip()}")
            skip = True
        else:
            out.append(line)
    return "\n".join(out)
