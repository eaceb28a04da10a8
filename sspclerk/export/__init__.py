"""Minutes out: one document model per audience, one writer per format.

The API the GUI and the command line call::

    formats()                                   -> list[FormatInfo]
    build_minutes(meeting, audience)            -> MinutesDocument
    render_minutes(meeting, fmt, audience)      -> Rendered (bytes + warnings)
    export_meeting(meeting, fmt, audience, target, progress=None) -> ExportResult
    render_item_fragment(meeting, item_number, audience, fmt="html") -> str
    default_filename(meeting, fmt, audience)    -> str

``export_meeting`` never refuses because of what the minutes say (that is
``core.checks``); it raises ``ExportError`` only when the file cannot be written,
and then the previous file is untouched.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sspclerk.core.audience import Audience
from sspclerk.core.model import Meeting

from .model import DRAFT_MARK, MinutesDocument, build_minutes
from .safe_write import ExportError, write_atomically
from .writer import Rendered, Writer

__all__ = [
    "WRITERS",
    "ExportError",
    "ExportResult",
    "FormatInfo",
    "MinutesDocument",
    "Rendered",
    "Writer",
    "build_minutes",
    "default_filename",
    "export_meeting",
    "formats",
    "render_item_fragment",
    "render_minutes",
    "write_atomically",
]


def _utf8(text: str) -> bytes:
    """UTF-8 bytes of a text file.  A meeting that did not come through the store's
    cleaning may hold half an emoji (a lone surrogate, becomes U+FFFD instead of
    stopping the export) or control characters (dropped, as the store drops them)."""
    text = _CONTROLS.sub("", text)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class JsonWriter:
    """The audience view as an sspclerk-meeting file: public = redacted, confidential = full."""

    name = "json"
    label = "Meeting file (.json)"
    extension = ".json"
    media_type = "application/json"

    def render(self, doc: MinutesDocument) -> Rendered:
        if doc.meeting is None:
            raise ValueError("this minutes document was not built from a meeting")
        from .meeting_json import dumps  # only this format needs json

        return Rendered(_utf8(dumps(doc.meeting)))


class ModernGovWriter:
    """The published-page text a committee website shows (sspclerk.export.moderngov).

    The module is imported on first use, so start-up never pays for it.
    """

    name = "moderngov"
    label = "Committee website page text (.txt)"
    extension = ".txt"
    media_type = "text/plain"

    def render(self, doc: MinutesDocument) -> Rendered:
        from sspclerk.export.moderngov import render_moderngov

        if doc.meeting is None:
            raise ValueError("this minutes document was not built from a meeting")
        # The confidential marks, not "DRAFT": the page's title says draft minutes.
        marks = doc.page_marks if doc.audience is Audience.CONFIDENTIAL else ()
        return Rendered(_utf8(render_moderngov(doc.meeting, [m for m in marks if m != DRAFT_MARK])))


class _Deferred:
    """A writer whose module (python-docx, reportlab, html) is imported on first use.

    A PDF export from the command line then never pays for loading python-docx.
    """

    def __init__(
        self, module: str, cls: str, name: str, label: str, extension: str, media_type: str
    ):
        self._module, self._cls = module, cls
        self.name, self.label, self.extension, self.media_type = name, label, extension, media_type
        self._writer: Writer | None = None

    def render(self, doc: MinutesDocument) -> Rendered:
        if self._writer is None:
            module = importlib.import_module(self._module, __name__)
            self._writer = getattr(module, self._cls)()
        return self._writer.render(doc)


WRITERS: dict[str, Writer] = {
    "docx": _Deferred(
        ".docx_writer",
        "DocxWriter",
        "docx",
        "Word document (.docx)",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": _Deferred(
        ".pdf_writer", "PdfWriter", "pdf", "PDF document (.pdf)", ".pdf", "application/pdf"
    ),
    "html": _Deferred(
        ".web_writers", "HtmlWriter", "html", "Web page (.html)", ".html", "text/html"
    ),
    "txt": _Deferred(
        ".web_writers", "TextWriter", "txt", "Plain text (.txt)", ".txt", "text/plain"
    ),
    "json": JsonWriter(),
    "moderngov": ModernGovWriter(),
}


@dataclass(frozen=True)
class FormatInfo:
    """A format the minutes can be exported to, as the menus list it."""

    name: str
    label: str
    extension: str


def formats() -> list[FormatInfo]:
    """The formats minutes can be exported to, in menu order."""
    return [FormatInfo(w.name, w.label, w.extension) for w in WRITERS.values()]


def _writer(fmt: str) -> Writer:
    try:
        return WRITERS[fmt.lower()]
    except KeyError:
        known = ", ".join(WRITERS)
        raise ExportError(f"unknown format {fmt!r}; choose one of {known}") from None


def _audience(audience: Audience | str) -> Audience:
    try:
        return Audience(audience)
    except ValueError:
        raise ExportError(f"unknown audience {audience!r}; choose public or confidential") from None


def render_minutes(
    meeting: Meeting, fmt: str, audience: Audience | str = Audience.PUBLIC
) -> Rendered:
    """The bytes of the minutes in ``fmt`` for ``audience``, and any warnings."""
    writer = _writer(fmt)
    return writer.render(build_minutes(meeting, _audience(audience)))


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: where, in which format and for whom, and anything it could not do exactly."""

    path: Path
    format: str
    audience: Audience
    size: int
    #: What the writer could not do exactly (e.g. characters the PDF font lacks).
    warnings: tuple[str, ...]


Progress = Callable[[int, int, str], None]


def export_meeting(
    meeting: Meeting,
    fmt: str,
    audience: Audience | str,
    target: Path,
    progress: Progress | None = None,
) -> ExportResult:
    """Build, render in memory, then replace ``target`` atomically.

    ``progress(step, steps, what)`` is called between the stages so a GUI worker can
    show where a long export is; it is called from the calling thread.  An exception
    raised by ``progress`` before the last step (e.g. the clerk pressed Cancel)
    stops the export with nothing written.
    """
    writer = _writer(fmt)
    audience = _audience(audience)

    def report(step: int, what: str) -> None:
        if progress is not None:
            progress(step, 3, what)

    report(0, "Preparing the minutes")
    doc = build_minutes(meeting, audience)
    report(1, f"Writing the {writer.label}")
    rendered = writer.render(doc)
    report(2, "Saving the file")
    path = write_atomically(Path(target), rendered.data)
    report(3, "Done")
    return ExportResult(path, writer.name, audience, len(rendered.data), rendered.warnings)


def render_item_fragment(
    meeting: Meeting,
    item_number: str,
    audience: Audience | str = Audience.PUBLIC,
    fmt: str = "html",
) -> str:
    """One item's "Minutes:" text for the council website's field, as HTML or plain text."""
    from .web_writers import item_fragment_html, item_fragment_text

    doc = build_minutes(meeting, _audience(audience))
    for item in doc.items:
        if item.number == item_number:
            if fmt == "html":
                return item_fragment_html(item)
            if fmt == "txt":
                return item_fragment_text(item)
            raise ExportError(f"unknown fragment format {fmt!r}; choose html or txt")
    raise ExportError(f"no item {item_number} in this meeting")


def default_filename(meeting: Meeting, fmt: str, audience: Audience | str = Audience.PUBLIC) -> str:
    """'safer-stockton-partnership-2025-07-23-minutes-public.pdf'."""
    writer = _writer(fmt)
    body = re.sub(r"[^a-z0-9]+", "-", meeting.committee.name.lower()).strip("-") or "meeting"
    return (
        f"{body}-{meeting.date.isoformat()}-minutes-{_audience(audience).value}{writer.extension}"
    )
