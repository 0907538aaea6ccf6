"""`python -m ssup_desktop` starts, paints its window and exits when asked; bad files exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ssup_desktop.app import choose_portfolio
from ssup_desktop.paths import AppPaths

TIMEOUT = 60


def run_app(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SSUP_DESKTOP_DATA_DIR": str(data_dir),
    }
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
    result = run_app(data_dir)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "portfolio.ssup").is_file()
    assert (data_dir / "settings.ini").is_file()


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
