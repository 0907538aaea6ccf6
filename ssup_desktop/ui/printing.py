"""Print... and Print Preview... of the evidence report, with the same layout as the PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from ssup_desktop.export.pdf import ReportInput, ReportSource, collect, render, setup_device
from ssup_desktop.export.pdf_options import ReportOptions
from ssup_desktop.export.report import TITLE, ReportError
from ssup_desktop.ui.messages import show_warning


def make_printer(options: ReportOptions, mode: QPrinter.PrinterMode | None = None) -> QPrinter:
    """A printer set up like the PDF: the report's paper size, drawing on the whole page."""
    printer = QPrinter(mode or QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    setup_device(printer, options.page_size)
    printer.setDocName(TITLE)
    return printer


def _collect(
    parent: QWidget | None, service: ReportSource, options: ReportOptions
) -> ReportInput | None:
    try:
        return collect(service, options)
    except ReportError as exc:
        show_warning(parent, "Cannot print the report", str(exc))
        return None


def print_to(printer: QPrinter, inp: ReportInput) -> int:
    """Render the report on ``printer`` (wait cursor while it runs); the number of pages."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return render(inp, printer)
    finally:
        QGuiApplication.restoreOverrideCursor()


def print_report(parent: QWidget | None, service: ReportSource, options: ReportOptions) -> int:
    """File > Print...: ask for a printer, then print. The number of pages printed (0: none)."""
    inp = _collect(parent, service, options)
    if inp is None:
        return 0
    printer = make_printer(options)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the evidence report")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    return print_to(printer, inp)


def make_preview_dialog(
    parent: QWidget | None, service: ReportSource, options: ReportOptions
) -> QPrintPreviewDialog | None:
    """A print preview of the report (not yet shown); None if the report cannot be made."""
    inp = _collect(parent, service, options)
    if inp is None:
        return None
    printer = make_printer(options)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print preview: evidence report")
    dialog.paintRequested.connect(lambda device: print_to(device, inp))
    dialog.resize(900, 1000)
    dialog.setProperty("ssup_printer", printer)  # keeps the printer alive with the dialog
    return dialog


def preview_report(parent: QWidget | None, service: ReportSource, options: ReportOptions) -> None:
    """File > Print Preview...: show the report as it will print (modal)."""
    dialog = make_preview_dialog(parent, service, options)
    if dialog is not None:
        dialog.exec()
