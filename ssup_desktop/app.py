"""The composition root: paths -> portfolio -> service -> Qt -> MainWindow -> event loop."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ssup_desktop import APP_NAME, ORG_NAME, __version__
from ssup_desktop.paths import AppPaths, resolve_paths

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from ssup_desktop.services import PortfolioService
    from ssup_desktop.storage import PortfolioError
    from ssup_desktop.ui.main_window import MainWindow

EXIT_OK = 0
EXIT_BUG = 1
EXIT_PORTFOLIO = 2
STARTUP_TIMEOUT_MS = 60_000
FIRST_PAINT_MARK = "first-paint"  # --exit-after-startup prints it, then the time of the first paint
# Qt's raster engine hands large fills and image conversions to a pool of helper threads. For a
# window of widgets on a machine of two cores the hand-offs cost more than they save: without
# them the first paint came 10 to 35 ms sooner (25 paired starts, median 30 ms), and searching,
# filtering and the PDF export were no slower (benchmarks/run.py, both ways, same hour).
QT_SERIAL_PAINT = ("QT_NO_GUI_THREADPOOL", "1")


def choose_portfolio(paths: AppPaths, given: Path | None) -> Path:
    """The file to open: ``--portfolio`` if given, else the default one in the data dir."""
    return given.expanduser().absolute() if given is not None else paths.default_portfolio


def run_gui(portfolio: Path | None, exit_after_startup: bool) -> int:
    """Start the window on ``portfolio`` (created when missing) and run until it closes.

    The portfolio is opened before Qt is loaded: its damage check (every page read) runs in a
    worker thread meanwhile, and its verdict is in before the window is shown.

    Start-up makes many objects and frees almost none, so the garbage collector waits: it is
    off until the window has filled itself in (``ui.heap.settle_heap``), before any dialog
    about the file, and in any case once this returns."""
    gc.disable()
    try:
        return _run_gui(portfolio, exit_after_startup)
    finally:
        gc.enable()


def _run_gui(portfolio: Path | None, exit_after_startup: bool) -> int:
    paths = resolve_paths()
    paths.ensure()
    from ssup_desktop.content import ContentError, load_all
    from ssup_desktop.services import PortfolioService
    from ssup_desktop.storage import PortfolioError

    app: QApplication | None = None
    ask_scheme: Callable[[], None] = _nothing  # asks the system's colour scheme (ui.theme)

    def fail(message: str, code: int) -> int:
        print(f"ssup-desktop: {message}", file=sys.stderr)
        if not exit_after_startup:
            from ssup_desktop.ui.messages import show_error

            _application(paths)[1]()
            show_error(None, APP_NAME, message)
        return code

    try:
        skills = load_all()
    except ContentError as exc:
        return fail(f"the packaged SFIA content is damaged: {exc}", EXIT_BUG)
    path = choose_portfolio(paths, portfolio)
    while True:
        try:
            if path.exists():
                # the open-time backup waits for MainWindow.finish_loading (after first paint)
                service = PortfolioService.open(
                    path,
                    skills,
                    backups_dir=paths.backups_dir,
                    defer_backup=True,
                    check_in_background=True,
                )
            else:
                service = PortfolioService.create(path, skills, backups_dir=paths.backups_dir)
            if app is None:
                app, ask_scheme = _application(paths)
            window = _main_window(service, paths, ask_scheme)
            break
        except PortfolioError as exc:
            if exit_after_startup:
                return fail(str(exc), EXIT_PORTFOLIO)
            if app is None:
                app, ask_scheme = _application(paths)
            ask_scheme()  # a dialog comes first: no first window to wait for
            gc.enable()  # the dialog may stay open for long
            chosen = _recover(exc, path, paths)
            if chosen is None:
                return EXIT_PORTFOLIO
            path = chosen

    if exit_after_startup:
        _quit_after_first_paint(window, app)
    window.show()
    try:
        return app.exec()
    finally:
        window.save_state()
        window.session.service.close()
        window.deleteLater()


def prepare_qt_environment() -> None:
    """What Qt reads from the environment, set (unless the user set it) before Qt first paints:
    painting stays on the GUI thread (``QT_SERIAL_PAINT``)."""
    name, value = QT_SERIAL_PAINT
    os.environ.setdefault(name, value)


def _nothing() -> None:
    pass


def _settings(paths: AppPaths) -> QSettings:
    from PySide6.QtCore import QSettings

    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def _application(paths: AppPaths) -> tuple[QApplication, Callable[[], None]]:
    """The QApplication, named, with the app icon and the colour scheme; with what to call
    once the first window has painted: it asks the system for its colour scheme (the palette
    starts from the one seen last time, see ``ui.theme.follow_system_scheme``)."""
    prepare_qt_environment()
    from ssup_desktop.ui.qt_import import import_qt

    import_qt(paths.cache_dir)  # PySide6's own support modules: compiled once, not each start
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("ssup-desktop")
    from ssup_desktop.ui.icons import app_icon
    from ssup_desktop.ui.theme import follow_system_scheme

    app.setWindowIcon(app_icon())  # the packaged SVG, crisp at any scale
    return app, follow_system_scheme(app, _settings(paths))


def _main_window(
    service: PortfolioService, paths: AppPaths, after_first_paint: Callable[[], None]
) -> MainWindow:
    """The window on ``service``, once the damage check passed, calling ``after_first_paint``
    once it has painted; on a damaged file the service is closed and its PortfolioError
    raised."""
    from ssup_desktop.ui.main_window import MainWindow
    from ssup_desktop.ui.session import PortfolioSession

    settings = _settings(paths)
    window: MainWindow | None = None
    try:
        try:
            # deferred: the window paints first; readiness, level detail, the target headline
            # and the open-time backup follow on the next turn of the event loop
            window = MainWindow(PortfolioSession(service), settings, paths, deferred=True)
            window.after_first_paint(after_first_paint)
        except Exception:
            service.wait_until_checked()  # reading a damaged file: the check says what is wrong
            raise
        service.wait_until_checked()
    except BaseException:
        if window is not None:
            window.recent.remove(service.path)  # a refused file is not offered in Open Recent
        service.close()  # takes no backup of a file found damaged
        raise
    return window


def _recover(error: PortfolioError, path: Path, paths: AppPaths) -> Path | None:
    """A portfolio would not open: offer its latest good backup, another file, or quitting.
    Returns the file to try next, or None to quit."""
    from PySide6.QtWidgets import QFileDialog

    from ssup_desktop.storage.backup import attach_latest_backup
    from ssup_desktop.ui.dialogs.portfolio_problem import (
        ProblemChoice,
        ask_about_problem,
        restore_latest,
    )
    from ssup_desktop.ui.messages import show_error

    attach_latest_backup(error, paths.backups_dir, path)
    choice = ask_about_problem(error)
    if choice is ProblemChoice.RESTORE:
        try:
            restore_latest(error, path)
        except PortfolioError as again:
            show_error(None, APP_NAME, str(again))
            return None
        return path
    if choice is ProblemChoice.OPEN_OTHER:
        chosen, _ = QFileDialog.getOpenFileName(
            None, "Open Portfolio", str(path.parent), "SSUP portfolios (*.ssup);;All files (*)"
        )
        return Path(chosen) if chosen else None
    return None


def report_first_paint() -> None:
    """Print ``first-paint SECONDS``: when the first paint was done, on the system-wide monotonic
    clock (``time.perf_counter`` on Linux), so a benchmark can time spawn-to-paint."""
    print(f"{FIRST_PAINT_MARK} {time.perf_counter():.6f}", flush=True)


def _quit_after_first_paint(window: QWidget, app: QApplication) -> None:
    """Quit with 0 once ``window`` has painted (printing when: ``report_first_paint``); exit 1
    if that never happens."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from ssup_desktop.ui.main_window import MainWindow as MainWindowType

    def painted() -> None:
        report_first_paint()
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                # start-up ends here: the app quits instead of filling in what the window
                # leaves for after its first paint (MainWindow.finish_loading), and the file,
                # untouched, needs no open-time backup (storage/backup.py, AutoBackup)
                if isinstance(window, MainWindowType):
                    window.quitting = True
                QTimer.singleShot(0, painted)  # runs once the paint event has been handled
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(STARTUP_TIMEOUT_MS, lambda: app.exit(EXIT_BUG))
