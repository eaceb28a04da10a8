"""Every PDF sspclerk writes is a tagged PDF that passes the PDF/UA checker.

The checker (tests/tagged_pdf.py) is itself checked here: it must find the faults
planted in a good file, or its silence on the real ones would prove nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from sspclerk.core.model import ActionStatus
from sspclerk.export import render_minutes
from sspclerk.export.action_log import render_action_log
from sspclerk.export.frontsheet import FrontSheet, SheetItem, SheetPaper, render_front_sheet
from tests.tagged_pdf import problems, tag_tree

from .conftest import canary_meeting, small_meeting

GOLDEN = Path(__file__).parent / "golden"


def pdfinfo_tagged(data: bytes) -> str:
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("Tagged:"):
            return line.split(":", 1)[1].strip()
    return ""


def _entry(n: int, text: str = "Circulate the lighting audit") -> SimpleNamespace:
    return SimpleNamespace(
        committee="SSP",
        meeting_date=dt.date(2025, 7, 23),
        item_number=f"SSP/{n}/25",
        item_title="Night-Time Economy",
        text=text,
        owner="Priya Shah" if n % 3 else "",
        due=dt.date(2025, 9, 1) if n % 2 else None,
        status=ActionStatus.OPEN,
    )


def _front_sheet(items: int = 3, part_b: bool = True) -> FrontSheet:
    part_a = [
        SheetItem(
            f"SSP/{n}/25",
            f"Item {n} — Ŵyn, Łódź, Ελλάδα",
            [SheetPaper(f"Paper {n}", n + 1), SheetPaper("Appendix", None)],
        )
        for n in range(items)
    ]
    b = [SheetItem("SSP/40/25", "IQaunta", exempt_line="Schedule 12A paragraph 7")]
    return FrontSheet(
        kind="Agenda pack",
        body="Stockton-on-Tees Borough Council",
        committee="Safer Stockton Partnership",
        date="Wednesday 23rd July 2025",
        time="9.00 am",
        venue="Council Chamber",
        contact="Democratic Services",
        membership=["Cllr Ann Lee (Chair)", "Insp. Łucja Nowak (Police)"],
        part_a=part_a,
        part_b=b if part_b else [],
        title="Safer Stockton Partnership — Agenda pack",
    )


def every_pdf(demo) -> dict[str, bytes]:
    """Each kind of PDF the product writes, in its awkward shapes too."""
    long_action = " ".join(["Circulate the lighting audit to every ward member."] * 400)
    return {
        "minutes, demo, public": render_minutes(demo, "pdf", "public").data,
        "minutes, demo, confidential": render_minutes(demo, "pdf", "confidential").data,
        "minutes, small, public": render_minutes(small_meeting(), "pdf", "public").data,
        "minutes, canaries, confidential": render_minutes(
            canary_meeting(), "pdf", "confidential"
        ).data,
        "front sheet": render_front_sheet(_front_sheet()),
        "front sheet, three pages": render_front_sheet(_front_sheet(60)),
        "front sheet, no Part B": render_front_sheet(_front_sheet(2, part_b=False)),
        "action log": render_action_log(
            [_entry(n) for n in range(80)], "pdf", committee="Safer Stockton Partnership"
        ),
        "action log, empty": render_action_log([], "pdf"),
        "action log, a row longer than a page": render_action_log(
            [_entry(1), _entry(2, long_action), _entry(3)], "pdf"
        ),
    }


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    from tests.conftest import demo_meeting

    return every_pdf(demo_meeting())


def test_every_pdf_passes_the_checker_and_pdfinfo_says_tagged(pdfs):
    for name, data in pdfs.items():
        assert problems(data) == [], name
        assert pdfinfo_tagged(data) == "yes", name


def test_a_row_longer_than_a_page_goes_on_to_the_next(pdfs):
    data = pdfs["action log, a row longer than a page"]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
    tree = tag_tree(data, width=100_000)
    # The long action is one cell in the structure, however many pages it crosses.
    cell = next(line for line in tree.splitlines() if "Circulate the lighting audit to" in line)
    assert cell.count("every ward member.") == 400


def test_a_table_heading_repeated_on_later_pages_is_decoration(pdfs):
    tree = tag_tree(pdfs["action log"])
    assert tree.count("TH Meeting") == 1  # one heading in the structure…
    with pikepdf.open(io.BytesIO(pdfs["action log"])) as pdf:
        assert len(pdf.pages) > 2  # …on a log of several pages


@pytest.mark.parametrize("audience", ["public", "confidential"])
def test_demo_minutes_tag_tree_matches_golden(demo, audience):
    tree = tag_tree(render_minutes(demo, "pdf", audience).data)
    golden = GOLDEN / f"demo-{audience}.tags.txt"
    if os.environ.get("SSPCLERK_UPDATE_GOLDEN") == "1":
        golden.write_text(tree, encoding="utf-8")
    assert tree == golden.read_text(encoding="utf-8")


def test_the_running_marks_are_read_once_and_page_numbers_never(demo):
    tree = tag_tree(render_minutes(demo, "pdf", "confidential").data)
    assert tree.count("CONFIDENTIAL – NOT FOR PUBLICATION") == 1
    assert "Page 1 of" not in tree
    lines = tree.splitlines()
    # Read first, before the body's name.
    assert lines[1].strip().startswith("P CONFIDENTIAL")
    assert lines.index("  H1 Safer Stockton Partnership") > 1


# ---------------------------------------------------------------- the checker itself


def _mutated(data: bytes, change) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    found = []

    def walk(node) -> None:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if "/" + kind == kid.S:
                    found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


@pytest.fixture(scope="module")
def good() -> bytes:
    return render_minutes(small_meeting(), "pdf", "public").data


def test_checker_finds_an_untagged_pdf():
    out = io.BytesIO()
    c = Canvas(out)
    c.drawString(72, 720, "Minutes")
    c.showPage()
    c.save()
    found = problems(out.getvalue())
    assert "the catalog has no /MarkInfo /Marked true" in found
    assert "the catalog has no /StructTreeRoot" in found


def test_checker_finds_text_drawn_outside_marked_content(good):
    def draw_more(pdf):
        page = pdf.pages[0]
        font = next(iter(page.Resources.Font.keys()))
        page.contents_add(pdf.make_stream(f"BT {font} 9 Tf 72 72 Td (x) Tj ET".encode()))

    found = problems(_mutated(good, draw_more))
    assert "page 1: 1 painting operator(s) outside marked content" in found


def test_checker_finds_a_skipped_heading_level(good):
    def demote(pdf):
        _elements(pdf, "H2")[0].S = pikepdf.Name.H3

    assert any("a level skipped" in p for p in problems(_mutated(good, demote)))


def test_checker_finds_content_not_reachable_from_the_root(good):
    def orphan(pdf):
        first = _elements(pdf, "P")[0]
        first.K = pikepdf.Array()

    found = problems(_mutated(good, orphan))
    assert any("is not reachable from the root" in p for p in found)


def test_checker_finds_a_parent_tree_naming_the_wrong_element(good):
    def swap(pdf):
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        entry = nums[1]
        entry[0], entry[1] = entry[1], entry[0]

    found = problems(_mutated(good, swap))
    assert any("the parent tree names another element" in p for p in found)


def test_checker_finds_missing_tabs_language_and_title(good):
    def strip(pdf):
        del pdf.pages[0].obj["/Tabs"]
        del pdf.Root["/Lang"]
        del pdf.Root["/Metadata"]

    found = problems(_mutated(good, strip))
    assert "page 1 has no /Tabs /S" in found
    assert "the catalog has no /Lang" in found
    assert "the catalog has no XMP metadata" in found


def test_checker_finds_a_list_item_without_its_parts(good):
    def wrong(pdf):
        _elements(pdf, "Lbl")[0].S = pikepdf.Name.P

    assert any(p.startswith("/LI holds") for p in problems(_mutated(good, wrong)))
