"""The agenda pack's front sheet: laid out by ``pdf_layout``, drawn and tagged by ``pdf_base``.

It knows nothing of audiences or the store: pack.py hands it a ``FrontSheet`` already
cut to what the reader may see, with the page on which each paper starts.  Page
footers ("Page N") are stamped later over the whole pack, front sheet included, so
that the numbering is one sequence drawn in one place.

The sheet is a tagged PDF: the committee's name is the H1, "Membership", "Agenda"
and "Part B" are H2s, and each agenda is a table (Item, Title, Page as column
headings; a row per item, its Schedule 12A line and each paper).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

# isort: off
# Before reportlab: Pillow (for pictures, which sspclerk never draws) loads on first use.
import sspclerk.export.reportlab_startup  # noqa: F401
# isort: on

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from .pdf_base import (
    BOLD,
    FONT,
    Element,
    Metrics,
    Tagger,
    draw_page,
    drawable,
    finish,
    fonts,
    new_canvas,
)
from .pdf_layout import Frame, KeepWithNext, Paragraph, Spacer, Style, Table, paginate

__all__ = [
    "FONT",
    "FONT_BOLD",
    "FrontSheet",
    "SheetItem",
    "SheetPaper",
    "register_fonts",
    "render_front_sheet",
]

FONT_BOLD = BOLD


def register_fonts() -> None:
    """DejaVu Sans covers Welsh, Polish, Greek and Cyrillic titles; registered once
    (reportlab's registry is global: call on the thread that owns the work)."""
    fonts()


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


_GREY = "0.267 0.267 0.267"
_RED = "0.627 0 0"
_DARK = "0.2 0.2 0.2"
_NOTE = "0.333 0.333 0.333"


def _styles() -> dict[str, Style]:
    base = Style(FONT, 10.5, 14)
    return {
        "base": base,
        "body": base.but(size=11, colour=_GREY),
        "committee": base.but(face=BOLD, size=20, leading=25, space_before=2, space_after=4),
        "kind": base.but(size=14, leading=18, space_after=8),
        "warning": base.but(face=BOLD, size=12, leading=16, colour=_RED, space_after=8),
        "h2": base.but(face=BOLD, size=13, leading=17, space_before=12, space_after=6),
        "cell": base.but(size=10, leading=13),
        "cellbold": base.but(face=BOLD, size=10, leading=13),
        "page": base.but(size=10, leading=13, right=True),
        "pagebold": base.but(face=BOLD, size=10, leading=13, right=True),
        "paper": base.but(size=9.5, leading=12.5, colour=_DARK, left=PAPER_INDENT),
        "paperpage": base.but(size=9.5, leading=12.5, colour=_DARK, right=True),
        "note": base.but(size=9, leading=12, colour=_NOTE),
        "exempt": base.but(size=9, leading=12, colour=_NOTE, left=PAPER_INDENT),
    }


def _page_text(page: int | None) -> str:
    return "" if page is None else str(page)


#: How far a paper's line sits in from its item's title.
PAPER_INDENT = 10
_MARGIN = 20 * mm
_TOP = 22 * mm


class _Sheet:
    """One rendering of a front sheet: its story and its structure, built together."""

    def __init__(self, sheet: FrontSheet) -> None:
        self.sheet = sheet
        self.styles = _styles()
        self.tags = Tagger()
        self.warnings: dict[str, None] = {}

    def para(self, text: str, style: str, tag: Element) -> Paragraph:
        return Paragraph(self.styles[style], drawable(text, self.warnings), tag=tag)

    def table(
        self, rows: list[list[tuple[str, str]]], columns: list[float], *, heading: bool
    ) -> Table:
        """A tagged table: each row a list of (text, style); the first row the column
        headings when ``heading``, else the first cell of each row heads its row."""
        element = self.tags.root.add("Table")
        cells: list[list[Paragraph | None]] = []
        tags: list[object] = []
        for n, row in enumerate(rows):
            tr = element.add("TR")
            tags.append(tr)
            out: list[Paragraph | None] = []
            for c, (text, style) in enumerate(row):
                if heading and n == 0:
                    cell = tr.add("TH", Scope="Column")
                elif not heading and c == 0:
                    cell = tr.add("TH", Scope="Row")
                else:
                    cell = tr.add("TD")
                out.append(self.para(text, style, cell) if text else None)
            cells.append(out)
        return Table(
            columns,
            cells,
            header_rows=1 if heading else 0,
            rule_below_heading=heading,
            tags=tags,
        )

    def agenda(self, items: list[SheetItem], width: float) -> Table:
        title_width = width - 28 * mm - 16 * mm
        rows = [[("Item", "cellbold"), ("Title", "cellbold"), ("Page", "pagebold")]]
        for item in items:
            first = next((p.page for p in item.papers if p.page is not None), None)
            rows.append(
                [(item.number, "cellbold"), (item.title, "cellbold"), (_page_text(first), "page")]
            )
            if item.exempt_line:
                rows.append([("", "cell"), (item.exempt_line, "exempt"), ("", "cell")])
            for paper in item.papers:
                label = paper.title + (f" ({paper.note})" if paper.note else "")
                rows.append([("", "cell"), (label, "paper"), (_page_text(paper.page), "paperpage")])
        return self.table(rows, [28 * mm, title_width, 16 * mm], heading=True)

    def story(self, width: float) -> list:
        sheet, root = self.sheet, self.tags.root
        story: list = []
        if sheet.body:
            story.append(self.para(sheet.body, "body", root.add("P")))
        story.append(self.para(sheet.committee, "committee", root.add("H1")))
        story.append(self.para(sheet.kind, "kind", root.add("P")))
        if sheet.warning:
            story.append(self.para(sheet.warning, "warning", root.add("P")))
        if sheet.intro:
            story.append(self.para(sheet.intro, "base", root.add("P")))
            story.append(Spacer(6))
        facts = [
            ("Date", sheet.date),
            ("Time", sheet.time),
            ("Venue", sheet.venue),
            ("Contact", sheet.contact),
        ]
        rows = [[(k, "cellbold"), (v, "cell")] for k, v in facts if v]
        if rows:
            table = self.table(rows, [28 * mm, width - 28 * mm], heading=False)
            story += table.blocks()
        if sheet.membership:
            story.append(
                KeepWithNext(
                    [
                        self.para("Membership", "h2", root.add("H2")),
                        self.para(", ".join(sheet.membership), "cell", root.add("P")),
                    ]
                )
            )
        if sheet.part_a:
            heading = self.para("Agenda", "h2", root.add("H2"))
            story += self.agenda(sheet.part_a, width).blocks([heading])
        if sheet.part_b:
            heading = self.para("Part B — not for publication", "h2", root.add("H2"))
            intro = self.para(_part_b_intro(sheet.part_b), "note", root.add("P"))
            story += self.agenda(sheet.part_b, width).blocks([heading, intro, Spacer(4)])
        for note in sheet.notes:
            story.append(Spacer(6))
            story.append(self.para(note, "note", root.add("P")))
        return story


def _part_b_intro(items: list[SheetItem]) -> str:
    if all(item.exempt_line.startswith("Schedule 12A") for item in items):
        return (
            "These items contain exempt information under Schedule 12A to the Local "
            "Government Act 1972 (paragraph shown against each) and are expected to be "
            "taken in private."
        )
    return (
        "These items are not for publication (the Schedule 12A paragraph or the reason "
        "shown against each) and are expected to be taken in private."
    )


def render_front_sheet(sheet: FrontSheet) -> bytes:
    """The front sheet as a tagged PDF (A4, fonts embedded, no page numbers of its own)."""
    width, height = A4
    frame_width = width - 2 * _MARGIN - 12  # inside the frame's 6 pt padding each side
    frame = Frame(_MARGIN + 6, _TOP + 6, frame_width, height - _TOP - 6)
    built = _Sheet(sheet)
    pages = paginate(built.story(frame_width), frame, Metrics())
    title = sheet.title or f"{sheet.committee} — {sheet.kind}"
    author = sheet.body or sheet.committee
    out = io.BytesIO()
    canvas = new_canvas(out, A4, title=title, author=author, language="en-GB")
    for page in pages:
        draw_page(canvas, page, built.tags)
        canvas.showPage()
    finish(canvas, built.tags, title=title, author=author, language="en-GB")
    return out.getvalue()
