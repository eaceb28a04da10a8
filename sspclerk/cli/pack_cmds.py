"""The agenda pack commands: attach, detach, pack."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sspclerk.core.model import AgendaItem, Document, Meeting
from sspclerk.files import OutputError, check_output_path

from .common import READS, CliError, Context

#: The --part choices (kept here so that registering does not import pikepdf/reportlab,
#: which would slow every other command's start; export.pack.PackPart has the same values).
PARTS = ("public", "confidential", "supplementary")


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("attach", parents=[common], help="attach a PDF paper to an agenda item")
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument("item", help="item number, e.g. SSP/15/25")
    p.add_argument("file", type=Path, help="the PDF file (a copy is kept in the store)")
    p.add_argument(
        "--title",
        help="the paper's title (default: the PDF's own title, else the file name); a paper "
        "the item lists without a file under this title is filled instead of added",
    )
    p.add_argument(
        "--paper",
        metavar="DOCUMENT",
        help="fill this paper the item lists without a file (its id or title)",
    )
    p.set_defaults(run=run_attach)

    p = sub.add_parser("detach", parents=[common], help="remove a paper from an agenda item")
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument("item", help="item number, e.g. SSP/15/25")
    p.add_argument("document", help="the paper's id (printed by attach) or its exact title")
    p.set_defaults(run=run_detach)

    p = sub.add_parser("pack", parents=[common], help="make the page-numbered agenda pack (PDF)")
    p.add_argument("meeting", help="meeting id or 'latest'")
    p.add_argument(
        "--part",
        choices=PARTS,
        default="public",
        help="public (default): Part A papers; confidential: Part B papers, marked "
        "NOT FOR PUBLICATION; supplementary: papers attached after the agenda was published",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(run=run_pack, store_use=READS)


def _item(meeting: Meeting, number: str) -> AgendaItem:
    try:
        return meeting.item(number.strip())
    except KeyError:
        numbers = ", ".join(i.number for i in meeting.items) or "none"
        raise CliError(f"this meeting has no item {number} (its items: {numbers})") from None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def run_attach(args: Any, ctx: Context) -> int:
    from sspclerk.export.pdfcheck import PdfRefused, inspect_pdf, paper_title

    meeting = ctx.load_meeting(args.meeting)
    item = _item(meeting, args.item)
    path: Path = args.file
    if not path.exists():
        raise CliError(f"{path} does not exist")
    if not path.is_file() and not path.is_dir():  # read, a FIFO would wait for ever
        raise CliError(f"not attached: {path} is a device or pipe, not a PDF file")
    try:
        info = inspect_pdf(path)
    except PdfRefused as exc:
        raise CliError(f"not attached: {exc}") from None
    listed = _document(item, args.paper) if args.paper else None
    if listed is not None and listed.sha256:
        raise CliError(f"“{listed.title}” already has its file; detach it first")
    title = (args.title or "").strip() or (listed.title if listed else paper_title(path, info))
    document = Document(title=title, filename=path.name, page_count=info.page_count)
    document_id = ctx.store.attach_document(
        item.id,  # type: ignore[arg-type]
        document,
        info.content,
        fill=listed.id if listed else None,
    )
    if info.repaired:
        print(f"sspclerk: note: {path.name} was repaired ({info.repaired})", file=sys.stderr)
    pages = _count(info.page_count, "page")
    filled = next((d for d in item.documents if d.id == document_id), None)
    if filled is not None:  # a paper the item listed without its file
        print(
            f'Filled "{filled.title}" (document {document_id}) on {item.number} with '
            f"{path.name} ({pages}, {_size(info.size_bytes)})"
        )
        return 0
    print(
        f'Attached "{title}" ({pages}, {_size(info.size_bytes)}) to {item.number} '
        f"as document {document_id}"
    )
    return 0


def run_detach(args: Any, ctx: Context) -> int:
    meeting = ctx.load_meeting(args.meeting)
    item = _item(meeting, args.item)
    document = _document(item, args.document)
    ctx.store.detach_document(document.id)  # type: ignore[arg-type]
    print(f'Detached "{document.title}" (document {document.id}) from {item.number}')
    return 0


def _document(item: AgendaItem, ref: str) -> Document:
    """DOCUMENT as typed: an id of one of this item's papers, else its exact title."""
    listing = "; ".join(f"{d.id}: {d.title}" for d in item.documents) or "none"
    ref = ref.strip()
    if ref.isdigit():
        for doc in item.documents:
            if doc.id == int(ref):
                return doc
    matches = [d for d in item.documents if d.title.casefold() == ref.casefold()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        ids = ", ".join(str(d.id) for d in matches)
        raise CliError(
            f"{item.number} has {len(matches)} papers titled {ref!r}; give the id ({ids})"
        )
    raise CliError(f"{item.number} has no paper {ref!r} (its papers: {listing})")


def run_pack(args: Any, ctx: Context) -> int:
    from sspclerk.export.pack import PackError, build_pack, plan_pack

    meeting = ctx.load_meeting(args.meeting)
    output: Path = args.output
    if output.is_dir():
        raise CliError(f"{output} is a folder; give a file name such as pack.pdf")
    try:
        check_output_path(output)  # before the papers are read, not after the pack is made
    except OutputError as exc:
        raise CliError(f"no pack written: {exc}") from None
    try:
        with plan_pack(meeting, args.part, ctx.store.document_content) as plan:
            result = build_pack(plan, output)
    except PackError as exc:
        raise CliError(f"no pack written: {exc}") from None
    for line in plan.not_held:
        print(f"sspclerk: note: no file held for {line}; it is not in the pack", file=sys.stderr)
    if result.untagged_papers:
        untagged = "; ".join(result.untagged_papers)
        print(
            "sspclerk: note: the pack is not a tagged PDF, because "
            f"{_count(len(result.untagged_papers), 'paper')} in it "
            f"{'is' if len(result.untagged_papers) == 1 else 'are'} not: {untagged}",
            file=sys.stderr,
        )
    papers = len(result.papers)
    print(
        f"Wrote {output} ({_count(result.page_count, 'page')}: front sheet "
        f"{result.front_sheet_pages}, {_count(papers, 'paper')})"
    )
    return 0
