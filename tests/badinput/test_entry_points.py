"""The bad-input corpus through every other entry point.

Paste (text and HTML) into the window's notes editor and on to the store; every
exporter (each file read back as its reader would); attach (``inspect_pdf``) on
broken files and on PDFs whose title and text carry the corpus; page import; and
impossible dates through ``sspclerk new-meeting``.  JSON import and the store's
write boundary are in ``test_store_and_json.py``.  The 5 MB note goes through the
store and the text and HTML exporters (Word and PDF of it take tens of seconds).
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sspclerk.core.text import clean_text
from sspclerk.export import ExportError, export_meeting, formats
from sspclerk.store import Store
from tests.export.readback import docx_text, pdf_text
from tests.reliability.helpers import assert_one_clear_line, run_cli

from .corpus import BAD_DATES, BROKEN_FILES, CASES, five_mb_note, meeting_of_cases

NEVER_STORED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: Words from the corpus every readable output must still hold, letter for letter.
MUST_SURVIVE = [
    "Zażółć gęślą jaźń",
    "Καλημέρα σας",
    "Съешь же ещё",
    "Llanfairpwllgwyngyll",
    "Fish & Chips",
    "Ŵyn ap Siôn",
]


# ------------------------------------------------------------------ paste


def test_paste_of_every_case_as_text_and_as_html_reaches_the_store_clean(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, Qt

    from tests.gui.conftest import Windows

    windows = Windows(qtbot, tmp_path / "meetings.sqlite")
    window = windows.open()
    notes = window.editor.notes
    item_id = window.editor.item.id
    try:
        for kind in ("text", "html"):
            for name, text in CASES:
                notes.selectAll()
                qtbot.keyClick(notes, Qt.Key.Key_Delete)
                mime = QMimeData()
                if kind == "text":
                    mime.setText(text)
                else:
                    mime.setHtml(text)
                notes.insertFromMimeData(mime)
                shown = notes.toPlainText()
                if name == "plain" and kind == "text":  # once, by the idle timer itself
                    qtbot.waitUntil(lambda: not window.autosaver.pending, timeout=3000)
                assert window.save_now(), (kind, name, window.autosaver.error)
                with Store.open(window.store.path, readonly=True) as other:
                    stored = next(i for i in other.load_meeting(1).items if i.id == item_id)
                assert stored.minutes == clean_text(shown), (kind, name)
                assert not NEVER_STORED.search(stored.minutes.replace("\n", "").replace("\t", ""))
                if kind == "html":
                    assert "<script" not in stored.minutes and "<img" not in stored.minutes
                for word in MUST_SURVIVE:
                    if word in text and kind == "text":
                        assert word in stored.minutes, (name, word)
    finally:
        window.autosaver.flush()
        window.autosaver = None
        windows.shut(window)


# ------------------------------------------------------------------ exporters


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def _read_back(fmt: str, path: Path) -> str:
    """The file's text as its reader would get it; raises if the file is not valid."""
    data = path.read_bytes()
    if fmt == "docx":
        return docx_text(data)
    if fmt == "pdf":
        from pypdf import PdfReader

        assert len(PdfReader(io.BytesIO(data)).pages) > 0
        return pdf_text(data)
    if fmt == "html":
        parser = _Tags()
        parser.feed(data.decode("utf-8"))
        parser.close()
        assert "script" not in parser.tags and "img" not in parser.tags, "markup got through"
        return "".join(parser.text)
    if fmt == "json":
        from sspclerk.importers.meeting_json import meeting_from_json

        meeting = meeting_from_json(json.loads(data.decode("utf-8")))
        return "\n".join([meeting.committee.name, *(i.minutes for i in meeting.items)])
    return data.decode("utf-8")  # txt, moderngov: UTF-8 text


@pytest.fixture(scope="module")
def stored_cases(tmp_path_factory):
    db = tmp_path_factory.mktemp("cases") / "meetings.sqlite"
    with Store.open(db) as store:
        meeting_id = store.add_meeting(meeting_of_cases())
        return store.load_meeting(meeting_id)


@pytest.mark.parametrize("fmt", [f.name for f in formats()])
@pytest.mark.parametrize("source", ["stored", "raw"])
def test_every_exporter_writes_a_valid_file_or_a_clear_error(stored_cases, tmp_path, fmt, source):
    """Stored: the cleaned text, as the clerk's meeting is.  Raw: the corpus as it came."""
    meeting = stored_cases if source == "stored" else meeting_of_cases()
    target = tmp_path / f"minutes.{fmt}"
    for audience in ("public", "confidential"):
        try:
            export_meeting(meeting, fmt, audience, target)
        except ExportError as exc:
            message = str(exc)
            assert message and "\n" not in message and "Traceback" not in message
            assert not target.exists(), "a failed export left a file"
            continue
        text = _read_back(fmt, target)
        assert "Bad Input Partnership" in text or fmt == "moderngov"
        for word in MUST_SURVIVE:
            assert word in text, (fmt, audience, word)
        assert not re.search("[\x00\ud800-\udfff]", text), (fmt, "NUL or lone surrogate")


def test_a_five_megabyte_note_through_the_store_and_the_text_exporters(tmp_path):
    note = five_mb_note()
    meeting = meeting_of_cases()
    meeting.items[0].minutes = note
    db = tmp_path / "meetings.sqlite"
    with Store.open(db) as store:
        stored = store.load_meeting(store.add_meeting(meeting))
    assert stored.items[0].minutes == clean_text(note)
    for fmt in ("txt", "html"):
        target = tmp_path / f"minutes.{fmt}"
        export_meeting(stored, fmt, "confidential", target)
        text = _read_back(fmt, target)
        assert text.count("Paragraph ") >= note.count("Paragraph ") - 1
        assert "Zażółć gęślą jaźń" in text


def test_exporting_into_a_missing_folder_is_a_clear_error(stored_cases, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_meeting(stored_cases, "txt", "public", tmp_path / "nowhere" / "m.txt")


# ------------------------------------------------------------------ attach


@pytest.mark.parametrize("name, content", BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES])
def test_attach_refuses_broken_files_with_one_clear_line(name, content):
    from sspclerk.export.pdfcheck import PdfRefused, inspect_pdf

    with pytest.raises(PdfRefused) as refused:
        inspect_pdf(content, name=f"{name}.pdf")
    message = str(refused.value)
    assert f"{name}.pdf" in message and "\n" not in message and "Traceback" not in message


def _pdf_carrying(text: str) -> bytes:
    """A real one-page PDF with ``text`` as its title, author and (as far as fonts go) page."""
    import pikepdf
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from sspclerk.resources import resource_path

    if "DejaVuDrill" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuDrill", str(resource_path("fonts/DejaVuSans.ttf"))))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("DejaVuDrill", 11)
    drawable = text.encode("utf-8", "replace").decode("utf-8")[:300]
    for n, line in enumerate(drawable.splitlines()[:40] or [""]):
        c.drawString(72, 760 - 14 * n, line)
    c.showPage()
    c.save()
    pdf = pikepdf.open(io.BytesIO(buf.getvalue()))
    raw = text.encode("utf-8", "surrogatepass")  # lone surrogates as the bad bytes they are
    pdf.docinfo["/Title"] = pikepdf.String(raw)
    pdf.docinfo["/Author"] = pikepdf.String(raw[:200])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, text", CASES, ids=[c[0] for c in CASES])
def test_attach_takes_pdfs_whose_title_and_text_carry_the_corpus(name, text):
    from sspclerk.export.pdfcheck import inspect_pdf

    data = _pdf_carrying(text)
    info = inspect_pdf(data, name=f"{name}.pdf")
    assert info.page_count == 1 and info.size_bytes == len(info.content)


# ------------------------------------------------------------------ page import


@pytest.mark.parametrize("name, text", CASES, ids=[c[0] for c in CASES])
def test_page_import_of_every_case_is_a_meeting_or_a_clear_error(name, text):
    from sspclerk.importers.page import PageImport, PageImportError, import_page_text

    for page in (text, f"Safer Stockton Partnership\nMinutes\n{text}\n1 Apologies\n{text}"):
        try:
            result = import_page_text(page, source=f"{name}.txt")
        except PageImportError as exc:
            assert str(exc) and "Traceback" not in str(exc)
            continue
        assert isinstance(result, PageImport)


# ------------------------------------------------------------------ dates on the command line


def test_impossible_meeting_dates_on_the_command_line_are_one_clear_line(tmp_path):
    db = tmp_path / "meetings.sqlite"
    proc = run_cli(
        "--db",
        db,
        "import",
        Path(__file__).resolve().parents[2] / "resources" / "demo-meeting.json",
    )
    assert proc.returncode == 0, proc.stderr
    for bad in BAD_DATES:
        proc = run_cli("--db", db, "new-meeting", "--committee", "SSP", "--date", bad)
        assert_one_clear_line(proc, "date", "YYYY-MM-DD")
    with Store.open(db, readonly=True) as store:
        dates = sorted(str(m.date) for m in store.list_meetings())
        assert store.integrity_check() == ["ok"]
    assert dates == ["2025-07-23"]  # nothing was created
