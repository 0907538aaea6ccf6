"""PreferencesDialog: portfolio preferences (the recency window), one load()/save() page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.progress import MAX_RECENCY_YEARS, MIN_RECENCY_YEARS
from ssup_desktop.ui.style import plain_label


class PreferencesDialog(QDialog):
    """The recency window: evidence older than this counts as old and no longer evidences."""

    def __init__(self, recency_years: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.recency_spin = QSpinBox(self)
        self.recency_spin.setRange(MIN_RECENCY_YEARS, MAX_RECENCY_YEARS)
        self.recency_spin.setSuffix(" years")
        self.recency_spin.setAccessibleName("Recency window in years")
        self.recency_spin.setValue(recency_years)
        help_text = plain_label(
            "Evidence dated longer ago than this still stays in your log, but a statement "
            "backed only by such entries shows as \u201cOnly old evidence\u201d and does not "
            "count towards readiness. Saved in this portfolio file.",
            self,
            muted=True,
        )
        form = QFormLayout()
        form.addRow("&Recency window:", self.recency_spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(440, 200)

    def recency_years(self) -> int:
        return self.recency_spin.value()
