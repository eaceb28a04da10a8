"""The sspclerk-meeting JSON exchange format, written (docs/meeting-json.md).

The JSON writer is a writer: it lives with the other formats, so ``export`` never
imports ``importers``.  The reader is ``sspclerk.importers.meeting_json``; both keep
to ``resources/meeting.schema.json``, and tests/test_meeting_json.py proves that
export → import → export is exact: this side always emits every key, in a stable
order, with the enum spellings the reader takes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sspclerk.core.model import AgendaItem, Meeting

FORMAT = "sspclerk-meeting"
VERSION = 1


def _iso(value: dt.date | dt.datetime | dt.time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value.isoformat()


def meeting_to_json(meeting: Meeting) -> dict[str, Any]:
    """The meeting as a JSON-ready dict; every key present, in a stable order."""
    c = meeting.committee
    return {
        "format": FORMAT,
        "version": VERSION,
        "committee": {
            "name": c.name,
            "prefix": c.prefix,
            "outcome_word": c.outcome_word,
            "year_start": f"{c.year_start_month:02d}-{c.year_start_day:02d}",
            "organisation": c.organisation,
            "clerk_name": c.clerk_name,
            "members": [
                {"name": m.name, "organisation": m.organisation, "role": m.role.value}
                for m in c.members
            ],
            "standing_items": [
                {"title": s.title, "agenda_text": s.agenda_text} for s in c.standing_items
            ],
        },
        "meeting": {
            "date": _iso(meeting.date),
            "start_time": _iso(meeting.start_time),
            "venue": meeting.venue,
            "contact": meeting.contact,
            "status": meeting.status.value,
            "started_at": _iso(meeting.started_at),
            "ended_at": _iso(meeting.ended_at),
            "agenda_published_on": _iso(meeting.agenda_published_on),
            "approval": None
            if meeting.approval is None
            else {
                "approved_on": _iso(meeting.approval.approved_on),
                "amendments": meeting.approval.amendments,
            },
            "corrections": [
                {"item": k.item, "text": k.text, "recorded_on": _iso(k.recorded_on)}
                for k in meeting.corrections
            ],
            "unplaced_text": meeting.unplaced_text,
        },
        "attendance": [
            {
                "name": a.name,
                "organisation": a.organisation,
                "role": a.role.value,
                "status": a.status.value,
                "substitute_for": a.substitute_for,
                "arrived_at_item": a.arrived_at_item,
                "left_at_item": a.left_at_item,
            }
            for a in meeting.attendance
        ],
        "items": [_item_to_json(item) for item in meeting.items],
        "declarations": [
            {
                "name": d.name,
                "item": d.item,
                "category": d.category.value,
                "nature": d.nature,
                "withdrew": d.withdrew,
                "dispensation": d.dispensation,
            }
            for d in meeting.declarations
        ],
    }


def _item_to_json(item: AgendaItem) -> dict[str, Any]:
    return {
        "number": item.number,
        "title": item.title,
        "agenda_text": item.agenda_text,
        "restricted": item.restricted,
        "restriction_reason": item.restriction_reason,
        "exempt_paragraph": item.exempt_paragraph,
        "public_summary": item.public_summary,
        "urgent_reason": item.urgent_reason,
        "started_at": _iso(item.started_at),
        "ended_at": _iso(item.ended_at),
        "documents": [
            {
                "title": d.title,
                "filename": d.filename,
                "size_bytes": d.size_bytes,
                "page_count": d.page_count,
                "sha256": d.sha256,
                "attached_at": _iso(d.attached_at),
            }
            for d in item.documents
        ],
        "minutes": item.minutes,
        "outcomes": [
            {
                "kind": o.kind.value,
                "text": o.text,
                "votes_for": o.votes_for,
                "votes_against": o.votes_against,
                "abstentions": o.abstentions,
            }
            for o in item.outcomes
        ],
        "actions": [
            {"text": a.text, "owner": a.owner, "due": _iso(a.due), "status": a.status.value}
            for a in item.actions
        ],
    }


def dumps(meeting: Meeting) -> str:
    """Stable, human-diffable text (sorted nowhere: the order is the record's order)."""
    return json.dumps(meeting_to_json(meeting), ensure_ascii=False, indent=2) + "\n"
