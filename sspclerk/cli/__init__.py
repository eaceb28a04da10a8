"""The sspclerk command line: the same functions the window calls, without a screen.

Every failure a user can cause ends with one line on stderr and exit status 2;
never a traceback (set SSPCLERK_DEBUG=1 to see one while developing).

Start-up is part of every command's time, so only the module of the command being
run is imported: the others appear in ``--help`` from the table below
(``_COMMANDS``), which tests/test_cli_lazy.py keeps equal to what each module
registers.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sspclerk.files import OutputError
from sspclerk.store import StoreError

from .common import WRITES, CliError, Context, default_db_path

#: Modules in this package that add commands; each has ``register(sub, common)``.
_AREAS = [
    "base",
    "pack_cmds",
    "series_cmds",
    "import_cmds",
    "export_cmds",
    "reliability_cmds",
    "sync_cmds",
]

#: Every command with its area and its one-line help, in the order ``--help`` lists them.
#: Must match what the area's ``register`` adds (tests/test_cli_lazy.py checks).
_COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("base", "load the demo meeting (once) and print its id"),
    "meetings": ("base", "list the meetings in the store"),
    "show": ("base", "show one meeting"),
    "import": ("base", "import a meeting (JSON, or a published page)"),
    "search": ("base", "search every meeting's items"),
    "verify": ("base", "check the store's integrity and version"),
    "backup": (
        "base",
        "copy the store with SQLite's backup API (no -o: a rotated backup in the backups folder)",
    ),
    "attach": ("pack_cmds", "attach a PDF paper to an agenda item"),
    "detach": ("pack_cmds", "remove a paper from an agenda item"),
    "pack": ("pack_cmds", "make the page-numbered agenda pack (PDF)"),
    "new-meeting": ("series_cmds", "create the committee's next meeting and print its id"),
    "add-item": ("series_cmds", "add an item to a meeting's agenda"),
    "publish-agenda": ("series_cmds", "record that the agenda was published (numbers freeze)"),
    "deadline": ("series_cmds", "the last day the meeting's agenda may be published"),
    "approve-minutes": ("series_cmds", "record that a meeting approved the previous minutes"),
    "correct-minutes": ("series_cmds", "record a correction to approved minutes"),
    "actions": ("series_cmds", "the action log across meetings"),
    "action-status": ("series_cmds", "move an action on"),
    "committees": ("series_cmds", "list the committees"),
    "committee": (
        "series_cmds",
        "show, create or edit a committee (membership, standing items)",
    ),
    "history": ("series_cmds", "the saved versions of an item's text"),
    "read-page": (
        "import_cmds",
        "read a published agenda/minutes page (.txt or .html) and report; stores nothing",
    ),
    "export": (
        "export_cmds",
        "write the minutes as DOCX, PDF, HTML, text or JSON (public unless told otherwise)",
    ),
    "check": ("export_cmds", "the pre-publication check; exit 1 when it finds errors"),
    "backups": ("reliability_cmds", "list the automatic backups of the store, newest first"),
    "restore": (
        "reliability_cmds",
        "put a backup FILE in place of the store (the replaced store is kept as a backup"
        " first), or put back an earlier VERSION of an item's text",
    ),
    "server": ("sync_cmds", "set up the team's record on a PostgreSQL server"),
    "sync": ("sync_cmds", "send this store's changes to the team server and fetch others'"),
    "conflicts": ("sync_cmds", "texts kept as 'changed elsewhere' by a team sync"),
}

#: Options of the main parser that take a value (to find the command name in argv).
_VALUE_OPTIONS = ("--db", "--meeting")


def build_parser(
    argv: Sequence[str] | None = None, *, full: bool = False
) -> argparse.ArgumentParser:
    """The parser for ``argv``: the area of the command named in it is registered for
    real, every other command is a stand-in that only shows its help line.

    ``full=True``, or a command word the table does not know (a typo, or a command
    added to a module but not yet to ``_COMMANDS``), registers every area; a stand-in
    chosen by a command line this function misread makes ``main`` build the full
    parser again.
    """
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
    area_named = None if full else _area_of(argv)
    wanted = set(_AREAS) if full or area_named == _ALL else {area_named}
    for area in _AREAS:
        if area in wanted:
            importlib.import_module(f"{__name__}.{area}").register(sub, common)
            continue
        for name, (owner, help_text) in _COMMANDS.items():
            if owner == area:
                _drop(sub, name)  # an earlier area's command of the same name
                stand_in = sub.add_parser(name, parents=[common], help=help_text, add_help=False)
                stand_in.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
                stand_in.set_defaults(run=None)
    return parser


def _drop(sub: argparse._SubParsersAction, name: str) -> None:
    if name in sub.choices:
        del sub.choices[name]
        sub._choices_actions[:] = [a for a in sub._choices_actions if a.dest != name]


#: What ``_area_of`` says of a command word missing from the table.
_ALL = "*"


def _area_of(argv: Sequence[str] | None) -> str | None:
    """The area of the command named in ``argv``: None when there is no command word
    (``--help``, or the window), ``_ALL`` when the word is not in the table."""
    args = list(sys.argv[1:] if argv is None else argv)
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--":
            continue
        elif arg.startswith("-"):
            # "--db PATH" (or an abbreviation such as "--me 3") takes the next word.
            skip = "=" not in arg and any(
                len(arg) > 2 and opt.startswith(arg) for opt in _VALUE_OPTIONS
            )
        else:
            entry = _COMMANDS.get(arg)
            return entry[0] if entry else _ALL
    return None


class _Parser(argparse.ArgumentParser):
    """argparse with the house rule: a usage mistake is one line, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{self.prog}: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args, unknown = parser.parse_known_args(argv)
    if args.command is not None and args.run is None:
        # A stand-in was chosen: the command line was read differently from the guess.
        args = build_parser(argv, full=True).parse_args(argv)
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")  # as parse_args says it
    typed = getattr(args, "db", None) or os.environ.get("SSPCLERK_DB")
    ctx = Context(
        db_path=getattr(args, "db", None) or default_db_path(),
        store_use=getattr(args, "store_use", WRITES),
        make_folder=not typed,  # the user data folder, not a folder the clerk named
    )
    status = 3
    try:
        run = args.run if args.command is not None else _open_window
        status = int(run(args, ctx) or 0)
        return status
    except (CliError, StoreError, OutputError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        status = 0
        return 0
    except Exception as exc:  # the promise: never a traceback in the clerk's face
        if _meeting_file_error(exc):  # a file the clerk gave us: their mistake, one line
            return _fail(str(exc))
        if os.environ.get("SSPCLERK_DEBUG"):
            import traceback

            traceback.print_exc()
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}", status=3)
    finally:
        ctx.close(failed=status != 0)


def _meeting_file_error(exc: Exception) -> bool:
    """Whether ``exc`` is a bad meeting file.  Asked of the module only if a command
    loaded it: the export commands don't, and skip importing it (and json)."""
    module = sys.modules.get("sspclerk.importers.meeting_json")
    return module is not None and isinstance(exc, module.MeetingFileError)


def _fail(message: str, status: int = 2) -> int:
    """One line on stderr, whatever the message held (SQLite's reports span lines)."""
    line = "; ".join(part.strip() for part in str(message).splitlines() if part.strip())
    print(f"sspclerk: {line}", file=sys.stderr)
    return status


def _open_window(args: argparse.Namespace, ctx: Context) -> int:
    from sspclerk import window_gc

    try:
        from sspclerk.gui.app import run_window
    except ImportError as exc:  # Qt or a system library it needs is missing
        raise CliError(
            f"the window cannot start ({exc}); every command still works: sspclerk --help"
        ) from None
    window_gc()  # a long-lived process: Python's own collector setting
    return run_window(ctx.db_path, args.meeting)
