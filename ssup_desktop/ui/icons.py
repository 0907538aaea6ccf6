"""Action icons: the desktop theme's icon if it has one, else a packaged SVG, else a QStyle icon."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ssup_desktop.paths import PACKAGE_DATA

# Freedesktop icon names (the packaged SVGs use the same names) and the name of the QStyle
# standard pixmap to fall back on. Names, not members: touching QStyle builds every QStyle
# enum (6 ms at start-up), and the fallback is needed only where an SVG is missing.
FALLBACKS: dict[str, str | None] = {
    "document-new": "SP_FileIcon",
    "document-open": "SP_DialogOpenButton",
    "document-save-as": "SP_DialogSaveButton",
    "list-add": None,
    "edit-find": "SP_FileDialogContentsView",
    "edit-undo": "SP_ArrowBack",
    "edit-redo": "SP_ArrowForward",
    "document-export": "SP_DialogSaveButton",
    "document-print": None,
    "document-print-preview": None,
    "help-contents": "SP_DialogHelpButton",
    "user-profile": None,
    "view-fullscreen": "SP_TitleBarMaxButton",
}


def packaged_icon_path(name: str) -> str:
    """The file system path of ``data/icons/NAME.svg`` ("" when it is not packaged)."""
    path = PACKAGE_DATA / "icons" / f"{name}.svg"
    return str(path) if path.is_file() else ""


def app_icon() -> QIcon:
    """The application icon: the packaged SVG (scales to any size), else the PNG. Not both: an
    SVG icon given a PNG as well decodes it at once (7 M instructions of every start)."""
    icon = QIcon()
    for file_name in ("ssup-desktop.svg", "ssup-desktop.png"):
        path = PACKAGE_DATA / file_name
        if path.is_file():
            icon.addFile(str(path))
            if not icon.isNull():
                break
    return icon


def action_icon(name: str) -> QIcon:
    """``name`` from the icon theme, else the packaged SVG, else the QStyle standard icon."""
    if QIcon.hasThemeIcon(name):
        return QIcon.fromTheme(name)
    path = packaged_icon_path(name)
    if path:
        icon = QIcon(path)
        if not icon.isNull():
            return icon
    fallback = FALLBACKS.get(name)
    if fallback is not None:
        from PySide6.QtWidgets import QStyle  # touching QStyle builds all its enums: milliseconds

        return QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, fallback))
    return QIcon()
