"""Test papers made here with reportlab, so every test owns its input.

Each page carries a findable marker ("MARK-<tag>-p<N>") so a test can check from the
pack's extracted text that the right page landed in the right place.
"""

from __future__ import annotations

import io
import re

import pikepdf
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas


def marker(tag: str, page: int) -> str:
    return f"MARK-{tag}-p{page}"


def paper(
    tag: str,
    pages: int = 2,
    *,
    size: tuple[float, float] = A4,
    title: str = "",
    body_lines: int = 3,
) -> bytes:
    """A plain report: a heading, a marker and a few lines on each page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    c.setTitle(title or f"Report {tag}")
    c.setAuthor(f"Author of {tag}")
    width, height = size
    for n in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, height - 100, title or f"Report {tag}")
        c.setFont("Helvetica", 11)
        c.drawString(72, height - 130, marker(tag, n))
        for line in range(body_lines):
            c.drawString(72, height - 160 - 16 * line, f"Line {line + 1} of page {n} of {tag}.")
        c.showPage()
    c.save()
    return buf.getvalue()


def landscape_paper(tag: str, pages: int = 2) -> bytes:
    return paper(tag, pages, size=landscape(A4))


def a3_paper(tag: str, pages: int = 1) -> bytes:
    return paper(tag, pages, size=A3)


def rotated_paper(tag: str, pages: int = 2, rotate: int = 90) -> bytes:
    """Portrait content shown turned by /Rotate (a scanned page saved sideways)."""
    pdf = pikepdf.open(io.BytesIO(paper(tag, pages)))
    for page in pdf.pages:
        page.Rotate = rotate
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def offset_box_paper(tag: str) -> bytes:
    """A page whose MediaBox does not start at 0 0, with a smaller CropBox."""
    pdf = pikepdf.open(io.BytesIO(paper(tag, 1)))
    page = pdf.pages[0]
    page.MediaBox = pikepdf.Array([-50, -60, 545, 782])
    page.CropBox = pikepdf.Array([0, 0, 595, 842])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def annotated_paper(tag: str) -> bytes:
    """A page with a link, a note and a filled-in form field."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, marker(tag, 1))
    c.linkURL("https://example.org/", (72, 700, 300, 720))
    c.drawString(72, 705, "A link to a web page")
    form = c.acroForm
    c.drawString(72, 650, "Name of officer:")
    form.textfield(name="officer", value=f"FIELD-{tag}", x=180, y=640, width=200, height=20)
    form.checkbox(name="agreed", checked=True, x=180, y=600, size=16)
    c.showPage()
    c.save()
    pdf = pikepdf.open(io.BytesIO(buf.getvalue()))
    note = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Text,
            Rect=[400, 700, 420, 720],
            Contents=pikepdf.String("A sticky note"),
        )
    )
    pdf.pages[0].Annots.append(note)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_paper(tag: str, user_password: str = "secret") -> bytes:
    """Encrypted: with a user password it cannot be opened; with "" it opens for anyone."""
    pdf = pikepdf.open(io.BytesIO(paper(tag, 2)))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user=user_password, owner="owner-pw", R=6))
    return out.getvalue()


def truncated_paper(tag: str, keep: float = 0.4) -> bytes:
    data = paper(tag, 6, body_lines=20)
    return data[: int(len(data) * keep)]


def bad_xref_paper(tag: str, pages: int = 3) -> bytes:
    """Whole objects, but a cross-reference table whose offsets are all wrong."""
    data = paper(tag, pages)

    def shift(match: re.Match[bytes]) -> bytes:
        return b"%010d %s" % (int(match.group(1)) + 7, match.group(2))

    return re.sub(rb"(\d{10}) (\d{5} n)", shift, data)


def no_pages_paper() -> bytes:
    """A syntactically fine PDF whose page tree is empty."""
    out = io.BytesIO()
    pikepdf.new().save(out)
    return out.getvalue()


def not_a_pdf() -> bytes:
    return b"PK\x03\x04 this is really a Word file, renamed\n" * 20
