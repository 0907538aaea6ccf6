"""SetEditionCommand: switch the SFIA edition shown, kept in the profile, undoable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ssup_desktop.domain.change import Change
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.ui.session import PortfolioSession


class SetEditionCommand(QUndoCommand):
    """Store ``edition`` in the profile, announce the change and tell the views to redraw."""

    def __init__(
        self,
        session: PortfolioSession,
        edition: Edition,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(f"Show {edition.label}")
        self.session = session
        self.new = edition
        self.old = session.edition
        self.failures: list[Exception] = []
        self._on_error = on_error

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, edition: Edition) -> None:
        service = self.session.service
        try:
            profile = service.profile()
            change = service.update_profile(profile.replace(edition=edition))
        except Exception as exc:  # the file became read-only, the disk is full ...
            self.failures.append(exc)
            self.setObsolete(True)
            if self._on_error is not None:
                self._on_error(f"Could not switch to {edition.label}: {exc}")
            return
        self.session.announce(Change(change.kind, change.ids, f"Showing {edition.label}"))
        self.session.edition_changed.emit(edition)
