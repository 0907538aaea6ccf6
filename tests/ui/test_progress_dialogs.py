"""Levels and preferences dialogs; the self-assessment panel asks for a note."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ssup_desktop.domain.progress import Rating
from ssup_desktop.ui.dialogs.levels import LevelsDialog
from ssup_desktop.ui.dialogs.preferences import PreferencesDialog
from ssup_desktop.ui.progress_commands import SetAssessmentCommand, SetRecencyCommand
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.readiness import AssessmentPanel
from tests.ui.progress_fixtures import progress_service, progress_session

__all__ = ["progress_service", "progress_session"]


def test_levels_dialog_refuses_level_7_with_the_reason(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    dialog = LevelsDialog(progress_session.service.progress, progress_session.skill, 3, 4)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled() and dialog.levels() == (3, 4)
    dialog.target_combo.setCurrentIndex(7)
    assert not ok.isEnabled()
    text = dialog.problem_label.text()
    assert "not defined at level 7" in text and "Related skills" in text
    dialog.current_combo.setCurrentIndex(5)
    dialog.target_combo.setCurrentIndex(4)
    assert "above the current level" in dialog.problem_label.text()
    dialog.target_combo.setCurrentIndex(6)
    assert ok.isEnabled() and dialog.levels() == (5, 6)


def test_preferences_dialog_and_recency_command(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    dialog = PreferencesDialog(3)
    qtbot.addWidget(dialog)
    assert dialog.recency_spin.minimum() == 1 and dialog.recency_spin.maximum() == 10
    dialog.recency_spin.setValue(6)
    progress = progress_session.service.progress
    before = progress.readiness(progress_session.edition)[4].evidenced
    progress_session.push(SetRecencyCommand(progress_session, dialog.recency_years()))
    assert progress.recency_years() == 6
    assert progress.readiness(progress_session.edition)[4].evidenced == before + 1
    progress_session.undo_stack.undo()
    assert progress.recency_years() == 3


def test_assessment_panel_asks_for_a_note_and_cancel_reverts(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    panel = AssessmentPanel("ssup-4-2")
    qtbot.addWidget(panel)
    answers: list[str | None] = [None, "Designed the Contoso solution"]
    panel.ask_note = lambda _parent, _sid, _rating: answers.pop(0)
    requests: list[tuple[str, Rating, str]] = []
    panel.assessment_requested.connect(lambda sid, r, note: requests.append((sid, r, note)))
    panel.choose(Rating.DEVELOPING)  # cancelled
    assert requests == [] and panel.combo.currentText() == "Not assessed"
    panel.choose(Rating.DEVELOPING)
    assert requests == [("ssup-4-2", Rating.DEVELOPING, "Designed the Contoso solution")]


def test_set_assessment_command_undo_leaves_no_history(
    progress_session: PortfolioSession,
) -> None:
    progress = progress_session.service.progress
    progress_session.push(
        SetAssessmentCommand(progress_session, "ssup-4-2", Rating.DEVELOPING, "a")
    )
    progress_session.push(
        SetAssessmentCommand(progress_session, "ssup-4-2", Rating.DEMONSTRATED, "b")
    )
    assert [h.note for h in progress.history()] == ["b", "a"]
    progress_session.undo_stack.undo()
    assert progress.assessment("ssup-4-2").rating is Rating.DEVELOPING  # type: ignore[union-attr]
    assert [h.note for h in progress.history()] == ["a"]
    progress_session.undo_stack.redo()
    assert [h.note for h in progress.history()] == ["b", "a"]
