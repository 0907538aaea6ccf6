"""File > Export PDF..., Print... and Print Preview... of the evidence report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ssup_desktop.ui.desktop_actions import find_menu, insert_before
from ssup_desktop.ui.icons import action_icon

if TYPE_CHECKING:
    from ssup_desktop.export.pdf import PdfResult
    from ssup_desktop.ui.dialogs.export_pdf import ExportPdfDialog
    from ssup_desktop.ui.main_window import MainWindow


class ExportActions(QObject):
    """The three report actions, put in the File menu above Quit."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ExportPdfDialog | None = None
        self.export_action = self._action(
            "&Export PDF\u2026",
            "Write the evidence report (or the selected entries) as a PDF",
            self.export_pdf,
            "document-export",
        )
        window.shortcuts.text(self.export_action, "Ctrl+E")
        self.print_action = self._action(
            "&Print\u2026", "Print the evidence report", self.print, "document-print"
        )
        window.shortcuts.standard(self.print_action, "Print")
        self.preview_action = self._action(
            "Print Pre&view\u2026",
            "See the report as it will print",
            self.preview,
            "document-print-preview",
        )
        actions = [self.export_action, self.print_action, self.preview_action]
        menu = find_menu(window, "File")
        insert_before(menu, "Quit", actions)
        if menu is not None and menu.actions()[-1].text().replace("&", "") == "Quit":
            menu.insertSeparator(menu.actions()[-1])

    def _action(self, text: str, tip: str, slot: object, icon: str) -> QAction:
        action = QAction(action_icon(icon), text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.window.addAction(action)
        return action

    def has_mentor_data(self) -> bool:
        mentor = getattr(self.window.session.service, "mentor", None)
        try:
            return bool(mentor is not None and mentor.sessions())
        except Exception:  # an older portfolio without mentor tables
            return False

    def export_pdf(self) -> ExportPdfDialog:
        """Ask what to export (the evidence log's selection offered) and write the PDF."""
        from ssup_desktop.ui.dialogs.export_pdf import ExportPdfDialog

        service = self.window.session.service
        selected = self.window.workspace.selected_evidence_ids()
        self.dialog = ExportPdfDialog(
            service, self.window, selected_ids=selected, has_mentor_data=self.has_mentor_data()
        )
        self.dialog.exported.connect(self._on_exported)
        self.dialog.exec()
        return self.dialog

    def _on_exported(self, result: PdfResult) -> None:
        if result.path is not None:
            pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
            self.window.show_message(f"Exported {result.path.name} ({pages})")

    def print(self) -> int:
        from ssup_desktop.export.pdf_options import ReportOptions
        from ssup_desktop.ui.printing import print_report

        pages = print_report(self.window, self.window.session.service, ReportOptions())
        if pages:
            self.window.show_message(f"Printed {pages} page{'s' if pages != 1 else ''}")
        return pages

    def preview(self) -> None:
        from ssup_desktop.export.pdf_options import ReportOptions
        from ssup_desktop.ui.printing import preview_report

        preview_report(self.window, self.window.session.service, ReportOptions())
