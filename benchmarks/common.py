"""Shared pieces of the benchmarks: result rows, timing, the machine, the Qt application."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Row:
    """One measured figure: its median against its goal (smaller is better for every figure)."""

    figure: str
    samples: tuple[float, ...]
    goal: float
    unit: str  # "ms", "s", "x" (a ratio) or "MB"
    note: str = ""
    value: float | None = None  # the figure, when it is not the median of the samples (a max)
    informative: bool = False  # context for another figure: shown, but no goal of its own

    @property
    def result(self) -> str:
        if self.informative:
            return "info"
        return "pass" if self.passed else "FAIL"

    @property
    def median(self) -> float:
        if self.value is not None:
            return self.value
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def ratio(self) -> float:
        return self.median / self.goal

    @property
    def passed(self) -> bool:
        return self.ratio <= 1.0


@dataclass
class Workspace:
    """Where a run keeps its generated portfolios; ``quick`` shrinks every size."""

    root: Path
    quick: bool = False
    files: dict[str, Path] = field(default_factory=dict)

    def scaled(self, full: int) -> int:
        return max(50, full // 20) if self.quick else full


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action`` took."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def ms(seconds: Sequence[float]) -> tuple[float, ...]:
    return tuple(s * 1000.0 for s in seconds)


def fmt(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def copy_portfolio(source: Path, target: Path) -> Path:
    """A private copy of a closed portfolio file (so a benchmark may write to it)."""
    for suffix in ("", "-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1024 * 1024)
    except OSError:
        pass
    return float("nan")


def machine_line() -> str:
    import PySide6

    python = platform.python_version()
    return (
        f"{cpu_model()}, {os.cpu_count()} cores, {ram_gib():.1f} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {python}, PySide6 {PySide6.__version__}"
    )


def offscreen_env(data_dir: Path | None = None) -> dict[str, str]:
    """A child process's environment: offscreen Qt, the repo importable, a private data dir."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    if data_dir is not None:
        env["SSUP_DESKTOP_DATA_DIR"] = str(data_dir)
    return env


def python() -> str:
    return sys.executable


def qt_app() -> object:
    """The one QApplication of this process (offscreen), created on first use."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ssup_desktop.app import prepare_qt_environment

    prepare_qt_environment()  # as the app paints
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def process_events() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
