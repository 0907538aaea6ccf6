"""Light and dark: follow the system colour scheme, with a Fusion dark palette where needed."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ssup_desktop.ui.style import is_dark

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

SCHEME_ENV = "SSUP_DESKTOP_COLOR_SCHEME"  # "dark" or "light" overrides the system's choice
# The system's scheme as last seen ("dark", "light", or "" for none): the window's first paint
# uses it, and the system is asked just after (``follow_system_scheme``)
SCHEME_KEY = "appearance/systemColorScheme"
DARK, LIGHT, UNKNOWN = "dark", "light", ""


def dark_palette() -> QPalette:
    """A calm dark palette (Fusion style) for platforms whose theme has none."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    colors = {
        role.Window: "#26282b",
        role.WindowText: "#e8e8e8",
        role.Base: "#2d3034",  # fields and cards sit a little above the window
        role.AlternateBase: "#33363b",
        role.ToolTipBase: "#33363a",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#a2a6ab",
        role.Text: "#e8e8e8",
        role.Button: "#383b40",
        role.ButtonText: "#e8e8e8",
        role.BrightText: "#ff6b6b",
        role.Light: "#45484d",
        role.Midlight: "#3a3d41",
        role.Mid: "#2c2e32",
        role.Dark: "#151618",
        role.Shadow: "#000000",
        role.Highlight: "#3d8ee0",
        role.HighlightedText: "#ffffff",
        role.Link: "#7ab8ff",
        role.LinkVisited: "#c29bff",
    }
    for key, value in colors.items():
        palette.setColor(key, QColor(value))
    for key in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, key, QColor("#7d8187"))
    return palette


def scheme_name(scheme: Qt.ColorScheme) -> str:
    """``DARK``, ``LIGHT`` or ``UNKNOWN`` for a Qt colour scheme."""
    from PySide6.QtCore import Qt

    return {Qt.ColorScheme.Dark: DARK, Qt.ColorScheme.Light: LIGHT}.get(scheme, UNKNOWN)


def system_scheme() -> str:
    """The platform's colour scheme (``DARK``, ``LIGHT`` or ``UNKNOWN``). Reading it makes Qt
    for Python build its whole ``Qt`` namespace (see ``ui.qt_names``)."""
    return scheme_name(QGuiApplication.styleHints().colorScheme())


def overridden_scheme(environ: dict[str, str] | None = None) -> str | None:
    """``$SSUP_DESKTOP_COLOR_SCHEME`` (``DARK`` or ``LIGHT``, in any case), or None when not
    set to either (any other value is ignored: the system's scheme is followed)."""
    env = os.environ if environ is None else environ
    override = env.get(SCHEME_ENV, "").strip().lower()
    return override if override in (DARK, LIGHT) else None


def apply_scheme(app: QApplication, scheme: str, *, request: bool = False) -> None:
    """Make the palette match ``scheme`` (``DARK``, ``LIGHT``; ``UNKNOWN`` leaves it) when the
    platform theme did not do it already; ``request`` also asks the platform for it (Qt 6.8+;
    pins the scheme until reset)."""
    hints = QGuiApplication.styleHints()
    if request and hasattr(hints, "setColorScheme") and scheme != UNKNOWN:
        from PySide6.QtCore import Qt

        hints.setColorScheme(Qt.ColorScheme.Dark if scheme == DARK else Qt.ColorScheme.Light)
    if scheme == DARK and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif scheme == LIGHT and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def follow_system_scheme(app: QApplication, settings: QSettings) -> Callable[[], None]:
    """Apply the wanted scheme now, and whenever the system switches.

    Unless ``$SSUP_DESKTOP_COLOR_SCHEME`` decides, the palette starts from the system's
    scheme as last seen (``SCHEME_KEY`` in ``settings``), so asking the system (which builds
    Qt's enums: 16 to 25 ms) can wait for the first paint. Returns what to call then: it asks,
    re-applies if the system switched while the app was closed, and follows from there on (a
    second call does nothing). On a first start, with nothing seen yet, the system is asked at
    once."""
    override = overridden_scheme()
    if override is not None:
        apply_scheme(app, override, request=True)
        return lambda: None
    seen = settings.value(SCHEME_KEY)
    if not (isinstance(seen, str) and seen in (DARK, LIGHT, UNKNOWN)):
        seen = None
    style_before: str | None = None  # the style to go back to, should ``seen`` be wrong
    if seen is not None:
        if seen == DARK and not is_dark(app.palette()):
            style_before = app.style().name()
        apply_scheme(app, seen)
    asked = False

    def confirm() -> None:
        nonlocal asked
        if asked:
            return
        asked = True
        scheme = system_scheme()
        if scheme != seen:
            if seen is not None:  # the system switched while the app was closed: start over
                if style_before is not None:
                    app.setStyle(style_before)
                app.setPalette(QPalette())  # the platform's palette, as Qt made it at start
            apply_scheme(app, scheme)
            settings.setValue(SCHEME_KEY, scheme)
        _follow(app, settings)

    if seen is None:
        confirm()
    return confirm


# What the system's switches go to: the application and the settings that remember the scheme
# (one connection to the style hints, however often ``follow_system_scheme`` runs)
_following: list[tuple[QApplication, QSettings]] = []


def _follow(app: QApplication, settings: QSettings) -> None:
    if not _following:
        QGuiApplication.styleHints().colorSchemeChanged.connect(_switched)
    _following[:] = [(app, settings)]


def _switched(changed: Qt.ColorScheme) -> None:
    scheme = scheme_name(changed)
    for app, settings in _following:
        apply_scheme(app, scheme)
        settings.setValue(SCHEME_KEY, scheme)
