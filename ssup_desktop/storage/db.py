"""SQLite connection for one portfolio file: errors, the single transaction wrapper, migrations."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# "SSUP" in ASCII: marks a SQLite file as an SSUP Desktop portfolio (PRAGMA application_id).
APPLICATION_ID = 0x53535550
SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class PortfolioError(Exception):
    """A portfolio file cannot be used; the message names the file and the problem."""


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


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The packaged migrations, ordered by their number (which must run 1, 2, 3 ...)."""
    found: list[Migration] = []
    for entry in resources.files("ssup_desktop.storage.migrations").iterdir():
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
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


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


def migrate(conn: sqlite3.Connection, path: Path, upto: int = LATEST_SCHEMA) -> None:
    """Apply every migration newer than the file's user_version, each in its own transaction."""
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


def open_connection(path: Path, *, upto: int = LATEST_SCHEMA) -> sqlite3.Connection:
    """Open an existing portfolio, refusing foreign, damaged and newer files; then migrate."""
    if not path.exists():
        raise PortfolioNotFoundError(f"{path}: no such portfolio file")
    if not path.is_file():
        raise PortfolioNotFoundError(f"{path}: not a file")
    _check_header(path)
    try:
        conn = _connect(path, must_exist=True)
    except sqlite3.Error as exc:
        raise PortfolioDamagedError(f"{path}: cannot open ({exc})") from exc
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = schema_version(conn)
        if app_id != APPLICATION_ID:
            raise NotAPortfolioError(f"{path}: not an SSUP Desktop portfolio")
        if version > LATEST_SCHEMA:
            raise NewerSchemaError(
                f"{path}: made by a newer version of SSUP Desktop "
                f"(schema {version}, this version reads up to {LATEST_SCHEMA})"
            )
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        _configure(conn)
        migrate(conn, path, upto)
    except PortfolioError:
        conn.close()
        raise
    except sqlite3.OperationalError as exc:  # locked, read-only, out of disk space ...
        conn.close()
        raise PortfolioError(f"{path}: cannot open ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise PortfolioDamagedError(f"{path}: damaged portfolio file ({exc})") from exc
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
        raise PortfolioError(f"{path}: cannot create ({exc.strerror})") from exc
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)
    conn = _connect(path, must_exist=True)
    try:
        _configure(conn)
        migrate(conn, path, upto)
    except BaseException:
        conn.close()
        path.unlink(missing_ok=True)
        raise
    return conn
