"""Files as other machines save them, and hostile files: read, or refused clearly.

Every case writes a real file and imports it with import_page_file, as the
command line does.
"""

from __future__ import annotations

import datetime as dt
import quopri
from pathlib import Path

import pytest

from sspclerk.export.meeting_json import dumps
from sspclerk.importers.meeting_json import loads
from sspclerk.importers.page import PageImportError, import_page_file, import_page_text

from .lostwords import lost_words
from .pagefiles import PAGES

SAMPLE = PAGES / "saltmarsh-cabinet.txt"


def _sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _fields(path: Path) -> tuple:
    m = import_page_file(path).meeting
    return (
        m.committee.name,
        m.date,
        m.venue,
        [(i.number, i.title, i.minutes, [o.text for o in i.outcomes]) for i in m.items],
    )


ENCODINGS = {
    "utf-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16 LE with BOM": lambda t: t.encode("utf-16"),
    "utf-16 BE with BOM": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16 LE without BOM": lambda t: t.encode("utf-16-le"),
    "utf-16 BE without BOM": lambda t: t.encode("utf-16-be"),
    "windows line ends": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "old Mac line ends": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "windows-1252": lambda t: t.encode("cp1252"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_the_same_page_saved_in_other_encodings_reads_the_same(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(ENCODINGS[encoding](_sample()))
    assert path.read_bytes() != SAMPLE.read_bytes()
    assert _fields(path) == _fields(SAMPLE)


def test_windows_1252_bytes_it_leaves_unassigned_are_read_not_refused(tmp_path: Path) -> None:
    page = _sample().replace("Lido Refurbishment", "Lido Refurbishment \u2019")
    path = tmp_path / "page.txt"
    # byte 0x81 has no Windows-1252 character; it must not make the file unreadable
    path.write_bytes(page.encode("cp1252").replace(b"\x92", b"\x92\x81"))
    title = import_page_file(path).meeting.item("44").title
    # read, and its C1 control dropped as every C1 control is (core/text.py)
    assert title == "Lido Refurbishment \u2019 Business Case"


def test_no_break_spaces_smart_quotes_and_zero_width_spaces() -> None:
    page = (
        _sample()
        .replace("Minutes:", "Minutes:\u200b")
        .replace("Decision:", "\ufeffDecision:")
        .replace("Venue: The Chamber", "Venue:\u00a0The\u00a0Chamber")
        .replace("Lido Refurbishment Business Case", "\u201cLido\u201d Refurbishment Business Case")
    )
    m = import_page_text(page, "x").meeting
    assert m.venue.startswith("The Chamber, Saltmarsh House")
    assert m.item("44").title == "\u201cLido\u201d Refurbishment Business Case"
    assert m.item("44").outcomes[0].text.startswith("RESOLVED that:\n(a)")
    assert m.item("41").minutes.startswith("Apologies for absence were received")


def test_a_run_of_a_hundred_thousand_spaces_is_read_promptly(tmp_path: Path) -> None:
    """Line patterns would take hours over such a run; it is cut to sixteen spaces."""
    page = _sample() + "\nA closing word" + " " * 100_000 + "and another.\n"
    page += "\nA document title" + "\u00a0" * 100_000 + "pdf icon\n"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    m = import_page_file(path).meeting
    assert "A closing word" + " " * 16 + "and another." in m.item("46").minutes


def test_a_page_nested_twenty_thousand_divs_deep_does_not_crash() -> None:
    markup = (
        "<!DOCTYPE html><html><body>"
        + "<div>" * 20_000
        + "<p>Harbourside Board - Tuesday 4th March 2025 6.30 pm</p><p>1.</p><p>Welcome</p>"
        + "<p>Minutes:</p><p>The Chair welcomed all.</p>"
        + "</div>" * 20_000
        + "</body></html>"
    )
    m = import_page_text(markup, "deep.html").meeting
    assert [(i.number, i.title, i.minutes) for i in m.items] == [
        ("1", "Welcome", "The Chair welcomed all.")
    ]


@pytest.mark.parametrize(
    "page",
    [
        "Harbourside Board - Tuesday 4th March 2025\n\n" + "Minutes:\n\n" * 5000,
        "Harbourside Board - Tuesday 4th March 2025\n\nPresent: " + "(" * 50_000,
        "Harbourside Board - Tuesday 4th March 2025\n\n" + "Cllr A declared " * 5000,
        "Harbourside Board - Tuesday 4th March 2025\n\n" + "1\t" * 10_000,
        "<!DOCTYPE html>" + "<table><tr><td>" * 5000 + "Tuesday 4th March 2025",
        "Agenda\n\nHarbourside Board - Tuesday 4th March 2025\n\n" + "2025\n\n" * 3000,
    ],
    ids=["minutes labels", "brackets", "declared", "tabs", "tables", "numbers"],
)
def test_hostile_pages_are_read_or_refused_never_crash(page: str) -> None:
    try:
        result = import_page_text(page, "hostile.txt")
    except PageImportError as exc:
        assert "hostile.txt" in str(exc)
        return
    assert loads(dumps(result.meeting)) is not None


def _long_page(n: int) -> str:
    """An invented planning committee with n applications, a few of them restricted."""
    parts = [
        "Agenda and minutes",
        "Greyhaven Planning Committee - Wednesday 1st October 2025 6.00 pm",
        "Venue: Greyhaven Guildhall",
        "Present: Cllr Una Example (Chair), Cllr Vic Sample",
    ]
    for k in range(1, n + 1):
        parts += [f"{k}.", f"Application GH/25/{k:04d} - {k} Lantern Row pdf icon PDF {k} KB"]
        parts += ["Minutes:", f"The Committee considered application {k} for a rear extension."]
        if k % 25 == 0:
            parts.append("This item was restricted under paragraph 3 of Schedule 12A.")
        parts.append(f"RESOLVED that application {k} be approved (For {k % 9}, Against 1).")
    return "\n\n".join(parts) + "\n"


def test_a_page_with_a_hundred_and_fifty_items_loses_nothing() -> None:
    page = _long_page(150)
    result = import_page_text(page, "long.txt")
    m = result.meeting
    assert [i.number for i in m.items] == [str(k) for k in range(1, 151)]
    assert m.item("150").title == "Application GH/25/0150 - 150 Lantern Row"
    assert m.item("150").documents[0].size_bytes == 150 * 1024
    assert [i.number for i in m.items if i.restricted] == ["25", "50", "75", "100", "125", "150"]
    assert m.item("88").outcomes[0].votes_for == 88 % 9
    assert result.unplaced == []
    assert lost_words(page, result) == []


def test_a_page_with_three_thousand_items_is_read() -> None:
    m = import_page_text(_long_page(3000), "huge.txt").meeting
    assert len(m.items) == 3000
    assert m.date == dt.date(2025, 10, 1)


def test_a_single_file_web_archive_reads_like_the_saved_page(tmp_path: Path) -> None:
    """Chrome/Edge "Webpage, Single File" (.mhtml): a MIME message holding the page."""
    html_path = PAGES / "kestrel-saved-page.html"
    body = quopri.encodestring(html_path.read_bytes()).decode("ascii")
    archive = (
        "From: <Saved by Blink>\r\nSubject: Agenda for Kestrel Fields Scrutiny Panel\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        '\tboundary="----Boundary--x1----"\r\n\r\n------Boundary--x1----\r\n'
        "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://example.org/meeting\r\n\r\n"
        f"{body}\r\n------Boundary--x1----\r\nContent-Type: text/css\r\n\r\n"
        ".mgBold { font-weight: bold }\r\n------Boundary--x1------\r\n"
    )
    path = tmp_path / "meeting.mhtml"
    path.write_text(archive, encoding="ascii", newline="")
    assert "=C5=81" in archive  # the Ł of Łucja, quoted-printable
    assert dumps(import_page_file(path).meeting) == dumps(import_page_file(html_path).meeting)
