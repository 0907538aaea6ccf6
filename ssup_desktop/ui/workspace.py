"""PortfolioWorkspace: the tabs of one open portfolio (Ladder, Evidence, Next level, History)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.evidence_log import EvidenceLogView
from ssup_desktop.ui.views.ladder import LevelLadderView
from ssup_desktop.ui.views.lazy import history_pane
from ssup_desktop.ui.views.level_detail import LevelDetailView
from ssup_desktop.ui.views.next_level import NextLevelView
from ssup_desktop.ui.views.skill_info import SkillInfoView
from ssup_desktop.ui.views.target_headline import TargetHeadline

LADDER_TAB = 0
EVIDENCE_TAB = 1
NEXT_LEVEL_TAB = 2
HISTORY_TAB = 3


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
        self.ladder_page = QWidget()  # the welcome panel (first run) goes above the splitter
        self.ladder_page_layout = QVBoxLayout(self.ladder_page)
        self.ladder_page_layout.setContentsMargins(0, 0, 0, 0)
        self.ladder_page_layout.addWidget(self.splitter, 1)
        self.addTab(self.ladder_page, "&Ladder")
        self.addTab(self.evidence_log, "Evi&dence log")  # Alt+E is the Edit menu
        self.setTabToolTip(LADDER_TAB, "The SFIA levels and the statements of Sales support")
        self.setTabToolTip(EVIDENCE_TAB, "Every example you have recorded")
        self.next_level = NextLevelView(session)
        self.history = history_pane(session)  # built when the tab is first shown
        self.addTab(self.next_level, "&Next level")
        self.addTab(self.history, "Hi&story")  # Alt+H is the Help menu
        self.setTabToolTip(NEXT_LEVEL_TAB, "What is missing for your target level, and your plan")
        self.setTabToolTip(HISTORY_TAB, "Your assessment changes and evidence over time")
        self.target_headline = TargetHeadline(session)
        self.setCornerWidget(self.target_headline, Qt.Corner.TopRightCorner)
        self.ladder.level_selected.connect(self.level_detail.show_level)
        profile = session.service.profile()
        self.ladder.select_level(profile.current_level or 1)

    def show_ladder(self) -> None:
        self.setCurrentIndex(LADDER_TAB)

    def show_evidence_log(self) -> None:
        self.setCurrentIndex(EVIDENCE_TAB)
