"""What every PDF sspclerk draws shares: the fonts, the canvas, and the tags.

The minutes, the agenda pack's front sheet and the action log are laid out by
``pdf_layout`` and drawn here on reportlab's canvas, one way:

- **Fonts.** DejaVu Sans (regular, bold, oblique) from ``resources/fonts``, parsed
  once per process through ``pdf_fonts``' cache and embedded as subsets with their
  ToUnicode maps, so every character extracts as itself.  A character the faces
  cannot draw is printed as a visible ``[U+1F600]`` and reported (``drawable``).
- **Tagged PDF (PDF/UA-1 in intent).** Every line of text is drawn inside marked
  content: ``/P <</MCID 3>> BDC … EMC`` for a line that belongs to a structure
  element (a paragraph, a heading, a list body, a table cell), ``/Artifact … BDC``
  for page furniture (running marks, page numbers, repeated table headings, rules).
  ``Tagger`` records which element each marked-content id belongs to while the
  pages are drawn; ``finish`` then writes the structure tree (Document → H1/H2/H3,
  P, L/LI/Lbl/LBody, Table/TR/TH/TD) with its parent tree, ``/MarkInfo``, the
  language, XMP metadata with the title and the PDF/UA identifier, ``/Tabs /S``
  on every page and ``/PageMode /UseOutlines`` when there are bookmarks.

The tree is written through reportlab's own PDF object layer as the file is
saved, not by reopening the file with pikepdf afterwards: importing pikepdf alone
costs a command-line export about 75 ms, more than the whole margin by which
`sspclerk export --format pdf` beats LibreOffice fivefold (docs/minutes-export.md).
"""

from __future__ import annotations

import io
from functools import lru_cache

# isort: off
# Before reportlab: Pillow (for pictures, which sspclerk never draws) loads on first use.
import sspclerk.export.reportlab_startup  # noqa: F401
# isort: on

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from sspclerk.resources import resource_path

from .pdf_fonts import FastTTFont, load_font
from .pdf_layout import Artifact, Page
from .writer import xml_safe

FONT = "SSPClerkSans"
BOLD = f"{FONT}-Bold"
ITALIC = f"{FONT}-Italic"
_FACES = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


@lru_cache(maxsize=1)
def fonts() -> dict[str, FastTTFont]:
    """The embedded faces, registered with reportlab once per process.

    reportlab's font registry is global: call this on the thread that owns the work
    before a worker draws (the pack's ``plan_pack`` does)."""
    loaded = {
        name: load_font(name, resource_path(f"fonts/{filename}"))
        for name, filename in _FACES.items()
    }
    for font in loaded.values():  # the canvas looks its first font up by name
        pdfmetrics.registerFont(font)
    return loaded


#: Characters found in all three faces so far: most paragraphs need no look-up at all.
_DRAWABLE: set[str] = {" ", "\n", "\t"}


def unsupported_characters(text: str) -> list[str]:
    """The characters of ``text`` that one of the embedded faces cannot draw, in order of
    first use (any face may draw any text, so a character must be in all three)."""
    unseen = set(text).difference(_DRAWABLE)
    if not unseen:
        return []
    faces = [font.face.charToGlyph for font in fonts().values()]
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


def drawable(value: str, warnings: dict[str, None], where: str = "") -> str:
    """Text the fonts can draw: unknown characters become a visible [U+XXXX], each
    reported once in ``warnings`` (naming ``where`` it was)."""
    # A soft hyphen marks where a word may be hyphenated; lines here break only at
    # spaces, so it is never shown.
    value = xml_safe(value).replace("\n", " ").replace("\xad", "")
    missing = unsupported_characters(value)
    for ch in missing:
        code = f"U+{ord(ch):04X}"
        place = f"{where}: " if where else ""
        warnings[f"{place}the PDF font cannot show {ch!r} ({code}); it is printed as [{code}]"] = (
            None
        )
        value = value.replace(ch, f"[{code}]")
    return value


def plain(value: str) -> str:
    """Metadata and outline text: no control characters, one line."""
    return xml_safe(value).replace("\n", " ")


class Metrics:
    """The embedded fonts' widths, for ``pdf_layout``."""

    def __init__(self) -> None:
        self.fonts = fonts()

    def widths(self, face: str, size: float) -> dict[str, float]:
        return self.fonts[face].widths_at(size)

    def width(self, face: str, text: str, size: float) -> float:
        return self.fonts[face].stringWidth(text, size)


# ---------------------------------------------------------------- structure


class Element(pdfdoc.PDFObject):
    """A node of the structure tree: a standard type (P, H2, LI, TD …), its
    attributes, and its kids in reading order: elements, or (page, MCID) pairs
    of the content drawn for it.  It is also the PDF object written for it: a
    tree has an object per paragraph, list entry and cell, and reportlab's general
    dictionary formatting took longer than drawing the pages, so ``format`` writes
    the dictionary itself."""

    def __init__(self, kind: str, parent: Element | None = None, **attributes: str) -> None:
        self.kind = kind
        self.kids: list[Element | tuple[int, int]] = []
        self.attributes = attributes
        self.parent = parent
        #: The tagger's list of pages and its tree root, shared by the whole tree.
        self.context: _Context = parent.context if parent is not None else _Context()
        if parent is not None:
            parent.kids.append(self)

    def add(self, kind: str, **attributes: str) -> Element:
        """A new child element, after the ones already there."""
        return Element(kind, self, **attributes)

    def format(self, document) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        pages = self.context.pages
        parent = self.parent if self.parent is not None else self.context.tree
        out = f"<< /Type /StructElem /S /{self.kind} /P {numbers[parent.__InternalName__][0]} 0 R"
        kids = self.kids
        first = next((kid[0] for kid in kids if type(kid) is tuple), None)
        if first is not None:
            out += f" /Pg {numbers[pages[first].__InternalName__][0]} 0 R"
        if len(kids) == 1 and type(kids[0]) is tuple and kids[0][0] == first:
            out += f" /K {kids[0][1]}"  # the usual: one run of lines on one page
        elif kids:
            written = []
            for kid in kids:
                if type(kid) is not tuple:
                    written.append(f"{numbers[kid.__InternalName__][0]} 0 R")
                elif kid[0] == first:
                    written.append(str(kid[1]))
                else:
                    page = numbers[pages[kid[0]].__InternalName__][0]
                    written.append(f"<< /Type /MCR /Pg {page} 0 R /MCID {kid[1]} >>")
            out += f" /K [{' '.join(written)}]"
        if self.attributes:
            owner = _ATTRIBUTE_OWNER[next(iter(self.attributes))]
            values = "".join(f" /{k} /{v}" for k, v in self.attributes.items())
            out += f" /A << /O /{owner}{values} >>"
        return (out + " >>").encode("latin-1")


class _Context:
    """What every element of one tree needs when it is written."""

    __slots__ = ("pages", "tree")

    def __init__(self) -> None:
        self.pages: list = []
        self.tree: pdfdoc.PDFObject | None = None


#: The standard attribute owner of each attribute the writers set.
_ATTRIBUTE_OWNER = {"ListNumbering": "List", "Scope": "Table"}


class Tagger:
    """Hands out marked-content ids page by page and remembers whose they are."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.pages: list[list[Element]] = []

    def new_page(self) -> None:
        self.pages.append([])

    def begin(self, tag: object) -> str:
        """The operator opening marked content for ``tag`` (an Element or an Artifact)."""
        if isinstance(tag, Element):
            page = len(self.pages) - 1
            mcid = len(self.pages[page])
            self.pages[page].append(tag)
            tag.kids.append((page, mcid))
            return f"/{tag.kind} <</MCID {mcid}>> BDC"
        if isinstance(tag, Artifact):
            subtype = f" /Subtype /{tag.subtype}" if tag.subtype else ""
            return f"/Artifact <</Type /{tag.kind}{subtype}>> BDC"
        raise TypeError(f"text drawn without a tag: {tag!r}")  # a writer's mistake


LAYOUT = Artifact("Layout")


def draw_page(canvas: Canvas, page: Page, tagger: Tagger) -> None:
    """A page's rules, then its lines of text, each run of lines of one tag in its
    own marked content (one text object each)."""
    tagger.new_page()
    doc = canvas._doc
    face_fonts = fonts()
    ops: list[str] = []
    if page.graphics:
        ops += [tagger.begin(LAYOUT), "q", *page.graphics, "Q", "EMC"]
    current = None
    colour = ""
    tag: object = None
    for line in page.lines:
        if line.tag is not tag or tag is None:
            if tag is not None:
                ops += ["ET", "EMC"]
            tag = line.tag
            ops += [tagger.begin(tag), "BT"]
        if line.colour != colour:
            colour = line.colour
            ops.append(f"{colour or '0 0 0'} rg")
        ops.append(f"1 0 0 1 {fp_str(line.x, line.y)} Tm")
        if line.word_space:  # a line fitted by shrinking its spaces
            ops.append(f"{fp_str(line.word_space)} Tw")
        for face, text in line.runs:
            font = face_fonts[face]
            for subset, data in font.splitString(text, doc):
                name = font.getSubsetInternalName(subset, doc)
                if (name, line.size) != current:
                    current = (name, line.size)
                    ops.append(f"{name} {fp_str(line.size)} Tf")
                ops.append(f"({escapePDF(data)}) Tj")
        if line.word_space:
            ops.append("0 Tw")
    if tag is not None:
        ops += ["ET", "EMC"]
    canvas._code.append("\n".join(ops))


def new_canvas(
    out: io.BytesIO, pagesize: tuple[float, float], *, title: str, author: str, language: str
) -> Canvas:
    """A canvas with the document's title, author and language set, and the title
    shown in the viewer's title bar (as PDF/UA asks)."""
    canvas = Canvas(out, pagesize=pagesize, lang=language, initialFontName=FONT)
    canvas.setTitle(plain(title))
    canvas.setAuthor(plain(author))
    canvas.setCreator("sspclerk")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    return canvas


def finish(
    canvas: Canvas,
    tagger: Tagger,
    *,
    title: str,
    author: str,
    language: str,
    subject: str = "",
    outline: bool = False,
) -> None:
    """Write the structure tree, the tagged-PDF marks and the XMP metadata, then save;
    ``outline``: the file has bookmarks, to be shown when it opens.

    Call after the last ``showPage``."""
    doc = canvas._doc
    pages = doc.Pages.pages
    if len(pages) != len(tagger.pages):  # a writer's mistake, never the clerk's
        raise RuntimeError("every page must be drawn through draw_page")
    keys = [*type(pages[0]).__NoDefault__, "StructParents", "Tabs"] if pages else []
    tabs = pdfdoc.PDFName("S")
    for index, page in enumerate(pages):
        page.__NoDefault__ = keys
        page.StructParents = index
        page.Tabs = tabs

    root = tagger.root
    tree = _Written(lambda number: _tree_root(number, tagger))
    doc.Reference(tree)
    root.context.pages = pages
    root.context.tree = tree
    stack = [root]
    while stack:
        element = stack.pop()
        doc.Reference(element)
        stack += [kid for kid in element.kids if type(kid) is not tuple]
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree
    catalog.MarkInfo = pdfdoc.PDFDictionary({"Marked": "true"})
    catalog.Metadata = _xmp(title=title, author=author, subject=subject, language=language)
    if outline:
        canvas.showOutline()
    canvas.save()


class _Written(pdfdoc.PDFObject):
    """An object written straight to bytes when the file is saved (every object has
    its number by then)."""

    def __init__(self, write) -> None:
        self.write = write

    def format(self, document) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        return self.write(lambda obj: numbers[obj.__InternalName__][0]).encode("latin-1")


def _tree_root(number, tagger: Tagger) -> str:
    nums = " ".join(
        f"{index} [{' '.join(f'{number(e)} 0 R' for e in marked)}]"
        for index, marked in enumerate(tagger.pages)
    )
    return (
        f"<< /Type /StructTreeRoot /K {number(tagger.root)} 0 R"
        f" /ParentTree << /Nums [{nums}] >> /ParentTreeNextKey {len(tagger.pages)} >>"
    )


def escape(text: str) -> str:
    """Text for XML character data (no module import for three replacements)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(*, title: str, author: str, subject: str, language: str | None) -> bytes:
    """XMP metadata: the title, author and subject as Dublin Core, and the PDF/UA-1 mark."""

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(plain(value))}</rdf:li></rdf:Alt>'

    description = f"<dc:description>{alt(subject)}</dc:description>" if subject else ""
    language_entry = (
        f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>"
        if language
        else ""
    )
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        "<dc:format>application/pdf</dc:format>"
        f"<dc:title>{alt(title)}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(plain(author))}</rdf:li></rdf:Seq></dc:creator>"
        f"{description}{language_entry}"
        "<xmp:CreatorTool>sspclerk</xmp:CreatorTool>"
        "<pdfuaid:part>1</pdfuaid:part>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


def _xmp(*, title: str, author: str, subject: str, language: str | None) -> pdfdoc.PDFStream:
    return pdfdoc.PDFStream(
        pdfdoc.PDFDictionary(
            {"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}
        ),
        xmp_packet(title=title, author=author, subject=subject, language=language),
        filters=[],
    )
