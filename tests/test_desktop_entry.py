"""Desktop integration: the .desktop file's keys, the icons it names, opening a file from it."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from ssup_desktop.cli import opened_file_args

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = ROOT / "resources" / "ssup-desktop.desktop"


def entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_has_the_required_keys() -> None:
    keys = entry()
    assert keys["Type"] == "Application"
    assert keys["Name"] == "SSUP Desktop"
    assert keys["Exec"].split()[0] == "ssup-desktop"
    assert keys["Icon"] == "ssup-desktop"  # a theme name, installed from resources/icons
    assert keys["StartupWMClass"] == "ssup-desktop"  # matches QGuiApplication.desktopFileName
    assert keys["Terminal"] == "false"
    for listed in ("Categories", "Keywords", "MimeType"):
        assert keys[listed].endswith(";")


def test_icon_sources_exist() -> None:
    assert (ROOT / "resources" / "ssup-desktop.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (ROOT / "resources" / "icons" / f"ssup-desktop-{size}.png").is_file()
    assert (ROOT / "ssup_desktop" / "data" / "ssup-desktop.svg").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validates() -> None:
    run = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_exec_with_a_file_opens_that_portfolio() -> None:
    assert opened_file_args(["/home/me/My portfolio.ssup"]) == [
        "--portfolio",
        "/home/me/My portfolio.ssup",
    ]
    assert opened_file_args([]) == []
    assert opened_file_args(["check"]) == ["check"]


def test_every_declared_mime_type_is_defined_for_ssup_files() -> None:
    import xml.etree.ElementTree as ET

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(ROOT / "resources" / "ssup-desktop-mime.xml").getroot()
    defined = {t.get("type"): t for t in root.findall("m:mime-type", ns)}
    declared = [t for t in entry()["MimeType"].split(";") if t]
    assert declared and set(declared) <= set(defined)
    for mime in declared:
        globs = [g.get("pattern") for g in defined[mime].findall("m:glob", ns)]
        assert "*.ssup" in globs
        assert defined[mime].find("m:sub-class-of", ns) is not None  # an SQLite file underneath
