"""The team server from the command line: `server init`, `server login`, `sync`,
`conflicts`.

Every failure is one line and exit status 2 (the server's address shown without its
password); the store and the server are left as they were.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from sspclerk.files import OutputError

from .common import CliError, Context

SERVER_HELP = "the server (postgresql://USER@HOST/DATABASE, or service=NAME); default $SSPCLERK_SERVER, then the last one used"


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "server", parents=[common], help="set up the team's record on a PostgreSQL server"
    )
    p.set_defaults(run=run_server_init)  # replaced by the subcommand's own (one is required)
    what = p.add_subparsers(dest="server_command", metavar="init|login", required=True)
    init = what.add_parser(
        "init", parents=[common], help="create or upgrade the record (safe to run again)"
    )
    init.add_argument("--server", help=SERVER_HELP)
    init.set_defaults(run=run_server_init)
    login = what.add_parser(
        "login", parents=[common], help="keep your password in libpq's password file"
    )
    login.add_argument("--server", help=SERVER_HELP)
    login.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    login.set_defaults(run=run_server_login)

    p = sub.add_parser(
        "sync",
        parents=[common],
        help="send this store's changes to the team server and fetch others'",
    )
    p.add_argument("--server", help=SERVER_HELP)
    p.add_argument("--status", action="store_true", help="say where this store stands; no network")
    p.add_argument(
        "--resend",
        action="store_true",
        help="send everything again (after the server was restored from an older backup)",
    )
    p.set_defaults(run=run_sync)

    p = sub.add_parser(
        "conflicts", parents=[common], help="texts kept as 'changed elsewhere' by a team sync"
    )
    p.add_argument(
        "--resolve", type=int, metavar="ID", help="dismiss one mark (keep the text on screen)"
    )
    p.set_defaults(run=run_conflicts)


def _address(args: Any, ctx: Context | None = None):
    from sspclerk.sync import ENV, SyncError, resolve

    stored = ""
    if ctx is not None and ctx.db_path.exists():
        stored = ctx.store.sync_state().server_address
    try:
        address = resolve(args.server, stored)
    except SyncError as exc:
        raise CliError(str(exc)) from None
    if address is None:
        raise CliError(f"no server given: use --server URL or set {ENV}")
    return address


def run_server_init(args: Any, ctx: Context) -> int:
    from sspclerk.sync import SyncError, init_server

    address = _address(args)
    try:
        done = init_server(address)
    except SyncError as exc:
        raise CliError(str(exc)) from None
    if done.before == done.after:
        print(f"The record on {address.label} is up to date (version {done.after}).")
    elif done.before == 0:
        print(f"Created the record on {address.label} (version {done.after}).")
    else:
        print(f"Upgraded the record on {address.label} from version {done.before} to {done.after}.")
    if done.roles_made:
        print(
            f"Made the group roles {', '.join(done.roles_made)}; grant them to each clerk's role."
        )
    return 0


def run_server_login(args: Any, ctx: Context) -> int:
    from sspclerk.sync import SyncError, save_password
    from sspclerk.sync.server import connect

    address = _address(args)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            password = getpass.getpass(f"Password for {address.user} on {address.label}: ")
        except (EOFError, KeyboardInterrupt):
            raise CliError("no password given; nothing was saved") from None
    if not password:
        raise CliError("no password given; nothing was saved")
    from sspclerk.sync import ServerAddress

    try:  # tried first: a wrong password is never kept
        connect(ServerAddress({**address.params, "password": password})).close()
    except SyncError as exc:
        raise CliError(f"{exc}; nothing was saved") from None
    try:
        path = save_password(address, password)
    except OutputError as exc:
        raise CliError(f"the password was not kept: {exc}") from None
    except OSError as exc:  # the old file could not be read
        raise CliError(f"cannot read the password file ({exc.strerror or exc})") from None
    print(f"Saved in {path}; {address.user} can sync with {address.label}.")
    return 0


def run_sync(args: Any, ctx: Context) -> int:
    from sspclerk.sync import SyncError, sync_store

    if not ctx.db_path.exists():
        raise CliError(f"{ctx.db_path} does not exist; nothing to sync")
    if args.status:
        state = ctx.store.sync_state()
        if not state.joined:
            print("This store has never synced with a team server.")
            return 0
        from sspclerk.sync.address import ServerAddress

        where = ServerAddress.parse(state.server_address).label if state.server_address else "?"
        when = (
            f"last synced {state.synced_at:%Y-%m-%d %H:%M}" if state.synced_at else "never synced"
        )
        print(f"Server: {where}; {when}; {state.waiting} changes waiting.")
        return 0
    address = _address(args, ctx)
    try:
        report = sync_store(ctx.store, address, resend=args.resend)
    except SyncError as exc:
        raise CliError(str(exc)) from None
    for line in report.lines():
        print(line)
    return 0


def run_conflicts(args: Any, ctx: Context) -> int:
    if not ctx.db_path.exists():
        raise CliError(f"{ctx.db_path} does not exist")
    store = ctx.store
    if args.resolve is not None:
        if args.resolve not in {c["id"] for c in store.changed_elsewhere()}:
            raise CliError(
                f"no open 'changed elsewhere' mark {args.resolve} (see `sspclerk conflicts`)"
            )
        store.resolve_conflict(args.resolve)
        print(f"Mark {args.resolve} dismissed; the text on screen stays.")
        return 0
    open_marks = store.changed_elsewhere()
    if not open_marks:
        print("Nothing changed elsewhere is waiting to be looked at.")
    for c in open_marks:
        preview = " ".join(c["text"].split())
        print(
            f"{c['id']:>5}  {c['number'] or c['title']}  {c['field']} by {c['clerk'] or 'another clerk'}"
            f" (version {c['history_id']}): {preview[:70] + '…' if len(preview) > 70 else preview}"
        )
    if open_marks:
        print("Put one back with `sspclerk restore VERSION`, or dismiss it with --resolve ID.")
    return 0
