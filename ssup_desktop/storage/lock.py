"""One writer per portfolio: an OS file lock on ``<file>.lock``, shared by the window and the CLI.

The lock is an advisory ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) held on an open file
descriptor, so the operating system drops it when the holder exits or is killed: a lock file
left behind by a crash is stale by construction and is taken over without asking. The holder's
process id and host name are written inside the file for the message shown to the next opener.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from pathlib import Path

from ssup_desktop.storage.errors import PortfolioInUseError, PortfolioReadOnlyError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

LOCK_SUFFIX = ".lock"


def lock_path_for(portfolio: Path) -> Path:
    """``<file>.lock`` next to the portfolio."""
    return portfolio.with_name(portfolio.name + LOCK_SUFFIX)


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


def _holder(fd: int) -> str:
    """The holder's process id as written in the lock file ("unknown" if unreadable)."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except (OSError, AttributeError):
        return "unknown"
    return text[0] if text and text[0].isdigit() else "unknown"


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _remove(path: Path) -> None:
    # a stale lock file is harmless: the OS lock, not the file, is what counts
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


class PortfolioLock:
    """Held while a portfolio is open; ``release()`` (or process exit) lets the next one in."""

    def __init__(self, portfolio: Path, path: Path, fd: int) -> None:
        self.portfolio = portfolio
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, portfolio: Path) -> PortfolioLock:
        """Take the lock, or raise PortfolioInUseError naming the process that holds it."""
        path = lock_path_for(portfolio)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        for _attempt in range(20):
            try:
                fd = os.open(path, flags, 0o600)
            except OSError as exc:
                raise PortfolioReadOnlyError(
                    f"{portfolio}: cannot create the lock file {path.name} "
                    f"({exc.strerror}); the folder may be read-only"
                ) from exc
            if not _try_lock(fd):
                holder = _holder(fd)
                os.close(fd)
                raise PortfolioInUseError(
                    f"{portfolio}: already open in another SSUP Desktop window (process {holder})"
                )
            if not _same_file(fd, path):  # the previous holder removed it as we opened it
                _unlock(fd)
                os.close(fd)
                continue
            try:
                record = f"{os.getpid()} {platform.node()}\n".encode()
                os.ftruncate(fd, 0)
                os.write(fd, record)
                if os.name == "posix":
                    os.fchmod(fd, 0o600)
            except OSError:
                pass  # the lock itself is held; the note inside is only for messages
            return cls(portfolio, path, fd)
        raise PortfolioInUseError(f"{portfolio}: already open in another SSUP Desktop window")

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Remove the lock file and drop the lock (safe to call twice)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32" and _same_file(fd, self.path):
            _remove(self.path)
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":  # pragma: no cover - cannot remove an open file there
            _remove(self.path)

    def __del__(self) -> None:
        fd, self._fd = getattr(self, "_fd", None), None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
