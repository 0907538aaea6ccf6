"""File > Restore from Backup...: pick a backup of this portfolio and put it back in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.storage.backup import BackupRecord, before_restore_path, restore_backup
from ssup_desktop.storage.errors import PortfolioError

REASONS = {
    "open": "When opened",
    "close": "When closed",
    "before-import": "Before an import",
    "before-upgrade": "Before an upgrade",
    "before-merge": "Before a review merge",
    "before-review-import": "Before a review import",
    "manual": "Backed up by hand",
}


def reason_text(reason: str) -> str:
    return REASONS.get(reason, reason.replace("-", " ").capitalize())


def local_time_text(when: datetime) -> str:
    """A backup's time in the user's time zone, to the second."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class RestoreBackupDialog(QDialog):
    """Lists backups (time, entries, reason); Restore asks, then replaces the portfolio.

    ``close_portfolio`` is called just before the file is replaced, so the window can close
    its open portfolio (and release the lock); afterwards ``kept_as`` holds where the
    previous file was kept and ``restored_from`` the backup used.
    """

    def __init__(
        self,
        target: Path,
        backups: list[BackupRecord],
        close_portfolio: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.target = target
        self.backups = backups
        self.kept_as: Path | None = None
        self.restored_from: Path | None = None
        self._close_portfolio = close_portfolio
        self.intro = QLabel(
            f"Backups of {target.name}, newest first. Restoring replaces the portfolio with the "
            "backup; the current file is kept next to it, never deleted."
            if backups
            else f"There are no backups of {target.name} yet."
        )
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), 3)
        self.table.setHorizontalHeaderLabels(["Time", "Entries", "Reason"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, record in enumerate(backups):
            entries = "unreadable" if record.entries is None else str(record.entries)
            cells = (local_time_text(record.time), entries, reason_text(record.reason))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(record.path))
                self.table.setItem(row, column, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 360)
        if backups:
            self.table.selectRow(0)

    def selected(self) -> BackupRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def confirmation_text(self, record: BackupRecord, now: datetime | None = None) -> str:
        kept = before_restore_path(self.target, now or datetime.now(UTC))
        return (
            f"Replace {self.target.name} with the backup from {local_time_text(record.time)}?\n\n"
            f"The current file is kept as {kept.name} in the same folder."
        )

    def confirm(self, text: str) -> bool:
        """Ask the user (replaced in tests)."""
        answer = QMessageBox.question(
            self,
            "Restore from Backup",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        """Tell the user the restore failed (replaced in tests)."""
        box = QMessageBox(QMessageBox.Icon.Critical, "Restore from Backup", text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def restore_selected(self) -> bool:
        """Confirm, close the open portfolio, restore; accept the dialog when done."""
        record = self.selected()
        if record is None:
            return False
        now = datetime.now(UTC)
        if not self.confirm(self.confirmation_text(record, now)):
            return False
        if self._close_portfolio is not None:
            self._close_portfolio()
        try:
            self.kept_as = restore_backup(record.path, self.target, when=now)
        except PortfolioError as exc:
            self.show_error(str(exc))
            return False
        self.restored_from = record.path
        self.accept()
        return True
