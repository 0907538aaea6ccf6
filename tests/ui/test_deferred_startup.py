"""Start-up paints first and fills in right after: what is deferred, and that it comes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSettings
from PySide6.QtGui import QAction, QPaintEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.paths import AppPaths
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage.backup import list_backups, portfolio_short_id
from ssup_desktop.ui.main_window import MainWindow, _AfterFirstPaint
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.skill_info import SkillInfoView


def _backups(service: PortfolioService, app_paths: AppPaths) -> int:
    short = portfolio_short_id(service.store.conn)
    return len(list_backups(app_paths.backups_dir, short, count_entries=False))


def _deferred_window(
    qtbot: QtBot,
    settings: QSettings,
    app_paths: AppPaths,
    skills: dict[Edition, Skill],
    name: str = "",
) -> MainWindow:
    path = app_paths.data_dir / name if name else app_paths.default_portfolio
    PortfolioService.create(path, skills).close()
    service = PortfolioService.open(
        path, skills, backups_dir=app_paths.backups_dir, defer_backup=True
    )
    window = MainWindow(PortfolioSession(service), settings, app_paths, deferred=True)
    qtbot.addWidget(window)
    return window


def test_the_window_fills_in_and_backs_up_after_its_first_paint(
    qtbot: QtBot, settings: QSettings, app_paths: AppPaths, skills: dict[Edition, Skill]
) -> None:
    window = _deferred_window(qtbot, settings, app_paths, skills)
    service = window.session.service
    workspace = window.workspace
    assert workspace.ladder.selected_level == 0  # not filled in yet
    assert workspace.target_headline.text() == ""
    assert workspace._evidence_log is None
    assert all(rung._readiness_row is None for rung in workspace.ladder.rungs.values())
    assert workspace.level_detail.cards == []
    assert _backups(service, app_paths) == 0
    window.show()
    qtbot.waitUntil(lambda: workspace.ladder.selected_level == 1)
    assert workspace.target_headline.text()
    assert workspace.level_detail.level == 1
    assert len(workspace.level_detail.cards) == len(window.session.skill.level(1).statements)
    rung = workspace.ladder.rungs[1]
    assert rung.readiness_label.isVisible() and rung.readiness_label.text()
    assert not workspace.ladder.rungs[7].readiness_label.isVisible()  # not defined
    assert _backups(service, app_paths) == 1  # the open-time backup, taken after the paint
    window.finish_loading()  # idempotent
    assert _backups(service, app_paths) == 1
    service.close()


def test_the_evidence_log_is_built_when_asked_for(
    qtbot: QtBot, settings: QSettings, app_paths: AppPaths, skills: dict[Edition, Skill]
) -> None:
    window = _deferred_window(qtbot, settings, app_paths, skills)
    workspace = window.workspace
    assert workspace._evidence_log is None
    log = workspace.evidence_log
    assert workspace._evidence_log is log
    assert workspace.evidence_log is log
    window.session.service.close()


def test_a_file_closed_untouched_before_its_open_backup_needs_none(
    tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    path, backups = tmp_path / "p.ssup", tmp_path / "backups"
    PortfolioService.create(path, skills).close()
    service = PortfolioService.open(path, skills, backups_dir=backups, defer_backup=True)
    short = portfolio_short_id(service.store.conn)
    service.close()
    assert list_backups(backups, short, count_entries=False) == []
    service = PortfolioService.open(path, skills, backups_dir=backups)  # not deferred
    service.close()
    assert len(list_backups(backups, short, count_entries=False)) == 1


def test_opening_another_portfolio_builds_its_hidden_tabs_only_when_wanted(
    qtbot: QtBot,
    settings: QSettings,
    app_paths: AppPaths,
    skills: dict[Edition, Skill],
    tmp_path: Path,
) -> None:
    from ssup_desktop.sample import build_sample

    window = _deferred_window(qtbot, settings, app_paths, skills)
    other = tmp_path / "other.ssup"
    build_sample(other, skills).close()
    assert window.open_portfolio(other)
    workspace = window.workspace
    assert workspace.session.service.path == other
    assert workspace.ladder.selected_level  # the ladder is filled in at once
    assert workspace._evidence_log is None  # the Evidence log waits to be shown
    assert workspace._next_level_pane.view is None
    window.find_evidence()  # Ctrl+F: shows the log, built now, with the other file's entries
    log = workspace.evidence_log
    assert workspace.currentIndex() == 1
    assert log.model.rowCount() == len(workspace.session.service.evidence_rows())
    log.status_message_posted.emit("hello from the log")  # wired to the status bar
    assert window.statusBar().currentMessage() == "hello from the log"
    workspace.session.service.close()


def test_a_window_gone_before_it_fills_in_raises_nothing(
    qtbot: QtBot, settings: QSettings, app_paths: AppPaths, skills: dict[Edition, Skill]
) -> None:
    """The first paint queues the filling-in; a window deleted meanwhile takes it with it."""
    path = app_paths.default_portfolio
    PortfolioService.create(path, skills).close()
    service = PortfolioService.open(path, skills, backups_dir=app_paths.backups_dir)
    window = MainWindow(PortfolioSession(service), settings, app_paths, deferred=True)
    (watcher,) = window.findChildren(_AfterFirstPaint)
    watcher.eventFilter(window, QPaintEvent(QRect(0, 0, 10, 10)))  # as the first paint: queues
    window.deleteLater()
    QCoreApplication.sendPostedEvents(window, QEvent.Type.DeferredDelete)
    qtbot.wait(20)  # the queued call's turn: an error here fails the test (pytest-qt)
    service.close()


def test_after_first_paint_calls_come_with_the_filling_in(
    qtbot: QtBot, settings: QSettings, app_paths: AppPaths, skills: dict[Edition, Skill]
) -> None:
    window = _deferred_window(qtbot, settings, app_paths, skills)
    calls: list[str] = []
    window.after_first_paint(lambda: calls.append("scheme"))
    assert calls == []  # not before the first paint
    window.show()
    qtbot.waitUntil(lambda: calls == ["scheme"])
    assert window.workspace.ladder.selected_level == 1  # with the rest of the filling-in
    window.finish_loading()
    assert calls == ["scheme"]  # once
    window.after_first_paint(lambda: calls.append("late"))
    assert calls == ["scheme", "late"]  # after the filling-in: at once
    window.session.service.close()


def test_a_window_not_deferred_calls_after_first_paint_at_once(window: MainWindow) -> None:
    calls: list[int] = []
    window.after_first_paint(lambda: calls.append(1))
    assert calls == [1]


def test_the_skill_text_below_the_first_screen_follows_the_first_paint(
    qtbot: QtBot, settings: QSettings, app_paths: AppPaths, skills: dict[Edition, Skill]
) -> None:
    deferred = _deferred_window(qtbot, settings, app_paths, skills)
    whole_pane = SkillInfoView(deferred.session)  # made at once: all of it
    qtbot.addWidget(whole_pane)
    whole = whole_pane.texts()
    pane = deferred.workspace.skill_info
    lead = pane.texts()
    assert "Activities may include" in lead and "Where levels are not defined" in lead
    assert "Related skills" not in lead and "Source" not in lead
    assert whole[: len(lead)] == lead
    deferred.show()
    qtbot.waitUntil(lambda: len(pane.texts()) == len(whole))
    assert pane.texts() == whole  # the tail added in order, after the lead
    body = pane.widget()
    layout = body.layout() if body is not None else None
    assert layout is not None
    items = [layout.itemAt(i) for i in range(layout.count())]
    shown = [item.widget() for item in items if item is not None]
    assert [w.text() for w in shown if isinstance(w, QLabel)] == whole
    assert items[-1] is not None and items[-1].spacerItem() is not None  # the stretch, last
    pane.refresh()  # as for another edition: all of it at once
    assert pane.texts() == whole
    deferred.session.service.close()


def test_shortcuts_are_given_just_after_the_first_paint(
    qtbot: QtBot,
    settings: QSettings,
    app_paths: AppPaths,
    skills: dict[Edition, Skill],
    session: PortfolioSession,
) -> None:
    at_once = MainWindow(session, settings, app_paths)  # not deferred: given as it is made
    qtbot.addWidget(at_once)
    deferred = _deferred_window(qtbot, settings, app_paths, skills, "deferred.ssup")

    def keys(window: MainWindow) -> dict[str, list[str]]:
        return {
            action.text(): [key.toString() for key in action.shortcuts()]
            for action in window.findChildren(QAction)
            if action.text()
        }

    expected = keys(at_once)
    assert "Ctrl+O" in expected["&Open\u2026"] and "F1" in expected["&Guide"]
    assert expected["&Export PDF\u2026"] == ["Ctrl+E"]
    assert all(not shortcuts for shortcuts in keys(deferred).values())  # none before the paint
    deferred.show()
    qtbot.waitUntil(lambda: bool(deferred.open_action.shortcuts()))
    assert keys(deferred) == expected
    deferred.session.service.close()
