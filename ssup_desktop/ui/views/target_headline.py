"""TargetHeadline: the target level's readiness in one line, shown above every tab."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.ui.qt_names import set_by_name
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import MEDIUM, scaled_font

REFRESH_KINDS = {
    ChangeKind.EVIDENCE,
    ChangeKind.ASSESSMENT,
    ChangeKind.PREFERENCES,
    ChangeKind.PROFILE,
    ChangeKind.PORTFOLIO,
    ChangeKind.MENTOR,
}


class TargetHeadline(QLabel):
    """E.g. "Target: Level 4 (Enable): 3 of 5 statements evidenced, 1 verified"."""

    def __init__(
        self, session: PortfolioSession, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        """``deferred``: empty until the first ``refresh()`` (start-up: after the first paint)."""
        super().__init__(parent)
        self.session = session
        set_by_name(self, textFormat="PlainText")
        self.setFont(scaled_font(self.font(), 1.0, bold=True))
        self.setContentsMargins(MEDIUM, 0, MEDIUM, 0)
        self.setAccessibleName("Target level readiness")
        session.changed.connect(self._on_changed)
        session.edition_changed.connect(lambda _e: self.refresh())
        if not deferred:
            self.refresh()

    def refresh(self) -> None:
        service = self.session.service
        target = service.profile().target_level
        if target is None:
            self.setText("No target level set (Edit \u203a Profile and Levels)")
            self.setToolTip("Choose the level you are working towards")
            return
        readiness = service.progress.readiness(self.session.edition)[target]
        self.setText(f"Target: {readiness.headline()}")
        self.setToolTip(
            "Evidenced: supported by an entry within the recency window "
            f"({service.progress.recency_years()} years). Verified: agreed by a mentor."
        )

    def _on_changed(self, change: Change) -> None:
        if change.kind in REFRESH_KINDS:
            self.refresh()
