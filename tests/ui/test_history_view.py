"""HistoryView: built only when first shown; lists changes; the chart paints."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.progress import Rating
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.lazy import LazyPane, history_pane
from tests.ui.progress_fixtures import progress_service, progress_session

__all__ = ["progress_service", "progress_session"]


def test_history_is_not_built_until_its_tab_is_shown(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Ladder")
    pane = history_pane(progress_session)
    tabs.addTab(pane, "History")
    tabs.resize(900, 700)
    tabs.show()
    qtbot.waitExposed(tabs)
    assert pane.view is None
    tabs.setCurrentIndex(1)
    assert pane.view is not None
    assert "ssup_desktop.ui.views.history_chart" in sys.modules


def test_history_lists_changes_and_chart_renders(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    progress = progress_session.service.progress
    progress.set_assessment("ssup-4-1", Rating.DEVELOPING, "first try")
    pane = LazyPane(lambda: _history(progress_session))
    qtbot.addWidget(pane)
    pane.resize(1000, 760)
    pane.show()
    qtbot.waitExposed(pane)
    from ssup_desktop.ui.views.history import HistoryView

    view = pane.view
    assert isinstance(view, HistoryView)
    assert view.table.rowCount() == 1
    cells = [view.table.item(0, column) for column in range(5)]
    texts = [cell.text() if cell is not None else "" for cell in cells]
    assert texts[1:] == ["ssup-4-1", "You", "Not assessed \u2192 Developing", "first try"]
    progress_session.announce(progress.set_assessment("ssup-4-1", Rating.DEMONSTRATED, "done"))
    assert view.table.rowCount() == 2
    assert view.chart.snapshots and view.chart.snapshots[-1].counts[4] == 1
    image = view.chart.grab()
    assert not image.isNull() and image.width() > 100


def _history(session: PortfolioSession) -> QWidget:
    from ssup_desktop.ui.views.history import HistoryView

    return HistoryView(session)
