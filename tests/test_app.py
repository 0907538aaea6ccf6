"""`python -m ssup_desktop` starts, paints its window and exits when asked; bad files exit 2."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ssup_desktop import app
from ssup_desktop.app import choose_portfolio
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.paths import AppPaths
from ssup_desktop.sample import build_sample

TIMEOUT = 60


def run_app(
    data_dir: Path, *args: str, bytecode: bool | None = None
) -> subprocess.CompletedProcess[str]:
    """The app in a process of its own; ``bytecode``: whether Python may write bytecode (and
    the app its cache of PySide6's compiled modules), None: as this process says."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SSUP_DESKTOP_DATA_DIR": str(data_dir),
    }
    if bytecode is True:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    elif bytecode is False:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "ssup_desktop", "--exit-after-startup", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_choose_portfolio_defaults_to_the_data_dir(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data")
    assert choose_portfolio(paths, None) == tmp_path / "data" / "portfolio.ssup"
    assert choose_portfolio(paths, tmp_path / "x.ssup") == tmp_path / "x.ssup"


@pytest.mark.slow
def test_first_start_creates_the_default_portfolio(data_dir: Path) -> None:
    result = run_app(data_dir, bytecode=True)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "portfolio.ssup").is_file()
    assert (data_dir / "settings.ini").is_file()
    # PySide6's support modules, compiled on this first start, are kept for the next ones
    kept = list((data_dir / "cache" / "qt-support").glob("shibokensupport-*.code"))
    assert len(kept) >= 10


def test_a_start_told_to_write_no_bytecode_keeps_no_compiled_code(data_dir: Path) -> None:
    result = run_app(data_dir, bytecode=False)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "portfolio.ssup").is_file()
    assert not (data_dir / "cache" / "qt-support").exists()


@pytest.mark.slow
def test_given_portfolio_is_created_then_opened(tmp_path: Path, data_dir: Path) -> None:
    target = tmp_path / "x.ssup"
    first = run_app(data_dir, "--portfolio", str(target))
    assert first.returncode == 0, first.stderr
    assert target.is_file()
    assert not (data_dir / "portfolio.ssup").exists()
    again = run_app(data_dir, "--portfolio", str(target))
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
def test_a_file_that_is_not_a_portfolio_exits_2_and_is_left_alone(
    tmp_path: Path, data_dir: Path
) -> None:
    notes = tmp_path / "notes.ssup"
    notes.write_bytes(b"shopping list\n")
    result = run_app(data_dir, "--portfolio", str(notes))
    assert result.returncode == 2
    assert str(notes) in result.stderr
    assert notes.read_bytes() == b"shopping list\n"


# What the first paint must not wait for: pydantic (about a third of a bare PySide6 start on its
# own), and the modules of features the first window does not show.
NOT_BEFORE_FIRST_PAINT = (
    "pydantic",
    "ssup_desktop.domain.evidence",
    "ssup_desktop.domain.mentor",
    "ssup_desktop.mentor_service",
    "ssup_desktop.export.pdf",
    "ssup_desktop.export.interchange",
    "ssup_desktop.ui.views.evidence_log",
    "ssup_desktop.ui.views.history",
    "ssup_desktop.ui.views.statement_card",  # level detail cards: after the first paint
    "ssup_desktop.ui.views.readiness",  # the ladder's readiness bars: likewise
    "ssup_desktop.domain.progress",
    "html",  # its entity table is large; ui.style escapes tooltips without it
    "PySide6.QtPrintSupport",
)

_FIRST_PAINT_PROBE = """
import json, os, sys
import ssup_desktop.app as app

loaded = {}
report = app.report_first_paint


def spy():
    loaded["at_first_paint"] = sorted(sys.modules)
    tasks = "/proc/self/task"
    loaded["threads"] = sorted(open(f"{tasks}/{t}/comm").read().strip() for t in os.listdir(tasks))
    loaded["serial_paint"] = os.environ.get("QT_NO_GUI_THREADPOOL")
    loaded["qt_namespace_made"] = "Qt" in vars(sys.modules["PySide6.QtCore"])
    loaded["key_sequences_made"] = "QKeySequence" in vars(sys.modules["PySide6.QtGui"])
    report()


app.report_first_paint = spy
from ssup_desktop.cli import main

code = main(sys.argv[1:])
print(json.dumps(loaded))
sys.exit(code)
"""


def _first_paint_probe(portfolio: Path, data_dir: Path) -> dict[str, Any]:
    """Start the app on ``portfolio`` to its first paint; what ``_FIRST_PAINT_PROBE`` saw."""
    args = ["--portfolio", str(portfolio), "--exit-after-startup"]
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}  # the app sets it
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_PROBE, *args],
        env={**env, "QT_QPA_PLATFORM": "offscreen", "SSUP_DESKTOP_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    painted, loaded = result.stdout.strip().splitlines()
    assert painted.startswith("first-paint ")
    probe: dict[str, Any] = json.loads(loaded)
    return probe


def test_the_first_paint_loads_no_pydantic_and_no_unseen_feature(
    tmp_path: Path, data_dir: Path, skills: dict[Edition, Skill]
) -> None:
    portfolio = tmp_path / "sample.ssup"
    build_sample(portfolio, skills).close()
    probe = _first_paint_probe(portfolio, data_dir)
    modules = set(probe["at_first_paint"])
    early = [m for m in NOT_BEFORE_FIRST_PAINT if m in modules]
    assert early == [], f"loaded before the first paint: {early}"
    assert "ssup_desktop.ui.main_window" in modules  # the probe saw the real window start
    assert probe["serial_paint"] == "1"  # painting stays on the GUI thread (app.QT_SERIAL_PAINT)
    assert "Thread (pooled)" not in probe["threads"], probe["threads"]


def test_a_returning_user_s_first_paint_makes_no_qt_namespace_enums(
    tmp_path: Path, data_dir: Path, skills: dict[Edition, Skill]
) -> None:
    """ui/qt_names.py: the ``Qt`` namespace's 93 enums wait for the first paint, except on a
    first start, which asks the system's colour scheme at once (and remembers it)."""
    portfolio = tmp_path / "sample.ssup"
    build_sample(portfolio, skills).close()
    first = _first_paint_probe(portfolio, data_dir)
    assert first["qt_namespace_made"] is True  # nothing remembered yet: the scheme is asked
    assert "systemColorScheme" in (data_dir / "settings.ini").read_text(encoding="utf-8")
    again = _first_paint_probe(portfolio, data_dir)
    assert again["qt_namespace_made"] is False
    # nor QKeySequence's (ui/qt_names.py Shortcuts: given just after the first paint)
    assert again["key_sequences_made"] is False


def test_exit_after_startup_prints_when_the_first_paint_happened(data_dir: Path) -> None:
    before = time.perf_counter()
    result = run_app(data_dir)
    after = time.perf_counter()
    assert result.returncode == 0, result.stderr
    marks = [line.split() for line in result.stdout.splitlines() if line.startswith("first-")]
    assert len(marks) == 1 and marks[0][0] == "first-paint"
    assert before < float(marks[0][1]) < after  # one clock for every process (monotonic)


def _scrambled_copy(
    source: Path, target: Path, page_of: Callable[[sqlite3.Connection], int], journal: str
) -> None:
    """``target``: ``source`` closed in ``journal`` mode with one page overwritten with noise."""
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute(f"PRAGMA journal_mode = {journal}")
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    page = page_of(conn)
    conn.close()
    assert not Path(f"{target}-wal").exists()
    data = bytearray(target.read_bytes())
    data[(page - 1) * page_size : page * page_size] = os.urandom(page_size)
    target.write_bytes(bytes(data))


DAMAGED_PAGES: dict[str, Callable[[sqlite3.Connection], int]] = {
    # attachment bytes, written last: the window's own reads never touch it, only the check
    "last page": lambda conn: int(conn.execute("PRAGMA page_count").fetchone()[0]),
    # the entries' table: counting them for the window fails too
    "evidence table": lambda conn: int(
        conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'evidence'").fetchone()[0]
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("where", list(DAMAGED_PAGES))
# WAL, as the app leaves its files: checked in the background while the window is built;
# a rollback journal: opening would switch it to WAL (a write), so it is checked first
@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_portfolio_damaged_inside_is_refused_before_its_window_paints(
    tmp_path: Path, data_dir: Path, skills: dict[Edition, Skill], where: str, journal: str
) -> None:
    good = tmp_path / "good.ssup"
    build_sample(good, skills).close()
    path = tmp_path / "mine.ssup"
    _scrambled_copy(good, path, DAMAGED_PAGES[where], journal)
    before = path.read_bytes()
    result = run_app(data_dir, "--portfolio", str(path))
    assert result.returncode == 2, result.stderr
    assert f"{path}: damaged portfolio file" in result.stderr
    assert "Traceback" not in result.stderr
    assert "first-paint" not in result.stdout  # refused before anything was shown
    assert path.read_bytes() == before
    assert not Path(f"{path}.lock").exists()


def _profile_with_a_bad_level(path: Path) -> None:
    """A portfolio whose profile row holds text where a level belongs: quick_check names it,
    and reading the profile fails."""
    from ssup_desktop.storage import PortfolioStore

    PortfolioStore.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'profile'"
    )
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE profile SET current_level = 'x'")
    conn.commit()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_schema SET sql = sql || ' STRICT' WHERE name = 'profile'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.slow
def test_a_profile_the_window_cannot_read_is_refused_as_damage_and_not_remembered(
    tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "mine.ssup"
    _profile_with_a_bad_level(path)
    before = path.read_bytes()
    result = run_app(data_dir, "--portfolio", str(path))
    assert result.returncode == 2, result.stderr
    assert f"{path}: damaged portfolio file" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    settings = data_dir / "settings.ini"
    assert not settings.exists() or str(path) not in settings.read_text()  # not in Open Recent


def test_the_collector_is_on_again_whenever_start_up_ends(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_gui pauses the garbage collector; a refused file ends start-up, and every way out
    (quitting at once, or the dialog about the file) turns it back on first."""
    monkeypatch.setenv("SSUP_DESKTOP_DATA_DIR", str(data_dir))
    junk = tmp_path / "junk.ssup"
    junk.write_bytes(b"not a portfolio at all" * 100)
    assert app.run_gui(junk, exit_after_startup=True) == app.EXIT_PORTFOLIO
    assert gc.isenabled()
    during_dialog: list[bool] = []

    def recover(*_args: object) -> None:
        during_dialog.append(gc.isenabled())

    monkeypatch.setattr(app, "_recover", recover)
    assert app.run_gui(junk, exit_after_startup=False) == app.EXIT_PORTFOLIO
    assert during_dialog == [True] and gc.isenabled()
