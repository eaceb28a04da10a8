"""The one place that decides what an audience may see of a meeting.

Every public output — Word, PDF, HTML, text, JSON, the agenda pack's front sheet —
is built from the view this module returns.  Writers never look at ``restricted``
themselves, so a restricted item's minutes cannot leak through a forgotten branch
in one writer.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from enum import StrEnum

from .model import AgendaItem, Declaration, Meeting


class Audience(StrEnum):
    PUBLIC = "public"
    CONFIDENTIAL = "confidential"


def audience_view(meeting: Meeting, audience: Audience | str) -> Meeting:
    """A deep copy of ``meeting`` holding only what ``audience`` may see.

    Public: a restricted (exempt) item keeps its number, title, the public reason,
    the Schedule 12A paragraph and any public summary; its agenda text, minutes,
    outcomes, actions, documents and timings are gone, and so are corrections and
    approval amendments about it.  A declaration of interest on it is still
    recorded (who, the category, a dispensation, whether they left the room), as
    the law asks, but its nature is kept back.  Text the importer could not place
    is never published.  Confidential: everything.
    """
    audience = Audience(audience)
    view = copy.deepcopy(meeting)
    if audience is Audience.CONFIDENTIAL:
        return view
    restricted = {item.number for item in view.items if item.restricted}
    view.items = [_public_item(item) if item.restricted else item for item in view.items]
    view.declarations = [
        _public_declaration(d) if d.item in restricted else d for d in view.declarations
    ]
    view.unplaced_text = ""
    _withhold_words_about_restricted_items(view)
    return view


def _public_declaration(d: Declaration) -> Declaration:
    return Declaration(
        name=d.name,
        item=d.item,
        category=d.category,
        withdrew=d.withdrew,
        dispensation=d.dispensation,
        id=d.id,
    )


def _public_item(item: AgendaItem) -> AgendaItem:
    return AgendaItem(
        number=item.number,
        title=item.title,
        restricted=True,
        restriction_reason=item.restriction_reason,
        exempt_paragraph=item.exempt_paragraph,
        public_summary=item.public_summary,
        id=item.id,
    )


def _withhold_words_about_restricted_items(view: Meeting) -> None:
    """Corrections and the amendments the minutes were approved subject to are text
    about the minutes: one made to a restricted item, or naming one (by number or
    title), belongs to that item's confidential record and is left out."""
    secret = [item for item in view.items if item.restricted]
    if not secret:
        return
    numbers = {item.number.strip().casefold() for item in secret}
    # Names in running text: whole words, and long enough not to match by chance.
    marks = [m.strip() for item in secret for m in (item.number, item.title) if len(m.strip()) > 3]
    pattern = "|".join(rf"(?<![\w/]){re.escape(m)}(?![\w/])" for m in marks)
    names = re.compile(pattern, re.IGNORECASE) if marks else None

    def about_secret(text: str) -> bool:
        return names is not None and names.search(text) is not None

    view.corrections = [
        k
        for k in view.corrections
        if k.item.strip().casefold() not in numbers and not about_secret(k.text)
    ]
    if view.approval is not None and about_secret(view.approval.amendments):
        view.approval.amendments = ""


def exempt_information(paragraph: int | None) -> str:
    """The public minutes' line for a restricted item's Schedule 12A paragraph, or ""."""
    if paragraph is None or not 1 <= paragraph <= 7:
        return ""
    return (
        f"Exempt information: paragraph {paragraph} of Part 1 of Schedule 12A "
        "to the Local Government Act 1972"
    )


#: "AGREED that …", "Members agreed to …", "RESOLVED: …" — a line that records a decision.
_OUTCOME_LINE = re.compile(
    r"^\s*(?:(?:members|it was|the (?:board|partnership|committee|panel))\s+)?"
    r"(?:agreed|resolved)\b(?:\s+(?:that|to|on|unanimously)\b|\s*[:.,–-]|\s*$)",
    re.I,
)


@dataclass(frozen=True)
class PublicRecord:
    """What the public minutes say of a restricted item, in the order councils print it
    (the seed's SSP/23/25): the exemption, what the public summary tells, the public
    reason, then the decision."""

    exemption: str
    summary: tuple[str, ...]
    reason: str
    outcomes: tuple[str, ...]


def public_record(item: AgendaItem) -> PublicRecord:
    """The public record of a restricted item, from its public fields only.

    The public summary's lines that record a decision ("AGREED that the report be
    noted.") are its outcomes, printed last and in bold like any other outcome; the
    rest is the summary, printed before the public reason.
    """
    summary: list[str] = []
    outcomes: list[str] = []
    for line in item.public_summary.split("\n"):
        if line.strip():
            (outcomes if _OUTCOME_LINE.match(line) else summary).append(line.strip())
    return PublicRecord(
        exemption=exempt_information(item.exempt_paragraph),
        summary=tuple(summary),
        reason=item.restriction_reason.strip(),
        outcomes=tuple(outcomes),
    )
