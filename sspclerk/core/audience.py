"""The one place that decides what an audience may see of a meeting.

Every public output — Word, PDF, HTML, text, JSON, the agenda pack's front sheet —
is built from the view this module returns.  Writers never look at ``restricted``
themselves, so a restricted item's minutes cannot leak through a forgotten branch
in one writer.
"""

from __future__ import annotations

import copy
import re
from enum import StrEnum

from .model import AgendaItem, Meeting


class Audience(StrEnum):
    PUBLIC = "public"
    CONFIDENTIAL = "confidential"


def audience_view(meeting: Meeting, audience: Audience | str) -> Meeting:
    """A deep copy of ``meeting`` holding only what ``audience`` may see.

    Public: a restricted (exempt) item keeps its number, title, the public reason,
    the Schedule 12A paragraph and any public summary; its agenda text, minutes,
    outcomes, actions, documents, declarations and timings are gone, and so are
    corrections and approval amendments about it.  Text the importer could not
    place is never published.  Confidential: everything.
    """
    audience = Audience(audience)
    view = copy.deepcopy(meeting)
    if audience is Audience.CONFIDENTIAL:
        return view
    restricted = {item.number for item in view.items if item.restricted}
    view.items = [_public_item(item) if item.restricted else item for item in view.items]
    view.declarations = [d for d in view.declarations if d.item not in restricted]
    view.unplaced_text = ""
    _withhold_words_about_restricted_items(view)
    return view


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
