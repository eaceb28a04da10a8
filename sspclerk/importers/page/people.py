"""Who attended and who declared an interest, read from a published page.

Councils print attendance as labelled lists ("Present:", "Officers:", "Also in
attendance:", "Apologies:"), at the top of the minutes or at the end, with a
partner's organisation in brackets.  Declarations are sentences, either in the
Declarations of Interest item or in a labelled list.  Anything that does not read
as a name (too long, a whole sentence) is handed back so that it ends up in the
meeting's "Unplaced text" rather than as an invented person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sspclerk.core.model import (
    Attendance,
    AttendanceStatus,
    Declaration,
    DeclarationCategory,
    Role,
)

# ------------------------------------------------------------------ attendance

ATTENDANCE_LABEL = re.compile(
    r"^(?P<label>(?:members\s+)?present(?:\s*\(members?\))?|members|membership|committee\s+members(?:hip)?|"
    r"apologies(?:\s+for\s+absence)?(?:\s+were\s+received\s+from)?|"
    r"officers(?:\s+present|\s+in\s+attendance)?|(?:also\s+)?in\s+attendance|also\s+present|"
    r"absent|substitutes?|councillors|cllrs|(?:lay|co-?opted|independent)\s+(?:members?|persons?))"
    r"\s*:\s*(?P<rest>.*)$"
    # "PRESENT" as a heading, its list on the lines below
    r"|^(?P<heading>(?:members\s+)?present|(?:also\s+)?in\s+attendance|also\s+present"
    r"|officers\s+(?:present|in\s+attendance))\s*$",
    re.I,
)
DECLARATIONS_LABEL = re.compile(r"^declarations\s+of\s+interests?\s*:\s*(?P<rest>.*)$", re.I)

_GROUPS: dict[str, tuple[Role, AttendanceStatus]] = {
    "present": (Role.MEMBER, AttendanceStatus.PRESENT),
    "officers": (Role.OFFICER, AttendanceStatus.PRESENT),
    "in attendance": (Role.IN_ATTENDANCE, AttendanceStatus.PRESENT),
    "apologies": (Role.MEMBER, AttendanceStatus.APOLOGIES),
    "absent": (Role.MEMBER, AttendanceStatus.ABSENT),
    "substitutes": (Role.SUBSTITUTE, AttendanceStatus.PRESENT),
}
_ROLE_WORDS = {
    "chair": Role.CHAIR,
    "chairman": Role.CHAIR,
    "chairperson": Role.CHAIR,
    "in the chair": Role.CHAIR,
    "vice-chair": Role.VICE_CHAIR,
    "vice chair": Role.VICE_CHAIR,
    "vice-chairman": Role.VICE_CHAIR,
    "member": Role.MEMBER,
    "substitute": Role.SUBSTITUTE,
    "officer": Role.OFFICER,
    "in attendance": Role.IN_ATTENDANCE,
}
_SUBSTITUTE = re.compile(r"\s*\(?\bsubstitut(?:ing|e)\s+for\s+(?P<who>[^()]+?)\)?\s*$", re.I)
_ARRIVED = re.compile(r"^arrived(?:\s+late)?\s+(?:at|during)\s+item\s+(?P<item>\S+)$", re.I)
_LEFT = re.compile(r"^left\s+(?:at|during|after)\s+item\s+(?P<item>\S+)$", re.I)
_TITLES = re.compile(
    r"^(?:cllr|councillor|mr|mrs|ms|miss|dr|prof|supt|insp|sgt|pc|dci|ch\.?\s*supt)\b", re.I
)


_PLURAL_TITLE = re.compile(r"^\s*(councillors|cllrs\.?)\s+(?=[A-Z])", re.I)


#: Labels that say what the people under them are: kept as each one's organisation.
CAPACITY_LABEL = re.compile(r"(?:lay|co-?opted|independent)\s+(?:members?|persons?)", re.I)


def label_of(m: re.Match[str]) -> str:
    """The label an ATTENDANCE_LABEL match names, with a colon or as a heading."""
    return m.group("label") or m.group("heading")


def rest_of(m: re.Match[str]) -> str:
    return (m.group("rest") or "").strip()


def group_of(label: str) -> str:
    """The attendance group a label names; "membership" is the committee's members."""
    label = label.lower()
    if label in ("members", "membership", "committee members", "committee membership"):
        return "membership"
    for key in ("officers", "in attendance", "apologies", "absent", "substitute"):
        if key in label:
            return "substitutes" if key == "substitute" else key
    return "in attendance" if label.startswith("also") else "present"


def split_names(text: str) -> list[str]:
    """Split "A (Chair), B (Police, Cleveland) and C" at commas/semicolons outside brackets."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    out: list[str] = []
    for part in parts:
        part = part.strip().rstrip(".").strip()
        if not part:
            continue
        # "B and C" as the last entry; not inside brackets.
        last = re.split(r"\s+and\s+(?![^()]*\))", part) if depth == 0 else [part]
        out.extend(p.strip() for p in last if p.strip())
    return out


_PARTICLES = {
    "van",
    "der",
    "den",
    "de",
    "la",
    "le",
    "du",
    "da",
    "di",
    "von",
    "bin",
    "al",
    "ap",
    "of",
    "and",
    "the",
    "y",
}


def _looks_like_name(name: str) -> bool:
    """A person's name, not a sentence: short, no digits, mostly capitalised words."""
    words = name.split()
    if not words or len(words) > 8 or len(name) > 80 or re.search(r"[\d:]", name):
        return False
    if name.endswith((".", "?", "!")) and not _TITLES.match(name):
        return False
    significant = [w for w in words if w.lower() not in _PARTICLES]
    if not significant or all(_TITLES.fullmatch(w.rstrip(".")) for w in significant):
        return False  # "Cllr" alone: the name went to the next line
    return sum(w[:1].isupper() for w in significant) * 2 > len(significant)


def read_person(entry: str, group: str) -> Attendance | None:
    """One attendance entry; None when it does not read as a person."""
    role, status = _GROUPS.get(group, _GROUPS["present"])
    person = Attendance(name="", role=role, status=status)
    text = entry.strip().lstrip("-·•* ").strip()
    m = _SUBSTITUTE.search(text)
    if m and m.start() > 0:
        person.substitute_for = m.group("who").strip()
        person.role = Role.SUBSTITUTE
        text = text[: m.start()].strip()
    brackets = re.findall(r"\(([^()]*)\)", text)
    name = re.sub(r"\s*\([^()]*\)", "", text).strip()
    parts: list[str] = []
    for bracket in brackets:
        for part in (p.strip() for p in bracket.split(";")):
            pieces = [p.strip() for p in part.split(",")]
            roles = [p for p in pieces if p.lower() in _ROLE_WORDS]
            if roles and len(pieces) > 1:
                # "(Leader, in the Chair)": the role is read, the rest stays as written.
                parts.extend(roles)
                part = ", ".join(p for p in pieces if p not in roles)
            parts.append(part)
    for part in parts:
        key = part.lower()
        if key in _ROLE_WORDS:
            person.role = _ROLE_WORDS[key]
        elif _ARRIVED.match(part):
            person.arrived_at_item = _ARRIVED.match(part).group("item").rstrip(".")  # type: ignore[union-attr]
        elif _LEFT.match(part):
            person.left_at_item = _LEFT.match(part).group("item").rstrip(".")  # type: ignore[union-attr]
        elif m2 := _SUBSTITUTE.match(part):
            person.substitute_for = m2.group("who").strip()
            person.role = Role.SUBSTITUTE
        elif part and not person.organisation:
            person.organisation = part
        elif part:
            person.organisation = f"{person.organisation}; {part}"
    if not _looks_like_name(name):
        return None
    person.name = name
    return person


@dataclass
class PeopleRead:
    attendance: list[Attendance] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def read_attendance(group: str, text: str) -> PeopleRead:
    out = PeopleRead()
    if re.fullmatch(r"\s*(?:none|nil|n/?a|-)\.?\s*", text, re.I):
        return out
    title = ""
    for written in split_names(text):
        entry = written
        plural = _PLURAL_TITLE.match(entry)
        if plural:
            # "Councillors A, B and C": each of them is a councillor.
            title = "Cllr" if plural.group(1).lower().startswith("cllr") else "Councillor"
            entry = entry[plural.end() :]
        if title and not _TITLES.match(entry.strip()):
            entry = f"{title} {entry.strip()}"
        person = read_person(entry, group)
        if person is None:
            out.unread.append(written)
        else:
            out.attendance.append(person)
    return out


# ------------------------------------------------------------------ attendance tables

_NAME_HEADS = {"attendee", "attendees", "name", "member", "members", "councillor", "councillors"}
_STATUS_HEADS = {"attendance", "status", "attended", "present"}
_ROLE_HEADS = {"role", "position", "title", "capacity"}
_ORG_HEADS = {"organisation", "organization", "representing", "body", "partner", "agency"}


def table_cells(line: str) -> list[str]:
    """The cells of a table row as the page reader writes it ("a | b | c") or pasted (tabs)."""
    sep = " | " if " | " in line else "\t"
    return [c.strip() for c in line.split(sep)]


def attendance_columns(line: str) -> dict[str, int] | None:
    """Which column holds what, when ``line`` heads an attendance table.

    ModernGov's attendance page and many minutes print "Attendee | Role | Attendance";
    a name column and a status or role column are needed, so a table of figures with
    a "Name" column is not read as people.
    """
    cells = [c.casefold().rstrip(":") for c in table_cells(line)]
    if len(cells) < 2:
        return None
    columns: dict[str, int] = {}
    for n, cell in enumerate(cells):
        for key, heads in (
            ("name", _NAME_HEADS),
            ("status", _STATUS_HEADS),
            ("role", _ROLE_HEADS),
            ("organisation", _ORG_HEADS),
        ):
            if cell in heads and key not in columns:
                columns[key] = n
    if "name" not in columns or not ({"status", "role"} & columns.keys()):
        return None
    return columns


def _status_group(status: str) -> str | None:
    status = " ".join(status.casefold().split())
    if status in ("yes", "y", "✓", "✔"):
        return "present"
    if status in ("no", "n", "✗", "✘"):
        return "absent"
    for words, group in (
        (("apolog",), "apologies"),
        (("absent", "did not attend", "not present", "not in attendance"), "absent"),
        (("substitut",), "substitutes"),
        (("in attendance", "also present", "attending"), "in attendance"),
        (("present", "attended", "virtual", "remote", "online"), "present"),
    ):
        if any(w in status for w in words):
            return group
    return None  # "Expected", "Sent", "": the table does not say they were there


def read_attendance_row(columns: dict[str, int], cells: list[str]) -> Attendance | None:
    """One row of an attendance table; None when it does not read as a person who came,
    sent apologies or was absent (the row then goes to the unplaced note)."""

    def cell(key: str) -> str:
        n = columns.get(key)
        return cells[n].strip() if n is not None and n < len(cells) else ""

    role_text = cell("role")
    status = cell("status")
    if "status" in columns:
        group = _status_group(status)
    else:  # a table of who attended, by role
        group = "officers" if "officer" in role_text.casefold() else "present"
    if group is None:
        return None
    if group == "present" and "officer" in role_text.casefold():
        group = "officers"
    person = read_person(cell("name"), group)
    if person is None:
        return None
    role = _ROLE_WORDS.get(role_text.casefold().replace("committee ", "").replace("board ", ""))
    if role is not None:
        person.role = role
    # the organisation column, the name's own brackets, then a role that is not one of ours
    parts = (cell("organisation"), person.organisation, "" if role else role_text)
    person.organisation = "; ".join(p for p in parts if p)
    return person


# ------------------------------------------------------------------ comings and goings

#: "Cllr Smith left the meeting." / "Mr Jones joined the meeting at 6.40 pm."
MOVEMENT = re.compile(
    r"^(?P<names>[^:;]{2,200}?)\s+(?:(?P<left>left|departed)|(?P<arrived>arrived\s+at|arrived|joined|entered))"
    r"\s+the\s+meeting\b(?P<rest>.*)$",
    re.I,
)
#: A member who steps out for one item and comes back has not left the meeting.
_FOR_A_WHILE = re.compile(
    r"\bfor\s+(?:this|that|the|these|those|consideration|the\s+duration|part)\b|\bwhil(?:e|st)\b"
    r"|\bre-?turn|\bre-?join|\bre-?enter|\bcame\s+back|\bbriefly\b|\btemporarily\b"
    r"|\bdeclar|\binterest\b|\bwithdr[eay]"
    # "before this item", "after item 7": which item it was is not this one to say
    r"|\bbefore\b|\bprior\s+to\b|\bitems?\s+(?:no\.?\s*)?\(?[A-Za-z]{0,5}[\s/]?\d",
    re.I,
)

_FOR_GOOD = re.compile(r"\b(?:did\s+not|didn't|was\s+not\s+to|not\s+to)\s+re-?(?:turn|join)", re.I)


def read_movement(sentence: str) -> tuple[str, list[str]] | None:
    """("left" or "arrived", the names) for a sentence minuting who came or went for good.

    A sentence about stepping out for an item, or a declaration, is not a movement:
    the member was back (or never gone) for the rest of the meeting.
    """
    m = MOVEMENT.match(sentence.strip())
    if not m or _FOR_A_WHILE.search(_FOR_GOOD.sub("", m.group("rest"))):
        return None
    read = read_attendance("present", m.group("names"))
    if read.unread or not read.attendance:
        return None
    return ("left" if m.group("left") else "arrived"), [a.name for a in read.attendance]


def _bare_name(name: str) -> list[str]:
    words = name.casefold().replace(".", " ").split()
    while words and _TITLES.fullmatch(words[0]):
        words.pop(0)
    return words


def find_attendee(name: str, attendance: list[Attendance]) -> Attendance | None:
    """The one person present whom ``name`` means: the same name, or the same surname.

    "Councillor Nelson" finds "Cllr Steve Nelson" when no one else present is a
    Nelson; two Nelsons, or none, find nobody rather than the wrong person.
    """
    wanted = _bare_name(name)
    present = [a for a in attendance if a.status is AttendanceStatus.PRESENT]
    same = [a for a in present if _bare_name(a.name) == wanted]
    if not same and len(wanted) == 1:
        same = [a for a in present if _bare_name(a.name)[-1:] == wanted]
    return same[0] if len(same) == 1 else None


# ------------------------------------------------------------------ declarations

_CATEGORIES = [
    (r"disclosable\s+pecuniary|pecuniary", DeclarationCategory.DISCLOSABLE_PECUNIARY),
    (r"other\s+registe?rable", DeclarationCategory.OTHER_REGISTERABLE),
    (r"non[-\s]?registe?rable", DeclarationCategory.NON_REGISTERABLE),
]
DECLARATION = re.compile(
    r"^(?:[-·•*]\s+)?(?P<name>[^:;]{2,80}?)\s+declared\s+(?:an?\s+)?"
    r"(?P<cat>(?:[\w-]+\s+){0,3}?)interests?\s+(?:in|on|regarding|relating\s+to|in\s+relation\s+to)\s+"
    r"(?:agenda\s+)?(?:item|minute)\s+(?:no\.?\s*)?(?P<item>[A-Za-z]{0,5}\s?[\w/.()]*?\w\)?)"
    r"(?P<rest>(?:[\s:,;–-].*)?)$",
    re.I,
)
_WITHDREW = re.compile(
    r"[\s,;]*(?:and\s+)?(?:(?:he|she|they)\s+)?(?:left\s+the\s+(?:room|meeting|chamber)|withdrew(?:\s+from\s+the\s+(?:room|meeting))?)"
    # "… for that item", "… during its consideration", "… for the discussion of the item"
    r"(?:\s+(?:for|during)\s+(?:that|the|this|its)\s+(?:item|consideration|discussion|debate)"
    r"(?:\s+(?:of|on)\s+(?:that|the|this)\s+(?:item|matter|report))?)?\s*$",
    re.I,
)
_DISPENSATION = re.compile(
    r"\s*\(?(?:and\s+)?(?:had|has|with|holds?)\s+a\s+dispensation\)?\s*$", re.I
)
_NONE = re.compile(r"\b(?:no|none|nil)\b.*\bdeclar|\bdeclar\w*\b.*\b(?:none|nil)\b|^none\.?$", re.I)


def no_declarations(text: str) -> bool:
    return bool(_NONE.search(text))


def read_declaration(sentence: str) -> tuple[Declaration, str] | None:
    """A declaration and the item reference as written; None if the sentence is not one."""
    text = sentence.strip()
    if text.endswith("."):
        text = text[:-1]
    m = DECLARATION.match(text)
    if not m:
        return None
    cat_text = m.group("cat").strip().lower()
    category = DeclarationCategory.OTHER
    for pattern, value in _CATEGORIES:
        if re.search(pattern, cat_text):
            category = value
            break
    rest = m.group("rest")
    dispensation = withdrew = False
    for _ in range(2):
        if _WITHDREW.search(rest):
            withdrew = True
            rest = _WITHDREW.sub("", rest)
        if _DISPENSATION.search(rest):
            dispensation = True
            rest = _DISPENSATION.sub("", rest)
    sep = re.match(r"^[\s:,;–-]*", rest).group(0)  # type: ignore[union-attr]
    nature = rest[len(sep) :].strip()
    if ":" not in sep:
        nature = re.sub(r"^(?:as|because|being)\s+", "", nature, flags=re.I)
    if category is DeclarationCategory.OTHER and cat_text:
        # "personal", "prejudicial", "sensitive": older wording kept in the nature.
        nature = f"{cat_text} interest" + (f": {nature}" if nature else "")
    item = m.group("item").strip()
    name = m.group("name").strip()
    return (
        Declaration(
            name=name,
            item=item,
            category=category,
            nature=nature,
            withdrew=withdrew,
            dispensation=dispensation,
        ),
        item,
    )


_TITLE_IN_FRONT = re.compile(
    r"^\((?P<title>[^()]{3,200})\)\s*[,:;–-]?\s*(?:(?:as|because|being)\s+)?(?P<rest>.*)$",
    re.I | re.S,
)


def title_in_front(nature: str) -> tuple[str, str] | None:
    """("Pharmaceutical Needs Assessment", "the owner of a pharmacy") when the nature
    a declaration was read with starts with the item's title in brackets, as in
    "… in agenda item 5 (Pharmaceutical Needs Assessment) as the owner of a pharmacy"."""
    m = _TITLE_IN_FRONT.match(nature)
    return (m.group("title").strip(), m.group("rest").strip()) if m else None


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not splitting after "Cllr." style abbreviations or an
    initial ("Councillors D. Amesbury and K. Tull")."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    out: list[str] = []
    for part in parts:
        if out and re.search(r"\b(?:Cllr|Mr|Mrs|Ms|Dr|No|St|[A-Z])\.$", out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
