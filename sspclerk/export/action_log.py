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
from xml.sax.saxutils import escape

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


def _start_reportlab() -> None:
    """Before reportlab is first imported: start it without what sspclerk never uses."""
    from . import platypus_startup  # noqa: F401


def _font() -> tuple[str, str]:
    """DejaVu Sans (Welsh, Polish, Greek, Cyrillic) when shipped or installed, else Helvetica."""
    _start_reportlab()
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from sspclerk.resources import resources_dir

    folders = [resources_dir() / "fonts", Path("/usr/share/fonts/truetype/dejavu")]
    for folder in folders:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            if "ActionLogSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("ActionLogSans", str(regular)))
                pdfmetrics.registerFont(TTFont("ActionLogSans-Bold", str(bold)))
            return "ActionLogSans", "ActionLogSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def action_log_pdf(entries: Sequence[object], title: str, today: dt.date) -> bytes:
    _start_reportlab()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    regular, bold = _font()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5)
    head = ParagraphStyle("head", parent=body, fontName=bold)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceAfter=6)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback signature
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawRightString(doc.pagesize[0] - 1.8 * cm, 1.0 * cm, f"Page {doc.page}")
        canvas.drawString(1.8 * cm, 1.0 * cm, title)
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        title=title,
        author="sspclerk",
        lang="en-GB",
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.8 * cm,
    )
    story = [
        para(title, h1),
        para(
            f"As at {council_date(today)}. {len(entries)} action{'' if len(entries) == 1 else 's'}."
        ),
        Spacer(1, 8),
    ]
    rows = _rows(entries)
    if not rows:
        story.append(para("There are no actions to list."))
    else:
        data = [[para(h, head) for h in HEADINGS]]
        data += [[para(v) for v in row] for row in rows]
        widths = [2.4 * cm, 2.6 * cm, 12.4 * cm, 4.2 * cm, 2.3 * cm, 2.2 * cm]
        table = LongTable(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


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
