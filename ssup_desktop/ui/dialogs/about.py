"""The About SSUP Desktop dialog: version, purpose, SFIA attribution and where data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ssup_desktop import APP_NAME, __version__
from ssup_desktop.ui.style import LARGE, MEDIUM, SMALL, heading, plain_label

PURPOSE = (
    "An offline desktop app for planning your career in the SFIA skill Sales support (SSUP): "
    "see what each level asks for and keep evidence from your work against its statements."
)
SFIA_ATTRIBUTION = (
    "SFIA (c) SFIA Foundation. The SFIA skill text is reproduced with attribution to the "
    "SFIA Foundation."
)


class AboutDialog(QDialog):
    """Plain-text facts about the app; closes with Esc or the Close button."""

    def __init__(self, data_dir: Path, portfolio: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.labels: list[QLabel] = [
            heading(APP_NAME, self, factor=1.6),
            plain_label(f"Version {__version__}", self, muted=True),
            plain_label(PURPOSE, self),
            plain_label(SFIA_ATTRIBUTION, self),
            plain_label(f"Your data is stored in: {data_dir}", self, selectable=True),
        ]
        self.portfolio_label = plain_label("", self, selectable=True)
        self.labels.append(self.portfolio_label)
        self.show_portfolio(portfolio)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(LARGE + SMALL, LARGE, LARGE + SMALL, LARGE)
        layout.setSpacing(MEDIUM)
        for label in self.labels:
            label.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def show_portfolio(self, portfolio: Path) -> None:
        self.portfolio_label.setText(f"Open portfolio: {portfolio}")

    def text(self) -> str:
        return "\n".join(label.text() for label in self.labels)
