"""Undoable progress edits: each QUndoCommand calls one ProgressService function and announces."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from ssup_desktop.domain.progress import Rating
from ssup_desktop.ui.commands import ErrorReporter, EvidenceCommand, quoted_title
from ssup_desktop.ui.session import PortfolioSession

if TYPE_CHECKING:
    from ssup_desktop.domain.progress_records import Assessment, PlanAction
    from ssup_desktop.progress_service import ProgressService


class ProgressCommand(EvidenceCommand):
    """Base: the guarded redo/undo of EvidenceCommand, with the progress service at hand."""

    @property
    def progress(self) -> ProgressService:
        return self.session.service.progress


class SetAssessmentCommand(ProgressCommand):
    """Rate a statement (kept in the history); undo puts back the previous row and forgets
    the history record, so an undone change leaves no trace."""

    def __init__(
        self,
        session: PortfolioSession,
        statement_id: str,
        rating: Rating,
        note: str,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, f"Assess {statement_id} as {rating.label}", on_error)
        self.statement_id = statement_id
        self.rating = rating
        self.note = note
        self.previous: Assessment | None = session.service.progress.assessment(statement_id)
        self.record_id: uuid.UUID | None = None

    def do_redo(self) -> None:
        change = self.progress.set_assessment(self.statement_id, self.rating, self.note)
        self.record_id = next(iter(change.ids))
        self.announce(change)

    def do_undo(self) -> None:
        if self.record_id is not None:
            self.announce(
                self.progress.revert_assessment(self.statement_id, self.previous, self.record_id)
            )


class AddActionCommand(ProgressCommand):
    def __init__(
        self, session: PortfolioSession, action: PlanAction, on_error: ErrorReporter | None = None
    ) -> None:
        super().__init__(session, f"Add plan action {quoted_title(action.text)}", on_error)
        self.action = action
        self._deleted: PlanAction | None = None

    def do_redo(self) -> None:
        if self._deleted is None:
            self.announce(self.progress.add_action(self.action))
        else:
            self.announce(self.progress.restore_action(self._deleted))

    def do_undo(self) -> None:
        change, self._deleted = self.progress.delete_action(self.action.id)
        self.announce(change)


class EditActionCommand(ProgressCommand):
    def __init__(
        self,
        session: PortfolioSession,
        before: PlanAction,
        after: PlanAction,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, f"Edit plan action {quoted_title(after.text)}", on_error)
        self.before = before
        self.after = after

    def do_redo(self) -> None:
        self.announce(self.progress.update_action(self.after))

    def do_undo(self) -> None:
        self.announce(self.progress.restore_action(self.before))


class ToggleActionCommand(ProgressCommand):
    def __init__(
        self,
        session: PortfolioSession,
        action: PlanAction,
        done: bool,
        on_error: ErrorReporter | None = None,
    ) -> None:
        verb = "Mark done" if done else "Mark not done"
        super().__init__(session, f"{verb}: {quoted_title(action.text)}", on_error)
        self.before = action
        self.done = done

    def do_redo(self) -> None:
        self.announce(self.progress.set_action_done(self.before.id, self.done))

    def do_undo(self) -> None:
        self.announce(self.progress.restore_action(self.before))


class DeleteActionCommand(ProgressCommand):
    def __init__(
        self, session: PortfolioSession, action: PlanAction, on_error: ErrorReporter | None = None
    ) -> None:
        super().__init__(session, f"Delete plan action {quoted_title(action.text)}", on_error)
        self.action = action

    def do_redo(self) -> None:
        change, self.action = self.progress.delete_action(self.action.id)
        self.announce(change)

    def do_undo(self) -> None:
        self.announce(self.progress.restore_action(self.action))


class SetLevelsCommand(ProgressCommand):
    """Set the current and target levels (validated by the service)."""

    def __init__(
        self,
        session: PortfolioSession,
        current: int | None,
        target: int | None,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, "Set current and target levels", on_error)
        profile = session.service.profile()
        self.before = (profile.current_level, profile.target_level)
        self.after = (current, target)

    def do_redo(self) -> None:
        self.announce(self.progress.set_levels(*self.after))

    def do_undo(self) -> None:
        self.announce(self.progress.set_levels(*self.before))


class SetRecencyCommand(ProgressCommand):
    """Change how many years evidence counts as recent."""

    def __init__(
        self, session: PortfolioSession, years: int, on_error: ErrorReporter | None = None
    ) -> None:
        super().__init__(session, f"Set the recency window to {years} years", on_error)
        self.before = session.service.progress.recency_years()
        self.after = years

    def do_redo(self) -> None:
        self.announce(self.progress.set_recency_years(self.after))

    def do_undo(self) -> None:
        self.announce(self.progress.set_recency_years(self.before))
