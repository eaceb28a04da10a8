"""Page-import commands beside `import`: read a published page without storing it.

`sspclerk import PAGE` (in base.py) stores what it reads and prints the report;
`sspclerk read-page PAGE` prints the same report, or the meeting as JSON, and
stores nothing — so a clerk can see what an old page will give before importing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sspclerk.importers.page import PageImportError, format_report, import_page_file

from .common import READS, CliError, Context

__all__ = ["format_report", "register", "run_read_page"]


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "read-page",
        parents=[common],
        help="read a published agenda/minutes page (.txt or .html) and report; stores nothing",
    )
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print the meeting as JSON")
    p.set_defaults(run=run_read_page, store_use=READS)


def run_read_page(args: Any, ctx: Context) -> int:
    path: Path = args.file
    if not path.is_file():
        raise CliError(f"{path} is not a file")
    try:
        result = import_page_file(path)
    except PageImportError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        from sspclerk.export.meeting_json import dumps

        sys.stdout.write(dumps(result.meeting))
        for line in format_report(result):
            print(line, file=sys.stderr)
    else:
        print("\n".join(format_report(result)))
    return 0
