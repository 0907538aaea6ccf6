"""File > Restore from Backup..., and opening portfolios with automatic backups and recovery."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import PortfolioError
from ssup_desktop.storage.backup import attach_latest_backup, list_backups

if TYPE_CHECKING:
    from ssup_desktop.ui.main_window import MainWindow


class BackupActions:
    """Owns File > Restore from Backup... and the backups folder every open/create uses."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.backups_dir = window.paths.backups_dir
        self.restore_action = QAction("Restore from &Backup\u2026", window)
        tip = "Replace this portfolio with one of its automatic backups"
        self.restore_action.setStatusTip(tip)
        self.restore_action.setToolTip(tip)
        self.restore_action.triggered.connect(lambda _checked=False: self.restore_from_backup())

    def open(self, path: Path) -> PortfolioService:
        """Open ``path`` with automatic backups; a damaged file's error names its latest backup."""
        try:
            return PortfolioService.open(
                path, self.window.session.skills, backups_dir=self.backups_dir
            )
        except PortfolioError as exc:
            attach_latest_backup(exc, self.backups_dir, path)
            raise

    def create(self, path: Path) -> PortfolioService:
        return PortfolioService.create(
            path, self.window.session.skills, backups_dir=self.backups_dir
        )

    def offer_restore(self, error: PortfolioError, path: Path) -> bool:
        """After ``path`` failed to open: offer its latest good backup; True if it was restored."""
        if error.latest_backup is None:
            return False
        from ssup_desktop.ui.dialogs.portfolio_problem import (
            PortfolioProblemDialog,
            ProblemChoice,
            restore_latest,
        )

        dialog = PortfolioProblemDialog(error, self.window, can_quit=False)
        dialog.exec()
        if dialog.choice is not ProblemChoice.RESTORE:
            return False
        try:
            kept = restore_latest(error, path)
        except PortfolioError as again:
            self.window.show_error(str(again))
            return False
        if kept is not None:
            self.window.show_message(f"Backup restored; the damaged file is kept as {kept.name}")
        return True

    def restore_from_backup(self) -> bool:
        """Pick a backup of the open portfolio, confirm, replace the file, and reopen it."""
        from ssup_desktop.ui.dialogs.restore_backup import RestoreBackupDialog

        service = self.window.session.service
        records = list_backups(self.backups_dir, service.profile().portfolio_id)
        closed: list[bool] = []

        def close_current() -> None:
            service.close()  # takes a last backup of recent changes and releases the lock
            closed.append(True)

        dialog = RestoreBackupDialog(service.path, records, close_current, self.window)
        dialog.exec()
        if not closed:
            return False
        reopened = self.window.reopen(service.path)
        if reopened and dialog.kept_as is not None:
            self.window.show_message(
                f"Backup restored; the previous file is kept as {dialog.kept_as.name}"
            )
        return reopened
