"""Backups from the command line: list them, put one back (`restore FILE`).

`sspclerk backup` (in base.py) makes one; these two commands never open the store
through the usual context, because a restore must be the only thing holding it.
"""

from __future__ import annotations

import json
from argparse import ArgumentTypeError
from pathlib import Path
from typing import Any

from sspclerk.store.backup import kept_after_rotation, list_backups, restore

from .common import READS, CliError, Context, record_id


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "backups", parents=[common], help="list the automatic backups of the store, newest first"
    )
    p.add_argument(
        "--folder", type=Path, help="the backups folder (default: <store folder>/backups)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_backups, store_use=READS)

    # `restore VERSION` (put back an earlier version of an item's text) may have been
    # registered by series_cmds; one command serves both, told apart by its argument.
    if "restore" in sub.choices:
        del sub.choices["restore"]
        sub._choices_actions[:] = [a for a in sub._choices_actions if a.dest != "restore"]
    p = sub.add_parser(
        "restore",
        parents=[common],
        help="put a backup FILE in place of the store (the replaced store is kept as a "
        "backup first), or put back an earlier VERSION of an item's text",
    )
    p.add_argument(
        "target",
        metavar="FILE|VERSION",
        help="a backup (see `sspclerk backups`) or a version number (see `sspclerk history`)",
    )
    p.add_argument("--folder", type=Path, help="where to keep the replaced store")
    p.set_defaults(run=run_restore)


def run_backups(args: Any, ctx: Context) -> int:
    backups = list_backups(ctx.db_path, args.folder)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "file": str(b.path),
                        "made_at": b.made_at.isoformat(),
                        "reason": b.reason,
                        "size_bytes": b.size_bytes,
                    }
                    for b in backups
                ],
                indent=2,
            )
        )
        return 0
    if not backups:
        print(f"No backups of {ctx.db_path} yet. `sspclerk backup` makes one.")
        return 0
    kept_monthly = {b.path for b in backups[10:]} & kept_after_rotation(backups)
    for b in backups:
        note = "  (kept as the month's last)" if b.path in kept_monthly else ""
        size = f"{b.size_bytes / 1024:,.0f} KB"
        print(f"{b.made_at:%Y-%m-%d %H:%M:%S}  {b.reason:<15} {size:>10}  {b.path}{note}")
    return 0


def run_restore(args: Any, ctx: Context) -> int:
    target = Path(args.target)
    try:
        is_file = target.is_file()
    except OSError:  # a name too long to be a file: a version number, or a mistake
        is_file = False
    if not is_file:
        if args.target.strip().isdigit():
            try:
                version = record_id(args.target)
            except ArgumentTypeError as exc:
                raise CliError(f"no saved version: {exc}") from None
            return _restore_version(version, ctx)
        raise CliError(
            f"{target} is not a file (see `sspclerk backups`) nor a version number "
            "(see `sspclerk history`)"
        )
    result = restore(ctx.db_path, target, folder=args.folder)
    print(f"restored {ctx.db_path} from {result.restored_from}")
    if result.previous_kept_as is not None:
        print(f"the store it replaced is kept as {result.previous_kept_as}")
    return 0


def _restore_version(version: int, ctx: Context) -> int:
    change = ctx.store.restore_version(version)
    print(f"Restored version {version} of the {change.what} (meeting {change.meeting_id}).")
    return 0
