"""The parsed-font cache (export/pdf_fonts.py): faster, never a reason to fail.

Real fonts, real cache files, real PDFs read back; the cache is damaged in the
ways a disk or an interrupted run can damage it.
"""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from sspclerk.export import pdf_fonts
from sspclerk.resources import resource_path
from tests.conftest import cli_env
from tests.export.readback import pdf_text

REGULAR = resource_path("fonts/DejaVuSans.ttf")
SAMPLE = "Cyngor Sir Ynys Môn — Łódź, Αθήνα, Київ: £1,200 agreed"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SSPCLERK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "fonts"


def _cache_file() -> Path:
    path = pdf_fonts._cache_file(REGULAR, REGULAR.read_bytes())
    assert path is not None
    return path


def _face_state(font: TTFont) -> dict:
    for name in pdf_fonts._KEPT_FOR_LATER:
        getattr(font.face, name)  # unpickled on first use
    return {k: v for k, v in font.face.__dict__.items() if k not in ("_pdfScale", "_later")}


def _pdf_with(font: TTFont) -> bytes:
    """A one-line PDF drawn with ``font`` (invariant: no dates or random ids)."""
    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(72, 720, SAMPLE)
    canvas.save()
    return out.getvalue()


def test_first_load_keeps_the_tables_and_the_second_reads_them(cache, monkeypatch) -> None:
    fresh = pdf_fonts.load_font("CacheTest", REGULAR)
    assert _cache_file().is_file()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again instead of reading the cache")

    monkeypatch.setattr(TTFontFace, "extractInfo", no_parsing)
    cached = pdf_fonts.load_font("CacheTest", REGULAR)
    assert "glyphToChar" not in cached.face.__dict__  # waits until asked for
    assert _face_state(cached) == _face_state(fresh)
    assert cached.face._later == {}
    assert cached.face._pdfScale(2048) == fresh.face._pdfScale(2048)
    assert cached.stringWidth(SAMPLE, 10) == fresh.stringWidth(SAMPLE, 10)


def test_a_pdf_drawn_with_the_cached_font_is_byte_for_byte_the_same(cache) -> None:
    parsed = TTFont("CacheSame", str(REGULAR))
    pdf_fonts.load_font("CacheSame", REGULAR)  # writes the cache
    cached = pdf_fonts.load_font("CacheSame", REGULAR)
    assert cached is not parsed
    assert _pdf_with(cached) == _pdf_with(parsed)
    assert SAMPLE in pdf_text(_pdf_with(cached))


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # an empty file (a full disk)
        b"\x00" * 300,  # zeros (a crash before the data reached the disk)
        b"not a pickle at all",
        "truncated",
        "wrong shape",
        "inconsistent",
    ],
)
def test_a_damaged_cache_file_means_parsing_again_and_repairing_it(cache, damage) -> None:
    pdf_fonts.load_font("CacheDamage", REGULAR)
    target = _cache_file()
    good = target.read_bytes()
    if damage == "truncated":
        target.write_bytes(good[: len(good) // 2])
    elif damage == "wrong shape":
        target.write_bytes(pickle.dumps({"face": {"charToGlyph": "?"}, "font": 3}))
    elif damage == "inconsistent":
        kept = pickle.loads(good)
        kept["face"]["hmetrics"] = kept["face"]["hmetrics"][:10]
        target.write_bytes(pickle.dumps(kept))
    else:
        target.write_bytes(damage)

    font = pdf_fonts.load_font("CacheDamage", REGULAR)
    assert _face_state(font) == _face_state(TTFont("CacheDamage", str(REGULAR)))
    assert SAMPLE in pdf_text(_pdf_with(font))
    assert target.read_bytes() == good  # rewritten whole


def test_a_damaged_table_kept_for_later_is_read_from_the_font_file(cache) -> None:
    pdf_fonts.load_font("CacheLater", REGULAR)
    target = _cache_file()
    kept = pickle.loads(target.read_bytes())
    kept["later"]["glyphToChar"] = b"\x80\x05 damaged"
    target.write_bytes(pickle.dumps(kept))
    font = pdf_fonts.load_font("CacheLater", REGULAR)
    assert isinstance(font.face, pdf_fonts.CachedFace)  # the rest came from the cache
    assert font.face.glyphToChar == TTFont("CacheLater2", str(REGULAR)).face.glyphToChar
    assert SAMPLE in pdf_text(_pdf_with(font))


def test_no_usable_cache_folder_still_exports(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be made under a file")
    monkeypatch.setenv("SSPCLERK_CACHE_DIR", str(blocker))
    font = pdf_fonts.load_font("CacheBlocked", REGULAR)
    assert SAMPLE in pdf_text(_pdf_with(font))
    monkeypatch.setenv("SSPCLERK_CACHE_DIR", "")  # turned off
    assert pdf_fonts.cache_folder() is None
    assert SAMPLE in pdf_text(_pdf_with(pdf_fonts.load_font("CacheOff", REGULAR)))


def test_export_with_every_cache_file_corrupt(tmp_path: Path) -> None:
    """The whole command, as a clerk runs it, over a cache a crash has scrambled."""
    cache = tmp_path / "cache"
    env = cli_env(SSPCLERK_CACHE_DIR=str(cache))
    db = tmp_path / "s.sqlite"

    def sspclerk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sspclerk", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    assert sspclerk("demo").returncode == 0
    first = sspclerk("export", "latest", "-o", str(tmp_path / "first.pdf"))
    assert first.returncode == 0, first.stderr
    kept = sorted((cache / "fonts").glob("*.pickle"))
    assert len(kept) == 3  # regular, bold, italic
    for path in kept:
        path.write_bytes(path.read_bytes()[:100] + b"\xff" * 100)
    again = sspclerk("export", "latest", "-o", str(tmp_path / "again.pdf"))
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    first_text = pdf_text((tmp_path / "first.pdf").read_bytes())
    assert "Safer Stockton Partnership" in first_text
    assert pdf_text((tmp_path / "again.pdf").read_bytes()) == first_text


# Welsh, Polish, Greek, Cyrillic, a no-break space, and characters DejaVu lacks.
_LETTERS = "aAzZ09 .,ŵŷâ" + "ąęłńóśźżŁ" + "αβγΩάή" + "жЖщїєґ" + "\xa0" + "😀\U0001f680\u4e00"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_LETTERS + "".join(map(chr, range(0x100, 0x1C0))), max_size=60)))
def test_fast_split_string_gives_reportlab_s_answers(lines: list[str]) -> None:
    """The same lines, in the same order, split by both: same codes, same subsets."""
    ours = pdf_fonts.FastTTFont("SplitOurs", str(REGULAR))
    theirs = TTFont("SplitTheirs", str(REGULAR))
    doc_ours, doc_theirs = object.__new__(_Doc), object.__new__(_Doc)
    for line in [*lines, *lines]:  # the second time round every code is known
        assert ours.splitString(line, doc_ours) == theirs.splitString(line, doc_theirs)
    if lines:
        state_ours, state_theirs = ours.state[doc_ours], theirs.state[doc_theirs]
        assert state_ours.assignments == state_theirs.assignments
        assert state_ours.subsets == state_theirs.subsets


class _Doc:
    """Stands for the PDF document a font's subsets belong to (a weak-dict key)."""


def test_a_line_of_known_characters_takes_the_quick_way(monkeypatch) -> None:
    font = pdf_fonts.FastTTFont("SplitQuick", str(REGULAR))
    doc = object.__new__(_Doc)
    first = font.splitString(SAMPLE, doc)  # hands out the codes
    monkeypatch.setattr(TTFont, "splitString", lambda *a, **k: pytest.fail("slow way taken"))
    assert font.splitString(SAMPLE.replace(" ", "\xa0"), doc) == first


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=_LETTERS + "".join(map(chr, range(0x100, 0x1C0))), max_size=30)),
    st.sampled_from([6, 9.5, 10, 12, 14.25]),
)
def test_remembered_widths_are_reportlab_s_widths(words: list[str], size: float) -> None:
    """First and second time (from memory), even past the limit on words kept."""
    ours = pdf_fonts.FastTTFont("WidthOurs", str(REGULAR))
    theirs = TTFont("WidthTheirs", str(REGULAR))
    for word in [*words, *words, *(w.encode("utf8") for w in words)]:
        assert ours.stringWidth(word, size) == theirs.stringWidth(word, size)
    kept = ours.__dict__.get("_widths", {})
    assert all(len(remembered) <= pdf_fonts._WIDTHS_KEPT for remembered in kept.values())


def test_a_width_measured_before_is_not_measured_again(monkeypatch) -> None:
    font = pdf_fonts.FastTTFont("WidthOnce", str(REGULAR))
    first = font.stringWidth(SAMPLE, 11)
    assert first > 100
    monkeypatch.setattr(TTFont, "stringWidth", lambda *a, **k: pytest.fail("measured again"))
    assert font.stringWidth(SAMPLE, 11) == first


def test_the_words_kept_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(pdf_fonts, "_WIDTHS_KEPT", 3)
    font = pdf_fonts.FastTTFont("WidthBound", str(REGULAR))
    plain = TTFont("WidthBoundPlain", str(REGULAR))
    for n in range(10):
        assert font.stringWidth("x" * n, 10) == plain.stringWidth("x" * n, 10)
        assert sum(len(remembered) for remembered in font._widths.values()) <= 3


def test_minutes_pdf_is_byte_for_byte_the_same_without_remembered_widths(monkeypatch) -> None:
    from reportlab import rl_config

    from sspclerk.export import render_minutes
    from sspclerk.importers.meeting_json import read_meeting_file

    monkeypatch.setattr(rl_config, "invariant", 1)
    meeting = read_meeting_file(resource_path("demo-meeting.json"))
    remembered = render_minutes(meeting, "pdf", "confidential").data
    again = render_minutes(meeting, "pdf", "confidential").data  # widths now all remembered
    monkeypatch.setattr(pdf_fonts.FastTTFont, "stringWidth", TTFont.stringWidth)
    measured = render_minutes(meeting, "pdf", "confidential").data
    assert remembered == again == measured
    assert len(measured) > 10_000
