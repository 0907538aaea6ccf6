"""The progress and mentor actions of the main window (kept apart to keep the window small)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ssup_desktop.ui.mentor_actions import import_review, show_sessions, start_mentor_session
from ssup_desktop.ui.progress_actions import edit_levels, edit_preferences
from ssup_desktop.ui.qt_names import Standard

if TYPE_CHECKING:
    from ssup_desktop.ui.main_window import MainWindow


def feature_actions(window: MainWindow) -> tuple[QAction, QAction, QAction, QAction, QAction]:
    """Edit > Profile and Levels, Edit > Preferences, View > Mentor Session, View > Mentor
    Sessions and File > Import Review, in that order."""
    levels_action = window._action(
        "Profile and &Levels\u2026",
        lambda: edit_levels(window, window.session),
        None,
        "Set your current and target levels",
    )
    preferences_action = window._action(
        "&Preferences\u2026",
        lambda: edit_preferences(window, window.session),
        Standard("Preferences"),
        "The recency window for evidence",
    )
    preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    mentor_session_action = window._action(
        "&Mentor Session\u2026",
        lambda: start_mentor_session(window, window.session, window.settings),
        "F9",
        "Walk through the levels with a mentor, full screen",
    )
    sessions_action = window._action(
        "Mentor Sessio&ns", lambda: show_sessions(window, window.session), None, "Past sessions"
    )
    import_review_action = window._action(
        "&Import Review\u2026",
        lambda: import_review(window, window.session, window.paths.backups_dir),
        None,
        "Take a mentor's verdicts, comments and actions from a returned copy",
    )
    return (
        levels_action,
        preferences_action,
        mentor_session_action,
        sessions_action,
        import_review_action,
    )
