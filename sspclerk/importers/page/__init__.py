"""Import a published "Agenda and minutes" page (browser text copy or saved HTML).

A clerk starting with sspclerk has years of meetings on the council website.  This
reads one such page into a Meeting: the header (title line, committee with date and
time, Venue, Contact), the items (number, title, attached documents, agenda text,
``Minutes:`` / ``Decision:`` text, AGREED / RESOLVED outcomes, restricted items),
attendance lists and declarations.  Councils lay these pages out differently, so
the reader is tolerant; what it cannot place is kept, word for word, in the
meeting's "Unplaced text" note and listed in the report — nothing is dropped
silently except known website clutter, and no item is ever made up.  A page that
has items but does not say which meeting they are from is not refused: the clerk
supplies the committee and date (``MeetingDetails``) and it is read again.

The reader's steps, one module each (format rules in docs/page-import.md):

``decode``        bytes to text; empty, binary and PDF files refused
``markup``        saved HTML (and web archives) to lines of text
``tidy``          browser-copy repairs: table cells, PDF-wrapped lines, invisible marks
``lines``         what each kind of line is (clutter, labels, documents, outcomes)
``header`` / ``header_lines`` / ``when``   the committee, date, time, venue, contact
``attendance`` / ``people``   attendance lists and tables, declarations
``numbers`` / ``starts``      item numbers and where the items start
``item`` / ``item_parts``     one item's title, papers, text, minutes and outcomes
``passes``        what needs every item: restrictions, declarations, comings and goings
``reader``        the driver that runs the steps in order
``report``        the short report the clerk reads after an import
"""

from __future__ import annotations

from pathlib import Path

from sspclerk.core.text import clean_text

from .decode import MAX_PAGE_BYTES, decode_page, read_page_bytes
from .markup import committee_line_from_title, html_from_web_archive, html_to_text, looks_like_html
from .reader import PageReader
from .report import format_report
from .result import (
    UNPLACED_HEADING,
    MeetingDetails,
    MeetingOnPage,
    PageImport,
    PageImportError,
    PageNeedsDetails,
)
from .tidy import (
    drop_invisible,
    join_split_numbers,
    join_wrapped_lines,
    shorten_space_runs,
    split_table_cells,
)

__all__ = [
    "MAX_PAGE_BYTES",
    "UNPLACED_HEADING",
    "MeetingDetails",
    "MeetingOnPage",
    "PageImport",
    "PageImportError",
    "PageNeedsDetails",
    "decode_page",
    "format_report",
    "import_page_file",
    "import_page_text",
]


def import_page_file(path: Path, given: MeetingDetails | None = None) -> PageImport:
    """Read a .txt (browser copy) or .html (saved page) file; PageImportError if it is not one.

    ``given`` is what the clerk says about the meeting (committee, date, time); it
    fills what the page leaves out and wins where the page says otherwise.
    """
    path = Path(path)
    text = decode_page(read_page_bytes(path), str(path))
    try:
        return import_page_text(text, str(path), given)
    except PageImportError:
        raise
    except Exception as exc:  # a reader bug must still not show the clerk a traceback
        raise PageImportError(
            f"{path}: the page could not be read ({type(exc).__name__}: {exc}); nothing was imported"
        ) from exc


def import_page_text(
    text: str, source: str = "the page", given: MeetingDetails | None = None
) -> PageImport:
    """Read page text (or HTML markup); PageImportError if it is not an agenda page."""
    given = given or MeetingDetails()
    if not text or not text.strip():
        raise PageImportError(f"{source} is empty; nothing was imported")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and stripped.rstrip().endswith(("}", "]")):
        raise PageImportError(
            f"{source} looks like JSON, not a web page; a meeting JSON file must be named *.json; "
            "nothing was imported"
        )
    archived = html_from_web_archive(text)
    if archived is not None:
        text = archived
    if not looks_like_html(text):
        text = shorten_space_runs(split_table_cells(drop_invisible(clean_text(text))))
        return PageReader(join_wrapped_lines(join_split_numbers(text)), source, given).read()
    body = join_split_numbers(shorten_space_runs(drop_invisible(html_to_text(text))))
    try:
        return PageReader(clean_text(body), source, given).read()
    except PageImportError:
        line = committee_line_from_title(text)
        if line is None:
            raise
    # The committee and date were only in the browser tab title.
    return PageReader(clean_text(f"{line}\n\n{body}"), source, given).read()
