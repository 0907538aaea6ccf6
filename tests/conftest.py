"""Test set-up: offscreen Qt before Qt loads, and every user directory inside tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssup_desktop.app import prepare_qt_environment
from ssup_desktop.content import load_all
from ssup_desktop.domain.sfia import Edition, Skill

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")
prepare_qt_environment()  # the tests' QApplication paints as the app's does


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test ever reads or writes the real user's data dir, settings or temp files."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))
    monkeypatch.setenv("SSUP_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    (home / "run").mkdir(mode=0o700)
    yield


@pytest.fixture(scope="session")
def skills() -> dict[Edition, Skill]:
    """The packaged SSUP content of every edition (read-only, shared by every test)."""
    return load_all()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"
