"""The agenda pack: a front sheet, then every paper in agenda order, one page sequence.

Two steps, so the window can show a progress bar without sharing SQLite with a thread:

1. ``plan_pack(meeting, part, content)`` — on the thread that owns the store (it calls
   ``content(sha256)``, normally ``store.document_content``).  It takes the audience
   view, picks the papers for the part, and copies each paper's bytes into a private
   temporary folder, checking each copy against its hash.
2. ``build_pack(plan, output, progress=..., cancelled=...)`` — on any thread.  It reads
   only the plan and its temporary files; it never touches the store.

The public/confidential decision is made by ``audience_view`` alone: the public pack is
built from the public view, in which restricted items have no papers, so a restricted
paper cannot reach it through any branch here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import pikepdf

# isort: off
import sspclerk.export.reportlab_startup  # noqa: F401  (before reportlab: see its docstring)
# isort: on

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas

from sspclerk import files
from sspclerk.core.audience import audience_view
from sspclerk.core.dates import council_date, council_time
from sspclerk.core.model import EXEMPT_PARAGRAPHS, AgendaItem, Document, Meeting

from .frontsheet import (
    FONT,
    FONT_BOLD,
    FrontSheet,
    SheetItem,
    SheetPaper,
    register_fonts,
    render_front_sheet,
)
from .pack_tags import Segment, is_tagged, tag_pack
from .pdf_base import xmp_packet

#: progress(done, total, what) — called from the building thread.
Progress = Callable[[int, int, str], None]


class PackPart(StrEnum):
    PUBLIC = "public"
    CONFIDENTIAL = "confidential"
    SUPPLEMENTARY = "supplementary"


class PackError(Exception):
    """The pack cannot be made; the message says why in the clerk's words."""


class PackCancelled(PackError):
    """The clerk cancelled; the previous pack file is untouched."""


@dataclass(frozen=True)
class PackPaper:
    """One paper going into the pack, with its bytes already copied out of the store."""

    item_number: str
    item_title: str
    title: str
    filename: str
    path: Path
    #: "NOT FOR PUBLICATION ..." for every page of a Part B paper; "" otherwise.
    marking: str = ""
    attached_at: dt.datetime | None = None
    #: Its line on the front sheet, which gets the start page.
    sheet_line: SheetPaper | None = field(default=None, compare=False, repr=False)


@dataclass
class PackPlan:
    """Everything build_pack needs; plain data and files, no store.  Close it when done."""

    part: PackPart
    sheet: FrontSheet
    papers: list[PackPaper]
    #: Papers listed against an item whose file the store does not hold (e.g. imported).
    not_held: list[str] = field(default_factory=list)
    title: str = ""
    front_marking: str = ""
    folder: Path | None = None

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> PackPlan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class PaperPlacement:
    item_number: str
    title: str
    start_page: int
    page_count: int


@dataclass(frozen=True)
class PackResult:
    path: Path
    page_count: int
    front_sheet_pages: int
    papers: list[PaperPlacement]
    #: A tagged PDF (every paper in it was one: see pack_tags); else the titles of the
    #: papers that were not.
    tagged: bool = False
    untagged_papers: tuple[str, ...] = ()


# ---------------------------------------------------------------- planning (store thread)


def not_for_publication(paragraph: int | None) -> str:
    if paragraph is None:
        return "NOT FOR PUBLICATION"
    return f"NOT FOR PUBLICATION – Schedule 12A paragraph {paragraph}"


def _exempt_line(item: AgendaItem) -> str:
    """The line under a Part B item: its Schedule 12A paragraph, else its public reason
    (a partnership restricts papers for reasons outside the Act), else nothing: a
    missing paragraph is for the clerk's check, not for the printed agenda."""
    if item.exempt_paragraph is None:
        return " ".join(item.restriction_reason.split())
    described = EXEMPT_PARAGRAPHS.get(item.exempt_paragraph, "")
    return f"Schedule 12A paragraph {item.exempt_paragraph}" + (
        f" — {described}" if described else ""
    )


def _is_late(doc: Document, published: dt.date) -> bool:
    """Attached after the day the agenda was published (the day itself counts as on time)."""
    return doc.attached_at is not None and doc.attached_at.date() > published


def plan_pack(
    meeting: Meeting,
    part: PackPart | str,
    content: Callable[[str], bytes],
) -> PackPlan:
    """Choose the papers for ``part`` and copy their bytes out; call on the store's thread."""
    part = PackPart(part)
    register_fonts()  # reportlab's font registry is global: fill it on this thread, not a worker's
    if part is PackPart.CONFIDENTIAL:
        view = audience_view(meeting, "confidential")
        part_a: list[AgendaItem] = []
        part_b = [i for i in view.items if i.restricted]
        if not part_b:
            raise PackError(
                "this meeting has no restricted (Part B) items, so there is no Part B pack"
            )
        kind = "Part B agenda pack"
    else:
        view = audience_view(meeting, "public")
        part_a = [i for i in view.items if not i.restricted]
        part_b = [i for i in view.items if i.restricted]
        kind = "Agenda pack"
    late_after = None
    if part is PackPart.SUPPLEMENTARY:
        late_after = meeting.agenda_published_on
        if late_after is None:
            raise PackError(
                "the agenda has no publication date recorded, so no paper counts as "
                "supplementary; make the main pack instead"
            )
        kind = "Supplementary agenda pack"

    folder = Path(tempfile.mkdtemp(prefix="sspclerk-pack-"))
    try:
        plan = _collect(view, part, part_a, part_b, late_after, content, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    plan.sheet.kind = kind
    plan.title = f"{meeting.committee.name} — {kind} — {council_date(meeting.date)}"
    plan.sheet.title = plan.title
    if part is PackPart.SUPPLEMENTARY and not plan.papers:
        plan.close()
        raise PackError(
            f"no papers were attached after the agenda was published on {council_date(late_after)}"  # type: ignore[arg-type]
        )
    return plan


def _collect(
    view: Meeting,
    part: PackPart,
    part_a: list[AgendaItem],
    part_b: list[AgendaItem],
    late_after: dt.date | None,
    content: Callable[[str], bytes],
    folder: Path,
) -> PackPlan:
    c = view.committee
    sheet = FrontSheet(
        kind="",
        body=c.organisation,
        committee=c.name,
        date=council_date(view.date),
        time=council_time(view.start_time),
        venue=view.venue,
        contact=view.contact,
        membership=[m.name + (f" ({m.organisation})" if m.organisation else "") for m in c.members],
    )
    plan = PackPlan(part=part, sheet=sheet, papers=[], folder=folder)
    confidential = part is PackPart.CONFIDENTIAL
    for group, target in ((part_a, sheet.part_a), (part_b, sheet.part_b)):
        for item in group:
            entry = SheetItem(
                item.number, item.title, exempt_line=_exempt_line(item) if item.restricted else ""
            )
            for doc in item.documents:
                if late_after is not None and not _is_late(doc, late_after):
                    continue
                if not doc.sha256:
                    # Listed on the agenda without a page: the clerk is told (not_held),
                    # the reader of the front sheet is not given an internal note.
                    plan.not_held.append(f"{item.number} {doc.title}")
                    entry.papers.append(SheetPaper(doc.title, None))
                    continue
                path = folder / f"{doc.sha256}.pdf"
                if not path.exists():
                    try:
                        data = content(doc.sha256)
                    except Exception as exc:  # the store says why; add which paper
                        raise PackError(
                            f"cannot read the stored copy of {doc.title!r} ({item.number}): {exc}"
                        ) from exc
                    if hashlib.sha256(data).hexdigest() != doc.sha256:
                        raise PackError(
                            f"the stored copy of {doc.title!r} ({item.number}) is damaged: "
                            "its content no longer matches its hash; attach the file again"
                        )
                    path.write_bytes(data)
                note = ""
                if late_after is not None and doc.attached_at is not None:
                    note = f"attached {council_date(doc.attached_at.date())}"
                line = SheetPaper(doc.title, None, note)
                entry.papers.append(line)
                plan.papers.append(
                    PackPaper(
                        item.number,
                        item.title,
                        doc.title,
                        doc.filename,
                        path,
                        marking=not_for_publication(item.exempt_paragraph) if confidential else "",
                        attached_at=doc.attached_at,
                        sheet_line=line,
                    )
                )
            if late_after is None or entry.papers:
                target.append(entry)
    if confidential:
        paragraphs = sorted({i.exempt_paragraph for i in part_b if i.exempt_paragraph})
        plan.front_marking = "NOT FOR PUBLICATION" + (
            f" – Schedule 12A paragraph{'s' if len(paragraphs) > 1 else ''} "
            + ", ".join(map(str, paragraphs))
            if paragraphs
            else ""
        )
        sheet.warning = plan.front_marking
    if late_after is not None:
        sheet.intro = (
            f"Papers attached after the agenda was published on {council_date(late_after)}."
        )
    return plan


# ---------------------------------------------------------------- building (any thread)


@dataclass
class _Stamp:
    width: float  # visual size: what the reader sees after /Rotate
    height: float
    page: int
    item: str = ""
    marking: str = ""
    #: A paper's page (not the front sheet): its content makes room for a top stamp.
    paper: bool = False

    def top_band(self) -> float:
        """The height a paper's page gives up at its top for the stamp lines there."""
        lines = bool(self.marking) + bool(self.item)
        return 0.0 if not (self.paper and lines) else _FIRST_TOP + (lines - 1) * _LINE + 7


def build_pack(
    plan: PackPlan,
    output: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PackResult:
    """Write the pack to ``output`` atomically.  Safe on a worker thread: no store access.

    On any failure or cancellation the previous file at ``output`` is left as it was.
    """
    output = Path(output).expanduser()
    report = progress or (lambda done, total, what: None)
    stop = cancelled or (lambda: False)
    sources: list[pikepdf.Pdf] = []
    keep_open: list[pikepdf.Pdf] = []
    try:
        files.check_output_path(output)  # before the work, not after it
        for paper in plan.papers:
            try:
                sources.append(pikepdf.open(paper.path))
            except (pikepdf.PdfError, OSError) as exc:
                raise PackError(
                    f"{paper.title!r} ({paper.item_number}) cannot be opened: {exc}"
                ) from None
        counts = [len(src.pages) for src in sources]
        total = sum(counts) + 3
        report(0, total, "Front sheet")
        front, front_pages = _front_sheet(plan, counts)
        _check(stop)

        pdf = pikepdf.new()
        front_pdf = pikepdf.open(io.BytesIO(front))
        keep_open.append(front_pdf)  # sources stay open until saved: qpdf reads them then
        pdf.pages.extend(front_pdf.pages)
        stamps = [_Stamp(0, 0, n + 1, marking=plan.front_marking) for n in range(front_pages)]
        placements: list[PaperPlacement] = []
        for paper, src, count in zip(plan.papers, sources, counts, strict=True):
            _check(stop)
            if "/AcroForm" in src.Root:
                # Fields are baked into the page: the pack has no form of its own to hold
                # them, and a printed pack must show what was filled in.
                src.generate_appearance_streams()
                src.flatten_annotations("all")
            start = len(pdf.pages) + 1
            pdf.pages.extend(src.pages)
            placements.append(PaperPlacement(paper.item_number, paper.title, start, count))
            for n in range(count):
                stamps.append(
                    _Stamp(
                        0,
                        0,
                        start + n,
                        item=paper.item_number if n == 0 else "",
                        marking=paper.marking,
                        paper=True,
                    )
                )
        report(1, total, "Stamping pages")
        keep_open.append(_stamp_pages(pdf, stamps, report, stop, total))
        _bookmarks(pdf, plan, placements, front_pages)
        _metadata(pdf, plan)
        segments = [Segment(front_pdf, 0, front_pages, plan.sheet.kind, front=True)]
        segments += [
            Segment(src, placed.start_page - 1, placed.page_count, placed.title)
            for src, placed in zip(sources, placements, strict=True)
        ]
        tagged = tag_pack(pdf, segments)
        untagged = tuple(
            p.title for p, src in zip(plan.papers, sources, strict=True) if not is_tagged(src)
        )
        _check(stop)
        report(total - 1, total, "Saving")
        # The pack declares the newest PDF version among its parts, so features a paper
        # relies on (transparency, object streams) are not read as an older version's.
        version = max((src.pdf_version for src in (*sources, *keep_open)), key=_version_key)
        expected = len(stamps)
        # Saved through an open handle: given a path, pikepdf writes through a
        # temporary file of its own that a kill would leave behind.
        with files.atomic_output(output, suffix=".partial") as tmp:
            with open(tmp, "wb") as handle:
                pdf.save(handle, min_version=version)
            with pikepdf.open(tmp) as check:
                if len(check.pages) != expected:
                    raise PackError(
                        f"the pack came out with {len(check.pages)} pages, not {expected}"
                    )
            _check(stop)
        report(total, total, "Done")
        return PackResult(output, expected, front_pages, placements, tagged, untagged)
    except pikepdf.PdfError as exc:
        raise PackError(f"the pack could not be built: {exc}") from None
    except files.OutputError as exc:
        raise PackError(str(exc)) from None
    except OSError as exc:
        raise PackError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        for src in (*sources, *keep_open):
            src.close()


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (1, 3)


def _check(stop: Callable[[], bool]) -> None:
    if stop():
        raise PackCancelled("the pack was cancelled; the previous file is unchanged")


def _front_sheet(plan: PackPlan, counts: list[int]) -> tuple[bytes, int]:
    """Render the front sheet with the real start pages; again if its own length changes.

    The first guess at its length comes from its number of lines, so most packs need
    one rendering; a wrong guess costs one more.
    """
    sheet = plan.sheet
    lines = sum(1 + len(i.papers) + bool(i.exempt_line) for i in (*sheet.part_a, *sheet.part_b))
    front_pages = 1 if lines <= 26 else 2 + (lines - 26) // 42
    for _ in range(6):
        page = front_pages + 1
        for paper, count in zip(plan.papers, counts, strict=True):
            if paper.sheet_line is not None:
                paper.sheet_line.page = page
            page += count
        data = render_front_sheet(sheet)
        with pikepdf.open(io.BytesIO(data)) as pdf:
            actual = len(pdf.pages)
        if actual == front_pages:
            return data, front_pages
        front_pages = actual
    raise PackError("the front sheet's length would not settle")  # pragma: no cover


def _visual_box(page: pikepdf.Page) -> tuple[list[float], int]:
    """The part of the page a viewer shows (CropBox within MediaBox) and its /Rotate."""

    def normal(box: pikepdf.Array) -> list[float]:
        x0, y0, x1, y1 = (float(v) for v in box)
        return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]

    media = normal(page.mediabox)
    crop = normal(page.cropbox)
    box = [
        max(media[0], crop[0]),
        max(media[1], crop[1]),
        min(media[2], crop[2]),
        min(media[3], crop[3]),
    ]
    if box[2] - box[0] < 1 or box[3] - box[1] < 1:  # a crop box outside the page
        box = media
    rotate = int(page.obj.get("/Rotate", 0) or 0) % 360
    return box, rotate - rotate % 90


def _placement(box: list[float], rotate: int) -> tuple[float, ...]:
    """The matrix taking upright visual coordinates to the page's own user space."""
    x0, y0, x1, y1 = box
    return {
        0: (1, 0, 0, 1, x0, y0),
        90: (0, 1, -1, 0, x1, y0),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, -1, 1, 0, x0, y1),
    }[rotate]


#: (font, size) of each kind of stamp text.
_PAGE_FONT = (FONT, 9.0)
_ITEM_FONT = (FONT_BOLD, 10.0)
_MARK_FONT = (FONT_BOLD, 9.0)
_MARK_RGB = "0.63 0 0"


class _StampText:
    """Stamp text set in DejaVu through reportlab, then composed per page without it.

    Drawing a reportlab page per pack page cost more than the merge itself.  Instead
    reportlab draws each character the stamps need once, on one scratch page; that gives
    the embedded font subset (with its ToUnicode map, so "Page 37" is searchable) and the
    byte each character has in it.  A page's stamp is then a few bytes of content using
    those codes.  Font names get an ``SspStamp`` prefix so they never clash with a paper's.
    """

    def __init__(self, pdf: pikepdf.Pdf, texts: list[tuple[str, tuple[str, float]]]) -> None:
        register_fonts()
        wanted = sorted({(font, ch) for text, (font, _) in texts for ch in text})
        buf = io.BytesIO()
        c = rl_canvas.Canvas(buf, invariant=1, pageCompression=0)
        for font, ch in wanted:
            c.setFont(font, 10)
            c.drawString(0, 0, ch)
        c.showPage()
        c.save()
        self.scratch = pikepdf.open(io.BytesIO(buf.getvalue()))
        page = self.scratch.pages[0]
        fonts = page.Resources.Font
        rename = {str(k): pikepdf.Name(f"/SspStamp{i}") for i, k in enumerate(fonts.keys())}
        # Each drawString is one text object: "BT ... /F2+0 10 Tf ... (<code>) Tj ... ET".
        codes: list[tuple[str, bytes]] = []
        subset = ""
        for operands, op in pikepdf.parse_content_stream(page, "Tf Tj"):
            if str(op) == "Tf":
                subset = str(operands[0])
            else:
                codes.append((str(rename[subset]), bytes(operands[0])))
        skipped = len(codes) - len(wanted)  # nothing is drawn before the wanted characters
        if skipped != 0 or any(len(code) != 1 for _, code in codes):
            raise PackError("the page stamps could not be set")  # pragma: no cover
        self.code = dict(zip(wanted, codes, strict=True))
        used = {name for name, _ in codes}  # not reportlab's default Helvetica
        self.fonts = {
            rename[k]: pdf.copy_foreign(fonts[k]) for k in fonts if str(rename[k]) in used
        }
        self.size = dict(texts)
        self.width = {text: pdfmetrics.stringWidth(text, *font) for text, font in texts}

    def show(self, text: str) -> bytes:
        """A text object drawing ``text`` at the origin, in runs of one font subset each."""
        font, size = self.size[text]
        runs: list[tuple[str, bytearray]] = []
        for ch in text:
            name, code = self.code[(font, ch)]
            if not runs or runs[-1][0] != name:
                runs.append((name, bytearray()))
            runs[-1][1].extend(code)
        body = b" ".join(
            b"%s %g Tf <%s> Tj" % (n.encode(), size, c.hex().encode()) for n, c in runs
        )
        return b"BT " + body + b" ET"


def _stamp_texts(stamps: list[_Stamp]) -> list[tuple[str, tuple[str, float]]]:
    texts: dict[str, tuple[str, float]] = {}
    for s in stamps:
        texts[f"Page {s.page}"] = _PAGE_FONT
        if s.item:
            texts[f"Agenda Item {s.item}"] = _ITEM_FONT
        if s.marking:
            texts[s.marking] = _MARK_FONT
    return list(texts.items())


#: Baseline of the first stamp line below the top edge, and the step to the next.
_FIRST_TOP = 18
_LINE = 14
#: A pack's page furniture: decoration in a tagged PDF, never read as the paper's text.
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC "


def _stamp_content(s: _Stamp, text: _StampText) -> bytes:
    """Upright visual coordinates: footer centred at the bottom, marks at the top."""

    def put(string: str, x: float, y: float, rgb: str = "0 0 0") -> bytes:
        return b"q %s rg 1 0 0 1 %.2f %.2f cm " % (rgb.encode(), x, y) + text.show(string) + b" Q "

    page = f"Page {s.page}"
    parts = [_ARTIFACT, put(page, (s.width - text.width[page]) / 2, 14)]
    top = s.height - _FIRST_TOP
    if s.marking:
        parts.append(put(s.marking, (s.width - text.width[s.marking]) / 2, top, _MARK_RGB))
        top -= _LINE
    if s.item:
        label = f"Agenda Item {s.item}"
        parts.append(put(label, s.width - 24 - text.width[label], top))
    parts.append(b"EMC ")
    return b"".join(parts)


Matrix = tuple[float, float, float, float, float, float]


def _then(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF matrices, points as row vectors)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _inverse(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def _shrink(s: _Stamp, placement: Matrix) -> Matrix | None:
    """The matrix that scales a paper's page down, centred and keeping its foot, so
    that its top edge (and its own header) sits below the stamp lines; None when no
    stamp goes at its top."""
    band = s.top_band()
    if not band or s.height <= band * 2:
        return None
    scale = (s.height - band) / s.height
    upright: Matrix = (scale, 0, 0, scale, (1 - scale) * s.width / 2, 0)
    return _then(_then(_inverse(placement), upright), placement)


def _moved_annotations(page: pikepdf.Page, m: Matrix) -> None:
    """Links and notes follow the page's content when it is scaled."""
    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return
    for annot in annots:
        rect = annot.get("/Rect") if isinstance(annot, pikepdf.Dictionary) else None
        if not isinstance(rect, pikepdf.Array) or len(rect) != 4:
            continue
        x0, y0, x1, y1 = (float(v) for v in rect)
        corners = [_point(m, x, y) for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        annot.Rect = pikepdf.Array([min(xs), min(ys), max(xs), max(ys)])
        quads = annot.get("/QuadPoints")
        if isinstance(quads, pikepdf.Array):
            values = [float(v) for v in quads]
            moved = []
            for i in range(0, len(values) - 1, 2):
                moved += list(_point(m, values[i], values[i + 1]))
            annot.QuadPoints = pikepdf.Array(moved)


def _point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _stamp_pages(
    pdf: pikepdf.Pdf,
    stamps: list[_Stamp],
    report: Progress,
    stop: Callable[[], bool],
    total: int,
) -> pikepdf.Pdf:
    """Stamp every page; returns the scratch PDF, which must stay open until saved."""
    text = _StampText(pdf, _stamp_texts(stamps))
    opening = pdf.make_stream(b"q\n")  # one shared stream opens every page's fence
    for n, (page, stamp) in enumerate(zip(pdf.pages, stamps, strict=True)):
        if n % 25 == 0:
            _check(stop)
            report(1 + n, total, "Stamping pages")
        box, rotate = _visual_box(page)
        width, height = box[2] - box[0], box[3] - box[1]
        stamp.width, stamp.height = (height, width) if rotate in (90, 270) else (width, height)
        content = _stamp_content(stamp, text)
        for name, font in text.fonts.items():
            placed = _add_font(page, font, name)
            if placed != name:
                content = content.replace(str(name).encode() + b" ", str(placed).encode() + b" ")
        placement = _placement(box, rotate)
        matrix = " ".join(f"{v:g}" for v in placement).encode()
        # The page's own drawing is fenced in q/Q, so a state it leaves behind
        # (a colour, a clip, a transformation) cannot move or hide the stamp; a
        # paper stamped at its top is scaled down first, clear of the stamp lines.
        shrink = _shrink(stamp, placement)
        if shrink is None:
            page.contents_add(opening, prepend=True)
        else:
            scaled = " ".join(f"{v:.6g}" for v in shrink)
            page.contents_add(pdf.make_stream(f"q {scaled} cm\n".encode()), prepend=True)
            _moved_annotations(page, shrink)
        page.contents_add(pdf.make_stream(b"Q q " + matrix + b" cm " + content + b"Q\n"))
    return text.scratch


def _add_font(page: pikepdf.Page, font: pikepdf.Object, name: pikepdf.Name) -> pikepdf.Name:
    """Put the stamp font on the page under ``name``, or a fresh name if a paper uses it.

    A paper can itself be an earlier sspclerk pack, already holding fonts of that name.
    """
    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(fonts, pikepdf.Dictionary) and name in fonts:
        present = fonts.get(name)
        if present is not None and present.is_indirect and present.objgen == font.objgen:
            return name
        return page.add_resource(font, pikepdf.Name.Font, prefix=str(name)[1:] + "x")
    return page.add_resource(font, pikepdf.Name.Font, name)


def _bookmarks(
    pdf: pikepdf.Pdf, plan: PackPlan, placements: list[PaperPlacement], front_pages: int
) -> None:
    with pdf.open_outline() as outline:
        outline.root.clear()
        outline.root.append(pikepdf.OutlineItem(plan.sheet.kind or "Front sheet", 0))
        current: pikepdf.OutlineItem | None = None
        current_number = None
        for paper, placed in zip(plan.papers, placements, strict=True):
            if current is None or current_number != paper.item_number:
                current = pikepdf.OutlineItem(
                    f"{paper.item_number} {paper.item_title}", placed.start_page - 1
                )
                current_number = paper.item_number
                outline.root.append(current)
            current.children.append(pikepdf.OutlineItem(paper.title, placed.start_page - 1))


def _metadata(pdf: pikepdf.Pdf, plan: PackPlan) -> None:
    pdf.docinfo["/Title"] = plan.title
    pdf.docinfo["/Creator"] = "sspclerk"
    author = plan.sheet.body or plan.sheet.committee
    pdf.docinfo["/Author"] = author
    pdf.Root.Metadata = pdf.make_stream(
        xmp_packet(title=plan.title, author=author, subject="", language="en-GB"),
        Type=pikepdf.Name.Metadata,
        Subtype=pikepdf.Name.XML,
    )
    pdf.Root.Lang = pikepdf.String("en-GB")
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
