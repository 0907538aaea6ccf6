"""View > Mentor Session, View > Mentor Sessions and File > Import Review...: the menu hooks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ssup_desktop.ui.session import PortfolioSession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog


def start_mentor_session(parent: QWidget, session: PortfolioSession, settings: QSettings) -> None:
    """Ask the mentor's name and focus levels, then open session mode full screen."""
    from ssup_desktop.ui.views.mentor_session import open_session_mode

    open_session_mode(session, settings, parent=parent)


def show_sessions(parent: QWidget, session: PortfolioSession) -> QDialog:
    """The history of mentor sessions in a window of its own (non-modal)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    from ssup_desktop.ui.views.sessions_list import SessionsListView

    dialog = QDialog(parent)
    dialog.setWindowTitle("Mentor Sessions")
    layout = QVBoxLayout(dialog)
    layout.addWidget(SessionsListView(session, dialog))
    dialog.resize(900, 640)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    session.closing.connect(dialog.close)  # it shows this portfolio only
    dialog.show()
    return dialog


def import_review(parent: QWidget, session: PortfolioSession, backups_dir: Path) -> None:
    """Ask for a returned review copy and merge the mentor's records (after a backup)."""
    from ssup_desktop.review import backup_to
    from ssup_desktop.ui.dialogs.import_review import choose_review_file, import_review_file

    path = choose_review_file(parent)
    if path is not None:
        import_review_file(session, path, parent=parent, backup_first=backup_to(backups_dir))
