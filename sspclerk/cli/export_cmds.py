"""The minutes-out commands: `export` (any format, either audience) and `check`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sspclerk.core.checks import has_errors
from sspclerk.core.model import Meeting
from sspclerk.export import (
    WRITERS,
    ExportError,
    default_filename,
    export_meeting,
    render_minutes,
)
from sspclerk.files import check_output_path
from sspclerk.meetings import check_before_publishing

from .common import READS, CliError, Context


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="write the minutes as DOCX, PDF, HTML, text or JSON (public unless told otherwise)",
    )
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument("--format", "-f", dest="fmt", choices=sorted(WRITERS), default="pdf")
    p.add_argument(
        "--audience",
        choices=["public", "confidential"],
        default="public",
        help="public (default) leaves out restricted items' content; confidential is everything",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the file to write (default: a name in this folder); '-' writes to standard "
        "output (text formats, or any format into a pipe)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse to export when the pre-publication check finds errors",
    )
    p.set_defaults(run=run_export, store_use=READS)

    p = sub.add_parser(
        "check", parents=[common], help="the pre-publication check; exit 1 when it finds errors"
    )
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.set_defaults(run=run_check, store_use=READS)


def run_check(args: Any, ctx: Context) -> int:
    meeting = ctx.load_meeting(args.meeting)
    findings = check_before_publishing(ctx.store, meeting)
    for finding in findings:
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def run_export(args: Any, ctx: Context) -> int:
    meeting = ctx.load_meeting(args.meeting)
    to_standard_output = args.output is not None and str(args.output) == "-"
    target = args.output or Path(default_filename(meeting, args.fmt, args.audience))
    if not to_standard_output:
        check_output_path(target)  # a path that cannot be written is said before the check's list
    findings = check_before_publishing(ctx.store, meeting)
    for finding in findings:
        print(f"sspclerk: check {finding}", file=sys.stderr)
    if args.strict and has_errors(findings):
        errors = sum(f.level == "error" for f in findings)
        print(
            f"sspclerk: not exported: the check found {errors} error(s) (--strict)",
            file=sys.stderr,
        )
        return 1
    if to_standard_output:
        return _to_standard_output(meeting, args)
    try:
        result = export_meeting(meeting, args.fmt, args.audience, target)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    for warning in result.warnings:
        print(f"sspclerk: warning: {warning}", file=sys.stderr)
    print(result.path)
    return 0


def _to_standard_output(meeting: Meeting, args: Any) -> int:
    """``-o -``: the minutes on standard output, for a pipe or a terminal; a binary
    format (PDF, Word) is refused to a terminal, where it would only scramble it."""
    writer = WRITERS[args.fmt]
    binary = not (writer.media_type.startswith("text/") or writer.media_type.endswith("json"))
    if binary and sys.stdout.isatty():
        raise CliError(
            f"{writer.label} is a binary file: give -o FILE, or send standard output "
            "to a file or a program (-o - > minutes" + writer.extension + ")"
        )
    try:
        rendered = render_minutes(meeting, args.fmt, args.audience)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    for warning in rendered.warnings:
        print(f"sspclerk: warning: {warning}", file=sys.stderr)
    sys.stdout.flush()
    sys.stdout.buffer.write(rendered.data)
    sys.stdout.buffer.flush()
    return 0
