"""The agenda pack as a tagged PDF: every paper tagged, the trees joined; else untagged."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf

from sspclerk.export import render_minutes
from sspclerk.export.action_log import render_action_log
from sspclerk.export.pack import build_pack, plan_pack
from tests.export.conftest import small_meeting
from tests.export.test_tagged_pdf import pdfinfo_tagged
from tests.tagged_pdf import problems, tag_tree

from . import samples
from .conftest import Papers, demo_meeting


def _pack(meeting, papers: Papers, out, part: str = "public"):
    with plan_pack(meeting, part, papers.content) as plan:
        return build_pack(plan, out)


def test_a_pack_of_tagged_papers_is_one_tagged_pdf(tmp_path):
    meeting = demo_meeting()
    papers = Papers()
    minutes = render_minutes(small_meeting(), "pdf", "public").data
    log = render_action_log([], "pdf", committee="Riverside", today=dt.date(2025, 7, 1))
    papers.add(meeting, "SSP/14/25", "Minutes of the last meeting", minutes)
    papers.add(meeting, "SSP/15/25", "Action log", log)
    papers.add(meeting, "SSP/17/25", "Minutes again", minutes, filename="again.pdf")
    out = tmp_path / "pack.pdf"
    result = _pack(meeting, papers, out)
    data = out.read_bytes()
    assert result.tagged and result.untagged_papers == ()
    assert problems(data) == []
    assert pdfinfo_tagged(data) == "yes"
    tree = tag_tree(data)
    lines = tree.splitlines()
    # The front sheet's own elements first, then one Part per paper with its tree.
    assert lines[0] == "Document"
    assert "  H1 Safer Stockton Partnership" in lines
    parts = [n for n, line in enumerate(lines) if line == "  Part"]
    assert len(parts) == 3
    assert "    H1 Riverside Community Safety Partnership" in lines[parts[0] : parts[1]]
    assert lines[parts[1] + 1].startswith("    H1 Action log")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        titles = [str(k.get("/T")) for k in pdf.Root.StructTreeRoot.K.K if k.S == "/Part"]
        assert titles == ["Minutes of the last meeting", "Action log", "Minutes again"]
        # Each page's key into the parent tree is its own.
        keys = [int(page.obj.StructParents) for page in pdf.pages]
        assert len(set(keys)) == len(keys)


def test_one_untagged_paper_leaves_the_pack_untagged_and_says_so(tmp_path):
    meeting = demo_meeting()
    papers = Papers()
    papers.add(meeting, "SSP/14/25", "Minutes", render_minutes(small_meeting(), "pdf").data)
    papers.add(meeting, "SSP/15/25", "Scanned report", samples.paper("scan", 2))
    out = tmp_path / "pack.pdf"
    result = _pack(meeting, papers, out)
    assert not result.tagged
    assert result.untagged_papers == ("Scanned report",)
    data = out.read_bytes()
    assert pdfinfo_tagged(data) == "no"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        assert not any("/StructParents" in page.obj for page in pdf.pages)
        # The stamps are page furniture whichever way: marked as artifacts.
        last = pdf.pages[-1]
        ops = [str(op) for _, op in pikepdf.parse_content_stream(last)]
        assert ops[-1] == "Q" and "BDC" in ops and "EMC" in ops
        artifact = [
            operands for operands, op in pikepdf.parse_content_stream(last) if str(op) == "BDC"
        ]
        assert str(artifact[-1][0]) == "/Artifact"


def test_a_paper_with_a_damaged_tree_is_packed_untagged(tmp_path):
    """A paper that says it is tagged but whose tree is nonsense: the pack is still
    made, untagged, rather than refused."""
    good = render_minutes(small_meeting(), "pdf").data
    with pikepdf.open(io.BytesIO(good)) as pdf:
        pdf.Root.StructTreeRoot.ParentTree = pikepdf.Dictionary(Nums=pikepdf.Array([0]))
        pdf.Root.StructTreeRoot.K = pikepdf.Array([5, pikepdf.Name.Oops])
        out = io.BytesIO()
        pdf.save(out)
    meeting = demo_meeting()
    papers = Papers()
    papers.add(meeting, "SSP/14/25", "Odd paper", out.getvalue())
    result = _pack(meeting, papers, tmp_path / "pack.pdf")
    assert not result.tagged
    with pikepdf.open(tmp_path / "pack.pdf") as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        assert len(pdf.pages) == result.page_count
