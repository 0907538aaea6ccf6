"""Open a 10,000-entry portfolio and show the level ladder with readiness."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from benchmarks.common import Row, Workspace, process_events, qt_app

GOAL_S = 1.0


def _readiness(service: Any) -> object:
    """Readiness of every level: the progress service when there is one, else the domain."""
    edition = service.profile().edition
    progress = getattr(service, "progress", None)
    if progress is not None and hasattr(progress, "readiness"):
        return progress.readiness(edition)
    from ssup_desktop.domain.progress import level_readiness

    return level_readiness(
        service.skills, edition, service.list_evidence(), verified_keys=service.verified_keys()
    )


def _window(session: Any, workdir: Path) -> tuple[Any, str]:
    """What the user sees: the main window (ladder on show) if it can be built, else the ladder."""
    try:
        from PySide6.QtCore import QSettings

        from ssup_desktop.paths import AppPaths
        from ssup_desktop.ui.main_window import MainWindow

        settings = QSettings(str(workdir / "open-settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(session, settings, AppPaths(workdir / "open-data"))
        window.resize(1280, 800)
        return window, "MainWindow"
    except (ImportError, TypeError, AttributeError):
        from ssup_desktop.ui.views.ladder import LevelLadderView

        view = LevelLadderView(session)
        view.resize(420, 800)
        return view, "LevelLadderView"


def measure(portfolio: Path, workdir: Path, runs: int, budget_s: float = 30.0) -> list[Row]:
    """Up to ``runs`` runs; at least 3, fewer than ``runs`` once ``budget_s`` is spent."""
    qt_app()
    from ssup_desktop.content import load_all
    from ssup_desktop.services import PortfolioService
    from ssup_desktop.ui.session import PortfolioSession

    skills = load_all()
    shown_as = ""
    totals: list[float] = []
    parts: dict[str, list[float]] = {"open": [], "readiness": [], "window": []}
    began = time.perf_counter()
    for index in range(runs):
        if index >= 3 and time.perf_counter() - began > budget_s:
            break
        started = time.perf_counter()
        service = PortfolioService.open(portfolio, skills)
        opened = time.perf_counter()
        _readiness(service)
        ready = time.perf_counter()
        session = PortfolioSession(service)
        view, shown_as = _window(session, workdir)
        view.show()
        process_events()
        view.repaint()
        shown = time.perf_counter()
        totals.append(shown - started)
        parts["open"].append(opened - started)
        parts["readiness"].append(ready - opened)
        parts["window"].append(shown - ready)
        view.close()
        view.deleteLater()
        process_events()
        service.close()
    note = ", ".join(f"{k} {sorted(v)[len(v) // 2]:.2f} s" for k, v in parts.items())
    note += f" (shown: {shown_as})"
    return [Row("Open 10k portfolio + ladder with readiness", tuple(totals), GOAL_S, "s", note)]


def run(work: Workspace) -> list[Row]:
    return measure(work.files["p10k"], work.root, 3 if work.quick else 5)
