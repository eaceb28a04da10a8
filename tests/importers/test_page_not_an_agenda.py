"""Files that are not agenda pages: one clear error naming the file, nothing imported."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sspclerk.importers.page import (
    PageImportError,
    PageNeedsDetails,
    import_page_file,
    import_page_text,
)

from .pagefiles import PAGES


def _random_bytes(n: int) -> bytes:
    rng = random.Random(1234)
    return bytes(rng.randrange(256) for _ in range(n))


CASES = {
    "empty.txt": b"",
    "blank-lines.txt": b"\n\n   \r\n\t\n",
    "random.bin": _random_bytes(4096),
    "random.txt": _random_bytes(600),
    "meeting.json": json.dumps({"format": "sspclerk-meeting", "items": []}).encode(),
    "report.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n",
    "picture.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(200),
    "utf16-novel.txt": "Chapter One\n\nIt rained all week.\n".encode("utf-16"),
    "shopping.txt": b"Milk\nEggs\n12 eggs\nBread\n",
    "prose-with-a-date.txt": (
        b"The fair came to town on Saturday 3rd May 2025 10.00 am and stayed until the "
        b"rain drove everyone home.\n\nNobody minded very much.\n"
    ),
    "webpage.html": (
        b"<!DOCTYPE html><html><head><title>Bins</title></head><body><nav>Home</nav>"
        b"<h1>Bin collection days</h1><p>Green bins are collected on Tuesdays.</p></body></html>"
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_not_an_agenda_is_refused_with_one_clear_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(CASES[name])
    with pytest.raises(PageImportError) as caught:
        import_page_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message
    assert "nothing was imported" in message


def test_novel_chapter_is_refused() -> None:
    path = PAGES / "not-an-agenda" / "novel-chapter.txt"
    with pytest.raises(PageImportError, match="not a committee agenda or minutes page"):
        import_page_file(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PageImportError, match="cannot read"):
        import_page_file(tmp_path / "nowhere.txt")


def test_windows_1252_page_is_read() -> None:
    page = (PAGES / "linnet-unnumbered.txt").read_text(encoding="utf-8")
    page = page.replace("Welcome and Introductions", "Welcome \u2013 Croeso")
    meeting = import_page_text(page.encode("cp1252").decode("cp1252"), "x").meeting
    assert meeting.items[0].title == "Welcome \u2013 Croeso"


def test_cp1252_file_bytes_are_decoded(tmp_path: Path) -> None:
    page = (PAGES / "linnet-unnumbered.txt").read_text(encoding="utf-8")
    page = page.replace("Welcome and Introductions", "Caf\u00e9 Welcome \u2013 Introductions")
    path = tmp_path / "page.txt"
    path.write_bytes(page.encode("cp1252"))
    assert import_page_file(path).meeting.items[0].title == "Caf\u00e9 Welcome \u2013 Introductions"


def test_prose_with_a_modern_date_and_a_number_line_is_refused() -> None:
    novel = (PAGES / "not-an-agenda" / "novel-chapter.txt").read_text(encoding="utf-8")
    novel = novel.replace("1890", "2025")
    with pytest.raises(PageImportError, match="its numbered parts have nothing an agenda") as e:
        import_page_text(novel, "chapter.txt")
    assert not isinstance(e.value, PageNeedsDetails)  # refused, not a question to the clerk


def test_a_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    from sspclerk.importers.page import decode

    monkeypatch.setattr(decode, "MAX_PAGE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text((PAGES / "linnet-unnumbered.txt").read_text(encoding="utf-8") * 3)
    with pytest.raises(PageImportError, match="larger than a committee page"):
        import_page_file(path)
