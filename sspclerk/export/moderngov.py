"""The meeting as text in the shape of a council's published "Agenda and minutes" page.

Clerks publish minutes by pasting each item's text into the committee website, so
this writes what the website shows: the title line, the committee with date and
time, Venue and Contact, the attendance lists, then per item its number, its title
with "pdf icon PDF 112 KB", agenda text, "Minutes:", the minutes with their list
markers and the AGREED / RESOLVED lines.  The page importer reads this shape back
(tests/importers/test_page_roundtrip.py states exactly what round-trips).

Like every writer, it writes what the audience view holds and never looks at
``restricted``: a public view's restricted item arrives with only its reason and
public summary, and that is what appears.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from sspclerk.core import page_wording as people
from sspclerk.core import page_wording as pt
from sspclerk.core.audience import exempt_information, public_record
from sspclerk.core.dates import council_date, council_when
from sspclerk.core.model import (
    ActionStatus,
    AgendaItem,
    Attendance,
    Document,
    Meeting,
    MeetingStatus,
    Role,
)

from .model import closing_sentence

_AGENDA_ONLY = (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.IN_SESSION)
_GROUP_ROLE = {
    "present": Role.MEMBER,
    "officers": Role.OFFICER,
    "in attendance": Role.IN_ATTENDANCE,
    "apologies": Role.MEMBER,
    "absent": Role.MEMBER,
}


def render_moderngov(view: Meeting, marks: Sequence[str] = ()) -> str:
    """Page-shaped text of an audience view (see ``core.audience.audience_view``).

    ``marks`` head the page: the confidential minutes' "CONFIDENTIAL – NOT FOR
    PUBLICATION" and Schedule 12A lines, so the text is never pasted onto a website
    unnoticed and the page importer knows none of it was published.
    """
    with_minutes = view.status not in _AGENDA_ONLY or any(_has_minutes(i) for i in view.items)
    if view.status is MeetingStatus.MINUTES_APPROVED:
        title = "Agenda and minutes"
    elif with_minutes:
        title = "Agenda and draft minutes"
    else:
        title = "Agenda"
    out: list[str] = [
        *marks,
        title,
        f"{view.committee.name} - {council_when(view.date, view.start_time)}",
    ]
    if view.venue:
        out.append(f"Venue: {view.venue}")
    if view.contact:
        out.append(f"Contact: {view.contact}")
    out.extend(_attendance(view.attendance))
    if view.declarations:
        out.append("Declarations of interest:")
        out.extend(people.declaration_text(d) for d in view.declarations)
    out.extend(["Items", "No. Item"])
    for item in view.items:
        out.extend(_item(item, with_minutes))
    closing = closing_sentence(view)
    if closing and with_minutes:  # the page importer reads it back as the closing time
        out.append(closing)
    # The website puts a blank line after every line; the importer accepts both.
    return "\n\n".join(_one_line(x) if "\n" not in x else x for x in out) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def _has_minutes(item: AgendaItem) -> bool:
    return bool(item.minutes or item.outcomes or item.actions or item.public_summary)


def _attendance(attendance: list[Attendance]) -> list[str]:
    groups: dict[str, list[str]] = {}
    for person in attendance:
        group = people.group_for_export(person)
        groups.setdefault(group, []).append(people.person_text(person, _GROUP_ROLE[group]))
    return [
        f"{people.GROUP_LABELS[g]}: {', '.join(groups[g])}"
        for g in people.GROUP_LABELS
        if g in groups
    ]


def _document_line(doc: Document, title: str) -> str:
    kind = PurePath(doc.filename).suffix.lstrip(".").upper() if doc.filename else ""
    kind = kind if kind.isalnum() and 2 <= len(kind) <= 5 else "PDF"
    icon = (
        kind.lower()
        if kind.lower() in ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx")
        else "pdf"
    )
    size = ""
    if doc.size_bytes is not None:
        size = f" {max(0, round(doc.size_bytes / 1024))} KB"
    return f"{title} {icon} icon {kind}{size}".strip()


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _item(item: AgendaItem, with_minutes: bool) -> list[str]:
    out: list[str] = []
    if item.number:
        out.append(item.number)
    docs = list(item.documents)
    title = item.title
    if docs and docs[0].title == item.title:
        title = _document_line(docs.pop(0), item.title)
    out.append(title)
    out.extend(_document_line(d, d.title) for d in docs)
    if item.urgent_reason:
        out.append(f"Urgent item: {_one_line(item.urgent_reason)}")
    out.extend(_lines(item.agenda_text))
    if not with_minutes:
        out.extend(_restriction(item))
        return out
    out.append("Minutes:")
    decision = [o for o in item.outcomes if not pt.is_outcome(o.text)]
    if item.minutes or item.outcomes:
        out.extend(_restriction(item))
        out.extend(_lines(item.minutes))
        if not decision:
            for outcome in item.outcomes:
                out.extend(_lines(outcome.text))
    else:
        # A public view's restricted item: its public record, in the order every
        # public format prints it (core.audience.public_record).
        record = public_record(item)
        out.extend(record.summary)
        out.extend(_restriction(item))
        out.extend(record.outcomes)
    for action in item.actions:
        line = f"Action: {_one_line(action.text)}"
        if action.owner:
            line += f" (Owner: {action.owner})"
        if action.due:
            line += f" (Due: {council_date(action.due)})"
        if action.status is not ActionStatus.OPEN:
            line += f" (Status: {action.status.value})"
        out.append(line)
    if decision:
        # Outcomes not worded "AGREED …" / "RESOLVED …" are only outcomes under "Decision:".
        out.append("Decision:")
        for outcome in item.outcomes:
            out.extend(_lines(outcome.text))
    return out


def _restriction(item: AgendaItem) -> list[str]:
    """The public reason and the Schedule 12A line, when the reason does not already
    name the paragraph."""
    out = _lines(item.restriction_reason)
    exemption = exempt_information(item.exempt_paragraph)
    if exemption and pt.exempt_paragraph(item.restriction_reason) != item.exempt_paragraph:
        out.append(exemption + ".")
    return out
