"""The wheel carries every runtime file; a non-editable install starts from another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "ssup_desktop")


def copy_sources(target: Path) -> Path:
    """The project without build leftovers, so building never writes into the checkout."""
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def build_wheel(tmp_path: Path) -> Path:
    src = copy_sources(tmp_path / "src")
    out = tmp_path / "dist"
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(out)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0 and "No matching distribution" in run.stderr:
        pytest.skip("no package index for the build requirements (offline)")
    assert run.returncode == 0, run.stderr
    (wheel,) = out.glob("ssup_desktop-*.whl")
    return wheel


def test_wheel_contains_the_runtime_files(tmp_path: Path) -> None:
    names = set(zipfile.ZipFile(build_wheel(tmp_path)).namelist())
    data = ROOT / "ssup_desktop"
    expected = [
        *data.glob("data/*.json"),
        *data.glob("data/*.svg"),
        *data.glob("data/*.png"),
        *data.glob("data/icons/*.svg"),
        *data.glob("storage/migrations/*.sql"),
        data / "py.typed",
    ]
    assert any(p.name == "ssup-sfia9.json" for p in expected)
    assert any(p.parent.name == "icons" for p in expected)
    missing = [
        str(p.relative_to(ROOT)) for p in expected if p.relative_to(ROOT).as_posix() not in names
    ]
    assert missing == []


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("SSUP_SLOW_TESTS") != "1", reason="set SSUP_SLOW_TESTS=1")
def test_installed_wheel_starts_from_another_folder(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        timeout=900,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SSUP_DESKTOP_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": "",
    }
    run = subprocess.run(
        [str(bin_dir / "ssup-desktop"), "--exit-after-startup"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "data" / "portfolio.ssup").exists()
