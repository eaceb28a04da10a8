"""The agenda pack's front sheet, drawn with reportlab.

It knows nothing of audiences or the store: pack.py hands it a ``FrontSheet`` already
cut to what the reader may see, with the page on which each paper starts.  Page
footers ("Page N") are stamped later over the whole pack, front sheet included, so
that the numbering is one sequence drawn in one place.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

# isort: off
import sspclerk.export.platypus_startup  # noqa: F401  (before reportlab: see its docstring)
# isort: on

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sspclerk.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


def register_fonts() -> None:
    """DejaVu Sans covers Welsh, Polish, Greek and Cyrillic titles; registered once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts/DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts/DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@dataclass
class SheetPaper:
    title: str
    #: Pack page on which the paper starts; None while unknown (first pass).
    page: int | None = None
    note: str = ""


@dataclass
class SheetItem:
    number: str
    title: str
    papers: list[SheetPaper] = field(default_factory=list)
    #: Line shown under a Part B item, e.g. "Schedule 12A paragraph 7 — Information ...".
    exempt_line: str = ""


@dataclass
class FrontSheet:
    kind: str  # "Agenda pack", "Supplementary agenda pack", "Part B agenda pack"
    body: str
    committee: str
    date: str
    time: str = ""
    venue: str = ""
    contact: str = ""
    membership: list[str] = field(default_factory=list)
    part_a: list[SheetItem] = field(default_factory=list)
    part_b: list[SheetItem] = field(default_factory=list)
    #: A line printed in red under the heading (e.g. "NOT FOR PUBLICATION ...").
    warning: str = ""
    #: A line under the heading saying what this pack is (e.g. which papers are late).
    intro: str = ""
    notes: list[str] = field(default_factory=list)
    title: str = ""


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=10.5, leading=14, alignment=TA_LEFT)
    return {
        "base": base,
        "body": ParagraphStyle("body", base, fontSize=11, textColor=colors.HexColor("#444444")),
        "committee": ParagraphStyle(
            "committee",
            base,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=25,
            spaceBefore=2,
            spaceAfter=4,
        ),
        "kind": ParagraphStyle("kind", base, fontSize=14, leading=18, spaceAfter=8),
        "warning": ParagraphStyle(
            "warning",
            base,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=16,
            textColor=colors.HexColor("#a00000"),
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=FONT_BOLD, fontSize=13, leading=17, spaceBefore=12, spaceAfter=6
        ),
        "cell": ParagraphStyle("cell", base, fontSize=10, leading=13),
        "cellbold": ParagraphStyle("cellbold", base, fontName=FONT_BOLD, fontSize=10, leading=13),
        "paper": ParagraphStyle(
            "paper",
            base,
            fontSize=9.5,
            leading=12.5,
            textColor=colors.HexColor("#333333"),
        ),
        "page": ParagraphStyle("page", base, fontSize=10, leading=13, alignment=2),
        "note": ParagraphStyle(
            "note", base, fontSize=9, leading=12, textColor=colors.HexColor("#555555")
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _page_text(page: int | None) -> str:
    return "" if page is None else str(page)


#: How far a paper's line sits in from its item's title.
PAPER_INDENT = 10


def _cell(text: str, style: ParagraphStyle, width: float) -> object:
    """A plain string when it fits on one line (fast to lay out), else a wrapping Paragraph."""
    room = width - 4 - PAPER_INDENT
    if pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= room:
        return text
    return _p(text, style)


def _agenda_table(items: list[SheetItem], st: dict[str, ParagraphStyle], width: float) -> Table:
    title_width = width - 28 * mm - 16 * mm
    rows: list[list[object]] = [["Item", "Title", "Page"]]
    looks: list[ParagraphStyle] = [st["cellbold"]]
    for item in items:
        first = next((p.page for p in item.papers if p.page is not None), None)
        rows.append(
            [item.number, _cell(item.title, st["cellbold"], title_width), _page_text(first)]
        )
        looks.append(st["cellbold"])
        if item.exempt_line:
            rows.append(["", _cell(item.exempt_line, st["note"], title_width), ""])
            looks.append(st["note"])
        for paper in item.papers:
            label = paper.title + (f" ({paper.note})" if paper.note else "")
            rows.append(["", _cell(label, st["paper"], title_width), _page_text(paper.page)])
            looks.append(st["paper"])
    table = Table(rows, colWidths=[28 * mm, title_width, 16 * mm], repeatRows=1)
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]
    for row, look in enumerate(looks):
        font = look.fontName if look is not st["paper"] else FONT
        style += [
            ("FONTNAME", (0, row), (-1, row), font),
            ("FONTSIZE", (0, row), (-1, row), look.fontSize),
            ("LEADING", (0, row), (-1, row), look.leading),
            ("TEXTCOLOR", (0, row), (-1, row), look.textColor),
        ]
        if look is st["paper"]:
            style.append(("LEFTPADDING", (1, row), (1, row), 2 + PAPER_INDENT))
    table.setStyle(TableStyle(style))
    return table


def render_front_sheet(sheet: FrontSheet) -> bytes:
    """The front sheet as PDF bytes (A4, fonts embedded, no page numbers of its own)."""
    st = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
        title=sheet.title or f"{sheet.committee} — {sheet.kind}",
        author=sheet.body or sheet.committee,
        lang="en-GB",
        invariant=1,
    )
    width = doc.width - 12  # the frame's own padding is 6 pt each side
    story: list[object] = []
    if sheet.body:
        story.append(_p(sheet.body, st["body"]))
    story.append(_p(sheet.committee, st["committee"]))
    story.append(_p(sheet.kind, st["kind"]))
    if sheet.warning:
        story.append(_p(sheet.warning, st["warning"]))
    if sheet.intro:
        story.append(_p(sheet.intro, st["base"]))
        story.append(Spacer(1, 6))
    facts = [
        ("Date", sheet.date),
        ("Time", sheet.time),
        ("Venue", sheet.venue),
        ("Contact", sheet.contact),
    ]
    fact_rows = [[_p(k, st["cellbold"]), _p(v, st["cell"])] for k, v in facts if v]
    if fact_rows:
        facts_table = Table(fact_rows, colWidths=[28 * mm, width - 28 * mm])
        facts_table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2)])
        )
        story.append(facts_table)
    if sheet.membership:
        story.append(_p("Membership", st["h2"]))
        story.append(_p(", ".join(sheet.membership), st["cell"]))
    if sheet.part_a:
        story.append(_p("Agenda", st["h2"]))
        story.append(_agenda_table(sheet.part_a, st, width))
    if sheet.part_b:
        heading = _p("Part B — not for publication", st["h2"])
        intro = _p(
            "These items contain exempt information under Schedule 12A to the Local "
            "Government Act 1972 (paragraph shown against each) and are expected to be "
            "taken in private.",
            st["note"],
        )
        story.append(
            KeepTogether([heading, intro, Spacer(1, 4), _agenda_table(sheet.part_b, st, width)])
        )
    for note in sheet.notes:
        story.append(Spacer(1, 6))
        story.append(_p(note, st["note"]))
    doc.build(story)
    return buf.getvalue()
