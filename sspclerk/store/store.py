"""The meeting store: one SQLite file, the only code that reads or writes it.

Each public method is one user action in one transaction and returns what the
caller needs to refresh (an id, or a ``Changed``).  Text is cleaned here, at the
write boundary (``core.text.clean_field``, the rule the importers apply when they hand
a meeting over), so reads return clean core objects and writers only escape.  Committees, the
rows under items and meetings, search and the work across meetings are mixins in
committees.py, rows.py, search.py and series.py; the undo journal (every write made
inside ``operation()``) in journal.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from sspclerk import files
from sspclerk.core.model import (
    Action,
    ActionStatus,
    AgendaItem,
    Approval,
    Attendance,
    AttendanceStatus,
    Declaration,
    DeclarationCategory,
    Document,
    Meeting,
    MeetingStatus,
    Outcome,
    OutcomeKind,
    Role,
)
from sspclerk.core.text import clean_field, clean_line, clean_number, clean_text

from . import connection
from .committees import CommitteeOps
from .common import BACKUPS_FOLDER, Changed, _date, _datetime, _iso, _time
from .errors import (
    DuplicateMeetingError,
    NotFoundError,
    StoreCorruptError,
    StoreUnavailableError,
)
from .journal import JournalOps, OperationHandle
from .location import location_warnings
from .replica_ops import ReplicaOps
from .rows import RowOps
from .schema import CURRENT_VERSION
from .search import (
    HIT_END,
    HIT_START,
    MAX_SEARCH_WORDS,
    SEARCH_RANK_CAP,
    SEARCH_WEIGHTS,
    SearchHit,
    SearchOps,
    fts_query,
)
from .series import SeriesOps

#: Item fields the clerk types into; the GUI autosaves them one at a time.
ITEM_TEXT_FIELDS = (
    "title",
    "agenda_text",
    "minutes",
    "restriction_reason",
    "public_summary",
    "urgent_reason",
)
ITEM_FIELDS = (*ITEM_TEXT_FIELDS, "number", "restricted", "exempt_paragraph")
MEETING_FIELDS = ("venue", "contact", "date", "start_time", "unplaced_text")

#: Versions of one field saved closer together than this replace each other in the
#: history, so a two-hour meeting of autosaves keeps one version per minute typed.
HISTORY_COALESCE = dt.timedelta(seconds=60)

READ_ONLY_PLACE = "is on a read-only disk or in a read-only folder"


def read_only_place_warnings(path: Path) -> list[str]:
    """What to tell the clerk about a store on a read-only disk or in a read-only folder."""
    if not connection.read_only_location(path):
        return []
    warnings = [f"{path} {READ_ONLY_PLACE}; it is open for reading only"]
    wal = Path(f"{path}-wal")
    if wal.is_file() and wal.stat().st_size:
        # Read as immutable, SQLite ignores the WAL: the latest saves are in it.
        warnings.append(
            f"the latest changes are in {wal.name}, which cannot be read here; copy "
            f"{path.name} and {wal.name} together to a writable folder to see them"
        )
    return warnings


@dataclass(frozen=True)
class MeetingSummary:
    """A line of the meeting list: enough to show and choose a meeting without loading it."""

    id: int
    committee: str
    prefix: str
    date: dt.date
    start_time: dt.time | None
    status: MeetingStatus
    item_count: int


@dataclass
class HistoryVersion:
    """An earlier saved version of a piece of text, kept so a clerk can get it back."""

    id: int
    field: str
    text: str
    saved_at: dt.datetime
    #: Set when another clerk's version won on screen and this one was kept here
    #: (a team sync): who wrote it, until the clerk resolves it.
    elsewhere: str = ""


@dataclass
class Store(CommitteeOps, RowOps, SearchOps, SeriesOps, ReplicaOps, JournalOps):
    """An open store.  Create with :meth:`open`; close with :meth:`close` or ``with``."""

    path: Path
    conn: sqlite3.Connection
    readonly: bool = False
    clock: Callable[[], dt.datetime] = field(
        default=lambda: dt.datetime.now().replace(microsecond=0)
    )
    #: Where the store lives is risky (network or cloud-synced folder): one line each.
    warnings: list[str] = field(default_factory=list)
    #: (device, inode) at open, to notice the file being deleted or replaced under us.
    identity: tuple[int, int] | None = None
    #: Set once the file was found deleted/replaced: every later call gives this message.
    gone: str = ""
    _guarded: bool = field(default=False, repr=False)
    #: The undoable operation open now (``operation()``): its writes are journalled.
    _operation: OperationHandle | None = field(default=None, init=False, repr=False)
    _journal_ready: bool = field(default=False, init=False, repr=False)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        clock: Callable[[], dt.datetime] | None = None,
        may_create: bool = True,
        make_folder: bool = True,
    ) -> Store:
        """Open (or, with ``may_create``, make) the store at ``path``.

        Commands that only read pass ``may_create=False``: a missing path or an
        empty file is then refused instead of becoming a new store, and
        ``make_folder=False`` never makes the folder of a path the clerk typed.
        """
        path = Path(path).expanduser()
        warnings = location_warnings(path)
        try:
            conn = connection.connect(
                path, readonly=readonly, may_create=may_create, make_folder=make_folder
            )
        except StoreUnavailableError:
            # A store on a read-only disk or folder can still be read (last year's
            # minutes on a write-protected stick); every write then says why it failed.
            if readonly or not path.is_file() or not connection.read_only_location(path):
                raise
            conn = connection.connect(path, readonly=True)
            readonly = True
            warnings[:0] = read_only_place_warnings(path)
        store = cls(path=path, conn=conn, readonly=readonly)
        if clock is not None:
            store.clock = clock
        store.identity = connection.file_identity(path)
        store.warnings = warnings
        # No writer in this process may replace the store, its companions or backups.
        files.guard_store(path, path.parent / BACKUPS_FOLDER)
        store._guarded = True
        return store

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self._guarded:
            self._guarded = False
            files.release_store(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite_utils.Database:
        # Imported on first write: reading a meeting (export, the window opening)
        # does not pay sqlite-utils' start-up cost.
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _tx(self):  # a context manager: one user action, one transaction
        if self.readonly:
            if connection.read_only_location(self.path):
                raise StoreUnavailableError(
                    f"{self.path} cannot be written ({READ_ONLY_PLACE}); nothing was changed"
                )
            raise StoreUnavailableError(f"{self.path} is open read-only; nothing was changed")
        self._check_still_there()
        tx = connection.transaction(self.conn, self.path)
        return tx if self._operation is None else self._journalled(tx)

    def _check_still_there(self) -> None:
        """Refuse to write into a file that was deleted or replaced since it was opened.

        SQLite would carry on writing into the deleted file and lose it all on close,
        so the open connection is rescued into a copy and the clerk is told where.
        """
        if self.gone:
            raise StoreUnavailableError(self.gone)
        now = connection.file_identity(self.path)
        if self.identity is None or now == self.identity:
            return
        what = "deleted" if now is None else "replaced by another file"
        rescued = connection.rescue_copy(
            self.conn, self.path, self.clock().strftime("%Y%m%d-%H%M%S")
        )
        if rescued is None:
            self.gone = (
                f"{self.path} was {what} while open and no copy could be saved; "
                "keep sspclerk open and check the drive"
            )
        else:
            self.close()
            # SQLite leaves the dead file's WAL behind; the next open of this path
            # would replay it into whatever file is there now.  Its pages are in
            # the rescued copy.
            for extra in (f"{self.path}-wal", f"{self.path}-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(extra)
            self.gone = (
                f"{self.path} was {what} while open; everything saved until now "
                f"is kept in {rescued}; open that file to carry on"
            )
        raise StoreUnavailableError(self.gone)

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        if self.gone:
            raise StoreUnavailableError(self.gone)
        try:
            cur = self.conn.execute(sql, tuple(params))
            cur.row_factory = sqlite3.Row
            return cur.fetchall()
        except sqlite3.Error as exc:
            raise connection.translate(exc, self.path) from None
        except OverflowError:  # an id typed beyond SQLite's 64-bit integers: no such row
            raise NotFoundError("nothing in the store has a number that large") from None

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another connection's lock before failing.

        The window sets this short, so a locked store shows the clerk a banner and
        retries instead of freezing typing for the default five seconds.
        """
        self._read(f"PRAGMA busy_timeout = {max(0, int(milliseconds))}")

    # ------------------------------------------------------------ health

    @property
    def schema_version(self) -> int:
        return self._read("PRAGMA user_version")[0][0]

    def integrity_check(self) -> list[str]:
        """SQLite's integrity_check messages; ``["ok"]`` when the file is sound."""
        return [row[0] for row in self._read("PRAGMA integrity_check")]

    def pragmas(self) -> dict[str, Any]:
        return {
            "journal_mode": self._read("PRAGMA journal_mode")[0][0],
            "synchronous": self._read("PRAGMA synchronous")[0][0],
            "foreign_keys": self._read("PRAGMA foreign_keys")[0][0],
            "user_version": self.schema_version,
        }

    def backup(self, target: Path | str, *, into_backups: bool = False) -> Path:
        """Copy the store with SQLite's backup API into ``target``, atomically and verified.

        ``target`` follows the output rule of every writer (sspclerk.files): never the
        store or its companions, a device, a read-only file or a missing folder; it
        may replace an earlier copy.  Only the rotation writes into the backups folder.
        """
        target = Path(target).expanduser()
        try:
            with files.atomic_output(
                target, suffix=".partial", may_replace_database=True, into_backups=into_backups
            ) as tmp:
                dest = sqlite3.connect(tmp)
                try:
                    self.conn.backup(dest)
                    problems = [row[0] for row in dest.execute("PRAGMA integrity_check")]
                    dest.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dest.close()
                if problems != ["ok"]:
                    raise StoreCorruptError(
                        f"the backup copy failed its integrity check "
                        f"({connection.one_line(problems[0])}); restore an earlier backup"
                    )
        except files.OutputError as exc:
            raise StoreUnavailableError(str(exc)) from None
        except (sqlite3.Error, OSError) as exc:
            raise connection.translate(exc, self.path) from None
        return target

    # ------------------------------------------------------------ meetings

    def list_meetings(self) -> list[MeetingSummary]:
        rows = self._read(
            """SELECT m.id, c.name, c.prefix, m.date, m.start_time, m.status,
                      (SELECT count(*) FROM items i WHERE i.meeting_id = m.id) AS n
               FROM meetings m JOIN committees c ON c.id = m.committee_id
               ORDER BY m.date, m.start_time, m.id"""
        )
        return [
            MeetingSummary(r[0], r[1], r[2], _date(r[3]), _time(r[4]), MeetingStatus(r[5]), r[6])  # type: ignore[arg-type]
            for r in rows
        ]

    def has_meeting(self, meeting_id: int) -> bool:
        """Whether a meeting with this id is stored (one row looked up, not a listing).
        An id beyond SQLite's 64-bit integers names none (it is not an error)."""
        if not -(2**63) <= meeting_id < 2**63:
            return False
        return bool(self._read("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]))

    def latest_meeting_id(self) -> int | None:
        rows = self._read(
            "SELECT id FROM meetings ORDER BY date DESC, start_time DESC, id DESC LIMIT 1"
        )
        return rows[0][0] if rows else None

    def find_meeting(self, prefix: str, date: dt.date) -> int | None:
        rows = self._read(
            """SELECT m.id FROM meetings m JOIN committees c ON c.id = m.committee_id
               WHERE c.prefix = ? AND m.date = ? ORDER BY m.id LIMIT 1""",
            [prefix, date.isoformat()],
        )
        return rows[0][0] if rows else None

    def add_meeting(self, meeting: Meeting, *, refuse_duplicate: bool = False) -> int:
        """Store a whole meeting (import, demo, new meeting) in one transaction.

        ``refuse_duplicate`` (an import): DuplicateMeetingError when the committee
        already has a meeting that day.  The look and the insert are in the same
        write transaction, so two imports of one meeting at once store it once.
        """
        with self._tx():
            if refuse_duplicate:
                existing = self.find_meeting(meeting.committee.prefix, meeting.date)
                if existing is not None:
                    raise DuplicateMeetingError(
                        f"the store already has a {meeting.committee.name} meeting on "
                        f"{meeting.date.isoformat()} (id {existing}); nothing imported",
                        existing,
                    )
            return self._insert_meeting(meeting)

    def _insert_meeting(self, meeting: Meeting) -> int:
        try:
            cid = self.committee_id(meeting.committee.prefix)
        except NotFoundError:
            cid = self._insert_committee(meeting.committee)
        mid = (
            self.db["meetings"]
            .insert(
                {
                    "committee_id": cid,
                    "date": meeting.date.isoformat(),
                    "start_time": _iso(meeting.start_time),
                    "venue": clean_line(meeting.venue),
                    "contact": clean_line(meeting.contact),
                    "status": MeetingStatus(meeting.status).value,
                    "started_at": _iso(meeting.started_at),
                    "ended_at": _iso(meeting.ended_at),
                    "agenda_published_on": _iso(meeting.agenda_published_on),
                    "approved_on": _iso(meeting.approval.approved_on) if meeting.approval else None,
                    "approval_amendments": clean_text(meeting.approval.amendments)
                    if meeting.approval
                    else "",
                    "unplaced_text": clean_text(meeting.unplaced_text),
                    "updated_at": _iso(self.clock()),
                }
            )
            .last_pk
        )
        for pos, item in enumerate(meeting.items):
            self._insert_item(mid, pos, item)
        for pos, a in enumerate(meeting.attendance):
            self._insert_attendance(mid, pos, a)
        for pos, d in enumerate(meeting.declarations):
            self._insert_declaration(mid, pos, d)
        for k in meeting.corrections:
            self._insert_correction(mid, k)
        return mid

    def delete_meeting(self, meeting_id: int) -> None:
        with self._tx():
            row = self._require_meeting(meeting_id)
            item_ids = [
                r[0] for r in self._read("SELECT id FROM items WHERE meeting_id = ?", [meeting_id])
            ]
            for item_id in item_ids:
                self._unindex(item_id)
            self.conn.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
            self._drop_unused_files()
            self._after_series_change(row["committee_id"], _date(row["date"]))  # type: ignore[arg-type]

    def _require_meeting(self, meeting_id: int, *, change: bool | None = None) -> sqlite3.Row:
        """The meeting's row; inside a write transaction (``change``) also the edit-lock.

        Every mutation finds its meeting through here, ``_item_meeting`` or the child
        helpers, so approved minutes cannot be changed by a path that forgot to ask.
        """
        rows = self._read("SELECT * FROM meetings WHERE id = ?", [meeting_id])
        if not rows:
            raise NotFoundError(f"no meeting with id {meeting_id}")
        if self.conn.in_transaction if change is None else change:
            self._check_unlocked(rows[0])
        return rows[0]

    def load_meeting(self, meeting_id: int) -> Meeting:
        r = self._require_meeting(meeting_id)
        approval = None
        if r["approved_on"]:
            approval = Approval(
                approved_on=_date(r["approved_on"]),  # type: ignore[arg-type]
                approving_meeting_id=r["approving_meeting_id"],
                amendments=r["approval_amendments"],
            )
        meeting = Meeting(
            id=r["id"],
            committee=self.load_committee(r["committee_id"]),
            date=_date(r["date"]),  # type: ignore[arg-type]
            start_time=_time(r["start_time"]),
            venue=r["venue"],
            contact=r["contact"],
            status=MeetingStatus(r["status"]),
            started_at=_datetime(r["started_at"]),
            ended_at=_datetime(r["ended_at"]),
            agenda_published_on=_date(r["agenda_published_on"]),
            approval=approval,
            unplaced_text=r["unplaced_text"],
            corrections=self._corrections(meeting_id),
        )
        items = self._read(
            "SELECT * FROM items WHERE meeting_id = ? ORDER BY position", [meeting_id]
        )
        ids = [i["id"] for i in items]
        children = {
            name: self._children(name, ids) for name in ("documents", "outcomes", "actions")
        }
        meeting.items = [
            self._item_from_row(i, children["documents"], children["outcomes"], children["actions"])
            for i in items
        ]
        meeting.attendance = [
            Attendance(
                id=a["id"],
                name=a["name"],
                organisation=a["organisation"],
                role=Role(a["role"]),
                status=AttendanceStatus(a["status"]),
                substitute_for=a["substitute_for"],
                arrived_at_item=a["arrived_at_item"],
                left_at_item=a["left_at_item"],
            )
            for a in self._read(
                "SELECT * FROM attendance WHERE meeting_id = ? ORDER BY position", [meeting_id]
            )
        ]
        meeting.declarations = [
            Declaration(
                id=d["id"],
                name=d["name"],
                item=d["item_number"],
                category=DeclarationCategory(d["category"]),
                nature=d["nature"],
                withdrew=bool(d["withdrew"]),
                dispensation=bool(d["dispensation"]),
            )
            for d in self._read(
                "SELECT * FROM declarations WHERE meeting_id = ? ORDER BY position", [meeting_id]
            )
        ]
        return meeting

    def _children(self, table: str, item_ids: list[int]) -> dict[int, list[sqlite3.Row]]:
        out: dict[int, list[sqlite3.Row]] = {i: [] for i in item_ids}
        if not item_ids:
            return out
        # Chunked to stay under SQLite's variable limit on a 1,000-item meeting.
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._read(
                f"SELECT * FROM {table} WHERE item_id IN ({marks}) ORDER BY item_id, position",
                chunk,
            ):
                out[row["item_id"]].append(row)
        return out

    @staticmethod
    def _item_from_row(
        r: sqlite3.Row,
        documents: dict[int, list[sqlite3.Row]],
        outcomes: dict[int, list[sqlite3.Row]],
        actions: dict[int, list[sqlite3.Row]],
    ) -> AgendaItem:
        return AgendaItem(
            id=r["id"],
            number=r["number"],
            title=r["title"],
            agenda_text=r["agenda_text"],
            minutes=r["minutes"],
            started_at=_datetime(r["started_at"]),
            ended_at=_datetime(r["ended_at"]),
            restricted=bool(r["restricted"]),
            restriction_reason=r["restriction_reason"],
            exempt_paragraph=r["exempt_paragraph"],
            public_summary=r["public_summary"],
            urgent_reason=r["urgent_reason"],
            documents=[
                Document(
                    id=d["id"],
                    title=d["title"],
                    filename=d["filename"],
                    size_bytes=d["size_bytes"],
                    page_count=d["page_count"],
                    sha256=d["sha256"],
                    attached_at=_datetime(d["attached_at"]),
                )
                for d in documents[r["id"]]
            ],
            outcomes=[
                Outcome(
                    id=o["id"],
                    text=o["text"],
                    kind=OutcomeKind(o["kind"]),
                    votes_for=o["votes_for"],
                    votes_against=o["votes_against"],
                    abstentions=o["abstentions"],
                )
                for o in outcomes[r["id"]]
            ],
            actions=[
                Action(
                    id=a["id"],
                    text=a["text"],
                    owner=a["owner"],
                    due=_date(a["due"]),
                    status=ActionStatus(a["status"]),
                )
                for a in actions[r["id"]]
            ],
        )

    def set_meeting_fields(self, meeting_id: int, **fields: Any) -> Changed:
        unknown = set(fields) - set(MEETING_FIELDS)
        if unknown:
            raise ValueError(f"not a meeting field: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name in ("date", "start_time"):
                values[name] = _iso(value)
            else:
                values[name] = clean_field(name, value)
        with self._tx():
            row = self._require_meeting(meeting_id)
            values["updated_at"] = _iso(self.clock())
            self.db["meetings"].update(meeting_id, values)
            if "date" in values and values["date"] != row["date"]:
                # Numbers and "previous meeting" follow dates: a moved meeting moves them.
                earliest = min(values["date"], row["date"])
                self._after_series_change(row["committee_id"], dt.date.fromisoformat(earliest))
        return Changed(meeting_id, None, "meeting")

    def set_meeting_status(self, meeting_id: int, status: MeetingStatus) -> Changed:
        with self._tx():
            self._require_meeting(meeting_id)
            self.db["meetings"].update(meeting_id, {"status": MeetingStatus(status).value})
        return Changed(meeting_id, None, "status")

    # ------------------------------------------------------------ live meeting

    def start_meeting(self, meeting_id: int) -> Changed:
        """Stamp the start (once; restarting after a crash keeps the first stamp)."""
        with self._tx():
            r = self._require_meeting(meeting_id)
            values: dict[str, Any] = {"status": MeetingStatus.IN_SESSION.value, "ended_at": None}
            if not r["started_at"]:
                values["started_at"] = _iso(self.clock())
            self.db["meetings"].update(meeting_id, values)
        return Changed(meeting_id, None, "status")

    def start_item(self, item_id: int) -> Changed:
        """Move the meeting to this item: stamp its start and end the item before it."""
        now = _iso(self.clock())
        with self._tx():
            meeting_id = self._item_meeting(item_id)
            self.conn.execute(
                """UPDATE items SET ended_at = ? WHERE meeting_id = ? AND id != ?
                   AND started_at IS NOT NULL AND ended_at IS NULL""",
                [now, meeting_id, item_id],
            )
            self.conn.execute(
                "UPDATE items SET started_at = coalesce(started_at, ?), ended_at = NULL WHERE id = ?",
                [now, item_id],
            )
        return Changed(meeting_id, item_id, "timing")

    def close_meeting(self, meeting_id: int) -> Changed:
        now = _iso(self.clock())
        with self._tx():
            self._require_meeting(meeting_id)
            self.conn.execute(
                "UPDATE items SET ended_at = ? WHERE meeting_id = ? AND started_at IS NOT NULL AND ended_at IS NULL",
                [now, meeting_id],
            )
            self.db["meetings"].update(
                meeting_id, {"status": MeetingStatus.CONCLUDED.value, "ended_at": now}
            )
        return Changed(meeting_id, None, "status")

    # ------------------------------------------------------------ items

    def _item_meeting(self, item_id: int, *, change: bool | None = None) -> int:
        """The item's meeting id; inside a write transaction also the edit-lock."""
        rows = self._read("SELECT meeting_id FROM items WHERE id = ?", [item_id])
        if not rows:
            raise NotFoundError(f"no agenda item with id {item_id}")
        if self.conn.in_transaction if change is None else change:
            self._require_meeting(rows[0][0], change=True)
        return rows[0][0]

    def _insert_item(self, meeting_id: int, position: int, item: AgendaItem) -> int:
        db = self.db
        item_id = (
            db["items"]
            .insert(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "number": clean_number(item.number),
                    "title": clean_line(item.title),
                    "agenda_text": clean_text(item.agenda_text),
                    "minutes": clean_text(item.minutes),
                    "started_at": _iso(item.started_at),
                    "ended_at": _iso(item.ended_at),
                    "restricted": int(item.restricted),
                    "restriction_reason": clean_text(item.restriction_reason),
                    "exempt_paragraph": item.exempt_paragraph,
                    "public_summary": clean_text(item.public_summary),
                    "urgent_reason": clean_text(item.urgent_reason),
                }
            )
            .last_pk
        )
        db["documents"].insert_all(
            {
                "item_id": item_id,
                "position": i,
                "title": clean_line(d.title),
                "filename": clean_line(d.filename),
                "size_bytes": d.size_bytes,
                "page_count": d.page_count,
                "sha256": d.sha256,
                "attached_at": _iso(d.attached_at),
            }
            for i, d in enumerate(item.documents)
        )
        db["outcomes"].insert_all(
            self._outcome_row(item_id, i, o) for i, o in enumerate(item.outcomes)
        )
        db["actions"].insert_all(
            self._action_row(item_id, i, a) for i, a in enumerate(item.actions)
        )
        self._reindex(item_id)
        return item_id

    def add_item(self, meeting_id: int, item: AgendaItem, position: int | None = None) -> int:
        """Insert an item at ``position`` (default: the end); later items move down.

        Before the agenda is published the numbers follow the order; afterwards the
        item is urgent: it needs the chair's reason and takes the next free number.
        """
        with self._tx():
            row = self._require_meeting(meeting_id)
            count = self._read("SELECT count(*) FROM items WHERE meeting_id = ?", [meeting_id])[0][
                0
            ]
            position = count if position is None else max(0, min(position, count))
            if self._agenda_frozen(row):
                item = self._urgent_item(row, item)
            self.conn.execute(
                "UPDATE items SET position = position + 1 WHERE meeting_id = ? AND position >= ?",
                [meeting_id, position],
            )
            item_id = self._insert_item(meeting_id, position, item)
            self._after_agenda_change(row)
            return item_id

    def remove_item(self, item_id: int) -> Changed:
        with self._tx():
            meeting_id = self._item_meeting(item_id)
            pos = self._read("SELECT position FROM items WHERE id = ?", [item_id])[0][0]
            self._unindex(item_id)
            self.conn.execute("DELETE FROM items WHERE id = ?", [item_id])
            self.conn.execute(
                "UPDATE items SET position = position - 1 WHERE meeting_id = ? AND position > ?",
                [meeting_id, pos],
            )
            self._drop_unused_files()
            self._after_agenda_change(self._require_meeting(meeting_id))
        return Changed(meeting_id, None, "agenda")

    def move_item(self, item_id: int, new_position: int) -> Changed:
        with self._tx():
            meeting_id = self._item_meeting(item_id)
            ids = [
                r[0]
                for r in self._read(
                    "SELECT id FROM items WHERE meeting_id = ? ORDER BY position", [meeting_id]
                )
            ]
            ids.remove(item_id)
            ids.insert(max(0, min(new_position, len(ids))), item_id)
            for pos, iid in enumerate(ids):
                self.conn.execute("UPDATE items SET position = ? WHERE id = ?", [pos, iid])
            self._after_agenda_change(self._require_meeting(meeting_id))
        return Changed(meeting_id, item_id, "agenda")

    def set_item_fields(self, item_id: int, **fields: Any) -> Changed:
        """Save item fields (the autosave path): cleaned, history kept, search updated."""
        unknown = set(fields) - set(ITEM_FIELDS)
        if unknown:
            raise ValueError(f"not an item field: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "number" or name in ITEM_TEXT_FIELDS:
                values[name] = clean_field(name, value)  # title one line, number trimmed
            elif name == "restricted":
                values[name] = int(bool(value))
            elif name == "exempt_paragraph":
                if value is not None and not (isinstance(value, int) and 1 <= value <= 7):
                    raise ValueError("the Schedule 12A paragraph must be a number from 1 to 7")
                values[name] = value
        with self._tx():
            meeting_id = self._item_meeting(item_id)
            old = self._read("SELECT * FROM items WHERE id = ?", [item_id])[0]
            changed = {k: v for k, v in values.items() if old[k] != v}
            if changed:
                self.db["items"].update(item_id, changed)
                now = self.clock()
                for name in changed.keys() & set(ITEM_TEXT_FIELDS):
                    self._keep_version(item_id, name, changed[name], now)
                if changed.keys() & {"title", "minutes"}:
                    self._reindex(item_id)
        return Changed(meeting_id, item_id, ",".join(sorted(values)))

    def _keep_version(self, item_id: int, name: str, text: str, now: dt.datetime) -> None:
        last = self._read(
            "SELECT id, saved_at FROM item_history WHERE item_id = ? AND field = ? ORDER BY id DESC LIMIT 1",
            [item_id, name],
        )
        # A clock set back (daylight saving by hand, a flat CMOS battery) must not make
        # every later save overwrite the last kept version: only 0 <= gap < 60 s merges.
        gap = now - dt.datetime.fromisoformat(last[0]["saved_at"]) if last else None
        if gap is not None and dt.timedelta(0) <= gap < HISTORY_COALESCE:
            self.conn.execute(
                "UPDATE item_history SET text = ? WHERE id = ?", [text, last[0]["id"]]
            )
        else:
            self.conn.execute(
                "INSERT INTO item_history (item_id, field, text, saved_at) VALUES (?, ?, ?, ?)",
                [item_id, name, text, _iso(now)],
            )

    def item_history(self, item_id: int, field_name: str = "minutes") -> list[HistoryVersion]:
        self._item_meeting(item_id)
        return [
            HistoryVersion(
                r["id"],
                r["field"],
                r["text"],
                dt.datetime.fromisoformat(r["saved_at"]),
                r["elsewhere"] or "",
            )
            for r in self._read(
                """SELECT h.*, (SELECT coalesce(nullif(c.clerk, ''), 'another clerk')
                                FROM item_conflicts c WHERE c.history_id = h.id
                                AND c.resolved = 0) AS elsewhere
                   FROM item_history h WHERE h.item_id = ? AND h.field = ? ORDER BY h.id""",
                [item_id, field_name],
            )
        ]

    def restore_version(self, version_id: int) -> Changed:
        """Put an earlier version back; the restore is itself a new version."""
        rows = self._read("SELECT * FROM item_history WHERE id = ?", [version_id])
        if not rows:
            raise NotFoundError(f"no saved version {version_id}")
        r = rows[0]
        with self._tx():
            self._item_meeting(r["item_id"])  # the edit-lock
            self.db["items"].update(r["item_id"], {r["field"]: r["text"]})
            # Putting back a text kept as "changed elsewhere" is the clerk's answer to it.
            self.conn.execute(
                "UPDATE item_conflicts SET resolved = 1 WHERE history_id = ?", [version_id]
            )
            self.conn.execute(
                "INSERT INTO item_history (item_id, field, text, saved_at) VALUES (?, ?, ?, ?)",
                [r["item_id"], r["field"], r["text"], _iso(self.clock())],
            )
            self._reindex(r["item_id"])
        return Changed(self._item_meeting(r["item_id"]), r["item_id"], r["field"])

    # ------------------------------------------------------------ settings

    def setting(self, key: str, default: str = "") -> str:
        rows = self._read("SELECT value FROM settings WHERE key = ?", [key])
        return rows[0][0] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, clean_text(value)],
            )


__all__ = [
    "CURRENT_VERSION",
    "HIT_END",
    "HIT_START",
    "MAX_SEARCH_WORDS",
    "SEARCH_RANK_CAP",
    "SEARCH_WEIGHTS",
    "Changed",
    "HistoryVersion",
    "MeetingSummary",
    "SearchHit",
    "Store",
    "fts_query",
]
