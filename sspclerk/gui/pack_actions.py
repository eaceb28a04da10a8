"""Agenda packs in the window: attach and detach papers, build, print and open the pack.

Checking a dropped PDF (``inspect_pdf``) and planning a pack (``plan_pack``, which
reads the papers out of the store) run on the main thread, the store's thread;
only ``build_pack`` (pure file work) runs in a worker, with progress and Cancel.
Refusals are one line naming the file; nothing is attached or written half-way.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.model import AgendaItem, Document, Meeting
from sspclerk.store import Changed

from .folders import SaveAsField
from .keys import ask

if TYPE_CHECKING:
    from .main_window import MainWindow

PARTS = (
    ("public", "Public agenda pack"),
    ("confidential", "Part B — confidential (restricted items)"),
    ("supplementary", "Supplementary (papers attached after publication)"),
)
_PART_SUFFIX = {"public": "", "confidential": "-part-b", "supplementary": "-supplementary"}


def pack_filename(meeting: Meeting, part: str) -> str:
    """'SSP-2025-07-23-agenda-pack-part-b.pdf'."""
    prefix = "".join(c if c.isalnum() else "-" for c in meeting.committee.prefix) or "meeting"
    return f"{prefix}-{meeting.date.isoformat()}-agenda-pack{_PART_SUFFIX[part]}.pdf"


def pdf_paths(urls: Iterable[QUrl]) -> list[Path]:
    return [
        Path(u.toLocalFile())
        for u in urls
        if u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf")
    ]


def read_paper(path: Path) -> tuple[Document, bytes]:
    """Check one PDF (PdfRefused says why not) and describe it as a paper."""
    from sspclerk.export.pdfcheck import inspect_pdf, paper_title

    path = Path(path)
    info = inspect_pdf(path)
    return Document(paper_title(path, info), path.name, page_count=info.page_count), info.content


# ---------------------------------------------------------------- building, off the GUI thread


class PackWorker(QThread):
    progress = Signal(int, int, str)
    finished_ok = Signal(object)  # PackResult
    failed = Signal(str)

    def __init__(self, plan, target: Path) -> None:
        super().__init__()
        self.plan, self.target = plan, target
        self.stop = threading.Event()

    def run(self) -> None:
        from sspclerk.export.pack import PackError, build_pack

        try:
            result = build_pack(
                self.plan,
                self.target,
                progress=lambda done, total, what: self.progress.emit(done, total, what),
                cancelled=self.stop.is_set,
            )
        except PackError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # one line for the clerk, never a traceback
            self.failed.emit(f"the pack could not be built: {type(exc).__name__}: {exc}")
        else:
            self.finished_ok.emit(result)
        finally:
            self.plan.close()


class PackDialog(QDialog):
    """Choose the part and the file; the pack is built in a worker with progress and Cancel.

    ``plan`` is called on the main thread with the chosen part and returns a PackPlan
    (or raises PackError); ``for_print`` hides the file field (a temporary file is used).
    """

    built = Signal(object)  # PackResult

    def __init__(
        self,
        meeting: Meeting,
        plan: Callable[[str], object],
        folder: Path,
        *,
        part: str = "public",
        for_print: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.meeting, self.plan, self.folder, self.for_print = meeting, plan, folder, for_print
        self.worker: PackWorker | None = None
        self.result = None
        self.error = ""
        self.not_held: list[str] = []  # papers listed on the front sheet without a file
        self.print_folder: Path | None = None  # for_print: where the pack to print is built
        self.progress_seen: list[int] = []
        self.on_worker: Callable[[PackWorker], None] | None = None  # test hook
        self.setWindowTitle("Print the agenda pack" if for_print else "Agenda pack")
        self.resize(640, 240)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.part = QComboBox()
        self.part.setAccessibleName("Which pack")
        for value, label in PARTS:
            self.part.addItem(label, value)
        self.part.setCurrentIndex(max(0, self.part.findData(part)))
        part_label = QLabel("&Pack")
        part_label.setBuddy(self.part)
        form.addRow(part_label, self.part)
        save_as = SaveAsField(self, "Save the pack as", "Save the agenda pack", "PDF files (*.pdf)")
        self.target = save_as.line
        if not for_print:
            form.addRow(save_as.label, save_as)
        else:
            for w in (save_as, save_as.label):
                w.hide()
        layout.addLayout(form)
        self.part.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Pack progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Pack status")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.build_button = self.buttons.addButton(
            "&Preview and print…" if for_print else "&Build pack",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.cancel_button = self.buttons.addButton(
            "&Cancel build", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.setAccessibleName("Cancel building the pack")
        self.cancel_button.hide()
        self.build_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.build_button.setDefault(True)

    def _suggest_name(self) -> None:
        self.target.setText(str(self.folder / pack_filename(self.meeting, self.part.currentData())))

    def target_path(self) -> Path:
        if self.for_print:
            # A pack only for printing (perhaps Part B) is not left lying in the temp folder:
            # the folder goes when this dialog or the preview is done with it.
            self.discard_print_file()
            self.print_folder = Path(tempfile.mkdtemp(prefix="sspclerk-print-"))
            return self.print_folder / pack_filename(self.meeting, self.part.currentData())
        return Path(self.target.text().strip()).expanduser()

    def discard_print_file(self) -> None:
        if self.print_folder is not None:
            shutil.rmtree(self.print_folder, ignore_errors=True)
            self.print_folder = None

    def start(self) -> None:
        from sspclerk.export.pack import PackError

        if self.worker is not None and self.worker.isRunning():
            return
        if not self.for_print and not self.target.text().strip():
            self.status.setText("Choose a file to save the pack to.")
            return
        self.error = ""
        try:
            plan = self.plan(self.part.currentData())  # main thread: it reads the store
        except PackError as exc:
            self._failed(str(exc))
            return
        self.build_button.setEnabled(False)
        self.part.setEnabled(False)
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.progress.show()
        self.progress.setRange(0, 0)
        self.progress_seen = []
        self.status.setText("Building the pack…")
        self.not_held = list(plan.not_held)
        self.worker = PackWorker(plan, self.target_path())
        self.worker.progress.connect(self._progress)
        self.worker.finished_ok.connect(self._done)
        self.worker.failed.connect(self._failed)
        if self.on_worker is not None:
            self.on_worker(self.worker)
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None and self.worker.isRunning():
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress_seen.append(done)
        self.status.setText(what)

    def _finish(self) -> None:
        self.build_button.setEnabled(True)
        self.part.setEnabled(True)
        self.cancel_button.hide()

    def _done(self, result) -> None:
        self.result = result
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        papers = len(result.papers)
        said = (
            f"Saved {result.path}: {result.page_count} pages "
            f"({result.front_sheet_pages} front sheet, {papers} paper{'s' if papers != 1 else ''})."
            if not self.for_print
            else f"{result.page_count} pages ready to print."
        )
        if self.not_held:
            said += (
                f"\nListed on the front sheet but not in the pack (no file attached): "
                f"{'; '.join(self.not_held)}."
            )
        self.status.setText(said)
        self.built.emit(result)

    def _failed(self, message: str) -> None:
        self.error = message
        self._finish()
        self.progress.hide()
        self.status.setText(f"No pack made: {message}")

    def done(self, code: int) -> None:  # noqa: D401 - never leave the worker running
        worker, self.worker = self.worker, None
        if worker is not None:
            # Whatever the worker still reports (already queued) is for a closed dialog.
            for signal in (worker.progress, worker.finished_ok, worker.failed):
                signal.disconnect()
            if worker.isRunning():
                worker.stop.set()
                worker.wait()
            self.finished_worker = worker  # its result stays readable (tests, status)
        self.discard_print_file()
        super().done(code)


def _discard(preview, folder: Path | None) -> None:
    """Let go of the printed pack: QtPdf's hold on the file first (Windows), then the folder."""
    if preview is not None and getattr(preview, "pdf", None) is not None:
        preview.pdf.close()
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------- the window's side


class PackActions(QObject):
    """What the window's pack commands and the agenda's PDF drop do."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_pack: Path | None = None
        self.last_pack_meeting: int | None = None
        self.dialog: PackDialog | None = None
        self.preview = None
        agenda = window.agenda
        agenda.setAcceptDrops(True)
        agenda.viewport().setAcceptDrops(True)
        agenda.viewport().installEventFilter(self)
        window.setAcceptDrops(True)
        window.installEventFilter(self)  # a PDF dropped on the editor: the item in view
        papers = window.editor.papers
        papers.attach_clicked.connect(self.choose_and_attach)
        papers.detach_clicked.connect(self.detach)

    # ---------------------------------------------------------------- attach / detach

    def _writable(self) -> bool:
        w = self.window
        return w.meeting is not None and not w.read_only and not w.series.locked

    def attach(self, item: AgendaItem, paths: Iterable[Path]) -> list[str]:
        """Attach each PDF to ``item`` as one change (Ctrl+Z detaches them again);
        return the refusals (also shown to the clerk)."""
        from sspclerk.export.pdfcheck import PdfRefused
        from sspclerk.store import RuleError

        if not self._writable():
            return []
        w = self.window
        refused: list[str] = []
        papers: list[tuple[Document, bytes]] = []
        for path in paths:
            try:
                papers.append(read_paper(Path(path)))
            except PdfRefused as exc:
                refused.append(str(exc))
        attached: list[Document] = []
        meeting_id = w.meeting.id

        def call(store) -> Changed:
            for doc, content in papers:
                try:
                    doc.id = store.attach_document(item.id, doc, content)
                except RuleError as exc:  # the same file twice: that one is refused
                    refused.append(str(exc))
                else:
                    attached.append(doc)
            return Changed(meeting_id, item.id, "documents")

        if papers:
            names = ", ".join(d.title for d, _ in papers)
            _, problem = w.ops.run(
                f"paper{'s' if len(papers) > 1 else ''} {names} attached to {item.number}",
                call,
                meeting_id=meeting_id,
                item_id=item.id,
            )
            if problem:
                refused.append(problem)
        if attached:
            names = ", ".join(d.title for d in attached)
            w.tell(f"Attached to {item.number}: {names} — Ctrl+Z detaches.")
        if refused:
            QMessageBox.warning(w, "Not attached", "\n".join(f"Not attached: {r}" for r in refused))
            w.activateWindow()
        return refused

    def choose_and_attach(self) -> None:
        from .folders import output_folder, remember_folder

        item = self.window.editor.item
        if item is None or not self._writable():
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            f"Attach a paper to {item.number}",
            str(output_folder("papers")),
            "PDF files (*.pdf);;All files (*)",
        )
        if paths:
            remember_folder("papers", paths[0])
            self.attach(item, [Path(p) for p in paths])

    def detach(self, document_id: int) -> None:
        item = self.window.editor.item
        if item is None or not self._writable():
            return
        doc = next((d for d in item.documents if d.id == document_id), None)
        if doc is None:
            return
        if not ask(
            self.window,
            "Detach the paper",
            f"Detach “{doc.title}” from {item.number}?\nIt will no longer be in the agenda pack.",
        ):
            return
        _, refused = self.window.ops.run(
            f"paper “{doc.title}” detached from {item.number}",
            lambda s: s.detach_document(document_id),
            meeting_id=self.window.meeting.id,
            item_id=item.id,
        )
        if refused:
            QMessageBox.warning(self.window, "Not detached", f"Not detached: {refused}")
            return
        self.window.tell(f"Detached “{doc.title}” from {item.number} — Ctrl+Z attaches it again.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A PDF dropped on an agenda row goes to that item; anywhere else, to the item in view.

        Anything that is not a PDF is left alone (the window imports pages and meetings).
        """
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        paths = pdf_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not paths or not self._writable():
            return False
        on_agenda = watched is self.window.agenda.viewport()
        item = self._item_at(event) if on_agenda else self.window.editor.item
        if item is None:
            return False  # below the last row: the window takes it for the item in view
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if kind == QEvent.Type.Drop:
            if on_agenda:
                self.window.go_to_item(item.id)
            self.attach(item, paths)
        return True

    def _item_at(self, event: QDropEvent) -> AgendaItem | None:
        w = self.window
        row = w.agenda.indexAt(event.position().toPoint()).row()
        if w.meeting is None or not 0 <= row < len(w.meeting.items):
            return None
        return w.meeting.items[row]

    # ---------------------------------------------------------------- packs

    def _plan(self, meeting_id: int) -> Callable[[str], object]:
        store = self.window.store

        def plan(part: str):
            from sspclerk.export.pack import plan_pack

            return plan_pack(store.load_meeting(meeting_id), part, store.document_content)

        return plan

    def _dialog(self, for_print: bool) -> PackDialog | None:
        w = self.window
        if w.meeting is None:
            return None
        if w.autosaver is not None and not w.autosaver.flush():
            w.statusBar().showMessage("The pack waits until your changes are saved.", 8000)
            return None
        from .folders import output_folder

        self.dialog = PackDialog(
            w.meeting,
            self._plan(w.meeting.id),
            output_folder("pack"),
            for_print=for_print,
            parent=w,
        )
        self.dialog.built.connect(self._built)
        if for_print:
            self.dialog.built.connect(self._print_built)
        return self.dialog

    def build_pack(self) -> PackDialog | None:
        dialog = self._dialog(for_print=False)
        if dialog is not None:
            dialog.open()  # window-modal, returns at once; the worker reports to it
        return dialog

    def print_pack(self) -> PackDialog | None:
        """Ctrl+P: the print preview of the pack last built for this meeting, at once;
        with none built yet, build one to print first."""
        w = self.window
        last = self.last_pack
        if (
            last is not None
            and last.is_file()
            and w.meeting is not None
            and self.last_pack_meeting == w.meeting.id
        ):
            from .print_preview import PrintError, preview_dialog

            try:
                self.preview = preview_dialog(last, w)
            except PrintError as exc:
                QMessageBox.warning(w, "Cannot print", str(exc))
                return None
            w.tell(f"Print preview of {last.name} (Ctrl+Shift+K builds it again).")
            self.preview.open()
            return None
        dialog = self._dialog(for_print=True)
        if dialog is not None:
            dialog.open()
        return dialog

    def _built(self, result) -> None:
        from .folders import remember_folder

        if self.dialog is not None and not self.dialog.for_print:
            self.last_pack = Path(result.path)
            self.last_pack_meeting = self.window.meeting.id if self.window.meeting else None
            remember_folder("pack", self.last_pack)

    def _print_built(self, result) -> None:
        from .print_preview import PrintError, preview_dialog

        dialog = self.dialog
        try:
            preview = self.preview = preview_dialog(result.path, self.window)
        except PrintError as exc:
            QMessageBox.warning(self.window, "Cannot print", str(exc))
            return
        if dialog is not None:
            # The dialog's temporary pack lives as long as the preview showing it.
            folder, dialog.print_folder = dialog.print_folder, None
            preview.finished.connect(lambda _code: _discard(preview, folder))
            dialog.accept()
        preview.open()

    def open_pack(self) -> bool:
        if self.last_pack is None or not self.last_pack.is_file():
            self.window.statusBar().showMessage(
                "No pack built yet in this session: File → Agenda pack… first.", 8000
            )
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pack)))
