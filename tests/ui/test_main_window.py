"""MainWindow: menus, files, remembered state, title and status, About, plain-text safety."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from ssup_desktop import __version__
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.paths import AppPaths
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage.owner import read_owner_name
from ssup_desktop.ui import portfolio_files
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.portfolio_files import RecentFiles, recent_label
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.workspace import EVIDENCE_TAB
from tests.ui.conftest import WindowFactory, close_window


@pytest.fixture
def errors(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error messages the window would show in a message box."""
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    return shown


def menu_texts(window: MainWindow) -> dict[str, list[str]]:
    menus = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        menus[action.text().replace("&", "")] = [
            a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()
        ]
    return menus


def test_menus_and_standard_shortcuts(window: MainWindow) -> None:
    menus = menu_texts(window)
    assert list(menus) == ["File", "Edit", "View", "Help"]
    assert menus["File"] == [
        "New Portfolio\u2026",
        "Open\u2026",
        "Open Recent",
        "Save a Copy\u2026",
        "Import Review\u2026",
        "Restore from Backup\u2026",
        "Open Sample Portfolio",
        "Export PDF\u2026",
        "Print\u2026",
        "Print Preview\u2026",
        "Quit",
    ]
    assert menus["Edit"][2:] == [
        "Add Evidence\u2026",
        "Find\u2026",
        "Profile\u2026",
        "Profile and Levels\u2026",
        "Preferences\u2026",
    ]
    assert menus["View"] == [
        "SFIA Edition",
        "Mentor Session\u2026",
        "Mentor Sessions",
        "Full Screen",
    ]
    assert menus["Help"] == [
        "Guide",
        "Show the Welcome Panel",
        "About SSUP Desktop",
        "About Qt",
    ]
    key = QKeySequence.StandardKey
    for action, standard in (
        (window.new_action, key.New),
        (window.open_action, key.Open),
        (window.find_action, key.Find),
        (window.undo_action, key.Undo),
        (window.redo_action, key.Redo),
    ):  # Quit: see test_shortcuts (Ctrl+Q where the platform has no standard key)
        assert action.shortcuts() == QKeySequence.keyBindings(standard)
    assert [a.text() for a in window.edition_group.actions()] == ["SFIA 9", "SFIA 8", "SFIA 7"]
    assert window.edition_group.isExclusive()


def test_title_status_and_saved_indicator(window: MainWindow, session: PortfolioSession) -> None:
    assert window.windowTitle() == "portfolio.ssup - SSUP Desktop"
    assert window.file_label.text() == "portfolio.ssup"
    entry = Evidence(title="Demo", date_from=date(2025, 1, 2), statement_ids=("ssup-1-1",))
    session.announce(session.service.add_evidence(entry))
    assert window.saved_label.text().startswith("All changes saved at ")


def test_owner_markup_shows_literally(window: MainWindow, session: PortfolioSession) -> None:
    profile = session.service.profile().replace(owner_name="<b>bold</b>")
    session.announce(session.service.update_profile(profile))
    assert window.windowTitle() == "<b>bold</b> - SSUP Desktop"
    owner = window.workspace.ladder.owner_label
    assert owner.textFormat() == Qt.TextFormat.PlainText
    assert owner.full_text.startswith("<b>bold</b>")
    panes = (window.workspace.ladder, window.workspace.level_detail, window.workspace.skill_info)
    labels = [label for pane in panes for label in pane.findChildren(QLabel)]
    labels += [window.file_label, window.saved_label]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_skill_info_shows_the_skill_and_attribution(window: MainWindow) -> None:
    texts = window.workspace.skill_info.texts()
    assert texts[0] == "Sales support (SSUP)"
    assert "Activities may include" in texts and "Related skills" in texts
    assert any("SFIA (c) SFIA Foundation" in t for t in texts)


def test_about_shows_version_and_attribution(window: MainWindow, qtbot: QtBot) -> None:
    window.about_action.trigger()
    dialog = window.about_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert __version__ in dialog.text() and "SFIA Foundation" in dialog.text()
    assert str(window.paths.data_dir) in dialog.text()
    dialog.reject()


def test_geometry_and_splitter_are_remembered(
    qtbot: QtBot, open_window: WindowFactory, portfolio_path: Path, settings: QSettings
) -> None:
    first = open_window(portfolio_path)
    first.resize(900, 650)  # the offscreen screen is 800x800; restoring clamps to it
    first.workspace.splitter.setSizes([300, 600, 200])
    sizes = first.workspace.splitter.sizes()
    first.workspace.show_evidence_log()
    close_window(first)
    assert settings.contains("window/geometry")
    again = open_window(portfolio_path)
    assert (again.width(), again.height()) == (900, 650)
    assert again.workspace.currentIndex() == EVIDENCE_TAB
    again.workspace.show_ladder()
    qtbot.waitUntil(lambda: again.workspace.splitter.sizes() == sizes)


def test_new_portfolio_switches_and_is_remembered(
    window: MainWindow, tmp_path: Path, portfolio_path: Path
) -> None:
    old_service = window.session.service
    assert window.new_portfolio(tmp_path / "Second")
    new_path = tmp_path / "Second.ssup"
    assert new_path.is_file()
    assert window.session.service.path == new_path
    assert window.windowTitle() == "Second.ssup - SSUP Desktop"
    with pytest.raises(Exception, match="closed"):
        old_service.profile()
    assert RecentFiles(window.settings).paths()[:2] == [new_path, portfolio_path]
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [recent_label(portfolio_path)]
    assert recent_label(portfolio_path) == f"portfolio.ssup  \u2014  {portfolio_path.parent}"


def test_open_recent_prunes_missing_files(window: MainWindow, tmp_path: Path) -> None:
    recent = RecentFiles(window.settings)
    gone = tmp_path / "gone.ssup"
    recent.add(gone)
    assert gone not in recent.paths()
    for n in range(10):
        path = tmp_path / f"p{n}.ssup"
        path.write_bytes(b"")
        recent.add(path)
    assert len(recent.paths()) == 8
    assert recent.paths()[0] == tmp_path / "p9.ssup"


def test_opening_a_non_portfolio_shows_an_error_and_keeps_the_current_one(
    window: MainWindow, errors: list[str], tmp_path: Path
) -> None:
    junk = tmp_path / "notes.ssup"
    junk.write_text("just some notes\n")
    before = window.session
    assert not window.open_portfolio(junk)
    assert len(errors) == 1 and str(junk) in errors[0]
    assert window.session is before and window.session.service.profile()
    assert junk.read_text() == "just some notes\n"


def test_new_portfolio_refuses_an_existing_file(
    window: MainWindow, errors: list[str], tmp_path: Path
) -> None:
    existing = tmp_path / "taken.ssup"
    existing.write_text("x")
    assert not window.new_portfolio(existing)
    assert "already exists" in errors[0]


def test_save_a_copy_writes_a_portfolio_that_opens(
    window: MainWindow, session: PortfolioSession, tmp_path: Path, skills: dict[object, object]
) -> None:
    session.announce(session.service.add_evidence(Evidence(title="Kept in the copy")))
    target = tmp_path / "copies" / "backup"
    target.parent.mkdir()
    assert window.save_copy(target)
    copy = PortfolioService.open(target.with_suffix(".ssup"), session.skills)
    try:
        assert [e.title for e in copy.list_evidence()] == ["Kept in the copy"]
    finally:
        copy.close()


def test_open_sample_portfolio(
    window: MainWindow, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_sample()
    sample = app_paths.data_dir / "sample.ssup"
    assert window.session.service.path == sample
    assert window.windowTitle() == "Alex Morgan - SSUP Desktop"
    count = len(window.session.service.list_evidence())
    assert count > 0
    asked: list[str] = []

    def confirm(title: str, question: str) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr(window, "confirm", confirm)
    window.session.announce(window.session.service.add_evidence(Evidence(title="Mine")))
    assert window.open_sample()  # replaces the open sample with a fresh one
    assert asked and str(sample) in asked[0]
    assert window.session.service.path == sample
    assert len(window.session.service.list_evidence()) == count


def test_find_switches_to_the_evidence_log(window: MainWindow) -> None:
    window.find_action.trigger()
    assert window.workspace.currentIndex() == EVIDENCE_TAB
    assert window.workspace.evidence_log.filter_bar.search_edit.hasFocus()


def test_open_recent_shows_each_files_owner(window: MainWindow, tmp_path: Path) -> None:
    from ssup_desktop.content import load_all
    from ssup_desktop.domain.profile import Profile
    from ssup_desktop.services import PortfolioService

    mentee = tmp_path / "mentee.ssup"
    PortfolioService.create(mentee, load_all(), Profile(owner_name="Sam Smith & Co")).close()
    unnamed = tmp_path / "unnamed.ssup"
    PortfolioService.create(unnamed, load_all()).close()
    assert recent_label(mentee) == f"Sam Smith && Co  \u2014  mentee.ssup  ({tmp_path})"
    assert recent_label(unnamed) == f"unnamed.ssup  \u2014  {tmp_path}"
    recent = RecentFiles(window.settings)
    recent.add(mentee)
    window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert f"Sam Smith && Co  \u2014  mentee.ssup  ({tmp_path})" in texts


def test_windows_tied_to_a_portfolio_close_when_another_opens(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    from ssup_desktop.ui.mentor_actions import show_sessions

    dialog = show_sessions(window, window.session)
    qtbot.waitExposed(dialog)
    closed: list[bool] = []
    dialog.finished.connect(lambda _result: closed.append(True))
    dialog.destroyed.connect(lambda: closed.append(True))
    assert window.new_portfolio(tmp_path / "Other")
    qtbot.waitUntil(lambda: bool(closed))


def test_opening_the_window_reads_no_recent_file(
    session: PortfolioSession,
    settings: QSettings,
    app_paths: AppPaths,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mentor's Open Recent holds many portfolios: each label reads its owner from the file,
    which waits for the menu to be opened, not for the window to start."""
    recent = RecentFiles(settings)
    others = []
    for n in range(8):
        other = tmp_path / f"mentee-{n}.ssup"
        PortfolioService.create(other, session.skills).close()
        recent.add(other)
        others.append(other)
    read: list[Path] = []

    def spy(path: Path) -> str | None:
        read.append(path)
        return read_owner_name(path)

    monkeypatch.setattr(portfolio_files, "read_owner_name", spy)
    win = MainWindow(session, settings, app_paths)
    qtbot.addWidget(win)
    assert read == []
    shown = [path for path in RecentFiles(settings).paths() if path in others]
    assert len(shown) == 7  # the open portfolio came first and pushed the oldest out
    win.recent_menu.aboutToShow.emit()
    assert sorted(read) == sorted(shown)
    assert [a.toolTip() for a in win.recent_menu.actions()] == [str(path) for path in shown]
