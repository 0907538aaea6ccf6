"""A portfolio cannot be opened or written: say why and offer restore, another file, or quit."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.storage.backup import restore_backup
from ssup_desktop.storage.errors import PortfolioError


class ProblemChoice(enum.Enum):
    RESTORE = "restore"
    OPEN_OTHER = "open-other"
    QUIT = "quit"


class PortfolioProblemDialog(QDialog):
    """Shows a PortfolioError as plain text with the ways out the user has.

    "Restore from Latest Backup" appears only when the error carries ``latest_backup``.
    After ``exec()``, ``choice`` says which button was pressed (QUIT when closed).
    """

    def __init__(
        self, error: PortfolioError, parent: QWidget | None = None, *, can_quit: bool = True
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Portfolio problem")
        self.error = error
        self.choice = ProblemChoice.QUIT
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        self.message = QLabel(str(error))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if error.latest_backup is not None:
            self.hint.setText(
                f"The latest good backup is {error.latest_backup.name}. Restoring it keeps the "
                "current file next to it under a new name."
            )
            self.restore_button = buttons.addButton(
                "Restore from Latest Backup", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.clicked.connect(lambda: self._choose(ProblemChoice.RESTORE))
        self.hint.setVisible(bool(self.hint.text()))
        self.open_button = buttons.addButton(
            "Open Another File...", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.clicked.connect(lambda: self._choose(ProblemChoice.OPEN_OTHER))
        self.quit_button = buttons.addButton(
            "Quit" if can_quit else "Close", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.clicked.connect(lambda: self._choose(ProblemChoice.QUIT))
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        if self.restore_button is not None:
            self.restore_button.setDefault(True)

    def _choose(self, choice: ProblemChoice) -> None:
        self.choice = choice
        if choice is ProblemChoice.QUIT:
            self.reject()
        else:
            self.accept()


def ask_about_problem(error: PortfolioError, parent: QWidget | None = None) -> ProblemChoice:
    """Show the dialog modally and return the user's choice."""
    dialog = PortfolioProblemDialog(error, parent)
    dialog.exec()
    return dialog.choice


def restore_latest(error: PortfolioError, target: Path) -> Path | None:
    """Restore ``error.latest_backup`` over ``target``; returns where the old file was kept.

    Raises PortfolioError (BackupError) if the restore fails; the file is then unchanged.
    """
    if error.latest_backup is None:
        raise ValueError("no backup to restore")
    return restore_backup(error.latest_backup, target)
