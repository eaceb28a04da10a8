"""End to end: a real store file, `python -m sspclerk` attach / detach / pack, packs read back."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sspclerk.core.model import Document, Meeting
from sspclerk.export.pack import build_pack, plan_pack
from sspclerk.store import Store
from tests.conftest import cli_env, demo_meeting

from . import samples
from .readback import all_strings, outline, page_texts


def sspclerk(db: Path, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sspclerk", "--db", str(db), *map(str, args)],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=cwd,
        timeout=120,
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def demo_store(db: Path, published: dt.date | None = None) -> None:
    """A real store with the demo meeting, made in-process (quicker than `sspclerk demo`)."""
    meeting = demo_meeting()
    meeting.agenda_published_on = published
    with Store.open(db) as store:
        assert store.add_meeting(meeting) == 1


def documents(db: Path, number: str) -> list[Document]:
    """The item's papers as the store holds them (read in-process: quicker than `show`)."""
    with Store.open(db, readonly=True) as store:
        return store.load_meeting(store.latest_meeting_id()).item(number).documents


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("papers")
    made = {
        "crime_report.pdf": samples.paper("crime", 3),
        "figures.pdf": samples.landscape_paper("land", 2),
        "scan.pdf": samples.rotated_paper("scan", 1),
        "canary.pdf": samples.paper("CANARYTEXT", 2, title="CANARYTITLE"),
        "locked.pdf": samples.encrypted_paper("locked"),
        "cut.pdf": samples.truncated_paper("cut", 0.4),
        "letter.pdf": samples.not_a_pdf(),
        "blank.pdf": samples.no_pages_paper(),
        "annex.pdf": samples.bad_xref_paper("annex", 2),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


@pytest.fixture(scope="module")
def store_with_papers(tmp_path_factory, files) -> Path:
    db = tmp_path_factory.mktemp("store") / "meetings.sqlite"
    assert ok(sspclerk(db, "demo")).strip() == "1"
    ok(sspclerk(db, "attach", "1", "SSP/15/25", files["crime_report.pdf"]))
    ok(sspclerk(db, "attach", "1", "SSP/15/25", files["figures.pdf"], "--title", "Figures"))
    ok(sspclerk(db, "attach", "latest", "SSP/17/25", files["scan.pdf"], "--title", "Scan"))
    ok(sspclerk(db, "attach", "1", "SSP/23/25", files["canary.pdf"], "--title", "CANARYTITLE"))
    return db


def test_attach_keeps_a_copy_with_its_facts(store_with_papers, files, tmp_path):
    docs = documents(store_with_papers, "SSP/15/25")
    crime = next(d for d in docs if d.filename == "crime_report.pdf")
    assert crime.title == "Report crime"  # the PDF's own title, not its file name
    assert crime.page_count == 3
    assert crime.size_bytes == files["crime_report.pdf"].stat().st_size
    assert crime.sha256 and len(crime.sha256) == 64 and crime.attached_at
    with Store.open(store_with_papers, readonly=True) as store:
        assert store.document_content(crime.sha256) == files["crime_report.pdf"].read_bytes()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("locked.pdf", "encrypted with a password"),
        ("cut.pdf", "damaged beyond repair"),
        ("letter.pdf", "is not a PDF"),
        ("blank.pdf", "has no pages"),
    ],
)
def test_attach_refuses_bad_files_and_attaches_nothing(store_with_papers, files, name, reason):
    before = documents(store_with_papers, "SSP/16/25")
    result = sspclerk(store_with_papers, "attach", "1", "SSP/16/25", files[name])
    assert result.returncode == 2
    line = result.stderr.strip()
    assert line.startswith("sspclerk: not attached: " + name) and reason in line
    assert "\n" not in line
    assert documents(store_with_papers, "SSP/16/25") == before


def test_attach_names_unknown_item_and_missing_file(store_with_papers, files, tmp_path):
    result = sspclerk(store_with_papers, "attach", "1", "SSP/99/25", files["scan.pdf"])
    assert result.returncode == 2 and "no item SSP/99/25" in result.stderr
    result = sspclerk(store_with_papers, "attach", "1", "SSP/16/25", tmp_path / "gone.pdf")
    assert result.returncode == 2 and "gone.pdf does not exist" in result.stderr


def test_public_and_confidential_packs_from_the_store(store_with_papers, tmp_path):
    public = tmp_path / "public.pdf"
    printed = ok(sspclerk(store_with_papers, "pack", "1", "-o", public))
    texts = page_texts(public)
    assert f"({len(texts)} pages" in printed
    assert len(texts) == 1 + 3 + 2 + 1  # front sheet, crime, figures, scan
    assert "Agenda Item SSP/15/25" in texts[1] and samples.marker("crime", 1) in texts[1]
    assert "Agenda Item SSP/17/25" in texts[6] and samples.marker("scan", 1) in texts[6]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number}" in text
    everything = "\n".join(texts) + all_strings(public) + repr(outline(public))
    assert "CANARY" not in everything

    confidential = tmp_path / "partb.pdf"
    ok(sspclerk(store_with_papers, "pack", "1", "--part", "confidential", "-o", confidential))
    texts = page_texts(confidential)
    assert len(texts) == 1 + 2
    assert all("NOT FOR PUBLICATION" in t for t in texts)
    assert samples.marker("CANARYTEXT", 2) in texts[2]
    assert "crime" not in "\n".join(texts[1:])


def test_a_failed_pack_leaves_the_previous_file(store_with_papers, tmp_path):
    db = tmp_path / "copy.sqlite"
    with Store.open(store_with_papers, readonly=True) as store:
        store.backup(db)
    target = tmp_path / "pack.pdf"
    ok(sspclerk(db, "pack", "1", "-o", target))
    before = target.read_bytes()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE document_files SET content = ? WHERE rowid = 1", [b"%PDF-1.4 rot"])
    conn.close()
    result = sspclerk(db, "pack", "1", "-o", target)
    assert result.returncode == 2
    assert result.stderr.startswith("sspclerk: no pack written: the stored copy of")
    assert target.read_bytes() == before
    assert sorted(
        p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or "partial" in p.name
    ) == ["pack.pdf"]


def test_detach_by_title_or_id_with_clear_errors(tmp_path, files):
    db = tmp_path / "meetings.sqlite"
    demo_store(db)
    ok(sspclerk(db, "attach", "1", "SSP/16/25", files["crime_report.pdf"], "--title", "Update"))
    ok(sspclerk(db, "attach", "1", "SSP/16/25", files["figures.pdf"], "--title", "Update"))
    ids = [d.id for d in documents(db, "SSP/16/25")]
    result = sspclerk(db, "detach", "1", "SSP/16/25", "update")
    assert result.returncode == 2 and f"give the id ({ids[0]}, {ids[1]})" in result.stderr
    result = sspclerk(db, "detach", "1", "SSP/16/25", "Minutes")
    assert result.returncode == 2 and "has no paper 'Minutes'" in result.stderr
    assert f"{ids[0]}: Update" in result.stderr
    printed = ok(sspclerk(db, "detach", "1", "SSP/16/25", str(ids[0])))
    assert f"document {ids[0]}" in printed
    assert [d.id for d in documents(db, "SSP/16/25")] == [ids[1]]
    ok(sspclerk(db, "detach", "1", "SSP/16/25", "Update"))
    assert documents(db, "SSP/16/25") == []


def test_repaired_file_is_stored_repaired(tmp_path, files):
    db = tmp_path / "meetings.sqlite"
    demo_store(db)
    result = sspclerk(db, "attach", "1", "SSP/16/25", files["annex.pdf"])
    assert result.returncode == 0
    assert "annex.pdf was repaired" in result.stderr
    doc = documents(db, "SSP/16/25")[0]
    assert doc.page_count == 2
    assert doc.size_bytes != files["annex.pdf"].stat().st_size


def test_supplementary_pack_through_the_command_line(tmp_path, files):
    db = tmp_path / "meetings.sqlite"
    demo_store(db, published=dt.date(2025, 7, 14))
    target = tmp_path / "supp.pdf"
    result = sspclerk(db, "pack", "1", "--part", "supplementary", "-o", target)
    assert result.returncode == 2 and "no papers were attached after" in result.stderr
    assert not target.exists()
    ok(sspclerk(db, "attach", "1", "SSP/16/25", files["scan.pdf"], "--title", "Late update"))
    ok(sspclerk(db, "pack", "1", "--part", "supplementary", "-o", target))
    texts = page_texts(target)
    assert "Supplementary agenda pack" in texts[0] and "Late update" in texts[0]
    assert len(texts) == 2 and samples.marker("scan", 1) in texts[1]


def test_the_worker_needs_no_store(store_with_papers, tmp_path):
    """Plan on the store's thread, close the store, then build: build_pack never reads it."""
    store = Store.open(store_with_papers, readonly=True)
    meeting: Meeting = store.load_meeting(1)
    plan = plan_pack(meeting, "public", store.document_content)
    store.close()
    with plan:
        result = build_pack(plan, tmp_path / "p.pdf")
    assert result.page_count == 7


def test_part_choices_match_the_pack_parts():
    from sspclerk.cli.pack_cmds import PARTS
    from sspclerk.export.pack import PackPart

    assert tuple(part.value for part in PackPart) == PARTS


def test_attach_fills_the_paper_the_item_lists_without_a_file(tmp_path):
    """The imported demo lists SSP/15/25's paper without its file: attaching the report
    (its own title the same) fills that paper instead of listing it twice."""
    db = tmp_path / "meetings.sqlite"
    demo_store(db)
    before = documents(db, "SSP/15/25")
    assert [(d.title, d.sha256) for d in before] == [("Recorded Crime & Disorder Report", None)]
    report = tmp_path / "rcdr_final_v3.pdf"
    report.write_bytes(samples.paper("crime", 2, title="Recorded  crime & disorder report"))
    out = ok(sspclerk(db, "attach", "1", "SSP/15/25", report))
    assert out.startswith(f'Filled "Recorded Crime & Disorder Report" (document {before[0].id})')
    (after,) = documents(db, "SSP/15/25")
    assert (after.id, after.title, after.filename, after.page_count) == (
        before[0].id,
        "Recorded Crime & Disorder Report",
        "rcdr_final_v3.pdf",
        2,
    )
    assert after.sha256
    # A second file is a second paper; --paper on a paper that has its file is refused.
    other = tmp_path / "appendix.pdf"
    other.write_bytes(samples.paper("appendix", 1, title="Microsoft Word - appendix.docx"))
    assert "to SSP/15/25 as document" in ok(sspclerk(db, "attach", "1", "SSP/15/25", other))
    titles = [d.title for d in documents(db, "SSP/15/25")]
    assert titles == [
        "Recorded Crime & Disorder Report",
        "appendix",
    ]  # a word processor's title is no title
    done = sspclerk(db, "attach", "1", "SSP/15/25", other, "--paper", str(before[0].id))
    assert done.returncode == 2
    assert "already has its file" in done.stderr


def test_attach_fills_the_paper_named_by_paper(tmp_path):
    db = tmp_path / "meetings.sqlite"
    demo_store(db)
    (listed,) = documents(db, "SSP/17/25")
    scan = tmp_path / "scan0001.pdf"
    scan.write_bytes(samples.paper("scan", 1, title="Scanned document"))
    out = ok(sspclerk(db, "attach", "1", "SSP/17/25", scan, "--paper", str(listed.id)))
    assert out.startswith(f'Filled "{listed.title}" (document {listed.id})')
    (after,) = documents(db, "SSP/17/25")
    assert (after.id, after.title, after.filename) == (listed.id, listed.title, "scan0001.pdf")
    done = sspclerk(db, "attach", "1", "SSP/17/25", scan, "--paper", "No such paper")
    assert done.returncode == 2 and "has no paper 'No such paper'" in done.stderr
