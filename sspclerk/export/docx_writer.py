"""Minutes as a Word document with real styles, so structure survives for every reader.

Headings, Title and the List styles are Word's own: the navigation pane and
screen readers see the items, and a clerk who restyles the template keeps the
structure.  The item number sits in a hanging indent beside the title, the way
councils print minutes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from sspclerk.core.minutes_text import Block

from .model import ItemSection, MinutesDocument
from .writer import Rendered, xml_safe

NUMBER_COLUMN = Cm(3.2)
FONT = "Arial"


class DocxWriter:
    name = "docx"
    label = "Word document (.docx)"
    extension = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render(self, doc: MinutesDocument) -> Rendered:
        return Rendered(_DocxBuilder(doc).build())


class _DocxBuilder:
    def __init__(self, doc: MinutesDocument) -> None:
        self.doc = doc
        self.word = new_document()
        self._next_num_id = 0
        #: Style ids looked up once: python-docx's lookup by name scans every style.
        self._sid: dict[str, str] = {}

    # ------------------------------------------------------------ whole document

    def build(self) -> bytes:
        self._styles()
        self._properties()
        self._page_furniture()
        d, w = self.doc, self.word
        self._body = w.element.body
        self._sect_pr = self._body.sectPr
        self._p("Title", [(d.body, False)])
        self._p("Subtitle", [(d.kind, False)])
        for line in d.heading:
            self._p("Normal", [(f"{line.label}: ", True), (line.text, False)])
        hang = _twips(Cm(0.6))
        if d.attendance:  # headings must not skip a level for screen readers
            self._p("Heading 1", [("Attendance", False)], keep_next=True)
        for section in d.attendance:
            self._p("Heading 2", [(section.title, False)], keep_next=True)
            for entry in section.entries:
                self._p("List Bullet", [(entry, False)], indent=(hang, hang))
        if d.items:
            self._p("Heading 1", [("Items", False)], keep_next=True)
        for item in d.items:
            self._item(item)
        if d.closing:
            self._p("Normal", [(d.closing, False)])
        out = io.BytesIO()
        w.save(out)
        return out.getvalue()

    def _styles(self) -> None:
        styles = self.word.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2"):
            style = styles[name]
            style.font.name = FONT
            style.font.color.rgb = RGBColor(0, 0, 0)
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:  # the template's theme fonts would override FONT
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts.attrib.pop(qn(attr), None)
        styles["Heading 2"].font.size = Pt(12)
        item_text = styles.add_style("Item Text", WD_STYLE_TYPE.PARAGRAPH)
        item_text.base_style = normal
        item_text.paragraph_format.left_indent = NUMBER_COLUMN
        item_text.quick_style = True
        note = styles.add_style("Item Note", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = item_text
        note.font.italic = True
        note.font.size = Pt(9.5)
        note.paragraph_format.space_after = Pt(2)
        note.paragraph_format.keep_with_next = True  # a paper's note stays with the text
        for name in (
            "Normal",
            "Title",
            "Subtitle",
            "Heading 1",
            "Heading 2",
            "List Bullet",
            "List Number",
            "Item Text",
            "Item Note",
        ):
            self._sid[name] = styles[name].style_id
        # The language screen readers and spell checkers use, for every run.
        rpr_default = self.word.styles.element.find(qn("w:docDefaults"))
        rpr = rpr_default.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), self.doc.language)
        lang.set(qn("w:eastAsia"), self.doc.language)
        lang.set(qn("w:bidi"), "ar-SA")

    def _properties(self) -> None:
        props = self.word.core_properties
        props.title = xml_safe(self.doc.title)
        props.subject = xml_safe(self.doc.subject)
        props.author = xml_safe(self.doc.author)
        props.last_modified_by = xml_safe(self.doc.author)
        props.language = self.doc.language
        props.comments = ""  # python-docx's default says "generated by python-docx"
        props.keywords = "minutes"
        props.category = "Minutes"
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        props.created = now
        props.modified = now
        props.revision = 1
        # python-docx's template carries a blank thumbnail and extended properties that
        # name "Microsoft Macintosh Word": the file says it was written by sspclerk.
        package = self.word.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype.endswith("/metadata/thumbnail"):
                package.rels.pop(rid)
            elif rel.reltype.endswith("/extended-properties"):
                rel.target_part._blob = _APP_XML
        # …and parts Word rebuilds itself: a Word 2010 copy of the styles and an empty
        # bibliography store.
        document_rels = self.word.part.rels
        for rid, rel in list(document_rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
                document_rels.pop(rid)

    def _page_furniture(self) -> None:
        # A4 (python-docx's template is US Letter) with the committee's margins, Word's
        # UK 2.54 cm unless the council's template says otherwise.
        section = self.word.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        margin = Cm(min(max(self.doc.word_margins_cm, 0.5), 5.0))
        section.top_margin = section.bottom_margin = margin
        section.left_margin = section.right_margin = margin
        section.header_distance = section.footer_distance = Cm(1.25)
        header = section.header
        first = True
        for mark in self.doc.page_marks:
            p = header.paragraphs[0] if first else header.add_paragraph()
            first = False
            run = p.add_run(xml_safe(mark))
            run.bold = mark.isupper() or mark.startswith("DRAFT")
            run.font.size = Pt(9)
        footer = section.footer.paragraphs[0]
        footer.alignment = 1  # centre
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")

    # ------------------------------------------------------------ items

    # Item paragraphs are built as WordprocessingML directly: python-docx's object
    # layer costs about a millisecond a paragraph, too slow for a 60-item meeting.

    def _p(
        self,
        style: str,
        runs: list[tuple[str, bool]],
        *,
        keep_next: bool = False,
        num_id: str | None = None,
        indent: tuple[int, int] | None = None,
        tab: int | None = None,
        space: tuple[int | None, int | None] = (None, None),
    ) -> None:
        """Append a paragraph: style id, then runs of (text, bold); "\t" is a tab;
        ``space`` before and after in twips, where the style's will not do."""
        p = etree.SubElement(self._body, _W_P)
        self._sect_pr.addprevious(p)
        ppr = etree.SubElement(p, _w("pPr"))
        etree.SubElement(ppr, _w("pStyle")).set(_w("val"), self._sid[style])
        if keep_next:
            etree.SubElement(ppr, _w("keepNext"))
        if num_id is not None:
            num_pr = etree.SubElement(ppr, _w("numPr"))
            etree.SubElement(num_pr, _w("ilvl")).set(_w("val"), "0")
            etree.SubElement(num_pr, _w("numId")).set(_w("val"), num_id)
        if tab is not None:
            tabs = etree.SubElement(ppr, _w("tabs"))
            stop = etree.SubElement(tabs, _w("tab"))
            stop.set(_w("val"), "left")
            stop.set(_w("pos"), str(tab))
        if space != (None, None):
            spacing = etree.SubElement(ppr, _w("spacing"))
            for side, value in zip(("before", "after"), space, strict=True):
                if value is not None:
                    spacing.set(_w(side), str(value))
        if indent is not None:
            ind = etree.SubElement(ppr, _w("ind"))
            ind.set(_w("left"), str(indent[0]))
            ind.set(_w("hanging"), str(indent[1]))
        for text, bold in runs:
            r = etree.SubElement(p, _w("r"))
            if bold:
                etree.SubElement(etree.SubElement(r, _w("rPr")), _w("b"))
            if text == "\t":
                etree.SubElement(r, _w("tab"))
                continue
            t = etree.SubElement(r, _w("t"))
            t.text = xml_safe(text)
            t.set(_XML_SPACE, "preserve")

    def _item(self, item: ItemSection) -> None:
        column = _twips(NUMBER_COLUMN)
        self._p(
            "Heading 2",
            [(item.number, False), ("\t", False), (item.title, False)],
            keep_next=True,
            indent=(column, column),
            tab=column,
        )
        for note in item.notes:
            self._p("Item Note", [(note, False)])
        for block in item.agenda:
            self._block(block)
        if not item.has_minutes:
            return
        # Clear of the heading or note above it.
        self._p("Item Text", [("Minutes:", True)], keep_next=True, space=(_LABEL_BEFORE, None))
        for block in item.minutes:
            self._block(block)
        for sentence in item.declarations:
            self._p("Item Text", [(sentence, False)])
        for outcome in item.outcomes:
            self._p("Item Text", [(outcome, True)])
        if item.actions:
            self._p("Item Text", [("Actions:", True)], keep_next=True, space=(_LABEL_BEFORE, None))
            for n, action in enumerate(item.actions, start=1):
                self._list_entry(action, "List Bullet", last=n == len(item.actions))

    def _block(self, block: Block) -> None:
        if block.kind == "paragraph":
            self._p("Item Text", [(block.lines[0], False)])
            return
        style = "List Bullet" if block.kind == "bullets" else "List Number"
        num_id = self._restart_numbering(block.start) if block.kind == "numbered" else None
        for n, line in enumerate(block.lines, start=1):
            self._list_entry(line, style, num_id, last=n == len(block.lines))

    def _list_entry(
        self, text: str, style: str, num_id: str | None = None, *, last: bool = False
    ) -> None:
        """One entry of a list; the last is followed by a paragraph's space, as in the PDF."""
        hang = _twips(Cm(0.7))
        self._p(
            style,
            [(text, False)],
            num_id=num_id,
            indent=(_twips(NUMBER_COLUMN) + hang, hang),
            space=(None, _LIST_AFTER if last else None),
        )

    def _restart_numbering(self, start: int) -> str:
        """A new numbering instance of the List Number style, starting at ``start``.

        Word would otherwise run every numbered list in the document on from the last.
        """
        numbering = self.word.part.numbering_part.element
        style_num = self.word.styles["List Number"].element.find(qn("w:pPr")).find(qn("w:numPr"))
        base_id = style_num.find(qn("w:numId")).get(qn("w:val"))
        base = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == base_id)
        if not self._next_num_id:
            self._next_num_id = max(
                int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))
            )
        self._next_num_id += 1
        new_id = str(self._next_num_id)
        num = copy.deepcopy(base)
        num.set(qn("w:numId"), new_id)
        for old in num.findall(qn("w:lvlOverride")):
            num.remove(old)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_el = OxmlElement("w:startOverride")
        start_el.set(qn("w:val"), str(max(0, start)))
        override.append(start_el)
        num.append(override)
        numbering.append(num)
        return new_id


#: Space before a "Minutes:" label and after a list's last entry, in twips (4 and 6 pt).
_LABEL_BEFORE = 80
_LIST_AFTER = 120
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>sspclerk</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_P = f"{{{_W_NS}}}p"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{_W_NS}}}{tag}"


def _twips(length: int) -> int:
    """EMU (python-docx lengths) to twentieths of a point (WordprocessingML indents)."""
    return round(length / 635)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
