"""The wording of a published "Agenda and minutes" page, shared by writer and reader.

The moderngov export writes attendance entries, declaration sentences, outcome
lines and the exempt-paragraph line in the words a council's page uses, and the
page importer reads those same words back.  Keeping that wording here (below
both) means the writer never has to import the reader, and the two cannot
drift apart: what ``person_text`` writes, the reader's ``read_person`` reads.
"""

from __future__ import annotations

import re

from .model import Attendance, AttendanceStatus, Declaration, DeclarationCategory, Role

# ------------------------------------------------------------------ attendance

#: The label the exporter writes for each group, in page order.
GROUP_LABELS = {
    "present": "Present",
    "officers": "Officers",
    "in attendance": "Also in attendance",
    "apologies": "Apologies",
    "absent": "Absent",
}
ROLE_LABELS = {
    Role.CHAIR: "Chair",
    Role.VICE_CHAIR: "Vice-Chair",
    Role.MEMBER: "Member",
    Role.SUBSTITUTE: "Substitute",
    Role.OFFICER: "Officer",
    Role.IN_ATTENDANCE: "In attendance",
}


def person_text(person: Attendance, group_role: Role) -> str:
    """One attendance entry as the page prints it; the reader reads it back exactly."""
    parts = [person.organisation] if person.organisation else []
    if person.role != group_role and not (person.role is Role.SUBSTITUTE and person.substitute_for):
        parts.append(ROLE_LABELS[person.role])
    if person.arrived_at_item:
        parts.append(f"arrived at item {person.arrived_at_item}")
    if person.left_at_item:
        parts.append(f"left at item {person.left_at_item}")
    text = person.name + (f" ({'; '.join(parts)})" if parts else "")
    if person.substitute_for:
        text += f" substituting for {person.substitute_for}"
    return text


def group_for_export(person: Attendance) -> str:
    """The attendance list (a key of ``GROUP_LABELS``) a person is printed in."""
    if person.status is AttendanceStatus.APOLOGIES:
        return "apologies"
    if person.status is AttendanceStatus.ABSENT:
        return "absent"
    if person.role is Role.OFFICER:
        return "officers"
    if person.role is Role.IN_ATTENDANCE:
        return "in attendance"
    return "present"


# ------------------------------------------------------------------ declarations

CATEGORY_WORDS = {
    DeclarationCategory.DISCLOSABLE_PECUNIARY: "a disclosable pecuniary interest",
    DeclarationCategory.OTHER_REGISTERABLE: "an other registerable interest",
    DeclarationCategory.NON_REGISTERABLE: "a non-registerable interest",
    DeclarationCategory.OTHER: "an interest",
}


def declaration_text(d: Declaration) -> str:
    """The sentence a page minutes a declaration with; the reader reads it back."""
    category = CATEGORY_WORDS[d.category]
    nature = d.nature
    if d.category is DeclarationCategory.OTHER:
        m = re.match(r"^([\w-]+(?:\s+and\s+[\w-]+)?) interest(?::\s*(.*))?$", nature, re.S)
        if m and m.group(1).lower() not in ("an", "a"):
            category = f"a {m.group(1)} interest"
            nature = m.group(2) or ""
    text = f"{d.name} declared {category} in item {d.item}"
    if nature:
        text += f": {nature}"
    if d.dispensation:
        text += " (had a dispensation)"
    if d.withdrew:
        text += " and left the room"
    return text + "."


# ------------------------------------------------------------------ outcomes

SUBJECT = (
    r"(?:Members|Partners|Councillors|It\s+was|"
    r"The\s+(?:Committee|Sub-Committee|Partnership|Board|Panel|Cabinet|Council|Forum|Group|"
    r"Meeting|Members|Executive|Commission|Authority|Trust|Assembly)(?:\s+(?:unanimously|therefore))?)"
)
OUTCOME = re.compile(
    rf"^(?:{SUBJECT}\s+(?:(?:unanimously|therefore|then)\s+)?)?"
    r"(?:AGREED|Agreed|agreed|RESOLVED|Resolved|resolved)\b"
)
CAPS_OUTCOME = re.compile(r"\b(?:RESOLVED|AGREED)\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'‘“])")


def is_outcome(text: str) -> bool:
    """ "RESOLVED that …", "Members AGREED …", or a first sentence with RESOLVED in capitals.

    The writer puts any other outcome under "Decision:" so that it reads back as one.
    """
    if OUTCOME.match(text):
        return True
    m = CAPS_OUTCOME.search(text)
    return bool(m) and not SENTENCE_END.search(text[: m.start()])


# ------------------------------------------------------------------ restriction

#: The line the exporter writes when only the paragraph number is public.
EXEMPT_LINE = re.compile(
    r"^Exempt (?:under|information: ) ?paragraph (?P<n>[1-7]) of Part 1 of Schedule 12A"
    r" to the Local Government Act 1972\.?$"
)
_PARAGRAPH = re.compile(
    r"\bparagraphs?\s+(?P<n>[1-7])\b|\bschedule\s+12\s?a\D{0,40}?\b(?P<m>[1-7])\b", re.I
)


def exempt_paragraph(text: str) -> int | None:
    """The Schedule 12A paragraph a sentence names (1–7), if it names one."""
    m = _PARAGRAPH.search(text)
    if not m:
        return None
    return int(m.group("n") or m.group("m"))
