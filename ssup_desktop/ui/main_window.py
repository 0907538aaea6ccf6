"""MainWindow: assembles the workspace, menus, actions and status bar; no business logic."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QWidget

from ssup_desktop import APP_NAME
from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.paths import AppPaths
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import PortfolioError
from ssup_desktop.ui import portfolio_files as files
from ssup_desktop.ui.backup_actions import BackupActions
from ssup_desktop.ui.desktop_actions import DesktopActions
from ssup_desktop.ui.export_actions import ExportActions
from ssup_desktop.ui.feature_actions import feature_actions
from ssup_desktop.ui.heap import release_heap, settle_heap
from ssup_desktop.ui.qt_names import Shortcuts, Standard
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import plain_label
from ssup_desktop.ui.workspace import PortfolioWorkspace

if TYPE_CHECKING:
    from ssup_desktop.ui.dialogs.about import AboutDialog

SAMPLE_NAME = "sample.ssup"
ADD_EVIDENCE_SHORTCUT = "Ctrl+Shift+N"


class MainWindow(QMainWindow):
    """The one window. Hand it a session, the QSettings to remember state in, and the app paths."""

    def __init__(
        self,
        session: PortfolioSession,
        settings: QSettings,
        paths: AppPaths,
        parent: QWidget | None = None,
        *,
        deferred: bool = False,
    ) -> None:
        """``deferred`` (start-up): paint the window first and fill in the rest just after;
        see ``finish_loading``."""
        super().__init__(parent)
        self.quitting = False  # set when the app quits before finish_loading is wanted
        self.settings = settings
        self.paths = paths
        self.backups = BackupActions(self)  # File > Restore from Backup; opens with backups
        self.recent = files.RecentFiles(settings)
        self.about_dialog: AboutDialog | None = None
        self.undo_group = QUndoGroup(self)
        # held until just after the first paint when deferred (see Shortcuts)
        self.shortcuts = Shortcuts(held=deferred)
        self.session = session
        self.workspace = PortfolioWorkspace(session, self, deferred=deferred)
        self.setCentralWidget(self.workspace)
        self.setMinimumSize(900, 600)
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._attach(session)
        self._restore_state()
        self.desktop_actions = DesktopActions(self)  # welcome, profile, guide, icons, toolbar
        self.export_actions = ExportActions(self)  # File > Export PDF, Print, Print Preview
        # what finish_loading calls besides (None: the window was not deferred, or it ran)
        self._after_paint: list[Callable[[], object]] | None = None
        if deferred:
            self._after_paint = []
            self.installEventFilter(_AfterFirstPaint(self))

    def after_first_paint(self, call: Callable[[], object]) -> None:
        """Call ``call`` just after the first paint, with ``finish_loading`` (at once when the
        window was not deferred, or once that has run)."""
        if self._after_paint is None:
            call()
        else:
            self._after_paint.append(call)

    def finish_loading(self) -> None:
        """What start-up left for just after the first paint: the ladder's readiness, the level
        detail, the target headline, then the open-time backup (put off by
        ``PortfolioService.open(defer_backup=True)``). Idempotent.

        It runs from a zero-timer posted by the first paint event, so the event loop handles
        it before any keyboard or mouse input that comes after: no edit can reach the file
        before its open-time backup is taken."""
        if self.quitting:
            return
        try:
            self.shortcuts.give()
            self.workspace.finish_loading()
            service = self.session.service
            service.finish_opening()
            if service.backups is not None and service.backups.problem:
                self.show_message(service.backups.problem)
        finally:
            calls, self._after_paint = self._after_paint or [], None
            try:
                for call in calls:  # however the rest went
                    call()
            finally:
                # the content, the window and the readiness stay for the session
                settle_heap(collect=False)

    # -- building -----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str | None = None,
        tip: str = "",
    ) -> QAction:
        """An action of this window; ``shortcut``: a key sequence ("F9"), or the name of a
        standard key (``Standard("Open")``)."""
        action = QAction(text, self)
        if shortcut:
            self.shortcuts.set(action, shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New Portfolio\u2026",
            self.new_portfolio,
            Standard("New"),
            "Start a new, empty portfolio file",
        )
        self.open_action = self._action(
            "&Open\u2026", self.open_portfolio, Standard("Open"), "Open a portfolio file"
        )
        self.save_copy_action = self._action(
            "Save a &Copy\u2026",
            self.save_copy,
            Standard("SaveAs"),
            "Write a copy of this portfolio",
        )
        self.sample_action = self._action(
            "Open &Sample Portfolio", self.open_sample, None, "Open a demo portfolio to explore"
        )
        self.quit_action = self._action("&Quit", self.close, Standard("Quit"), "Quit SSUP Desktop")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.shortcuts.standard(self.undo_action, "Undo")
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.shortcuts.standard(self.redo_action, "Redo")
        self.add_evidence_action = self._action(
            "&Add Evidence\u2026",
            self.add_evidence,
            ADD_EVIDENCE_SHORTCUT,
            "Record a new example from your work",
        )
        self.find_action = self._action(
            "&Find\u2026", self.find_evidence, Standard("Find"), "Search the evidence log"
        )
        (  # progress and mentor features
            self.levels_action,
            self.preferences_action,
            self.mentor_session_action,
            self.sessions_action,
            self.import_review_action,
        ) = feature_actions(self)
        self.edition_group = QActionGroup(self)
        self.edition_group.setExclusive(True)
        self.edition_actions: dict[Edition, QAction] = {}
        for edition in Edition:
            action = QAction(edition.label, self.edition_group)
            action.setCheckable(True)
            action.setData(edition.value)
            action.setStatusTip(f"Show the {edition.label} text of Sales support")
            self.edition_actions[edition] = action
        self.edition_group.triggered.connect(self._on_edition_triggered)
        self.full_screen_action = self._action("&Full Screen", self.toggle_full_screen)
        self.shortcuts.standard(self.full_screen_action, "FullScreen")
        self.full_screen_action.setCheckable(True)
        self.about_action = self._action(f"&About {APP_NAME}", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action("About &Qt", QApplication.aboutQt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_copy_action, self.import_review_action])
        file_menu.addAction(self.backups.restore_action)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.add_evidence_action, self.find_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.levels_action, self.preferences_action])
        view_menu = bar.addMenu("&View")
        self.edition_menu = view_menu.addMenu("SFIA &Edition")
        self.edition_menu.addActions(list(self.edition_actions.values()))
        view_menu.addActions([self.mentor_session_action, self.sessions_action])
        view_menu.addSeparator()
        view_menu.addAction(self.full_screen_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.about_action, self.about_qt_action])
        # Open Recent fills itself each time it opens (aboutToShow): its labels read each file's
        # owner, which start-up does not wait for

    def _build_status_bar(self) -> None:
        self.file_label = plain_label("", self, wrap=False, muted=True)
        self.file_label.setAccessibleName("Open portfolio file")
        self.saved_label: QLabel = plain_label("All changes saved", self, wrap=False)
        self.saved_label.setAccessibleName("Save status")
        self.saved_label.setToolTip("Every change is written to the portfolio file at once")
        self.statusBar().addPermanentWidget(self.file_label)
        self.statusBar().addPermanentWidget(self.saved_label)

    # -- the open portfolio -------------------------------------------------------------------

    def _attach(self, session: PortfolioSession) -> None:
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self._on_changed)
        session.edition_changed.connect(self._sync_edition)
        self.workspace.level_detail.evidence_activated.connect(self.edit_evidence)
        self.workspace.level_detail.add_evidence_requested.connect(
            lambda statement_id: self.add_evidence([statement_id])
        )
        self.workspace.when_evidence_log_built(
            lambda log: log.status_message_posted.connect(self.show_message)
        )
        self.workspace.levels_requested.connect(self.levels_action.trigger)
        self.recent.add(session.service.path)
        self.file_label.setText(session.service.path.name)
        self.file_label.setToolTip(str(session.service.path))
        self.saved_label.setText("All changes saved")
        self._sync_edition()
        self._update_title()

    def set_session(self, session: PortfolioSession) -> None:
        """Show ``session`` instead of the current one, whose service is then closed."""
        old, old_workspace = self.session, self.workspace
        splitter_state = old_workspace.splitter.saveState()
        tab = old_workspace.currentIndex()
        self.undo_group.removeStack(old.undo_stack)
        old.changed.disconnect(self._on_changed)
        old.edition_changed.disconnect(self._sync_edition)
        self.workspace = PortfolioWorkspace(session, self)
        self.workspace.splitter.restoreState(splitter_state)
        self.workspace.setCurrentIndex(tab)
        self.setCentralWidget(self.workspace)  # deletes the old workspace
        self._attach(session)
        self.desktop_actions.workspace_changed()
        old.undo_stack.clear()
        old.closing.emit()
        old.service.close()
        old.deleteLater()
        release_heap()  # the last portfolio's window content and rows, settled, are let go

    def open_portfolio(self, path: Path | None = None) -> bool:
        """Open an existing portfolio file (asks which when ``path`` is None)."""
        path = path or files.ask_open_path(self, self._start_dir())
        if path is None:
            return False
        if files.same_file(path, self.session.service.path):
            return True
        return self._switch(lambda: self.backups.open(path), path)

    def reopen(self, path: Path) -> bool:
        """Open ``path`` again after its service was closed (e.g. restored from a backup)."""
        return self._switch(lambda: self.backups.open(path), path)

    def new_portfolio(self, path: Path | None = None) -> bool:
        """Create and open a new, empty portfolio file (asks where when ``path`` is None)."""
        path = path or files.ask_new_path(self, self._start_dir() / "My portfolio.ssup")
        if path is None:
            return False
        path = files.with_suffix(path)
        if path.exists():
            self.show_error(f"{path}: already exists. Choose another name, or open it.")
            return False
        return self._switch(lambda: self.backups.create(path))

    def save_copy(self, path: Path | None = None) -> bool:
        """Write a consistent copy of the open portfolio to another file."""
        current = self.session.service.path
        path = path or files.ask_copy_path(self, current.with_name(f"{current.stem} copy.ssup"))
        if path is None:
            return False
        path = files.with_suffix(path)
        try:
            self.session.service.save_copy(path)
        except PortfolioError as exc:  # the open file itself, disk full, no permission, ...
            self.show_error(str(exc))
            return False
        self.show_message(f"Saved a copy as {path.name}")
        return True

    def open_sample(self) -> bool:
        """Write a fresh demo portfolio into the data folder and open it."""
        from ssup_desktop.sample import build_sample

        target = self.paths.data_dir / SAMPLE_NAME
        if target.exists() and not self.confirm(
            "Replace the sample portfolio?",
            f"{target} already exists. Replace it with a fresh copy of the sample?",
        ):
            return False
        fresh = target.with_name(f".{SAMPLE_NAME}.new")
        for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
            leftover.unlink(missing_ok=True)
        try:
            build_sample(fresh, self.session.skills).close()
        except Exception as exc:
            self.show_error(f"{target}: could not write the sample ({exc})")
            return False
        if files.same_file(target, self.session.service.path) and not self._leave(target):
            return False
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
        fresh.replace(target)
        return self.open_portfolio(target)

    def _leave(self, path: Path) -> bool:
        """Switch away from ``path`` (to the default portfolio) so the file can be replaced."""
        default = self.paths.default_portfolio
        if files.same_file(default, path):
            return False
        if default.exists():
            return self.open_portfolio(default)
        return self.new_portfolio(default)

    def _switch(self, opener: Callable[[], PortfolioService], path: Path | None = None) -> bool:
        try:
            service = opener()
        except PortfolioError as exc:
            if path is not None and self.backups.offer_restore(exc, path):
                return self._switch(opener)
            if path is None or exc.latest_backup is None:
                self.show_error(str(exc))
            return False
        except OSError as exc:
            self.show_error(str(exc))
            return False
        self.set_session(PortfolioSession(service))
        self.show_message(f"Opened {service.path.name}")
        if service.backups is not None and service.backups.problem:
            self.show_message(service.backups.problem)
        return True

    def _start_dir(self) -> Path:
        return self.session.service.path.parent

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.session.service.path
        paths = [p for p in self.recent.paths() if not files.same_file(p, current)]
        for path in paths:
            action = self.recent_menu.addAction(files.recent_label(path))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_portfolio(p))
        if not paths:
            self.recent_menu.addAction("No recent portfolios").setEnabled(False)

    # -- evidence hooks -----------------------------------------------------------------------

    def add_evidence(self, prelinked: Sequence[str] = ()) -> bool:
        """Open the evidence editor for a new entry, linked to ``prelinked`` statements."""
        return self.workspace.evidence_log.add_evidence(prelinked)

    def edit_evidence(self, evidence_id: uuid.UUID) -> bool:
        return self.workspace.evidence_log.edit_evidence(evidence_id)

    def find_evidence(self) -> None:
        self.workspace.show_evidence_log()
        self.workspace.evidence_log.focus_search()

    # -- edition ------------------------------------------------------------------------------

    def set_edition(self, edition: Edition) -> None:
        """Show ``edition`` (undoable, remembered in the portfolio)."""
        if edition != self.session.edition:
            from ssup_desktop.ui.edition_command import SetEditionCommand

            command = SetEditionCommand(self.session, edition, self.show_message)
            self.session.push(command)
            if command.failures:
                self._sync_edition()

    def _on_edition_triggered(self, action: QAction) -> None:
        self.set_edition(Edition(str(action.data())))

    def _sync_edition(self, _edition: object = None) -> None:
        self.edition_actions[self.session.edition].setChecked(True)

    # -- feedback -----------------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        self.saved_label.setText(f"All changes saved at {datetime.now():%H:%M}")
        if change.description:
            self.show_message(change.description)
        if change.kind in (ChangeKind.PROFILE, ChangeKind.PORTFOLIO):
            self._update_title()

    def _update_title(self) -> None:
        owner = self.session.service.profile().owner_name.strip()
        self.setWindowTitle(f"{owner or self.session.service.path.name} - {APP_NAME}")

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def show_error(self, message: str) -> None:
        from ssup_desktop.ui import messages  # message boxes: built when first needed

        messages.show_error(self, APP_NAME, message)

    def confirm(self, title: str, question: str) -> bool:
        from ssup_desktop.ui import messages

        return messages.ask(self, title, question)

    def show_about(self) -> None:
        from ssup_desktop.ui.dialogs.about import AboutDialog

        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self.paths.data_dir, self.session.service.path, self)
        self.about_dialog.show_portfolio(self.session.service.path)
        self.about_dialog.open()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    # -- remembered state ---------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self.settings.value("window/ladder_splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.workspace.splitter.restoreState(splitter)
        tab = str(self.settings.value("window/tab", 0))
        self.workspace.setCurrentIndex(int(tab) if tab.isdigit() else 0)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/ladder_splitter", self.workspace.splitter.saveState())
        self.settings.setValue("window/tab", self.workspace.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


class _AfterFirstPaint(QObject):
    """Calls ``window.finish_loading`` on the turn of the event loop after its first paint."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.window, self.window.finish_loading)  # dropped with it
        return False
