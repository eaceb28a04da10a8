"""The quick line breaker gives reportlab's own lines, or steps aside.

For every generated paragraph, width and style of the PDF writer, either
``Para`` hands the text to reportlab (returns None from the quick path) or its
lines are exactly reportlab's: same words per line, same spare width.  The
generated text is mostly ordinary words (so the quick path is really taken, and
that is counted) with the awkward cases mixed in: no-break and other Unicode
spaces, soft hyphens, words wider than a line, tabs and newlines, Welsh, Greek.
"""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

import sspclerk.export.pdf_writer as pdf_writer
from sspclerk.export.pdf_paragraph import Para

pdf_writer._font()  # registers the embedded faces the styles name
STYLES = pdf_writer._styles()

WORDS = [
    "the",
    "Partnership",
    "AGREED",
    "Cleveland",
    "anti-social",
    "behaviour",
    "ŵyr",
    "Łódź",
    "Αθήνα",
    "£1,250",
    "(SSP/12/25)",
    "a",
    "I",
    "—",
]
SPACES = [" ", " ", " ", "  ", "\xa0", "\u2003", "\t", "\n", " \u202f "]
ODD = ["\xad", "https://www.stockton.gov.uk/" + "x" * 120, "W" * 90]


def _frag(style, text: str):
    _, frags, _ = ParaParser().parse("x", style)
    return frags[0].clone(text=text)


def _lines(quick: bool, text, style, widths, bullet, words=None):
    """Lines as (spare width, words): ours when ``quick`` (None if we step aside),
    else reportlab's own ``breakLines``."""
    frag = _frag(style, text)
    if words is not None:
        del frag.text
        frag.words = words
    para = (Para if quick else Paragraph)("", style, bulletText=bullet, frags=[frag])
    out = para._plain_lines(list(widths)) if quick else para.breakLines(list(widths))
    if out is None:
        return None
    return [(round(spare, 6), list(ws)) for spare, ws in out.lines]


def _reportlab_lines(text, style, widths, bullet, words=None):
    return _lines(False, text, style, widths, bullet, words)


def _quick_lines(text, style, widths, bullet, words=None):
    return _lines(True, text, style, widths, bullet, words)


texts = st.lists(
    st.tuples(st.sampled_from(WORDS + ODD), st.sampled_from(SPACES)),
    min_size=1,
    max_size=80,
).map(lambda pairs: "".join(w + s for w, s in pairs))
widths = st.floats(min_value=40, max_value=500)
style_names = st.sampled_from(["body", "entry", "person", "outcome", "note", "title", "item"])
bullets = st.sampled_from([None, "•", "12.", "100."])


@settings(max_examples=1500, deadline=None)
@given(text=texts, first=widths, rest=widths, name=style_names, bullet=bullets)
def test_quick_lines_are_reportlabs_lines(text, first, rest, name, bullet) -> None:
    style = STYLES[name]
    quick = _quick_lines(text, style, (first, rest), bullet)
    if quick is not None:
        assert quick == _reportlab_lines(text, style, (first, rest), bullet)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=60),
    width=st.floats(min_value=200, max_value=500),
    name=style_names,
)
def test_the_rest_of_a_split_paragraph_breaks_the_same(words, width, name) -> None:
    style = STYLES[name]
    quick = _quick_lines("", style, (width, width), None, words=list(words))
    assert quick is not None  # plain words, each narrower than the line: the quick path
    assert quick == _reportlab_lines("", style, (width, width), None, words=list(words))


def test_most_generated_minutes_text_takes_the_quick_path() -> None:
    """Guards the generated test from passing by always stepping aside."""
    rng = random.Random(2025)
    for _ in range(300):
        spaces = [sp for sp in SPACES if "\xa0" not in sp]  # a no-break space joins words
        text = "".join(rng.choice(WORDS) + rng.choice(spaces) for _ in range(rng.randint(1, 80)))
        width = rng.uniform(200, 480)
        bullet = rng.choice([None, "•"])
        lines = _quick_lines(text, STYLES["entry"], (width, width), bullet)
        assert lines is not None, text
        assert lines == _reportlab_lines(text, STYLES["entry"], (width, width), bullet)


@pytest.mark.parametrize(
    "text",
    [
        "co\xadoper\xadation between partners",  # soft hyphens: reportlab may break there
        "see https://www.stockton.gov.uk/" + "a" * 200,  # longer than a line
        "",
        "   \n\t ",
    ],
)
def test_the_awkward_cases_go_to_reportlab(text) -> None:
    assert _quick_lines(text, STYLES["body"], (300, 300), None) is None


def test_ordinary_minutes_text_takes_the_quick_path() -> None:
    text = "The Partnership noted the update and AGREED the recommendations. " * 20
    lines = _quick_lines(text, STYLES["body"], (380, 380), None)
    assert lines is not None and len(lines) > 5
    assert lines == _reportlab_lines(text, STYLES["body"], (380, 380), None)


# ------------------------------------------------------------ drawing


def _drawn(cls, text, style, width, bullet) -> bytes:
    """A page with one paragraph of ``cls`` drawn on it (invariant: no dates or ids)."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, pageCompression=0)
    para = cls("", style, bulletText=bullet, frags=[_frag(style, text)])
    _, height = para.wrap(width, 10_000)
    para.drawOn(canvas, 40, 800 - height)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(
    text=texts,
    width=st.floats(min_value=150, max_value=500),
    name=style_names,
    bullet=bullets,
    centred=st.booleans(),
)
def test_a_drawn_paragraph_is_byte_for_byte_reportlabs(text, width, name, bullet, centred) -> None:
    style = ParagraphStyle(
        f"{name}-{centred}", STYLES[name], alignment=TA_CENTER if centred else TA_LEFT
    )
    assert _drawn(Para, text, style, width, bullet) == _drawn(Paragraph, text, style, width, bullet)


# ------------------------------------------------------------ whole PDFs


def _awkward_meeting():
    """The demo meeting with text that exercises every branch of drawing a line."""
    from tests.conftest import demo_meeting

    meeting = demo_meeting()
    item = meeting.items[2]
    item.minutes = "\n\n".join(
        [
            # lines that only fit by shrinking their spaces (word spacing set and reset)
            " ".join(["Partnership"] * 40),
            "no\xa0break\xa0spaces between\xa0these words " * 12,
            # squeezed lines with no-break spaces (reportlab counts them as spaces)
            *(" ".join(["ab\xa0" + "c" * k] * 60) for k in range(1, 12)),
            "a word too wide for any line: " + "W" * 120 + " and after it",
            "co\xadoper\xadation and soft\xadhyphens " * 15,
            "<b>not bold</b> & 5 < 6 > 4 (brackets) \\ backslash " * 6,
            "- a bullet point that runs on long enough to wrap onto a second line " * 2,
            "1. a numbered point\n2. another numbered point that is long " * 3,
            "Cymraeg ŵ ŷ, Polski ł ż, Ελληνικά, кириллица, emoji 🎉 " * 5,
            "x " * 3000,  # a long paragraph that crosses pages
        ]
    )
    meeting.items[3].notes = ["An italic note " * 30]
    return meeting


def test_pdfs_are_byte_for_byte_reportlabs(monkeypatch) -> None:
    """The quick breaker and drawer change nothing in the file, only the time."""
    from reportlab import rl_config

    from sspclerk.export import render_minutes
    from sspclerk.export.pdf_paragraph import Para

    monkeypatch.setattr(rl_config, "invariant", 1)
    meetings = [_awkward_meeting()]
    from tests.conftest import demo_meeting

    meetings.append(demo_meeting())
    quick_draws = []
    plainly = Para._draws_plainly
    monkeypatch.setattr(Para, "_draws_plainly", lambda self: quick_draws.append(1) or plainly(self))
    ours = [
        render_minutes(m, "pdf", audience).data
        for m in meetings
        for audience in ("public", "confidential")
    ]
    assert len(quick_draws) > 100
    monkeypatch.setattr(Para, "drawPara", Paragraph.drawPara)
    monkeypatch.setattr(Para, "breakLines", Paragraph.breakLines)
    theirs = [
        render_minutes(m, "pdf", audience).data
        for m in meetings
        for audience in ("public", "confidential")
    ]
    for mine, reportlabs in zip(ours, theirs, strict=True):
        assert mine == reportlabs


def test_without_reportlabs_helpers_every_paragraph_is_reportlabs_own(monkeypatch) -> None:
    """A reportlab that moved its private helpers turns the quick paths off (QUICK
    False): the minutes still come out, byte for byte as with the quick paths."""
    from reportlab import rl_config

    import sspclerk.export.pdf_paragraph as pdf_paragraph
    from sspclerk.export import render_minutes

    monkeypatch.setattr(rl_config, "invariant", 1)
    meeting = _awkward_meeting()
    quick = render_minutes(meeting, "pdf", "confidential").data
    monkeypatch.setattr(pdf_paragraph, "QUICK", False)
    monkeypatch.setattr(
        pdf_paragraph.Para, "_plain_lines", lambda *a: pytest.fail("quick path taken")
    )
    monkeypatch.setattr(
        pdf_paragraph.Para, "_draws_plainly", lambda *a: pytest.fail("quick path taken")
    )
    assert render_minutes(meeting, "pdf", "confidential").data == quick
