"""Read exported files back as text, the way a reader or a search engine would."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from sspclerk.export import WRITERS

#: Every format that writes the minutes as a document a person reads: the contract
#: tests run on each, so a writer added to the registry is tested without a list to
#: edit.  JSON is the exchange format, with contract tests of its own.
DOCUMENT_FORMATS = sorted(set(WRITERS) - {"json"})


def docx_parts(data: bytes) -> dict[str, str]:
    """Every part of the DOCX zip as text (document, headers, docProps, styles …)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name).decode("utf-8", "replace") for name in z.namelist()}


def docx_text(data: bytes) -> str:
    """Headers, then every paragraph, then footers, one per line."""
    d = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    section = d.sections[0]
    lines += [p.text for p in section.header.paragraphs]
    lines += [p.text for p in d.paragraphs]
    # Footer fields (PAGE, NUMPAGES) hold their placeholder text; python-docx's
    # Paragraph.text skips fields, so read every w:t.
    lines += [
        "".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in section.footer.paragraphs
    ]
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """What pdftotext extracts (the tool council websites and screen readers rely on)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def pdf_everything(data: bytes) -> str:
    """Page text, document information and every outline title, for leak hunting."""
    reader = PdfReader(io.BytesIO(data))
    parts = [pdf_text(data)]
    parts += [page.extract_text() or "" for page in reader.pages]
    parts += [f"{k}={v}" for k, v in (reader.metadata or {}).items()]

    def walk(entries) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                parts.append(str(entry.title))

    walk(reader.outline)
    # Uncompressed objects: catches a string hidden anywhere a viewer might show it.
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.pdf"), Path(tmp, "out.pdf")
        src.write_bytes(data)
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", src, out], check=False)
        parts.append(out.read_bytes().decode("latin-1"))
    return "\n".join(parts)


def outline_titles(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [e.title for e in reader.outline if not isinstance(e, list)]


def normalise(text: str) -> str:
    """Whitespace-insensitive text for golden comparisons (page breaks move lines)."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
