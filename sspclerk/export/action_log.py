"""The action log as a file: CSV for spreadsheets, DOCX and PDF for the papers.

Every action across the committee's meetings with who owns it, when it is due and
where it stands.  The action log is not restricted material by construction: actions
of restricted items are listed only when the caller passes them (the store's
``action_log`` gives every action; a public log should be built from entries the
caller has filtered through the audience rule).  Each file is written to a temporary
path and moved into place, so a failed write leaves the old file untouched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from sspclerk import files
from sspclerk.core.dates import council_date

FORMATS = ("csv", "docx", "pdf")
HEADINGS = ("Meeting", "Item", "Action", "Owner", "Due", "Status")


class ActionLogWriteError(OSError):
    """The file could not be written; the message names it and why."""


def _rows(entries: Sequence[object]) -> list[tuple[str, str, str, str, str, str]]:
    out = []
    for e in entries:
        out.append(
            (
                e.meeting_date.strftime("%d/%m/%Y"),  # type: ignore[attr-defined]
                e.item_number,  # type: ignore[attr-defined]
                e.text,  # type: ignore[attr-defined]
                e.owner,  # type: ignore[attr-defined]
                e.due.strftime("%d/%m/%Y") if e.due else "",  # type: ignore[attr-defined]
                e.status.value,  # type: ignore[attr-defined]
            )
        )
    return out


def _title(committee: str, open_only: bool) -> str:
    kind = "Open actions" if open_only else "Action log"
    return f"{kind} — {committee}" if committee else kind


# ---------------------------------------------------------------- CSV


def _safe_cell(value: str) -> str:
    """Stop a spreadsheet from running a cell as a formula (=, +, -, @ at the start)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def action_log_csv(entries: Sequence[object]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read accents and ł correctly."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(
        ["Committee", "Meeting date", "Item", "Item title", "Action", "Owner", "Due", "Status"]
    )
    for e in entries:
        w.writerow(
            [
                _safe_cell(x)
                for x in (
                    e.committee,  # type: ignore[attr-defined]
                    e.meeting_date.isoformat(),  # type: ignore[attr-defined]
                    e.item_number,  # type: ignore[attr-defined]
                    e.item_title,  # type: ignore[attr-defined]
                    e.text,  # type: ignore[attr-defined]
                    e.owner,  # type: ignore[attr-defined]
                    e.due.isoformat() if e.due else "",  # type: ignore[attr-defined]
                    e.status.value,  # type: ignore[attr-defined]
                )
            ]
        )
    return buf.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- DOCX


def action_log_docx(entries: Sequence[object], title: str, today: dt.date) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = "en-GB"
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        f"As at {council_date(today)}. {len(entries)} action{'' if len(entries) == 1 else 's'}."
    )
    rows = _rows(entries)
    if not rows:
        doc.add_paragraph("There are no actions to list.")
    else:
        table = doc.add_table(rows=1, cols=len(HEADINGS))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, HEADINGS, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(heading).bold = True
        # Repeat the heading row on every page (an accessible table needs it).
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        header = tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
        tr_pr.append(header)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value
        widths = (Cm(2.4), Cm(2.6), Cm(12.5), Cm(4.0), Cm(2.4), Cm(2.2))
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- PDF


def action_log_pdf(entries: Sequence[object], title: str, today: dt.date) -> bytes:
    """A landscape A4 table, tagged like the minutes (pdf_base): the title an H1, the
    log a table whose heading row is repeated, as decoration, on every later page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm

    from .pdf_base import BOLD, FONT, Metrics, Tagger, draw_page, drawable, finish, new_canvas
    from .pdf_layout import Artifact, Frame, Paragraph, Spacer, Style, Table, paginate, place

    warnings: dict[str, None] = {}
    tags = Tagger()
    root = tags.root
    body = Style(FONT, 9, 11.5)
    styles = {
        "h1": Style(BOLD, 16, 20, space_after=6),
        "body": body,
        "head": body.but(face=BOLD),
        "foot": Style(FONT, 8, 10),
        "page": Style(FONT, 8, 10, right=True),
    }

    def para(text: str, style: str, tag: object) -> Paragraph:
        return Paragraph(styles[style], drawable(text, warnings), tag=tag)

    count = f"{len(entries)} action{'' if len(entries) == 1 else 's'}"
    story: list = [
        para(title, "h1", root.add("H1")),
        para(f"As at {council_date(today)}. {count}.", "body", root.add("P")),
        Spacer(8),
    ]
    rows = _rows(entries)
    if not rows:
        story.append(para("There are no actions to list.", "body", root.add("P")))
    else:
        table = root.add("Table")
        cells: list[list[Paragraph | None]] = []
        row_tags: list[object] = []
        for n, row in enumerate([HEADINGS, *rows]):
            tr = table.add("TR")
            row_tags.append(tr)
            cells.append(
                [
                    para(value, "head", tr.add("TH", Scope="Column"))
                    if n == 0
                    else (para(value, "body", tr.add("TD")) if value else _empty(tr))
                    for value in row
                ]
            )
        widths = [2.4 * cm, 2.6 * cm, 12.4 * cm, 4.2 * cm, 2.3 * cm, 2.2 * cm]
        story += Table(
            widths,
            cells,
            padding=(6, 6, 3, 3),
            rules="0.5 0.5 0.5",
            heading_fill="0.91 0.91 0.91",
            tags=row_tags,
        ).blocks()

    width, height = landscape(A4)
    margin = 1.8 * cm
    frame = Frame(margin + 6, margin + 6, width - 2 * margin - 12, height - 1.6 * cm - 6)
    metrics = Metrics()
    pages = paginate(story, frame, metrics)
    footer = Artifact("Pagination", "Footer")
    out = io.BytesIO()
    canvas = new_canvas(out, (width, height), title=title, author="sspclerk", language="en-GB")
    for number, page in enumerate(pages, start=1):
        text_width = width - 2 * margin
        page.lines += place(
            Paragraph(styles["foot"], drawable(title, warnings)),
            margin,
            1.3 * cm,
            text_width,
            metrics,
            tag=footer,
        )
        page.lines += place(
            Paragraph(styles["page"], f"Page {number}"),
            margin,
            1.3 * cm,
            text_width,
            metrics,
            tag=footer,
        )
        draw_page(canvas, page, tags)
        canvas.showPage()
    finish(canvas, tags, title=title, author="sspclerk", language="en-GB")
    return out.getvalue()


def _empty(row) -> None:
    """An empty cell: still a cell of the row in the structure, with nothing drawn."""
    row.add("TD")


# ---------------------------------------------------------------- writing


def render_action_log(
    entries: Sequence[object],
    fmt: str,
    *,
    committee: str = "",
    open_only: bool = False,
    today: dt.date | None = None,
) -> bytes:
    """The bytes of the log in ``fmt`` (csv, docx or pdf)."""
    today = today or dt.date.today()
    title = _title(committee, open_only)
    builders: dict[str, Callable[[], bytes]] = {
        "csv": lambda: action_log_csv(entries),
        "docx": lambda: action_log_docx(entries, title, today),
        "pdf": lambda: action_log_pdf(entries, title, today),
    }
    if fmt not in builders:
        raise ValueError(f"the action log can be written as {', '.join(FORMATS)}, not {fmt!r}")
    return builders[fmt]()


def write_atomic(path: Path, content: bytes) -> Path:
    """Write through the one atomic writer (sspclerk.files): all of the file or none."""
    try:
        return files.write_atomically(path, content)
    except files.OutputError as exc:
        raise ActionLogWriteError(str(exc)) from None


def write_action_log(
    entries: Sequence[object],
    path: Path,
    fmt: str | None = None,
    *,
    committee: str = "",
    open_only: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Render the log (format from ``fmt`` or the file's suffix) and write it atomically."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    content = render_action_log(entries, fmt, committee=committee, open_only=open_only, today=today)
    return write_atomic(Path(path), content)
