"""Minutes as a tagged PDF with an embedded font, bookmarks per item and honest text.

The structure a screen reader follows (headings, lists, the running marks once)
is built with the story and drawn through ``pdf_base``; docs/minutes-export.md
says what the tagging covers.

Clerk text is never read as markup: ``pdf_layout`` breaks it into lines and it is
drawn on reportlab's canvas as text, so a typed ``<b>`` prints as typed.  The
font is DejaVu Sans, shipped in ``resources/fonts`` with its licence, because it
covers Welsh, Polish, Greek and Cyrillic.  A character it cannot draw (an emoji)
is printed as a visible ``[U+1F600]`` and reported, never drawn as an empty box.
"""

from __future__ import annotations

import io

# isort: off
# Before reportlab: Pillow (for pictures, which sspclerk never draws) loads on first use.
import sspclerk.export.reportlab_startup  # noqa: F401
# isort: on

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm

from sspclerk.core.minutes_text import Block

from .model import ItemSection, MinutesDocument
from .pdf_base import (
    BOLD,
    FONT,
    ITALIC,
    Element,
    Metrics,
    Tagger,
    draw_page,
    drawable,
    finish,
    new_canvas,
    plain,
    unsupported_characters,
)
from .pdf_layout import (
    Artifact,
    Bookmark,
    Frame,
    ItemHeading,
    KeepWithNext,
    Paragraph,
    Spacer,
    Style,
    paginate,
    place,
)
from .writer import Rendered

__all__ = ["PdfWriter", "unsupported_characters"]

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
#: Running marks after the first page, and the page numbers.
_RUNNING_HEAD = Artifact("Pagination", "Header")
_PAGE_FOOT = Artifact("Pagination", "Footer")


def _last_words_together(text: str, words: int = 3) -> str:
    """``text`` with its last ``words`` words joined by no-break spaces, so a wrapped
    running mark never ends on a lone "Act 1972." (drawn as ordinary spaces)."""
    head, *tail = text.rsplit(" ", words - 1)
    return head + "".join("\xa0" + word for word in tail)


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
    entry = body.but(left=NUMBER_COLUMN + 0.7 * cm, bullet_indent=NUMBER_COLUMN, space_after=3)
    return {
        "title": base.but(face=BOLD, size=18, leading=22),
        "kind": base.but(size=14, leading=18, space_after=10),
        "line": base.but(space_after=2),
        "section": base.but(face=BOLD, size=12, leading=15, space_before=10),
        "person": base.but(left=0.6 * cm, space_after=2),
        "last person": base.but(left=0.6 * cm, space_after=6),
        "number": base.but(face=BOLD, size=11.5, leading=15),
        "item": base.but(face=BOLD, size=11.5, leading=15),
        "body": body,
        "note": body.but(face=ITALIC, size=9, leading=12),
        # Clear of the item heading above it, which has no space after.
        "label": body.but(face=BOLD, space_before=4),
        "outcome": body.but(face=BOLD),
        "entry": entry,
        # The last entry of a list is followed by a paragraph's space, not a list's.
        "last entry": entry.but(space_after=6),
        "closing": base.but(space_before=10),
        "mark": base.but(face=BOLD, size=8, leading=10),
        "footer": base.but(size=8, centred=True),
    }


class _PdfBuilder:
    def __init__(self, doc: MinutesDocument) -> None:
        self.metrics = Metrics()
        self.doc = doc
        self.styles = _styles()
        self.warnings: dict[str, None] = {}
        self._where = ""
        self.tags = Tagger()
        root = self.tags.root
        # The running marks are real text on the first page (so a screen reader
        # hears "CONFIDENTIAL" once) and decoration on every later one.
        self.mark_tags = [root.add("P") for _ in doc.page_marks]
        self.marks = [
            self.para(_last_words_together(mark), "mark", tag=tag)
            for mark, tag in zip(doc.page_marks, self.mark_tags, strict=True)
        ]

    # ------------------------------------------------------------ text boundary

    def drawable(self, value: str) -> str:
        """Clerk text the font can draw: unknown characters become a visible [U+XXXX]."""
        return drawable(value, self.warnings, self._where)

    def para(
        self, value: str, style: str, bullet: str | None = None, *, tag: Element, **kw
    ) -> Paragraph:
        return Paragraph(self.styles[style], self.drawable(value), bullet, tag=tag, **kw)

    # ------------------------------------------------------------ story

    def story(self) -> list:
        """Everything in the body of the minutes, in order, for ``paginate``."""
        d = self.doc
        root = self.tags.root
        story: list = [
            self.para(d.body, "title", tag=root.add("H1")),
            self.para(d.kind, "kind", tag=root.add("P")),
        ]
        for line in d.heading:
            runs = [(BOLD, self.drawable(line.label) + ":"), (FONT, " " + self.drawable(line.text))]
            story.append(Paragraph(self.styles["line"], runs, tag=root.add("P")))
        for section in d.attendance:
            story.append(self.para(section.title, "section", tag=root.add("H2")))
            story += self._list(section.entries, "person", "bullets")
        story.append(Spacer(8))
        for index, item in enumerate(d.items):
            story += self._item(index, item)
        if d.closing:
            self._where = ""
            story.append(self.para(d.closing, "closing", tag=root.add("P")))
        return story

    def _list(self, entries, style: str, kind: str, start: int = 1) -> list[Paragraph]:
        """A bulleted or numbered list, tagged L → LI → Lbl + LBody."""
        numbering = "Disc" if kind == "bullets" else "Decimal"
        element = self.tags.root.add("L", ListNumbering=numbering)
        out = []
        last = len(entries) - 1
        for n, text in enumerate(entries):
            entry = element.add("LI")
            label = entry.add("Lbl")
            bullet = "•" if kind == "bullets" else f"{start + n}."
            style_name = f"last {style}" if n == last else style
            out.append(
                self.para(text, style_name, bullet, tag=entry.add("LBody"), bullet_tag=label)
            )
        return out

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
        canvas = new_canvas(out, A4, title=d.title, author=d.author, language=d.language)
        canvas.setSubject(plain(d.subject))
        canvas.setKeywords("minutes")
        total = len(pages)
        bookmarks = False
        for number, page in enumerate(pages, start=1):
            for bookmark, top in page.bookmarks:
                canvas.bookmarkPage(bookmark.key, fit="XYZ", left=0, top=top, zoom=0)
                canvas.addOutlineEntry(bookmark.title, bookmark.key, level=0, closed=True)
                bookmarks = True
            page.lines[:0] = self._furniture(number, total)
            draw_page(canvas, page, self.tags)
            canvas.showPage()
        finish(
            canvas,
            self.tags,
            title=d.title,
            author=d.author,
            subject=d.subject,
            language=d.language,
            outline=bookmarks,
        )
        return Rendered(out.getvalue(), tuple(self.warnings))

    def _furniture(self, number: int, total: int) -> list:
        """The marks at the top of a page and "Page X of Y" at its foot."""
        width, height = A4
        text_width = width - 2 * MARGIN
        lines = []
        top = height - _MARK_TOP
        for mark in self.marks:
            tag = None if number == 1 else _RUNNING_HEAD
            lines += place(mark, MARGIN, top, text_width, self.metrics, tag=tag)
            top -= mark.height(text_width, self.metrics) + 2
        footer = Paragraph(self.styles["footer"], f"Page {number} of {total}", tag=_PAGE_FOOT)
        footer_top = MARGIN / 2 + footer.height(text_width, self.metrics)
        lines += place(footer, MARGIN, footer_top, text_width, self.metrics)
        return lines

    def _item(self, index: int, item: ItemSection) -> list:
        self._where = item.number or item.title[:40] or f"item {index + 1}"
        root = self.tags.root
        h2 = root.add("H2")
        if len(item.title) > _LONG_TITLE or len(item.number) > _LONG_NUMBER:
            heading = self.para(f"{item.number}  {item.title}", "item", tag=h2)
        else:
            heading = ItemHeading(
                # The space a reader needs between the number and the title columns.
                self.para(item.number, "number", tag=h2, trailing=" " if item.title else ""),
                self.para(item.title, "item", tag=h2),
                column=NUMBER_COLUMN,
                gap=8,
            )
        bookmark = Bookmark(f"item{index}", plain(item.heading) or f"Item {index + 1}")
        # The papers' notes and the "Minutes:" and "Actions:" labels stay with what follows.
        kept: set[int] = set()
        flow: list = []
        for note in item.notes:
            flow.append(self.para(note, "note", tag=root.add("P")))
            kept.add(id(flow[-1]))
        for block in item.agenda:
            flow += self._block(block)
        if item.has_minutes:
            flow.append(self.para("Minutes:", "label", tag=root.add("H3")))
            kept.add(id(flow[-1]))
            for block in item.minutes:
                flow += self._block(block)
            for sentence in item.declarations:
                flow.append(self.para(sentence, "body", tag=root.add("P")))
            for outcome in item.outcomes:
                flow.append(self.para(outcome, "outcome", tag=root.add("P")))
            if item.actions:
                flow.append(self.para("Actions:", "label", tag=root.add("H3")))
                kept.add(id(flow[-1]))
                flow += self._list(item.actions, "entry", "bullets")
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
            return [self.para(block.lines[0], "body", tag=self.tags.root.add("P"))]
        return self._list(block.lines, "entry", block.kind, block.start)
