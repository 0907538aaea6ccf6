"""PortfolioWorkspace: its pages are laid out once, at their real size, as the window shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.paths import AppPaths
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.session import PortfolioSession


class Sizes(QObject):
    """The sizes a widget is given, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QSize] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.seen.append(QSize(watched.size()))  # type: ignore[attr-defined]
        return False


def test_the_pages_are_first_laid_out_at_the_full_width(
    session: PortfolioSession, settings: QSettings, app_paths: AppPaths, qtbot: QtBot
) -> None:
    window = MainWindow(session, settings, app_paths, deferred=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    stack = window.workspace.findChild(QWidget, "qt_tabwidget_stackedwidget")
    assert stack is not None
    page, splitter = Sizes(), Sizes()
    stack.installEventFilter(page)
    window.workspace.splitter.installEventFilter(splitter)
    window.show()
    qtbot.waitExposed(window)
    width = window.workspace.width()
    # never first at the size hint (the splitter's minimum widths), then at the real size
    assert [size.width() for size in page.seen] == [width] * len(page.seen)
    assert [size.width() for size in splitter.seen] == [width] * len(splitter.seen)
    # and where QTabWidget puts the pages is where they were sized: full width, under the bar
    assert stack.geometry().width() == width
    assert stack.geometry().bottom() == window.workspace.height() - 1
    assert stack.geometry().top() >= window.workspace.tabBar().geometry().bottom()
