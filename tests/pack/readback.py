"""Read a pack back the way a reader would: page text, word positions, bookmarks."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pikepdf
import pypdf


def page_texts(path: Path) -> list[str]:
    """Text of each page, by poppler's pdftotext (what a viewer's search would find)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def word_boxes(path: Path, page: int) -> tuple[float, float, list[tuple[str, float, float]]]:
    """(visual width, visual height, [(word, x_min, y_min)]) of one page, y from the top."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    # pdftotext gives word positions as shown (after /Rotate) but the page size unrotated.
    with pikepdf.open(path) as pdf:
        shown = pdf.pages[page - 1]
        crop = [float(v) for v in shown.cropbox]
        media = [float(v) for v in shown.mediabox]  # a viewer shows the crop within the media
        width = min(crop[2], media[2]) - max(crop[0], media[0])
        height = min(crop[3], media[3]) - max(crop[1], media[1])
        if int(shown.obj.get("/Rotate", 0)) % 180 == 90:
            width, height = height, width
    words = [
        (unescape(m.group(3)), float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    ]
    return width, height, words


def outline(path: Path) -> list[tuple[int, str, int]]:
    """Bookmarks as (depth, title, 1-based page)."""
    reader = pypdf.PdfReader(str(path))
    found: list[tuple[int, str, int]] = []

    def walk(entries: list, depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def all_strings(path: Path) -> str:
    """Every string and every decoded stream in the file: what a determined reader could dig out."""
    parts: list[str] = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes().decode("latin-1"))
                parts.append(repr(obj.stream_dict))
            elif isinstance(obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.String):
                parts.append(repr(obj))
        parts.append(repr(dict(pdf.docinfo)))
    return "\n".join(parts)
