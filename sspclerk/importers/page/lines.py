"""Line-level reading of a published committee page: what each kind of line is.

Kept apart from the item splitting (``starts``, ``item``) so that the rules a clerk may
want to check ("what counts as an outcome?", "what is website clutter?") sit in
one short file with the exact patterns, and the exporter can be tested against
the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sspclerk.core.page_wording import (
    CAPS_OUTCOME,
    SENTENCE_END,
    SUBJECT,
    is_outcome,
)

# ------------------------------------------------------------------ clutter

#: The line a council's website puts above an item's appendices: clutter, and where an
#: unnumbered item's own papers end (``starts``).
_PAPERS = r"(?:additional|supporting|related|supplementary)\s+documents?\s*:?"
PAPERS_LABEL = re.compile(rf"^{_PAPERS}$", re.I)

#: Lines the council website adds around the meeting text; dropped on import.
CLUTTER = re.compile(
    r"""^(?:share\s+this\s+(?:item|page|meeting)\s+(?=\S))?(?:
        share\s+this\s+(?:item|page|meeting)
      | share(?:\s+on\s+\w+)?
      | print(?:\s+this\s+page)?
      | expand(?:\s+all)?
      | collapse(?:\s+all)?
      | items?
      | no\.?(?:\s+item)?
      | item\s+no\.?
      | (?:item|no\.?)\s+(?:description|title|subject)(?:\s+(?:documents?|papers|reports?))?
      | (?:committee\s+)?membership|meeting\s+details
      | view\s+the\s+(?:full\s+)?(?:minutes|decision|reasons?|declarations?)\b.*
      | view\s+the\s+background\s+to\s+item\b.*
      | skip\s+to\s+(?:main\s+)?content
      | back\s+to\s+(?:top|meeting|calendar|committee)\b.*
      | (?:this\s+)?(?:page|document|pdf|documents?)\b.*\baccessib.*
      | .*\bmay\s+not\s+be\s+(?:fully\s+)?accessible\b.*
      | .*\b(?:request|need)\b.*\b(?:an?\s+)?accessible\s+(?:format|version)\b.*
      | accessibility(?:\s+statement)?
      | cookies?\b.*\bwebsite\b.*
      | webcast\s+for\b.*
      | link\s+to\s+(?:this|the)\s+(?:meeting|item)\b.*
      | """
    + _PAPERS
    + r"""
      | attendance(?:\s+details)?
      | (?:meeting\s+)?documents?
      | (?:©|copyright\b|\(c\)\s*(?:\d{4}|crown\b|copyright\b)).{0,150}
      | home\s*[>›»|]\s.*
      | page\s+\d{1,4}(?:\s+of\s+\d{1,4})?
      | (?:signed|signature|chair(?:man|person)?(?:'s)?(?:\s+(?:signature|initials))?|date(?:d)?)
        \s*:?\s*(?:[._…]{4,}|_{3,})[\s._…]*(?:\(?(?:chair(?:man|person)?|mayor|clerk)\)?)?
      | (?:contact\s+us|privacy(?:\s+(?:notice|policy))?|terms\s+(?:and|&)\s+conditions|sitemap|site\s+map)
    )\s*$""",
    re.I | re.X,
)


#: A whole page marked confidential ("CONFIDENTIAL – NOT FOR PUBLICATION", as the
#: confidential minutes print at their top): nothing on it was published.
CONFIDENTIAL_PAGE = re.compile(
    r"^(?:strictly\s+)?(?:private\s+(?:and|&)\s+)?confidential"
    r"(?:\s*[–—:-]+\s*not\s+for\s+publication)?\.?$",
    re.I,
)
#: The sentence under that mark naming Schedule 12A.
EXEMPT_NOTE = re.compile(
    r"^(?:this\s+document\s+(?:may\s+)?contains?\s+)?exempt\s+information\b.{0,120}"
    r"\bschedule\s+12\s?a\b.{0,80}$",
    re.I,
)


#: "(Pages 7 - 22)" after a title on a printed front sheet: where the report sits in
#: the agenda pack, which an import does not bring; dropped like a page number.
PACK_PAGES = re.compile(r"\s*\((?:pages?|pp?\.)\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?\)\s*$", re.I)


def is_clutter(line: str) -> bool:
    """Website furniture, also as a table row ("No. | Item")."""
    return bool(CLUTTER.match(line.replace(" | ", " ")))


# ------------------------------------------------------------------ header

TITLE = re.compile(
    r"^(?:agenda|minutes|decisions?)"
    r"(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:draft\s+)?(?:agenda|minutes|decisions?))*\s*$",
    re.I,
)
#: The heading of a page about one item ("Decision details", "Agenda item"): the line
#: under "Decision details" is the decision's title.
ITEM_PAGE = re.compile(r"^(?P<kind>decision\s+details|agenda\s+item|issue\s+details)$", re.I)
VENUE = re.compile(r"^(?:venue|place|location)\s*:\s*(?P<value>.*)$", re.I)
CONTACT = re.compile(r"^contact(?:\s+officer)?\s*:\s*(?P<value>.*)$", re.I)

# ------------------------------------------------------------------ documents

#: "Knife Crime Action Plan pdf icon PDF 255 KB"; the title part may be empty when
#: the icon sits on a line of its own under the item title.  Other sites write
#: "Report (PDF, 245KB)", "Appendix 1 [PDF 300 KB]" or "Report PDF 1.2 MB".
_SIZE = r"\d[\d,]*(?:\.\d+)?"
_KIND = r"PDF|DOCX?|XLSX?|PPTX?|ODT|RTF|CSV|Word|Excel|PowerPoint"
DOCUMENT = re.compile(
    r"^(?:[-·•*]\s+)?(?P<title>.*?)\s*(?P<tail>"
    r"\b(?P<icon>pdf|doc|docx|xls|xlsx|ppt|pptx|odt|rtf|html?|txt|csv|zip|image)"
    rf"\s+icon\s+(?P<type>[A-Za-z]{{2,5}})(?:\s+(?P<size>{_SIZE})\s*(?P<unit>[KMG]B|bytes))?"
    rf"|[(\[](?:(?:{_KIND})\s*[,;:-]?\s*)?(?P<size2>{_SIZE})\s*(?P<unit2>[KMG]B|bytes)[)\]]"
    rf"|(?<=\s)(?:PDF|DOCX?)\s+(?P<size3>{_SIZE})\s*(?P<unit3>[KMG]B)"
    r")\s*$",
    re.I,
)


def document_title(m: re.Match[str]) -> str:
    """The title part of a DOCUMENT match, without a separator before the size ("Report -")."""
    return m.group("title").strip().rstrip(" -–—|,:;").strip()


def document_match_size(m: re.Match[str]) -> int | None:
    """The size in bytes a DOCUMENT match states, whichever way it was written."""
    for size, unit in (("size", "unit"), ("size2", "unit2"), ("size3", "unit3")):
        if m.group(size):
            return document_size(m.group(size), m.group(unit))
    return None


_UNITS = {"bytes": 1, "kb": 1024, "mb": 1024 * 1024, "gb": 1024 * 1024 * 1024}


def document_size(size: str | None, unit: str | None) -> int | None:
    if not size or not unit:
        return None
    try:
        return round(float(size.replace(",", "")) * _UNITS[unit.lower()])
    except (ValueError, KeyError, OverflowError):
        return None


# ------------------------------------------------------------------ sections

#: "Minutes:" / "Decision:" starting an item's minuted text (text may follow the colon).
MARKER = re.compile(r"^(?P<kind>minutes?|decisions?|resolution)\s*:\s*(?P<rest>.*)$", re.I)


def marker_kind(line: str) -> str | None:
    m = MARKER.match(line)
    if not m:
        return None
    return "decision" if m.group("kind").lower().startswith(("dec", "res")) else "minutes"


#: "Reasons for the decision:" / "Alternative options considered:" inside a Decision:
#: text; what follows them explains the decision and is not itself an outcome.
DECISION_EXPLANATION = re.compile(
    r"^(?:reasons?\s+for\s+(?:the\s+)?(?:decisions?|recommendations?)"
    r"|(?:alternative\s+)?options?\s+(?:considered|rejected)(?:\s+and\s+rejected)?"
    r"|alternatives?\s+considered)\s*:?\s*(?P<rest>.*)$",
    re.I,
)
#: The decision record's details a website prints under an item (ModernGov's
#: "Wards affected:", "Decision status:"...): facts about the web page, not minutes.
DECISION_DETAIL = re.compile(
    r"^(?:wards?\s+affected|lead\s+(?:officer|member)|report\s+author|publication\s+date"
    r"|decision\s+published|implementation\s+date|date\s+of\s+implementation"
    r"|date\s+of\s+(?:decision|publication)|effective\s+from|decision\s+(?:status|maker|type)"
    r"|(?:is\s+)?key\s+decision\??|subject\s+to\s+call[\s-]?in\??|call[\s-]?in\s+(?:deadline|expiry(?:\s+date)?)"
    r"|forward\s+plan\s+(?:ref(?:erence)?|item)|portfolio\s+holder|decision\s+made\s+by"
    r"|relevant\s+scrutiny\s+(?:committee|panel))\s*:\s*\S.*$",
    re.I,
)
#: Where the venue line ends in the site's map link.
VENUE_LINK = re.compile(
    r"[\s.,;–-]*\b(?:view|show)\s+(?:directions|map|on\s+a\s+map|location)\s*$", re.I
)

URGENT = re.compile(r"^urgent\s+item\s*[:–-]\s*(?P<value>\S.*)$", re.I)
#: "The meeting closed at 8.52 pm." after the last item: the meeting's closing time.
#: The time must be the whole rest of the line (``header_lines.TIME``), or the line is text.
CLOSING = re.compile(
    r"^(?:the\s+)?meeting\s+(?:was\s+)?(?:closed|ended|finished|concluded|terminated)"
    r"\s+at\s+(?P<time>.+?)[\s.]*$",
    re.I,
)
ACTION = re.compile(
    r"^action\s*[:–-]\s*(?P<text>\S.*?)"
    r"(?:\s+\(owner:\s*(?P<owner>[^()]*)\))?"
    r"(?:\s+\(due:\s*(?P<due>[^()]*)\))?"
    r"(?:\s+\(status:\s*(?P<status>[^()]*)\))?\s*$",
    re.I,
)

# ------------------------------------------------------------------ minutes lines

EntryKind = Literal["paragraph", "bullet", "numbered"]

_BULLET = re.compile(r"^(?:[-·•*‣◦▪●○■□➢➤✓]|o(?=\s\s))\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,3})[.)]\s+(?P<text>\S.*)$")


@dataclass
class Entry:
    """One paragraph or one list entry of an item's text, in page order."""

    kind: EntryKind
    text: str
    number: int = 0

    def render(self) -> str:
        if self.kind == "bullet":
            return f"- {self.text}"
        if self.kind == "numbered":
            return f"{self.number}. {self.text}"
        return self.text


def read_entry(raw: str) -> Entry | None:
    """The entry a page line holds; None for a blank line (NO-BREAK SPACE counts as blank)."""
    line = raw.strip()
    if not line:
        return None
    m = _BULLET.match(line)
    if m:
        return Entry("bullet", m.group("text").strip())
    m = _NUMBERED.match(line)
    if m:
        return Entry("numbered", m.group("text").strip(), int(m.group("n")))
    if len(raw) > 1 and raw[0].isspace() and raw[1].isspace():
        # The browser dropped the bullet glyph and kept its indent (a run of U+00A0).
        return Entry("bullet", line)
    return Entry("paragraph", line)


def join_entries(entries: list[Entry]) -> str:
    """Paragraphs one blank line apart; consecutive entries of one list one line apart.

    A numbered entry that does not follow on (3. after 5.) starts a new list.
    """
    out: list[str] = []
    previous: Entry | None = None
    for entry in entries:
        if previous is not None:
            same_list = entry.kind == previous.kind and (
                entry.kind == "bullet"
                or (entry.kind == "numbered" and entry.number == previous.number + 1)
            )
            out.append("\n" if same_list else "\n\n")
        out.append(entry.render())
        previous = entry
    return "".join(out)


def entries_of(text: str) -> list[Entry]:
    """The entries of stored text (the inverse of ``join_entries`` for normal-form text)."""
    return [e for e in (read_entry(line) for line in text.split("\n")) if e is not None]


# ------------------------------------------------------------------ outcomes

_OUTCOME_LEAD = re.compile(
    rf"^(?:{SUBJECT}\s+)?(?:unanimously\s+)?(?:agreed|resolved)\b\s*(?:that\b|to\b|:|[-–])?\s*",
    re.I,
)


def split_outcome(text: str) -> list[str]:
    """A paragraph whose later sentence is an outcome, cut before that sentence.

    "The Council considered the rents. Following discussion it was RESOLVED that
    rents remain at £25." is minutes text and then an outcome, word for word.
    """
    m = CAPS_OUTCOME.search(text)
    if not m or is_outcome(text):
        return [text]
    cuts = list(SENTENCE_END.finditer(text[: m.start()]))
    if not cuts:
        return [text]
    cut = cuts[-1]
    return [text[: cut.start()], text[cut.end() :]]


def outcome_key(text: str) -> str:
    """Comparable form: "RESOLVED that the report be noted." == "That the report be noted"."""
    t = _OUTCOME_LEAD.sub("", text.strip())
    t = re.sub(r"^that\s+", "", t, flags=re.I)
    return re.sub(r"\W+", " ", t).strip().casefold()


# ------------------------------------------------------------------ restriction

_REASON = re.compile(
    r"""\b(?:was|were|is|are|been|be|being)\s+(?:a\s+|an\s+)?(?:restricted|exempt)\b
      | \bnot\s+for\s+publication\b
      | \bschedule\s+12\s?a\b
      | \bexempt\s+information\b
      | \b(?:restricted|exempt|confidential)\s+(?:item|document|report|information)\s+(?:due\s+to|because|under)\b
    """,
    re.I | re.X,
)
_EXCLUSION = re.compile(
    r"\bexclu(?:de|ded|ding|sion)\b.{0,60}\b(?:press|public)\b|\b(?:press|public)\b.{0,30}\bexclu",
    re.I,
)


#: "The public and press were excluded from the meeting for this item": this item.
_EXCLUDED_HERE = re.compile(
    r"\b(?:(?:press|public)(?:\s+and\s+(?:the\s+)?(?:press|public))?)\s+(?:were|was|having\s+been|had\s+been)"
    r"\s+excluded\b",
    re.I,
)
#: "… be excluded from the meeting for the following item(s)": the items after it.
EXCLUDE_FOLLOWING = re.compile(
    r"\bexclu\w*\b.{0,300}?\b(?:for|during)\s+(?:(?:the\s+)?consideration\s+of\s+)?"
    r"(?:the\s+)?(?:following|next|remaining)\s+(?:agenda\s+)?(?P<what>items?|business|reports?)",
    re.I | re.S,
)


#: "Restricted" alone, as a table of items marks one in its own column.
RESTRICTED_MARK = re.compile(
    r"^(?:restricted|exempt|confidential|private|not\s+for\s+publication)(?:\s+(?:item|report))?\.?$",
    re.I,
)


def is_restriction_reason(text: str) -> bool:
    """A sentence saying why an item was restricted (not one that merely mentions it).

    A resolution to exclude the press and public is about the items that follow,
    so it does not make its own item restricted; "the public were excluded for
    this item" does.
    """
    if EXCLUDE_FOLLOWING.search(text):
        return False
    if RESTRICTED_MARK.match(text):
        return True
    if _EXCLUDED_HERE.search(text):
        return True
    return bool(_REASON.search(text)) and not _EXCLUSION.search(text)
