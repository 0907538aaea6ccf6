"""NextLevelView: the right gaps, overdue actions flagged, plan edits undoable, no-target offer."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from ssup_desktop.domain.progress import Gap
from ssup_desktop.domain.progress_records import PlanAction
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.next_level import NextLevelView
from tests.ui.progress_fixtures import progress_service, progress_session

__all__ = ["progress_service", "progress_session"]


def _view(qtbot: QtBot, session: PortfolioSession) -> NextLevelView:
    view = NextLevelView(session)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    return view


def test_lists_every_unmet_statement_of_the_target_with_what_is_missing(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    view = _view(qtbot, progress_session)
    gaps = {card.progress.statement.id: card.progress.gaps for card in view.gap_cards}
    assert gaps == {
        "ssup-4-1": (Gap.NOT_VERIFIED,),
        "ssup-4-2": (Gap.NO_EVIDENCE,),
        "ssup-4-3": (Gap.NO_EVIDENCE,),
        "ssup-4-4": (Gap.ONLY_STALE,),
    }
    card = next(c for c in view.gap_cards if c.progress.statement.id == "ssup-4-4")
    assert card.gap_labels[0].text() == f"\u2022 {Gap.ONLY_STALE.label}"
    assert card.badge.text().endswith("Only old evidence")


def test_overdue_action_stands_out_in_words_not_just_colour(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    view = _view(qtbot, progress_session)
    rows = {row.action.text: row for row in view.action_rows}
    assert rows["Overdue thing"].overdue
    assert "Overdue" in rows["Overdue thing"].due_label.text()
    assert "\u26a0" in rows["Overdue thing"].due_label.text()
    assert not rows["Later thing"].overdue
    assert "Overdue" not in rows["Later thing"].due_label.text()
    assert "1 overdue" in view.plan_summary.text()


def test_add_toggle_and_undo_plan_actions(qtbot: QtBot, progress_session: PortfolioSession) -> None:
    view = _view(qtbot, progress_session)
    progress = progress_session.service.progress
    assert view.add_action(PlanAction(text="Shadow a bid review", due=date.today()))
    assert [r.action.text for r in view.action_rows].count("Shadow a bid review") == 1
    row = next(r for r in view.action_rows if r.action.text == "Overdue thing")
    row.check.setChecked(True)
    done = next(a for a in progress.actions() if a.text == "Overdue thing")
    assert done.done and done.done_at is not None
    assert not next(r for r in view.action_rows if r.action.text == "Overdue thing").overdue
    assert "0 overdue" not in view.plan_summary.text() and "overdue" not in view.plan_summary.text()
    progress_session.undo_stack.undo()  # not done again
    assert not next(a for a in progress.actions() if a.text == "Overdue thing").done
    progress_session.undo_stack.undo()  # the added action goes
    assert "Shadow a bid review" not in [a.text for a in progress.actions()]
    progress_session.undo_stack.redo()
    assert "Shadow a bid review" in [r.action.text for r in view.action_rows]


def test_edit_and_delete_are_undoable(qtbot: QtBot, progress_session: PortfolioSession) -> None:
    view = _view(qtbot, progress_session)
    progress = progress_session.service.progress
    action = next(a for a in progress.actions() if a.text == "Later thing")
    edited = action.model_copy(update={"text": "Sooner thing", "due": date.today() + timedelta(1)})
    view.edit_action(action, edited)
    assert progress.get_action(action.id).text == "Sooner thing"
    view.delete_action(progress.get_action(action.id))
    assert action.id not in {a.id for a in progress.actions()}
    progress_session.undo_stack.undo()
    progress_session.undo_stack.undo()
    assert progress.get_action(action.id) == action


def test_without_a_target_it_offers_to_set_levels(
    qtbot: QtBot, progress_session: PortfolioSession
) -> None:
    progress_session.service.progress.set_levels(None, None)
    view = _view(qtbot, progress_session)
    assert view.gap_cards == []
    assert "No target level" in view.message_label.text()
    with qtbot.waitSignal(view.levels_requested):
        next(
            b for b in view.findChildren(type(view.add_button)) if b.text().startswith("Set")
        ).click()
