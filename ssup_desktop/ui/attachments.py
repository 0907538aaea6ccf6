"""Open a stored attachment with the desktop's viewer, through a private temporary copy."""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ssup_desktop.domain.evidence import AttachmentInfo
from ssup_desktop.services import PortfolioService

Launcher = Callable[[Path], bool]

MAX_NAME = 120
# Opened as text rather than handed to something that might run them.
RUNNABLE_SUFFIXES = frozenset(
    {
        ".desktop",
        ".sh",
        ".bash",
        ".command",
        ".exe",
        ".com",
        ".bat",
        ".cmd",
        ".msi",
        ".scr",
        ".ps1",
        ".vbs",
        ".js",
        ".jse",
        ".wsf",
        ".jar",
        ".appimage",
        ".run",
        ".bin",
        ".lnk",
        ".url",
        ".app",
        ".py",
        ".pl",
        ".rb",
        ".apk",
        ".deb",
        ".rpm",
        ".reg",
        ".cpl",
        ".hta",
    }
)
_FORBIDDEN = set('/\\:*?"<>|')


def safe_file_name(name: str) -> str:
    """A file name safe to create: basename only, no separators or control characters.

    The extension is kept so the desktop picks the right viewer; runnable types get ".txt" added.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(
        ch for ch in base if ch not in _FORBIDDEN and not unicodedata.category(ch).startswith("C")
    )
    base = base.strip().lstrip(".").strip() or "attachment"
    stem, dot, suffix = base.rpartition(".")
    if dot and stem and len(suffix) <= 16:
        base = stem[: MAX_NAME - len(suffix) - 1] + "." + suffix
    else:
        base = base[:MAX_NAME]
    if Path(base).suffix.lower() in RUNNABLE_SUFFIXES:
        base += ".txt"
    return base


def write_private_copy(name: str, data: bytes) -> Path:
    """Write ``data`` as ``name`` (sanitised) into a new 0700 temp folder, the file itself 0600."""
    folder = Path(tempfile.mkdtemp(prefix="ssup-attachment-"))
    folder.chmod(0o700)
    target = folder / safe_file_name(name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    target.chmod(0o600)
    return target


def launch_with_desktop(path: Path) -> bool:
    """Hand a local file to the desktop's default viewer (never runs it ourselves)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AttachmentOpener:
    """Opens attachments via private copies; ``cleanup()`` removes the copies (e.g. at exit)."""

    def __init__(self, service: PortfolioService, launch: Launcher = launch_with_desktop) -> None:
        self._service = service
        self._launch = launch
        self._folders: list[Path] = []

    def open(self, attachment: AttachmentInfo) -> Path:
        """Copy the attachment out and open it; raise OSError if nothing could open it."""
        copy = write_private_copy(attachment.name, self._service.attachment_data(attachment.id))
        self._folders.append(copy.parent)
        if not self._launch(copy):
            raise OSError(f"No application could open '{copy.name}'")
        return copy

    def cleanup(self) -> None:
        while self._folders:
            shutil.rmtree(self._folders.pop(), ignore_errors=True)
