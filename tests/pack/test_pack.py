"""The pack read back as a reader sees it: pages, stamps, numbers, bookmarks, audiences."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import threading
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas as rl_canvas

from sspclerk.export.pack import PackCancelled, PackError, PackPart, build_pack, plan_pack
from tests.conftest import demo_meeting as read_demo

from . import samples
from .conftest import CANARY_FILE, CANARY_TAG, CANARY_TITLE, Papers, demo_meeting
from .readback import all_strings, outline, page_texts, word_boxes

PUBLIC_PAPERS = [  # (item, title, tag, pages) in agenda order
    ("SSP/15/25", "Recorded Crime & Disorder Report", "crime", 3),
    ("SSP/15/25", "Crime figures (landscape)", "land", 2),
    ("SSP/17/25", "Knife Crime Action Plan", "a3", 1),
    ("SSP/17/25", "Scanned letter", "rot90", 2),
    ("SSP/17/25", "Upside-down scan", "rot180", 1),
    ("SSP/17/25", "Sideways table", "rot270", 1),
    ("SSP/18/25", "Consultation form", "form", 1),
    ("SSP/18/25", "Map extract", "map", 1),
]


def make(meeting, papers: Papers, part: str, out: Path, **kw):
    with plan_pack(meeting, part, papers.content) as plan:
        return build_pack(plan, out, **kw)


@pytest.fixture
def public(meeting, papers, out):
    result = make(meeting, papers, "public", out)
    return result, page_texts(out)


def test_public_pack_has_front_sheet_then_every_public_page(public, out):
    result, texts = public
    body = sum(p for *_, p in PUBLIC_PAPERS)
    assert result.page_count == len(texts) == result.front_sheet_pages + body
    assert [(p.item_number, p.title, p.page_count) for p in result.papers] == [
        (i, t, n) for i, t, _, n in PUBLIC_PAPERS
    ]
    # Each paper's pages land, in order, where the result says they start.
    for placed, (_, _, tag, count) in zip(result.papers, PUBLIC_PAPERS, strict=True):
        for n in range(1, count + 1):
            assert samples.marker(tag, n) in texts[placed.start_page - 1 + n - 1]


def test_every_page_is_numbered_once_and_in_sequence(public):
    _, texts = public
    for number, text in enumerate(texts, start=1):
        assert re.findall(r"\bPage (\d+)\b", text) == [str(number)], text[-200:]


def test_only_each_papers_first_page_carries_the_item_stamp(public):
    result, texts = public
    starts = {p.start_page: p.item_number for p in result.papers}
    for number, text in enumerate(texts, start=1):
        stamps = re.findall(r"Agenda Item (\S+)", text)
        if number in starts:
            assert stamps == [starts[number]]
        elif number > result.front_sheet_pages:
            assert stamps == []
    assert "NOT FOR PUBLICATION" not in "".join(texts)


def _front_sheet_pages(texts: list[str], result) -> str:
    return "\n".join(texts[: result.front_sheet_pages])


def test_front_sheet_page_references_are_the_real_start_pages(public):
    result, texts = public
    front = _front_sheet_pages(texts, result)
    for placed in result.papers:
        line = re.search(re.escape(placed.title) + r"\s+(\d+)\s*$", front, re.M)
        assert line, placed.title
        assert int(line.group(1)) == placed.start_page
        assert f"Agenda Item {placed.item_number}" in texts[int(line.group(1)) - 1]
    # The item line carries its first paper's page.
    first = {}
    for placed in result.papers:
        first.setdefault(placed.item_number, placed.start_page)
    for number, page in first.items():
        assert re.search(re.escape(number) + r"\s+.+?\s+" + str(page) + r"\s*$", front, re.M)


def test_front_sheet_shows_the_meeting_and_part_b_without_pages(public):
    result, texts = public
    front = _front_sheet_pages(texts, result)
    for words in (
        "Safer Stockton Partnership",
        "Wednesday 23rd July 2025",
        "9.00 am",
        "Dunedin House",
        "John Devine",
        "Agenda pack",
    ):
        assert words in front
    part_b = front.split("Part B — not for publication", 1)[1]
    assert "SSP/23/25" in part_b and "Schedule 12A paragraph 7" in part_b
    assert "SSP/15/25" not in part_b
    assert re.search(r"SSP/23/25\s+IQaunta\s*$", part_b, re.M), "no page for a Part B item"


def test_bookmarks_per_item_and_paper(public, out):
    result, _ = public
    marks = outline(out)
    assert marks[0] == (0, "Agenda pack", 1)
    expected = []
    seen = set()
    for placed in result.papers:
        if placed.item_number not in seen:
            seen.add(placed.item_number)
            title = next(i.title for i in demo_meeting().items if i.number == placed.item_number)
            expected.append((0, f"{placed.item_number} {title}", placed.start_page))
        expected.append((1, placed.title, placed.start_page))
    assert marks[1:] == expected


@pytest.mark.parametrize(
    "title",
    [
        "Scanned letter",
        "Upside-down scan",
        "Sideways table",
        "Crime figures (landscape)",
        "Map extract",
    ],
)
def test_stamps_sit_upright_at_the_visual_bottom_and_top(public, out, title):
    result, _ = public
    placed = next(p for p in result.papers if p.title == title)
    width, height, words = word_boxes(out, placed.start_page)
    page_word = [(x, y) for w, x, y in words if w == "Page"]
    item_word = [(x, y) for w, x, y in words if w == "Agenda"]
    assert len(page_word) == 1 and len(item_word) == 1, words
    # pdftotext reports positions upright as shown; y grows downwards.
    assert page_word[0][1] > height * 0.93
    assert abs(page_word[0][0] - width / 2) < width * 0.1
    assert item_word[0][1] < height * 0.07
    assert item_word[0][0] > width * 0.6


def test_form_fields_are_flattened_and_a_link_survives(public, out):
    result, texts = public
    placed = next(p for p in result.papers if p.title == "Consultation form")
    assert "FIELD-form" in texts[placed.start_page - 1]
    with pikepdf.open(out) as pdf:
        page = pdf.pages[placed.start_page - 1]
        kinds = [str(a.get("/Subtype")) for a in page.obj.get("/Annots", [])]
        assert "/Widget" not in kinds
        assert "/Link" in kinds
        assert "/AcroForm" not in pdf.Root


def test_public_pack_never_holds_restricted_papers(public, out):
    result, texts = public
    everything = "\n".join(texts) + all_strings(out) + repr(outline(out))
    for canary in (CANARY_TITLE, CANARY_FILE, CANARY_TAG, "CANARYTITLE", "perf"):
        assert canary not in everything
    assert "Performance scorecard" not in everything
    assert {p.item_number for p in result.papers}.isdisjoint({"SSP/23/25", "SSP/24/25"})


def test_canary_check_can_fail(meeting, papers, out):
    """The canary search does find the restricted paper where it belongs."""
    make(meeting, papers, "confidential", out)
    assert CANARY_TAG in "\n".join(page_texts(out))
    assert CANARY_TITLE in all_strings(out)


def test_confidential_pack_holds_part_b_marked_on_every_page(meeting, papers, out):
    result = make(meeting, papers, "confidential", out)
    texts = page_texts(out)
    assert [p.item_number for p in result.papers] == ["SSP/23/25", "SSP/24/25"]
    assert result.page_count == result.front_sheet_pages + 3
    for number, text in enumerate(texts, start=1):
        assert "NOT FOR PUBLICATION" in text
        assert re.findall(r"\bPage (\d+)\b", text) == [str(number)]
    canary = result.papers[0]
    for n in range(2):
        assert "Schedule 12A paragraph 7" in texts[canary.start_page - 1 + n]
    front = "\n".join(texts[: result.front_sheet_pages])
    assert "Part B agenda pack" in front
    assert "Recorded Crime" not in front and "SSP/15/25" not in front
    assert re.search(re.escape(CANARY_TITLE) + r"\s+" + str(canary.start_page), front)
    assert "MARK-crime" not in "".join(texts)


def test_no_part_b_items_means_no_confidential_pack(papers, out):
    meeting = demo_meeting()
    for item in meeting.items:
        item.restricted = False
    with pytest.raises(PackError, match="no restricted"):
        plan_pack(meeting, "confidential", papers.content)


def test_supplementary_pack_holds_only_late_papers(meeting, papers, out):
    import datetime as dt

    meeting.agenda_published_on = dt.date(2025, 7, 14)
    papers.add(
        meeting,
        "SSP/16/25",
        "Late police update",
        samples.paper("late", 2),
        attached_at=dt.datetime(2025, 7, 18, 16, 30),
    )
    papers.add(
        meeting,
        "SSP/15/25",
        "Same-day annex",
        samples.paper("sameday", 1),
        attached_at=dt.datetime(2025, 7, 14, 17, 0),
    )
    result = make(meeting, papers, "supplementary", out)
    texts = page_texts(out)
    assert [p.title for p in result.papers] == ["Late police update"]
    assert result.page_count == result.front_sheet_pages + 2
    front = "\n".join(texts[: result.front_sheet_pages])
    assert "Supplementary agenda pack" in front
    assert "attached Friday 18th July 2025" in front
    assert "Recorded Crime" not in front
    assert samples.marker("late", 1) in texts[result.papers[0].start_page - 1]


def test_supplementary_needs_a_publication_date_and_late_papers(meeting, papers):
    import datetime as dt

    meeting.agenda_published_on = None
    with pytest.raises(PackError, match="no publication date"):
        plan_pack(meeting, PackPart.SUPPLEMENTARY, papers.content)
    meeting.agenda_published_on = dt.date(2025, 7, 14)
    with pytest.raises(PackError, match="no papers were attached after .* 14th July 2025"):
        plan_pack(meeting, PackPart.SUPPLEMENTARY, papers.content)


def test_long_agenda_front_sheet_still_points_at_real_pages(papers, out):
    """Enough items to push the front sheet over several pages (two-pass numbering)."""
    from sspclerk.core.model import AgendaItem

    meeting = demo_meeting()
    meeting.items = [
        AgendaItem(f"SSP/{n}/25", f"Ward report {n} — Ŵyn, Łódź, Ελλάδα, Москва <&>")
        for n in range(1, 61)
    ]
    for n in range(1, 61):
        papers.add(meeting, f"SSP/{n}/25", f"Report {n} & annex", samples.paper(f"w{n}", 1))
    result = make(meeting, papers, "public", out)
    texts = page_texts(out)
    assert result.front_sheet_pages >= 3
    front = "\n".join(texts[: result.front_sheet_pages])
    assert "Ŵyn, Łódź, Ελλάδα, Москва <&>" in front
    for placed in result.papers:
        n = placed.item_number.split("/")[1]
        assert samples.marker(f"w{n}", 1) in texts[placed.start_page - 1]
        assert re.search(
            re.escape(placed.title) + r"\s+" + str(placed.start_page) + r"\s*$", front, re.M
        )


def test_a_failed_build_leaves_the_previous_pack_untouched(meeting, papers, out):
    make(meeting, papers, "public", out)
    before = out.read_bytes()
    with plan_pack(meeting, "public", papers.content) as plan:
        plan.papers[2].path.write_bytes(samples.not_a_pdf())  # the copy goes bad mid-way
        with pytest.raises(PackError, match="Knife Crime Action Plan"):
            build_pack(plan, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_cancelling_leaves_the_previous_pack_untouched(meeting, papers, out):
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"the pack from yesterday")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with plan_pack(meeting, "public", papers.content) as plan, pytest.raises(PackCancelled):
        build_pack(plan, out, cancelled=cancelled)
    assert out.read_bytes() == b"the pack from yesterday"
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_a_stored_copy_that_no_longer_matches_its_hash_is_refused(meeting, papers):
    doc = meeting.item("SSP/17/25").documents[0]
    papers.blobs[doc.sha256] = samples.paper("swapped", 1)
    with pytest.raises(PackError, match="Knife Crime Action Plan.*damaged"):
        plan_pack(meeting, "public", papers.content)


def test_plan_cleans_up_its_copies(meeting, papers):
    with plan_pack(meeting, "public", papers.content) as plan:
        folder = plan.folder
        assert folder is not None and len(list(folder.iterdir())) == len(PUBLIC_PAPERS)
    assert not folder.exists()


def test_build_runs_on_a_worker_thread_with_progress(meeting, papers, out):
    seen: list[tuple[int, int, str]] = []
    outcome: dict[str, object] = {}
    with plan_pack(meeting, "public", papers.content) as plan:

        def work() -> None:
            outcome["result"] = build_pack(
                plan, out, progress=lambda d, t, w: seen.append((d, t, w))
            )

        worker = threading.Thread(target=work)
        worker.start()
        worker.join(60)
    result = outcome["result"]
    assert result.page_count == len(page_texts(out))
    dones = [d for d, _, _ in seen]
    assert dones == sorted(dones) and dones[-1] == seen[-1][1]
    assert seen[-1][2] == "Done"


def test_papers_listed_without_a_file_are_named_on_the_front_sheet(papers, out):
    """The demo lists its papers without files: the front sheet names them (with no
    page), the clerk is told on the plan, and the reader gets no internal note."""
    meeting = read_demo_with_listed_papers()
    with plan_pack(meeting, "public", papers.content) as plan:
        result = build_pack(plan, out)
    texts = "\n".join(page_texts(out))
    assert result.page_count == result.front_sheet_pages
    assert "Recorded Crime & Disorder Report" in texts
    assert "SSP/15/25 Recorded Crime & Disorder Report" in plan.not_held
    for note in ("no file held", "not in this pack", "not recorded"):
        assert note not in texts
    # A Part B item without a Schedule 12A paragraph shows its public reason instead.
    assert "Due to the connection to an ongoing Police investigation" in texts


def _boxes(path, page: int) -> list[tuple[str, float, float]]:
    """(word, top, bottom) of one page's words, measured down from the visual top."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    return [
        (m.group(3), float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r'<word [^>]*yMin="([\d.]+)" [^>]*yMax="([\d.]+)">([^<]*)</word>', out)
    ]


def _headed_paper(size) -> bytes:
    """Two pages with the paper's own header 40 pt from the top, where Word puts it."""
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=size)
    for n in (1, 2):
        c.setFont("Helvetica", 10)
        c.drawString(72, size[1] - 40, f"PAPERHEAD{n} Stockton-on-Tees Borough Council")
        c.drawString(72, size[1] - 300, f"Body of page {n}")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("part", ["public", "confidential"])
@pytest.mark.parametrize("size", [A4, landscape(A4)], ids=["portrait", "landscape"])
def test_stamps_never_overprint_a_papers_top_15_mm(papers, out, part, size, tmp_path):
    meeting = demo_meeting()
    number = "SSP/23/25" if part == "confidential" else "SSP/15/25"
    meeting.item(number).exempt_paragraph = 7
    original = tmp_path / "headed.pdf"
    original.write_bytes(_headed_paper(size))
    # How far below the paper's own top edge its header starts, before packing.
    first = next(w for w in _boxes(original, 1) if w[0].startswith("PAPERHEAD"))[1]
    papers.add(meeting, number, "Headed report", original.read_bytes())
    result = make(meeting, papers, part, out)
    start = result.papers[0].start_page
    for page in (start, start + 1):
        words = _boxes(out, page)
        head = next(w for w in words if w[0].startswith("PAPERHEAD"))
        stamps = [w for w in words if w[0] in ("Agenda", "Item", "NOT", "FOR", "PUBLICATION")]
        if page == start or part == "confidential":
            assert stamps, page
        # Every stamp at the top ends above where the paper's own top edge now is (the
        # paper is scaled by less than 1, so its top is no higher than this).
        paper_top = head[1] - first
        for stamp in stamps:
            assert stamp[2] <= paper_top + 0.5, (page, stamp, head)
        # The paper's header is still there and still near its top.
        assert head[1] < first + 45  # moved down by the stamp lines, no more
        body = next(w for w in words if w[0] == "Body")
        assert body[1] > head[2]


def test_pack_file_has_the_permissions_of_an_export(meeting, papers, out):
    old = os.umask(0o022)
    try:
        make(meeting, papers, "public", out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def read_demo_with_listed_papers():
    return read_demo()


def test_a_paper_that_is_itself_a_pack_keeps_its_own_stamps(meeting, papers, out, tmp_path):
    """Last meeting's pack attached as a paper: its stamp fonts must not be overwritten."""
    old = tmp_path / "old.pdf"
    old_result = make(meeting, papers, "public", old)
    fresh = demo_meeting()
    papers.add(fresh, "SSP/14/25", "Previous pack", old.read_bytes())
    result = make(fresh, papers, "public", out)
    texts = page_texts(out)
    start = result.papers[0].start_page
    # The new stamp (under a fresh font name) and the old one (old font) both read true.
    assert "Agenda Item SSP/14/25" in texts[start - 1]
    old_first = old_result.papers[0].start_page
    assert "Agenda Item SSP/15/25" in texts[start - 1 + old_first - 1]

    def embedded(pdf: pikepdf.Pdf, page: int) -> dict[str, bytes]:
        fonts = pdf.pages[page].Resources.Font
        return {
            str(k): fonts[k].FontDescriptor.FontFile2.read_bytes()
            for k in fonts
            if "/FontDescriptor" in fonts[k]
        }

    # The old pack's own stamp names still lead to its own embedded fonts (their glyphs).
    with pikepdf.open(old) as before, pikepdf.open(out) as after:
        old_fonts = embedded(before, old_first - 1)
        new_fonts = embedded(after, start - 1 + old_first - 1)
    assert old_fonts and all(new_fonts[name] == data for name, data in old_fonts.items())
    assert len(new_fonts) > len(old_fonts)


def test_a_store_that_cannot_give_a_paper_names_the_paper(meeting, papers):
    def broken(sha256: str) -> bytes:
        raise LookupError("the store holds no file with hash 1234…")

    with pytest.raises(PackError, match=r"'Recorded Crime & Disorder Report' \(SSP/15/25\)"):
        plan_pack(meeting, "public", broken)


def test_membership_and_pdf_version_of_the_pack(meeting, papers, out):
    from sspclerk.core.model import Member

    meeting.committee.members = [
        Member("Cllr Siân Llewelyn", "Stockton-on-Tees Borough Council"),
        Member("Zofia Wójcik", "Cleveland Police"),
    ]
    newer = pikepdf.open(io.BytesIO(samples.paper("v17", 1)))
    buf = io.BytesIO()
    newer.save(buf, min_version="1.7")
    papers.add(meeting, "SSP/16/25", "Police update", buf.getvalue())
    result = make(meeting, papers, "public", out)
    front = "\n".join(page_texts(out)[: result.front_sheet_pages])
    assert "Membership" in front
    assert "Cllr Siân Llewelyn (Stockton-on-Tees Borough Council)" in front
    assert "Zofia Wójcik (Cleveland Police)" in front
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.7"
        assert str(pdf.docinfo["/Title"]).startswith("Safer Stockton Partnership — Agenda pack")
        assert str(pdf.Root.Lang) == "en-GB"


def test_a_repaired_paper_packs_like_any_other(papers, out):
    from sspclerk.export.pdfcheck import inspect_pdf

    meeting = demo_meeting()
    repaired = inspect_pdf(samples.bad_xref_paper("fixed", 3), "annex.pdf")
    assert repaired.repaired
    papers.add(meeting, "SSP/15/25", "Annex", repaired.content)
    result = make(meeting, papers, "public", out)
    texts = page_texts(out)
    assert result.page_count == result.front_sheet_pages + 3
    for n in range(3):
        assert samples.marker("fixed", n + 1) in texts[result.front_sheet_pages + n]


_SHAPES = {
    "portrait": lambda tag, n: samples.paper(tag, n),
    "landscape": lambda tag, n: samples.landscape_paper(tag, n),
    "a3": lambda tag, n: samples.a3_paper(tag, n),
    "rotated": lambda tag, n: samples.rotated_paper(tag, n, 90),
    "upside-down": lambda tag, n: samples.rotated_paper(tag, n, 180),
}


@settings(max_examples=8, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(12, 22), st.sampled_from(sorted(_SHAPES)), st.integers(1, 4)),
        min_size=1,
        max_size=6,
    )
)
def test_any_mix_of_papers_numbers_and_references_every_page(tmp_path_factory, spec):
    papers = Papers()
    meeting = demo_meeting()
    expected = []
    for n, (item, shape, pages) in enumerate(sorted(spec, key=lambda s: s[0])):
        number = f"SSP/{item}/25"
        papers.add(meeting, number, f"Paper {n}", _SHAPES[shape](f"h{n}", pages))
        expected.append((number, f"h{n}", pages))
    out = tmp_path_factory.mktemp("mix") / "pack.pdf"
    result = make(meeting, papers, "public", out)
    texts = page_texts(out)
    assert len(texts) == result.front_sheet_pages + sum(p for *_, p in expected)
    for number, text in enumerate(texts, start=1):
        assert re.findall(r"\bPage (\d+)\b", text) == [str(number)]
    front = "\n".join(texts[: result.front_sheet_pages])
    for placed, (number, tag, pages) in zip(result.papers, expected, strict=True):
        assert placed.item_number == number
        assert re.search(
            re.escape(placed.title) + r"\s+" + str(placed.start_page) + r"\s*$", front, re.M
        )
        for k in range(pages):
            assert samples.marker(tag, k + 1) in texts[placed.start_page - 1 + k]
