"""Automatic backups with SQLite's backup API: take, verify, list, thin and restore.

A backup is a self-contained SQLite file (rollback journal, no side files) in the backups
folder, named ``<stem>-<portfolio id, 8 hex>-<YYYYmmdd>-<HHMMSS>-<reason>[-n].ssup`` (UTC time).
Every backup is verified after it is written, and older backups are thinned: the last 10, plus
the newest of each day for a week, plus the newest of each week for a month.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple, Protocol

from ssup_desktop.storage.errors import (
    BackupError,
    DiskFullError,
    NewerSchemaError,
    NotAPortfolioError,
    PortfolioDamagedError,
    PortfolioNotFoundError,
    PortfolioReadOnlyError,
    PortfolioWriteError,
    describe_os_error,
    should_translate,
    translate,
)
from ssup_desktop.storage.lock import PortfolioLock

BACKUP_SUFFIX = ".ssup"
KEEP_LAST = 10
KEEP_DAILY_DAYS = 7
KEEP_WEEKLY_DAYS = 31
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<short>[0-9a-f]{8}|none)-(?P<stamp>\d{8}-\d{6})"
    r"-(?P<reason>[a-z]+(?:-[a-z]+)*)(?:-(?P<n>\d+))?\.ssup$"
)
_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)
# Problems a restore from a backup can cure (not: in use elsewhere, a full disk ...).
_RESTORABLE = (PortfolioDamagedError, NotAPortfolioError, NewerSchemaError, PortfolioNotFoundError)


class HasConnection(Protocol):
    @property
    def conn(self) -> sqlite3.Connection: ...


# a NamedTuple, not a dataclass: defined as the app starts, where defining a dataclass costs 1 ms
class BackupRecord(NamedTuple):
    """One backup file, as listed for the restore dialog."""

    path: Path
    time: datetime  # UTC
    entries: int | None  # evidence entries in it (None when it cannot be read)
    reason: str
    sequence: int = 0


# --- names ----------------------------------------------------------------------------------


def _temp_file(folder: Path, prefix: str) -> tuple[int, str]:
    """A new ``prefix*.tmp`` file in ``folder`` (tempfile, with shutil and random, is imported
    here: not on the start-up path)."""
    import tempfile

    return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)


def _stem(portfolio: Path) -> str:
    stem = _UNSAFE.sub("_", portfolio.stem).strip("._-") or "portfolio"
    return stem[:60]


def _short_id(value: uuid.UUID | str | None) -> str:
    if value is None:
        return "none"
    text = str(value).replace("-", "").lower()
    return text[:8] if re.fullmatch(r"[0-9a-f]{8,32}", text) else "none"


def portfolio_short_id(conn: sqlite3.Connection) -> str:
    """The first 8 hex digits of the portfolio id ("none" before a profile exists)."""
    try:
        row = conn.execute("SELECT portfolio_id FROM profile WHERE id = 1").fetchone()
    except sqlite3.Error:
        return "none"
    return _short_id(row[0] if row else None)


def _parse(path: Path) -> tuple[str, str, BackupRecord] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    when = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    record = BackupRecord(path, when, None, match["reason"], int(match["n"] or 0))
    return match["stem"], match["short"], record


def _free_name(folder: Path, base: str, reason: str) -> Path:
    candidate = folder / f"{base}-{reason}{BACKUP_SUFFIX}"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{base}-{reason}-{n}{BACKUP_SUFFIX}"
    return candidate


def _reason(text: str) -> str:
    cleaned = re.sub(r"[^a-z]+", "-", text.lower()).strip("-")
    return cleaned or "manual"


# --- reading files ---------------------------------------------------------------------------


def _open_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def entry_count(conn: sqlite3.Connection) -> int | None:
    """Evidence entries in the file (None when it has no evidence table yet)."""
    has = conn.execute(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'evidence'"
    ).fetchone()[0]
    return int(conn.execute("SELECT count(*) FROM evidence").fetchone()[0]) if has else None


def content_digest(conn: sqlite3.Connection) -> str:
    """A fingerprint of every stored row (attachment bytes via their recorded sha256).

    Two files with the same digest hold the same portfolio, so a backup is only taken at open
    and close when the digest differs from the latest backup's.
    """
    import hashlib  # OpenSSL's start-up cost: backups are considered after the first paint

    digest = hashlib.sha256(str(conn.execute("PRAGMA user_version").fetchone()[0]).encode())
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    for name, _sql in rows:
        derived = name in virtual or any(name.startswith(v + "_") for v in virtual)
        if derived or name == "attachment_data":  # an index, or bytes covered by sha256
            continue
        digest.update(b"\x00table\x00" + name.encode())
        quoted = '"' + name.replace('"', '""') + '"'
        for row in conn.execute(f"SELECT * FROM {quoted}"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    """content_digest of a backup file (None when it cannot be read)."""
    try:
        conn = _open_ro(path)
        try:
            return content_digest(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def verify_backup(path: Path, expected_entries: int | None = None) -> int | None:
    """Open ``path`` read-only: integrity ok and (if given) the same number of entries.

    Returns the entry count; raises BackupError naming the file and the problem.
    """
    try:
        conn = _open_ro(path)
        try:
            found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                raise BackupError(f"{path}: damaged backup ({' '.join(found[0].split())[:200]})")
            count = entry_count(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: unreadable backup ({exc})") from exc
    if expected_entries is not None and count != expected_entries:
        raise BackupError(f"{path}: backup holds {count} entries, expected {expected_entries}")
    return count


# --- taking backups --------------------------------------------------------------------------


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` owner-only (0700), and its parent (the data dir) too if missing."""
    for part in (folder.parent, folder):
        if not part.exists():
            part.parent.mkdir(parents=True, exist_ok=True)
            part.mkdir(mode=0o700, exist_ok=True)
            if os.name == "posix":
                part.chmod(0o700)
    if os.name == "posix" and folder.stat().st_mode & 0o777 != 0o700:
        folder.chmod(0o700)


def _fsync_path(path: Path, *, folder: bool = False) -> None:
    if os.name != "posix" and folder:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_with_backup_api(source: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        dest.close()
    _fsync_path(target)


def _why(exc: BaseException) -> str:
    """A short reason: the disk is full, read-only, permission denied ..."""
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    if isinstance(exc, sqlite3.Error) and should_translate(exc):
        error = translate(Path("x"), exc)
        if isinstance(error, DiskFullError):
            return "the disk is full"
        if isinstance(error, PortfolioReadOnlyError):
            return "read-only or permission denied"
        if isinstance(error, PortfolioWriteError):
            return "writing to the disk failed; the disk may be full"
    return str(exc)


def backup_now(
    source: HasConnection | sqlite3.Connection, path: Path, backups_dir: Path, reason: str
) -> Path:
    """Back up the open portfolio ``path`` (its connection, or a store with ``.conn``) now.

    The copy is written to a temp file, verified (integrity check, same entry count), then
    renamed into place with owner-only permissions; older backups are thinned afterwards.
    Raises BackupError ("<file>: ...") if anything fails; the portfolio itself is never touched.
    """
    conn = source if isinstance(source, sqlite3.Connection) else source.conn
    if conn.in_transaction:
        raise RuntimeError("back up between transactions, not inside one")
    short = portfolio_short_id(conn)
    when = datetime.now(UTC)
    temp: Path | None = None
    try:
        ensure_private_dir(backups_dir)
        target = _free_name(backups_dir, f"{_stem(path)}-{short}-{when:{_STAMP}}", _reason(reason))
        fd, name = _temp_file(backups_dir, ".backup-")
        os.close(fd)
        temp = Path(name)
        _copy_with_backup_api(conn, temp)
        verify_backup(temp, entry_count(conn))
        if os.name == "posix":
            temp.chmod(0o600)
        os.replace(temp, target)
        temp = None
        _fsync_path(backups_dir, folder=True)
    except BackupError as exc:
        raise BackupError(
            f"{path}: the backup failed verification ({exc}); nothing was changed"
        ) from exc
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            f"{path}: cannot write a backup to {backups_dir} ({_why(exc)}); nothing was changed"
        ) from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    prune(backups_dir, short)
    return target


def save_copy(source: HasConnection | sqlite3.Connection, path: Path, target: Path) -> None:
    """File > Save a Copy: write the open portfolio ``path`` to ``target`` as one verified,
    owner-only file (atomically replaced). Raises BackupError naming ``target``."""
    conn = source if isinstance(source, sqlite3.Connection) else source.conn
    if target.resolve() == path.resolve():
        raise BackupError(f"{target}: this is the open portfolio; choose another file")
    temp: Path | None = None
    try:
        fd, name = _temp_file(target.parent, f".{target.name}.")
        os.close(fd)
        temp = Path(name)
        _copy_with_backup_api(conn, temp)
        verify_backup(temp, entry_count(conn))
        if os.name == "posix":
            temp.chmod(0o600)
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
        os.replace(temp, target)
        temp = None
        _fsync_path(target.parent, folder=True)
    except BackupError as exc:
        raise BackupError(f"{target}: the copy failed verification ({exc})") from exc
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"{target}: cannot save a copy ({_why(exc)})") from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


# --- listing and thinning --------------------------------------------------------------------


def _records(backups_dir: Path) -> list[tuple[str, str, BackupRecord]]:
    try:
        names = sorted(backups_dir.iterdir())
    except OSError:
        return []
    return [parsed for p in names if p.is_file() and (parsed := _parse(p)) is not None]


def list_backups(
    backups_dir: Path, portfolio: uuid.UUID | str | Path, *, count_entries: bool = True
) -> list[BackupRecord]:
    """Backups of one portfolio, newest first: by its id (UUID or str) or by its file's name."""
    if isinstance(portfolio, Path):
        wanted_stem, wanted_short = _stem(portfolio), None
    else:
        wanted_stem, wanted_short = None, _short_id(portfolio)
    found = []
    for stem, short, record in _records(backups_dir):
        if (wanted_short is not None and short != wanted_short) or (
            wanted_stem is not None and stem != wanted_stem
        ):
            continue
        if count_entries:
            try:
                conn = _open_ro(record.path)
                try:
                    record = BackupRecord(
                        record.path, record.time, entry_count(conn), record.reason, record.sequence
                    )
                finally:
                    conn.close()
            except sqlite3.Error:
                pass
        found.append(record)
    found.sort(key=lambda r: (r.time, _mtime(r.path), r.sequence), reverse=True)
    return found


def _mtime(path: Path) -> int:
    """Orders backups taken within the same second."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def latest_backup(backups_dir: Path, portfolio: uuid.UUID | str | Path) -> Path | None:
    """The newest backup of ``portfolio`` that passes an integrity check."""
    for record in list_backups(backups_dir, portfolio, count_entries=False):
        try:
            verify_backup(record.path)
        except BackupError:
            continue
        return record.path
    return None


def backups_to_keep(
    times: Sequence[datetime],
    now: datetime,
    *,
    last: int = KEEP_LAST,
    daily_days: int = KEEP_DAILY_DAYS,
    weekly_days: int = KEEP_WEEKLY_DAYS,
) -> set[int]:
    """Indices into ``times`` to keep: the ``last`` newest, the newest of each day for
    ``daily_days`` days, and the newest of each 7-day week for ``weekly_days`` days."""
    order = sorted(range(len(times)), key=lambda i: times[i], reverse=True)
    keep = set(order[:last])
    days: set[int] = set()
    weeks: set[int] = set()
    for i in order:  # newest first, so the first seen in a bucket is its newest
        age = now - times[i]
        if age < timedelta(0):
            keep.add(i)
            continue
        if age < timedelta(days=daily_days) and age.days not in days:
            days.add(age.days)
            keep.add(i)
        if age < timedelta(days=weekly_days) and age.days // 7 not in weeks:
            weeks.add(age.days // 7)
            keep.add(i)
    return keep


def prune(backups_dir: Path, short_id: str, now: datetime | None = None) -> list[Path]:
    """Delete the backups of one portfolio that thinning does not keep; returns them."""
    records = [r for _stem, short, r in _records(backups_dir) if short == short_id]
    keep = backups_to_keep([r.time for r in records], now or datetime.now(UTC))
    removed = []
    for i, record in enumerate(records):
        if i not in keep:
            try:
                record.path.unlink()
                removed.append(record.path)
            except OSError:
                pass
    return removed


# --- restoring -------------------------------------------------------------------------------


def before_restore_path(target: Path, when: datetime | None = None) -> Path:
    """Where the current file is kept when a backup replaces it."""
    stamp = (when or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)
    candidate = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix or '.ssup'}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(
            f"{target.stem}.before-restore-{stamp}-{n}{target.suffix or '.ssup'}"
        )
    return candidate


def restore_backup(backup: Path, target: Path, *, when: datetime | None = None) -> Path | None:
    """Replace ``target`` by a copy of ``backup``; returns where the old file was kept.

    The backup is verified first. The current file (with its -wal) is renamed to
    ``<stem>.before-restore-<time>.ssup`` next to it, never deleted; the copy is written to a
    temp file and renamed into place. Refused while ``target`` is open anywhere (its lock).
    """
    verify_backup(backup)
    lock = PortfolioLock.acquire(target)
    temp: Path | None = None
    try:
        fd, name = _temp_file(target.parent, f".{target.name}.")
        os.close(fd)
        temp = Path(name)
        source = _open_ro(backup)
        try:
            _copy_with_backup_api(source, temp)
        finally:
            source.close()
        verify_backup(temp)
        aside: Path | None = None
        if os.name == "posix":
            temp.chmod(0o600)
        if target.exists():
            aside = before_restore_path(target, when)
            os.replace(target, aside)
            wal = Path(f"{target}-wal")
            if wal.exists():
                os.replace(wal, Path(f"{aside}-wal"))
            Path(f"{target}-shm").unlink(missing_ok=True)
        try:
            os.replace(temp, target)
        except OSError:
            if aside is not None:  # put the current file back where it was
                os.replace(aside, target)
                if Path(f"{aside}-wal").exists():
                    os.replace(Path(f"{aside}-wal"), Path(f"{target}-wal"))
            raise
        temp = None
        _fsync_path(target.parent, folder=True)
        return aside
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"{target}: cannot restore {backup.name} ({_why(exc)})") from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
        lock.release()


# --- automatic backups of an open portfolio --------------------------------------------------


class AutoBackup:
    """Backups of one open portfolio: on demand (``now``) and when changed (``if_changed``)."""

    def __init__(self, store: HasConnection, path: Path, backups_dir: Path) -> None:
        self.store = store
        self.path = path
        self.backups_dir = backups_dir
        self.problem: str | None = None  # why the last automatic backup failed, if it did
        self._digest: str | None = None  # content digest of the latest backup
        # (total_changes, data_version) when the file was last seen to match its latest backup:
        # while it is the same, nothing was written and the file need not be digested again
        self._matched_at: tuple[int, int] | None = None
        # The open-time backup, when the window put it off until just after its first paint
        # (``defer_open``): the file's version at open while that backup is still to be taken.
        self._open_pending_at: tuple[int, int] | None = None

    def defer_open(self) -> None:
        """Put the open-time backup off until ``finish_open`` (the window calls it right after
        its first paint, before any edit can be made)."""
        self._open_pending_at = self._version()

    def finish_open(self) -> Path | None:
        """Take the put-off open-time backup (if changed since the latest); never raises.
        Idempotent: does nothing when no open-time backup is pending."""
        if self._open_pending_at is None:
            return None
        self._open_pending_at = None
        return self.if_changed("open")

    def _version(self) -> tuple[int, int]:
        conn = self.store.conn
        return conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])

    def now(self, reason: str, *, digest: str | None = None) -> Path:
        """Take a backup whatever the state (before an import, a merge, a migration ...).

        ``digest``: the file's content_digest, if just computed (saves reading it again)."""
        before = self._version()
        made = backup_now(self.store, self.path, self.backups_dir, reason)
        after = self._version()
        if digest is None or after != before:
            digest = content_digest(self.store.conn)
        self._digest, self._matched_at = digest, after
        self.problem = None
        return made

    def if_changed(self, reason: str) -> Path | None:
        """Back up if the portfolio changed since its latest backup; never raises.

        A failure is kept in ``problem`` for the window to show: opening or closing a file
        must not fail because its backup could not be written.
        """
        try:
            version = self._version()
            if self._open_pending_at is not None:
                pending_at, self._open_pending_at = self._open_pending_at, None
                if version == pending_at:
                    # the open-time backup never ran and nothing was written since the file was
                    # opened: it is on disk exactly as it was found, so there is nothing to save
                    return None
            if self._digest is not None and version == self._matched_at:
                return None  # nothing written since the file matched its latest backup
            current = content_digest(self.store.conn)
            if self._digest is None:  # an unreadable latest backup gives None: back up again
                short = portfolio_short_id(self.store.conn)
                found = list_backups(self.backups_dir, short, count_entries=False)
                self._digest = (file_digest(found[0].path) if found else None) or ""
            if current == self._digest:
                self._matched_at = version
                return None
            return self.now(reason, digest=current)
        except (BackupError, sqlite3.Error, OSError) as exc:
            self.problem = str(exc)
            return None


def attach_latest_backup(error: Exception, backups_dir: Path, portfolio: Path) -> None:
    """Give a PortfolioError about ``portfolio`` the newest good backup to offer, if any."""
    if not isinstance(error, _RESTORABLE) or error.latest_backup is not None:
        return
    error.latest_backup = latest_backup(backups_dir, portfolio)
