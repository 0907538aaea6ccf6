"""UI fixtures: the packaged skills, a real portfolio in tmp_path, a session and the main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.paths import AppPaths
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.first_run import DISMISSED_KEY
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.session import PortfolioSession

WindowFactory = Callable[[Path], MainWindow]


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    paths = AppPaths(tmp_path / "data")
    paths.ensure()
    return paths


@pytest.fixture
def settings(app_paths: AppPaths) -> QSettings:
    """The app's settings, with the first-run welcome already dismissed (tests/ui/test_welcome
    covers it) so every other test sees the plain ladder."""
    remembered = QSettings(str(app_paths.settings_file), QSettings.Format.IniFormat)
    remembered.setValue(DISMISSED_KEY, True)
    return remembered


@pytest.fixture
def portfolio_path(app_paths: AppPaths) -> Path:
    return app_paths.default_portfolio


@pytest.fixture
def service(portfolio_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    svc = PortfolioService.create(portfolio_path, skills)
    yield svc
    svc.close()


@pytest.fixture
def session(service: PortfolioService) -> Iterator[PortfolioSession]:
    sess = PortfolioSession(service)
    yield sess
    sess.undo_stack.clear()


@pytest.fixture
def open_window(
    qtbot: QtBot, settings: QSettings, app_paths: AppPaths, skills: dict[Edition, Skill]
) -> Iterator[WindowFactory]:
    """Opens a main window on a portfolio file (created when missing), as the app does."""
    opened: list[MainWindow] = []

    def make(path: Path) -> MainWindow:
        exists = path.exists()
        svc = (
            PortfolioService.open(path, skills) if exists else PortfolioService.create(path, skills)
        )
        window = MainWindow(PortfolioSession(svc), settings, app_paths)
        qtbot.addWidget(window)
        window.show()  # at its remembered size, else 1280x800
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield make
    for window in opened:
        close_window(window)


def close_window(window: MainWindow) -> None:
    """Close ``window`` like a user would and release its portfolio file."""
    window.close()
    window.session.undo_stack.clear()
    window.session.service.close()  # closing twice is harmless


@pytest.fixture
def window(
    session: PortfolioSession, settings: QSettings, app_paths: AppPaths, qtbot: QtBot
) -> MainWindow:
    win = MainWindow(session, settings, app_paths)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
