"""Pieces of one item on a published page: documents, actions, outcomes, references.

Helpers for the item step (``item``) kept apart so each module stays short; the patterns say
what a line must look like to be read as that piece.
"""

from __future__ import annotations

import re

from sspclerk.core import page_wording as wording
from sspclerk.core.model import Action, ActionStatus, AgendaItem, Document

from . import lines as pt
from .when import DATE, parse_date

RESTRICTED_TITLE = re.compile(
    r"\((?:restricted|exempt|confidential)\)|\bnot\s+for\s+publication\b|\bpart\s+b\b\s*[:)-]", re.I
)
DECLARATIONS_TITLE = re.compile(r"\bdeclarations?\s+of\s+(?:\w+\s+)?interests?\b", re.I)
#: "PART B - ITEMS NOT FOR PUBLICATION": the items below it are exempt; "PART A" ends that.
PART_HEADING = re.compile(
    r"^(?:part\s+(?P<part>[ab12]|ii?)\b(?!\s+of\b)[^.]{0,50}"
    r"|(?P<exempt>(?:items?\s+)?(?:not\s+for\s+publication|exempt\s+items?|confidential\s+items?"
    r"|private\s+(?:business|session|items?)))[^.]{0,40})$",
    re.I,
)


def restricts(heading: re.Match[str]) -> bool:
    part = (heading.group("part") or "").lower()
    return bool(heading.group("exempt")) or part in ("b", "2", "ii")


VOTES = re.compile(
    r"\bfor\s*:?\s*(?P<for>\d{1,4})\s*[,;]?\s*against\s*:?\s*(?P<against>\d{1,4})"
    r"(?:\s*[,;]?\s*abstentions?\s*:?\s*(?P<abstain>\d{1,4}))?",
    re.I,
)
MEETING_DOCUMENT = re.compile(
    r"^(?:agenda\s+(?:front\s*sheet|reports?\s+pack)|printed\s+(?:minutes|decisions)|"
    r"(?:public\s+)?reports?\s+pack|supplementary\s+agenda|decision\s+notice)\b",
    re.I,
)
APOLOGIES_TITLE = re.compile(r"\bapolog", re.I)
APOLOGIES_SENTENCE = re.compile(
    r"^apologies(?:\s+for\s+absence)?\s+(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:received|submitted|given|noted|tendered|sent)\s+(?:from|by|on\s+behalf\s+of)\s+"
    r"(?P<names>.+?)\.?$",
    re.I,
)


def document_from(m: re.Match[str], title: str) -> Document:
    return Document(title=title, filename="", size_bytes=pt.document_match_size(m))


def action_from(m: re.Match[str]) -> Action:
    due = None
    if m.group("due"):
        d = DATE.search(m.group("due"))
        due = parse_date(d) if d else None
    status = ActionStatus.OPEN
    if m.group("status"):
        try:
            status = ActionStatus(m.group("status").strip().lower())
        except ValueError:
            status = ActionStatus.OPEN
    return Action(
        text=m.group("text").strip(), owner=(m.group("owner") or "").strip(), due=due, status=status
    )


#: "(a) the business case be approved;", "ii) ...", "b. ...": a lettered list the
#: browser copy leaves as paragraphs.
LETTERED = re.compile(r"^(?:\(?(?:[a-z]|[ivx]{1,4})\)|[a-z]\.)\s+\S")


def pieces(kind: str, entries: list[pt.Entry]) -> list[tuple[str, list[pt.Entry]]]:
    """Group a segment's entries into text entries and outcomes (with their lists).

    In a Decision: text every paragraph is an outcome, except the explanation under
    "Reasons for the decision:" / "Alternative options considered:", which is text.
    """
    if kind != "agenda":
        entries = [
            pt.Entry("paragraph", part) if e.kind == "paragraph" else e
            for e in entries
            for part in (pt.split_outcome(e.text) if e.kind == "paragraph" else [e.text])
        ]
    out: list[tuple[str, list[pt.Entry]]] = []
    explaining = False
    i = 0
    while i < len(entries):
        e = entries[i]
        if kind == "decision" and e.kind == "paragraph" and pt.DECISION_EXPLANATION.match(e.text):
            explaining = True
        elif pt.is_outcome(e.text):
            explaining = False
        outcome = e.kind == "paragraph" and (
            pt.is_outcome(e.text)
            or (
                kind == "decision"
                and not explaining
                and not pt.is_restriction_reason(e.text)
                and not wording.EXEMPT_LINE.match(e.text)
            )
        )
        if not outcome:
            if kind == "decision" and out and out[-1][0] == "outcome" and e.kind != "paragraph":
                out[-1][1].append(e)
            else:
                out.append(("text", [e]))
            i += 1
            continue
        group = [e]
        i += 1
        if e.text.rstrip().endswith((":", "-", "–")):
            while i < len(entries) and (
                entries[i].kind != "paragraph" or LETTERED.match(entries[i].text)
            ):
                group.append(entries[i])
                i += 1
            if (
                len(group) == 1
                and i < len(entries)
                and not pt.is_outcome(entries[i].text)
                and not pt.is_restriction_reason(entries[i].text)
                and not pt.DECISION_EXPLANATION.match(entries[i].text)
            ):
                group.append(entries[i])
                i += 1
        out.append(("outcome", group))
    return out


def resolve_item(ref: str, items: list[AgendaItem]) -> str | None:
    """The item a declaration names ("item 7", "SSP/15/25", "minute 15")."""
    ref = ref.strip().strip("()").rstrip(".")
    for item in items:
        if item.number and item.number == ref:
            return item.number
    for item in items:
        if item.number and item.number.strip("()").rstrip(".").casefold() == ref.casefold():
            return item.number
    digits = re.findall(r"\d+", ref)
    if len(digits) == 1:
        matches = [
            item.number
            for item in items
            if item.number
            and (
                re.findall(r"\d+", item.number)[:1] == digits
                or [str(int(x)) for x in re.findall(r"\d+", item.number)[:1]]
                == [str(int(digits[0]))]
            )
        ]
        if len(matches) == 1:
            return matches[0]
    return None


def _title_key(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


def item_by_title(title: str, items: list[AgendaItem]) -> str | None:
    """The number of the one numbered item with this title (a declaration that names
    "agenda item 5 (Pharmaceutical Needs Assessment)" on a page of minute numbers)."""
    key = _title_key(title)
    if len(key) < 3:
        return None
    found = [i.number for i in items if i.number and _title_key(i.title) == key]
    return found[0] if len(found) == 1 else None
