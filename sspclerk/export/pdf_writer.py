"""Minutes as a PDF with an embedded font, bookmarks per item and honest text.

Clerk text is never read as markup: ``pdf_layout`` breaks it into lines and it is
drawn on reportlab's canvas as text, so a typed ``<b>`` prints as typed.  The
font is DejaVu Sans, shipped in ``resources/fonts`` with its licence, because it
covers Welsh, Polish, Greek and Cyrillic.  A character it cannot draw (an emoji)
is printed as a visible ``[U+1F600]`` and reported, never drawn as an empty box.
"""

from __future__ import annotations

import io
from functools import lru_cache

# isort: off
# Before reportlab: Pillow (for pictures, which minutes never have) loads on first use.
import sspclerk.export.reportlab_startup  # noqa: F401
# isort: on

from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from sspclerk.core.minutes_text import Block
from sspclerk.resources import resource_path

from .model import ItemSection, MinutesDocument
from .pdf_fonts import FastTTFont, load_font
from .pdf_layout import (
    Bookmark,
    Frame,
    ItemHeading,
    KeepWithNext,
    Page,
    Paragraph,
    Spacer,
    Style,
    paginate,
    place,
)
from .writer import Rendered, xml_safe

FONT = "SSPClerkSans"
BOLD = f"{FONT}-Bold"
ITALIC = f"{FONT}-Italic"

NUMBER_COLUMN = 3.2 * cm
MARGIN = 2 * cm
#: Between the margin and the text, as platypus's frames pad it.
_PADDING = 6
#: A title (or number) longer than this goes in a plain paragraph: the two-column
#: heading cannot split across pages.
_LONG_TITLE = 400
_LONG_NUMBER = 40
#: Distance of the page marks (CONFIDENTIAL, DRAFT) from the top edge.
_MARK_TOP = 1.2 * cm


@lru_cache(maxsize=1)
def _fonts() -> dict[str, FastTTFont]:
    """The embedded faces, registered with reportlab once."""
    faces = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}
    fonts = {
        name: load_font(name, resource_path(f"fonts/{filename}"))
        for name, filename in faces.items()
    }
    for font in fonts.values():  # the canvas looks its first font up by name
        pdfmetrics.registerFont(font)
    return fonts


#: Characters found in all three faces so far: most paragraphs need no look-up at all.
_DRAWABLE: set[str] = {" ", "\n", "\t"}


def unsupported_characters(text: str) -> list[str]:
    """The characters of ``text`` that one of the embedded faces cannot draw, in order of
    first use (any face may draw any text, so a character must be in all three)."""
    unseen = set(text).difference(_DRAWABLE)
    if not unseen:
        return []
    faces = [font.face.charToGlyph for font in _fonts().values()]
    missing = set()
    for ch in unseen:
        code = ord(ch)
        if all(code in face for face in faces):
            _DRAWABLE.add(ch)
        else:
            missing.add(ch)
    if not missing:
        return []
    return [ch for ch in dict.fromkeys(text) if ch in missing]


class _FontMetrics:
    """The embedded fonts' widths, for ``pdf_layout``."""

    def __init__(self, fonts: dict[str, FastTTFont]) -> None:
        self.fonts = fonts

    def widths(self, face: str, size: float) -> dict[str, float]:
        return self.fonts[face].widths_at(size)

    def width(self, face: str, text: str, size: float) -> float:
        return self.fonts[face].stringWidth(text, size)


class PdfWriter:
    name = "pdf"
    label = "PDF document (.pdf)"
    extension = ".pdf"
    media_type = "application/pdf"

    def render(self, doc: MinutesDocument) -> Rendered:
        return _PdfBuilder(doc).build()


def _styles() -> dict[str, Style]:
    base = Style(FONT, 10.5, 14, space_after=6)
    body = base.but(left=NUMBER_COLUMN)
    return {
        "title": base.but(face=BOLD, size=18, leading=22),
        "kind": base.but(size=14, leading=18, space_after=10),
        "line": base.but(space_after=2),
        "section": base.but(face=BOLD, size=12, leading=15, space_before=10),
        "person": base.but(left=0.6 * cm, space_after=2),
        "number": base.but(face=BOLD, size=11.5, leading=15),
        "item": base.but(face=BOLD, size=11.5, leading=15),
        "body": body,
        "note": body.but(face=ITALIC, size=9, leading=12),
        "label": body.but(face=BOLD),
        "outcome": body.but(face=BOLD),
        "entry": body.but(
            left=NUMBER_COLUMN + 0.7 * cm, bullet_indent=NUMBER_COLUMN, space_after=3
        ),
        "closing": base.but(space_before=10),
        "mark": base.but(face=BOLD, size=8, leading=10),
        "footer": base.but(size=8, centred=True),
    }


class _PdfBuilder:
    def __init__(self, doc: MinutesDocument) -> None:
        self.fonts = _fonts()
        self.metrics = _FontMetrics(self.fonts)
        self.doc = doc
        self.styles = _styles()
        self.warnings: dict[str, None] = {}
        self._where = ""
        self.marks = [self.para(mark, "mark") for mark in doc.page_marks]

    # ------------------------------------------------------------ text boundary

    def drawable(self, value: str) -> str:
        """Clerk text the font can draw: unknown characters become a visible [U+XXXX]."""
        # A soft hyphen marks where a word may be hyphenated; lines here break only
        # at spaces, so it is never shown.
        value = xml_safe(value).replace("\n", " ").replace("\xad", "")
        missing = unsupported_characters(value)
        if missing:
            for ch in missing:
                code = f"U+{ord(ch):04X}"
                where = f"{self._where}: " if self._where else ""
                self.warnings[
                    f"{where}the PDF font cannot show {ch!r} ({code}); it is printed as [{code}]"
                ] = None
                value = value.replace(ch, f"[{code}]")
        return value

    def para(self, value: str, style: str, bullet: str | None = None) -> Paragraph:
        return Paragraph(self.styles[style], self.drawable(value), bullet)

    # ------------------------------------------------------------ story

    def story(self) -> list:
        """Everything in the body of the minutes, in order, for ``paginate``."""
        d = self.doc
        story: list = [self.para(d.body, "title"), self.para(d.kind, "kind")]
        for line in d.heading:
            runs = [(BOLD, self.drawable(line.label) + ":"), (FONT, " " + self.drawable(line.text))]
            story.append(Paragraph(self.styles["line"], runs))
        for section in d.attendance:
            story.append(self.para(section.title, "section"))
            for entry in section.entries:
                story.append(self.para(entry, "person", bullet="•"))
        story.append(Spacer(8))
        for index, item in enumerate(d.items):
            story += self._item(index, item)
        if d.closing:
            self._where = ""
            story.append(self.para(d.closing, "closing"))
        return story

    def frame(self) -> Frame:
        """The text area of every page: inside the margins, below the page marks."""
        width, height = A4
        marks_height = sum(m.height(width - 2 * MARGIN, self.metrics) + 2 for m in self.marks)
        top_margin = max(MARGIN, _MARK_TOP + marks_height + 0.5 * cm)
        return Frame(
            left=MARGIN + _PADDING,
            bottom=MARGIN + _PADDING,
            width=width - 2 * MARGIN - 2 * _PADDING,
            top=height - top_margin - _PADDING,
        )

    def build(self) -> Rendered:
        d = self.doc
        pages = paginate(self.story(), self.frame(), self.metrics)

        out = io.BytesIO()
        canvas = Canvas(out, pagesize=A4, lang=d.language, initialFontName=FONT)
        canvas.setTitle(self._plain(d.title))
        canvas.setAuthor(self._plain(d.author))
        canvas.setSubject(self._plain(d.subject))
        canvas.setCreator("sspclerk")
        canvas.setKeywords("minutes")
        canvas.setViewerPreference("DisplayDocTitle", "true")
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            for bookmark, top in page.bookmarks:
                canvas.bookmarkPage(bookmark.key, fit="XYZ", left=0, top=top, zoom=0)
                canvas.addOutlineEntry(bookmark.title, bookmark.key, level=0, closed=True)
            page.lines += self._furniture(number, total)
            self._draw(canvas, page)
            canvas.showPage()
        canvas.save()
        return Rendered(out.getvalue(), tuple(self.warnings))

    def _furniture(self, number: int, total: int) -> list:
        """The marks at the top of a page and "Page X of Y" at its foot."""
        width, height = A4
        text_width = width - 2 * MARGIN
        lines = []
        top = height - _MARK_TOP
        for mark in self.marks:
            lines += place(mark, MARGIN, top, text_width, self.metrics)
            top -= mark.height(text_width, self.metrics) + 2
        footer = self.para(f"Page {number} of {total}", "footer")
        footer_top = MARGIN / 2 + footer.height(text_width, self.metrics)
        lines += place(footer, MARGIN, footer_top, text_width, self.metrics)
        return lines

    def _draw(self, canvas: Canvas, page: Page) -> None:
        """A page's lines as PDF text operators, in one text object."""
        doc = canvas._doc
        fonts = self.fonts
        ops = ["BT"]
        current = None
        for line in page.lines:
            ops.append(f"1 0 0 1 {fp_str(line.x, line.y)} Tm")
            if line.word_space:  # a line fitted by shrinking its spaces
                ops.append(f"{fp_str(line.word_space)} Tw")
            for face, text in line.runs:
                font = fonts[face]
                for subset, data in font.splitString(text, doc):
                    name = font.getSubsetInternalName(subset, doc)
                    if (name, line.size) != current:
                        current = (name, line.size)
                        ops.append(f"{name} {fp_str(line.size)} Tf")
                    ops.append(f"({escapePDF(data)}) Tj")
            if line.word_space:
                ops.append("0 Tw")
        ops.append("ET")
        canvas._code.append("\n".join(ops))

    def _plain(self, value: str) -> str:
        """Metadata and outline text: no control characters."""
        return xml_safe(value).replace("\n", " ")

    def _item(self, index: int, item: ItemSection) -> list:
        self._where = item.number or item.title[:40] or f"item {index + 1}"
        if len(item.title) > _LONG_TITLE or len(item.number) > _LONG_NUMBER:
            heading = self.para(f"{item.number}  {item.title}", "item")
        else:
            heading = ItemHeading(
                self.para(item.number, "number"),
                self.para(item.title, "item"),
                column=NUMBER_COLUMN,
                gap=8,
            )
        bookmark = Bookmark(f"item{index}", self._plain(item.heading) or f"Item {index + 1}")
        # The papers' notes and the "Minutes:" and "Actions:" labels stay with what follows.
        kept: set[int] = set()
        flow: list = []
        for note in item.notes:
            flow.append(self.para(note, "note"))
            kept.add(id(flow[-1]))
        for block in item.agenda:
            flow += self._block(block)
        if item.has_minutes:
            flow.append(self.para("Minutes:", "label"))
            kept.add(id(flow[-1]))
            for block in item.minutes:
                flow += self._block(block)
            for sentence in item.declarations:
                flow.append(self.para(sentence, "body"))
            for outcome in item.outcomes:
                flow.append(self.para(outcome, "outcome"))
            if item.actions:
                flow.append(self.para("Actions:", "label"))
                kept.add(id(flow[-1]))
                for action in item.actions:
                    flow.append(self.para(action, "entry", bullet="•"))
        units: list[list] = []
        for block in flow:
            if units and id(units[-1][-1]) in kept:
                units[-1].append(block)
            else:
                units.append([block])
        # The heading never ends a page alone, nor does a note or a label.  (Keeping whole
        # items together reads a little better but leaves pages half empty.)
        out: list = [KeepWithNext([bookmark, heading, *(units[0] if units else [])])]
        for unit in units[1:]:
            out.append(KeepWithNext(unit) if len(unit) > 1 else unit[0])
        out.append(Spacer(4))
        return out

    def _block(self, block: Block) -> list[Paragraph]:
        if block.kind == "paragraph":
            return [self.para(block.lines[0], "body")]
        out = []
        for n, line in enumerate(block.lines, start=block.start):
            bullet = "•" if block.kind == "bullets" else f"{n}."
            out.append(self.para(line, "entry", bullet=bullet))
        return out
