"""SQLite connection for one portfolio file: errors, the single transaction wrapper, migrations."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

from ssup_desktop.storage.errors import (
    NewerSchemaError,
    NotAPortfolioError,
    PortfolioDamagedError,
    PortfolioError,
    PortfolioExistsError,
    PortfolioInUseError,
    PortfolioNotFoundError,
    PortfolioWriteError,
    describe_os_error,
    should_translate,
    translate,
)

__all__ = [
    "NewerSchemaError",
    "NotAPortfolioError",
    "PortfolioDamagedError",
    "PortfolioError",
    "PortfolioExistsError",
    "PortfolioInUseError",
    "PortfolioNotFoundError",
]

# "SSUP" in ASCII: marks a SQLite file as an SSUP Desktop portfolio (PRAGMA application_id).
APPLICATION_ID = 0x53535550
SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"  # packaged SQL files


# a NamedTuple, not a dataclass: defined as the app starts, where defining a dataclass costs 1 ms
class Migration(NamedTuple):
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The packaged migrations, ordered by their number (which must run 1, 2, 3 ...)."""
    found: list[Migration] = []
    for entry in MIGRATIONS_DIR.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {[m.name for m in found]}")
    return found


MIGRATIONS = load_migrations()
LATEST_SCHEMA = len(MIGRATIONS)


def split_statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (triggers' BEGIN ... END kept whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if statement.rstrip(";").strip() and not _only_comments(statement):
                statements.append(statement)
    if buffer.strip() and not _only_comments(buffer):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer[:60]!r}")
    return statements


def _only_comments(sql: str) -> bool:
    return all(
        not line.strip() or line.strip().startswith("--") or line.strip() == ";"
        for line in sql.splitlines()
    )


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; ROLLBACK on any exception (then re-raise)."""
    if conn.in_transaction:
        raise RuntimeError("a transaction is already open on this connection")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:  # read-only file or journal, locked, disk gone ...
        if should_translate(exc):
            raise translate(database_path(conn), exc) from exc
        raise
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            # SQLite may already have rolled back (e.g. after a full disk): report the cause
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error) and should_translate(exc):
            raise translate(database_path(conn), exc) from exc
        raise


def database_path(conn: sqlite3.Connection) -> Path:
    """The file behind ``conn`` (for messages)."""
    try:
        for _seq, name, file in conn.execute("PRAGMA database_list"):
            if name == "main" and file:
                return Path(file)
    except sqlite3.Error:
        pass
    return Path("portfolio")


def _connect(path: Path, *, must_exist: bool) -> sqlite3.Connection:
    mode = "rw" if must_exist else "rwc"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    upto: int = LATEST_SCHEMA,
    backups_dir: Path | None = None,
) -> None:
    """Apply every migration newer than the file's user_version, each in its own transaction.

    With ``backups_dir``, a file that already holds tables is backed up first (and a failed
    backup stops the upgrade before anything changes).
    """
    pending = [m for m in MIGRATIONS[:upto] if m.version > schema_version(conn)]
    # fetched at once: a statement left open would lock the schema (a migration's DROP TABLE)
    has_tables = conn.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").fetchone()
    if pending and backups_dir is not None and has_tables[0]:
        from ssup_desktop.storage.backup import backup_now

        backup_now(conn, path, backups_dir, "before-upgrade")
    for migration in MIGRATIONS[:upto]:
        if schema_version(conn) >= migration.version:
            continue
        with transaction(conn):
            if migration.version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.version}")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise PortfolioError(f"{path}: cannot read ({exc.strerror})") from exc
    if not header:
        raise NotAPortfolioError(f"{path}: empty file, not an SSUP Desktop portfolio")
    if header != SQLITE_HEADER:
        raise NotAPortfolioError(f"{path}: not an SSUP Desktop portfolio")


def _heal_side_files(path: Path) -> None:
    """Give -wal/-shm files left read-only (by a read-only open) the owner-only mode again."""
    if os.name != "posix" or not os.access(path, os.W_OK):
        return
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if side.exists() and not os.access(side, os.W_OK):
                side.chmod(0o600)
        except OSError:
            pass  # not ours: SQLite will say the file is read-only


class IntegrityCheck:
    """``PRAGMA quick_check`` of a portfolio file, on a read-only connection of its own.

    It reads every page, so it grows with the file (15 ms at 5,000 entries). ``start()`` runs it
    in a worker thread (sqlite3 lets go of the GIL while it reads) so that it goes on beside other
    start-up work; ``wait()`` then gives its verdict, raising PortfolioDamagedError (or another
    PortfolioError) as the check at open would have. Nothing may be written before ``wait()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread: threading.Thread | None = None
        self._error: PortfolioError | None = None
        self._done = False

    def run(self) -> None:
        """Check now, in this thread; raises like ``wait()``."""
        self._check()
        self.wait()

    @property
    def in_background(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._check, name="ssup-quick-check", daemon=True)
        self._thread.start()

    def join(self) -> None:
        """Wait for a started check to end (its verdict aside)."""
        if self._thread is not None:
            self._thread.join()

    def wait(self) -> None:
        self.join()
        if not self._done:
            raise PortfolioError(f"{self.path}: the integrity check did not run")
        if self._error is not None:
            raise self._error

    def _check(self) -> None:
        path = self.path
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                found = [str(row[0]) for row in conn.execute("PRAGMA quick_check(5)")]
            finally:
                conn.close()
            if found != ["ok"]:
                first = " ".join(found[0].replace("*** in database main ***", "").split())
                raise PortfolioDamagedError(f"{path}: damaged portfolio file ({first[:200]})")
        except PortfolioError as exc:
            self._error = exc
        except sqlite3.Error as exc:
            self._error = translate(path, exc, "nothing was changed")
            self._error.__cause__ = exc
        except Exception as exc:  # no verdict is not a "sound": the file is refused
            self._error = PortfolioError(f"{path}: could not be checked for damage ({exc})")
            self._error.__cause__ = exc
        finally:
            self._done = True


def _inspect(path: Path, upto: int, integrity: IntegrityCheck | None) -> None:
    """Look at the file through a read-only connection, so a refused file is never written.

    Its integrity is checked here, unless ``integrity`` is given: then that check is started
    in the background (the caller waits for it before writing), unless opening the file could
    itself write to it before the verdict: a migration, a switch to WAL mode, or a -wal file
    left with frames (checkpointed into the file when it closes). Then it is run here."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise translate(path, exc, "nothing was changed") from exc
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = schema_version(conn)
        in_wal = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
        if app_id != APPLICATION_ID:
            raise NotAPortfolioError(f"{path}: not an SSUP Desktop portfolio")
        if version > LATEST_SCHEMA:
            raise NewerSchemaError(
                f"{path}: made by a newer version of SSUP Desktop "
                f"(schema {version}, this version reads up to {LATEST_SCHEMA})"
            )
    except sqlite3.Error as exc:
        raise translate(path, exc, "nothing was changed") from exc
    finally:
        conn.close()
    wal = Path(f"{path}-wal")
    writes_on_open = version < upto or not in_wal or (wal.exists() and wal.stat().st_size > 0)
    if integrity is None:
        IntegrityCheck(path).run()
    elif writes_on_open:  # the verdict is needed before the file is opened for writing
        integrity.run()
    else:
        integrity.start()


def open_connection(
    path: Path,
    *,
    upto: int = LATEST_SCHEMA,
    backups_dir: Path | None = None,
    integrity: IntegrityCheck | None = None,
) -> sqlite3.Connection:
    """Open an existing portfolio, refusing foreign, damaged and newer files; then migrate.

    With ``backups_dir``, an older file is backed up there before it is upgraded. With
    ``integrity``, the damage check may still be running when this returns (see _inspect).
    """
    if not path.exists():
        raise PortfolioNotFoundError(f"{path}: no such portfolio file")
    if not path.is_file():
        raise PortfolioNotFoundError(f"{path}: not a file")
    _check_header(path)
    _heal_side_files(path)
    _inspect(path, upto, integrity)
    try:
        conn = _connect(path, must_exist=True)
    except sqlite3.Error as exc:
        raise translate(path, exc, "nothing was changed") from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        _configure(conn)
        migrate(conn, path, upto, backups_dir)
    except PortfolioError:
        conn.close()
        raise
    except sqlite3.Error as exc:  # locked, read-only, out of disk space, damaged ...
        conn.close()
        raise translate(path, exc, "nothing was changed") from exc
    return conn


def create_connection(path: Path, *, upto: int = LATEST_SCHEMA) -> sqlite3.Connection:
    """Create a new portfolio file (owner-only permissions) with the current schema."""
    if path.exists():
        raise PortfolioExistsError(f"{path}: already exists")
    if not path.parent.is_dir():
        raise PortfolioNotFoundError(f"{path}: folder {path.parent} does not exist")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise PortfolioWriteError(f"{path}: cannot create ({describe_os_error(exc)})") from exc
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)
    conn = _connect(path, must_exist=True)
    try:
        _configure(conn)
        migrate(conn, path, upto)
    except BaseException as exc:
        conn.close()
        path.unlink(missing_ok=True)
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error) and should_translate(exc):
            raise translate(path, exc, "nothing was created") from exc
        raise
    return conn
