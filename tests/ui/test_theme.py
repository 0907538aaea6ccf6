"""Light and dark: the palette starts from the scheme seen last and follows the system's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ssup_desktop.ui import theme
from ssup_desktop.ui.style import is_dark
from ssup_desktop.ui.theme import DARK, LIGHT, SCHEME_ENV, SCHEME_KEY, UNKNOWN


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test QApplication, given back with its own style and palette."""
    style = qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(QPalette())
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()  # an override asked the platform for its scheme


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class FakeSystem:
    """The platform's colour scheme (``says``), and each time it was asked (``asked``)."""

    def __init__(self) -> None:
        self.says = UNKNOWN
        self.asked: list[str] = []

    def ask(self) -> str:
        self.asked.append(self.says)
        return self.says


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> FakeSystem:
    fake = FakeSystem()
    monkeypatch.setattr(theme, "system_scheme", fake.ask)
    monkeypatch.delenv(SCHEME_ENV, raising=False)
    return fake


def test_a_first_start_asks_the_system_at_once_and_remembers(
    app: QApplication, settings: QSettings, system: FakeSystem
) -> None:
    system.says = DARK
    confirm = theme.follow_system_scheme(app, settings)
    assert system.asked == [DARK] and is_dark(app.palette())
    assert settings.value(SCHEME_KEY) == DARK
    confirm()  # nothing more to do
    assert system.asked == [DARK]


def test_the_remembered_scheme_paints_first_and_the_system_is_asked_after(
    app: QApplication, settings: QSettings, system: FakeSystem
) -> None:
    settings.setValue(SCHEME_KEY, DARK)
    system.says = DARK
    confirm = theme.follow_system_scheme(app, settings)
    assert system.asked == [] and is_dark(app.palette())  # before the first paint: not asked
    confirm()
    confirm()
    assert system.asked == [DARK] and is_dark(app.palette())
    assert settings.value(SCHEME_KEY) == DARK


def test_a_switch_while_the_app_was_closed_is_undone_after_the_first_paint(
    app: QApplication, settings: QSettings, system: FakeSystem
) -> None:
    style = app.style().name()
    light_window = app.palette().color(QPalette.ColorRole.Window)
    settings.setValue(SCHEME_KEY, DARK)
    system.says = UNKNOWN  # e.g. the desktop that said dark is gone
    confirm = theme.follow_system_scheme(app, settings)
    assert is_dark(app.palette())
    confirm()
    assert not is_dark(app.palette())
    assert app.palette().color(QPalette.ColorRole.Window) == light_window  # the platform's
    assert app.style().name() == style
    assert settings.value(SCHEME_KEY) == UNKNOWN


def test_nothing_seen_means_the_platform_palette(
    app: QApplication, settings: QSettings, system: FakeSystem
) -> None:
    settings.setValue(SCHEME_KEY, UNKNOWN)
    before = app.palette().color(QPalette.ColorRole.Window)
    confirm = theme.follow_system_scheme(app, settings)
    assert app.palette().color(QPalette.ColorRole.Window) == before
    system.says = LIGHT
    confirm()
    assert settings.value(SCHEME_KEY) == LIGHT and not is_dark(app.palette())


def test_the_environment_overrides_and_nothing_is_asked(
    app: QApplication, settings: QSettings, system: FakeSystem, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SCHEME_ENV, "Dark")
    settings.setValue(SCHEME_KEY, LIGHT)
    confirm = theme.follow_system_scheme(app, settings)
    confirm()
    assert system.asked == [] and is_dark(app.palette())
    assert settings.value(SCHEME_KEY) == LIGHT  # the system's, unchanged


def test_scheme_names() -> None:
    from PySide6.QtCore import Qt

    assert theme.scheme_name(Qt.ColorScheme.Dark) == DARK
    assert theme.scheme_name(Qt.ColorScheme.Light) == LIGHT
    assert theme.scheme_name(Qt.ColorScheme.Unknown) == UNKNOWN


def test_system_switches_reach_the_last_window_through_one_connection(
    app: QApplication, settings: QSettings, system: FakeSystem
) -> None:
    from PySide6.QtCore import SIGNAL, Qt

    hints = QGuiApplication.styleHints()
    signal = SIGNAL("colorSchemeChanged(Qt::ColorScheme)")
    for _ in range(3):  # e.g. a dialog before the window, then the window
        theme.follow_system_scheme(app, settings)()
    before = hints.receivers(signal)
    theme.follow_system_scheme(app, settings)()
    assert hints.receivers(signal) == before  # no second connection
    theme._switched(Qt.ColorScheme.Dark)  # what the system's switch to dark calls
    assert is_dark(app.palette()) and settings.value(SCHEME_KEY) == DARK
    theme._switched(Qt.ColorScheme.Light)
    assert not is_dark(app.palette()) and settings.value(SCHEME_KEY) == LIGHT
