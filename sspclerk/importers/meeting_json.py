"""The sspclerk-meeting JSON exchange format, read (docs/meeting-json.md).

The writer is ``sspclerk.export.meeting_json``; both keep to
``resources/meeting.schema.json``, so export → import → export is exact: the reader
fills defaults for keys an older or hand-made file leaves out, and takes the enum
spellings the writer emits.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from sspclerk.core.dates import check_year
from sspclerk.core.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Approval,
    Attendance,
    AttendanceStatus,
    Committee,
    Correction,
    Declaration,
    DeclarationCategory,
    Document,
    Meeting,
    MeetingStatus,
    Member,
    Outcome,
    OutcomeKind,
    Role,
    StandingItem,
)
from sspclerk.core.text import clean_line, clean_number, clean_text
from sspclerk.resources import resource_path


class MeetingFileError(ValueError):
    """A meeting file that cannot be read; the message names the file and the problem."""


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resource_path("meeting.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    # jsonschema takes a tenth of a second to import; only JSON import needs it.
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


# ---------------------------------------------------------------- reading


class _Reader:
    """Turns validated JSON into core objects, naming the JSON path of any bad value."""

    def __init__(self) -> None:
        self.path: list[str] = []

    def fail(self, message: str) -> MeetingFileError:
        where = "/".join(self.path) or "top level"
        return MeetingFileError(f"{where}: {message}")

    def date(self, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{value!r} is not a real date (YYYY-MM-DD)") from None
        return self.in_range(day)

    def datetime(self, value: str | None) -> dt.datetime | None:
        if value is None:
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{value!r} is not a real date and time") from None
        self.in_range(moment.date())
        return moment

    def in_range(self, day: dt.date) -> dt.date:
        try:
            return check_year(day)
        except ValueError as exc:
            raise self.fail(str(exc)) from None

    def time(self, value: str | None) -> dt.time | None:
        if value is None:
            return None
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{value!r} is not a real time (HH:MM)") from None

    def at(self, *parts: object) -> _Reader:
        self.path = [str(p) for p in parts]
        return self


def meeting_from_json(data: Any) -> Meeting:
    """Validate against the schema, then build the meeting; MeetingFileError otherwise."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise MeetingFileError(f"{where}: {error.message}")
    r = _Reader()
    c = data["committee"]
    month, day = (int(x) for x in c.get("year_start", "05-01").split("-"))
    try:
        dt.date(2024, month, day)
    except ValueError:
        raise r.at("committee", "year_start").fail("not a real month and day") from None
    committee = Committee(
        name=clean_line(c["name"]),
        prefix=clean_line(c["prefix"]),
        outcome_word=c.get("outcome_word", "AGREED"),
        year_start_month=month,
        year_start_day=day,
        organisation=clean_line(c.get("organisation", "")),
        clerk_name=clean_line(c.get("clerk_name", "")),
        members=[
            Member(
                clean_line(m["name"]),
                clean_line(m.get("organisation", "")),
                Role(m.get("role", "member")),
            )
            for m in c.get("members", [])
        ],
        standing_items=[
            StandingItem(clean_line(s["title"]), clean_text(s.get("agenda_text", "")))
            for s in c.get("standing_items", [])
        ],
    )
    m = data["meeting"]
    approval = m.get("approval")
    meeting = Meeting(
        committee=committee,
        date=r.at("meeting", "date").date(m["date"]),  # type: ignore[arg-type]
        start_time=r.at("meeting", "start_time").time(m.get("start_time")),
        venue=clean_line(m.get("venue", "")),
        contact=clean_line(m.get("contact", "")),
        status=MeetingStatus(m.get("status", "draft")),
        started_at=r.at("meeting", "started_at").datetime(m.get("started_at")),
        ended_at=r.at("meeting", "ended_at").datetime(m.get("ended_at")),
        agenda_published_on=r.at("meeting", "agenda_published_on").date(
            m.get("agenda_published_on")
        ),
        approval=None
        if approval is None
        else Approval(
            approved_on=r.at("meeting", "approval", "approved_on").date(  # type: ignore[arg-type]
                approval["approved_on"]
            ),
            amendments=clean_text(approval.get("amendments", "")),
        ),
        unplaced_text=clean_text(m.get("unplaced_text", "")),
        corrections=[
            Correction(
                text=clean_text(k["text"]),
                item=clean_number(k.get("item", "")),
                recorded_on=r.at("meeting", "corrections", j, "recorded_on").date(
                    k.get("recorded_on")
                ),
            )
            for j, k in enumerate(m.get("corrections", []))
        ],
    )
    meeting.attendance = [
        Attendance(
            name=clean_line(a["name"]),
            organisation=clean_line(a.get("organisation", "")),
            role=Role(a.get("role", "member")),
            status=AttendanceStatus(a.get("status", "present")),
            substitute_for=clean_line(a.get("substitute_for", "")),
            arrived_at_item=clean_number(a.get("arrived_at_item", "")),
            left_at_item=clean_number(a.get("left_at_item", "")),
        )
        for a in data.get("attendance", [])
    ]
    meeting.items = [_item_from_json(r, i, item) for i, item in enumerate(data["items"])]
    numbers = [item.number for item in meeting.items]
    for i, number in enumerate(numbers):
        if number and numbers.index(number) != i:
            raise r.at("items", i, "number").fail(f"item number {number} appears twice")
    meeting.declarations = []
    for i, d in enumerate(data.get("declarations", [])):
        item = clean_number(d["item"])
        if item not in numbers:
            raise r.at("declarations", i, "item").fail(f"no item numbered {d['item']!r}")
        meeting.declarations.append(
            Declaration(
                name=clean_line(d["name"]),
                item=item,
                category=DeclarationCategory(d.get("category", "other")),
                nature=clean_text(d.get("nature", "")),
                withdrew=bool(d.get("withdrew", False)),
                dispensation=bool(d.get("dispensation", False)),
            )
        )
    return meeting


def _item_from_json(r: _Reader, i: int, d: dict[str, Any]) -> AgendaItem:
    return AgendaItem(
        number=clean_number(d.get("number", "")),
        title=clean_line(d["title"]),
        agenda_text=clean_text(d.get("agenda_text", "")),
        restricted=bool(d.get("restricted", False)),
        restriction_reason=clean_text(d.get("restriction_reason", "")),
        exempt_paragraph=d.get("exempt_paragraph"),
        public_summary=clean_text(d.get("public_summary", "")),
        urgent_reason=clean_text(d.get("urgent_reason", "")),
        started_at=r.at("items", i, "started_at").datetime(d.get("started_at")),
        ended_at=r.at("items", i, "ended_at").datetime(d.get("ended_at")),
        documents=[
            Document(
                title=clean_line(doc["title"]),
                filename=clean_line(doc.get("filename", "")),
                size_bytes=doc.get("size_bytes"),
                page_count=doc.get("page_count"),
                sha256=doc.get("sha256"),
                attached_at=r.at("items", i, "documents", j, "attached_at").datetime(
                    doc.get("attached_at")
                ),
            )
            for j, doc in enumerate(d.get("documents", []))
        ],
        minutes=clean_text(d.get("minutes", "")),
        outcomes=[
            Outcome(
                text=clean_text(o["text"]),
                kind=OutcomeKind(o.get("kind", "noted")),
                votes_for=o.get("votes_for"),
                votes_against=o.get("votes_against"),
                abstentions=o.get("abstentions"),
            )
            for o in d.get("outcomes", [])
        ],
        actions=[
            Action(
                text=clean_text(a["text"]),
                owner=clean_line(a.get("owner", "")),
                due=r.at("items", i, "actions", j, "due").date(a.get("due")),
                status=ActionStatus(a.get("status", "open")),
            )
            for j, a in enumerate(d.get("actions", []))
        ],
    )


#: Longer than any number a meeting file holds (SQLite's integers have 19 digits);
#: Python would refuse to convert 4,300 digits anyway, with a less helpful message.
_MOST_DIGITS = 19


class _HugeNumber(ValueError):
    pass


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _MOST_DIGITS:
        raise _HugeNumber(f"a number {len(text.lstrip('-')):,} digits long")
    return int(text)


def loads(text: str, source: str = "the file") -> Meeting:
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        # json's messages end "…at" when they expect the position to follow.
        what = exc.msg.removesuffix(" at")
        raise MeetingFileError(
            f"{source} is not valid JSON ({what} on line {exc.lineno}, column {exc.colno})"
        ) from None
    except _HugeNumber as exc:
        raise MeetingFileError(f"{source} holds {exc}, too large for any field") from None
    except RecursionError:
        raise MeetingFileError(f"{source} is nested too deeply to be a meeting") from None
    try:
        return meeting_from_json(data)
    except MeetingFileError as exc:
        raise MeetingFileError(f"{source}: {exc}") from None


def read_meeting_file(path: Path) -> Meeting:
    """Read and validate a meeting JSON file; MeetingFileError names the file and the fault."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MeetingFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MeetingFileError(f"{path} is not UTF-8 text; is it a meeting JSON file?") from None
    return loads(text, str(path))
