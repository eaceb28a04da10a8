"""The store commands: demo, meetings, show, import, search, verify, backup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sspclerk.core.dates import council_when
from sspclerk.core.model import Meeting
from sspclerk.meetings import load_demo
from sspclerk.store import HIT_END, HIT_START, StoreCorruptError
from sspclerk.store.connection import one_line

from .common import CREATES, READS, Context
from .import_cmds import add_meeting_details, run_import

#: The most hits `search --limit` lists.
MOST_HITS = 10_000


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "demo", parents=[common], help="load the demo meeting (once) and print its id"
    )
    p.set_defaults(run=run_demo, store_use=CREATES)

    p = sub.add_parser("meetings", parents=[common], help="list the meetings in the store")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_meetings, store_use=READS)

    p = sub.add_parser("show", parents=[common], help="show one meeting")
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument("--json", action="store_true", help="print the meeting as JSON")
    p.set_defaults(run=run_show, store_use=READS)

    p = sub.add_parser(
        "import", parents=[common], help="import a meeting (JSON, or a published page)"
    )
    p.add_argument("file", type=Path)
    add_meeting_details(p)
    p.set_defaults(run=run_import, store_use=CREATES)

    p = sub.add_parser("search", parents=[common], help="search every meeting's items")
    p.add_argument("text")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(run=run_search, store_use=READS)

    p = sub.add_parser("verify", parents=[common], help="check the store's integrity and version")
    p.set_defaults(run=run_verify, store_use=READS)

    p = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the store with SQLite's backup API (no -o: a rotated backup in the backups folder)",
    )
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--folder", type=Path, help="with no -o: the backups folder")
    p.set_defaults(run=run_backup, store_use=READS)


def run_demo(args: Any, ctx: Context) -> int:
    print(load_demo(ctx.store))
    return 0


def run_meetings(args: Any, ctx: Context) -> int:
    meetings = ctx.store.list_meetings()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": m.id,
                        "committee": m.committee,
                        "prefix": m.prefix,
                        "date": m.date.isoformat(),
                        "start_time": m.start_time.strftime("%H:%M") if m.start_time else None,
                        "status": m.status.value,
                        "items": m.item_count,
                    }
                    for m in meetings
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not meetings:
        print("No meetings yet. `sspclerk demo` loads the demo meeting.")
    for m in meetings:
        print(
            f"{m.id:>5}  {m.date.isoformat()}  {m.committee}  ({m.item_count} items, {m.status.value})"
        )
    return 0


def run_show(args: Any, ctx: Context) -> int:
    meeting = ctx.load_meeting(args.meeting)
    if args.json:
        from sspclerk.export.meeting_json import meeting_to_json

        print(
            json.dumps({"id": meeting.id, **meeting_to_json(meeting)}, ensure_ascii=False, indent=2)
        )
        return 0
    print(_describe(meeting))
    return 0


def _describe(m: Meeting) -> str:
    lines = [
        f"{m.committee.name} — {council_when(m.date, m.start_time)}",
        f"Venue: {m.venue}" if m.venue else "",
        f"Status: {m.status.value}",
        "",
    ]
    for item in m.items:
        marks = " [restricted]" if item.restricted else ""
        lines.append(f"{item.number:<12} {item.title}{marks}")
        for outcome in item.outcomes:
            lines.append(f"{'':<12}   → {outcome.text}")
    return "\n".join(line for i, line in enumerate(lines) if line or i == 3)


def run_search(args: Any, ctx: Context) -> int:
    hits = ctx.store.search(args.text, limit=max(1, min(args.limit, MOST_HITS)))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "meeting_id": h.meeting_id,
                        "date": h.meeting_date.isoformat(),
                        "committee": h.committee,
                        "item": h.item_number,
                        "title": h.item_title,
                        "snippet": h.snippet.replace(HIT_START, "").replace(HIT_END, ""),
                        "highlighted": h.snippet_marked("<mark>", "</mark>"),
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not hits:
        print(f"Nothing found for {args.text!r}.")
    for h in hits:
        snippet = " ".join(h.snippet_marked("*", "*").split())
        print(f"{h.meeting_date.isoformat()}  {h.item_number}  {h.item_title}\n    {snippet}")
    return 0


def run_verify(args: Any, ctx: Context) -> int:
    store = ctx.store
    problems = store.integrity_check()
    if problems != ["ok"]:
        raise StoreCorruptError(
            f"{ctx.db_path} is damaged ({one_line(problems[0])}); restore a backup "
            "(`sspclerk backups`)"
        )
    pragmas = store.pragmas()
    print(f"store: {ctx.db_path}")
    print(f"schema version: {pragmas['user_version']}")
    print(
        f"journal mode: {pragmas['journal_mode']}, synchronous: "
        f"{ {0: 'off', 1: 'normal', 2: 'full', 3: 'extra'}.get(pragmas['synchronous']) }"
    )
    print("integrity: ok")
    for warning in store.warnings:
        print(f"warning: {warning}")
    return 0


def run_backup(args: Any, ctx: Context) -> int:
    if args.output is None:
        from sspclerk.store.backup import make_backup

        target = make_backup(ctx.store, "manual", folder=args.folder)
    else:
        target = ctx.store.backup(args.output)
    print(target)
    return 0
