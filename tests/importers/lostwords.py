"""The "nothing is lost" check: every word of a page is somewhere after the import.

A word of the page that is not website clutter must turn up in the imported
meeting (any text field, as JSON) or in the "Unplaced text" note.  Lines of prose
must turn up whole, in order; lines the importer takes apart on purpose (the
committee line, attendance lists, document lines with their sizes, labels such as
"Minutes:") only need their words, less the labels and the dates and sizes that
became fields.
"""

from __future__ import annotations

import json
import re

from sspclerk.core.text import clean_text
from sspclerk.export.meeting_json import meeting_to_json
from sspclerk.importers.page import PageImport, people
from sspclerk.importers.page import lines as pt
from sspclerk.importers.page.markup import html_to_text, looks_like_html
from sspclerk.importers.page.numbers import find_candidate
from sspclerk.importers.page.when import DATE, TIME, parse_time

_WORD = re.compile(r"\w+")
#: Labels and words a page uses for structure; the import turns them into fields.
STRUCTURAL = set(
    [
        "agenda",
        "time",
        "held",
        "he",
        "she",
        "they",
        "date",
        "on",
        "at",
        "and",
        "draft",
        "minutes",
        "minute",
        "decision",
        "decisions",
        "venue",
        "contact",
        "present",
        "attendee",  # an attendance table's heading row: "Attendee | Role | Attendance"
        "attendees",
        "role",
        "apologies",
        "officers",
        "officer",
        "also",
        "in",
        "attendance",
        "absent",
        "members",
        "member",
        "substitutes",
        "substitute",
        "substituting",
        "for",
        "declarations",
        "declaration",
        "of",
        "interest",
        "interests",
        "pdf",
        "icon",
        "kb",
        "mb",
        "bytes",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "html",
        "txt",
        "chair",
        "vice",
        "chairman",
        "chairperson",
        "the",
        "urgent",
        "item",
        "action",
        "owner",
        "due",
        "status",
        "open",
        "done",
        "councillors",
        "councillor",
        "cllrs",
        "resolution",
        "were",
        "received",
        "from",
        "a",
        "an",
        "declared",
        "disclosable",
        "pecuniary",
        "other",
        "registerable",
        "registrable",
        "non",
        "personal",
        "prejudicial",
        "left",
        "room",
        "meeting",
        "with",
        "had",
        "has",
        "dispensation",
        "and",
        "that",
        # labels and heading words the header is read from: "Place:" / "Location:" (the
        # venue), "Decision Maker:" (the committee), "Membership:" (the members),
        # "Minutes of the proceedings of", "commencing at 7.30pm", "Part B" (restriction),
        # "Committee Member" (a role in an attendance table)
        "place",
        "location",
        "maker",
        "membership",
        "proceedings",
        "commencing",
        "committee",
        "part",
        "b",
    ]
)


#: Website furniture, written out here apart from the importer's own list so that a
#: clutter rule swallowing real text ("(c) the contract be awarded") is caught.
CLUTTER = re.compile(
    r"""^(?:share\s+this\s+(?:item|page|meeting)|share|print|items?|no\.?(?:\s+item)?
      |item\s+no\.?|description|title|subject|item\s+(?:description|title|subject)(?:\s+documents)?|meeting\s+details|(?:committee\s+)?membership|page\s+\d+(?:\s+of\s+\d+)?|(?:signed|date)\s*\.{4,}.*|view\s+the\s+(?:full\s+)?(?:minutes|decision|reasons?|declarations?|background)\b.{0,40}
      |skip\s+to\s+(?:main\s+)?content|home\s*[>›»|].*|back\s+to\s+top
      |.{0,80}\bmay\s+not\s+be\s+(?:fully\s+)?accessible\b.{0,120}
      |.{0,80}\baccessible\s+format\b.{0,80}|accessibility(?:\s+statement)?
      |webcast\s+for\b.{0,80}|(?:additional|supplementary|supporting|related)\s+documents?\s*:?
      |attendance(?:\s+details)?|(?:meeting\s+)?documents?|(?:©|copyright\b).{0,100}
      |cookies?\b.{0,120}|accept(?:\s+all)?(?:\s+cookies)?|reject(?:\s+all)?(?:\s+cookies)?
      |privacy(?:\s+notice)?|contact\s+us|sitemap|site\s+map|expand\s+all|collapse\s+all)\s*$""",
    re.I | re.X,
)


def tokens(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _structured(line: str) -> bool:
    return bool(
        pt.DOCUMENT.match(line)
        or pt.MARKER.match(line)
        or pt.ACTION.match(line)
        or pt.URGENT.match(line)
        or people.ATTENDANCE_LABEL.match(line)
        or people.DECLARATIONS_LABEL.match(line)
        or people.read_declaration(line)
        or pt.VENUE.match(line)
        or pt.CONTACT.match(line)
        or find_candidate(line)
        or DATE.search(line)
        or len(tokens(line)) < 8
        or all(
            people.read_person(e, "present") or re.fullmatch(r"\([^()]+\)", e.strip())
            for e in people.split_names(line)
        )  # a list of names, also one wrapped after a name ("(Housing Trust), Pat Day")
    )


def _became_the_closing_time(line: str, result: PageImport) -> bool:
    """ "The meeting closed at 8.52 pm." read as the meeting's closing time (which the
    exported minutes print): its words are that field, as a date line's are."""
    closing = pt.CLOSING.match(line)
    ended = result.meeting.ended_at
    return bool(closing and ended and parse_time(closing.group("time")) == ended.time())


def lost_words(page: str, result: PageImport, whole_lines: bool = True) -> list[str]:
    """Lines of the page with words found nowhere in the import (empty when nothing is lost).

    ``whole_lines=False`` checks words only, for randomly damaged pages whose lines
    may be joined across structure ("Venue: X Present: Y").
    """
    text = clean_text(html_to_text(page) if looks_like_html(page) else page)
    data = meeting_to_json(result.meeting)
    fields: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            fields.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads(json.dumps(data, default=str)))
    fields.extend(result.unplaced)
    hay = [tokens(f) for f in fields]
    hay_set = {t for f in hay for t in f}
    hay_lines = [" " + " ".join(f) + " " for f in hay]
    lost = []
    for raw in text.replace("\t", "\n").split("\n"):
        line = raw.strip()
        line = re.sub(r"[\s.]*\bview\s+directions$", "", line, flags=re.I)
        if re.fullmatch(r"</?\w+>", line):
            continue  # a stray tag in a text copy
        if not line or CLUTTER.match(
            re.sub(r"^share this item\s+|\s\|\s", " ", line, flags=re.I).strip()
        ):
            continue
        # "(Pages 7 - 22)" after a front sheet's title: where it sits in the agenda pack
        line = re.sub(r"\s*\((?:pages?|pp?\.)\s*\d+(?:\s*[-–]\s*\d+)?\)$", "", line, flags=re.I)
        doubled = re.fullmatch(r"(.{6,}?)\s*\1", line)
        if doubled:  # a date printed twice, run together ("…2020Wednesday 4 …"): once
            line = doubled.group(1)
        words = tokens(line)
        if not words:
            continue
        if _became_the_closing_time(line, result):
            continue
        if whole_lines and not _structured(line):
            # Each sentence whole: an outcome sentence may be cut from its paragraph.
            for sentence in re.split(r"(?<=[.!?;:])\s+", line):
                sequence = " " + " ".join(tokens(sentence)) + " "
                if sequence.strip() and not any(sequence in f for f in hay_lines):
                    lost.append(f"{line!r} (not found whole: {sentence!r})")
            continue
        for m in (*DATE.finditer(line), *TIME.finditer(line)):
            words = [w for w in words if w not in tokens(m.group(0))]
        d = pt.DOCUMENT.match(line)
        if d:
            words = [w for w in words if w not in tokens(line[d.start("tail") :])]
        missing = [w for w in words if w not in hay_set and w not in STRUCTURAL]
        if missing:
            lost.append(f"{line!r} (missing {missing})")
    return lost
