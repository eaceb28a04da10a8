"""Random damage to valid pages never crashes the importer.

Lines dropped, duplicated, wrapped, re-indented, swapped or given odd whitespace:
the importer either returns a meeting (that the JSON codec accepts) or raises
PageImportError; a page whose damage took its committee or date asks for them
(PageNeedsDetails) and, given them, is read.  Nothing else may escape.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sspclerk.export.meeting_json import dumps
from sspclerk.importers.meeting_json import loads
from sspclerk.importers.page import (
    MeetingDetails,
    PageImportError,
    PageNeedsDetails,
    decode_page,
    import_page_text,
)
from sspclerk.importers.page.markup import html_to_text

from .lostwords import lost_words
from .pagefiles import SAMPLES, SEED

_PAGES = [decode_page(p.read_bytes(), p.name) for p in SAMPLES]
if SEED.is_file():
    _PAGES.append(SEED.read_text(encoding="utf-8"))
_WHITESPACE = ["", " ", "  ", "\t", "\u00a0", "\u00a0\u00a0\u00a0", "\u2003", "\r"]
_NOISE = [
    "Minutes:",
    "Decision:",
    "1.",
    "(12)",
    "SSP/99/25",
    "AGREED",
    "Present:",
    "pdf icon PDF 9 KB",
    "Declarations of interest:",
    "-",
    "Share this item",
    "<p>",
    "Venue:",
    "RESOLVED that:",
]


@st.composite
def damaged_page(draw: st.DrawFn, split_words: bool = True) -> str:
    lines = draw(st.sampled_from(_PAGES)).split("\n")
    for _ in range(draw(st.integers(0, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "wrap", "space", "swap", "noise", "join"]))
        line = lines[i]
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
        elif op == "wrap" and len(line) > 2 and (split_words or " " in line.strip()):
            spaces = [k for k, ch in enumerate(line) if ch == " " and 0 < k < len(line) - 1]
            cut = draw(st.integers(1, len(line) - 1) if split_words else st.sampled_from(spaces))
            lines[i : i + 1] = [line[:cut], line[cut:]]
        elif op == "space":
            lines[i] = (
                draw(st.sampled_from(_WHITESPACE)) + line + draw(st.sampled_from(_WHITESPACE))
            )
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "noise":
            lines.insert(i, draw(st.sampled_from(_NOISE)))
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [line + " " + lines[i + 1]]
    return "\n".join(lines)


#: What a clerk gives for a page that does not say its committee and date.
GIVEN = MeetingDetails("Damaged Page Committee", dt.date(2025, 1, 1))


@settings(
    max_examples=int(os.environ.get("PAGE_FUZZ", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(damaged_page())
def test_damaged_pages_never_crash(page: str) -> None:
    try:
        result = import_page_text(page, "damaged.txt")
    except PageNeedsDetails as exc:
        assert "damaged.txt" in str(exc) and exc.missing
        result = import_page_text(page, "damaged.txt", GIVEN)  # given, it is read
    except PageImportError as exc:
        assert "damaged.txt" in str(exc)
        return
    meeting = result.meeting
    # whatever was read is a meeting the rest of the app accepts
    assert loads(dumps(meeting)) is not None
    numbers = [i.number for i in meeting.items if i.number]
    assert all(d.item in numbers for d in meeting.declarations)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    with contextlib.suppress(PageImportError):
        import_page_text(text, "random.txt")
    with contextlib.suppress(PageImportError):
        import_page_text(text, "random.txt", GIVEN)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abpdivlitrscy!-\n&;#")), max_size=300))
def test_markup_soup_never_crashes(markup: str) -> None:
    html_to_text("<html><body>" + markup)
    with contextlib.suppress(PageImportError):
        import_page_text("<!DOCTYPE html>" + markup, "soup.html")


@settings(
    max_examples=int(os.environ.get("PAGE_FUZZ", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("PAGE_FUZZ") is None,  # the same examples on every run
)
@given(damaged_page(split_words=False))
def test_damaged_pages_lose_no_word(page: str) -> None:
    """Whatever the damage, each word of the page is placed or in the unplaced note;
    a page whose header the damage broke is read once the clerk gives the details."""
    try:
        result = import_page_text(page, "damaged.txt")
    except PageNeedsDetails:
        result = import_page_text(page, "damaged.txt", GIVEN)
    except PageImportError:
        return
    assert lost_words(page, result, whole_lines=False) == []
