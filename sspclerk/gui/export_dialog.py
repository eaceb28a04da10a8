"""Export the minutes: check first, then write the file in a worker thread.

The pre-publication check (core.checks) runs before anything is written and its
findings are shown with "Export anyway": the clerk decides, the check never
refuses.  Safe by default: when the check found errors the keyboard starts on the
findings (Enter goes to the item) and the default button is Close, not Export;
Public and Confidential are two plainly different buttons — Confidential in a
warning colour, its file name marked — that an arrow key cannot flip; files go to
the user's Documents folder (then the last folder chosen), never the folder the
program was started from.  The export itself is pure work in sspclerk.export (no
Qt), run in a QThread on a copy of the meeting loaded on the main thread, so the
window stays responsive (it repaints, autosave keeps running, the progress bar
moves) while a long PDF renders.  The dialog is modal: typing goes back to the
notes when it closes, and closing it mid-export waits for the file to finish.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.checks import Finding
from sspclerk.core.model import Meeting

from .folders import SaveAsField

AUDIENCES = (
    ("public", "Public minutes (restricted items left out)"),
    ("confidential", "CONFIDENTIAL minutes (with restricted items)"),
)


class ExportWorker(QThread):
    progress = Signal(int, int, str)
    finished_ok = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(self, meeting: Meeting, fmt: str, audience: str, target: Path) -> None:
        super().__init__()
        self.meeting, self.fmt, self.audience, self.target = meeting, fmt, audience, target

    def run(self) -> None:
        from sspclerk.export import ExportError, export_meeting

        try:
            result = export_meeting(
                self.meeting,
                self.fmt,
                self.audience,
                self.target,
                progress=lambda step, steps, what: self.progress.emit(step, steps, what),
            )
        except ExportError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # the clerk sees one line, never a traceback
            self.failed.emit(f"the export failed: {type(exc).__name__}: {exc}")
        else:
            self.finished_ok.emit(result)


class ExportDialog(QDialog):
    """Choose audience, format and file; see the check's findings; export."""

    def __init__(
        self,
        meeting: Meeting,
        findings: list[Finding],
        folder: Path | None = None,
        fmt: str = "docx",
        audience: str = "public",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from sspclerk.core.checks import has_errors
        from sspclerk.export import formats

        from .folders import output_folder

        self.meeting = meeting
        self.folder = folder or output_folder("minutes")
        self.worker: ExportWorker | None = None
        self.result = None
        self.setWindowTitle("Export the minutes")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        layout.addLayout(self._audience_buttons(audience))
        self.warning = QLabel(
            "Confidential: this file holds the restricted items. Its name is marked "
            "“confidential”; keep it out of anything published or shared."
        )
        self.warning.setObjectName("confidentialWarning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for f in formats():
            self.format.addItem(
                f.label if f.extension in f.label else f"{f.label} ({f.extension})", f.name
            )
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        save_as = SaveAsField(self, "Export to file", "Export the minutes")
        self.target = save_as.line
        format_label = QLabel("&Format")
        format_label.setBuddy(self.format)
        form.addRow(format_label, self.format)
        form.addRow(save_as.label, save_as)
        layout.addLayout(form)
        self.format.currentIndexChanged.connect(self._suggest_name)

        errors = has_errors(findings)
        count = sum(f.level == "error" for f in findings)
        heading = QLabel(
            f"The check found {count} error{'s' if count != 1 else ''} to fix before "
            "publishing. Enter on one goes to its item."
            if errors
            else "Before publishing, check these:"
            if findings
            else "The pre-publication check found nothing."
        )
        heading.setObjectName("section")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.findings = QListWidget()
        self.findings.setObjectName("findings")
        self.findings.setAccessibleName("Pre-publication check findings")
        self.findings.setWordWrap(True)
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chosen_item = ""  # a finding the clerk went to fix (Enter / double-click)
        self.findings.itemActivated.connect(self._go_to_finding)
        first_error = -1
        for f in findings:
            item = QListWidgetItem(str(f))
            item.setData(Qt.ItemDataRole.UserRole, f.item)
            item.setToolTip(f"{f}\n(Enter or double-click: go to the item)" if f.item else str(f))
            if f.level == "error":
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                if first_error < 0:
                    first_error = self.findings.count()
            self.findings.addItem(item)
        heading.setBuddy(self.findings)
        self.findings.setVisible(bool(findings))
        layout.addWidget(self.findings, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.errors = errors
        self.export_button = self.buttons.addButton(
            "&Export anyway" if errors else "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for b in self.buttons.buttons():
            b.setAutoDefault(False)
        if errors:
            # Nothing is written by a stray Enter: the keyboard is on what must be fixed.
            self.close_button.setDefault(True)
            self.findings.setCurrentRow(first_error)
            self.findings.setFocus()
        else:
            self.export_button.setDefault(True)
            self.export_button.setFocus()
        self._audience_changed()

    def _audience_buttons(self, audience: str) -> QHBoxLayout:
        """Two big, different buttons; arrow keys never move from one to the other."""
        row = QHBoxLayout()
        self.audience_group = QButtonGroup(self)
        self.audience_group.setExclusive(True)
        self.audience_buttons: dict[str, QPushButton] = {}
        for value, text, name in (
            ("public", "&Public minutes\nrestricted items left out", "audiencePublic"),
            (
                "confidential",
                "C&ONFIDENTIAL minutes\nwith the restricted items",
                "audienceConfidential",
            ),
        ):
            b = QPushButton(text)
            b.setObjectName(name)
            b.setCheckable(True)
            b.setAutoDefault(False)
            b.setAccessibleName(text.replace("&", "").replace("\n", ": "))
            b.setMinimumHeight(b.sizeHint().height() + 10)
            self.audience_group.addButton(b)
            self.audience_buttons[value] = b
            row.addWidget(b, 1)
        self.audience_buttons.get(audience, self.audience_buttons["public"]).setChecked(True)
        self.audience_group.buttonToggled.connect(lambda _b, on: on and self._audience_changed())
        return row

    def chosen_audience(self) -> str:
        return "confidential" if self.audience_buttons["confidential"].isChecked() else "public"

    def set_audience(self, audience: str) -> None:
        self.audience_buttons[audience].setChecked(True)

    def _audience_changed(self) -> None:
        confidential = self.chosen_audience() == "confidential"
        self.warning.setVisible(confidential)
        word = "CONFIDENTIAL" if confidential else "public"
        if not self.errors:
            self.export_button.setText(f"&Export {word} minutes")
        self.export_button.setProperty("confidential", confidential)
        self.export_button.style().unpolish(self.export_button)
        self.export_button.style().polish(self.export_button)
        self._suggest_name()

    def _go_to_finding(self, row: QListWidgetItem) -> None:
        number = row.data(Qt.ItemDataRole.UserRole)
        if number and (self.worker is None or not self.worker.isRunning()):
            self.chosen_item = number
            self.reject()

    def _suggest_name(self) -> None:
        from sspclerk.export import default_filename

        name = default_filename(self.meeting, self.format.currentData(), self.chosen_audience())
        self.target.setText(str(self.folder / name))

    def start(self) -> None:
        target = Path(self.target.text().strip()).expanduser()
        if not self.target.text().strip():
            self.status.setText("Choose a file to export to.")
            return
        self.export_button.setEnabled(False)
        self.progress.show()
        self.progress.setValue(0)
        self.worker = ExportWorker(
            self.meeting, self.format.currentData(), self.chosen_audience(), target
        )
        self.worker.progress.connect(self._progress)
        self.worker.finished_ok.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.start()

    def _progress(self, step: int, steps: int, what: str) -> None:
        self.progress.setRange(0, steps)
        self.progress.setValue(step)
        self.status.setText(what)

    def _done(self, result) -> None:
        from .folders import remember_folder

        self.result = result
        remember_folder("minutes", result.path)
        self.export_button.setEnabled(True)
        warnings = "".join(f"\n• {w}" for w in result.warnings)
        self.status.setText(f"Saved {result.path} ({result.size:,} bytes).{warnings}")

    def _failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.progress.hide()
        self.status.setText(f"Not exported: {message}")

    def done(self, code: int) -> None:  # noqa: D401 - QDialog.done: never leave a thread running
        if self.worker is not None and self.worker.isRunning():
            self.worker.wait()
        super().done(code)
