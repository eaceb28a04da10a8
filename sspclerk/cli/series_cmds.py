"""Commands across meetings: new-meeting, add-item, publish-agenda, deadline,
approve-minutes, correct-minutes, actions, action-status, committees, committee,
history, restore.

Each command is one store operation; warnings go to stderr, the result to stdout.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from sspclerk.core.audience import Audience
from sspclerk.core.dates import council_date, parse_date, parse_time
from sspclerk.core.deadlines import agenda_deadline, clear_working_days, published_late
from sspclerk.core.model import (
    ActionStatus,
    AgendaItem,
    Committee,
    CommitteeKind,
    Meeting,
    Member,
    Role,
    StandingItem,
)
from sspclerk.core.series import DEFAULT_STANDING_ITEMS, NewItem, item_to_add
from sspclerk.files import check_output_path
from sspclerk.store import SeriesChange

from .common import CREATES, READS, WRITES, CliError, Context, record_id


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "new-meeting", parents=[common], help="create the committee's next meeting and print its id"
    )
    p.add_argument("--committee", required=True, help="the committee's prefix, e.g. SSP")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--time", help="HH:MM (24-hour)")
    p.add_argument("--venue", default="")
    p.set_defaults(run=run_new_meeting, store_use=CREATES)

    p = sub.add_parser("add-item", parents=[common], help="add an item to a meeting's agenda")
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument("--title", required=True)
    p.add_argument("--text", default="", help="the agenda text")
    p.add_argument("--restricted", action="store_true", help="not for publication")
    p.add_argument(
        "--urgent-reason",
        default="",
        help="the chair's reason (required once the agenda is published)",
    )
    p.add_argument(
        "--position",
        type=int,
        help="1-based place in the agenda (default: before Any Other Business)",
    )
    p.set_defaults(run=run_add_item)

    p = sub.add_parser(
        "publish-agenda",
        parents=[common],
        help="record that the agenda was published (numbers freeze)",
    )
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument("--on", help="publication date, YYYY-MM-DD (default: today)")
    p.set_defaults(run=run_publish)

    p = sub.add_parser(
        "deadline", parents=[common], help="the last day the meeting's agenda may be published"
    )
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.set_defaults(run=run_deadline, store_use=READS)

    p = sub.add_parser(
        "approve-minutes",
        parents=[common],
        help="record that a meeting approved the previous minutes",
    )
    p.add_argument("meeting", help="the approving meeting (id or 'latest')")
    p.add_argument(
        "--of",
        dest="approved",
        help="the meeting whose minutes are approved (default: the committee's previous meeting)",
    )
    p.add_argument("--subject-to", default="", help="amendments, e.g. 'the removal of …'")
    p.set_defaults(run=run_approve)

    p = sub.add_parser(
        "correct-minutes", parents=[common], help="record a correction to approved minutes"
    )
    p.add_argument("meeting", help="meeting id")
    p.add_argument("text", help="the correction")
    p.add_argument("--item", default="", help="the item number corrected, e.g. SSP/14/25")
    p.set_defaults(run=run_correct)

    p = sub.add_parser("actions", parents=[common], help="the action log across meetings")
    p.add_argument("--open", action="store_true", help="only actions still open")
    p.add_argument("--committee", help="one committee's prefix")
    p.add_argument("--public", action="store_true", help="leave out actions of restricted items")
    p.add_argument("--format", choices=("text", "csv", "docx", "pdf", "json"))
    p.add_argument("-o", "--output", type=Path, help="write to this file")
    p.set_defaults(run=run_actions, store_use=READS)

    p = sub.add_parser("action-status", parents=[common], help="move an action on")
    p.add_argument(
        "action", type=record_id, help="the action id (see `sspclerk actions --format json`)"
    )
    p.add_argument("status", choices=[s.value for s in ActionStatus])
    p.set_defaults(run=run_action_status)

    p = sub.add_parser("committees", parents=[common], help="list the committees")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_committees, store_use=READS)

    p = sub.add_parser(
        "committee",
        parents=[common],
        help="show, create or edit a committee (membership, standing items)",
    )
    p.add_argument("prefix", help="the committee's prefix, e.g. SSP")
    p.add_argument("--name", help="the committee's name (needed to create one)")
    p.add_argument("--outcome-word", choices=("AGREED", "RESOLVED"))
    p.add_argument("--year-start", help="MM-DD the municipal year starts (default 05-01)")
    p.add_argument("--clerk", help="the clerk's name")
    p.add_argument(
        "--kind",
        choices=("council", "partnership"),
        help="a council committee (a restricted item must give its Schedule 12A paragraph) "
        "or a partnership (it may restrict papers for other reasons: only a warning)",
    )
    p.add_argument(
        "--word-margins",
        metavar="CM",
        type=float,
        help="page margins of the Word minutes in cm (default 2.54, Word's UK margins)",
    )
    p.add_argument("--add-member", metavar="NAME", help="add a member")
    p.add_argument("--organisation", default="", help="with --add-member")
    p.add_argument(
        "--role", default="member", choices=[r.value for r in Role], help="with --add-member"
    )
    p.add_argument("--remove-member", metavar="NAME")
    p.add_argument(
        "--standing-items", metavar="TITLES", help="the standing items, separated by ';'"
    )
    p.set_defaults(run=run_committee)

    p = sub.add_parser("history", parents=[common], help="the saved versions of an item's text")
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument("item", help="item number (SSP/14/25) or position (1, 2, …)")
    p.add_argument("--field", default="minutes")
    p.set_defaults(run=run_history, store_use=READS)

    p = sub.add_parser(
        "restore", parents=[common], help="put back an earlier version (see `sspclerk history`)"
    )
    p.add_argument("version", type=record_id)
    p.set_defaults(run=run_restore)


def _date(text: str, what: str = "date") -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise CliError(f"--{what}: {exc}") from None


def _warn(change: SeriesChange) -> None:
    for line in change.warnings:
        print(f"sspclerk: warning: {line}", file=sys.stderr)


def run_new_meeting(args: Any, ctx: Context) -> int:
    date = _date(args.date)
    try:
        time = parse_time(args.time) if args.time else None
    except ValueError as exc:
        raise CliError(f"--time: {exc}") from None
    change = ctx.store.create_meeting(args.committee, date, time, args.venue)
    _warn(change)
    print(change.meeting_id)
    return 0


def _find_item(meeting: Meeting, ref: str) -> AgendaItem:
    for item in meeting.items:
        if item.number == ref.strip():
            return item
    if ref.strip().isdigit() and 1 <= int(ref) <= len(meeting.items):
        return meeting.items[int(ref) - 1]
    numbers = ", ".join(i.number for i in meeting.items) or "none"
    raise CliError(
        f"no item {ref!r} in the meeting of {council_date(meeting.date)} (items: {numbers})"
    )


def run_add_item(args: Any, ctx: Context) -> int:
    meeting = ctx.load_meeting(args.meeting)
    try:
        new = NewItem(args.title, args.text, args.restricted, args.urgent_reason)
        item, position = item_to_add(meeting.items, new, args.position)
    except ValueError as exc:
        raise CliError(f"--title: {exc}") from None
    assert meeting.id is not None
    item_id = ctx.store.add_item(meeting.id, item, position)
    added = next(i for i in ctx.store.load_meeting(meeting.id).items if i.id == item_id)
    print(f"{added.number}\t{added.title}")
    return 0


def run_publish(args: Any, ctx: Context) -> int:
    meeting_id = ctx.meeting_id(args.meeting)
    on = _date(args.on, "on") if args.on else None
    change = ctx.store.publish_agenda(meeting_id, on)
    meeting = ctx.store.load_meeting(meeting_id)
    assert meeting.agenda_published_on is not None
    print(
        f"Agenda of {council_date(meeting.date)} published on "
        f"{council_date(meeting.agenda_published_on)}; deadline "
        f"{council_date(change.deadline or agenda_deadline(meeting.date))}."
    )
    if change.late:
        print(
            f"sspclerk: warning: the agenda was published late (fewer than five clear "
            f"working days; the deadline was {council_date(change.deadline)})",  # type: ignore[arg-type]
            file=sys.stderr,
        )
    return 0


def run_deadline(args: Any, ctx: Context) -> int:
    meeting = ctx.load_meeting(args.meeting)
    try:
        deadline = agenda_deadline(meeting.date)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    print(f"Meeting: {council_date(meeting.date)}")
    print(f"Publish the agenda by: {council_date(deadline)}")
    if meeting.agenda_published_on:
        days = clear_working_days(meeting.agenda_published_on, meeting.date)
        state = "LATE" if published_late(meeting.agenda_published_on, meeting.date) else "in time"
        print(
            f"Published: {council_date(meeting.agenda_published_on)} "
            f"({days} clear working days, {state})"
        )
    return 0


def run_approve(args: Any, ctx: Context) -> int:
    approving = ctx.meeting_id(args.meeting)
    approved = None if args.approved is None else ctx.meeting_id(args.approved)
    change = ctx.store.approve_minutes(approving, approved, args.subject_to)
    _warn(change)
    done = ctx.store.load_meeting(change.other_meetings[0])
    assert done.approval is not None
    extra = f", subject to {done.approval.amendments}" if done.approval.amendments else ""
    print(
        f"Minutes of {council_date(done.date)} approved on "
        f"{council_date(done.approval.approved_on)}{extra}."
    )
    return 0


def run_correct(args: Any, ctx: Context) -> int:
    meeting_id = ctx.meeting_id(args.meeting)
    ctx.store.add_correction(meeting_id, args.item, args.text)
    meeting = ctx.store.load_meeting(meeting_id)
    print(
        f"Correction {len(meeting.corrections)} recorded against the minutes of "
        f"{council_date(meeting.date)}."
    )
    return 0


def run_actions(args: Any, ctx: Context) -> int:
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "text")
    if fmt not in ("text", "csv", "docx", "pdf", "json"):
        raise CliError(f"cannot tell the format from {args.output}; give --format csv|docx|pdf")
    if args.output is not None:
        check_output_path(args.output)  # before the log is gathered and drawn
    audience = Audience.PUBLIC if args.public else Audience.CONFIDENTIAL
    entries = ctx.store.action_log(args.open, args.committee, audience)
    committee = ""
    if args.committee:
        committee = next((c.name for c in ctx.store.committees() if c.prefix == args.committee), "")
    if fmt in ("csv", "docx", "pdf"):
        from sspclerk.export.action_log import (
            ActionLogWriteError,
            render_action_log,
            write_atomic,
        )

        if args.output is None and fmt != "csv":
            raise CliError(f"a {fmt.upper()} action log needs -o FILE")
        content = render_action_log(entries, fmt, committee=committee, open_only=args.open)
        if args.output is None:
            sys.stdout.buffer.write(content)
            return 0
        try:
            write_atomic(args.output, content)
        except ActionLogWriteError as exc:
            raise CliError(str(exc)) from None
        print(args.output)
        return 0
    if fmt == "json":
        text = json.dumps(
            [
                {
                    "action_id": e.action_id,
                    "meeting_id": e.meeting_id,
                    "committee": e.committee,
                    "meeting_date": e.meeting_date.isoformat(),
                    "item": e.item_number,
                    "item_title": e.item_title,
                    "text": e.text,
                    "owner": e.owner,
                    "due": e.due.isoformat() if e.due else None,
                    "status": e.status.value,
                }
                for e in entries
            ],
            ensure_ascii=False,
            indent=2,
        )
    else:
        lines = [
            f"{e.action_id:>5}  {e.meeting_date.isoformat()}  {e.item_number:<11} "
            f"{e.status.value:<11} {e.owner or '-':<20} {e.due.isoformat() if e.due else '-':<10} "
            f"{' '.join(e.text.split())}"
            for e in entries
        ]
        text = "\n".join(lines) if lines else "No actions."
    if args.output:
        from sspclerk.export.action_log import ActionLogWriteError, write_atomic

        try:
            write_atomic(args.output, (text + "\n").encode("utf-8"))
        except ActionLogWriteError as exc:
            raise CliError(str(exc)) from None
        print(args.output)
    else:
        print(text)
    return 0


def run_action_status(args: Any, ctx: Context) -> int:
    ctx.store.set_action_status(args.action, ActionStatus(args.status))
    print(f"Action {args.action}: {args.status}")
    return 0


def run_committees(args: Any, ctx: Context) -> int:
    committees = ctx.store.committees()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "prefix": c.prefix,
                        "name": c.name,
                        "outcome_word": c.outcome_word,
                        "kind": str(c.kind),
                        "word_margins_cm": c.word_margins_cm,
                        "year_start": f"{c.year_start_month:02d}-{c.year_start_day:02d}",
                        "members": [
                            {"name": m.name, "organisation": m.organisation, "role": m.role.value}
                            for m in c.members
                        ],
                        "standing_items": [s.title for s in c.standing_items],
                    }
                    for c in committees
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not committees:
        print("No committees yet. `sspclerk demo` loads the demo meeting and its committee.")
    for c in committees:
        print(
            f"{c.prefix:<8} {c.name} (year from {c.year_start_day} "
            f"{dt.date(2000, c.year_start_month, 1):%B}; {len(c.members)} members; "
            f"standing items: {', '.join(s.title for s in c.standing_items) or 'the defaults'})"
        )
    return 0


def run_committee(args: Any, ctx: Context) -> int:
    prefix = args.prefix.strip()
    changing = any(
        v is not None
        for v in (
            args.name,
            args.outcome_word,
            args.year_start,
            args.clerk,
            args.kind,
            args.word_margins,
            args.add_member,
            args.remove_member,
            args.standing_items,
        )
    )
    # Showing reads; a change writes; naming a new committee may start a new store.
    ctx.store_use = CREATES if args.name else WRITES if changing else READS
    known = {c.prefix: c for c in ctx.store.committees()}
    committee = known.get(prefix)
    if committee is None:
        if not args.name:
            listed = ", ".join(sorted(known)) or "none yet"
            raise CliError(
                f"no committee with prefix {prefix!r} (known: {listed}); give --name to create it"
            )
        if not prefix.isalnum() or not prefix[0].isalpha():
            raise CliError(f"{prefix!r} cannot be a prefix: use letters and digits, e.g. SSP")
        committee = Committee(
            name=args.name, prefix=prefix, standing_items=list(DEFAULT_STANDING_ITEMS)
        )
    if args.name:
        committee.name = args.name
    if args.outcome_word:
        committee.outcome_word = args.outcome_word
    if args.clerk is not None:
        committee.clerk_name = args.clerk
    if args.word_margins is not None:
        if not 0.5 <= args.word_margins <= 5.0:
            raise CliError("--word-margins: give centimetres from 0.5 to 5, e.g. 2.54")
        committee.word_margins_cm = args.word_margins
    if args.kind:
        committee.kind = (
            CommitteeKind.PARTNERSHIP
            if args.kind == "partnership"
            else CommitteeKind.COUNCIL_COMMITTEE
        )
    if args.year_start:
        try:
            month, day = (int(x) for x in args.year_start.split("-"))
            dt.date(2024, month, day)
        except ValueError:
            raise CliError(
                f"--year-start: {args.year_start!r} is not a month and day (MM-DD)"
            ) from None
        committee.year_start_month, committee.year_start_day = month, day
    if args.remove_member:
        kept = [m for m in committee.members if m.name != args.remove_member]
        if len(kept) == len(committee.members):
            raise CliError(f"{args.remove_member!r} is not a member of {committee.name}")
        committee.members = kept
    if args.add_member:
        if not args.add_member.strip():
            raise CliError("--add-member: a member needs a name")
        committee.members.append(Member(args.add_member, args.organisation, Role(args.role)))
    if args.standing_items is not None:
        titles = [t.strip() for t in args.standing_items.split(";") if t.strip()]
        old = {s.title: s for s in committee.standing_items}
        committee.standing_items = [old.get(t, StandingItem(t)) for t in titles]
    if changing:
        ctx.store.save_committee(committee)
        committee = ctx.store.load_committee(ctx.store.committee_id(prefix))
    print(f"{committee.prefix}: {committee.name}")
    print(
        f"Outcomes written: {committee.outcome_word}; municipal year from "
        f"{committee.year_start_day} {dt.date(2000, committee.year_start_month, 1):%B}"
    )
    level = "an error" if committee.kind is CommitteeKind.COUNCIL_COMMITTEE else "a warning"
    print(
        f"Kind: {committee.kind} (a restricted item without its Schedule 12A paragraph "
        f"is {level} in the check)"
    )
    print(f"Word minutes: A4, margins {committee.word_margins_cm:g} cm")
    if committee.clerk_name:
        print(f"Clerk: {committee.clerk_name}")
    print("Members:" if committee.members else "Members: none recorded")
    for m in committee.members:
        org = f", {m.organisation}" if m.organisation else ""
        print(f"  {m.name}{org} ({m.role.value})")
    print("Standing items: " + "; ".join(s.title for s in committee.standing_items))
    return 0


def run_history(args: Any, ctx: Context) -> int:
    meeting = ctx.load_meeting(args.meeting)
    item = _find_item(meeting, args.item)
    assert item.id is not None
    try:
        versions = ctx.store.item_history(item.id, args.field)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if not versions:
        print(f"No saved versions of the {args.field} of {item.number}.")
    for v in versions:
        preview = " ".join(v.text.split())
        mark = f"  [changed elsewhere by {v.elsewhere}]" if v.elsewhere else ""
        print(
            f"{v.id:>6}  {v.saved_at:%Y-%m-%d %H:%M}  "
            f"{preview[:90] + '…' if len(preview) > 90 else preview}{mark}"
        )
    return 0


def run_restore(args: Any, ctx: Context) -> int:
    change = ctx.store.restore_version(args.version)
    print(f"Restored version {args.version} of the {change.what} (meeting {change.meeting_id}).")
    return 0
