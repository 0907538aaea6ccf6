"""Edit > Profile and Levels... and Edit > Preferences...: dialogs that push undoable commands."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ssup_desktop.ui.session import PortfolioSession


def edit_levels(parent: QWidget, session: PortfolioSession) -> bool:
    """Ask for the current and target levels; True when they were changed."""
    from ssup_desktop.ui.dialogs.levels import LevelsDialog
    from ssup_desktop.ui.progress_commands import SetLevelsCommand

    profile = session.service.profile()
    dialog = LevelsDialog(
        session.service.progress,
        session.skill,
        profile.current_level,
        profile.target_level,
        parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    current, target = dialog.levels()
    if (current, target) == (profile.current_level, profile.target_level):
        return False
    command = SetLevelsCommand(session, current, target)
    session.push(command)
    return not command.failures


def edit_preferences(parent: QWidget, session: PortfolioSession) -> bool:
    """Ask for the preferences (the recency window); True when something changed."""
    from ssup_desktop.ui.dialogs.preferences import PreferencesDialog
    from ssup_desktop.ui.progress_commands import SetRecencyCommand

    before = session.service.progress.recency_years()
    dialog = PreferencesDialog(before, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recency_years() == before:
        return False
    command = SetRecencyCommand(session, dialog.recency_years())
    session.push(command)
    return not command.failures
