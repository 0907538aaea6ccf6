"""First run: the welcome panel on the Ladder tab: Save, Skip, the sample, the profile editor."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ssup_desktop.content import load_all
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.paths import AppPaths
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.welcome import WelcomePanel
from tests.ui.conftest import close_window

Factory = Callable[[], MainWindow]


@pytest.fixture
def first_run(qtbot: QtBot, app_paths: AppPaths) -> Iterator[Factory]:
    """Starts the window as the app does, with settings that never saw the welcome."""
    opened: list[MainWindow] = []
    skills = load_all()

    def start() -> MainWindow:
        path = app_paths.default_portfolio
        open_ = PortfolioService.open if path.exists() else PortfolioService.create
        settings = QSettings(str(app_paths.settings_file), QSettings.Format.IniFormat)
        window = MainWindow(PortfolioSession(open_(path, skills)), settings, app_paths)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield start
    for window in opened:
        close_window(window)


def panel(window: MainWindow) -> WelcomePanel:
    welcome = window.desktop_actions.welcome
    assert welcome is not None
    return welcome


def restart(window: MainWindow, start: Factory) -> MainWindow:
    close_window(window)
    return start()


def test_fresh_portfolio_shows_the_welcome_on_the_ladder_tab(first_run: Factory) -> None:
    window = first_run()
    assert window.desktop_actions.welcome_visible()
    welcome = panel(window)
    assert welcome.parent() is window.workspace.ladder_page
    assert window.workspace.currentIndex() == 0
    assert "seven levels" in welcome.intro_label.text()
    assert welcome.intro_label.textFormat() == Qt.TextFormat.PlainText
    assert welcome.sample_button.isVisible()


def test_save_updates_profile_hides_welcome_and_survives_restart(
    first_run: Factory, qtbot: QtBot
) -> None:
    window = first_run()
    welcome = panel(window)
    QTest.keyClicks(welcome.name_edit, "Sam <b>Taylor</b>")
    welcome.edition_combo.setCurrentIndex(welcome.edition_combo.findData(Edition.SFIA8.value))
    welcome.current_combo.setCurrentIndex(3)
    welcome.target_combo.setCurrentIndex(4)
    QTest.mouseClick(welcome.save_button, Qt.MouseButton.LeftButton)
    profile = window.session.service.profile()
    assert (profile.owner_name, profile.current_level, profile.target_level) == (
        "Sam <b>Taylor</b>",
        3,
        4,
    )
    assert profile.edition == Edition.SFIA8
    assert window.session.edition == Edition.SFIA8
    assert not window.desktop_actions.welcome_visible()
    assert window.workspace.ladder.selected_level == 3
    assert "Add evidence for this statement" in window.statusBar().currentMessage()
    assert window.windowTitle().startswith("Sam <b>Taylor</b>")
    window.session.undo_stack.undo()  # one undoable edit
    assert window.session.service.profile().owner_name == ""
    window.session.undo_stack.redo()
    window = restart(window, first_run)
    assert not window.desktop_actions.welcome_visible()
    assert window.session.service.profile().owner_name == "Sam <b>Taylor</b>"


def test_refused_levels_keep_save_disabled(first_run: Factory) -> None:
    welcome = panel(first_run())
    welcome.current_combo.setCurrentIndex(4)
    welcome.target_combo.setCurrentIndex(2)  # below the current level
    assert not welcome.save_button.isEnabled()
    assert welcome.problem_label.text()
    assert not welcome.save()
    welcome.target_combo.setCurrentIndex(5)
    assert welcome.save_button.isEnabled()


def test_skip_hides_it_and_it_stays_hidden(first_run: Factory, qtbot: QtBot) -> None:
    window = first_run()
    QTest.mouseClick(panel(window).skip_button, Qt.MouseButton.LeftButton)
    assert not window.desktop_actions.welcome_visible()
    assert window.session.service.profile().owner_name == ""
    window = restart(window, first_run)
    assert not window.desktop_actions.welcome_visible()


def test_sample_offer_opens_the_sample(
    first_run: Factory, qtbot: QtBot, app_paths: AppPaths
) -> None:
    window = first_run()
    QTest.mouseClick(panel(window).sample_button, Qt.MouseButton.LeftButton)
    assert window.session.service.path == app_paths.data_dir / "sample.ssup"
    assert window.session.service.profile().owner_name
    assert not window.desktop_actions.welcome_visible()


def test_no_welcome_once_there_is_evidence_or_a_name(
    first_run: Factory, app_paths: AppPaths
) -> None:
    service = PortfolioService.create(app_paths.default_portfolio, load_all())
    service.update_profile(service.profile().replace(owner_name="Ann"))
    service.close()
    assert not first_run().desktop_actions.welcome_visible()


def test_profile_editor_reuses_the_panel(window: MainWindow, tmp_path: Path) -> None:
    assert not window.desktop_actions.welcome_visible()
    window.desktop_actions.profile_action.trigger()
    welcome = panel(window)
    assert window.desktop_actions.welcome_visible()
    assert welcome.editing and not welcome.sample_button.isVisibleTo(welcome)
    assert welcome.skip_button.text() == "Cancel"
    welcome.name_edit.setText("Robin")
    assert welcome.save()
    assert window.session.service.profile().owner_name == "Robin"
    assert not window.desktop_actions.welcome_visible()
