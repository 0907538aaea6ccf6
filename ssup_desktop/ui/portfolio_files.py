"""Portfolio files in the UI: recent-file list in QSettings, file dialogs, and Save a Copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from ssup_desktop.paths import PORTFOLIO_SUFFIX
from ssup_desktop.storage.owner import read_owner_name

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

RECENT_KEY = "recent/files"
MAX_RECENT = 8
FILE_FILTER = f"SSUP portfolios (*{PORTFOLIO_SUFFIX});;All files (*)"


def with_suffix(path: Path) -> Path:
    """``path`` ending in .ssup (appended when missing)."""
    return path if path.suffix.lower() == PORTFOLIO_SUFFIX else Path(f"{path}{PORTFOLIO_SUFFIX}")


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


class RecentFiles:
    """Up to eight portfolio paths, most recent first, kept in QSettings; missing files pruned."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[Path]:
        raw = self.settings.value(RECENT_KEY, [])
        items = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
        found = [Path(str(item)) for item in items if str(item).strip()]
        kept = [p for p in found if p.is_file()][:MAX_RECENT]
        if kept != found:
            self._store(kept)
        return kept

    def add(self, path: Path) -> None:
        path = path.absolute()
        self._store([path, *[p for p in self.paths() if not same_file(p, path)]][:MAX_RECENT])

    def remove(self, path: Path) -> None:
        self._store([p for p in self.paths() if not same_file(p, path)])

    def _store(self, paths: list[Path]) -> None:
        self.settings.setValue(RECENT_KEY, [str(p) for p in paths])


def recent_label(path: Path) -> str:
    """How a recent file shows in the menu: its owner (a mentor keeps one file per mentee), its
    name, then its folder; "&" doubled so Qt shows it instead of making an accelerator."""
    owner = read_owner_name(path)
    label = f"{path.name}  \u2014  {path.parent}"
    if owner:
        label = f"{owner}  \u2014  {path.name}  ({path.parent})"
    return label.replace("&", "&&")


def ask_new_path(parent: QWidget, start: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog  # its type loads on first use

    name, _ = QFileDialog.getSaveFileName(parent, "New Portfolio", str(start), FILE_FILTER)
    return with_suffix(Path(name)) if name else None


def ask_open_path(parent: QWidget, start: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog  # its type loads on first use

    name, _ = QFileDialog.getOpenFileName(parent, "Open Portfolio", str(start), FILE_FILTER)
    return Path(name) if name else None


def ask_copy_path(parent: QWidget, start: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog  # its type loads on first use

    name, _ = QFileDialog.getSaveFileName(parent, "Save a Copy", str(start), FILE_FILTER)
    return with_suffix(Path(name)) if name else None
