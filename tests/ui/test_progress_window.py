"""Progress in the main window: rung readiness, statement cards, headline, lazy History tab."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.progress import EvidenceState, Rating
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.progress_commands import SetLevelsCommand, SetRecencyCommand
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.workspace import HISTORY_TAB, NEXT_LEVEL_TAB


def _add(session: PortfolioSession, days_ago: int, *ids: str) -> None:
    entry = Evidence(
        title=f"Entry {ids}", date_from=date.today() - timedelta(days=days_ago), statement_ids=ids
    )
    session.announce(session.service.add_evidence(entry))


def _setup(window: MainWindow) -> PortfolioSession:
    session = window.session
    session.push(SetLevelsCommand(session, 3, 4))
    _add(session, 20, "ssup-4-1", "ssup-3-1")
    _add(session, 4 * 365, "ssup-4-4")
    return session


def test_rung_numbers_match_the_service(window: MainWindow) -> None:
    session = _setup(window)
    readiness = session.service.progress.readiness(session.edition)
    ladder = window.workspace.ladder
    for number in range(1, 7):
        r = readiness[number]
        expected = f"{r.evidenced}/{r.total} evidenced \u00b7 {r.verified} verified"
        assert ladder.rungs[number].readiness_label.text().startswith(expected)
    assert ladder.rungs[4].readiness_label.text() == (
        "1/4 evidenced \u00b7 0 verified \u00b7 1 only old"
    )
    assert ladder.rungs[4].readiness_bar.states.count(EvidenceState.STALE) == 1
    assert not ladder.rungs[7].readiness_label.isVisible()
    assert "Current" in ladder.rungs[3].badge_label.text()
    assert "Target" in ladder.rungs[4].badge_label.text()
    headline = window.workspace.target_headline.text()
    assert headline == "Target: Level 4 (Enable): 1 of 4 statements evidenced, 0 verified"


def test_changing_a_self_assessment_on_a_card_records_history(window: MainWindow) -> None:
    session = _setup(window)
    window.workspace.ladder.select_level(4)
    detail = window.workspace.level_detail
    card = detail.card("ssup-4-2")
    assert card.state_badge.state is EvidenceState.NONE
    assert card.assessment_panel.mentor_label.text() == "No mentor verdict yet"
    card.assessment_panel.ask_note = lambda *_args: "Designed the Fabrikam solution"
    card.assessment_panel.choose(Rating.DEVELOPING)
    history = session.service.progress.history("ssup-4-2")
    assert [(h.old, h.new, h.note) for h in history] == [
        (None, "developing", "Designed the Fabrikam solution")
    ]
    card = detail.card("ssup-4-2")
    assert card.assessment_panel.combo.currentText() == "Developing"
    assert "Designed the Fabrikam solution" in card.assessment_panel.note_label.text()
    window.undo_action.trigger()
    assert session.service.progress.history() == []
    assert detail.card("ssup-4-2").assessment_panel.combo.currentText() == "Not assessed"


def test_preferences_change_the_recency_window_and_the_states(window: MainWindow) -> None:
    session = _setup(window)
    window.workspace.ladder.select_level(4)
    card = window.workspace.level_detail.card("ssup-4-4")
    assert card.state_badge.state is EvidenceState.STALE
    session.push(SetRecencyCommand(session, 5))
    assert window.workspace.level_detail.card("ssup-4-4").state_badge.state is (
        EvidenceState.EVIDENCED
    )
    assert window.workspace.ladder.rungs[4].readiness_label.text().startswith("2/4 evidenced")
    assert "2 of 4" in window.workspace.target_headline.text()
    window.undo_action.trigger()
    assert window.workspace.ladder.rungs[4].readiness_label.text().startswith("1/4 evidenced")


def test_history_tab_is_built_only_when_shown(window: MainWindow, qtbot: QtBot) -> None:
    _setup(window)
    workspace = window.workspace
    assert workspace.history.view is None
    workspace.setCurrentIndex(NEXT_LEVEL_TAB)
    assert workspace.history.view is None
    assert [c.progress.statement.id for c in workspace.next_level.gap_cards] == [
        "ssup-4-1",
        "ssup-4-2",
        "ssup-4-3",
        "ssup-4-4",
    ]
    workspace.setCurrentIndex(HISTORY_TAB)
    assert workspace.history.view is not None
    qtbot.waitUntil(
        lambda: workspace.history.view is not None and workspace.history.view.isVisible()
    )
    assert not workspace.history.view.grab().isNull()
