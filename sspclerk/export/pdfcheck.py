"""Check a PDF when the clerk attaches it, so a bad paper is refused then, not at pack time.

A pack built the night before a meeting must not fail on a file attached weeks ago.
So every paper is opened with qpdf (through pikepdf) when it is attached: a file that
is not a PDF, needs a password, has no pages or has lost content is refused with the
file's name and the reason; a file qpdf can repair (a broken cross-reference table)
or that is encrypted with the empty password is rewritten clean, and those repaired
bytes are what the store keeps.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from sspclerk.core.text import clean_line

#: The PDF header may follow a little junk (some mail gateways prepend a line).
_HEADER_WINDOW = 1024


class PdfRefused(ValueError):
    """The file cannot be attached; the message names the file and says why."""


@dataclass(frozen=True)
class PdfInfo:
    """What the store keeps about an accepted paper, and the bytes to keep."""

    page_count: int
    sha256: str
    size_bytes: int
    #: The bytes to store: the original file, or the repaired/decrypted rewrite.
    content: bytes
    #: Why the bytes were rewritten ("" when they are the original file).
    repaired: str = ""
    #: The title the PDF gives itself, when it is a real one ("" otherwise).
    title: str = ""


#: Titles that word processors write when the author gave none.
_NO_TITLE = re.compile(
    r"^(?:untitled(?:\s+document)?|document\d*|microsoft (?:word|powerpoint|excel)\b.*"
    r"|slide \d+|title|pdf|\S+\.(?:docx?|pdf|odt|rtf|xlsx?|pptx?|txt))$",
    re.I,
)


def own_title(pdf: pikepdf.Pdf) -> str:
    """The document title a PDF carries (its information dictionary, else its XMP
    metadata), unless it is an empty one a word processor filled in."""
    candidates: list[str] = []
    with contextlib.suppress(pikepdf.PdfError, ValueError):
        candidates.append(str(pdf.docinfo.get("/Title", "")))
    if not "".join(candidates).strip():
        # Unreadable metadata means no title, never a refused paper.
        with contextlib.suppress(Exception):
            meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
            candidates.append(str(meta.get("dc:title", "") or ""))
    for title in candidates:
        title = " ".join(clean_line(title).split())
        if title and len(title) <= 300 and not _NO_TITLE.match(title):
            return title
    return ""


def paper_title(path: Path | str, info: PdfInfo) -> str:
    """A new paper's default title: the PDF's own title, else its file name."""
    return info.title or title_from_filename(path)


def title_from_filename(path: Path | str) -> str:
    """A paper's default title: 'recorded_crime_report.pdf' -> 'recorded crime report'."""
    path = Path(path)
    return " ".join(path.stem.replace("_", " ").split()) or path.name


def _read_ordinary_file(path: Path, name: str) -> bytes:
    """The file's bytes; a FIFO or device is refused without waiting on it (opened
    non-blocking and looked at before a byte is read)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(mode):
            raise PdfRefused(f"{name} is a device or pipe, not a PDF file")
        return f.read()


def inspect_pdf(source: Path | str | bytes, name: str | None = None) -> PdfInfo:
    """Open, check and if need be repair one PDF; raise PdfRefused when it cannot be used."""
    if isinstance(source, bytes):
        data = source
        name = name or "the file"
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = _read_ordinary_file(path, name)
        except IsADirectoryError:
            raise PdfRefused(f"{name} is a folder, not a PDF file") from None
        except OSError as exc:
            raise PdfRefused(f"cannot read {name}: {exc.strerror or exc}") from None
    if not data:
        raise PdfRefused(f"{name} is empty (0 bytes), not a PDF")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise PdfRefused(f"{name} is not a PDF (it does not start with a PDF header)")

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise PdfRefused(
            f"{name} is encrypted with a password; save an unprotected copy and attach that"
        ) from None
    except pikepdf.PdfError as exc:
        raise PdfRefused(f"{name} is damaged beyond repair ({_short(exc)})") from None

    with pdf:
        reconstructed = bool(pdf.get_warnings())
        try:
            page_count = len(pdf.pages)
        except pikepdf.PdfError as exc:
            raise PdfRefused(f"{name} is damaged beyond repair ({_short(exc)})") from None
        if page_count == 0:
            raise PdfRefused(f"{name} has no pages")
        _check_pages(pdf, name, thorough=reconstructed)
        if pdf.get_warnings():
            reconstructed = True
        title = own_title(pdf)
        reasons = []
        if reconstructed:
            reasons.append("its damaged cross-reference table was rebuilt")
        if pdf.is_encrypted:
            reasons.append("its empty-password encryption was removed")
        if reasons:
            out = io.BytesIO()
            try:
                pdf.save(out)
            except pikepdf.PdfError as exc:
                raise PdfRefused(f"{name} is damaged beyond repair ({_short(exc)})") from None
            data = out.getvalue()
    return PdfInfo(
        page_count=page_count,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        content=data,
        repaired="; ".join(reasons),
        title=title,
    )


def _check_pages(pdf: pikepdf.Pdf, name: str, *, thorough: bool) -> None:
    """Every page has a usable size and its content can be read.

    qpdf rebuilds a lost cross-reference table by scanning the file; what it cannot
    find (the tail of a truncated download) comes back as null, which would print as a
    blank page or text in a missing font.  So in a rebuilt file (``thorough``) every
    page must still have content, and every font and image its content names.
    """
    for number, page in enumerate(pdf.pages, start=1):
        where = f"{name} is damaged beyond repair: page {number}"
        try:
            box = page.mediabox
            width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
        except (pikepdf.PdfError, ValueError, TypeError, IndexError, KeyError):
            raise PdfRefused(f"{where} has no usable page size") from None
        if width <= 0 or height <= 0:
            raise PdfRefused(f"{where} has no usable page size")
        contents = page.obj.get("/Contents")  # a missing object reads as absent
        if contents is None:
            if thorough:
                raise PdfRefused(f"{where} has lost its content")
            continue
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        if any(not isinstance(s, pikepdf.Stream) for s in streams):
            raise PdfRefused(f"{where} has lost its content")
        try:
            for stream in streams:
                stream.read_bytes()
            if thorough:
                _check_named_resources(page, where)
        except pikepdf.PdfError as exc:
            raise PdfRefused(f"{where} cannot be read ({_short(exc)})") from None


def _check_named_resources(page: pikepdf.Page, where: str) -> None:
    resources = page.obj.get("/Resources") or pikepdf.Dictionary()
    fonts = resources.get("/Font") or pikepdf.Dictionary()
    xobjects = resources.get("/XObject") or pikepdf.Dictionary()
    for operands, operator in pikepdf.parse_content_stream(page, "Tf Do"):
        if not operands:
            continue
        key = str(operands[0])
        group, kind = (fonts, "font") if str(operator) == "Tf" else (xobjects, "image or form")
        if group.get(key) is None:
            raise PdfRefused(f"{where} has lost a {kind} ({key.lstrip('/')})")


def _short(exc: Exception) -> str:
    """qpdf's message without the stream's Python repr in front of it."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if ": " in text and text.startswith(("stream <", "<")):
        text = text.split(": ", 1)[1]
    return text[:200]
