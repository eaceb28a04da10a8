"""Store operations that run across a committee's meetings.

New meeting, publishing the agenda, approving the previous minutes, corrections,
the action log and the numbering that follows meeting dates.  Each public method is
one user action in one transaction and returns a ``SeriesChange`` saying what
changed, so the window can refresh every meeting it touched.  The rules themselves
live in ``core`` (numbering, series, deadlines); this mixin only reads and writes.

Mixed into :class:`sspclerk.store.store.Store`, whose helpers (``_tx``, ``_read``,
``_require_meeting``, ``_item_meeting``, ``_insert_meeting``) it uses.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sspclerk.core.audience import Audience, audience_view
from sspclerk.core.dates import council_date
from sspclerk.core.deadlines import agenda_deadline, published_late
from sspclerk.core.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Committee,
    Correction,
    Meeting,
    MeetingStatus,
    Outcome,
)
from sspclerk.core.numbering import (
    SeriesMeeting,
    duplicate_numbers,
    municipal_year,
    municipal_year_bounds,
    next_free_number,
    renumber_series,
)
from sspclerk.core.series import (
    OPEN_STATUSES,
    CarriedAction,
    approval_minutes_text,
    approval_outcome,
    check_approval,
    clean_amendments,
    is_generated_previous_minutes_text,
    is_previous_minutes_title,
    new_meeting,
    previous_minutes_agenda_text,
)
from sspclerk.core.text import clean_line, clean_text

from .errors import NotFoundError, RecordLockedError, RuleError

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class SeriesChange:
    """What one series action changed, for the window to refresh from."""

    meeting_id: int
    what: str
    item_id: int | None = None
    #: Other meetings changed too (renumbered, approved, previous-minutes wording).
    other_meetings: tuple[int, ...] = ()
    #: For publish_agenda: the deadline, and whether publication missed it.
    deadline: dt.date | None = None
    late: bool = False
    #: Things the clerk should know; the action itself succeeded.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionLogEntry:
    """One action in the log, with the meeting and item that set it."""

    action_id: int
    meeting_id: int
    meeting_date: dt.date
    committee: str
    item_number: str
    item_title: str
    text: str
    owner: str
    due: dt.date | None
    status: ActionStatus

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _frozen(row: sqlite3.Row) -> bool:
    """A published agenda (or any later stage) keeps its numbers."""
    return row["status"] != MeetingStatus.DRAFT.value or bool(row["agenda_published_on"])


class SeriesOps:
    """The series half of the Store (see module docstring)."""

    # ------------------------------------------------------------ the edit-lock

    def _check_unlocked(self: Store, row: sqlite3.Row) -> None:
        """Refuse any change to a meeting whose minutes were approved."""
        if row["approved_on"] or row["status"] == MeetingStatus.MINUTES_APPROVED.value:
            when = f" on {council_date(_d(row['approved_on']))}" if row["approved_on"] else ""  # type: ignore[arg-type]
            raise RecordLockedError(
                f"the minutes of the meeting of {council_date(_d(row['date']))} were approved"  # type: ignore[arg-type]
                f"{when} and are locked; record a correction instead (`sspclerk correct-minutes`)"
            )

    def is_locked(self: Store, meeting_id: int) -> bool:
        row = self._require_meeting(meeting_id, change=False)
        return bool(row["approved_on"]) or row["status"] == MeetingStatus.MINUTES_APPROVED.value

    # ------------------------------------------------------------ committees

    def _committee_or_explain(self: Store, prefix: str) -> int:
        rows = self._read("SELECT id FROM committees WHERE prefix = ?", [prefix])
        if rows:
            return rows[0][0]
        known = [r[0] for r in self._read("SELECT prefix FROM committees ORDER BY prefix")]
        listed = ", ".join(known) if known else "none yet (import a meeting or add a committee)"
        raise NotFoundError(f"no committee with prefix {prefix!r}; known committees: {listed}")

    # ------------------------------------------------------------ the series

    def previous_meeting_id(self: Store, meeting_id: int) -> int | None:
        """The same committee's meeting before this one, by date (then time, then id)."""
        r = self._require_meeting(meeting_id, change=False)
        rows = self._read(
            """SELECT id FROM meetings WHERE committee_id = ? AND id != ?
               AND (date < ? OR (date = ? AND coalesce(start_time, '') < coalesce(?, '')))
               ORDER BY date DESC, coalesce(start_time, '') DESC, id DESC LIMIT 1""",
            [r["committee_id"], meeting_id, r["date"], r["date"], r["start_time"]],
        )
        return rows[0][0] if rows else None

    def _previous_date(self: Store, committee_id: int, day: str) -> dt.date | None:
        rows = self._read(
            "SELECT max(date) FROM meetings WHERE committee_id = ? AND date < ?",
            [committee_id, day],
        )
        return _d(rows[0][0])

    def _series(self: Store, committee_id: int, since: dt.date) -> list[SeriesMeeting]:
        """The committee's meetings from the start of ``since``'s municipal year on."""
        c = self._read("SELECT * FROM committees WHERE id = ?", [committee_id])[0]
        start, _ = municipal_year_bounds(
            municipal_year(since, c["year_start_month"], c["year_start_day"]),
            c["year_start_month"],
            c["year_start_day"],
        )
        meetings = self._read(
            "SELECT * FROM meetings WHERE committee_id = ? AND date >= ? ORDER BY date, id",
            [committee_id, start.isoformat()],
        )
        numbers: dict[int, list[str]] = {m["id"]: [] for m in meetings}
        if meetings:
            for r in self._read(
                """SELECT i.meeting_id, i.number FROM items i JOIN meetings m ON m.id = i.meeting_id
                   WHERE m.committee_id = ? AND m.date >= ? ORDER BY i.meeting_id, i.position""",
                [committee_id, start.isoformat()],
            ):
                numbers[r[0]].append(r[1])
        return [
            SeriesMeeting(
                m["id"],
                _d(m["date"]),
                _frozen(m),
                numbers[m["id"]],  # type: ignore[arg-type]
                dt.time.fromisoformat(m["start_time"]) if m["start_time"] else None,
            )
            for m in meetings
        ]

    def _after_series_change(
        self: Store, committee_id: int, since: dt.date
    ) -> tuple[set[int], list[str]]:
        """Bring unpublished meetings from ``since``'s year on up to date: numbers that
        follow dates, and previous-minutes wording that names the real previous meeting."""
        c = self._read("SELECT * FROM committees WHERE id = ?", [committee_id])[0]
        series = self._series(committee_id, since)
        changed: set[int] = set()
        for meeting_id, numbers in renumber_series(
            series, c["prefix"], c["year_start_month"], c["year_start_day"]
        ).items():
            self._write_numbers(meeting_id, numbers)
            changed.add(meeting_id)
        for m in self._read(
            "SELECT id, date FROM meetings WHERE committee_id = ? AND date >= ? AND status = ?"
            " AND agenda_published_on IS NULL",
            [committee_id, since.isoformat(), MeetingStatus.DRAFT.value],
        ):
            wording = previous_minutes_agenda_text(self._previous_date(committee_id, m["date"]))
            for item in self._read(
                "SELECT id, title, agenda_text FROM items WHERE meeting_id = ?", [m["id"]]
            ):
                if (
                    is_previous_minutes_title(item["title"])
                    and is_generated_previous_minutes_text(item["agenda_text"])
                    and item["agenda_text"] != wording
                ):
                    self.conn.execute(
                        "UPDATE items SET agenda_text = ? WHERE id = ?", [wording, item["id"]]
                    )
                    changed.add(m["id"])
        warnings = []
        for number, keys in sorted(duplicate_numbers(self._series(committee_id, since)).items()):
            dates = sorted({council_date(m.date) for m in series if m.key in keys})
            warnings.append(
                f"{number} is used more than once ({'; '.join(dates)}); "
                "a published agenda already holds it"
            )
        return changed, warnings

    def _write_numbers(self: Store, meeting_id: int, numbers: list[str]) -> None:
        rows = self._read(
            "SELECT id, number FROM items WHERE meeting_id = ? ORDER BY position", [meeting_id]
        )
        renamed = {r["number"]: new for r, new in zip(rows, numbers, strict=True) if r["number"]}
        for r, new in zip(rows, numbers, strict=True):
            self.conn.execute("UPDATE items SET number = ? WHERE id = ?", [new, r["id"]])
        # Declarations name their item by number: they follow it.
        for d in self._read(
            "SELECT id, item_number FROM declarations WHERE meeting_id = ?", [meeting_id]
        ):
            if d["item_number"] in renamed:
                self.conn.execute(
                    "UPDATE declarations SET item_number = ? WHERE id = ?",
                    [renamed[d["item_number"]], d["id"]],
                )

    def _after_agenda_change(self: Store, row: sqlite3.Row) -> None:
        """After an item is added, removed or moved: this meeting (while unpublished)
        and later unpublished meetings of the year follow."""
        self._after_series_change(row["committee_id"], _d(row["date"]))  # type: ignore[arg-type]

    def _agenda_frozen(self: Store, row: sqlite3.Row) -> bool:
        return _frozen(row)

    def _urgent_item(self: Store, row: sqlite3.Row, item: AgendaItem) -> AgendaItem:
        """An item added after publication: the chair's reason and the next free number."""
        if not clean_text(item.urgent_reason).strip():
            day = council_date(_d(row["date"]))  # type: ignore[arg-type]
            if row["agenda_published_on"]:
                when = f"was published on {council_date(_d(row['agenda_published_on']))}"  # type: ignore[arg-type]
            else:
                when = f"is past the draft stage ({row['status']})"
            raise RuleError(
                f"the agenda of {day} {when}, so its numbers are frozen and a new item is "
                "urgent business: give the chair's reason for taking it"
            )
        c = self._read("SELECT * FROM committees WHERE id = ?", [row["committee_id"]])[0]
        series = self._series(row["committee_id"], _d(row["date"]))  # type: ignore[arg-type]
        number = next_free_number(
            series,
            _d(row["date"]),
            c["prefix"],  # type: ignore[arg-type]
            c["year_start_month"],
            c["year_start_day"],
        )
        return AgendaItem(**{**item.__dict__, "number": number, "id": None})

    # ------------------------------------------------------------ new meeting

    def create_meeting(
        self: Store,
        committee_prefix: str,
        date: dt.date,
        time: dt.time | None = None,
        venue: str = "",
    ) -> SeriesChange:
        """A new draft meeting of the committee: attendance from the membership, the
        standing items, the real previous meeting, open actions carried forward and
        numbers continuing the municipal year.  Later unpublished meetings follow."""
        if not isinstance(date, dt.date):
            raise RuleError(f"{date!r} is not a date")
        with self._tx():
            cid = self._committee_or_explain(clean_line(committee_prefix).strip())
            same_day = self._read(
                "SELECT id FROM meetings WHERE committee_id = ? AND date = ?",
                [cid, date.isoformat()],
            )
            if same_day:
                raise RuleError(
                    f"{committee_prefix} already has a meeting on "
                    f"{council_date(date)} (id {same_day[0][0]})"
                )
            committee = self.load_committee(cid)
            previous = self._previous_date(cid, date.isoformat())
            # The matters-arising item is on the public agenda: only actions the public
            # may see are listed there; restricted ones are counted, not shown.
            every = self._action_entries(cid, before=date, open_only=True)
            carried = self._for_audience(every, Audience.PUBLIC)
            meeting = new_meeting(
                committee,
                date,
                time,
                clean_line(venue),
                previous_date=previous,
                carried=[
                    CarriedAction(
                        Action(e.text, e.owner, e.due, e.status), e.meeting_date, e.item_number
                    )
                    for e in carried
                ],
                restricted_open=len(every) - len(carried),
            )
            meeting_id = self._insert_meeting(meeting)
            changed, warnings = self._after_series_change(cid, date)
        later = sorted(m for m in changed if m != meeting_id)
        if self._read(
            "SELECT 1 FROM meetings WHERE committee_id = ? AND date > ? LIMIT 1",
            [cid, date.isoformat()],
        ):
            moved = "; later unpublished agendas were renumbered" if later else ""
            warnings.insert(
                0,
                f"{council_date(date)} is before the committee's latest meeting: numbers "
                f"follow dates{moved}",
            )
        return SeriesChange(
            meeting_id, "new meeting", other_meetings=tuple(later), warnings=tuple(warnings)
        )

    # ------------------------------------------------------------ publishing

    def publish_agenda(self: Store, meeting_id: int, on: dt.date | None = None) -> SeriesChange:
        """Record the agenda as published ``on`` (default today): its numbers freeze.

        Returns whether publication missed the five-clear-working-day deadline.
        """
        on = on or self.clock().date()
        with self._tx():
            row = self._require_meeting(meeting_id)
            day = _d(row["date"])
            assert day is not None
            if row["agenda_published_on"]:
                raise RuleError(
                    f"the agenda of {council_date(day)} was already published on "
                    f"{council_date(_d(row['agenda_published_on']))}"
                )  # type: ignore[arg-type]
            if row["status"] != MeetingStatus.DRAFT.value:
                raise RuleError(
                    f"the meeting of {council_date(day)} is {row['status']}; "
                    "its agenda cannot be published now"
                )
            if on > day:
                raise RuleError(
                    f"an agenda cannot be published ({council_date(on)}) after "
                    f"its meeting ({council_date(day)})"
                )
            self.conn.execute(
                "UPDATE meetings SET agenda_published_on = ?, status = ?, updated_at = ? WHERE id = ?",
                [
                    on.isoformat(),
                    MeetingStatus.AGENDA_PUBLISHED.value,
                    self.clock().isoformat(),
                    meeting_id,
                ],
            )
        deadline = agenda_deadline(day)
        late = published_late(on, day)
        warnings = (f"published late: the deadline was {council_date(deadline)}",) if late else ()
        return SeriesChange(
            meeting_id, "agenda published", deadline=deadline, late=late, warnings=warnings
        )

    # ------------------------------------------------------------ approval

    def approve_minutes(
        self: Store,
        approving_meeting_id: int,
        approved_meeting_id: int | None = None,
        amendments: str = "",
    ) -> SeriesChange:
        """Record that ``approving`` agreed the minutes of ``approved`` (default: its
        previous meeting) as a true record, optionally subject to amendments.

        One transaction: the approved minutes get their approval and lock; the
        approving meeting's previous-minutes item gets its minutes and outcome.
        """
        # Stored without "subject to" and the full stop, so any writer can phrase it.
        amendments = clean_amendments(clean_text(amendments))
        approving = self.load_meeting(approving_meeting_id)
        if approved_meeting_id is None:
            approved_meeting_id = self.previous_meeting_id(approving_meeting_id)
            if approved_meeting_id is None:
                raise NotFoundError(
                    f"the meeting of {council_date(approving.date)} has no "
                    "earlier meeting of its committee whose minutes it could approve"
                )
        approved = self.load_meeting(approved_meeting_id)
        try:
            check_approval(approving, approved)
        except ValueError as exc:
            raise RuleError(str(exc)) from None
        if approved.approval is not None:
            raise RuleError(
                f"the minutes of {council_date(approved.date)} were already approved "
                f"on {council_date(approved.approval.approved_on)}"
            )
        item = next((i for i in approving.items if is_previous_minutes_title(i.title)), None)
        if item is None or item.id is None:
            raise RuleError(
                f"the meeting of {council_date(approving.date)} has no 'Minutes of "
                "the previous meeting' item to record the approval under"
            )
        word = approving.committee.outcome_word
        outcome = approval_outcome(word, approved.date, amendments)
        warnings: list[str] = []
        with self._tx():
            self._require_meeting(approving_meeting_id)  # the approving minutes must be open
            approved_row = self._require_meeting(approved_meeting_id, change=False)
            if approved_row["approved_on"]:  # approved meanwhile by another window
                raise RuleError(
                    f"the minutes of {council_date(approved.date)} were already approved"
                )
            self.conn.execute(
                """UPDATE meetings SET approved_on = ?, approving_meeting_id = ?,
                   approval_amendments = ?, status = ?, updated_at = ? WHERE id = ?""",
                [
                    approving.date.isoformat(),
                    approving_meeting_id,
                    amendments,
                    MeetingStatus.MINUTES_APPROVED.value,
                    self.clock().isoformat(),
                    approved_meeting_id,
                ],
            )
            self._record_approval_on_item(item, approved.date, amendments, outcome, warnings)
        return SeriesChange(
            approving_meeting_id,
            "minutes approved",
            item_id=item.id,
            other_meetings=(approved_meeting_id,),
            warnings=tuple(warnings),
        )

    def _record_approval_on_item(
        self: Store,
        item: AgendaItem,
        approved_date: dt.date,
        amendments: str,
        outcome: Outcome,
        warnings: list[str],
    ) -> None:
        assert item.id is not None
        now = self.clock()
        values: dict[str, Any] = {}
        if is_generated_previous_minutes_text(item.agenda_text):
            values["agenda_text"] = previous_minutes_agenda_text(approved_date)
        if not item.minutes.strip():
            values["minutes"] = approval_minutes_text(amendments)
        else:
            warnings.append(
                f"the minutes of {item.number} were already written and were kept "
                "as typed; the approval is recorded in its outcome"
            )
        for name, text in values.items():
            if text != getattr(item, name):
                self.conn.execute(f"UPDATE items SET {name} = ? WHERE id = ?", [text, item.id])
                self._keep_version(item.id, name, text, now)
        if outcome.text not in {o.text for o in item.outcomes}:
            pos = self._next_position("outcomes", "item_id", item.id)
            self.db["outcomes"].insert(self._outcome_row(item.id, pos, outcome))
        self._reindex(item.id)

    # ------------------------------------------------------------ corrections

    def _insert_correction(self: Store, meeting_id: int, k: Correction) -> int:
        return (
            self.db["corrections"]
            .insert(
                {
                    "meeting_id": meeting_id,
                    "item_number": clean_line(k.item).strip(),
                    "text": clean_text(k.text),
                    "recorded_on": k.recorded_on.isoformat() if k.recorded_on else None,
                }
            )
            .last_pk
        )

    def _corrections(self: Store, meeting_id: int) -> list[Correction]:
        return [
            Correction(
                text=r["text"], item=r["item_number"], recorded_on=_d(r["recorded_on"]), id=r["id"]
            )
            for r in self._read(
                "SELECT * FROM corrections WHERE meeting_id = ? ORDER BY id", [meeting_id]
            )
        ]

    def add_correction(self: Store, meeting_id: int, item_number: str, text: str) -> SeriesChange:
        """Record an erratum to approved minutes; shown with them, never a silent edit."""
        text = clean_text(text).strip()
        item_number = clean_line(item_number).strip()
        if not text:
            raise RuleError("a correction needs its text")
        with self._tx():
            row = self._require_meeting(meeting_id, change=False)
            day = council_date(_d(row["date"]))  # type: ignore[arg-type]
            if not row["approved_on"]:
                raise RuleError(f"the minutes of {day} are not approved yet; edit them directly")
            item_id = None
            if item_number:
                found = self._read(
                    "SELECT id FROM items WHERE meeting_id = ? AND number = ?",
                    [meeting_id, item_number],
                )
                if not found:
                    raise NotFoundError(f"the meeting of {day} has no item {item_number}")
                item_id = found[0][0]
            self._insert_correction(meeting_id, Correction(text, item_number, self.clock().date()))
        return SeriesChange(meeting_id, "correction", item_id=item_id)

    # ------------------------------------------------------------ actions

    def _action_entries(
        self: Store,
        committee_id: int | None = None,
        *,
        before: dt.date | None = None,
        open_only: bool = False,
    ) -> list[ActionLogEntry]:
        where, params = [], []
        if committee_id is not None:
            where.append("m.committee_id = ?")
            params.append(committee_id)
        if before is not None:
            where.append("m.date < ?")
            params.append(before.isoformat())
        if open_only:
            where.append(f"a.status IN ({', '.join('?' * len(OPEN_STATUSES))})")
            params.extend(s.value for s in OPEN_STATUSES)
        rows = self._read(
            f"""SELECT a.id, a.text, a.owner, a.due, a.status, i.number, i.title,
                       m.id AS meeting_id, m.date, c.prefix
                FROM actions a JOIN items i ON i.id = a.item_id
                JOIN meetings m ON m.id = i.meeting_id JOIN committees c ON c.id = m.committee_id
                {"WHERE " + " AND ".join(where) if where else ""}
                ORDER BY m.date, m.id, i.position, a.position""",
            params,
        )
        return [
            ActionLogEntry(
                r["id"],
                r["meeting_id"],
                _d(r["date"]),
                r["prefix"],
                r["number"],  # type: ignore[arg-type]
                r["title"],
                r["text"],
                r["owner"],
                _d(r["due"]),
                ActionStatus(r["status"]),
            )
            for r in rows
        ]

    def action_log(
        self: Store,
        open_only: bool = False,
        committee_prefix: str | None = None,
        audience: Audience | str = Audience.CONFIDENTIAL,
    ) -> list[ActionLogEntry]:
        """Every action of every meeting (or one committee's), oldest meeting first.

        For the public, only actions that ``audience_view`` leaves in each meeting.
        """
        cid = None if committee_prefix is None else self._committee_or_explain(committee_prefix)
        return self._for_audience(self._action_entries(cid, open_only=open_only), audience)

    def _for_audience(
        self: Store, entries: list[ActionLogEntry], audience: Audience | str
    ) -> list[ActionLogEntry]:
        """The entries ``audience_view`` lets this audience see.

        The view is run on a skeleton of each meeting (its items with actions), not the
        whole meeting, so a ten-year log is filtered in milliseconds, but the decision
        is still audience_view's alone.
        """
        if Audience(audience) is Audience.CONFIDENTIAL:
            return entries
        skeletons: dict[int, Meeting] = {}
        items: dict[int, AgendaItem] = {}
        ids = [e.action_id for e in entries]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for r in self._read(
                f"""SELECT a.id AS action_id, i.*, m.date AS meeting_date FROM actions a
                    JOIN items i ON i.id = a.item_id JOIN meetings m ON m.id = i.meeting_id
                    WHERE a.id IN ({",".join("?" * len(chunk))})""",
                chunk,
            ):
                meeting = skeletons.setdefault(
                    r["meeting_id"],
                    Meeting(Committee("", ""), _d(r["meeting_date"]), id=r["meeting_id"]),  # type: ignore[arg-type]
                )
                if r["id"] not in items:
                    items[r["id"]] = AgendaItem(
                        number=r["number"],
                        title=r["title"],
                        restricted=bool(r["restricted"]),
                        restriction_reason=r["restriction_reason"],
                        exempt_paragraph=r["exempt_paragraph"],
                        public_summary=r["public_summary"],
                        id=r["id"],
                    )
                    meeting.items.append(items[r["id"]])
                items[r["id"]].actions.append(Action("", id=r["action_id"]))
        visible = {
            a.id
            for meeting in skeletons.values()
            for item in audience_view(meeting, audience).items
            for a in item.actions
        }
        return [e for e in entries if e.action_id in visible]

    def set_action_status(self: Store, action_id: int, status: ActionStatus) -> SeriesChange:
        """Move an action on (open → done …); allowed in approved minutes too."""
        status = ActionStatus(status)
        with self._tx():
            item_id = self._child_item("actions", action_id, change=False)
            self.conn.execute(
                "UPDATE actions SET status = ? WHERE id = ?", [status.value, action_id]
            )
        return SeriesChange(self._item_meeting(item_id, change=False), "actions", item_id=item_id)
