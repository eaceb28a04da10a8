"""The PDF minutes' own page layout (export/pdf_layout.py).

Two kinds of check.  First an oracle: the same story handed to reportlab's
platypus (the general layout engine the writer used before, kept here only as
the judge, with its KeepTogether asking room for the first two lines of the
last paragraph as ours does) puts every word of the body at the same place on the same page, for
the demo minutes, for awkward minutes and for a few dozen generated meetings
whose paragraphs fall across page ends in every way.  Second, properties of the
layout over generated stories with made-up font widths: nothing lost, nothing
outside the text area, a heading never parted from what follows it, no single
line left at the foot of a page.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Spacer as RLSpacer

from sspclerk.export import pdf_layout as layout
from sspclerk.export import render_minutes
from sspclerk.export.model import build_minutes
from sspclerk.export.pdf_writer import FONT, ITALIC, _PdfBuilder
from tests.conftest import demo_meeting

from .readback import pdf_text, words

# ------------------------------------------------------------ the oracle


class _Heading(Flowable):
    """The item heading as platypus would draw it: number column, title beside it."""

    def __init__(self, heading: layout.ItemHeading) -> None:
        super().__init__()
        self.heading = heading
        self.number = _paragraph(heading.number)
        self.title = _paragraph(heading.title)

    def wrap(self, available_width, available_height):
        _, number_h = self.number.wrap(self.heading.column - 6, available_height)
        _, title_h = self.title.wrap(available_width - self.heading.column, available_height)
        self.height = max(number_h, title_h) + self.heading.gap
        return available_width, self.height

    def draw(self) -> None:
        top = self.height - self.heading.gap
        self.number.drawOn(self.canv, 0, top - self.number.height)
        self.title.drawOn(self.canv, self.heading.column, top - self.title.height)


class _KeepWithFirstLines(KeepTogether):
    """platypus's KeepTogether, asking room only for the first two lines of its last
    paragraph (the rest may split onto the next page), as ``KeepWithNext`` does."""

    def wrap(self, available_width, available_height):
        size = super().wrap(available_width, available_height)
        last = self._content[-1]
        if isinstance(last, RLParagraph):
            lines = len(last.blPara.lines)
            self._H -= (lines - min(lines, layout.ORPHAN_LINES)) * last.style.leading
        return size


class _Mark(Flowable):
    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        pass


def _paragraph(para: layout.Paragraph) -> RLParagraph:
    s = para.style
    style = ParagraphStyle(
        "oracle",
        fontName=s.face,
        fontSize=s.size,
        leading=s.leading,
        leftIndent=s.left,
        bulletIndent=s.bullet_indent,
        bulletFontName=FONT,
        bulletFontSize=s.bullet_size,
        spaceBefore=s.space_before,
        spaceAfter=s.space_after,
        alignment=TA_CENTER if s.centred else TA_LEFT,
    )
    if len(para.runs) == 1:
        markup = escape(para.runs[0][1])
    else:
        markup = "".join(f'<font name="{face}">{escape(text)}</font>' for face, text in para.runs)
    return RLParagraph(markup, style, bulletText=para.bullet)


def _flowable(block) -> Flowable:
    if isinstance(block, layout.Paragraph):
        return _paragraph(block)
    if isinstance(block, layout.ItemHeading):
        return _Heading(block)
    if isinstance(block, layout.Spacer):
        return RLSpacer(1, block.size)
    if isinstance(block, layout.KeepWithNext):
        return _KeepWithFirstLines([_flowable(b) for b in block.content])
    assert isinstance(block, layout.Bookmark)
    return _Mark()


def _platypus_pdf(builder: _PdfBuilder) -> bytes:
    frame = builder.frame()
    width, height = A4
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=frame.left - 6,
        rightMargin=width - frame.left - frame.width - 6,
        topMargin=height - frame.top - 6,
        bottomMargin=frame.bottom - 6,
        initialFontName=FONT,
    ).build([_flowable(block) for block in builder.story()])
    return out.getvalue()


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _body_words(data: bytes, frame: layout.Frame) -> list[list[tuple]]:
    """Per page, each word of the text area with its box (page marks and footer left out)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True
    ).stdout.decode("utf-8")
    height = A4[1]
    pages = []
    for page in html.split("<page ")[1:]:
        found = []
        for x0, y0, x1, y1, word in _WORD.findall(page):
            if float(y0) > height - frame.top - 4 and float(y1) < height - frame.bottom + 4:
                found.append((word, *(round(float(v), 1) for v in (x0, y0, x1, y1))))
        pages.append(found)
    return pages


def _same_as_platypus(meeting, audience: str = "confidential") -> int:
    """Asserts our PDF's body words sit where platypus puts them; returns the page count."""
    ours = render_minutes(meeting, "pdf", audience).data
    builder = _PdfBuilder(build_minutes(meeting, audience))
    frame = builder.frame()
    mine = _body_words(ours, frame)
    judge = _body_words(_platypus_pdf(builder), frame)
    assert len(mine) == len(judge)
    assert sum(map(len, mine)) > 300  # the words really were found and compared
    # Our one departure at the end: a last page of one line is avoided by laying the
    # last two pages out again (tested on its own below); those two are not compared.
    plain = layout._paginate(builder.story(), frame, builder.metrics)
    compared = len(mine) - 2 if plain[-1].body_lines() < layout.ORPHAN_LINES else len(mine)
    for number, (a, b) in enumerate(zip(mine[:compared], judge[:compared], strict=True), start=1):
        assert a == b, f"page {number} differs"
    return len(mine)


def test_a_last_page_never_holds_a_single_line() -> None:
    """The demo's public minutes once ended with "Agreed that the update be noted." alone
    on page 7: the page before now ends earlier, and every word is still there."""
    metrics = _Monospace()
    style = layout.Style("regular", 10, 12, space_after=6)
    frame = layout.Frame(left=0, bottom=0, width=200, top=12 * 10)  # ten lines a page
    fired = 0
    for lines_before in range(1, 30):
        story = [layout.Paragraph(style, " ".join(["word"] * 6 * lines_before))]
        story.append(layout.Paragraph(style, "The meeting closed at 4.10 pm."))
        plain = layout._paginate(story, frame, metrics)
        pages = layout.paginate(story, frame, metrics)
        text = [run for page in pages for line in page.lines for _, run in line.runs]
        assert " ".join(text).split() == ["word"] * 6 * lines_before + [
            "The",
            "meeting",
            "closed",
            "at",
            "4.10",
            "pm.",
        ]
        if len(pages) > 1:
            assert pages[-1].body_lines() >= layout.ORPHAN_LINES, lines_before
        if plain[-1].body_lines() < layout.ORPHAN_LINES and len(plain) > 1:
            assert len(pages) == len(plain)  # the same pages, the last two shared anew
            fired += 1
    assert fired >= 2  # the rule was needed, not just never triggered


@pytest.mark.parametrize("audience", ["public", "confidential"])
def test_demo_minutes_are_laid_out_as_platypus_lays_them_out(audience) -> None:
    assert _same_as_platypus(demo_meeting(), audience) >= 5


def _awkward_meeting():
    meeting = demo_meeting()
    item = meeting.items[2]
    item.minutes = "\n\n".join(
        [
            " ".join(["Partnership"] * 40),  # lines that fit only by shrinking their spaces
            "no\xa0break\xa0spaces between\xa0these words " * 12,
            *(" ".join(["ab\xa0" + "c" * k] * 60) for k in range(1, 8)),
            "<b>not bold</b> & 5 < 6 > 4 (brackets) \\ backslash " * 6,
            "- a bullet point that runs on long enough to wrap onto a second line " * 2,
            "\n".join(
                f"{n}. numbered point {n} that is long enough to wrap " * 2 for n in range(1, 12)
            ),
            "Cymraeg ŵ ŷ, Polski ł ż, Ελληνικά, кириллица, emoji 🎉 " * 5,
            "x " * 3000,  # a long paragraph that crosses pages
        ]
    )
    meeting.items[3].urgent_reason = "An italic note " * 30  # a long note under the title
    meeting.items[4].title = "A very long title " * 30  # over 400 characters: one paragraph
    return meeting


def test_awkward_minutes_are_laid_out_as_platypus_lays_them_out() -> None:
    assert _same_as_platypus(_awkward_meeting()) >= 8


def test_generated_meetings_break_pages_as_platypus_does() -> None:
    """Paragraphs of every length meeting page ends: splits, orphans, kept headings."""
    rng = random.Random(2026)
    vocabulary = [
        "the",
        "Partnership",
        "noted",
        "AGREED",
        "anti-social",
        "behaviour",
        "Łódź",
        "Αθήνα",
        "£1,250",
        "a",
    ]
    for _ in range(12):
        meeting = demo_meeting()
        for item in meeting.items:
            paragraphs = []
            for _ in range(rng.randint(0, 6)):
                text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 160)))
                if rng.random() < 0.3:
                    text = "\n".join(f"- {text[: rng.randint(5, 200)]}" for _ in range(3))
                paragraphs.append(text)
            item.minutes = "\n\n".join(paragraphs)
        _same_as_platypus(meeting)


def test_no_page_ends_with_a_label_or_a_papers_note() -> None:
    """A label or a note stays with the first lines after it (platypus's rules left a
    label at a page foot seven times in the bench's 60-item minutes, both audiences)."""
    rng = random.Random(7)
    vocabulary = ["the", "Partnership", "noted", "AGREED", "anti-social", "behaviour"]
    labels_seen = 0
    for _ in range(20):
        meeting = demo_meeting()
        for item in meeting.items:
            item.minutes = "\n\n".join(
                " ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 120)))
                for _ in range(rng.randint(0, 4))
            )
        for audience in ("public", "confidential"):
            builder = _PdfBuilder(build_minutes(meeting, audience))
            pages = layout.paginate(builder.story(), builder.frame(), builder.metrics)
            for page in pages:
                texts = ["".join(text for _, text in line.runs) for line in page.lines]
                labels_seen += texts.count("Minutes:") + texts.count("Actions:")
                assert texts[-1] not in ("Minutes:", "Actions:")
                assert page.lines[-1].runs[0][0] != ITALIC  # nor a paper's note
    assert labels_seen > 300  # the labels really were there to be checked


# ------------------------------------------------------------ properties


class _Monospace:
    """Made-up metrics: every character half an em wide."""

    def widths(self, face, size):
        return {}

    def width(self, face, text, size):
        return len(text) * size * 0.5


FACES = ["regular", "bold"]
STYLES = [
    layout.Style("regular", 10.5, 14, space_after=6),
    layout.Style("bold", 12, 15, space_before=10, space_after=6),
    layout.Style("regular", 10.5, 14, left=90, bullet_indent=70, space_after=3),
    layout.Style("regular", 9, 12, left=90, centred=True),
]
vocabulary = st.sampled_from(["a", "minutes", "Partnership", "ŵ", "W" * 80, "x\xa0y", "AGREED"])
texts = st.lists(vocabulary, min_size=0, max_size=200).map(" ".join)
paragraphs = st.builds(
    layout.Paragraph,
    st.sampled_from(STYLES),
    texts,
    st.sampled_from([None, "•", "100."]),
)
headings = st.builds(
    lambda number, title, first: layout.KeepWithNext(
        [
            layout.Bookmark("k", "t"),
            layout.ItemHeading(
                layout.Paragraph(STYLES[1], number), layout.Paragraph(STYLES[1], title), 90, 8
            ),
            first,
        ]
    ),
    st.sampled_from(["SSP/1/25", "100"]),
    texts,
    paragraphs,
)
stories = st.lists(
    st.one_of(paragraphs, headings, st.builds(layout.Spacer, st.sampled_from([4, 8]))),
    max_size=40,
)
FRAME = layout.Frame(left=60, bottom=60, width=460, top=780)


def _story_words(story) -> list[str]:
    out = []
    for block in story:
        if isinstance(block, layout.KeepWithNext):
            out += _story_words(block.content)
        elif isinstance(block, layout.ItemHeading):
            out += _story_words([block.number, block.title])
        elif isinstance(block, layout.Paragraph):
            for _, text in block.runs:
                out += text.split()
    return out


@settings(max_examples=300, deadline=None)
@given(story=stories)
def test_every_word_is_placed_once_inside_the_text_area(story) -> None:
    metrics = _Monospace()
    pages = layout.paginate(story, FRAME, metrics)
    placed = []
    for page in pages:
        for line in page.lines:
            assert FRAME.bottom - 1e-6 <= line.y <= FRAME.top
            assert line.x >= FRAME.left
            text = "".join(text for _, text in line.runs)
            spaces = text.count(" ") + text.count("\xa0")
            width = metrics.width("", text, line.size) + line.word_space * spaces
            assert line.x + width <= FRAME.left + FRAME.width + 1e-6
            placed.append(text)
    bullets = {"•", "100."}
    expected = _story_words(story)
    got = " ".join(placed).split()
    # Bullets are placed as their own lines; over-wide words come back cut into pieces.
    assert "".join(w for w in got if w not in bullets) == "".join(
        w for w in expected if w not in bullets
    )


@settings(max_examples=200, deadline=None)
@given(story=stories)
def test_a_heading_stays_with_what_follows_and_no_line_is_left_alone(story) -> None:
    metrics = _Monospace()
    # Mark each paragraph's lines so they can be found on the pages.
    pages = layout.paginate(story, FRAME, metrics)
    where: dict[int, list[int]] = {}
    for number, page in enumerate(pages):
        for line in page.lines:
            where.setdefault(id(line.runs), []).append(number)
    for block in story:
        if not isinstance(block, layout.KeepWithNext):
            continue
        heading, first = block.content[1], block.content[2]
        title_lines = heading.title.lines(FRAME.width - heading.column, metrics)
        first_lines = first.lines(FRAME.width, metrics)
        if title_lines and first_lines:
            assert where[id(title_lines[0].runs)] == where[id(first_lines[0].runs)]
    for block in story:
        if isinstance(block, layout.Paragraph):
            lines = block.lines(FRAME.width, metrics)
            if len(lines) >= 2:
                first_page = where[id(lines[0].runs)][0]
                assert where[id(lines[1].runs)][0] == first_page  # never one line alone


def test_a_word_wider_than_a_line_is_cut_and_nothing_is_lost() -> None:
    meeting = demo_meeting()
    address = "https://www.stockton.gov.uk/" + "a" * 300
    meeting.items[2].minutes = f"see {address} and after it"
    text = pdf_text(render_minutes(meeting, "pdf", "public").data)
    assert "".join(text.split()).count("see" + address + "andafterit") == 1


def test_soft_hyphens_are_invisible() -> None:
    meeting = demo_meeting()
    meeting.items[2].minutes = "co\xadoper\xadation between partners"
    text = words(pdf_text(render_minutes(meeting, "pdf", "public").data))
    assert "cooperation between partners" in text
    assert "\xad" not in text
