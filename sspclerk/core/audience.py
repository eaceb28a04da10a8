"""The one place that decides what an audience may see of a meeting.

Every public output — Word, PDF, HTML, text, JSON, the agenda pack's front sheet —
is built from the view this module returns.  Writers never look at ``restricted``
themselves, so a restricted item's minutes cannot leak through a forgotten branch
in one writer.
"""

from __future__ import annotations

import copy
from enum import StrEnum

from .model import AgendaItem, Meeting


class Audience(StrEnum):
    PUBLIC = "public"
    CONFIDENTIAL = "confidential"


def audience_view(meeting: Meeting, audience: Audience | str) -> Meeting:
    """A deep copy of ``meeting`` holding only what ``audience`` may see.

    Public: a restricted (exempt) item keeps its number, title, the public reason,
    the Schedule 12A paragraph and any public summary; its agenda text, minutes,
    outcomes, actions, documents, declarations and timings are gone.  Text the
    importer could not place is never published.  Confidential: everything.
    """
    audience = Audience(audience)
    view = copy.deepcopy(meeting)
    if audience is Audience.CONFIDENTIAL:
        return view
    restricted = {item.number for item in view.items if item.restricted}
    view.items = [_public_item(item) if item.restricted else item for item in view.items]
    view.declarations = [d for d in view.declarations if d.item not in restricted]
    view.unplaced_text = ""
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
