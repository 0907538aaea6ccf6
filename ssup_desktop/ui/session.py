"""The open portfolio as the UI sees it: the service, the undo stack and the one change signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ssup_desktop.domain.change import Change
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.services import PortfolioService


class PortfolioSession(QObject):
    """Holds one open portfolio. Views listen to ``changed``; edits go through ``push``."""

    changed = Signal(object)  # a Change, emitted once per edit, undo or redo
    edition_changed = Signal(object)  # the Edition now shown
    closing = Signal()  # the portfolio is about to close: windows tied to it close too

    def __init__(self, service: PortfolioService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)

    @property
    def skills(self) -> dict[Edition, Skill]:
        return self.service.skills

    @property
    def edition(self) -> Edition:
        return self.service.profile().edition

    @property
    def skill(self) -> Skill:
        return self.service.skills[self.edition]

    def push(self, command: QUndoCommand) -> None:
        """Run an edit as an undoable command (QUndoStack calls its redo() at once)."""
        self.undo_stack.push(command)

    def announce(self, change: Change) -> None:
        """Tell every view what changed; commands call this after each service call."""
        self.changed.emit(change)
