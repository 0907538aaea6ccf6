"""Undoable evidence edits: QUndoCommands that call a service function and announce the Change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ssup_desktop.domain.change import Change, merge_changes
from ssup_desktop.services import DeletedEvidence
from ssup_desktop.ui.session import PortfolioSession

if TYPE_CHECKING:
    from ssup_desktop.domain.evidence import AttachmentInfo, Evidence

ErrorReporter = Callable[[str], None]
TITLE_IN_TEXT = 40


def quoted_title(title: str) -> str:
    """A title shortened for menus and status messages, in single quotes."""
    title = " ".join(title.split())
    if len(title) > TITLE_IN_TEXT:
        title = title[: TITLE_IN_TEXT - 1].rstrip() + "\u2026"
    return f"'{title}'"


def describe_error(exc: BaseException) -> str:
    """A one-line message for a failed edit, for the status bar or a message box."""
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    return " ".join(text.split())[:300] or type(exc).__name__


class EvidenceCommand(QUndoCommand):
    """Base: runs a step, and on failure records the error, reports it and goes obsolete.

    An obsolete command is dropped by QUndoStack, so the stack never claims an edit that did not
    happen. ``failures`` is a plain list the caller keeps to read errors after ``push``.
    """

    def __init__(
        self, session: PortfolioSession, text: str, on_error: ErrorReporter | None = None
    ) -> None:
        super().__init__(text)
        self.session = session
        self.failures: list[Exception] = []
        self._on_error = on_error
        self._pending: list[Change] | None = None  # changes collected during one redo/undo

    def redo(self) -> None:
        self._batched(self.do_redo)

    def undo(self) -> None:
        self._batched(self.do_undo)

    def _batched(self, step: Callable[[], None]) -> None:
        """Run ``step``, then announce what it changed once per kind (not once per entry)."""
        self._pending = []
        try:
            self._guarded(step)
        finally:
            pending, self._pending = self._pending or [], None
            for change in merge_changes(pending):
                self.session.announce(change)

    def do_redo(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def do_undo(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception as exc:  # any service error: the environment's fault or invalid data
            self.failures.append(exc)
            self.setObsolete(True)
            if self._on_error is not None:
                self._on_error(f"{self.text()} failed: {describe_error(exc)}")

    def announce(self, change: Change) -> None:
        if self._pending is None:
            self.session.announce(change)
        else:
            self._pending.append(change)


class AddEvidenceCommand(EvidenceCommand):
    """Add a new entry; undo deletes it, redo puts back the exact deleted copy."""

    def __init__(
        self, session: PortfolioSession, evidence: Evidence, on_error: ErrorReporter | None = None
    ) -> None:
        super().__init__(session, f"Add evidence {quoted_title(evidence.title)}", on_error)
        self.evidence = evidence
        self._deleted: DeletedEvidence | None = None

    def do_redo(self) -> None:
        if self._deleted is None:
            self.announce(self.session.service.add_evidence(self.evidence))
        else:
            self.announce(self.session.service.restore_evidence(self._deleted))

    def do_undo(self) -> None:
        change, self._deleted = self.session.service.delete_evidence(self.evidence.id)
        self.announce(change)


class EditEvidenceCommand(EvidenceCommand):
    """Replace an entry's content; undo writes the previous content back.

    The service keeps attachments on update (they have their own commands); undo puts the
    previous content back with its previous ``modified`` stamp.
    """

    def __init__(
        self,
        session: PortfolioSession,
        before: Evidence,
        after: Evidence,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(session, f"Edit evidence {quoted_title(after.title)}", on_error)
        self.before = before
        self.after = after

    def do_redo(self) -> None:
        self.announce(self.session.service.update_evidence(self.after))

    def do_undo(self) -> None:
        self.announce(self.session.service.update_evidence(self.before, keep_modified=True))


class DeleteEvidenceCommand(EvidenceCommand):
    """Delete entries; undo restores each exactly, attachments included."""

    def __init__(
        self,
        session: PortfolioSession,
        entries: Sequence[Evidence],
        on_error: ErrorReporter | None = None,
    ) -> None:
        text = (
            f"Delete evidence {quoted_title(entries[0].title)}"
            if len(entries) == 1
            else f"Delete {len(entries)} evidence entries"
        )
        super().__init__(session, text, on_error)
        self.ids = [e.id for e in entries]
        self._deleted: list[DeletedEvidence] = []

    def do_redo(self) -> None:
        self._deleted = []
        try:
            for evidence_id in self.ids:
                change, snapshot = self.session.service.delete_evidence(evidence_id)
                self._deleted.append(snapshot)
                self.announce(change)
        except Exception:
            self.do_undo()  # put back what was already deleted: all or nothing
            raise

    def do_undo(self) -> None:
        while self._deleted:
            self.announce(self.session.service.restore_evidence(self._deleted[-1]))
            self._deleted.pop()


class DuplicateEvidenceCommand(EvidenceCommand):
    """Copy an entry (with its attachments); undo deletes the copy."""

    def __init__(
        self, session: PortfolioSession, source: Evidence, on_error: ErrorReporter | None = None
    ) -> None:
        super().__init__(session, f"Duplicate evidence {quoted_title(source.title)}", on_error)
        self.source_id = source.id
        self.copy: Evidence | None = None
        self._deleted: DeletedEvidence | None = None

    def do_redo(self) -> None:
        if self._deleted is None:
            change, self.copy = self.session.service.duplicate_evidence(self.source_id)
            self.announce(change)
        else:
            self.announce(self.session.service.restore_evidence(self._deleted))

    def do_undo(self) -> None:
        assert self.copy is not None
        change, self._deleted = self.session.service.delete_evidence(self.copy.id)
        self.announce(change)


class AddAttachmentsCommand(EvidenceCommand):
    """Attach files to an entry; undo removes them, redo puts the same attachments back."""

    def __init__(
        self,
        session: PortfolioSession,
        evidence: Evidence,
        files: Sequence[Path],
        on_error: ErrorReporter | None = None,
    ) -> None:
        what = f"'{files[0].name}'" if len(files) == 1 else f"{len(files)} files"
        super().__init__(session, f"Attach {what} to {quoted_title(evidence.title)}", on_error)
        self.evidence_id = evidence.id
        self.files = list(files)
        self.added: list[tuple[AttachmentInfo, bytes]] = []
        self._attached = 0  # how many of ``added`` are in the portfolio now

    def do_redo(self) -> None:
        service = self.session.service
        try:
            if self.added:  # redo after undo: the same ids and bytes, not the files again
                for info, data in self.added[self._attached :]:
                    self.announce(service.add_attachment_data(self.evidence_id, info, data))
                    self._attached += 1
                return
            for path in self.files:
                change, info = service.add_attachment(self.evidence_id, path)
                self.added.append((info, service.attachment_data(info.id)))
                self._attached += 1
                self.announce(change)
        except Exception:
            self.do_undo()  # all or nothing
            raise

    def do_undo(self) -> None:
        service = self.session.service
        while self._attached:
            info, _data = self.added[self._attached - 1]
            self.announce(service.remove_attachment(self.evidence_id, info.id))
            self._attached -= 1


class RemoveAttachmentCommand(EvidenceCommand):
    """Remove one attachment; undo puts back the same attachment (same id, bytes and place).

    The service appends a re-added attachment at the end, so undo also lifts off and re-adds the
    attachments that came after it, to keep the entry's order.
    """

    def __init__(
        self,
        session: PortfolioSession,
        evidence: Evidence,
        attachment: AttachmentInfo,
        on_error: ErrorReporter | None = None,
    ) -> None:
        super().__init__(
            session,
            f"Remove attachment '{attachment.name}' from {quoted_title(evidence.title)}",
            on_error,
        )
        self.evidence_id = evidence.id
        self.attachment = attachment
        self._removed: list[tuple[AttachmentInfo, bytes]] = []

    def do_redo(self) -> None:
        service = self.session.service
        current = service.get_evidence(self.evidence_id).attachments
        ids = [a.id for a in current]
        if self.attachment.id not in ids:
            raise KeyError(f"'{self.attachment.name}' is no longer attached")
        tail = current[ids.index(self.attachment.id) :]
        self._removed = [(a, service.attachment_data(a.id)) for a in tail]
        self.announce(service.remove_attachment(self.evidence_id, self.attachment.id))

    def do_undo(self) -> None:
        service = self.session.service
        for info, _data in self._removed[1:]:
            self.announce(service.remove_attachment(self.evidence_id, info.id))
        for info, data in self._removed:
            self.announce(service.add_attachment_data(self.evidence_id, info, data))


def push_command(session: PortfolioSession, command: EvidenceCommand) -> list[Exception]:
    """Push ``command``; return the errors it hit (then it was dropped from the stack)."""
    failures = command.failures  # keep the list: a failed command is deleted by the stack
    session.push(command)
    return failures


def push_macro(
    session: PortfolioSession, text: str, commands: Sequence[EvidenceCommand]
) -> list[Exception]:
    """Push commands as one undo step; stop at the first failure.

    Steps that succeeded stay (the stack shows the truth); if none did, the empty macro is removed.
    """
    stack = session.undo_stack
    failures: list[Exception] = []
    succeeded = 0
    stack.beginMacro(text)
    for command in commands:
        errors = push_command(session, command)
        if errors:
            failures.extend(errors)
            break
        succeeded += 1
    stack.endMacro()
    if succeeded == 0:
        macro = stack.command(stack.index() - 1)
        macro.setObsolete(True)
        stack.undo()  # an obsolete command is removed without running its undo
    return failures
