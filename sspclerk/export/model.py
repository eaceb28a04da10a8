"""The neutral minutes document: what every writer renders, built for one audience.

``build_minutes`` is the only place in ``export`` that decides what an audience
sees.  It asks ``core.audience.audience_view`` for the meeting first and builds
only from that view, so a writer that renders everything it is given cannot leak
a restricted item: the restricted text is simply not in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from sspclerk.core.audience import Audience, audience_view, public_record
from sspclerk.core.dates import council_date, council_time
from sspclerk.core.minutes_text import Block, split_blocks
from sspclerk.core.model import (
    EXEMPT_PARAGRAPHS,
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    DeclarationCategory,
    Document,
    Meeting,
    MeetingStatus,
    Role,
)

CONFIDENTIAL_MARK = "CONFIDENTIAL – NOT FOR PUBLICATION"
DRAFT_MARK = "DRAFT – subject to approval as a correct record"
NO_DECLARATIONS = "There were no declarations of interest."
LANGUAGE = "en-GB"

_DECLARATIONS_TITLE = re.compile(r"\bdeclarations?\b", re.I)


@dataclass(frozen=True)
class Line:
    """One labelled line of the heading block ("Date", "Wednesday 23rd July 2025")."""

    label: str
    text: str


@dataclass(frozen=True)
class AttendanceSection:
    """'Present', 'Substitutes', … with one entry per person, already worded."""

    title: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class ItemSection:
    """One agenda item as it is minuted, every string final and unescaped.

    ``notes`` are short lines under the title (papers, urgency, a not-for-publication
    mark); ``agenda`` is the agenda wording; ``minutes`` what was minuted; then the
    declarations on the item, the outcomes (printed in bold) and the actions.
    """

    number: str
    title: str
    notes: tuple[str, ...] = ()
    agenda: tuple[Block, ...] = ()
    minutes: tuple[Block, ...] = ()
    declarations: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """'SSP/15/25 Recorded Crime & Disorder Report' — for bookmarks and plain text."""
        return f"{self.number} {self.title}".strip()

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes or self.declarations or self.outcomes or self.actions)


@dataclass(frozen=True)
class MinutesDocument:
    """Everything a writer needs for one audience; nothing it may not show."""

    audience: Audience
    body: str
    #: "Minutes" or "Draft minutes".
    kind: str
    heading: tuple[Line, ...]
    attendance: tuple[AttendanceSection, ...]
    items: tuple[ItemSection, ...]
    #: Document properties.
    title: str
    subject: str
    author: str
    language: str = LANGUAGE
    draft: bool = True
    #: Printed at the top of every page; empty for the public minutes.
    page_marks: tuple[str, ...] = ()
    #: "The meeting closed at 4.10 pm." once the clerk has closed the meeting
    #: (Shift+F5 in the window), as councils end their minutes; empty until then.
    closing: str = ""
    #: Page margins of the Word minutes (the committee's setting), in centimetres.
    word_margins_cm: float = 2.54
    #: The audience view the document was built from (the JSON writer renders it).
    meeting: Meeting | None = field(default=None, compare=False, repr=False)


def build_minutes(meeting: Meeting, audience: Audience | str = Audience.PUBLIC) -> MinutesDocument:
    """The minutes of ``meeting`` as ``audience`` may read them.

    The audience filter lives here and only here: the meeting is first reduced by
    ``audience_view`` and, for the public, a restricted item is worded from its
    public reason and summary alone even if the view were to carry more.
    """
    audience = Audience(audience)
    view = audience_view(meeting, audience)
    committee = view.committee
    body = _one_line(committee.name) or "Meeting"
    draft = view.status is not MeetingStatus.MINUTES_APPROVED or view.approval is None
    kind = "Draft minutes" if draft else "Minutes"
    date_text = council_date(view.date)
    heading = [Line("Date", date_text)]
    if view.start_time is not None:
        heading.append(Line("Time", council_time(view.start_time)))
    if _one_line(view.venue):
        heading.append(Line("Venue", _one_line(view.venue)))
    if view.approval is not None:
        heading.append(
            Line("Approved", f"as a correct record on {council_date(view.approval.approved_on)}")
        )
    marks: list[str] = []
    if draft:
        marks.append(DRAFT_MARK)
    if audience is Audience.CONFIDENTIAL:
        marks[:0] = [CONFIDENTIAL_MARK, _exemption_paragraph(view)]
    title = f"{body} – {kind} – {date_text}"
    audience_word = "public" if audience is Audience.PUBLIC else "confidential"
    return MinutesDocument(
        audience=audience,
        body=body,
        kind=kind,
        heading=tuple(heading),
        attendance=_attendance_sections(view.attendance),
        items=tuple(_item_section(view, item, audience) for item in view.items),
        title=title,
        subject=f"{kind} of the {body} meeting of {date_text} ({audience_word})",
        author=_author(view),
        word_margins_cm=committee.word_margins_cm,
        draft=draft,
        page_marks=tuple(marks),
        closing=closing_sentence(view),
        meeting=view,
    )


def closing_sentence(meeting: Meeting) -> str:
    """The minutes' last line once the meeting has closed, else an empty string."""
    if meeting.ended_at is None:
        return ""
    return f"The meeting closed at {council_time(meeting.ended_at.time())}."


def _author(meeting: Meeting) -> str:
    """The clerk's name; the contact line or the body when the clerk is not recorded."""
    for candidate in (
        meeting.committee.clerk_name,
        meeting.contact.split(" - ")[-1],
        meeting.committee.organisation,
        meeting.committee.name,
    ):
        if _one_line(candidate):
            return _one_line(candidate)
    return "Clerk"


def _exemption_paragraph(meeting: Meeting) -> str:
    paragraphs = sorted(
        {
            item.exempt_paragraph
            for item in meeting.items
            if item.restricted and item.exempt_paragraph in EXEMPT_PARAGRAPHS
        }
    )
    if not paragraphs:
        return (
            "This document may contain exempt information under Part 1 of Schedule 12A "
            "to the Local Government Act 1972."
        )
    which = ", ".join(str(p) for p in paragraphs)
    word = "paragraph" if len(paragraphs) == 1 else "paragraphs"
    return (
        f"Exempt information under {word} {which} of Part 1 of Schedule 12A "
        "to the Local Government Act 1972."
    )


# ---------------------------------------------------------------- attendance


def _person(a: Attendance) -> str:
    name = _one_line(a.name) or "(name not recorded)"
    extras = []
    if a.role is Role.CHAIR:
        extras.append("Chair")
    elif a.role is Role.VICE_CHAIR:
        extras.append("Vice-Chair")
    if _one_line(a.organisation):
        extras.append(_one_line(a.organisation))
    text = f"{name} ({', '.join(extras)})" if extras else name
    if a.role is Role.SUBSTITUTE and _one_line(a.substitute_for):
        text += f" substituting for {_one_line(a.substitute_for)}"
    if a.arrived_at_item:
        text += f", arrived during item {_one_line(a.arrived_at_item)}"
    if a.left_at_item:
        text += f", left during item {_one_line(a.left_at_item)}"
    return text


def _attendance_sections(attendance: list[Attendance]) -> tuple[AttendanceSection, ...]:
    present = [a for a in attendance if a.status is AttendanceStatus.PRESENT]
    groups = [
        ("Present", [a for a in present if a.role in (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER)]),
        ("Substitutes", [a for a in present if a.role is Role.SUBSTITUTE]),
        ("Officers", [a for a in present if a.role is Role.OFFICER]),
        ("Also in attendance", [a for a in present if a.role is Role.IN_ATTENDANCE]),
        ("Apologies", [a for a in attendance if a.status is AttendanceStatus.APOLOGIES]),
        ("Absent", [a for a in attendance if a.status is AttendanceStatus.ABSENT]),
    ]
    # The chair is named first, as councils print it.
    order = {Role.CHAIR: 0, Role.VICE_CHAIR: 1}
    return tuple(
        AttendanceSection(
            title, tuple(_person(a) for a in sorted(people, key=lambda a: order.get(a.role, 2)))
        )
        for title, people in groups
        if people
    )


# ---------------------------------------------------------------- items

_ARTICLE = {
    DeclarationCategory.DISCLOSABLE_PECUNIARY: "a disclosable pecuniary interest",
    DeclarationCategory.OTHER_REGISTERABLE: "an other registerable interest",
    DeclarationCategory.NON_REGISTERABLE: "a non-registerable interest",
    DeclarationCategory.OTHER: "an interest",
}


def declaration_sentence(d: Declaration, *, name_item: bool) -> str:
    """'Cllr Ann Lee declared a non-registerable interest in item SSP/15/25 …'."""
    text = f"{_one_line(d.name) or 'A member'} declared {_ARTICLE[d.category]}"
    if name_item:
        text += f" in item {_one_line(d.item)}"
    nature = _one_line(d.nature).rstrip(".")
    if nature:
        text += f" ({nature})"
    text += "."
    if d.dispensation:
        text += " A dispensation had been granted."
    if d.withdrew:
        text += " They left the room during the item."
    return text


def _document_note(doc: Document) -> str:
    title = _one_line(doc.title) or _one_line(doc.filename) or "Paper"
    kind = PurePath(_one_line(doc.filename)).suffix.lstrip(".").upper()
    parts = [p for p in (kind, _size(doc.size_bytes)) if p]
    return f"Paper: {title} ({' '.join(parts)})" if parts else f"Paper: {title}"


def _size(size: int | None) -> str:
    if not size or size < 0:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _action_line(action: Action) -> str:
    text = _one_line(action.text) or "(action not worded)"
    parts = [text.rstrip(".")]
    if _one_line(action.owner):
        parts.append(f"Owner: {_one_line(action.owner)}")
    if action.due is not None:
        parts.append(f"By: {council_date(action.due)}")
    return " – ".join(parts)


def _one_line(text: str) -> str:
    """A field printed on one line (a name, an outcome, a note): its line breaks and
    tabs become spaces.  Layout, not cleaning: the meeting arrives clean from the
    store or an importer (core.text.clean_record)."""
    return text.replace("\n", " ").replace("\t", " ").strip()


def _blocks(text: str) -> tuple[Block, ...]:
    return tuple(split_blocks(text))


def _item_section(meeting: Meeting, item: AgendaItem, audience: Audience) -> ItemSection:
    number = _one_line(item.number)
    title = _one_line(item.title)
    if item.restricted and audience is Audience.PUBLIC:
        # Number, title, the exemption, the public summary and reason, the declarations
        # on the item (the view has kept back their nature) and the public outcome.
        record = public_record(item)
        notice = record.reason or "This item was not for publication."
        return ItemSection(
            number=number,
            title=title,
            notes=(record.exemption,) if record.exemption else (),
            minutes=_blocks("\n".join(record.summary)) + _blocks(notice),
            declarations=tuple(
                declaration_sentence(d, name_item=False)
                for d in meeting.declarations
                if d.item == item.number
            ),
            outcomes=tuple(_one_line(o) for o in record.outcomes),
        )
    notes = [_document_note(d) for d in item.documents]
    if item.restricted:
        paragraph = item.exempt_paragraph
        described = EXEMPT_PARAGRAPHS.get(paragraph or 0)
        mark = "NOT FOR PUBLICATION"
        if described:
            mark += f" – Schedule 12A paragraph {paragraph}: {described}"
        notes.insert(0, mark)
        if _one_line(item.restriction_reason):
            notes.insert(1, f"Public record: {_one_line(item.restriction_reason)}")
        if _one_line(item.public_summary):
            notes.append(f"Public summary: {_one_line(item.public_summary)}")
    if _one_line(item.urgent_reason):
        notes.append(f"Urgent item: {_one_line(item.urgent_reason)}")
    on_item = [d for d in meeting.declarations if d.item == item.number]
    minutes = _blocks(item.minutes)
    if _DECLARATIONS_TITLE.search(item.title):
        declarations = [declaration_sentence(d, name_item=True) for d in meeting.declarations]
        if not declarations and not any(NO_DECLARATIONS in " ".join(b.lines) for b in minutes):
            declarations = [NO_DECLARATIONS]
    else:
        declarations = [declaration_sentence(d, name_item=False) for d in on_item]
    return ItemSection(
        number=number,
        title=title,
        notes=tuple(notes),
        agenda=_blocks(item.agenda_text),
        minutes=minutes,
        declarations=tuple(declarations),
        outcomes=tuple(t for t in (_one_line(o.text) for o in item.outcomes) if t),
        actions=tuple(_action_line(a) for a in item.actions),
    )
