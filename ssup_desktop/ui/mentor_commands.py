"""Undoable mentor edits: verdicts, verdict comments, entry comments and agreed actions."""

from __future__ import annotations

import uuid
from datetime import date

from ssup_desktop.domain.mentor import Action, EntryComment, VerdictKind
from ssup_desktop.mentor_service import RecordedVerdict
from ssup_desktop.ui.commands import ErrorReporter, EvidenceCommand
from ssup_desktop.ui.session import PortfolioSession


class RecordVerdictCommand(EvidenceCommand):
    """Record a verdict on a statement; undo takes it back (the one it replaced returns)."""

    def __init__(
        self,
        session: PortfolioSession,
        statement_id: str,
        kind: VerdictKind,
        *,
        session_id: uuid.UUID | None,
        mentor_name: str,
        comment: str = "",
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, f"Verdict {kind.label} on {statement_id}", on_error)
        self.statement_id = statement_id
        self.kind = kind
        self.session_id = session_id
        self.mentor_name = mentor_name
        self.comment = comment
        self.recorded: RecordedVerdict | None = None

    def do_redo(self) -> None:
        mentor = self.session.service.mentor
        if self.recorded is None:
            change, self.recorded = mentor.record_verdict(
                self.statement_id,
                self.kind,
                session_id=self.session_id,
                mentor_name=self.mentor_name,
                comment=self.comment,
            )
            self.announce(change)
        else:
            self.announce(mentor.reapply_verdict(self.recorded))

    def do_undo(self) -> None:
        assert self.recorded is not None
        self.announce(self.session.service.mentor.revert_verdict(self.recorded))


class CommentVerdictCommand(EvidenceCommand):
    """Set the comment of a recorded verdict; undo puts the previous comment back."""

    def __init__(
        self,
        session: PortfolioSession,
        verdict_id: uuid.UUID,
        before: str,
        after: str,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, "Comment on verdict", on_error)
        self.verdict_id = verdict_id
        self.before = before
        self.after = after

    def do_redo(self) -> None:
        self.announce(self.session.service.mentor.set_verdict_comment(self.verdict_id, self.after))

    def do_undo(self) -> None:
        self.announce(self.session.service.mentor.set_verdict_comment(self.verdict_id, self.before))


class CommentEntryCommand(EvidenceCommand):
    """Comment on an evidence entry; undo deletes the comment, redo puts the same one back."""

    def __init__(
        self,
        session: PortfolioSession,
        evidence_id: uuid.UUID,
        text: str,
        *,
        session_id: uuid.UUID | None,
        mentor_name: str,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, "Comment on entry", on_error)
        self.evidence_id = evidence_id
        self.comment_text = text
        self.session_id = session_id
        self.mentor_name = mentor_name
        self.comment: EntryComment | None = None

    def do_redo(self) -> None:
        mentor = self.session.service.mentor
        if self.comment is None:
            change, self.comment = mentor.comment_entry(
                self.evidence_id,
                self.comment_text,
                session_id=self.session_id,
                mentor_name=self.mentor_name,
            )
            self.announce(change)
        else:
            self.announce(mentor.restore_comment(self.comment))

    def do_undo(self) -> None:
        assert self.comment is not None
        self.announce(self.session.service.mentor.delete_comment(self.comment.id))


class AddActionCommand(EvidenceCommand):
    """Agree an action (it joins the development plan); undo removes it from both."""

    def __init__(
        self,
        session: PortfolioSession,
        text: str,
        *,
        owner: str,
        due: date | None,
        session_id: uuid.UUID | None,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, "Add agreed action", on_error)
        self.action_text = text
        self.owner = owner
        self.due = due
        self.session_id = session_id
        self.action: Action | None = None

    def do_redo(self) -> None:
        mentor = self.session.service.mentor
        if self.action is None:
            change, self.action = mentor.add_action(
                self.action_text, owner=self.owner, due=self.due, session_id=self.session_id
            )
            self.announce(change)
        else:
            self.announce(mentor.restore_action(self.action))

    def do_undo(self) -> None:
        assert self.action is not None
        self.announce(self.session.service.mentor.delete_action(self.action.id))
