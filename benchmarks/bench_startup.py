"""Start to painted main window with a 5,000-entry portfolio, against a bare PySide6 window."""

from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path

from benchmarks.common import REPO, Row, Workspace, offscreen_env, python

GOAL_RATIO = 1.5
TIMEOUT_S = 120


def _launch(command: list[str], data_dir: Path) -> float:
    """Seconds from spawning ``command`` to its exit (it exits 0 once its window is painted)."""
    started = time.perf_counter()
    done = subprocess.run(
        command,
        env=offscreen_env(data_dir),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_S,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-2000:]}"
        )
    return elapsed


def measure(portfolio: Path, workdir: Path, runs: int) -> list[Row]:
    data_dir = workdir / "startup-data"
    data_dir.mkdir(exist_ok=True)
    app = [
        python(),
        "-m",
        "ssup_desktop",
        "--portfolio",
        str(portfolio),
        "--exit-after-startup",
    ]
    bare = [python(), str(REPO / "benchmarks" / "bare_qt.py")]
    _launch(bare, data_dir)  # warm the file cache for both, not counted
    _launch(app, data_dir)
    app_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(runs):  # interleaved, so a noisy moment hurts both alike
        bare_times.append(_launch(bare, data_dir))
        app_times.append(_launch(app, data_dir))
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    ratio = app_median / bare_median
    return [
        Row(
            "Start-up to painted window, 5k entries (app / bare Qt)",
            (ratio,),
            GOAL_RATIO,
            "x",
            f"app {app_median:.2f} s, bare PySide6 {bare_median:.2f} s (medians of {runs})",
        ),
        Row(
            "Start-up: app alone (informative)",
            tuple(app_times),
            GOAL_RATIO * bare_median,
            "s",
            "goal column = 1.5 x the bare median",
        ),
    ]


def run(work: Workspace) -> list[Row]:
    return measure(work.files["p5k"], work.root, 3 if work.quick else 5)
