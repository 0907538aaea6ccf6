"""Start to painted main window with a 5,000-entry portfolio, against a bare PySide6 window."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import REPO, Row, Workspace, offscreen_env, python
from ssup_desktop.paths import APP_DIR_NAME
from ssup_desktop.ui.qt_import import CACHE_FOLDER

GOAL_RATIO = 1.5
TIMEOUT_S = 120
FIRST_PAINT_MARK = "first-paint"
ENTRY_POINT = "import sys; from ssup_desktop.cli import main; sys.exit(main())"


@dataclass(frozen=True)
class Launch:
    """One start: seconds from spawning to the first paint, and to the process's exit."""

    to_paint: float
    to_exit: float


def _launch(command: list[str], data_dir: Path) -> Launch:
    """Run ``command`` (it prints ``first-paint T`` once painted, then exits 0) and time it.

    T is ``time.perf_counter()`` in the child: CLOCK_MONOTONIC on Linux, one clock for every
    process, so T minus the moment of spawning is the child's start-to-paint time."""
    if sys.platform.startswith("linux"):
        # the data folder found as on a user's machine (platformdirs honours XDG_DATA_HOME on
        # Linux), not given with SSUP_DESKTOP_DATA_DIR, which would skip a step of every start
        env = offscreen_env()
        env.pop("SSUP_DESKTOP_DATA_DIR", None)
        env["XDG_DATA_HOME"] = str(data_dir)
        env["XDG_CACHE_HOME"] = str(data_dir / "cache")  # and the cache (ui/qt_import.py)
    else:  # elsewhere platformdirs would find the user's real folder: keep the runs apart
        env = offscreen_env(data_dir)
    # an installed app runs from the bytecode pip compiled; let the warm-up run write it here too
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # set in this process by the benchmarks that paint in it; the app sets it for itself, and
    # the bare window gets the environment a plain PySide6 script would
    env.pop("QT_NO_GUI_THREADPOOL", None)
    started = time.perf_counter()
    done = subprocess.run(
        command,
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_S,
    )
    ended = time.perf_counter()
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-2000:]}"
        )
    marks = [line.split() for line in done.stdout.splitlines() if line.startswith(FIRST_PAINT_MARK)]
    if len(marks) != 1 or len(marks[0]) != 2:
        raise RuntimeError(f"{' '.join(command)} printed no {FIRST_PAINT_MARK!r} line")
    return Launch(float(marks[0][1]) - started, ended - started)


def support_cache(data_dir: Path) -> Path:
    """Where the app started by ``_launch`` keeps PySide6's compiled support modules."""
    if sys.platform.startswith("linux"):  # XDG_CACHE_HOME/<app>, as platformdirs finds it
        return data_dir / "cache" / APP_DIR_NAME / CACHE_FOLDER
    return data_dir / "cache" / CACHE_FOLDER  # SSUP_DESKTOP_DATA_DIR/cache


def measure(portfolio: Path, workdir: Path, runs: int) -> list[Row]:
    data_dir = workdir / "startup-data"
    data_dir.mkdir(exist_ok=True)
    # what the installed ``ssup-desktop`` command (the desktop entry's Exec) runs: its entry
    # point, ssup_desktop.cli:main; ``python -m ssup_desktop`` would add runpy's search for the
    # package's __main__ (10 M instructions) to a start no user makes that way
    app = [
        python(),
        "-c",
        ENTRY_POINT,
        "--portfolio",
        str(portfolio),
        "--exit-after-startup",
    ]
    bare = [python(), str(REPO / "benchmarks" / "bare_qt.py")]
    _launch(bare, data_dir)  # warm the file cache (and write bytecode) for both, not counted
    _launch(app, data_dir)
    app_runs: list[Launch] = []
    bare_runs: list[Launch] = []
    cold_runs: list[Launch] = []  # the app with PySide6's support modules compiled afresh
    for _ in range(runs):  # interleaved, so a noisy moment hurts all alike
        bare_runs.append(_launch(bare, data_dir))
        app_runs.append(_launch(app, data_dir))
        shutil.rmtree(support_cache(data_dir), ignore_errors=True)  # as on a first start
        cold_runs.append(_launch(app, data_dir))
    app_paint = statistics.median(r.to_paint for r in app_runs)
    cold_paint = statistics.median(r.to_paint for r in cold_runs)
    bare_paint = statistics.median(r.to_paint for r in bare_runs)
    app_exit = statistics.median(r.to_exit for r in app_runs)
    bare_exit = statistics.median(r.to_exit for r in bare_runs)
    return [
        Row(
            "Start-up to painted window, 5k entries (app / bare Qt)",
            (app_paint / bare_paint,),
            GOAL_RATIO,
            "x",
            f"spawn to first paint: app {app_paint * 1000:.0f} ms, bare PySide6 "
            f"{bare_paint * 1000:.0f} ms (medians of {runs})",
        ),
        Row(
            "Start-up: app alone, spawn to first paint (informative)",
            tuple(r.to_paint for r in app_runs),
            GOAL_RATIO * bare_paint,
            "s",
            "goal column = 1.5 x the bare median",
            informative=True,
        ),
        Row(
            "Start-up, PySide6 support compiled afresh, app / bare (informative)",
            (cold_paint / bare_paint,),
            GOAL_RATIO,
            "x",
            f"app {cold_paint * 1000:.0f} ms with no cached code of PySide6's support modules "
            "(ssup_desktop/ui/qt_import.py), as on a first start; the bare window compiles them "
            "at every start",
            informative=True,
        ),
        Row(
            "Start-up: spawn to process exit, app / bare (informative)",
            (app_exit / bare_exit,),
            GOAL_RATIO,
            "x",
            f"app {app_exit * 1000:.0f} ms, bare {bare_exit * 1000:.0f} ms: includes quitting "
            "and the interpreter's teardown",
            informative=True,
        ),
    ]


def run(work: Workspace) -> list[Row]:
    # 21 starts of each: on this shared machine five gave medians whose ratio moved by 0.3
    # between back-to-back runs, and eleven by 0.2 (1.60x to 1.80x, three runs in a row)
    return measure(work.files["p5k"], work.root, 3 if work.quick else 21)
