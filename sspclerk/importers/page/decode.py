"""The first step: a file's bytes to the page's text, or a clear refusal.

Pages arrive as browser copies and saves in whatever encoding the clerk's
machine used: UTF-8 (with or without a BOM), UTF-16 (with a BOM, or without one
when every other byte is zero), else Windows-1252.  Empty files, PDFs and
binaries are refused here, before any reading.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .result import PageImportError

#: A saved meeting page is well under 2 MB; anything this big is something else.
MAX_PAGE_BYTES = 20 * 1024 * 1024


def read_page_bytes(path: Path) -> bytes:
    """The file's bytes; PageImportError when it cannot be read or is far too big."""
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageImportError(
                f"{path} is {size // (1024 * 1024)} MB, far larger than a committee "
                "page; nothing was imported"
            )
        return path.read_bytes()
    except OSError as exc:
        raise PageImportError(f"cannot read {path}: {exc.strerror or exc}") from None


def decode_page(raw: bytes, source: str) -> str:
    """The page's text; PageImportError for empty, binary or undecodable files."""
    if not raw.strip():
        raise PageImportError(f"{source} is empty; nothing was imported")
    if raw.startswith(b"%PDF"):
        raise PageImportError(
            f"{source} is a PDF, not a web page; save the meeting page from the browser as "
            "text or HTML; nothing was imported"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise PageImportError(f"{source} is not readable text; nothing was imported") from None
    text = _utf16_without_bom(raw)
    if text is None:
        if b"\x00" in raw[:65536]:
            raise PageImportError(
                f"{source} is a binary file, not a web page; nothing was imported"
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Windows-1252; its five unassigned bytes read as Latin-1 rather than refused.
            text = raw.decode("cp1252", errors="cp1252_as_latin1")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\x0b\x0c")
    if controls > max(8, len(text[:65536]) // 100):
        raise PageImportError(f"{source} is a binary file, not a web page; nothing was imported")
    return text


def _cp1252_as_latin1(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("latin-1"), error.end


codecs.register_error("cp1252_as_latin1", _cp1252_as_latin1)


def _utf16_without_bom(raw: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark: every other byte is zero."""
    sample = raw[:4096]
    if len(sample) < 8:
        return None
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= len(zeros) * 0.6:
            try:
                return raw[: len(raw) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None
