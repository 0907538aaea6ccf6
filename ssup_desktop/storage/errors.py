"""Why a portfolio file cannot be used: the PortfolioError family and sqlite3 error translation."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class PortfolioError(Exception):
    """A portfolio file cannot be used; the message names the file and the problem.

    ``latest_backup`` is the newest good backup of the file, when one is known, so the UI and
    the command line can offer to restore it.
    """

    def __init__(self, message: str, *, latest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


class PortfolioNotFoundError(PortfolioError):
    """The portfolio file does not exist (or is not a regular file)."""


class PortfolioExistsError(PortfolioError):
    """A new portfolio was asked for where a file already exists."""


class NotAPortfolioError(PortfolioError):
    """The file is a SQLite database, or something else, but not an SSUP Desktop portfolio."""


class NewerSchemaError(PortfolioError):
    """The file was written by a newer version of the app."""


class PortfolioDamagedError(PortfolioError):
    """The file is truncated, scrambled or otherwise unreadable."""


class PortfolioInUseError(PortfolioError):
    """The file is already open in another SSUP Desktop window or process."""


class PortfolioWriteError(PortfolioError):
    """A write failed (disk full, read-only, permission denied, I/O error); nothing was saved."""


class DiskFullError(PortfolioWriteError):
    """The disk (or the user's file size quota) is full."""


class PortfolioReadOnlyError(PortfolioWriteError):
    """The file or its folder cannot be written (read-only, or permission denied)."""


class BackupError(PortfolioError):
    """A backup could not be written, verified or restored."""


def describe_os_error(exc: OSError) -> str:
    """A short reason for an OSError, naming a full disk plainly."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or str(exc)


def translate(path: Path, exc: sqlite3.Error, doing: str = "nothing was saved") -> PortfolioError:
    """The PortfolioError a user should see for ``exc`` raised while working on ``path``.

    ``doing`` ends the message: what became of the operation ("nothing was saved").
    """
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _SQLITE_FULL or "disk is full" in text:
        return DiskFullError(f"{path}: the disk is full; {doing}")
    if primary == _SQLITE_READONLY or "readonly" in text:
        return PortfolioReadOnlyError(f"{path}: the file or its folder is read-only; {doing}")
    if primary == _SQLITE_PERM:
        return PortfolioReadOnlyError(f"{path}: permission denied; {doing}")
    if primary == _SQLITE_CANTOPEN or "unable to open" in text:
        return PortfolioReadOnlyError(
            f"{path}: cannot open the file or create its journal "
            f"(read-only or permission denied); {doing}"
        )
    if primary == _SQLITE_IOERR or "disk i/o error" in text:
        return PortfolioWriteError(
            f"{path}: writing to the disk failed (the disk may be full or removed); {doing}"
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return PortfolioInUseError(f"{path}: busy in another program; {doing}")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or type(exc) is sqlite3.DatabaseError:
        return PortfolioDamagedError(f"{path}: damaged portfolio file ({exc})")
    return PortfolioError(f"{path}: {exc}; {doing}")


_ENVIRONMENT_CODES = frozenset(
    {
        _SQLITE_PERM,
        _SQLITE_BUSY,
        _SQLITE_LOCKED,
        _SQLITE_READONLY,
        _SQLITE_IOERR,
        _SQLITE_CORRUPT,
        _SQLITE_FULL,
        _SQLITE_CANTOPEN,
        _SQLITE_NOTADB,
    }
)


def should_translate(exc: BaseException) -> bool:
    """True for sqlite3 errors caused by the file or the disk, not by a bug in our SQL."""
    if not isinstance(exc, sqlite3.Error):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _ENVIRONMENT_CODES
    return type(exc) is sqlite3.DatabaseError
