"""Action icons: the desktop theme's icon if it has one, else a packaged SVG, else a QStyle icon."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

StandardPixmap = QStyle.StandardPixmap

# Freedesktop icon names (the packaged SVGs use the same names) and the QStyle fallback.
FALLBACKS: dict[str, StandardPixmap | None] = {
    "document-new": StandardPixmap.SP_FileIcon,
    "document-open": StandardPixmap.SP_DialogOpenButton,
    "document-save-as": StandardPixmap.SP_DialogSaveButton,
    "list-add": None,
    "edit-find": StandardPixmap.SP_FileDialogContentsView,
    "edit-undo": StandardPixmap.SP_ArrowBack,
    "edit-redo": StandardPixmap.SP_ArrowForward,
    "document-export": StandardPixmap.SP_DialogSaveButton,
    "document-print": None,
    "document-print-preview": None,
    "help-contents": StandardPixmap.SP_DialogHelpButton,
    "user-profile": None,
    "view-fullscreen": StandardPixmap.SP_TitleBarMaxButton,
}


def packaged_icon_path(name: str) -> str:
    """The file system path of ``data/icons/NAME.svg`` ("" when it is not packaged)."""
    ref = resources.files("ssup_desktop").joinpath("data", "icons", f"{name}.svg")
    return str(ref) if ref.is_file() else ""


def app_icon() -> QIcon:
    """The application icon: the packaged SVG (scales to any size), PNG as a fallback."""
    icon = QIcon()
    data = resources.files("ssup_desktop").joinpath("data")
    for file_name in ("ssup-desktop.svg", "ssup-desktop.png"):
        ref = data.joinpath(file_name)
        if ref.is_file():
            icon.addFile(str(ref))
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
        return QApplication.style().standardIcon(fallback)
    return QIcon()
