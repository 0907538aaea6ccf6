"""PortfolioWorkspace: the tabs of one open portfolio (Ladder and Evidence log)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.evidence_log import EvidenceLogView
from ssup_desktop.ui.views.ladder import LevelLadderView
from ssup_desktop.ui.views.level_detail import LevelDetailView
from ssup_desktop.ui.views.skill_info import SkillInfoView

LADDER_TAB = 0
EVIDENCE_TAB = 1


class PortfolioWorkspace(QTabWidget):
    """Builds every pane for ``session``; replaced as a whole when another portfolio opens."""

    def __init__(self, session: PortfolioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setDocumentMode(True)
        self.ladder = LevelLadderView(session)
        self.level_detail = LevelDetailView(session)
        self.skill_info = SkillInfoView(session)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("ladderSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane, stretch, minimum in (
            (self.ladder, 4, 300),
            (self.level_detail, 5, 340),
            (self.skill_info, 3, 240),
        ):
            pane.setMinimumWidth(minimum)
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([400, 540, 340])
        self.evidence_log = EvidenceLogView(session)
        self.addTab(self.splitter, "&Ladder")
        self.addTab(self.evidence_log, "&Evidence log")
        self.setTabToolTip(LADDER_TAB, "The SFIA levels and the statements of Sales support")
        self.setTabToolTip(EVIDENCE_TAB, "Every example you have recorded")
        self.ladder.level_selected.connect(self.level_detail.show_level)
        profile = session.service.profile()
        self.ladder.select_level(profile.current_level or 1)

    def show_ladder(self) -> None:
        self.setCurrentIndex(LADDER_TAB)

    def show_evidence_log(self) -> None:
        self.setCurrentIndex(EVIDENCE_TAB)
