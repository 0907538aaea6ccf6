"""Light and dark: follow the system colour scheme, with a Fusion dark palette where needed."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ssup_desktop.ui.style import is_dark

SCHEME_ENV = "SSUP_DESKTOP_COLOR_SCHEME"  # "dark" or "light" overrides the system's choice


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


def wanted_scheme(environ: dict[str, str] | None = None) -> Qt.ColorScheme:
    """The scheme to show: ``$SSUP_DESKTOP_COLOR_SCHEME`` if set, else the system's."""
    env = os.environ if environ is None else environ
    override = env.get(SCHEME_ENV, "").strip().lower()
    if override == "dark":
        return Qt.ColorScheme.Dark
    if override == "light":
        return Qt.ColorScheme.Light
    return QGuiApplication.styleHints().colorScheme()


def apply_scheme(app: QApplication, scheme: Qt.ColorScheme, *, request: bool = False) -> None:
    """Make the palette match ``scheme`` when the platform theme did not do it already;
    ``request`` also asks the platform for it (Qt 6.8+; pins the scheme until reset)."""
    hints = QGuiApplication.styleHints()
    if request and hasattr(hints, "setColorScheme") and scheme != Qt.ColorScheme.Unknown:
        hints.setColorScheme(scheme)
    if scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif scheme == Qt.ColorScheme.Light and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def follow_system_scheme(app: QApplication) -> None:
    """Apply the wanted scheme now and whenever the system switches."""
    overridden = bool(os.environ.get(SCHEME_ENV, "").strip())
    apply_scheme(app, wanted_scheme(), request=overridden)
    if not overridden:
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda scheme: apply_scheme(app, scheme)
        )
