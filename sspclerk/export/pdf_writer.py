"""Minutes as a PDF with an embedded font, bookmarks per item and honest text.

reportlab's Paragraph reads its text as markup, so every piece of clerk text is
escaped here, at the writer's boundary; a typed ``<b>`` prints as typed.  The
font is DejaVu Sans, shipped in ``resources/fonts`` with its licence, because it
covers Welsh, Polish, Greek and Cyrillic.  A character it cannot draw (an emoji)
is printed as a visible ``[U+1F600]`` and reported, never drawn as an empty box.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache

# isort: off
# Imports reportlab.platypus first, without a regex it never needs here (its docstring).
import sspclerk.export.reportlab_startup  # noqa: F401
# isort: on

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus.paraparser import ParaFrag, ParaParser
from reportlab.rl_config import _FUZZ

from sspclerk.core.minutes_text import Block
from sspclerk.resources import resource_path

from .model import ItemSection, MinutesDocument
from .pdf_fonts import load_font
from .pdf_paragraph import Para as _Para
from .writer import Rendered, xml_safe

FONT = "SSPClerkSans"


def escape(text: str) -> str:
    """Text as reportlab markup (not xml.sax.saxutils: it drags in urllib at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


NUMBER_COLUMN = 3.2 * cm
MARGIN = 2 * cm
#: A title (or number) longer than this goes in a plain paragraph: the two-column
#: heading cannot split across pages.
_LONG_TITLE = 400
_LONG_NUMBER = 40
#: Paragraphs are cut into pieces of about this many characters so a 50-page note
#: lays out in linear time (reportlab re-wraps the rest of a paragraph at each page).
_CHUNK = 4000
#: Distance of the page marks (CONFIDENTIAL, DRAFT) from the top edge.
_MARK_TOP = 1.2 * cm


@lru_cache(maxsize=1)
def _font() -> tuple[dict[int, int], ...]:
    """Register the embedded font family once; each face's character-to-glyph table."""
    faces = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Italic": "DejaVuSans-Oblique.ttf",
    }
    fonts = [
        load_font(name, resource_path(f"fonts/{filename}")) for name, filename in faces.items()
    ]
    for font in fonts:
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Italic", boldItalic=f"{FONT}-Bold"
    )
    return tuple(font.face.charToGlyph for font in fonts)


#: Characters found in all three faces so far: most paragraphs need no look-up at all.
_DRAWABLE: set[str] = {" ", "\n", "\t"}


def unsupported_characters(text: str) -> list[str]:
    """The characters of ``text`` that one of the embedded faces cannot draw, in order of
    first use (any face may draw any text, so a character must be in all three)."""
    unseen = set(text).difference(_DRAWABLE)
    if not unseen:
        return []
    faces = _font()
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


class PdfWriter:
    name = "pdf"
    label = "PDF document (.pdf)"
    extension = ".pdf"
    media_type = "application/pdf"

    def render(self, doc: MinutesDocument) -> Rendered:
        return _PdfBuilder(doc).build()


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=10.5, leading=14, spaceAfter=6
    )
    return {
        "title": ParagraphStyle("title", base, fontName=f"{FONT}-Bold", fontSize=18, leading=22),
        "kind": ParagraphStyle("kind", base, fontSize=14, leading=18, spaceAfter=10),
        "line": ParagraphStyle("line", base, spaceAfter=2),
        "section": ParagraphStyle(
            "section", base, fontName=f"{FONT}-Bold", fontSize=12, leading=15, spaceBefore=10
        ),
        "person": ParagraphStyle("person", base, leftIndent=0.6 * cm, bulletIndent=0, spaceAfter=2),
        "number": ParagraphStyle(
            "number", base, fontName=f"{FONT}-Bold", fontSize=11.5, leading=15
        ),
        "item": ParagraphStyle("item", base, fontName=f"{FONT}-Bold", fontSize=11.5, leading=15),
        "body": ParagraphStyle("bodyi", base, leftIndent=NUMBER_COLUMN),
        "note": ParagraphStyle(
            "note",
            base,
            leftIndent=NUMBER_COLUMN,
            fontName=f"{FONT}-Italic",
            fontSize=9,
            leading=12,
        ),
        "label": ParagraphStyle("label", base, leftIndent=NUMBER_COLUMN, fontName=f"{FONT}-Bold"),
        "outcome": ParagraphStyle(
            "outcome", base, leftIndent=NUMBER_COLUMN, fontName=f"{FONT}-Bold"
        ),
        "entry": ParagraphStyle(
            "entry",
            base,
            leftIndent=NUMBER_COLUMN + 0.7 * cm,
            bulletIndent=NUMBER_COLUMN,
            spaceAfter=3,
        ),
        "closing": ParagraphStyle("closing", base, spaceBefore=10),
        "mark": ParagraphStyle("mark", base, fontName=f"{FONT}-Bold", fontSize=8, leading=10),
        "footer": ParagraphStyle("footer", base, fontSize=8, alignment=TA_CENTER),
    }


class _KeepWithNext(KeepTogether):
    """An item's heading kept with its first paragraph, sized without copying the frame.

    reportlab's KeepTogether deep-copies the whole frame at every size question in
    case its contents add frame content; a bookmark, a heading and a paragraph never
    do, and the copies were a tenth of the layout time.  Sizes are summed as
    reportlab's ``_listWrapOn`` sums them (spaces between, not around).
    """

    def wrap(self, aW, aH):  # noqa: N803
        width = height = space_after = 0.0
        first = None
        started = False
        for flowable in self._content:
            w, h = flowable.wrapOn(self.canv, aW, 0xFFFFFFF)
            if first is None:
                first = h
            if h <= _FUZZ:
                continue
            width = max(width, min(w, aW))
            height += h
            if started:
                height += max(flowable.getSpaceBefore() - space_after, 0)
            started = True
            space_after = flowable.getSpaceAfter()
            height += space_after
        self._H = height - space_after
        self._H0 = first or 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # as KeepTogether: always asked to split


class _NumberedHeading(Flowable):
    """The item number in its column beside the title, as councils print minutes.

    A two-cell table would do the same but costs more to lay out than the text.
    """

    _GAP = 6
    _SPACE_BEFORE = 8

    def __init__(self, number: Paragraph, title: Paragraph) -> None:
        super().__init__()
        self.number = number
        self.title = title

    def wrap(self, available_width, available_height):
        _, number_h = self.number.wrap(NUMBER_COLUMN - self._GAP, available_height)
        _, title_h = self.title.wrap(available_width - NUMBER_COLUMN, available_height)
        self.width = available_width
        self.height = max(number_h, title_h) + self._SPACE_BEFORE
        return self.width, self.height

    def draw(self) -> None:
        top = self.height - self._SPACE_BEFORE
        self.number.drawOn(self.canv, 0, top - self.number.height)
        self.title.drawOn(self.canv, NUMBER_COLUMN, top - self.title.height)


class _Bookmark(Flowable):
    """An outline entry for an item, placed where its heading is drawn."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key = key
        self.title = title

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0, closed=True)


class _PdfBuilder:
    def __init__(self, doc: MinutesDocument) -> None:
        _font()
        self.doc = doc
        self.styles = _styles()
        self.warnings: dict[str, None] = {}
        self._where = ""
        self._protos: dict[str, ParaFrag] = {}

    # ------------------------------------------------------------ text boundary

    def text(self, value: str) -> str:
        """Clerk text as safe Paragraph markup: escaped, drawable, nothing lost silently."""
        return escape(self.drawable(value))

    def drawable(self, value: str) -> str:
        """Clerk text the font can draw: unknown characters become a visible [U+XXXX]."""
        value = xml_safe(value).replace("\n", " ")
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

    def plain(self, value: str, style: ParagraphStyle, bullet: str | None) -> Paragraph:
        """A Paragraph of plain text, never parsed as markup.

        The fragment is a copy of one parsed once per style, carrying the text as
        typed: nothing in it can be read as a tag, and skipping reportlab's markup
        parser makes long minutes lay out about a quarter faster.
        """
        proto = self._protos.get(style.name)
        if proto is None:
            _, frags, _ = ParaParser().parse("x", style)
            proto = self._protos[style.name] = frags[0]
        text = self.drawable(value)
        return _Para(text, style, bulletText=bullet, frags=[proto.clone(text=text)])

    def para(self, value: str, style: str, bullet: str | None = None) -> list[Flowable]:
        """One paragraph, cut into chunks at spaces when very long."""
        st = self.styles[style]
        if len(value) <= _CHUNK:
            return [self.plain(value, st, bullet)]
        out: list[Flowable] = []
        rest = value
        first = True
        while rest:
            cut = len(rest) if len(rest) <= _CHUNK else rest.rfind(" ", _CHUNK // 2, _CHUNK) + 1
            if cut <= 0:
                cut = _CHUNK
            piece, rest = rest[:cut], rest[cut:]
            chunk_style = ParagraphStyle(
                f"{style}-chunk", st, spaceAfter=0 if rest else st.spaceAfter
            )
            out.append(self.plain(piece, chunk_style, bullet if first else None))
            first = False
        return out

    # ------------------------------------------------------------ story

    def build(self) -> Rendered:
        d = self.doc
        out = io.BytesIO()
        # The page marks are laid out once here and drawn on every page.
        marks = [_Para(self.text(mark), self.styles["mark"]) for mark in d.page_marks]
        marks_height = sum(m.wrap(A4[0] - 2 * MARGIN, A4[1])[1] + 2 for m in marks)
        template = SimpleDocTemplate(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=max(MARGIN, _MARK_TOP + marks_height + 0.5 * cm),
            bottomMargin=MARGIN,
            title=self._plain(d.title),
            author=self._plain(d.author),
            subject=self._plain(d.subject),
            creator="sspclerk",
            keywords="minutes",
            lang=d.language,
            displayDocTitle=True,
            # Otherwise every page references a Helvetica that is not embedded.
            initialFontName=FONT,
        )
        story: list[Flowable] = [
            *self.para(d.body, "title"),
            *self.para(d.kind, "kind"),
        ]
        for line in d.heading:
            story.append(
                _Para(f"<b>{escape(line.label)}:</b> {self.text(line.text)}", self.styles["line"])
            )
        for section in d.attendance:
            story += self.para(section.title, "section")
            for entry in section.entries:
                story += self.para(entry, "person", bullet="•")
        story.append(Spacer(1, 8))
        for index, item in enumerate(d.items):
            story += self._item(index, item)
        if d.closing:
            self._where = ""
            story += self.para(d.closing, "closing")
        footer = self.styles["footer"]
        template.build(
            story, canvasmaker=_canvas_class(marks, lambda text: self.plain(text, footer, None))
        )
        return Rendered(out.getvalue(), tuple(self.warnings))

    def _plain(self, value: str) -> str:
        """Metadata and outline text: no markup, no control characters."""
        return xml_safe(value).replace("\n", " ")

    def _item(self, index: int, item: ItemSection) -> list[Flowable]:
        self._where = item.number or item.title[:40] or f"item {index + 1}"
        st = self.styles
        if len(item.title) > _LONG_TITLE or len(item.number) > _LONG_NUMBER:
            heading: Flowable = _Para(
                f"{self.text(item.number)}  {self.text(item.title)}", st["item"]
            )
        else:
            heading = _NumberedHeading(
                self.plain(item.number, st["number"], None),
                self.plain(item.title, st["item"], None),
            )
        bookmark = _Bookmark(f"item{index}", self._plain(item.heading) or f"Item {index + 1}")
        flow: list[Flowable] = []
        for note in item.notes:
            flow += self.para(note, "note")
        for block in item.agenda:
            flow += self._block(block)
        if item.has_minutes:
            flow += self.para("Minutes:", "label")
            for block in item.minutes:
                flow += self._block(block)
            for sentence in item.declarations:
                flow += self.para(sentence, "body")
            for outcome in item.outcomes:
                flow += self.para(outcome, "outcome")
            if item.actions:
                flow += self.para("Actions:", "label")
                for action in item.actions:
                    flow += self.para(action, "entry", bullet="•")
        # The heading never sits alone at the foot of a page.
        # The heading never ends a page alone.  (Keeping whole items together reads
        # a little better but costs a third of the layout time in re-wrapping.)
        head = _KeepWithNext([bookmark, heading, *flow[:1]])
        return [head, *flow[1:], Spacer(1, 4)]

    def _block(self, block: Block) -> list[Flowable]:
        if block.kind == "paragraph":
            return self.para(block.lines[0], "body")
        out: list[Flowable] = []
        for n, line in enumerate(block.lines, start=block.start):
            bullet = "•" if block.kind == "bullets" else f"{n}."
            out += self.para(line, "entry", bullet=bullet)
        return out


def _canvas_class(marks: list[Paragraph], footer: Callable[[str], Paragraph]) -> type[Canvas]:
    """A canvas that holds its pages back until the end to print 'Page X of Y'."""

    class MinutesCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            width, height = A4
            y = height - _MARK_TOP
            for mark in marks:
                _, h = mark.wrap(width - 2 * MARGIN, MARGIN)
                mark.drawOn(self, MARGIN, y - h)
                y -= h + 2
            line = footer(f"Page {number} of {total}")
            line.wrap(width - 2 * MARGIN, MARGIN)
            line.drawOn(self, MARGIN, MARGIN / 2)

    return MinutesCanvas
