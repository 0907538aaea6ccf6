"""File > Export PDF...: what the report covers, where it goes; exported off the UI thread."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QObject, QStandardPaths, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.progress import default_target
from ssup_desktop.export.pdf import (
    PdfExportError,
    PdfResult,
    ReportInput,
    ReportSource,
    collect,
    write_report_pdf,
)
from ssup_desktop.export.pdf_options import PageSize, ReportOptions, Scope
from ssup_desktop.export.report import ReportError
from ssup_desktop.ui.messages import show_error, show_warning

NO_MENTOR_TIP = "No mentor sessions yet"


class PdfExportWorker(QObject):
    """Writes the PDF in a worker thread; touches no widgets and not the portfolio."""

    progressed = Signal(int, int)
    finished = Signal(object)  # PdfResult (cancelled=True when cancelled)
    failed = Signal(str)

    def __init__(self, inp: ReportInput, path: Path) -> None:
        super().__init__()
        self._input = inp
        self._path = path
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            result = write_report_pdf(
                self._input, self._path, self.progressed.emit, self._cancel.is_set
            )
        except PdfExportError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # an unexpected bug: still tell the user, name the file
            self.failed.emit(f"{self._path}: the PDF could not be written ({exc})")
        else:
            self.finished.emit(result)


class ExportPdfDialog(QDialog):
    """Report options, then a file name, then a cancellable export with progress."""

    exported = Signal(object)  # PdfResult of a completed export

    def __init__(
        self,
        service: ReportSource,
        parent: QWidget | None = None,
        selected_ids: Iterable[uuid.UUID] = (),
        has_mentor_data: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self._service = service
        self._selected = frozenset(selected_ids)
        self._thread: QThread | None = None
        self._worker: PdfExportWorker | None = None
        self._progress: QProgressDialog | None = None
        profile = service.profile()
        skill = service.skills[profile.edition]
        self._target = profile.target_level or default_target(skill, profile.current_level)

        self.whole = QRadioButton("Whole portfolio")
        self.one_level = QRadioButton("One level:")
        self.level_combo = QComboBox()
        for lv in skill.defined_levels:
            self.level_combo.addItem(lv.title, lv.level)
        self.target = QRadioButton(
            f"Target level ({skill.level(self._target).title})" if self._target else "Target level"
        )
        self.target.setEnabled(self._target is not None)
        if self._target is None:
            self.target.setToolTip("Set a target level in your profile first")
        count = len(self._selected)
        self.selected = QRadioButton(f"Selected entries ({count})")
        self.selected.setEnabled(count > 0)
        if not count:
            self.selected.setToolTip("Select entries in the evidence log first")
        self.scope_group = QButtonGroup(self)
        for button in (self.whole, self.one_level, self.target, self.selected):
            self.scope_group.addButton(button)
        self.whole.setChecked(True)
        if profile.current_level and self.level_combo.findData(profile.current_level) >= 0:
            self.level_combo.setCurrentIndex(self.level_combo.findData(profile.current_level))
        self.scope_group.buttonToggled.connect(self._update_enabled)

        today = QDate.currentDate()
        self.from_check = QCheckBox("From")
        self.from_date = QDateEdit(today.addYears(-1))
        self.to_check = QCheckBox("To")
        self.to_date = QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.from_check.toggled.connect(self._update_enabled)
        self.to_check.toggled.connect(self._update_enabled)

        self.images = QCheckBox("Include pictures from image attachments")
        self.images.setChecked(True)
        self.mentor = QCheckBox("Include mentor verdicts and sessions")
        self.mentor.setEnabled(has_mentor_data)
        if not has_mentor_data:
            self.mentor.setToolTip(NO_MENTOR_TIP)
        self.redacted = QCheckBox("Redacted copy: leave out text marked confidential")
        self.redacted.setToolTip(
            "Entries marked confidential print as [redacted]; fields marked confidential too."
        )
        self.page_size = QComboBox()
        for size in PageSize:
            self.page_size.addItem(size.label, size)
        us = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        self.page_size.setCurrentIndex(1 if us else 0)

        self._build_layout()
        self._update_enabled()

    def _build_layout(self) -> None:
        scope = QGroupBox("What to include")
        grid = QVBoxLayout(scope)
        row = QHBoxLayout()
        row.addWidget(self.one_level)
        row.addWidget(self.level_combo, 1)
        grid.addWidget(self.whole)
        grid.addLayout(row)
        grid.addWidget(self.target)
        grid.addWidget(self.selected)
        dates = QGroupBox("Dates (optional)")
        dates_row = QHBoxLayout(dates)
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            dates_row.addWidget(widget)
        dates_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.images)
        form.addRow(self.mentor)
        form.addRow(self.redacted)
        form.addRow("Paper size:", self.page_size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export...")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for item in (scope, dates):
            layout.addWidget(item)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _update_enabled(self, *_: object) -> None:
        self.level_combo.setEnabled(self.one_level.isChecked())
        self.from_date.setEnabled(self.from_check.isChecked())
        self.to_date.setEnabled(self.to_check.isChecked())

    def options(self) -> ReportOptions:
        """The report the dialog currently describes (ValueError if the dates are reversed)."""
        scope = Scope.PORTFOLIO
        if self.one_level.isChecked():
            scope = Scope.LEVEL
        elif self.target.isChecked():
            scope = Scope.TARGET
        elif self.selected.isChecked():
            scope = Scope.SELECTED
        return ReportOptions(
            scope=scope,
            level=self.level_combo.currentData() if scope is Scope.LEVEL else None,
            evidence_ids=self._selected if scope is Scope.SELECTED else frozenset(),
            date_from=_day(self.from_date.date()) if self.from_check.isChecked() else None,
            date_to=_day(self.to_date.date()) if self.to_check.isChecked() else None,
            include_images=self.images.isChecked(),
            include_mentor=self.mentor.isEnabled() and self.mentor.isChecked(),
            redacted=self.redacted.isChecked(),
            page_size=PageSize(self.page_size.currentData()),
        )

    def suggested_name(self) -> str:
        owner = self._service.profile().owner_name.strip()
        stamp = date.today().isoformat()
        name = f"SSUP portfolio - {owner} - {stamp}" if owner else f"SSUP portfolio - {stamp}"
        name = "".join(c for c in name if c not in '\\/:*?"<>|')
        return name + (" (redacted)" if self.redacted.isChecked() else "") + ".pdf"

    def ask_path(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / self.suggested_name())
        name, _ = QFileDialog.getSaveFileName(self, "Export PDF", start, "PDF documents (*.pdf)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def accept(self) -> None:
        try:
            options = self.options()
        except ValueError as exc:
            show_warning(self, "Export PDF", str(exc))
            return
        path = self.ask_path()
        if path is not None:
            self.start_export(path, options)

    def start_export(self, path: Path, options: ReportOptions) -> bool:
        """Read the portfolio here, then write the PDF in a worker thread with a progress
        dialog; False if the report cannot be made."""
        try:
            inp = collect(self._service, options)
        except ReportError as exc:
            show_warning(self, "Export PDF", str(exc))
            return False
        self._progress = QProgressDialog("Exporting the PDF...", "Cancel", 0, 0, self)
        self._progress.setWindowTitle("Export PDF")
        self._progress.setMinimumDuration(300)
        self._thread = QThread(self)
        self._worker = PdfExportWorker(inp, path)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._progress.canceled.connect(self.cancel_export)  # direct: the worker thread is busy
        self._thread.start()
        return True

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def cancel_export(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(min(done, total))

    def _finish_thread(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
            self._thread = None
        if self._worker is not None:
            self._worker.deleteLater()
            self._worker = None

    def _on_finished(self, result: PdfResult) -> None:
        self._finish_thread()
        if not result.cancelled:
            self.exported.emit(result)
            super().accept()

    def _on_failed(self, message: str) -> None:
        self._finish_thread()
        show_error(self, "Export PDF", message)

    def reject(self) -> None:
        if self.busy:
            self.cancel_export()
            return
        super().reject()


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
