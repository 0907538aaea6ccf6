"""PortfolioWorkspace: the tabs of one open portfolio (Ladder, Evidence, Next level, History)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.ladder import LevelLadderView
from ssup_desktop.ui.views.lazy import LazyPane, history_pane
from ssup_desktop.ui.views.level_detail import LevelDetailView
from ssup_desktop.ui.views.skill_info import SkillInfoView
from ssup_desktop.ui.views.target_headline import TargetHeadline

if TYPE_CHECKING:
    from ssup_desktop.ui.views.evidence_log import EvidenceLogView
    from ssup_desktop.ui.views.next_level import NextLevelView

LADDER_TAB = 0
EVIDENCE_TAB = 1
NEXT_LEVEL_TAB = 2
HISTORY_TAB = 3


class PortfolioWorkspace(QTabWidget):
    """Builds every pane for ``session``; replaced as a whole when another portfolio opens.

    ``deferred`` (start-up): the first paint shows the ladder's levels at once; evidence
    counts, readiness, the level detail cards and the target headline are filled in by
    ``finish_loading()`` (the window calls it right after its first paint). The Evidence log
    and Next level tabs are built the first time they are shown or asked for (``evidence_log``,
    ``next_level``), and History when first shown, deferred or not. Every piece is real data."""

    levels_requested = Signal()  # the Next level tab asks for Edit > Profile and Levels

    def __init__(
        self, session: PortfolioSession, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setDocumentMode(True)
        self._loaded = False
        self._evidence_log: EvidenceLogView | None = None
        self._evidence_log_built: list[Callable[[EvidenceLogView], object]] = []
        self.ladder = LevelLadderView(session, deferred=deferred)
        self.level_detail = LevelDetailView(session)
        self.skill_info = SkillInfoView(session, deferred=deferred)
        self.splitter = QSplitter()  # side by side (Qt's default orientation)
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
        self._evidence_pane = LazyPane(self._build_evidence_log)
        self.ladder_page = QWidget()  # the welcome panel (first run) goes above the splitter
        self.ladder_page_layout = QVBoxLayout(self.ladder_page)
        self.ladder_page_layout.setContentsMargins(0, 0, 0, 0)
        self.ladder_page_layout.addWidget(self.splitter, 1)
        self.addTab(self.ladder_page, "&Ladder")
        self.addTab(self._evidence_pane, "Evi&dence log")  # Alt+E is the Edit menu
        self.setTabToolTip(LADDER_TAB, "The SFIA levels and the statements of Sales support")
        self.setTabToolTip(EVIDENCE_TAB, "Every example you have recorded")
        self._next_level_pane = LazyPane(self._build_next_level)
        self.history = history_pane(session)  # built when the tab is first shown
        self.addTab(self._next_level_pane, "&Next level")
        self.addTab(self.history, "Hi&story")  # Alt+H is the Help menu
        self.setTabToolTip(NEXT_LEVEL_TAB, "What is missing for your target level, and your plan")
        self.setTabToolTip(HISTORY_TAB, "Your assessment changes and evidence over time")
        self.target_headline = TargetHeadline(session, deferred=deferred)
        self.setCornerWidget(self.target_headline)  # top right (Qt's default corner)
        self.ladder.level_selected.connect(self.level_detail.show_level)
        if not deferred:
            self.finish_loading()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.isVisible():
            self._size_pages_ahead()

    def _size_pages_ahead(self) -> None:
        """Give the pages their size before the window is first shown.

        QTabWidget places its pages (its stacked widget) only once it is visible, in its show
        event; but its children are shown first, and a child never sized is shown at its size
        hint. So the ladder page was laid out at the splitter's minimum widths, every label of
        it measured, and all of it laid out again a moment later at the real size (15 M
        instructions of every start). Sized here, as the tab widget's size is set just before it
        is shown, the pages are laid out once: at the full width, under the tab bar, which is
        where QTabWidget then puts them (in document mode; with other metrics, where it puts
        them moves them by a pixel or two, at the cost of the pass saved)."""
        stack = self.findChild(QWidget, "qt_tabwidget_stackedwidget")
        if stack is not None:
            height = self.height() - self.tabBar().sizeHint().height()
            stack.resize(self.width(), max(1, height))

    def finish_loading(self) -> None:
        """Fill in what a ``deferred`` workspace left out of its first paint; idempotent."""
        if self._loaded:
            return
        self._loaded = True
        self.skill_info.finish_loading()
        self.ladder.refresh()
        self.target_headline.refresh()
        if self._next_level_pane.view is not None:  # built (deferred) before this
            self.next_level.refresh()
        if not self.ladder.selected_level:  # unless a level was picked meanwhile
            self.ladder.select_level(self.session.service.profile().current_level or 1)

    @property
    def next_level(self) -> NextLevelView:
        """The Next level tab's view, built on first use."""
        from ssup_desktop.ui.views.next_level import NextLevelView

        view = self._next_level_pane.ensure_view()
        assert isinstance(view, NextLevelView)
        return view

    def _build_next_level(self) -> QWidget:
        from ssup_desktop.ui.views.next_level import NextLevelView

        view = NextLevelView(self.session, deferred=not self._loaded)
        view.levels_requested.connect(self.levels_requested)
        return view

    @property
    def evidence_log(self) -> EvidenceLogView:
        """The Evidence log tab's view, built on first use."""
        view = self._evidence_pane.ensure_view()
        assert self._evidence_log is view
        return self._evidence_log

    def selected_evidence_ids(self) -> list[uuid.UUID]:
        """The entries selected in the Evidence log; none while it has not been built."""
        return [] if self._evidence_log is None else self._evidence_log.selected_ids()

    def when_evidence_log_built(self, call: Callable[[EvidenceLogView], object]) -> None:
        """Call ``call(view)`` once the Evidence log is built (now, if it is)."""
        if self._evidence_log is not None:
            call(self._evidence_log)
        else:
            self._evidence_log_built.append(call)

    def _build_evidence_log(self) -> QWidget:
        from ssup_desktop.ui.views.evidence_log import EvidenceLogView

        self._evidence_log = EvidenceLogView(self.session)
        for call in self._evidence_log_built:
            call(self._evidence_log)
        self._evidence_log_built.clear()
        return self._evidence_log

    def show_ladder(self) -> None:
        self.setCurrentIndex(LADDER_TAB)

    def show_evidence_log(self) -> None:
        self.setCurrentIndex(EVIDENCE_TAB)
