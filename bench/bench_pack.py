"""Agenda pack benchmark: prints tables with ratios; never run as a test.

    /work/venv/bin/python bench/bench_pack.py [--repeat 3]

1. A 400-page pack from 40 papers: our build (front sheet, stamping, bookmarks) against
   `qpdf --empty --pages ... -- out.pdf` and `pdfunite` merging the same files (the
   floor: they only concatenate), and against plain merges in pikepdf and pypdf, and a
   pypdf merge-and-stamp, to choose the merge library by measurement (docs/pack.md).
2. A 2,000-page pack (40 papers x 50 pages) built in a child process; its peak memory
   is read with resource.getrusage(RUSAGE_CHILDREN).ru_maxrss.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A3, A4, landscape  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from bench.common import Row, peer_tool  # noqa: E402
from sspclerk.core.model import AgendaItem, Document, Meeting  # noqa: E402
from sspclerk.importers.meeting_json import read_meeting_file  # noqa: E402
from sspclerk.resources import resource_path  # noqa: E402

LOREM = (
    "The partnership noted the quarterly figures for recorded crime and anti-social "
    "behaviour across the borough, with ward-level detail and the actions agreed."
)


def make_paper(n: int, pages: int) -> bytes:
    """A report page like a council paper: a heading, 40 lines of text, a small bar chart."""
    size = [A4, A4, landscape(A4), A4, A3][n % 5]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    width, height = size
    for p in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(60, height - 70, f"Report {n}: page {p}")
        c.setFont("Helvetica", 9)
        for line in range(40):
            c.drawString(60, height - 95 - line * 12, f"{line + 1}. {LOREM}"[:110])
        for bar in range(8):
            c.setFillColorRGB(0.2, 0.3 + bar * 0.08, 0.6)
            c.rect(60 + bar * 30, 80, 20, 20 + bar * 9 + p % 7, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        c.showPage()
    c.save()
    return buf.getvalue()


def write_papers(folder: Path, count: int, pages: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"paper-{n:02d}.pdf"
        path.write_bytes(make_paper(n, pages))
        paths.append(path)
    return paths


def meeting_for(paths: list[Path]) -> tuple[Meeting, dict[str, bytes]]:
    meeting = read_meeting_file(resource_path("demo-meeting.json"))
    meeting.items = []
    blobs: dict[str, bytes] = {}
    for n, path in enumerate(paths):
        if n % 2 == 0:
            meeting.items.append(AgendaItem(f"SSP/{n // 2 + 12}/25", f"Agenda item {n // 2 + 12}"))
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        meeting.items[-1].documents.append(
            Document(f"Paper {n}", path.name, sha256=digest, attached_at=dt.datetime(2025, 7, 1))
        )
    return meeting, blobs


def _cpu() -> float:
    """CPU seconds of this process and its finished children (robust on a busy machine)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(repeat: int, run) -> tuple[float, float]:
    """(best wall seconds, best CPU seconds) over ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def our_pack(paths: list[Path], out: Path) -> int:
    from sspclerk.export.pack import build_pack, plan_pack

    meeting, blobs = meeting_for(paths)
    with plan_pack(meeting, "public", blobs.__getitem__) as plan:
        return build_pack(plan, out).page_count


def pikepdf_merge(paths: list[Path], out: Path) -> None:
    import pikepdf

    pdf = pikepdf.new()
    sources = [pikepdf.open(p) for p in paths]
    for src in sources:
        pdf.pages.extend(src.pages)
    pdf.save(out)
    for src in sources:
        src.close()


def pypdf_merge(paths: list[Path], out: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    for path in paths:
        writer.append(str(path))
    writer.write(str(out))


def pypdf_merge_and_stamp(paths: list[Path], out: Path) -> None:
    """What the pack would cost in pypdf: merge, then one reportlab stamp per page."""
    import pypdf

    writer = pypdf.PdfWriter()
    for path in paths:
        writer.append(str(path))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for n, page in enumerate(writer.pages, start=1):
        c.setPageSize((float(page.mediabox.width), float(page.mediabox.height)))
        c.setFont("Helvetica", 9)
        c.drawCentredString(float(page.mediabox.width) / 2, 14, f"Page {n}")
        c.showPage()
    c.save()
    stamps = pypdf.PdfReader(io.BytesIO(buf.getvalue()))
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
    writer.write(str(out))


def cli_pack(paths: list[Path], work: Path):
    """A real store holding the 40 papers, packed by the command line in a new process."""
    from sspclerk.export.pdfcheck import inspect_pdf
    from sspclerk.store import Store

    db = work / "bench.sqlite"
    meeting, _ = meeting_for(paths)
    for item in meeting.items:
        item.documents = []
    with Store.open(db) as store:
        meeting_id = store.add_meeting(meeting)
        loaded = store.load_meeting(meeting_id)
        for n, path in enumerate(paths):
            info = inspect_pdf(path)
            doc = Document(f"Paper {n}", path.name, page_count=info.page_count)
            store.attach_document(loaded.items[n // 2].id, doc, info.content)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "sspclerk",
        "--db",
        str(db),
        "pack",
        str(meeting_id),
        "-o",
        str(work / "cli.pdf"),
    ]
    return lambda: subprocess.run(command, check=True, capture_output=True, env=env)


def run_tool(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True)


def child_2000(folder: str) -> None:
    """Run in a child: build the 2,000-page pack and report its page count."""
    paths = sorted(Path(folder).glob("paper-*.pdf"))
    start = time.perf_counter()
    pages = our_pack(paths, Path(folder) / "pack-2000.pdf")
    print(f"{pages} {time.perf_counter() - start:.2f} {_peak_mb():.0f}")


def child_imports() -> None:
    import pikepdf  # noqa: F401

    import sspclerk.export.pack  # noqa: F401

    print(f"0 0 {_peak_mb():.0f}")


def _peak_mb() -> float:
    """This process's own peak memory.  Not ru_maxrss: Linux carries that over from the
    parent across fork and exec, so a child of a big bench process reports the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(repeat: int = 3) -> list[Row]:
    work = Path(tempfile.mkdtemp(prefix="bench-pack-"))
    rows: list[Row] = []
    try:
        paths = write_papers(work, 40, 10)
        out = work / "out.pdf"
        qpdf_path = peer_tool("qpdf")
        qpdf = (
            best(
                repeat,
                lambda: run_tool(
                    [qpdf_path, "--empty", "--pages", *map(str, paths), "--", str(out)]
                ),
            )
            if qpdf_path
            else None
        )
        unite = (
            best(repeat, lambda: run_tool(["pdfunite", *map(str, paths), str(out)]))
            if peer_tool("pdfunite")
            else None
        )
        pages = our_pack(paths, out)
        ours = best(repeat, lambda: our_pack(paths, out))
        cli = best(repeat, cli_pack(paths, work))
        missing = "" if qpdf else "qpdf not installed (bench/README.md)"
        name = f"Agenda pack of {pages} pages from 40 papers (front sheet, stamps, bookmarks)"
        note = f"CPU {ours[1]:.2f} s; the peer only concatenates (no stamps, no front sheet)"
        if qpdf and ours[0] > 2 * qpdf[0]:
            note += "; goal MISSED: stamping every page costs more than a plain merge"
        rows.append(
            Row(
                name + ", in the window",
                ours[0],
                "qpdf --empty --pages (merge only)",
                qpdf[0] if qpdf else None,
                "s",
                goal="≤ 2 × qpdf",
                note=missing or note,
            )
        )
        rows.append(
            Row(
                name + ", in the window",
                ours[0],
                "pdfunite (merge only)",
                unite[0] if unite else None,
                "s",
                note="pdfunite only concatenates (no stamps, no front sheet, no bookmarks)"
                if unite
                else "pdfunite not installed (poppler-utils)",
            )
        )
        rows.append(
            Row(
                "`sspclerk pack`, whole process (interpreter start included)",
                cli[0],
                "qpdf --empty --pages (merge only)",
                qpdf[0] if qpdf else None,
                "s",
                goal="",
                note=missing
                or "starting Python and importing pikepdf/reportlab is most of the gap",
            )
        )
        rows.append(
            Row(
                "pikepdf merge only (in-process; the library chosen, docs/pack.md)",
                best(repeat, lambda: pikepdf_merge(paths, out))[0],
                "pypdf merge only (in-process)",
                best(repeat, lambda: pypdf_merge(paths, out))[0],
                "s",
            )
        )

        big = work / "big"
        big.mkdir()
        write_papers(big, 40, 50)
        me = [sys.executable, str(Path(__file__).resolve())]
        base = subprocess.run(
            [*me, "--child-imports"], check=True, capture_output=True, text=True
        ).stdout.split()
        done = subprocess.run(
            [*me, "--child-2000", str(big)], check=True, capture_output=True, text=True
        )
        big_pages, seconds, peak = done.stdout.split()
        qpdf_big = None
        if qpdf_path:
            start = time.perf_counter()
            run_tool(
                [
                    qpdf_path,
                    "--empty",
                    "--pages",
                    *map(str, sorted(big.glob("paper-*.pdf"))),
                    "--",
                    str(big / "q.pdf"),
                ]
            )
            qpdf_big = time.perf_counter() - start
        rows.append(
            Row(
                f"Agenda pack of {big_pages} pages (40 papers of 50 pages), build time",
                float(seconds),
                "qpdf --empty --pages (merge only)",
                qpdf_big,
                "s",
                note=missing,
            )
        )
        rows.append(
            Row(
                f"Agenda pack of {big_pages} pages, peak memory of the process",
                float(peak),
                "",
                None,
                "MB",
                goal="≤ 300 MB",
                note=f"imports alone {base[2]} MB"
                + ("" if float(peak) <= 300 else "; goal MISSED"),
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def run() -> list[Row]:
    return measure()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child-2000")
    parser.add_argument("--child-imports", action="store_true")
    args = parser.parse_args()
    if args.child_2000:
        return child_2000(args.child_2000)
    if args.child_imports:
        return child_imports()
    for row in measure(args.repeat):
        ratio = f"{row.ratio:.2f}x" if row.ratio else ""
        peer = f"{row.peer:.3f}" if row.peer is not None else "-"
        print(
            f"{row.name}: {row.ours:.3f} {row.unit} | {row.peer_name} {peer} {ratio} | {row.note}"
        )


if __name__ == "__main__":
    main()
