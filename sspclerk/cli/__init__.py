"""The sspclerk command line: the same functions the window calls, without a screen.

Every failure a user can cause ends with one line on stderr and exit status 2;
never a traceback (set SSPCLERK_DEBUG=1 to see one while developing).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from sspclerk.importers.meeting_json import MeetingFileError
from sspclerk.store import StoreError

from .common import CliError, Context, default_db_path

#: Modules in this package that add commands; each has ``register(sub, common)``.
_AREAS = ["base", "pack_cmds", "series_cmds", "import_cmds", "export_cmds", "reliability_cmds"]


def build_parser() -> argparse.ArgumentParser:
    # --db is accepted before or after the command name: the same option on the main
    # parser and, through ``common``, on every subcommand (SUPPRESS keeps one from
    # overwriting the other).
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help="the store file (default: $SSPCLERK_DB or the user data folder)",
    )
    parser = _Parser(
        prog="sspclerk",
        description="Minute-taking for the clerk of a partnership or committee meeting. "
        "With no command, opens the window.",
        parents=[common],
    )
    parser.add_argument("--meeting", help="with no command: the meeting to open (id or 'latest')")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in _AREAS:
        importlib.import_module(f"{__name__}.{area}").register(sub, common)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse with the house rule: a usage mistake is one line, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{self.prog}: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(db_path=getattr(args, "db", None) or default_db_path())
    try:
        if args.command is None:
            return _open_window(args, ctx)
        return int(args.run(args, ctx) or 0)
    except (CliError, StoreError, MeetingFileError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the promise: never a traceback in the clerk's face
        if os.environ.get("SSPCLERK_DEBUG"):
            traceback.print_exc()
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}", status=3)
    finally:
        ctx.close()


def _fail(message: str, status: int = 2) -> int:
    print(f"sspclerk: {message}", file=sys.stderr)
    return status


def _open_window(args: argparse.Namespace, ctx: Context) -> int:
    try:
        from sspclerk.gui.app import run_window
    except ImportError:
        raise CliError("the window is not built yet; see `sspclerk --help` for commands") from None
    return run_window(ctx.db_path, args.meeting)
