"""The header of a published page: which committee met, when, and where.

Councils say it many ways: a committee line ("Safer Stockton Partnership -
Wednesday 23rd July 2025 9.00 am", "Cabinet, Tuesday, 4 March 2025, 10am", the
name on the line above); the heading of typed minutes ("Minutes of a meeting of
the X held on Thursday, 7 March 2024 at 10.00 am in the Council Chamber", "Minute
of Meeting of …", "MINUTES OF THE PROCEEDINGS OF …", over several lines when
pasted from a PDF); a summons ("You are hereby summoned to attend a meeting of X
to be held in VENUE on DATE at TIME"); labels ("Date:", "Time:", "Committee:",
"Meeting: 04/03/2025 - Cabinet (Item 75)", "Decision Maker:", "Date of decision:");
a title block in capitals.  These patterns read them and refuse a date inside an
ordinary sentence, or one that belongs to another meeting (the previous or the
next one).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .when import DATE, TIME, parse_date

#: A label in two languages: "Dyddiad / Date:", "Amser / Time:".
_OTHER_LANGUAGE = r"(?:[^\W\d_][^:/]{0,40}/\s*)?"
TIME_LABEL = re.compile(
    rf"^{_OTHER_LANGUAGE}(?:time|start(?:\s+time)?|meeting\s+time)\s*:\s*(?P<value>.+)$", re.I
)
#: "Date: Tuesday 4 March 2025", "Meeting date:"; the value may be on the next line.
DATE_LABEL = re.compile(
    rf"^{_OTHER_LANGUAGE}(?:(?:meeting\s+)?date(?:\s+of\s+(?:the\s+)?meeting)?|meeting\s+date|when)"
    r"\s*(?::\s*(?P<value>.*)|$)",
    re.I,
)
#: "Committee: Planning Committee" in a table of meeting details.
COMMITTEE_LABEL = re.compile(
    rf"^{_OTHER_LANGUAGE}(?:committee|meeting\s+title|meeting\s+of|body|decision\s+maker)\s*:\s*(?P<value>\S.*)$",
    re.I,
)
#: "Meeting: 04/03/2025 - Fenmoor Cabinet (Item 75)", as single-item and issue-history
#: pages name the meeting an item was at.
MEETING_OF_ITEM = re.compile(
    r"^meeting\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[-–—]\s*(?P<name>.+?)"
    r"(?:\s*\((?:item|minute)\s*(?:no\.?\s*)?(?P<item>[^()]*)\))?\s*$",
    re.I,
)
#: "Date of decision: 04/03/2025" on a single decision's page (read when nothing else
#: on the page dates the meeting).
DECISION_DATE = re.compile(
    r"^(?:date\s+of\s+decision|decision\s+date)\s*:\s*(?P<value>\S.*)$", re.I
)
SMALL_WORDS = {"of", "and", "the", "for", "&", "on", "in", "to", "a", "an"}
#: The words a body's name is made of: a line naming one holds one of these.
BODY_WORDS = re.compile(
    r"\b(?:council|committee|sub-committee|boards?|panel|partnership|forum|cabinet|executive"
    r"|commission|authority|assembly|trust|group|scrutiny|parliament|senate|alliance"
    r"|network|conference|tribunal|hearings?|convention|body)\b",
    re.I,
)


def initials(name: str) -> str:
    """Prefix derived from a committee name: "Safer Stockton Partnership" -> "SSP"."""
    letters = [w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in SMALL_WORDS]
    return "".join(letters).upper()[:6]


def name_like(name: str) -> bool:
    """Empty (the name may be on the line above) or a short name, not a sentence."""
    if not name:
        return True
    words = name.split()
    return len(words) <= 15 and not re.search(r"[.!?]\s", name) and name[:1].isupper()


def title_like(line: str) -> bool:
    """Most significant words capitalised, as titles are ("Litter Pick Volunteers")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'&-]*", line) if w.lower() not in SMALL_WORDS]
    if not words or len(words) > 16:
        return False
    return sum(w[0].isupper() for w in words) * 10 >= len(words) * 6


#: "Minutes of the Meeting of X held on": the heading of minutes typed in a document.
_MINUTES_OF = re.compile(
    r"^(?P<kind>(?:(?:draft|confirmed|approved|unconfirmed|signed)\s+)?(?:minutes?|notes)"
    r"|agenda|notice|record\s+of\s+(?:the\s+)?(?:decisions?|proceedings))\s+(?:of|for|from)\s+"
    r"(?:an?\s+|the\s+)?(?:proceedings\s+(?:of|at)\s+(?:an?\s+|the\s+)?)?"
    # "the Extraordinary Meeting of": the kind of meeting, when "meeting of" follows
    # ("Minutes of the Parish Council" is the Parish Council's)
    r"(?:(?:(?:annual|ordinary|extraordinary|special|public|parish|virtual|remote|joint|full"
    r"|additional|reconvened|adjourned|informal|monthly)\s+)*"
    r"(?:general\s+)?meeting\s+(?:of|for)\s+(?:the\s+)?)?",
    re.I,
)
#: A heading that starts like that but has its date on a later line (pasted from a PDF).
HEADING_START = re.compile(
    r"^(?:(?:(?:draft|confirmed|approved|unconfirmed|signed)\s+)?(?:minutes?|notes)"
    r"|notice|record\s+of)\s+(?:of|for|from)\b|^(?:an?|the)\s+(?:\w+\s+){0,3}meeting\s+of\b",
    re.I,
)
_HELD = re.compile(
    r"\s+(?:which\s+was\s+|to\s+be\s+)?held(?:\s+(?:at|in)\s+(?P<venue>.+?)"
    # "held remotely via Microsoft Teams on …": where it was held, as written
    r"|\s+(?P<remote>(?:remotely|virtually|online|by\s+video\s*conference"
    r"|as\s+an?\s+(?:hybrid|virtual|remote|online)\s+meeting)\b.*?))?(?:\s+on)?\s*[,:]?$"
    r"|\s+on\s*$",
    re.I,
)
_AFTER_VENUE = re.compile(
    r"^[\s,]*(?:(?:at|from|commencing\s+at|starting\s+at)\s+)?"
    r"(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\b\.?)?|noon|midday)"
    # "at 7.05 pm via Zoom video conference": "via" is kept, it says how they met
    r"[\s,]+(?:(?:in|at)\s+)?(?P<venue>(?:(?:via|by|on)\s+)?\S.{2,})$",
    re.I,
)
#: A name that only says what kind of meeting it was ("the Ordinary Meeting", "the
#: Parish Council Meeting", "the Forum meeting"): the body is named elsewhere (a
#: title block above the heading).
_KIND_OF_MEETING = re.compile(r"^(?:[\w'-]+\s+){0,4}meeting$", re.I)


#: The only words a committee line has after its date, besides the time.
_AFTER_DATE_WORDS = frozenset(
    [
        "at",
        "from",
        "to",
        "until",
        "till",
        "start",
        "starts",
        "starting",
        "commencing",
        "and",
        "noon",
        "midday",
        "hrs",
        "hours",
        "h",
        "the",
        "pm",
        "am",
        "p",
        "m",
        "a",
    ]
)
#: A committee's name does not end in these ("The minutes of the meeting held on").
_NOT_LAST_WORDS = frozenset(
    [
        "on",
        "of",
        "the",
        "at",
        "held",
        "dated",
        "from",
        "to",
        "and",
        "for",
        "in",
        "by",
        "was",
        "were",
        "is",
    ]
)
_NAME_IS_A_LABEL = re.compile(
    rf"{_OTHER_LANGUAGE}(?:(?:meeting\s+)?date(?:\s+of\s+meeting)?|when|on)", re.I
)
#: Words saying a date is another meeting's ("the minutes of the last meeting held on").
ANOTHER_MEETING = re.compile(
    r"\b(?:previous|last|next|following|future|forthcoming|earlier|subsequent|prior)\s+"
    r"(?:\w+\s+){0,2}meetings?\b|\bmeeting\s+(?:was\s+)?adjourned\s+(?:to|until)\b",
    re.I,
)


#: The kind of meeting a heading names ("the ANNUAL MEETING of …"): not a field of the
#: meeting, so the heading is kept in the unplaced note for the clerk.
MEETING_KIND = re.compile(
    r"\b(?:annual|ordinary|extraordinary|special|joint|adjourned|reconvened|additional"
    r"|emergency|informal|inquorate)\s+(?:general\s+)?meeting\b",
    re.I,
)
#: A label in two languages ("Dyddiad / Date:"): the other language's words are kept.
BILINGUAL_LABEL = re.compile(
    r"^[^\W\d_][^:/]{0,40}/\s*(?:(?:meeting\s+)?(?:date|time)|venue|place|location)\s*:", re.I
)


_YEAR = re.compile(r"(?:19|20)\d\d")


class HeadingLine(NamedTuple):
    """What a committee line or a minutes heading says."""

    name: str  # "" when the body is named elsewhere (the line above, a title block)
    date: dt.date
    after: str  # the text after the date: its time
    venue: str
    minutes: bool  # the heading of minutes typed in a document
    #: a summons or notice: a sentence that also says more, kept whole for the clerk
    sentence: bool = False
    #: what the heading said instead of a name ("the Full Council Meeting"), kept for the clerk
    kind: str = ""


def committee_line(line: str) -> HeadingLine | None:
    """The committee, date and venue a committee line or minutes heading gives.

    Reads "Cabinet - Tuesday 4th March 2025 6.30 pm" and the heading minutes typed
    in a document start with, "Minutes of the Meeting of X held on Monday 12th May
    2025 at 7.30 pm in the Village Hall".  None for a date inside a sentence.
    """
    if not _YEAR.search(line):
        return None  # every date has its year (and the full pattern is slow to try)
    line = undouble(line)
    m = DATE.search(line)
    if not m:
        return None
    date = parse_date(m)
    if date is None:
        return None
    name = re.sub(r"[\s,:–—-]+$", "", line[: m.start()]).strip()
    if _NAME_IS_A_LABEL.fullmatch(name) or DATE_LABEL.match(name):
        name = ""  # "Date: Tuesday 14 October 2025": the name is on a line above
    after = line[m.end() :]
    venue = kind = ""
    heading = _MINUTES_OF.match(name)
    minutes = bool(heading and heading.group("kind").lower().startswith(("minute", "notes")))
    if heading and heading.end() < len(name):
        name = name[heading.end() :]
        held = _HELD.search(name)
        if held:
            venue = (held.group("venue") or held.group("remote") or "").strip()
            name = name[: held.start()].strip()
        place = _AFTER_VENUE.match(after)
        if place and not venue:
            venue = place.group("venue").strip().rstrip(".")
            after = place.group("time")
        if _KIND_OF_MEETING.match(name):
            # "Minutes of the Ordinary Meeting held on …": whose, the page says above
            kind, name = name, ""
    rest = TIME.sub("", re.sub(r"\([^()]*\)", "", after))
    if any(w.lower() not in _AFTER_DATE_WORDS for w in re.findall(r"[^\W\d_]+", rest)):
        return None  # "…, having been circulated, were": a date inside a sentence
    if not name_like(name) or (name and name.split()[-1].lower() in _NOT_LAST_WORDS):
        return None
    if ANOTHER_MEETING.search(name):
        return None  # "Minutes of the previous meeting 4 March 2025"
    # "Meeting of the …", "Meeting: Council - Thursday …", "Committee: …"
    name = re.sub(
        r"^(?:meeting\s+of\s+(?:the\s+)?|(?:meeting|committee|body)\s*:\s*)", "", name, flags=re.I
    )
    return HeadingLine(name, date, after, venue, minutes, kind=kind)


#: "You are hereby summoned to attend a meeting of X to be held in VENUE on DATE at
#: TIME for the purpose of …", "Notice is hereby given that a meeting of X will be
#: held …": the meeting a summons or a notice calls.
_SUMMONS = re.compile(
    r"\b(?:an?|the)\s+(?:(?:annual|ordinary|extraordinary|special|full|joint)\s+)*"
    r"(?:general\s+)?meeting\s+of\s+(?:the\s+)?(?P<name>[^.;:]{2,120}?),?\s+"
    r"(?:(?:which\s+)?(?:will|is\s+to|shall)\s+be\s+|to\s+be\s+)held\b(?P<rest>.*)$",
    re.I,
)
#: "Notice is hereby given that the Parish Council will meet on DATE at TIME in VENUE".
_WILL_MEET = re.compile(
    r"(?:^|\bthat\s+)(?:the\s+)?(?P<name>[A-Z](?:(?!\bthat\b)[^.;:]){2,100}?)\s+"
    r"(?:will|shall|is\s+to)\s+meet\b"
    r"(?P<rest>.*)$"
)
#: Words of a body's name that do not say which body ("the Parish Council").
_GENERIC_NAME_WORDS = frozenset(
    ["the", "parish", "town", "city", "district", "county", "borough", "full", "council"]
    + ["committee", "meeting"]
)
#: Where a summons may begin, to try it with the line after it.
SUMMONS_START = re.compile(r"\bmeeting\s+of\b|\b(?:will|shall|is\s+to)\s+meet\b|\bsummoned\b", re.I)
_VENUE_BEFORE_DATE = re.compile(r"^\s*(?:at|in)\s+(?P<venue>.+?),?\s+on\s*$", re.I)
_TIME_AFTER_DATE = re.compile(
    r"^[\s,]*(?:at|from|commencing\s+at|starting\s+at)?\s*(?P<time>"
    + TIME.pattern.replace("(?P<", "(?P<t_")
    + r")(?:[\s,]+(?:in|at)\s+(?P<venue>[^.;]+?))?(?=[\s,.;]|$)",
    re.I,
)


def summons(line: str) -> HeadingLine | None:
    """The meeting a summons or notice calls, whatever follows in the sentence.

    The name is "" when the summons does not say which body ("the Parish Council
    will meet"): the title block above it does.
    """
    if not SUMMONS_START.search(line):
        return None
    m = _SUMMONS.search(line) or _WILL_MEET.search(line)
    if not m or ANOTHER_MEETING.search(line[: m.end("name")]):
        return None
    rest = m.group("rest")
    d = DATE.search(rest)
    if not d or len(rest[: d.start()]) > 160:
        return None
    date = parse_date(d)
    if date is None:
        return None
    before = _VENUE_BEFORE_DATE.match(rest[: d.start()])
    venue = before.group("venue").strip() if before else ""
    after = ""
    t = _TIME_AFTER_DATE.match(rest[d.end() :])
    if t:
        after = t.group("time")
        venue = venue or (t.group("venue") or "").strip()
    name = m.group("name").strip()
    if all(w.lower() in _GENERIC_NAME_WORDS for w in name.split()):
        name = ""
    return HeadingLine(name, date, after, venue, False, sentence=True)


_DOUBLED = re.compile(r"^(?P<once>.{6,}?)\s*(?P=once)$")


def undouble(line: str) -> str:
    """ "Wednesday 4 November 2020Wednesday 4 November 2020" (a page that prints its
    date twice, run together) read once.  Only a short line is tried: the pattern's
    time grows with the square of the length."""
    m = _DOUBLED.match(line) if len(line) <= 200 else None
    return m.group("once") if m else line


_KEEP_CAPITALS = re.compile(r"^[^aeiouy]+$", re.I)
#: Words without vowels that are short forms, not initials ("ST PETER" is "St Peter").
_SHORTENED = frozenset(["st", "mr", "mrs", "ms", "dr", "cllr", "ltd"])


def name_in_capitals(name: str) -> str:
    """ "CRANFORD ST PETER PARISH COUNCIL" -> "Cranford St Peter Parish Council".

    A name printed in capitals is stored in the case the clerk writes it; a word
    without vowels ("NHS", "CCTV") stays in capitals.  Other names are kept as
    written.
    """
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or any(ch.islower() for ch in letters):
        return name
    out = []
    for k, word in enumerate(name.split()):
        if (
            _KEEP_CAPITALS.match(word)
            and any(ch.isalpha() for ch in word)
            and len(word) > 1
            and word.rstrip(".").lower() not in _SHORTENED
        ):
            out.append(word)
        elif k and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def strip_heading(name: str) -> str:
    """ "Minutes of the Morwick Health and Wellbeing Board" -> the board's name."""
    heading = _MINUTES_OF.match(name)
    if heading and heading.end() < len(name):
        name = name[heading.end() :]
        return "" if _KIND_OF_MEETING.match(name) else name
    return name


def names_a_body(line: str) -> bool:
    """A line of a title block that names a council, committee, board or panel
    (not "Notice of Meeting of the Council" or "Minutes of the Committee")."""
    return (
        bool(BODY_WORDS.search(line))
        and name_like(line)
        and not line.endswith((".", ":"))
        and not HEADING_START.match(line)
        and not _MINUTES_OF.match(line)
    )
